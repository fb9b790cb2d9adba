"""Query latency: every shipped named query at 1 and 16 concurrent clients.

    python bench/queries.py [--size 10000] [--requests 20] [--out bench/queries-results.json]

Loads the synthetic set of ``size`` reports (wiping the bench graph), runs the analysis, then
times each query through ``run_query`` (parameter checks, resolution, plan check, auto-commit
reads) with realistic parameters taken from the graph itself. Each query shape gets
one untimed request first (Cypher planning), a cold round at 16 threads, :data:`WARMUP`
untimed requests, then the timed ones; ``bench/run.py`` calls
:func:`run`. Also records, from one PROFILE, the db hits of a request and the operator the
plan starts from (the deepest operator that did work).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graphintel.config import Settings  # noqa: E402
from graphintel.store import Store  # noqa: E402

CLIENTS = (1, 16)
#: The 16 clients again as 16 processes, each with its own driver: sixteen analysts each
#: running the command. The 16 threads above share one interpreter (and its lock), as the
#: workspace's concurrent requests do.
PROCESS_CLIENTS = 16
REQUESTS = 20  # per shape and client count, shared out over the clients
#: Untimed requests of each shape, one after the other, before the timed ones: Neo4j runs
#: on the JVM, which compiles a query's hot code only after it has run many times (at
#: 100k reports, on a freshly started server, the dated hotspots took 23 ms a request
#: over their first 100 requests, 12 to 13 ms by the 400th and 10 to 11 ms after that,
#: through the 4,000th). The timed figures are those of a server in use; the first
#: requests after planning are timed too, at 16 threads, as the cold columns.
WARMUP = 300
LIMIT = 100  # the row limit of every request, as `query run --limit 100`
NOTE = ("Every shipped named query through `run_query` (parameter checks, name resolution, "
        "plan check, auto-commit reads in read access mode) on the {size:,}-report "
        "synthetic set after its analysis, "
        "with realistic parameters taken from the graph and `--limit 100`; a query taking a "
        "phone, vehicle, postcode or person is also timed without it (the listing of the "
        "whole graph). Per shape one untimed request first (planning); then 20 requests "
        "over 16 threads at once, the cold columns (a query's first use on the server); then "
        + f"{WARMUP:,}" + " untimed requests one after the other (Neo4j's JVM compiles a "
        "query's hot code only after many runs) and 20 requests spread over 1 or 16 "
        "concurrent clients, as on a server in use; p50/p95 in milliseconds. @16 are 16 threads "
        "of one process (as the workspace serves 16 analysts), @16p 16 processes, each with "
        "its own connection (as 16 analysts each running the command), all started at once "
        "per request round. db_hits and start come from one PROFILE of the request: the db "
        "hits, and the operator the plan starts from. `hotspots` runs as graphintel's "
        "procedure `graphintel.hotspots` inside the server (graphintel/served.py; the local "
        "Neo4j has it), which reads the same indexes through the kernel's cursors: PROFILE "
        "counts no db hits inside a procedure, so its rows show the call's. "
        "`bench/queries.py`.")


def shapes(store: Store, settings: Settings) -> list[tuple[str, str, dict[str, Any]]]:
    """(query, shape label, parameters) for every shipped query, values from the graph."""
    from graphintel.queries import run_query

    s = store.read("bench_query_samples")[0]

    def first(name: str, col: str, **params: Any) -> Any:
        found = run_query(store, settings, name, params, limit=1).rows
        return found[0][col] if found else None

    phone = first("people_sharing_phone", "phone") or s["phone"]
    vrm = first("people_sharing_vehicle", "vrm") or s["vrm"]
    postcode = first("hotspots", "postcode")
    sharer = first("people_sharing_phone", "person_uid", phone=phone)
    home = first("people_sharing_address", "postcode", by_postcode=True)
    resident = first("people_sharing_address", "person_uid")
    seen = [r["person_uid"] for r in run_query(store, settings, "people_at_place",
                                               {"postcode": postcode}).rows
            if r["how"] == "SEEN_AT"]
    pair = list(dict.fromkeys(seen))[:2] if len(set(seen)) >= 2 else [s["suspect"], s["child"]]
    out: list[tuple[str, str, dict[str, Any]]] = [
        ("children_near_suspect", "suspect", {"suspect": s["suspect"]}),
        ("co_location", "person_a, person_b", {"person_a": pair[0], "person_b": pair[1]}),
        ("hotspots", "whole graph", {}),
        ("hotspots", "since", {"since": "2025-05-01"}),
        ("missing_episodes", "child", {"child": s["child"]}),
        ("new_links_since", "since", {"since": "2025-05-01"}),
        ("new_links_since", "since, person", {"since": "2025-01-01", "person": s["suspect"]}),
        ("people_at_place", "postcode", {"postcode": postcode}),
        ("people_at_place", "address text", {"address": "road"}),
        ("people_at_place", "whole graph", {}),
        ("people_sharing_address", "postcode, by_postcode",
         {"postcode": home, "by_postcode": True}),
        ("people_sharing_address", "person", {"person": resident}),
        ("people_sharing_address", "whole graph", {}),
        ("people_sharing_phone", "phone", {"phone": phone}),
        ("people_sharing_phone", "person", {"person": sharer or s["suspect"]}),
        ("people_sharing_phone", "whole graph", {}),
        ("people_sharing_vehicle", "vrm", {"vrm": vrm}),
        ("people_sharing_vehicle", "person", {"person": s["suspect"]}),
        ("people_sharing_vehicle", "whole graph", {}),
        ("phone_contacts", "phone", {"phone": s["phone"]}),
        ("report_assertions", "ref", {"ref": s["ref"]}),
        ("suspects_near_child", "child", {"child": s["child"]}),
        ("vehicle_sightings", "vrm", {"vrm": s["vrm"]}),
        ("weak_links", "person", {"person": s["suspect"]}),
        ("weak_links", "whole graph", {}),
    ]
    return [(q, label, {k: v for k, v in p.items() if v is not None}) for q, label, p in out]


def profile(store: Store, settings: Settings, name: str,
            params: dict[str, Any]) -> tuple[int, str]:
    """db hits of one request and the operator its plan starts from."""
    from graphintel.queries import prepare_params, query_plan, show_query
    from graphintel.served import served

    cf = show_query(settings, name)
    runs = served(store, cf)  # what run_query runs: a procedure's call where one answers
    bound = prepare_params(store, cf, {**params, **({"limit": LIMIT + 1} if any(
        p.name == "limit" for p in cf.params) else {})})
    steps = query_plan(store, runs.text, bound, profile=True)
    hits = sum(st.db_hits or 0 for st in steps)
    # the first leaf (in plan order) that produced rows: where the rows come from
    leaves = [st for i, st in enumerate(steps)
              if (i + 1 == len(steps) or steps[i + 1].depth <= st.depth)
              and st.rows and st.operator not in {"Argument", "Unwind"}]
    calls = [st.details.split("(", 1)[0] for st in steps if st.operator == "ProcedureCall"]
    if not leaves and calls:  # PROFILE does not look inside a procedure
        return hits, f"ProcedureCall {calls[0]}"
    return hits, leaves[0].operator if leaves else "?"


def _timed(store: Store, settings: Settings, name: str, params: dict[str, Any],
           each: int) -> list[float]:
    """Seconds of each of ``each`` requests, one after the other."""
    from graphintel.queries import run_query

    times = []
    for _ in range(each):
        start = time.perf_counter()
        run_query(store, settings, name, params, limit=LIMIT)
        times.append(time.perf_counter() - start)
    return times


def _p50_p95(samples: list[float]) -> tuple[int, int]:
    q = statistics.quantiles(samples, n=20) if len(samples) > 1 else samples * 19
    return round(statistics.median(samples) * 1000), round(q[18] * 1000)


def latency(store: Store, settings: Settings, name: str, params: dict[str, Any],
            clients: int, requests: int) -> tuple[int, int]:
    """p50 and p95 in ms of ``requests`` requests spread over ``clients`` threads."""
    each = max(1, requests // clients)
    with ThreadPoolExecutor(clients) as pool:
        samples = [t for ts in pool.map(
            lambda _: _timed(store, settings, name, params, each), range(clients))
            for t in ts]
    return _p50_p95(samples)


_worker: dict[str, Any] = {}


def _open_worker(barrier: Any) -> None:
    """A client process: its own settings, driver and session pool."""
    from graphintel.config import load_settings

    settings = load_settings()
    _worker.update(settings=settings, store=Store.open(settings), barrier=barrier)


def _timed_requests(name: str, params: dict[str, Any], each: int) -> list[float]:
    """In a client process: wait for every client, then ``each`` requests, timed."""
    from graphintel.queries import run_query

    store, settings = _worker["store"], _worker["settings"]
    run_query(store, settings, name, params, limit=LIMIT)  # this process's first, untimed
    _worker["barrier"].wait()
    return _timed(store, settings, name, params, each)


def process_latency(pool: ProcessPoolExecutor, name: str, params: dict[str, Any],
                    clients: int, requests: int) -> tuple[int, int]:
    """p50 and p95 in ms of ``requests`` requests spread over ``clients`` processes that
    start together."""
    each = max(1, requests // clients)
    futures = [pool.submit(_timed_requests, name, params, each) for _ in range(clients)]
    return _p50_p95([t for f in futures for t in f.result()])


def measure(store: Store, settings: Settings, size: int, requests: int = REQUESTS,
            only: set[str] | None = None) -> list[dict[str, Any]]:
    """One row per query shape on the graph as it is (loaded and analysed)."""
    from graphintel.queries import run_query

    rows = []
    # started once, before any shape, fresh (not forked from this process and its open
    # connections): each client process opens its own
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(PROCESS_CLIENTS)
    with ProcessPoolExecutor(PROCESS_CLIENTS, mp_context=context, initializer=_open_worker,
                             initargs=(barrier,)) as pool:
        for name, label, params in shapes(store, settings):
            if only and name not in only:
                continue
            run_query(store, settings, name, params, limit=LIMIT)  # planning, untimed
            cold = latency(store, settings, name, params, CLIENTS[-1], requests)
            _timed(store, settings, name, params, WARMUP)
            hits, start = profile(store, settings, name, params)
            row: dict[str, Any] = {"reports": size, "query": name, "given": label,
                                   "db_hits": hits, "start": start,
                                   f"p50_ms@{CLIENTS[-1]} cold": cold[0],
                                   f"p95_ms@{CLIENTS[-1]} cold": cold[1]}
            for clients in CLIENTS:
                p50, p95 = latency(store, settings, name, params, clients, requests)
                row[f"p50_ms@{clients}"] = p50
                row[f"p95_ms@{clients}"] = p95
            p50, p95 = process_latency(pool, name, params, PROCESS_CLIENTS, requests)
            row[f"p50_ms@{PROCESS_CLIENTS}p"] = p50
            row[f"p95_ms@{PROCESS_CLIENTS}p"] = p95
            rows.append(row)
            print(f"query {size} {row}", flush=True)
    return rows


def load(store: Store, settings: Settings, size: int) -> None:
    """The synthetic set of ``size`` reports, alone in the graph, analysed."""
    from bench.ingest_bench import dataset
    from graphintel.analysis.run import run_analysis
    from graphintel.ingest import ingest

    store.wipe()
    ingest([dataset(size) / "reports.jsonl"], settings=settings, store=store)
    run_analysis(store)
    store.run_schema(["CALL db.prepareForReplanning(300)"])  # fresh statistics, no old plans


def run(store: Store, settings: Settings, sizes: list[int]) -> list[dict[str, Any]]:
    """The query section of BENCHMARKS.md on the largest set of at most 100k reports (the
    size issue 18's latency goal is set at)."""
    size = max((s for s in sizes if s <= 100_000), default=min(sizes))
    load(store, settings, size)
    return measure(store, settings, size)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--no-load", action="store_true", help="use the graph as it is")
    parser.add_argument("--only", default="", help="comma-separated query names")
    parser.add_argument("--out", default=str(Path(__file__).with_name("queries-results.json")))
    args = parser.parse_args()
    os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
    from graphintel.config import load_settings
    from graphintel.schema import apply_schema

    settings = load_settings()
    with Store.open(settings) as store:
        apply_schema(store)
        if not args.no_load:
            load(store, settings, args.size)
        rows = measure(store, settings, args.size, args.requests,
                       {x for x in args.only.split(",") if x})
    Path(args.out).write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
