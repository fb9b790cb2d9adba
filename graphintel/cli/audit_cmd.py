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
COLUMNS = ["time", "user", "host", "command", "query", "params", "records", "status", "error",
           "outputs"]


def _show(since: str | None, fmt: Format | None, output: Path | None) -> None:
    from graphintel.audit import audited, read_audit

    s = settings()
    with audited(s, "audit", params={"since": since}) as rec:
        entries = read_audit(s, since)
        emit(COLUMNS, entries, fmt, output, rec, title="Audit log")


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
