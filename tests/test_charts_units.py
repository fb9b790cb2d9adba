"""Chart pieces that need no database: formats, filters, cells, layout, writers on a
synthetic chart (also used by the browser tests for the 2,000-node measurement)."""

from __future__ import annotations

import random
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest

from graphintel.charts import FORMATS, Filters, SelectionSpec, parse_formats, write_files
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, Chart
from graphintel.charts.exports import safe_cell
from graphintel.charts.html_chart import render_html
from graphintel.charts.layout import positions
from graphintel.charts.select import slug
from graphintel.errors import ConfigError

TYPES = ["Person", "Person", "Person", "Phone", "Vehicle", "Location", "OnlineAccount", "Event"]
LINKS = ["ASSOCIATE_OF", "USES", "SEEN_AT", "EXPLOITS", "CALLED", "FREQUENTS"]


def synthetic_chart(n: int, *, seed: int = 1, title: str = "Synthetic") -> Chart:
    """A chart of ``n`` entities shaped like a real one (about two links per entity)."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        etype = TYPES[i % len(TYPES)]
        attrs = {k: t() for k, t in NODE_FIELDS.items()}
        role = rng.choice(["suspect", "victim", "associate"]) if etype == "Person" else ""
        attrs.update(label=f"{etype} {i}", type=etype, i2_type=etype, i2_icon=etype,
                     roles=role, victim=role == "victim", suspect=role == "suspect",
                     score=round(rng.random() * 100, 2) if role == "suspect" else 0.0,
                     refs=f"IR/S/{i:05d}", ref_count=1)
        attrs["candidate_target"] = attrs["score"] > 90
        G.add_node(f"N{i:05d}", **attrs)
    for j, (a, b) in enumerate(sorted(base.edges()), start=1):
        attrs = {k: t() for k, t in LINK_FIELDS.items()}
        kind = LINKS[j % len(LINKS)]
        attrs.update(link_type=kind, label=f"{kind} | 2025-01-01 | 2BP", grading="2BP",
                     first_seen="2025-01-01", last_seen="2025-01-01", count=1,
                     refs=f"IR/S/{a:05d}", ref_count=1)
        G.add_edge(f"N{a:05d}", f"N{b:05d}", key=f"L{j:05d}", **attrs)
    meta = {"title": title, "selection": "synthetic", "profile": "internal",
            "marking": "OFFICIAL-SENSITIVE", "run_id": "run-x", "run_created_at":
            "2025-03-01T00:00:00Z", "as_of": "2025-03-01", "filters": "none", "withheld": "",
            "nodes": str(n), "links": str(G.number_of_edges())}
    return Chart(G, "synthetic", "internal", meta)


def test_formats_are_checked_and_ordered() -> None:
    assert parse_formats("html, anx,html") == ["html", "anx"]
    assert parse_formats("all") == list(FORMATS)
    with pytest.raises(ConfigError, match="unknown chart format 'svg'"):
        parse_formats("html,svg")
    with pytest.raises(ConfigError, match="no chart format"):
        parse_formats(" , ")


def test_selections_and_filters_are_checked() -> None:
    with pytest.raises(ConfigError, match="--hops must be 1 to 6"):
        SelectionSpec.around(["x"], hops=0).check()
    with pytest.raises(ConfigError, match="needs at least one subject"):
        SelectionSpec.around([]).check()
    with pytest.raises(ConfigError, match="not a date"):
        Filters(since="1/2/2025").check()
    with pytest.raises(ConfigError, match="before --since"):
        Filters(since="2025-02-01", until="2025-01-01").check()
    with pytest.raises(ConfigError, match="unknown entity type 'Boat'"):
        Filters(types=("Boat",)).check()
    Filters(since="2025-01-01", min_grading="2B", types=("Phone", "Event")).check()


def test_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    for bad in ("=1+1", "+44", "-2+3", "-cmd|' /C calc'!A0", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell("Jordan") == "Jordan" and safe_cell(-2.5) == -2.5
    # numbers, negative ones included, stay numbers (a longitude, a score)
    for number in ("-2", "-2.4213", "-0.5e3", "51.38", ".5"):
        assert safe_cell(number) == number
    assert safe_cell(False) == "false"


def test_slugs_are_safe_file_name_parts() -> None:
    assert slug("../../etc/passwd") == "etc-passwd"
    assert slug("<script>") == "script" and slug("!!!") == "x"
    assert len(slug("a" * 100)) == 40


def test_layout_is_deterministic_and_spread_out() -> None:
    for n in (30, 600):
        chart = synthetic_chart(n)
        first, second = positions(chart.graph), positions(synthetic_chart(n).graph)
        assert first == second
        assert len(set(first.values())) > 0.9 * n  # hardly any two nodes on one spot


def test_synthetic_chart_writes_every_format_deterministically(tmp_path: Path) -> None:
    a = write_files(synthetic_chart(120), FORMATS, tmp_path / "a")
    b = write_files(synthetic_chart(120), FORMATS, tmp_path / "b")
    for x, y in zip(a, b, strict=True):
        assert x.read_bytes() == y.read_bytes(), x.name
    root = ET.parse(tmp_path / "a" / "chart-synthetic-internal.anx").getroot()
    assert len(root.findall(".//ChartItem/End/Entity")) == 120


def test_html_escapes_titles_and_inlines_everything() -> None:
    html = render_html(synthetic_chart(10, title='<img src=x onerror="alert(1)">'))
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "cdn." not in html and "bootstrap" not in html.lower()
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=["']?https?:""", html)
    assert 'data-node-count="10"' in html
    assert "Content-Security-Policy" in html



