"""A report loaded again with other content: a new version, the earlier one kept, never undone.

A records system sends a report again when it is corrected or re-graded. The new version's
narrative and grading replace the earlier ones, the earlier version is kept on the report,
the load says so row by row, and loading the old version again changes nothing.
"""

from __future__ import annotations

import doctest
import json
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest, versions
from graphintel.ingest.records import ReportIn, Unit
from graphintel.ingest.versions import Stored, sort_versions, version_line
from graphintel.queries import run_query
from graphintel.store import Store
from tests.graph_helpers import fingerprint, report, write_jsonl

JO = {"id": "e1", "type": "Person", "name": "Jo REVELL", "dob": "1990-01-01", "role": "suspect"}
JON = {"id": "e1", "type": "Person", "name": "Jon REVELL", "dob": "1991-05-05",
       "role": "associate"}
AMY = {"id": "e2", "type": "Person", "name": "Amy REVELL", "dob": "2011-01-01", "role": "victim"}

FIRST = report("IR/V/1", [JO, AMY], [{"from": "e1", "to": "e2", "type": "EXPLOITS"}],
               narrative="Jo seen with Amy in a car.")
CORRECTED = report("IR/V/1", [JON, AMY], [{"from": "e1", "to": "e2", "type": "ASSOCIATE_OF"}],
                   narrative="Correction: it was Jon, not Jo; no exploitation seen.")


def _report(store: Store, ref: str) -> dict[str, object]:
    return store.read_text(
        "MATCH (r:Report {ref: $ref}) RETURN r.narrative AS narrative, r.grading AS grading, "
        "r.earlier_versions AS earlier, size(r.earlier_hashes) AS hashes", {"ref": ref})[0]


def _links(store: Store) -> list[dict[str, object]]:
    return store.read_text(
        "MATCH (a:Person)-[r]->(b:Person) RETURN a.name AS a, type(r) AS type, b.name AS b, "
        "r.refs AS refs, r.strong AS strong ORDER BY a, type", {})


def test_a_corrected_report_replaces_the_narrative_and_keeps_the_earlier_version(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [FIRST])
    new = write_jsonl(tmp_path / "new.jsonl", [CORRECTED])
    assert ingest([old], settings=settings, store=store).as_dict()["new_versions"] == 0
    summary = ingest([new], settings=settings, store=store)
    counts = summary.as_dict()
    assert (counts["loaded"], counts["duplicates"], counts["new_versions"]) == (1, 0, 1)
    assert summary.ok  # a new version is loaded, not quarantined
    [warning] = summary.files[0].warnings
    assert warning.startswith(f"{new}:1: report IR/V/1 was loaded before with other content "
                              f"(from {old}:1)")
    assert "report_assertions -p ref=IR/V/1" in warning
    held = _report(store, "IR/V/1")
    assert held["narrative"] == "Correction: it was Jon, not Jo; no exploitation seen."
    assert held["earlier"] == [f"from {old}:1, dated 2025-03-01, graded 2BP: "
                               "Jo seen with Amy in a car."]
    assert held["hashes"] == 1
    # what only the earlier version said is taken back: Jo's exploitation link (no other
    # report behind it) and his suspect assessment; he stays mentioned, with no role
    assert [(x["a"], x["type"], x["b"]) for x in _links(store)] == [
        ("Jon REVELL", "ASSOCIATE_OF", "Amy REVELL")]
    jo = store.read_text(
        "MATCH (:Report {ref: 'IR/V/1'})-[m:MENTIONS]->(p:Person {name: 'Jo REVELL'}) "
        "RETURN p.roles AS roles, m.roles AS now, m.earlier_roles AS before", {})
    assert jo == [{"roles": [], "now": [], "before": ["suspect"]}]
    said = run_query(store, settings, "report_assertions", {"ref": "IR/V/1"}).rows
    assert [r["detail"] for r in said if r["kind"] == "earlier version"] == [
        f"version 1, from {old}:1, dated 2025-03-01, graded 2BP: Jo seen with Amy in a car."]
    assert said[-1]["relation"] == "EARLIER_VERSION"


