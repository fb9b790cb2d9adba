"""Charts for the network view without projecting the whole graph on every request.

:func:`graphintel.charts.make_chart` projects the graph (:func:`graphintel.analysis.
projection.project`) for every chart around someone or of a path: seconds on a graph of
10,000 reports. The workspace keeps the projection (and the analysis run) in its
:class:`~graphintel.web.cache.PageCache`, valid while the graph is unchanged, and picks the
people the way :mod:`graphintel.charts.select` does (a network's members; within n links,
exactly as the analysis counts them; every shortest path), then builds the chart with the
same :func:`graphintel.charts.build.build_chart` (filters, profile and redaction in one
place). Other selections go straight through ``make_chart``.

A test checks that these charts equal ``make_chart``'s for the same selection.
"""

from __future__ import annotations

import itertools
from typing import Any

import networkx as nx

from graphintel.analysis.projection import ProjectionParams, project
from graphintel.analysis.run import load_run
from graphintel.analysis.whatif import find_person
from graphintel.charts import Chart, Filters, SelectionSpec, make_chart
from graphintel.charts.build import build_chart
from graphintel.charts.select import MAX_PATHS, Choice, slug
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.redact import PROFILES, Redactor, redactor_for
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


def _params(run: dict[str, Any] | None) -> ProjectionParams:
    raw = ((run or {}).get("run") or {}).get("params", {}).get("projection")
    if isinstance(raw, dict):
        try:
            return ProjectionParams(**raw)
        except TypeError:
            pass
    return ProjectionParams()


def projected(cache: PageCache, store: Store, run: dict[str, Any] | None) -> nx.Graph:
    """The people graph with the latest run's projection settings (cached)."""
    params = _params(run)
    return cache.get(store, ("projection", repr(params)),
                     lambda: project(store, params).graph)


def _as_of(store: Store, run: dict[str, Any] | None) -> str | None:
    if run and run["run"].get("as_of"):
        return str(run["run"]["as_of"])
    rows = store.read("analysis_report_dates")
    last = rows[0]["last"] if rows else None
    return str(last)[:10] if last else None


def _shown(G: nx.Graph, uid: str, redactor: Redactor) -> str:
    return redactor.name({"uid": uid, **G.nodes[uid]})


def _around(G: nx.Graph, spec: SelectionSpec, redactor: Redactor) -> Choice:
    subjects = list(dict.fromkeys(find_person(G, s) for s in spec.subjects))
    people: set[str] = set()
    for s in subjects:
        people |= set(nx.single_source_shortest_path_length(G, s, cutoff=spec.hops))
    names = [_shown(G, s, redactor) for s in subjects]
    noun = "link" if spec.hops == 1 else "links"
    return Choice(people, subjects, "around-" + "-and-".join(slug(n) for n in names),
                  f"People within {spec.hops} {noun} of {' and '.join(names)}")


def _path(G: nx.Graph, spec: SelectionSpec, redactor: Redactor) -> Choice:
    a, b = (find_person(G, s) for s in spec.subjects)
    na, nb = _shown(G, a, redactor), _shown(G, b, redactor)
    if a == b:
        raise ConfigError(f"both ends of the path are {na}", "--path", "give two people")
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(G, a, b), MAX_PATHS))
    except nx.NetworkXNoPath:
        raise NotFound(f"no path between {na} and {nb} in the graph",
                       fix="chart the people around each of them") from None
    people = {p for path in paths for p in path}
    via = {v["key"] for path in paths for u, w in itertools.pairwise(path)
           for v in G.edges[u, w].get("via", [])}
    hops = len(paths[0]) - 1
    return Choice(people, [a, b], f"path-{slug(na)}-{slug(nb)}",
                  f"Shortest paths between {na} and {nb} ({len(paths)} path(s) of "
                  f"{hops} link(s))", via, expand=False)


def _network(spec: SelectionSpec, run: dict[str, Any] | None, redactor: Redactor) -> Choice:
    if run is None:
        raise NotFound("no analysis run in the graph yet, so no networks",
                       fix="run 'graphintel analyse'")
    comms = {int(c["id"]): c for c in run.get("communities", [])}
    wanted = spec.network_id
    if isinstance(wanted, str):  # "top": the network of the highest-ranked target
        ranked = sorted(run.get("targets", []), key=lambda t: t["rank"])
        wanted = int(ranked[0]["community"]) if ranked and ranked[0].get("community") else 1
    c = comms.get(int(wanted or 0))
    if c is None:
        raise NotFound(f"no network {spec.network_id} in analysis run {run['run']['id']}",
                       "network", f"networks are numbered 1 to {len(comms)}"
                       if comms else "the run found no networks")
    # The stored label names the network's hub, who may be a child.
    title = f"Network {c['id']}" if redactor.partner else str(c["label"])
    return Choice({m["uid"] for m in c["members"]}, [], f"network-{c['id']}", title)


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
    if selection.kind == "network":
        choice = _network(selection, run, redactor)
    elif selection.kind == "around":
        choice = _around(projected(cache, store, run), selection, redactor)
    else:
        choice = _path(projected(cache, store, run), selection, redactor)
    made = build_chart(store, choice, redactor, filters, run)
    if made.graph.number_of_nodes() == 0:
        raise NotFound(f"the chart '{made.meta['title']}' is empty", None,
                       "widen the filters (dates, grading, types)" if filters.active
                       else "nothing in it is supported by a report this profile may show")
    return made


__all__ = ["chart", "latest_run", "projected"]
