"""Ages written beside a person's name: "Kyle NARROW (15)", "aged 15yrs", "a 15 y/o".

Officers write a young person's age beside the name, in the narrative ("Precious ROBERTS
(12) was seen ...", "15 year old Kyle NARROW") and in a records system's name cell
("Kyle NARROW (15yrs)"). These are the forms read, shared by the name cell's cleaner
(:func:`split_name_age`) and the narrative's reader (:mod:`graphintel.ingest.narrative_ages`).
A bare number is read only where its place says it is an age (in brackets, after "aged",
between commas, after "is"); anywhere else the number needs its unit ("15yrs", "15 year
old", "15 y/o"): "Dean FOX, 15 Elm Road" and "15 minutes" are not ages. An estimate is an
age ("(DOB unknown, appears 14-15)", "(approx 15)", "(c. 15)", "(poss 15)", "(15?)", "(M,
15)": of a range the younger), as is one after a missing person's label or a description
("(MFH, 15)", "(IC1F 15)", "(W/F 15)", "(F15)", "Amy HILL, F, 15,") or with a word or two
more ("(a 15 year old girl)", ", a vulnerable 15 year old,", ", a girl aged 15,", ", still
only 15,", ", whose age is 15,"), and so is a UK school year ("a Y10 pupil", "(Year 8)",
"(a Year 10 pupil)", "in Year 11"): Year N (7 to 13) is aged N+4 to N+5, read as the
younger, N+4. A date of birth is read after a label ("(DOB 03/03/11)", "born 3rd March
2011", "(b. 03/03/2011)", "(YOB 2010)") or, a full date alone, in brackets straight after
the name ("Kyle NARROW (03/03/2011)": :func:`split_name_dob`).
"""

from __future__ import annotations

import re
from datetime import date

from graphintel.clean.result import Cleaned, as_text, raw_of

__all__ = ["AFTER", "BEFORE", "DOB_AFTER", "DOB_PART_AFTER", "MAX_AGE", "age_of_match",
           "WORDS", "clean_age", "latest_birth", "split_name_age", "split_name_dob", "written_dob"]

MAX_AGE = 120

#: A unit that makes a number an age wherever it stands: "years old", "yrs", "yr old",
#: "y/o", "yo", "year-old", "years of age", "YOA" (years of age, as police records write it).
UNIT = (r"(?:years?(?:[\s-]*old|\s+of\s+age)|yrs?(?:[\s-]*old|\s+of\s+age)?|y\s*/\s*o|y\.o\.a?\.?"
        r"|yoa|yo)"
        r"(?![a-z])")
#: The same, optional, and "years", "ys" or "y" alone (inside brackets or after "aged").
_MAYBE_UNIT = rf"(?:[\s-]*(?:{UNIT}|years?(?![a-z])|ys?(?![a-z])))?"
#: Ages written as words (a child's age is what matters most: one to nineteen, twenty).
WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_NUM = r"(?:(?<!\d)\d{1,3}(?!\d)|(?<![a-z])(?:" + "|".join(
    sorted(WORDS, key=len, reverse=True)) + r")(?![a-z]))"
#: A second age of a range ("14/15", "14-15", "14 to 15"): the first, the younger, counts.
_RANGE = rf"(?:(?:\s*[/\-\u2013]\s*|\s+(?:to|or)\s+){_NUM})?"

#: Units after a number that say it is not an age ("who is 15 minutes away").
_NOT_AGE = (r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|miles?|metres?|meters?|km|"
            r"feet|ft|cm|kg|stone|st|pounds|lbs?|%|percent|per\s+cent|times)(?![a-z])")
#: Words that make a number an estimate of an age ("appears 14-15", "approx. 15", "c. 15"):
#: the first set is read outside brackets too, the whole inside them.
_SEEMS = (r"(?:appears|appearing|looks?|believed|thought|estimated|est\.|approx(?:imately|\.)?"
          r"|circa|c\.|possibly|poss\.?|probably|prob\.?)(?:\s+to\s+be)?(?![a-z])")
_APPROX = rf"(?:{_SEEMS}|(?:about|around|roughly|ca\.|~)(?![a-z]))"
_DOB_UNKNOWN = (r"(?:dob|d\.o\.b\.?|date\s+of\s+birth|age)\s*:?\s*(?:unknown|unk\.?|not\s+known"
                r"|n/?k)(?![a-z])\s*[,;:\-]?\s*")
