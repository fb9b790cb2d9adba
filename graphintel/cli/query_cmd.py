"""``graphintel query list|show|run``, ``profile``, ``path`` and ``search``.

Each command parses its options, calls one library function inside
:func:`graphintel.audit.audited` (so every call, failed ones included, leaves its audit
lines), and renders the result as a table, CSV or JSON, on screen or into ``--output``
(a 0600 file).
CSV text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table
from rich.text import Text

from graphintel.audit import AuditRecord, audited
from graphintel.cli.common import console, settings
from graphintel.errors import CypherFileError
from graphintel.profile import profile
from graphintel.queries import list_queries, path, run_query, search, show_query
from graphintel.secure_files import save_output
from graphintel.store import Store
from graphintel.subjects import resolve_person

query_app = typer.Typer(help="Named read-only queries (cypher/queries and GRAPHINTEL_QUERY_DIR).",
                        no_args_is_help=True)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    """Output formats."""

    table = "table"
    csv = "csv"
    json = "json"


FORMAT = typer.Option(Format.table, "--format", "-f", help="table, csv or json.")
OUTPUT = typer.Option(None, "--output", "-o",
                      help="Write to this file instead of the screen (table format writes CSV).")


def say(text: str) -> None:
    """Print plain text exactly as written (no markup, no emoji codes)."""
    console.print(Text(text))


def cell_text(value: Any) -> str:
    """A value as display text: lists joined with '; ', maps as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, bool | int | float) and not isinstance(value, str):
        return str(value)
    text = cell_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def _table(title: str | None, columns: list[str], rows: list[dict[str, Any]]) -> Table:
    table = Table(title=Text(title) if title else None, title_justify="left")
    for c in columns:
        table.add_column(Text(c), overflow="fold")
    for row in rows:
        table.add_row(*[Text(cell_text(row.get(c))) for c in columns])
    return table


def _write(text: str, output: Path | None, rec: AuditRecord) -> None:
    if output is None:
        typer.echo(text, nl=False)
        return
    rec.outputs.append(str(output.resolve()))  # listed even if writing fails half-way
    save_output(output, text)
    say(f"wrote {output}")


def emit(columns: list[str], rows: list[dict[str, Any]], fmt: Format, output: Path | None,
         rec: AuditRecord, *, title: str | None = None, data: Any = None) -> None:
    """Render rows as a table, CSV or JSON (``data`` replaces the rows in JSON)."""
    rec.records = len(rows)
    if fmt is Format.csv:
        _write(to_csv(columns, rows), output, rec)
    elif fmt is Format.json:
        _write(to_json(rows if data is None else data), output, rec)
    elif output is not None:
        _write(to_csv(columns, rows), output, rec)
    else:
        console.print(_table(title, columns, rows))


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
def list_command(fmt: Format = FORMAT, output: Path | None = OUTPUT) -> None:
    """List the named queries with their parameters."""
    s = settings()
    with audited(s, "query list") as rec:
        rows = [{"name": q.name,
                 "parameters": ", ".join(f"{p.name}: {p.type}" + ("" if p.required else "?")
                                         for p in q.params),
                 "description": q.description, "file": str(q.path)} for q in list_queries(s)]
        emit(["name", "parameters", "description", "file"], rows, fmt, output, rec,
             title="Named queries")


@query_app.command("show")
def show_command(name: str = typer.Argument(..., help="The query name.")) -> None:
    """Show a query's description, parameters, columns and Cypher."""
    s = settings()
    with audited(s, "query show", query=name) as rec:
        q = show_query(s, name)
        rec.records = 1
        say(f"{q.name}: {q.description}\nfile: {q.path}")
        for p in q.params:
            default = "" if p.required else f" = {p.default!r}"
            say(f"  param {p.name}: {p.type}{default} — {p.help}")
        say(f"returns: {', '.join(q.returns)}\n")
        say(q.text)


@query_app.command("run")
def run_command(
    name: str = typer.Argument(..., help="The query name (see 'graphintel query list')."),
    param: list[str] = typer.Option([], "--param", "-p", help="key=value; repeat per parameter."),
    fmt: Format = FORMAT,
    limit: int | None = typer.Option(None, "--limit", "-n", help="At most this many rows."),
    output: Path | None = OUTPUT,
) -> None:
    """Run a named query read-only; person parameters accept a name, nominal ref or uid."""
    s = settings()
    with audited(s, "query run", query=name, params=dict(p.partition("=")[::2] for p in param),
                 limit=limit) as rec:
        raw = parse_params(param)
        with Store.open(s) as store:
            result = run_query(store, s, name, raw, limit=limit)
        rec.details["resolved"] = result.params
        emit(result.columns, result.rows, fmt, output, rec, title=name)
        if result.truncated and fmt is Format.table and output is None:
            say(f"(first {limit} rows shown; raise --limit for more)")


