"""``graphintel query list|show|run``, ``profile``, ``path`` and ``search``.

Each command parses its options, calls one library function inside
:func:`graphintel.audit.audited` (so every call, failed ones included, leaves its audit
lines), and renders the result as a table, CSV or JSON, on screen or into ``--output``
(a 0600 file); see :mod:`graphintel.cli.output`. Library code is imported inside the
commands, so ``--help`` does not load the driver.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path
from typing import Any

import typer

from graphintel.cli.common import console, lookup_person, settings, warn_if_empty
from graphintel.cli.output import (
    FORMAT,
    OUTPUT,
    Format,
    cell_text,
    chosen,
    csv_cell,
    emit,
    say,
    table,
)
from graphintel.errors import CypherFileError, NotFound

query_app = typer.Typer(help="Named read-only queries (cypher/queries and GRAPHINTEL_QUERY_DIR).",
                        no_args_is_help=True, rich_markup_mode=None)
_table = table


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``key=value`` options into a dict; the value may contain '='."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise CypherFileError(f"--param {pair!r} is not key=value", "--param",
                                  "write it like --param child=N0012345")
        if key.strip() in out:
            raise CypherFileError(f"--param {key.strip()!r} is given twice", "--param")
        out[key.strip()] = value
    return out


@query_app.command("list")
def list_command(fmt: Format | None = FORMAT, output: Path | None = OUTPUT) -> None:
    """List the named queries with their parameters."""
    from graphintel.audit import audited
    from graphintel.queries import list_queries

    s = settings()
    with audited(s, "query list") as rec:
        rows = [{"name": q.name,
                 "parameters": ", ".join(f"{p.name}: {p.type}" + ("" if p.required else "?")
                                         for p in q.params),
                 "description": q.description, "file": str(q.path)} for q in list_queries(s)]
        emit(["name", "parameters", "description", "file"], rows, fmt, output, rec,
             title="Named queries",
             show=lambda: console.print(query_listing(rows), soft_wrap=False))


def query_listing(rows: list[dict[str, Any]]) -> Any:
    """The named queries on screen as ``--help`` lists commands: each name whole with its
    parameters (``?``: optional), the description indented under it, and the file only for
    an officer's own query (outside the shipped folder). CSV and JSON give every file."""
    from rich.console import Group
    from rich.padding import Padding
    from rich.text import Text

    from graphintel.queries import shipped_query_dir

    shipped = shipped_query_dir().resolve()
    parts: list[Any] = [Text("Named queries (graphintel query show NAME for the Cypher)")]
    for r in rows:
        head = Text(str(r["name"]), style="bold")
        head.append(f"  ({r['parameters']})" if r["parameters"] else "  (no parameters)")
        parts.append(head)
        parts.append(Padding(Text(str(r["description"])), (0, 0, 0, 4), expand=False))
        if Path(str(r["file"])).resolve().parent != shipped:
            parts.append(Padding(Text(f"file: {r['file']}", style="dim"), (0, 0, 0, 4),
                                 expand=False))
    return Group(*parts)


@query_app.command("show")
def show_command(name: str = typer.Argument(..., help="The query name.")) -> None:
    """Show a query's description, parameters, columns and Cypher."""
    from graphintel.audit import audited
    from graphintel.queries import show_query
    from graphintel.served import SERVED

    s = settings()
    with audited(s, "query show", query=name) as rec:
        q = show_query(s, name)
        rec.records = 1
        say(f"{q.name}: {q.description}\nfile: {q.path}")
        if q.name in SERVED:
            say(f"runs as: {SERVED[q.name][0]} inside the server when it has it (the local "
                "Neo4j does; see 'graphintel doctor'), with the rows of the Cypher below, "
                "which runs otherwise")
        for p in q.params:
            default = "" if p.required else f" = {p.default!r}"
            say(f"  param {p.name}: {p.type}{default} — {p.help}")
        say(f"returns: {', '.join(q.returns)}\n")
        say(q.text)


