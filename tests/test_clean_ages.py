"""Ages written beside a name, in a name cell and in an age field (graphintel/clean/ages.py):
every form officers write a young person's age in is read; numbers that are no age are not."""

from __future__ import annotations

import doctest
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import ages
from graphintel.clean.ages import clean_age, split_name_age, split_name_dob, written_dob
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
        # estimates: of a range the younger
        ("Kyle NARROW (DOB unknown, appears 14-15) seen.", "Kyle NARROW", 14),
        ("Kyle NARROW (appears to be 14) seen.", "Kyle NARROW", 14),
        ("Kyle NARROW (approx 15) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (approx. 15 yrs) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (c. 15) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (14 to 15) seen.", "Kyle NARROW", 14),
        ("Kyle NARROW, aged about 15, seen.", "Kyle NARROW", 15),
        ("Kyle NARROW, believed to be 15, seen.", "Kyle NARROW", 15),
        ("Kyle NARROW, DOB unknown, appears 14-15, seen.", "Kyle NARROW", 14),
        # square brackets as round; a bare number there only from 10 to 17
        ("Kyle NARROW [15] seen.", "Kyle NARROW", 15),
        ("Kyle NARROW [9 yrs] seen.", "Kyle NARROW", 9),
        ("Kyle NARROW [aged 9] seen.", "Kyle NARROW", 9),
        # sex then age, or age then sex
        ("Kyle NARROW (M, 15) seen.", "Kyle NARROW", 15),
        ("Amy HILL (F, 14) seen.", "Amy HILL", 14),
        ("Kyle NARROW (male, 15) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (15, M) seen.", "Kyle NARROW", 15),
        # units and labels
        ("Kyle NARROW (15 years of age) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW, 15 years of age, seen.", "Kyle NARROW", 15),
        ("Kyle NARROW - age 15 seen.", "Kyle NARROW", 15),
        ("Kyle NARROW: age 15. Seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (15 yrs.) seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (15yrs old) seen.", "Kyle NARROW", 15),
        # school years: Year N is aged N+4 (the younger)
        ("Kyle NARROW, a Y10 pupil at Oakfield Academy, is introducing girls", "Kyle NARROW", 14),
        ("Kyle NARROW Y10 student seen.", "Kyle NARROW", 14),
        ("Kyle NARROW, year 9 student at Oakfield Academy.", "Kyle NARROW", 13),
        ("Kyle NARROW, who is in Year 11, seen.", "Kyle NARROW", 15),
        ("Kyle NARROW (Year 8) seen.", "Kyle NARROW", 12),
        ("Kyle NARROW, Yr 10, seen.", "Kyle NARROW", 14),
        ("Kyle NARROW is a year 9 student.", "Kyle NARROW", 13),
        ("Kyle NARROW (Year 13) seen.", "Kyle NARROW", 17),
        ("Kyle NARROW (Year 7) seen.", "Kyle NARROW", 11),
        ("Kyle NARROW (Y10/11) seen.", "Kyle NARROW", 14),
        ("Kyle NARROW (Y10 at Oakfield Academy) seen.", "Kyle NARROW", 14),
        ("Kyle NARROW [Yr 10] seen.", "Kyle NARROW", 14),
        ("Kyle NARROW, in year nine, seen.", "Kyle NARROW", 13),
        ("Y10 pupil Kyle NARROW seen.", "Kyle NARROW", 14),
        ("Seen with a year 9 student, Kyle NARROW.", "Kyle NARROW", 13),
        ("Year 11 pupil named Kyle NARROW seen.", "Kyle NARROW", 15),
        # numbers that are not ages
        ("Dean FOX, 15 Elm Road.", "Dean FOX", None),
        ("Dean FOX is 15 minutes late.", "Dean FOX", None),
        ("Ali KHAN who is 15 minutes away.", "Ali KHAN", None),
        ("Ian BOND 15 seen.", "Ian BOND", None),  # a bare number: no unit, no place
        ("Dean FOXTON (15)", "Dean FOX", None),
        ("Dean FOX is one of the men.", "Dean FOX", None),
        ("Dean FOX (aged 150cm)", "Dean FOX", None),
        ("Dean FOX (15 Elm Road) seen.", "Dean FOX", None),
        ("Dean FOX, M, 15 Elm Road.", "Dean FOX", None),
        ("Dean FOX appears 15 minutes later.", "Dean FOX", None),
        ("Dean FOX, approx 15 metres away.", "Dean FOX", None),
        ("Dean FOX (approx 15 mins) away.", "Dean FOX", None),
        ("Dean FOX, about 15.30, seen.", "Dean FOX", None),  # a time
        ("Dean FOX, c. 15:00, seen.", "Dean FOX", None),
        ("Dean FOX at 15:30 seen.", "Dean FOX", None),
        ("Dean FOX (07700 900123) seen.", "Dean FOX", None),  # a phone number
        ("Dean FOX, 07700 900 123, seen.", "Dean FOX", None),
        ("Dean FOX (M14 5AB) seen.", "Dean FOX", None),  # a postcode, not male 14
        ("Dean FOX (M) seen.", "Dean FOX", None),
        ("Dean FOX (DOB unknown) seen.", "Dean FOX", None),  # no age given
        ("Dean FOX (03/03/2011) seen.", "Dean FOX", None),  # a date of birth, not an age
        ("Dean FOX (3.3.2011) seen.", "Dean FOX", None),
        ("Dean FOX [1] seen.", "Dean FOX", None),  # a footnote or reference marker
        ("Dean FOX [9] seen.", "Dean FOX", None),
        ("Dean FOX [18] seen.", "Dean FOX", None),
        ("Dean FOX, Year 2025 intake.", "Dean FOX", None),  # not a school year
        ("Dean FOX (Year 2025) seen.", "Dean FOX", None),
        ("Dean FOX (Y2) seen.", "Dean FOX", None),
        ("Dean FOX, Y2 pupil, seen.", "Dean FOX", None),
        ("Dean FOX, in year 10 of his sentence.", "Dean FOX", None),
        ("Dean FOX, who was in Year 10 when he met her.", "Dean FOX", None),
        ("Dean FOX, a Year 10 teacher at Oakfield.", "Dean FOX", None),
        ("Dean FOX (Year 10 teacher) seen.", "Dean FOX", None),
        ("Year 10 teacher Dean FOX seen.", "Dean FOX", None),
        ("Dean FOX is in Year 10's form room.", "Dean FOX", None),
    ],
)
def test_narrative_age_forms(text: str, name: str, age: int | None) -> None:
    assert narrative_age(text, name) == age


