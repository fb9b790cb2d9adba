"""Rows of one table with the same report reference: one report with several people, not
versions of it (graphintel/ingest/report_rows.py).

An intelligence log exports a report as one row per person or link. Loading the second row
as a "new version" took the first row's victim assessment back; now every row's people,
roles and links are kept, the rows must agree on the date and grading, row order does not
matter, and a later load of the reference with other rows is still a new version. A file
held on disk past a size (graphintel/ingest/held_rows.py) loads the same, and leaves no
file behind.
"""

from __future__ import annotations

import csv
import doctest
import json
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.ingest import held_rows, ingest, report_rows, versions
from graphintel.store import Store

HEADER = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB", "Subject Role",
          "Phone", "VRM", "Location", "Postcode", "Narrative"]
KEISHA = ["IL/2025/000010", "01/03/2025 21:40", "2BP", "PC 1234", "Keisha GRANT", "",
          "victim", "", "", "Kebab House", "BA1 1AA", "Girl seen at the Kebab House with a man."]
DEAN = ["IL/2025/000010", "01/03/2025 21:40", "2BP", "PC 1234", "Dean FOX", "14/02/1988",
        "suspect", "07700 900123", "AB12 CDE", "", "", "Girl seen at the Kebab House with a man."]
OTHER = ["IL/2025/000011", "02/03/2025 10:00", "1AP", "PC 99", "Liam WEST", "01/01/1990",
         "associate", "", "", "", "", "Stop check."]


def _csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def _roles(store: Store, ref: str) -> dict[str, list[str]]:
    rows = store.read_text(
        "MATCH (:Report {ref: $ref})-[m:MENTIONS]->(p:Person) "
        "RETURN p.name AS name, m.roles AS roles", {"ref": ref})
    return {r["name"]: sorted(r["roles"] or []) for r in rows}


def _person_roles(store: Store) -> dict[str, list[str]]:
    rows = store.read_text("MATCH (p:Person) RETURN p.name AS name, p.roles AS roles", {})
    return {r["name"]: sorted(r["roles"] or []) for r in rows}


def _report(store: Store, ref: str) -> dict[str, object]:
    return store.read_text(
        "MATCH (r:Report {ref: $ref}) RETURN r.grading AS grading, r.date AS date, "
        "r.narrative AS narrative, r.source_line AS line, r.source_lines AS lines, "
        "r.earlier_versions AS earlier", {"ref": ref})[0]


def _links(store: Store) -> set[tuple[str, str, str]]:
    rows = store.read_text("MATCH (a:Person)-[r]->(b) WHERE 'IL/2025/000010' IN r.refs "
                           "RETURN a.name AS a, type(r) AS t, b.uid AS b", {})
    return {(r["a"], r["t"], r["b"]) for r in rows}


def _spill_from(monkeypatch: pytest.MonkeyPatch, rows: int | None) -> list[int]:
    """Hold at most ``rows`` rows in memory (None: the default); the sizes spilled at."""
    spilled: list[int] = []
    if rows is None:
        return spilled
    monkeypatch.setattr(held_rows, "SPILL_AT", rows)
    spill = held_rows.HeldRows._spill

    def counted(self: held_rows.HeldRows) -> None:
        spilled.append(len(self))
        spill(self)
    monkeypatch.setattr(held_rows.HeldRows, "_spill", counted)
    return spilled


def _no_held_files(settings: Settings) -> bool:
    folder = settings.home / held_rows.HELD_DIR
    return not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize("batch_size,spill_at", [(1, None), (1000, None), (1000, 1)])
