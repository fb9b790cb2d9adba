"""Named read-only queries, name resolution, paths and search, on a small known graph."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.cypher_files import load_folder
from graphintel.errors import (
    Ambiguous,
    ConfigError,
    CypherFileError,
    NotFound,
    ReadOnlyViolation,
)
from graphintel.evidence_paths import path
from graphintel.ingest import ingest
from graphintel.queries import (
    collected,
    list_queries,
    param_kind,
    run_query,
    search,
    show_query,
)
from graphintel.resources import cypher_dir
from graphintel.search import search_all
from graphintel.store import Store
from graphintel.subjects import lucene_query, resolve_person
from tests.graph_helpers import fingerprint, report, write_jsonl

# -- the world: two children, four suspects/associates, phones, a car, places -------------


def _p(i: str, name: str, dob: str, role: str, nominal: str | None = None,
       **kw: Any) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}
    if nominal:
        d["nominal_ref"] = nominal
    return {**d, **kw}


def _l(a: str, b: str, t: str, **kw: Any) -> dict[str, Any]:
    return {"from": a, "to": b, "type": t, **kw}


def _ep(i: str, start: str, end: str) -> dict[str, Any]:
    return {"id": i, "type": "Event", "kind": "missing_episode", "start": start, "end": end}


JORDAN = _p("s1", "Jordan SMITH", "1990-02-11", "suspect", "N100", aliases=["JJ"])
KYLE = _p("s2", "Kyle Brown", "1995-07-03", "suspect", "N200")
LEE = _p("s3", "Lee Brown", "1993-01-20", "associate")
MARK = _p("s4", "Mark Jones", "1985-05-05", "suspect", "N400")
AMY = _p("v1", "Amy Child", "2010-05-14", "victim")
BETH = _p("v2", "Beth Young", "2009-09-09", "victim")
PH1 = {"id": "p1", "type": "Phone", "number": "07700 900123"}
PH2 = {"id": "p2", "type": "Phone", "number": "07700 900555"}
PH3 = {"id": "p3", "type": "Phone", "number": "07700 900333"}
PH9 = {"id": "p9", "type": "Phone", "number": "07700 900999"}
CAR = {"id": "c1", "type": "Vehicle", "vrm": "ab12 cde", "make": "Ford", "model": "Fiesta",
       "colour": "silver"}
KEBAB = {"id": "l1", "type": "Location", "address": "Kebab House", "postcode": "ba11aa",
         "kind": "venue"}
PARK = {"id": "l2", "type": "Location", "address": "Central Park", "postcode": "BA2 3BB",
        "kind": "hotspot"}
OAK = {"id": "l3", "type": "Location", "address": "Oak House", "postcode": "BA4 5DD",
       "kind": "home_address"}
OAK2 = {"id": "l4", "type": "Location", "address": "Flat 2, Oak House", "postcode": "BA4 5DD",
        "kind": "home_address"}
CAM = {"id": "l5", "type": "Location", "address": "A36 cam 14", "postcode": "BA2 9ZZ",
       "kind": "camera"}
HOME = {"id": "l6", "type": "Location", "address": "12 Elm Road", "postcode": "BA3 4CC",
        "kind": "home_address"}
SNAP_J = {"id": "a1", "type": "OnlineAccount", "platform": "snapchat", "handle": "j_smith90"}
SNAP_A = {"id": "a2", "type": "OnlineAccount", "platform": "snapchat", "handle": "amy10"}

WORLD = [
    report("IR/1", [JORDAN, PH1, CAR, KEBAB, AMY],
           [_l("s1", "p1", "USES"), _l("s1", "c1", "DRIVES"),
            _l("s1", "l1", "SEEN_AT", at="2025-03-01T21:40:00"),
            _l("v1", "l1", "SEEN_AT", at="2025-03-01T21:00:00")],
           date="2025-03-01T21:40:00", grading="2BP",
           narrative="Jordan Smith seen outside Kebab House with Amy in AB12 CDE."),
    report("ME/1", [AMY, _ep("e1", "2025-02-28T18:00:00", "2025-03-01T23:10:00"), HOME, KEBAB,
                    JORDAN],
           [_l("v1", "e1", "SUBJECT_OF"), _l("e1", "l6", "MISSING_FROM"),
            _l("e1", "l1", "FOUND_AT", at="2025-03-01T23:10:00"), _l("s1", "e1", "INVOLVED_IN"),
            _l("v1", "l6", "LIVES_AT")],
           date="2025-02-28T18:00:00", grading="1AP"),
    report("ME/2", [BETH, _ep("e2", "2025-03-12T20:00:00", "2025-03-13T09:30:00"), OAK, KEBAB],
           [_l("v2", "e2", "SUBJECT_OF"), _l("e2", "l3", "MISSING_FROM"),
            _l("e2", "l1", "FOUND_AT", at="2025-03-13T09:30:00"), _l("v2", "l3", "LIVES_AT")],
           date="2025-03-12T20:00:00", grading="1AP"),
    report("ME/3", [AMY, _ep("e3", "2025-03-10T19:00:00", "2025-03-11T02:00:00"), HOME, PARK],
           [_l("v1", "e3", "SUBJECT_OF"), _l("e3", "l6", "MISSING_FROM"),
            _l("e3", "l2", "FOUND_AT", at="2025-03-11T02:00:00"), _l("v1", "l6", "LIVES_AT")],
           date="2025-03-10T19:00:00", grading="1AP"),
    report("IR/2", [KYLE, PH2, CAR], [_l("s2", "p2", "USES"), _l("s2", "c1", "PASSENGER_IN")],
           date="2025-03-05T01:10:00", grading="2CP", narrative="Kyle Brown passenger in AB12CDE."),
    report("CDR/1", [PH1, PH2, PH9],
           [_l("p1", "p2", "CALLED", at="2025-03-01T20:00:00"),
            _l("p1", "p2", "CALLED", at="2025-03-01T22:10:00"),
            _l("p2", "p1", "CALLED", at="2025-03-02T09:00:00"),
            _l("p2", "p9", "CALLED", at="2025-03-03T10:00:00")],
           date="2025-03-04", grading="1AP"),
    report("IR/3", [KYLE, LEE], [_l("s2", "s3", "FAMILY_OF")], date="2024-12-01", grading="2BP"),
    report("IR/4", [LEE, MARK], [_l("s3", "s4", "ASSOCIATE_OF")], date="2025-03-20",
           grading="3DP", narrative="Unconfirmed: Lee Brown and Mark Jones seen together."),
    report("IR/5", [MARK, PH9, OAK2], [_l("s4", "p9", "USES"), _l("s4", "l4", "LIVES_AT")],
           date="2025-02-10", grading="2BP"),
    report("IR/6", [LEE, OAK], [_l("s3", "l3", "LIVES_AT")], date="2025-01-15", grading="2BP"),
    report("IR/7", [JORDAN, SNAP_J, SNAP_A, AMY],
           [_l("s1", "a1", "HAS_ACCOUNT"), _l("v1", "a2", "HAS_ACCOUNT"),
            _l("a1", "a2", "MESSAGED", at="2025-03-06T23:00:00")],
           date="2025-03-06", grading="2BP"),
    report("IR/8", [AMY, JORDAN, PARK, PH1],
           [_l("v1", "l2", "SEEN_AT", at="2025-03-08T22:00:00"),
            _l("s1", "l2", "SEEN_AT", at="2025-03-08T22:30:00"), _l("s1", "p1", "USES")],
           date="2025-03-08T22:30:00", grading="2BP"),
    report("IR/9", [CAR, CAM], [_l("c1", "l5", "SEEN_AT", at="2025-03-01T21:05:00")],
           date="2025-03-01T21:05:00", grading="1AP",
           narrative="ANPR read; Kyle Brown believed to be driving."),
    report("IR/10", [_p("x1", "John Smith", "1980-01-01", "associate"),
                     _p("x2", "John Smith", "1982-02-02", "associate")], [],
           date="2025-01-01", grading="2BP"),
    report("IR/11", [LEE, MARK, PH3], [_l("s3", "p3", "USES"), _l("s4", "p3", "USES")],
           date="2025-03-15", grading="2BP"),
    report("IR/12", [LEE, MARK], [_l("s3", "s4", "ASSOCIATE_OF")], date="2025-03-21",
           grading="2EP"),
]

UID = {
    "jordan": "Person:ref:N100", "kyle": "Person:ref:N200", "mark": "Person:ref:N400",
    "lee": "Person:nd:lee brown|1993-01-20", "amy": "Person:nd:amy child|2010-05-14",
    "beth": "Person:nd:beth young|2009-09-09",
    "e1": "Event:missing_episode|2025-02-28T18:00:00|nd:amy child|2010-05-14",
    "e3": "Event:missing_episode|2025-03-10T19:00:00|nd:amy child|2010-05-14",
}


def load_world(store: Store, settings: Settings, folder: Path) -> None:
    """Wipe the test graph and load :data:`WORLD` through the ingest library."""
    store.wipe()
    summary = ingest([write_jsonl(folder / "world.jsonl", WORLD)], settings=settings, store=store)
    assert summary.ok, summary.as_dict()


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The known graph, loaded once per module (the query tests only read)."""
    load_world(session_store, settings, tmp_path_factory.mktemp("world"))
    yield session_store


