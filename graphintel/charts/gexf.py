"""GEXF 1.3 for Gephi (``.gexf``), written element by element.

- ``<gexf version="1.3">`` in the ``http://gexf.net/1.3`` namespace, with ``viz`` colours,
  sizes, positions (the chart's layout, y pointing up as in Gephi) and link thickness;
- a dynamic graph (``mode="dynamic"``, ``timeformat="date"``): every event carries its own
  dates, a link to an event the event's dates (the reports that tell of it are written
  after it, and a link cannot outlive its event on Gephi's timeline), every other link
  ``start``/``end`` (first and last seen), so Gephi's timeline can play the network;
- every link is its own edge with its own id (``L00001``) and ``kind`` = the link type: Gephi
  keeps parallel edges of different kinds, so two people who are both associates and in an
  exploitation link keep both links with their own references (docs/exports.md);
- every node and link attribute of the chart as a typed attribute column (the label is the
  node's or edge's own ``label``; a node's is its name with ``★<rank>`` before it for a
  leading candidate target and a person's role after it, ``(child/victim)`` or
  ``(suspect)``, as in the HTML chart: :func:`~graphintel.charts.style.caption`); the
  chart's metadata in ``<meta>``: the marking and
  title as ``title`` and at the start of ``description``, the rest as ``keywords``. Gephi
  shows ``title`` as the workspace's title, so the marking is on screen; the GEXF 1.3
  schema has no ``title`` in ``<meta>``, so a strict schema validator rejects it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from graphintel.charts import style
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, NUMBER_FIELDS, Chart
from graphintel.charts.look import link_width, node_look, rgb
from graphintel.secure_files import open_private

NS = "http://gexf.net/1.3"
VIZ = "http://gexf.net/1.3/viz"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TYPES = {str: "string", int: "integer", float: "double", bool: "boolean"}
# Carried by the element itself, not as an attribute column.
OWN = {"label"}


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _columns(graph: ET.Element, klass: str, fields: dict[str, type]) -> None:
    attributes = ET.SubElement(graph, "attributes", {"class": klass, "mode": "static"})
    for name, kind in fields.items():
        if name not in OWN:
            ET.SubElement(attributes, "attribute", id=name, title=name,
                          type="double" if name in NUMBER_FIELDS else TYPES[kind])


def _attvalues(item: ET.Element, d: dict[str, Any], fields: dict[str, type]) -> None:
    values = ET.SubElement(item, "attvalues")
    for name in fields:
        if name not in OWN and d[name] not in ("", None):
            ET.SubElement(values, "attvalue", {"for": name, "value": _value(d[name])})


def _colour(item: ET.Element, colour: str) -> None:
    r, g, b = rgb(colour)
    ET.SubElement(item, "viz:color", r=str(r), g=str(g), b=str(b))


def _describe(chart: Chart) -> str:
    meta = chart.meta
    parts = [f"{meta['marking']}. {meta['title']}."]
    if meta["withheld"]:
        parts.append(meta["withheld"])
    return " ".join(parts)


def _event_span(d: dict[str, Any]) -> tuple[str, str] | None:
    """An event's first and last day, or None for anything else (always shown)."""
    if d["type"] != "Event" or not d["event_start"]:
        return None
    start = str(d["event_start"])[:10]
    return start, max(start, str(d["event_end"] or d["event_start"])[:10])


def _seen_span(d: dict[str, Any]) -> tuple[str, str] | None:
    """A link's first and last seen day, or None when no report dates it."""
    if not d["first_seen"]:
        return None
    return str(d["first_seen"]), str(d["last_seen"] or d["first_seen"])


def gexf_tree(chart: Chart) -> ET.ElementTree:
    # Namespaces declared on the root and prefixes written out, so that no writer depends
    # on ElementTree's process-wide prefix registry.
    root = ET.Element("gexf", {"xmlns": NS, "xmlns:viz": VIZ, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{NS} {NS}/gexf.xsd", "version": "1.3"})
    meta_attrs = {}
    created = chart.meta.get("run_created_at", "")[:10]
    if created:  # no run: no date rather than today's
        meta_attrs["lastmodifieddate"] = created
    meta = ET.SubElement(root, "meta", meta_attrs)
    ET.SubElement(meta, "creator").text = "graphintel"
    # outside the GEXF 1.3 schema, but what Gephi shows as the workspace's title: the
    # protective marking reaches the analyst's screen
    ET.SubElement(meta, "title").text = \
        f"{chart.meta['marking']} - {chart.meta['title']}"
    ET.SubElement(meta, "description").text = _describe(chart)
    ET.SubElement(meta, "keywords").text = "; ".join(
        f"{k}={v}" for k, v in chart.meta.items() if k not in {"title", "withheld"})
    graph = ET.SubElement(root, "graph", defaultedgetype="directed", mode="dynamic",
                          timeformat="date")
    _columns(graph, "node", NODE_FIELDS)
    _columns(graph, "edge", LINK_FIELDS)
    g = chart.graph
    pos = chart.positions
    nodes = ET.SubElement(graph, "nodes")
    spans = {node: _event_span(d) for node, d in g.nodes(data=True)}
    for node, d in g.nodes(data=True):
        # the label says a person's role and a leading target's rank in words: Gephi draws
        # every node as a circle, so without them a child and a suspect differ by colour only
        attrs = {"id": node, "label": style.caption(d, sep=" ")}
        own = spans[node]
        if own:
            attrs["start"], attrs["end"] = own
        item = ET.SubElement(nodes, "node", attrs)
        _attvalues(item, d, NODE_FIELDS)
        look = node_look(d)
        _colour(item, look.fill)
        x, y = pos[node]
        ET.SubElement(item, "viz:position", x=str(float(x)), y=str(float(-y)), z="0.0")
        ET.SubElement(item, "viz:size", value=str(look.size))
    edges = ET.SubElement(graph, "edges")
    for a, b, key, d in g.edges(keys=True, data=True):
        attrs = {"id": key, "source": a, "target": b, "label": str(d["label"]),
                 "kind": str(d["link_type"]), "weight": str(float(max(1, int(d["ref_count"]))))}
        span = spans[a] or spans[b] or _seen_span(d)
        if span:
            attrs["start"], attrs["end"] = span
        item = ET.SubElement(edges, "edge", attrs)
        _attvalues(item, d, LINK_FIELDS)
        _colour(item, style.link_colour(str(d["link_type"])))
        ET.SubElement(item, "viz:thickness", value=str(link_width(d)))
    ET.indent(root, space="  ")
    return ET.ElementTree(root)


def write_gexf(chart: Chart, path: Path) -> Path:
    """Write the chart as GEXF 1.3 (UTF-8)."""
    with open_private(path, "wb") as handle:
        gexf_tree(chart).write(handle, encoding="utf-8", xml_declaration=True)
    return path
