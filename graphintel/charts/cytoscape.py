"""Cytoscape JSON (``.cyjs``) for Cytoscape desktop and cytoscape.js.

networkx's ``cytoscape_data`` shape (``elements.nodes`` / ``elements.edges``, each with its
``data``), plus: the link id as the edge id (and as ``key``, which networkx reads back),
``name`` (the label, which Cytoscape desktop shows), ``caption`` (the label drawn by the
style: the HTML chart's, with a person's role in words), every node's layout ``position``, the
chart's metadata as ``data``, a ``layout`` of ``preset`` (keep the positions) and a
``style`` block: cytoscape.js stylesheet entries (selector + style) giving the HTML
chart's colours, shapes, the mark inside a child's, victim's or suspect's circle, sizes by
disruption score, the thicker exploitation links, arrows, dotted or dashed lines for
weakly graded links, and bezier curves so that parallel links stay apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from graphintel.charts import i2, style
from graphintel.charts.build import Chart
from graphintel.secure_files import write_text

#: cytoscape.js's shape for each vis-network shape of :mod:`.style`: only a person is a
#: circle (an officer a rounded box, an object a downward chevron, an entity of an unknown
#: type an octagon).
CY_SHAPES = {"dot": "ellipse", "diamond": "diamond", "square": "rectangle",
             "triangle": "triangle", "triangleDown": "vee", "star": "star",
             "hexagon": "hexagon", "box": "round-rectangle", "ellipse": "octagon"}
LINE_STYLES = {"Confirmed": "solid", "Unconfirmed": "dashed", "Tentative": "dotted"}


def stylesheet(chart: Chart) -> list[dict[str, Any]]:
    """The cytoscape.js stylesheet of a chart (only the types and link kinds it has)."""
    g = chart.graph
    sheet: list[dict[str, Any]] = [
        {"selector": "node", "style": {"label": "data(caption)", "font-size": 10,
                                       "text-wrap": "wrap", "width": 22, "height": 22,
                                       "border-width": 1, "text-valign": "bottom",
                                       "text-margin-y": 3}},
    ]
    for etype in sorted({str(d["type"]) for _, d in g.nodes(data=True)}):
        ts = style.type_style(etype)
        sheet.append({"selector": f'node[type = "{etype}"]',
                      "style": {"background-color": ts.colour, "border-color": "#455a64",
                                "shape": CY_SHAPES.get(ts.shape, "octagon")}})
    person = style.TYPES["Person"].colour
    sheet += [
        {"selector": 'node[type = "Person"]',
         "style": {"background-color": person, "border-color": "#616161", "font-size": 12,
                   "width": "mapData(score, 0, 100, 28, 88)",
                   "height": "mapData(score, 0, 100, 28, 88)"}},
        # later entries win: a child or victim who is also a suspect keeps the child's look
        _role_style("node[?suspect]", style.SUSPECT_ROLE),
        _role_style("node[?victim], node[?child]", style.PROTECTED),
        {"selector": "node[?candidate_target]", "style": {"border-color": style.TARGET_BORDER,
                                                          "border-width": 4}},
        {"selector": "edge", "style": {"curve-style": "bezier", "target-arrow-shape": "triangle",
                                       "label": "data(link_type)", "font-size": 8,
                                       "width": 1, "line-color": style.OTHER_LINK_COLOUR,
                                       "target-arrow-color": style.OTHER_LINK_COLOUR}},
    ]
    for kind in sorted({str(d["link_type"]) for _, _, d in g.edges(data=True)}):
        if kind in style.PERSON_LINKS:
            colour = style.link_colour(kind)
            sheet.append({"selector": f'edge[link_type = "{kind}"]',
                          "style": {"line-color": colour, "target-arrow-color": colour,
                                    "width": style.link_line_width(kind)}})
    for grading in sorted({str(d["grading"]) for _, _, d in g.edges(data=True)}):
        line = LINE_STYLES[i2.strength(grading)]
        if line != "solid":
            sheet.append({"selector": f'edge[grading = "{grading}"]',
                          "style": {"line-style": line}})
    return sheet


def _role_style(selector: str, role: style.RoleStyle) -> dict[str, Any]:
    """A person role's colours and its mark inside the circle (the HTML chart's)."""
    return {"selector": selector,
            "style": {"background-color": role.colour, "border-color": role.border,
                      "background-image": style.mark_uri(role), "background-fit": "contain",
                      "background-clip": "node"}}


def cytoscape(chart: Chart) -> dict[str, Any]:
    """The chart as Cytoscape JSON (see the module docstring)."""
    data = nx.cytoscape_data(chart.graph)
    pos = chart.positions
    data["data"] = dict(chart.meta)
    for item in data["elements"]["nodes"]:
        d = item["data"]
        node = chart.graph.nodes[d["id"]]
        d["name"] = node["label"]
        d["caption"] = style.caption(node)  # the label drawn: name, rank mark, role
        item["position"] = {"x": pos[d["id"]][0], "y": pos[d["id"]][1]}
    for item in data["elements"]["edges"]:  # the link id: Cytoscape's id, networkx's key
        item["data"]["id"] = item["data"]["key"]
    data["layout"] = {"name": "preset"}
    data["style"] = stylesheet(chart)
    return data


def write_cyjs(chart: Chart, path: Path) -> Path:
    write_text(path, json.dumps(cytoscape(chart), indent=1, ensure_ascii=False, sort_keys=True)
               + "\n")
    return path