def rows(store: Store, settings: Settings, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(store, settings, name, {k: str(v) for k, v in params.items()}).rows


def pick(found: list[dict[str, Any]], *cols: str) -> list[tuple[Any, ...]]:
    return [tuple(r[c] for c in cols) for r in found]


# -- the files ------------------------------------------------------------------------------

EXAMPLES: dict[str, dict[str, str]] = {
    "suspects_near_child": {"child": "Amy Child"},
    "children_near_suspect": {"suspect": "N200"},
    "people_sharing_phone": {},
    "people_sharing_vehicle": {},
    "people_sharing_address": {},
    "co_location": {"person_a": "N100", "person_b": "Amy Child"},
    "hotspots": {},
    "missing_episodes": {"child": "Amy Child"},
    "vehicle_sightings": {"vrm": "AB12CDE"},
    "phone_contacts": {"phone": "07700 900555"},
    "new_links_since": {"since": "2025-03-01"},
    "weak_links": {},
    "people_at_place": {"postcode": "BA1 1AA"},
    "report_assertions": {"ref": "IR/9"},
}
LOOKUP_EXAMPLES: dict[str, dict[str, Any]] = {
    "lookup_person_candidates": {"text": "N100", "key": "n100"},
    "lookup_person_fulltext": {"query": "smith"},
    "lookup_report_fulltext": {"query": "kebab"},
    "lookup_entity_search": {"address": "kebab"},
    "lookup_evidence_paths": {"a": UID["jordan"], "b": UID["kyle"]},
    "lookup_profile_person": {"uid": UID["jordan"]},
    "lookup_profile_roles": {"uid": UID["jordan"]},
    "lookup_profile_entities": {"uid": UID["jordan"]},
    "lookup_profile_associates": {"uid": UID["jordan"]},
    "lookup_latest_score": {"uid": UID["jordan"]},
    "lookup_rank_trend": {"uid": UID["jordan"], "limit": 5},
}


def test_every_query_file_parses_and_declares_exactly_what_it_uses(settings: Settings) -> None:
    shipped = list_queries(replace(settings, query_dir=None))
    assert sorted(q.name for q in shipped) == sorted(EXAMPLES)
    lookups = load_folder(cypher_dir() / "lookups")
    assert sorted(lookups) == sorted(LOOKUP_EXAMPLES)
    for cf in [*shipped, *lookups.values()]:
        assert {p.name for p in cf.params} == set(cf.used_params), cf.name
        assert cf.mode == "read" and len(cf.statements) == 1, cf.name
        assert cf.returns and "\n" not in cf.description, cf.name
        for p in cf.params:
            assert p.help, f"{cf.name}.{p.name} has no help"
            if param_kind(p.name) == "person":
                assert "uid" in p.help, f"{cf.name}.{p.name} should say it takes a uid"


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_returns_header_matches_the_columns_of_a_real_run(world: Store, settings: Settings,
                                                         name: str) -> None:
    result = run_query(world, settings, name, EXAMPLES[name])
    assert result.rows, f"the example for {name} should return rows"
    assert list(result.rows[0]) == list(result.query.returns) == result.columns
    # run_query collects a shipped query's rows into one record: the file's own text, run
    # as it is, gives the same rows in the same order with the same columns
    assert collected(result.query) is not None
    plain = world.read_text(result.query.text, result.params)
    assert plain == result.rows and list(plain[0]) == list(result.query.returns)


def test_rows_collected_in_records_of_a_few_are_the_listing(
        world: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphintel.queries as q

    full = run_query(world, settings, "new_links_since", {"since": "2024-01-01"})
    assert len(full.rows) >= 5
    monkeypatch.setattr(q, "BATCH_ROWS", 2)  # records of 2 rows: several, the last short
    text = collected(full.query)
    assert text is not None and "rows[i..i + 2]" in text
    records = world.read_text(text, full.params)
    assert len(records) == -(-len(full.rows) // 2)
    assert run_query(world, settings, "new_links_since", {"since": "2024-01-01"}).rows == full.rows
    assert run_query(world, settings, "new_links_since", {"since": "2099-01-01"}).rows == []


@pytest.mark.parametrize("name", sorted(LOOKUP_EXAMPLES))
def test_lookup_returns_header_matches_the_columns(world: Store, name: str) -> None:
    if name == "lookup_rank_trend" and not world.read("analysis_runs", all=False):
        from graphintel.analysis.run import run_analysis

        run_analysis(world)  # the trend has a row per analysis run
    found = world.read(name, **LOOKUP_EXAMPLES[name])
    assert found and list(found[0]) == list(world.query(name).returns)


# -- each query, exact rows -----------------------------------------------------------------

PATH_AMY_JORDAN = ("Amy Child -SUBJECT_OF-> missing_episode 2025-02-28T18:00:00 "
                   "<-INVOLVED_IN- Jordan SMITH")


def test_suspects_near_child(world: Store, settings: Settings) -> None:
    found = rows(world, settings, "suspects_near_child", child="Amy Child")
    assert pick(found, "suspect_uid", "suspect", "nominal_ref", "links", "path", "refs") == [
        (UID["jordan"], "Jordan SMITH", "N100", 1, PATH_AMY_JORDAN, ["ME/1"]),
        (UID["kyle"], "Kyle Brown", "N200", 2,
         PATH_AMY_JORDAN + " -DRIVES-> AB12CDE <-PASSENGER_IN- Kyle Brown",
         ["ME/1", "IR/1", "IR/2"]),
    ]
    # Mark is 3 links away only through Kyle's phone calling his; a chain of calls through
    # Kyle's phone (Jordan's phone -> Kyle's -> Mark's) is not a link of its own.
    three = rows(world, settings, "suspects_near_child", child=UID["amy"], max_links=3)
    assert pick(three, "suspect", "links") == [("Jordan SMITH", 1), ("Kyle Brown", 2),
                                               ("Mark Jones", 3)]
    assert three[2]["path"].endswith(
        "Kyle Brown -USES-> +447700900555 -CALLED-> +447700900999 <-USES- Mark Jones")
    beth = rows(world, settings, "suspects_near_child", child="Beth Young")
    assert pick(beth, "suspect", "links", "path") == [
        ("Kyle Brown", 2, "Beth Young -LIVES_AT-> Oak House, BA4 5DD <-LIVES_AT- Lee Brown "
                          "<-FAMILY_OF- Kyle Brown"),
        ("Mark Jones", 2, "Beth Young -LIVES_AT-> Oak House, BA4 5DD <-LIVES_AT- Lee Brown "
                          "-ASSOCIATE_OF-> Mark Jones"),
    ]


def test_hubs_do_not_link_people(world: Store, settings: Settings) -> None:
    # with every shared entity treated as a hub only contacts (messages, calls) link
    found = rows(world, settings, "suspects_near_child", child="Amy Child", max_sharers=1)
    assert pick(found, "suspect", "links") == [("Jordan SMITH", 1), ("Kyle Brown", 2)]
    assert found[0]["path"] == ("Amy Child -HAS_ACCOUNT-> snapchat:amy10 <-MESSAGED- "
                                "snapchat:j_smith90 <-HAS_ACCOUNT- Jordan SMITH")


def test_children_near_suspect(world: Store, settings: Settings) -> None:
    found = rows(world, settings, "children_near_suspect", suspect="Kyle Brown")
    assert pick(found, "child_uid", "links", "path", "refs", "missing_episodes") == [
        (UID["amy"], 2, "Kyle Brown -PASSENGER_IN-> AB12CDE <-DRIVES- Jordan SMITH "
                        "-INVOLVED_IN-> missing_episode 2025-02-28T18:00:00 <-SUBJECT_OF- "
                        "Amy Child", ["IR/2", "IR/1", "ME/1"], 2),
        (UID["beth"], 2, "Kyle Brown -FAMILY_OF-> Lee Brown -LIVES_AT-> Oak House, BA4 5DD "
                         "<-LIVES_AT- Beth Young", ["IR/3", "IR/6", "ME/2"], 1),
    ]
    assert pick(rows(world, settings, "children_near_suspect", suspect="N100", max_links=1),
                "child", "links") == [("Amy Child", 1)]


def test_people_sharing_phone_vehicle_address(world: Store, settings: Settings) -> None:
    phone = rows(world, settings, "people_sharing_phone")
    assert pick(phone, "phone", "users", "person", "first_seen", "refs") == [
        ("+447700900333", 2, "Lee Brown", "2025-03-15", ["IR/11"]),
        ("+447700900333", 2, "Mark Jones", "2025-03-15", ["IR/11"]),
    ]
    assert rows(world, settings, "people_sharing_phone", phone="+44 7700 900333") == phone
    assert rows(world, settings, "people_sharing_phone", person="Mark Jones") == phone
    assert rows(world, settings, "people_sharing_phone", phone="07700 900123") == []
    car = rows(world, settings, "people_sharing_vehicle", vrm="ab12 cde")
    assert pick(car, "vrm", "vehicle", "person", "how", "first_seen", "refs") == [
        ("AB12CDE", "silver Ford Fiesta", "Jordan SMITH", ["DRIVES"], "2025-03-01T21:40:00",
         ["IR/1"]),
        ("AB12CDE", "silver Ford Fiesta", "Kyle Brown", ["PASSENGER_IN"], "2025-03-05T01:10:00",
         ["IR/2"]),
    ]
    home = rows(world, settings, "people_sharing_address")
    assert pick(home, "shared", "residents", "person", "refs") == [
        ("Oak House, BA4 5DD", 2, "Beth Young", ["ME/2"]),
        ("Oak House, BA4 5DD", 2, "Lee Brown", ["IR/6"]),
    ]
    postcode = rows(world, settings, "people_sharing_address", postcode="ba45dd",
                    by_postcode="true")
    assert pick(postcode, "shared", "residents", "person", "address") == [
        ("BA4 5DD", 3, "Beth Young", "Oak House"), ("BA4 5DD", 3, "Lee Brown", "Oak House"),
        ("BA4 5DD", 3, "Mark Jones", "Flat 2, Oak House"),
    ]


def test_co_location(world: Store, settings: Settings) -> None:
    found = rows(world, settings, "co_location", person_a="N100", person_b="Amy Child")
    assert pick(found, "place", "times_a", "times_b", "closest_hours", "refs") == [
        ("Kebab House", ["2025-03-01T21:40:00", "2025-03-01T23:10:00"],
         ["2025-03-01T21:00:00", "2025-03-01T23:10:00"], 0.0, ["IR/1", "ME/1"]),
        ("Central Park", ["2025-03-08T22:30:00"],
         ["2025-03-08T22:00:00", "2025-03-11T02:00:00"], 0.5, ["IR/8", "ME/3"]),
    ]
    near = rows(world, settings, "co_location", person_a="N100", person_b="Amy Child",
                within_hours="0.25")
    assert pick(near, "place") == [("Kebab House",)]
    assert rows(world, settings, "co_location", person_a="N100", person_b="N400") == []


@pytest.mark.parametrize("in_server", [True, False], ids=["procedure", "cypher"])
def test_hotspots(world: Store, settings: Settings, in_server: bool) -> None:
    cols = ("place", "score", "victim_sightings", "victims_seen", "missing_finds",
            "children_found", "suspects_linked")

    def listed(**params: str) -> list[tuple[Any, ...]]:
        return pick(run_query(world, settings, "hotspots", params, in_server=in_server).rows,
                    *cols)

    assert listed() == [("Kebab House", 3, 1, 1, 2, 2, 1), ("Central Park", 2, 1, 1, 1, 1, 1)]
    assert listed(limit="1") == [("Kebab House", 3, 1, 1, 2, 2, 1)]
    assert listed(since="2025-03-05") == [
        ("Central Park", 2, 1, 1, 1, 1, 1), ("Kebab House", 1, 0, 0, 1, 1, 1)]
    assert listed(since="2025-03-05", limit="1") == [("Central Park", 2, 1, 1, 1, 1, 1)]
    assert listed(since="2030-01-01") == []


def test_missing_episodes(world: Store, settings: Settings) -> None:
    found = rows(world, settings, "missing_episodes", child="Amy Child")
    assert found == [
        {"episode_uid": UID["e3"], "start": "2025-03-10T19:00:00", "end": "2025-03-11T02:00:00",
         "missing_from": ["12 Elm Road, BA3 4CC"], "found_at": ["Central Park, BA2 3BB"],
         "found_with": [], "found_with_uids": [], "refs": ["ME/3"]},
        {"episode_uid": UID["e1"], "start": "2025-02-28T18:00:00", "end": "2025-03-01T23:10:00",
         "missing_from": ["12 Elm Road, BA3 4CC"], "found_at": ["Kebab House, BA1 1AA"],
         "found_with": ["Jordan SMITH"], "found_with_uids": [UID["jordan"]], "refs": ["ME/1"]},
    ]


def test_vehicle_sightings_and_phone_contacts(world: Store, settings: Settings) -> None:
    seen = rows(world, settings, "vehicle_sightings", vrm="ab12 cde")
    assert pick(seen, "seen", "source", "place", "postcode", "people", "refs") == [
        ("2025-03-01T21:05:00", "anpr", "A36 cam 14", "BA2 9ZZ", [], ["IR/9"]),
        ("2025-03-01T21:40:00", "report", "Kebab House", "BA1 1AA", ["Jordan SMITH (DRIVES)"],
         ["IR/1"]),
        ("2025-03-05T01:10:00", "report", None, None, ["Kyle Brown (PASSENGER_IN)"], ["IR/2"]),
    ]
    calls = rows(world, settings, "phone_contacts", phone="(07700) 900 555")
    assert pick(calls, "phone", "other_phone", "direction", "calls", "first_call", "last_call",
                "other_users") == [
        ("+447700900555", "+447700900123", "incoming", 2, "2025-03-01T20:00:00",
         "2025-03-01T22:10:00", ["Jordan SMITH"]),
        ("+447700900555", "+447700900123", "outgoing", 1, "2025-03-02T09:00:00",
         "2025-03-02T09:00:00", ["Jordan SMITH"]),
        ("+447700900555", "+447700900999", "outgoing", 1, "2025-03-03T10:00:00",
         "2025-03-03T10:00:00", ["Mark Jones"]),
    ]


def test_new_links_since_and_weak_links(world: Store, settings: Settings) -> None:
    new = rows(world, settings, "new_links_since", since="2025-03-10", person="Mark Jones")
    assert pick(new, "from", "type", "to", "first_seen", "refs") == [
        ("Mark Jones", "USES", "+447700900333", "2025-03-15", ["IR/11"]),
        ("Lee Brown", "ASSOCIATE_OF", "Mark Jones", "2025-03-20", ["IR/4", "IR/12"]),
    ]
    everything = rows(world, settings, "new_links_since", since="2025-03-10")
    assert len(everything) == 10 and all(r["first_seen"] >= "2025-03-10" for r in everything)
    weak = rows(world, settings, "weak_links", types="ASSOCIATE_OF,FAMILY_OF")
    assert pick(weak, "from", "type", "to", "reasons", "reports", "gradings") == [
        ("Lee Brown", "ASSOCIATE_OF", "Mark Jones", ["weak grading"], 2,
         ["IR/12 2EP", "IR/4 3DP"]),
        ("Kyle Brown", "FAMILY_OF", "Lee Brown", ["single report"], 1, ["IR/3 2BP"]),
    ]
    # two reports, both well graded: not weak
    assert rows(world, settings, "weak_links", person="N100", types="USES") == []


def test_people_at_place_and_report_assertions(world: Store, settings: Settings) -> None:
    park = rows(world, settings, "people_at_place", postcode="ba2 3bb")
    assert pick(park, "person", "how", "first_seen", "refs") == [
        ("Amy Child", "SEEN_AT", "2025-03-08T22:00:00", ["IR/8"]),
        ("Amy Child", "SUBJECT_OF missing_episode FOUND_AT", "2025-03-11T02:00:00", ["ME/3"]),
        ("Jordan SMITH", "SEEN_AT", "2025-03-08T22:30:00", ["IR/8"]),
    ]
    camera = rows(world, settings, "people_at_place", address="a36 CAM")
    assert pick(camera, "person", "how", "refs") == [
        ("Jordan SMITH", "DRIVES AB12CDE SEEN_AT", ["IR/1", "IR/9"]),
        ("Kyle Brown", "PASSENGER_IN AB12CDE SEEN_AT", ["IR/2", "IR/9"]),
    ]
    said = rows(world, settings, "report_assertions", ref="IR/9")
    assert pick(said, "kind", "subject", "relation", "object", "roles", "detail") == [
        ("report", None, "NARRATIVE", None, [], "ANPR read; Kyle Brown believed to be driving."),
        ("mention", "A36 cam 14, BA2 9ZZ", "MENTIONS", None, [], "named by the report"),
        ("mention", "AB12CDE", "MENTIONS", None, [], "named by the report"),
        ("link", "AB12CDE", "SEEN_AT", "A36 cam 14, BA2 9ZZ", [], None),
        ("suggested", "Kyle Brown", "NAMED_IN_NARRATIVE", None, [],
         "a known person the narrative names; not linked"),
    ]
    assert {r["grading"] for r in said} == {"1AP"}


# -- parameters -------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "params", "message"), [
    ("suspects_near_child", {}, r"missing parameter 'child' \(str\)"),
    ("suspects_near_child", {"child": "N100", "nope": "1"}, "unknown parameter 'nope'"),
    ("suspects_near_child", {"child": "N100", "max_links": "two"},
     "parameter 'max_links' must be int"),
    ("people_sharing_address", {"by_postcode": "maybe"}, "parameter 'by_postcode' must be bool"),
    ("hotspots", {"since": "2025-13-45"}, "parameter 'since' must be date"),
    ("co_location", {"person_a": "N100", "person_b": "N200", "within_hours": "soon"},
     "parameter 'within_hours' must be float"),
    ("missing_episodes", {"child": "  "}, "parameter 'child' is empty"),
    ("phone_contacts", {"phone": ""}, "parameter 'phone' is empty"),
    ("hotspots", {"limit": "-1"}, "parameter 'limit' must be 1 or more, got -1"),
    ("weak_links", {"limit": "0"}, "parameter 'limit' must be 1 or more, got 0"),
])
def test_parameters_are_checked_before_running(world: Store, settings: Settings, name: str,
                                               params: dict[str, str], message: str) -> None:
    with pytest.raises(CypherFileError, match=message) as info:
        run_query(world, settings, name, params)
    assert name in info.value.message()


def test_person_parameters_resolve_names_refs_and_uids(world: Store) -> None:
    assert resolve_person(world, UID["lee"]) == UID["lee"]
    assert resolve_person(world, "n100") == UID["jordan"]
    assert resolve_person(world, "  jordan   smith. ") == UID["jordan"]
    assert resolve_person(world, "JJ") == UID["jordan"]           # alias, full text
    assert resolve_person(world, "Beth") == UID["beth"]           # one full-text match
    with pytest.raises(NotFound, match="graphintel search"):
        resolve_person(world, "Nobody Atall")


def test_an_ambiguous_name_lists_the_candidates(world: Store, settings: Settings) -> None:
    with pytest.raises(Ambiguous) as info:
        resolve_person(world, "John Smith")
    assert info.value.candidates == [
        "John Smith (1980-01-01, no nominal ref, Person:nd:john smith|1980-01-01)",
        "John Smith (1982-02-02, no nominal ref, Person:nd:john smith|1982-02-02)",
    ]
    with pytest.raises(Ambiguous, match="matches 3 people by name or alias") as text:
        run_query(world, settings, "missing_episodes", {"child": "smith"})
    assert "Jordan SMITH (1990-02-11, N100, Person:ref:N100)" in text.value.candidates


def test_lucene_syntax_in_user_text_is_escaped(world: Store) -> None:
    assert lucene_query('a:b (c) "d" AND', all_words=True) == \
        'a\\:b AND \\(c\\) AND \\"d\\" AND and'
    assert [h["id"] for h in search(world, "Kebab")] == ["IR/1"]
    assert {h["id"] for h in search(world, "smi") if h["kind"] == "person"} == {
        UID["jordan"], "Person:nd:john smith|1980-01-01", "Person:nd:john smith|1982-02-02"}
    before = fingerprint(world)
    for nasty in ['") OR 1=1 //', "name:* OR *:*", "jordan~ AND NOT [a TO z]"]:
        search(world, nasty)  # Lucene would reject these unescaped
    assert fingerprint(world) == before
    with pytest.raises(CypherFileError, match="nothing to search for"):
        search(world, "*:* \\")


def test_search_all_finds_a_phone_vrm_and_place_as_typed_with_their_people(
        world: Store) -> None:
    phone = search_all(world, "07700 900123")
    assert phone[0] == {
        "kind": "phone", "id": "Phone:+447700900123", "name": "+447700900123",
        "detail": "people: Jordan SMITH (USES; suspect)", "score": None,
        "people": [{"uid": UID["jordan"], "name": "Jordan SMITH", "roles": ["suspect"],
                    "how": "USES"}]}
    assert [h["kind"] for h in phone[1:]] == ["report"] * (len(phone) - 1)
    car = [h for h in search_all(world, "ab12 cde") if h["kind"] == "vehicle"]
    assert [(h["id"], h["detail"]) for h in car] == [
        ("Vehicle:AB12CDE", "silver Ford Fiesta; people: Jordan SMITH (DRIVES; suspect), "
                            "Kyle Brown (PASSENGER_IN; suspect)")]
    kebab = search_all(world, "Kebab")
    assert [(h["kind"], h["id"]) for h in kebab][:2] == [
        ("place", "Location:BA1 1AA|kebab house"), ("report", "IR/1")]
    assert "Amy Child (SEEN_AT; victim)" in kebab[0]["detail"]
    assert [h["id"] for h in search_all(world, "BA4 5DD") if h["kind"] == "place"] == [
        "Location:BA4 5DD|flat 2 oak house", "Location:BA4 5DD|oak house"]
    assert search_all(world, "Kebab", 1)[:1] == kebab[:1]
    # several typed together, in any written form: each found, as the reports are
    both = search_all(world, "phone 07700 900123, car ab12cde at ba4 5dd")
    assert [h["id"] for h in both if h["kind"] != "report"] == [
        "Location:BA4 5DD|flat 2 oak house", "Location:BA4 5DD|oak house",
        "Phone:+447700900123", "Vehicle:AB12CDE"]
    assert [h["id"] for h in search_all(world, "Kebab")[1:]] == [
        h["id"] for h in search(world, "Kebab")]


def test_evidence_paths(world: Store) -> None:
    result = path(world, UID["jordan"], UID["mark"], 4)
    found = result.paths
    assert {p.links for p in found} == {2} and len(found) == 3
    assert (result.links, result.routes, result.shown, result.cut_by_max_paths) == (2, 3, 3, 0)
    first = found[0]
    assert [n["name"] for n in first.nodes] == ["Jordan SMITH", "AB12CDE", "Kyle Brown",
                                               "+447700900555", "+447700900999", "Mark Jones"]
    assert [(r["type"], r["refs"]) for r in first.rels] == [
        ("DRIVES", ["IR/1"]), ("PASSENGER_IN", ["IR/2"]), ("USES", ["IR/2"]),
        ("CALLED", ["CDR/1"]), ("USES", ["IR/5"])]
    # the other two go through either of the two calls between Jordan's and Kyle's phones
    assert all([r["type"] for r in p.rels][:3] == ["USES", "CALLED", "USES"] for p in found[1:])
    none = path(world, UID["jordan"], UID["mark"], 1)
    assert (none.paths, none.routes, none.links) == ([], 0, None)
    with pytest.raises(CypherFileError, match="max-hops"):
        path(world, UID["jordan"], UID["mark"], 0)


# -- read-only by construction ----------------------------------------------------------------

WRITES = {
    "create": "CREATE (n:Person {name: 'x'}) RETURN n",
    "merge": "MERGE (n:Person {uid: 'Person:x'}) RETURN n",
    "set": "MATCH (n:Person) SET n.flagged = true RETURN n",
    "delete": "MATCH (n:Report) DELETE n",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "remove": "MATCH (n:Person) REMOVE n.name RETURN n",
    "remove_label": "MATCH (n:Person) REMOVE n:Person RETURN n",
    "subquery_write": "MATCH (p:Person) CALL (p) { CREATE (:Note {about: p.uid}) } "
                      "RETURN p.uid AS x",
    "old_subquery_write": "CALL { CREATE (n:Note) RETURN n } RETURN 1 AS x",
    "in_transactions": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "in_transactions_read": "UNWIND [1, 2] AS i CALL (i) { RETURN i * 2 AS j } "
                            "IN TRANSACTIONS RETURN j",
    "foreach": "MATCH (n:Person) FOREACH (x IN [1] | SET n.y = x)",
    "load_csv": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load_csv_lower": "load   csv with headers from 'https://example.org/x.csv' AS r RETURN r",
    "create_index": "CREATE INDEX evil IF NOT EXISTS FOR (n:Person) ON (n.name)",
    "drop_constraint": "DROP CONSTRAINT entity_uid",
    "create_label_procedure": "CALL db.createLabel('Evil')",
    "create_property_procedure": "CALL db.createProperty('evil')",
    "clear_caches_procedure": "CALL db.clearQueryCaches()",
    "show_users": "SHOW USERS",
    # typed as reads by Neo4j, but they change the server's state or show its administration
    "stats_collect_procedure": "CALL db.stats.collect('QUERIES')",
    "stats_clear_procedure": "CALL db.stats.clear('QUERIES')",
    "replanning_procedure": "CALL db.prepareForReplanning()",
    "show_settings": "SHOW SETTINGS",
    "show_transactions": "SHOW TRANSACTIONS",
    "list_config_procedure": "CALL dbms.listConfig()",
}


def officer(settings: Settings, folder: Path, name: str, body: str, extra: str = "") -> Settings:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.cypher").write_text(
        f"// name: {name}\n// description: an officer's query\n{extra}{body}\n", encoding="utf-8")
    return replace(settings, query_dir=folder)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_writing_queries_are_refused_and_change_nothing(world: Store, settings: Settings,
                                                       tmp_path: Path, name: str) -> None:
    mine = officer(settings, tmp_path / "q", name, WRITES[name])
    before, schema = world.counts(), world.read("show_constraints") + world.read("show_indexes")
    with pytest.raises(ReadOnlyViolation):
        run_query(world, mine, name, {})
    assert world.counts() == before
    assert world.read("show_constraints") + world.read("show_indexes") == schema
    assert "Evil" not in {r["l"] for r in world.read_text(
        "CALL db.labels() YIELD label RETURN label AS l", {})}


