"""``graphintel audit`` (show the log) and ``graphintel audit verify`` (check its chain)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from graphintel.cli.common import console, settings
from graphintel.cli.output import FORMAT, OUTPUT, Format, chosen, emit, say
from graphintel.errors import GraphintelError

audit_app = typer.Typer(help="The audit log: who ran which command, when, with what result.",
                        invoke_without_command=True)

SINCE = typer.Option(None, "--since", help="Only commands started at or after this date.")
COLUMNS = ["time", "user", "host", "web_user", "role", "client", "outcome", "command", "query",
           "params", "records", "status", "error", "outputs"]
#: What the workspace records in an entry's details, shown as columns of their own: who
#: signed in (the OS user is the account the server runs as), their role, the address the
#: request came from, and how a login or a refused request ended.
WEB_FIELDS = ("web_user", "role", "client", "outcome")


def with_web_fields(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each entry with :data:`WEB_FIELDS` lifted from its details (None when absent).

    >>> with_web_fields([{"user": "svc", "details": {"web_user": "chris", "role": "chair"}}])[0]
    {'user': 'svc', 'details': {'web_user': 'chris', 'role': 'chair'}, 'web_user': 'chris', \
'role': 'chair', 'client': None, 'outcome': None}
    """
    out = []
    for e in entries:
        details = e.get("details") if isinstance(e.get("details"), dict) else {}
        out.append({**e, **{k: (details or {}).get(k) for k in WEB_FIELDS}})
    return out


def _show(since: str | None, fmt: Format | None, output: Path | None) -> None:
    from graphintel.audit import audited, read_audit

    s = settings()
    with audited(s, "audit", params={"since": since}) as rec:
        entries = with_web_fields(read_audit(s, since))
        emit(COLUMNS, entries, fmt, output, rec, title="Audit log",
             show=lambda: console.print(audit_lines(entries)))


def audit_lines(entries: list[dict[str, Any]]) -> Any:
    """The log on screen, one line per command (as ``git log --oneline``; a long one wraps):
    when (to the second, in the log's own time zone), who, the command with its query, its
    status and records, then the error, else the file written (or how many), else the
    options that have a value. CSV and JSON give every field as logged, the files' full
    paths with them."""
    from rich.console import Group
    from rich.text import Text

    from graphintel.cli.output import cell_text

    lines: list[Any] = [Text("Audit log")]
    for e in entries:
        files = [Path(str(f)).name for f in e.get("outputs") or []]
        wrote = (f"wrote {files[0]}" if len(files) == 1 else
                 f"wrote {len(files)} files" if files else "")
        given = e.get("params")
        if isinstance(given, dict):  # the options with a value, not every one left unset
            given = {k: v for k, v in given.items()
                     if not (v is None or (isinstance(v, str | list | dict) and not v))}
        detail = str(e.get("error") or "") or wrote or (cell_text(given) if given else "")
        command = " ".join(dict.fromkeys(str(x) for x in (e.get("command"), e.get("query"))
                                         if x))
        n = e.get("records")
        records = "" if n in (None, "") else f", {n} record{'' if n == 1 else 's'}"
        who = str(e.get("user") or "?")
        if e.get("web_user"):  # the person signed in to the workspace, not the server's account
            who = f"{e['web_user']} ({e.get('role') or 'no role'}, web"
            who += f" from {e['client']})" if e.get("client") else ")"
        status = str(e.get("status") or "?")
        if e.get("outcome") and e.get("outcome") != "ok" and status == "ok":
            status = str(e["outcome"])  # a failed login or a refused request ran "ok"
        line = Text(f"{str(e.get('time') or '')[:19].replace('T', ' ')}  {who}  {command}: ")
        line.append(status, style="bold" if status not in ("ok", "?") else "")
        line.append(records + (f" - {detail}" if detail else ""))
        lines.append(line)
    return Group(*lines)


@audit_app.callback()
def audit_command(ctx: typer.Context, since: str | None = SINCE, fmt: Format | None = FORMAT,
                  output: Path | None = OUTPUT) -> None:
    """Show the audit log (one row per command), or verify it with 'audit verify'."""
    if ctx.invoked_subcommand is None:
        _show(since, fmt, output)


@audit_app.command("show")
def show_command(since: str | None = SINCE, fmt: Format | None = FORMAT,
                 output: Path | None = OUTPUT) -> None:
    """Show the audit log, one row per command."""
    _show(since, fmt, output)


@audit_app.command("verify")
def verify_command(fmt: Format | None = FORMAT, output: Path | None = OUTPUT) -> None:
    """Check the hash chain: find a line that was edited, removed, inserted or moved.

    Exit code 1 when the log is not intact (the problems are listed first)."""
    from graphintel.audit import audited, verify_audit

    s = settings()
    with audited(s, "audit verify") as rec:
        check = verify_audit(s)
        rec.details.update(problems=len(check.problems), first_bad_line=check.first_bad_line)
        rows = [{"line": p.line, "problem": p.what} for p in check.problems]
        data = {"path": str(check.path), "intact": check.ok, "lines": check.lines,
                "head": check.head, "problems": rows}
        emit(["line", "problem"], rows, fmt, output, rec, data=data,
             show=lambda: _print_problems(rows))
        rec.records = check.lines
    if not check.ok:
        first = check.problems[0]
        raise GraphintelError(
            f"the audit log is not intact: {len(check.problems)} problem(s), first at line "
            f"{first.line} ({first.what})", str(check.path),
            "keep the file as it is for investigation and report it to your information "
            "governance lead")
    if chosen(fmt, output) is Format.table and output is None:
        say(f"audit log intact: {check.lines} lines, hash chain unbroken from the first line")
        say(f"head {check.head} (keep this elsewhere: lines removed from the end of the log "
            "can only be detected against it)")


def _print_problems(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        console.print(f"line {row['line']}: {row['problem']}")
