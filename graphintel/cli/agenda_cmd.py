"""``graphintel agenda``: the network-meeting agenda of an analysis run.

The agenda is files; ``--format`` names the file formats and ``-o/--out`` the folder, and
the command prints the path of each file written (one per line).
"""

from __future__ import annotations

from pathlib import Path

import typer

from graphintel.cli.common import (
    console,
    outside_home,
    settings,
    status,
    warn,
    warn_if_empty,
)
from graphintel.errors import ConfigError

# The agenda's formats, for the help text without loading the agenda code (the library's
# parse_formats checks what is given).
FORMATS = ("md", "html", "docx")


def agenda(
    run: str | None = typer.Option(None, "--run", help="Analysis run (default: the latest)."),
    since: str | None = typer.Option(
        None, "--since",
        help="Run to compare with (default: the run before --run; 'none' for no comparison)."),
    profile: str = typer.Option("internal", "--profile",
                                help="internal (full detail) or partner (redacted)."),
    formats: str = typer.Option(",".join(FORMATS), "--format", "-f",
                                help="Comma-separated formats: md, html, docx."),
    out: Path = typer.Option(..., "--out", "-o", metavar="FOLDER",
                             help="Folder to write the agenda into (files created 0600)."),
    meeting: str | None = typer.Option(None, "--meeting", help="Meeting name for the header."),
    date: str | None = typer.Option(None, "--date",
                                    help="Meeting date, YYYY-MM-DD (default: today)."),
    max_targets: int = typer.Option(5, "--max-targets", min=1,
                                    help="Candidate targets shown per network."),
    max_children: int = typer.Option(10, "--max-children", min=1,
                                     help="Children shown per network."),
    max_networks: int = typer.Option(50, "--max-networks", min=1,
                                     help="Networks the agenda covers, the most concerning "
                                     "first (the rest are counted; every child at risk is "
                                     "still listed)."),
    draft: bool = typer.Option(False, "--draft", help="A draft before the meeting: record "
                               "neither the meeting nor its actions (by default the meeting "
                               "and the actions it raises are stored, so the next agenda "
                               "carries the open ones over)."),
) -> None:
    """Write the CSE network-meeting agenda (Markdown, HTML, Word) and print the paths."""
    from graphintel.agenda import Limits, parse_formats, write_agenda
    from graphintel.audit import audited
    from graphintel.redact import PROFILES
    from graphintel.store import Store

    config = settings()
    outside_home(config, out)
    params = {"run": run, "since": since, "profile": profile, "format": formats,
              "out": str(out), "draft": draft}
    with audited(config, "agenda", params=params) as record:
        if profile not in PROFILES:
            raise ConfigError(f"unknown profile {profile!r}", "--profile",
                              f"use one of {', '.join(PROFILES)}")
        wanted = parse_formats(formats)
        with Store.open(config) as store, status(f"writing the {profile} agenda"):
            warn_if_empty(store, config)
            paths = write_agenda(store, config, run_id=run, since=since, profile=profile,
                                 formats=wanted, out_dir=out, meeting=meeting, date=date,
                                 limits=Limits(targets=max_targets, children=max_children,
                                               networks=max_networks),
                                 record=not draft, warn=warn)
        record.outputs.extend(str(p) for p in paths)
        record.records = len(paths)
    for path in paths:
        console.print(str(path))