@pytest.mark.parametrize("reverse", [False, True])
def test_rows_with_one_reference_are_one_report_with_every_person(
        store: Store, settings: Settings, tmp_path: Path, reverse: bool,
        batch_size: int, spill_at: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    spilled = _spill_from(monkeypatch, spill_at)
    rows = [KEISHA, OTHER, DEAN]
    src = _csv(tmp_path / "log.csv", rows[::-1] if reverse else rows)
    summary = ingest([src], settings=replace(settings, batch_size=batch_size), store=store,
                     mapping="intel_log")
    f = summary.files[0]
    assert (f.read, f.loaded, f.duplicates, f.quarantined, f.new_versions) == (3, 3, 0, 0, 0)
    assert summary.ok and f.balanced and f.warnings == []
    assert _roles(store, "IL/2025/000010") == {"Keisha GRANT": ["victim"],
                                               "Dean FOX": ["suspect"]}
    assert _person_roles(store)["Keisha GRANT"] == ["victim"]
    assert _links(store) == {("Keisha GRANT", "SEEN_AT", "Location:BA1 1AA|kebab house"),
                             ("Dean FOX", "USES", "Phone:+447700900123"),
                             ("Dean FOX", "DRIVES", "Vehicle:AB12CDE")}
    held = _report(store, "IL/2025/000010")
    assert (held["grading"], held["date"], held["earlier"]) == ("2BP", "2025-03-01T21:40:00",
                                                                None)
    assert held["narrative"] == "Girl seen at the Kebab House with a man."
    assert held["line"] == 2 and held["lines"] == [2, 4]
    assert spilled == ([] if spill_at is None else [2])  # past one row: on disk
    assert _no_held_files(settings)

    # the same rows again, in any order, are duplicates and change nothing
    again = ingest([_csv(tmp_path / "again.csv", [DEAN, KEISHA])], settings=settings,
                   store=store, mapping="intel_log").files[0]
    assert (again.loaded, again.duplicates, again.new_versions, again.warnings) == (
        0, 2, 0, [])


def test_a_later_load_with_other_rows_is_a_new_version_of_the_whole_report(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    first = _csv(tmp_path / "first.csv", [KEISHA, DEAN])
    ingest([first], settings=settings, store=store, mapping="intel_log")
    # corrected: Dean is an associate, and no longer uses the phone; Keisha unchanged
    dean = [*DEAN[:6], "associate", "", *DEAN[8:]]
    new = _csv(tmp_path / "new.csv", [dean, KEISHA])
    f = ingest([new], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.loaded, f.duplicates, f.new_versions, f.quarantined) == (2, 0, 2, 0)
    [warning] = f.warnings
    assert warning.startswith(f"{new}:2 (and line 3): report IL/2025/000010 was loaded "
                              f"before with other content (from {first}:2 (and line 3))")
    assert _roles(store, "IL/2025/000010") == {"Keisha GRANT": ["victim"],
                                               "Dean FOX": ["associate"]}
    assert _person_roles(store) == {"Keisha GRANT": ["victim"], "Dean FOX": ["associate"]}
    assert ("Dean FOX", "USES", "Phone:+447700900123") not in _links(store)
    assert len(_report(store, "IL/2025/000010")["earlier"]) == 1  # type: ignore[arg-type]
    # the earlier file again is an earlier version: not loaded, the correction stands
    old = ingest([first], settings=settings, store=store, mapping="intel_log").files[0]
    assert (old.loaded, old.duplicates, len(old.warnings)) == (0, 2, 1)
    assert "is an earlier version of one already loaded" in old.warnings[0]
    assert _person_roles(store)["Dean FOX"] == ["associate"]
    # a version of one row replaces the report of two: Dean stays mentioned, with no role
    alone = _csv(tmp_path / "alone.csv", [KEISHA])
    f = ingest([alone], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.loaded, f.new_versions) == (1, 1)
    assert f"(from {new}:2 (and line 3))" in f.warnings[0]
    assert _roles(store, "IL/2025/000010") == {"Keisha GRANT": ["victim"], "Dean FOX": []}
    held = _report(store, "IL/2025/000010")
    assert (held["line"], held["lines"]) == (2, None)
    assert held["earlier"][-1].startswith(f"from {new}:2 (and line 3), dated ")  # type: ignore[index]


@pytest.mark.parametrize("spill_at", [None, 1])
def test_rows_that_disagree_on_the_grading_are_quarantined_naming_line_and_column(
        store: Store, settings: Settings, tmp_path: Path, spill_at: int | None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    spilled = _spill_from(monkeypatch, spill_at)
    dean = [*DEAN[:2], "3EP", *DEAN[3:]]
    src = _csv(tmp_path / "log.csv", [KEISHA, OTHER, dean])
    summary = ingest([src], settings=settings, store=store, mapping="intel_log")
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined, f.duplicates) == (3, 1, 2, 0)
    assert f.balanced and not summary.ok
    reason = ("report IL/2025/000010 is given other gradings by other rows of this file "
              "with the same reference (2BP at line 2; 3EP at line 4): the rows of one "
              "report must agree on its date and grading and the file does not say which "
              "is right, so none of them is loaded; correct the rows (or give them their "
              "own references) and load them again")
    assert f.problems == [f"{src}:2: field 'Grading': {reason}",
                          f"{src}:4: field 'Grading': {reason}"]
    assert store.read_text("MATCH (r:Report) RETURN r.ref AS ref", {}) == [
        {"ref": "IL/2025/000011"}]
    assert f.quarantine_file is not None
    held = [json.loads(x) for x in Path(f.quarantine_file).read_text().splitlines()]
    assert [(q["line"], q["field"]) for q in held] == [(2, "Grading"), (4, "Grading")]
    assert held[0]["raw"].startswith("IL/2025/000010,01/03/2025 21:40,2BP,PC 1234,Keisha")
    assert len(spilled) == (0 if spill_at is None else 1) and _no_held_files(settings)

    # a date that differs too is a problem of its own: a line each, every row once
    later = [DEAN[0], "02/03/2025 21:40", "3EP", *DEAN[3:]]
    both = _csv(tmp_path / "both.csv", [later, KEISHA])
    f = ingest([both], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 0, 2) and f.balanced
    dates = ("report IL/2025/000010 is given other dates by other rows of this file with the "
             "same reference (2025-03-02T21:40:00 at line 2; 2025-03-01T21:40:00 at line 3): ")
    gradings = ("report IL/2025/000010 is given other gradings by other rows of this file "
                "with the same reference (3EP at line 2; 2BP at line 3): ")
    assert [p.split(": the rows of one report")[0] + ": " for p in f.problems] == [
        f"{both}:{line}: field '{column}': {why}"
        for line in (2, 3) for column, why in (("Date", dates), ("Grading", gradings))]
    held = [json.loads(x) for x in Path(f.quarantine_file or "").read_text().splitlines()]
    assert [[p["field"] for p in q["problems"]] for q in held] == [["Date", "Grading"]] * 2



@pytest.mark.parametrize("spill_at", [None, 1])
def test_a_bad_row_holds_back_its_reports_other_rows(
        store: Store, settings: Settings, tmp_path: Path, spill_at: int | None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Keisha's row has an impossible date of birth: Dean's row of the same report is held
    back with it, so that loading the corrected rows gives the whole report. Loaded
    without her, the report would be only Dean's, and her corrected row, loaded alone
    later, a new version that took his suspect role and his phone back."""
    _spill_from(monkeypatch, spill_at)
    keisha = [*KEISHA[:5], "31/02/2010", *KEISHA[6:]]
    src = _csv(tmp_path / "log.csv", [DEAN, OTHER, keisha])
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (3, 1, 2) and f.balanced
    assert f.problems[0].startswith(f"{src}:4: field 'Subject DOB (subject.dob)': "
                                    "unparseable date '31/02/2010'"), f.problems
    assert f.problems[1].startswith(f"{src}:2: field 'Ref': report IL/2025/000010 has a row "
                                    "quarantined at line 4: the rows of one report load "
                                    "together, so none of them is loaded"), f.problems
    assert len(f.problems) == 2
    assert store.read_text("MATCH (r:Report) RETURN r.ref AS ref", {}) == [
        {"ref": "IL/2025/000011"}]
    held = [json.loads(x) for x in Path(f.quarantine_file or "").read_text().splitlines()]
    assert sorted(q["line"] for q in held) == [2, 4]
    assert _no_held_files(settings)

    # the rows corrected and loaded again: the whole report, every role and link
    fixed = _csv(tmp_path / "fixed.csv", [DEAN, [*KEISHA[:5], "28/02/2010", *KEISHA[6:]]])
    f = ingest([fixed], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 2, 0)
    assert _roles(store, "IL/2025/000010") == {"Dean FOX": ["suspect"],
                                                "Keisha GRANT": ["victim"]}
    assert ("Dean FOX", "USES", "Phone:+447700900123") in _links(store)


def test_docstring_examples() -> None:
    for module in (report_rows, versions, held_rows):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0
