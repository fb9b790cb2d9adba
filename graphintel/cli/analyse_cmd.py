"""``graphintel analyse``, ``disrupt`` and ``runs``.

Library code (the analysis, the driver, networkx) is imported inside the commands, so
``--help`` starts at once.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from graphintel.cli.common import (
    console,
    lookup_person,
    note,
    outside_home,
    phases,
    settings,
    status,
    warn,
    warn_if_empty,
)
from graphintel.cli.output import FORMAT, OUTPUT, Format, chosen, emit, write
from graphintel.errors import ConfigError

if TYPE_CHECKING:
    from graphintel.analysis.run import AnalysisParams, AnalysisRun
    from graphintel.config import Settings
    from graphintel.store import Store

AS_OF_HELP = ("Analysis date (YYYY-MM-DD): the analysis is of what was known on that day "
              "(evidence dated after it is left out) and ages and recency are measured on it. "
              "Default: --to, else today.")
#: At most this many people named as suspects only by intelligence suspected false are
#: named on the screen (the JSON lists them all).
UNFOUNDED_SHOWN = 5
TARGET_COLUMNS = ["run", "rank", "uid", "name", "score", "network", "linked", "reasons"]
#: The score's default weights as words for --help, written out so that --help imports no
#: analysis code (a test holds it to analysis.score_weights.DEFAULT_WEIGHTS).
DEFAULTS_TEXT = ("reach 0.35, network 0.25, control 0.15, brokerage 0.15, contact 0.15, "
                 "centrality 0.1")


def _params(config: Settings, seed: int, k: int, half_life: float, window: float,
            as_of: str | None = None, from_date: str | None = None,
            to_date: str | None = None, count_curves: str | None = None,
            score_weights: str | None = None) -> AnalysisParams:
    from graphintel.analysis.projection import ProjectionParams
    from graphintel.analysis.run import AnalysisParams
    from graphintel.analysis.score_weights import parse_score_weights
    from graphintel.analysis.weights import parse_count_curves

    projection = ProjectionParams(
        half_life_days=half_life, cosighting_window_hours=window, as_of=as_of,
        max_shared_entity_people=config.hub_people, from_date=from_date, to_date=to_date,
        count_curves=parse_count_curves(count_curves))
    params = AnalysisParams(seed=seed, k=k, projection=projection,
                            score_weights=parse_score_weights(score_weights))
    params.check()
    return params


def _as_of(text: str, option: str = "--as-of") -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ConfigError(f"{option} {text!r} is not a date", option,
                          "give the date as YYYY-MM-DD") from None


def _deprecated(old: str, new: str) -> None:
    note(f"note: {old} is deprecated; use {new}")


def analyse(
    seed: int = typer.Option(0, help="Seed for sampling and community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
    half_life: float = typer.Option(365.0, help="Days for a report's weight to halve."),
    window: float = typer.Option(3.0, "--cosighting-hours",
                                 help="Hours within which two sightings co-locate."),
    top: int = typer.Option(20, help="Targets shown in the table (csv and json give all)."),
    fmt: Format | None = FORMAT,
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write the full result to this file "
        "(created 0600; JSON unless --format or the extension says otherwise; with --window "
        "a list of results); the screen still shows the summary."),
    json_file: Path | None = typer.Option(None, "--json", hidden=True,
                                          help="Deprecated: -o FILE.json."),
    no_write: bool = typer.Option(False, "--no-write", help="Do not store the run in Neo4j."),
    as_of: str | None = typer.Option(None, "--as-of", help=AS_OF_HELP),
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
    count_curves: str | None = typer.Option(
        None, "--count-curves", metavar="KIND=CURVE,...", help="How call and meeting counts "
        "become tie strength, per link kind: linear, log or saturating:H (default: "
        "phone_contact and account_contact linear, everything else saturating:10), e.g. "
        "phone_contact=log,default=saturating:5."),
    score_weights: str | None = typer.Option(
        None, "--score-weights", metavar="PART=WEIGHT,...", help="Weigh the parts of the "
        f"disruption score otherwise (defaults: {DEFAULTS_TEXT}), e.g. contact=0.3 or "
        "brokerage=0 to see what a ranking owes to one part; the run records the weights it "
        "used."),
) -> None:
    """Find the networks and rank the candidate disruption targets, with reasons."""
    from graphintel.analysis.run import run_analysis
    from graphintel.analysis.windows import analyse_windows, parse_days
    from graphintel.audit import audited
    from graphintel.store import Store

    if json_file is not None:
        _deprecated("--json PATH", "-o PATH.json")
        output, fmt = output or json_file, fmt or Format.json
    if output is not None and fmt is None and output.suffix.lower() != ".csv":
        fmt = Format.json
    config = settings()
    outside_home(config, output, json_file)
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
    params: dict[str, Any] = {
        "seed": seed, "k": k, "half_life": half_life, "window": window,
        "write": not no_write, "as_of": as_of, "from": from_date, "to": to_date,
        "window_days": days, "step_days": step_days, "hub_people": config.hub_people,
        "count_curves": count_curves, "score_weights": score_weights,
        "format": chosen(fmt, output).value}
    if output:
        params["output"] = str(output)
    analysis = _params(config, seed, k, half_life, window, as_of, from_date, to_date,
                       count_curves, score_weights)
    with audited(config, "analyse", params=params) as record:
        with Store.open(config) as store:
            empty = warn_if_empty(store, config)
            with phases("analysing") as phase:
                if days is None:
                    done = [run_analysis(store, analysis, write=not no_write, progress=phase)]
                else:
                    done = analyse_windows(store, analysis, window_days=days,
                                           step_days=step_days, from_date=from_date,
                                           to_date=to_date, write=not no_write,
                                           progress=phase)
            if not empty and all(d.result["run"]["persons"] == 0 for d in done):
                warn("no people in the analysed window; widen --from/--to or --window")
        record.records = sum(len(d.result["targets"]) for d in done)
        record.details["runs"] = [d.id for d in done]
        rows = [_target_row(d.id, t) for d in done for t in d.result["targets"]]
        data: Any = done[0].result if days is None else [d.result for d in done]
        fmt = chosen(fmt, output)
        if output is not None or fmt is Format.table:
            for d in done:
                _print_run(d, top)
        if output is not None:
            emit(TARGET_COLUMNS, rows, fmt, output, record, data=data)
            record.records = sum(len(d.result["targets"]) for d in done)
    if output is None and fmt is Format.json:
        write(json.dumps(data, indent=2, ensure_ascii=False) + "\n", None, None)
    elif output is None and fmt is Format.csv:
        emit(TARGET_COLUMNS, rows, fmt, None, None)


def _target_row(run_id: str, t: dict[str, Any]) -> dict[str, Any]:
    return {"run": run_id, "rank": t["rank"], "uid": t["uid"], "name": t["name"],
            "score": round(float(t["score"]), 3), "network": t["community"],
            "linked": len(t["linked_victims"]), "reasons": t["reasons"]}


def _print_run(done: AnalysisRun, top: int) -> None:
    from rich.table import Table

    from graphintel.analysis.safeguarding import at_risk_counts, at_risk_words

    run = done.result["run"]
    win = run.get("window") or {}
    if win.get("from") or win.get("to"):
        console.print(f"window {win.get('from') or '(start)'} to {win.get('to') or '(end)'}")
    console.print(f"analysis run {run['id']}: {run['persons']} people, {run['links']} links, "
                  f"{run['suspects']} suspects, {run['at_risk']} people at risk "
                  f"({at_risk_words(*at_risk_counts(run))}), {run['networks']} networks")
    g = run.get("graph") or {}
    if g:
        console.print(f"density {g['density']:.3f}, degree centralisation "
                      f"{g['degree_centralisation']:.3f}, betweenness centralisation "
                      f"{g['betweenness_centralisation']:.3f}")
    for hub in run.get("skipped_hub_entities") or []:
        console.print(hub["text"])
    for s in done.result["safeguarding"]:
        age = "unknown" if s["age"] is None else s["age"]
        console.print(f"safeguarding first: {s['name']} (age {age}) - {s['reasons'][0]}")
    unfounded = done.result.get("unfounded_suspects") or []
    for u in unfounded[:UNFOUNDED_SHOWN]:
        said = ", ".join(f"{r['ref']} {r['grading']}" for r in u["reports"])
        console.print(f"not treated as a suspect: {u['name']} - named as one only in "
                      f"intelligence graded as suspected false ({said}); corroborate first")
    if len(unfounded) > UNFOUNDED_SHOWN:
        console.print(f"not treated as suspects: {len(unfounded) - UNFOUNDED_SHOWN:,} more "
                      "named only in intelligence graded as suspected false "
                      "(unfounded_suspects in the JSON)")
    targets = Table("rank", "target", "score", "network", "linked", "reasons")
    for t in done.result["targets"][:top]:
        targets.add_row(str(t["rank"]), t["name"], f"{t['score']:.1f}", str(t["community"]),
                        str(len(t["linked_victims"])), "; ".join(t["reasons"]))
    console.print(targets)
    _print_duplicates(done.result, top)


def _print_duplicates(result: dict[str, Any], top: int) -> None:
    """The pairs of records that may be one person, in words for those shown above."""
    pairs = result.get("possible_duplicates") or []
    if not pairs:
        return
    ranks = {t["uid"]: t["rank"] for t in result["targets"]}
    names = {p["uid"]: p["name"] or p["uid"] for p in result["people"]}
    shown = {t["uid"] for t in result["targets"][:top]}
    shown |= {s["uid"] for s in result["safeguarding"]}

    def label(uid: str) -> str:
        return names.get(uid, uid) + (f" (rank {ranks[uid]})" if uid in ranks else "")

    for d in pairs:
        if shown & {d["a"], d["b"]}:
            console.print(f"possibly one person recorded twice: {label(d['a'])} and "
                          f"{label(d['b'])} - {d['why']}")
    n = len(pairs)
    console.print(f"{n} pair{'' if n == 1 else 's'} of records may each be one person, their "
                  "links and scores split: 'graphintel resolve candidates' lists them; merge "
                  "or reject, then analyse again")


def _frag(f: dict[str, Any], exploited: int = 0) -> str:
    who = "a child or victim" if exploited == 1 else "children or victims"
    among = (f" ({exploited} of them {who} exploited into offending, never removed)"
             if exploited else "")
    return (f"largest connected part {f['lcc_fraction']:.0%} of {f['offenders']} "
            f"offenders{among}, {f['components']} parts, efficiency {f['efficiency']:.3f}")


DISRUPT_COLUMNS = ["kind", "order", "name", "uid", "pairs_before", "pairs_after", "pairs_cut",
                   "cumulative_pairs_cut", "offenders", "lcc_fraction", "components",
                   "efficiency"]


def disrupt_rows(out: dict[str, Any]) -> list[dict[str, Any]]:
    """The disrupt result as flat rows (CSV): the network before/after, each person removed,
    each child or victim cut off, each sequential and greedy step, and each record held
    back from the greedy picks as possibly a child or victim recorded apart."""
    rows: list[dict[str, Any]] = []
    frag = out["fragmentation"]
    for when in ("before", "after"):
        if when in frag:
            rows.append({"kind": f"network_{when}", **frag[when]})
    r = out.get("removal")
    if r:
        for i, p in enumerate(r["removed"], start=1):
            rows.append({"kind": "removed", "order": i, "name": p["name"], "uid": p["uid"],
                         "pairs_before": r["pairs_before"], "pairs_after": r["pairs_after"],
                         "pairs_cut": len(r["pairs_cut"])})
        rows.extend({"kind": "cut_off", "name": v["name"], "uid": v["uid"]}
                    for v in r["victims_cut_off"])
    for i, s in enumerate(out.get("sequential", []), start=1):
        rows.append({"kind": "sequential", "order": i, "name": s["person"]["name"],
                     "uid": s["person"]["uid"], "lcc_fraction": s["lcc_fraction"],
                     "components": s["components"], "efficiency": s["efficiency"]})
    for i, p in enumerate(out.get("greedy", []), start=1):
        rows.append({"kind": "greedy", "order": i, "name": p["name"], "uid": p["uid"],
                     "cumulative_pairs_cut": p["cumulative_pairs_cut"]})
    rows.extend({"kind": "held_back", "name": p["name"], "uid": p["uid"]}
                for p in out.get("greedy_held_back", []))
    return rows


def disrupt_command(
    remove: list[str] = typer.Option([], "--remove", metavar="PERSON", help="Person to "
                                     "remove: name, nominal ref or uid (repeatable)."),
    greedy: int = typer.Option(0, help="Also propose the best set of this many people."),
    sequential: int = typer.Option(
        0, "--sequential", help="Remove the highest-betweenness unprotected suspect this many "
        "times, recomputing after each, and show how the offender network breaks up."),
    seed: int = typer.Option(0, help="Seed for community detection."),
    k: int = typer.Option(2, "--k", help="Victims within this many links of a suspect."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date (YYYY-MM-DD): what was known "
                                     "on that day (evidence dated after it is left out), and "
                                     "ages measured on it (who is a child). Default: the "
                                     "latest analysis run's date, else today."),
    fmt: Format | None = FORMAT,
    output: Path | None = OUTPUT,
    json_out: bool = typer.Option(False, "--json", hidden=True,
                                  help="Deprecated: --format json."),
) -> None:
    """Show what removing people would do: connections to victims and children cut, and
    how the offender network breaks up."""
    from graphintel.analysis.whatif import disrupt
    from graphintel.audit import audited
    from graphintel.store import Store

    if json_out:
        fmt = fmt or Format.json
    config = settings()
    as_of = _as_of(as_of) if as_of is not None else None
    params = {"remove": remove, "greedy": greedy, "sequential": sequential, "seed": seed,
              "k": k, "as_of": as_of, "format": chosen(fmt, output).value,
              "output": str(output) if output else None}
    with audited(config, "disrupt", params=params) as rec:
        with Store.open(config) as store:
            if not remove:
                warn_if_empty(store, config)
            if as_of is None:
                as_of = _latest_run_date(store)
                params["as_of_from_run"] = as_of
            uids = [lookup_person(store, config, text) for text in remove]
            rec.details["resolved"] = uids
            with status("projecting the graph and measuring the offender network"):
                out = disrupt(store, uids, greedy=greedy, sequential=sequential,
                              params=_params(config, seed, k, 365.0, 3.0, as_of))
        emit(DISRUPT_COLUMNS, disrupt_rows(out), fmt, output, rec, data=out,
             show=lambda: _print_disrupt(out, k, bool(remove or greedy or sequential)))


def _latest_run_date(store: Store) -> str | None:
    """The analysis date of the latest stored run (said on stderr), so that ``disrupt``
    measures who is a child on the day the agenda and the ranking did; None without one."""
    from graphintel.analysis.stored import list_runs

    runs = list_runs(store)
    day = str(runs[0].get("as_of") or "")[:10] if runs else ""
    if not day:
        return None
    note(f"as of {day}, the date of the latest analysis run ({runs[0]['id']}); "
         "give --as-of to choose another day")
    return day


def _what_if(removed: list[dict[str, Any]], safeguarded: list[dict[str, Any]]) -> str:
    """What the removal is, in words: a child or victim is moved to safety, not removed.

    >>> _what_if([{"uid": "a", "name": "Ann"}, {"uid": "c", "name": "Cal"}], [{"uid": "c"}])
    'removing Ann and moving Cal to safety'
    """
    kept = {p["uid"] for p in safeguarded}
    parts = []
    adults = ", ".join(p["name"] for p in removed if p["uid"] not in kept)
    children = ", ".join(p["name"] for p in removed if p["uid"] in kept)
    if adults:
        parts.append(f"removing {adults}")
    if children:
        parts.append(f"moving {children} to safety")
    return " and ".join(parts)


def _print_disrupt(out: dict[str, Any], k: int, asked: bool) -> None:
    for p in out.get("safeguarded", []):
        console.print(f"safeguarding: {p['name']} - {p['note']}")
    if out.get("nothing_to_cut"):
        console.print(f"nothing to cut: {out['nothing_to_cut']}")
    frag = out["fragmentation"]
    exploited = int(out.get("exploited_offenders") or 0)
    console.print(f"offender network: {_frag(frag['before'], exploited)}")
    if "removal" in out:
        r = out["removal"]
        console.print(f"{_what_if(r['removed'], out.get('safeguarded', []))}: suspect–victim "
                      f"connections {r['pairs_before']} -> {r['pairs_after']} "
                      f"({len(r['pairs_cut'])} cut)")
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
    for p in out.get("greedy_held_back", []):
        console.print(f"not a pick: {p['name']} - {p['note']}")
    if not asked:
        console.print("nothing removed: give --remove NAME, --greedy N and/or --sequential N")


RUN_COLUMNS = ["id", "created_at", "as_of", "window_from", "window_to", "persons", "suspects",
               "victims", "networks", "weights", "status"]


def runs(fmt: Format | None = FORMAT, output: Path | None = OUTPUT) -> None:
    """List the stored analysis runs, newest first."""
    from graphintel.analysis.stored import list_runs
    from graphintel.audit import audited
    from graphintel.store import Store

    config = settings()
    with audited(config, "runs") as rec:
        with Store.open(config) as store:
            rows = list_runs(store)
        emit(RUN_COLUMNS, rows, fmt, output, rec,
             show=lambda: console.print(runs_table(rows) if rows else "no analysis runs yet"))


def runs_table(rows: list[dict[str, Any]]) -> Any:
    """The runs on screen, narrow enough for an 80-column terminal: the id unbroken (it
    holds the run's time) with, under it, its status when it is not complete, its window and
    the score weights it changed when it has them; the counts in one column (CSV and JSON
    give every column as it is stored)."""
    from rich.table import Table
    from rich.text import Text

    out = Table(title=Text("Analysis runs"), title_justify="left")
    out.add_column("run", no_wrap=False, min_width=len(str(rows[0]["id"])) if rows else None)
    out.add_column("as of", no_wrap=True)
    out.add_column(Text("people / suspects / victims / networks"), min_width=18,
                   max_width=22)
    for r in rows:
        cell = Text(str(r["id"]))
        if r.get("status") not in (None, "complete"):
            cell.append(f"\n{r['status']}: never completed", style="bold")
        if r.get("window_from") or r.get("window_to"):
            cell.append(f"\nwindow {r.get('window_from') or '(start)'} to "
                        f"{r.get('window_to') or '(end)'}", style="dim")
        if r.get("weights"):
            cell.append(f"\nweights changed: {r['weights']}", style="dim")
        counts = " / ".join("–" if r.get(c) is None else str(r[c])
                            for c in ("persons", "suspects", "victims", "networks"))
        out.add_row(cell, Text(str(r.get("as_of") or "")), Text(counts))
    return out
