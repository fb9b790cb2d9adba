"""Ingest throughput at several sizes, against Neo4j's own LOAD CSV on the same rows."""

from __future__ import annotations

import csv
import shutil
import statistics
from functools import partial
from pathlib import Path
from typing import Any

from bench import admin_import
from bench.common import DATA, run_cli, timed
from graphintel import local_neo4j
from graphintel.config import Settings
from graphintel.ingest.jsonl import read_jsonl
from graphintel.ingest.records import Unit
from graphintel.store import Store
from graphintel.synth import generate


def dataset(reports: int, seed: int = 11) -> Path:
    """The synthetic reports of one size (generated once, then reused)."""
    out = DATA / f"reports-{reports}"
    if not (out / "reports.jsonl").is_file():
        generate(out, seed=seed, scale=reports / 1000, tabular=False)
    return out


def _csvs(src: Path, target: Path) -> dict[str, int]:
    """The same rows as ingest writes, normalised, as CSV files for LOAD CSV."""
    target.mkdir(parents=True, exist_ok=True)
    files = {name: (target / f"{name}.csv").open("w", newline="", encoding="utf-8")
             for name in ("reports", "entities", "mentions", "links")}
    writers = {name: csv.writer(fh) for name, fh in files.items()}
    writers["reports"].writerow(["ref", "date", "grading", "narrative", "strength"])
    writers["entities"].writerow(["uid", "key", "label", "name"])
    writers["mentions"].writerow(["ref", "uid", "roles"])
    writers["links"].writerow(["from", "to", "type", "ref", "seen"])
    counts = dict.fromkeys(files, 0)
    for unit in read_jsonl(src):
        if not isinstance(unit, Unit):
            continue
        p = unit.report.props
        writers["reports"].writerow([unit.report.ref, p["date"], p["grading"],
                                     p.get("narrative") or "", p["grading_strength"]])
        for e in unit.entities:
            writers["entities"].writerow([e.uid, e.key, e.label, e.props.get("name") or ""])
            writers["mentions"].writerow([unit.report.ref, e.uid, ";".join(e.roles)])
        by_id = {e.local_id: e.uid for e in unit.entities}
        for lk in unit.links:
            writers["links"].writerow([by_id[lk.from_id], by_id[lk.to_id], lk.type,
                                       unit.report.ref, lk.at or p["date"]])
        counts["reports"] += 1
    for fh in files.values():
        fh.close()
    return counts


#: Untimed runs of each side before the first timed one.
WARM_RUNS = 3
#: Runs of each side at 1,000 reports or fewer.
SMALL_RUNS = 5


def load_csv_yardstick(store: Store, settings: Settings, src: Path) -> float:
    """Seconds for LOAD CSV to write the same reports, entities, mentions and links."""
    import time

    # The embedded local Neo4j's import folder is its DBMS folder.
    import_dir = local_neo4j.paths_for(settings).dbms / "bench-import"
    _csvs(src, import_dir)
    store.wipe()
    start = time.perf_counter()
    for name, query in (("reports", "bench_load_csv_reports"),
                        ("entities", "bench_load_csv_entities"),
                        ("mentions", "bench_load_csv_mentions"),
                        ("links", "bench_load_csv_links")):
        store.write(query, url=(import_dir / f"{name}.csv").as_uri())
    elapsed = time.perf_counter() - start
    shutil.rmtree(import_dir)
    return elapsed


def run(store: Store, settings: Settings, sizes: list[int], repeat: int,
        admin: bool = True) -> list[dict[str, Any]]:
    """Median ingest time, rows/s and peak memory per size, and the LOAD CSV ratio.

    Each run of ingest is followed by a run of the LOAD CSV yardstick, so both see the
    same load from other work on the machine; the medians of each are compared. Before the
    first size, untimed runs of each on the smallest set warm the server (its JIT and
    query plans), as the query benchmark's untimed first request does: otherwise the first
    timed runs at 1,000 reports measure a cold JVM (14.9 s against 3.8-4.3 s warm; after
    one run of each, the first timed pairs were still 0.3-0.5 s slower than the last).
    """
    rows = []
    if sizes:
        warm = dataset(min(sizes)) / "reports.jsonl"
        for _ in range(WARM_RUNS):
            store.wipe()
            run_cli(["ingest", str(warm)])
            load_csv_yardstick(store, settings, warm)
    for size in sizes:
        src = dataset(size) / "reports.jsonl"
        times, peaks, yards = [], [], []
        # a run at 1,000 reports takes seconds and varies most (start-up, a busy second
        # core): more of them steady its median
        reps = max(repeat, SMALL_RUNS) if size <= 1_000 else repeat if size <= 10_000 else 1
        counts: dict[str, int] = {}
        for _ in range(reps):
            store.wipe()
            seconds, peak, _ = run_cli(["ingest", str(src)])
            times.append(seconds)
            peaks.append(peak)
            counts = store.counts()
            yard, _ = timed(partial(load_csv_yardstick, store, settings, src), 1)
            yards.append(yard.median_s)
        ingest_s = statistics.median(times)
        load_csv_s = statistics.median(yards)
        row: dict[str, Any] = {
            "reports": size, "runs": reps, "ingest_s": round(ingest_s, 2),
            "reports_per_s": round(size / ingest_s), "peak_mb": round(max(peaks)),
            "nodes": counts["nodes"], "relationships": counts["relationships"],
            "load_csv_s": round(load_csv_s, 2),
            "ratio": round(ingest_s / load_csv_s, 2),
        }
        if admin:
            admin_s = admin_import.run(src)
            row["admin_import_s"] = round(admin_s, 2)
            row["ratio_to_admin_import"] = round(ingest_s / admin_s, 2)
        rows.append(row)
        print(f"ingest {size}: {row} (ingest runs {[round(t, 2) for t in times]}, "
              f"LOAD CSV runs {[round(t, 2) for t in yards]})", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    """Ingest throughput alone: ``python -m bench.ingest_bench --sizes 1000,10000``."""
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000", help="reports per data set")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of ingest and of LOAD CSV per size (1 above 10,000)")
    parser.add_argument("--no-admin", action="store_true",
                        help="skip neo4j-admin database import")
    args = parser.parse_args(argv)
    os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
    for name in ("NEO4J_URI", "NEO4J_PASSWORD"):
        os.environ.pop(name, None)
    from graphintel.config import load_settings
    from graphintel.schema import apply_schema

    settings = load_settings()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    with Store.open(settings) as store:
        apply_schema(store)
        for row in run(store, settings, sizes, args.repeat, admin=not args.no_admin):
            print(row)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
