"""The agenda of the multi-agency CSE network meeting, from an analysis run.

``write_agenda`` does everything: it loads the run (and the run to compare with), reads
what else it needs from the graph, builds the content once for the chosen profile
(``internal`` or ``partner``; redaction happens in :mod:`graphintel.agenda.view` only),
draws the pictures and timelines the documents show (those of the networks of most
concern), once for all three formats, and writes Markdown, self-contained HTML and Word
files::

    agenda-<run id>-<profile>.md / .html / .docx
    agenda-<run id>-<profile>-network-<n>.png / -timeline-<n>.png

Content, in order (see :mod:`graphintel.agenda.layout`): a core the chair runs the meeting
from — header, contents, what needs a decision today (the run's counts, changes since the
last meeting, overdue and carried-over actions), safeguarding first, the networks of most
concern, one line per other network, the actions proposed — then appendices A–F with the
evidence, the children, places and tactics, the changes in full, the intelligence gaps and
the pictures. Writing the agenda records the meeting and its actions in the graph
(:mod:`graphintel.agenda.actions`).
The same run gives the same Markdown and HTML apart from the "Generated:" line.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, MutableMapping, Sequence
from datetime import date as _date
from datetime import datetime
from pathlib import Path

from graphintel.agenda.actions import record_meeting
from graphintel.agenda.build import build_agenda, file_stem
from graphintel.agenda.layout import layout
from graphintel.agenda.model import MARKING, TITLE, Agenda, Limits
from graphintel.agenda.picture import draw_shown
from graphintel.agenda.render_docx import render_docx
from graphintel.agenda.render_html import render_html
from graphintel.agenda.render_md import render_markdown
from graphintel.agenda.source import AgendaSource, read_source
from graphintel.agenda.tactics import load_tactics
from graphintel.config import Settings
from graphintel.errors import ConfigError, OutputError
from graphintel.memory import collector_paused
from graphintel.redact import PROFILES
from graphintel.secure_files import private_dir, write_bytes
from graphintel.store import Store

FORMATS = ("md", "html", "docx")

__all__ = ["FORMATS", "Agenda", "AgendaSource", "Limits", "build_agenda", "parse_formats",
           "read_source", "write_agenda", "write_built"]


def parse_formats(formats: str | Sequence[str]) -> list[str]:
    """``"md,html"`` or ``["md", "html"]`` -> checked, de-duplicated, in the given order."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for raw in items:
        fmt = raw.strip().lower().lstrip(".")
        if not fmt:
            continue
        if fmt not in FORMATS:
            raise ConfigError(f"unknown agenda format {raw.strip()!r}", "--format",
                              f"use any of {', '.join(FORMATS)} separated by commas")
        if fmt not in out:
            out.append(fmt)
    if not out:
        raise ConfigError("no agenda format given", "--format",
                          f"use any of {', '.join(FORMATS)}")
    return out


def _out_dir(out_dir: Path) -> Path:
    try:
        private_dir(out_dir)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder: {exc.strerror}", str(out_dir),
                          "choose a folder you can write to") from None
    if not out_dir.is_dir() or not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError("the output folder is not writable", str(out_dir),
                          "choose a folder you can write to")
    return out_dir.resolve()


def _write(folder: Path, name: str, data: bytes) -> Path:
    """Write ``folder/name`` atomically; refuse any name that would land elsewhere."""
    target = (folder / name).resolve()
    if target.parent != folder or Path(name).name != name:
        raise OutputError(f"refusing to write {name!r} outside the output folder", str(folder))
    try:
        write_bytes(target, data)
    except OSError as exc:
        raise OutputError(f"cannot write {name}: {exc.strerror}", str(folder),
                          "check the folder's permissions and free space") from None
    return target


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return _date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ConfigError(f"meeting date {value!r} is not a date", "--date",
                          "write it as YYYY-MM-DD") from None


