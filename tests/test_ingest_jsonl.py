"""Canonical JSON Lines ingest: provenance, identity, idempotence, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import fingerprint, report, write_jsonl

DATA = Path(__file__).parent / "data"

SPEC_EXAMPLE = report(
    "IR/2025/000123",
    [
        {"id": "e1", "type": "Person", "name": "Jordan SMITH", "dob": "1990-02-11",
         "gender": "M", "role": "suspect", "nominal_ref": "N0012345"},
        {"id": "e2", "type": "Person", "name": "Child A", "dob": "2009-06-30", "role": "victim"},
        {"id": "e3", "type": "Phone", "number": "07700 900123"},
        {"id": "e4", "type": "Vehicle", "vrm": "ab12 cde", "make": "Ford", "model": "Fiesta",
         "colour": "silver"},
        {"id": "e5", "type": "Location", "address": "Kebab House, 1 High St",
         "postcode": "ba11aa", "kind": "venue", "lat": 51.38, "lon": -2.36},
        {"id": "e6", "type": "OnlineAccount", "platform": "snapchat", "handle": "j_smith90"},
        {"id": "e7", "type": "Event", "kind": "missing_episode", "start": "2025-02-28T18:00:00",
         "end": "2025-03-01T23:10:00"},
    ],
    [
        {"from": "e1", "to": "e2", "type": "EXPLOITS"},
        {"from": "e1", "to": "e3", "type": "USES"},
        {"from": "e1", "to": "e4", "type": "DRIVES"},
        {"from": "e2", "to": "e5", "type": "SEEN_AT", "at": "2025-03-01T21:00:00"},
        {"from": "e2", "to": "e7", "type": "SUBJECT_OF"},
        {"from": "e7", "to": "e5", "type": "FOUND_AT"},
        {"from": "e1", "to": "e6", "type": "HAS_ACCOUNT"},
    ],
    date="2025-03-01T21:40:00", grading={"source": "2", "intel": "B", "handling": "P"},
    narrative="Child A seen in AB12 CDE; other phone +44 7700 900456 used at BA2 3BB.",
)


def test_spec_example_loads_with_provenance(store: Store, settings: Settings,
                                            tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "r.jsonl", [SPEC_EXAMPLE])
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok and summary.as_dict()["loaded"] == 1
    rows = store.read_text(
        "MATCH (r:Report {ref: $ref}) RETURN r.grading AS g, r.grading_source AS s, "
        "r.grading_intel AS i, r.author AS a, r.source_file AS f, r.source_line AS line, "
        "r.date AS d", {"ref": "IR/2025/000123"})
    assert rows == [{"g": "2BP", "s": "2", "i": "B", "a": "PC 1", "f": str(src), "line": 1,
                     "d": "2025-03-01T21:40:00"}]
    keys = {r["uid"] for r in store.read_text("MATCH (n:Entity) RETURN n.uid AS uid", {})}
    assert {"Phone:+447700900123", "Vehicle:AB12CDE", "Location:BA1 1AA|kebab house 1 high st",
            "OnlineAccount:snapchat:j_smith90", "Person:ref:N0012345"} <= keys
    # every link keeps its supporting refs and dates
    link = store.read_text(
        "MATCH (:Person {name: 'Child A'})-[r:SEEN_AT]->(:Location) RETURN r.refs AS refs, "
        "r.first_seen AS f, r.last_seen AS l", {})
    assert link == [{"refs": ["IR/2025/000123"], "f": "2025-03-01T21:00:00",
                     "l": "2025-03-01T21:00:00"}]
    # narrative mining: extracted, not asserted
    mined = store.read_text(
        "MATCH (:Report)-[m:MENTIONS]->(n) WHERE m.extracted RETURN n.uid AS uid ORDER BY uid", {})
    assert [m["uid"] for m in mined] == ["Location:BA2 3BB", "Phone:+447700900456"]
    asserted = store.read_text(
        "MATCH (:Report)-[m:MENTIONS]->(v:Vehicle) RETURN m.extracted AS x", {})
    assert asserted == [{"x": False}]


def test_nominal_ref_and_name_dob_mentions_are_one_person(store: Store, settings: Settings,
                                                         tmp_path: Path) -> None:
    plain = {"id": "p", "type": "Person", "name": "jordan  smith", "dob": "1990-02-11",
             "role": "associate"}
    with_ref = {"id": "p", "type": "Person", "name": "Jordan SMITH", "dob": "1990-02-11",
                "role": "suspect", "nominal_ref": "N1"}
    ref_only = {"id": "p", "type": "Person", "name": "J. Smith", "role": "suspect",
                "nominal_ref": "N1"}
    for order in ([plain, with_ref, ref_only], [ref_only, with_ref, plain]):
        store.wipe()
        reports = [report(f"R{i}", [e]) for i, e in enumerate(order)]
        ingest([write_jsonl(tmp_path / "p.jsonl", reports)], settings=settings, store=store)
        people = store.read_text(
            "MATCH (p:Person) OPTIONAL MATCH (r:Report)-[m:MENTIONS]->(p) "
            "RETURN p.nominal_ref AS ref, p.dob AS dob, collect(r.ref) AS refs, "
            "p.roles AS roles", {})
        assert len(people) == 1, order
        assert people[0]["ref"] == "N1" and people[0]["dob"] == "1990-02-11"
        assert sorted(people[0]["refs"]) == ["R0", "R1", "R2"]
        assert set(people[0]["roles"]) == {"associate", "suspect"}


def test_different_nominal_refs_stay_apart(store: Store, settings: Settings,
                                           tmp_path: Path) -> None:
    a = {"id": "p", "type": "Person", "name": "Sam Lee", "dob": "1999-01-01", "nominal_ref": "N1"}
    b = {"id": "p", "type": "Person", "name": "Sam Lee", "dob": "1999-01-01", "nominal_ref": "N2"}
    ingest([write_jsonl(tmp_path / "x.jsonl", [report("A", [a]), report("B", [b])])],
           settings=settings, store=store)
    assert store.read_text("MATCH (p:Person) RETURN count(p) AS n", {}) == [{"n": 2}]


def test_phone_variants_are_one_node(store: Store, settings: Settings, tmp_path: Path) -> None:
    variants = ["07700 900123", "+44 7700 900123", "(07700) 900 123", "0044 7700 900123"]
    reports = [report(f"V{i}", [{"id": "e1", "type": "Phone", "number": v}])
               for i, v in enumerate(variants)]
    ingest([write_jsonl(tmp_path / "v.jsonl", reports)], settings=settings, store=store)
    rows = store.read_text("MATCH (p:Phone) RETURN p.key AS key, p.flags AS flags, "
                           "p.variants AS variants", {})
    assert len(rows) == 1 and rows[0]["key"] == "+447700900123"
    assert "not_valid_number" in rows[0]["flags"]
    assert sorted(rows[0]["variants"]) == sorted(variants)


def test_rerun_changes_nothing(store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "r.jsonl", [SPEC_EXAMPLE, report("X/2", [
        {"id": "a", "type": "Person", "name": "Jordan SMITH", "dob": "1990-02-11"},
        {"id": "b", "type": "Phone", "number": "+44 7700 900123"}],
        [{"from": "a", "to": "b", "type": "USES"}])])
    first = ingest([src], settings=settings, store=store)
    before = fingerprint(store)
    counts = store.counts()
    second = ingest([src], settings=settings, store=store)
    assert second.as_dict()["duplicates"] == 2 and second.as_dict()["loaded"] == 0
    assert store.counts() == counts
    assert fingerprint(store) == before
    assert first.counts.nodes_created > 0 and second.counts.nodes_created == 0


def test_bad_input_is_quarantined_and_counts_add_up(store: Store, settings: Settings,
                                                    tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    body = (DATA / "bad_reports.jsonl").read_bytes()
    huge = json.dumps(report("GOOD/HUGE", [{"id": "e1", "type": "Person", "name": "Big Field",
                                            "dob": "2000-01-01"}], narrative="x" * 1_000_000))
    latin1 = json.dumps(report("BAD/ENC", [{"id": "e1", "type": "Person", "name": "Zoë Ray",
                                            "dob": "2000-01-01"}]), ensure_ascii=False)
    nested = "[" * 100_000 + "]" * 100_000
    src.write_bytes(body + huge.encode() + b"\n" + latin1.encode("latin-1") + b"\n"
                    + nested.encode() + b"\n")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert not summary.ok
    assert f.read == 15 and f.loaded == 4 and f.quarantined == 11 and f.balanced
    reasons = "\n".join(f.problems)
    for expected in ["malformed JSON", "missing report date", "not ISO 8601",
                     "number on the source", "unknown link endpoint 'e9'",
                     "a person needs a name", "link type 'LIKES'", "entity type 'Spaceship'",
                     "a report must be a JSON object", "bad encoding", "nested too deeply"]:
        assert expected in reasons, expected
    assert f"{src}:2: field '(line)'" in reasons
    assert f"{src}:6: field 'links[0].to'" in reasons
    quarantined = [json.loads(x) for x in Path(f.quarantine_file or "").read_text().splitlines()]
    assert len(quarantined) == 11
    assert {q["line"] for q in quarantined} == {2, 3, 4, 5, 6, 7, 8, 10, 11, 14, 15}
    assert all(q["raw"] for q in quarantined)
    rows = store.read_text("MATCH (r:Report) RETURN r.ref AS ref ORDER BY ref", {})
    refs = [r["ref"] for r in rows]
    assert refs == ["GOOD/1", "GOOD/2", "GOOD/3", "GOOD/HUGE"]
    injected = store.read_text("MATCH (p:Person {key: $k}) RETURN p.name AS name",
                               {"k": "nd:x match n detach delete n|2001-01-02"})
    assert injected == [{"name": "x'}) MATCH (n) DETACH DELETE n //"}]
    handling = store.read_text("MATCH (r:Report {ref: 'GOOD/3'}) RETURN r.grading AS g, "
                               "r.grading_conditions AS c, r.partner_shareable AS s", {})
    assert handling == [{"g": "1AC", "c": "police only", "s": False}]


def test_dry_run_writes_nothing(store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "r.jsonl", [SPEC_EXAMPLE])
    summary = ingest([src], settings=settings, dry_run=True)
    assert summary.as_dict()["loaded"] == 1 and summary.dry_run
    assert store.counts()["nodes"] == 0


def test_cli_exit_code_and_summary(store: Store, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(SPEC_EXAMPLE) + "\n{oops\n")
    assert main(["ingest", str(src)]) == 3  # rows quarantined, good rows loaded
    captured = capsys.readouterr()
    assert "read 2, loaded 1, duplicates 0, skipped 0, quarantined 1" in captured.out
    assert f"{src}:2: field '(line)': malformed JSON" in captured.err
    assert main(["ingest", str(tmp_path / "missing.jsonl")]) == 1
    assert "Error: input file not found" in capsys.readouterr().err


def test_cli_dry_run_says_nothing_was_written(store: Store, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    src = tmp_path / "mixed.jsonl"
    src.write_text(json.dumps(SPEC_EXAMPLE) + "\n{oops\n")
    assert main(["ingest", "--dry-run", str(src)]) == 3
    out = capsys.readouterr().out
    assert ("total: read 2, validated (dry run, nothing written) 1, duplicates 0, skipped 0, "
            "quarantined 1\n  (a dry run does not read the graph: duplicates are those within "
            "these files; rows already in the graph count as validated)\n") in out
    assert "loaded" not in out and "nodes created" not in out
    assert store.read_text("MATCH (n) RETURN count(n) AS n", {}) == [{"n": 0}]


def test_conditions_written_with_handling_p_are_not_shared(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A report graded 2BP with "police only" conditions written beside it: the two
    disagree, so it is read as conditions a person must check, never shared."""
    said = {**SPEC_EXAMPLE, "ref": "COND/1", "conditions": "Police only (CHIS source)"}
    plain = {**SPEC_EXAMPLE, "ref": "COND/2"}
    src = write_jsonl(tmp_path / "c.jsonl", [said, plain])
    assert ingest([src], settings=settings, store=store).ok
    rows = store.read_text("MATCH (r:Report) WHERE r.ref STARTS WITH 'COND/' RETURN r.ref AS "
                           "ref, r.grading AS g, r.partner_shareable AS s ORDER BY ref", {})
    assert rows == [{"ref": "COND/1", "g": "2BP", "s": False},
                    {"ref": "COND/2", "g": "2BP", "s": True}]
    shared = {r["ref"]: r["shareable"] for r in store.read("partner_handling")}
    assert shared == {"COND/1": False, "COND/2": True}
