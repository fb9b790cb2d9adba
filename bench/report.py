"""BENCHMARKS.md from the benchmark results, and the sections that need the other tools."""

from __future__ import annotations

from typing import Any

from graphintel.config import Settings
from graphintel.store import Store

NOTES = {
    "ingest": "Median of the runs of `graphintel ingest reports.jsonl` in a child process "
              "(parse, normalise, quarantine check, identity resolution, batched MERGE), peak "
              "RSS of that process. The yardstick is Neo4j's own `LOAD CSV` writing the same "
              "normalised reports, entities, mentions and links (MERGE, 1,000 rows per "
              "transaction) from CSV files in the import folder; it does no parsing, "
              "validation or identity resolution. ratio = ingest / LOAD CSV. "
              "`neo4j-admin database import` (from Maven Central, offline, into a new store; "
              "nodes and links de-duplicated first, since it cannot merge) is the physical "
              "limit for bulk loading; its time includes the JVM start.",
    "pipeline": "The whole analysis (projection from Neo4j, measures, networks, victim "
                "linkage, scores, write-back) on each ingested synthetic set; precision@k is "
                "the share of organisers, recruiters and brokers (ground truth) among the top "
                "k targets; victim-link recall is the share of true suspect-child links that "
                "appear among the targets' linked children (k = 2 links).",
    "analysis": "Each measure alone on a clustered synthetic person graph (groups of ~40, 5% "
                "suspects, 5% victims, ~3 links per person). Betweenness is exact up to 5,000 "
                "people and sampled (seeded) above; igraph's betweenness is exact, so it is "
                "only timed up to 10,000.",
}


def extra_sections(store: Store, settings: Settings, sizes: list[int],
                   skip: set[str]) -> dict[str, Any]:
    """Benchmarks of the agenda, charts, queries and entity resolution (when present)."""
    out: dict[str, Any] = {}
    try:
        from bench import outputs_bench
    except ImportError:
        return out
    out.update(outputs_bench.run(store, settings, sizes, skip))
    return out


def _table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "(none)\n"
    cols = list(dict.fromkeys(k for r in rows for k in r))
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        lines.append("| " + " | ".join(str(r.get(c, "")) for c in cols) + " |")
    return "\n".join(lines) + "\n"


def render(results: dict[str, Any]) -> str:
    """The BENCHMARKS.md text."""
    parts = ["# Benchmarks\n",
             "Produced by `make bench` (`bench/run.py`), which regenerates this file. "
             f"Run started {results.get('started')}.\n", "## Machine and versions\n",
             _table([results["machine"]])]
    for key, title in (("ingest", "Ingest throughput"), ("pipeline", "Whole analysis and "
                       "its quality on the synthetic ground truth"),
                       ("analysis", "Analysis measures at 1k, 10k and 100k people"),
                       ("outputs", "Agenda and chart"), ("queries", "Query latency"),
                       ("resolve", "Entity resolution")):
        if key in results:
            parts += [f"## {title}\n", NOTES.get(key, "") + "\n", _table(results[key])]
    return "\n".join(parts)
