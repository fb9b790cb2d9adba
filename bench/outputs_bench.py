"""Agenda and chart time, query latency under concurrent clients, entity-resolution speed."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphintel.config import Settings  # noqa: E402
from graphintel.store import Store  # noqa: E402

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
#: Runs of the two commands (each a child process, the most exposed to other work on the
#: machine); the median is reported.
COMMAND_RUNS = 5
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


def commands_seconds(folder: Path, runs: int = COMMAND_RUNS) -> dict[str, Any]:
    """Median wall seconds of the two commands a chair runs before the meeting, each in a
    child process as typed (start-up, imports, connection, reads, files): the agenda in all
    three formats as a draft, then the top network's chart (HTML)."""
    from bench.common import run_cli

    agenda, chart = [], []
    for i in range(runs):
        agenda.append(run_cli(["agenda", "--draft", "-o", str(folder / f"agenda-{i}")])[0])
        chart.append(run_cli(["chart", "--network", "top", "-o", str(folder / f"chart-{i}")])[0])
    return {"agenda_cmd_s": round(statistics.median(agenda), 2),
            "chart_cmd_s": round(statistics.median(chart), 2),
            "agenda_and_chart_cmd_s": round(statistics.median(a + c for a, c in zip(agenda, chart,
                                                                               strict=True)), 2)}


def outputs(store: Store, settings: Settings, size: int) -> dict[str, Any]:
    """Seconds to write the agenda (per format and all three) and the top network's chart,
    in the library and as the two commands."""
    from graphintel.analysis.stored import list_runs

    runs = list_runs(store)
    row: dict[str, Any] = {"reports": size, "people": runs[0]["persons"] if runs else 0}
    with tempfile.TemporaryDirectory() as tmp:
        row.update(agenda_seconds(store, settings, Path(tmp) / "agenda"))
        from bench.chart_timing import chart_seconds

        row.update(chart_seconds(store, settings, Path(tmp) / "chart"))
        row["agenda_and_chart_s"] = round(row["agenda_s"] + row["chart_select_build_s"]
                                          + row["chart_html_s"], 2)
        row.update(commands_seconds(Path(tmp) / "commands"))
    return row


def run(store: Store, settings: Settings, sizes: list[int], skip: set[str],
        loaded: int | None = None) -> dict[str, Any]:
    """The extra sections. The agenda and chart on the largest synthetic set: ``loaded``
    is its size when the pipeline benchmark left it loaded and analysed, else it is loaded
    and analysed here. Query latency and entity resolution on the largest set of at most
    10k reports."""
    from bench.ingest_bench import dataset
    from graphintel.analysis.run import run_analysis
    from graphintel.ingest import ingest

    out: dict[str, Any] = {}
    if "outputs" not in skip:
        largest = max(sizes)
        if loaded != largest:
            store.wipe()
            ingest([dataset(largest) / "reports.jsonl"], settings=settings, store=store)
            run_analysis(store)
        out["outputs"] = [outputs(store, settings, largest)]
    if {"queries", "resolve"} <= skip:
        return out
    size = max((s for s in sizes if s <= 10_000), default=min(sizes))
    store.wipe()
    ingest([dataset(size) / "reports.jsonl"], settings=settings, store=store)
    run_analysis(store)
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


def main() -> int:
    """``python bench/outputs_bench.py --no-load --size N``: the agenda and chart row on the
    graph as it is (loaded and analysed beforehand), written as JSON."""
    import argparse
    import json

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--size", type=int, required=True, help="reports in the graph")
    parser.add_argument("--no-load", action="store_true", help="use the graph as it is")
    parser.add_argument("--out", default=str(Path(__file__).with_name("outputs-results.json")))
    args = parser.parse_args()
    os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
    from bench.common import byte_compile
    from graphintel.config import load_settings

    settings = load_settings()
    byte_compile()
    with Store.open(settings) as store:
        if args.no_load:
            rows = [outputs(store, settings, args.size)]
        else:
            rows = run(store, settings, [args.size], {"queries", "resolve"})["outputs"]
    Path(args.out).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
