"""Ages a report's narrative gives beside a person's name: "Kyle NARROW (15)".

Reports often give a young person's age only in the text ("Precious ROBERTS (12) was seen
...", "Kyle NARROW, aged 15yrs, ...", "15 year old Kyle NARROW", an intelligence log's
"Subject is a 14 year old girl"; the forms are :mod:`graphintel.clean.ages`'). A person
with no date of birth and no age field is otherwise of unknown age, so not a child by age,
and can be ranked as a target. The age written beside their name is read as the age the
report states (``age``, on the report's date, as an age field would be), and the person is
flagged ``age_from_narrative`` so the profile can say where it came from. So is an age
that disagrees with the person's own date of birth or is younger than their age field
("Ryan COLE (14)" beside a date of birth of 1990): a mistyped year must not make a
14-year-old a target, so the younger counts, as for any stated age, and the record is
flagged ``age_disagrees_with_dob`` for the analyst to settle. Of two ages beside one
name, the younger counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from graphintel import model
from graphintel.analysis.safeguarding import ADULT_AGE, age_on
from graphintel.clean.ages import (
    AFTER,
    BEFORE,
    DOB_AFTER,
    DOB_PART_AFTER,
    MAX_AGE,
    age_of_match,
    latest_birth,
    written_dob,
)
from graphintel.ingest.narrative_child_signs import (
    CALLED_CHILD,
    CALLED_VICTIM,
    LOOKED_AFTER,
    called_child,
    called_victim,
    looked_after,
)
from graphintel.ingest.narrative_names import (
    first_name,
    name_spans,
    surname,
    written_as,
    written_between,
    written_forms,
)
from graphintel.ingest.pronoun_ages import pronoun_ages
from graphintel.ingest.records import EntityIn

__all__ = ["CALLED_CHILD", "FLAG", "called_child", "child_ages", "name_spans", "narrative_age",
           "read_narrative_ages", "surname", "written_between", "written_forms"]

FLAG = "age_from_narrative"
DISAGREES = "age_disagrees_with_dob"
#: How a row of a table with one person in it may name them in its narrative.
SUBJECT_WORDS = ("subject", "the subject")


#: The youngest narrative age that can stand against a date of birth making the person an
#: adult (a slipped year of birth): below it, beside an adult's name, it is a count or a
#: list's number.
MIN_SLIP_AGE = 10


def narrative_age(narrative: str | None, name: str | None) -> int | None:
    """The youngest age the narrative writes beside ``name`` (any case, any spacing), or
    None.

    >>> text = "Kyle NARROW (15) seen with Tia Renwick, aged 13, at the park."
    >>> narrative_age(text, "Kyle NARROW"), narrative_age(text, "Tia RENWICK")
    (15, 13)
    >>> narrative_age("Dean FOX, 34, and Amy HILL (aged 14 yrs) left.", "Amy HILL")
    14
    >>> narrative_age("Kyle NARROW aged 15yrs seen handing vodka to a girl.", "Kyle NARROW")
    15
    >>> narrative_age("Seen with a 15 year old boy, Kyle NARROW.", "Kyle NARROW")
    15
    >>> narrative_age("Kyle NARROW - 15 y/o - and Leo GRANT, a 14yo,", "Leo GRANT")
    14
    >>> narrative_age("Dean FOX, 15 Elm Road.", "Dean FOX") is None
    True
    >>> narrative_age("Dean FOXTON (15)", "Dean FOX") is None
    True
    >>> narrative_age("Subject is a 14 year old girl seen with older males.", "subject")
    14
    >>> narrative_age("Dean FOX is 15 minutes late.", "Dean FOX") is None
    True
    >>> narrative_age("Amy HILL's (15) phone", "Amy HILL"), narrative_age(
    ...     "Dean FOX's 15 year old niece", "Dean FOX")
    (15, None)
    >>> [narrative_age(t, "Dean FOX") for t in ("Dean FOX, who is 15 years older than her,",
    ...  "Dean FOX, aged 15 when first arrested,", "Dean FOX - 15yrs ago -")]
    [None, None, None]
    """
    text, spans = name_spans(narrative, name)
    ages = []
    for start, end in spans:
        # a nickname in quotes ("aka 'Maz' (15)"): the age follows the closing quote; a
        # possessive ("Amy HILL's (15) phone"): a bracketed age follows it ("Dean FOX's 15
        # year old niece" is the niece's age)
        after = _AFTER.match(text, end) or (
            _AFTER.match(text, end + 1) if text[end:end + 1] in ("'", '"') else None) or (
            _AFTER.match(text, end + 2) if _POSSESSIVE.match(text, end) else None)
        if after is not None and _THEN.match(text, after.end()):
            after = None  # "15 years older than her", "aged 15 when first arrested"
        before = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        ages += [a for m in (after, before) if m and (a := age_of_match(m)) is not None]
    return min(ages) if ages else None


#: What after a number beside a name makes it no age now: a gap between two people ("who is
#: 15 years older than her"), a span of time ("15 years ago", "a 15 year sentence"), or an age
#: at some other time ("aged 15 when first arrested", "aged 15 in 2000").
_THEN = re.compile(
    r"[\s-]*(?:(?:years?|yrs?)[\s-]+)?(?:older|younger|senior|junior|ago|sentence|experience|"
    r"apart|earlier|later|when|in\s+(?:19|20)\d\d|back\s+in|previously)(?![a-z])",
    re.IGNORECASE)


def narrative_dob(narrative: str | None, name: str | None, on: object = None) -> str | None:
    """The latest date of birth the narrative writes beside ``name`` ("Ben ROWE (DOB
    12/03/2010)"), as an ISO date, or None; of one given in part ("(DOB 03/2011)", "(born
    2010)"), the latest day it may be (:func:`~graphintel.clean.ages.latest_birth`).

    With ``on`` (the report's date), a short date alone in brackets straight after the name
    ("Ben ROWE (12/03/10)", day first) is a date of birth too when it makes them at least
    :data:`SHORT_DOB_AGE` then: a date of the last few years there is more likely the day
    something happened than a birthday.

    >>> narrative_dob("Ben ROWE (DOB 12/03/2010) seen with Amy.", "Ben ROWE")
    '2010-03-12'
    >>> narrative_dob("Zoe BIRD (born 2010) and Rhys DEAN (DOB: 03/2011)", "Rhys DEAN")
    '2011-03-31'
    >>> [narrative_dob(f"Ben ROWE ({d}) seen.", "Ben ROWE", "2025-05-01")
    ...  for d in ("12/03/10", "12/03/24", "31/02/10", "03/12/10")]
    ['2010-03-12', None, None, '2010-12-03']
    """
    text, spans = name_spans(narrative, name)
    found = [d for _, end in spans
             if (m := _DOB.match(text, end) or _DOB_PART.match(text, end))
             and (d := latest_birth(m.group("dob")))]
    day = str(on)[:10] if on else None
    found += [d for _, end in spans if day
              and (m := _DOB_SHORT.match(text, end)) and (d := written_dob(m.group("dob")))
              and (then := age_on(d, day)) is not None and SHORT_DOB_AGE <= then <= MAX_AGE]
    return max(found) if found else None


#: The youngest age a short date in brackets after a name ("(12/03/10)") is read as a date
#: of birth for.
SHORT_DOB_AGE = 10
_DOB_SHORT = re.compile(r"\s*[(\[]\s*(?P<dob>\d{1,2}([/.-])\d{1,2}\2\d{2})\s*[)\]]")
_POSSESSIVE = re.compile(r"'s\s*[(\[]", re.IGNORECASE)


#: The age forms, compiled once: a report is read for every person it names, so nothing is
#: compiled per name but the name itself (the forms are matched where the name ends, or
#: end where it starts, within :data:`_BEFORE_REACH` characters).
_AFTER = re.compile(rf"(?:{AFTER})", re.IGNORECASE)
_BEFORE = re.compile(rf"(?<!\w)(?:{BEFORE})$", re.IGNORECASE)
_DOB = re.compile(DOB_AFTER, re.IGNORECASE)
_DOB_PART = re.compile(DOB_PART_AFTER, re.IGNORECASE)
_BEFORE_REACH = 80


def read_narrative_ages(narrative: str | None, entities: Sequence[EntityIn], *,
                        one_subject: bool = False, on: str | None = None) -> None:
    """Give each person of ``entities`` the age the narrative writes beside their name
    (flagged :data:`FLAG`) when they have no age of their own, or one it is younger than,
    and their date of birth does not make them as young on ``on`` (the report's date;
    flagged :data:`DISAGREES` when they have one). With ``one_subject`` (a row of a table about one
    person, as an intelligence log's), "Subject is 14" is theirs too when the row names no
    one else."""
    if not narrative:
        return
    people = [e for e in entities if e.label == model.PERSON]
    surnames = Counter(str(surname(e.props.get("name"))).lower() for e in people)
    # a first name alone ("Willa is 15") is someone's only if no one else has it as a
    # first name or a surname
    words = Counter(str(w).lower() for e in people
                    for w in {first_name(e.props.get("name")), surname(e.props.get("name"))})
    told = pronoun_ages(narrative, {id(e): (written_forms(e.props.get("name")),
                                           e.props.get("gender"), e.props.get("dob"),
                                           _stated(narrative, e))
                                    for e in people}, on=on)
    day = str(on)[:10] if on else None
    namesakes = Counter(e.props.get("name_key") for e in people)
    for ent in people:
        name = ent.props.get("name")
        names: list[str | None] = [*written_forms(name), *written_between(narrative, name)]
        names += [a for a in ent.props.get("aliases") or [] if len(str(a).strip()) >= 3]
        if one_subject and len(people) == 1:
            names += list(SUBJECT_WORDS)
        own = surname(name)
        alone = surname_ages(narrative, own) if own and surnames[own.lower()] == 1 else []
        first = first_name(name)
        if first and own and words[first.lower()] == 1:
            alone += first_name_ages(narrative, first, own)
        if LOOKED_AFTER not in ent.flags and any(looked_after(narrative, n) for n in names):
            ent.flags.append(LOOKED_AFTER)
        if CALLED_CHILD not in ent.flags and any(called_child(narrative, n) for n in names):
            ent.flags.append(CALLED_CHILD)
        if "victim" not in ent.roles and any(called_victim(narrative, n) for n in names):
            ent.roles.append("victim")  # the report's own assessment, as a role would be
            ent.flags.append(CALLED_VICTIM)
        ages = [a for n in names if (a := narrative_age(narrative, n)) is not None]
        ages += told.get(id(ent), []) + alone
        born = [b for n in names if (b := narrative_dob(narrative, n, day))]
        ages += [a for b in born if (a := age_on(b, day)) is not None]
        if ages and namesakes[ent.props.get("name_key")] > 1:
            # two people of one name in the report (a girl and her mother, Sophie BARKER):
            # an age beside the name is the one's whose date of birth gives it
            ages = [a for a in ages if not _fits_other(ent, a, people, day)]
        if not ages:
            continue
        age, own, dob = min(ages), ent.props.get("age"), ent.props.get("dob")
        if own is not None and own <= age:
            continue
        if dob:
            then = age_on(str(dob), str(on)[:10]) if on else None
            if then is not None and age >= then:  # nothing younger than the record says
                continue
            if then is not None and then >= ADULT_AGE and age < MIN_SLIP_AGE:
                continue  # "Lee DUNN (1) and Mark TOLL (2)": a list's number, not a slip
            if DISAGREES not in ent.flags:
                ent.flags.append(DISAGREES)
        ent.props["age"] = age
        if FLAG not in ent.flags:
            ent.flags.append(FLAG)


def _stated(narrative: str, ent: EntityIn) -> int | None:
    """The age recorded of ``ent``, else one the narrative writes beside their name ("Dean
    FOX, 19,"): a pronoun's age that is not theirs by it is someone else's."""
    if ent.props.get("age") is not None:
        return int(ent.props["age"])
    return next((a for f in written_forms(ent.props.get("name"))
                 if (a := narrative_age(narrative, f)) is not None), None)


def _fits_other(ent: EntityIn, age: int, people: Sequence[EntityIn], day: str | None) -> bool:
    """Whether ``age`` does not fit ``ent``'s date of birth on ``day`` but fits another
    person of the same name in the report (within a year)."""
    def fits(e: EntityIn) -> bool:
        then = age_on(str(e.props.get("dob")), day) if e.props.get("dob") and day else None
        return then is None or abs(then - age) <= 1
    return not fits(ent) and any(fits(e) for e in people if e is not ent
                                 and e.props.get("name_key") == ent.props.get("name_key"))


def surname_ages(narrative: str | None, word: str) -> list[int]:
    """Ages written after the surname alone, in capitals, where it stands on its own ("...
    Nell PARK is introducing girls. PARK is 15 years old."), as officers refer again to
    someone named before; not after a first name ("Kwame PARK (12)" is Kwame's) nor in any
    other case ("the park").

    >>> surname_ages("Nell PARK seen. PARK is 15 years old. Kwame PARK (12).", "Park")
    [15]
    """
    text, spans = name_spans(narrative, word)
    ages = []
    for start, end in spans:
        if not text[start:end].isupper() or len(word) < 2 \
                or _FIRST_BEFORE.search(text, max(0, start - 40), start):
            continue
        m = _AFTER.match(text, end)
        if m and (age := age_of_match(m)) is not None:
            ages.append(age)
    return ages


#: A capitalised word right before a surname: a first name, so the surname is not alone.
_FIRST_BEFORE = re.compile(r"(?<![\w'-])[A-Z][\w'-]* $")


def first_name_ages(narrative: str | None, first: str, own: str) -> list[int]:
    """Ages written after the first name alone, capitalised ("Willa FENN was seen with Dean
    FOX. Willa is 15."), as officers refer again to someone named before; none when the
    narrative also writes the first name with another surname ("Willa COLE"), who may be
    the one meant. (The caller gives it only a first name no one else in the report has.)

    >>> first_name_ages("Willa FENN was seen. Willa is 15.", "Willa", "FENN")
    [15]
    >>> first_name_ages("Willa FENN and Willa COLE were seen. Willa is 15.", "Willa", "FENN")
    []
    >>> first_name_ages("Dean FOX was seen. willa (15) too.", "Willa", "FENN")
    []
    """
    text, spans = name_spans(narrative, first)
    if len(first) < 3 or any((m := _SURNAME_AFTER.match(text, end))
                             and m.group(1).lower() != own.lower() for _, end in spans):
        return []
    ages = []
    for start, end in spans:
        if not text[start].isupper() or _SURNAME_AFTER.match(text, end):
            continue
        m = _AFTER.match(text, end)
        if m and (age := age_of_match(m)) is not None:
            ages.append(age)
    return ages


#: A capitalised word right after a first name: a surname, so the first name is not alone.
_SURNAME_AFTER = re.compile(r" ([A-Z][\w'-]*)")


def child_ages(narrative: str | None, named: Mapping[str, str],
               on: object = None) -> list[dict[str, Any]]:
    """For people already in the graph whom a narrative names without making them one of
    its entities (``named``: uid -> the name key it gives them by), the ages under 18 it
    writes beside those names: ``{uid, age, age_on}`` each (``on``: the report's date).
    "Amy HILL disclosed that Kyle NARROW (15) took her to the flat" says Kyle is 15 though
    the report's entities are Amy and the flat's owner. A name match may be a namesake, so
    only a child's age is taken from it, and the load gives it only to someone with no
    recorded date of birth, never when a namesake's date of birth gives it
    (``cypher/ingest/narrative_child_ages.cypher``): an adult Kyle NARROW born in 1985 is
    not the boy of a girl's disclosure.

    >>> child_ages("Amy said Kyle NARROW (15) and Dean FOX, 34, drove her.",
    ...            {"P:k": "kyle narrow", "P:d": "dean fox"}, "2025-05-01")
    [{'uid': 'P:k', 'age': 15, 'age_on': '2025-05-01'}]

    The name is looked for as the narrative writes it (:func:`~graphintel.ingest.
    narrative_names.written_as`), with an apostrophe, a hyphen, an accent or surname first:

    >>> [r["age"] for r in child_ages("Kyle O'NEILL (15) and NARROW, Liam (14) ran.",
    ...     {"P:k": "kyle o neill", "P:l": "liam narrow"}, "2025-05-01")]
    [15, 14]
    """
    if not narrative or not named:
        return []
    day = str(on)[:10] if on else None
    out = []
    for uid in sorted(named):
        # the key ("kyle o neill") is not what the narrative writes: its written forms are
        forms = written_as(narrative, named[uid])
        ages = [a for f in forms if (a := narrative_age(narrative, f)) is not None]
        if not ages:
            ages = [a for f in forms if (born := narrative_dob(narrative, f, day)) and day
                    and (a := age_on(born, day)) is not None]
        age = min(ages) if ages else None
        if age is not None and age < ADULT_AGE:
            out.append({"uid": uid, "age": age, "age_on": day})
    return out
