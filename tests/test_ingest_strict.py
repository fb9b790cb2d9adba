"""Strict tables, size limits and plausible dates: bad rows quarantined, good rows loaded.

Each test reproduces a defect first seen as lost rows or a traceback: a stray quote that
swallowed the following rows ("read 1, loaded 1"), a 50 MB cell that raised
``_csv.Error: field larger than field limit``, a zip bomb read whole, dates in year 1 or
9999 loaded as facts.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from graphintel.config import Settings
from graphintel.errors import GraphintelError, InputError, MappingError
from graphintel.ingest import ingest
from graphintel.ingest.engine import FileSummary, IngestSummary
from graphintel.resources import loaders_dir
from graphintel.store import Store, WriteCounts

HOSTILE = Path(__file__).parent / "hostile"
HEADER = ("Ref,Date,Grading,Officer,Subject Name,Subject DOB,Subject Role,Phone,VRM,Location,"
          "Postcode,Narrative")


def row(ref: str, narrative: str = "fine", when: str = "01/03/2025 10:00") -> str:
    return f"{ref},{when},2BP,PC 1,Name {ref[-1]},01/01/2000,suspect,,,,,{narrative}"


def quarantined(summary: IngestSummary) -> list[dict[str, object]]:
    path = summary.files[0].quarantine_file
    assert path, summary.files[0]
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]


def refs(store: Store) -> list[str]:
    return [r["ref"] for r in store.read_text("MATCH (r:Report) RETURN r.ref AS ref "
                                              "ORDER BY ref", {})]


def multiline_mapping(tmp_path: Path) -> str:
    text = (loaders_dir() / "intel_log.yaml").read_text(encoding="utf-8")
    text = text.replace("name: intel_log", "name: intel_log_ml").replace(
        "  encoding: utf-8", "  encoding: utf-8\n  multiline: true")
    path = tmp_path / "intel_log_ml.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


# --- 1. stray quotes and multi-line cells -----------------------------------------------------

def test_stray_quote_costs_its_own_line_only(store: Store, settings: Settings) -> None:
    summary = ingest([HOSTILE / "stray_quote.csv"], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined, f.records) == (6, 4, 2, 6), f.problems
    assert f.balanced and not summary.ok
    assert refs(store) == ["H/SQ1", "H/SQ3", "H/SQ5", "H/SQ6"]
    bad = quarantined(summary)
    assert [(b["line"], b["field"]) for b in bad] == [(3, "(row)"), (5, "(row)")]
    assert "quote error" in str(bad[0]["reason"]) and "stray" in str(bad[0]["reason"])
    assert "unclosed quote" in str(bad[1]["reason"])
    assert str(bad[1]["raw"]).startswith("H/SQ4,")
    assert f.problems[0].startswith(f"{HOSTILE / 'stray_quote.csv'}:3: field '(row)': ")


def test_multiline_cell_is_refused_unless_the_mapping_allows_it(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = HOSTILE / "multiline_cell.csv"
    strict = ingest([src], settings=settings, store=store)
    f = strict.files[0]
    assert (f.read, f.loaded, f.skipped, f.quarantined, f.records) == (6, 1, 1, 4, 6)
    bad = quarantined(strict)
    assert [(b["line"], b["field"]) for b in bad] == [
        (2, "Narrative"), (3, "(row)"), (5, "(row)"), (7, "(row)")]
    assert "cell has a line break (the record runs over lines 2-5)" in str(bad[0]["reason"])
    assert "multiline: true" in str(bad[0]["reason"])
    assert bad[1]["reason"] == "continues the multi-line record that starts on line 2"
    assert bad[3]["reason"] == "row has 11 cells but the header has 12 columns"

    store.wipe()
    allowed = ingest([src], settings=settings, store=store, mapping=multiline_mapping(tmp_path))
    g = allowed.files[0]
    assert (g.read, g.loaded, g.skipped, g.quarantined) == (4, 2, 1, 1) and g.balanced
    narrative = store.read_text("MATCH (r:Report {ref: 'H/ML1'}) RETURN r.narrative AS n", {})
    assert narrative == [{"n": "first line\nsecond line, with a comma\n\nlast line"}]


def test_multiline_mode_still_loads_rows_a_stray_quote_swallowed(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    summary = ingest([HOSTILE / "stray_quote.csv"], settings=settings, store=store,
                     mapping=multiline_mapping(tmp_path))
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (6, 4, 2) and f.balanced, f.problems
    assert refs(store) == ["H/SQ1", "H/SQ3", "H/SQ5", "H/SQ6"]


def test_short_rows_are_quarantined_too(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "short.csv"
    src.write_text(f"{HEADER}\n{row('S/1')}\nS/2,01/03/2025 10:00,2BP\n{row('S/3')}\n")
    f = ingest([src], settings=settings, dry_run=True).files[0]
    assert (f.read, f.loaded, f.quarantined) == (3, 2, 1) and f.balanced
    assert "row has 3 cells but the header has 12 columns" in f.problems[0]


def test_multiline_must_be_a_boolean(settings: Settings, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(multiline_mapping(tmp_path)).read_text().replace(
        "multiline: true", "multiline: sometimes"))
    with pytest.raises(MappingError, match=r"file.multiline must be true or false; at .*:7"):
        ingest([HOSTILE / "stray_quote.csv"], settings=settings, dry_run=True,
               mapping=str(bad))


def test_summary_balance_check_flags_lost_records() -> None:
    f = FileSummary("x.csv", "mapping:intel_log", read=3, loaded=3, records=4)
    assert not f.balanced
    assert f.balance_problem() == (
        "x.csv: counts do not add up: the file holds 4 records, read 3 = loaded 3 + "
        "duplicates 0 + skipped 0 + quarantined 0; this is a graphintel bug, please report "
        "it with the file")
    summary = IngestSummary([f], WriteCounts())
    assert not summary.ok and summary.as_dict()["balanced"] is False
    assert FileSummary("y.csv", "x", read=2, loaded=1, skipped=1, records=2).balanced


# --- 2. size limits -----------------------------------------------------------------------

def test_a_50mb_cell_is_quarantined_and_the_rest_load(store: Store, settings: Settings,
                                                       tmp_path: Path) -> None:
    src = tmp_path / "huge.csv"
    src.write_text(f"{HEADER}\n{row('B/1')}\n{row('B/2', 'x' * 50_000_000)}\n{row('B/3')}\n")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (3, 2, 1) and f.balanced
    assert refs(store) == ["B/1", "B/3"]
    bad = quarantined(summary)[0]
    assert (bad["line"], bad["field"]) == (3, "Narrative")
    assert bad["reason"] == ("cell is 50000000 bytes, over the 131072-byte limit "
                             "(GRAPHINTEL_MAX_CELL_BYTES)")
    assert len(str(bad["raw"])) < 10_000 and "50000" in str(bad["raw"])


def test_cell_limit_is_configurable(settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "cells.csv"
    src.write_text(f"{HEADER}\n{row('C/1', 'y' * 300)}\n{row('C/2', 'y' * 200_000)}\n")
    small = ingest([src], settings=replace(settings, max_cell_bytes=256), dry_run=True)
    assert (small.files[0].loaded, small.files[0].quarantined) == (0, 2)
    large = ingest([src], settings=replace(settings, max_cell_bytes=300_000), dry_run=True)
    assert (large.files[0].loaded, large.files[0].quarantined) == (2, 0)


def test_xlsx_zip_bomb_is_refused_before_reading(settings: Settings, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("xl/worksheets/sheet1.xml", "w") as member:
        block = b"\0" * (1 << 20)
        for _ in range(210):
            member.write(block)
    assert bomb.stat().st_size < 1_000_000
    with pytest.raises(InputError) as caught:
        ingest([bomb], settings=settings, dry_run=True, mapping="intel_log")
    message = str(caught.value)
    assert message.startswith("the workbook expands to 220200960 bytes, over the 209715200-"
                              "byte limit (GRAPHINTEL_MAX_XLSX_BYTES); refused unread; at ")
    assert "\n" not in message


def test_xlsx_limit_is_configurable_and_bad_zips_are_clear(settings: Settings,
                                                           tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.append(HEADER.split(","))
    ws.append(row("X/1").split(","))
    book.save(tmp_path / "log.xlsx")
    ok = ingest([tmp_path / "log.xlsx"], settings=settings, dry_run=True)
    assert (ok.files[0].read, ok.files[0].loaded, ok.files[0].records) == (1, 1, 1)
    with pytest.raises(InputError, match="GRAPHINTEL_MAX_XLSX_BYTES"):
        ingest([tmp_path / "log.xlsx"], settings=replace(settings, max_xlsx_bytes=1000),
               dry_run=True)
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError, match="not a valid .xlsx file"):
        ingest([tmp_path / "fake.xlsx"], settings=settings, dry_run=True, mapping="intel_log")


def jsonl_report(ref: str, narrative: str = "n", when: str = "2025-03-01") -> str:
    return json.dumps({"ref": ref, "date": when, "grading": "2BP", "narrative": narrative})


def test_jsonl_line_over_the_limit_is_quarantined(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    src.write_text("\n".join([jsonl_report("J/1"), jsonl_report("J/2", "z" * 5_000_000),
                              jsonl_report("J/3")]) + "\n")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined, f.records) == (3, 2, 1, 3) and f.balanced
    assert refs(store) == ["J/1", "J/3"]
    bad = quarantined(summary)[0]
    assert bad["line"] == 2 and "over the 4194304-byte limit (GRAPHINTEL_MAX_LINE_BYTES)" in \
        str(bad["reason"])
    small = ingest([src], settings=replace(settings, max_line_bytes=100), dry_run=True)
    assert (small.files[0].loaded, small.files[0].quarantined) == (3 - 1 - 0, 1)


# --- 3. plausible dates ---------------------------------------------------------------------

@pytest.mark.parametrize("when", ["0001-01-01", "9999-12-31", "2052-03-01T10:00:00",
                                  "1899-12-31"])
def test_implausible_report_dates_are_quarantined(settings: Settings, tmp_path: Path,
                                                  when: str) -> None:
    src = tmp_path / "dates.jsonl"
    src.write_text(jsonl_report("D/1") + "\n" + jsonl_report("D/2", when=when) + "\n")
    f = ingest([src], settings=settings, dry_run=True).files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1) and f.balanced
    assert f.problems == [f"{src}:2: field 'date': implausible date {when!r}: date "
                          f"{when[:10]} is {'before 1900-01-01, the earliest' if when < '1900' else 'after ' + (date.today() + timedelta(days=1)).isoformat() + ', the latest'}"  # noqa: E501
                          " plausible date"]


def test_event_and_link_dates_are_checked_and_the_window_is_configurable(
        settings: Settings, tmp_path: Path) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    later = (date.today() + timedelta(days=2)).isoformat()

    def report(ref: str, start: str, at: str = "2025-03-01") -> str:
        return json.dumps({
            "ref": ref, "date": "2025-03-01", "grading": "2BP",
            "entities": [{"id": "p", "type": "Person", "name": "Ann"},
                         {"id": "e", "type": "Event", "kind": "missing_episode",
                          "start": start},
                         {"id": "l", "type": "Location", "postcode": "BA1 1AA"}],
            "links": [{"from": "p", "to": "e", "type": "SUBJECT_OF"},
                      {"from": "p", "to": "l", "type": "SEEN_AT", "at": at}]})

    src = tmp_path / "events.jsonl"
    src.write_text("\n".join([report("E/1", tomorrow), report("E/2", later),
                              report("E/3", "2025-02-01", at="0001-01-01"),
                              report("E/4", "1950-01-01")]) + "\n")
    f = ingest([src], settings=settings, dry_run=True).files[0]
    assert (f.read, f.loaded, f.quarantined) == (4, 2, 2)
    assert [p.split(": field ")[1].split(":")[0] for p in f.problems] == [
        "'entities[1].start'", "'links[1].at'"]
    narrow = replace(settings, earliest_date=date(2000, 1, 1), future_days=5)
    g = ingest([src], settings=narrow, dry_run=True).files[0]
    assert (g.loaded, g.quarantined) == (2, 2)  # E/2 is now fine, E/4 (1950) is not


def test_csv_dates_are_checked_with_the_column_named(store: Store, settings: Settings,
                                                     tmp_path: Path) -> None:
    src = tmp_path / "typo.csv"
    src.write_text(f"{HEADER}\n{row('T/1')}\n{row('T/2', when='01/03/2052 10:00')}\n")
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1)
    bad = quarantined(summary)[0]
    assert (bad["line"], bad["field"]) == (3, "Date")
    assert str(bad["reason"]).startswith("implausible date '01/03/2052 10:00': date 2052-03-01 "
                                         "is after ")
    assert refs(store) == ["T/1"]


def test_limit_errors_are_graphintel_errors(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"")
    with pytest.raises(GraphintelError):
        ingest([tmp_path / "x.xlsx"], settings=settings, dry_run=True, mapping="intel_log")
