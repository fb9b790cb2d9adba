"""A person given an age and no date of birth: the age is kept with the report's date.

Of several ages for one person the youngest-making one is kept (dated before undated),
whatever the order the reports arrive in, so the child test errs towards protection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def _person(age: Any) -> dict[str, Any]:
    return {"id": "p", "type": "Person", "name": "Kim LEE", "nominal_ref": "N1", "age": age}


def _age(store: Store) -> tuple[Any, Any]:
    rows = store.read_text("MATCH (p:Person {nominal_ref: 'N1'}) RETURN p.age AS age, "
                           "p.age_on AS on", {})
    assert len(rows) == 1
    return rows[0]["age"], rows[0]["on"]


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_youngest_dated_age_wins_in_any_order(store: Store, home: Settings, tmp_path: Path,
                                              order: tuple[int, ...]) -> None:
    reports = [report("R1", [_person(17)], date="2020-01-01"),   # born by 2003-01-01
               report("R2", [_person("16")], date="2024-06-01"),  # born by 2008-06-01
               report("R3", [_person(30)], date="2024-01-01")]
    path = write_jsonl(tmp_path / "r.jsonl", [reports[i] for i in order])
    assert ingest([path], settings=home, store=store).ok
    assert _age(store) == (16, "2024-06-01")


def test_bad_age_quarantines_the_row_with_field(store: Store, home: Settings,
                                                tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", [report("R1", [_person("tall")]),
                                              report("R2", [_person(-3)]),
                                              report("R3", [_person(140)]),
                                              report("R4", [_person(13)])])
    summary = ingest([path], settings=home, store=store)
    assert (summary.total("loaded"), summary.total("quarantined")) == (1, 3)
    problems = summary.files[0].problems
    assert all("field 'entities[0].age'" in p for p in problems), problems
    assert "age 'tall' is not an age in years" in problems[0]
    assert "age '140' is not an age from 0 to 120" in problems[2]
    assert _age(store) == (13, "2025-03-01")


@pytest.mark.parametrize("written", ["twelve", 12.5, "12 years", "12yrs", "aged 12", "12/13"])
def test_an_age_written_in_words_or_with_its_unit_is_read(
        store: Store, home: Settings, tmp_path: Path, written: Any) -> None:
    """An age field written as officers write it is the age in whole years, not a reason
    to quarantine the report (and lose the child in it)."""
    path = write_jsonl(tmp_path / "r.jsonl", [report("R1", [_person(written)])])
    assert ingest([path], settings=home, store=store).ok
    assert _age(store) == (12, "2025-03-01")


def test_impossible_date_of_birth_quarantines_the_row(store: Store, home: Settings,
                                                      tmp_path: Path) -> None:
    """A date of birth after the report's date, or outside the plausible dates, is a typo:
    the row is quarantined naming the field, not loaded as a person not yet born."""
    def born(dob: str, ref: str, date: str = "2025-02-03") -> dict[str, Any]:
        who = {"id": "p", "type": "Person", "name": "Kim LEE", "nominal_ref": ref, "dob": dob}
        return report(ref, [who], date=date)

    path = write_jsonl(tmp_path / "r.jsonl", [born("2025-06-01", "R1"), born("2052-01-01", "R2"),
                                              born("1066-10-14", "R3"),
                                              born("2025-02-03", "R4"),
                                              born("2010-05-05", "R5")])
    summary = ingest([path], settings=home, store=store)
    f = summary.files[0]
    assert (f.loaded, f.quarantined) == (2, 3) and f.balanced
    assert all("field 'entities[0].dob'" in p for p in f.problems), f.problems
    assert "date of birth 2025-06-01 is after the report's date 2025-02-03" in f.problems[0]
    assert "implausible date '2052-01-01'" in f.problems[1]
    assert "implausible date '1066-10-14'" in f.problems[2]
    dobs = store.read_text("MATCH (p:Person) RETURN p.dob AS dob ORDER BY dob", {})
    assert [r["dob"] for r in dobs] == ["2010-05-05", "2025-02-03"]


def test_tabular_date_of_birth_after_the_report_is_quarantined(store: Store, home: Settings,
                                                               tmp_path: Path) -> None:
    header = ("Ref,Date,Grading,Officer,Subject Name,Subject DOB,Subject Role,Phone,VRM,"
              "Location,Postcode,Narrative\n")
    rows = ("IL/1,01/03/2025 21:40,2BP,PC 1,Jo SMITH,01/06/2025,suspect,,,,,late dob\n"
            "IL/2,01/03/2025 21:40,2BP,PC 1,Al JONES,11/02/1990,suspect,,,,,good\n")
    (tmp_path / "log.csv").write_text(header + rows, encoding="utf-8")
    f = ingest([tmp_path / "log.csv"], settings=home, store=store,
               mapping="intel_log").files[0]
    assert (f.loaded, f.quarantined) == (1, 1) and f.balanced
    assert "log.csv:2" in f.problems[0] and "Subject DOB" in f.problems[0]
    assert "date of birth 2025-06-01 is after the report's date 2025-03-01" in f.problems[0]
