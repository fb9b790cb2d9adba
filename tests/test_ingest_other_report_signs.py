"""Words in another report's narrative that call a known person a child or a victim.

"Ella PAGE disclosed that Tom REED (a juvenile) and Dan COX (CSE victim) took her to the
party": the report's entity is Ella, yet it says Tom is a child and Dan a victim. Read by
the same readers as a report's own people (:mod:`graphintel.ingest.narrative_child_signs`),
whichever report is loaded first, Tom (no recorded age) is flagged a child and Dan (of any
age) made a victim: neither is a target. A bare "(victim)" or "a victim of assault" is not
read, as in a report's own narrative, and a sign of a child is not given to someone whose
date of birth makes them an adult (a namesake, as for an age).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

PARAMS = AnalysisParams(projection=ProjectionParams(as_of="2025-06-30"))
ELLA = {"id": "v", "type": "Person", "name": "Ella PAGE", "dob": "2011-07-02", "role": "victim"}
ORDERS = ("disclosure later", "disclosure first")

#: How the disclosure writes the person, their date of birth (None: none recorded), and
#: the flags and whether a victim they are to have.
CASES: dict[str, tuple[str, str | None, list[str], bool]] = {
    "a juvenile": ("Tom REED (a juvenile)", None, ["called_a_child"], False),
    "looked after": ("Tom REED, a looked after child (LAC),", None,
                     ["looked_after_child"], False),
    "both": ("Tom REED (LAC, a juvenile)", None, ["looked_after_child"], False),
    "surname first": ("REED, Tom (a minor)", None, ["called_a_child"], False),
    "CSE victim, adult": ("Tom REED (CSE victim)", "2001-02-02",
                          ["victim_from_narrative"], True),
    "victim of CSE, no age": ("Tom REED, herself a victim of CSE,", None,
                              ["victim_from_narrative"], True),
    "apostrophe, trafficking": ("Tom O'REED, a victim of trafficking,", None,
                                ["victim_from_narrative"], True),
    "a victim of CCE": ("Tom REED is a victim of CCE and is made to run drugs, and", None,
                        ["victim_from_narrative"], True),
    "NRM referral, adult": ("Tom REED (NRM referral made)", "2001-02-02",
                            ["victim_from_narrative"], True),
    # not read, as in a report's own narrative
    "a bare victim": ("Tom REED (victim)", None, [], False),
    "a form's label": ("Suspect: Ed TODD, Victim: Tom REED.", None, [], False),
    "another crime": ("Tom REED, a victim of assault,", None, [], False),
    "NRM referral declined": ("Tom REED (NRM referral declined)", "2001-02-02", [], False),
    "a juvenile once": ("Tom REED, a juvenile at the time,", None, [], False),
    # an adult by date of birth: a child's word is a namesake's
    "a juvenile, adult by dob": ("Tom REED (a juvenile)", "1985-02-02", [], False),
}


def _reports(written: str, dob: str | None, order: str) -> list[dict[str, Any]]:
    name = "Tom O'REED" if "O'REED" in written else "Tom REED"
    tom = {"id": "t", "type": "Person", "name": name, "role": "suspect",
           **({"dob": dob} if dob else {})}
    ring = report("IR/S/1", [ELLA, tom], [{"from": "t", "to": "v", "type": "EXPLOITS"}],
                  date="2025-03-01")
    disclosure = report("IR/S/2", [ELLA], narrative=f"Ella PAGE disclosed that {written} took "
                        "her to the party.", date="2025-04-01")
    return [ring, disclosure] if order == "disclosure later" else [disclosure, ring]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("case", sorted(CASES))
def test_words_beside_a_known_name_in_another_report(store: Store, settings: Settings,
                                                      tmp_path: Path, case: str,
                                                      order: str) -> None:
    written, dob, flags, victim = CASES[case]
    done = ingest([write_jsonl(tmp_path / "r.jsonl", _reports(written, dob, order))],
                  settings=settings, store=store)
    assert done.ok, [p for f in done.files for p in f.problems]
    rows = store.read_text("MATCH (p:Person) WHERE p.name STARTS WITH 'Tom ' RETURN p.uid AS "
                           "uid, coalesce(p.flags, []) AS flags, p.roles AS roles", {})
    assert len(rows) == 1, rows
    tom = rows[0]
    signs = [f for f in tom["flags"]
             if f in ("called_a_child", "looked_after_child", "victim_from_narrative")]
    assert (sorted(signs), "victim" in tom["roles"]) == (sorted(flags), victim), (case, order)
    if case in ("a juvenile", "CSE victim, adult", "a bare victim"):
        result = run_analysis(store, PARAMS).result
        targeted = tom["uid"] in {t["uid"] for t in result["targets"]}
        assert targeted is (not flags), (case, order)


def test_the_reviewed_disclosure_leaves_no_target(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    """Tom REED (no age) and Dan COX (born 2001), each seen taking a girl to a party, are
    named "(a juvenile, looked after child)" and "(CSE victim)" in a later disclosure."""
    fay = {"id": "f", "type": "Person", "name": "Fay LOWE", "dob": "2011-07-02",
           "role": "victim"}
    tom = {"id": "t", "type": "Person", "name": "Tom REED", "role": "suspect"}
    dan = {"id": "d", "type": "Person", "name": "Dan COX", "dob": "2001-02-02",
           "role": "suspect"}
    path = write_jsonl(tmp_path / "r.jsonl", [
        report("IR/S/3", [tom, ELLA], [{"from": "t", "to": "v", "type": "EXPLOITS"}]),
        report("IR/S/4", [dan, fay], [{"from": "d", "to": "f", "type": "EXPLOITS"}]),
        report("IR/S/5", [ELLA], narrative="Ella PAGE disclosed that Tom REED (a juvenile, "
               "looked after child) and Dan COX (CSE victim) took her to the party.",
               date="2025-04-01")])
    assert ingest([path], settings=settings, store=store).ok
    result = run_analysis(store, PARAMS).result
    assert result["targets"] == []
    assert {"Tom REED", "Dan COX"} <= {s["name"] for s in result["safeguarding"]}


@pytest.mark.parametrize("order", [*ORDERS, "disclosure in a load before"])
@pytest.mark.parametrize("change", ["suspect to associate", "narrative only",
                                    "victim to suspect"])
def test_a_victim_from_another_report_stays_one_when_his_own_report_is_corrected(
        store: Store, settings: Settings, tmp_path: Path, change: str, order: str) -> None:
    """Dan COX (born 2001) is a suspect in his own report and "(CSE victim)" in Ella's
    disclosure. His own report corrected (a new version) takes back only what it said:
    the disclosure still says he is a victim, so he stays one and is no target."""
    dan = {"id": "d", "type": "Person", "name": "Dan COX", "dob": "2001-02-02",
           "role": "suspect"}
    ring = report("IR/S/6", [ELLA, dan], [{"from": "d", "to": "v", "type": "EXPLOITS"}],
                  narrative="Dan COX seen with Ella PAGE.", date="2025-03-01")
    disclosure = report("IR/S/7", [ELLA], narrative="Ella PAGE disclosed that Dan COX (CSE "
                        "victim) took her to the party.", date="2025-04-01")
    again = dict(dan, role="associate") if change == "suspect to associate" else dan
    if change == "victim to suspect":
        ring = report("IR/S/6", [ELLA, dict(dan, role="victim")], narrative="Dan COX seen "
                      "with Ella PAGE.", date="2025-03-01")
    corrected = report("IR/S/6", [ELLA, again],
                       [{"from": "d", "to": "v", "type": "EXPLOITS"}],
                       narrative="Dan COX seen with Ella PAGE in a car.", date="2025-03-01")
    both = [ring, disclosure] if order == "disclosure later" else [disclosure, ring]
    if order == "disclosure in a load before":
        assert ingest([write_jsonl(tmp_path / "0.jsonl", [disclosure])],
                      settings=settings, store=store).ok
        both = [ring]
    first = ingest([write_jsonl(tmp_path / "a.jsonl", both)],
                   settings=settings, store=store)
    assert first.ok
    second = ingest([write_jsonl(tmp_path / "b.jsonl", [corrected])],
                    settings=settings, store=store)
    assert second.as_dict()["new_versions"] == 1
    [roles] = store.read_text("MATCH (p:Person {name: 'Dan COX'}) RETURN p.roles AS roles", {})
    assert "victim" in roles["roles"], roles
    assert ("suspect" in roles["roles"]) is (change != "suspect to associate")
    result = run_analysis(store, PARAMS).result
    assert "Dan COX" not in {t["name"] for t in result["targets"]}
    if change != "suspect to associate":  # a suspect and a victim: may be exploited
        assert "Dan COX" in {s["name"] for s in result["safeguarding"]}
