"""``graphintel synth``: generate a realistic, fictional data set with its ground truth."""

from __future__ import annotations

from pathlib import Path

import typer

from graphintel.cli.common import console, outside_home, settings, status


def synth(
    out: Path = typer.Option(..., "--out", "-o", metavar="FOLDER",
                             help="Folder to write the data set into."),
    seed: int = typer.Option(1, help="Random seed: the same seed gives the same files."),
    scale: float = typer.Option(1.0, help="About 1,000 reports per 1.0."),
    as_of: str = typer.Option("2025-06-30", help="The data set's 'today' (ISO date)."),
    tables: bool = typer.Option(True, help="Also write the five tabular extracts."),
) -> None:
    """Write synthetic reports (canonical JSON Lines), tables and the ground truth."""
    from graphintel.audit import audited
    from graphintel.synth import generate

    outside_home(settings(), out)
    params = {"out": str(out), "seed": seed, "scale": scale, "as_of": as_of, "tables": tables}
    with audited(settings(), "synth", params=params) as rec:
        with status("generating the data set"):
            result = generate(out, seed=seed, scale=scale, as_of=as_of, tabular=tables)
        rec.outputs.extend(str(p) for p in result.files.values())
        rec.records = result.reports
    console.print(f"{result.reports} reports, {result.people} people, {result.networks} "
                  f"networks, {result.victims} children at risk, {result.missing_episodes} "
                  "missing episodes")
    for path in result.files.values():
        console.print(str(path))
