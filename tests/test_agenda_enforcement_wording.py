"""A chair's own wording never makes a child or victim the subject of an enforcement step.

The chair may agree an action in words of their own. Wording that arrests, seizes from or
warns a person graphintel safeguards is refused (with what to do instead); and an earlier
action whose agreed wording enforces against someone now safeguarded is carried over as
one to withdraw, whatever its wording starts with or the proposal it replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda.decisions import decide, decisions_for, proposals
from graphintel.agenda.wording_check import against_named, check_wording
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.errors import InputError
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_agenda_data import fixed_key_settings, load, person, wait_next_second

DATE = "2025-07-01"
JAY = ("Jay PRICE", "1990-03-03")
DEAN = ("Dean FOX", "1985-01-01")
AMY = ("Amy HILL", "2011-02-02")
CAR = {"id": "v", "type": "Vehicle", "vrm": "TI09MOR", "make": "Ford"}


def _first() -> list[dict[str, Any]]:
    return [report("WD/1", [person("j", *JAY, "suspect"), person("d", *DEAN, "suspect"),
                            person("a", *AMY, "victim"), CAR],
                   [{"from": "j", "to": "a", "type": "EXPLOITS"},
                    {"from": "d", "to": "a", "type": "EXPLOITS"},
                    {"from": "j", "to": "d", "type": "ASSOCIATE_OF"},
                    {"from": "j", "to": "v", "type": "OWNS"},
                    {"from": "d", "to": "v", "type": "DRIVES"}],
                   date="2025-03-01", grading="1AP")]


def _later() -> list[dict[str, Any]]:
    # Jay was exploited himself: a victim now
    return [report("WD/2", [person("j", *JAY, "victim"), person("o", "Olek MARR", "1970-01-01",
                                                                "suspect")],
                   [{"from": "o", "to": "j", "type": "EXPLOITS"}], date="2025-06-01",
                   grading="1AP")]


def _item(store: Store, keyed: Settings, run: str, starts: str) -> dict[str, Any]:
    _, items = proposals(store, keyed, run_id=run, date=DATE)
    return next(r for r in items if r["kind"] == "action" and r["label"].startswith(starts))


def test_enforcement_wording_against_a_safeguarded_person_is_refused(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _first())
    plan = _item(store, keyed, run, f"Agree a disruption plan for {DEAN[0]}")
    # a child named beside an arrest, in an action about an adult
    with pytest.raises(InputError) as err:
        decide(store, keyed, plan["id"], "accepted", run_id=run, date=DATE,
               text=f"Arrest {DEAN[0]} and {AMY[0]}, seize their phones, serve a CAWN")
    assert "enforcement step (Arrest, seize, CAWN)" in str(err.value)
    assert "a child or victim graphintel safeguards" in str(err.value)
    assert plan["key"] not in decisions_for(keyed, run)
    # the same step about the adult alone stands, and so does safeguarding wording
    decide(store, keyed, plan["id"], "accepted", run_id=run, date=DATE,
           text=f"Arrest {DEAN[0]} and seize his phones")
    assert decisions_for(keyed, run)[plan["key"]]["decision"] == "accepted"
    decide(store, keyed, plan["id"], "accepted", run_id=run, date=DATE,
           text=f"Arrest {DEAN[0]}; safeguarding referral for {AMY[0]} as its own action"
           .replace("Arrest", "Visit"))
    assert decisions_for(keyed, run)[plan["key"]]["text"].startswith("Visit")


def test_enforcement_wording_about_someone_safeguarded_since_is_refused_and_withdrawn(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _first())
    plan = _item(store, keyed, run, f"Agree a disruption plan for {JAY[0]}")
    car = _item(store, keyed, run, "Disruption plan for vehicle TI09MOR")
    # agreed while Jay was an adult suspect, in wording that starts as a safeguarding step
    decide(store, keyed, plan["id"], "accepted", run_id=run, date=DATE,
           text=f"Safeguarding partners informed; arrest {JAY[0]}, seize his phones")
    decide(store, keyed, car["id"], "accepted", run_id=run, date=DATE,
           text="Seize the Ford at the next stop")
    write_agenda(store, keyed, run_id=run, out_dir=tmp_path / "out1", formats="md",
                 date=DATE, record=True)

    wait_next_second()
    assert ingest([write_jsonl(tmp_path / "later.jsonl", _later())], settings=settings,
                  store=store).ok
    later = run_analysis(store, AnalysisParams(projection=ProjectionParams(
        as_of="2025-08-30"))).id
    agenda = build_agenda(store, keyed, run_id=later, date="2025-09-01")
    mine = [a for a in agenda.carried if a.withdraw]
    assert len(mine) == 2, [a.action for a in agenda.carried]
    assert all(a.action.startswith(f"To withdraw: {JAY[0]} is now safeguarded (")
               and not a.overdue for a in mine)
    assert any("the vehicle of this action" in a.action for a in mine)
    # and new wording of that kind about him is refused, even without his name
    with pytest.raises(InputError) as err:
        check_wording(store, keyed, later, f"target|Person:nd:jay price|{JAY[1]}",
                      "Serve a CAWN on him")
    assert f"against {JAY[0]}, whom graphintel safeguards" in str(err.value)
    check_wording(store, keyed, later, f"target|Person:nd:jay price|{JAY[1]}",
                  "Safeguarding referral and NRM consideration")  # stands


def _redactor() -> Any:
    from graphintel.redact import Redactor

    r = Redactor("partner", b"k" * 32, "2025-06-30")
    r.register_people([{"uid": "P:amy", "name": "Amy HILL", "dob": "2011-01-01",
                        "roles": ["victim"]},
                       {"uid": "P:dean", "name": "Dean FOX", "dob": "1985-01-01",
                        "roles": ["suspect"]}])
    return r


@pytest.mark.parametrize(("text", "refused"), [
    # the child is the object of the step
    ("Arrest Dean FOX and Amy HILL", True),
    ("Detain Amy HILL", True),
    ("Charge Amy HILL with possession", True),
    ("Amy HILL to be charged", True),
    ("Youth caution for Amy HILL", True),
    ("Issue Amy HILL a Criminal Behaviour Order", True),
    ("Amy HILL to be taken into custody", True),
    ("Confiscate Amy HILL's phone", True),
    ("Gang injunction against Amy HILL", True),
    ("Bail conditions for Amy HILL", True),
    # she is named for her own protection, or beside a step against someone else
    ("Serve a CAWN on Dean FOX in respect of Amy HILL", False),
    ("Safeguarding strategy meeting re Amy HILL; CAWN for Dean FOX", False),
    ("Arrest Dean FOX; Amy HILL's mother informed", False),
    ("PNC marker for Amy HILL as a missing child", False),
    ("Communications data request to locate missing Amy HILL's phone", False),
    ("Search warrant at 5 Elm Road to recover Amy HILL", False),
    ("Search for missing Amy HILL with the helicopter", False),
    ("Arrest Dean FOX near Amy HILL's school", False),
    ("Arrest Dean FOX", False),
])
def test_a_child_as_the_object_of_an_enforcement_step(text: str, refused: bool) -> None:
    assert against_named(_redactor(), text) is refused
