"""Link charts against a real Neo4j: selections, filters, errors, exports that agree."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
import typer

from graphintel.charts import (
    FORMATS,
    Chart,
    Filters,
    SelectionSpec,
    make_chart,
    write_chart,
    write_files,
)
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, SEP
from graphintel.charts.style import caption
from graphintel.cli import chart_cmd
from graphintel.config import Settings
from graphintel.errors import Ambiguous, ConfigError, NotFound
from graphintel.store import Store
from tests.test_charts_world import load_world, network_of


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The chart world, loaded and analysed once for this module (no test here wipes it)."""
    yield load_world(session_store, settings, tmp_path_factory.mktemp("world"))


def chart_of(store: Store, settings: Settings, spec: SelectionSpec, profile: str = "internal",
             **filters: Any) -> Chart:
    return make_chart(store, settings, spec, profile=profile, filters=Filters(**filters))


def people(chart: Chart) -> set[str]:
    return {d["label"] for _, d in chart.graph.nodes(data=True) if d["type"] == "Person"}


def types(chart: Chart) -> dict[str, int]:
    out: dict[str, int] = {}
    for _, d in chart.graph.nodes(data=True):
        out[d["type"]] = out.get(d["type"], 0) + 1
    return out


# -- selections -------------------------------------------------------------------------


def test_network_chart_is_the_entity_graph_of_its_people(
        world: dict[str, Any], session_store: Store, settings: Settings) -> None:
    net = network_of(world, "Marcus Vane")
    chart = chart_of(session_store, settings, SelectionSpec.network(net))
    assert people(chart) == {"Marcus Vane", "Lily Hart"}
    assert types(chart) == {"Person": 2, "Phone": 1, "Vehicle": 1, "Location": 2, "Event": 1}
    g = chart.graph
    marcus = "Person:ref:N100"
    assert g.nodes[marcus]["suspect"] and g.nodes[marcus]["candidate_target"]
    assert g.nodes[marcus]["score"] > 0 and g.nodes[marcus]["target_rank"] >= 1
    assert g.nodes[marcus]["network"] == net
    lily = next(n for n, d in g.nodes(data=True) if d["label"] == "Lily Hart")
    assert g.nodes[lily]["victim"] and g.nodes[lily]["child"]
    assert g.nodes[lily]["dob"] == "2010-06-15" and g.nodes[lily]["age"] == "14"
    exploits = [d for a, b, d in g.edges(data=True) if d["link_type"] == "EXPLOITS"]
    assert exploits == [{"link_type": "EXPLOITS", "label": "EXPLOITS | 2025-01-10 | 2BP",
                         "first_seen": "2025-01-10", "last_seen": "2025-01-10",
                         "first_seen_at": "2025-01-10T22:00:00",
                         "last_seen_at": "2025-01-10T22:00:00", "count": 1,
                         "grading": "2BP", "refs": "IR/T/0001", "ref_count": 1,
                         "rows": "", "source_types": "test", "notes": ""}]
    event = next(d for _, d in g.nodes(data=True) if d["type"] == "Event")
    assert event["refs"] == "MP/T/0003" and event["event_start"] == "2025-02-01T18:00:00"
    # the place the child was found is there, and linked from the episode
    found = [(g.nodes[a]["type"], g.nodes[b]["label"]) for a, b, d in g.edges(data=True)
             if d["link_type"] == "FOUND_AT"]
    assert found == [("Event", "Riverside Takeaway")]
    assert chart.stem == f"chart-network-{net}-internal"


def test_around_counts_person_hops_like_the_analysis(
        world: dict[str, Any], session_store: Store, settings: Settings) -> None:
    one = chart_of(session_store, settings, SelectionSpec.around(["N100"], hops=1))
    # Tariq is one link away through the phone they share, as in the analysis
    assert people(one) == {"Marcus Vane", "Tariq Noon", "Lily Hart"}
    assert one.slug == "around-marcus-vane"
    two = chart_of(session_store, settings, SelectionSpec.around(["Marcus Vane"], hops=2))
    assert people(two) == people(one) | {"Chloe Marsh",
                                         "=cmd <script>window.__pwned=1</script> Evil"}
    both = chart_of(session_store, settings,
                    SelectionSpec.around(["Gary Platt", "Lily Hart"], hops=1))
    # Tariq frequents the address Lily lives at: one link, as in the analysis
    assert people(both) == {"Gary Platt", "Sam Young", "Lily Hart", "Marcus Vane",
                            "Tariq Noon"}
    assert both.slug == "around-gary-platt-and-lily-hart"
    subjects = {d["label"] for _, d in both.graph.nodes(data=True) if d["subject"]}
    assert subjects == {"Gary Platt", "Lily Hart"}


