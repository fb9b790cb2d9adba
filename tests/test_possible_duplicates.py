"""People recorded twice: the analysis lists pairs of records that are very likely one
person (a misspelt name with the same date of birth, the same phone and home), and every
output that names one of them says so, until an analyst merges or rejects the pair."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.analysis.duplicates import possible_duplicates, why_text
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.profile import profile
from graphintel.resolve.candidates import Candidate
from graphintel.resolve.decisions import reject
from graphintel.resolve.merge import merge
from graphintel.store import Store
from tests.graph_helpers import analyse, report
from tests.test_actions import section
from tests.test_agenda_data import (
    AMY,
    ASH,
    BETH,
    KYLE,
    base_reports,
    fixed_key_settings,
    load,
    person,
    place,
)

KYLE_TYPO = ("Kyle Bronw", KYLE[1])
AMY_TYPO = ("Amy Caldwel", AMY[1])
DATE = "2025-04-01"


def twice_reports() -> list[dict[str, Any]]:
    """The agenda fixture, plus a report that records Kyle Brown (a suspect) as 'Kyle Bronw'
    with his phone and home, exploiting Beth, and Amy Caldwell (a child) as 'Amy Caldwel'
    with no nominal reference."""
    return [*base_reports(), report("IR/2025/0120", [
        person("k", *KYLE_TYPO, "suspect"), person("b", *BETH, "victim"),
        person("a", *AMY_TYPO, "victim"),
        {"id": "p", "type": "Phone", "number": "07700 900555"}, place("h", *ASH)],
        [{"from": "k", "to": "b", "type": "EXPLOITS"},
         {"from": "k", "to": "a", "type": "EXPLOITS"},
         {"from": "k", "to": "p", "type": "USES"},
         {"from": "k", "to": "h", "type": "LIVES_AT"}],
        date="2025-03-04T21:00:00", grading="1AP")]


ADULT_AMY = ("Amy Caldwel", "2000-05-14")


def apart_reports() -> list[dict[str, Any]]:
    """The agenda fixture, plus a report that records Amy Caldwell (a child) a second time
    with a slipped year of birth, as 'Amy Caldwel', born 2000: an adult suspect who uses
    Amy's phone, lives at her home and exploits Beth and Cara Lowe."""
    elm = ("12 Elm Road", "BA3 4CC", "home_address")
    return [*base_reports(), report("IR/2025/0130", [
        person("a", *AMY, "victim", nominal_ref="N2001"), person("x", *ADULT_AMY, "suspect"),
        person("b", *BETH, "victim"), person("c", "Cara Lowe", "2012-01-01", "victim"),
        {"id": "p", "type": "Phone", "number": "07700 900999"}, place("h", *elm)],
        [{"from": "a", "to": "h", "type": "LIVES_AT"},
         {"from": "x", "to": "h", "type": "LIVES_AT"},
         {"from": "x", "to": "p", "type": "USES"},
         {"from": "x", "to": "b", "type": "EXPLOITS"},
         {"from": "x", "to": "c", "type": "EXPLOITS"}],
        date="2025-03-04T21:00:00", grading="1AP")]


def _uids(doc: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["uid"] for p in doc["people"]}


def _pairs(doc: dict[str, Any]) -> dict[frozenset[str], dict[str, Any]]:
    names = {p["uid"]: p["name"] for p in doc["people"]}
    return {frozenset((names[d["a"]], names[d["b"]])): d for d in doc["possible_duplicates"]}


def test_pairs_are_kept_only_with_both_records_in_the_graph_best_first() -> None:
    found = [Candidate("person", "p1", "p2", "A", "B", 0.93, ("name_near_dob",), ()),
             Candidate("person", "p3", "p4", "C", "D", 0.99, ("name_dob", "phone_address"), ()),
             Candidate("person", "p1", "p9", "A", "Z", 0.99, ("alias",), ())]
    rows = possible_duplicates(found, {"p1", "p2", "p3", "p4"})
    assert [(r["a"], r["b"]) for r in rows] == [("p3", "p4"), ("p1", "p2")]
    assert rows[0]["why"] == "names alike and the same date of birth; the same phone and " \
                             "home address"
    assert why_text(["merged_before"]) == "merged before and recorded again since"


