"""The network view's data: charts (:mod:`graphintel.web.selection`) as vis-network
nodes and edges, merged when the officer expands a node, and cut to what is on screen for
an export in the chart formats (:func:`graphintel.charts.write_files`).

Node ids are the chart's own (a uid made safe for i2, or an opaque code in the partner
profile); :func:`person_uid` turns an internal person node back into the person's uid so
the view can expand it or open the profile.

Entities and links look as they do in the HTML chart (:mod:`graphintel.charts.style`), so a
role is never told by colour alone: a child or victim is a circle with a heart inside and
"(child/victim)" under the name, a suspect one with an exclamation mark and "(suspect)";
:func:`legend` is the view's key to them.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from graphintel.charts import Chart, Filters, SelectionSpec, style, write_files
from graphintel.charts.build import SEP
from graphintel.charts.i2 import safe_identity
from graphintel.charts.look import node_look
from graphintel.clean import name_key
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store
from graphintel.web import selection
from graphintel.web.cache import PageCache

MAX_EXPANDED = 30
MAX_VISIBLE = 5000
#: A name longer than this is cut (with "…") in the label drawn on the chart.
LABEL_LIMIT = 40
#: The border of a selected or hovered entity or link.
HIGHLIGHT = "#ff6f00"
TARGET_LABEL = (f"Leading candidate target: top 3 of its network or top 10 overall (thick gold "
                f"ring and {style.TARGET_MARK} with the rank before the name; size = "
                "disruption score; every ranked person's rank is in their details)")
SUBJECT_LABEL = "The person the chart is about (thick blue dashed ring)"


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


def _node(node: str, d: dict[str, Any], *, internal: bool) -> dict[str, Any]:
    """One vis-network node, drawn as the HTML chart draws it (:mod:`graphintel.charts.style`):
    a person is a circle with their role's mark inside (the role's group: a heart for a
    child, by age or safeguarding, or a victim, even one also recorded as a suspect; an
    exclamation mark for a suspect), the role in words under the name and ``★rank`` before
    a leading target's name (:func:`~graphintel.charts.style.caption`); a leading target
    has a thick ring, the person the chart is about a thick dashed one."""
    look = node_look(d)
    marked = look.role if look.role is not None and look.role.mark else None
    border = style.SUBJECT_BORDER if d["subject"] else look.border
    item: dict[str, Any] = {
        "id": node, "label": style.caption(d, limit=LABEL_LIMIT),
        "shape": style.MARKED_SHAPE if marked else look.shape, "size": look.size,
        # selected or hovered, a person keeps the fill of their role
        "color": {"background": look.fill, "border": border,
                  "highlight": {"background": look.fill, "border": HIGHLIGHT},
                  "hover": {"background": look.fill, "border": HIGHLIGHT}},
        "borderWidth": style.SUBJECT_RING if d["subject"] else style.TARGET_RING
        if d["candidate_target"] else style.PLAIN_RING,
        "gi": {"type": d["type"], "name": d["label"], "roles": d["roles"].split(SEP)
               if d["roles"] else [], "role": look.role.key if look.role else "",
               "child": d["child"], "victim": d["victim"], "suspect": d["suspect"],
               "subject": d["subject"], "rank": d["target_rank"],
               "score": round(d["score"], 1), "reasons": d["reasons"], "age": d["age"],
               "dob": d["dob"] if internal else "", "network": d["network"],
               "refs": [r for r in d["refs"].split(SEP) if r], "kind": d["kind"],
               "profile": internal and d["type"] == "Person"}}
    if marked is not None:
        item["group"] = marked.key  # its image is the mark (:func:`groups`)
    if d["subject"]:
        item["shapeProperties"] = {"borderDashes": list(style.SUBJECT_DASHES)}
    return item


def groups() -> dict[str, dict[str, str]]:
    """vis-network's ``groups`` option: each marked role's shape and mark, the same images
    as the HTML chart's (SVG data URIs: no request, and the page's img-src allows them)."""
    return {r.key: {"shape": style.MARKED_SHAPE, "image": style.mark_uri(r)}
            for r in style.ROLES if r.mark}


def legend(chart: Chart) -> dict[str, Any]:
    """What the view's key shows, from the chart styles: each role's drawing (circle, fill
    and mark), words and count; the target and subject rings; the entity types on the
    chart; the links by width and line. Fixed text and counts only (no name)."""
    nodes = [d for _, d in chart.graph.nodes(data=True)]
    types = Counter(d["type"] for d in nodes)
    roles = Counter(role.key for d in nodes if (role := style.role_of(d)) is not None)
    order = [t for t in style.TYPES if types[t]] + sorted(t for t in types
                                                           if t not in style.TYPES)
    same_as = any(d["link_type"] == style.SAME_AS for _, _, d in chart.graph.edges(data=True))
    return {
        "people": [{"key": r.key, "icon": style.legend_uri(r), "label": r.label,
                    "word": r.word, "mark": r.mark_name, "count": roles[r.key]}
                   for r in style.ROLES],
        "target": {"colour": style.TARGET_BORDER, "width": style.TARGET_RING,
                   "label": TARGET_LABEL, "count": sum(1 for d in nodes
                                                       if d["candidate_target"])},
        "subject": {"colour": style.SUBJECT_BORDER, "width": style.SUBJECT_RING,
                    "label": SUBJECT_LABEL, "count": sum(1 for d in nodes if d["subject"])},
        "types": [{"symbol": style.type_style(t).symbol, "colour": style.type_style(t).colour,
                   "label": style.type_style(t).label, "count": types[t]} for t in order],
        "links": [{"colour": style.EXPLOITS_COLOUR, "width": style.EXPLOITS_WIDTH,
                   "line": "solid", "label": "Exploitation (thickest line)"},
                  {"colour": style.PERSON_LINK_COLOUR, "width": style.PERSON_LINK_WIDTH,
                   "line": "solid", "label": "Association / family"},
                  {"colour": style.OTHER_LINK_COLOUR, "width": style.OTHER_LINK_WIDTH,
                   "line": "solid", "label": "Uses, owns, lives at, seen at, called, …"},
                  *([{"colour": style.SAME_AS_COLOUR, "width": 2, "line": "dotted",
                      "label": "Possibly the same person recorded twice (dotted; no report "
                               "states it)"}] if same_as else [])],
    }


def vis_data(chart: Chart, *, internal: bool) -> dict[str, Any]:
    """Nodes, edges, report facts, the role groups and the key for the page's vis-network
    (all text shown as text)."""
    nodes = [_node(node, d, internal=internal) for node, d in chart.graph.nodes(data=True)]
    edges = []
    for a, b, key, d in chart.graph.edges(keys=True, data=True):
        kind = d["link_type"]
        edges.append({
            "id": key, "from": a, "to": b, "arrows": "" if kind == style.SAME_AS else "to",
            "dashes": kind == style.SAME_AS,
            "color": {"color": style.link_colour(kind), "highlight": HIGHLIGHT},
            "width": style.link_line_width(kind),
            "gi": {"type": kind, "first": _day(d["first_seen"]), "last": _day(d["last_seen"]),
                   "count": d["count"], "grading": d["grading"],
                   "refs": [r for r in d["refs"].split(SEP) if r]}})
    reports = {r: {"date": str(v.get("date") or "")[:10], "grading": v.get("grading") or ""}
               for r, v in chart.reports.items()}
    dates = sorted(x["date"] for x in reports.values() if x["date"])
    return {"nodes": nodes, "edges": edges, "reports": reports, "groups": groups(),
            "legend": legend(chart),
            "meta": {k: chart.meta.get(k, "") for k in ("title", "profile", "run_id", "as_of",
                                                        "filters", "withheld", "nodes",
                                                        "links")},
            "first_date": dates[0] if dates else "", "last_date": dates[-1] if dates else ""}


__all__ = ["ViewSpec", "build_view", "export_bytes", "groups", "legend", "merge",
           "person_uid", "restrict", "vis_data"]
