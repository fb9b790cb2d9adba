"""The GEXF and GraphML exports opened by the real Gephi toolkit (0.10.1, Maven Central).

``tests/gephi/GephiCheck.java`` imports each file with Gephi's own importers and default
processor, as Gephi's "Open" does, and reports what Gephi ends up with. The toolkit is
fetched by ``scripts/ensure-gephi-toolkit.sh`` (``make test`` runs it first).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from graphintel.charts import Chart, make_chart, write_files
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, SEP
from graphintel.charts.look import node_look, rgb
from graphintel.charts.style import caption
from graphintel.config import Settings
from graphintel.store import Store
from tests.test_exports_world import AROUND_MARCUS, PARALLEL_REF, load_export_world

REPO = Path(__file__).resolve().parent.parent
CHECK = REPO / "tests" / "gephi" / "GephiCheck.java"


def gephi_jar() -> Path:
    """The Gephi toolkit jar, fetched by the project's own script when missing."""
    given = os.environ.get("GRAPHINTEL_GEPHI_TOOLKIT")
    if given:
        return Path(given)
    done = subprocess.run(["bash", str(REPO / "scripts" / "ensure-gephi-toolkit.sh")],
                          capture_output=True, text=True, timeout=900, check=False)
    if done.returncode != 0:
        pytest.fail(f"cannot fetch the Gephi toolkit: {done.stderr.strip()[-500:]}")
    return Path(done.stdout.strip().splitlines()[-1])


