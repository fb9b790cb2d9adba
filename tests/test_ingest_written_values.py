"""Values as records systems write them: notes beside a phone number, identifiers kept
as written with a warning, Excel's ="..." cells, long fractions of a second, nominal
references written another way, and words in a narrative that are not plates."""

from __future__ import annotations

from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def _phone_users(store: Store) -> list[dict[str, object]]:
    return store.read_text("MATCH (p:Person)-[:USES]->(ph:Phone) RETURN p.name AS name, "
                           "ph.key AS key ORDER BY name", {})


def test_a_phone_with_a_note_or_an_o_for_a_zero_is_the_same_phone(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    written = ["07700 900321", "07700 900321 (mob)", "07700 9OO321", "07700 900321 - home"]
    src = write_jsonl(tmp_path / "p.jsonl", [
        report(f"PH/{i}", [{"id": "p", "type": "Person", "name": f"Al TESTER{i}",
                            "dob": "1980-01-01"},
                           {"id": "ph", "type": "Phone", "number": number}],
               [{"from": "p", "to": "ph", "type": "USES"}])
        for i, number in enumerate(written)])
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok and summary.files[0].warnings == []
    assert {r["key"] for r in _phone_users(store)} == {"+447700900321"}


def test_an_identifier_kept_as_written_says_so_in_a_warning(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Kept, as VRMs and postcodes of no GB format always were (it may be the only handle
    on the thing), and no longer silently: one line per field, with the file and line."""
    src = write_jsonl(tmp_path / "k.jsonl", [report("K/1", [
        {"id": "p", "type": "Person", "name": "Dan TESTER", "dob": "1981-01-01"},
        {"id": "a", "type": "Phone", "number": "07700 900 12x"},
        {"id": "b", "type": "Phone", "number": "(711) 302-8090"},
        {"id": "c", "type": "Phone", "number": "999"},
        {"id": "v", "type": "Vehicle", "vrm": "WP-ZZ 123"},
        {"id": "l", "type": "Location", "address": "1 High St", "postcode": "BA1"}],
        [{"from": "p", "to": "a", "type": "USES"}])])
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert summary.ok and (f.loaded, f.quarantined) == (1, 0)
    assert f.warnings == [
        f"{src}:1: entities[1].number: '07700 900 12x' kept as '07700 900 12x', flagged "
        "unparseable_phone: not a phone number: a letter among its digits ('x')",
        f"{src}:1: entities[2].number: '(711) 302-8090' kept as '7113028090', flagged "
        "region_unknown: no country code, and not written the way numbers of region GB are "
        "(write it with its country code, e.g. +1 711 302 8090)",
        f"{src}:1: entities[3].number: '999' kept as '999', flagged impossible_number: not "
        "a possible phone number: too short",
        f"{src}:1: entities[4].vrm: 'WP-ZZ 123' kept as 'WPZZ123', flagged unrecognised_vrm: "
        "not a recognised GB registration format",
        f"{src}:1: entities[5].postcode: 'BA1' kept as 'BA1', flagged unrecognised_postcode: "
        "not a UK postcode format"]
    phones = store.read_text("MATCH (ph:Phone) RETURN ph.key AS key, ph.flags AS flags "
                             "ORDER BY key", {})
    assert phones == [{"key": "07700 900 12x", "flags": ["unparseable_phone"]},
                      {"key": "7113028090", "flags": ["region_unknown"]},
                      {"key": "999", "flags": ["impossible_number"]}]


def test_a_table_names_the_column_of_an_identifier_kept_as_written(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "calls.csv"
    src.write_text("Caller,Callee,Start,Duration Seconds\n"
                   "07700 900801,07700 9001x,2025-01-05T10:00:00,30\n", encoding="utf-8")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert summary.ok and (f.loaded, f.quarantined) == (1, 0)
    assert [w for w in f.warnings if "kept as" in w] == [
        f"{src}:2: Callee (callee.number): '07700 9001x' kept as '07700 9001x', flagged "
        "unparseable_phone: not a phone number: a letter among its digits ('x')"]


def test_excel_text_cells_and_a_postcode_ending_a_sentence_meet_their_plain_forms(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "eq.csv"
    src.write_text(
        "Ref,Date,Grading,Officer,Subject Name,Subject DOB,Subject Role,Phone,VRM,Location,"
        "Postcode,Narrative\n"
        'IL/X/1,01/03/2025 10:00,2BP,PC 1,Tom REED,01/01/1980,suspect,="07700900881",'
        '="AB12CDE",1 High St,BS1 4YQ,Seen.\n'
        "IL/X/2,02/03/2025 10:00,2BP,PC 1,Tom REED,01/01/1980,suspect,07700900881,AB12 CDE,"
        "1 High St,BS1 4YQ.,Seen again.\n", encoding="utf-8")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert summary.ok and (f.loaded, f.quarantined) == (2, 0)
    assert [w for w in f.warnings if "kept as" in w] == []
    keys = store.read_text("MATCH (n:Entity) WHERE n:Phone OR n:Vehicle OR n:Location "
                           "RETURN n.uid AS uid ORDER BY uid", {})
    assert [k["uid"] for k in keys] == ["Location:BS1 4YQ|1 high st", "Phone:+447700900881",
                                        "Vehicle:AB12CDE"]


def test_a_time_with_seven_or_nine_fraction_digits_loads(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """.NET's round-trip format ("2025-01-05T10:00:00.0000000") is ISO 8601."""
    src = tmp_path / "net.csv"
    src.write_text("Caller,Callee,Start,Duration Seconds\n"
                   "07700 900801,07700 900802,2025-01-05T10:00:00.0000000,30\n"
                   "07700 900801,07700 900803,2025-01-05T11:00:00.123456789,30\n",
                   encoding="utf-8")
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok and (summary.files[0].loaded, summary.files[0].quarantined) == (2, 0)
    calls = store.read_text("MATCH (:Phone)-[c:CALLED]->(b:Phone) RETURN b.key AS to, "
                            "c.first_seen AS first ORDER BY to", {})
    assert calls == [{"to": "+447700900802", "first": "2025-01-05T10:00:00"},
                     {"to": "+447700900803", "first": "2025-01-05T11:00:00"}]


def test_roads_and_amounts_in_a_narrative_are_no_vehicles(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "narr.jsonl", [
        report("IR/T/1", [{"id": "a", "type": "Person", "name": "Mia GRANT",
                           "dob": "2011-01-01", "role": "victim"}],
               narrative="Mia (a Y9 pupil) was missing for 3h. Seen on the M5 and A38 via "
                         "Bedminster, was 5m from the school, got 2k cash, in KL68 MNO."),
        report("IR/T/2", [{"id": "a", "type": "Person", "name": "Leo PAGE",
                           "dob": "2010-01-01", "role": "victim"}],
               narrative="Leo was missing for 3h, last seen on the A38 via Hartcliffe.")])
    assert ingest([src], settings=settings, store=store).ok
    vehicles = store.read_text("MATCH (v:Vehicle) RETURN v.key AS key", {})
    assert vehicles == [{"key": "KL68MNO"}]


def test_a_nominal_reference_written_four_ways_is_one_person(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    written = ["N0012345", "n0012345", "N 0012345", "N0012345."]
    src = write_jsonl(tmp_path / "nom.jsonl", [
        report(f"IR/N/{i}", [{"id": "a", "type": "Person", "name": "Dean FOX",
                              "nominal_ref": ref, "role": "suspect"}])
        for i, ref in enumerate(written)])
    assert ingest([src], settings=settings, store=store).ok
    people = store.read_text("MATCH (p:Person) RETURN p.uid AS uid, p.nominal_ref AS ref", {})
    assert people == [{"uid": "Person:ref:N0012345", "ref": "N0012345"}]
