"""A meeting chair's review of the pack, on the bundled sample:

* every candidate target the pack names anywhere (network pages, Appendix B's adults, the
  decisions, the changes, the actions) has their reasons in Appendix A, and every "more
  candidate targets" pointer says truly where the rest are;
* someone "for decision today" (newly a suspect, or crossing the top-10 line) has their
  reasons in Appendix A and an action to decide on;
* the blank rows of the actions table do not look like action ids;
* carried-over actions give the person's rank now, and "changes since" says what it is
  measured from: the last meeting, or the previous run when no earlier meeting is recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.agenda.layout import BLANK_ID, layout
from graphintel.agenda.model import Agenda, Limits
from graphintel.agenda.render_md import render_markdown
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings, person, wait_next_second
from tests.test_agenda_print import load_sample

FIRST_MEETING = "2025-07-01"
NEXT_MEETING = "2025-09-01"
NEW_SUSPECT = ("Dean WALSH", "1985-03-03")
#: A 13-year-old of the sample (network of Scott DOYLE).
CHILD = ("Aaron CAMPBELL", "2012-05-18")


@dataclass
class Review:
    settings: Settings
    run1: str
    run2: str
    first: str  # Markdown of run 1's agenda, recorded for FIRST_MEETING
    targets1: list[dict[str, Any]]
    targets2: list[dict[str, Any]]
    out: Path


def _md(store: Store, settings: Settings, out: Path, **kw: Any) -> str:
    path = write_agenda(store, settings, formats="md", out_dir=out, **kw)[0]
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def review(session_store: Store, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> Review:
    folder = tmp_path_factory.mktemp("agenda-review")
    load_sample(session_store, settings)
    run1 = analyse(session_store).id
    keyed = fixed_key_settings(settings, folder / "home")
    # the meeting is held on run 1's agenda (recorded: its actions are stored)
    first = _md(session_store, keyed, folder / "first", run_id=run1, date=FIRST_MEETING)
    wait_next_second()
    # then a report: a new adult suspect exploits a 13-year-old (graded 1A)
    src = write_jsonl(folder / "new.jsonl", [report("IR/2025/909001", [
        person("d", *NEW_SUSPECT, "suspect"), person("c", *CHILD, "victim")],
        [{"from": "d", "to": "c", "type": "EXPLOITS"}], date="2025-06-20T20:00:00",
        grading="1AP")])
    assert ingest([src], settings=settings, store=session_store).ok
    run2 = analyse(session_store).id
    return Review(keyed, run1, run2, first,
                  load_run(session_store, run1, parts=("run", "targets"))["targets"],
                  load_run(session_store, run2, parts=("run", "targets"))["targets"],
                  folder)


def _section(md: str, title: str) -> str:
    start = md.index(f"\n## {title}\n")
    end = md.find("\n## ", start + 1)
    return md[start:end]


def _appendix_a(md: str) -> dict[str, str]:
    """Name -> the Reasons cell of each candidate target Appendix A lists."""
    rows = re.findall(r"^\| (\d+) \| ([^|<]+)<br>[^|]*\|(?: [^|]* \|)? [\d.]+ \| ([^|]*) \|",
                      _section(md, m.APPENDIX_EVIDENCE), re.M)
    return {name.strip(): reasons.strip() for _, name, reasons in rows}


def _outside_appendix_a(md: str) -> str:
    a = _section(md, m.APPENDIX_EVIDENCE)
    return md.replace(a, "")


def _named_but_unlisted(md: str, targets: list[dict[str, Any]]) -> list[str]:
    listed = _appendix_a(md)
    rest = _outside_appendix_a(md)
    return [f"{t['name']} (rank {t['rank']})" for t in targets
            if t["name"] in rest and t["name"] not in listed]


def test_every_target_the_pack_names_has_reasons_in_appendix_a(review: Review) -> None:
    md = review.first
    assert _named_but_unlisted(md, review.targets1) == []
    listed = _appendix_a(md)
    # Appendix B names Mason NASH as an adult linked to a child: his reasons are listed
    nash = next(t for t in review.targets1 if t["name"] == "Mason NASH")
    assert f"{nash['name']} (rank {nash['rank']})" in _section(md, m.APPENDIX_CHILDREN)
    assert listed["Mason NASH"].startswith(nash["reasons"][0])
    # every pointer to Appendix A is true: the network's other targets are all there
    agenda = build_agenda(Store.__new__(Store), review.settings,
                          source=None) if False else None  # (built below, per network)
    del agenda
    for block in re.finditer(r"^## (Network \d+) — .*?(?=^## )", md, re.M | re.S):
        found = re.search(r"^_(\d+) more candidate targets?: (.*)_$", block.group(0), re.M)
        if found is None:
            continue
        assert found.group(2) == "Appendix A.", found.group(0)
        net = int(block.group(1).split()[1])
        ranks = [t["rank"] for t in review.targets1 if int(t["community"]) == net]
        shown = re.findall(r"^\| (\d+) \| ", block.group(0), re.M)
        assert len(ranks) - len(shown) == int(found.group(1))
        appendix = re.search(rf"^### {block.group(1)} — .*?(?=^##)",
                             _section(md, m.APPENDIX_EVIDENCE) + "\n##", re.M | re.S)
        assert appendix is not None
        assert sorted(int(r) for r in re.findall(r"^\| (\d+) \| ", appendix.group(0),
                                                  re.M)) == sorted(ranks)
        assert "not listed" not in appendix.group(0)


def test_at_a_tight_limit_pointers_say_where_the_rest_are(session_store: Store,
                                                          review: Review) -> None:
    # as if at very large scale: one target a network in Appendix A, beyond those named
    limits = Limits(targets=1, evidence_targets=1, core_targets=1)
    agenda = build_agenda(session_store, review.settings, run_id=review.run2,
                          date=NEXT_MEETING, limits=limits)
    md = _render(agenda, limits)
    assert _named_but_unlisted(md, review.targets2) == []
    pointers = re.findall(r"^_(\d+) more candidate targets?: (.*)_$",
                          md.split(f"## {m.APPENDIX_EVIDENCE}")[0], re.M)
    assert pointers
    for _count, where in pointers:
        assert where == "Appendix A." or (
            re.fullmatch(r"Appendix A lists \d+ of them \(the next by rank and every one "
                         r"named elsewhere in this pack\); 'graphintel analyse' lists every "
                         r"candidate target with their reasons \(all of them in its CSV or JSON "
                         r"output\)\.", where)), where
    # in the sample every candidate target is named somewhere, so even here none is left out
    for n in agenda.networks:
        listed = len(n.targets) + len(n.appendix_targets)
        assert listed + n.unlisted_targets == len(n.targets) + n.more_targets
    notes = re.findall(r"^_(\d+) more candidate targets? of this network, named nowhere "
                       r"else in this pack, not listed: 'graphintel analyse' lists",
                       _section(md, m.APPENDIX_EVIDENCE), re.M)
    assert sum(int(x) for x in notes) == sum(n.unlisted_targets for n in agenda.networks)


def _target(rank: int) -> m.Target:
    return m.Target(rank=rank, name=f"T{rank}", dob="", nominal_ref="", roles="suspect",
                    score=1.0, reasons=["r"], children=[], key=f"target|Person:{rank}")


def test_the_pointer_counts_what_appendix_a_leaves_out() -> None:
    """At very large scale Appendix A may leave some targets of a network out: the network's
    page says how many it lists and where the rest are, and Appendix A counts them."""
    limits = Limits()
    net = m.Network(id=9, label="Network 9 (40 people)", size=40, suspects=12,
                    children_count=3, concern="", targets=[_target(r) for r in range(1, 6)],
                    more_targets=7, children=[], more_children=0, places=[], more_places=0,
                    assets=[], more_assets=0, tactics=[],
                    appendix_targets=[_target(r) for r in (6, 7, 30)])
    assert net.unlisted_targets == 4
    agenda = Agenda(
        profile="internal", header=m.Header("t", "m", "2025-07-01", "OS", "h", "run", "c",
                                            "2025-06-30", None, "internal", "g"),
        summary=m.Summary(1, 1, 40, 12, 3, None), networks=[net],
        changes=m.Changes(None, None), gaps=[], more_gaps=0, actions=[], withheld=[])
    md = _render(agenda, limits)
    assert ("_9 more candidate targets: Appendix A lists 5 of them (the next by rank and "
            "every one named elsewhere in this pack); 'graphintel analyse' lists every "
            "candidate target with their reasons (all of them in its CSV or JSON output)._"
            ) in md
    assert ("_4 more candidate targets of this network, named nowhere else in this pack, "
            "not listed: 'graphintel analyse' lists every candidate target") in md
    assert [int(r) for r in re.findall(r"^\| (\d+) \| T\d+<br>", _section(
        md, m.APPENDIX_EVIDENCE), re.M)] == [1, 2, 3, 4, 5, 6, 7, 30]
    # all listed: the pointer is just the appendix
    net.more_targets = 3
    assert "_5 more candidate targets: Appendix A._" in _render(agenda, limits)


def _render(agenda: Agenda, limits: Limits) -> str:
    return render_markdown(layout(agenda, limits))


def test_a_new_suspect_for_decision_has_reasons_and_an_action(session_store: Store,
                                                              review: Review) -> None:
    agenda = build_agenda(session_store, review.settings, run_id=review.run2,
                          date=NEXT_MEETING)
    md = _render(agenda, Limits())
    dean = next(t for t in review.targets2 if t["name"] == NEW_SUSPECT[0])
    rows = [d for d in agenda.decisions if d.kind == "Newly assessed as a suspect"]
    assert [(d.what, d.where) for d in rows] == [
        ("Dean WALSH", f"Network {dean['community']}; rank {dean['rank']}: reasons in "
                       "Appendix A")]
    assert _appendix_a(md)["Dean WALSH"].startswith(dean["reasons"][0])
    actions = [*agenda.actions, *agenda.carried]
    assert any("Dean WALSH" in a.action and a.id for a in actions), \
        [a.action for a in actions]
    # everyone "for decision today" who is a candidate target: reasons and an action
    ranks = {t["name"]: t["rank"] for t in review.targets2}
    for d in agenda.decisions:
        if d.kind in ("Newly assessed as a suspect", "Escalated suspect",
                      "Target de-escalated"):
            name = d.what.split(" (")[0].split(":")[0]
            if name in ranks:
                assert name in _appendix_a(md), d
                assert any(name in a.action for a in actions), d


def test_blank_action_rows_are_marked_new_not_numbered(session_store: Store,
                                                        review: Review) -> None:
    paths = write_agenda(session_store, review.settings, run_id=review.run2,
                         date=NEXT_MEETING, formats="md,html,docx",
                         out_dir=review.out / "blank", record=False)
    md, html, docx = (p for p in paths[:3])
    actions = _section(md.read_text(encoding="utf-8"), m.ACTIONS)
    rows = [r for r in actions.splitlines() if r.startswith("| ")][2:]
    assert [r.split(" | ")[0] for r in rows[-3:]] == [f"| {BLANK_ID}"] * 3
    assert all(re.match(r"^\| (A-[0-9a-f]{8}|new) \|", r) for r in rows), rows
    assert f"The rows marked '{BLANK_ID}' are blank, for actions the meeting adds" in actions
    assert "graphintel has no command to add one" in actions
    assert html.read_text(encoding="utf-8").count(f"<td>{BLANK_ID}</td>") >= 3
    # the table of actions proposed at this meeting (carried ones give their meeting)
    table = next(t for t in Document(str(docx)).tables
                 if t.rows[0].cells[0].text == "Action id" and len(t.rows) > 3
                 and "(" not in t.rows[1].cells[0].text)
    ids = [r.cells[0].text for r in table.rows[1:]]
    assert ids[-3:] == [BLANK_ID] * 3
    assert not any(i.isdigit() for i in ids), ids


def test_carried_actions_give_the_rank_now(session_store: Store, review: Review) -> None:
    agenda = build_agenda(session_store, review.settings, run_id=review.run2,
                          date=NEXT_MEETING)
    ranks = {t["name"]: t["rank"] for t in review.targets2}
    before = {t["name"]: t["rank"] for t in review.targets1}
    plans = [a for a in agenda.carried if a.action.startswith("Agree a disruption plan for ")]
    assert plans
    moved = 0
    for a in plans:
        name = a.action.removeprefix("Agree a disruption plan for ").split(" (")[0]
        if ranks[name] == before[name]:
            assert a.action.endswith(f"({name and ''}rank {ranks[name]})"), a.action
        else:
            moved += 1
            assert a.action.endswith(f"(now rank {ranks[name]}; rank {before[name]} at the "
                                     f"meeting of {FIRST_MEETING})"), a.action
    assert moved, [a.action for a in plans]
    md = _render(agenda, Limits())
    assert f"Since the last meeting ({FIRST_MEETING}; analysis run {review.run1}):" in md


def test_changes_on_the_day_of_a_meeting_are_since_the_previous_run(
        session_store: Store, review: Review) -> None:
    # the meeting of FIRST_MEETING used run 1; an agenda for the same day from run 2 has no
    # earlier meeting to compare with, so it compares with the run before, and says so
    agenda = build_agenda(session_store, review.settings, run_id=review.run2,
                          date=FIRST_MEETING)
    assert agenda.header.since_run == review.run1
    md = _render(agenda, Limits())
    page_one = _section(md, m.DECISIONS)
    assert f"Since the previous analysis run {review.run1} (no earlier meeting recorded):" \
        in page_one
    assert "last meeting (" not in page_one
    # asked for with --since: neither
    given = _render(build_agenda(session_store, review.settings, run_id=review.run2,
                                 date=NEXT_MEETING, since=review.run1), Limits())
    assert f"Since analysis run {review.run1} (the run asked for):" in given


def test_a_picture_says_how_many_of_its_people_are_from_outside_the_network(
        review: Review) -> None:
    """A network's picture also shows children linked to it and people on the paths to them:
    its caption may count more people than the network's heading, but then says how many
    come from outside, so the two counts do not contradict each other."""
    md = review.first
    heads = {int(n): int(c) for n, c in re.findall(
        r"^### Network (\d+)[^\n]*?\((\d+) (?:people|person)\)$", md, flags=re.M)}
    captions = re.findall(r"!\[Picture of network (\d+): (\d+) (?:people|person)"
                          r"( \((\d+) of them from outside the network\))?", md)
    assert captions and heads
    assert any(outside for _, _, outside, _ in captions)
    for net, shown, _, outside in captions:
        assert int(shown) - int(outside or 0) <= heads[int(net)], (net, shown, outside)


def test_a_place_has_one_kind_in_every_network_table(review: Review) -> None:
    """An address where a suspect of one network lives reads as a suspect's home in the
    table of every network it appears in, not only in that suspect's own."""
    kinds: dict[str, set[str]] = {}
    table = False
    for line in review.first.splitlines():
        if line.startswith("| Place | Kind |"):
            table = True
            continue
        if not line.startswith("|"):
            table = False
        elif table and not line.startswith("| ---"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            kinds.setdefault(cells[0], set()).add(cells[1])
    assert kinds and any("suspect's home" in k for ks in kinds.values() for k in ks)
    assert {place: ks for place, ks in kinds.items() if len(ks) > 1} == {}