def open_in_gephi(paths: list[Path]) -> dict[str, dict[str, Any]]:
    """file name -> what Gephi imported from it."""
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine (DESIGN.md: Java 17 is on every machine)")
    done = subprocess.run(["java", "-Djava.awt.headless=true", "-cp", str(gephi_jar()),
                           str(CHECK), *map(str, paths)],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    out = {}
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            item = json.loads(line)
            out[Path(item["file"]).name] = item
    assert len(out) == len(paths), done.stdout[-2000:]
    return out


@pytest.fixture(scope="module")
def imported(session_store: Store, settings: Settings,
             tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[dict[str, tuple[Chart, dict[str, Any], dict[str, Any]]]]:
    """profile -> (chart, Gephi's GEXF import, Gephi's GraphML import)."""
    folder = tmp_path_factory.mktemp("gephi")
    load_export_world(session_store, settings, folder)
    charts = {p: make_chart(session_store, settings, AROUND_MARCUS, profile=p)
              for p in ("internal", "partner")}
    files: dict[str, list[Path]] = {
        p: write_files(c, ["gexf", "graphml"], folder / p) for p, c in charts.items()}
    seen = open_in_gephi([f for fs in files.values() for f in fs])
    yield {p: (charts[p], seen[files[p][0].name], seen[files[p][1].name]) for p in charts}


def _millis(day: str) -> float:
    return datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000


def _columns(seen: dict[str, Any], kind: str) -> set[str]:
    return {c["title"] for c in seen[f"{kind}_columns"] if not c["property"]}


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_gephi_keeps_every_gexf_link_with_its_kind_dates_and_refs(
        imported: dict[str, tuple[Chart, dict[str, Any], dict[str, Any]]], profile: str) -> None:
    chart, gexf, _ = imported[profile]
    g = chart.graph
    assert not [i for i in gexf["issues"] if i.startswith("SEVERE")], gexf["issues"]
    assert gexf["node_count"] == g.number_of_nodes()
    assert gexf["edge_count"] == g.number_of_edges()
    want = {k: (a, b, d) for a, b, k, d in g.edges(keys=True, data=True)}
    got = {e["id"]: e for e in gexf["edges"]}
    assert set(got) == set(want)
    event_links = 0
    for key, (a, b, d) in want.items():
        e = got[key]
        assert (e["source"], e["target"], e["kind"]) == (a, b, d["link_type"])
        assert e["attributes"]["refs"] == d["refs"] and e["label"] == d["label"]
        assert e["attributes"]["grading"] == d["grading"]
        # dates: a time interval Gephi's timeline uses: a link to an event lasts as long
        # as the event (its reports come after it), any other from first to last seen
        event = next((g.nodes[n] for n in (a, b) if g.nodes[n]["type"] == "Event"), None)
        if event is not None:
            span = (event["event_start"][:10], (event["event_end"] or event["event_start"])[:10])
            event_links += 1
        else:
            span = (d["first_seen"], d["last_seen"])
        assert e["intervals"] == [[_millis(span[0]), _millis(span[1])]], key
    assert event_links
    # the parallel links are all there: none merged
    pairs = Counter((a, b) for a, b in g.edges())
    assert max(pairs.values()) >= 2
    assert Counter((e["source"], e["target"]) for e in gexf["edges"]) == pairs
    assert gexf["time_representation"] == "INTERVAL"
    # the protective marking reaches Gephi's workspace
    assert gexf["title"] == f"OFFICIAL-SENSITIVE - {chart.meta['title']}"
    assert str(gexf["description"]).startswith("OFFICIAL-SENSITIVE.")
    # every attribute of the chart is a column, typed; nothing else is
    assert _columns(gexf, "node") == set(NODE_FIELDS) - {"label"}
    assert _columns(gexf, "edge") == set(LINK_FIELDS) - {"label"}
    types = {c["title"]: c["type"] for c in gexf["node_columns"]}
    assert types["score"] == "Double" and types["ref_count"] == "Integer"
    assert types["victim"] == "Boolean"


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_gephi_shows_the_gexf_nodes_coloured_sized_and_placed(
        imported: dict[str, tuple[Chart, dict[str, Any], dict[str, Any]]], profile: str) -> None:
    chart, gexf, _ = imported[profile]
    g = chart.graph
    nodes = {n["id"]: n for n in gexf["nodes"]}
    assert set(nodes) == set(g.nodes)
    for node, d in g.nodes(data=True):
        assert tuple(nodes[node]["color"]) == rgb(node_look(d).fill), node
        assert nodes[node]["label"] == caption(d, sep=" ")  # the name, rank mark, role
    # Gephi rescales sizes and the layout on import; the order and the shape must hold
    order = sorted(g.nodes)
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            want = node_look(g.nodes[a]).size - node_look(g.nodes[b]).size
            got = nodes[a]["size"] - nodes[b]["size"]
            assert (want > 0) == (got > 0) and (want == 0) == (got == pytest.approx(0)), (a, b)
    scale = [(nodes[n]["x"] / x, nodes[n]["y"] / -y)
             for n, (x, y) in chart.positions.items() if abs(x) > 20 and abs(y) > 20]
    assert scale and all(sx == pytest.approx(scale[0][0], rel=0.02) and
                         sy == pytest.approx(scale[0][0], rel=0.02) for sx, sy in scale)
    assert len({tuple(n["color"]) for n in nodes.values()}) >= 4
    events = [n for n in g if g.nodes[n]["type"] == "Event"]
    assert events and all(nodes[n]["intervals"] for n in events)


def test_gephi_merges_graphml_parallel_links_but_loses_no_type_or_reference(
        imported: dict[str, tuple[Chart, dict[str, Any], dict[str, Any]]]) -> None:
    chart, _, graphml = imported["internal"]
    g = chart.graph
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    refs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for a, b, d in g.edges(data=True):
        kinds[(a, b)].add(d["link_type"])
        refs[(a, b)].update(d["refs"].split(SEP))
    assert graphml["node_count"] == g.number_of_nodes()
    # Gephi's GraphML importer has no edge kind: one edge per pair and direction ...
    assert graphml["edge_count"] == len(kinds) < g.number_of_edges()
    # ... which still names every type and every report of the links it merged
    for e in graphml["edges"]:
        pair = (e["source"], e["target"])
        assert set(e["attributes"]["pair_types"].split(SEP)) == kinds[pair]
        assert set(e["attributes"]["pair_refs"].split(SEP)) == refs[pair]
    assert any(PARALLEL_REF in e["attributes"]["pair_refs"] and
               len(e["attributes"]["pair_types"].split(SEP)) == 2 for e in graphml["edges"])
    # colours, sizes and positions come through (not every node black)
    nodes = {n["id"]: n for n in graphml["nodes"]}
    for node, d in g.nodes(data=True):
        assert tuple(nodes[node]["color"]) == rgb(node_look(d).fill)
    assert _columns(graphml, "node") >= set(NODE_FIELDS) - {"label"}
