"""Mapping-driven CSV/XLSX ingest: the five shipped mappings with their samples, and bad tables."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.errors import MappingError
from graphintel.ingest import ingest
from graphintel.ingest.mapping import load_mapping, shipped_mappings
from graphintel.resources import loaders_dir
from graphintel.store import Store

SAMPLES = loaders_dir() / "samples"


def one(store: Store, query: str, **params: object) -> list[dict[str, object]]:
    return store.read_text(query, dict(params))


def test_every_shipped_mapping_has_a_sample_that_loads_cleanly(store: Store,
                                                               settings: Settings) -> None:
    mappings = shipped_mappings()
    assert set(mappings) == {"intel_log", "missing_episodes", "call_data", "anpr", "associations"}
    for name in mappings:
        summary = ingest([SAMPLES / f"{name}.csv"], settings=settings, store=store)
        f = summary.files[0]
        assert f.format == f"mapping:{name}"  # detected from the header
        assert summary.ok and f.balanced and f.loaded == f.read > 0, (name, f)


def test_intel_log_sample(store: Store, settings: Settings) -> None:
    ingest([SAMPLES / "intel_log.csv"], settings=settings, store=store)
    people = one(store, "MATCH (p:Person) RETURN p.name AS name, p.dob AS dob ORDER BY name")
    assert people == [{"name": "Amy Child", "dob": "2010-05-14"},
                      {"name": "Jordan SMITH", "dob": "1990-02-11"},
                      {"name": "Kyle Brown", "dob": "1995-07-03"}]
    uses = one(store, "MATCH (p:Person {name: 'Jordan SMITH'})-[r:USES]->(ph:Phone) "
               "RETURN ph.key AS phone, r.refs AS refs")
    assert uses == [{"phone": "+447700900123", "refs": ["IL/2025/0001", "IL/2025/0002"]}]
    report = one(store, "MATCH (r:Report {ref: 'IL/2025/0001'}) RETURN r.date AS d, "
                 "r.grading AS g, r.author AS a")
    assert report == [{"d": "2025-03-01T21:40:00", "g": "2BP", "a": "PC 1234"}]
    suggested = one(store, "MATCH (r:Report {ref: 'IL/2025/0004'}) RETURN r.suggested_people AS s")
    assert suggested == [{"s": ["Person:nd:jordan smith|1990-02-11"]}]
    mined = one(store, "MATCH (:Report {ref: 'IL/2025/0003'})-[m:MENTIONS {extracted: true}]->(n) "
                "RETURN n.uid AS uid")
    assert mined == [{"uid": "Phone:+447700900556"}]


def test_missing_episodes_join_people_from_other_sources(store: Store, settings: Settings) -> None:
    ingest([SAMPLES / "intel_log.csv", SAMPLES / "missing_episodes.csv"], settings=settings,
           store=store)
    episodes = one(store, "MATCH (:Person {name: 'Amy Child'})-[:SUBJECT_OF]->(e:Event) "
                   "OPTIONAL MATCH (e)-[:FOUND_AT]->(l:Location) "
                   "RETURN e.start AS start, e.end AS end, l.address AS found ORDER BY start")
    assert episodes == [
        {"start": "2025-02-28T18:00:00", "end": "2025-03-01T23:10:00", "found": "Kebab House"},
        {"start": "2025-03-10T19:00:00", "end": "2025-03-11T02:00:00", "found": "Central Park"},
    ]
    jordan = one(store, "MATCH (p:Person {dob: '1990-02-11'}) RETURN p.roles AS roles")
    assert len(jordan) == 1 and set(jordan[0]["roles"]) == {"suspect", "associate"}  # type: ignore[arg-type]
    found_with = one(store, "MATCH (p:Person {dob: '1990-02-11'})-[:INVOLVED_IN]->(e:Event) "
                     "RETURN e.start AS s")
    assert found_with == [{"s": "2025-02-28T18:00:00"}]


def test_call_data_aggregates_and_rerun_is_a_no_op(store: Store, settings: Settings) -> None:
    first = ingest([SAMPLES / "call_data.csv"], settings=settings, store=store)
    calls = one(store, "MATCH (a:Phone)-[r:CALLED]->(b:Phone) RETURN a.key AS a, b.key AS b, "
                "r.count AS n, r.first_seen AS first, r.last_seen AS last ORDER BY a, b")
    assert calls == [
        {"a": "+447700900123", "b": "+447700900555", "n": 2, "first": "2025-03-01T20:00:00",
         "last": "2025-03-01T22:10:00"},
        {"a": "+447700900123", "b": "+447700900777", "n": 1, "first": "2025-03-03T10:00:00",
         "last": "2025-03-03T10:00:00"},
        {"a": "+447700900555", "b": "+447700900123", "n": 1, "first": "2025-03-02T09:00:00",
         "last": "2025-03-02T09:00:00"},
    ]
    before = store.counts()
    second = ingest([SAMPLES / "call_data.csv"], settings=settings, store=store)
    assert first.files[0].loaded == 4
    assert second.files[0].duplicates == 4 and second.files[0].loaded == 0
    assert store.counts() == before


def test_anpr_and_associations(store: Store, settings: Settings) -> None:
    ingest([SAMPLES / "anpr.csv", SAMPLES / "associations.csv"], settings=settings, store=store)
    reads = one(store, "MATCH (v:Vehicle)-[r:SEEN_AT]->(c:Location) RETURN v.key AS v, "
                "c.kind AS kind, r.count AS n ORDER BY v")
    assert reads == [{"v": "AB12CDE", "kind": "camera", "n": 2},
                     {"v": "XY61ABC", "kind": "camera", "n": 1}]
    family = one(store, "MATCH (a:Person)-[r:FAMILY_OF]->(b:Person) RETURN a.name AS a, "
                 "b.name AS b, r.notes AS notes, r.first_seen AS at")
    assert family == [{"a": "Kyle Brown", "b": "Lee Brown",
                       "notes": ["weight 5; source IR/2025/000901"], "at": "2024-12-01"}]


def test_xlsx_reads_like_csv(store: Store, settings: Settings, tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    with (SAMPLES / "intel_log.csv").open(encoding="utf-8") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    book.save(tmp_path / "log.xlsx")
    summary = ingest([tmp_path / "log.xlsx"], settings=settings, store=store,
                     mapping="intel_log")
    assert summary.ok and summary.files[0].loaded == 4
    assert one(store, "MATCH (p:Person) RETURN count(p) AS n") == [{"n": 3}]


def test_xlsx_formula_without_saved_value_is_quarantined(store: Store, settings: Settings,
                                                         tmp_path: Path) -> None:
    """A workbook written by a program that does not calculate (openpyxl, many scripts) holds
    formulas without values: such a row is quarantined naming the cell, never loaded without
    the value or skipped as empty; a formula whose value was saved reads as that value."""
    import openpyxl

    with (SAMPLES / "intel_log.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    header, first, second, third = rows[0], rows[1], rows[2], rows[3]
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(header)
    ws.append(first)
    name_col = header.index("Subject Name")
    ws.append([f"=UPPER({openpyxl.utils.get_column_letter(name_col + 1)}2)"
               if i == name_col else c for i, c in enumerate(second)])
    ws.append(third)
    book.save(tmp_path / "formulas.xlsx")
    summary = ingest([tmp_path / "formulas.xlsx"], settings=settings, store=store,
                     mapping="intel_log")
    f = summary.files[0]
    assert (f.read, f.records, f.loaded, f.quarantined) == (3, 3, 2, 1) and f.balanced
    assert len(f.problems) == 1 and "formulas.xlsx:3" in f.problems[0]
    assert "Subject Name" in f.problems[0]
    assert "formula whose value was never saved" in f.problems[0]
    # every cell of the row a formula: still one quarantined row, not a skipped empty one
    ws2 = openpyxl.Workbook().active
    assert ws2 is not None
    ws2.append(header)
    ws2.append([f"={openpyxl.utils.get_column_letter(i + 1)}1" for i in range(len(header))])
    ws2.parent.save(tmp_path / "all_formulas.xlsx")
    only = ingest([tmp_path / "all_formulas.xlsx"], settings=settings, store=store,
                  mapping="intel_log").files[0]
    assert (only.read, only.records, only.loaded, only.quarantined) == (1, 1, 0, 1)
    # ... with every cell named, a line each
    assert [p.split("field '")[1].split("'")[0] for p in only.problems] == header


def test_encodings_bom_and_delimiters(store: Store, settings: Settings, tmp_path: Path) -> None:
    text = "VRM;Camera;Camera Postcode;Read At\nZO12ËAB;Café cam;BA1 1AA;2025-01-01T10:00:00\n"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "win.csv").write_bytes(text.encode("cp1252"))
    assert ingest([tmp_path / "bom.csv"], settings=settings, store=store).ok
    bad = ingest([tmp_path / "win.csv"], settings=settings, store=store, mapping="anpr")
    assert bad.files[0].quarantined == 1 and "bad encoding" in bad.files[0].problems[0]
    mapping = (loaders_dir() / "anpr.yaml").read_text().replace(
        "report:", "file:\n  encoding: cp1252\nreport:", 1)
    (tmp_path / "anpr_cp1252.yaml").write_text(mapping)
    good = ingest([tmp_path / "win.csv"], settings=settings, store=store,
                  mapping=str(tmp_path / "anpr_cp1252.yaml"))
    assert good.ok and good.files[0].loaded == 1
    assert one(store, "MATCH (l:Location {kind: 'camera'}) RETURN l.address AS a") == [
        {"a": "Café cam"}]


def test_day_first_dates_are_never_guessed(store: Store, settings: Settings,
                                           tmp_path: Path) -> None:
    src = tmp_path / "me.csv"
    shutil.copy(SAMPLES / "missing_episodes.csv", src)
    with src.open("a", encoding="utf-8") as fh:
        fh.write("Cara Dee,2011-01-01,1 Rd,BA1 1AA,01/03/2025 10:00,,,,,,MP-009\n")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (4, 3, 1)
    assert "field 'Start" in f.problems[0] and "unparseable date" in f.problems[0]


def test_mapping_errors_name_the_mapping_line_before_writing(store: Store, settings: Settings,
                                                              tmp_path: Path) -> None:
    good = (loaders_dir() / "anpr.yaml").read_text()
    typo = tmp_path / "typo.yaml"
    typo.write_text(good.replace("    fields:\n      vrm: VRM", "    feilds:\n      vrm: VRM"))
    with pytest.raises(MappingError) as err:
        load_mapping(typo)
    line = good.splitlines().index("    fields:") + 1
    assert f"{typo}:{line}" in str(err.value) and "unknown key 'feilds'" in str(err.value)

    missing = tmp_path / "missing.yaml"
    missing.write_text(good.replace("vrm: VRM", "vrm: Registration"))
    with pytest.raises(MappingError) as err2:
        ingest([SAMPLES / "anpr.csv"], settings=settings, store=store, mapping=str(missing))
    line2 = good.splitlines().index("      vrm: VRM") + 1
    assert "column 'Registration'" in str(err2.value) and f"{missing}:{line2}" in str(err2.value)

    bad_type = tmp_path / "bad_type.yaml"
    bad_type.write_text(good.replace("type: SEEN_AT", "type: SPOTTED_AT"))
    with pytest.raises(MappingError, match="link type 'SPOTTED_AT' is not in the model"):
        load_mapping(bad_type)
    assert store.counts()["nodes"] == 0


def test_unknown_layout_needs_a_mapping(store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "odd.csv"
    src.write_text("Foo,Bar\n1,2\n")
    with pytest.raises(MappingError, match="no shipped mapping fits"):
        ingest([src], settings=settings, store=store)
