"""The listing markers (graphintel/derived.py) stay equal to what the graph says.

After every write path (a first load, a later report that adds a role, a second report on a
link or a second user of a phone, an entity merge and its undo, a graph loaded before the
markers existed), every marker stored is compared with the same figure counted from the
whole graph here, by queries written for this test and independent of
``cypher/derived/refresh.cypher``.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from graphintel import derived
from graphintel.clean.address import address_parts
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.queries import run_query
from graphintel.resolve import merge, undo
from graphintel.schema import apply_schema, schema_state
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

WEAK = ("CASE WHEN rep.grading_scheme = '5x5x5' "
        "THEN rep.grading_source = 'D' OR rep.grading_intel IN ['4', '5'] "
        "ELSE rep.grading_source = '3' OR rep.grading_intel IN ['D', 'E'] END")

#: Every node marker, counted from the whole graph.
EXPECTED_NODES = """
MATCH (n:Entity)
WITH n,
     CASE WHEN n:Phone THEN COUNT { (n)<-[:USES]-(:Person) } END AS users,
     CASE WHEN n:Location THEN COUNT { (n)<-[:LIVES_AT]-(:Person) } END AS residents,
     CASE WHEN n:Location THEN COLLECT {
       MATCH (v:Person)-[s:SEEN_AT]->(n) WHERE 'victim' IN coalesce(v.roles, [])
       RETURN size(coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL]))
     } END AS seen,
     CASE WHEN n:Location THEN COUNT {
       MATCH (v:Person)-[s:SEEN_AT]->(n)
       WHERE 'victim' IN coalesce(v.roles, []) AND coalesce(s.last_seen, s.first_seen) IS NOT NULL
       RETURN DISTINCT v } END AS victims,
     CASE WHEN n:Location THEN COUNT {
       MATCH (:Person)-[:SUBJECT_OF]->(e:Event {kind: 'missing_episode'})-[:FOUND_AT]->(n)
       RETURN DISTINCT e } END AS finds,
     CASE WHEN n:Location THEN COUNT {
       MATCH (c:Person)-[:SUBJECT_OF]->(:Event {kind: 'missing_episode'})-[:FOUND_AT]->(n)
       RETURN DISTINCT c } END AS children,
     CASE WHEN n:Location THEN COUNT {
       MATCH (sp:Person)-[:SEEN_AT|FREQUENTS|LIVES_AT]->(n)
       WHERE 'suspect' IN coalesce(sp.roles, []) RETURN DISTINCT sp } END AS suspects,
     COLLECT {
       MATCH (n)-[r]->(:Entity) WHERE r.refs IS NOT NULL
       RETURN CASE WHEN size(r.refs) = 1 THEN 1 ELSE 0 END +
              CASE WHEN all(ref IN r.refs WHERE EXISTS {
                     MATCH (rep:Report {ref: ref}) WHERE """ + WEAK + """ })
                   THEN 1 ELSE 0 END
     } AS reasons,
     [r IN ['suspect', 'victim'] WHERE n:Person AND r IN coalesce(n.roles, [])] AS standing
WITH n, standing, users, residents, victims, finds, children, suspects, reasons,
     reduce(t = 0, x IN coalesce(seen, []) | t + x) AS sightings
WITH n, standing, users, residents, victims, finds, children, suspects,
     reasons, sightings,
     CASE WHEN sightings + coalesce(finds, 0) > 0 THEN sightings + finds END AS hot
