"""The chart package's public functions (see :mod:`graphintel.charts`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from graphintel.analysis.stored import load_run
from graphintel.charts.anx import write_anx
from graphintel.charts.build import Chart, build_chart
from graphintel.charts.exports import (
    write_csv,
    write_cyjs,
    write_gexf,
    write_graphml,
    write_graphml_yed,
)
from graphintel.charts.formats import FORMATS as _FORMATS
from graphintel.charts.html_chart import write_html
from graphintel.charts.select import Filters, SelectionSpec, choose
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound, OutputError
from graphintel.memory import collector_paused
from graphintel.redact import PROFILES, redactor_for
from graphintel.secure_files import private_dir
from graphintel.store import Store

__all__ = ["FORMATS", "WRITERS", "Chart", "Filters", "SelectionSpec", "make_chart",
           "parse_formats", "write_chart", "write_files"]


def _one(writer: Callable[[Chart, Path], Path], ext: str, sep: str = "."
         ) -> Callable[[Chart, Path], list[Path]]:
    def write(chart: Chart, folder: Path) -> list[Path]:
        return [writer(chart, folder / f"{chart.stem}{sep}{ext}")]
    return write


WRITERS: dict[str, Callable[[Chart, Path], list[Path]]] = {
    "html": _one(write_html, "html"),
    "graphml": _one(write_graphml, "graphml"),
    "graphml-yed": _one(write_graphml_yed, "yed.graphml", "-"),
    "gexf": _one(write_gexf, "gexf"),
    "cyjs": _one(write_cyjs, "cyjs"),
    "csv": write_csv,
    "anx": _one(write_anx, "anx"),
}
FORMATS: tuple[str, ...] = _FORMATS


def parse_formats(formats: str | Iterable[str]) -> list[str]:
    """Formats in the order given, deduplicated; ``all`` means every format."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    out: list[str] = []
    for item in (i.strip().lower() for i in items):
        if not item:
            continue
        if item == "all":
            return list(FORMATS)
        if item not in WRITERS:
            raise ConfigError(f"unknown chart format {item!r}", "--format",
                              f"use any of {', '.join(FORMATS)} (comma-separated) or all")
        if item not in out:
            out.append(item)
    if not out:
        raise ConfigError("no chart format given", "--format", f"use any of {', '.join(FORMATS)}")
    return out


def _latest_report_date(store: Store) -> str | None:
    dates = [str(r["date"])[:10] for r in store.read("projection_reports") if r.get("date")]
    return max(dates, default=None)


def chart_parts(selection: SelectionSpec) -> tuple[str, ...]:
    """The parts of the run's result document a chart of ``selection`` reads: the
    networks and the targets (their scores and reasons; not the children linked to them,
    which the chart reads from the graph), the records that may be one person, and the
    victims' lists only for a victim's chart."""
    base = ("run", "targets", "communities", "possible_duplicates")
    return base if selection.kind in ("network", "around", "path") else (*base, "victims")


def stale_warning(store: Store, run: dict[str, Any] | None) -> str:
    """The warning for a chart of an analysis run that reports loaded, or identity decisions
    (merges, rejects, undos, dates of birth settled) made, since may change ("" when there
    were none, or there is no run): its targets and scores are the run's, while the people,
    links and roles are the graph's as it is now (anyone it now records as a child or
    victim has no target ring, and a record merged away since is not drawn:
    :func:`~graphintel.charts.build.build_chart`). Worded as the agenda's
    (:func:`graphintel.agenda.stale.stale_text`)."""
    created = str(((run or {}).get("run") or {}).get("created_at") or "")
    if not created:
        return ""
    rows = store.read("agenda_reports_since", since=created)
    count = int(rows[0]["reports"]) if rows else 0
    rows = store.read("agenda_decisions_since", since=created)
    decisions = int(rows[0]["decisions"]) if rows else 0
    if count <= 0 and decisions <= 0:
        return ""
    parts = [f"{count:,} report{'' if count == 1 else 's'} loaded"] if count > 0 else []
    if decisions > 0:
        parts.append(f"{decisions:,} identity decision{'' if decisions == 1 else 's'} made")
    return (f"{' and '.join(parts)} since this analysis: run `graphintel analyse` again "
            "before relying on its targets and scores")


def make_chart(store: Store, settings: Settings, selection: SelectionSpec, *,
               profile: str = "internal", filters: Filters | None = None,
               warn: Callable[[str], None] | None = None) -> Chart:
    """Select, read, filter and redact a chart; refuses an empty one. When reports were
    loaded after the analysis run the chart takes its targets from, the chart's ``warning``
    (metadata, in every format that writes it) says so, and so does ``warn`` if given
    (the command line's warning on stderr)."""
    filters = filters or Filters()
    selection.check()
    filters.check()
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}", "--profile",
                          f"use one of {', '.join(PROFILES)}")
    # the run's parts are a large read held while the chart is built (see memory.py)
    with collector_paused():
        chart = _make_chart(store, settings, selection, profile, filters)
    if chart.meta.get("warning") and warn is not None:
        warn(chart.meta["warning"])
    return chart


def _make_chart(store: Store, settings: Settings, selection: SelectionSpec, profile: str,
                filters: Filters) -> Chart:
    run: dict[str, Any] | None
    try:
        run = load_run(store, parts=chart_parts(selection), network_victims=False,
                       link_detail=False)
    except NotFound:
        if selection.kind == "network":
            raise
        run = None
    as_of = str(run["run"]["as_of"]) if run and run["run"].get("as_of") else \
        _latest_report_date(store)
    redactor = redactor_for(store, settings.home, profile, as_of)
    redactor.safeguarded = frozenset(run["run"].get("safeguarded_inferred") or []) if run \
        else frozenset()
    choice = choose(store, selection, run, redactor)
    chart = build_chart(store, choice, redactor, filters, run)
    if chart.graph.number_of_nodes() == 0:
        raise NotFound(f"the chart '{chart.meta['title']}' is empty", None,
                       "widen the filters (dates, grading, types)" if filters.active
                       else "nothing in it is supported by a report this profile may show")
    stale = stale_warning(store, run)
    if stale:  # only then: the metadata of a current run's chart is as it always was
        chart.meta["warning"] = stale
    return chart


def write_files(chart: Chart, formats: Iterable[str], out_dir: Path) -> list[Path]:
    """Write ``chart`` in ``formats`` into ``out_dir``; the paths written, in order."""
    wanted = parse_formats(list(formats))
    try:
        private_dir(out_dir)
        return [p for fmt in wanted for p in WRITERS[fmt](chart, out_dir)]
    except OSError as exc:
        raise OutputError(f"cannot write the chart: {exc.strerror or exc}", str(out_dir),
                          "choose another --out folder") from None


def write_chart(store: Store, settings: Settings, selection: SelectionSpec, *,
                formats: str | Iterable[str] = FORMATS, profile: str = "internal",
                out_dir: Path, filters: Filters | None = None,
                warn: Callable[[str], None] | None = None) -> list[Path]:
    """Build the chart of ``selection`` and write it in ``formats``; the paths written.
    ``warn``: told when the analysis run is older than reports loaded since
    (:func:`make_chart`)."""
    wanted = parse_formats(formats)
    chart = make_chart(store, settings, selection, profile=profile, filters=filters,
                       warn=warn)
    return write_files(chart, wanted, out_dir)
