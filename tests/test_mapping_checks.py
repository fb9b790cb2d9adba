"""Mistakes in a loader mapping are refused when it loads, naming its file, line and fix.

Each case reproduces a mistake a user review found slipping through: a bare date format
read as a list of characters, a typo under ``dates:`` ignored, an unknown grading scheme,
a skip rule without its column or ``header_row: first`` ending in a traceback, a bare
``detect:`` never matching, a force's copy of a shipped mapping shadowing it, one broken
file in ``loaders/`` stopping every ingest. None needs a database.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from graphintel.errors import MappingError
from graphintel.ingest import mapping as mapping_module
from graphintel.ingest.mapping import (
    Mapping,
    find_mapping,
    find_mappings,
    load_mapping,
    shipped_mappings,
)

REPO = Path(__file__).resolve().parents[1]

GOOD = """\
name: t
description: Test layout.
detect: [Ref, Date]
file:
  format: csv
  header_row: 1
dates:
  formats: ["%d/%m/%Y"]
skip:
  - {column: Status, equals: DELETED}
report:
  per: row
  ref: Ref
  date: Date
  grading: Grading
entities:
  subject:
    type: Person
    fields:
      name: Name
  tel:
    type: Phone
    fields:
      number: Phone
links:
  - {from: subject, to: tel, type: USES}
