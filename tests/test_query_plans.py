"""The plans of the shipped queries and lookups, PROFILEd on the known graph of test_queries.

A lookup (a query given a person, phone, vehicle, postcode, report or date) must start from
an index seek on that parameter: no label, relationship-type or full index scan may do any
work, whatever branch of the query it sits in. No plan may hold a Cartesian product, every
variable-length expansion is bounded, and a query with a ``limit`` parameter applies it in
Neo4j. Listings of the whole graph (no lookup parameter) may scan only the labels named
here, each with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from graphintel import derived
from graphintel.config import Settings
from graphintel.cypher_files import load_folder
from graphintel.model import LINK_TYPES
from graphintel.queries import (
    PlanStep,
    list_queries,
    prepare_params,
    query_plan,
    run_query,
    show_query,
)
from graphintel.resources import cypher_dir
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_queries import UID, load_world

SCANS = {"NodeByLabelScan", "AllNodesScan", "UnionNodeByLabelsScan",
         "IntersectionNodeByLabelsScan", "SubtractionNodeByLabelsScan",
         "DirectedRelationshipTypeScan", "UndirectedRelationshipTypeScan",
         "DirectedUnionRelationshipTypesScan", "UndirectedUnionRelationshipTypesScan",
         "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan",
         "NodeIndexScan", "NodeIndexContainsScan", "NodeIndexEndsWithScan",
         "DirectedRelationshipIndexScan", "UndirectedRelationshipIndexScan",
         "DirectedRelationshipIndexContainsScan", "UndirectedRelationshipIndexContainsScan"}
VAR_LENGTH = ("VarLengthExpand", "ShortestPath", "BFSPruningVarExpand", "StatefulShortestPath")

# (query, parameters as an officer types them, labels a scan may read, why)
CASES: list[tuple[str, dict[str, str], frozenset[str], str]] = [
    ("suspects_near_child", {"child": "Amy Child"}, frozenset(), ""),
    ("suspects_near_child", {"child": "Amy Child", "max_links": "3"}, frozenset(), ""),
    ("children_near_suspect", {"suspect": "N200"}, frozenset(), ""),
    ("co_location", {"person_a": "N100", "person_b": "Amy Child"}, frozenset(), ""),
    ("missing_episodes", {"child": "Amy Child"}, frozenset(), ""),
    ("vehicle_sightings", {"vrm": "ab12 cde"}, frozenset(), ""),
    ("phone_contacts", {"phone": "07700 900555"}, frozenset(), ""),
    ("report_assertions", {"ref": "IR/9"}, frozenset(), ""),
    ("people_sharing_phone", {"phone": "07700 900333"}, frozenset(), ""),
    ("people_sharing_phone", {"person": "Mark Jones"}, frozenset(), ""),
    ("people_sharing_phone", {}, frozenset(), ""),
    ("people_sharing_vehicle", {"vrm": "AB12CDE"}, frozenset(), ""),
    ("people_sharing_vehicle", {"person": "N100"}, frozenset(), ""),
    ("people_sharing_vehicle", {}, frozenset({"Vehicle"}), "every shared vehicle"),
    ("people_sharing_address", {"postcode": "ba45dd", "by_postcode": "true"}, frozenset(), ""),
    ("people_sharing_address", {"person": "Lee Brown"}, frozenset(), ""),
    ("people_sharing_address", {"person": "Mark Jones", "by_postcode": "true"}, frozenset(), ""),
    ("people_sharing_address", {}, frozenset(), ""),
    ("people_sharing_address", {"by_postcode": "true"}, frozenset({"Location"}),
     "postcodes in the order of the postcode index, up to the limit-th shared one"),
    ("people_sharing_address", {"address": "oak"}, frozenset(), ""),
    ("people_at_place", {"postcode": "ba2 3bb"}, frozenset(), ""),
    ("people_at_place", {"postcode": "BA2 9ZZ", "address": "cam"}, frozenset(), ""),
    ("people_at_place", {"address": "a36 CAM"}, frozenset({"Location"}),
     "a case-insensitive substring of the address, which no index answers"),
    ("new_links_since", {"since": "2025-03-10"}, frozenset(), ""),
    ("new_links_since", {"since": "2025-03-10", "person": "Mark Jones"}, frozenset(), ""),
    ("weak_links", {"person": "N100"}, frozenset(), ""),
    ("weak_links", {"person": "Lee Brown", "types": "ASSOCIATE_OF,FAMILY_OF"}, frozenset(), ""),
    ("weak_links", {}, frozenset(), ""),
    ("weak_links", {"types": "ASSOCIATE_OF,FAMILY_OF"}, frozenset(), ""),
    ("hotspots", {}, frozenset(), ""),
    ("hotspots", {"since": "2025-03-05"}, frozenset(), ""),
]
LOOKUP_CASES: list[tuple[str, dict[str, Any], frozenset[str], str]] = [
    ("lookup_person_candidates", {"text": "N100", "key": "n100"}, frozenset(), ""),
    ("lookup_person_candidates", {"text": "Lee Brown", "key": "lee brown"}, frozenset(), ""),
    ("lookup_person_fulltext", {"query": "smith"}, frozenset(), ""),
    ("lookup_report_fulltext", {"query": "kebab"}, frozenset(), ""),
    ("lookup_entity_search", {"phones": ["+447700900123"], "vrms": ["AB12CDE"],
                              "postcodes": ["BA4 5DD"], "address": "kebab", "handle": "smith"},
     frozenset(), ""),
    ("lookup_evidence_paths", {"a": UID["jordan"], "b": UID["mark"]}, frozenset(), ""),
    ("lookup_profile_person", {"uid": UID["jordan"]}, frozenset(), ""),
    ("lookup_profile_roles", {"uid": UID["jordan"]}, frozenset(), ""),
    ("lookup_profile_entities", {"uid": UID["jordan"]}, frozenset(), ""),
    ("lookup_profile_associates", {"uid": UID["jordan"]}, frozenset(), ""),
    ("lookup_latest_score", {"uid": UID["jordan"]}, frozenset({"AnalysisRun"}),
     "the analysis runs (one node a run), newest first"),
    ("lookup_rank_trend", {"uid": UID["jordan"], "limit": 5}, frozenset({"AnalysisRun"}),
     "the analysis runs (one node a run), newest first"),
]


FILLER_REPORTS = 400


def filler(i: int) -> dict[str, Any]:
    """Report i of a crowd unconnected to the known graph, seen in 2023: enough people,
    phones, vehicles and places that Neo4j plans as it would for a real force's graph."""
    person = {"id": "p", "type": "Person", "name": f"Filler Person{i}", "dob": "1980-01-01",
              "role": "associate"}
    other = {"id": "o", "type": "Person", "name": f"Filler Person{i + 1}", "dob": "1980-01-01",
             "role": "associate"}
    phone = {"id": "ph", "type": "Phone", "number": f"07700 1{i:05d}"}
    car = {"id": "c", "type": "Vehicle", "vrm": f"FX{i % 100:02d} {chr(65 + i % 26)}AB"}
    place = {"id": "l", "type": "Location", "address": f"{i} Filler Street",
             "postcode": f"BS{i % 40 + 1} {i % 9 + 1}AB", "kind": "home_address"}
    return report(f"FILL/{i}", [person, other, phone, car, place],
                  [{"from": "p", "to": "ph", "type": "USES"},
                   {"from": "p", "to": "c", "type": "DRIVES"},
                   {"from": "p", "to": "l", "type": "LIVES_AT"},
                   {"from": "o", "to": "l", "type": "SEEN_AT", "at": "2023-05-01T10:00:00"},
                   {"from": "p", "to": "o", "type": "ASSOCIATE_OF"}]
                  # every 100th pair shares the phone and the car too
                  + ([{"from": "o", "to": "ph", "type": "USES"},
                      {"from": "o", "to": "c", "type": "DRIVES"}] if i % 100 == 0 else []),
                  date=f"2023-{i % 12 + 1:02d}-01", grading="2BP")


