"""Ages and signs of a child or a victim that a person's other fields give: a year of birth
given alone ("YOB": 2010), a gender field that says "juvenile male" or "F (15)", a field that
says yes to "Under 18" or "Victim?". Pure; no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from graphintel.analysis.safeguarding import age_on
from graphintel.clean.ages import clean_age, split_name_age
from graphintel.clean.result import as_text
from graphintel.ingest.field_names import person_field, says_yes

__all__ = ["AGE_FROM_GENDER", "AGE_FROM_YEAR_OF_BIRTH", "FieldSigns", "age_band",
           "age_by_year_of_birth", "field_signs", "gender_says_child"]

MAX_AGE = 120

#: A gender field that says the person is a child ("juvenile male", "girl", "YP female",
#: "schoolgirl").
_CHILD_GENDER = re.compile(r"(?<![a-z])(?:juv(?:enile)?|minor|(?:school\s*)?(?:boy|girl|child|kid)"
                           r"|yp|young\s+person)(?![a-z])", re.IGNORECASE)
#: Words in a gender field that make a child term someone else's ("Male (father of child)",
#: "Male (dad of YP)") or no age at all ("Male - minor injuries", "Trans girl").
_NOT_OWN = re.compile(r"(?<![a-z])(?:of|father|mother|dad|mum|mom|parent|carer|guardian|"
                      r"injur\w*|trans\w*)(?![a-z])", re.IGNORECASE)
#: An age band that says child ("Juvenile", "U18", "Under 16", "<16", "0-17").
_CHILD_BAND = re.compile(
    r"^\s*(?:juvenile|minor|child(?:ren)?|young\s+person|yp|cyp|teen(?:ager)?s?|school\s*age"
    r"|u\s*-?\s*1[0-8]|under\s*-?\s*(?:1[0-8]|eighteen|sixteen)|<\s*1[0-8]"
    r"|0?\d\s*(?:-|to)\s*1[0-7])\s*$", re.IGNORECASE)
#: The youngest age a gender field is read to give ("F (15)"): "Male (1)" is a count or
#: a list number, not a one-year-old suspect.
MIN_GENDER_AGE = 10

#: The flag of a person whose age is read from a year of birth alone (``"year_of_birth":
#: 2010``): the age they are at the least on the report's date.
AGE_FROM_YEAR_OF_BIRTH = "age_from_year_of_birth"
#: The flag of a person whose age is read from their gender field ("F (15)").
AGE_FROM_GENDER = "age_from_gender"


def age_by_year_of_birth(raw: Mapping[str, Any], on: str | None) -> int | None:
    """The youngest age a year of birth given alone (a field named as in
    :data:`~graphintel.ingest.field_names.YEAR_OF_BIRTH_NAMES`: "year_of_birth", "YOB")
    gives on ``on`` (the report's date), or None: born in 2010, on 2025-05-01 they are 14 or
    15, and the younger counts, as for any stated age. A records system that knows only the
    year writes it so; kept as an extra nobody read, it left a 14-year-old of unknown age.

    >>> age_by_year_of_birth({"YOB": "2010"}, "2025-05-01"), age_by_year_of_birth({}, "2025")
    (14, None)
    >>> age_by_year_of_birth({"year_of_birth": 2031}, "2025-05-01") is None
    True
    >>> age_by_year_of_birth({"Subject YOB (yyyy)": "2010"}, "2025-05-01")
    14
    """
    if not on:
        return None
    for field, value in raw.items():
        if isinstance(field, str) and person_field(field)[0] == "year_of_birth":
            year = as_text(value)
            if year and re.fullmatch(r"\d{4}(?:\.0)?", year):
                age = age_on(f"{year[:4]}-12-31", str(on)[:10])
                if age is not None and 0 <= age <= MAX_AGE:
                    return age
    return None


def gender_says_child(gender: object) -> bool:
    """Whether a gender field says the person is a child ("juvenile male", "girl", "YP").

    >>> gender_says_child("juvenile male"), gender_says_child("F (girl)"), gender_says_child("M")
    (True, True, False)
    >>> gender_says_child("Schoolgirl"), gender_says_child("Female (young person)")
    (True, True)
    >>> gender_says_child("Male (father of child)"), gender_says_child("Male - minor injuries")
    (False, False)
    """
    text = as_text(gender)
    return bool(_CHILD_GENDER.search(text)) and not _NOT_OWN.search(text)


@dataclass(frozen=True)
class FieldSigns:
    """What a person's fields other than name, dob and age say of their age and role."""

    #: The gender as written without an age written in it ("F" of "F (15)"), None if empty.
    gender: str | None = None
    #: The age written in the gender field ("F (15)", "Male, 14 yrs"), None if none.
    gender_age: int | None = None
    #: The gender says child ("juvenile male", "schoolgirl"), or a field says yes to the
    #: person being a child ("is_child": "Under 18": "Y", "juvenile": true).
    child: bool = False
    #: A field says yes to the person being a victim ("is_victim": "Victim?": "Y").
    victim: bool = False


def field_signs(raw: Mapping[str, Any]) -> FieldSigns:
    """What the gender, ``is_child`` and ``is_victim`` fields of a person (canonical names:
    :func:`graphintel.ingest.field_names.contract_names` reads "Under 18", "juvenile",
    "Victim?" as them) say. A records system that writes the age into the gender ("F (15)")
    or a yes-or-no "Under 18" field, and no date of birth, would otherwise leave a child of
    no known age to be ranked as a target; one that marks a victim by a "Victim?" field, a
    victim assessed as a suspect. A value that says no, or nothing, counts for nothing.

    >>> field_signs({"gender": "F (15)"})
    FieldSigns(gender='F', gender_age=15, child=False, victim=False)
    >>> field_signs({"gender": "schoolgirl", "is_child": "N", "is_victim": "Y"})
    FieldSigns(gender='schoolgirl', gender_age=None, child=True, victim=True)
    >>> field_signs({"gender": "M", "is_child": True}).child, field_signs({}).gender
    (True, None)
    """
    written = as_text(raw.get("gender")) or None
    gender, age = split_name_age(written) if written else (None, None)
    if age is not None and age < MIN_GENDER_AGE:
        gender, age = written, None
    return FieldSigns(gender=gender, gender_age=age,
                      child=gender_says_child(written) or says_yes(raw.get("is_child")),
                      victim=says_yes(raw.get("is_victim")))


def age_band(value: object) -> tuple[int | None, bool]:
    """What an age band or range field says: the youngest age it gives ("13-15": 13,
    "14 to 16": 14), or that the person is a child with no number ("Juvenile", "U18",
    "Under 16"), or nothing ("Adult", "25+", "unknown"). Never an error: a band is an
    estimate, and one that is no age is kept as written, not a reason to refuse the report.

    >>> age_band("13-15"), age_band("Juvenile"), age_band("U18"), age_band("Adult")
    ((13, False), (None, True), (None, True), (None, False))
    >>> age_band("25+"), age_band(None), age_band("under 16")
    ((None, False), (None, False), (None, True))
    """
    text = as_text(value)
    if not text.strip():
        return None, False
    if _CHILD_BAND.match(text):
        return None, True
    cleaned = clean_age(text)
    if cleaned.error or cleaned.value is None:
        return None, False
    return int(cleaned.value), False