def test_the_read_procedures_an_officer_needs_still_run(world: Store, settings: Settings,
                                                        tmp_path: Path) -> None:
    mine = officer(settings, tmp_path / "q", "labels",
                   "CALL db.labels() YIELD label RETURN label ORDER BY label")
    assert "Person" in {r["label"] for r in run_query(world, mine, "labels", {}).rows}


def test_write_mode_and_several_statements_are_refused(world: Store, settings: Settings,
                                                       tmp_path: Path) -> None:
    before = world.counts()
    mine = officer(settings, tmp_path / "a", "declared_write", "MATCH (n) RETURN count(n) AS n",
                   "// mode: write\n")
    with pytest.raises(ReadOnlyViolation, match="mode 'write'"):
        run_query(world, mine, "declared_write", {})
    two = officer(settings, tmp_path / "b", "two", "MATCH (n) RETURN n LIMIT 1;\n"
                  "MATCH (n) DETACH DELETE n")
    with pytest.raises(CypherFileError, match="2 statements"):
        run_query(world, two, "two", {})
    assert world.counts() == before


@pytest.mark.parametrize(("name", "params"), [
    ("report_assertions", {"ref": "IR/1'}) MATCH (n) DETACH DELETE n //"}),
    ("people_at_place", {"address": "x') DETACH DELETE n RETURN 1 AS x //"}),
    ("phone_contacts", {"phone": "1} DETACH DELETE ph //"}),
    ("vehicle_sightings", {"vrm": "AB12CDE' OR 1=1 //"}),
    ("new_links_since", {"since": "2025-01-01' OR true //"}),
])
def test_injection_text_is_only_a_value(world: Store, settings: Settings, name: str,
                                        params: dict[str, str]) -> None:
    before = fingerprint(world)
    try:
        found = run_query(world, settings, name, params).rows
    except CypherFileError:  # e.g. not a date: refused before running
        found = []
    assert found == []
    assert fingerprint(world) == before
    with pytest.raises(NotFound):
        run_query(world, settings, "missing_episodes", {"child": "x'}) DETACH DELETE c //"})
    assert fingerprint(world) == before