RETURN n.uid AS uid, {
  users: CASE WHEN users >= 2 THEN users END,
  residents: CASE WHEN residents >= 2 THEN residents END,
  hotspot: hot,
  hot_sightings: CASE WHEN hot IS NOT NULL THEN sightings END,
  hot_victims: CASE WHEN hot IS NOT NULL THEN victims END,
  hot_finds: CASE WHEN hot IS NOT NULL THEN finds END,
  hot_children: CASE WHEN hot IS NOT NULL THEN children END,
  hot_suspects: CASE WHEN hot IS NOT NULL THEN suspects END,
  weak2: CASE WHEN 2 IN reasons THEN true END,
  weak1: CASE WHEN 1 IN reasons THEN true END,
  hot_roles: CASE WHEN standing <> [] THEN standing END
} AS markers
"""
STORED_NODES = ("MATCH (n:Entity) RETURN n.uid AS uid, n {"
                + ", ".join(f".{k}" for k in sorted(derived.NODE_MARKERS)) + "} AS markers")
#: Every link marker and link strength, counted from the whole graph.
EXPECTED_LINKS = """
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.refs IS NOT NULL OR type(r) IN ['SEEN_AT', 'FOUND_AT']
RETURN a.uid AS a, type(r) AS type, b.uid AS b, {
  strong: CASE WHEN r.refs IS NOT NULL AND any(ref IN r.refs WHERE NOT EXISTS {
            MATCH (rep:Report {ref: ref}) WHERE """ + WEAK + """ }) THEN true END,
  victim: CASE WHEN type(r) = 'SEEN_AT' AND a:Person AND b:Location
                    AND 'victim' IN coalesce(a.roles, [])
               THEN coalesce(r.times, [d IN [r.first_seen, r.last_seen] WHERE d IS NOT NULL])
          END,
  found: CASE WHEN type(r) = 'FOUND_AT' AND a:Event AND b:Location
                   AND a.kind = 'missing_episode'
              THEN {on: coalesce(r.last_seen, a.end, a.start),
                    children: COLLECT { MATCH (c:Person)-[:SUBJECT_OF]->(a)
                                        RETURN c.uid ORDER BY c.uid }} END
} AS markers
"""
STORED_LINKS = ("""
MATCH (a:Entity)-[r]->(b:Entity)
WHERE r.refs IS NOT NULL OR type(r) IN ['SEEN_AT', 'FOUND_AT']
RETURN a.uid AS a, type(r) AS type, b.uid AS b, r {.strong, """
                + ", ".join(f".{k}" for k in sorted(derived.LINK_MARKERS)) + "} AS markers")


def _link_markers(raw: dict[str, Any]) -> dict[str, Any]:
    """The link markers from a link's victim dates and find (EXPECTED_LINKS)."""
    out = {"strong": raw["strong"]}
    dates = sorted(raw["victim"] or [])
    if dates:
        out.update(victim_last_seen=dates[-1], victim_previous_seen=dates[max(len(dates) - 2, 0)],
                   victim_first_seen=dates[0], victim_sightings=len(dates))
    if raw["found"]:
        children = raw["found"]["children"]
        out.update(found_on=raw["found"]["on"], found_child=children[0] if children else None,
                   found_subjects=len(children) or None,
                   found_children=children if len(children) > 1 else None)
    return out


def _rows(store: Store, text: str) -> dict[Any, dict[str, Any]]:
    out = {}
    for row in store.read_text(text, {}):
        key = row["uid"] if "uid" in row else (row["a"], row["type"], row["b"])
        markers = _link_markers(row["markers"]) if text == EXPECTED_LINKS else row["markers"]
        out[key] = {k: v for k, v in markers.items() if v is not None}
    return out


def _expected_nodes(store: Store) -> dict[Any, dict[str, Any]]:
    """EXPECTED_NODES, with each place's address keys as its address gives them."""
    out = _rows(store, EXPECTED_NODES)
    for row in store.read_text("MATCH (l:Location) RETURN l.uid AS uid, l.address AS a", {}):
        key, unit = address_parts(row["a"])
        out[row["uid"]].update({k: v for k, v in (("address_key", key), ("address_unit", unit))
                                if v is not None})
    return out


def assert_markers_right(store: Store) -> None:
    expected, stored = _expected_nodes(store), _rows(store, STORED_NODES)
    assert stored == expected, {k: (stored.get(k), v) for k, v in expected.items()
                                if stored.get(k) != v}
    expected, stored = _rows(store, EXPECTED_LINKS), _rows(store, STORED_LINKS)
    assert stored == expected, {k: (stored.get(k), v) for k, v in expected.items()
                                if stored.get(k) != v}


def _p(i: str, name: str, dob: str, role: str) -> dict[str, Any]:
    return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}


ANN = _p("a", "Ann Able", "2000-01-01", "associate")
ANN_AS_VICTIM = {**ANN, "role": "victim"}
ANN_AGAIN = _p("a2", "Anne Able", "2000-01-01", "associate")
BOB = _p("b", "Bob Bell", "1980-02-02", "suspect")
CAT = _p("c", "Cat Cole", "2011-03-03", "victim")
DAN = _p("d", "Dan Dee", "1979-04-04", "suspect")
PHONE = {"id": "ph", "type": "Phone", "number": "07700 900111"}
HOME1 = {"id": "h1", "type": "Location", "address": "1 Elm Road", "postcode": "BA1 1AA",
         "kind": "home_address"}
