"""Meeting actions that persist: an agenda records its meeting and actions in the graph; the
chair updates them between meetings (audited); the next agenda, after new intelligence,
shows on page 1 what changed, the overdue and carried-over actions and the outcomes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.agenda.actions import list_actions, update_action
from graphintel.agenda.decisions import record_decision
from graphintel.audit import read_audit
from graphintel.cli import actions_cmd
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store
from tests.graph_helpers import analyse, report
from tests.test_agenda_data import (
    BETH,
    KYLE,
    WITHHELD_SUSPECT,
    base_reports,
    fixed_key_settings,
    later_reports,
    load,
    person,
    place,
    wait_next_second,
)

LEE = ("Lee GRANT", "1988-08-08")
BUS = ("Bus Station", "BA1 9ZZ", "venue")


def section(markdown: str, title: str) -> str:
    start = markdown.index(f"\n## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def newer_reports() -> list[dict[str, Any]]:
    """After the first meeting: the fixture's later reports (a new exploitation link, a new
    missing episode) plus a new suspect who exploits a child and a new hotspot."""
    return [
        *later_reports(),
        report("IR/2025/0301", [person("l", *LEE, "suspect"), person("b", *BETH, "victim"),
                                person("k", *KYLE, "suspect")],
               [{"from": "l", "to": "b", "type": "EXPLOITS"},
                {"from": "l", "to": "k", "type": "ASSOCIATE_OF"}],
               date="2025-03-09T10:00:00", grading="1AP"),
        report("ME/0006", [
            person("c", *BETH, "victim"),
            {"id": "e", "type": "Event", "kind": "missing_episode",
             "start": "2025-03-09T18:00:00", "end": "2025-03-09T23:00:00"},
            place("f", *BUS), person("w", *LEE, "suspect")],
            [{"from": "c", "to": "e", "type": "SUBJECT_OF"},
             {"from": "e", "to": "f", "type": "FOUND_AT", "at": "2025-03-09T23:00:00"},
             {"from": "w", "to": "e", "type": "INVOLVED_IN"}],
            date="2025-03-09T18:00:00", grading="1AP"),
    ]


def test_actions_persist_and_the_next_agenda_carries_them(store: Store, settings: Settings,
                                                         tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    first = build_agenda(store, keyed, run_id=run_a, date="2025-04-01")
    proposed = [a for a in first.actions if a.id]
    assert proposed and all(a.owner and a.agency and a.due == "2025-04-29"
                            and a.status == "proposed" for a in proposed)
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "one",
                 date="2025-04-01")
    # writing the same agenda again records nothing new
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "again",
                 date="2025-04-01")
    stored = list_actions(store, keyed)
    assert sorted(r["id"] for r in stored) == sorted(a.id for a in proposed)
    assert all(r["status"] == "open" and r["meeting_date"] == "2025-04-01"
               and r["run_id"] == run_a for r in stored)
    meetings = store.read("meetings_list")
    assert [(x["date"], x["run_id"]) for x in meetings] == [("2025-04-01", run_a)]

    kyle = next(a for a in proposed if "Kyle Brown" in a.action)
    jordan = next(a for a in proposed if "Jordan SMITH" in a.action)
    row = update_action(store, keyed, kyle.id, owner="DS Patel", due="2025-04-20",
                        status="in progress")
    assert (row["owner"], row["due"], row["status"]) == ("DS Patel", "2025-04-20",
                                                         "in_progress")
    update_action(store, keyed, jordan.id, status="done", outcome="CAWN served 10 April")
    with pytest.raises(NotFound):
        update_action(store, keyed, "A-00000000", status="done")
    with pytest.raises(ConfigError, match="unknown action status"):
        update_action(store, keyed, kyle.id, status="finished")
    with pytest.raises(ConfigError, match="not a date"):
        update_action(store, keyed, kyle.id, due="soon")
    with pytest.raises(ConfigError, match="nothing to change"):
        update_action(store, keyed, kyle.id)
    audit = [e for e in read_audit(keyed) if e.get("command") == "actions update"]
    ok = [e for e in audit if e["status"] == "ok"]
    assert len(ok) == 2 and len(audit) == 6
    assert ok[0]["details"]["before"] == {"owner": "Police representative",
                                          "due": "2025-04-29", "status": "open"}
    assert ok[0]["details"]["after"]["owner"] == "DS Patel"
    assert [r["id"] for r in list_actions(store, keyed, status="done")] == [jordan.id]
    assert jordan.id not in {r["id"] for r in list_actions(store, keyed, status="open")}

    # new intelligence, a new run, the next meeting
    wait_next_second()
    between = load(store, settings, tmp_path / "data", newer_reports())
    wait_next_second()
    run_b = analyse(store).id  # a second run before the meeting
    paths = write_agenda(store, keyed, run_id=run_b, formats="md,docx",
                         out_dir=tmp_path / "two", date="2025-04-25")
    md = paths[0].read_text(encoding="utf-8")
    # changes are since the last meeting (its run), not since the run just before
    assert f"- **Compared with:** analysis run {run_a}" in md and between not in md
    page_one = section(md, m.DECISIONS)
    # the overdue action comes first, then the other changes that need a decision
    lines = page_one.splitlines()
    start = lines.index("| Needs a decision | What | Where |")
    decisions = []
    for line in lines[start + 2:]:
        if not line.startswith("| "):
            break
        decisions.append(line)
    assert decisions[0].startswith(f"| Overdue action | {kyle.id}: Agree a disruption plan "
                                   "for Kyle Brown")
    assert "DS Patel" in decisions[0]
    assert any(d.startswith("| Newly assessed as a suspect | Lee GRANT |") for d in decisions)
    assert sum(d.startswith("| Overdue action") for d in decisions) == 1
    assert any(d.startswith("| Escalated suspect | Lee GRANT: into the top 10") for d in
               decisions)
    assert any(d.startswith("| New hotspot | Bus Station, BA1 9ZZ |") for d in decisions)
    assert "1 person newly suspected" in page_one
    assert "links newly evidenced" in page_one and "1 new hotspot" in page_one
    # carried over: every open action of the first meeting, overdue first, on page 1
    carried = page_one[page_one.index("Actions carried over"):
                       page_one.index("Outcomes recorded since the last meeting")]
    rows = [line for line in carried.splitlines() if line.startswith("| A-")]
    open_ids = [a.id for a in proposed if a.id != jordan.id]
    assert sorted(r.split(" ")[1] for r in rows) == sorted(open_ids)
    assert rows[0].startswith(f"| {kyle.id} (2025-04-01) |")
    assert "OVERDUE — in progress" in rows[0]
    assert all("OVERDUE" not in r for r in rows[1:])  # due 2025-04-29, after this meeting
    # the outcome recorded since the last meeting
    assert f"| {jordan.id} |" in page_one and "CAWN served 10 April" in page_one
    # an action already open is carried, not proposed again
    proposals = section(md, m.ACTIONS)
    assert "Kyle Brown (rank" not in proposals
    assert "Lee GRANT" in proposals
    # the second meeting is recorded with what it raised and what it carried
    assert [x["date"] for x in store.read("meetings_list")] == ["2025-04-01", "2025-04-25"]
    carried_rels = store.read_text(
        "MATCH (m:Meeting {date: '2025-04-25'})-[:CARRIED]->(a) RETURN a.id AS id", {})
    assert sorted(r["id"] for r in carried_rels) == sorted(open_ids)
    second = list_actions(store, keyed, meeting="2025-04-25")
    assert second and all(r["run_id"] == run_b for r in second)
    # partners see the carried actions too, but none about a person or place they may not
    # see (the suspect known only from restricted intelligence), and no child's name
    assert any(WITHHELD_SUSPECT in a.action for a in proposed)
    partner = write_agenda(store, keyed, run_id=run_b, profile="partner", formats="md",
                           out_dir=tmp_path / "partner", date="2025-04-25",
                           record=False)[0].read_text(encoding="utf-8")
    shown = section(partner, m.DECISIONS)
    assert kyle.id in shown and "CAWN served 10 April" in shown
    assert WITHHELD_SUSPECT not in partner and "Beth" not in partner


def test_actions_cli_lists_and_updates(store: Store, settings: Settings,
                                       tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    # a draft before the meeting records nothing
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "draft",
                 date="2025-03-30", record=False)
    assert list_actions(store, settings) == [] and store.read("meetings_list") == []
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "out",
                 date="2025-04-01")
    def audited_commands() -> list[Any]:
        return [e.get("command") for e in read_audit(settings)]

    before = audited_commands()
    # the command reads the settings as the installed command does (the suite's home)
    app = typer.Typer()
    app.add_typer(actions_cmd.actions_app, name="actions")
    listed = CliRunner().invoke(app, ["actions", "list", "--status", "open"])
    assert listed.exit_code == 0, listed.output
    first = next(r for r in list_actions(store, settings) if "Jordan SMITH" in r["text"])
    assert first["id"] in listed.output and "Police" in listed.output
    done = CliRunner().invoke(app, ["actions", "update", first["id"], "--status", "done",
                                    "--outcome", "SRO granted"])
    assert done.exit_code == 0, done.output
    assert f"{first['id']}: done" in done.output and "SRO granted" in done.output
    bad = CliRunner().invoke(app, ["actions", "update", first["id"], "--status", "maybe"])
    assert isinstance(bad.exception, ConfigError)
    commands = audited_commands()[len(before):]
    assert commands.count("actions list") == 2 and commands.count("actions update") == 2


def test_installed_command_drafts_lists_as_json_and_updates(
        store: Store, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Through the installed command: agenda --draft records nothing; a recorded agenda's
    actions come back as JSON; update prints the action as stored."""
    import json

    from graphintel.cli.app import main

    run_a = load(store, settings, tmp_path / "data", base_reports())
    assert main(["agenda", "--run", run_a, "-f", "md", "-o", str(tmp_path / "d"),
                 "--date", "2025-03-30", "--draft"]) == 0
    capsys.readouterr()
    assert main(["actions", "list", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["agenda", "--run", run_a, "-f", "md", "-o", str(tmp_path / "m"),
                 "--date", "2025-04-01"]) == 0
    capsys.readouterr()
    assert main(["actions", "list", "--status", "open", "-f", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and {r["status"] for r in listed} == {"open"}
    assert main(["actions", "update", listed[0]["id"], "--owner", "DS Khan", "-f",
                 "json"]) == 0
    assert json.loads(capsys.readouterr().out)["owner"] == "DS Khan"
    assert main(["actions", "update", "A-nothere", "--status", "done"]) == 1


def test_a_later_agenda_for_the_same_meeting_replaces_the_earlier_one(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """New intelligence before the meeting, the analysis run again, the agenda written
    again for the same date: the second agenda proposes its own actions (it does not carry
    the first one's over 'from earlier meetings'); the first agenda's actions nobody had
    changed are dropped as superseded, one a chair had already taken on is carried."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "one",
                 date="2025-04-01")
    first = {r["key"]: r for r in list_actions(store, keyed)}
    kyle = next(r for r in first.values() if "Kyle Brown" in r["text"])
    update_action(store, keyed, kyle["id"], owner="DS Patel")
    jordan = next(r for r in first.values() if "Jordan SMITH" in r["text"])
    record_decision(keyed, run_id=run_a, key=jordan["key"], label="Jordan SMITH",
                    decision="accepted", note="agreed before the meeting")
    kept = {kyle["id"], jordan["id"]}  # taken on or decided: never superseded
    wait_next_second()
    run_b = load(store, settings, tmp_path / "data", newer_reports())
    md = write_agenda(store, keyed, run_id=run_b, formats="md", out_dir=tmp_path / "two",
                      date="2025-04-01")[0].read_text(encoding="utf-8")

    proposals = section(md, m.ACTIONS)
    assert "Dean" in proposals and "Lee GRANT (rank" in proposals
    # taken on or decided already: carried, not proposed again
    assert "Kyle Brown (rank" not in proposals and "Jordan SMITH (rank" not in proposals
    assert f"{len(first) - 2} actions it proposed that nobody had changed are withdrawn" \
        in proposals
    carried = section(md, m.DECISIONS)
    carried = carried[carried.index("Actions carried over"):]
    assert sorted(line.split(" ")[1] for line in carried.splitlines()
                  if line.startswith("| A-")) == sorted(kept)
    # no meeting before this one: the comparison is with the run before, as for any agenda
    assert f"- **Compared with:** analysis run {run_a}" in md

    stored = list_actions(store, keyed)
    old = [r for r in stored if r["run_id"] == run_a]
    assert {r["id"]: r["status"] for r in old} == {
        r["id"]: ("open" if r["id"] in kept else "dropped") for r in first.values()}
    dropped = [r for r in old if r["status"] == "dropped"]
    assert all(r["outcome"] == f"superseded by the agenda of {run_b} for the same meeting"
               and r["superseded_by"] == f"2025-04-01/{run_b}" for r in dropped)
    new = [r for r in stored if r["run_id"] == run_b]
    assert new and all(r["status"] == "open" for r in new)
    assert len({r["key"] for r in stored if r["status"] == "open"}) == len(
        [r for r in stored if r["status"] == "open"])  # one open action per subject

    # the next meeting carries what is open once, and shows no superseded action as an
    # outcome
    later = write_agenda(store, keyed, run_id=run_b, formats="md", out_dir=tmp_path / "three",
                         date="2025-04-25", record=False)[0].read_text(encoding="utf-8")
    page_one = section(later, m.DECISIONS)
    assert "superseded" not in later
    assert sorted(r["id"] for r in [*new, kyle, jordan] if r["id"] in page_one) == sorted(
        r["id"] for r in [*new, kyle, jordan])
    assert not any(r["id"] in later for r in dropped)

    # writing the first run's agenda for that date again makes it the meeting's again
    write_agenda(store, keyed, run_id=run_a, formats="md", out_dir=tmp_path / "four",
                 date="2025-04-01")
    again = {r["id"]: r for r in list_actions(store, keyed)}
    assert all(again[r["id"]]["status"] == "open" and again[r["id"]]["outcome"] == ""
               and again[r["id"]]["superseded_by"] is None for r in dropped)
    assert all(again[r["id"]]["status"] == "dropped" for r in new
               if r["key"] in first)