# -- the officer's own queries ----------------------------------------------------------------

def test_officer_queries_are_listed_run_and_may_not_shadow_shipped_ones(
        world: Store, settings: Settings, tmp_path: Path) -> None:
    mine = officer(settings, tmp_path / "q", "my_victims",
                   "MATCH (p:Person) WHERE $role IN p.roles RETURN p.name AS name ORDER BY name",
                   "// param: role: str = victim — the role\n// returns: name\n")
    names = [q.name for q in list_queries(mine)]
    assert "my_victims" in names and "hotspots" in names
    assert show_query(mine, "my_victims").path == tmp_path / "q" / "my_victims.cypher"
    assert pick(run_query(world, mine, "my_victims", {}).rows, "name") == [
        ("Amy Child",), ("Beth Young",)]
    result = run_query(world, mine, "my_victims", {"role": "suspect"}, limit=2)
    assert result.truncated and pick(result.rows, "name") == [("Jordan SMITH",), ("Kyle Brown",)]
    with pytest.raises(NotFound, match="no query named 'nope'"):
        run_query(world, mine, "nope", {})
    clash = officer(settings, tmp_path / "q", "hotspots", "MATCH (n) RETURN n")
    with pytest.raises(CypherFileError, match="defined twice") as info:
        list_queries(clash)
    assert "queries/hotspots.cypher" in info.value.message()
    assert str(tmp_path / "q" / "hotspots.cypher") in info.value.message()
    with pytest.raises(ConfigError, match="does not exist"):
        list_queries(replace(settings, query_dir=tmp_path / "missing"))


