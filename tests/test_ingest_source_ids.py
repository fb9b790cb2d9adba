"""Records-system exports by ID: entity files with source IDs, link files between them.

The fixture ``loaders/examples/pole/sample`` is shaped like a Neo4j bulk-import (POLE)
export: entity CSVs with an ``id:ID`` column and relationship CSVs of ``:START_ID,:END_ID``.
It loads through the shipped example mapping set ``loaders/examples/pole`` alone, every row
counted.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.errors import MappingError
from graphintel.ingest import ingest
from graphintel.ingest.mapping import find_mappings, load_mapping
from graphintel.store import Store
from tests.graph_helpers import fingerprint

REPO = Path(__file__).resolve().parent.parent
POLE = REPO / "loaders" / "examples" / "pole" / "sample"
ENTITY_FILES = ["persons", "locations", "phones", "emails", "vehicles", "crimes", "officers",
                "phonecalls", "objects"]
LINK_FILES = ["knows", "knows_sn", "knows_phone", "knows_lw", "family_rel", "party_to",
              "has_phone", "has_email", "current_address", "occurred_at", "investigated_by",
              "involved_in", "caller", "called"]
NODES = {"Person": 6, "Location": 3, "Phone": 4, "OnlineAccount": 2, "Vehicle": 2,
         "Event": 6, "Officer": 2, "Object": 2, "SourceId": 28, "Report": 23}
LINKS = {"ASSOCIATE_OF": 4, "FAMILY_OF": 2, "HAS_ACCOUNT": 2, "INVESTIGATED_BY": 3,
         "INVOLVED_IN": 14, "LIVES_AT": 5, "OCCURRED_AT": 3, "USES": 4}


def _files(names: list[str]) -> list[Path]:
    return [POLE / f"{n}.csv" for n in names]


def _rows(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines()) - 1


def _counts(store: Store) -> tuple[dict[str, int], dict[str, int]]:
    nodes = {r["label"]: r["n"] for r in store.read_text(
        "MATCH (n) UNWIND [l IN labels(n) WHERE l <> 'Entity'] AS label "
        "RETURN label, count(*) AS n", {}) if r["label"] != "PersonKey"}
    links = {r["type"]: r["n"] for r in store.read_text(
        "MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN type(r) AS type, count(*) AS n",
        {})}
    return nodes, links


def test_a_pole_shaped_export_loads_through_mappings_alone(store: Store,
                                                           settings: Settings) -> None:
    files = _files(LINK_FILES + ENTITY_FILES)  # link files first: ingest reads them last
    summary = ingest(files, settings=settings, store=store, mapping="examples/pole")
    assert summary.balanced
    by_name = {Path(f.path).stem: f for f in summary.files}
    for name, f in by_name.items():
        assert f.read == _rows(POLE / f"{name}.csv") == f.loaded + f.quarantined, name
        assert f.format == f"mapping:pole_{name}"
    assert [Path(f.path).stem for f in summary.files][:len(ENTITY_FILES)] == ENTITY_FILES
    assert summary.total("quarantined") == 1
    assert by_name["family_rel"].problems == [
        f"{POLE / 'family_rel.csv'}:4: field ':END_ID': source ID '999' (pole node) names no "
        "entity loaded so far: load the file that defines it (its mapping's `id:`) first, "
        "then load this file again"]
    assert by_name["locations"].merged == {"Location": (2, 1)}
    assert "2 Location source IDs were merged into 1 Location node on a shared key " \
           "(postcode + address)" in by_name["locations"].warnings[0]
    assert _counts(store) == (NODES, LINKS)


def test_types_kinds_roles_and_properties_survive(store: Store, settings: Settings) -> None:
    ingest(_files(ENTITY_FILES + LINK_FILES), settings=settings, store=store,
           mapping="examples/pole")
    people = {(r["name"], r["age"]): r for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.age AS age, p.age_on AS age_on, "
        "p.roles AS roles, p.keys AS keys", {})}
    assert people[("Kayleigh BROWN", 12)]["age_on"] == "2024-06-01"
    assert people[("Kayleigh BROWN", 12)]["roles"] == ["victim"]
    assert people[("Darren WHITE", 27)]["roles"] == ["suspect"]
    assert people[("John SMITH", 45)]["roles"] == ["suspect"]  # an offender of a crime
    assert people[("Paul GREEN", 33)]["roles"] == ["witness"]
    # two John SMITHs with no date of birth: two people, each keyed by their source ID
    assert people[("John SMITH", 19)]["keys"] == ["sid:pole/node/5"]
    links = {(r["a"], r["type"], r["b"]): (r["kinds"], r["roles"]) for r in store.read_text(
        "MATCH (a)-[r:ASSOCIATE_OF|FAMILY_OF|INVOLVED_IN]->(b) RETURN a.name AS a, "
        "type(r) AS type, coalesce(b.name, b.key) AS b, r.kinds AS kinds, r.roles AS roles",
        {})}
    assert links[("John SMITH", "ASSOCIATE_OF", "Mary JONES")] == (["lives_with", "phone"],
                                                                   None) or \
        links[("John SMITH", "ASSOCIATE_OF", "Mary JONES")] == (["phone", "lives_with"], None)
    assert links[("Darren WHITE", "ASSOCIATE_OF", "Kayleigh BROWN")] == (["social_network"],
                                                                          None)
    assert links[("Mary JONES", "FAMILY_OF", "Kayleigh BROWN")] == (["parent"], None)
    assert links[("Kayleigh BROWN", "INVOLVED_IN", "crime|id:pole/node/60")] == (None,
                                                                                 ["victim"])
    crime = store.read_text("MATCH (e:Event {kind: 'crime', start: '2024-04-10'}) "
                            "RETURN properties(e) AS p", {})[0]["p"]
    assert (crime["outcome"], crime["charge"]) == ("Charged", "Possession with intent to supply")
    call = store.read_text("MATCH (e:Event {kind: 'call'})<-[r:INVOLVED_IN]-(p:Phone) "
                           "WHERE e.start = '2024-03-01T21:15:00' "
                           "RETURN e.duration_seconds AS d, collect([p.key, r.roles]) AS ends",
                           {})[0]
    assert call["d"] == 120
    assert sorted(call["ends"]) == [["+447700900001", ["caller"]], ["07113028090", ["callee"]]]
    year = store.read_text("MATCH (v:Vehicle {key: 'AB12CDE'}) RETURN v.year AS y", {})
    assert year == [{"y": 2015}]
    officer = store.read_text("MATCH (:Event)-[:INVESTIGATED_BY]->(o:Officer) "
                              "RETURN DISTINCT o.key AS key, o.name AS name ORDER BY key", {})
    assert officer == [{"key": "badge:/1234", "name": "Alan PRICE"},
                       {"key": "badge:/5678", "name": "Beth HOLT"}]
    # officers never become people of the network
    assert store.read_text("MATCH (p:Person) WHERE p.name IN ['Alan PRICE', 'Beth HOLT'] "
                           "RETURN p", {}) == []


def test_a_foreign_number_stays_foreign(store: Store, settings: Settings) -> None:
    ingest(_files(["phones"]), settings=settings, store=store, mapping="examples/pole")
    phones = {r["key"]: r["flags"] for r in store.read_text(
        "MATCH (p:Phone) RETURN p.key AS key, p.flags AS flags", {})}
    assert phones["07113028090"] == ["region_unknown"]  # 0-(711)302-8090: no country guessed
    assert phones["+12125550100"] == []                  # +1 212 555 0100 keeps its country
    assert "+447113028090" not in phones


def test_files_load_in_separate_runs_and_any_order(store: Store, settings: Settings,
                                                   tmp_path: Path) -> None:
    early = ingest(_files(["knows"]), settings=settings, store=store, mapping="examples/pole")
    assert (early.total("loaded"), early.total("quarantined")) == (0, 2)
    ingest(_files(ENTITY_FILES), settings=settings, store=store, mapping="examples/pole")
    again = ingest(_files(LINK_FILES), settings=settings, store=store,
                   mapping="examples/pole")
    assert again.total("quarantined") == 1  # the ID 999 that names nobody
    one_by_one = fingerprint(store, sort_lists=True)
    store.wipe()
    ingest(_files(list(reversed(ENTITY_FILES + LINK_FILES))), settings=settings, store=store,
           mapping="examples/pole")
    together = fingerprint(store, sort_lists=True)

    def shape(fp: dict[str, Any]) -> Any:  # report refs differ by run only in load times
        return fp["nodes"].__len__(), fp["rels"].__len__()

    assert shape(one_by_one) == shape(together)
    assert _counts(store) == (NODES, LINKS)


def test_a_raw_id_file_is_refused_at_dry_run(settings: Settings, tmp_path: Path) -> None:
    wrong = tmp_path / "knows_by_name.yaml"
    wrong.write_text(
        "name: knows_by_name\nreport: {per: file, grading: {constant: 2BP}}\n"
        "entities:\n"
        "  a: {type: Person, fields: {name: ':START_ID'}}\n"
        "  b: {type: Person, fields: {name: ':END_ID'}}\n"
        "links:\n  - {from: a, to: b, type: ASSOCIATE_OF}\n", encoding="utf-8")
    with pytest.raises(MappingError) as err:
        ingest(_files(["knows"]), settings=settings, mapping=str(wrong), dry_run=True)
    assert "':START_ID', a column of source IDs" in str(err.value)
    assert f"{wrong}:4" in str(err.value)
    # the same mistake with an innocent column name: every row is quarantined at dry run
    renamed = tmp_path / "knows.csv"
    renamed.write_text("from,to\n1,4\n4,6\n", encoding="utf-8")
    plain = tmp_path / "plain.yaml"
    plain.write_text(wrong.read_text(encoding="utf-8").replace("':START_ID'", "from")
                     .replace("':END_ID'", "to"), encoding="utf-8")
    summary = ingest([renamed], settings=settings, mapping=str(plain), dry_run=True)
    assert (summary.total("loaded"), summary.total("quarantined")) == (0, 2)
    assert "name '1' has no letters" in summary.files[0].problems[0]


def test_a_dry_run_resolves_ids_against_the_runs_own_files(settings: Settings) -> None:
    summary = ingest(_files(LINK_FILES + ENTITY_FILES), settings=settings,
                     mapping="examples/pole", dry_run=True)
    assert summary.dry_run and summary.balanced
    assert (summary.total("read"), summary.total("quarantined")) == (67, 1)


@pytest.mark.parametrize(("body", "message", "line"), [
    ("entities:\n  a: {type: Person, ref: ':START_ID'}\n", "names no source", 4),
    ("source: s\nentities:\n  a: {type: Person, ref: x, fields: {name: n}}\n",
     "cannot also have 'fields'", 5),
    ("source: s\nentities:\n  a: {type: Person, ref: a}\n  b: {type: Person, ref: b}\n"
     "links:\n  - {from: a, to: b, type: ASSOCIATE_OF, kind: {constant: cousin}}\n",
     "link kind 'cousin' is not in the model", 8),
    ("source: s\nentities:\n  a: {type: Person, ref: a}\n  b: {type: Event, ref: b}\n"
     "links:\n  - {from: a, to: b, type: INVOLVED_IN, role: {column: r, map: {V: victm}}}\n",
     "link role 'victm' is not in the model", 8),
    ("entities:\n  a: {type: Vehicle, fields: {vrm: v}, properties: {uid: u}}\n",
     "property name 'uid'", 4),
    ("entities:\n  a: {type: Vehicle, fields: {vrm: v}, properties: {y: {column: y, "
     "type: integer}}}\n", "type 'integer' is not a property type", 4),
])
def test_mapping_mistakes_name_the_line(tmp_path: Path, body: str, message: str,
                                        line: int) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("name: m\nreport: {per: file, grading: {constant: 2BP}}\n" + body,
                    encoding="utf-8")
    with pytest.raises(MappingError) as err:
        load_mapping(path)
    assert message in str(err.value)
    assert f"{path}:{line}" in str(err.value)


def test_a_file_report_date_must_be_a_constant(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text("name: m\nreport: {per: file, grading: {constant: 2BP}, date: When}\n"
                    "entities:\n  a: {type: Vehicle, fields: {vrm: v}}\n", encoding="utf-8")
    with pytest.raises(MappingError, match="must be a constant"):
        load_mapping(path)


def test_bad_typed_values_quarantine_the_row(store: Store, settings: Settings,
                                             tmp_path: Path) -> None:
    data = tmp_path / "vehicles.csv"
    data.write_text("id:ID,make,model,reg,year\n50,Ford,Focus,AB12 CDE,2015\n"
                    "51,BMW,320d,XY65 ZZZ,twenty\n", encoding="utf-8")
    summary = ingest([data], settings=settings, store=store, mapping="examples/pole")
    assert (summary.total("loaded"), summary.total("quarantined")) == (1, 1)
    assert "field 'year (vehicle.year)': 'twenty' is not a number" in \
        summary.files[0].problems[0]


def test_a_mapping_may_read_numbers_in_another_region(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    folder = tmp_path / "us"
    shutil.copytree(REPO / "loaders" / "examples" / "pole", folder)
    phones = folder / "phones.yaml"
    phones.write_text(phones.read_text(encoding="utf-8") + "phone_region: US\n",
                      encoding="utf-8")
    data = tmp_path / "phones.csv"
    data.write_text("id:ID,phoneNo\n30,(711)302-8090\n", encoding="utf-8")
    ingest([data], settings=settings, store=store, mapping=str(folder))
    assert store.read_text("MATCH (p:Phone) RETURN p.key AS key", {}) == [
        {"key": "+17113028090"}]


def test_a_place_given_several_kinds_shows_the_most_telling(store: Store, settings: Settings,
                                                            tmp_path: Path) -> None:
    from tests.graph_helpers import report, write_jsonl

    place = {"id": "l", "type": "Location", "address": "1 High Street", "postcode": "M1 1AA"}
    reports = [report(f"R{i}", [{**place, "kind": kind}]) for i, kind in
               enumerate(["home_address", "hotspot", "address"])]
    for order in ([0, 1, 2], [2, 1, 0]):
        store.wipe()
        path = write_jsonl(tmp_path / "r.jsonl", [reports[i] for i in order])
        ingest([path], settings=settings, store=store)
        rows = store.read_text("MATCH (l:Location) RETURN l.kind AS kind, l.kinds AS kinds", {})
        assert len(rows) == 1 and rows[0]["kind"] == "hotspot"
        assert sorted(rows[0]["kinds"]) == ["address", "home_address", "hotspot"]


def test_the_example_set_is_one_mapping_per_file() -> None:
    names = {m.name for m in find_mappings("examples/pole")}
    assert names == {f"pole_{n}" for n in ENTITY_FILES + LINK_FILES}


RECORDS = REPO / "loaders" / "examples" / "records" / "sample"


def test_a_nominal_and_occurrence_export_pair_loads(store: Store, settings: Settings) -> None:
    files = [RECORDS / n for n in ("occurrence_nominals.csv", "occurrences.csv", "nominals.csv")]
    summary = ingest(files, settings=settings, store=store, mapping="examples/records")
    assert summary.ok and (summary.total("read"), summary.total("loaded")) == (13, 13)
    rows = store.read_text(
        "MATCH (p:Person)-[r:INVOLVED_IN]->(e:Event) RETURN p.nominal_ref AS who, "
        "e.description AS what, r.roles AS roles, r.rows AS rows ORDER BY who, what", {})
    assert [(r["who"], r["roles"]) for r in rows] == [
        ("N100234", ["suspect"]), ("N100234", ["witness"]), ("N100587", ["involved"]),
        ("N100587", ["offender"]), ("N100911", ["victim"]), ("N101204", ["victim"])]
    assert rows[0]["rows"] == [
        "records_occurrence_nominals:occurrence_nominals.csv#L2 (OCC/24/0451)"]
    jade = store.read_text("MATCH (p:Person {nominal_ref: 'N100911'}) "
                           "RETURN p.age AS age, p.age_on AS on, p.roles AS roles", {})
    assert jade == [{"age": 14, "on": "2024-06-30", "roles": ["victim"]}]
    places = store.read_text("MATCH (e:Event)-[:OCCURRED_AT]->(l:Location) "
                             "RETURN e.key AS e, l.postcode AS pc ORDER BY pc", {})
    assert [r["pc"] for r in places] == ["M4 5EF", "M4 6GH"]
