"""A child merged into an adult's record (``--despite child_adult``) keeps her dates of
birth: the agenda gives her the child's age band and Children's social care, never "25 or
over" and Adult social care."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import build_agenda
from graphintel.config import Settings
from graphintel.resolve import merge
from graphintel.store import Store
from tests.graph_helpers import analyse, report
from tests.test_agenda_data import fixed_key_settings, load, person

CHILD = "Person:nd:willow ash|2011-05-14"
ADULT = "Person:nd:willow ash|1991-05-14"


def test_a_child_merged_into_an_adult_record_keeps_the_childs_age(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    load(store, settings, tmp_path / "d", [
        report("MC/1", [person("w", "Willow ASH", "2011-05-14", "victim"),
                        person("g", "Gary MARSH", "1980-01-01", "suspect")],
               [{"from": "g", "to": "w", "type": "EXPLOITS"}], date="2025-03-01"),
        report("MC/2", [person("w", "Willow ASH", "1991-05-14", "associate"),
                        person("g", "Gary MARSH", "1980-01-01", "suspect")],
               [{"from": "g", "to": "w", "type": "ASSOCIATE_OF"}], date="2025-03-02")])
    merge(store, CHILD, ADULT, reason="one girl", user="a1",
          despite="dob,child_adult,not_candidate")
    run = analyse(store).id
    for profile in ("partner", "internal"):
        agenda = build_agenda(store, keyed, run_id=run, date="2025-04-01", profile=profile)
        rows = [(r.name, r.age, r.lead_agency) for r in agenda.children_rows]
        assert len(rows) == 1, rows
        assert rows[0][2] == "Children's social care" and "25 or over" not in rows[0][1], rows


def test_a_childs_stated_age_survives_a_merge_into_an_adults_record(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Kyle, "15" in one report and "19" under a nominal in another, merged as one lad
    (``--despite child_adult``): the merged record keeps the younger stated age, so he is
    safeguarded, not the top target."""
    kyle = {"id": "k", "type": "Person", "name": "Kyle NARROW", "age": "15", "role": "associate"}
    adult = {"id": "k", "type": "Person", "name": "Kyle NARROW", "age": "19",
             "nominal_ref": "N7001", "role": "suspect"}
    load(store, settings, tmp_path / "d", [
        report("KA/1", [kyle, person("a", "Amy HILL", "2010-04-02", "victim")],
               [{"from": "k", "to": "a", "type": "ASSOCIATE_OF"}], date="2025-03-01"),
        report("KA/2", [adult, person("b", "Beth COLE", "2011-05-02", "victim")],
               [{"from": "k", "to": "b", "type": "EXPLOITS"}], date="2025-03-10")])
    young = store.read_text("MATCH (p:Person {name: 'Kyle NARROW'}) WHERE p.age = 15 "
                            "RETURN p.uid AS uid", {})[0]["uid"]
    result = merge(store, young, "Person:ref:N7001", reason="same lad per PNC", user="a1",
                   despite="child_adult,not_candidate")
    assert any("kept age 15 of A (the younger)" in k for k in result.kept), result.kept
    kept = store.read_text("MATCH (p:Person {uid: 'Person:ref:N7001'}) "
                           "RETURN p.age AS age", {})[0]
    assert kept["age"] == 15
    result_doc = analyse(store).result
    assert "Person:ref:N7001" not in {t["uid"] for t in result_doc["targets"]}
    assert "Person:ref:N7001" in {s["uid"] for s in result_doc["safeguarding"]}