@query_app.command("run")
def run_command(
    name: str = typer.Argument(..., help="The query name (see 'graphintel query list')."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value; repeat per parameter."),
    fmt: Format | None = FORMAT,
    limit: int | None = typer.Option(None, "--limit", "-n", help="At most this many rows."),
    output: Path | None = OUTPUT,
) -> None:
    """Run a named query read-only; person parameters accept a name, nominal ref or uid."""
    from graphintel.audit import audited
    from graphintel.queries import run_query
    from graphintel.store import Store

    s = settings()
    with audited(s, "query run", query=name, params=dict(p.partition("=")[::2] for p in param),
                 limit=limit) as rec:
        raw = parse_params(param)
        with Store.open(s) as store:
            try:
                result = run_query(store, s, name, raw, limit=limit)
            except NotFound:
                warn_if_empty(store, s)
                raise
            if not result.rows:
                warn_if_empty(store, s)
        rec.details["resolved"] = result.params
        # which text ran: an officer's own file can be edited after the run
        rec.details["query_file"] = str(result.query.path)
        rec.details["query_sha256"] = hashlib.sha256(result.query.text.encode()).hexdigest()
        emit(result.columns, result.rows, fmt, output, rec, title=name)
        if result.truncated and chosen(fmt, output) is Format.table and output is None:
            say(f"(first {limit} row{'' if limit == 1 else 's'} shown; raise --limit for more)")


def _profile_sections(p: dict[str, Any]) -> None:
    from graphintel.cli import profile_view as pv

    optional = ("stated_age", "other_dobs", "set_aside_dobs", "other_nominal_refs")
    for key in ("uid", "name", "dob", "stated_age", "nominal_ref", "gender", "aliases", "flags",
                "other_dobs", "set_aside_dobs", "other_nominal_refs"):
        # a stated age, and dates or refs that disagree (or were set aside), only when there
        if key not in optional or p.get(key):
            label = {"other_dobs": "other dob", "set_aside_dobs": "dob (aside)",
                     "other_nominal_refs": "other refs"}.get(key, key)
            say(f"{label:<12} {cell_text(p.get(key))}")
    console.print(_table("Roles", ["role", "reports"], [
        {"role": r["role"], "reports": [pv.report_text(x) for x in r["reports"]]}
        for r in p["roles"]]))
    for section in ("phones", "vehicles", "addresses", "places_seen", "accounts"):
        if p[section]:
            rows = pv.tie_rows(p[section])
            console.print(_table(section.replace("_", " ").capitalize(),
                                 pv.filled(pv.TIE_COLUMNS, rows), rows,
                                 min_widths=pv.MIN_WIDTHS))
    console.print(_table("Associates", ["name", "dob", "roles", "how", "refs"],
                         [{**r, "refs": pv.refs_text(r.get("refs"))} for r in p["associates"]],
                         min_widths=pv.MIN_WIDTHS))
    console.print(_table("Linked children (within 2 links; ages today)",
                         ["child", "dob", "links", "path"], p["linked_children"]))
    if p["missing_episodes"]:
        console.print(_table("Missing episodes", ["start", "end", "missing_from", "found_at",
                                                  "found_with"],
                             pv.episode_rows(p["missing_episodes"])))
    for line in pv.analysis_lines(p["analysis"]):
        say(line)
    if len(p.get("rank_trend") or []) > 1:
        from graphintel.profile import trend_text

        say(f"Rank over the last {len(p['rank_trend'])} runs: {trend_text(p['rank_trend'])}")


def profile_command(
    subject: str = typer.Argument(..., metavar="NAME_OR_REF", help="Name, nominal ref or uid."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Everything about one person: identity, roles with reports, links, children, score."""
    from graphintel.audit import audited
    from graphintel.profile import profile
    from graphintel.store import Store

    s = settings()
    with audited(s, "profile", query="profile", params={"subject": subject}) as rec:
        with Store.open(s) as store:
            uid = lookup_person(store, s, subject)
            p = profile(store, uid)
        rec.details["resolved"] = {"subject": uid}
        rec.records = 1
        if chosen(fmt, output) is Format.table and output is None:
            _profile_sections(p)
        else:
            flat = [{"uid": p["uid"], "name": p["name"], "dob": p["dob"],
                     "nominal_ref": p["nominal_ref"], "section": k, "value": v}
                    for k, v in p.items() if k not in ("uid", "name", "dob", "nominal_ref")]
            emit(["uid", "name", "dob", "nominal_ref", "section", "value"], flat, fmt, output,
                 rec, data=p)
            rec.records = 1


def path_command(
    a: str = typer.Argument(..., help="First person: name, nominal ref or uid."),
    b: str = typer.Argument(..., help="Second person: name, nominal ref or uid."),
    max_hops: int = typer.Option(4, "--max-hops", help="At most this many person-to-person links."),
    max_paths: int | None = typer.Option(
        None, "--max-paths", metavar="N", show_default=False,
        help="Show at most N of the shortest paths (default 10); all are counted."),
    show_all: bool = typer.Option(False, "--all",
                                  help="Show every shortest path, up to 1000."),
    hub_people: int | None = typer.Option(
        None, "--hub-people", metavar="N", show_default=False,
        help="Follow no phone, vehicle, address, account or event shared by more than N "
             "people (default GRAPHINTEL_HUB_PEOPLE, 50)."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """The evidence paths between two people with the fewest links: how many there are,
    which are shown and what was cut."""
    from graphintel.audit import audited
    from graphintel.cli.common import note
    from graphintel.evidence_paths import DEFAULT_MAX_PATHS, MAX_PATHS_SHOWN, path
    from graphintel.store import Store

    s = settings()
    params: dict[str, Any] = {"a": a, "b": b, "max_hops": max_hops, "max_paths": max_paths,
                              "all": show_all, "hub_people": hub_people}
    with audited(s, "path", query="path",
                 params={k: v for k, v in params.items() if v not in (None, False)}) as rec:
        if show_all and max_paths is not None:
            raise CypherFileError("--all and --max-paths both say how many paths to show",
                                  "--all", "give one of them")
        limit = MAX_PATHS_SHOWN if show_all else (
            DEFAULT_MAX_PATHS if max_paths is None else max_paths)
        with Store.open(s) as store:
            a_uid, b_uid = lookup_person(store, s, a), lookup_person(store, s, b)
            found = path(store, a_uid, b_uid, max_hops, max_paths=limit,
                         hub_people=s.hub_people if hub_people is None else hub_people)
        rec.details["resolved"] = {"a": a_uid, "b": b_uid}
        rec.details["routes"] = {"routes": found.routes, "shown": found.shown,
                                 "cut_by_max_paths": found.cut_by_max_paths,
                                 "hubs": len(found.hubs)}
        rows = []
        for i, ep in enumerate(found.paths, start=1):
            for n, node in enumerate(ep.nodes):
                rel = ep.rels[n - 1] if n else None
                rows.append({"path": i, "links": ep.links, "step": n,
                             "via": (f"{rel['type']} {'->' if rel['to'] == node['uid'] else '<-'}"
                                     if rel else ""),
                             "node": node["name"], "label": node["label"], "uid": node["uid"],
                             "refs": rel["refs"] if rel else []})
        on_screen = chosen(fmt, output) is Format.table and output is None
        for line in found.summary():  # on stderr when stdout carries CSV or JSON
            if on_screen:
                say(line)
            else:
                note(line)
        if found.paths or not on_screen:
            emit(["path", "links", "step", "via", "node", "label", "uid", "refs"], rows, fmt,
                 output, rec, title="Evidence paths", data=asdict(found))
        rec.records = found.shown


def search_command(
    text: str = typer.Argument(..., help="A phone number, VRM or postcode, or words to find "
                                          "in addresses, handles, names, aliases and "
                                          "narratives."),
    limit: int = typer.Option(20, "--limit", "-n", help="At most this many of each kind."),
    fmt: Format | None = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Find phones, vehicles, places and accounts (with their people), then people (names,
    aliases) and reports (narratives)."""
    from graphintel.audit import audited
    from graphintel.search import search_all
    from graphintel.store import Store

    s = settings()
    shown = text if len(text) <= s.search_max_chars else (
        f"{text[:s.search_max_chars]}... [cut: {len(text)} characters in all]")
    with audited(s, "search", query="search", params={"text": shown, "limit": limit}) as rec:
        with Store.open(s) as store:
            hits = search_all(store, text, limit, max_terms=s.search_max_terms,
                              max_chars=s.search_max_chars)
            if not hits:
                warn_if_empty(store, s)
        emit(["kind", "id", "name", "detail", "score"], hits, fmt, output, rec, title="Search")


__all__ = ["FORMAT", "OUTPUT", "Format", "csv_cell", "emit", "list_command", "path_command",
           "profile_command", "query_app", "run_command", "search_command", "show_command"]
