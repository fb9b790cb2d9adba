"""The chair's decisions on an agenda's proposals, carried into the written agenda.

A decision is recorded per analysis run and proposal key, from the command line or the
workspace, through one library function; the agenda of that run then marks an accepted
target or action as agreed (in the wording agreed) and lists a rejected one as not taken
forward, raising no action for it."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda.actions import list_actions, update_action
from graphintel.agenda.decisions import decide, decisions_for, proposals
from graphintel.audit import read_audit
from graphintel.cli import actions_cmd
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store
from tests.test_actions import newer_reports, section
from tests.test_agenda_data import base_reports, fixed_key_settings, load, wait_next_second

DATE = "2025-04-01"


def test_decisions_reach_the_written_agenda(store: Store, settings: Settings,
                                            tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports())
    run_id, items = proposals(store, keyed, run_id=run, date=DATE)
    assert run_id == run
    targets = [r for r in items if r["kind"] == "target"]
    actions = [r for r in items if r["kind"] == "action"]
    assert targets and actions and not any(r["decision"] for r in items)
    # the plan for the first target is proposed under the target's own key
    first = targets[0]
    plan = next(r for r in actions if r["key"] == first["key"])
    other = next(r for r in actions if r["key"] != first["key"])

    decide(store, keyed, plan["id"], "rejected", note="already charged", run_id=run, date=DATE)
    decide(store, keyed, other["key"], "accepted", note="lead: CSE team",
           text="Joint visit to the address with the council", run_id=run, date=DATE)
    decided = decisions_for(keyed, run)
    assert decided[first["key"]]["decision"] == "rejected"
    assert decided[other["key"]]["text"] == "Joint visit to the address with the council"

    agenda = build_agenda(store, keyed, run_id=run, date=DATE)
    shown = {t.key: t for n in agenda.networks for t in n.targets}
    assert shown[first["key"]].decision.startswith("Not taken forward by the chair (")
    assert [x.key for x in agenda.declined] == [first["key"]]
    assert first["key"] not in {x.key for x in agenda.actions}
    agreed = next(x for x in agenda.actions if x.key == other["key"])
    assert agreed.action == "Joint visit to the address with the council"
    assert agreed.status == "agreed" and agreed.decision.endswith(": lead: CSE team.")

    paths = write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "out",
                         date=DATE)
    text = paths[0].read_text(encoding="utf-8")
    assert "already charged" in text
    actions_part = section(text, "Actions")
    assert "Joint visit to the address with the council" in actions_part
    assert "Not taken forward: " + plan["label"] in actions_part
    # the meeting raised the agreed action in its agreed wording, and not the rejected one
    stored = list_actions(store, keyed)
    assert "Joint visit to the address with the council" in {r["text"] for r in stored}
    assert plan["label"] not in {r["text"] for r in stored}
    audit = [e for e in read_audit(keyed) if e.get("command") == "agenda decide"]
    assert {e["params"]["key"] for e in audit} == {first["key"], other["key"]}


def test_a_decision_on_nothing_is_refused(store: Store, settings: Settings,
                                          tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports())
    with pytest.raises(NotFound, match="has no proposal 'A-00000000'"):
        decide(store, keyed, "A-00000000", "accepted", run_id=run, date=DATE)
    with pytest.raises(ConfigError, match="unknown decision 'maybe'"):
        _, items = proposals(store, keyed, run_id=run, date=DATE)
        decide(store, keyed, items[0]["key"], "maybe", run_id=run, date=DATE)
    assert decisions_for(keyed, run) == {}


def test_the_command_line_decides_through_the_library(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    run = load(store, settings, tmp_path / "data", base_reports())
    # the commands read the settings as the installed command does (the suite's home)
    app = typer.Typer()
    app.add_typer(actions_cmd.actions_app, name="actions")
    runner = CliRunner()
    listed = runner.invoke(app, ["actions", "proposals", "--run", run, "--date", DATE,
                                 "-f", "json"])
    assert listed.exit_code == 0, listed.output
    _, items = proposals(store, settings, run_id=run, date=DATE)
    assert all(r["key"] in listed.output for r in items)
    both = runner.invoke(app, ["actions", "decide", "x", "--accept", "--reject"])
    assert isinstance(both.exception, ConfigError)
    assert "say --accept or --reject" in str(both.exception)
    done = runner.invoke(app, ["actions", "decide", items[0]["key"], "--accept", "--run", run,
                               "--date", DATE, "--note", "agreed at the meeting"])
    assert done.exit_code == 0, done.output
    assert "accepted" in done.output
    assert decisions_for(settings, run)[items[0]["key"]]["note"] == "agreed at the meeting"


def test_a_rejection_after_the_agenda_was_written_drops_its_action(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """The agenda was written (its actions raised) before the chair turned one down: the
    agenda written again for the meeting drops that action rather than leaving it open
    for the next meeting to carry, unless someone has taken it on; accepted again, it
    is open again."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports())
    write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "one", date=DATE)
    raised = list_actions(store, keyed)
    assert len(raised) >= 2 and all(r["status"] == "open" for r in raised)
    turned_down, taken_on = raised[0], raised[1]
    update_action(store, keyed, taken_on["id"], owner="DS Patel")
    for r in (turned_down, taken_on):
        decide(store, keyed, r["id"], "rejected", note="not proportionate", run_id=run,
               date=DATE)

    write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "two", date=DATE)
    now = {r["id"]: r for r in list_actions(store, keyed)}
    assert now[turned_down["id"]]["status"] == "dropped"
    assert now[turned_down["id"]]["outcome"] == "not taken forward by the chair"
    assert now[taken_on["id"]]["status"] == "open"  # someone changed it: the chair's call
    assert {r["id"] for r in raised} - {turned_down["id"]} == {
        i for i, r in now.items() if r["status"] == "open"}
    # the next meeting neither carries it nor reports it as an outcome
    later = write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "three",
                         date="2025-04-29", record=False)[0].read_text(encoding="utf-8")
    assert turned_down["id"] not in later and taken_on["id"] in later

    decide(store, keyed, turned_down["id"], "accepted", run_id=run, date=DATE)
    write_agenda(store, keyed, run_id=run, formats="md", out_dir=tmp_path / "four", date=DATE)
    again = {r["id"]: r for r in list_actions(store, keyed)}[turned_down["id"]]
    assert again["status"] == "open" and again["outcome"] == ""