"""

#: (mistake, text replaced, replacement, what the message says, line, what the fix says)
MISTAKES = [
    ("dates: format typo", "  formats:", "  format:",
     "unknown key 'format' in dates", 8, "allowed: formats"),
    ("dates: a list", 'dates:\n  formats: ["%d/%m/%Y"]', 'dates: ["%d/%m/%Y"]',
     "dates must be a mapping of keys, not a list", 7, "formats: ["),
    ("dates: formats a mapping", 'formats: ["%d/%m/%Y"]', "formats: {day: '%d'}",
     "dates.formats must be a strptime format or a list of them", 8, "formats: ["),
    ("dates: bad directive", '"%d/%m/%Y"', '"%d/%m/%Q"',
     "'%d/%m/%Q' is not a usable strptime format", 8, "strptime directives such as %d"),
    ("dates: no directive", '"%d/%m/%Y"', '"dd/mm/yyyy"',
     "'dd/mm/yyyy' has no strptime directive", 8, "strptime directives such as %d"),
    ("dates: the bad one of several lines", '  formats: ["%d/%m/%Y"]',
     '  formats:\n    - "%d/%m/%Y"\n    - "%Y%"', "'%Y%' is not a usable strptime format", 10,
     "strptime directives"),
    ("dates: unquoted %", 'formats: ["%d/%m/%Y"]', "formats: [%d/%m/%Y]",
     "mapping is not valid YAML", 8, "needs quotes"),
    ("a value's own format", "      name: Name", "      dob: {column: DOB, format: dd-mm}",
     "field subject.dob: format: 'dd-mm' has no strptime directive", 20, "%d"),
    ("grading_scheme unknown", "report:\n", "grading_scheme: 3x5x3\nreport:\n",
     "grading_scheme '3x5x3' is not a grading scheme graphintel knows", 11,
     "use one of 3x5x2, 5x5x5"),
    ("report.grading constant invalid", "  grading: Grading", "  grading: {constant: 9ZZ}",
     "report.grading '9ZZ' is not a valid grading", 15, "a code like \"2BP\""),
    ("skip rule without column", "{column: Status, equals: DELETED}", "{equals: DELETED}",
     "a skip rule needs the column it looks at", 10, "{column: Status, equals: DELETED}"),
    ("skip rule that skips nothing", "{column: Status, equals: DELETED}", "{column: Status}",
     "this one skips nothing", 10, "equals: DELETED"),
    ("skip rule empty not true/false", "equals: DELETED}", "empty: maybe}",
     "skip rule empty must be true or false, not text 'maybe'", 10, "empty: true"),
    ("skip not a list", "skip:\n  - {column", "skip:\n  {column",
     "skip must be a list of rules, not a mapping of keys", 9, "skip: [{column:"),
    ("skip rule a text", "  - {column: Status, equals: DELETED}", "  - Status is DELETED",
     "a skip rule must be a mapping of keys, not text 'Status is DELETED'", 10,
     "{column: Status, equals: DELETED}"),
    ("header_row a word", "header_row: 1", "header_row: first",
     "file.header_row must be a line number from 1, not text 'first'", 6, "header_row: 1"),
    ("header_row zero", "header_row: 1", "header_row: 0",
     "file.header_row must be a line number from 1, not the number 0", 6, "header_row: 1"),
    ("file.format unknown", "format: csv", "format: xls",
     "file.format 'xls' is not a format graphintel reads", 5, "use one of csv, xlsx"),
    ("file.delimiter two characters", "header_row: 1", "delimiter: \\t",
     "file.delimiter '\\\\t' must be one character", 6, 'delimiter: "\\t"'),
    ("file.encoding unknown", "header_row: 1", "encoding: latin-1",
     "encoding 'latin-1' not supported", 6, "use one of cp1252, utf-8"),
    ("file.sheet a list", "header_row: 1", "sheet: [Sheet1]",
     "file.sheet must be a sheet's name, not a list", 6, "sheet: Sheet1"),
    ("file a text", "file:\n  format: csv\n  header_row: 1", "file: csv",
     "file must be a mapping of keys, not text 'csv'", 4, "file: {format: csv"),
    ("detect a text", "detect: [Ref, Date]", "detect: Ref",
     "detect must be a list of column names, not text 'Ref'", 3, "detect: [Ref, Date]"),
    ("detect item a mapping", "detect: [Ref, Date]", "detect:\n  - Ref\n  - {Date: x}",
     "detect must be a list of column names; one item is a mapping of keys", 5,
     "detect: [Ref, Date]"),
    ("files a text", "detect: [Ref, Date]", "files: intel*.csv",
     "files must be a list of file-name patterns, not text 'intel*.csv'", 3,
     'files: ["persons*.csv"]'),
    ("event_kinds a text", "detect: [Ref, Date]", "event_kinds: arrest",
     "event_kinds must be a list of event kinds, not text 'arrest'", 3, "event_kinds: ["),
    ("name a list", "name: t", "name: [t]", "name must be text, not a list", 1, "name: "),
    ("fields a text", "    fields:\n      number: Phone", "    fields: Phone",
     "fields of entity 'tel' must be a mapping of keys, not text 'Phone'", 23,
     "fields: {number: COLUMN}"),
    ("fields a list", "    fields:\n      number: Phone", "    fields: [Phone]",
     "fields of entity 'tel' must be a mapping of keys, not a list", 23,
     "fields: {number: COLUMN}"),
    ("no fields", "    fields:\n      number: Phone\n", "",
     "entity 'tel' has no fields", 22, "add `fields: {FIELD: COLUMN}` (fields of Phone: number)"),
    ("entity a text", "  tel:\n    type: Phone\n    fields:\n      number: Phone", "  tel: Phone",
     "entity 'tel' must be a mapping of keys, not text 'Phone'", 21, "{type: Vehicle"),
    ("links not a list", "links:\n  - {from", "links:\n  {from",
     "links must be a list", 25, "- {from: car, to: place, type: SEEN_AT}"),
    ("a link a text", "  - {from: subject, to: tel, type: USES}", "  - subject USES tel",
     "a link must be a mapping of keys, not text 'subject USES tel'", 26, "{from: car"),
]


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "what", "line", "fix"),
                         [m[1:] for m in MISTAKES], ids=[m[0] for m in MISTAKES])
def test_a_mapping_mistake_names_its_file_line_and_fix(tmp_path: Path, old: str, new: str,
                                                       what: str, line: int, fix: str) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(MappingError) as err:
        load_mapping(path)
    assert what in err.value.what
    assert err.value.where == f"{path}:{line}"
    assert err.value.fix is not None and fix in err.value.fix


def test_the_good_mapping_loads_with_what_it_says(tmp_path: Path) -> None:
    m = load_mapping(write(tmp_path, GOOD))
    assert (m.name, m.detect, m.file_format, m.header_row) == ("t", ("Ref", "Date"), "csv", 1)
    assert m.date_formats == ("%d/%m/%Y",)
    assert [(r.column, r.equals, r.line) for r in m.skip] == [("Status", "DELETED", 10)]
    assert m.name_line == 1


@pytest.mark.parametrize(("old", "new", "check"), [
    # one format given bare is a list of one, not of its characters
    ('formats: ["%d/%m/%Y"]', 'formats: "%d/%m/%Y %H:%M"',
     lambda m: m.date_formats == ("%d/%m/%Y %H:%M",)),
    ("name: t", "name: 2024", lambda m: m.name == "2024"),
    ("description: Test layout.", "description:", lambda m: m.description == ""),
    ("header_row: 1", "header_row: 3\n  delimiter: \"\\t\"\n  encoding: UTF8\n"
     "  sheet: 2024\n  multiline: true",
     lambda m: (m.header_row, m.delimiter, m.encoding, m.sheet, m.multiline)
     == (3, "\t", "utf-8", "2024", True)),
    ("format: csv", "format: XLSX", lambda m: m.file_format == "xlsx"),
    ("report:\n", "grading_scheme: 5X5X5\nreport:\n", lambda m: m.grading_scheme == "5x5x5"),
    ("  grading: Grading", "  grading: {constant: 2BP}",
     lambda m: m.report["grading"].constant == "2BP"),
    ("{column: Status, equals: DELETED}", "{column: Status, empty: true}",
     lambda m: m.skip[0].empty and m.skip[0].equals is None),
    ('formats: ["%d/%m/%Y"]', 'formats: ["%d/%m/%Y %H:%M:%S%z", "%d %b %Y", "%Y%m%dT%H%M"]',
     lambda m: len(m.date_formats) == 3),
    ("dates:\n  formats: [\"%d/%m/%Y\"]\n", "", lambda m: m.date_formats == ()),
])
def test_friendly_forms_load(tmp_path: Path, old: str, new: str,
                            check: Callable[[Mapping], bool]) -> None:
    assert old in GOOD
    assert check(load_mapping(write(tmp_path, GOOD.replace(old, new, 1))))


def test_bare_date_format_reads_the_rows_it_describes(tmp_path: Path) -> None:
    from graphintel.clean.dates import clean_date

    m = load_mapping(write(tmp_path, GOOD.replace('["%d/%m/%Y"]', '"%d/%m/%Y"')))
    assert clean_date("01/03/2025", m.date_formats).value == "2025-03-01"


def test_every_shipped_mapping_and_example_set_still_loads() -> None:
    assert {"anpr", "intel_log", "missing_episodes"} <= set(shipped_mappings())
    assert len(find_mappings("examples/pole")) > 10
    assert find_mapping("intel_log").date_formats == ("%d/%m/%Y %H:%M", "%d/%m/%Y")


# --- the loaders folder: names must differ; one broken file does not stop the others -------

@pytest.fixture()
def loaders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "loaders"
    folder.mkdir()
    monkeypatch.setattr(mapping_module, "loaders_dir", lambda: folder)
    write(folder, GOOD, "t.yaml")
    write(folder, GOOD.replace("name: t", "name: other"), "other.yaml")
    return folder


def test_a_copy_keeping_the_shipped_name_is_refused(loaders: Path) -> None:
    copy = write(loaders, "# our force's copy\n" + GOOD, "t_myforce.yaml")
    for attempt in (shipped_mappings, lambda: find_mapping("t")):
        with pytest.raises(MappingError) as err:
            attempt()
        assert f"two mappings in the loaders folder are named 't': {loaders / 't.yaml'} " \
            f"and {copy}" in err.value.what
        assert err.value.where == f"{copy}:2"
        assert err.value.fix and "rename one" in err.value.fix
    assert find_mapping("other").name == "other"  # a name with one file still works


def test_a_mapping_set_with_two_of_one_name_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "set"
    folder.mkdir()
    write(folder, GOOD, "a.yaml")
    write(folder, GOOD, "b.yaml")
    with pytest.raises(MappingError, match="two mappings in .* are named 't'"):
        find_mappings(str(folder))


def test_a_broken_file_in_loaders_blocks_detection_but_not_another_name(loaders: Path) -> None:
    broken = write(loaders, "name: mine\ndates:\n  formats: [%d/%m/%Y]\n", "mine.yaml")
    with pytest.raises(MappingError) as err:
        shipped_mappings()
    assert "mapping is not valid YAML" in err.value.what
    assert "in mine.yaml in the loaders folder" in err.value.what
    assert err.value.where == f"{broken}:3"
    assert err.value.fix and "move mine.yaml out of the loaders folder" in err.value.fix
    assert find_mapping("t").name == "t"
    assert find_mapping(str(loaders / "t.yaml")).name == "t"
    with pytest.raises(MappingError, match="in mine.yaml in the loaders folder"):
        find_mapping("mine")  # the broken file is the one asked for: its own error
    with pytest.raises(MappingError) as missing:
        find_mapping("nothing")
    assert missing.value.what == "no mapping named 'nothing'"
    assert missing.value.fix and "in the loaders folder do not load: mine.yaml" in \
        missing.value.fix


def test_a_broken_copy_of_a_name_is_not_passed_over_for_the_good_one(loaders: Path) -> None:
    copy = write(loaders, GOOD.replace("header_row: 1", "header_row: first"), "t_copy.yaml")
    with pytest.raises(MappingError) as err:
        find_mapping("t")
    assert err.value.where == f"{copy}:6" and "header_row" in err.value.what


# --- --mapping given as a path that does not exist ----------------------------------------

@pytest.mark.parametrize("given", ["./nope.yaml", "nope.yml", "sub/nope", "/no/such/m.yaml"])
def test_a_missing_mapping_path_says_no_such_file(given: str) -> None:
    with pytest.raises(MappingError) as err:
        find_mapping(given)
    assert err.value.what == "no such mapping file"
    assert err.value.where == given
    assert err.value.fix and "check the path" in err.value.fix and "intel_log" in err.value.fix


def test_a_name_is_still_looked_up_by_name() -> None:
    with pytest.raises(MappingError, match="no mapping named 'nope'"):
        find_mapping("nope")


def test_the_cli_prints_the_mapping_error_without_a_traceback(tmp_path: Path) -> None:
    data = write(tmp_path, "Ref,Date,Grading,Name,Phone,Status\n", "data.csv")
    bad = write(tmp_path, GOOD.replace("{column: Status, equals: DELETED}",
                                       "{equals: DELETED}"))
    env = {**os.environ, "GRAPHINTEL_HOME": str(tmp_path / "home"),
           "GRAPHINTEL_ENV_FILE": str(tmp_path / "no.env")}
    for given, expected in ((str(bad), f"Error: a skip rule needs the column it looks at; "
                                       f"at {bad}:10; write e.g."),
                            ("./nope.yaml", "Error: no such mapping file; at ./nope.yaml;")):
        done = subprocess.run([sys.executable, str(REPO / "cli.py"), "ingest", str(data),
                               "--mapping", given, "--dry-run"], capture_output=True,
                              text=True, env=env, cwd=tmp_path, check=False)
        assert done.returncode == 1, done.stdout + done.stderr
        assert expected in done.stderr
        assert "Traceback" not in done.stderr
