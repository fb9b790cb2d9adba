"""The Typer application behind the ``graphintel`` command.

Commands parse options, call one library function and render its result. graphintel's
own errors become ``Error: <what, where, fix>`` and exit code 1 (a password in a URI
masked); any other exception is a bug and keeps its traceback. Every command runs inside
:func:`graphintel.audit.audited`.
"""

from __future__ import annotations

import sys

import typer

from graphintel.cli import (
    admin_cmd,
    agenda_cmd,
    analyse_cmd,
    audit_cmd,
    chart_cmd,
    ingest_cmd,
    neo4j_cmd,
    query_cmd,
    resolve_cmd,
    synth_cmd,
)
from graphintel.cli.common import err_console
from graphintel.config import mask_secrets
from graphintel.errors import Ambiguous, GraphintelError

app = typer.Typer(
    name="graphintel",
    help="Map child-exploitation networks from police intelligence in Neo4j.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(neo4j_cmd.app, name="neo4j")
app.add_typer(admin_cmd.schema_app, name="schema")
app.command()(admin_cmd.doctor)
app.command("reset")(admin_cmd.reset)
app.command("ingest")(ingest_cmd.ingest_command)
app.command("analyse")(analyse_cmd.analyse)
app.command("disrupt")(analyse_cmd.disrupt_command)
app.command("runs")(analyse_cmd.runs)
app.command("synth")(synth_cmd.synth)
app.command("agenda")(agenda_cmd.agenda)
app.command("chart")(chart_cmd.chart)
app.add_typer(query_cmd.query_app, name="query")
app.command("profile")(query_cmd.profile_command)
app.command("path")(query_cmd.path_command)
app.command("search")(query_cmd.search_command)
app.add_typer(audit_cmd.audit_app, name="audit")
app.add_typer(resolve_cmd.resolve_app, name="resolve")


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        code = app(args=argv, standalone_mode=False)
    except GraphintelError as exc:
        err_console.print(f"Error: {mask_secrets(exc.message())}", markup=False)
        if isinstance(exc, Ambiguous):
            for candidate in exc.candidates:
                err_console.print(f"  - {mask_secrets(candidate)}", markup=False)
        return 1
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("Aborted.")
        return 1
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"Error: {exc}", markup=False)
        return int(getattr(exc, "exit_code", 2))
    return int(code) if isinstance(code, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