def test_decisions_hold_for_the_meeting_not_the_run(store: Store, settings: Settings,
                                                    tmp_path: Path) -> None:
    """New intelligence before the meeting and the agenda written again from a newer run:
    what the chair decided on the first agenda still stands on the second (a rejected
    action is not proposed again and its raised action is dropped), and of two decisions
    on one item the later counts, whichever agenda it was taken on."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "one",
                 date=DATE)
    _, items = proposals(store, keyed, run_id=run_a, date=DATE)
    target = next(r for r in items if r["kind"] == "target")
    turned_down = next(r for r in items if r["kind"] == "action" and r["key"] != target["key"])
    decide(store, keyed, target["key"], "accepted", note="priority", run_id=run_a, date=DATE)
    decide(store, keyed, turned_down["key"], "rejected", note="already in hand",
           run_id=run_a, date=DATE)
    wait_next_second()
    run_b = load(store, settings, tmp_path / "data", newer_reports())
    assert run_b != run_a and not decisions_for(keyed, run_b)

    agenda = build_agenda(store, keyed, run_id=run_b, date=DATE)
    shown = {t.key: t for n in agenda.networks for t in n.targets}
    assert shown[target["key"]].decision.startswith("Agreed by the chair (")
    assert turned_down["key"] in {x.key for x in agenda.declined}
    assert turned_down["key"] not in {x.key for x in agenda.actions}
    _, items_b = proposals(store, keyed, run_id=run_b, date=DATE)
    assert next(r for r in items_b if r["key"] == target["key"])["decision"] == "accepted"

    write_agenda(store, keyed, run_id=run_b, formats="md", out_dir=tmp_path / "two",
                 date=DATE)
    first = next(r for r in list_actions(store, keyed)
                 if r["run_id"] == run_a and r["key"] == turned_down["key"])
    assert first["status"] == "dropped"
    assert first["outcome"] == "not taken forward by the chair"
    # a later decision on the newer agenda overrides the one taken on the first
    decide(store, keyed, target["key"], "rejected", note="charged", run_id=run_b, date=DATE)
    agenda = build_agenda(store, keyed, run_id=run_b, date=DATE)
    shown = {t.key: t for n in agenda.networks for t in n.targets}
    assert shown[target["key"]].decision.startswith("Not taken forward by the chair (")
    # decisions are the meeting's: an agenda for another date of the first run keeps its own
    other_day = build_agenda(store, keyed, run_id=run_a, date="2025-05-06")
    shown = {t.key: t for n in other_day.networks for t in n.targets}
    assert shown[target["key"]].decision.startswith("Agreed by the chair (")
