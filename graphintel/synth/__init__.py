"""Synthetic, fictional CSE intelligence for demos, tests and benchmarks.

:func:`generate` simulates a world (exploitation networks with organisers, recruiters,
drivers, hosts, associates and child victims with repeated missing episodes; brokers
between networks; unrelated background people) and writes into a folder:

- ``reports.jsonl``: canonical intelligence reports (FORMATS.md §1), one per line;
- ``ground_truth.json``: the truth behind them (networks, roles, victim links, the true
  duplicates that exact keys cannot merge);
- with ``tabular=True``: ``intel_log.csv``, ``missing_episodes.csv``, ``call_data.csv``,
  ``anpr.csv`` and ``associations.csv``, extracts of the same world.

Same seed, scale and ``as_of`` give byte-identical files. All names, numbers (Ofcom drama
ranges), VRMs and addresses are invented.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphintel.errors import GraphintelError, OutputError
from graphintel.secure_files import open_private, private_dir, write_text
from graphintel.synth.reports import iter_reports
from graphintel.synth.tabular import TABLES
from graphintel.synth.world import World, build_world

__all__ = ["SynthResult", "generate"]


@dataclass(frozen=True, slots=True)
class SynthResult:
    """What :func:`generate` wrote: the files and the size of the world behind them."""

    out_dir: Path
    files: dict[str, Path] = field(default_factory=dict)
    reports: int = 0
    people: int = 0
    networks: int = 0
    victims: int = 0
    missing_episodes: int = 0


def _ground_truth(world: World) -> dict[str, Any]:
    """The truth of ``world`` as JSON-ready data."""
    people = world.people
    networks = []
    for net in world.networks:
        perps = net.perpetrators
        networks.append({
            "id": net.nid, "members": net.members, "organisers": net.organisers,
            "recruiters": net.recruiters, "drivers": net.drivers, "hosts": net.hosts,
            "victims": net.victims, "associates": net.associates,
            "hotspots": [{"address": world.locations[i].address,
                          "postcode": world.locations[i].postcode} for i in net.hotspots],
            "vehicles": list(dict.fromkeys(world.vehicles[v].vrm for p in perps
                                           for v in people[p].vehicles)),
            "phones": list(dict.fromkeys(world.phones[i].number.e164 for p in perps
                                         for i in people[p].phones)),
        })
    duplicates = [[{"person_id": p.pid, "name": p.names[0], "dob": p.dob.isoformat()},
                   {"person_id": p.pid, "name": p.misspelt, "dob": p.dob.isoformat()}]
                  for p in people.values() if p.misspelt]
    return {
        "seed": world.seed, "scale": world.scale, "as_of": world.as_of.isoformat(),
        "networks": networks,
        "brokers": [{"person": pid, "networks": [a, b]} for pid, a, b in world.brokers],
        "people": {p.pid: {"name": p.names[0], "dob": p.dob.isoformat(),
                           "nominal_ref": p.nominal_ref, "true_role": p.true_role,
                           "network": p.network, "roles": p.roles,
                           "name_variants": p.names + ([p.misspelt] if p.misspelt else [])}
                   for p in people.values()},
        "victim_links": [[s, v] for s, v in world.victim_links],
        "duplicates": duplicates,
    }


def _dump(truth: dict[str, Any]) -> str:
    """JSON with one line per network, person, link and duplicate: readable and fast."""
    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = []
    for name, value in truth.items():
        if isinstance(value, dict) and value:
            items = [f"  {one(k)}: {one(v)}" for k, v in value.items()]
        elif isinstance(value, list) and value:
            items = [f"  {one(v)}" for v in value]
        else:
            lines.append(f" {one(name)}: {one(value)}")
            continue
        inner = ",\n".join(items)
        brackets = "{}" if isinstance(value, dict) else "[]"
        lines.append(f" {one(name)}: {brackets[0]}\n{inner}\n {brackets[1]}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def generate(out_dir: Path, *, seed: int = 1, scale: float = 1.0, as_of: str = "2025-06-30",
             tabular: bool = True) -> SynthResult:
    """Write a synthetic world's reports, ground truth and (optionally) tables to ``out_dir``.

    ``scale`` 1.0 is about 1000 reports and 8 networks; reports are streamed to the file,
    so scale 100 (about 100k reports) stays light on memory. ``as_of`` (ISO date) ends the
    two-year window the reports fall in. Raises :class:`GraphintelError` for a bad argument
    and :class:`OutputError` when the folder cannot be written.
    """
    try:
        day = date.fromisoformat(as_of)
    except (TypeError, ValueError):
        raise GraphintelError(f"as_of {as_of!r} is not an ISO date", "as_of",
                              "give a date such as 2025-06-30") from None
    if not 0 < scale <= 1000:
        raise GraphintelError(f"scale {scale!r} is out of range", "scale",
                              "use a number above 0 and at most 1000 (1.0 = ~1000 reports)")
    world = build_world(seed, scale, day)
    out = Path(out_dir)
    files: dict[str, Path] = {}
    count = 0
    try:
        private_dir(out)
        files["reports.jsonl"] = out / "reports.jsonl"
        with open_private(files["reports.jsonl"], "w", newline="\n") as fh:
            for report in iter_reports(world):
                fh.write(json.dumps(report, ensure_ascii=False) + "\n")
                count += 1
        for name, (header, rows) in (TABLES.items() if tabular else []):
            files[name] = out / name
            with open_private(files[name], "w", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(header)
                writer.writerows(rows(world))
        files["ground_truth.json"] = out / "ground_truth.json"
        write_text(files["ground_truth.json"], _dump(_ground_truth(world)))
    except OSError as exc:
        raise OutputError(f"cannot write synthetic data: {exc.strerror or exc}", str(out),
                          "choose a writable folder") from exc
    return SynthResult(out, files, count, len(world.people), len(world.networks),
                       sum(len(net.victims) for net in world.networks), len(world.episodes))
