"""``graphintel analyse``, ``disrupt`` and ``runs``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, list_runs, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.audit import audited
from graphintel.cli.common import console, settings
from graphintel.errors import ConfigError
from graphintel.secure_files import save_output
from graphintel.store import Store


def _params(seed: int, k: int, half_life: float, window: float,
            as_of: str | None = None) -> AnalysisParams:
    return AnalysisParams(seed=seed, k=k, projection=ProjectionParams(
        half_life_days=half_life, cosighting_window_hours=window, as_of=as_of))


def _as_of(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"--as-of {text!r} is not a date", "--as-of",
                          "give the analysis date as YYYY-MM-DD") from None


def analyse(
    seed: int = typer.Option(0, help="Seed for sampling and community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
    half_life: float = typer.Option(365.0, help="Days for a report's weight to halve."),
    window: float = typer.Option(3.0, help="Hours within which two sightings co-locate."),
    top: int = typer.Option(20, help="Targets to print."),
    json_file: Path | None = typer.Option(None, "--json", help="Write the full result here."),
    no_write: bool = typer.Option(False, "--no-write", help="Do not store the run in Neo4j."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Analysis date (YYYY-MM-DD): ages and recency are measured on "
        "it. Default: today."),
) -> None:
    """Find the networks and rank the candidate disruption targets, with reasons."""
    config = settings()
    if as_of is not None:
        as_of = _as_of(as_of)
    params = {"seed": seed, "k": k, "half_life": half_life, "window": window,
              "write": not no_write, "as_of": as_of}
    if json_file:
        params["json"] = str(json_file)
    with audited(config, "analyse", params=params) as record:
        with Store.open(config) as store:
            done = run_analysis(store, _params(seed, k, half_life, window, as_of),
                                write=not no_write)
        record.records = len(done.result["targets"])
        record.details["run"] = done.id
        if json_file:
            record.outputs.append(str(json_file.resolve()))
            save_output(json_file, done.to_json())
    run = done.result["run"]
    console.print(f"analysis run {run['id']}: {run['persons']} people, {run['links']} links, "
                  f"{run['suspects']} suspects, {run['at_risk']} people at risk "
                  f"({run['children']} children), {run['networks']} networks")
    for s in done.result["safeguarding"]:
        console.print(f"safeguarding first: {s['name']} (age {s['age'] or 'unknown'}) - "
                      f"{s['reasons'][0]}")
    table = Table("rank", "target", "score", "network", "linked", "reasons")
    for t in done.result["targets"][:top]:
        table.add_row(str(t["rank"]), t["name"], f"{t['score']:.1f}", str(t["community"]),
                      str(len(t["linked_victims"])), "; ".join(t["reasons"]))
    console.print(table)
    if json_file:
        console.print(f"result written to {json_file}")


def disrupt_command(
    remove: list[str] = typer.Option([], "--remove", help="Person to remove (repeatable)."),
    greedy: int = typer.Option(0, help="Also propose the best set of this many people."),
    seed: int = typer.Option(0, help="Seed for community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
) -> None:
    """Show what removing people would do: connections cut, children cut off, splits."""
    config = settings()
    params = {"remove": remove, "greedy": greedy, "seed": seed, "k": k}
    with audited(config, "disrupt", params=params), Store.open(config) as store:
        out = disrupt(store, remove, greedy=greedy, params=_params(seed, k, 365.0, 3.0))
    for p in out.get("safeguarded", []):
        console.print(f"safeguarding: {p['name']} is a child or a victim: {p['note']}")
    if "removal" in out:
        r = out["removal"]
        names = ", ".join(p["name"] for p in r["removed"])
        console.print(f"removing {names}: suspect-child connections {r['pairs_before']} -> "
                      f"{r['pairs_after']} ({len(r['pairs_cut'])} cut)")
        for v in r["victims_cut_off"]:
            console.print(f"  child no longer linked to any suspect within {k}: {v['name']}")
        for split in r["network_splits"]:
            console.print(f"  network {split['community']} splits into {split['parts_after']} "
                          "parts")
    for i, p in enumerate(out.get("greedy", []), start=1):
        console.print(f"greedy pick {i}: {p['name']} (cumulative connections cut "
                      f"{p['cumulative_pairs_cut']})")
    if not remove and not greedy:
        console.print("nothing to do: give --remove NAME and/or --greedy N")


def runs() -> None:
    """List the stored analysis runs, newest first."""
    config = settings()
    with audited(config, "runs") as rec, Store.open(config) as store:
        rows = list_runs(store)
        rec.records = len(rows)
    console.print(json.dumps(rows, indent=2) if rows else "no analysis runs yet")
