"""The hostile input corpus in tests/hostile/: clear errors or inert storage, counts that add up."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphintel.clean import clean_nominal_ref
from graphintel.config import Settings
from graphintel.errors import InputError
from graphintel.ingest import ingest
from graphintel.store import Store

HOSTILE = Path(__file__).parent / "hostile"
INJ = "x' }) MATCH (n) DETACH DELETE n WITH 1 AS x CALL { CREATE (:Pwned) } RETURN x //"


def test_injection_text_in_every_field_is_stored_inertly(store: Store, settings: Settings) -> None:
    summary = ingest([HOSTILE / "injection.jsonl"], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (3, 3, 0) and f.balanced
    assert store.read_text("MATCH (n:Pwned) RETURN count(n) AS n", {}) == [{"n": 0}]
    report = store.read_text("MATCH (r:Report {ref: $ref}) RETURN r.author AS a, "
                             "r.narrative AS n, r.extra_json AS x", {"ref": "H/INJ " + INJ})
    assert report[0]["a"] == INJ and report[0]["n"].startswith(INJ) and INJ in report[0]["x"]
    person = store.read_text("MATCH (p:Person {nominal_ref: $r}) RETURN p.name AS n, "
                             "p.gender AS g", {"r": clean_nominal_ref(INJ).value})
    assert person == [{"n": INJ, "g": INJ}]  # the reference in its key's form
    flagged = store.read_text("MATCH (n:Phone|Vehicle) RETURN labels(n) AS l, n.flags AS f "
                              "ORDER BY n.uid", {})
    assert all(row["f"] for row in flagged)  # kept as written, with a data-quality flag
    formula = store.read_text("MATCH (p:Person {dob: '2001-01-03'}) RETURN p.name AS n", {})
    assert formula == [{"n": '=HYPERLINK("http://evil.example","Ann")'}]


def test_control_characters_are_removed_and_flagged(store: Store, settings: Settings) -> None:
    ingest([HOSTILE / "injection.jsonl"], settings=settings, store=store)
    row = store.read_text("MATCH (r:Report {ref: 'H/CTRL'}) RETURN r.narrative AS n, "
                          "r.flags AS f, r.cleaned_fields AS c", {})
    assert row == [{"n": "bell null esc[31m red  reversed", "f": ["control_characters_removed"],
                    "c": ["entities[0].name", "narrative"]}]
    person = store.read_text("MATCH (p:Person {dob: '2001-01-01'}) RETURN p.name AS n, "
                             "p.flags AS f", {})
    assert person == [{"n": "Ann CTRL", "f": ["control_characters_removed"]}]
    clean = store.read_text("MATCH (r:Report {ref: 'H/FORMULA'}) RETURN r.flags AS f", {})
    assert clean == [{"f": None}]  # a report with nothing to clean is not flagged


@pytest.mark.parametrize(("name", "read", "loaded", "quarantined"), [
    ("truncated.jsonl", 2, 1, 1),
    ("garbage.jsonl", 6, 1, 5),  # the bytes hold four newlines: five garbage lines
    ("empty.jsonl", 0, 0, 0),
    ("intel_log_formula.csv", 4, 3, 1),
])
def test_malformed_files_load_good_rows_and_account_for_all(
        store: Store, settings: Settings, name: str, read: int, loaded: int,
        quarantined: int) -> None:
    summary = ingest([HOSTILE / name], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (read, loaded, quarantined), f.problems
    assert f.balanced
    assert all(str(HOSTILE / name) in line for line in f.problems)


def test_a_directory_or_missing_file_is_a_clear_error(settings: Settings, store: Store) -> None:
    with pytest.raises(InputError, match="input file not found"):
        ingest([HOSTILE], settings=settings, store=store)
    with pytest.raises(InputError, match="cannot tell the format"):
        ingest([HOSTILE.parent / "conftest.py"], settings=settings, store=store)