@pytest.mark.parametrize("year", [1, 2, 6, 14, 20, 100, 2025])
def test_a_year_outside_secondary_school_is_no_age(year: int) -> None:
    for text in (f"Kyle NARROW (Year {year}) seen.", f"Kyle NARROW, a Y{year} pupil, seen.",
                 f"Y{year} pupil Kyle NARROW seen.", f"Kyle NARROW, who is in Year {year}."):
        assert narrative_age(text, "Kyle NARROW") is None, text


#: The patterns compiled as graphintel/ingest/narrative_ages.py compiles them.
_AFTER = re.compile(rf"(?:{ages.AFTER})", re.IGNORECASE)
_BEFORE = re.compile(rf"(?<!\w)(?:{ages.BEFORE})$", re.IGNORECASE)
_DOB = re.compile(ages.DOB_AFTER, re.IGNORECASE)


@pytest.mark.parametrize(
    ("text", "name", "age", "group"),
    [("Kyle NARROW (Year 8) seen.", "Kyle NARROW", 12, "s1"),
     ("Kyle NARROW, a Y10 pupil at Oakfield.", "Kyle NARROW", 14, "s2"),
     ("Y10 pupil Kyle NARROW seen.", "Kyle NARROW", 14, "s3"),
     ("Kyle NARROW [15] seen.", "Kyle NARROW", 15, "n9"),
     ("Kyle NARROW, appears 14-15, seen.", "Kyle NARROW", 14, "n10"),
     ("Kyle NARROW (M, 15) seen.", "Kyle NARROW", 15, "n1")],
)
def test_the_compiled_patterns_read_where_the_name_stands(
        text: str, name: str, age: int, group: str) -> None:
    start = text.index(name)
    end = start + len(name)
    m = _AFTER.match(text, end) or _BEFORE.search(text, max(0, start - 80), start)
    assert m is not None and m.group(group) and ages.age_of_match(m) == age


