"""The whole main job on one synthetic set of a million reports (or ``--reports N``).

    python -m bench.million                     # 1,000,000 reports
    python -m bench.million --reports 100000    # a smaller set, same steps

Each step runs the installed command in a child process, as an analyst would, and is
timed with its peak memory: ingest, analyse, the agenda (Markdown, HTML and Word, as a
draft), the top network's chart; then the named lookups (a query given a person, phone,
vehicle, postcode, report or date; the whole-graph listings are left out at this size)
at 1 and 16 clients, and Neo4j's own peak memory and store size. Every finished step is
written to ``--json`` at once, so a run stopped part way keeps what it measured. The
graph of ``GRAPHINTEL_HOME`` (default ``/tmp/graphintel-bench-home``) is wiped first.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
for _name in ("NEO4J_URI", "NEO4J_PASSWORD"):
    os.environ.pop(_name, None)

from bench.common import _WRAPPER, REPO, byte_compile, machine  # noqa: E402
from bench.ingest_bench import dataset  # noqa: E402
from graphintel.config import Settings, load_settings  # noqa: E402
from graphintel.errors import QueryTimeout  # noqa: E402
from graphintel.schema import apply_schema  # noqa: E402
from graphintel.store import Store  # noqa: E402


def neo4j_memory(settings: Settings) -> dict[str, Any]:
    """Peak resident memory of the local Neo4j process and the disk its data takes: the
    store files and the transaction logs (until a checkpoint, Community Edition's store
    files lag behind the logs, so only the two together say what the graph takes)."""
    folder = settings.home / "neo4j"
    out: dict[str, Any] = {}
    try:
        pid = int((folder / "neo4j.pid").read_text().strip())
        status = Path(f"/proc/{pid}/status").read_text()
        peak = next(line for line in status.splitlines() if line.startswith("VmHWM"))
        out["neo4j_peak_mb"] = round(int(peak.split()[1]) / 1024)
    except (OSError, ValueError, StopIteration):
        out["neo4j_peak_mb"] = None
    done = subprocess.run(["du", "-sm", str(folder / "dbms" / "data")],
                          capture_output=True, text=True, check=False)
    out["disk_mb"] = int(done.stdout.split()[0]) if done.returncode == 0 else None
    return out


#: A step whose process grows past this is stopped (the machine has 24 GiB, shared with
#: Neo4j): the row then says so instead of the machine swapping or killing Neo4j.
MEMORY_CAP_MB = int(os.environ.get("GRAPHINTEL_BENCH_MEMORY_CAP_MB", "16000"))


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS")), "VmRSS: 0 kB")
    return int(line.split()[1]) / 1024


def step(row: dict[str, Any], name: str, args: list[str], out: Path) -> bool:
    """Run one command in a child process, record its seconds and peak memory under
    ``name`` (or why it stopped), save; whether it finished."""
    print(f"{time.strftime('%H:%M:%S')} {name}: graphintel {' '.join(args)}", flush=True)
    start = time.perf_counter()
    peak = 0.0
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-c", _WRAPPER, os.devnull, *args],
                                cwd=REPO, stdout=subprocess.DEVNULL, stderr=err)
        while proc.poll() is None:
            peak = max(peak, _rss_mb(proc.pid))
            if peak > MEMORY_CAP_MB:
                proc.kill()
                proc.wait()
                break
            time.sleep(1)
        seconds = time.perf_counter() - start
        err.seek(0)
        tail = err.read()[-1500:]
    row[f"{name}_s"] = round(seconds, 1)
    row[f"{name}_peak_mb"] = round(peak)
    finished = proc.returncode in (0, 3)  # 3: ingest quarantined rows
    if not finished:
        row[f"{name}_stopped"] = (f"stopped above {MEMORY_CAP_MB} MB" if peak > MEMORY_CAP_MB
                                  else f"exit {proc.returncode}: {tail.strip()[-300:]}")
    out.write_text(json.dumps(row, indent=2), encoding="utf-8")
    print(f"{time.strftime('%H:%M:%S')} {name}: {seconds:.1f} s, peak {peak:.0f} MB"
          + ("" if finished else f" ({row[f'{name}_stopped']})"), flush=True)
    return finished


def lookups(store: Store, settings: Settings, size: int) -> list[dict[str, Any]]:
    """p50/p95 of every lookup shape (not the whole-graph listings) at 1 and 16 clients."""
    from bench import queries
    from graphintel.queries import run_query

    rows = []
    for name, label, params in queries.shapes(store, settings):
        if label == "whole graph":
            continue
        row: dict[str, Any] = {"reports": size, "query": name, "given": label}
        try:
            run_query(store, settings, name, params, limit=queries.LIMIT)  # planning
            hits, start = queries.profile(store, settings, name, params)
            row.update(db_hits=hits, start=start)
            for clients in queries.CLIENTS:
                p50, p95 = queries.latency(store, settings, name, params, clients,
                                           queries.REQUESTS)
                row[f"p50_ms@{clients}"] = p50
                row[f"p95_ms@{clients}"] = p95
        except QueryTimeout as exc:  # a listing that scans a label: recorded, not fatal
            row["stopped"] = exc.message()
        rows.append(row)
        print(f"query {row}", flush=True)
    return rows


def measure(settings: Settings, reports: int, out: Path, skip: set[str] | None = None
            ) -> dict[str, Any]:
    """Every step on ``reports`` synthetic reports in the graph of ``settings`` (wiped);
    the row of figures, also written to ``out`` after each step."""
    skip = skip or set()
    src = dataset(reports) / "reports.jsonl"
    row: dict[str, Any] = {"reports": reports, "machine": machine(),
                           "started": time.strftime("%Y-%m-%d %H:%M")}
    with Store.open(settings) as store, tempfile.TemporaryDirectory() as tmp:
        apply_schema(store)
        if "ingest" not in skip:
            store.wipe()
            step(row, "ingest", ["ingest", str(src)], out)
            row.update(store.counts())
            row.update(neo4j_memory(settings))
        analysed = False
        network = "1"
        if "analyse" not in skip:
            # the targets as CSV, not the whole result as JSON: at a million reports the
            # document is gigabytes, and writing it is not what an analyst waits for
            targets = Path(tmp) / "targets.csv"
            analysed = step(row, "analyse", ["analyse", "-o", str(targets)], out)
            if analysed:
                from graphintel.analysis.run import load_run

                run = load_run(store, parts=["run"])["run"]
                row.update(people=run["persons"], networks=run["networks"],
                           betweenness_exact=run["betweenness_exact"])
                with targets.open(encoding="utf-8", newline="") as f:
                    top = next((r for r in csv.DictReader(f) if r["rank"] == "1"), None)
                network = str(top["network"]) if top else network
        if analysed and "agenda" not in skip:
            step(row, "agenda", ["agenda", "--draft", "-o", str(Path(tmp) / "agenda")], out)
        if analysed and "chart" not in skip:
            step(row, "chart", ["chart", "--network", network, "-o",
                                str(Path(tmp) / "chart")], out)
        if "queries" not in skip:
            row["queries"] = lookups(store, settings, reports)
        row.update(neo4j_memory(settings))
        row["finished"] = time.strftime("%Y-%m-%d %H:%M")
        out.write_text(json.dumps(row, indent=2), encoding="utf-8")
    return row


def summary(row: dict[str, Any]) -> dict[str, Any]:
    """The BENCHMARKS.md row of a run: its figures, without the machine and the queries
    (the lookups are summarised by their slowest p95 at 1 and 16 clients)."""
    out = {k: v for k, v in row.items() if k not in ("machine", "queries", "started",
                                                     "node_properties",
                                                     "relationship_properties")}
    for clients in (1, 16):
        p95 = [q.get(f"p95_ms@{clients}") for q in row.get("queries") or []]
        if any(v is not None for v in p95):
            out[f"lookups_max_p95_ms@{clients}"] = max(v for v in p95 if v is not None)
    return out


def run(settings: Settings, reports: int = 1_000_000) -> list[dict[str, Any]]:
    """For ``make bench``: the million-report row (see the module docstring)."""
    return [summary(measure(settings, reports, Path(__file__).with_name(
        "million-results.json")))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--json", type=Path, default=Path(__file__).with_name(
        "million-results.json"))
    parser.add_argument("--skip", default="", help="comma-separated steps to leave out: "
                        "ingest, analyse, agenda, chart, queries")
    args = parser.parse_args()
    byte_compile()
    row = measure(load_settings(), args.reports, args.json, set(args.skip.split(",")))
    print(json.dumps({k: v for k, v in row.items() if k != "queries"}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