def test_path_chart_holds_the_people_on_the_paths_and_what_links_them(
        world: dict[str, Any], session_store: Store, settings: Settings) -> None:
    chart = chart_of(session_store, settings, SelectionSpec.path("N100", "=cmd <script>"
                                                                 "window.__pwned=1</script> Evil"))
    assert people(chart) == {"Tariq Noon", "Marcus Vane",
                             "=cmd <script>window.__pwned=1</script> Evil"}
    # the shared phone makes one of the links; no other entity is added
    assert types(chart) == {"Person": 3, "Phone": 1}
    assert chart.slug == "path-marcus-vane-cmd-script-window-pwned-1-script-evil"
    short = chart_of(session_store, settings, SelectionSpec.path("Tariq Noon", "Lily Hart"))
    # one link: Tariq frequents the address Lily lives at
    assert people(short) == {"Tariq Noon", "Lily Hart"}
    assert short.meta["title"] == ("Shortest paths between Tariq Noon and Lily Hart "
                                   "(1 chain(s) of people, 1 link(s) each)")
    assert {d["label"] for _, d in short.graph.nodes(data=True)} == {
        "Tariq Noon", "Lily Hart", "12 Elm Road"}
    with pytest.raises(NotFound, match="no path between"):
        chart_of(session_store, settings, SelectionSpec.path("Gary Platt", "Lily Hart"))


def test_victim_chart_holds_the_suspects_linked_to_the_child(
        world: dict[str, Any], session_store: Store, settings: Settings) -> None:
    chart = chart_of(session_store, settings, SelectionSpec.victim("Lily Hart"))
    assert people(chart) == {"Lily Hart", "Marcus Vane", "Tariq Noon"}
    assert chart.slug == "victim-lily-hart"
    with pytest.raises(NotFound, match="is not recorded as a victim"):
        chart_of(session_store, settings, SelectionSpec.victim("Gary Platt"))


# -- filters ----------------------------------------------------------------------------


def test_filters_by_date_grading_and_type(world: dict[str, Any], session_store: Store,
                                          settings: Settings) -> None:
    spec = SelectionSpec.around(["Tariq Noon"], hops=1)
    everything = chart_of(session_store, settings, spec)
    assert "12 Elm Road" in {d["label"] for _, d in everything.graph.nodes(data=True)}
    recent = chart_of(session_store, settings, spec, since="2025-01-01")
    # Tariq frequents 12 Elm Road only on a 2024 report
    tariq_links = {d["link_type"] for a, _, d in recent.graph.edges(data=True)
                   if a == "Person:ref:N200"}
    assert "FREQUENTS" not in tariq_links and "USES" in tariq_links
    assert all(d["first_seen"] >= "2025-01-01" for *_, d in recent.graph.edges(data=True))
    good = chart_of(session_store, settings, spec, min_grading="1A")
    refs = {r for *_, d in good.graph.edges(data=True) for r in d["refs"].split(SEP)}
    assert refs == {"IR/T/0002"}
    phones = chart_of(session_store, settings, spec, types=("Phone",))
    assert set(types(phones)) == {"Person", "Phone"}
    assert "graded 1A or better" in good.meta["filters"]
    with pytest.raises(NotFound, match="is empty"):
        chart_of(session_store, settings, spec, until="2000-01-01")


