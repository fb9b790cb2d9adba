"""BENCHMARKS.md regeneration keeps what a run did not measure."""

from __future__ import annotations

from bench import report

MACHINE = {"cpu": "test", "memory": "1 GiB"}


def test_unmeasured_sections_are_kept_word_for_word() -> None:
    previous = report.render({"machine": MACHINE, "started": "2026-01-01 10:00",
                              "ingest": [{"reports": 10, "ingest_s": 1.0}],
                              "queries": [{"query": "q", "p95_ms@16": 50}]})
    previous = previous.replace("| q | 50 |", "| q | 50 |\n\nMeasured by hand on a quiet day.")
    previous += "\n## Notes\n\nA hand-written section.\n"
    again = report.render({"machine": MACHINE, "started": "2026-02-02 10:00",
                           "ingest": [{"reports": 10, "ingest_s": 2.0}]}, previous)
    assert "| 10 | 2.0 |" in again and "| 10 | 1.0 |" not in again  # measured again
    assert "Measured by hand on a quiet day." in again  # queries: kept as written
    assert "| q | 50 |" in again
    assert "## Notes\n\nA hand-written section." in again
    assert again.index("## Ingest throughput") < again.index("## Query latency") \
        < again.index("## Notes")
    head = again.split("## Machine")[0]
    assert "it measured: Ingest throughput." in head
    assert "Query latency, Notes" in head
    assert again.count("## Query latency") == 1


def test_a_full_run_replaces_every_section() -> None:
    old = report.render({"machine": MACHINE, "queries": [{"query": "stale-query", "p95_ms@16": 9}]})
    results = {"machine": MACHINE, **{key: [{"x": key}] for key, _ in report.SECTIONS}}
    new = report.render(results, old)
    assert "stale-query" not in new
    assert "Kept word for word" not in new
    assert [t for t in report.sections(new)][2:] == [t for _, t in report.SECTIONS]
