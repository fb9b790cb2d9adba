"""Time to build the top network's link chart (HTML) and every export of it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from graphintel.charts import SelectionSpec, make_chart, write_files
from graphintel.config import Settings
from graphintel.store import Store


def chart_seconds(store: Store, settings: Settings, out: Path) -> dict[str, Any]:
    """Seconds to select and build the top network's chart, to write HTML, to write all."""
    start = time.perf_counter()
    chart = make_chart(store, settings, SelectionSpec.network("top"))
    built = time.perf_counter() - start
    start = time.perf_counter()
    write_files(chart, ["html"], out)
    html = time.perf_counter() - start
    start = time.perf_counter()
    write_files(chart, ["graphml", "gexf", "cyjs", "csv", "anx"], out)
    exports = time.perf_counter() - start
    graph = getattr(chart, "graph", None)
    nodes = graph.number_of_nodes() if graph is not None else None
    return {"chart_nodes": nodes, "chart_select_build_s": round(built, 2),
            "chart_html_s": round(html, 2), "chart_exports_s": round(exports, 2)}
