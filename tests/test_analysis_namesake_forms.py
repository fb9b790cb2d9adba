"""A child written another way on a record of no known age is still safeguarded.

Police records write one name many ways: surname first with a comma, with a title, with a
nickname, misspelt, as a first name alone, or as the online handle the child uses. A
record of no date of birth or age written so, paired with a child or victim, is
safeguarded (never a target or a greedy pick) until an analyst resolves the pair; so is
one whose child or victim is known only from reports after the analysis date, and a
person recorded as exploited in a later report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve.candidates import find_candidates
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"
PARAMS = AnalysisParams(projection=ProjectionParams(as_of=AS_OF))
DEAN = {"id": "b", "type": "Person", "name": "Dean WEST", "dob": "1990-02-02", "role": "suspect"}
ELLA = {"id": "c", "type": "Person", "name": "Ella KING", "dob": "2011-01-01", "role": "victim"}


def _person(name: str, role: str, **more: Any) -> dict[str, Any]:
    return {"id": "a", "type": "Person", "name": name, "role": role, **more}


def _load(store: Store, settings: Settings, folder: Path, written: dict[str, Any]) -> None:
    write_jsonl(folder / "r.jsonl", [
        report("IR/40", [_person("Chloe WARD", "victim", dob="2010-09-09"), DEAN],
               [{"from": "b", "to": "a", "type": "EXPLOITS"}], date="2025-01-05"),
        report("IR/41", [written, DEAN, ELLA],
               [{"from": "a", "to": "c", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-03-05"),
    ])
    assert ingest([folder / "r.jsonl"], settings=settings, store=store).ok


def _uid(store: Store, name: str) -> str:
    return str(store.read_text("MATCH (p:Person {name: $name}) RETURN p.uid AS uid",
                               {"name": name})[0]["uid"])


@pytest.mark.parametrize("name", ["WARD, Chloe", "Miss Chloe WARD", "Chloe Ward (Coco)",
                                  "Chloe WARDE", "Chloe", "Khloe WARD", "Ward Chloe"])
def test_a_child_written_another_way_is_safeguarded(
        store: Store, settings: Settings, tmp_path: Path, name: str) -> None:
    _load(store, settings, tmp_path, _person(name, "suspect"))
    undated = _uid(store, name)
    done = run_analysis(store, PARAMS).result
    assert undated not in {t["uid"] for t in done["targets"]}
    assert {t["name"] for t in done["targets"]} == {"Dean WEST"}
    entry = next(s for s in done["safeguarding"] if s["uid"] == undated)
    assert entry["reasons"][0].startswith("possibly the same person as Chloe WARD")
    assert undated in done["run"]["safeguarded_inferred"]
    assert undated not in {p["uid"] for p in disrupt(store, [], greedy=3, params=PARAMS)["greedy"]}
    # the analyst is shown the pair to resolve
    pairs = find_candidates(store, "person", min_score=0.2).candidates
    assert any(undated in (c.a, c.b) for c in pairs)


def test_a_suspect_named_by_the_handle_a_child_uses_is_safeguarded(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    handle = {"id": "h", "type": "OnlineAccount", "platform": "snapchat", "handle": "jadeyb_x"}
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/60", [_person("jadeyb_x", "suspect"), ELLA, handle],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "h", "type": "HAS_ACCOUNT"}], date="2025-02-01"),
        report("IR/61", [_person("Jade BROWN", "victim", dob="2011-04-04"), DEAN, handle],
               [{"from": "a", "to": "h", "type": "HAS_ACCOUNT"},
                {"from": "b", "to": "a", "type": "EXPLOITS"}], date="2025-03-01"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    undated = _uid(store, "jadeyb_x")
    assert undated not in {t["uid"] for t in done["targets"]}
    assert undated in {s["uid"] for s in done["safeguarding"]}


def test_a_child_known_only_after_the_analysis_date_still_protects_her_undated_record(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Tia GREEN, no date of birth, a suspect in January; in May a report gives her date
    of birth (a 15-year-old) and assesses her a victim. An analysis as of March does not
    analyse the May report, but Tia was a child in March all the same."""
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/50", [_person("Tia GREEN", "suspect"), DEAN, ELLA],
               [{"from": "a", "to": "c", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-01-10"),
        report("IR/51", [_person("Tia GREEN", "victim", dob="2010-03-03")], date="2025-05-10"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    early = AnalysisParams(projection=ProjectionParams(as_of="2025-03-01"))
    done = run_analysis(store, early).result
    undated = store.read_text("MATCH (p:Person {name: $name}) WHERE p.dob IS NULL "
                              "RETURN p.uid AS uid", {"name": "Tia GREEN"})[0]["uid"]
    assert undated not in {t["uid"] for t in done["targets"]}
    entry = next(s for s in done["safeguarding"] if s["uid"] == undated)
    assert "Tia GREEN" in entry["reasons"][0]
    picks = disrupt(store, [], greedy=3, params=early)["greedy"]
    assert undated not in {p["uid"] for p in picks}


def test_a_person_recorded_as_exploited_after_the_analysis_date_is_a_victim(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    sara = _person("Sara PATEL", "suspect", dob="1999-05-05")
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/20", [sara, DEAN, ELLA], [{"from": "a", "to": "c", "type": "ASSOCIATE_OF"},
                                            {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}],
               date="2025-02-01"),
        report("IR/21", [{**sara, "role": "unknown"},
                         {"id": "o", "type": "Person", "name": "Omar HALL",
                          "dob": "1985-01-01", "role": "suspect"}],
               [{"from": "o", "to": "a", "type": "EXPLOITS"}], date="2025-05-01"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    early = AnalysisParams(projection=ProjectionParams(as_of="2025-04-01"))
    done = run_analysis(store, early).result
    uid = _uid(store, "Sara PATEL")
    assert uid not in {t["uid"] for t in done["targets"]}
    entry = next(s for s in done["safeguarding"] if s["uid"] == uid)
    assert "IR/21" in entry["victim_refs"]
    assert uid not in {p["uid"] for p in disrupt(store, [], greedy=3, params=early)["greedy"]}


def test_a_record_given_a_childs_nominal_with_an_adult_date_is_not_targeted(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """IR/41 names Chloe WARD with her own nominal reference but a date of birth 15 years
    out: the load keeps it apart (a nominal clash), and the analysis must not rank it as an
    adult: it is safeguarded until the pair is resolved, never a pick, pseudonymised for
    partners; so is a nickname with her nominal and no date of birth."""
    amy = {"id": "c", "type": "Person", "name": "Amy LEE", "dob": "2011-01-01", "role": "victim"}
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/40", [_person("Chloe WARD", "victim", dob="2010-05-05", nominal_ref="N777"),
                         DEAN], [{"from": "b", "to": "a", "type": "EXPLOITS"}],
               date="2025-01-05"),
        report("IR/41", [_person("Chloe WARD", "suspect", dob="1995-05-05",
                                 nominal_ref="N777"), DEAN, amy],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-03-05"),
        report("IR/42", [_person("Coco", "suspect", nominal_ref="N777"), DEAN, amy],
               [{"from": "a", "to": "c", "type": "ASSOCIATE_OF"}], date="2025-03-06"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    adult = store.read_text("MATCH (p:Person {dob: '1995-05-05'}) RETURN p.uid AS uid",
                            {})[0]["uid"]
    coco = _uid(store, "Coco")
    assert adult not in {t["uid"] for t in done["targets"]}
    entry = next(s for s in done["safeguarding"] if s["uid"] == adult)
    assert any(r.startswith("possibly the same person as Chloe WARD (") for r in entry["reasons"])
    assert adult in done["run"]["safeguarded_inferred"]
    assert coco not in {t["uid"] for t in done["targets"]}
    assert coco in {s["uid"] for s in done["safeguarding"]}
    picks = {p["uid"] for p in disrupt(store, [], greedy=3, params=PARAMS)["greedy"]}
    assert not picks & {adult, coco}


def test_the_chances_add_up_over_every_child_a_first_name_could_be(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Four child victims called Chloe and a suspect recorded only as "Chloe": each pair
    alone is a small chance, together she is almost surely one of them."""
    kids = [{"id": f"k{i}", "type": "Person", "name": f"Chloe {s}", "dob": "2011-02-02",
             "role": "victim"} for i, s in enumerate(("HILL", "KHAN", "BELL", "WARD"))]
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/70", [*kids, DEAN], [{"from": "b", "to": k["id"], "type": "EXPLOITS"}
                                        for k in kids], date="2025-01-05"),
        report("IR/71", [_person("Chloe", "suspect"), DEAN, ELLA],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-03-05"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    lone = _uid(store, "Chloe")
    assert lone not in {t["uid"] for t in done["targets"]}
    assert lone in {s["uid"] for s in done["safeguarding"]}


def test_a_victim_known_by_first_name_alone_does_not_caution_every_adult_of_that_name(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/80", [_person("Scott", "victim"), DEAN],
               [{"from": "b", "to": "a", "type": "EXPLOITS"}], date="2025-01-05"),
        report("IR/81", [_person("Scott DOYLE", "suspect", dob="1988-08-08"), DEAN, ELLA],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-03-05"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    scott = next(t for t in done["targets"] if t["name"] == "Scott DOYLE")
    assert not [r for r in scott["reasons"] if r.startswith("caution")]
    assert scott["uid"] in {p["uid"] for p in disrupt(store, [], greedy=2,
                                                        params=PARAMS)["greedy"]}


@pytest.mark.parametrize(("child", "written"), [("Мария ИВАНОВА", "Maria IVANOVA"),
                                                ("Mary-Jane PRICE", "Maryjane PRICE"),
                                                ("Nguyen Thi LAN", "Lan NGUYEN"),
                                                ("فاطمة أحمد", "Fatima AHMED")])
def test_a_child_in_another_script_or_order_is_safeguarded(
        store: Store, settings: Settings, tmp_path: Path, child: str, written: str) -> None:
    write_jsonl(tmp_path / "r.jsonl", [
        report("IR/90", [_person(child, "victim", dob="2010-09-09"), DEAN],
               [{"from": "b", "to": "a", "type": "EXPLOITS"}], date="2025-01-05"),
        report("IR/91", [_person(written, "suspect"), DEAN, ELLA],
               [{"from": "a", "to": "c", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-03-05"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    undated = _uid(store, written)
    assert undated not in {t["uid"] for t in done["targets"]}
    assert undated in {s["uid"] for s in done["safeguarding"]}