def test_an_officer_query_may_return_its_rows_in_batches(
        world: Store, settings: Settings, tmp_path: Path) -> None:
    plain = officer(settings, tmp_path / "p", "people_plain",
                    "MATCH (p:Person) RETURN p.name AS name ORDER BY name", "// returns: name\n")
    batched = officer(settings, tmp_path / "b", "people_batched",
                      "MATCH (p:Person) WITH p.name AS name ORDER BY name\n"
                      "WITH collect({name: name}) AS batch\n"
                      "UNWIND range(0, size(batch) - 1, 2) AS i\n"
                      "RETURN batch[i..i + 2] AS rows",
                      "// returns: name\n// batched: yes\n")
    every = run_query(world, plain, "people_plain", {})
    assert len(every.rows) > 2  # so more than one batch
    same = run_query(world, batched, "people_batched", {})
    assert same.rows == every.rows and same.columns == ["name"]
    cut = run_query(world, batched, "people_batched", {}, limit=2)
    assert cut.truncated and cut.rows == every.rows[:2]


def test_the_read_transaction_refuses_writes_even_past_the_checks(
        world: Store, settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import graphintel.queries as queries

    monkeypatch.setattr(queries, "check_plan", lambda *a: None)  # last line of defence only
    # the query would otherwise count as plan-checked for the rest of the test run
    monkeypatch.setattr(queries, "_checked", set())
    mine = officer(settings, tmp_path / "q", "sneaky",
                   "MATCH (n:Person) SET n.x = 1 RETURN n.x AS x")
    before = fingerprint(world)
    with pytest.raises(ReadOnlyViolation, match="read transaction"):
        run_query(world, mine, "sneaky", {})
    assert fingerprint(world) == before


@pytest.mark.parametrize("text", ["Amy " * 1100, "x" * 5000])
def test_a_person_given_as_pages_of_text_is_refused_in_one_line(world: Store, settings: Settings,
                                                                text: str) -> None:
    """A lookup by name never reaches the full-text index with thousands of words (which
    refuses them with a stack trace): the query commands, profile, paths and charts say so."""
    from graphintel.errors import InputError
    from graphintel.subjects import resolve_person

    with pytest.raises(InputError, match="a name, nominal reference or uid is at most"):
        resolve_person(world, text)
    with pytest.raises(InputError):
        run_query(world, settings, "suspects_near_child", {"child": text})
