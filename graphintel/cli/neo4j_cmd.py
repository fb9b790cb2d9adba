"""``graphintel neo4j start|stop|status|plugin``: the local Neo4j, and the plugin jar.

``status`` exits 3 when the local Neo4j is not running (as service managers do), so a
script can test it.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from graphintel.cli.common import console, settings
from graphintel.cli.output import FORMAT, OUTPUT, Format, emit
from graphintel.config import Settings, mask_uri
from graphintel.errors import ConfigError

if TYPE_CHECKING:
    from graphintel import local_neo4j

NOT_RUNNING_EXIT = 3

app = typer.Typer(help="Manage the local Neo4j (used when NEO4J_URI is not set).",
                  no_args_is_help=True, rich_markup_mode=None)


def _require_local(s: Settings) -> None:
    if not s.uses_local_neo4j:
        raise ConfigError(
            f"NEO4J_URI is set ({mask_uri(s.neo4j_uri or '')}), so graphintel does not run "
            "its own Neo4j", "NEO4J_URI", "unset NEO4J_URI to use the local Neo4j",
        )


def _fields(st: local_neo4j.LocalStatus) -> dict[str, Any]:
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(st).items()}


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
    from graphintel import local_neo4j
    from graphintel.audit import audited

    s = settings()
    with audited(s, "neo4j start") as rec:
        _require_local(s)
        before = local_neo4j.status(s)
        st = local_neo4j.start(s)
        rec.details.update(already_running=before.running, uri=st.uri)
    console.print("already running" if before.running else "started")
    _print_status(st)


@app.command()
def stop() -> None:
    """Stop the local Neo4j."""
    from graphintel import local_neo4j
    from graphintel.audit import audited

    s = settings()
    with audited(s, "neo4j stop") as rec:
        _require_local(s)
        stopped = local_neo4j.stop(s)
        rec.details["was_running"] = stopped
    console.print("stopped" if stopped else "was not running")


@app.command()
def status(fmt: Format | None = FORMAT, output: Path | None = OUTPUT) -> None:
    """Say whether the local Neo4j runs and how to connect to it (exit 3 if it does not)."""
    from graphintel import local_neo4j
    from graphintel.audit import audited

    s = settings()
    with audited(s, "neo4j status") as rec:
        _require_local(s)
        st = local_neo4j.status(s)
        rec.details["running"] = st.running
        data = _fields(st)
        emit(list(data), [data], fmt, output, rec, data=data, show=lambda: _print_status(st))
    if not st.running:
        raise typer.Exit(NOT_RUNNING_EXIT)


@app.command()
def plugin(folder: Path = typer.Option(Path("plugins"), "--out", "-o",
                                       help="Folder to write the jar into.")) -> None:
    """Write graphintel's Neo4j procedures as a plugin jar, for a Neo4j run elsewhere.

    docker-compose.yml mounts ./plugins; the local Neo4j needs no jar (it registers the
    procedures itself). Without the jar, the queries they serve run as plain Cypher."""
    from graphintel import local_neo4j
    from graphintel.audit import audited

    s = settings()
    with audited(s, "neo4j plugin") as rec:
        jar = local_neo4j.plugin_jar(s, folder)
        rec.details["jar"] = str(jar)
    console.print(str(jar))
