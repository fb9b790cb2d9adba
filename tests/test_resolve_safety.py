"""Entity resolution safety against a real Neo4j: conflicting merges are refused unless the
analyst names the conflicts, a forced undo keeps what later reports added, rejects and
undos keep their reasons, a merged-away uid says where it went."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.errors import GraphintelError, NotFound
from graphintel.ingest import ingest
from graphintel.resolve import list_decisions, merge, reject, undo
from graphintel.resolve.conflicts import MergeConflicts
from graphintel.store import Store
from tests.graph_helpers import fingerprint, report, write_jsonl
from tests.graph_helpers import links_at as _links
from tests.graph_helpers import person as _p

CHILD = "Person:nd:tracey tucker|2010-11-10"
SUSPECT = "Person:ref:N0566643"
HILL_A = "Person:nd:amy hill|1988-03-04"
HILL_B = "Person:nd:amy hil|1988-04-03"
SMITH = "Person:ref:N1"
SMYTH = "Person:nd:jordan smyth|1990-02-11"
VICTIM = "Person:nd:child a|2009-06-30"
PHONE_2 = "Phone:+447700900124"


def _reports() -> list[dict[str, Any]]:
    return [
        report("S1", [_p("c", "Tracey TUCKER", "2010-11-10", "victim", gender="F"),
                      _p("s", "Dean TUCKER", "1983-02-01", "suspect", gender="M",
                         nominal_ref="N0566643")],
               [{"from": "s", "to": "c", "type": "EXPLOITS"}], date="2025-01-05"),
        report("S2", [_p("a", "Amy HILL", "1988-03-04"), _p("b", "Amy HIL", "1988-04-03")]),
        report("R1", [_p("a", "Jordan SMITH", "1990-02-11", "suspect", nominal_ref="N1"),
                      _p("c", "Child A", "2009-06-30", "victim")],
               [{"from": "a", "to": "c", "type": "EXPLOITS"}], date="2025-01-10"),
        report("R2", [_p("a", "Jordan SMYTH", "1990-02-11", "suspect"),
                      _p("c", "Child A", "2009-06-30", "victim"),
                      {"id": "ph", "type": "Phone", "number": "07700 900124"}],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "ph", "type": "USES"}], date="2025-03-20"),
    ]


@pytest.fixture()
def graph(store: Store, settings: Settings, tmp_path: Path) -> Store:
    summary = ingest([write_jsonl(tmp_path / "r.jsonl", _reports())], settings=settings,
                     store=store)
    assert summary.ok
    return store


def _plain(store: Store) -> dict[str, Any]:
    fp = fingerprint(store)
    fp["nodes"] = [n for n in fp["nodes"] if '"MergeDecision"' not in n]
    return fp


def test_child_into_adult_suspect_is_refused_with_every_conflict(graph: Store) -> None:
    before = _plain(graph)
    with pytest.raises(MergeConflicts) as refused:
        merge(graph, CHILD, "N0566643", reason="same surname", user="a1")
    codes = {c.code for c in refused.value.conflicts}
    assert codes == {"dob", "child_adult", "gender", "not_candidate"}
    text = refused.value.message()
    assert "2010-11-10 / 1983-02-01" in text and "is a child of" in text
    assert "genders differ (F / M)" in text
    assert "--despite dob,child_adult,gender,not_candidate" in text
    assert _plain(graph) == before, "a refused merge changes nothing"
    # naming only some of the conflicts is not enough
    with pytest.raises(MergeConflicts):
        merge(graph, CHILD, SUSPECT, reason="same surname", user="a1", despite="dob,gender")
    with pytest.raises(GraphintelError, match="unknown conflict 'age'"):
        merge(graph, CHILD, SUSPECT, reason="x", user="a1", despite=["age"])
    assert _plain(graph) == before
    # with every conflict named, it goes through and the decision records them
    done = merge(graph, CHILD, SUSPECT, reason="same surname", user="a1",
                 despite=["dob,child_adult", "gender", "not-candidate"])
    assert {c.split(":")[0] for c in done.conflicts} == codes
    assert "kept dob 1983-02-01 of B; A's 2010-11-10 kept in other_dobs" in done.kept
    assert "kept gender M of B; A's F kept only in the decision's snapshot" in done.kept
    kept = graph.read_text("MATCH (p:Person {uid: $u}) RETURN p", {"u": SUSPECT})[0]["p"]
    assert kept["other_dobs"] == ["2010-11-10"] and "Tracey TUCKER" in kept["aliases"]
    log = {d["id"]: d for d in list_decisions(graph)}[done.id]
    assert len(log["conflicts"]) == 4 and any("child" in c for c in log["conflicts"])
    assert log["kept_values"] == list(done.kept)
    undo(graph, done.id, user="a1", reason="the girl is not him")
    assert _plain(graph) == before


def test_same_person_merge_needs_no_option_and_says_what_it_kept(graph: Store) -> None:
    done = merge(graph, HILL_A, HILL_B, reason="misspelt, day and month swapped", user="a")
    assert done.conflicts == ()
    assert done.kept == ("kept name Amy HIL of B; A's Amy HILL kept in aliases",
                         "kept dob 1988-04-03 of B; A's 1988-03-04 kept in other_dobs")
    p = graph.read_text("MATCH (p:Person {uid: $u}) RETURN p", {"u": HILL_B})[0]["p"]
    assert p["other_dobs"] == ["1988-03-04"] and p["dob"] == "1988-04-03"
    misspelt = merge(graph, SMYTH, "N1", reason="misspelt", user="a")  # same dob
    assert misspelt.conflicts == () and misspelt.kept == (
        "kept name Jordan SMITH of B; A's Jordan SMYTH kept in aliases",)


def test_merged_away_uid_says_where_it_went(graph: Store) -> None:
    done = merge(graph, SMYTH, SMITH, reason="misspelt", user="a")
    for call in (lambda: merge(graph, SMYTH, HILL_A, reason="x", user="a"),
                 lambda: reject(graph, SMYTH, HILL_A, reason="x", user="a")):
        with pytest.raises(NotFound, match=f"{SMYTH} was merged into {SMITH} by decision "
                                           f"{done.id}"):
            call()
    with pytest.raises(NotFound, match="no person or entity"):
        merge(graph, "Person:nd:nobody|2000-01-01", SMITH, reason="x", user="a")


def test_reject_again_records_the_new_reason(graph: Store) -> None:
    first = reject(graph, HILL_A, HILL_B, reason="sisters", user="pc1")
    same = reject(graph, HILL_B, HILL_A, reason=None, user="pc2")
    assert same.id == first.id and not same.detail["reason_updated"]
    assert same.detail["reason"] == "sisters"
    again = reject(graph, HILL_B, HILL_A, reason="twins, school records", user="pc2")
    assert again.id == first.id and again.detail["reason_updated"]
    log = {d["id"]: d for d in list_decisions(graph)}[first.id]
    assert log["reason"] == "twins, school records"
    assert len(log["earlier_reasons"]) == 1 and log["earlier_reasons"][0].startswith(
        "sisters (pc1, ")
    # merging a rejected pair is a conflict to name
    with pytest.raises(MergeConflicts, match="rejected: recorded as different by decision"):
        merge(graph, HILL_A, HILL_B, reason="one woman after all", user="pc3")
    lifted = undo(graph, first.id, user="pc3", reason="same woman, checked")
    assert {d["id"]: d for d in list_decisions(graph)}[lifted.id]["reason"] == \
        "same woman, checked"


def test_forced_undo_keeps_what_later_reports_added(graph: Store, settings: Settings,
                                                    tmp_path: Path) -> None:
    done = merge(graph, SMYTH, SMITH, reason="misspelt", user="a")
    # R9 names the kept record (by its nominal ref): a new EXPLOITS report on a link the
    # merge combined, and a phone only the merged-away record used before
    later = report("R9", [_p("a", "Jordan SMITH", "1990-02-11", nominal_ref="N1"),
                          _p("c", "Child A", "2009-06-30", "victim"),
                          {"id": "ph", "type": "Phone", "number": "07700 900124"}],
                   [{"from": "a", "to": "c", "type": "EXPLOITS"},
                    {"from": "a", "to": "ph", "type": "USES"}], date="2025-05-01")
    ingest([write_jsonl(tmp_path / "later.jsonl", [later])], settings=settings, store=graph)
    with pytest.raises(GraphintelError) as refused:
        undo(graph, done.id, user="a")
    text = refused.value.message()
    assert "has changed since the merge" in text
    assert f"R9 added to EXPLOITS -> {VICTIM}" in text
    assert f"R9 added to USES -> {PHONE_2}" in text
    assert "(R9)" in text and "--force" in text, text
    forced = undo(graph, done.id, user="a", reason="checked R9", force=True)
    assert any("R9" in line for line in forced.detail["kept_since"])
    smith, smyth = _links(graph, SMITH), _links(graph, SMYTH)
    assert ("EXPLOITS", "out", VICTIM, ("R1", "R9")) in smith
    assert ("USES", "out", PHONE_2, ("R9",)) in smith
    assert ("MENTIONS", "in", "R9", ()) in smith
    assert ("EXPLOITS", "out", VICTIM, ("R2",)) in smyth
    assert ("USES", "out", PHONE_2, ("R2",)) in smyth
    assert not any(o == "R9" or "R9" in refs for _, _, o, refs in smyth)
    link = graph.read_text(
        "MATCH (:Person {uid: $a})-[r:EXPLOITS]->(:Person {uid: $c}) RETURN properties(r) AS r",
        {"a": SMITH, "c": VICTIM})[0]["r"]
    assert (link["first_seen"], link["last_seen"], link["count"]) == (
        "2025-01-10", "2025-05-01", 2)
    log = {d["id"]: d for d in list_decisions(graph)}
    assert log[forced.id]["reason"] == "checked R9"


def test_cli_merge_refusal_despite_and_decisions_table(graph: Store,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    from typer.testing import CliRunner

    from graphintel.cli.app import main
    from graphintel.cli.resolve_cmd import resolve_app

    assert main(["resolve", "merge", CHILD, "N0566643", "--reason", "same surname"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "dob: dates of birth differ" in err
    assert "child_adult: A (Tracey TUCKER) is a child" in err and "--despite" in err
    runner = CliRunner()
    ok = runner.invoke(resolve_app, ["merge", CHILD, "N0566643", "--reason", "same surname",
                                     "--despite", "dob,child_adult", "--despite",
                                     "gender,not_candidate"])
    assert ok.exit_code == 0, ok.output
    assert "merged despite: child_adult: A (Tracey TUCKER) is a child" in ok.output
    assert "kept dob 1983-02-01 of B; A's 2010-11-10 kept in other_dobs" in ok.output
    decision = ok.output.split("undo with: graphintel resolve undo ")[1].split()[0]
    undone = runner.invoke(resolve_app, ["undo", decision, "--reason", "not him"])
    assert undone.exit_code == 0, undone.output
    table = runner.invoke(resolve_app, ["decisions"], terminal_width=80)
    assert table.exit_code == 0
    ids = [d["id"] for d in list_decisions(graph)]
    assert len(ids) == 2 and all(i in table.output for i in ids), table.output