def test_bad_requests_are_graphintel_errors(world: dict[str, Any], session_store: Store,
                                            settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no network 99"):
        chart_of(session_store, settings, SelectionSpec.network(99))
    with pytest.raises(NotFound, match="no person 'Nobody Atall'"):
        chart_of(session_store, settings, SelectionSpec.around(["Nobody Atall"]))
    with pytest.raises(Ambiguous) as amb:
        chart_of(session_store, settings, SelectionSpec.around(["Jo Bloggs"]))
    assert len(amb.value.candidates) == 2
    with pytest.raises(ConfigError, match="unknown chart format 'pdf'"):
        write_chart(session_store, settings, SelectionSpec.network(1), formats="html,pdf",
                    out_dir=tmp_path)
    with pytest.raises(ConfigError, match="unknown profile"):
        chart_of(session_store, settings, SelectionSpec.network(1), profile="press")
    with pytest.raises(ConfigError, match="not a grading"):
        chart_of(session_store, settings, SelectionSpec.network(1), min_grading="ZZ")
    assert not list(tmp_path.iterdir())


# -- exports ----------------------------------------------------------------------------


def _typed(value: Any, kind: type) -> Any:
    if kind is bool:
        return value in (True, "true", "True")
    if kind is str:
        return "" if value is None else str(value)
    return kind(value)


def _norm(data: dict[str, Any], fields: dict[str, type]) -> dict[str, Any]:
    return {k: _typed(data.get(k), t) for k, t in fields.items()}


def _read_all(paths: dict[str, Path], stem: str) -> dict[str, tuple[dict[str, Any],
                                                                     dict[str, Any]]]:
    """format -> (node id -> attributes, link id -> attributes with source and target)."""
    out: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {}
    for name, read in (("graphml", nx.read_graphml), ("graphml-yed", nx.read_graphml),
                       ("gexf", nx.read_gexf)):
        g = read(paths[name])
        nodes = {n: _norm(d, NODE_FIELDS) for n, d in g.nodes(data=True)}
        edges = g.edges(keys=True, data=True) if g.is_multigraph() else \
            ((a, b, None, d) for a, b, d in g.edges(data=True))
        links = {str(d.get("id", k)): {**_norm(d, LINK_FIELDS), "ends": (a, b)}
                 for a, b, k, d in edges}
        out[name] = (nodes, links)
    cy = json.loads(paths["cyjs"].read_text(encoding="utf-8"))
    out["cyjs"] = ({n["data"]["id"]: _norm(n["data"], NODE_FIELDS)
                    for n in cy["elements"]["nodes"]},
                   {e["data"]["id"]: {**_norm(e["data"], LINK_FIELDS),
                                      "ends": (e["data"]["source"], e["data"]["target"])}
                    for e in cy["elements"]["edges"]})

    def rows(path: Path) -> list[dict[str, str]]:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [{k: v[1:] if v.startswith("'") else v for k, v in r.items()}
                    for r in csv.DictReader(handle)]

    folder = paths["graphml"].parent
    out["csv"] = ({r["id"]: _norm(r, NODE_FIELDS) for r in rows(folder / f"{stem}-nodes.csv")},
                  {r["id"]: {**_norm(r, LINK_FIELDS), "ends": (r["from_id"], r["to_id"])}
                   for r in rows(folder / f"{stem}-links.csv")})
    root = ET.parse(paths["anx"]).getroot()
    icons = {t.get("Name"): t.get("IconFile") for t in root.iter("EntityType")}
    anx_nodes: dict[str, dict[str, Any]] = {}
    anx_links: dict[str, dict[str, Any]] = {}
    for item in root.iter("ChartItem"):
        attrs: dict[str, Any] = {str(a.get("AttributeClass")): a.get("Value")
                                 for a in item.iter("Attribute")}
        entity, link = item.find("End/Entity"), item.find("Link")
        if entity is not None:
            kind = entity.find("Icon/IconStyle").get("Type")  # type: ignore[union-attr]
            attrs.update(label=item.get("Label"), i2_type=kind, i2_icon=icons[kind])
            anx_nodes[str(entity.get("EntityId"))] = attrs
        elif link is not None:
            style = link.find("LinkStyle")
            assert style is not None
            attrs.update(label=item.get("Label"), link_type=style.get("Type"),
                         ends=(link.get("End1Id"), link.get("End2Id")))
            assert item.get("Description") != attrs["link_id"]  # words, not an id
            anx_links[str(attrs["link_id"])] = attrs
    out["anx"] = ({k: _norm(v, NODE_FIELDS) for k, v in anx_nodes.items() if k},
                  {k: {**_norm(v, LINK_FIELDS), "ends": v["ends"]}
                   for k, v in anx_links.items() if k})
    return out


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_a_child_by_age_is_drawn_as_a_child_in_every_format(
        world: dict[str, Any], session_store: Store, settings: Settings, tmp_path: Path,
        profile: str) -> None:
    """Sam is twelve and recorded only as an associate: the chart draws him as a child (the
    heart, "(child/victim)", the i2 Victim type), never as an ordinary person or a suspect."""
    net = network_of(world, "Gary Platt")
    chart = chart_of(session_store, settings, SelectionSpec.network(net), profile=profile)
    g = chart.graph
    sam = next(n for n, d in g.nodes(data=True) if d["type"] == "Person" and d["child"])
    gary = next(n for n, d in g.nodes(data=True) if d["label"] == "Gary Platt")
    assert not g.nodes[sam]["victim"] and g.nodes[gary]["suspect"]
    assert g.nodes[sam]["i2_type"] == "Victim" and g.nodes[gary]["i2_type"] == "Suspect"
    html, yed, gexf = write_files(chart, ["html", "graphml-yed", "gexf"], tmp_path)
    found = re.search(r"var nodes = new vis\.DataSet\((\[.*?\])\);",
                      html.read_text(encoding="utf-8"), flags=re.S)
    assert found
    drawn = {d["id"]: d for d in json.loads(found.group(1))}
    assert drawn[sam]["group"] == "protected" and drawn[gary]["group"] == "suspect"
    assert drawn[sam]["label"].endswith("\n(child/victim)")
    assert drawn[gary]["label"].endswith("\n(suspect)")
    assert nx.read_graphml(yed).nodes[sam]["label"] == caption(g.nodes[sam])
    assert nx.read_gexf(gexf).nodes[sam]["label"].endswith(" (child/victim)")


#: Formats whose node label (as networkx reads it) is the label drawn on the chart
#: (:func:`~graphintel.charts.style.caption`), with its line separator; the yEd file keeps
#: the plain name too, as the ``label`` data key.
DRAWN_LABELS = {"graphml-yed": "\n", "gexf": " "}


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_every_export_carries_the_same_nodes_links_attributes_and_refs(
        world: dict[str, Any], session_store: Store, settings: Settings, tmp_path: Path,
        profile: str) -> None:
    net = network_of(world, "Tariq Noon")
    chart = chart_of(session_store, settings, SelectionSpec.network(net), profile=profile)
    written = write_files(chart, FORMATS, tmp_path)
    assert [p.name for p in written] == [
        f"{chart.stem}.html", f"{chart.stem}.graphml", f"{chart.stem}-yed.graphml",
        f"{chart.stem}.gexf", f"{chart.stem}.cyjs", f"{chart.stem}-nodes.csv",
        f"{chart.stem}-links.csv", f"{chart.stem}-about.txt", f"{chart.stem}.anx"]
    paths = {p.suffix.lstrip("."): p for p in written}
    paths["graphml"] = written[1]
    paths["graphml-yed"] = written[2]
    g = chart.graph
    want_nodes = {n: _norm(d, NODE_FIELDS) for n, d in g.nodes(data=True)}
    want_links = {k: {**_norm(d, LINK_FIELDS), "ends": (a, b)}
                  for a, b, k, d in g.edges(keys=True, data=True)}
    assert want_nodes and want_links
    for fmt, (nodes, links) in _read_all(paths, chart.stem).items():
        if fmt == "anx":  # ANX leaves empty attributes out; everything else is there
            for n, attrs in want_nodes.items():
                assert {k: v for k, v in nodes[n].items() if v not in ("", 0, 0.0, False)} == \
                    {k: v for k, v in attrs.items() if v not in ("", 0, 0.0, False)}, (fmt, n)
            assert set(nodes) == set(want_nodes)
            for k, attrs in want_links.items():
                assert {x: y for x, y in links[k].items() if y not in ("", 0)} == \
                    {x: y for x, y in attrs.items() if y not in ("", 0)}, (fmt, k)
            assert set(links) == set(want_links)
            continue
        if fmt in DRAWN_LABELS:  # the label drawn: the name, a target's rank, the role
            sep = DRAWN_LABELS[fmt]
            want = {n: {**attrs, "label": caption(g.nodes[n], sep=sep)}
                    for n, attrs in want_nodes.items()}
            assert nodes == want, fmt
        else:
            assert nodes == want_nodes, fmt
        assert links == want_links, fmt
    root = ET.parse(paths["anx"]).getroot()
    assert len(root.findall("ChartItemCollection/ChartItem/End/Entity")) == g.number_of_nodes()
    assert len(root.findall("ChartItemCollection/ChartItem/Link")) == g.number_of_edges()
    types_declared = {e.get("Name") for e in root.iter("EntityType")}
    assert types_declared == {d["i2_type"] for _, d in g.nodes(data=True)}
    assert all(e.get("IconFile") for e in root.iter("EntityType"))
    assert {c.get("Name") for c in root.iter("AttributeClass")} >= {"grading", "refs"}


def test_same_input_gives_byte_identical_files(world: dict[str, Any], session_store: Store,
                                               settings: Settings, tmp_path: Path) -> None:
    net = network_of(world, "Marcus Vane")
    first = write_chart(session_store, settings, SelectionSpec.network(net), formats="all",
                        profile="partner", out_dir=tmp_path / "a")
    second = write_chart(session_store, settings, SelectionSpec.network(net), formats="all",
                         profile="partner", out_dir=tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    gexf = (tmp_path / "a" / f"chart-network-{net}-partner.gexf").read_text()
    assert f'lastmodifieddate="{world["run"]["created_at"][:10]}"' in gexf


def test_text_is_escaped_and_formulas_neutralised(world: dict[str, Any], session_store: Store,
                                                  settings: Settings, tmp_path: Path) -> None:
    written = write_chart(session_store, settings, SelectionSpec.around(["N200"], hops=1),
                          formats="html,csv", out_dir=tmp_path)
    html = written[0].read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    assert "\\u003cscript\\u003ewindow.__pwned" in html  # inside the JSON data, escaped
    with written[1].open(encoding="utf-8-sig", newline="") as handle:
        labels = [r["label"] for r in csv.DictReader(handle)]
    assert "'=cmd <script>window.__pwned=1</script> Evil" in labels
    assert "'+447700900111" in labels
    assert not any(lb.startswith(("=", "+", "-", "@")) for lb in labels)


def test_cli_prints_the_paths_it_wrote(world: dict[str, Any], tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    app = typer.Typer()
    app.command("chart")(chart_cmd.chart)
    app.command("other")(lambda: None)  # two commands: the name "chart" is required
    net = network_of(world, "Gary Platt")
    app(["chart", "--network", str(net), "--format", "html,anx", "--profile", "partner",
         "--out", str(tmp_path)], standalone_mode=False)
    printed = capsys.readouterr().out.split()
    assert printed == [str(tmp_path / f"chart-network-{net}-partner.html"),
                       str(tmp_path / f"chart-network-{net}-partner.anx")]
    assert all(Path(p).is_file() for p in printed)
    with pytest.raises(ConfigError, match="exactly one of"):
        app(["chart", "--network", "1", "--victim", "Lily Hart", "--out", str(tmp_path)],
            standalone_mode=False)
    with pytest.raises(NotFound, match="no network 42"):
        app(["chart", "--network", "42", "--out", str(tmp_path)], standalone_mode=False)
    with pytest.raises(ConfigError, match="'three' is not a network id"):
        app(["chart", "--network", "three", "--out", str(tmp_path)], standalone_mode=False)
    app(["chart", "--network", "top", "--out", str(tmp_path)], standalone_mode=False)
    top = network_of(world, world["targets"][0]["name"])
    assert capsys.readouterr().out.split() == [
        str(tmp_path / f"chart-network-{top}-internal.html")]
    app(["chart", "--path", "Tariq Noon", "Lily Hart", "--format", "cyjs",
         "--out", str(tmp_path)], standalone_mode=False)
    assert capsys.readouterr().out.strip().endswith("chart-path-tariq-noon-lily-hart-internal.cyjs")
