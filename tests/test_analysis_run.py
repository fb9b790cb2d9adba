"""The whole analysis against Neo4j: projection, result document, write-back, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphintel.analysis.projection import project
from graphintel.analysis.stored import (
    LINK_DETAIL_PART,
    NETWORK_VICTIMS_PART,
    list_runs,
    load_run,
    pack_parts,
    pack_result,
)
from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl


def person(i: str, name: str, dob: str, role: str) -> dict[str, str]:
    return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}


# Organiser O exploits V1 directly, and reaches V2 through recruiter R (a shared phone);
# peripheral suspect P only knows associate A. V3 is linked to nobody.
WORLD = [
    report("R1", [person("o", "Olly ORG", "1980-01-01", "suspect"),
                  person("v", "Vera ONE", "2010-01-01", "victim")],
           [{"from": "o", "to": "v", "type": "EXPLOITS"}], grading="1AP"),
    report("R2", [person("o", "Olly ORG", "1980-01-01", "suspect"),
                  person("r", "Rita REC", "2001-01-01", "suspect"),
                  {"id": "ph", "type": "Phone", "number": "07700 900001"}],
           [{"from": "o", "to": "ph", "type": "USES"}, {"from": "r", "to": "ph", "type": "USES"}],
           grading="2BP"),
    report("R3", [person("r", "Rita REC", "2001-01-01", "suspect"),
                  person("w", "Wendy TWO", "2011-02-02", "victim")],
           [{"from": "r", "to": "w", "type": "EXPLOITS"}], grading="2BP"),
    report("R4", [person("p", "Pete PERI", "1990-03-03", "suspect"),
                  person("a", "Andy ASSOC", "1991-04-04", "associate")],
           [{"from": "p", "to": "a", "type": "ASSOCIATE_OF"}], grading="3DP"),
    report("R5", [person("x", "Xena THREE", "2012-05-05", "victim")], grading="2BP"),
    report("R6", [person("o", "Olly ORG", "1980-01-01", "suspect"),
                  person("f", "Fake LINK", "2010-06-06", "victim")],
           [{"from": "o", "to": "f", "type": "EXPLOITS"}], grading="2EP"),
]


@pytest.fixture()
def loaded(store: Store, settings: Settings, tmp_path: Path) -> Store:
    ingest([write_jsonl(tmp_path / "w.jsonl", WORLD)], settings=settings, store=store)
    return store


def uid(name: str, dob: str) -> str:
    return f"Person:nd:{name.lower()}|{dob}"


def test_projection_has_the_known_edges(loaded: Store) -> None:
    g = project(loaded).graph
    o, v, r, w = (uid("olly org", "1980-01-01"), uid("vera one", "2010-01-01"),
                  uid("rita rec", "2001-01-01"), uid("wendy two", "2011-02-02"))
    assert g.edges[o, v]["kinds"] == ["EXPLOITS"] and g.edges[o, v]["refs"] == ["R1"]
    assert g.edges[o, r]["kinds"] == ["shared_phone"]
    assert g.edges[o, r]["via"][0]["key"] == "Phone:+447700900001"
    assert g.has_edge(r, w)
    # intelligence graded E (suspected false) never makes a link
    assert not g.has_edge(o, uid("fake link", "2010-06-06"))
    assert g.edges[o, v]["weight"] > g.edges[o, r]["weight"]  # 1A exploitation vs 2B phone


def test_result_ranks_the_organiser_first_with_evidence(loaded: Store) -> None:
    done = analyse(loaded)
    targets = done.result["targets"]
    assert [t["name"] for t in targets][:2] == ["Olly ORG", "Rita REC"]
    assert targets[-1]["name"] == "Pete PERI"
    olly = targets[0]
    linked = {v["name"]: v for v in olly["linked_victims"]}
    assert set(linked) == {"Vera ONE"} and linked["Vera ONE"]["contact"] is True
    # Wendy is reachable only through Rita: in the network, no direct evidence of contact
    linked = {v["name"]: v for v in olly["network_victims"]} | linked
    assert set(linked) == {"Vera ONE", "Wendy TWO"} and not linked["Wendy TWO"]["contact"]
    assert linked["Vera ONE"]["distance"] == 1 and linked["Wendy TWO"]["distance"] == 2
    assert [p["name"] for p in linked["Wendy TWO"]["path"]] == ["Olly ORG", "Rita REC",
                                                                 "Wendy TWO"]
    assert linked["Wendy TWO"]["evidence"][1]["refs"] == ["R3"]
    assert "linked to 1 child by direct evidence of contact, 1 by exploitation reports" in (
        olly["reasons"])
    assert "1 more person at risk within 2 links in their network, no direct evidence" in (
        olly["reasons"])
    victims = {v["name"]: v for v in done.result["victims"]}
    assert victims["Xena THREE"]["suspects"] == []
    for key in ("rank", "name", "dob", "nominal_ref", "score", "reasons", "community"):
        assert key in olly


def test_runs_are_stored_and_deterministic(loaded: Store, tmp_path: Path) -> None:
    first = analyse(loaded)
    second = analyse(loaded)
    assert first.id != second.id
    assert [r["id"] for r in list_runs(loaded)] == [second.id, first.id] or \
        {r["id"] for r in list_runs(loaded)} == {first.id, second.id}
    strip = lambda d: {k: v for k, v in d.items() if k != "run"}  # noqa: E731
    assert json.dumps(strip(first.result)) == json.dumps(strip(second.result))
    assert strip(load_run(loaded, first.id)) == strip(first.result)
    scores = loaded.read_text(
        "MATCH (:AnalysisRun {id: $id})-[:SCORED]->(s:Score)-[:FOR]->(p:Person) "
        "RETURN p.name AS name, s.rank AS rank, s.community AS c ORDER BY name",
        {"id": first.id})
    assert len(scores) == project(loaded).graph.number_of_nodes()
    assert {s["name"]: s["rank"] for s in scores}["Olly ORG"] == 1
    assert all(s["c"] is not None for s in scores)


def test_disrupt_removing_the_recruiter_cuts_wendy_off(loaded: Store) -> None:
    out = disrupt(loaded, ["Rita REC"], greedy=2)
    removal = out["removal"]
    assert [v["name"] for v in removal["victims_cut_off"]] == ["Wendy TWO"]
    assert removal["pairs_before"] - removal["pairs_after"] == len(removal["pairs_cut"]) > 0
    assert out["greedy"][0]["name"] in {"Olly ORG", "Rita REC"}


def test_same_graph_same_bytes_across_processes(store: Store, settings: Settings,
                                                tmp_path: Path) -> None:
    """Two processes with different hash seeds write the same result, apart from the run."""
    import os
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    ingest([repo / "sample" / "reports.jsonl", repo / "sample" / "call_data.csv"],
           settings=settings, store=store)
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"result-{seed}.json"
        subprocess.run([sys.executable, str(repo / "cli.py"), "analyse", "--no-write",
                        "--json", str(out)], check=True, capture_output=True, cwd=repo,
                       env={**os.environ, "PYTHONHASHSEED": seed}, timeout=300)
        result = json.loads(out.read_text())
        result.pop("run")
        outputs.append(json.dumps(result, sort_keys=True))
    assert outputs[0] == outputs[1]


def test_stored_result_parts_read_alone_and_runs_stored_whole_still_read(loaded: Store) -> None:
    done = analyse(loaded)
    some = load_run(loaded, done.id, parts=["targets", "communities"])
    assert list(some) == ["run", "targets", "communities"]
    assert some["targets"] == done.result["targets"]
    assert some["communities"] == done.result["communities"]
    props = loaded.read_text(
        "MATCH (r:AnalysisRun {id: $id}) RETURN r.result_parts AS parts, "
        "size(r.result_victims) AS victims_bytes, r.result_json AS whole", {"id": done.id})[0]
    assert props["parts"] == [*done.result, NETWORK_VICTIMS_PART, LINK_DETAIL_PART]
    assert props["whole"] is None
    # the targets' network victims are stored apart: read back with the targets, or left
    # out (empty) for the agenda and the charts
    assert any(t["network_victims"] for t in done.result["targets"])
    slim = load_run(loaded, done.id, parts=["targets"], network_victims=False)
    assert all(t["network_victims"] == [] for t in slim["targets"])
    assert [{**t, "network_victims": []} for t in done.result["targets"]] == slim["targets"]
    # how each linked child is linked (path, evidence) is stored apart too: read back in
    # place, or left out (empty) for the comparison with an earlier run
    assert any(t["linked_victims"] for t in done.result["targets"])
    lean = load_run(loaded, done.id, parts=["targets"], link_detail=False)
    assert [[(lv["uid"], lv["distance"], lv["path"], lv["evidence"])
             for lv in t["linked_victims"]] for t in lean["targets"]] == \
        [[(lv["uid"], lv["distance"], [], []) for lv in t["linked_victims"]]
         for t in done.result["targets"]]
    assert load_run(loaded, done.id) == done.result
    assert json.dumps(load_run(loaded, done.id)) == json.dumps(done.result)  # key order too
    assert props["victims_bytes"] < len(json.dumps(done.result["victims"])) / 2
    # a run stored by an earlier version: the whole document as one JSON text
    old = {**done.result, "run": {**done.result["run"], "id": "run-stored-whole"}}
    loaded.write("create_analysis_run", run={"id": "run-stored-whole",
                                             "created_at": "2000-01-01T00:00:00Z",
                                             "result_json": json.dumps(old)})
    loaded.write_tx(lambda tx: tx.run("complete_analysis_run", run_id="run-stored-whole",
                                      scores=0))
    assert load_run(loaded, "run-stored-whole") == old
    assert load_run(loaded, "run-stored-whole", parts=["people"]) == {
        "run": old["run"], "people": old["people"]}


def test_parts_packed_for_the_digest_are_stored_as_packed_whole() -> None:
    # the analysis packs every part but the run (feeding its content digest) before the run
    # has an id; storing reuses them: the same properties as packing the whole document
    import hashlib

    result = {"run": {"id": ""}, "people": [{"uid": "p1", "name": "Ann Ó Sé"}],
              "targets": [{"uid": "p2", "linked_victims": [
                  {"uid": "c1", "path": [{"uid": "p2"}, {"uid": "c1"}],
                   "evidence": [{"refs": ["IR/1"]}]}], "network_victims": [{"uid": "c2"}]}]}
    first, second = hashlib.sha256(), hashlib.sha256()
    body = pack_parts(result, leave_out=["run"], digest=first)
    assert "run" not in body and first.hexdigest() != hashlib.sha256().hexdigest()
    result["run"]["id"] = "run-1"
    assert pack_result(result, body) == pack_result(result)
    pack_parts(result, leave_out=["run"], digest=second)
    assert second.hexdigest() == first.hexdigest()  # the digest ignores the run's id
    result["people"][0]["name"] = "Ann O Se"
    third = hashlib.sha256()
    pack_parts(result, leave_out=["run"], digest=third)
    assert third.hexdigest() != first.hexdigest()  # and follows the content