def test_light_format_list_names_every_writer() -> None:
    """``--help`` reads the format names from a module with no imports; they must match."""
    from graphintel.charts import WRITERS
    from graphintel.charts.formats import FORMATS

    assert tuple(WRITERS) == FORMATS


def test_command_line_defaults_match_the_chart_code() -> None:
    """The command line keeps its own copy of the default hops so --help loads no chart
    code; it must be the chart code's."""
    from graphintel.charts.select import DEFAULT_HOPS
    from graphintel.cli import chart_cmd

    assert chart_cmd.DEFAULT_HOPS == DEFAULT_HOPS


def _vis_nodes(html: str) -> list[dict[str, object]]:
    import json
    found = re.search(r"var nodes = new vis\.DataSet\((\[.*?\])\);", html, flags=re.S)
    assert found
    return list(json.loads(found.group(1)))


def test_a_busy_chart_names_its_subject_and_leading_targets_at_first_view() -> None:
    """Past LABEL_LIMIT entities the chart draws small labels only when zoomed in; the
    subject (blue ring, named in the legend) and the leading targets get labels large
    enough to show at once. A small chart keeps one size."""
    from graphintel.charts.html_chart import KEY_LABEL_SIZE, LABEL_LIMIT
    from graphintel.charts.style import SUBJECT_BORDER, SUBJECT_DASHES

    for n in (LABEL_LIMIT + 50, 20):
        chart = synthetic_chart(n)
        chart.graph.nodes["N00000"]["subject"] = True
        for k in ("N00008", "N00016"):  # people (every eighth entity is a person)
            chart.graph.nodes[k].update(candidate_target=True, target_rank=1, score=95.0)
        html = render_html(chart)
        nodes = {str(d["id"]): d for d in _vis_nodes(html)}
        subject = nodes["N00000"]
        assert subject["color"]["border"] == SUBJECT_BORDER  # type: ignore[index]
        assert "The chart's subject (blue\n dashed ring): Person 0" in html
        assert subject["shapeProperties"] == {"borderDashes": SUBJECT_DASHES}  # type: ignore
        targets = [k for k, d in chart.graph.nodes(data=True) if d["candidate_target"]]
        others = [k for k, d in chart.graph.nodes(data=True)
                  if d["type"] == "Person" and not d["candidate_target"] and k != "N00000"]
        assert targets and others
        size = {k: nodes[k]["font"]["size"] for k in nodes}  # type: ignore[index]
        big = KEY_LABEL_SIZE if n > LABEL_LIMIT else 14
        assert size["N00000"] == big and {size[k] for k in targets} == {big}
        assert {size[k] for k in others} == {14}


def test_coordinates_are_numbers_in_graphml_and_gexf(tmp_path: Path) -> None:
    chart = synthetic_chart(16)
    places = [n for n, d in chart.graph.nodes(data=True) if d["type"] == "Location"]
    chart.graph.nodes[places[0]].update(lat="51.4545", lon="-2.5879")
    paths = write_files(chart, ["graphml", "graphml-yed", "gexf"], tmp_path)
    for path in paths:
        read = nx.read_gexf if path.suffix == ".gexf" else nx.read_graphml
        g = read(path)
        with_coords = {n: (d["lat"], d["lon"]) for n, d in g.nodes(data=True) if "lat" in d}
        # a number Gephi's Geo Layout can use; a place with none has no coordinate at all
        assert with_coords == {places[0]: (51.4545, -2.5879)}, path.name
