"""``graphintel path`` counts every shortest route, says how many are shown and what each
limit cut, on small graphs whose answers are known by hand."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from graphintel import evidence_paths
from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.errors import CypherFileError
from graphintel.evidence_paths import MAX_PATHS_SHOWN, EvidencePaths, path
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def _p(ref: str, name: str) -> dict[str, Any]:
    return {"id": ref, "type": "Person", "name": name, "dob": "1990-01-01", "role": "suspect",
            "nominal_ref": ref}


def _l(a: str, b: str, t: str) -> dict[str, Any]:
    return {"from": a, "to": b, "type": t}


def uid(ref: str) -> str:
    return f"Person:ref:{ref}"


# Four unconnected parts, one per case:
# - THREE: Ann and Bob joined by exactly three two-link routes, through Mo1, Mo2, Mo3;
# - LAYERS: Cat to Dan in three links, by 2 + 1 + 1 = 4 routes: Cat-Ed-Fay twice (a direct
#   link and a shared phone), Cat-Gus-Fay, Cat-Gus-Hal; Fay-Dan direct, Hal-Dan a shared car;
# - HUB: Ida, Jon and Kim live at one address (three sharers), Ida-Lou-Jon direct links;
# - Zoe, linked to no one.
GRAPH = [
    report("T/1", [_p("N11", "Ann THREE"), _p("N12", "Bob THREE"), _p("N13", "Mo1 THREE"),
                   _p("N14", "Mo2 THREE"), _p("N15", "Mo3 THREE")],
           [_l("N11", m, "ASSOCIATE_OF") for m in ("N13", "N14", "N15")]
           + [_l(m, "N12", "ASSOCIATE_OF") for m in ("N13", "N14", "N15")]),
    report("L/1", [_p("N21", "Cat LAYERS"), _p("N22", "Dan LAYERS"), _p("N23", "Ed LAYERS"),
                   _p("N24", "Gus LAYERS"), _p("N25", "Fay LAYERS"), _p("N26", "Hal LAYERS"),
                   {"id": "ph", "type": "Phone", "number": "07700 900777"},
                   {"id": "car", "type": "Vehicle", "vrm": "LY12 ERS"}],
           [_l("N21", "N23", "ASSOCIATE_OF"), _l("N21", "N24", "ASSOCIATE_OF"),
            _l("N23", "N25", "ASSOCIATE_OF"), _l("N23", "ph", "USES"), _l("N25", "ph", "USES"),
            _l("N24", "N25", "FAMILY_OF"), _l("N24", "N26", "ASSOCIATE_OF"),
            _l("N25", "N22", "ASSOCIATE_OF"), _l("N26", "car", "DRIVES"),
            _l("N22", "car", "DRIVES")]),
    report("H/1", [_p("N31", "Ida HUB"), _p("N32", "Jon HUB"), _p("N33", "Kim HUB"),
                   _p("N34", "Lou HUB"),
                   {"id": "home", "type": "Location", "address": "1 Hub Street",
                    "postcode": "BS1 1AA", "kind": "home_address"}],
           [_l("N31", "home", "LIVES_AT"), _l("N32", "home", "LIVES_AT"),
            _l("N33", "home", "LIVES_AT"), _l("N31", "N34", "ASSOCIATE_OF"),
            _l("N34", "N32", "ASSOCIATE_OF")]),
    report("Z/1", [_p("N41", "Zoe ALONE")]),
]


@pytest.fixture(scope="module")
def graph(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("routes")
    summary = ingest([write_jsonl(folder / "routes.jsonl", GRAPH)], settings=settings,
                     store=session_store)
    assert summary.ok, summary.as_dict()
    yield session_store


def people(found: EvidencePaths) -> list[list[str]]:
    return [[n["name"].split()[0] for n in p.nodes if n["label"] == "Person"]
            for p in found.paths]


def test_three_routes_two_shown_one_cut(graph: Store) -> None:
    found = path(graph, uid("N11"), uid("N12"), max_paths=2)
    assert (found.links, found.routes, found.routes_capped) == (2, 3, False)
    assert (found.shown, found.cut_by_max_paths, len(found.paths)) == (2, 1, 2)
    assert found.summary() == [
        "3 shortest routes (2 links each); showing 2 — 1 cut by --max-paths 2 "
        "(use --max-paths 3 to see them all)"]
    every = path(graph, uid("N11"), uid("N12"))
    assert (every.routes, every.shown, every.cut_by_max_paths) == (3, 3, 0)
    assert sorted(p[1] for p in people(every)) == ["Mo1", "Mo2", "Mo3"]
    assert every.summary() == ["3 shortest routes (2 links each); showing all 3"]
    # the same count from either end
    assert path(graph, uid("N12"), uid("N11"), max_paths=1).routes == 3


def test_every_way_of_making_a_link_is_a_route(graph: Store) -> None:
    found = path(graph, uid("N21"), uid("N22"))
    assert (found.links, found.routes, found.shown, found.cut_by_max_paths) == (3, 4, 4, 0)
    assert sorted(people(found)) == [["Cat", "Ed", "Fay", "Dan"], ["Cat", "Ed", "Fay", "Dan"],
                                     ["Cat", "Gus", "Fay", "Dan"], ["Cat", "Gus", "Hal", "Dan"]]
    # the two Cat-Ed-Fay routes differ in how Ed and Fay are linked
    assert len({tuple(r["type"] for r in p.rels) for p in found.paths}) == 4
    assert all(p.links == 3 for p in found.paths)
    one = path(graph, uid("N21"), uid("N22"), max_paths=1)
    assert (one.routes, one.shown, one.cut_by_max_paths) == (4, 1, 3)
    assert path(graph, uid("N21"), uid("N22"), 2).summary() == [
        "no route within 2 links (use --max-hops 3 to 8 to search further)"]


def test_the_count_stops_at_its_cap_and_says_so(graph: Store,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_paths, "ROUTE_COUNT_CAP", 3)
    found = path(graph, uid("N21"), uid("N22"), max_paths=2)
    assert (found.routes, found.routes_capped, found.count_cap) == (3, True, 3)
    assert (found.shown, found.cut_by_max_paths) == (2, 1)
    assert found.summary() == [
        "at least 3 shortest routes (3 links each; counting stops at 3); showing 2 — "
        f"at least 1 cut by --max-paths 2 (use --all to see {MAX_PATHS_SHOWN:,} of them)"]


def test_hubs_not_followed_are_named(graph: Store) -> None:
    found = path(graph, uid("N31"), uid("N32"), hub_people=2)
    assert (found.links, found.routes, found.shown) == (2, 1, 1)
    assert people(found) == [["Ida", "Lou", "Jon"]]
    assert found.hubs == [{"uid": found.hubs[0]["uid"], "label": "Location",
                           "name": "1 Hub Street, BS1 1AA", "sharers": 3, "link": 1,
                           "shared_by_b": True}]
    assert found.summary() == [
        "1 shortest route (2 links)",
        "1 hub not followed, shared by more than 2 people: routes through it are not counted "
        "(use --hub-people 3 to follow it)",
        "  Location 1 Hub Street, BS1 1AA: shared by 3 people, met at link 1; the second "
        "person shares it too (a route of 1 link through it)"]
    followed = path(graph, uid("N31"), uid("N32"), hub_people=3)
    assert (followed.links, followed.routes, followed.hubs) == (1, 1, [])
    assert [r["type"] for r in followed.paths[0].rels] == ["LIVES_AT", "LIVES_AT"]


def test_no_route(graph: Store) -> None:
    found = path(graph, uid("N11"), uid("N41"), 8)
    assert (found.links, found.routes, found.shown, found.paths, found.hubs) == (
        None, 0, 0, [], [])
    assert found.summary() == ["no route within 8 links"]


def test_limits_are_checked(graph: Store) -> None:
    for kwargs, flag in (({"max_paths": 0}, "--max-paths"),
                         ({"max_paths": MAX_PATHS_SHOWN + 1}, "--max-paths"),
                         ({"hub_people": 1}, "--hub-people"), ({"max_hops": 9}, "--max-hops")):
        with pytest.raises(CypherFileError, match=flag):
            path(graph, uid("N11"), uid("N12"), **kwargs)


def test_command_prints_the_counts(graph: Store, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["path", "Ann THREE", "Bob THREE", "--max-paths", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 shortest routes (2 links each); showing 2 — 1 cut by --max-paths 2 "
                          "(use --max-paths 3 to see them all)\nEvidence paths\n"), out
    assert main(["path", "N11", "N12", "--all"]) == 0
    assert capsys.readouterr().out.startswith("3 shortest routes (2 links each); showing all 3")
    assert main(["path", "N11", "N12", "--max-paths", "1", "-f", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert (data["routes"], data["shown"], data["cut_by_max_paths"], data["links"]) == (
        3, 1, 2, 2)
    assert len(data["paths"]) == 1 and data["paths"][0]["links"] == 2
    assert "3 shortest routes" in captured.err  # the summary stays off stdout
    assert main(["path", "N31", "N32", "--hub-people", "2"]) == 0
    assert "1 hub not followed" in capsys.readouterr().out
    assert main(["path", "N11", "N41"]) == 0
    assert capsys.readouterr().out == (
        "no route within 4 links (use --max-hops 5 to 8 to search further)\n")


def test_command_errors(graph: Store, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["path", "N11", "N12", "--max-paths", "0"]) == 1
    assert capsys.readouterr().err.startswith(
        f"Error: --max-paths must be 1 to {MAX_PATHS_SHOWN:,}, got 0; at --max-paths")
    assert main(["path", "N11", "N12", "--all", "--max-paths", "5"]) == 1
    assert "Error: --all and --max-paths both say how many paths to show" in \
        capsys.readouterr().err
