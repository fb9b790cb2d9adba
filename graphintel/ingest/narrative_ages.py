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
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from graphintel import model
from graphintel.analysis.safeguarding import ADULT_AGE, age_on
from graphintel.clean.ages import AFTER, BEFORE, DOB_AFTER, age_of_match, written_dob
from graphintel.ingest.records import EntityIn

__all__ = ["FLAG", "child_ages", "narrative_age", "read_narrative_ages"]

FLAG = "age_from_narrative"
#: The flag of a person the narrative calls a looked-after child ("Lee DUNN, a looked after
#: child (LAC)"): a sign of a child when no age is recorded
#: (:mod:`graphintel.analysis.child_signs`).
LOOKED_AFTER = "looked_after_child"
DISAGREES = "age_disagrees_with_dob"
#: How a row of a table with one person in it may name them in its narrative.
SUBJECT_WORDS = ("subject", "the subject")


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
    """
    text, spans = _named(narrative, name)
    ages = []
    for start, end in spans:
        after = _AFTER.match(text, end)
        before = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        ages += [a for m in (after, before) if m and (a := age_of_match(m)) is not None]
    return min(ages) if ages else None


def narrative_dob(narrative: str | None, name: str | None) -> str | None:
    """The latest date of birth the narrative writes beside ``name`` ("Ben ROWE (DOB
    12/03/2010)"), as an ISO date, or None.

    >>> narrative_dob("Ben ROWE (DOB 12/03/2010) seen with Amy.", "Ben ROWE")
    '2010-03-12'
    """
    text, spans = _named(narrative, name)
    found = [d for _, end in spans
             if (m := _DOB.match(text, end)) and (d := written_dob(m.group("dob")))]
    return max(found) if found else None


#: The age forms, compiled once: a report is read for every person it names, so nothing is
#: compiled per name but the name itself (the forms are matched where the name ends, or
#: end where it starts, within :data:`_BEFORE_REACH` characters).
_AFTER = re.compile(rf"(?:{AFTER})", re.IGNORECASE)
_BEFORE = re.compile(rf"(?<!\w)(?:{BEFORE})$", re.IGNORECASE)
_DOB = re.compile(DOB_AFTER, re.IGNORECASE)
_BEFORE_REACH = 80


def _named(narrative: str | None, name: str | None) -> tuple[str, list[tuple[int, int]]]:
    """The narrative with its whitespace runs made one space, and where ``name`` is
    written in it (any case, any spacing, whole words): a string search, since a report is
    read for every person it names and compiling a pattern per name costs a hundred times
    more."""
    if not narrative or not name or not name.strip():
        return "", []
    text, lower = _prepared(narrative)
    wanted = " ".join(name.split()).lower()
    if len(lower) != len(text):  # a letter whose lower case is longer: search by pattern
        found = re.finditer(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", text, re.IGNORECASE)
        return text, [m.span() for m in found]
    spans, at = [], lower.find(wanted)
    while at >= 0:
        end = at + len(wanted)
        if (at == 0 or not _WORD.match(lower[at - 1])) and \
                (end == len(lower) or not _WORD.match(lower[end])):
            spans.append((at, end))
        at = lower.find(wanted, at + 1)
    return text, spans


_WORD = re.compile(r"\w")


@lru_cache(maxsize=8)
def _prepared(narrative: str) -> tuple[str, str]:
    """The narrative with its whitespace runs made one space, and in lower case: made once
    for the several names and forms a report's people are looked for by."""
    text = " ".join(narrative.split())
    return text, text.lower()


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
    for ent in people:
        names: list[str | None] = list(written_forms(ent.props.get("name")))
        if one_subject and len(people) == 1:
            names += list(SUBJECT_WORDS)
        if LOOKED_AFTER not in ent.flags and any(looked_after(narrative, n) for n in names):
            ent.flags.append(LOOKED_AFTER)
        ages = [a for n in names if (a := narrative_age(narrative, n)) is not None]
        born = [b for n in names if (b := narrative_dob(narrative, n))]
        ages += [a for b in born if (a := age_on(b, str(on)[:10] if on else None)) is not None]
        if not ages:
            continue
        age, own, dob = min(ages), ent.props.get("age"), ent.props.get("dob")
        if own is not None and own <= age:
            continue
        if dob:
            then = age_on(str(dob), str(on)[:10]) if on else None
            if then is not None and age >= then:  # nothing younger than the record says
                continue
            if DISAGREES not in ent.flags:
                ent.flags.append(DISAGREES)
        ent.props["age"] = age
        if FLAG not in ent.flags:
            ent.flags.append(FLAG)