def test_a_compiled_dob_after_a_name() -> None:
    text = "Kyle NARROW (DOB: 3 March 2011) seen."
    m = _DOB.match(text, len("Kyle NARROW"))
    assert m is not None and written_dob(m.group("dob")) == "2011-03-03"
    assert _DOB.match("Kyle NARROW (03/03/11) seen.", len("Kyle NARROW")) is None


def test_of_two_ages_beside_one_name_the_younger_counts() -> None:
    assert narrative_age("Kyle NARROW (16) ... later Kyle NARROW, aged 15,", "Kyle NARROW") == 15


@pytest.mark.parametrize(
    ("text", "dob"),
    [("Ben ROWE (DOB 12/03/2010) seen.", "2010-03-12"),
     ("Ben ROWE, born 2010-03-12, seen.", "2010-03-12"),
     ("Ben ROWE d.o.b. 12.03.2010 seen.", "2010-03-12"),
     ("Ben ROWE (DOB 31/02/2010) seen.", None),
     ("Ben ROWE seen on 12/03/2010.", None),
     ("Ben ROWE (03/03/2011) seen.", "2011-03-03"),  # a full date alone, in brackets
     ("Ben ROWE (3.3.2011) seen.", "2011-03-03"),
     ("Ben ROWE (2011-03-03) seen.", "2011-03-03"),
     ("Ben ROWE [03/03/2011] seen.", "2011-03-03"),
     ("Ben ROWE (DOB 03/03/11) seen.", "2011-03-03"),  # two-digit year: after a label only
     ("Ben ROWE (DOB 03/03/95) seen.", "1995-03-03"),
     ("Ben ROWE (DOB: 3 March 2011) seen.", "2011-03-03"),
     ("Ben ROWE born 3rd March 2011 seen.", "2011-03-03"),
     ("Ben ROWE, born on the 3rd of March 2011, seen.", "2011-03-03"),
     ("Ben ROWE (b. 03/03/2011) seen.", "2011-03-03"),
     ("Ben ROWE (DOB 2011/03/03) seen.", "2011-03-03"),
     ("Ben ROWE D.O.B 03-03-2011 seen.", "2011-03-03"),
     ("Ben ROWE DoB 3/3/2011 seen.", "2011-03-03"),
     ("Ben ROWE (DOB 3-Mar-2011) seen.", "2011-03-03"),
     ("Ben ROWE (dob 22nd Sept 2011) seen.", "2011-09-22"),
     ("Ben ROWE - DOB 03/03/2011 seen.", "2011-03-03"),
     ("Ben ROWE (03/03/11) seen.", None),  # no label: a full date only
     ("Ben ROWE, 03/03/2011, seen.", None),  # no label: in brackets only
     ("Ben ROWE (03/03/2011 14:30) seen.", None),  # a date and time: an event
     ("Ben ROWE (03/03) seen.", None),
     ("Ben ROWE (March 2011) seen.", None),
     ("Ben ROWE (DOB unknown) seen.", None),
     ("Ben ROWE (DOB 03/13/2011) seen.", None),
     ("Ben ROWE (DOB 3 Smarch 2011) seen.", None)],
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
     ("(15)", "(15)", None),
     ("Kyle NARROW (DOB unknown, appears 14-15)", "Kyle NARROW", 14),
     ("Kyle NARROW (appears to be 14)", "Kyle NARROW", 14),
     ("Kyle NARROW (approx 15)", "Kyle NARROW", 15),
     ("Kyle NARROW (approx. 15 yrs)", "Kyle NARROW", 15),
     ("Kyle NARROW (c. 15)", "Kyle NARROW", 15),
     ("Kyle NARROW [15]", "Kyle NARROW", 15),
     ("Kyle NARROW (M, 15)", "Kyle NARROW", 15),
     ("Amy HILL (F, 14)", "Amy HILL", 14),
     ("Kyle NARROW (male, 15)", "Kyle NARROW", 15),
     ("Kyle NARROW (15 years of age)", "Kyle NARROW", 15),
     ("Kyle NARROW - age 15", "Kyle NARROW", 15),
     ("Kyle NARROW: age 15", "Kyle NARROW", 15),
     ("Kyle NARROW (15 yrs.)", "Kyle NARROW", 15),
     ("Kyle NARROW (15yrs old)", "Kyle NARROW", 15),
     ("Kyle NARROW (15 YOA)", "Kyle NARROW", 15),
     ("Kyle NARROW, 15 y.o.a.", "Kyle NARROW", 15),
     ("Kyle NARROW (15 years and 4 months)", "Kyle NARROW", 15),
     ("Kyle NARROW (15 yrs, 4 mths)", "Kyle NARROW", 15),
     ("Kyle NARROW (Year 8)", "Kyle NARROW", 12),
     ("Kyle NARROW, Y10", "Kyle NARROW", 14),
     ("Kyle NARROW Y10 pupil", "Kyle NARROW", 14),
     ("Kyle NARROW [Yr 10]", "Kyle NARROW", 14),
     ("Kyle NARROW [1]", "Kyle NARROW [1]", None),
     ("Kyle NARROW (Year 2025)", "Kyle NARROW (Year 2025)", None),
     ("Kyle NARROW (DOB unknown)", "Kyle NARROW (DOB unknown)", None),
     ("Kyle NARROW (03/03/2011)", "Kyle NARROW (03/03/2011)", None),
     ("Ian BOND 15", "Ian BOND 15", None),
     ("Flat 15", "Flat 15", None)],
)
def test_an_age_in_the_name_cell(cell: str, name: str, age: int | None) -> None:
    assert split_name_age(cell) == (name, age)