_SEX = r"(?:m|f|male|female|boy|girl)"
#: A word for a person after "a" ("a girl aged 15"), and one word that may describe them
#: first ("a vulnerable 15 year old", "a vulnerable girl aged 15"): any word but one that
#: starts another phrase ("a father of 15 year old Amy" is the father's, not an age).
_PERSON = (r"(?:girl|boy|child|female|male|youth|teen(?:ager)?|youngster|young\s+person|lad"
           r"|lass|man|woman|person|pupil)(?![a-z])")
_ADJ = (r"(?!(?:of|to|for|with|and|or|the|his|her|their|its|who|whose|than|aged?|year|yr)"
        r"(?![a-z]))[a-z][a-z-]{2,}")
#: A missing person's label before the age in brackets: "(MFH, 15)", "(MISPER 15)".
_MISSING = r"(?:mfh|misper|missing)(?:\s*[,/:;\-]\s*|\s+)"
#: A description before a sex: "IC1 female", "IC1F", "W/F" (white female), "B/M".
_DESCRIBED = r"(?:ic\s?[0-9](?:\s*[,/:;\-]\s*|\s+|(?=[mf]))|[wba]\s*/\s*)"
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
           "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
#: Words that say an age is now, or only: "(who is 15)", "(now 16)", "who is only 14".
_NOW = r"(?:(?:who\s+is|is|now|only|just|currently|still)\s+){0,2}"
#: The same outside brackets, after a comma or "is": "Amy HILL, still only 15," "is just 15".
_ONLY = r"(?:(?:still|only|just|now)\s+)"
#: Where a clause ends after an age: "Amy HILL, just 15, was", "is 15.", "is 15 and".
_CLAUSE_END = r"(?=\s*(?:[,;)]|\.(?!\d)|$|\s+and(?![a-z])))"
#: What may open a bracket before the age: "DOB unknown,", "MFH,", "IC1 female,", "M,",
#: "F15", "W/F", "approx", "poss", "aged", "who is", "now", "a" ("(a 15 year old girl)").
_PREFIX = (rf"(?:{_DOB_UNKNOWN})?(?:{_MISSING})?{_DESCRIBED}?"
           rf"(?:{_SEX}(?:\s*[,/:;\-]\s*|\s+|(?=\d)))?{_NOW}(?:an?\s+(?:{_ADJ}\s+)?)?"
           rf"(?:(?:{_APPROX}|aged?(?![a-z])\s*:?)\s*){{0,3}}")
#: When a bracketed age was the age: "at the time (of the offence)", "in March" (the age
#: turned in that month: one less until then, :func:`age_of_match`).
_WHEN = (r"(?:at\s+(?:the\s+)?(?:time(?:\s+of\s+(?:the\s+)?[a-z]+)?|offen[cs]e|incident)"
         rf"|in\s+(?:{_MONTHS})(?![a-z])\.?)")
#: A bracketed age, round or square: "(approx. 15 yrs)", "(15, M)", "(15F)", "(15 yrs 4
#: mths)", "(17 on 2025-12-20)", "(aged 15 at time of offence)", "(15?)".
_INNER = (rf"{_MAYBE_UNIT}\.?(?:\s*(?:,|and)?\s*\d{{1,2}}\s*m(?:ths?|onths?|os?)(?![a-z]))?"
          rf"(?:\s*[,/;]?\s*{_SEX}(?![a-z]))?(?:\s+on\s+[\d/.-]+)?(?:\s*,?\s*{_WHEN})?"
          r"\s*\??\s*")
#: In square brackets "[1]" to "[9]" are often footnote or reference markers: a bare
#: number there is an age only from 10 to 17; with a word or a unit, any age.
_SQUARE_OK = rf"(?=[a-z~]|1[0-7](?!\d)|{_NUM}{_RANGE}[\s-]*(?:{UNIT}|years?(?![a-z])))"


def _school(group: str) -> str:
    """A UK school year from 7 to 13 ("Y10", "Year 9", "Yr 10", "year nine", "Y10/11")."""
    n = r"(?:1[0-3]|[7-9])(?!\d|[.:]\d)"
    return (rf"(?:year|yr\.?|y)\s*(?P<{group}>{n}|(?<=\s)(?:seven|eight|nine|ten|eleven|"
            rf"twelve|thirteen)(?![a-z]))(?:\s*[/-]\s*{n})?")


#: What says a school year is a child's: a pupil ("Y10 pupil") or the clause ending.
_PUPIL = (r"(?:pupil|student|school\s*(?:boy|girl|child|kid)|boy|girl|child|kid|learner|lad)"
          r"(?![a-z])")
