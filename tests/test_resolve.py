"""Entity resolution against a real Neo4j: candidates, reject, merge, undo, analysis."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import project
from graphintel.config import Settings
from graphintel.errors import GraphintelError, NotFound
from graphintel.ingest import ingest
from graphintel.resolve import find_candidates, list_decisions, merge, reject, undo
from graphintel.store import Store
from tests.graph_helpers import fingerprint, report, write_jsonl
from tests.graph_helpers import links_at as _links
from tests.graph_helpers import person as _p

SMITH = "Person:ref:N1"
SMYTH = "Person:nd:jordan smyth|1990-02-11"
SMITH_1975 = "Person:nd:jordan smith|1975-06-03"
WEBB = "Person:nd:dean webb|1985-01-01"
CHILD = "Person:nd:child a|2009-06-30"
BROWN_1 = "Person:nd:kyle brown|1992-03-04"
BROWN_2 = "Person:nd:kyle brown|1992-04-03"
DWAYNE = "Person:nd:dwayne price|1980-05-05"
WAYNE = "Person:n:wayne price"
KELLY = "Person:nd:marcus kelly|1979-01-01"
TYLER = "Person:n:tyler jones"
WILSON_1 = "Person:nd:chloe wilson|2008-01-01"
WILSON_2 = "Person:nd:chloe wilson|2001-09-15"


def _reports() -> list[dict[str, Any]]:
    home = {"id": "h", "type": "Location", "address": "1 High Street", "postcode": "BA1 1AA",
            "kind": "home_address"}
    return [
        report("R1", [_p("a", "Jordan SMITH", "1990-02-11", "suspect", nominal_ref="N1",
                         aliases=["JJ"]),
                      _p("c", "Child A", "2009-06-30", "victim"),
                      _p("w", "Dean WEBB", "1985-01-01"),
                      {"id": "ph", "type": "Phone", "number": "07700 900123"}, home],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "w", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "ph", "type": "USES"},
                {"from": "a", "to": "h", "type": "LIVES_AT"}], date="2025-01-10"),
        report("R2", [_p("a", "Jordan SMYTH", "1990-02-11", "suspect"),
                      _p("c", "Child A", "2009-06-30", "victim"),
                      _p("w", "Dean WEBB", "1985-01-01"),
                      _p("b", "Jordan SMITH", "1990-02-11", nominal_ref="N1"),
                      {"id": "ph", "type": "Phone", "number": "07700 900124"}],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "w", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "ph", "type": "USES"}], date="2025-03-20"),
        report("R3", [_p("a", "Jordan SMITH", "1975-06-03", "witness")], date="2025-02-01",
               narrative="Jordan Smyth was seen with the witness."),
        report("R4", [_p("a", "Kyle BROWN", "1992-03-04"), _p("b", "Kyle BROWN", "1992-04-03")]),
        report("R5", [_p("a", "Dwayne PRICE", "1980-05-05"), _p("b", "Wayne Price"),
                      {"id": "ph", "type": "Phone", "number": "07700 900200"},
                      {"id": "h", "type": "Location", "address": "5 Mill Lane",
                       "postcode": "BA2 2BB"}],
               [{"from": "a", "to": "ph", "type": "USES"}, {"from": "b", "to": "ph",
                                                            "type": "USES"},
                {"from": "a", "to": "h", "type": "LIVES_AT"},
                {"from": "b", "to": "h", "type": "LIVES_AT"}]),
        report("R6", [_p("a", "Marcus KELLY", "1979-01-01", aliases=["Tyler Jones"]),
                      _p("b", "Tyler JONES")]),
        report("R7", [_p("a", "Chloe WILSON", "2008-01-01", "victim"),
                      _p("b", "Chloe WILSON", "2001-09-15")]),
    ]


@pytest.fixture()
def graph(store: Store, settings: Settings, tmp_path: Path) -> Store:
    summary = ingest([write_jsonl(tmp_path / "r.jsonl", _reports())], settings=settings,
                     store=store)
    assert summary.ok
    return store


def _pairs(store: Store, kind: str = "person", **kw: Any) -> dict[frozenset[str], Any]:
    return {frozenset((c.a, c.b)): c for c in find_candidates(store, kind, **kw).candidates}


def _without_decisions(store: Store) -> tuple[dict[str, Any], dict[str, int]]:
    fp = fingerprint(store)
    fp["nodes"] = [n for n in fp["nodes"] if '"MergeDecision"' not in n]
    counts = store.counts()
    dec = store.read_text("MATCH (d:MergeDecision) RETURN count(d) AS n, "
                          "coalesce(sum(size(keys(d))), 0) AS p", {})[0]
    counts["nodes"] -= dec["n"]
    counts["node_properties"] -= dec["p"]
    return fp, counts


def test_candidates_by_each_rule(graph: Store) -> None:
    found = _pairs(graph)
    misspelt = found[frozenset((SMITH, SMYTH))]
    assert "name_dob" in misspelt.rules and misspelt.score >= 0.9
    assert "same date of birth 1990-02-11" in misspelt.evidence
    swapped = found[frozenset((BROWN_1, BROWN_2))]
    assert swapped.rules == ("name_near_dob",)
    assert any("day and month swapped" in e for e in swapped.evidence)
    shared = found[frozenset((DWAYNE, WAYNE))]
    assert "phone_address" in shared.rules
    assert "both use Phone:+447700900200" in shared.evidence
    assert any(e.startswith("both live at Location:BA2 2BB|5 mill lane") for e in shared.evidence)
    alias = found[frozenset((KELLY, TYLER))]
    assert alias.rules == ("alias",) and alias.score >= 0.8
    assert any("alias 'Tyler Jones'" in e for e in alias.evidence)
    # common names, different dates of birth: never proposed
    for pair in ((SMITH, SMITH_1975), (SMYTH, SMITH_1975), (WILSON_1, WILSON_2)):
        assert frozenset(pair) not in found, pair
    assert set(found) == {frozenset(p) for p in ((SMITH, SMYTH), (BROWN_1, BROWN_2),
                                                 (DWAYNE, WAYNE), (KELLY, TYLER))}
    stats = find_candidates(graph).stats
    assert stats["pairs_compared"] < stats["all_pairs"]
    assert [c.score for c in find_candidates(graph).candidates] == sorted(
        (c.score for c in found.values()), reverse=True)


def test_rejected_pair_is_not_proposed_again(graph: Store) -> None:
    done = reject(graph, BROWN_2, BROWN_1, reason="twins, checked with school", user="pc1")
    assert (done.a_uid, done.b_uid) == (BROWN_1, BROWN_2)
    assert frozenset((BROWN_1, BROWN_2)) not in _pairs(graph)
    assert find_candidates(graph).stats["rejected_skipped"] == 1
    again = reject(graph, BROWN_1, BROWN_2, reason=None, user="pc2")
    assert again.id == done.id and again.detail["existing"]
    log = {d["id"]: d for d in list_decisions(graph)}
    assert log[done.id]["user"] == "pc1" and log[done.id]["reason"].startswith("twins")
    assert log[done.id]["kind"] == "reject" and log[done.id]["at"]
    lifted = undo(graph, done.id, user="pc3", reason="school record was wrong")
    assert lifted.detail["undone_kind"] == "reject"
    assert frozenset((BROWN_1, BROWN_2)) in _pairs(graph)


def test_merge_keeps_every_link_role_alias_and_ref(graph: Store) -> None:
    a_links, b_links = _links(graph, SMYTH), _links(graph, SMITH)
    assert ("ASSOCIATE_OF", "out", SMITH, ("R2",)) in a_links
    before_graph = project(graph).graph
    assert SMYTH in before_graph and SMITH in before_graph
    done = merge(graph, SMYTH, "N1", reason="same man, misspelt in R2", user="analyst1")
    assert done.dropped == 1  # SMYTH-[:ASSOCIATE_OF]->SMITH would be a self-link
    assert graph.read_text("MATCH (p:Entity {uid: $u}) RETURN p", {"u": SMYTH}) == []
    assert _links(graph, SMITH) == {
        ("EXPLOITS", "out", CHILD, ("R1", "R2")),
        ("ASSOCIATE_OF", "out", WEBB, ("R1", "R2")),
        ("USES", "out", "Phone:+447700900123", ("R1",)),
        ("USES", "out", "Phone:+447700900124", ("R2",)),
        ("LIVES_AT", "out", "Location:BA1 1AA|1 high street", ("R1",)),
        ("MENTIONS", "in", "R1", ()), ("MENTIONS", "in", "R2", ()),
    }
    assert {(t, d, o) for t, d, o, _ in b_links if o != SMYTH} | {
        (t, d, o) for t, d, o, _ in a_links if o != SMITH} == {
        (t, d, o) for t, d, o, _ in _links(graph, SMITH)}
    p = graph.read_text("MATCH (p:Person {uid: $u}) RETURN p", {"u": SMITH})[0]["p"]
    assert set(p["roles"]) == {"suspect", "associate"}
    assert set(p["aliases"]) == {"JJ", "Jordan SMYTH"}
    assert p["aliases_text"] == "".join(f"{a} ; " for a in p["aliases"])
    assert p["merged_uids"] == [SMYTH] and p["nominal_ref"] == "N1"
    link = graph.read_text(
        "MATCH (:Person {uid: $a})-[r:EXPLOITS]->(:Person {uid: $c}) RETURN properties(r) AS r", {
            "a": SMITH, "c": CHILD})[0]["r"]
    assert (link["first_seen"], link["last_seen"], link["count"]) == (
        "2025-01-10", "2025-03-20", 2)
    mention = graph.read_text("MATCH (:Report {ref: 'R2'})-[m:MENTIONS]->(:Person {uid: $u}) "
                              "RETURN m.roles AS roles", {"u": SMITH})
    assert len(mention) == 1 and set(mention[0]["roles"]) == {"suspect", "associate"}
    suggested = graph.read_text("MATCH (r:Report {ref: 'R3'}) RETURN r.suggested_people AS s",
                                {})
    assert suggested == [{"s": [SMITH]}]
    after = project(graph).graph
    assert after.number_of_nodes() == before_graph.number_of_nodes() - 1
    assert SMYTH not in after and after.has_edge(SMITH, CHILD) and after.has_edge(SMITH, WEBB)
    decision = {d["id"]: d for d in list_decisions(graph)}[done.id]
    assert (decision["kind"], decision["user"], decision["a_uid"], decision["b_uid"]) == (
        "merge", "analyst1", SMYTH, SMITH)
    assert decision["reason"] == "same man, misspelt in R2" and decision["status"] == "applied"


def test_merge_then_undo_restores_the_graph_exactly(graph: Store) -> None:
    from graphintel.analysis.run import run_analysis

    run_analysis(graph)  # stored scores link to people too: (:Score)-[:FOR]->(:Person)
    assert graph.read_text("MATCH (:Score)-[:FOR]->(p {uid: $u}) RETURN count(*) AS n",
                           {"u": SMYTH}) == [{"n": 1}]
    fp, counts = _without_decisions(graph)
    first = merge(graph, SMYTH, SMITH, reason="misspelt", user="a1")
    assert first.scores == 1  # the past run scored SMYTH: that score is not SMITH's
    assert graph.read_text("MATCH (:Score)-[:FOR]->(p {uid: $u}) RETURN count(*) AS n",
                           {"u": SMITH}) == [{"n": 1}]
    second = merge(graph, WAYNE, DWAYNE, reason="same household, same phone", user="a1")
    third = merge(graph, SMITH, SMITH_1975, reason="testing a chain", user="a1",
                  despite="dob,not_candidate")
    assert _without_decisions(graph) != (fp, counts)
    with pytest.raises(GraphintelError, match=f"later merges .*{third.id}"):
        undo(graph, first.id, user="a2")
    undo(graph, third.id, user="a2", reason="wrong")
    undo(graph, first.id, user="a2", reason="not the same man after all")
    undo(graph, second.id, user="a2", reason="checked")
    assert _without_decisions(graph) == (fp, counts)
    log = {d["id"]: d for d in list_decisions(graph)}
    assert log[first.id]["status"] == "undone" and log[first.id]["undone_by"] == "a2"
    assert sum(1 for d in log.values() if d["kind"] == "undo") == 3
    with pytest.raises(GraphintelError, match="already undone"):
        undo(graph, first.id, user="a2")
    # the pair is proposed again once the merge is undone
    assert frozenset((SMITH, SMYTH)) in _pairs(graph)


def test_clear_errors(graph: Store) -> None:
    with pytest.raises(NotFound, match="no merge or reject decision 'merge-nope'"):
        undo(graph, "merge-nope", user="a")
    with pytest.raises(GraphintelError, match="are the same entity"):
        merge(graph, "N1", SMITH, reason="x", user="a")
    with pytest.raises(GraphintelError, match="are the same entity"):
        reject(graph, SMITH, SMITH, reason=None, user="a")
    with pytest.raises(NotFound, match="no person or entity"):
        merge(graph, "N404", SMITH, reason="x", user="a")
    with pytest.raises(GraphintelError, match="cannot merge a Phone into a Person"):
        merge(graph, "Phone:+447700900123", SMITH, reason="x", user="a")
    with pytest.raises(GraphintelError, match="needs a reason"):
        merge(graph, SMYTH, SMITH, reason="  ", user="a")
    done = merge(graph, SMYTH, SMITH, reason="x", user="a")
    undone = undo(graph, done.id, user="a")
    with pytest.raises(GraphintelError, match="cannot itself be undone"):
        undo(graph, undone.id, user="a")


def test_undo_refuses_to_lose_later_intelligence(graph: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    done = merge(graph, SMYTH, SMITH, reason="misspelt", user="a")
    later = report("R9", [_p("a", "Jordan SMITH", "1990-02-11", nominal_ref="N1"),
                          _p("c", "Child A", "2009-06-30", "victim")],
                   [{"from": "a", "to": "c", "type": "EXPLOITS"}], date="2025-05-01")
    ingest([write_jsonl(tmp_path / "later.jsonl", [later])], settings=settings, store=graph)
    with pytest.raises(GraphintelError, match="has changed since the merge"):
        undo(graph, done.id, user="a")
    forced = undo(graph, done.id, user="a", reason="checked R9", force=True)
    assert forced.detail["restored"] == [SMYTH, SMITH]
    assert ("EXPLOITS", "out", CHILD, ("R2",)) in _links(graph, SMYTH)
    # a merged person named again by a new load joins the kept record (the merge gave it
    # the keys that named the one merged away) instead of reappearing
    again = merge(graph, SMYTH, SMITH, reason="misspelt", user="a")
    back = report("R10", [_p("a", "Jordan SMYTH", "1990-02-11")])
    ingest([write_jsonl(tmp_path / "back.jsonl", [back])], settings=settings, store=graph)
    assert not graph.read_text("MATCH (p:Person {uid: $uid}) RETURN p", {"uid": SMYTH})
    assert graph.read_text("MATCH (:Report {ref: 'R10'})-[:MENTIONS]->(p:Person) "
                           "RETURN p.uid AS uid", {}) == [{"uid": SMITH}]
    undo(graph, again.id, user="a", reason="checked R10", force=True)
    assert graph.read_text("MATCH (p:Person {uid: $uid}) RETURN p.uid AS uid",
                           {"uid": SMYTH}) == [{"uid": SMYTH}]


def test_phone_and_location_candidates(store: Store, settings: Settings,
                                       tmp_path: Path) -> None:
    def place(eid: str, address: str, postcode: str = "BA1 1AA") -> dict[str, Any]:
        return {"id": eid, "type": "Location", "address": address, "postcode": postcode}

    reports = [
        report("P1", [{"id": "a", "type": "Phone", "number": "07700 900123"},
                      {"id": "b", "type": "Phone", "number": "O7700 900123"},
                      {"id": "c", "type": "Phone", "number": "07700 9OO456"},
                      {"id": "d", "type": "Phone", "number": "07700 900456"},
                      {"id": "e", "type": "Phone", "number": "07700 900789"}]),
        report("L1", [place("a", "1 High Street"), place("b", "1 High St."),
                      place("c", "11 High Street"), place("d", "Kebab House, 11 High St"),
                      place("e", "1 High Street", "BA2 2BB"), place("f", "2 Low Road")]),
    ]
    ingest([write_jsonl(tmp_path / "x.jsonl", reports)], settings=settings, store=store)
    phones = _pairs(store, "phone")
    # an O that begins the number is not guessed at load: kept as written, and proposed
    flagged = phones[frozenset(("Phone:+447700900123", "Phone:O7700 900123"))]
    assert flagged.score == 0.95
    assert "same digits 07700900123 once formatting is ignored" in flagged.evidence
    assert any("unparseable_phone" in e for e in flagged.evidence)
    # an O between digits is read as a zero at load: one phone, nothing to propose
    letters = store.read_text("MATCH (p:Phone) WHERE '07700 9OO456' IN p.variants "
                              "RETURN p.uid AS uid", {})[0]["uid"]
    assert letters == "Phone:+447700900456"
    assert set(phones) == {frozenset(("Phone:+447700900123", "Phone:O7700 900123"))}
    places = _pairs(store, "location")
    same = places[frozenset(("Location:BA1 1AA|1 high street", "Location:BA1 1AA|1 high st"))]
    assert "same postcode BA1 1AA" in same.evidence and same.score >= 0.85
    venue = frozenset(("Location:BA1 1AA|11 high street",
                       "Location:BA1 1AA|kebab house 11 high st"))
    assert set(places) == {frozenset((same.a, same.b)), venue}
    # merging places works the same way and is undone the same way
    fp = fingerprint(store)
    done = merge(store, same.b, same.a, reason="same house", user="a")
    undo(store, done.id, user="a")
    after = fingerprint(store)
    after["nodes"] = [n for n in after["nodes"] if '"MergeDecision"' not in n]
    assert after == fp


def test_cli_records_decisions_in_the_audit_log(graph: Store, settings: Settings) -> None:
    import getpass
    import json
    from datetime import UTC, datetime

    from typer.testing import CliRunner

    from graphintel.audit import read_audit
    from graphintel.cli.resolve_cmd import resolve_app

    since = datetime.now(UTC).isoformat(timespec="seconds")
    runner = CliRunner()
    out = runner.invoke(resolve_app, ["candidates", "--format", "json", "--limit", "2"])
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    assert len(body["candidates"]) == 2 and body["stats"]["found"] == 4
    table = runner.invoke(resolve_app, ["candidates", "--min-score", "0.9"])
    assert table.exit_code == 0 and "2 person pairs at score >= 0.9" in table.output
    merged = runner.invoke(resolve_app, ["merge", SMYTH, "N1", "--reason", "misspelt"])
    assert merged.exit_code == 0, merged.output
    decision = merged.output.split("undo with: graphintel resolve undo ")[1].split()[0]
    rejected = runner.invoke(resolve_app, ["reject", BROWN_1, BROWN_2, "--reason", "twins"])
    assert rejected.exit_code == 0 and "rejected" in rejected.output
    listed = runner.invoke(resolve_app, ["decisions", "--format", "json"])
    kinds = [d["kind"] for d in json.loads(listed.output)]
    assert sorted(kinds) == ["merge", "reject"]
    undone = runner.invoke(resolve_app, ["undo", decision])
    assert undone.exit_code == 0 and f"undid merge {decision}" in undone.output
    bad = runner.invoke(resolve_app, ["candidates", "--kind", "vehicle"])
    assert isinstance(bad.exception, GraphintelError)
    lines = [e for e in read_audit(settings, since=since)
             if str(e.get("command", "")).startswith("resolve")]
    by_command = {e["command"]: e for e in lines}
    assert by_command["resolve merge"]["details"]["decision"] == decision
    assert by_command["resolve merge"]["params"]["reason"] == "misspelt"
    assert by_command["resolve merge"]["user"] == getpass.getuser()
    assert by_command["resolve undo"]["details"]["undoes"] == decision
    assert by_command["resolve reject"]["records"] == 1
    assert {"resolve candidates", "resolve decisions"} <= set(by_command)
    stored = {d["id"]: d for d in list_decisions(graph)}[decision]
    assert stored["user"] == getpass.getuser() and stored["status"] == "undone"
