"""Agenda and chart time, query latency under concurrent clients, entity-resolution speed."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.store import Store

CLIENTS = (1, 4, 16)
REQUESTS_PER_CLIENT = 10


def _params(store: Store) -> dict[str, dict[str, Any]]:
    s = store.read("bench_query_samples")[0]
    return {
        "children_near_suspect": {"suspect": s["suspect"]},
        "co_location": {"person_a": s["suspect"], "person_b": s["child"]},
        "hotspots": {}, "missing_episodes": {"child": s["child"]},
        "new_links_since": {"since": "2025-01-01"}, "people_at_place": {},
        "people_sharing_address": {}, "people_sharing_phone": {},
        "people_sharing_vehicle": {}, "phone_contacts": {"phone": s["phone"]},
        "report_assertions": {"ref": s["ref"]}, "suspects_near_child": {"child": s["child"]},
        "vehicle_sightings": {"vrm": s["vrm"]}, "weak_links": {},
    }


def query_latency(store: Store, settings: Settings, size: int) -> list[dict[str, Any]]:
    """p50/p95 latency of every shipped query at 1, 4 and 16 concurrent clients."""
    from graphintel.queries import run_query

    rows = []
    for name, params in sorted(_params(store).items()):
        row: dict[str, Any] = {"reports": size, "query": name}
        for clients in CLIENTS:
            def one(_: int, name: str = name, params: dict[str, Any] = params) -> list[float]:
                times = []
                for _ in range(REQUESTS_PER_CLIENT):
                    start = time.perf_counter()
                    run_query(store, settings, name, params, limit=100)
                    times.append(time.perf_counter() - start)
                return times

            with ThreadPoolExecutor(clients) as pool:
                samples = [t for ts in pool.map(one, range(clients)) for t in ts]
            q = statistics.quantiles(samples, n=20)
            row[f"p50_ms@{clients}"] = round(statistics.median(samples) * 1000)
            row[f"p95_ms@{clients}"] = round(q[18] * 1000)
        rows.append(row)
        print(f"query {size} {row}", flush=True)
    return rows


#: Runs of each agenda timing; the median is reported.
AGENDA_RUNS = 3
#: What each agenda column times: one format alone, then all three at once.
AGENDA_FORMATS = {"agenda_md_s": "md", "agenda_html_s": "html", "agenda_docx_s": "docx",
                  "agenda_s": "md,html,docx"}


def agenda_seconds(store: Store, settings: Settings, folder: Path,
                   runs: int = AGENDA_RUNS) -> dict[str, Any]:
    """Median seconds of ``write_agenda`` (build from Neo4j, pictures, documents) for each
    format alone and for the three together, and the load average around the runs. The
    meeting is not recorded, so every run sees the same graph."""
    from graphintel.agenda import write_agenda

    write_agenda(store, settings, out_dir=folder / "warm", formats="md", record=False)
    samples: dict[str, list[float]] = {col: [] for col in AGENDA_FORMATS}
    loads = [os.getloadavg()[0]]
    for i in range(runs):
        for col, fmt in AGENDA_FORMATS.items():
            start = time.perf_counter()
            write_agenda(store, settings, out_dir=folder / f"{col}-{i}", formats=fmt,
                         record=False)
            samples[col].append(time.perf_counter() - start)
        loads.append(os.getloadavg()[0])
    row: dict[str, Any] = {"runs": runs}
    row.update({col: round(statistics.median(v), 2) for col, v in samples.items()})
    row["load_avg"] = f"{min(loads):.1f}-{max(loads):.1f}"
    return row


def outputs(store: Store, settings: Settings, size: int) -> dict[str, Any]:
    """Seconds to write the agenda (per format and all three) and the top network's chart."""
    from graphintel.analysis.stored import load_run

    result = load_run(store)
    row: dict[str, Any] = {"reports": size, "people": result["run"]["persons"]}
    with tempfile.TemporaryDirectory() as tmp:
        row.update(agenda_seconds(store, settings, Path(tmp) / "agenda"))
        try:
            from bench.chart_timing import chart_seconds
        except ImportError:
            return row
        row.update(chart_seconds(store, settings, result, Path(tmp) / "chart"))
    return row


def run(store: Store, settings: Settings, sizes: list[int], skip: set[str]) -> dict[str, Any]:
    """The extra sections, on the largest synthetic set of at most 10k reports (loaded and
    analysed by the pipeline benchmark, which runs before)."""
    from bench.ingest_bench import dataset
    from graphintel.analysis.run import run_analysis
    from graphintel.ingest import ingest

    out: dict[str, Any] = {}
    size = max((s for s in sizes if s <= 10_000), default=min(sizes))
    store.wipe()
    ingest([dataset(size) / "reports.jsonl"], settings=settings, store=store)
    run_analysis(store)
    if "outputs" not in skip:
        out["outputs"] = [outputs(store, settings, size)]
    if "queries" not in skip:
        out["queries"] = query_latency(store, settings, size)
    if "resolve" not in skip:
        out["resolve"] = resolve(store)
    return out


def resolve(store: Store) -> list[dict[str, Any]]:
    """Candidate precision/recall on the generator's truth; search time at 10k and 100k."""
    from bench import resolve_bench

    store.wipe()
    pr = resolve_bench.synthetic_precision_recall(store, 10.0, 1)
    rows: list[dict[str, Any]] = [
        {"data": f"synthetic reports, scale 10 ({pr['people_nodes']} people)",
         "min_score": t, **v} for t, v in pr["by_threshold"].items()]
    for n in (10_000, 100_000):
        t = resolve_bench.timing(store, n, 1)
        stats = {f"person_{k}": v for k, v in t["person_search"].items()
                 if isinstance(v, int | float)}
        rows.append({"data": f"{n} people, 5% planted duplicates",
                     **{k: v for k, v in t["planted_pr_at_0.5"].items()}, **stats})
        print(f"resolve {n}: {rows[-1]}", flush=True)
    store.wipe()
    return rows
