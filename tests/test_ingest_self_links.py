"""A link from an entity to itself quarantines its row, with file, line, field and reason.

Canonical reports (``{"from": "e1", "to": "e1"}``, or two entities of the report that are
one by their identity keys) and mapping rows (the two people of an association row are one)
alike; the rest of the file loads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.ingest.records import RowRejected
from graphintel.ingest.report import unit_from_report
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def _person(i: str, name: str, dob: str | None = None, nominal: str | None = None
            ) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i, "type": "Person", "name": name, "role": "suspect"}
    if dob:
        d["dob"] = dob
    if nominal:
        d["nominal_ref"] = nominal
    return d


GOOD = report("IR/OK", [_person("e1", "Kyle Brown", "1995-07-03"),
                        _person("e2", "Lee Brown", "1993-01-20")],
              [{"from": "e1", "to": "e2", "type": "ASSOCIATE_OF"}])


def _quarantined(path: str | None) -> list[dict[str, Any]]:
    return [json.loads(x) for x in Path(path or "").read_text(encoding="utf-8").splitlines()]


def _refs(store: Store) -> set[str]:
    return {r["ref"] for r in store.read_text("MATCH (r:Report) RETURN r.ref AS ref", {})}


def test_a_link_to_the_same_entity_id_quarantines_the_report(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    bad = report("IR/SELF", [_person("e1", "Jordan Smith", "1990-02-11"),
                             _person("e2", "Amy Child", "2010-05-14")],
                 [{"from": "e1", "to": "e2", "type": "ASSOCIATE_OF"},
                  {"from": "e1", "to": "e1", "type": "ASSOCIATE_OF"}])
    src = write_jsonl(tmp_path / "r.jsonl", [GOOD, bad])
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined, f.balanced) == (2, 1, 1, True)
    assert not summary.ok
    assert f.problems == [f"{src}:2: field 'links[1]': self-link: the ASSOCIATE_OF link "
                          "from 'e1' to 'e1' joins an entity to itself (the same entity id); "
                          "link two different entities or leave the link out"]
    [q] = _quarantined(f.quarantine_file)
    assert (q["source"], q["line"], q["field"]) == (str(src), 2, "links[1]")
    assert "self-link" in q["reason"] and json.loads(q["raw"])["ref"] == "IR/SELF"
    assert _refs(store) == {"IR/OK"}  # nothing of the bad report was written
    assert store.read_text("MATCH (p)-[r]->(p) RETURN count(r) AS n", {})[0]["n"] == 0


def test_two_entities_that_are_one_by_their_keys_are_a_self_link(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    cases = [
        ([_person("a", "Jordan SMITH", nominal="N1"), _person("b", "J Smith", nominal="N1")],
         "the same nominal reference"),
        ([_person("a", "Jordan Smith", "1990-02-11", "N1"),
          _person("b", "JORDAN  SMITH", "1990-02-11")],
         "the same person: same name and date of birth"),
        ([_person("a", "Jordan Smith"), _person("b", "jordan smith")],
         "the same person: same name, and neither has a date of birth or nominal ref"),
        ([{"id": "a", "type": "Phone", "number": "07700 900123"},
          {"id": "b", "type": "Phone", "number": "+44 7700 900123"}], "the same phone number"),
    ]
    reports = [GOOD] + [
        report(f"IR/{i}", ents, [{"from": "a", "to": "b",
                                  "type": "CALLED" if ents[0]["type"] == "Phone"
                                  else "ASSOCIATE_OF"}])
        for i, (ents, _) in enumerate(cases)]
    src = write_jsonl(tmp_path / "r.jsonl", reports)
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.loaded, f.quarantined, f.balanced) == (1, len(cases), True)
    found = _quarantined(f.quarantine_file)
    assert [q["line"] for q in found] == [2, 3, 4, 5]
    assert all(q["field"] == "links[0]" for q in found)
    for q, (_, why) in zip(found, cases, strict=True):
        assert f"({why})" in q["reason"], q["reason"]
    assert _refs(store) == {"IR/OK"}


def test_two_people_that_may_be_two_still_load(store: Store, settings: Settings,
                                               tmp_path: Path) -> None:
    # Same name and dob with two different nominal references: two people (FORMATS.md).
    twins = report("IR/TWO", [_person("a", "Jordan Smith", "1990-02-11", "N1"),
                              _person("b", "Jordan Smith", "1990-02-11", "N2")],
                   [{"from": "a", "to": "b", "type": "FAMILY_OF"}])
    # A name alone never joins a name with a date of birth.
    vague = report("IR/VAGUE", [_person("a", "Kyle Brown"), _person("b", "Kyle Brown",
                                                                   "1995-07-03")],
                   [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}])
    src = write_jsonl(tmp_path / "r.jsonl", [twins, vague])
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok and summary.files[0].loaded == 2
    links = store.read_text("MATCH (a:Person)-[r]->(b:Person) RETURN type(r) AS t, "
                            "a.uid <> b.uid AS two", {})
    assert sorted(r["t"] for r in links) == ["ASSOCIATE_OF", "FAMILY_OF"]
    assert all(r["two"] for r in links)


def test_an_association_row_whose_two_people_are_one_is_quarantined(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "assoc.csv"
    src.write_text(
        "Person A,Person A DOB,Person B,Person B DOB,Type,Weight,Date,Source Ref\n"
        "Liam HOWELLS,1977-12-22,Callum Howells,2001-09-19,FAMILY_OF,0.3,2025-05-17,AL/1\n"
        "Liam HOWELLS,1977-12-22,liam  howells,1977-12-22,ASSOCIATE_OF,0.5,2025-05-18,AL/2\n",
        encoding="utf-8")
    summary = ingest([src], settings=settings, store=store, mapping="associations")
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined, f.balanced) == (2, 1, 1, True)
    [q] = _quarantined(f.quarantine_file)
    assert (q["source"], q["line"], q["field"]) == (str(src), 3, "link a -> b")
    assert q["reason"].startswith("self-link: the ASSOCIATE_OF link from 'a' to 'b'")
    assert "same name and date of birth" in q["reason"] and "AL/2" in q["raw"]
    links = store.read_text("MATCH (a:Person)-[r]->(b:Person) RETURN type(r) AS t", {})
    assert [r["t"] for r in links] == ["FAMILY_OF"]


def test_dry_run_counts_the_self_link_too(settings: Settings, tmp_path: Path) -> None:
    bad = report("IR/SELF", [_person("e1", "Jordan Smith")],
                 [{"from": "e1", "to": "e1", "type": "ASSOCIATE_OF"}])
    src = write_jsonl(tmp_path / "r.jsonl", [GOOD, bad])
    summary = ingest([src], settings=settings, dry_run=True)
    assert summary.files[0].quarantined == 1 and summary.files[0].loaded == 1


def test_unit_from_report_names_the_link_field() -> None:
    bad = report("IR/X", [{"id": "p", "type": "Phone", "number": "07700 900123"}],
                 [{"from": "p", "to": "p", "type": "CALLED"}])
    with pytest.raises(RowRejected) as rejected:
        unit_from_report(bad, "f.jsonl", 1)
    assert rejected.value.field == "links[0]"