HOME1_COPY = {"id": "h1x", "type": "Location", "address": "1 Elm Rd", "postcode": "BA1 1AB",
              "kind": "home_address"}
HOME2 = {"id": "h2", "type": "Location", "address": "2 Elm Road", "postcode": "BA1 1AA",
         "kind": "home_address"}
PARK = {"id": "pk", "type": "Location", "address": "The Park", "postcode": "BA2 2BB",
        "kind": "hotspot"}
EPISODE = {"id": "e", "type": "Event", "kind": "missing_episode",
           "start": "2025-02-01T18:00:00", "end": "2025-02-02T09:00:00"}


def _l(a: str, b: str, t: str, **kw: Any) -> dict[str, Any]:
    return {"from": a, "to": b, "type": t, **kw}


def _load(store: Store, settings: Settings, path: Path, reports: list[dict[str, Any]]) -> None:
    assert ingest([write_jsonl(path, reports)], settings=settings, store=store).ok


def _shared_phones(store: Store, settings: Settings) -> list[Any]:
    return [(r["phone"], r["users"]) for r in
            run_query(store, settings, "people_sharing_phone", {}).rows]


def test_markers_follow_every_load(store: Store, settings: Settings, tmp_path: Path) -> None:
    _load(store, settings, tmp_path / "1.jsonl", [
        report("R1", [ANN, BOB, PHONE, HOME1, HOME2, PARK],
               [_l("a", "ph", "USES"), _l("b", "ph", "USES"), _l("a", "h1", "LIVES_AT"),
                _l("b", "h2", "LIVES_AT"), _l("b", "a", "ASSOCIATE_OF"),
                _l("a", "pk", "SEEN_AT", at="2025-01-01T20:00:00"),
                _l("b", "pk", "FREQUENTS")], date="2025-01-01"),
        report("R2", [BOB, CAT, EPISODE, PARK],
               [_l("b", "c", "EXPLOITS"), _l("c", "e", "SUBJECT_OF"),
                _l("e", "pk", "FOUND_AT", at="2025-02-02T08:00:00"),
                _l("c", "pk", "SEEN_AT", at="2025-02-01T19:00:00")],
               date="2025-02-02", grading="3DP"),
    ])
    assert_markers_right(store)
    assert _shared_phones(store, settings) == [("+447700900111", 2), ("+447700900111", 2)]
    hot = run_query(store, settings, "hotspots", {}).rows
    assert [(r["place"], r["victim_sightings"], r["missing_finds"], r["suspects_linked"])
            for r in hot] == [("The Park", 1, 1, 1)]
    weak = run_query(store, settings, "weak_links", {}).rows
    assert {(r["from"], r["type"], r["to"]): r["reasons"] for r in weak}[
        ("Bob Bell", "EXPLOITS", "Cat Cole")] == ["single report", "weak grading"]

    # a later report assesses Ann as a victim, names the association again, and a third
    # person starts using the phone: the park's count, the link and the phone all change
    _load(store, settings, tmp_path / "2.jsonl", [
        report("R3", [ANN_AS_VICTIM, BOB, DAN, PHONE],
               [_l("b", "a", "ASSOCIATE_OF"), _l("d", "ph", "USES")], date="2025-03-01"),
    ])
    assert_markers_right(store)
    assert _shared_phones(store, settings)[0] == ("+447700900111", 3)
    hot = run_query(store, settings, "hotspots", {}).rows
    assert [(r["victim_sightings"], r["victims_seen"]) for r in hot] == [(2, 2)]
    dated = run_query(store, settings, "hotspots", {"since": "2025-01-15"}).rows
    assert [(r["victim_sightings"], r["missing_finds"]) for r in dated] == [(1, 1)]
    weak = run_query(store, settings, "weak_links", {}).rows
    assert ("Bob Bell", "ASSOCIATE_OF", "Ann Able") not in {
        (r["from"], r["type"], r["to"]) for r in weak}


