"""Cytoscape JSON, CSV, plain and yEd GraphML, read back by their readers: counts,
attributes, styling, the marking, numbers kept numeric."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from graphintel.charts import Chart, i2, make_chart, write_files
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, NUMBER_FIELDS
from graphintel.charts.look import node_look
from graphintel.charts.style import caption
from graphintel.config import Settings
from graphintel.store import Store
from tests.test_exports_world import AROUND_MARCUS, load_export_world

REPO = Path(__file__).resolve().parent.parent
Y = "{http://www.yworks.com/xml/graphml}"
G = "{http://graphml.graphdrawing.org/xmlns}"
FORMATS = ["graphml", "graphml-yed", "cyjs", "csv"]


@pytest.fixture(scope="module")
def files(session_store: Store, settings: Settings, tmp_path_factory: pytest.TempPathFactory
          ) -> Iterator[dict[str, tuple[Chart, dict[str, Path]]]]:
    folder = tmp_path_factory.mktemp("formats")
    load_export_world(session_store, settings, folder)
    out = {}
    for profile in ("internal", "partner"):
        chart = make_chart(session_store, settings, AROUND_MARCUS, profile=profile)
        written = write_files(chart, FORMATS, folder / profile)
        names = {p.name.removeprefix(chart.stem): p for p in written}
        out[profile] = (chart, names)
    yield out


def test_csv_keeps_numbers_numeric_and_guards_only_text(
        files: dict[str, tuple[Chart, dict[str, Path]]]) -> None:
    chart, paths = files["internal"]
    raw = paths["-nodes.csv"].read_text(encoding="utf-8-sig")
    with paths["-nodes.csv"].open(encoding="utf-8-sig", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert set(rows) == set(chart.graph.nodes)
    hotspot = next(r for r in rows.values() if r["label"] == "Riverside Takeaway")
    assert float(hotspot["lon"]) == pytest.approx(-2.3597)  # not "'-2.3597"
    assert float(hotspot["lat"]) == pytest.approx(51.3811)
    assert ",-2.3597," in raw and "'-2.3597" not in raw
    for node, r in rows.items():
        d = chart.graph.nodes[node]
        assert float(r["score"]) == pytest.approx(d["score"])
        assert int(r["ref_count"]) == d["ref_count"] and int(r["network"]) == d["network"]
    # text that a spreadsheet would run is still guarded
    assert not any(v.startswith(("=", "+", "@")) for r in rows.values() for v in r.values())
    assert any(r["number"].startswith("'+44") for r in rows.values() if r["type"] == "Phone")
    with paths["-links.csv"].open(encoding="utf-8-sig", newline="") as handle:
        links = list(csv.DictReader(handle))
    assert len(links) == chart.graph.number_of_edges()
    assert {r["id"] for r in links} == {k for *_, k in chart.graph.edges(keys=True)}
    assert all(r["first_seen_at"] and r["refs"] and r["source_types"] for r in links)


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_cytoscape_json_reads_back_with_every_link_and_a_style_block(
        files: dict[str, tuple[Chart, dict[str, Path]]], profile: str) -> None:
    chart, paths = files[profile]
    g = chart.graph
    data = json.loads(paths[".cyjs"].read_text(encoding="utf-8"))
    back = nx.cytoscape_graph(data)
    assert back.is_multigraph() and back.is_directed()
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()
    ids = {e["data"]["id"] for e in data["elements"]["edges"]}
    assert ids == {k for *_, k in g.edges(keys=True)}
    for e in data["elements"]["edges"]:
        assert set(LINK_FIELDS) <= set(e["data"])
    for n in data["elements"]["nodes"]:
        assert set(NODE_FIELDS) <= set(n["data"])
        assert n["data"]["caption"] == caption(g.nodes[n["data"]["id"]])  # the label drawn
        assert tuple(n["position"].values()) == chart.positions[n["data"]["id"]]
    assert data["layout"] == {"name": "preset"}
    assert data["data"]["marking"] == "OFFICIAL-SENSITIVE"
    sheet = data["style"]
    assert all(set(rule) == {"selector", "style"} and rule["style"] for rule in sheet)
    # every data field a selector or a mapper names is in every element
    fields = set(NODE_FIELDS) | set(LINK_FIELDS) | {"caption"}
    for rule in sheet:
        for name in re.findall(r"\[\??(\w+)", rule["selector"]):
            assert name in fields, rule
        for value in rule["style"].values():
            for name in re.findall(r"(?:data|mapData)\((\w+)", str(value)):
                assert name in fields, rule
    # each entity type has its colour, children and suspects theirs, links bezier
    by_selector = {r["selector"]: r["style"] for r in sheet}
    for etype in {d["type"] for _, d in g.nodes(data=True)}:
        assert f'node[type = "{etype}"]' in by_selector
    assert by_selector["node[?victim], node[?child]"]["background-color"] == node_look(
        {**g.nodes[next(n for n in g if g.nodes[n]["victim"])]}).fill
    assert by_selector["edge"]["curve-style"] == "bezier"  # parallel links drawn apart
    tentative = {d["grading"] for *_, d in g.edges(data=True)
                 if i2.strength(d["grading"]) == "Tentative"}
    assert all(by_selector[f'edge[grading = "{x}"]']["line-style"] == "dotted"
               for x in tentative)


def open_in_cytoscape_js(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """file name -> what cytoscape.js (tests/cytoscape, installed by the project's script)
    loaded from it."""
    if shutil.which("node") is None:
        pytest.skip("no Node.js on this machine")
    done = subprocess.run(["bash", str(REPO / "scripts" / "ensure-cytoscape-js.sh")],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"cannot install cytoscape.js: {done.stderr[-500:]}"
    done = subprocess.run(["node", str(REPO / "tests" / "cytoscape" / "check.js"),
                           *map(str, paths)], capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {Path(item["file"]).name: item for item in out}


def _rgb(colour: str) -> str:
    return "rgb({},{},{})".format(*(int(colour[i:i + 2], 16) for i in (1, 3, 5)))


def test_cytoscape_js_loads_every_element_with_its_style(
        files: dict[str, tuple[Chart, dict[str, Path]]]) -> None:
    charts = {paths[".cyjs"].name: chart for chart, paths in files.values()}
    seen = open_in_cytoscape_js([paths[".cyjs"] for _, paths in files.values()])
    assert set(seen) == set(charts)
    for name, chart in charts.items():
        g, cy = chart.graph, seen[name]
        assert cy["warnings"] == []  # every style property and selector understood
        assert cy["node_count"] == g.number_of_nodes()
        assert cy["edge_count"] == g.number_of_edges()
        assert cy["graph"]["marking"] == "OFFICIAL-SENSITIVE"
        edges = {e["id"]: e for e in cy["edges"]}
        assert set(edges) == {k for *_, k in g.edges(keys=True)}  # parallel links kept
        for a, b, k, d in g.edges(keys=True, data=True):
            e = edges[k]
            assert (e["source"], e["target"]) == (a, b)
            assert {f: e["data"][f] for f in LINK_FIELDS} == {f: d[f] for f in LINK_FIELDS}
            assert e["curve"] == "bezier" and e["arrow"] == "triangle"
            assert e["line"] == {"Confirmed": "solid", "Unconfirmed": "dashed",
                                 "Tentative": "dotted"}[i2.strength(d["grading"])]
        for n in cy["nodes"]:
            d = g.nodes[n["id"]]
            look = node_look(d)
            assert n["background"] == _rgb(look.fill), n["id"]
            assert n["label"] == caption(d)
            assert (n["position"]["x"], n["position"]["y"]) == chart.positions[n["id"]]
            assert {f: n["data"][f] for f in NODE_FIELDS} == {f: d[f] for f in NODE_FIELDS}
            if d["type"] == "Person":
                assert n["width"] == pytest.approx(28 + 0.6 * max(0.0, min(100.0, d["score"])))
            if d["candidate_target"]:
                assert n["border"] == _rgb("#ffc107")


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_yed_graphml_has_yfiles_styling_and_every_attribute(
        files: dict[str, tuple[Chart, dict[str, Path]]], profile: str) -> None:
    chart, paths = files[profile]
    g = chart.graph
    path = paths["-yed.graphml"]
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith("<!-- OFFICIAL-SENSITIVE")
    root = ET.parse(path).getroot()
    graphics = {k.get("yfiles.type"): k.get("id") for k in root.iter(f"{G}key")
                if k.get("yfiles.type")}
    assert set(graphics) == {"nodegraphics", "edgegraphics"}
    nodes = root.findall(f"{G}graph/{G}node")
    edges = root.findall(f"{G}graph/{G}edge")
    assert len(nodes) == g.number_of_nodes() and len(edges) == g.number_of_edges()
    for node in nodes:
        d = g.nodes[str(node.get("id"))]
        shape = node.find(f"{G}data/{Y}ShapeNode")
        assert shape is not None, node.get("id")
        fill = shape.find(f"{Y}Fill")
        assert fill is not None and fill.get("color") == node_look(d).fill.upper()
        label = shape.find(f"{Y}NodeLabel")
        assert label is not None and label.text == caption(d)
        geometry = shape.find(f"{Y}Geometry")
        assert geometry is not None and float(str(geometry.get("width"))) > 0
    by_id = {k: d for *_, k, d in g.edges(keys=True, data=True)}
    for edge in edges:
        d = by_id[str(edge.get("id"))]
        line = edge.find(f"{G}data/{Y}PolyLineEdge/{Y}LineStyle")
        assert line is not None
        assert line.get("type") == {"Confirmed": "line", "Unconfirmed": "dashed",
                                    "Tentative": "dotted"}[i2.strength(d["grading"])]
    back = nx.read_graphml(path)
    assert back.number_of_edges() == g.number_of_edges()
    for node, d in g.nodes(data=True):
        # every attribute, but a coordinate only where the place has one (a number)
        present = {k for k in NODE_FIELDS if k not in NUMBER_FIELDS or d[k] != ""}
        assert present <= set(back.nodes[node])
        assert back.nodes[node]["refs"] == d["refs"]
    assert back.graph["marking"] == "OFFICIAL-SENSITIVE"
    assert back.graph["withheld"] == chart.meta["withheld"]


def test_plain_graphml_is_marked_and_keeps_parallel_links(
        files: dict[str, tuple[Chart, dict[str, Path]]]) -> None:
    chart, paths = files["internal"]
    path = paths[".graphml"]
    assert "<!-- OFFICIAL-SENSITIVE" in path.read_text(encoding="utf-8").splitlines()[1]
    back: Any = nx.read_graphml(path)
    assert back.is_multigraph()
    assert back.number_of_edges() == chart.graph.number_of_edges()
    assert {k for *_, k in back.edges(keys=True)} == {k for *_, k in chart.graph.edges(keys=True)}
    assert back.graph["marking"] == "OFFICIAL-SENSITIVE"
