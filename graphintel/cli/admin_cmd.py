"""``graphintel doctor`` and ``graphintel schema apply``."""

from __future__ import annotations

import typer

from graphintel.cli.common import console, settings
from graphintel.doctor import run_doctor
from graphintel.schema import apply_schema
from graphintel.store import Store

schema_app = typer.Typer(help="The graph schema (constraints and indexes).", no_args_is_help=True)


def doctor(
    no_start: bool = typer.Option(False, "--no-start", help="Do not start the local Neo4j."),
) -> None:
    """Report the configuration, connectivity, server version and schema; exit 1 if wrong."""
    report = run_doctor(settings(), start_local=not no_start)
    for key, value in report.settings.items():
        console.print(f"{key:<26} {value}")
    for check in report.checks:
        mark = "ok  " if check.ok else "FAIL"
        console.print(f"[{mark}] {check.name}: {check.detail}")
        if check.fix and not check.ok:
            console.print(f"       fix: {check.fix}")
    if not report.ok:
        raise typer.Exit(1)


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes (idempotent)."""
    with Store.open(settings()) as store:
        state = apply_schema(store)
    console.print(f"schema applied: {len(state.present)} constraints and indexes")