_SCHOOL_END = (rf"(?:\s+{_PUPIL}|(?=\s*(?:[,;:)\]]|\.(?!\d)|$)|\s+(?:at|in|from|and|who|is|has)"
               r"(?![a-z])))")

#: What may follow a name to give its age (one named group per form: ``n``-prefixed for an
#: age, ``s``-prefixed for a school year).
AFTER = (
    rf"\s*\(\s*{_PREFIX}(?P<n1>{_NUM}){_RANGE}{_INNER}\)"               # (15) (approx 14-15)
    rf"|\s*\[\s*{_SQUARE_OK}{_PREFIX}(?P<n9>{_NUM}){_RANGE}{_INNER}\]"  # [15] [M, 9 yrs]
    rf"|(?:\s*[,:;\-\u2013\u2014]\s*|\s+)(?:an?\s+(?:{_ADJ}\s+)?{_PERSON}\s+)?"  # , aged 15yrs
    rf"(?:{_APPROX}\s*)?aged?\s*:?\s*"                                  # , a girl aged 15
    rf"(?:{_APPROX}\s*)?(?P<n2>{_NUM}){_RANGE}{_MAYBE_UNIT}(?![\w/])"     # - age 15
    rf"|\s*,\s*(?:{_SEX}\s*,\s*)?(?P<n3>{_NUM}){_MAYBE_UNIT}\s*(?:,|\)|$)"  # , 15,  , F, 15,
    rf"|\s*,\s*{_ONLY}{{1,2}}(?P<n11>{_NUM}){_MAYBE_UNIT}{_CLAUSE_END}"  # , still only 15,
    rf"|,?\s+(?:who\s+is|whose\s+age\s+is)\s+{_ONLY}?(?:aged\s+)?"      # who is 15
    rf"(?P<n8>{_NUM})(?![\s-]*{_NOT_AGE})"
    rf"|,?\s+is\s+{_ONLY}{{0,2}}(?:aged\s+)?(?P<n4>{_NUM})"                 # is 14 (years old)
    rf"(?:[\s-]*{UNIT}|\s*(?=[.,;)]|$|\s+and\b))"
    rf"|,?\s+(?:who\s+is\s+|is\s+)?an?\s+(?:{_ADJ}\s+)?"                  # , a 15yo
    rf"(?P<n5>{_NUM})[\s-]*{UNIT}(?!['\u2019]s(?![a-z]))"               # a vulnerable 15 y/o
    rf"|\s*(?:[,\-\u2013\u2014]\s*)?(?P<n6>{_NUM})[\s-]*{UNIT}"         # 15yrs  - 15 y/o
    rf"|(?:\s*[,:;\-\u2013\u2014]\s*|\s+)(?:{_DOB_UNKNOWN})?(?:who\s+)?"  # , appears 14-15,
    rf"{_SEEMS}\s*(?:{_APPROX}\s*)?(?:aged?\s*)?(?P<n10>{_NUM}){_RANGE}"
    rf"(?:[\s-]*{UNIT}|[\s-]*years?(?![a-z])|\s*(?=[,;)]|\.(?!\d)|$|\s+and\b))"
    rf"|\s*[(\[]\s*(?:in\s+|an?\s+)?{_school('s1')}(?:\s+{_PUPIL})?"    # (a Year 8 pupil)
    r"(?:\s+(?:at|in|from)\s[^)\]]*)?\s*[)\]]"
    r"|(?:\s*,\s*|\s+)(?:(?:who\s+)?is\s+)?(?:(?:currently\s+)?in\s+|an?\s+)?"  # , a Y10 pupil
    rf"{_school('s2')}{_SCHOOL_END}"                                      # who is in Year 11
)
#: What may come before a name to give its age: "15 year old Kyle NARROW", "a 15yo girl,
#: Amy HILL", "15-year-old boy named Leo", "Y10 pupil Kyle NARROW".
BEFORE = (
    rf"(?:(?P<n7>{_NUM})[\s-]*{UNIT}[\s,]+"
    r"(?:(?:boy|girl|male|female|child|youth|teen(?:ager)?|youngster|young\s+person"
    rf"|lad)\s*,?\s+)?|{_school('s3')}\s+{_PUPIL}\s*,?\s+)"
    r"(?:(?:named|called|known\s+as)\s+)?"
)

_SEP = r"(?:\s*[-/.]\s*|\s+)"


