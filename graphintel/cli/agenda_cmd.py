"""``graphintel agenda``: the network-meeting agenda of an analysis run."""

from __future__ import annotations

from pathlib import Path

import typer

from graphintel.agenda import FORMATS, Limits, parse_formats, write_agenda
from graphintel.audit import audited
from graphintel.cli.common import console, settings
from graphintel.errors import ConfigError
from graphintel.redact import PROFILES
from graphintel.store import Store


def agenda(
    run: str | None = typer.Option(None, "--run", help="Analysis run (default: the latest)."),
    since: str | None = typer.Option(
        None, "--since",
        help="Run to compare with (default: the run before --run; 'none' for no comparison)."),
    profile: str = typer.Option("internal", "--profile",
                                help="internal (full detail) or partner (redacted)."),
    formats: str = typer.Option(",".join(FORMATS), "--format",
                                help="Comma-separated formats: md, html, docx."),
    out: Path = typer.Option(..., "--out", help="Folder to write the agenda into."),
    meeting: str | None = typer.Option(None, "--meeting", help="Meeting name for the header."),
    date: str | None = typer.Option(None, "--date",
                                    help="Meeting date, YYYY-MM-DD (default: today)."),
    max_targets: int = typer.Option(5, "--max-targets", min=1,
                                    help="Candidate targets shown per network."),
    max_children: int = typer.Option(10, "--max-children", min=1,
                                     help="Children shown per network."),
) -> None:
    """Write the CSE network-meeting agenda (Markdown, HTML, Word) and print the paths."""
    config = settings()
    params = {"run": run, "since": since, "profile": profile, "format": formats,
              "out": str(out)}
    with audited(config, "agenda", params=params) as record:
        if profile not in PROFILES:
            raise ConfigError(f"unknown profile {profile!r}", "--profile",
                              f"use one of {', '.join(PROFILES)}")
        wanted = parse_formats(formats)
        with Store.open(config) as store:
            paths = write_agenda(store, config, run_id=run, since=since, profile=profile,
                                 formats=wanted, out_dir=out, meeting=meeting, date=date,
                                 limits=Limits(targets=max_targets, children=max_children))
        record.outputs.extend(str(p) for p in paths)
        record.records = len(paths)
    for path in paths:
        console.print(str(path))
