"""Ages written beside a name, in a name cell and in an age field (graphintel/clean/ages.py):
every form officers write a young person's age in is read; numbers that are no age are not."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import ages
from graphintel.clean.ages import clean_age, split_name_age, written_dob
from graphintel.ingest.narrative_ages import narrative_age, narrative_dob


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("Kyle NARROW (15) seen at the park.", "Kyle NARROW", 15),
        ("Kyle NARROW (15yrs) seen.", "Kyle NARROW", 15),
        ("Sam VALE (age: 15) seen.", "Sam VALE", 15),
        ("Jay LOWE (14/15) seen.", "Jay LOWE", 14),
        ("Joe FINCH (17 on 2025-12-20) seen.", "Joe FINCH", 17),
        ("Tom BRIGGS, 15 years old, seen.", "Tom BRIGGS", 15),
        ("Kyle NARROW aged 15yrs seen handing vodka.", "Kyle NARROW", 15),
        ("Dan PIKE aged fifteen seen.", "Dan PIKE", 15),
        ("Ali KHAN who is 15 seen.", "Ali KHAN", 15),
        ("Kyle NARROW - 15 y/o - seen.", "Kyle NARROW", 15),
        ("Kyle NARROW 15yrs seen.", "Kyle NARROW", 15),
        ("Leo GRANT, a 14yo, seen.", "Leo GRANT", 14),
        ("15-year-old Josh HALE seen.", "Josh HALE", 15),
        ("a fifteen year old girl called Amy HILL", "Amy HILL", 15),
        ("Subject is a 15 year old boy.", "subject", 15),
        ("Subject is 14 years old.", "subject", 14),
        ("kyle   narrow (15)", "Kyle NARROW", 15),  # any case, any spacing
        # numbers that are not ages
        ("Dean FOX, 15 Elm Road.", "Dean FOX", None),
        ("Dean FOX is 15 minutes late.", "Dean FOX", None),
        ("Ali KHAN who is 15 minutes away.", "Ali KHAN", None),
        ("Ian BOND 15 seen.", "Ian BOND", None),  # a bare number: no unit, no place
        ("Dean FOXTON (15)", "Dean FOX", None),
        ("Dean FOX is one of the men.", "Dean FOX", None),
        ("Dean FOX (aged 150cm)", "Dean FOX", None),
    ],
)
def test_narrative_age_forms(text: str, name: str, age: int | None) -> None:
    assert narrative_age(text, name) == age


def test_of_two_ages_beside_one_name_the_younger_counts() -> None:
    assert narrative_age("Kyle NARROW (16) ... later Kyle NARROW, aged 15,", "Kyle NARROW") == 15


@pytest.mark.parametrize(
    ("text", "dob"),
    [("Ben ROWE (DOB 12/03/2010) seen.", "2010-03-12"),
     ("Ben ROWE, born 2010-03-12, seen.", "2010-03-12"),
     ("Ben ROWE d.o.b. 12.03.2010 seen.", "2010-03-12"),
     ("Ben ROWE (DOB 31/02/2010) seen.", None),
     ("Ben ROWE seen on 12/03/2010.", None)],
)
def test_a_date_of_birth_in_the_narrative(text: str, dob: str | None) -> None:
    assert narrative_dob(text, "Ben ROWE") == dob


@pytest.mark.parametrize(
    ("cell", "name", "age"),
    [("Kyle NARROW (15yrs)", "Kyle NARROW", 15),
     ("Kyle NARROW (15)", "Kyle NARROW", 15),
     ("Amy HILL, aged 14", "Amy HILL", 14),
     ("Amy HILL, 14", "Amy HILL", 14),
     ("Leo GRANT - 15 y/o", "Leo GRANT", 15),
     ("Tia MOSS 16yrs", "Tia MOSS", 16),
     ("Jordan SMITH", "Jordan SMITH", None),
     ("Unit 15", "Unit 15", None),
     ("(15)", "(15)", None)],
)
def test_an_age_in_the_name_cell(cell: str, name: str, age: int | None) -> None:
    assert split_name_age(cell) == (name, age)


@pytest.mark.parametrize(
    ("raw", "value", "flags"),
    [("15", "15", ()), (15, "15", ()), (15.0, "15", ()), ("15 years", "15", ("age_written",)),
     ("15yrs", "15", ("age_written",)), ("aged 15", "15", ("age_written",)),
     ("fifteen", "15", ("age_written",)), ("15.9", "15", ("age_written",)),
     ("14/15", "14", ("age_written",)), ("", None, ()), (None, None, ())],
)
def test_clean_age(raw: object, value: str | None, flags: tuple[str, ...]) -> None:
    cleaned = clean_age(raw)
    assert (cleaned.value, cleaned.flags, cleaned.error) == (value, flags, None)


@pytest.mark.parametrize("raw", ["tall", "-3", -3.0, "140", "15 minutes", "1,5"])
def test_clean_age_refuses_what_is_no_age(raw: object) -> None:
    cleaned = clean_age(raw)
    assert cleaned.value is None and cleaned.error and "not_an_age" in cleaned.flags


@given(st.text(max_size=60))
def test_cleaners_never_raise(text: str) -> None:
    clean_age(text)
    split_name_age(text)
    written_dob(text)
    narrative_age(text, "Kyle NARROW")


def test_docstring_examples() -> None:
    result = doctest.testmod(ages)
    assert result.failed == 0 and result.attempted > 0