def test_the_old_version_loaded_again_does_not_turn_the_report_back(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    old = write_jsonl(tmp_path / "old.jsonl", [FIRST])
    new = write_jsonl(tmp_path / "new.jsonl", [CORRECTED])
    ingest([old], settings=settings, store=store)
    ingest([new], settings=settings, store=store)
    before = fingerprint(store)
    again = ingest([old], settings=settings, store=store)
    assert (again.as_dict()["loaded"], again.as_dict()["duplicates"]) == (0, 1)
    assert again.files[0].warnings == [
        f"{old}:1: report IR/V/1 is an earlier version of one already loaded (now the version "
        f"from {new}:1): not loaded again, so the newer version stands"]
    same = ingest([new], settings=settings, store=store)
    assert (same.as_dict()["duplicates"], same.files[0].warnings) == (1, [])
    assert fingerprint(store) == before


@pytest.mark.parametrize("batch_size", [1, 1000])
def test_two_versions_in_one_file_load_in_order_and_again_change_nothing(
        store: Store, settings: Settings, tmp_path: Path, batch_size: int) -> None:
    both = write_jsonl(tmp_path / "both.jsonl", [FIRST, CORRECTED])
    s = replace(settings, batch_size=batch_size)
    first = ingest([both], settings=s, store=store).as_dict()
    assert (first["loaded"], first["new_versions"]) == (2, 1)
    assert _report(store, "IR/V/1")["earlier"] == [
        f"from {both}:1, dated 2025-03-01, graded 2BP: Jo seen with Amy in a car."]
    before = fingerprint(store)
    second = ingest([both], settings=s, store=store)
    assert (second.as_dict()["loaded"], second.as_dict()["duplicates"]) == (0, 2)
    assert fingerprint(store) == before


def test_a_regraded_version_regrades_its_links_and_one_that_drops_a_link_takes_it_back(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    ingest([write_jsonl(tmp_path / "a.jsonl", [FIRST])], settings=settings, store=store)
    assert _links(store)[0]["strong"] is True
    malicious = report("IR/V/1", [JO, AMY], [{"from": "e1", "to": "e2", "type": "EXPLOITS"}],
                       grading="3EP", narrative="Re-graded: the source is believed to be "
                       "malicious.")
    ingest([write_jsonl(tmp_path / "b.jsonl", [malicious])], settings=settings, store=store)
    [link] = _links(store)
    assert (link["type"], link["refs"], link["strong"]) == ("EXPLOITS", ["IR/V/1"], None)
    jo = store.read_text("MATCH (p:Person {name: 'Jo REVELL'}) RETURN p.weak2 AS weak2", {})
    assert jo == [{"weak2": True}]  # one report behind it, and that one graded E
    # a third version names Amy alone: the link it no longer gives, and Jo's role, go
    alone = report("IR/V/1", [AMY], [], grading="3EP",
                   narrative="Re-graded: the source is believed to be malicious; Jo unknown.")
    ingest([write_jsonl(tmp_path / "c.jsonl", [alone])], settings=settings, store=store)
    assert _links(store) == []
    jo = store.read_text("MATCH (p:Person {name: 'Jo REVELL'}) RETURN p.roles AS roles, "
                         "p.weak2 AS weak2", {})
    assert jo == [{"roles": [], "weak2": None}]
    # a link another report also gives loses only this report's reference
    ingest([write_jsonl(tmp_path / "d.jsonl", [
        report("IR/V/2", [JO, AMY], [{"from": "e1", "to": "e2", "type": "EXPLOITS"}]),
        report("IR/V/3", [JO, AMY], [{"from": "e1", "to": "e2", "type": "EXPLOITS"}],
               narrative="Seen again.")])], settings=settings, store=store)
    ingest([write_jsonl(tmp_path / "e.jsonl", [report("IR/V/3", [AMY], [],
                                                      narrative="Correction: Amy alone.")])],
           settings=settings, store=store)
    [link] = _links(store)
    assert (link["a"], link["type"], link["refs"]) == ("Jo REVELL", "EXPLOITS", ["IR/V/2"])
    assert store.read_text("MATCH (p:Person {name: 'Jo REVELL'}) RETURN p.roles AS roles",
                           {}) == [{"roles": ["suspect"]}]  # IR/V/2 still says so


def test_the_cli_counts_new_versions_and_prints_each_warning(
        store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    old = write_jsonl(tmp_path / "old.jsonl", [FIRST])
    new = tmp_path / "new.jsonl"
    new.write_text(json.dumps(CORRECTED) + "\n", encoding="utf-8")
    assert main(["ingest", str(old)]) == 0
    capsys.readouterr()
    assert main(["ingest", str(new)]) == 0
    out = capsys.readouterr()
    assert ("read 1, loaded 1 (1 of them new versions of reports loaded before), "
            "duplicates 0") in out.out
    assert f"warning: {new}:1: report IR/V/1 was loaded before" in out.err


def _unit(ref: str, line: int, content: str) -> Unit:
    return Unit("f.jsonl", line, ReportIn(ref, {"source_file": "f.jsonl", "source_line": line,
                                                "date": "2025-01-01", "grading": "2BP",
                                                "narrative": content}), [], [], content)


@pytest.mark.parametrize(("held", "rows", "fresh", "duplicates", "new_versions", "warnings"), [
    ({}, [("R", "a")], ["a"], 0, 0, 0),                               # a new report
    ({"R": ("a", ())}, [("R", "a")], [], 1, 0, 0),                    # the same again
    ({"R": ("a", ())}, [("R", "b")], ["b"], 0, 1, 1),                 # a new version
    ({"R": ("b", ("a",))}, [("R", "a")], [], 1, 0, 1),                # an earlier version
    ({}, [("R", "a"), ("R", "b"), ("R", "a")], ["a", "b"], 1, 1, 2),  # versions in one batch
    ({}, [("R", "a"), ("S", "a")], ["a", "a"], 0, 0, 0),              # other refs, same text
    ({"R": (None, ())}, [("R", "a")], ["a"], 0, 0, 0),                # no hash yet
])
def test_sort_versions(held: dict[str, tuple[str | None, tuple[str, ...]]],
                       rows: list[tuple[str, str]], fresh: list[str], duplicates: int,
                       new_versions: int, warnings: int) -> None:
    stored = {ref: Stored(h, f"line of {h}", "old.jsonl:1", frozenset(e))
              for ref, (h, e) in held.items()}
    units = [_unit(ref, i, content) for i, (ref, content) in enumerate(rows, start=1)]
    out = sort_versions(units, stored)
    assert [u.content_hash for u in out.fresh] == fresh
    assert (out.duplicates, out.new_versions, len(out.warnings)) == (
        duplicates, new_versions, warnings)


def test_version_line_is_one_line_and_bounded() -> None:
    line = version_line({"source_file": "x.jsonl", "source_line": 2, "date": "2025-01-01",
                         "grading": "2BP", "narrative": "a\nb  c" + "x" * 5000})
    assert "\n" not in line and line.startswith("from x.jsonl:2, dated 2025-01-01, graded "
                                                "2BP: a b cxx")
    assert len(line) < 2100 and line.endswith("…")


def test_docstring_examples() -> None:
    result = doctest.testmod(versions)
    assert result.failed == 0 and result.attempted > 0
