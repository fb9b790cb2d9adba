"""``graphintel doctor``, ``graphintel schema apply`` and ``graphintel reset``."""

from __future__ import annotations

from pathlib import Path

import typer

from graphintel.audit import audited
from graphintel.cli.common import console, settings
from graphintel.config import mask_secrets
from graphintel.doctor import run_doctor
from graphintel.errors import ConfigError
from graphintel.reset import check_reset_allowed, reset_graph
from graphintel.schema import apply_schema
from graphintel.store import Store

schema_app = typer.Typer(help="The graph schema (constraints and indexes).", no_args_is_help=True)


def doctor(
    no_start: bool = typer.Option(False, "--no-start", help="Do not start the local Neo4j."),
    folder: list[Path] = typer.Option([], "--folder", help="Also check the permissions of the "
                                      "files in this output folder (repeatable)."),
) -> None:
    """Report the configuration, connectivity, server version, schema and file permissions;
    exit 1 if something is wrong (permission warnings do not fail)."""
    config = settings()
    with audited(config, "doctor", params={"no_start": no_start,
                                           "folders": [str(f) for f in folder]}) as rec:
        report = run_doctor(config, start_local=not no_start, folders=folder)
        rec.details.update(ok=report.ok, failed=[c.name for c in report.checks if not c.ok],
                           warnings=[c.name for c in report.warnings])
    for key, value in report.settings.items():
        console.print(f"{key:<26} {value}")
    for check in report.checks:
        mark = "warn" if check.warning else "ok  " if check.ok else "FAIL"
        console.print(f"[{mark}] {check.name}: {mask_secrets(check.detail)}")
        if check.fix and (check.warning or not check.ok):
            console.print(f"       fix: {mask_secrets(check.fix)}")
    if not report.ok:
        raise typer.Exit(1)


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes (idempotent)."""
    config = settings()
    with audited(config, "schema apply") as rec, Store.open(config) as store:
        state = apply_schema(store)
        rec.records = len(state.present)
    console.print(f"schema applied: {len(state.present)} constraints and indexes")


def reset(
    yes: bool = typer.Option(False, "--yes", help="Confirm: delete everything in the graph."),
    force: bool = typer.Option(False, "--force", help="Also when NEO4J_URI names a server."),
) -> None:
    """Delete every node and relationship in the graph (schema kept). Needs --yes; refuses a
    server named by NEO4J_URI unless --force."""
    config = settings()
    with audited(config, "reset", params={"yes": yes, "force": force}) as rec:
        if not yes:
            raise ConfigError("reset deletes every node and relationship in the graph",
                              "--yes", "run 'graphintel reset --yes' to confirm")
        check_reset_allowed(config, force=force)
        with Store.open(config) as store:
            gone = reset_graph(store, config, force=force)
        rec.records = gone["nodes"]
        rec.details.update(gone)
    console.print(f"graph reset: {gone['nodes']:,} nodes and {gone['relationships']:,} "
                  "relationships deleted (schema kept)")
