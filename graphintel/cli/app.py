"""The Typer application behind the ``graphintel`` command.

Commands parse options, call one library function and render its result. Exit codes:

* 0 - done;
* 1 - graphintel's own error, printed as ``Error: <what>; at <where>; <fix>`` (a password in
  a URI masked; an ambiguous name lists the candidates); also a failed ``doctor`` check;
* 2 - usage error (unknown option, missing argument, bad value), from the option parser;
* 3 - done, with something to act on: ``ingest`` quarantined rows (the good rows are
  loaded); ``neo4j status``: the local Neo4j is not running.

Any other exception is a bug and keeps its traceback. Every command runs inside
:func:`graphintel.audit.audited`. Command modules import library code inside the command
functions, so ``graphintel --help`` and ``graphintel CMD --help`` load neither the driver
nor the analysis stack.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

import typer

from graphintel import __version__
from graphintel.cli import (
    actions_cmd,
    admin_cmd,
    agenda_cmd,
    analyse_cmd,
    audit_cmd,
    chart_cmd,
    helpfmt,  # noqa: F401  (plain help: no <bool>, TEXT not <str>)
    ingest_cmd,
    neo4j_cmd,
    query_cmd,
    resolve_cmd,
    serve_cmd,
    synth_cmd,
    users_cmd,
)
from graphintel.cli.common import OPTIONS, err_console, set_options
from graphintel.config import mask_secrets
from graphintel.errors import Ambiguous, GraphintelError

OK, ERROR, USAGE, ATTENTION = 0, 1, 2, 3

app = typer.Typer(
    name="graphintel",
    help="Map child-exploitation networks from police intelligence in Neo4j.\n\n"
         "Exit codes: 0 done; 1 error (Error: what; where; fix); 2 usage error; "
         "3 done with something to act on (ingest quarantined rows).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"graphintel {__version__}")
        raise typer.Exit()


@app.callback()
def _global(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress or status messages "
                               "(results, warnings and errors are still printed)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also print the graphintel "
                                 "home, the time each slow step took, and the traceback of "
                                 "an error."),
) -> None:
    """Map child-exploitation networks from police intelligence in Neo4j."""
    set_options(quiet=quiet, verbose=verbose)


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
app.add_typer(actions_cmd.actions_app, name="actions")
app.command("serve")(serve_cmd.serve)
app.add_typer(users_cmd.users_app, name="users")


def _error(exc: GraphintelError) -> int:
    if OPTIONS.verbose:
        import traceback

        err_console.print("".join(traceback.format_exception(exc)).rstrip(), markup=False)
    err_console.print(f"Error: {mask_secrets(exc.message())}", markup=False)
    if isinstance(exc, Ambiguous):
        for candidate in exc.candidates:
            err_console.print(f"  - {mask_secrets(candidate)}", markup=False)
    return ERROR


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    set_options(quiet=False, verbose=False)
    try:
        code = app(args=argv, prog_name="graphintel", standalone_mode=False)
    except GraphintelError as exc:
        return _error(exc)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err_console.print("Aborted.")
        return ERROR
    except typer.TyperException as exc:  # usage errors: bad option, missing argument
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            err_console.print(f"Error: {exc}", markup=False)
        return int(getattr(exc, "exit_code", USAGE))
    return int(code) if isinstance(code, int) else OK


def run(argv: list[str] | None = None) -> NoReturn:
    """Console-script entry point: run the command line and exit with its code.

    The objects still alive at exit are frozen out of the interpreter's last garbage
    collections (:func:`gc.freeze`): the process's memory goes back to the system when it
    ends, and walking every object took about 0.1 s of a command (after loading 1,000
    reports). The commands close their files; objects outside reference cycles are still
    released, and finalised, as the interpreter shuts down.
    """
    code = main(argv)
    gc.freeze()
    sys.exit(code)
