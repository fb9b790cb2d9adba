"""GraphML exports: plain GraphML (``graphml``) and GraphML styled for yEd (``graphml-yed``).

Both have one ``<edge>`` per chart link, its id the link id (``L00001``), every node and link
attribute as a typed key and the chart's metadata (marking, title, profile, withheld note)
as graph data, with the marking also in an XML comment at the top of the file.

The plain file adds what Gephi's GraphML importer reads as display properties (``r``, ``g``,
``b``, ``x``, ``y``, ``size``: colours, positions and sizes) and, on every edge,
``pair_types`` and ``pair_refs``: the link types and report references of *all* links that
run the same way between the same two entities. Gephi's GraphML importer has no edge kind
and merges such parallel links into one edge; whichever survives still lists every type
and every reference. (The GEXF export keeps them as separate edges: docs/exports.md.)

The yEd file adds yFiles ``nodegraphics``/``edgegraphics``: a ``y:ShapeNode`` per entity
(shape, fill and border of the HTML chart, size, position, the HTML chart's label with a
person's role in words, and inside a child's or victim's circle a ``♥``, inside a suspect's
a ``!``: :mod:`~graphintel.charts.style`) and a ``y:PolyLineEdge``
per link (colour, width, arrow, label, and a solid, dashed or dotted line for a Confirmed,
Unconfirmed or Tentative link, as in i2).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from graphintel.charts import i2, style
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, NUMBER_FIELDS, SEP, Chart
from graphintel.charts.look import link_width, node_look, rgb
from graphintel.clean import safe_text
from graphintel.secure_files import open_private

GRAPHML = "http://graphml.graphdrawing.org/xmlns"
Y = "http://www.yworks.com/xml/graphml"
YED = "http://www.yworks.com/xml/yed/3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
TYPES = {str: "string", int: "int", float: "double", bool: "boolean"}
#: yEd's shape for each vis-network shape of :mod:`.style`: only a person is a circle (an
#: officer a rounded box, an object a trapezoid narrow at the bottom, an entity of an
#: unknown type an octagon).
YED_SHAPES = {"dot": "ellipse", "diamond": "diamond", "square": "rectangle",
              "triangle": "triangle", "triangleDown": "trapezoid", "star": "star5",
              "hexagon": "hexagon", "box": "roundrectangle", "ellipse": "octagon"}
LINE_STYLES = {"Confirmed": "line", "Unconfirmed": "dashed", "Tentative": "dotted"}


def _comment(chart: Chart) -> str:
    """The XML comment at the top of the file: marking, title and profile.

    An XML comment may not hold ``--`` nor end with ``-``, and the title is a person's or a
    network's name: a space goes after every hyphen that another follows (``--->`` is
    written ``- - ->``, however many there are), the text ends with a space, and what XML
    cannot hold is dropped (:func:`~graphintel.clean.safe_text`).
    """
    meta = chart.meta
    text = safe_text(f" {meta['marking']} - {meta['title']} ({meta['profile']} profile)")
    return "<!--" + _HYPHEN_RUN.sub("- ", text) + " -->\n"


_HYPHEN_RUN = re.compile(r"-(?=-)")


def pair_summary(chart: Chart) -> dict[tuple[str, str], tuple[str, str]]:
    """(source, target) -> (types, refs) of every link that way between the two."""
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    refs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b, d in chart.graph.edges(data=True):
        kinds[(a, b)].add(str(d["link_type"]))
        refs[(a, b)].update(r for r in str(d["refs"]).split(SEP) if r)
    return {pair: (SEP.join(sorted(kinds[pair])), SEP.join(sorted(refs[pair])))
            for pair in kinds}


def _plain_graph(chart: Chart) -> nx.MultiDiGraph:
    G = chart.graph.copy()
    G.graph.update(chart.meta)
    pos = chart.positions
    for node, d in G.nodes(data=True):
        look = node_look(d)
        r, g, b = rgb(look.fill)
        x, y = pos[node]
        d.update(r=r, g=g, b=b, x=float(x), y=float(-y), size=float(look.size))
        for name in NUMBER_FIELDS:  # a number (double) where there is one, else left out
            value = d.pop(name)
            if value != "":
                d[name] = float(value)
    pairs = pair_summary(chart)
    for a, b, d in G.edges(data=True):
        d["pair_types"], d["pair_refs"] = pairs[(a, b)]
    return G


def write_graphml(chart: Chart, path: Path) -> Path:
    """Plain GraphML with typed keys, Gephi display properties and pair summaries."""
    body = "\n".join(nx.generate_graphml(_plain_graph(chart), prettyprint=True))
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", body)
    text = '<?xml version="1.0" encoding="utf-8"?>\n' + _comment(chart) + body + "\n"
    with open_private(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return path


def _keys(root: ET.Element, scope: str, prefix: str, fields: dict[str, type]) -> None:
    for name, kind in fields.items():
        ET.SubElement(root, "key", {"id": f"{prefix}{name}", "for": scope, "attr.name": name,
                                    "attr.type": "double" if name in NUMBER_FIELDS
                                    else TYPES[kind]})


def _data(item: ET.Element, prefix: str, d: dict[str, Any], fields: dict[str, type]) -> None:
    for name in fields:
        value = d[name]
        if name in NUMBER_FIELDS and value == "":
            continue  # no coordinate: a number field is left out, not written empty
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        ET.SubElement(item, "data", key=f"{prefix}{name}").text = text


def yed_tree(chart: Chart) -> ET.ElementTree:
    """The chart as yEd GraphML (yFiles extension keys)."""
    # Namespaces declared on the root and the y: prefix written out, so that no writer
    # depends on ElementTree's process-wide prefix registry.
    root = ET.Element("graphml", {
        "xmlns": GRAPHML, "xmlns:y": Y, "xmlns:yed": YED, "xmlns:xsi": XSI,
        "xsi:schemaLocation": f"{GRAPHML} "
                              "http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd"})
    for name in chart.meta:
        ET.SubElement(root, "key", {"id": f"g_{name}", "for": "graph", "attr.name": name,
                                    "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "g_description", "for": "graph",
                                "attr.name": "description", "attr.type": "string"})
    _keys(root, "node", "n_", NODE_FIELDS)
    _keys(root, "edge", "e_", LINK_FIELDS)
    ET.SubElement(root, "key", {"id": "e_id", "for": "edge", "attr.name": "link_id",
                                "attr.type": "string"})
    ET.SubElement(root, "key", {"id": "ng", "for": "node", "yfiles.type": "nodegraphics"})
    ET.SubElement(root, "key", {"id": "eg", "for": "edge", "yfiles.type": "edgegraphics"})
    graph = ET.SubElement(root, "graph", id="G", edgedefault="directed")
    for name, value in chart.meta.items():
        ET.SubElement(graph, "data", key=f"g_{name}").text = str(value)
    ET.SubElement(graph, "data", key="g_description").text = \
        f"{chart.meta['marking']}. {chart.meta['title']}. {chart.meta['withheld']}".strip()
    g = chart.graph
    pos = chart.positions
    for node, d in g.nodes(data=True):
        item = ET.SubElement(graph, "node", id=node)
        _data(item, "n_", d, NODE_FIELDS)
        look = node_look(d)
        size = round(2 * look.size, 1)
        x, y = pos[node]
        shape = ET.SubElement(ET.SubElement(item, "data", key="ng"), "y:ShapeNode")
        ET.SubElement(shape, "y:Geometry", height=str(size), width=str(size),
                      x=str(x - size / 2), y=str(y - size / 2))
        ET.SubElement(shape, "y:Fill", color=look.fill.upper(), transparent="false")
        ET.SubElement(shape, "y:BorderStyle", color=look.border.upper(), type="line",
                      width="3.0" if d["candidate_target"] else "1.0")
        label = ET.SubElement(shape, "y:NodeLabel", modelName="sides",
                              modelPosition="s", fontSize="12" if d["type"] == "Person" else "10")
        label.text = style.caption(d)
        if look.role is not None and look.role.char:
            # the role's mark inside the circle, as in the HTML chart
            mark = ET.SubElement(shape, "y:NodeLabel", modelName="internal", modelPosition="c",
                                 fontSize=str(max(10, round(size * 0.55))), fontStyle="bold",
                                 textColor="#FFFFFF", hasBackgroundColor="false",
                                 hasLineColor="false")
            mark.text = look.role.char
        ET.SubElement(shape, "y:Shape", type=YED_SHAPES.get(look.shape, "octagon"))
    for a, b, key, d in g.edges(keys=True, data=True):
        item = ET.SubElement(graph, "edge", id=key, source=a, target=b)
        _data(item, "e_", d, LINK_FIELDS)
        ET.SubElement(item, "data", key="e_id").text = key
        line = ET.SubElement(ET.SubElement(item, "data", key="eg"), "y:PolyLineEdge")
        ET.SubElement(line, "y:LineStyle",
                      color=style.link_colour(str(d["link_type"])).upper(),
                      type=LINE_STYLES[i2.strength(str(d["grading"]))],
                      width=str(link_width(d)))
        ET.SubElement(line, "y:Arrows", source="none",
                      target="none" if d["link_type"] == style.SAME_AS else "standard")
        ET.SubElement(line, "y:EdgeLabel").text = str(d["label"])
        ET.SubElement(line, "y:BendStyle", smoothed="false")
    ET.indent(root, space="  ")
    return ET.ElementTree(root)


def write_graphml_yed(chart: Chart, path: Path) -> Path:
    """yEd GraphML: open it in yEd (File > Open) and the chart is drawn as in the HTML."""
    root = yed_tree(chart).getroot()
    assert root is not None
    body = ET.tostring(root, encoding="unicode")
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + _comment(chart) + body + "\n"
    with open_private(path, "wb") as handle:
        handle.write(text.encode("utf-8"))
    return path
