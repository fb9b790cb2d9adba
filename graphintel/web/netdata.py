"""The network view's data: charts (:mod:`graphintel.web.selection`) as vis-network
nodes and edges, merged when the officer expands a node, and cut to what is on screen for
an export in the chart formats (:func:`graphintel.charts.write_files`).

Node ids are the chart's own (a uid made safe for i2, or an opaque code in the partner
profile); :func:`person_uid` turns an internal person node back into the person's uid so
the view can expand it or open the profile.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graphintel.charts import Chart, Filters, SelectionSpec, style, write_files
from graphintel.charts.build import SEP
from graphintel.charts.i2 import safe_identity
from graphintel.clean import name_key
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store
from graphintel.web import selection
from graphintel.web.cache import PageCache

MAX_EXPANDED = 30
SUBJECT_BORDER = "#ff6f00"
MAX_VISIBLE = 5000


@dataclass(frozen=True)
class ViewSpec:
    """What the network view shows: one selection, the people expanded since, filters."""

    kind: str                      # network, around or path
    network: str = ""
    subjects: tuple[str, ...] = ()
    hops: int = 1
    expanded: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)

    @classmethod
    def parse(cls, q: dict[str, str], expanded: list[str] | None = None) -> ViewSpec:
        """From the view's query parameters (``network``, ``around``, ``a``/``b``, ``hops``,
        ``since``, ``until``, ``types``)."""
        types = tuple(t for t in (q.get("types") or "").split(",") if t)
        filters = Filters(since=q.get("since") or None, until=q.get("until") or None,
                          types=types)
        try:
            hops = int(q.get("hops") or 1)
        except ValueError:
            raise ConfigError(f"{q.get('hops')!r} is not a number of links", "hops") from None
        extra = tuple(dict.fromkeys(e for e in (expanded or []) if e))[:MAX_EXPANDED]
        if q.get("a") and q.get("b"):
            return cls("path", subjects=(q["a"], q["b"]), expanded=extra, filters=filters)
        if q.get("around"):
            return cls("around", subjects=(q["around"],), hops=hops, expanded=extra,
                       filters=filters)
        return cls("network", network=q.get("network") or "top", expanded=extra,
                   filters=filters)

    def selections(self) -> list[SelectionSpec]:
        if self.kind == "path":
            base = SelectionSpec.path(*self.subjects)
        elif self.kind == "around":
            base = SelectionSpec.around(list(self.subjects), hops=self.hops)
        else:
            base = SelectionSpec.network(self.network)
        out = [base]
        if self.expanded:
            out.append(SelectionSpec.around(list(self.expanded), hops=1))
        return out


def build_view(cache: PageCache, store: Store, settings: Settings, spec: ViewSpec,
               profile: str) -> Chart:
    """The chart of ``spec``: the selection plus the neighbourhoods of expanded people.

    Each part is kept in the cache on its own, so expanding a node of a chart on screen
    reads only the new neighbourhood."""
    spec.filters.check()

    def part(sel: SelectionSpec) -> Chart:
        return cache.get(store, ("selection", sel, profile, spec.filters),
                         lambda: selection.chart(cache, store, settings, sel,
                                                 profile=profile, filters=spec.filters))

    charts = []
    for i, sel in enumerate(spec.selections()):
        try:
            charts.append(part(sel))
        except NotFound:
            if i == 0:
                raise
    return merge(charts)


def merge(charts: list[Chart]) -> Chart:
    """One chart of several: nodes by id, links by (from, to, type) once, renumbered."""
    first = charts[0]
    if len(charts) == 1:
        return first
    G = nx.MultiDiGraph()
    seen: set[tuple[str, str, str]] = set()
    reports: dict[str, dict[str, Any]] = {}
    for chart in charts:
        reports.update(chart.reports)
        for node, d in chart.graph.nodes(data=True):
            if node not in G:
                G.add_node(node, **d)
            elif d.get("subject"):
                G.nodes[node]["subject"] = True
    links = []
    for chart in charts:
        for a, b, d in chart.graph.edges(data=True):
            if (a, b, d["link_type"]) not in seen:
                seen.add((a, b, d["link_type"]))
                links.append((a, b, d))
    for i, (a, b, d) in enumerate(sorted(links, key=lambda x: (x[0], x[1], x[2]["link_type"])),
                                  start=1):
        G.add_edge(a, b, key=f"L{i:05d}", **d)
    meta = dict(first.meta, nodes=str(G.number_of_nodes()), links=str(G.number_of_edges()),
                title=first.meta["title"] + " (expanded)")
    return Chart(G, first.slug + "-expanded", first.profile, meta, reports)


def restrict(chart: Chart, visible: list[str]) -> Chart:
    """The chart cut to the node ids ``visible`` (what is on screen)."""
    keep = set(visible[:MAX_VISIBLE]) & set(chart.graph.nodes)
    if not keep:
        raise NotFound("nothing on screen to export", fix="show some entities first")
    G = nx.MultiDiGraph()
    G.add_nodes_from((n, d) for n, d in chart.graph.nodes(data=True) if n in keep)
    G.add_edges_from((a, b, k, d) for a, b, k, d in chart.graph.edges(keys=True, data=True)
                     if a in keep and b in keep)
    refs = {r for _, _, d in G.edges(data=True) for r in d["refs"].split(SEP) if r} | {
        r for _, d in G.nodes(data=True) for r in d["refs"].split(SEP) if r}
    meta = dict(chart.meta, nodes=str(G.number_of_nodes()), links=str(G.number_of_edges()))
    return Chart(G, chart.slug, chart.profile, meta,
                 {r: v for r, v in chart.reports.items() if r in refs})


def export_bytes(chart: Chart, fmt: str) -> tuple[str, bytes, list[str]]:
    """(file name, content, names written) of ``chart`` in one chart format; a zip when the
    format writes several files (CSV)."""
    with tempfile.TemporaryDirectory(prefix="graphintel-export-") as tmp:
        paths = write_files(chart, [fmt], Path(tmp))
        names = [p.name for p in paths]
        if len(paths) == 1:
            return names[0], paths[0].read_bytes(), names
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in paths:
                zf.write(p, p.name)
        return f"{chart.stem}-{fmt}.zip", buf.getvalue(), names


def person_uid(store: Store, node_id: str, label: str) -> str | None:
    """The uid of the internal chart node ``node_id`` (a person), or None."""
    if not node_id.startswith("Person:"):
        return None
    if "~" not in node_id:
        return node_id
    rows = store.read("lookup_person_candidates", text=label, key=name_key(label))
    return next((str(r["uid"]) for r in rows if safe_identity(str(r["uid"])) == node_id), None)


def _day(value: str) -> str:
    return value[:10] if value else ""


def vis_data(chart: Chart, *, internal: bool) -> dict[str, Any]:
    """Nodes, edges and report facts for the page's vis-network (all text shown as text)."""
    nodes = []
    for node, d in chart.graph.nodes(data=True):
        ts = style.type_style(d["type"])
        if d["type"] == "Person":
            fill, border = style.person_colours(victim=d["victim"], suspect=d["suspect"],
                                                target=d["candidate_target"])
            size = 14 + 0.3 * max(0.0, min(100.0, d["score"]))
        else:
            fill, border, size = ts.colour, "#455a64", 11
        label = d["label"] if len(d["label"]) <= 40 else d["label"][:39] + "…"
        if d["candidate_target"]:
            label = f"★{d['target_rank']} {label}"
        if d["subject"]:  # the person the chart is about stands out, child or not
            border = SUBJECT_BORDER
        nodes.append({
            "id": node, "label": label, "shape": ts.shape, "size": round(size, 2),
            "color": {"background": fill, "border": border},
            "borderWidth": 6 if d["subject"] else 5 if d["candidate_target"] else 2,
            "gi": {"type": d["type"], "name": d["label"], "roles": d["roles"].split(SEP)
                   if d["roles"] else [], "child": d["child"], "victim": d["victim"],
                   "suspect": d["suspect"], "subject": d["subject"], "rank": d["target_rank"],
                   "score": round(d["score"], 1), "reasons": d["reasons"], "age": d["age"],
                   "dob": d["dob"] if internal else "", "network": d["network"],
                   "refs": [r for r in d["refs"].split(SEP) if r], "kind": d["kind"],
                   "profile": internal and d["type"] == "Person"}})
    edges = []
    for a, b, key, d in chart.graph.edges(keys=True, data=True):
        kind = d["link_type"]
        edges.append({
            "id": key, "from": a, "to": b, "arrows": "to",
            "color": {"color": style.link_colour(kind)},
            "width": 3 if kind == "EXPLOITS" else 2 if kind in style.PERSON_LINKS else 1,
            "gi": {"type": kind, "first": _day(d["first_seen"]), "last": _day(d["last_seen"]),
                   "count": d["count"], "grading": d["grading"],
                   "refs": [r for r in d["refs"].split(SEP) if r]}})
    reports = {r: {"date": str(v.get("date") or "")[:10], "grading": v.get("grading") or ""}
               for r, v in chart.reports.items()}
    dates = sorted(x["date"] for x in reports.values() if x["date"])
    return {"nodes": nodes, "edges": edges, "reports": reports,
            "meta": {k: chart.meta.get(k, "") for k in ("title", "profile", "run_id", "as_of",
                                                        "filters", "withheld", "nodes",
                                                        "links")},
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else ""}


__all__ = ["ViewSpec", "build_view", "export_bytes", "merge", "person_uid", "restrict",
           "vis_data"]
