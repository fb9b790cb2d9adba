"""``graphintel neo4j start|stop|status``: the local Neo4j."""

from __future__ import annotations

import typer

from graphintel import local_neo4j
from graphintel.cli.common import console, settings
from graphintel.errors import ConfigError

app = typer.Typer(help="Manage the local Neo4j (used when NEO4J_URI is not set).",
                  no_args_is_help=True)


def _require_local() -> None:
    s = settings()
    if not s.uses_local_neo4j:
        raise ConfigError(
            f"NEO4J_URI is set ({s.neo4j_uri}), so graphintel does not run its own Neo4j",
            "NEO4J_URI", "unset NEO4J_URI to use the local Neo4j",
        )


def _print_status(st: local_neo4j.LocalStatus) -> None:
    console.print(f"running:       {'yes' if st.running else 'no'}")
    if st.uri:
        console.print(f"bolt uri:      {st.uri}")
    console.print(f"user:          {st.user}")
    console.print(f"password file: {st.password_file}")
    console.print(f"data:          {st.data_dir}")
    console.print(f"log:           {st.log_file}")
    if st.pid:
        console.print(f"pid:           {st.pid}")
    if st.note:
        console.print(f"note:          {st.note}")


@app.command()
def start() -> None:
    """Start the local Neo4j, or reuse the running one."""
    _require_local()
    before = local_neo4j.status(settings())
    st = local_neo4j.start(settings())
    console.print("already running" if before.running else "started")
    _print_status(st)


@app.command()
def stop() -> None:
    """Stop the local Neo4j."""
    _require_local()
    console.print("stopped" if local_neo4j.stop(settings()) else "was not running")


@app.command()
def status() -> None:
    """Say whether the local Neo4j runs and how to connect to it."""
    _require_local()
    st = local_neo4j.status(settings())
    _print_status(st)
    if not st.running:
        raise typer.Exit(3)