def test_the_run_lists_people_recorded_twice_until_resolved(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    run = load(store, settings, tmp_path / "data", twice_reports())
    doc = load_run(store, run)
    uid = _uids(doc)
    pairs = _pairs(doc)
    kyle = pairs[frozenset((KYLE[0], KYLE_TYPO[0]))]
    assert kyle["rules"] == ["name_dob", "phone_address"] and kyle["score"] >= 0.9
    assert pairs[frozenset((AMY[0], AMY_TYPO[0]))]["rules"] == ["name_dob"]
    assert doc["run"]["possible_duplicates"] == len(doc["possible_duplicates"]) == 2
    # their profiles say so, from the run's stored scores
    seen = profile(store, uid[KYLE_TYPO[0]])["analysis"]["possibly_same_as"]
    assert seen == [{"uid": uid[KYLE[0]], "name": KYLE[0]}]
    assert profile(store, uid[AMY[0]])["analysis"]["possibly_same_as"] == [
        {"uid": uid[AMY_TYPO[0]], "name": AMY_TYPO[0]}]
    assert profile(store, uid[BETH[0]])["analysis"]["possibly_same_as"] == []

    # an analyst tells the two Amys apart and merges the two Kyles: nothing is left
    reject(store, uid[AMY[0]], uid[AMY_TYPO[0]], reason="different girls", user="analyst")
    merge(store, uid[KYLE_TYPO[0]], uid[KYLE[0]], reason="same man", user="analyst")
    again = load_run(store, analyse(store).id)
    assert again["possible_duplicates"] == [] and again["run"]["possible_duplicates"] == 0


def test_the_agenda_names_both_records_and_partners_see_no_child(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", twice_reports())
    doc = load_run(store, run)
    ranks = {t["name"]: t["rank"] for t in doc["targets"]}
    assert {KYLE[0], KYLE_TYPO[0]} <= set(ranks)

    agenda = build_agenda(store, keyed, run_id=run, date=DATE)
    kyles = {f"{KYLE[0]} (rank {ranks[KYLE[0]]})", f"{KYLE_TYPO[0]} (rank {ranks[KYLE_TYPO[0]]})"}
    assert [{d.first, d.second} for d in agenda.duplicates] == [
        kyles, {f"{AMY[0]} (at risk)", f"{AMY_TYPO[0]} (at risk)"}]
    first = sorted(kyles, key=lambda s: int(s.split("rank ")[1].rstrip(")")))
    noted = [n for n in agenda.networks if n.duplicates]
    assert noted and all(d == f"{first[0]} and {first[1]}" for n in noted for d in n.duplicates)

    md = write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "internal",
                      date=DATE, record=False)[0].read_text(encoding="utf-8")
    page_one = section(md, m.DECISIONS)
    assert "| People possibly recorded twice | 2 pairs of records on this agenda" in page_one
    assert f"Possibly one person recorded twice: {first[0]} and {first[1]}." in md
    children = section(md, m.APPENDIX_CHILDREN)
    assert f"| {AMY_TYPO[0]}<br>possibly the same person as {AMY[0]} (Appendix E) |" in children
    gaps = section(md, m.APPENDIX_GAPS)
    assert "### People who may be recorded twice" in gaps
    assert f"| {first[0]} | {first[1]} | names alike and the same date of birth; the same " \
           "phone and home address |" in gaps

    partner = write_agenda(store, keyed, run_id=run, formats="md", profile="partner",
                           out_dir=tmp_path / "partner", date=DATE,
                           record=False)[0].read_text(encoding="utf-8")
    twice = partner[partner.index("### People who may be recorded twice"):]
    twice = twice[:twice.index("\n## ")]
    assert "Caldwel" not in partner and "07700" not in twice and "Ash Grove" not in twice
    assert any(line.startswith("| Child-") and line.count("(at risk)") == 2
               for line in twice.splitlines())


def test_the_chart_joins_the_two_records_with_a_dotted_unreported_link(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """On a link chart holding both records, a POSSIBLY_SAME_AS link joins them: it cites
    no report (none states it), and its label gives the kinds of evidence only."""
    from graphintel.charts.api import make_chart, write_files
    from graphintel.charts.select import SelectionSpec

    run = load(store, settings, tmp_path / "data", twice_reports())
    doc = load_run(store, run)
    network = next(int(t["community"]) for t in doc["targets"] if t["name"] == KYLE[0])
    for version in ("internal", "partner"):
        chart = make_chart(store, settings, SelectionSpec.network(network), profile=version)
        g = chart.graph
        same = [(g.nodes[a]["label"], g.nodes[b]["label"], d) for a, b, d in
                g.edges(data=True) if d["link_type"] == "POSSIBLY_SAME_AS"]
        assert [frozenset(x[:2]) for x in same] == [frozenset((KYLE[0], KYLE_TYPO[0]))]
        d = same[0][2]
        assert d["refs"] == "" and d["ref_count"] == 0 and d["grading"] == ""
        assert d["label"] == ("possibly the same person (names alike and the same date of "
                              "birth; the same phone and home address)")
    html = next(p for p in write_files(chart, ["html", "graphml"], tmp_path / "charts")
                if p.suffix == ".html").read_text(encoding="utf-8")
    assert "POSSIBLY_SAME_AS" in html and '"dashes": true' in html
    assert "Possibly the same person recorded twice (dotted" in html  # the legend


def test_a_record_that_may_be_a_child_recorded_apart_is_safeguarded_not_a_target(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A slipped year of birth makes a child look like an adult (:func:`apart_reports`).
    Until the pair is resolved the adult-looking record is not a target at all: it is on
    the safeguarding list, saying why and how to resolve it, with no tactic and no rank."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    adult = ADULT_AMY
    run = load(store, settings, tmp_path / "data", apart_reports())
    doc = load_run(store, run)
    uid = _uids(doc)
    pair = _pairs(doc)[frozenset((AMY[0], adult[0]))]
    assert "name_near_dob" in pair["rules"] and "phone_address" in pair["rules"]
    assert adult[0] not in [t["name"] for t in doc["targets"]] and doc["targets"]
    entry = next(s for s in doc["safeguarding"] if s["name"] == adult[0])
    assert any(r.startswith(f"possibly the same person as {AMY[0]} (names alike and dates of "
                            "birth one slip apart") for r in entry["reasons"]), entry["reasons"]
    assert uid[adult[0]] in doc["run"]["safeguarded_inferred"]
    assert all(not t["reasons"][0].startswith("caution: possibly") for t in doc["targets"])

    agenda = build_agenda(store, keyed, run_id=run, date=DATE)
    assert all(t.name != adult[0] for n in agenda.networks for t in n.targets)
    assert all(adult[0] not in row.target for n in agenda.networks for row in n.tactics)
    assert not [x.action for x in agenda.actions if x.action.startswith(
        f"Agree a disruption plan for {adult[0]}")]


def test_disrupt_never_picks_a_record_that_may_be_a_child_recorded_apart(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """'Amy Caldwel' (:func:`apart_reports`) would be a greedy pick and a step of the
    sequential removal; until the pair is resolved she is neither."""
    from graphintel.analysis.whatif import disrupt

    adult = ADULT_AMY
    load(store, settings, tmp_path / "data", apart_reports())
    out = disrupt(store, [], greedy=10, sequential=10)
    picked = [p["name"] for p in out["greedy"]]
    assert adult[0] not in picked and picked
    assert adult[0] not in [s["person"]["name"] for s in out["sequential"]]
    # without the other record she would be a pick: the pair is what keeps her out
    reject(store, _uids(load_run(store))[adult[0]], _uids(load_run(store))[AMY[0]],
           reason="a different woman", user="analyst")
    again = disrupt(store, [], greedy=10)
    assert adult[0] in [p["name"] for p in again["greedy"]]
    assert again["greedy_held_back"] == []


def test_resolve_candidates_can_list_what_the_agenda_asks_to_resolve_first(
        store: Store, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two adults who are neither targets nor at risk (Sam Porter, recorded twice) score as
    high as the Kyles; with --targets-first the pairs the agenda names (the Kyles, the
    Amys) come first, so that a short list keeps them."""
    from graphintel.cli.app import main
    from graphintel.resolve.candidates import find_candidates, run_subjects

    sam = [report(f"IR/2025/014{i}", [
        person("s", name, "1980-01-01", "associate"),
        {"id": "p", "type": "Phone", "number": "07700 900777"},
        place("h", "9 Birch Way", "BA5 6EE", "home_address")],
        [{"from": "s", "to": "p", "type": "USES"}, {"from": "s", "to": "h", "type": "LIVES_AT"}],
        date="2025-03-05T10:00:00") for i, name in enumerate(("Sam Porter", "Sam Portre"))]
    load(store, settings, tmp_path / "data", [*twice_reports(), *sam])
    pairs = {frozenset((c.a_label, c.b_label)): c
             for c in find_candidates(store, min_score=0.9).candidates}
    porter = pairs[frozenset(("Sam Porter", "Sam Portre"))]
    kyles = frozenset((KYLE[0], KYLE_TYPO[0]))
    amys = frozenset((AMY[0], AMY_TYPO[0]))
    assert porter.score > pairs[amys].score  # by score alone Sam's pair comes before Amy's
    first = find_candidates(store, min_score=0.9, limit=2, first=run_subjects(store))
    assert {frozenset((c.a_label, c.b_label)) for c in first.candidates} == {kyles, amys}

    assert main(["resolve", "candidates", "--targets-first", "--limit", "2", "--min-score",
                 "0.9", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)["candidates"]
    assert {frozenset((c["a_label"], c["b_label"])) for c in shown} == {kyles, amys}
