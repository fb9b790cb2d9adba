"""The HTML chart in headless Chromium with the network cut off: it draws, it shows every
node of the selection, and it asks for nothing beyond the file. Also measures a chart of
2,000 nodes (printed with ``-s``)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from graphintel.charts import SelectionSpec, make_chart, write_files
from graphintel.charts.html_chart import write_html
from graphintel.config import Settings
from graphintel.store import Store
from tests.browser import non_blank_fraction, open_page
from tests.test_charts_units import synthetic_chart
from tests.test_charts_world import load_world, network_of

CHART_BOX = (0, 130, 1000, 880)  # the drawing area at the default 1280x900 window


def body(dom: str) -> dict[str, str]:
    tag = re.search(r"<body([^>]*)>", dom)
    assert tag, "no <body> in the rendered page"
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', tag.group(1)))


def canvas_ink(png: Path) -> float:
    """Share of non-background pixels in the drawing area only (not the header/legend)."""
    crop = png.with_name(png.stem + "-canvas.png")
    Image.open(png).crop(CHART_BOX).save(crop)
    return non_blank_fraction(crop)


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    yield load_world(session_store, settings, tmp_path_factory.mktemp("world"))


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_chart_renders_offline_with_every_node(world: dict[str, Any], session_store: Store,
                                               settings: Settings, tmp_path: Path,
                                               profile: str) -> None:
    spec = SelectionSpec.around(["Marcus Vane"], hops=2)
    chart = make_chart(session_store, settings, spec, profile=profile)
    html = write_files(chart, ["html"], tmp_path)[0]
    page = open_page(html, tmp_path / "shots")
    data = body(page.dom)
    assert data["rendered-nodes"] == str(chart.graph.number_of_nodes()) == data["node-count"]
    assert data["rendered-edges"] == str(chart.graph.number_of_edges())
    assert page.external_requests == []
    assert all(u.startswith("file:") for u in page.requested if "google" not in u)
    assert canvas_ink(page.screenshot) > 0.005
    if profile == "partner":
        assert 'id="withheld"' in page.dom


def test_network_chart_of_the_top_target_renders(world: dict[str, Any], session_store: Store,
                                                 settings: Settings, tmp_path: Path) -> None:
    top = world["targets"][0]
    chart = make_chart(session_store, settings, SelectionSpec.network("top"))
    assert chart.slug == f"network-{network_of(world, top['name'])}"
    page = open_page(write_files(chart, ["html"], tmp_path)[0], tmp_path / "shots")
    assert body(page.dom)["rendered-nodes"] == str(chart.graph.number_of_nodes())
    assert page.external_requests == []
    assert canvas_ink(page.screenshot) > 0.005


def test_two_thousand_node_chart_builds_and_renders(tmp_path: Path) -> None:
    start = time.perf_counter()
    chart = synthetic_chart(2000)
    path = write_html(chart, tmp_path / "big.html")
    built = time.perf_counter() - start
    tiny = write_html(synthetic_chart(3), tmp_path / "tiny.html")
    start = time.perf_counter()
    open_page(tiny, tmp_path / "shots")
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    page = open_page(path, tmp_path / "shots")
    rendered = time.perf_counter() - start
    data = body(page.dom)
    assert data["rendered-nodes"] == "2000"
    assert page.external_requests == []
    assert canvas_ink(page.screenshot) > 0.005
    size_mb = path.stat().st_size / 1e6
    print(f"\n2,000 nodes / {chart.graph.number_of_edges()} links: HTML built in {built:.1f} s "
          f"({size_mb:.1f} MB); Chromium load+render+dump and screenshot {rendered:.1f} s "
          f"against {baseline:.1f} s for a 3-node chart")
    assert built < 60