def _profile_sections(p: dict[str, Any]) -> None:
    for key in ("uid", "name", "dob", "nominal_ref", "gender", "aliases", "flags"):
        say(f"{key:<12} {cell_text(p.get(key))}")
    console.print(_table("Roles", ["role", "reports"], [
        {"role": r["role"], "reports": [f"{x['ref']} {x['date'] or ''} {x['grading'] or ''}"
                                        for x in r["reports"]]} for r in p["roles"]]))
    for section in ("phones", "vehicles", "addresses", "places_seen", "accounts"):
        if p[section]:
            console.print(_table(section.replace("_", " ").capitalize(),
                                 ["name", "link", "detail", "first_seen", "last_seen", "refs"],
                                 p[section]))
    console.print(_table("Associates", ["name", "dob", "roles", "how", "refs"], p["associates"]))
    console.print(_table("Linked children (within 2 links)", ["child", "dob", "links", "path"],
                         p["linked_children"]))
    if p["missing_episodes"]:
        console.print(_table("Missing episodes", ["start", "end", "missing_from", "found_at",
                                                  "found_with"], p["missing_episodes"]))
    a = p["analysis"]
    say("Analysis: " + ", ".join(f"{k} {cell_text(v)}" for k, v in a.items()
                                           if k != "reasons"))
    for reason in a.get("reasons", []):
        say(f"  - {reason}")


def profile_command(
    subject: str = typer.Argument(..., metavar="NAME_OR_REF", help="Name, nominal ref or uid."),
    fmt: Format = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Everything about one person: identity, roles with reports, links, children, score."""
    s = settings()
    with audited(s, "profile", query="profile", params={"subject": subject}) as rec:
        with Store.open(s) as store:
            uid = resolve_person(store, subject)
            p = profile(store, uid)
        rec.details["resolved"] = {"subject": uid}
        rec.records = 1
        if fmt is Format.table and output is None:
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
    fmt: Format = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """The evidence paths between two people with the fewest links."""
    s = settings()
    with audited(s, "path", query="path", params={"a": a, "b": b, "max_hops": max_hops}) as rec:
        with Store.open(s) as store:
            a_uid, b_uid = resolve_person(store, a), resolve_person(store, b)
            paths = path(store, a_uid, b_uid, max_hops)
        rec.details["resolved"] = {"a": a_uid, "b": b_uid}
        rows = []
        for i, ep in enumerate(paths, start=1):
            for n, node in enumerate(ep.nodes):
                rel = ep.rels[n - 1] if n else None
                rows.append({"path": i, "links": ep.links, "step": n,
                             "via": (f"{rel['type']} {'->' if rel['to'] == node['uid'] else '<-'}"
                                     if rel else ""),
                             "node": node["name"], "label": node["label"], "uid": node["uid"],
                             "refs": rel["refs"] if rel else []})
        if not paths and fmt is Format.table and output is None:
            rec.records = 0
            say(f"no path within {max_hops} links")
            return
        emit(["path", "links", "step", "via", "node", "label", "uid", "refs"], rows, fmt, output,
             rec, title="Evidence paths", data=[asdict(ep) for ep in paths])
        rec.records = len(paths)


def search_command(
    text: str = typer.Argument(..., help="Words to find in names, aliases and narratives."),
    limit: int = typer.Option(20, "--limit", "-n", help="At most this many of each kind."),
    fmt: Format = FORMAT, output: Path | None = OUTPUT,
) -> None:
    """Full-text search over people (names, aliases) and report narratives."""
    s = settings()
    shown = text if len(text) <= s.search_max_chars else (
        f"{text[:s.search_max_chars]}... [cut: {len(text)} characters in all]")
    with audited(s, "search", query="search", params={"text": shown, "limit": limit}) as rec:
        with Store.open(s) as store:
            hits = search(store, text, limit, max_terms=s.search_max_terms,
                          max_chars=s.search_max_chars)
        emit(["kind", "id", "name", "detail", "score"], hits, fmt, output, rec, title="Search")


__all__ = ["FORMAT", "OUTPUT", "Format", "csv_cell", "emit", "list_command", "path_command",
           "profile_command", "query_app", "run_command", "search_command", "show_command"]