@pytest.mark.parametrize(
    ("cell", "name", "dob"),
    [("Kyle NARROW (03/03/2011)", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW (DOB 03/03/2011)", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW (DOB 03/03/11)", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW (2011-03-03)", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW, DOB: 3 March 2011", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW born 3rd March 2011", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW (b. 03/03/2011)", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW D.O.B 03-03-2011", "Kyle NARROW", "2011-03-03"),
     ("Kyle NARROW", "Kyle NARROW", None),
     ("Kyle NARROW (15)", "Kyle NARROW (15)", None),
     ("Kyle NARROW (03/03/11)", "Kyle NARROW (03/03/11)", None),  # no label, short year
     ("Kyle NARROW 03/03/2011", "Kyle NARROW 03/03/2011", None),  # no label, no brackets
     ("Kyle NARROW (DOB 31/02/2011)", "Kyle NARROW (DOB 31/02/2011)", None),
     ("Jacob. 03/03/2011", "Jacob. 03/03/2011", None),  # "b." inside a word is no label
     ("(03/03/2011)", "(03/03/2011)", None)],
)
def test_a_dob_in_the_name_cell(cell: str, name: str, dob: str | None) -> None:
    assert split_name_dob(cell) == (name, dob)


@pytest.mark.parametrize(
    ("text", "dob"),
    [("12/03/2010", "2010-03-12"), ("2010-03-12", "2010-03-12"), ("2011/3/3", "2011-03-03"),
     ("3.3.2011", "2011-03-03"), ("03-03-2011", "2011-03-03"), ("03/03/11", "2011-03-03"),
     ("3/3/95", "1995-03-03"), ("3 March 2011", "2011-03-03"), ("3rd March 2011", "2011-03-03"),
     ("1st Jan 2012", "2012-01-01"), ("22nd Sept 2011", "2011-09-22"),
     ("2nd of February, 2010", "2010-02-02"), ("3-Mar-2011", "2011-03-03"),
     ("11th DEC 09", "2009-12-11"), ("31/02/2010", None), ("29/02/2011", None),
     ("3 Smarch 2011", None), ("03/13/2011", None), ("00/01/2011", None), ("2011", None),
     ("", None), ("03/03/2011 14:30", None)],
)
def test_written_dob(text: str, dob: str | None) -> None:
    assert written_dob(text) == dob


def test_a_two_digit_year_is_never_in_the_future() -> None:
    today = date.today()
    nxt = (today.year + 1) % 100
    assert written_dob(f"01/01/{nxt:02d}") == f"{today.year + 1 - 100}-01-01"
    assert written_dob(f"01/01/{today.year % 100:02d}") == f"{today.year}-01-01"


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
    split_name_dob(text)
    written_dob(text)
    narrative_dob(text, "Kyle NARROW")
    narrative_age(text, "Kyle NARROW")


def test_docstring_examples() -> None:
    result = doctest.testmod(ages)
    assert result.failed == 0 and result.attempted > 0
