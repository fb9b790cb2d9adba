"""``graphintel doctor``, ``graphintel schema apply`` and ``graphintel reset``."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from graphintel.cli.common import console, settings
from graphintel.cli.output import FORMAT, OUTPUT, Format, emit
from graphintel.config import mask_secrets
from graphintel.errors import ConfigError

if TYPE_CHECKING:
    from graphintel.doctor import Check, DoctorReport

schema_app = typer.Typer(help="The graph schema (constraints and indexes).",
                         no_args_is_help=True, rich_markup_mode=None)


def doctor(
    no_start: bool = typer.Option(False, "--no-start", help="Do not start the local Neo4j."),
    folder: list[Path] = typer.Option([], "--folder", metavar="FOLDER",
                                      help="Also check the permissions of the files in this "
                                      "output folder (repeatable)."),
    fmt: Format | None = FORMAT,
    output: Path | None = OUTPUT,
) -> None:
    """Report the configuration, connectivity, server version, schema and file permissions;
    exit 1 if something is wrong (permission warnings do not fail)."""
    from graphintel.audit import audited
    from graphintel.doctor import run_doctor

    config = settings()
    with audited(config, "doctor", params={"no_start": no_start,
                                           "folders": [str(f) for f in folder]}) as rec:
        report = run_doctor(config, start_local=not no_start, folders=folder)
        rec.details.update(ok=report.ok, failed=[c.name for c in report.checks if not c.ok],
                           warnings=[c.name for c in report.warnings])
        rows = [{"check": c.name, "status": _mark(c).strip(), "detail": mask_secrets(c.detail),
                 "fix": mask_secrets(c.fix)} for c in report.checks]
        data = {"ok": report.ok, "settings": report.settings,
                "checks": [asdict(c) | {"detail": mask_secrets(c.detail),
                                        "fix": mask_secrets(c.fix)} for c in report.checks]}
        emit(["check", "status", "detail", "fix"], rows, fmt, output, rec, data=data,
             show=lambda: _print_doctor(report))
    if not report.ok:
        raise typer.Exit(1)


def _mark(check: Check) -> str:
    return "warn" if check.warning else "ok  " if check.ok else "FAIL"


def _print_doctor(report: DoctorReport) -> None:
    for key, value in report.settings.items():
        console.print(f"{key:<26} {value}")
    for check in report.checks:
        console.print(f"[{_mark(check)}] {check.name}: {mask_secrets(check.detail)}")
        if check.fix and (check.warning or not check.ok):
            console.print(f"       fix: {mask_secrets(check.fix)}")


@schema_app.command("apply")
def schema_apply() -> None:
    """Create the constraints and indexes (idempotent); a graph loaded before the listing
    markers existed gets them first."""
    from graphintel.audit import audited
    from graphintel.schema import apply_schema
    from graphintel.store import Store

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
    from graphintel.audit import audited
    from graphintel.reset import check_reset_allowed, reset_graph
    from graphintel.store import Store

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
