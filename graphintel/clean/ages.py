"""Ages written beside a person's name: "Kyle NARROW (15)", "aged 15yrs", "a 15 y/o".

Officers write a young person's age beside the name, in the narrative ("Precious ROBERTS
(12) was seen ...", "15 year old Kyle NARROW") and in a records system's name cell
("Kyle NARROW (15yrs)"). These are the forms read, shared by the name cell's cleaner
(:func:`split_name_age`) and the narrative's reader (:mod:`graphintel.ingest.narrative_ages`).
A bare number is read only where its place says it is an age (in brackets, after "aged",
between commas, after "is"); anywhere else the number needs its unit ("15yrs", "15 year
old", "15 y/o"): "Dean FOX, 15 Elm Road" and "15 minutes" are not ages.
"""

from __future__ import annotations

import re
from datetime import date

from graphintel.clean.result import Cleaned, as_text, raw_of

__all__ = ["AFTER", "BEFORE", "DOB_AFTER", "MAX_AGE", "age_of_match", "clean_age", "split_name_age",
           "written_dob"]

MAX_AGE = 120

#: A unit that makes a number an age wherever it stands: "years old", "yrs", "yr old",
#: "y/o", "yo", "year-old".
UNIT = r"(?:years?[\s-]*old|yrs?(?:[\s-]*old)?|y\s*/\s*o|y\.o\.|yo)(?![a-z])"
#: The same, optional, and "years" alone (inside brackets or after "aged").
_MAYBE_UNIT = rf"(?:[\s-]*(?:{UNIT}|years?(?![a-z])))?"
#: Ages written as words (a child's age is what matters most: one to nineteen, twenty).
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUM = r"(?:(?<!\d)\d{1,3}(?!\d)|(?<![a-z])(?:" + "|".join(
    sorted(WORDS, key=len, reverse=True)) + r")(?![a-z]))"

#: Units after a number that say it is not an age ("who is 15 minutes away").
_NOT_AGE = (r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|miles?|metres?|meters?|km|"
            r"feet|ft|cm|kg|stone|st|pounds|lbs?|%|percent|per\s+cent|times)(?![a-z])")

#: What may follow a name to give its age (one named group per form, all ``n``-prefixed).
AFTER = (
    rf"\s*\(\s*(?:aged?\s*:?\s*)?(?P<n1>{_NUM})"                         # (15) (aged 15 yrs)
    rf"(?:\s*[/-]\s*\d{{1,3}})?{_MAYBE_UNIT}"                                # (14/15): the younger
    rf"(?:\s+on\s+[\d/.-]+)?\s*\)"                                          # (17 on 2025-12-20)
    rf"|,?\s+aged?\s*:?\s*(?P<n2>{_NUM}){_MAYBE_UNIT}(?![\w/])"         # , aged 15yrs
    rf"|\s*,\s*(?P<n3>{_NUM}){_MAYBE_UNIT}\s*(?:,|\)|$)"                # , 15,   , 15 yrs,
    rf"|,?\s+who\s+is\s+(?:aged\s+)?(?P<n8>{_NUM})(?![\s-]*{_NOT_AGE})"  # who is 15
    rf"|,?\s+is\s+(?:aged\s+)?(?P<n4>{_NUM})"                             # is 14 (years old)
    rf"(?:[\s-]*{UNIT}|\s*(?=[.,;)]|$|\s+and\b))"
    rf"|,?\s+(?:who\s+is\s+|is\s+)?an?\s+(?P<n5>{_NUM})[\s-]*{UNIT}"    # , a 15yo
    rf"|\s*(?:[,\-\u2013\u2014]\s*)?(?P<n6>{_NUM})[\s-]*{UNIT}"         # 15yrs  - 15 y/o
)
#: What may come before a name to give its age: "15 year old Kyle NARROW", "a 15yo girl,
#: Amy HILL", "15-year-old boy named Leo".
BEFORE = (
    rf"(?P<n7>{_NUM})[\s-]*{UNIT}[\s,]+"
    r"(?:(?:boy|girl|male|female|child|youth|teen(?:ager)?|youngster|young\s+person"
    r"|lad)\s*,?\s+)?(?:(?:named|called|known\s+as)\s+)?"
)
#: A date of birth written after a name: "Ben ROWE (DOB 12/03/2010)", ", born 2010-03-12".
DOB_AFTER = (r"\s*(?:\(\s*|,\s*|\s+)(?:dob|d\.o\.b\.?|date\s+of\s+birth|born(?:\s+on)?)"
             r"\s*:?\s*(?P<dob>\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})(?!\d)")
