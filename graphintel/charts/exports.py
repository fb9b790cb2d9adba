"""Exports of a chart: GraphML and GEXF (Gephi, yEd), Cytoscape JSON and CSV for i2.

Every format carries the same node and link attributes (:data:`~.build.NODE_FIELDS`,
:data:`~.build.LINK_FIELDS`; lists are joined with ``"; "``), the same report refs and
the link id (``L00001``). Output is deterministic: nodes in id order, links in id order,
no timestamps except GEXF's ``lastmodifieddate``, which is the analysis run's date.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import SubElement

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, Chart
from graphintel.secure_files import open_private, write_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _with_meta(chart: Chart) -> nx.MultiDiGraph:
    G = chart.graph.copy()
    G.graph.update({k: v for k, v in chart.meta.items()})
    return G


def write_graphml(chart: Chart, path: Path) -> Path:
    """GraphML with typed keys; the chart's metadata as graph attributes."""
    with open_private(path, "wb") as handle:
        nx.write_graphml(_with_meta(chart), handle, encoding="utf-8", prettyprint=True)
    return path


def write_gexf(chart: Chart, path: Path) -> Path:
    """GEXF 1.2; the link id as the edge id, metadata in ``<meta>``."""
    G = chart.graph.copy()
    for _, _, key, d in G.edges(keys=True, data=True):
        d["id"] = key
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    created = chart.meta.get("run_created_at", "")[:10]
    if created:
        writer.meta_element.set("lastmodifieddate", created)
    else:  # no run: no date rather than today's
        del writer.meta_element.attrib["lastmodifieddate"]
    SubElement(writer.meta_element, "description").text = _describe(chart)
    SubElement(writer.meta_element, "keywords").text = "; ".join(
        f"{k}={v}" for k, v in chart.meta.items() if k not in {"title", "withheld"})
    writer.add_graph(G)
    with open_private(path, "wb") as handle:
        writer.write(handle)
    return path


def _describe(chart: Chart) -> str:
    meta = chart.meta
    parts = [f"{meta['marking']}. {meta['title']}."]
    if meta["withheld"]:
        parts.append(meta["withheld"])
    return " ".join(parts)


def cytoscape(chart: Chart) -> dict[str, Any]:
    """Cytoscape.js JSON (``.cyjs``): networkx's shape, plus positions and link ids."""
    data = nx.cytoscape_data(chart.graph)
    pos = chart.positions
    data["data"] = dict(chart.meta)
    for item in data["elements"]["nodes"]:
        d = item["data"]
        d["name"] = chart.graph.nodes[d["id"]]["label"]
        item["position"] = {"x": pos[d["id"]][0], "y": pos[d["id"]][1]}
    for item in data["elements"]["edges"]:
        item["data"]["id"] = item["data"].pop("key")
    return data


def write_cyjs(chart: Chart, path: Path) -> Path:
    write_text(path, json.dumps(cytoscape(chart), indent=1, ensure_ascii=False, sort_keys=True)
               + "\n")
    return path


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting ``= + - @`` (or a tab or carriage
    return) gets a leading apostrophe; booleans become ``true``/``false``.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("+447700900123"), safe_cell(-2.5), safe_cell(True)
    ("'=HYPERLINK(1)", "'+447700900123", -2.5, 'true')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


NODE_COLUMNS = ["id", *NODE_FIELDS]
LINK_COLUMNS = ["id", "from_id", "from_type", "from_label", "to_id", "to_type", "to_label",
                "direction", *LINK_FIELDS]


def csv_rows(chart: Chart) -> tuple[list[list[Any]], list[list[Any]]]:
    """(node rows, link rows), each headed by its column names; not yet made safe."""
    g = chart.graph
    nodes: list[list[Any]] = [NODE_COLUMNS]
    for node, d in g.nodes(data=True):
        nodes.append([node, *(d[k] for k in NODE_FIELDS)])
    links: list[list[Any]] = [LINK_COLUMNS]
    for a, b, key, d in g.edges(keys=True, data=True):
        na, nb = g.nodes[a], g.nodes[b]
        links.append([key, a, na["i2_type"], na["label"], b, nb["i2_type"], nb["label"],
                      "forward", *(d[k] for k in LINK_FIELDS)])
    return nodes, links


def write_csv(chart: Chart, folder: Path) -> list[Path]:
    """``<stem>-nodes.csv``, ``<stem>-links.csv`` (UTF-8 with BOM, for i2 and Excel) and a
    short ``<stem>-about.txt`` with the chart's title, profile and what was withheld."""
    nodes, links = csv_rows(chart)
    paths = []
    for suffix, rows in (("nodes", nodes), ("links", links)):
        path = folder / f"{chart.stem}-{suffix}.csv"
        with open_private(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerows([safe_cell(v) for v in row] for row in rows)
        paths.append(path)
    about = folder / f"{chart.stem}-about.txt"
    lines = [f"{k}: {v}" for k, v in chart.meta.items() if v]
    lines += ["", "Import into i2 Analyst's Notebook: see docs/i2-import.md "
              "(nodes file first, then links)."]
    write_text(about, "\n".join(lines) + "\n")
    paths.append(about)
    return paths
