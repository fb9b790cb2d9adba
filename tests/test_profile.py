"""Subject profiles on the known graph of tests/test_queries.py."""

from __future__ import annotations

import pytest

from graphintel.errors import NotFound
from graphintel.profile import profile
from graphintel.store import Store
from tests.test_queries import UID, world  # noqa: F401  (module-scoped fixture)


def test_profile_of_a_suspect(world: Store) -> None:  # noqa: F811
    p = profile(world, UID["jordan"])
    assert {k: p[k] for k in ("uid", "name", "dob", "nominal_ref", "aliases", "flags")} == {
        "uid": UID["jordan"], "name": "Jordan SMITH", "dob": "1990-02-11", "nominal_ref": "N100",
        "aliases": ["JJ"], "flags": []}
    assert p["roles"] == [{"role": "suspect", "reports": [
        {"ref": "ME/1", "date": "2025-02-28T18:00:00", "grading": "1AP"},
        {"ref": "IR/1", "date": "2025-03-01T21:40:00", "grading": "2BP"},
        {"ref": "IR/7", "date": "2025-03-06", "grading": "2BP"},
        {"ref": "IR/8", "date": "2025-03-08T22:30:00", "grading": "2BP"}]}]
    assert p["phones"] == [{"uid": "Phone:+447700900123", "name": "+447700900123", "link": "USES",
                            "detail": None, "first_seen": "2025-03-01T21:40:00",
                            "last_seen": "2025-03-08T22:30:00", "count": 2,
                            "refs": ["IR/1", "IR/8"], "rows": []}]
    assert [(v["name"], v["link"], v["detail"], v["refs"]) for v in p["vehicles"]] == [
        ("AB12CDE", "DRIVES", "silver Ford Fiesta", ["IR/1"])]
    assert p["addresses"] == []
    assert [(x["name"], x["refs"]) for x in p["places_seen"]] == [
        ("Central Park, BA2 3BB", ["IR/8"]), ("Kebab House, BA1 1AA", ["IR/1"])]
    assert [x["name"] for x in p["accounts"]] == ["snapchat:j_smith90"]
    assert [(a["name"], a["how"], a["refs"]) for a in p["associates"]] == [
        ("Amy Child", ["account contact snapchat:j_smith90 -MESSAGED-> snapchat:amy10 (1)",
                       "shared Event missing_episode 2025-02-28T18:00:00 "
                       "(INVOLVED_IN / SUBJECT_OF)"],
         ["IR/7", "ME/1"]),
        ("Kyle Brown", ["phone contact +447700900123 -CALLED-> +447700900555 (2)",
                        "phone contact +447700900123 <-CALLED- +447700900555 (1)",
                        "shared Vehicle AB12CDE (DRIVES / PASSENGER_IN)"],
         ["CDR/1", "IR/1", "IR/2"]),
    ]
    assert [(c["child"], c["links"], c["refs"]) for c in p["linked_children"]] == [
        ("Amy Child", 1, ["ME/1"])]
    assert p["missing_episodes"] == []
    assert p["analysis"] == {"status": "no analysis run yet"}


def test_profile_of_a_child(world: Store) -> None:  # noqa: F811
    p = profile(world, UID["amy"])
    assert p["roles"] == [{"role": "victim", "reports": [
        {"ref": "ME/1", "date": "2025-02-28T18:00:00", "grading": "1AP"},
        {"ref": "IR/1", "date": "2025-03-01T21:40:00", "grading": "2BP"},
        {"ref": "IR/7", "date": "2025-03-06", "grading": "2BP"},
        {"ref": "IR/8", "date": "2025-03-08T22:30:00", "grading": "2BP"},
        {"ref": "ME/3", "date": "2025-03-10T19:00:00", "grading": "1AP"}]}]
    assert [(a["name"], a["link"], a["detail"], a["refs"]) for a in p["addresses"]] == [
        ("12 Elm Road, BA3 4CC", "LIVES_AT", "home_address", ["ME/1", "ME/3"])]
    assert [(e["start"], e["found_at"], e["found_with"]) for e in p["missing_episodes"]] == [
        ("2025-03-10T19:00:00", ["Central Park, BA2 3BB"], []),
        ("2025-02-28T18:00:00", ["Kebab House, BA1 1AA"], ["Jordan SMITH"])]
    assert [a["name"] for a in p["associates"]] == ["Jordan SMITH"]
    assert p["linked_children"] == []  # no other child within 2 links of Amy
    kyle = profile(world, UID["kyle"])
    assert [(c["child"], c["links"]) for c in kyle["linked_children"]] == [
        ("Amy Child", 2), ("Beth Young", 2)]


def test_unknown_uid_is_not_found(world: Store) -> None:  # noqa: F811
    with pytest.raises(NotFound, match="graphintel search"):
        profile(world, "Person:ref:NOPE")


def test_profile_shows_the_latest_analysis_run(world: Store) -> None:  # noqa: F811
    # runs the analysis would write: an older one, then a newer one (by created_at)
    for run_id, created, score, rank in (("run-new", "2025-06-01T09:00:00Z", 81.5, 1),
                                         ("run-old", "2025-01-01T09:00:00Z", 10.0, 7)):
        world.write("create_analysis_run", run={"id": run_id, "created_at": created,
                                                "as_of": created[:10]})
        world.write_rows("write_scores", [
            {"uid": UID["jordan"], "props": {"score": score, "rank": rank, "community": 3,
                                             "reasons": [f"{run_id} reason"],
                                             "degree": 2.0, "betweenness": 0.5}},
            {"uid": UID["amy"], "props": {"community": 3, "is_victim": True,
                                          "protected": True}},
        ], run_id=run_id)
        world.write_tx(lambda tx, r=run_id: tx.run("complete_analysis_run", run_id=r, scores=2))
    measures = {"degree": 2.0, "strength": None, "betweenness": 0.5, "closeness": None,
                "pagerank": None, "kcore": None}
    assert profile(world, UID["jordan"])["analysis"] == {
        "status": "scored", "run_id": "run-new", "created_at": "2025-06-01T09:00:00Z",
        "as_of": "2025-06-01", "rank": 1, "score": 81.5, "reasons": ["run-new reason"],
        "network": 3, "measures": measures, "possibly_same_as": []}
    # a run that never completed (staged) is never the latest
    world.write("create_analysis_run", run={"id": "run-crashed",
                                            "created_at": "2025-07-01T09:00:00Z"})
    assert profile(world, UID["jordan"])["analysis"]["run_id"] == "run-new"
    amy = profile(world, UID["amy"])["analysis"]
    assert amy["status"].startswith("safeguarded: a child or a victim")
    assert amy["score"] is None and amy["rank"] is None
    assert profile(world, UID["beth"])["analysis"] == {
        "status": "not in the latest analysis run", "run_id": "run-new",
        "created_at": "2025-06-01T09:00:00Z", "as_of": "2025-06-01"}