def _date(year: str) -> str:
    """A date as officers write one: year first (``2011-03-03``), day first (``3/3/2011``,
    ``03.03.2011``), or with the month's name (``3rd March 2011``, ``3-Mar-2011``)."""
    return (rf"(?:\d{{4}}[/.-]\d{{1,2}}[/.-]\d{{1,2}}|\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:{year})"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?{_SEP}(?:{_MONTHS})(?![a-z])\.?,?{_SEP}"
            rf"(?:{year}))(?!\d)")


_LABEL = (r"(?:(?:whose\s+)?(?:dob|d\.\s?o\.\s?b\.?|date\s+of\s+birth|yob|year\s+of\s+birth)"
          r"(?:\s+is)?"
          r"|born(?:\s+on|\s+in)?(?:\s+the)?|b\.)")
#: A date of birth written after a name: "Ben ROWE (DOB 12/03/2010)", ", born 2010-03-12",
#: "(DOB 03/03/11)" (a two-digit year only after a label), or a full date alone in
#: brackets straight after the name: "Kyle NARROW (03/03/2011)".
DOB_AFTER = (rf"\s*(?:[(\[]\s*(?={_date(r'\d{4}')}\s*[)\]])"
             rf"|(?:[(\[,;:\-\u2013\u2014]\s*)?(?<!\w){_LABEL}\s*[:\-]?\s*)"
             rf"(?P<dob>{_date(r'\d{4}|\d{2}')})")
#: A date of birth given in part after a label: "(DOB 03/2011)", "(born 2010)", "DOB:
#: March 2011" (:func:`latest_birth` reads the latest day it may be).
DOB_PART_AFTER = (rf"\s*(?:[(\[,;:\-\u2013\u2014]\s*)?(?<!\w){_LABEL}\s*[:\-]?\s*"
                  rf"(?P<dob>\d{{1,2}}[/.-]\d{{4}}|(?:{_MONTHS})\.?,?\s+\d{{4}}|\d{{4}})"
                  r"(?![\d/.-]\d)")
_GROUPS = tuple(f"n{i}" for i in range(1, 12))
_TURNED = re.compile(rf"\sin\s+(?:{_MONTHS})(?![a-z])", re.IGNORECASE)
_SCHOOL_GROUPS = ("s1", "s2", "s3")

_NAME_AGE = re.compile(rf"^(?P<name>.*?\S)(?:{AFTER})\s*$", re.IGNORECASE)
_NAME_DOB = re.compile(rf"^(?P<name>.*?\S)(?:{DOB_AFTER})\s*[)\]]?\s*$", re.IGNORECASE)


