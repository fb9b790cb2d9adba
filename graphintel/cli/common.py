"""What every command shares: settings, global options, status messages, warnings.

Light by design: this module (like every command module) imports no heavy library code at
import time, so ``graphintel --help`` starts at once. Messages go to stderr, results to
stdout:

* :func:`note` - a status line (what is happening, where a file went); hidden by
  ``--quiet``.
* :func:`status` - a spinner with the elapsed time while a slow step runs, on a terminal
  only (a log or a pipe gets no animation); hidden by ``--quiet``. With ``--verbose`` the
  time each step took is printed when it ends.
* :func:`warn` - ``Warning: ...``; always shown (``--quiet`` included): it points at a
  likely mistake, such as running on an empty graph.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from pathlib import Path

    from graphintel.config import Settings
    from graphintel.store import Store

console = Console(highlight=False, soft_wrap=True, markup=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

EMPTY_GRAPH_FIX = ("load data first, e.g. 'graphintel ingest sample/', or point "
                   "GRAPHINTEL_HOME at the graph you meant (after 'make demo': "
                   "export GRAPHINTEL_HOME=$PWD/.graphintel-demo)")


@dataclass
class GlobalOptions:
    """``--quiet`` and ``--verbose``, set by the app's callback for this process."""

    quiet: bool = False
    verbose: bool = False


OPTIONS = GlobalOptions()


def set_options(*, quiet: bool, verbose: bool) -> None:
    OPTIONS.quiet = quiet
    OPTIONS.verbose = verbose and not quiet


def note(text: str) -> None:
    """A status line on stderr, unless ``--quiet``."""
    if not OPTIONS.quiet:
        err_console.print(text, markup=False)


def detail(text: str) -> None:
    """A line for ``--verbose`` only."""
    if OPTIONS.verbose:
        err_console.print(text, markup=False)


def warn(text: str) -> None:
    """``Warning: text`` on stderr, also with ``--quiet``."""
    err_console.print(f"Warning: {text}", markup=False)


def interactive() -> bool:
    """True when stderr is a terminal and status is wanted."""
    return not OPTIONS.quiet and err_console.is_terminal


@contextmanager
def status(text: str) -> Iterator[None]:
    """A spinner with ``text`` while the block runs (terminal only; see the module doc)."""
    start = time.monotonic()
    if interactive():
        with err_console.status(text + "…", spinner="dots"):
            yield
    else:
        yield
    detail(f"{text}: {time.monotonic() - start:.1f} s")


@contextmanager
def phases(text: str) -> Iterator[Callable[[str], None]]:
    """Like :func:`status`, but the block is given a function to name each phase it starts:
    the spinner shows ``text: phase``; ``--verbose`` prints each phase with its time."""
    start = last = time.monotonic()
    current = ""

    def timed(phase: str) -> None:
        nonlocal last, current
        now = time.monotonic()
        if current:
            detail(f"{text}: {current}: {now - last:.1f} s")
        current, last = phase, now

    if interactive():
        with err_console.status(text + "…", spinner="dots") as shown:
            def show(phase: str) -> None:
                timed(phase)
                shown.update(f"{text}: {phase}…")
            yield show
    else:
        yield timed
    timed("")
    detail(f"{text}: {time.monotonic() - start:.1f} s")


def _neo4j_message(text: str) -> None:
    note(text)


def outside_home(config: Settings, *paths: Path | None) -> None:
    """Refuse an output file or folder inside GRAPHINTEL_HOME: it holds the audit log, the
    workspace's accounts and keys and the local Neo4j's data and password, which an output
    must never overwrite (an audit export written over the audit log would erase it)."""
    from graphintel.errors import OutputError

    home = config.home.resolve()
    for path in paths:
        if path is None:
            continue
        where = path.expanduser().resolve()
        if where == home or home in where.parents:
            raise OutputError(f"refusing to write {path} inside GRAPHINTEL_HOME ({home})",
                              str(path), "write outputs to a folder outside GRAPHINTEL_HOME")


def settings() -> Settings:
    """Settings for this command (read once per call, never at import).

    Also routes the local Neo4j's start-up messages (download, start, ready) to stderr."""
    from graphintel import local_neo4j
    from graphintel.config import load_settings

    local_neo4j.on_status(_neo4j_message)
    config = load_settings()
    detail(f"graphintel home: {config.home}")
    return config


def warn_if_empty(store: Store, config: Settings) -> bool:
    """Warn when the graph holds nothing; returns True if it is empty."""
    if store.has_data():
        return False
    warn_empty(config)
    return True


def lookup_person(store: Store, config: Settings, text: str) -> str:
    """The uid of the one person ``text`` names, as every command looks people up
    (:func:`graphintel.subjects.resolve_person`: uid, nominal ref, name, alias; several
    matches raise the same ambiguity error). When nobody matches because the graph is
    empty, the warning says so before the error."""
    from graphintel.errors import NotFound
    from graphintel.subjects import resolve_person

    try:
        return resolve_person(store, text)
    except NotFound:
        warn_if_empty(store, config)
        raise


def warn_empty(config: Settings, what: str = "the graph is empty") -> None:
    """``Warning: <what> (GRAPHINTEL_HOME=...); <how to load data>``."""
    from graphintel.config import mask_uri

    where = (f"GRAPHINTEL_HOME={config.home}" if config.uses_local_neo4j
             else f"NEO4J_URI={mask_uri(config.neo4j_uri or '')}")
    warn(f"{what} ({where}); {EMPTY_GRAPH_FIX}")
