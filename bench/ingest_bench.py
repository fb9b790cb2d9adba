"""Ingest throughput at several sizes, against Neo4j's own LOAD CSV on the same rows."""

from __future__ import annotations

import csv
import shutil
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


def run(store: Store, settings: Settings, sizes: list[int], repeat: int) -> list[dict[str, Any]]:
    """Median ingest time, rows/s and peak memory per size, and the LOAD CSV ratio."""
    rows = []
    for size in sizes:
        src = dataset(size) / "reports.jsonl"
        times, peaks = [], []
        reps = repeat if size <= 10_000 else 1
        for _ in range(reps):
            store.wipe()
            seconds, peak, _ = run_cli(["ingest", str(src)])
            times.append(seconds)
            peaks.append(peak)
        counts = store.counts()
        yard, _ = timed(lambda src=src: load_csv_yardstick(store, settings, src), 1)
        admin_s = admin_import.run(src)
        ingest_s = sorted(times)[len(times) // 2]
        rows.append({
            "reports": size, "runs": reps, "ingest_s": round(ingest_s, 2),
            "reports_per_s": round(size / ingest_s), "peak_mb": round(max(peaks)),
            "nodes": counts["nodes"], "relationships": counts["relationships"],
            "load_csv_s": round(yard.median_s, 2),
            "ratio": round(ingest_s / yard.median_s, 2),
            "admin_import_s": round(admin_s, 2),
            "ratio_to_admin_import": round(ingest_s / admin_s, 2),
        })
        print(f"ingest {size}: {rows[-1]}", flush=True)
    return rows
