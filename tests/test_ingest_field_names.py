"""Fields written another way are read as the contract's, and nothing a link says is lost.

A 15-year-old given as ``"DOB"`` or ``"date_of_birth"`` was loaded with no date of birth (the
field kept as an extra nobody reads) and could be ranked as a target; a victim given as
``"role": "victim"`` on her link to a crime was loaded as of unknown role. Each is read, and
the load says so; what cannot be read is kept with the report and said."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.ingest.field_names import person_columns
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1980-01-01", "role": "suspect"}


def _person(store: Store, name: str) -> dict[str, Any]:
    rows = store.read_text("MATCH (p:Person {name: $n}) RETURN p.dob AS dob, p.age AS age, "
                           "p.roles AS roles, p.nominal_ref AS nominal", {"n": name})
    assert len(rows) == 1, rows
    return rows[0]


def test_field_names_written_another_way_are_read_and_said(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [report("IR/F/1", [
        DEAN,
        {"id": "a", "type": "Person", "name": "Amy HILL", "DOB": "2011-03-03", "Role": "victim"},
        {"id": "k", "type": "Person", "name": "Kyle NARROW", "date_of_birth": "2010-04-04",
         "Nominal Ref": "N123", "role": "suspect"},
        {"id": "t", "type": "Person", "name": "Tia MOSS", "Age": 14, "role": "associate"},
        {"id": "p", "type": "Phone", "Phone Number": "07700 900123"},
    ], [{"from": "k", "to": "p", "type": "USES"}])])
    done = ingest([path], settings=settings, store=store)
    assert done.ok and done.total("loaded") == 1
    assert _person(store, "Amy HILL") | {"roles": None} == {
        "dob": "2011-03-03", "age": None, "roles": None, "nominal": None}
    assert _person(store, "Amy HILL")["roles"] == ["victim"]
    assert (_person(store, "Kyle NARROW")["dob"], _person(store, "Kyle NARROW")["nominal"]) == \
        ("2010-04-04", "N123")
    assert _person(store, "Tia MOSS")["age"] == 14
    assert store.read_text("MATCH (:Person {name: 'Kyle NARROW'})-[:USES]->(p:Phone) "
                           "RETURN p.key AS k", {}) == [{"k": "+447700900123"}]
    warned = [w for f in done.files for w in f.warnings]
    for said in ("entities[1].DOB: read as 'dob'", "entities[1].Role: read as 'role'",
                 "entities[2].date_of_birth: read as 'dob'",
                 "entities[2].Nominal Ref: read as 'nominal_ref'",
                 "entities[3].Age: read as 'age'",
                 "entities[4].Phone Number: read as 'number'"):
        assert any(w.endswith(said) and ":1: " in w for w in warned), (said, warned)


def test_a_field_given_twice_with_other_values_is_a_fault(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [
        report("IR/F/2", [DEAN, {"id": "a", "type": "Person", "name": "Amy HILL",
                                 "dob": "1990-03-03", "DOB": "2011-03-03"}]),
        report("IR/F/3", [DEAN]),
    ])
    done = ingest([path], settings=settings, store=store)
    assert (done.total("loaded"), done.total("quarantined")) == (1, 1)
    problems = "\n".join(p for f in done.files for p in f.problems)
    assert "entities[1].DOB" in problems and "'DOB' and 'dob' are both given" in problems


def test_a_role_on_a_link_is_the_persons_role_in_the_report(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    crime = {"id": "e", "type": "Event", "kind": "crime", "start": "2025-02-01T20:00:00"}
    amy = {"id": "a", "type": "Person", "name": "Amy HILL", "role": "unknown"}
    path = write_jsonl(tmp_path / "r.jsonl", [
        report("IR/F/4", [DEAN, amy, crime],
               [{"from": "a", "to": "e", "type": "INVOLVED_IN", "role": "victim"},
                {"from": "d", "to": "e", "type": "INVOLVED_IN", "Role": "offender",
                 "weight": 3}]),
        report("IR/F/5", [DEAN, {**amy, "id": "b"}],
               [{"from": "b", "to": "d", "type": "INVOLVED_IN", "role": "injured party"}]),
    ])
    done = ingest([path], settings=settings, store=store)
    assert (done.total("loaded"), done.total("quarantined")) == (1, 1)
    assert _person(store, "Amy HILL")["roles"] == ["victim"]
    assert _person(store, "Dean FOX")["roles"] == ["suspect"]
    problems = "\n".join(p for f in done.files for p in f.problems)
    assert "links[0].role" in problems and "'injured party' is not one of" in problems
    warned = [w for f in done.files for w in f.warnings]
    assert any(w.endswith("links[1].Role: read as 'role'") for w in warned), warned
    assert any("links[1].weight: not a field of a link" in w for w in warned), warned
    kept = store.read_text("MATCH (r:Report {ref: 'IR/F/4'}) RETURN r.extra_json AS x", {})
    assert json.loads(kept[0]["x"]) == {"unread_link_fields": {"links[1]": {"weight": 3}}}


def test_an_age_at_the_incident_an_estimate_and_a_year_of_birth_are_ages(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """"age_at_incident", "Estimated Age" (an unidentified girl's "14-15") are the stated
    age; a year of birth alone is the youngest age it gives on the report's date (born in
    2010, on 2025-05-01 she is 14 or 15): each of these young people is of known age, a
    child, where before the field was kept as an extra nobody read."""
    flags = {}
    path = write_jsonl(tmp_path / "r.jsonl", [report("IR/F/4", [
        DEAN,
        {"id": "a", "type": "Person", "name": "Kai BELL", "age_at_incident": 15,
         "role": "suspect"},
        {"id": "b", "type": "Person", "name": "Unknown Female 1", "Estimated Age": "14-15",
         "role": "suspect"},
        {"id": "c", "type": "Person", "name": "Zoe BIRD", "YOB": 2010, "role": "suspect"},
        {"id": "f", "type": "Person", "name": "Lee FERN", "year_of_birth": "1990",
         "role": "suspect"},
        {"id": "e", "type": "Person", "name": "Ann COLE", "year_of_birth": "2010",
         "dob": "2001-01-01", "role": "suspect"},
    ], date="2025-05-01")])
    done = ingest([path], settings=settings, store=store)
    assert done.ok and done.total("loaded") == 1, [p for f in done.files for p in f.problems]
    for row in store.read_text("MATCH (p:Person) RETURN p.name AS n, p.flags AS f", {}):
        flags[row["n"]] = row["f"] or []
    assert [_person(store, n)["age"] for n in ("Kai BELL", "Unknown Female 1", "Zoe BIRD",
                                                 "Lee FERN", "Ann COLE")] == [15, 14, 14, 34, None]
    assert "age_from_year_of_birth" in flags["Zoe BIRD"]
    assert "age_from_year_of_birth" not in flags["Ann COLE"]  # a full date of birth decides
    warned = [w for f in done.files for w in f.warnings]
    assert any(w.endswith("entities[1].age_at_incident: read as 'age'") for w in warned)
    assert any(w.endswith("entities[2].Estimated Age: read as 'age'") for w in warned)


@pytest.mark.parametrize(("header", "people", "expected"), [
    (["Subject Age"], {"subject": ["name"]}, {"Subject Age": ("subject", "age")}),
    (["Age"], {"subject": ["name"]}, {"Age": ("subject", "age")}),
    (["Age"], {"child": ["name"], "adult": ["name"]}, {}),
    (["Child YOB", "Adult D.O.B"], {"child": ["name"], "adult": ["name"]},
     {"Child YOB": ("child", "year_of_birth"), "Adult D.O.B": ("adult", "dob")}),
    (["Subject DOB"], {"subject": ["name", "dob"]}, {}),
    (["Age at time of offence", "Estimated Age"], {"victim": ["name"]},
     {"Age at time of offence": ("victim", "age")}),
    (["Damage", "Aged", "Stage"], {"subject": ["name"]}, {}),
    (["Age (yrs)", "Subject is under 18 (Y/N)", "Victim?"], {"subject": ["name"]},
     {"Age (yrs)": ("subject", "age"), "Subject is under 18 (Y/N)": ("subject", "is_child"),
      "Victim?": ("subject", "is_victim")}),
    (["Child Age Band", "Child DOB (dd/mm/yyyy)"], {"child": ["name"], "adult": ["name"]},
     {"Child Age Band": ("child", "age_band"), "Child DOB (dd/mm/yyyy)": ("child", "dob")}),
    (["Victim?", "Under 18"], {"suspect": ["name"], "victim": ["name"]}, {}),
    (["Age of vehicle", "Vehicle age", "Agent", "Dob of owner"], {"subject": ["name"]}, {}),
])
def test_columns_a_mapping_leaves_out_that_are_a_persons_age(
        header: list[str], people: dict[str, list[str]],
        expected: dict[str, tuple[str, str]]) -> None:
    assert person_columns(header, people) == expected