def age_of_match(m: re.Match[str]) -> int | None:
    """The age a match of :data:`AFTER` or :data:`BEFORE` read (None past :data:`MAX_AGE`);
    a school year N is aged N+4 (the younger of its two ages)."""
    found = m.groupdict()
    given = next((found[k] for k in _GROUPS if found.get(k)), None)
    if given is not None:
        age = _number(given)
        # "(15 in March)": fifteen in March, fourteen until then (the younger counts)
        return age - 1 if age and _TURNED.search(m.group(0)) else age
    year = next((found[k] for k in _SCHOOL_GROUPS if found.get(k)), None)
    school = None if year is None else _number(year)
    return None if school is None else school + 4


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
    >>> split_name_age("Kyle NARROW (DOB unknown, appears 14-15)"), split_name_age("Amy HILL (Y10)")
    (('Kyle NARROW', 14), ('Amy HILL', 14))
    >>> split_name_age("Amy HILL (MFH, 15)"), split_name_age("Amy HILL (IC1F 15?)")
    (('Amy HILL', 15), ('Amy HILL', 15))
    """
    m = _NAME_AGE.match(name)
    if m is None or not any(c.isalpha() for c in m.group("name")):
        return name, None
    age = age_of_match(m)
    if age is None:
        return name, None
    return m.group("name").rstrip(" ,-\u2013\u2014"), age


def split_name_dob(name: str) -> tuple[str, str | None]:
    """A name cell that also gives the date of birth ("Kyle NARROW (03/03/2011)", "Kyle
    NARROW (DOB 03/03/2011)") as the name and the ISO date; a name without one (or with a
    date that is no date) as it is, with None.

    >>> split_name_dob("Kyle NARROW (03/03/2011)"), split_name_dob("Amy HILL, born 3rd May 2012")
    (('Kyle NARROW', '2011-03-03'), ('Amy HILL', '2012-05-03'))
    >>> split_name_dob("Kyle NARROW (15)"), split_name_dob("Kyle NARROW (03/03/11)")
    (('Kyle NARROW (15)', None), ('Kyle NARROW (03/03/11)', None))
    """
    m = _NAME_DOB.match(name)
    if m is None or not any(c.isalpha() for c in m.group("name")):
        return name, None
    dob = written_dob(m.group("dob"))
    return (name, None) if dob is None else (m.group("name").rstrip(" ,-\u2013\u2014"), dob)


_YMD = re.compile(r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")
_D_MONTH_Y = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?{_SEP}({_MONTHS})(?![a-z])\.?,?"
                        rf"{_SEP}(\d{{4}}|\d{{2}})", re.IGNORECASE)
_MONTH_NUMBER = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}


def written_dob(text: str) -> str | None:
    """A date of birth as an officer writes it in a narrative, as an ISO date: year first,
    day first (``12/03/2010``, as UK forces write dates), or with the month's name (``3rd
    March 2011``); a two-digit year is the latest not in the future (``11`` is 2011, ``95``
    1995). None when it is no date.

    >>> written_dob("12/03/2010"), written_dob("2010-03-12"), written_dob("31/02/2010")
    ('2010-03-12', '2010-03-12', None)
    >>> written_dob("3rd March 2011"), written_dob("03/03/11"), written_dob("3.3.95")
    ('2011-03-03', '2011-03-03', '1995-03-03')
    >>> written_dob("2011/03/03"), written_dob("3 Sept 2011"), written_dob("3 Smarch 2011")
    ('2011-03-03', '2011-09-03', None)
    """
    text = text.strip()
    try:
        if m := _YMD.fullmatch(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        if m := _DMY.fullmatch(text):
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        elif m := _D_MONTH_Y.fullmatch(text):
            day, month, year = int(m.group(1)), _MONTH_NUMBER[m.group(2)[:3].lower()], m.group(3)
        else:
            return None
        if len(year) == 4:
            return date(int(year), month, day).isoformat()
        born = date(2000 + int(year), month, day)
        if born > date.today():
            born = date(1900 + int(year), month, day)
        return born.isoformat()
    except ValueError:
        return None


def latest_birth(text: str) -> str | None:
    """The latest day a date of birth written in full or in part may be, as an ISO date:
    the date itself, the last day of a month ("03/2011", "March 2011") or of a year
    ("2011"), so that the age it gives is the youngest. None when it is no date.

    >>> latest_birth("12/03/2010"), latest_birth("02/2012"), latest_birth("Feb 2011")
    ('2010-03-12', '2012-02-29', '2011-02-28')
    >>> latest_birth("2011"), latest_birth("13/2011"), latest_birth("soon")
    ('2011-12-31', None, None)
    >>> latest_birth("9999"), latest_birth("12/9999"), latest_birth("0001")
    (None, None, None)
    """
    full = written_dob(text)
    if full:
        return full
    text = text.strip()
    month, year = None, None
    if m := re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(rf"({_MONTHS})\.?,?\s+(\d{{4}})", text, re.IGNORECASE):
        month, year = _MONTH_NUMBER[m.group(1)[:3].lower()], int(m.group(2))
    elif re.fullmatch(r"\d{4}", text):
        month, year = 12, int(text)
    if month is None or year is None or not 1 <= month <= 12 or not 1900 <= year <= 2100:
        return None  # no year of birth of anyone on record
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()


_AGE_CELL = re.compile(rf"^(?:aged?\s*:?\s*)?(?P<n1>{_NUM})(?:\.\d+)?"
                       rf"(?:\s*[/\-\u2013]\s*\d{{1,3}}|\s+(?:to|or)\s+\d{{1,3}})?"
                       rf"{_MAYBE_UNIT}$", re.IGNORECASE)


def clean_age(raw: object) -> Cleaned:
    """An age field as officers and records systems write it, in whole years: ``15``,
    ``"15 years"``, ``"15yrs"``, ``"aged 15"``, ``"fifteen"``, ``15.5`` (15: an age in
    whole years is the years completed), ``"14/15"``, ``"13-15"``, ``"14 to 16"`` (an
    estimate or an age band: the younger). Flags ``age_written``
    when it was not a plain number; an error (value None) when it is no age from 0 to
    :data:`MAX_AGE`.

    >>> [clean_age(x).value for x in ("15", 15.0, "15 years", "15.5", "fifteen", "14/15")]
    ['15', '15', '15', '15', '15', '14']
    >>> [clean_age(x).value for x in ("13-15", "14 to 16", "14 - 16 yrs", "14 or 15")]
    ['13', '14', '14', '14']
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
