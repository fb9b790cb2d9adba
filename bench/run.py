"""``make bench``: every benchmark, written to BENCHMARKS.md. Not part of ``make test``.

    python bench/run.py [--sizes 1000,10000,100000] [--repeat 3] [--skip ingest,...]

Steps (``--skip`` takes their names): startup, ingest, pipeline, outputs (the agenda and
chart), resolve (entity resolution), queries, web, gds, million, analysis. A section not
measured keeps its text from the BENCHMARKS.md it replaces; the goals at the top are worked
out from what the run measured.

Uses its own graphintel home (``/tmp/graphintel-bench-home`` unless GRAPHINTEL_HOME is set)
and so its own local Neo4j; generated data is cached under GRAPHINTEL_BENCH_DATA.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
os.environ.setdefault("GRAPHINTEL_NEO4J_HEAP", "6g")
os.environ.setdefault("GRAPHINTEL_NEO4J_PAGECACHE_MB", "4096")
for name in ("NEO4J_URI", "NEO4J_PASSWORD"):
    os.environ.pop(name, None)

from bench import analysis_bench, ingest_bench, report, startup_bench  # noqa: E402
from bench.common import REPO, byte_compile, machine  # noqa: E402
from bench.quality import evaluate  # noqa: E402
from graphintel.analysis.projection import ProjectionParams  # noqa: E402
from graphintel.analysis.run import AnalysisParams, run_analysis  # noqa: E402
from graphintel.config import load_settings  # noqa: E402
from graphintel.schema import apply_schema  # noqa: E402
from graphintel.store import Store  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--analysis-sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip", default="")
    parser.add_argument("--out", default=str(REPO / "BENCHMARKS.md"))
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    skip = set(args.skip.split(","))
    settings = load_settings()
    byte_compile()
    results: dict[str, Any] = {"machine": machine(), "started": time.strftime("%Y-%m-%d %H:%M")}
    if "startup" not in skip:
        results["startup"] = startup_bench.run(max(args.repeat, 10))
    with Store.open(settings) as store:
        apply_schema(store)
        if "ingest" not in skip:
            results["ingest"] = ingest_bench.run(store, settings, sizes, args.repeat)
        if "pipeline" not in skip:
            results["pipeline"] = pipeline(store, settings, sizes)
        # the pipeline leaves its last set loaded and analysed: the agenda and chart are
        # timed on the largest, loaded again unless it is that one
        loaded = sizes[-1] if "pipeline" in results and sizes else None
        extra = report.extra_sections(store, settings, sizes, skip | {"queries"}, loaded)
        results.update(extra)
        if "queries" not in skip:
            from bench import queries

            results["queries"] = queries.run(store, settings, sizes)
        if "web" not in skip:
            from bench import web

            results["web"] = web.run(store, settings, 10_000, args.repeat)
    if "gds" not in skip:  # on the graph the steps above left (loaded and analysed)
        from bench import gds_bench

        results["gds"] = gds_bench.run(settings, args.repeat)
    if "million" not in skip:  # about an hour and a half on two cores
        from bench import million

        results["million"] = million.run(settings)
    if "analysis" not in skip:
        results["analysis"] = analysis_bench.run(
            [int(x) for x in args.analysis_sizes.split(",") if x])
    (REPO / "bench" / "last-results.json").write_text(json.dumps(results, indent=2))
    out = Path(args.out)
    previous = out.read_text(encoding="utf-8") if out.is_file() else ""
    out.write_text(report.render(results, previous), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def pipeline(store: Store, settings: Any, sizes: list[int]) -> list[dict[str, Any]]:
    """Whole analysis on each ingested synthetic set, and its quality against the truth."""
    rows = []
    for size in sizes:
        src = ingest_bench.dataset(size)
        store.wipe()
        from graphintel.ingest import ingest

        ingest([src / "reports.jsonl"], settings=settings, store=store)
        truth = json.loads((src / "ground_truth.json").read_text())
        # analysed on the truth's date, as `make validate` does: who is a child is decided
        # on that date (analysed today, some of the truth's children are adults now)
        params = AnalysisParams(projection=ProjectionParams(as_of=truth.get("as_of")))
        start = time.perf_counter()
        done = run_analysis(store, params)
        seconds = time.perf_counter() - start
        run = done.result["run"]
        row = {"reports": size, "people": run["persons"], "links": run["links"],
               "networks": run["networks"], "betweenness_exact": run["betweenness_exact"],
               "analysis_s": round(seconds, 2), **evaluate(done.result, truth)}
        rows.append(row)
        print(f"pipeline {size}: {row}", flush=True)
    return rows


if __name__ == "__main__":
    raise SystemExit(main())
