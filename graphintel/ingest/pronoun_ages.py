"""Ages a sentence of its own gives by a pronoun: "Rosa VALE was seen with Dean FOX. She is 14."

Officers often name a young person, then give the age in the next sentence ("She is 14.",
"He's only 15 years old.", "Her age is 15."). The age is the person's named in the
sentence before whom the pronoun can mean: the first named there whose recorded gender and
date of birth do not contradict it (:func:`pronoun_ages`, used by
:func:`graphintel.ingest.narrative_ages.read_narrative_ages`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from graphintel.analysis.safeguarding import age_on
from graphintel.clean.ages import UNIT, WORDS
from graphintel.ingest.narrative_names import name_spans, prepared

__all__ = ["pronoun_ages", "sex_of"]


#: Ages written as words ("She is fifteen."), longest first.
_WORDS = "|".join(sorted(WORDS, key=len, reverse=True))
#: "She is 14." / "She is fifteen." / "He's only 15 years old." / "She is believed to be
#: 14, and ..." / "Her age is 15." / "She is a vulnerable 14 year old girl." / "She is 14
#: years of age (DOB unknown)." as a sentence of its own ("He was 15" only when the
#: sentence ends there: "He was 15 when he was first exploited" speaks of the past).
_PRONOUN_AGE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:(?P<who>she|he)(?P<verb>\s+is|'s|\s+was)|(?P<whose>her|his)\s+age"
    r"(?P<avert>\s+is|'s))\s+"
    r"(?:(?:believed|thought|said|estimated|understood|reported)\s+to\s+be\s+)?"
    r"(?:(?:only|just|now|about|around|approximately|approx\.?|roughly|possibly|probably)\s+)?"
    r"(?:aged\s+)?"
    rf"(?:(?P<n>\d{{1,2}}|(?:{_WORDS})(?![a-z]))(?:[\s-]*(?:{UNIT}|years?(?![a-z])))?"
    rf"|an?\s+(?:(?!years?|yrs?)[a-z]+\s+)?(?P<na>\d{{1,2}}|(?:{_WORDS}))[\s-]*{UNIT}"
    r"(?:\s+(?:girl|boy|child|female|male|teenager|youth|young\s+person))?)"
    r"(?=(?P<tail>\s*(?:[.;!]|$))|\s*[,(]|\s+and\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")
#: Someone of the pronoun's sex the sentence before mentions without a name ("Dean FOX
#: picked up a girl. She is 14."): the pronoun may mean them, so it is read of no one.
_UNNAMED = {
    True: re.compile(r"(?<![a-z])(?:an?|the|another|one)\s+(?:[a-z]+\s+)?(?:girl|female|"
                     r"woman|lady|daughter|sister|niece|girlfriend)(?![a-z])", re.IGNORECASE),
    False: re.compile(r"(?<![a-z])(?:an?|the|another|one)\s+(?:[a-z]+\s+)?(?:boy|male|man|"
                      r"lad|son|brother|nephew|boyfriend)(?![a-z])", re.IGNORECASE)}
_FEMALE = frozenset({"f", "female", "woman", "girl", "w", "wf", "schoolgirl"})
_MALE = frozenset({"m", "male", "man", "boy", "wm", "schoolboy"})


def sex_of(gender: object) -> str | None:
    """"f", "m" or None from a gender field however written ("Male (IC1)", "IC1 male",
    "F", "female juvenile").

    >>> sex_of("Male (IC1)"), sex_of("IC1 female"), sex_of("F"), sex_of(""), sex_of("unknown")
    ('m', 'f', 'f', None, None)
    """
    words = set(re.findall(r"[a-z]+", str(gender or "").lower()))
    if words & _FEMALE:
        return "f"
    return "m" if words & _MALE else None


def pronoun_ages(narrative: str | None,
                 people: Mapping[Any, tuple[Any, ...]],
                 on: object = None) -> dict[Any, list[int]]:
    """Ages a sentence of its own gives by a pronoun ("Rosa VALE was seen with Dean FOX. She
    is 14."): the person it means is the first of ``people`` (key -> the name's written
    forms, the recorded gender and date of birth, and optionally an age stated of them)
    named in the sentence before whose recorded gender (:func:`sex_of`) does not contradict
    the pronoun, nor their date of birth the age on ``on`` (the report's date), nor their
    stated age, by more than a year. Read of no one when the sentence before also mentions
    someone of the pronoun's sex by no name ("a girl"). Returns key -> ages.

    >>> pronoun_ages("Rosa VALE was seen with Dean FOX. She is 14.",
    ...              {"r": (["Rosa VALE"], None, None), "d": (["Dean FOX"], "male", None)})
    {'r': [14]}
    >>> pronoun_ages("Dean FOX was seen with Rosa VALE. She is 14.",
    ...              {"r": (["Rosa VALE"], None, None), "d": (["Dean FOX"], None, "1985-01-01")},
    ...              on="2025-05-01")
    {'r': [14]}
    >>> pronoun_ages("Dean FOX was seen. She is 14.", {"d": (["Dean FOX"], "male", None)})
    {}
    >>> pronoun_ages("Rosa VALE was seen. She is fifteen.", {"r": (["Rosa VALE"], None, None)})
    {'r': [15]}
    >>> pronoun_ages("Dean FOX was seen with Amy HILL. She is 14.",
    ...              {"d": (["Dean FOX"], "Male (IC1)", None), "a": (["Amy HILL"], None, None)})
    {'a': [14]}
    >>> pronoun_ages("Dean FOX picked up a girl. She is 14.", {"d": (["Dean FOX"], None, None)})
    {}
    >>> pronoun_ages("Dean FOX, 19, was seen. He is 14.", {"d": (["Dean FOX"], None, None, 19)})
    {}
    """
    if not narrative or not people:
        return {}
    text, _ = prepared(narrative)
    found: dict[Any, list[int]] = {}
    day = str(on)[:10] if on else None
    for m in _PRONOUN_AGE.finditer(text):
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start() + 1)]
        start = ends[-2] if len(ends) >= 2 else 0
        if (m.group("verb") or "").strip().lower() == "was" and m.group("tail") is None:
            continue
        female, age = (m.group("who") or m.group("whose")).lower() in ("she", "her"), \
            _number(m.group("n") or m.group("na"))
        if _UNNAMED[female].search(text, start, m.start()):
            continue
        named = []
        for key, (forms, gender, dob, *stated) in people.items():
            sex = sex_of(gender)
            then = age_on(str(dob), day) if dob and day else None
            own = stated[0] if stated and stated[0] is not None else None
            if sex == ("m" if female else "f") or \
                    (then is not None and abs(then - age) > 1) or \
                    (own is not None and abs(int(own) - age) > 1):
                continue
            at = [a for form in forms for a, _ in name_spans(narrative, form)[1]
                  if start <= a < m.start()]
            if at:
                named.append((min(at), str(key), key))
        if named:
            found.setdefault(min(named)[2], []).append(age)
    return found


def _number(given: str) -> int:
    """An age written in digits or as a word ("15", "fifteen")."""
    return int(given) if given.isdigit() else WORDS[given.lower()]