def write_agenda(store: Store, settings: Settings, *, run_id: str | None = None,
                 since: str | None = None, profile: str = "internal",
                 formats: str | Sequence[str] = FORMATS, out_dir: Path,
                 meeting: str | None = None, date: str | None = None,
                 limits: Limits | None = None, tactics_file: Path | None = None,
                 generated_at: str | None = None, record: bool = True,
                 source: AgendaSource | None = None,
                 drawn: MutableMapping[str, bytes] | None = None,
                 warn: Callable[[str], None] | None = None) -> list[Path]:
    """Build and write the agenda; returns the paths written (documents, then pictures).

    ``warn`` (the command line's warning on stderr) is told what the header warns of: that
    reports were loaded after the analysis run was made
    (:func:`graphintel.agenda.stale.stale_text`).

    With ``record`` (the default) the meeting and the actions it raises are stored in the
    graph, so the next agenda carries the open ones over; a draft written before the
    meeting can pass ``record=False``.

    ``since`` is the run to compare with (default: the run of the last meeting recorded
    before ``date``, else the run stored just before ``run_id``; ``"none"`` for no
    comparison). ``source``: what :func:`~graphintel.agenda.source.read_source` read, to
    compose from without reading again (``run_id``, ``since`` and ``date`` are then its
    own). ``drawn``: pictures already drawn, reused and added to
    (:func:`~graphintel.agenda.picture.draw_shown`). Raises
    :class:`~graphintel.errors.NotFound` for an unknown run,
    :class:`~graphintel.errors.ConfigError` for a bad profile, format, date or tactics
    file, :class:`~graphintel.errors.OutputError` when ``out_dir`` is not writable.
    """
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}", "--profile",
                          f"use one of {', '.join(PROFILES)}")
    wanted = parse_formats(formats)
    meeting_date = _check_date(date)
    tactics = load_tactics(tactics_file)
    folder = _out_dir(Path(out_dir))
    # One pause of the cycle collector from the reads to the files: resumed between the
    # steps, its first collection walked every object the reads had made (millions at
    # 100,000 reports: about half a second). Once an agenda read here is built, what it
    # was built from is gone and one collection is cheap (0.1 s); it frees the driver's
    # spent results and their queries' parameters, which the driver leaves in reference
    # cycles (about 190 MB at 100k).
    # A caller's source stays alive, and so would be walked for nothing.
    with collector_paused():
        agenda = build_agenda(store, settings, run_id=run_id, since=since, profile=profile,
                              meeting=meeting, date=meeting_date, limits=limits,
                              tactics=tactics, generated_at=generated_at, source=source)
        if source is None:
            gc.collect()
        if agenda.header.stale and warn is not None:
            warn(agenda.header.stale)
        written = write_built(agenda, formats=wanted, out_dir=folder, limits=limits,
                              drawn=drawn)
    # The meeting and the actions this agenda raises are stored once the documents exist,
    # so the next agenda carries the open ones over.
    if record:
        h = agenda.header
        record_meeting(store, agenda.meeting_id, agenda.raised, agenda.carried,
                       run_id=h.run_id, meeting_date=h.date, superseded=agenda.superseded,
                       rejected=agenda.rejected)
    return written


def write_built(agenda: Agenda, *, formats: str | Sequence[str], out_dir: Path,
                limits: Limits | None = None,
                drawn: MutableMapping[str, bytes] | None = None) -> list[Path]:
    """Write an agenda already built (:func:`build_agenda`) in ``formats`` into ``out_dir``;
    the paths written (documents, then pictures). Nothing is recorded in the graph.
    ``drawn`` as for :func:`write_agenda`."""
    wanted = parse_formats(formats)
    folder = _out_dir(Path(out_dir))
    with collector_paused():  # see write_agenda
        return _write_built(agenda, wanted, folder, limits, drawn)


def _write_built(agenda: Agenda, wanted: list[str], folder: Path, limits: Limits | None,
                 drawn: MutableMapping[str, bytes] | None) -> list[Path]:
    blocks = layout(agenda, limits)
    # Only the pictures and timelines a document shows are drawn, each once, and the
    # same PNG is embedded in every format and written beside the documents.
    images = draw_shown(blocks, drawn)
    h, profile = agenda.header, agenda.profile
    stem = agenda.scrub(file_stem(h.run_id, profile))
    title = agenda.scrub(f"{MARKING} — {TITLE} — {h.run_id} ({profile})")
    written: list[Path] = []
    for fmt in wanted:
        if fmt == "md":
            data = render_markdown(blocks).encode("utf-8")
        elif fmt == "html":
            data = render_html(blocks, title).encode("utf-8")
        else:
            created = datetime.fromisoformat(h.run_created.replace("Z", "+00:00"))
            data = render_docx(blocks, title=agenda.scrub(f"{TITLE} — {h.run_id} ({profile})"),
                               marking=MARKING, created=created,
                               comments=agenda.scrub(f"Generated by graphintel from analysis "
                                                     f"run {h.run_id}; {profile} version."))
        written.append(_write(folder, f"{stem}.{fmt}", data))
    for image in images:
        written.append(_write(folder, image.file_name, image.png))
    return written
