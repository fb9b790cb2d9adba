"""The tabular reader after a user review: wide XLSX rows, the same export as CSV and XLSX,
semicolon CSV from Windows, one date field's own format, and where role problems point."""

from __future__ import annotations

import csv
import doctest
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.errors import InputError, MappingError
from graphintel.ingest import csvstrict, delimiters, ingest, records, report, tabular
from graphintel.ingest.mapping import load_mapping
from graphintel.ingest.records import Limits, Unit
from graphintel.ingest.tabular import check_delimiter, read_header, read_tabular, sniff
from graphintel.resources import loaders_dir
from graphintel.store import Store

SAMPLES = loaders_dir() / "samples"


def _sample(name: str) -> list[list[str]]:
    with (SAMPLES / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    for row in rows:
        ws.append(row)
    book.save(path)
    return path


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


# 1. XLSX cells past the last header column


def test_xlsx_cells_past_the_header_quarantine_the_row_like_csv(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    assert len(header) == 12
    one_extra = rows[1] + ["stray"]
    two_extra = rows[2] + ["stray", "more"]
    src = _xlsx(tmp_path / "wide.xlsx", [header, rows[0], one_extra, two_extra, rows[3]])
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (4, 2, 2) and f.balanced
    assert f.problems[0] == (f"{src}:3: field '(row)': row has 13 cells but the header has 12 "
                             "columns (a value in column M, past the last named column L)")
    assert f.problems[1].startswith(f"{src}:4: field '(row)': row has 14 cells but the header "
                                    "has 12 columns (a value in column N")
    # the header is the named columns only, however wide the sheet
    assert read_header(src) == header


def test_xlsx_trailing_empty_cells_past_the_header_are_not_a_problem(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    # a header with trailing blank cells (formatted but empty), rows with empty cells past it
    src = _xlsx(tmp_path / "blank.xlsx", [header + [None, ""], rows[0] + [None, ""],
                                          rows[1] + ["", None, None]])
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 2, 0) and f.balanced


def test_xlsx_unnamed_column_between_named_ones_is_refused_naming_it(tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    src = _xlsx(tmp_path / "gap.xlsx", [header[:2] + [None] + header[2:],
                                        rows[0][:2] + ["?"] + rows[0][2:]])
    with pytest.raises(InputError) as err:
        read_header(src, load_mapping(loaders_dir() / "intel_log.yaml"))
    assert str(err.value) == (
        "column C of the header row (row 1) has no name (between 'Date' and 'Grading'), so "
        f"its cells cannot be read; at {src}:1, column C; give column C a name in the header "
        "row, or delete the column if it holds nothing")


# 2. The same export as CSV and as XLSX


def _typed(row: list[str], header: list[str]) -> list[Any]:
    """A CSV row as Excel holds it: empty cells empty, dates as dates, numbers as numbers."""
    out: list[Any] = []
    for name, cell in zip(header, row, strict=True):
        if cell == "":
            out.append(None)
        elif name == "Date":
            out.append(datetime.strptime(cell, "%d/%m/%Y %H:%M"))
        elif name == "Subject DOB":
            out.append(datetime.strptime(cell, "%d/%m/%Y"))
        elif cell.isdigit():
            out.append(int(cell) if len(cell) % 2 else float(cell))
        else:
            out.append(cell)
    return out


def test_the_same_export_as_xlsx_is_duplicates_of_the_csv(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    rows[0][header.index("Officer")] = "1234"  # a number in Excel (float 1234.0)
    rows[1][header.index("Officer")] = "123"  # a number in Excel (int)
    rows[2][header.index("Postcode")] = ""  # an empty cell: "" in CSV, None in XLSX
    src = _csv(tmp_path / "log.csv", [header, *rows])
    book = _xlsx(tmp_path / "log.xlsx", [header] + [_typed(r, header) for r in rows])
    first = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert (first.loaded, first.new_versions) == (4, 0)
    again = ingest([book], settings=settings, store=store, mapping="intel_log").files[0]
    assert (again.read, again.loaded, again.duplicates, again.new_versions) == (4, 0, 4, 0)
    assert again.warnings == []

    # a cell that really differs is still a new version: a date a minute later, a number
    changed = [_typed(r, header) for r in rows]
    changed[0][header.index("Date")] = datetime(2025, 3, 1, 21, 41)
    changed[1][header.index("Officer")] = 13
    other = _xlsx(tmp_path / "changed.xlsx", [header, *changed])
    then = ingest([other], settings=settings, store=store, mapping="intel_log").files[0]
    assert (then.loaded, then.duplicates, then.new_versions) == (2, 2, 2)


def _units(path: Path, mapping: str = "intel_log") -> list[Unit]:
    found = read_tabular(path, load_mapping(loaders_dir() / f"{mapping}.yaml"), Limits())
    return [u for u in found if isinstance(u, Unit)]


def test_the_hash_of_a_csv_row_is_what_it_always_was(tmp_path: Path) -> None:
    """Rows loaded before must still be known: a CSV row hashes as the JSON of its cells."""
    header, *rows = _sample("intel_log.csv")
    rows[2][header.index("Postcode")] = ""
    units = _units(_csv(tmp_path / "log.csv", [header, *rows]))
    for unit, row in zip(units, rows, strict=True):
        blob = json.dumps(dict(zip(header, row, strict=True)), sort_keys=True,
                          ensure_ascii=False, default=str)
        assert unit.content_hash == hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]
    assert units[0].content_hash == "7918d1ec2d7b427f5187ae301272ad8e"


def test_an_xlsx_date_cell_matches_the_csv_text_only_when_it_reads_as_the_same_date(
        tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    row = rows[3]  # 07/03/2025 18:00, dob 14/05/2010
    csv_hash = _units(_csv(tmp_path / "one.csv", [header, row]))[0].content_hash
    typed = _typed(row, header)
    same = _units(_xlsx(tmp_path / "same.xlsx", [header, typed]))[0].content_hash
    assert same == csv_hash
    typed[header.index("Subject DOB")] = datetime(2010, 5, 14, 0, 0, 1)  # one second on
    other = _units(_xlsx(tmp_path / "other.xlsx", [header, typed]))[0].content_hash
    assert other != csv_hash


# 3. Semicolon CSV with Windows line breaks and a byte-order mark


# A quoted last cell holding ';' and ',', and a ',' unquoted: the csv module's sniffer
# cannot tell the delimiter of this text with CRLF line breaks (it can with LF).
SEMI = ('\ufeffVRM;Read At;Camera Postcode;Camera\r\n'
        'AB12CDE;2025-03-01T21:05:00;BA2 9ZZ;"A36 cam 14, south; lane 2"\r\n'
        'XY61ABC;2025-03-05T00:55:00;BA1 6AA;A4 London Rd, cam 3\r\n')


def test_sniffing_reads_crlf_text_with_quoted_cells() -> None:
    assert sniff(SEMI) == ";"
    assert sniff(SEMI.replace("\r\n", "\r")) == ";"
    assert sniff(SEMI.replace(";", "|")) == "|"
    assert sniff(SEMI.replace(";", "\t")) == "\t"
    assert sniff("Ref,Name\r\n1,Al\r\n") == ","


def test_semicolon_crlf_bom_csv_loads(store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "semi.csv"
    src.write_bytes(SEMI.encode("utf-8"))
    summary = ingest([src], settings=settings, store=store)  # the mapping found by its header
    f = summary.files[0]
    assert f.format == "mapping:anpr" and (f.read, f.loaded) == (2, 2) and summary.ok
    cams = store.read_text("MATCH (l:Location {kind: 'camera'}) RETURN l.address AS a "
                           "ORDER BY a", {})
    assert cams == [{"a": "A36 cam 14, south; lane 2"}, {"a": "A4 London Rd, cam 3"}]


def test_a_header_joined_by_another_delimiter_says_to_declare_it(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = tmp_path / "semi.csv"
    src.write_bytes(SEMI.encode("utf-8"))
    declared = tmp_path / "anpr_comma.yaml"
    declared.write_text((loaders_dir() / "anpr.yaml").read_text().replace(
        "report:", 'file:\n  delimiter: ","\nreport:', 1))
    with pytest.raises(MappingError) as err:
        ingest([src], settings=settings, store=store, mapping=str(declared))
    message = str(err.value)
    assert message.startswith("the header of semi.csv holds the columns mapping anpr reads "
                              "('Camera', 'Camera Postcode', 'Read At', 'VRM') only joined "
                              "by semicolons (';'), so it reads as one column: the file is "
                              "delimited by semicolons, but the mapping declares ','")
    assert message.endswith(f'declare the delimiter in the mapping ({declared}): '
                            'file: {delimiter: ";"}')
    assert "fix the column name" not in message
    assert store.counts()["nodes"] == 0


def test_an_unrecognised_delimiter_is_named_too(tmp_path: Path) -> None:
    anpr = load_mapping(loaders_dir() / "anpr.yaml")
    header = ["VRM\tRead At\tCamera Postcode\tCamera"]
    with pytest.raises(MappingError) as err:
        check_delimiter(tmp_path / "tabs.csv", header, anpr)
    assert "only joined by tabs ('\\t'), so it reads as one column: the file is delimited " \
        "by tabs, which was not recognised" in str(err.value)
    assert str(err.value).endswith('file: {delimiter: "\\t"}')
    check_delimiter(tmp_path / "ok.csv", ["VRM", "Read At", "Camera Postcode", "Camera"], anpr)
    with pytest.raises(MappingError,  # columns really missing: every one named
                       match="columns 'Camera', 'Camera Postcode' which x.csv does not have"):
        anpr.check_header(["VRM", "Read At", "Camera Postcode;Site"], "x.csv")
    check_delimiter(tmp_path / "x.csv", ["VRM", "Read At", "Camera Postcode;Site"], anpr)


# 4. A date field's own format


EPISODES = """name: episodes
dates:
  formats: ["%d/%m/%Y"]
report:
  ref: Ref
  date: Missing To
  grading: {constant: "1AP"}
entities:
  child:
    type: Person
    role: {constant: victim}
    fields:
      name: Child
      dob: DOB
  episode:
    type: Event
    fields:
      kind: {constant: missing_episode}
      start: {column: Missing From, format: "%d %b %Y"}
      end: Missing To
links:
  - {from: child, to: episode, type: SUBJECT_OF}
"""


def test_a_fields_own_format_does_not_replace_the_mapping_formats_of_other_fields(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    mapping = tmp_path / "episodes.yaml"
    mapping.write_text(EPISODES)
    src = _csv(tmp_path / "episodes.csv", [
        ["Ref", "Child", "DOB", "Missing From", "Missing To"],
        ["ME/1", "Amy Child", "14/05/2010", "01 Feb 2025", "03/02/2025"],
        ["ME/2", "Bea Child", "15/06/2011", "01/02/2025", "03/02/2025"],
    ])
    f = ingest([src], settings=settings, store=store, mapping=str(mapping)).files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1) and f.balanced
    assert f.problems == [f"{src}:3: field 'Missing From (episode.start)': unparseable date "
                          "'01/02/2025': matches none of the declared formats ['%d %b %Y']"]
    got = store.read_text("MATCH (p:Person)-[:SUBJECT_OF]->(e:Event) RETURN p.dob AS dob, "
                          "e.start AS start, e.end AS end", {})
    assert got == [{"dob": "2010-05-14", "start": "2025-02-01", "end": "2025-02-03"}]


# 5. Role problems name the column


def test_a_bad_role_names_the_column_it_came_from(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    header, *rows = _sample("intel_log.csv")
    header[header.index("Subject Role")] = "Involvement"
    rows[0][header.index("Involvement")] = "susp"
    mapping = tmp_path / "log.yaml"
    mapping.write_text((loaders_dir() / "intel_log.yaml").read_text().replace(
        "role: Subject Role", "role: Involvement"))
    src = _csv(tmp_path / "log.csv", [header, *rows])
    f = ingest([src], settings=settings, store=store, mapping=str(mapping)).files[0]
    assert (f.loaded, f.quarantined) == (3, 1) and f.balanced
    assert f.problems[0].startswith(f"{src}:2: field 'Involvement (subject.role)': role 'susp' "
                                    "is not one of ")


def test_doctests() -> None:
    for module in (tabular, csvstrict, report, delimiters, records):
        assert doctest.testmod(module).failed == 0, module.__name__
