"""The physical limit for bulk loading: ``neo4j-admin database import`` on the same rows.

The import tool comes from Maven Central (org.neo4j:neo4j-import-tool and
neo4j-command-line 5.26.30, see bench/admin/pom.xml) and writes a fresh store offline, so it
needs unique node ids and cannot merge: nodes and links are de-duplicated here first.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import time
from pathlib import Path

from bench.common import DATA, REPO
from graphintel.ingest.jsonl import read_jsonl
from graphintel.ingest.records import Unit


def _runtime() -> Path:
    lib = DATA / "admin-runtime" / "lib"
    if not lib.is_dir():
        subprocess.run(["mvn", "-q", "-B", "-f", str(REPO / "bench" / "admin" / "pom.xml"),
                        "dependency:copy-dependencies", f"-DoutputDirectory={lib}"], check=True)
    return lib


def _files(src: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    nodes: dict[str, tuple[str, str, str]] = {}
    links: dict[tuple[str, str, str], set[str]] = {}
    with (out / "reports.csv").open("w", newline="", encoding="utf-8") as rf, \
            (out / "mentions.csv").open("w", newline="", encoding="utf-8") as mf:
        reports, mentions = csv.writer(rf), csv.writer(mf)
        reports.writerow(["ref:ID(Report)", "date", "grading", "narrative", ":LABEL"])
        mentions.writerow([":START_ID(Report)", ":END_ID(Entity)", ":TYPE"])
        for unit in read_jsonl(src):
            if not isinstance(unit, Unit):
                continue
            p = unit.report.props
            reports.writerow([unit.report.ref, p["date"], p["grading"], p.get("narrative") or "",
                              "Report"])
            by_id = {}
            for e in unit.entities:
                nodes.setdefault(e.uid, (e.key, str(e.props.get("name") or ""), e.label))
                mentions.writerow([unit.report.ref, e.uid, "MENTIONS"])
                by_id[e.local_id] = e.uid
            for lk in unit.links:
                links.setdefault((by_id[lk.from_id], by_id[lk.to_id], lk.type),
                                 set()).add(unit.report.ref)
    with (out / "entities.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["uid:ID(Entity)", "key", "name", ":LABEL"])
        for uid, (key, name, label) in nodes.items():
            w.writerow([uid, key, name, f"Entity;{label}"])
    with (out / "links.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([":START_ID(Entity)", ":END_ID(Entity)", ":TYPE", "refs:string[]"])
        for (a, b, t), refs in links.items():
            w.writerow([a, b, t, ";".join(sorted(refs))])


def run(src: Path) -> float:
    """Seconds for neo4j-admin to import the rows of ``src`` into a new, empty store."""
    lib = _runtime()
    work = DATA / "admin-import"
    shutil.rmtree(work, ignore_errors=True)
    (work / "home" / "conf").mkdir(parents=True)
    _files(src, work / "csv")
    c = work / "csv"
    cmd = ["java", "-Xmx4g", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", "database",
           "import", "full", "neo4j", f"--nodes={c / 'entities.csv'}",
           f"--nodes={c / 'reports.csv'}", f"--relationships={c / 'mentions.csv'}",
           f"--relationships={c / 'links.csv'}", "--multiline-fields=true"]
    env = {**os.environ, "NEO4J_HOME": str(work / "home"), "NEO4J_CONF": str(work / "home/conf")}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=work)
    elapsed = time.perf_counter() - start
    shutil.rmtree(work, ignore_errors=True)
    return elapsed