_GROUPS = tuple(f"n{i}" for i in range(1, 9))

_NAME_AGE = re.compile(rf"^(?P<name>.*?\S)(?:{AFTER})\s*$", re.IGNORECASE)


def age_of_match(m: re.Match[str]) -> int | None:
    """The age a match of :data:`AFTER` or :data:`BEFORE` read (None past :data:`MAX_AGE`)."""
    given = next((v for k, v in m.groupdict().items() if k in _GROUPS and v), None)
    return None if given is None else _number(given)


def _number(given: str) -> int | None:
    age = WORDS.get(given.lower()) if not given.isdigit() else int(given)
    return age if age is not None and age <= MAX_AGE else None


def split_name_age(name: str) -> tuple[str, int | None]:
    """A name cell that also gives the age ("Kyle NARROW (15yrs)") as the name and the age;
    a name without one as it is, with None.

    >>> split_name_age("Kyle NARROW (15yrs)"), split_name_age("Amy HILL, aged 14")
    (('Kyle NARROW', 15), ('Amy HILL', 14))
    >>> split_name_age("Leo GRANT - 15 y/o"), split_name_age("Tia MOSS 16yrs")
    (('Leo GRANT', 15), ('Tia MOSS', 16))
    >>> split_name_age("Jordan SMITH"), split_name_age("Unit 15")
    (('Jordan SMITH', None), ('Unit 15', None))
    """
    m = _NAME_AGE.match(name)
    if m is None or not any(c.isalpha() for c in m.group("name")):
        return name, None
    age = age_of_match(m)
    if age is None:
        return name, None
    return m.group("name").rstrip(" ,-\u2013\u2014"), age


def written_dob(text: str) -> str | None:
    """A date of birth as an officer writes it in a narrative, as an ISO date: ISO, or day
    first (``12/03/2010``, as UK forces write dates); None when it is no date.

    >>> written_dob("12/03/2010"), written_dob("2010-03-12"), written_dob("31/02/2010")
    ('2010-03-12', '2010-03-12', None)
    """
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    parts = (m.group(1), m.group(2), m.group(3)) if m else None
    if parts is None:
        d = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if d is None:
            return None
        parts = (d.group(3), d.group(2), d.group(1))
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except ValueError:
        return None


_AGE_CELL = re.compile(rf"^(?:aged?\s*:?\s*)?(?P<n1>{_NUM})(?:\.\d+)?"
                       rf"(?:\s*[/-]\s*\d{{1,3}})?{_MAYBE_UNIT}$", re.IGNORECASE)


def clean_age(raw: object) -> Cleaned:
    """An age field as officers and records systems write it, in whole years: ``15``,
    ``"15 years"``, ``"15yrs"``, ``"aged 15"``, ``"fifteen"``, ``15.5`` (15: an age in
    whole years is the years completed), ``"14/15"`` (the younger). Flags ``age_written``
    when it was not a plain number; an error (value None) when it is no age from 0 to
    :data:`MAX_AGE`.

    >>> [clean_age(x).value for x in ("15", 15.0, "15 years", "15.5", "fifteen", "14/15")]
    ['15', '15', '15', '15', '15', '14']
    >>> clean_age("tall").error, clean_age("-3").error, clean_age("200").error
    ('not an age in years', 'not an age in years', 'not an age from 0 to 120')
    >>> clean_age(" ").value is None and clean_age(float("nan")).error is None  # empty cells
    True
    """
    text, given = as_text(raw), raw_of(raw)
    if not text:
        return Cleaned(None, given)
    m = _AGE_CELL.match(text)
    if m is None:
        return Cleaned(None, given, ("not_an_age",), "not an age in years")
    age = WORDS.get(m.group("n1").lower()) if not m.group("n1").isdigit() else int(
        m.group("n1"))
    if age is None or age > MAX_AGE:
        return Cleaned(None, given, ("not_an_age",), f"not an age from 0 to {MAX_AGE}")
    flags = () if text.isdigit() else ("age_written",)
    return Cleaned(str(age), given, flags)
