"""A child's age or date of birth where officers write it, read wherever the report gives it.

In the name cell ("Kyle NARROW (03/03/2011)"), beside another spelling of the name ("Kyle
NARROW (15)" for the record "Kyle John NARROW"; "NARROW, Kyle (15)"), in the narrative of a
report that does not make the child one of its entities, in an event's description or a
link's note, and as a date of birth written with a time and zone. Each makes the child a
child on the analysis date, so never a target."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.agenda import write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"
PARAMS = AnalysisParams(projection=ProjectionParams(as_of=AS_OF))
DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1980-01-01", "role": "suspect"}
AMY = {"id": "v", "type": "Person", "name": "Amy HILL", "dob": "2011-05-05", "role": "victim"}


def _kyle(name: str, **more: Any) -> dict[str, Any]:
    return {"id": "k", "type": "Person", "name": name, "role": "suspect", **more}


def _ring(kyle: dict[str, Any], narrative: str = "", **more: Any) -> dict[str, Any]:
    """Kyle with Amy and Dean: a recruiter if he is an adult."""
    return report("IR/A/1", [DEAN, AMY, kyle, *more.pop("extra", [])],
                  [{"from": "k", "to": "v", "type": "EXPLOITS"},
                   {"from": "k", "to": "d", "type": "ASSOCIATE_OF"},
                   *more.pop("links", [])], narrative=narrative, date="2025-05-01")


CASES = {
    "dob in the name cell": [_ring(_kyle("Kyle NARROW (03/03/2011)"))],
    "a middle name": [_ring(_kyle("Kyle John NARROW"), "Kyle NARROW (15) seen with Amy.")],
    "surname first": [_ring(_kyle("Kyle NARROW"), "NARROW, Kyle (15) seen with Amy.")],
    "another report's narrative": [
        _ring(_kyle("Kyle NARROW")),
        report("IR/A/2", [DEAN, AMY], narrative="Amy HILL disclosed that Kyle NARROW (15), "
               "who is in her class, took her to Dean FOX's flat.", date="2025-05-02")],
    "an earlier report's narrative": [
        report("IR/A/0", [DEAN, AMY], narrative="Amy HILL disclosed that Kyle NARROW (15) "
               "took her to Dean FOX's flat.", date="2024-06-01"),
        _ring(_kyle("Kyle NARROW"))],
    "an event's description": [_ring(
        _kyle("Kyle NARROW"), extra=[{"id": "e", "type": "Event", "kind": "missing_episode",
                                      "start": "2025-04-01T20:00:00",
                                      "description": "Missing child Kyle NARROW, 14, from home"}],
        links=[{"from": "k", "to": "e", "type": "SUBJECT_OF"}])],
    "a link's note": [_ring(_kyle("Kyle NARROW"), links=[
        {"from": "k", "to": "d", "type": "FAMILY_OF", "note": "Kyle NARROW (14) is his nephew"}])],
    "a date of birth with a time zone": [_ring(_kyle("Kyle NARROW",
                                                     dob="2007-07-01T00:30:00+02:00"))],
    "called a juvenile": [_ring(_kyle("Kyle NARROW"), "Kyle NARROW, a juvenile, was seen.")],
    "the surname alone": [_ring(_kyle("Kyle NARROW"), "Kyle NARROW seen. NARROW is 15.")],
    "a year of birth": [_ring(_kyle("Kyle NARROW"), "Kyle NARROW (born 2010) seen.")],
    "a curly apostrophe": [_ring(_kyle("Kyle O'NARROW"), "Kyle O\u2019NARROW (15) seen.")],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_child_written_so_is_never_a_target(store: Store, settings: Settings, tmp_path: Path,
                                              case: str) -> None:
    done = ingest([write_jsonl(tmp_path / "r.jsonl", CASES[case])], settings=settings,
                  store=store)
    assert done.ok, [p for f in done.files for p in f.problems]
    people = store.read_text("MATCH (p:Person) WHERE p.name STARTS WITH 'Kyle' "
                             "RETURN p.uid AS uid, p.name AS name, p.dob AS dob, p.age AS age", {})
    assert len(people) == 1, people
    kyle = people[0]
    assert "(" not in kyle["name"]
    result = run_analysis(store, PARAMS).result
    names = [t["name"] for t in result["targets"]]
    assert "Dean FOX" in names and not [n for n in names if n.startswith("Kyle")], (case, names)
    assert kyle["uid"] in {s["uid"] for s in result["safeguarding"]}, case
    if case == "dob in the name cell":
        assert kyle["dob"] == "2011-03-03"
        paths = write_agenda(store, settings, profile="partner", formats="md",
                             out_dir=tmp_path / "agenda", record=False)
        text = "\n".join(p.read_text(encoding="utf-8") for p in paths if p.suffix == ".md")
        assert "narrow" not in text.lower() and "2011" not in text
    if case == "a date of birth with a time zone":
        assert kyle["dob"] == "2007-07-01"  # 17 on the analysis date, as written


def test_an_age_in_another_reports_narrative_is_not_given_to_a_namesake(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A girl's disclosure names "Kyle NARROW (15)", a boy no report makes an entity. An
    adult suspect Kyle NARROW (born 1985) recorded in other reports, before or after it,
    is a namesake: his date of birth gives another age, so he stays an adult and a target.
    A 15-year-old Kyle NARROW on record is whom it means."""
    adult = _kyle("Kyle NARROW", dob="1985-02-02")
    disclosure = report("IR/A/2", [DEAN, AMY], narrative="Amy HILL disclosed that Kyle "
                        "NARROW (15) took her to Dean FOX's flat.", date="2025-05-02")
    for order in ([_ring(adult), disclosure], [disclosure, _ring(adult)]):
        store.wipe()
        done = ingest([write_jsonl(tmp_path / "r.jsonl", order)], settings=settings,
                      store=store)
        assert done.ok
        kyle = store.read_text("MATCH (p:Person {name: 'Kyle NARROW'}) "
                               "RETURN p.age AS age, p.flags AS flags", {})
        assert kyle == [{"age": None, "flags": kyle[0]["flags"]}]
        assert "age_from_narrative" not in (kyle[0]["flags"] or [])
        names = [t["name"] for t in run_analysis(store, PARAMS).result["targets"]]
        assert "Kyle NARROW" in names