#: "a looked after child", "(LAC)", "a child in care", "a CLA", "who is in care" after a name.
_LOOKED_AFTER = re.compile(
    r"\s*(?:[,(\-\u2013]\s*|\s)(?:(?:who\s+is|is)\s+)?(?:an?\s+)?"
    r"(?:looked[\s-]+after\s+(?:child|young\s+person)|child\s+in\s+care|in\s+(?:local\s+"
    r"authority\s+)?care|(?-i:LAC|CLA|CiC)(?![a-z]))", re.IGNORECASE)


def looked_after(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a looked-after child, right after the name.

    >>> looked_after("Lee DUNN, a looked after child (LAC), was seen", "Lee DUNN")
    True
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN (LAC) seen", "Lee DUNN is in care")]
    [True, True]
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN took care of it", "Lee DUNN, lac")]
    [False, False]
    """
    text, spans = _named(narrative, name)
    return any(_LOOKED_AFTER.match(text, end) for _, end in spans)


@lru_cache(maxsize=65536)
def _forms(name: str) -> tuple[str, ...]:
    text = " ".join(name.split())
    if ", " in text:  # "REED, Tom": surname first already
        surname, _, rest = text.partition(", ")
        given = rest.split()
    else:
        words = text.split()
        surname, given = (words[-1], words[:-1]) if len(words) > 1 else ("", [])
    out = dict.fromkeys([text])
    if given and surname:
        first = given[0]
        out.update(dict.fromkeys([
            f"{first} {surname}", f"{' '.join(given)} {surname}",
            f"{surname} {' '.join(given)}", f"{surname} {first}",
            f"{surname}, {' '.join(given)}", f"{surname}, {first}"]))
    return tuple(out)


def written_forms(name: str | None) -> list[str]:
    """The forms a narrative writes a person's name in: as recorded, without middle names,
    surname first with or without a comma, so that "Kyle NARROW (15)" gives its age to the
    record "Kyle John NARROW" and "NARROW, Kyle (15)" to "Kyle NARROW". Initials are left
    out: "K. NARROW" may be anyone. (Cached: a report is read for every person it names.)

    >>> written_forms("Kyle John NARROW")[:3], written_forms("REED, Tom")[:2]
    (['Kyle John NARROW', 'Kyle NARROW', 'NARROW Kyle John'], ['REED, Tom', 'Tom REED'])
    >>> "NARROW, Kyle" in written_forms("Kyle NARROW"), written_forms(None), written_forms("Kai")
    (True, [], ['Kai'])
    """
    if not name or not str(name).strip():
        return []
    return list(_forms(str(name)))


def child_ages(narrative: str | None, named: Mapping[str, str],
               on: object = None) -> list[dict[str, Any]]:
    """For people already in the graph whom a narrative names without making them one of
    its entities (``named``: uid -> the name key it gives them by), the ages under 18 it
    writes beside those names: ``{uid, age, age_on}`` each (``on``: the report's date).
    "Amy HILL disclosed that Kyle NARROW (15) took her to the flat" says Kyle is 15 though
    the report's entities are Amy and the flat's owner. A name match may be a namesake, so
    only a child's age is taken from it: it can only protect.

    >>> child_ages("Amy said Kyle NARROW (15) and Dean FOX, 34, drove her.",
    ...            {"P:k": "kyle narrow", "P:d": "dean fox"}, "2025-05-01")
    [{'uid': 'P:k', 'age': 15, 'age_on': '2025-05-01'}]
    """
    if not narrative or not named:
        return []
    day = str(on)[:10] if on else None
    out = []
    for uid in sorted(named):
        age = narrative_age(narrative, named[uid])
        if age is None:
            born = narrative_dob(narrative, named[uid])
            age = age_on(born, day) if born and day else None
        if age is not None and age < ADULT_AGE:
            out.append({"uid": uid, "age": age, "age_on": day})
    return out
