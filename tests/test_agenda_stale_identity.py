"""An agenda (and chart) of a run the graph has moved past, beyond reports loaded since:

- identity decisions made since the run (a merge) make it warn, and a target merged since
  into a child's record is safeguarded, never a target; one merged into an adult's record
  is no target under a record that no longer exists;
- a target whom a report loaded since records as exploited (whatever role it gave them) is
  a victim, safeguarded, never a target, in the agenda and the chart;
- an open action of an earlier meeting against someone now recorded as a child (a plan
  for them, their home, the vehicle they keep) is carried over only to be withdrawn, never
  chased as overdue.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graphintel.agenda import build_agenda, write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve.merge import merge
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_agenda_data import fixed_key_settings, load, person, place, wait_next_second

DATE = "2025-07-01"
KANE = ("Kane WEST", "1990-01-01")
AMY = ("Amy HILL", "2011-02-02")
CHLOE = ("Chloe WARD", "2011-04-04")


def _targets(agenda: Any) -> dict[str, Any]:
    return {t.name: t for n in agenda.networks for t in (*n.targets, *n.appendix_targets)}


def _undated(pid: str, name: str, role: str) -> dict[str, Any]:
    return {"id": pid, "type": "Person", "name": name, "role": role}


# -- 1: identity decisions since the run ---------------------------------------------------

def _merge_reports() -> list[dict[str, Any]]:
    return [
        report("IR/1", [person("k", *KANE, "suspect"), _undated("co", "Coco", "suspect"),
                        _undated("bx", "Bex", "suspect"), person("a", *AMY, "victim")],
               [{"from": "k", "to": "a", "type": "EXPLOITS"},
                {"from": "co", "to": "a", "type": "EXPLOITS"},
                {"from": "bx", "to": "a", "type": "ASSOCIATE_OF"},
                {"from": "co", "to": "k", "type": "ASSOCIATE_OF"},
                {"from": "bx", "to": "k", "type": "ASSOCIATE_OF"}],
               date="2025-03-01", grading="1AP"),
        report("IR/2", [person("w", *CHLOE, "victim", nominal_ref="N777"),
                        person("a", *AMY, "victim")],
               [{"from": "w", "to": "a", "type": "ASSOCIATE_OF"}], date="2025-03-02",
               grading="1AP"),
    ]


def test_a_target_merged_since_into_a_childs_record_is_safeguarded_and_the_agenda_warns(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.charts.api import make_chart
    from graphintel.charts.select import SelectionSpec

    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _merge_reports())
    doc = load_run(store, run)
    ranked = {t["name"]: t for t in doc["targets"]}
    assert {"Coco", "Bex", KANE[0]} <= set(ranked)
    network = int(ranked["Coco"]["community"])
    assert build_agenda(store, keyed, run_id=run, date=DATE).header.stale == ""

    wait_next_second()  # decision times are compared to the second, as the run's time is
    merge(store, "Person:n:coco", "N777", reason="the same girl", user="test",
          despite=["not_candidate"])
    merge(store, "Person:n:bex", f"Person:nd:kane west|{KANE[1]}", reason="the same man",
          user="test", despite=["not_candidate"])
    warned: list[str] = []
    md = write_agenda(store, keyed, run_id=run, out_dir=tmp_path / "out", formats="md",
                      date=DATE, record=False, warn=warned.append)[0].read_text("utf-8")
    assert warned == ["2 identity decisions made since this analysis: run `graphintel "
                      "analyse` again before relying on its ranking (anyone the graph now "
                      "records as a child or victim is safeguarded here, never a target)"]
    assert "Warning: 2 identity decisions made since this analysis" in md.split("## ")[0]
    assert "| Coco |" not in md and "disruption plan for Coco" not in md
    assert "disruption plan for Bex" not in md and "| Bex |" not in md
    for profile in ("internal", "partner"):
        agenda = build_agenda(store, keyed, run_id=run, date=DATE, profile=profile)
        assert agenda.header.stale == warned[0]
        names = set(_targets(agenda))
        assert not names & {"Coco", "Bex", CHLOE[0]}
        assert not any(("Coco" in a.action or "Bex" in a.action) for a in agenda.actions)
        assert all(r.target not in ("Coco", "Bex") for n in agenda.networks for r in n.tactics)
        assert "1 candidate target of this analysis run is no longer one record" \
            in agenda.header.merged
        entry = [e for e in agenda.safeguarding if "merged since the run" in e.why[0]]
        if profile == "internal":
            assert len(entry) == 1 and entry[0].name == CHLOE[0]
            assert "as Coco" in entry[0].why[0] and "a child (under 18 on" in entry[0].why[0]
            assert f"Bex (rank {ranked['Bex']['rank']}), now part of the record of " \
                   f"{KANE[0]}" in agenda.header.merged
        else:
            assert "Bex" not in agenda.header.merged
            assert all("Coco" not in e.why[0] and CHLOE[0] not in e.name for e in entry)
    chart = make_chart(store, settings, SelectionSpec.network(str(network)))
    assert chart.meta["warning"].startswith("2 identity decisions made since this analysis")
    assert not any(d["candidate_target"] and d["label"] in ("Coco", "Bex", CHLOE[0])
                   for _, d in chart.graph.nodes(data=True))


# -- 2: an exploitation link asserted since the run -------------------------------------

MARK = ("Mark JONES", "1985-05-05")
TIA = ("Tia MOORE", "1999-09-09")


def _first_reports() -> list[dict[str, Any]]:
    return [report("IR/10", [person("m", *MARK, "suspect"), person("t", *TIA, "suspect"),
                             person("a", *AMY, "victim"), person("k", *KANE, "suspect")],
                   [{"from": "m", "to": "a", "type": "EXPLOITS"},
                    {"from": "t", "to": "a", "type": "EXPLOITS"},
                    {"from": "m", "to": "t", "type": "ASSOCIATE_OF"},
                    {"from": "k", "to": "t", "type": "ASSOCIATE_OF"}],
                   date="2025-03-01", grading="1AP")]


def _exploits(ref: str, grading: str, who: tuple[str, str]) -> dict[str, Any]:
    return report(ref, [person("m", *MARK, "suspect"), person("t", *who, "unknown")],
                  [{"from": "m", "to": "t", "type": "EXPLOITS"}], date="2025-03-05",
                  grading=grading)


def test_a_target_recorded_as_exploited_since_the_run_is_a_victim_not_a_target(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.charts.api import make_chart
    from graphintel.charts.select import SelectionSpec

    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _first_reports())
    doc = load_run(store, run)
    tia = next(t for t in doc["targets"] if t["name"] == TIA[0])
    assert KANE[0] in {t["name"] for t in doc["targets"]}
    network = int(tia["community"])

    wait_next_second()
    # a report graded as suspected false (E) protects no one: Kane stays a target
    src = write_jsonl(tmp_path / "later.jsonl", [_exploits("IR/11", "1AP", TIA),
                                                 _exploits("IR/12", "3EP", KANE)])
    assert ingest([src], settings=settings, store=store).ok
    md = write_agenda(store, keyed, run_id=run, out_dir=tmp_path / "out", formats="md",
                      date=DATE, record=False)[0].read_text("utf-8")
    # no target row (| rank | name | score |...), only her safeguarding entry
    assert not re.search(rf"\| \d+ \| {TIA[0]} \| \d", md)
    assert f"disruption plan for {TIA[0]}" not in md
    assert f"| {TIA[0]} | 25 | a candidate target (rank {tia['rank']})" in md
    for profile in ("internal", "partner"):
        agenda = build_agenda(store, keyed, run_id=run, date=DATE, profile=profile)
        assert agenda.header.stale.startswith("2 reports loaded since this analysis")
        assert TIA[0] not in _targets(agenda)
        assert not any(TIA[0] in a.action for a in agenda.actions)
        entry = [e for e in agenda.safeguarding if "intelligence loaded since" in e.why[0]]
        assert len(entry) == 1
        assert "now recorded as exploited by another (IR/11), so a victim" in entry[0].why[0]
        if profile == "partner":
            assert TIA[0] not in entry[0].name
        else:
            assert entry[0].name == TIA[0] and KANE[0] in _targets(agenda)
    chart = make_chart(store, settings, SelectionSpec.network(str(network)))
    node = next(d for _, d in chart.graph.nodes(data=True) if d["label"] == TIA[0])
    assert node["victim"] and not node["candidate_target"] and node["target_rank"] == 0
    assert "not a candidate target: now recorded as a victim" in node["reasons"]
    kane = next(d for _, d in chart.graph.nodes(data=True) if d["label"] == KANE[0])
    assert kane["candidate_target"]


# -- 3: actions of an earlier meeting against someone now recorded as a child ----------------

OAK = ("9 Oak Road", "BA9 1OK", "home_address")
CAR = {"id": "v", "type": "Vehicle", "vrm": "TI09MOR", "make": "Ford"}


def _s1() -> list[dict[str, Any]]:
    return [report("IR/20", [person("m", *MARK, "suspect"),
                             {**_undated("t", TIA[0], "suspect"), "nominal_ref": "N500"},
                             person("a", *AMY, "victim"), place("h", *OAK), CAR],
                   [{"from": "t", "to": "a", "type": "EXPLOITS"},
                    {"from": "m", "to": "a", "type": "EXPLOITS"},
                    {"from": "m", "to": "t", "type": "ASSOCIATE_OF"},
                    {"from": "t", "to": "h", "type": "LIVES_AT"},
                    {"from": "m", "to": "h", "type": "SEEN_AT", "at": "2025-03-01T22:00:00"},
                    {"from": "a", "to": "h", "type": "SEEN_AT", "at": "2025-03-01T22:00:00"},
                    {"from": "t", "to": "v", "type": "OWNS"},
                    {"from": "m", "to": "v", "type": "DRIVES"}],
                   date="2025-03-01", grading="1AP")]


def _s2() -> list[dict[str, Any]]:
    # her date of birth, first recorded now, on her nominal record
    return [report("IR/21", [person("t", TIA[0], "2009-09-09", "victim", nominal_ref="N500"),
                             person("m", *MARK, "suspect")],
                   [{"from": "m", "to": "t", "type": "EXPLOITS"}], date="2025-08-01",
                   grading="1AP")]


def test_earlier_actions_against_a_child_now_safeguarded_are_to_withdraw_not_overdue(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _s1())
    first = build_agenda(store, keyed, run_id=run, date=DATE)
    raised = [a.action for a in first.actions if a.id]
    assert any(a.startswith(f"Agree a disruption plan for {TIA[0]}") for a in raised)
    assert any(a.startswith(f"Place-based plan for {OAK[0]}") for a in raised)
    assert "Disruption plan for vehicle TI09MOR" in raised
    write_agenda(store, keyed, run_id=run, out_dir=tmp_path / "out1", formats="md",
                 date=DATE, record=True)

    wait_next_second()
    src = write_jsonl(tmp_path / "s2.jsonl", _s2())
    assert ingest([src], settings=settings, store=store).ok
    later = run_analysis(store, AnalysisParams(projection=ProjectionParams(
        as_of="2025-08-30"))).id
    agenda = build_agenda(store, keyed, run_id=later, date="2025-09-01")
    withdrawn = {a.id: a for a in agenda.carried if a.withdraw}
    assert len(withdrawn) == 3, [a.action for a in agenda.carried]
    for a in withdrawn.values():
        assert a.action.startswith(f"To withdraw: {TIA[0]} is now safeguarded (a child "
                                   "(under 18 on 2025-08-30) and a victim)")
        assert "the meeting is asked to close this action" in a.action
        assert not a.overdue
    assert not any(a.overdue for a in agenda.carried if TIA[0] in a.action)
    kinds = {d.kind for d in agenda.decisions}
    assert "Overdue action" not in kinds or all(
        "Oak Road" not in d.what and "TI09MOR" not in d.what and TIA[0] not in d.what
        for d in agenda.decisions if d.kind == "Overdue action")
    assert sum(d.kind == "Action to withdraw" for d in agenda.decisions) == 3
    md = write_agenda(store, keyed, run_id=later, out_dir=tmp_path / "out2", formats="md",
                      date="2025-09-01", record=False)[0].read_text("utf-8")
    carried = md.split("Actions carried over from earlier meetings")[1].split("\n#")[0]
    mine = [line for line in carried.splitlines()
            if TIA[0] in line or "Oak Road" in line or "TI09MOR" in line]
    assert len(mine) == 3 and not any("OVERDUE" in line for line in mine)
    assert "OVERDUE" in carried  # the other actions still are
    assert carried.count("TO WITHDRAW — open: the meeting is asked to close it") == 3
    assert f"Agree a disruption plan for {TIA[0]}" not in md
    assert "Place-based plan for 9 Oak Road" not in md
    # the workspace's meeting page shows them the same way
    from graphintel.web.common import User, make_templates

    page = make_templates().get_template("meeting.html").render(
        a=agenda, decided={}, saved=None, plan_of={}, csrf="x", path="/meeting",
        start_url="/meeting", user=User("chris", "chair"))
    assert page.count('class="withdraw"') == 3
    assert "<strong>To withdraw</strong> (open): the meeting is asked to close it" in page