def test_markers_follow_a_merge_and_its_undo(store: Store, settings: Settings,
                                             tmp_path: Path) -> None:
    _load(store, settings, tmp_path / "1.jsonl", [
        report("R1", [ANN, BOB, PHONE, HOME1, HOME2],
               [_l("a", "ph", "USES"), _l("b", "ph", "USES"), _l("a", "h1", "LIVES_AT"),
                _l("b", "h1", "LIVES_AT")]),
        report("R2", [ANN_AGAIN, PHONE, HOME1_COPY, CAT, PARK],
               [_l("a2", "ph", "USES"), _l("a2", "h1x", "LIVES_AT"),
                _l("c", "h1x", "LIVES_AT"), _l("c", "pk", "SEEN_AT", at="2025-03-01T20:00")]),
    ])
    assert_markers_right(store)
    assert _shared_phones(store, settings)[0] == ("+447700900111", 3)
    uid = {r["name"]: r["uid"] for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.uid AS uid", {})}
    people = merge(store, uid["Anne Able"], uid["Ann Able"], reason="same woman", user="t")
    assert_markers_right(store)
    assert _shared_phones(store, settings)[0] == ("+447700900111", 2)
    places = {r["address"]: r["uid"] for r in store.read_text(
        "MATCH (l:Location) RETURN l.address AS address, l.uid AS uid", {})}
    homes = merge(store, places["1 Elm Rd"], places["1 Elm Road"], reason="same house",
                  user="t")
    assert_markers_right(store)
    undo(store, homes.id, user="t", reason="different houses")
    assert_markers_right(store)
    undo(store, people.id, user="t", reason="different women")
    assert_markers_right(store)
    assert _shared_phones(store, settings)[0] == ("+447700900111", 3)


def test_a_graph_loaded_before_the_markers_gets_them(store: Store, settings: Settings,
                                                     tmp_path: Path) -> None:
    _load(store, settings, tmp_path / "1.jsonl", [
        report("R1", [ANN_AS_VICTIM, BOB, PHONE, HOME1, PARK, CAT, EPISODE],
               [_l("a", "ph", "USES"), _l("b", "ph", "USES"), _l("a", "h1", "LIVES_AT"),
                _l("b", "h1", "LIVES_AT"), _l("a", "pk", "SEEN_AT", at="2025-01-01T20:00"),
                _l("c", "e", "SUBJECT_OF"), _l("e", "pk", "FOUND_AT", at="2025-02-02T08:00")],
               grading="3DP"),
    ])
    wanted = _rows(store, STORED_NODES), _rows(store, STORED_LINKS)
    # as an older graphintel left it: no markers, no link strength, no markers' indexes
    with store._session("WRITE") as session:
        session.run("MATCH (n:Entity) REMOVE " + ", ".join(
            f"n.{k}" for k in sorted(derived.NODE_MARKERS))).consume()
        session.run("MATCH ()-[r]->() REMOVE r.strong, "
                    + ", ".join(f"r.{k}" for k in sorted(derived.LINK_MARKERS))).consume()
    for name in sorted(derived.MARKER_INDEXES):
        store.run_schema([f"DROP INDEX {name} IF EXISTS"])
    assert _rows(store, STORED_NODES) != wanted[0]
    assert set(derived.MARKER_INDEXES) <= set(schema_state(store).missing)
    assert apply_schema(store).applied
    assert (_rows(store, STORED_NODES), _rows(store, STORED_LINKS)) == wanted
    assert_markers_right(store)


def test_the_weak_grading_rule_is_one_text(settings: Settings) -> None:
    from graphintel.resources import cypher_dir

    def rule(name: str) -> str:
        text = (cypher_dir() / name).read_text(encoding="utf-8")
        start = text.index("any(ref IN r.refs WHERE NOT EXISTS {")
        return " ".join(text[start:text.index("}) AS strong", start)].split())

    assert rule("ingest/merge_links.cypher") == rule("derived/link_strength.cypher")
    assert rule("ingest/version_links.cypher") == rule("derived/link_strength.cypher")
    assert " ".join(WEAK.split()) in rule("derived/link_strength.cypher")


def test_a_load_settles_what_a_stopped_load_left(store: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    first = [report("R1", [ANN, BOB, PHONE], [_l("a", "ph", "USES"), _l("b", "ph", "USES")])]
    _load(store, settings, tmp_path / "1.jsonl", first)
    assert store.read_text("MATCH (q:PendingMarkers) RETURN count(q) AS n", {})[0]["n"] == 0
    # a batch committed, then the load stopped before it settled: the record is left and
    # the phone's marker is not counted yet
    with store._session("WRITE") as session:
        session.run("MATCH (ph:Phone) REMOVE ph.users").consume()
    phone = store.read_text("MATCH (ph:Phone) RETURN ph.uid AS uid", {})[0]["uid"]
    store.write_tx(lambda tx: derived.queue(tx, derived.Touched(phones={phone})))
    assert _shared_phones(store, settings) == []
    # the next load, even of rows already loaded, settles it first
    _load(store, settings, tmp_path / "again.jsonl", first)
    assert _shared_phones(store, settings) == [("+447700900111", 2)] * 2
    assert store.read_text("MATCH (q:PendingMarkers) RETURN count(q) AS n", {})[0]["n"] == 0
    assert_markers_right(store)


def test_records_are_settled_a_group_at_a_time(store: Store, settings: Settings,
                                               tmp_path: Path) -> None:
    _load(store, settings, tmp_path / "1.jsonl", [
        report("R1", [ANN_AS_VICTIM, BOB, DAN, PHONE, HOME1, PARK],
               [_l("a", "ph", "USES"), _l("b", "ph", "USES"), _l("d", "ph", "USES"),
                _l("a", "h1", "LIVES_AT"), _l("b", "h1", "LIVES_AT"),
                _l("a", "pk", "SEEN_AT", at="2025-01-01T20:00")]),
    ])
    wanted = _rows(store, STORED_NODES), _rows(store, STORED_LINKS)
    # three batches committed and none settled: each record holds a part of what changed
    with store._session("WRITE") as session:
        session.run("MATCH (n:Entity) REMOVE " + ", ".join(
            f"n.{k}" for k in sorted(derived.NODE_MARKERS))).consume()
        session.run("MATCH ()-[r]->() REMOVE " + ", ".join(
            f"r.{k}" for k in sorted(derived.LINK_MARKERS))).consume()
    uids = {r["label"]: r["uids"] for r in store.read_text(
        "MATCH (n:Entity) RETURN CASE WHEN n:Person THEN 'Person' WHEN n:Phone THEN 'Phone' "
        "WHEN n:Location THEN 'Location' END AS label, collect(n.uid) AS uids", {})}
    everyone = set(uids["Person"])
    for part in (derived.Touched(phones=set(uids["Phone"])),
                 derived.Touched(places=set(uids["Location"]), sighted=everyone),
                 derived.Touched(people=everyone, sources=everyone)):
        store.write_tx(lambda tx, part=part: derived.queue(tx, part))
    assert derived.settle(store, group=2) == 3
    assert store.read_text("MATCH (q:PendingMarkers) RETURN count(q) AS n", {})[0]["n"] == 0
    assert (_rows(store, STORED_NODES), _rows(store, STORED_LINKS)) == wanted
    assert_markers_right(store)


def test_the_doctor_tells_of_unsettled_markers_and_schema_apply_settles_them(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.doctor import run_doctor

    def markers_check() -> Any:
        return next(c for c in run_doctor(settings).checks if c.name == "listing markers")

    _load(store, settings, tmp_path / "1.jsonl",
          [report("R1", [ANN, BOB, PHONE], [_l("a", "ph", "USES"), _l("b", "ph", "USES")])])
    assert not markers_check().warning
    with store._session("WRITE") as session:
        session.run("MATCH (ph:Phone) REMOVE ph.users").consume()
    phone = store.read_text("MATCH (ph:Phone) RETURN ph.uid AS uid", {})[0]["uid"]
    store.write_tx(lambda tx: derived.queue(tx, derived.Touched(phones={phone})))
    check = markers_check()
    assert check.warning and check.detail.startswith("1 ingest batches")
    assert "schema apply" in check.fix
    apply_schema(store)
    assert not markers_check().warning
    assert _shared_phones(store, settings) == [("+447700900111", 2)] * 2


def test_a_marker_plan_made_on_an_empty_graph_never_scans(store: Store) -> None:
    # the statements are planned once (replan=skip), often first on an empty or small
    # graph, where a label scan looks free: a plan made at the end of a 1,000-report load
    # (a Location label scan to expand into from each person) made a 10,000-report load's
    # settle take a minute. The statements name the uid index and check far-end labels
    # after a WITH; this holds the first part on the emptiest graph there is.
    from graphintel.queries import query_plan
    from graphintel.store import library
    from tests.test_query_plans import SCANS

    uids = ["Person:x", "Location:y"]
    params = {"uids": uids, "people": uids, "events": uids, "places": uids,
              "rows": [["Location:y", "5 elm road", None]]}
    planned = 0
    for cf in library().values():
        if not cf.name.startswith("derived_") or "replan=skip" not in cf.statements[0]:
            continue
        bound = cf.bind({p.name: params[p.name] for p in cf.params})
        steps = query_plan(store, cf.statements[0], bound)
        scans = [f"{s.operator} {s.details}" for s in steps if s.operator in SCANS]
        assert not scans, (cf.name, scans)
        planned += 1
    assert planned == 7


#: The dated hotspot listing counted from the links themselves, without a marker.
HOTSPOTS_COUNTED = """
MATCH (l:Location)
CALL (l) {
  OPTIONAL MATCH (v:Person)-[s:SEEN_AT]->(l) WHERE 'victim' IN coalesce(v.roles, [])
  WITH v, size([t IN coalesce(s.times, [x IN [s.first_seen, s.last_seen] WHERE x IS NOT NULL])
                WHERE t >= $since]) AS seen
  RETURN sum(seen) AS sightings, count(DISTINCT CASE WHEN seen > 0 THEN v END) AS victims
}
CALL (l) {
  OPTIONAL MATCH (c:Person)-[:SUBJECT_OF]->(e:Event)-[f:FOUND_AT]->(l)
  WHERE e.kind = 'missing_episode' AND coalesce(f.last_seen, e.end, e.start) >= $since
  RETURN count(DISTINCT e) AS finds, count(DISTINCT c) AS children
}
WITH l, sightings, victims, finds, children WHERE sightings + finds > 0
RETURN l.uid AS place_uid, sightings + finds AS score, sightings AS victim_sightings,
       victims AS victims_seen, finds AS missing_finds, children AS children_found
ORDER BY score DESC, victims + children DESC, coalesce(l.address, l.postcode, l.key), l.uid
"""


def test_dated_hotspots_equal_a_count_from_the_links(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    # victims seen again and again at a few places over five months, and missing episodes
    # of one or two children found there: every way a sighting's dates can fall around a
    # date (all after, only the latest after, some after) and places tied on counts
    rng = random.Random(11)
    victims = [_p(f"v{i}", f"Vic Tim{i}", f"2010-0{i + 1}-01", "victim") for i in range(5)]
    places = [{"id": f"p{i}", "type": "Location", "address": f"{i} Mill Lane",
               "postcode": "BA3 3CC", "kind": "hotspot"} for i in range(6)]
    reports = []
    for n in range(60):
        day = f"2025-{rng.randint(1, 5):02d}-{rng.randint(1, 28):02d}"
        v, p = rng.choice(victims), rng.choice(places)
        links = [_l(v["id"], p["id"], "SEEN_AT", at=f"{day}T{rng.randint(10, 23)}:00:00")]
        found = [v]
        if n % 4 == 0:
            episode = {"id": f"e{n}", "type": "Event", "kind": "missing_episode",
                       "start": f"{day}T08:00:00", "end": f"{day}T22:00:00"}
            found = [v, episode] + ([victims[(victims.index(v) + 1) % 5]] if n % 8 == 0
                                    else [])
            links += [_l(c["id"], episode["id"], "SUBJECT_OF") for c in found
                      if c["type"] == "Person"]
            links.append(_l(episode["id"], p["id"], "FOUND_AT"))
        reports.append(report(f"R{n}", [*found, p], links, date=day))
    _load(store, settings, tmp_path / "1.jsonl", reports)
    assert_markers_right(store)
    seen = store.read_text("MATCH ()-[s:SEEN_AT]->() RETURN s.victim_first_seen AS first, "
                           "s.victim_previous_seen AS previous, s.victim_last_seen AS last", {})
    kinds = set()
    for since in ("2025-01-01", "2025-02-10", "2025-03-15", "2025-04-20", "2025-05-20",
                  "2025-07-01"):
        kinds |= {"all" if s["first"] >= since else "latest" if s["previous"] < since
                  else "some" for s in seen if s["last"] >= since}
        counted = store.read_text(HOTSPOTS_COUNTED, {"since": since})
        # graphintel.hotspots, which the local Neo4j runs in the file's place, lists the
        # rows of the file's Cypher, every column
        for limit in (1, 2, 3, None):
            got, cypher = (run_query(store, settings, "hotspots", {"since": since}, limit=limit,
                                     in_server=in_server).rows for in_server in (True, False))
            assert got == cypher, (since, limit)
            assert [{k: r[k] for k in counted[0]} for r in got] == counted[:limit], (since,
                                                                                      limit)
    assert kinds == {"all", "latest", "some"}
    assert store.read_text("MATCH ()-[f:FOUND_AT]->() RETURN max(f.found_subjects) AS most",
                           {})[0]["most"] == 2


def test_weak_links_of_the_whole_graph_equal_a_listing_from_the_reports(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    # associations named once or again, in well or weakly graded reports: links with both
    # reasons (one weak report), with one (one good report, or several weak ones) and with
    # none (several reports, one of them good)
    rng = random.Random(5)
    people = [_p(f"q{i}", f"Pat Person{i:02d}", f"198{i % 10}-01-01", "suspect")
              for i in range(14)]
    reports, named = [], {}
    for n in range(40):
        a, b = rng.sample(people, 2)
        grading = rng.choice(("2BP", "3DP", "2EP", "1AP"))
        reports.append(report(f"W{n}", [a, b], [_l(a["id"], b["id"], "ASSOCIATE_OF")],
                              date=f"2025-0{rng.randint(1, 9)}-01", grading=grading))
        named.setdefault((a["name"], b["name"]), []).append(grading[:2] in ("3D", "2E"))
    _load(store, settings, tmp_path / "w.jsonl", reports)
    listing = []
    for (a, b), weak in named.items():
        reasons = ([] if len(weak) > 1 else ["single report"]) + (
            ["weak grading"] if all(weak) else [])
        if reasons:
            listing.append((-len(reasons), a, b, reasons))
    assert {len(x[3]) for x in listing} == {1, 2}
    by_uid = {r["name"]: r["uid"] for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.uid AS uid", {})}
    listing.sort(key=lambda x: (x[0], by_uid[x[1]], by_uid[x[2]]))
    expected = [(a, b, reasons) for _, a, b, reasons in listing]
    for limit in range(1, len(expected) + 2):
        got = run_query(store, settings, "weak_links", {"limit": limit}).rows
        assert [(r["from"], r["to"], r["reasons"]) for r in got] == expected[:limit], limit


def test_the_whole_graph_shared_homes_cut_where_the_full_listing_would(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    # homes of two, three or four people (some living at two), in shared postcodes, and a
    # home of one: the listing reads half as many homes as its limit (each gives a row per
    # resident), so every cut, inside a home's rows or just past one, must be the head of
    # the full listing (and reading a third as many homes would fall short)
    people = [_p(f"r{i}", f"Ray Resident{i:02d}", f"199{i % 10}-02-02", "associate")
              for i in range(14)]
    living = [[0, 1], [2, 3], [4, 5], [6, 7, 8], [9, 10], [11, 12, 0, 3], [13]]
    homes = [{"id": f"h{i}", "type": "Location", "address": f"{i} Kiln Row",
              "postcode": f"BA{i % 3 + 1} 1AA"} for i in range(len(living))]
    reports = [report(f"H{h}-{i}", [people[i], homes[h]],
                      [_l(people[i]["id"], homes[h]["id"], "LIVES_AT")])
               for h, residents in enumerate(living) for i in residents]
    _load(store, settings, tmp_path / "h.jsonl", reports)
    assert_markers_right(store)
    for params in ({}, {"by_postcode": True}):
        every = run_query(store, settings, "people_sharing_address", params).rows
        sizes = {r["shared"]: r["residents"] for r in every}
        assert len(sizes) >= 3 and len(set(sizes.values())) >= 2, params
        for k in range(1, len(every) + 1):
            cut = run_query(store, settings, "people_sharing_address", params, limit=k).rows
            assert cut == every[:k], (params, k)
