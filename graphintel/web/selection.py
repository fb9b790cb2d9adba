"""Charts for the network view without projecting the whole graph on every request.

:func:`graphintel.charts.make_chart` projects the graph (:func:`graphintel.analysis.
projection.project`) for every chart around someone or of a path: seconds on a graph of
10,000 reports. The workspace keeps the projection (and the analysis run) in its
:class:`~graphintel.web.cache.PageCache`, valid while the graph is unchanged, and picks the
people with the same :func:`graphintel.charts.select.choose` given that graph (a network's
members; within n links, exactly as the analysis counts them; every shortest path), then
builds the chart with the same :func:`graphintel.charts.build.build_chart` (filters,
profile and redaction in one place). Other selections go straight through ``make_chart``.

A test checks that these charts equal ``make_chart``'s for the same selection.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from graphintel.analysis.projection import project
from graphintel.analysis.stored import load_run
from graphintel.charts import Chart, Filters, SelectionSpec, make_chart
from graphintel.charts.build import build_chart
from graphintel.charts.select import choose, projection_params
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.redact import PROFILES, redactor_for
from graphintel.store import Store
from graphintel.web.cache import PageCache


def latest_run(cache: PageCache, store: Store) -> dict[str, Any] | None:
    """The latest analysis run's result document, or None when there is none."""
    def make() -> dict[str, Any] | None:
        try:
            return load_run(store)
        except NotFound:
            return None
    return cache.get(store, ("run",), make)


def projected(cache: PageCache, store: Store, run: dict[str, Any] | None) -> nx.Graph:
    """The people graph with the latest run's projection settings (cached)."""
    params = projection_params(run)
    return cache.get(store, ("projection", repr(params)),
                     lambda: project(store, params).graph)


def _as_of(store: Store, run: dict[str, Any] | None) -> str | None:
    if run and run["run"].get("as_of"):
        return str(run["run"]["as_of"])
    rows = store.read("analysis_report_dates")
    last = rows[0]["last"] if rows else None
    return str(last)[:10] if last else None


def chart(cache: PageCache, store: Store, settings: Settings, selection: SelectionSpec, *,
          profile: str, filters: Filters) -> Chart:
    """The chart of ``selection`` as :func:`graphintel.charts.make_chart` makes it."""
    if selection.kind not in ("network", "around", "path"):
        return make_chart(store, settings, selection, profile=profile, filters=filters)
    selection.check()
    filters.check()
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile {profile!r}", "profile",
                          f"use one of {', '.join(PROFILES)}")
    run = latest_run(cache, store)
    redactor = redactor_for(store, settings.home, profile, _as_of(store, run))
    # the run's safeguarded records (exploited, or possibly a child recorded apart) are
    # pseudonymised as children are, as the command line's charts do
    redactor.safeguarded = frozenset(run["run"].get("safeguarded_inferred") or []) if run \
        else frozenset()
    graph = None if selection.kind == "network" else projected(cache, store, run)
    choice = choose(store, selection, run, redactor, graph=graph)
    made = build_chart(store, choice, redactor, filters, run)
    if made.graph.number_of_nodes() == 0:
        raise NotFound(f"the chart '{made.meta['title']}' is empty", None,
                       "widen the filters (dates, grading, types)" if filters.active
                       else "nothing in it is supported by a report this profile may show")
    return made


__all__ = ["chart", "latest_run", "projected"]
