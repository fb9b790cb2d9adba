"""Published criminal-network data sets -> graphintel's canonical JSON Lines + ground truth.

The data (with provenance, verification and licences) lives in ``validation/data/``. Each
converter returns :class:`Converted` (``reports``: canonical reports per FORMATS.md section 1,
``truth``: what the source says about the network); :func:`write` saves ``reports.jsonl`` and
``truth.json`` so the reports load through graphintel's normal ingest::

    python -m validation.published caviar validation/data/caviar/caviar_full_edges_directed.csv \\
        --out out/caviar
    python -m validation.published caviar validation/data/caviar/phases/phase9_edges_directed.csv \\
        --phase 9 --out out/caviar9
    python -m validation.published kosmas validation/data/kosmas_sex_trafficking/HT5_4_40.graphml \\
        --out out/ht5_4
    python -m validation.published matrix validation/data/criminal_matrices/morselli_siren.csv \\
        --name SIREN --out out/siren

Converters: :func:`caviar` (Project CAVIAR wiretap arcs), :func:`kosmas` (synthetic
sex-trafficking networks with known roles), :func:`matrix` (labelled adjacency matrices).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from validation.files import write_dataset
from validation.published_caviar import caviar
from validation.published_common import DATA, Converted, check_report
from validation.published_kosmas import kosmas
from validation.published_matrix import matrix

__all__ = ["DATA", "Converted", "caviar", "check_report", "kosmas", "main", "matrix", "write"]


def write(conv: Converted, folder: Path) -> dict[str, Path]:
    """Write ``reports.jsonl`` (one report a line) and ``truth.json`` into ``folder``."""
    return write_dataset(conv.reports, conv.truth, folder)


def _matrix_name(path: Path) -> str:
    """A nominal-ref prefix from a file name: ``morselli_siren.csv`` -> ``MORSELLI_SIREN``."""
    return re.sub(r"[^A-Za-z0-9]+", "_", path.stem).strip("_").upper()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m validation.published",
                                     description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="kind", required=True)
    p = sub.add_parser("caviar", help="a CAVIAR directed edge list (whole or one phase)")
    p.add_argument("edges_csv", type=Path)
    p.add_argument("--phase", type=int, default=None, help="phase 1-11 of a phase file")
    p.add_argument("--key-players", type=Path, default=DATA / "caviar" / "key_players.csv")
    p = sub.add_parser("kosmas", help="a Kosmas et al. GraphML network")
    p.add_argument("graphml", type=Path)
    p = sub.add_parser("matrix", help="a labelled adjacency-matrix CSV")
    p.add_argument("csv", type=Path)
    p.add_argument("--name", default=None, help="nominal-ref prefix (default: from file name)")
    for p in sub.choices.values():
        p.add_argument("--out", type=Path, required=True, help="folder for the two files")
    args = parser.parse_args(argv)
    try:
        if args.kind == "caviar":
            conv = caviar(args.edges_csv, phase=args.phase, key_players_csv=args.key_players)
        elif args.kind == "kosmas":
            conv = kosmas(args.graphml)
        else:
            conv = matrix(args.csv, args.name or _matrix_name(args.csv))
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    paths = write(conv, args.out)
    print(f"{len(conv.reports)} reports -> {paths['reports']}; truth -> {paths['truth']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
