"""``graphintel analyse``, ``disrupt`` and ``runs``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, AnalysisRun, list_runs, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.analysis.windows import analyse_windows, parse_days
from graphintel.audit import audited
from graphintel.cli.common import console, settings
from graphintel.config import Settings
from graphintel.errors import ConfigError
from graphintel.secure_files import save_output
from graphintel.store import Store


def _params(config: Settings, seed: int, k: int, half_life: float, window: float,
            as_of: str | None = None, from_date: str | None = None,
            to_date: str | None = None) -> AnalysisParams:
    return AnalysisParams(seed=seed, k=k, projection=ProjectionParams(
        half_life_days=half_life, cosighting_window_hours=window, as_of=as_of,
        max_shared_entity_people=config.hub_people, from_date=from_date, to_date=to_date))


def _as_of(text: str, option: str = "--as-of") -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"{option} {text!r} is not a date", option,
                          "give the date as YYYY-MM-DD") from None


def analyse(
    seed: int = typer.Option(0, help="Seed for sampling and community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
    half_life: float = typer.Option(365.0, help="Days for a report's weight to halve."),
    window: float = typer.Option(3.0, help="Hours within which two sightings co-locate."),
    top: int = typer.Option(20, help="Targets to print."),
    json_file: Path | None = typer.Option(
        None, "--json", help="Write the full result here (with --window: a list of them)."),
    no_write: bool = typer.Option(False, "--no-write", help="Do not store the run in Neo4j."),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Analysis date (YYYY-MM-DD): ages and recency are measured on "
        "it. Default: --to, else today."),
    from_date: str | None = typer.Option(
        None, "--from", help="Leave out evidence dated before this day (YYYY-MM-DD)."),
    to_date: str | None = typer.Option(
        None, "--to", help="Leave out evidence dated after this day (YYYY-MM-DD)."),
    span: str | None = typer.Option(
        None, "--window", help="A series of runs over windows this long (60d, 8w), from "
        "--from (default: first report) to --to (default: last report)."),
    step: str | None = typer.Option(
        None, "--step", help="With --window: move each window on by this much (default: the "
        "window's length)."),
) -> None:
    """Find the networks and rank the candidate disruption targets, with reasons."""
    config = settings()
    as_of = _as_of(as_of) if as_of is not None else None
    from_date = _as_of(from_date, "--from") if from_date is not None else None
    to_date = _as_of(to_date, "--to") if to_date is not None else None
    if from_date and to_date and from_date > to_date:
        raise ConfigError(f"--from {from_date} is after --to {to_date}", "--from",
                          "give a --from before --to")
    if step is not None and span is None:
        raise ConfigError("--step needs --window", "--step", "add --window, e.g. --window 60d")
    days = parse_days(span, "--window") if span is not None else None
    step_days = parse_days(step, "--step") if step is not None else None
    params = {"seed": seed, "k": k, "half_life": half_life, "window": window,
              "write": not no_write, "as_of": as_of, "from": from_date, "to": to_date,
              "window_days": days, "step_days": step_days, "hub_people": config.hub_people}
    if json_file:
        params["json"] = str(json_file)
    analysis = _params(config, seed, k, half_life, window, as_of, from_date, to_date)
    with audited(config, "analyse", params=params) as record:
        with Store.open(config) as store:
            if days is None:
                done = [run_analysis(store, analysis, write=not no_write)]
            else:
                done = analyse_windows(store, analysis, window_days=days, step_days=step_days,
                                       from_date=from_date, to_date=to_date,
                                       write=not no_write)
        record.records = sum(len(d.result["targets"]) for d in done)
        record.details["runs"] = [d.id for d in done]
        if json_file:
            record.outputs.append(str(json_file.resolve()))
            text = done[0].to_json() if days is None else json.dumps(
                [d.result for d in done], indent=2, ensure_ascii=False)
            save_output(json_file, text)
    for d in done:
        _print_run(d, top)
    if json_file:
        console.print(f"result written to {json_file}")


def _print_run(done: AnalysisRun, top: int) -> None:
    run = done.result["run"]
    win = run.get("window") or {}
    if win.get("from") or win.get("to"):
        console.print(f"window {win.get('from') or '(start)'} to {win.get('to') or '(end)'}")
    kids, adults = run["children"], run["at_risk"] - run["children"]
    console.print(f"analysis run {run['id']}: {run['persons']} people, {run['links']} links, "
                  f"{run['suspects']} suspects, {run['at_risk']} people at risk "
                  f"({kids} {'child' if kids == 1 else 'children'} under 18, {adults} adult "
                  f"{'victim' if adults == 1 else 'victims'}), {run['networks']} networks")
    g = run.get("graph") or {}
    if g:
        console.print(f"density {g['density']:.3f}, degree centralisation "
                      f"{g['degree_centralisation']:.3f}, betweenness centralisation "
                      f"{g['betweenness_centralisation']:.3f}")
    for hub in run.get("skipped_hub_entities") or []:
        console.print(hub["text"])
    for s in done.result["safeguarding"]:
        console.print(f"safeguarding first: {s['name']} (age {s['age'] or 'unknown'}) - "
                      f"{s['reasons'][0]}")
    table = Table("rank", "target", "score", "network", "linked", "reasons")
    for t in done.result["targets"][:top]:
        table.add_row(str(t["rank"]), t["name"], f"{t['score']:.1f}", str(t["community"]),
                      str(len(t["linked_victims"])), "; ".join(t["reasons"]))
    console.print(table)


def _frag(f: dict[str, Any]) -> str:
    return (f"largest connected part {f['lcc_fraction']:.0%} of {f['offenders']} offenders, "
            f"{f['components']} parts, efficiency {f['efficiency']:.3f}")


def disrupt_command(
    remove: list[str] = typer.Option([], "--remove", help="Person to remove (repeatable)."),
    greedy: int = typer.Option(0, help="Also propose the best set of this many people."),
    sequential: int = typer.Option(
        0, "--sequential", help="Remove the highest-betweenness unprotected suspect this many "
        "times, recomputing after each, and show how the offender network breaks up."),
    seed: int = typer.Option(0, help="Seed for community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
    json_out: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Show what removing people would do: connections to victims and children cut, and
    how the offender network breaks up."""
    config = settings()
    params = {"remove": remove, "greedy": greedy, "sequential": sequential, "seed": seed,
              "k": k, "json": json_out}
    with audited(config, "disrupt", params=params), Store.open(config) as store:
        out = disrupt(store, remove, greedy=greedy, sequential=sequential,
                      params=_params(config, seed, k, 365.0, 3.0))
    if json_out:
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    for p in out.get("safeguarded", []):
        console.print(f"safeguarding: {p['name']} is a child or a victim: {p['note']}")
    if out.get("nothing_to_cut"):
        console.print(f"nothing to cut: {out['nothing_to_cut']}")
    frag = out["fragmentation"]
    console.print(f"offender network: {_frag(frag['before'])}")
    if "removal" in out:
        r = out["removal"]
        names = ", ".join(p["name"] for p in r["removed"])
        console.print(f"removing {names}: suspect–victim connections {r['pairs_before']} -> "
                      f"{r['pairs_after']} ({len(r['pairs_cut'])} cut)")
        for v in r["victims_cut_off"]:
            console.print(f"  victim or child no longer linked to any suspect within {k}: "
                          f"{v['name']}")
        for split in r["network_splits"]:
            console.print(f"  network {split['community']} splits into {split['parts_after']} "
                          "parts")
        console.print(f"  offender network after: {_frag(frag['after'])}")
    for i, step_ in enumerate(out.get("sequential", []), start=1):
        console.print(f"sequential {i}: remove {step_['person']['name']}: largest connected "
                      f"part {step_['lcc_fraction']:.3f}, {step_['components']} parts, "
                      f"efficiency {step_['efficiency']:.3f}")
    for i, p in enumerate(out.get("greedy", []), start=1):
        console.print(f"greedy pick {i}: {p['name']} (cumulative connections cut "
                      f"{p['cumulative_pairs_cut']})")
    if not remove and not greedy and not sequential:
        console.print("nothing removed: give --remove NAME, --greedy N and/or --sequential N")


def runs() -> None:
    """List the stored analysis runs, newest first."""
    config = settings()
    with audited(config, "runs") as rec, Store.open(config) as store:
        rows = list_runs(store)
        rec.records = len(rows)
    console.print(json.dumps(rows, indent=2) if rows else "no analysis runs yet")