@pytest.fixture(scope="module")
def graph(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The known graph of test_queries in a crowd of unrelated reports, with one analysis
    run (for the score lookups); Neo4j plans it with statistics of this graph."""
    from graphintel.analysis.run import run_analysis
    from graphintel.ingest import ingest

    folder = tmp_path_factory.mktemp("plans")
    load_world(session_store, settings, folder)
    crowd = write_jsonl(folder / "crowd.jsonl", [filler(i) for i in range(FILLER_REPORTS)])
    assert ingest([crowd], settings=settings, store=session_store).ok
    run_analysis(session_store)
    # index statistics resampled for this graph, and plans made on other data dropped
    session_store.run_schema(["CALL db.prepareForReplanning(300)"])
    yield session_store


def scanned_labels(step: PlanStep) -> set[str]:
    """The labels or relationship types a scan step reads (``n:Phone``, ``[r:USES]``)."""
    return set(re.findall(r":`?([A-Za-z_][A-Za-z0-9_]*)", step.details.split(" WHERE ")[0]))


MARKERS = derived.NODE_MARKERS | derived.LINK_MARKERS


def trigram_lookup(step: PlanStep) -> bool:
    """True when a CONTAINS reads a text index (provider text-2.0, trigrams): it looks the
    words up, where a range index's CONTAINS scan reads every key."""
    return step.operator == "NodeIndexContainsScan" and step.details.startswith("TEXT INDEX")


def marker_index(details: str) -> bool:
    """True when a plan step reads the index of a marker (``Phone(users)``, ...)."""
    found = re.search(r"INDEX .*?:`?[A-Za-z_]+`?\(([a-z_0-9]+)", details)
    return bool(found) and found.group(1) in MARKERS


def check_plan_shape(name: str, steps: list[PlanStep], params: dict[str, Any],
                     may_scan: frozenset[str]) -> None:
    ops = [s.operator for s in steps]
    assert "CartesianProduct" not in ops, f"{name}: Cartesian product in the plan"
    for s in steps:
        if s.operator.startswith(VAR_LENGTH):
            assert re.search(r"\*\d*\.\.\d+", s.details), f"{name}: unbounded {s.details}"
    worked = [s for s in steps if (s.rows or 0) > 0 or (s.db_hits or 0) > 0]
    for s in worked:
        if s.operator in SCANS and not marker_index(s.details) and not trigram_lookup(s):
            labels = scanned_labels(s)
            assert labels and labels <= may_scan, (
                f"{name} {sorted(params)}: {s.operator} {s.details} read the store")
    if may_scan:
        return
    given = [k for k, v in params.items() if v is not None and f"${k}" in " ".join(
        s.details for s in steps)]
    # a seek on a parameter, or on a variable unwound from parameters ([$person_a, ...])
    seeks = [s for s in worked if "Seek" in s.operator or trigram_lookup(s)] + [
        s for s in steps  # (no counts for procedures)
        if s.operator == "ProcedureCall" and "db.index.fulltext" in s.details]
    sources = seeks + [s for s in worked if s.operator == "Unwind"]
    if any(f"${k}" in s.details for s in sources for k in given):
        return
    # else a listing of the whole graph: it starts from the index of a marker kept at write
    # time (graphintel/derived.py), so it reads only the phones, places or entities marked
    assert any(marker_index(s.details) for s in worked), (
        f"{name} {sorted(params)}: neither an index seek on a parameter nor a marker's "
        "index did the work")


@pytest.mark.parametrize(("name", "raw", "may_scan", "why"), CASES,
                         ids=[f"{c[0]}-{'-'.join(c[1]) or 'all'}" for c in CASES])
def test_shipped_query_plan(graph: Store, settings: Settings, name: str, raw: dict[str, str],
                            may_scan: frozenset[str], why: str) -> None:
    assert bool(may_scan) == bool(why)
    cf = show_query(settings, name)
    params = prepare_params(graph, cf, raw)
    steps = query_plan(graph, cf.text, params, profile=True)
    check_plan_shape(name, steps, params, may_scan)
    assert steps[0].rows, f"the case {name} {raw} should return rows"


@pytest.mark.parametrize(("name", "params", "may_scan", "why"), LOOKUP_CASES,
                         ids=[f"{c[0]}-{c[1].get('text', '')}" for c in LOOKUP_CASES])
def test_lookup_plan(graph: Store, name: str, params: dict[str, Any], may_scan: frozenset[str],
                     why: str) -> None:
    assert bool(may_scan) == bool(why)
    cf = graph.query(name)
    bound = cf.bind(params)
    steps = query_plan(graph, cf.text, bound, profile=True)
    check_plan_shape(name, steps, bound, may_scan)
    assert steps[0].rows, f"the case {name} {params} should return rows"
    if may_scan:  # the runs are read, but the person still comes from the uid index
        assert any("Seek" in s.operator and "$uid" in s.details for s in steps)


def test_every_query_and_lookup_has_a_plan_case(settings: Settings) -> None:
    shipped = {q.name for q in list_queries(replace(settings, query_dir=None))}
    assert {c[0] for c in CASES} == shipped
    assert {c[0] for c in LOOKUP_CASES} == set(load_folder(cypher_dir() / "lookups"))


def test_a_person_plan_never_reads_the_whole_graph(graph: Store, settings: Settings) -> None:
    # the branches that list everything are in the plan, but only run without a lookup
    cf = show_query(settings, "weak_links")
    steps = query_plan(graph, cf.text, prepare_params(graph, cf, {"person": "N100"}),
                       profile=True)
    flagged = [s for s in steps if marker_index(s.details) and re.search(r"weak[12]", s.details)]
    assert len(flagged) == 2 and all(s.rows == 0 for s in flagged)
    everything = query_plan(graph, cf.text, prepare_params(graph, cf, {}), profile=True)
    assert any(marker_index(s.details) and re.search(r"weak[12]", s.details) and s.rows
               for s in everything)


# -- the same rows whichever way a query starts ------------------------------------------------

def rows(store: Store, settings: Settings, name: str, **params: Any) -> list[dict[str, Any]]:
    return run_query(store, settings, name, {k: str(v) for k, v in params.items()}).rows


@pytest.mark.parametrize(("name", "person", "key"), [
    ("people_sharing_phone", "Mark Jones", "person_uid"),
    ("people_sharing_vehicle", "Kyle Brown", "person_uid"),
    ("people_sharing_address", "Beth Young", "person_uid"),
])
def test_a_person_lookup_is_the_listing_of_that_persons_shares(
        graph: Store, settings: Settings, name: str, person: str, key: str) -> None:
    listing = rows(graph, settings, name)
    group = "phone" if name.endswith("phone") else "vrm" if name.endswith("vehicle") else "shared"
    uid = run_query(graph, settings, name, {"person": person}).params["person"]
    theirs = {r[group] for r in listing if r[key] == uid}
    assert theirs, f"{person} shares nothing in {name}"
    assert rows(graph, settings, name, person=person) == [r for r in listing
                                                          if r[group] in theirs]


def test_person_links_are_the_links_of_the_whole_graph_that_touch_them(
        graph: Store, settings: Settings) -> None:
    for person in ("Mark Jones", "N100", "Amy Child"):
        uid = run_query(graph, settings, "weak_links", {"person": person}).params["person"]
        for name, extra in (("new_links_since", {"since": "2025-01-01"}),
                            ("weak_links", {"limit": 100_000})):
            everything = rows(graph, settings, name, **extra)
            mine = [r for r in everything if uid in (r["from_uid"], r["to_uid"])]
            assert mine, (name, person)
            assert rows(graph, settings, name, person=person, **extra) == mine


def test_new_links_since_reads_one_first_seen_index_per_link_type(
        graph: Store, settings: Settings) -> None:
    text = show_query(settings, "new_links_since").text
    assert sorted(re.findall(r"\(a:Entity\)-\[r:([A-Z_]+)\]->", text)) == sorted(LINK_TYPES)
    # and twice more for the dates alone, which find the date of the limit-th link: once for
    # the bound from the type with the most links, once for the dates up to the bound
    assert sorted(re.findall(r"MATCH \(\)-\[r:([A-Z_]+)\]->\(\) USING INDEX r:\1\(first_seen\)",
                             text)) == sorted(LINK_TYPES * 2)
    # the type with the most links is found from the count store, one count per type
    assert sorted(re.findall(r"MATCH \(\)-\[r:([A-Z_]+)\]->\(\) WITH count\(r\) AS links",
                             text)) == sorted(LINK_TYPES)
    online = {r["name"] for r in graph.read("show_indexes") if r["state"] == "ONLINE"}
    assert {f"link_first_seen_{t.lower()}" for t in LINK_TYPES} <= online


def sort_key(r: dict[str, Any]) -> tuple[Any, ...]:
    return r["first_seen"], r["from_uid"], r["type"], r["to_uid"]


def test_limits_are_applied_by_neo4j_and_cut_where_the_full_listing_would(
        graph: Store, settings: Settings) -> None:
    full = rows(graph, settings, "new_links_since", since="2024-01-01")
    assert len(full) >= 10
    for k in range(1, len(full)):
        cut = run_query(graph, settings, "new_links_since", {"since": "2024-01-01"}, limit=k)
        assert cut.truncated and [sort_key(r) for r in cut.rows] == [
            sort_key(r) for r in full[:k]]
        assert cut.params["limit"] == k + 1  # one past the limit shows it was cut
    whole = run_query(graph, settings, "new_links_since", {"since": "2024-01-01"},
                      limit=len(full))
    assert not whole.truncated and len(whole.rows) == len(full)
    for cf in list_queries(replace(settings, query_dir=None)):
        if "limit" not in {p.name for p in cf.params}:
            continue
        raw = {"weak_links": {}, "new_links_since": {"since": "2024-01-01"}}.get(cf.name, {})
        every = run_query(graph, settings, cf.name, raw)
        assert len(every.rows) >= 2, cf.name
        one = run_query(graph, settings, cf.name, raw, limit=1)
        assert one.truncated and one.rows == every.rows[:1], cf.name
        steps = query_plan(graph, cf.text, one.params)
        assert any(s.operator in {"Top", "Limit", "PartialTop"} and "$limit" in s.details
                   for s in steps), cf.name


@pytest.mark.parametrize(("name", "label", "group"), [
    ("people_sharing_phone", "Phone", "phone"),
    ("people_sharing_vehicle", "Vehicle", "vrm"),
])
def test_a_whole_graph_sharing_listing_stops_at_its_limit(
        graph: Store, settings: Settings, name: str, label: str, group: str) -> None:
    # the listing reads only the shared ones (from the index of the phones' users) or walks
    # the key index in order and stops at the limit-th shared one (vehicles), so with a
    # limit it reads fewer of them than the graph holds, and cuts where the full listing
    # would
    every = rows(graph, settings, name)
    assert len({r[group] for r in every}) >= 3, name
    cf = show_query(settings, name)
    one = run_query(graph, settings, name, {}, limit=1)
    # every cut, also where a limit falls inside a group's rows or past its first group
    for k in range(1, len(every) + 1):
        assert run_query(graph, settings, name, {}, limit=k).rows == every[:k], (name, k)
    steps = query_plan(graph, cf.text, one.params, profile=True)
    scans = [s for s in steps if (s.operator in SCANS or "Seek" in s.operator) and s.rows
             and f":{label}" in s.details]
    total = graph.read_text({"Phone": "MATCH (n:Phone) RETURN count(n) AS n",
                             "Vehicle": "MATCH (n:Vehicle) RETURN count(n) AS n"}[label],
                            {})[0]["n"]
    assert scans and max(s.rows or 0 for s in scans) < total, [
        (s.operator, s.details, s.rows) for s in steps]


#: The links of a person the agenda reports as new between two runs.
AGENDA_NEW_LINK_TYPES = ("ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS", "USES", "OWNS", "DRIVES",
                         "PASSENGER_IN", "LIVES_AT", "FREQUENTS", "SEEN_AT", "HAS_ACCOUNT")


def test_the_agenda_reads_links_new_between_runs_from_the_loaded_at_indexes(
        graph: Store) -> None:
    cf = graph.query("agenda_new_links")
    types = re.findall(r"\(a:Person\)-\[r:([A-Z_]+)\]->", cf.text)
    assert sorted(types) == sorted(AGENDA_NEW_LINK_TYPES)
    online = {r["name"] for r in graph.read("show_indexes") if r["state"] == "ONLINE"}
    assert {f"link_loaded_at_{t.lower()}" for t in types} <= online
    bound = cf.bind({"since": "", "until": "9999"})
    check_plan_shape("agenda_new_links", query_plan(graph, cf.text, bound, profile=True),
                     bound, frozenset())
    # the same links, in the same order, as reading every person's links
    every = ("MATCH (a:Person)-[r]->(b:Entity) WHERE type(r) IN $types "
             "AND r.loaded_at > $since AND r.loaded_at <= $until "
             "RETURN a.uid AS a, type(r) AS type, b.uid AS b ORDER BY a, type, b")
    loaded = sorted({r["at"] for r in graph.read_text(
        "MATCH (:Person)-[r]->() WHERE r.loaded_at IS NOT NULL RETURN r.loaded_at AS at", {})})
    for since, until in (("", "9999"), (loaded[0], loaded[-1]), ("", loaded[0])):
        rows = graph.read("agenda_new_links", since=since, until=until)
        expected = graph.read_text(every, {"types": list(types), "since": since,
                                           "until": until})
        assert [(r["a"], r["type"], r["b"]) for r in rows] == \
            [(r["a"], r["type"], r["b"]) for r in expected]
        if since == "":
            assert rows
