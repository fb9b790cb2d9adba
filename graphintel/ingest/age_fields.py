"""Ages and signs of a child that a person's other fields give: a year of birth given
alone ("YOB": 2010), a gender field that says "juvenile male". Pure; no I/O."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graphintel.analysis.safeguarding import age_on
from graphintel.clean.result import as_text
from graphintel.ingest.field_names import YEAR_OF_BIRTH_NAMES, folded

__all__ = ["AGE_FROM_YEAR_OF_BIRTH", "age_by_year_of_birth", "gender_says_child"]

MAX_AGE = 120

#: A gender field that says the person is a child ("juvenile male", "girl", "YP female").
_CHILD_GENDER = re.compile(r"(?<![a-z])(?:juv(?:enile)?|minor|boy|girl|child|yp)(?![a-z])",
                           re.IGNORECASE)

#: The flag of a person whose age is read from a year of birth alone (``"year_of_birth":
#: 2010``): the age they are at the least on the report's date.
AGE_FROM_YEAR_OF_BIRTH = "age_from_year_of_birth"


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
    """
    if not on:
        return None
    for field, value in raw.items():
        if isinstance(field, str) and folded(field) in YEAR_OF_BIRTH_NAMES:
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
    """
    return bool(_CHILD_GENDER.search(as_text(gender)))
