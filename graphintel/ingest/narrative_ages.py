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
from functools import lru_cache
from typing import Any

from graphintel import model
from graphintel.analysis.safeguarding import ADULT_AGE, age_on
from graphintel.clean.ages import (
    AFTER,
    BEFORE,
    DOB_AFTER,
    DOB_PART_AFTER,
    age_of_match,
    latest_birth,
)
from graphintel.ingest.records import EntityIn

__all__ = ["CALLED_CHILD", "FLAG", "called_child", "child_ages", "name_spans", "narrative_age",
           "read_narrative_ages", "surname", "written_between"]

FLAG = "age_from_narrative"
#: The flag of a person the narrative calls a looked-after child ("Lee DUNN, a looked after
#: child (LAC)"): a sign of a child when no age is recorded
#: (:mod:`graphintel.analysis.child_signs`).
LOOKED_AFTER = "looked_after_child"
DISAGREES = "age_disagrees_with_dob"
#: The flag of a person the narrative calls a child without an age ("a juvenile", "(U16)",
#: "YP Mia HART"): a sign of a child when no age is recorded.
CALLED_CHILD = "called_a_child"
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
    text, spans = name_spans(narrative, name)
    ages = []
    for start, end in spans:
        # a nickname in quotes ("aka 'Maz' (15)"): the age follows the closing quote
        after = _AFTER.match(text, end) or (
            _AFTER.match(text, end + 1) if text[end:end + 1] in ("'", '"') else None)
        before = _BEFORE.search(text, max(0, start - _BEFORE_REACH), start)
        ages += [a for m in (after, before) if m and (a := age_of_match(m)) is not None]
    return min(ages) if ages else None


def narrative_dob(narrative: str | None, name: str | None) -> str | None:
    """The latest date of birth the narrative writes beside ``name`` ("Ben ROWE (DOB
    12/03/2010)"), as an ISO date, or None; of one given in part ("(DOB 03/2011)", "(born
    2010)"), the latest day it may be (:func:`~graphintel.clean.ages.latest_birth`).

    >>> narrative_dob("Ben ROWE (DOB 12/03/2010) seen with Amy.", "Ben ROWE")
    '2010-03-12'
    >>> narrative_dob("Zoe BIRD (born 2010) and Rhys DEAN (DOB: 03/2011)", "Rhys DEAN")
    '2011-03-31'
    """
    text, spans = name_spans(narrative, name)
    found = [d for _, end in spans
             if (m := _DOB.match(text, end) or _DOB_PART.match(text, end))
             and (d := latest_birth(m.group("dob")))]
    return max(found) if found else None


#: The age forms, compiled once: a report is read for every person it names, so nothing is
#: compiled per name but the name itself (the forms are matched where the name ends, or
#: end where it starts, within :data:`_BEFORE_REACH` characters).
_AFTER = re.compile(rf"(?:{AFTER})", re.IGNORECASE)
_BEFORE = re.compile(rf"(?<!\w)(?:{BEFORE})$", re.IGNORECASE)
_DOB = re.compile(DOB_AFTER, re.IGNORECASE)
_DOB_PART = re.compile(DOB_PART_AFTER, re.IGNORECASE)
_BEFORE_REACH = 80


def name_spans(narrative: str | None, name: str | None
           ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The narrative with its whitespace runs made one space, and where ``name`` is
    written in it (any case, any spacing, whole words): a string search, since a report is
    read for every person it names and compiling a pattern per name costs a hundred times
    more. (Cached: the age, the date of birth, the nickname and the signs of a child are
    each looked for at the same names.)"""
    if not narrative or not name or not name.strip():
        return "", ()
    return _found(narrative, name)


@lru_cache(maxsize=1024)
def _found(narrative: str, name: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, lower = _prepared(narrative)
    wanted = " ".join(name.split()).lower().translate(_STRAIGHT)
    if len(lower) != len(text):  # a letter whose lower case is longer: search by pattern
        found = re.finditer(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", text, re.IGNORECASE)
        return text, tuple(m.span() for m in found)
    spans, at = [], lower.find(wanted)
    while at >= 0:
        end = at + len(wanted)
        if (at == 0 or not _WORD.match(lower[at - 1])) and \
                (end == len(lower) or not _WORD.match(lower[end])):
            spans.append((at, end))
        at = lower.find(wanted, at + 1)
    return text, tuple(spans)


_WORD = re.compile(r"\w")


@lru_cache(maxsize=8)
def _prepared(narrative: str) -> tuple[str, str]:
    """The narrative with its whitespace runs made one space, and in lower case: made once
    for the several names and forms a report's people are looked for by."""
    text = " ".join(narrative.split()).translate(_STRAIGHT)
    return text, text.lower()


#: Curly quotes and apostrophes as straight ones ("O’BRIEN" is "O'BRIEN"): a narrative
#: typed in a word processor gets them while the name field keeps the straight one.
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'",
                           "\u201c": '"', "\u201d": '"'})


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
    told = pronoun_ages(narrative, {id(e): (written_forms(e.props.get("name")),
                                           e.props.get("gender"), e.props.get("dob"))
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
        if LOOKED_AFTER not in ent.flags and any(looked_after(narrative, n) for n in names):
            ent.flags.append(LOOKED_AFTER)
        if CALLED_CHILD not in ent.flags and any(called_child(narrative, n) for n in names):
            ent.flags.append(CALLED_CHILD)
        ages = [a for n in names if (a := narrative_age(narrative, n)) is not None]
        ages += told.get(id(ent), []) + alone
        born = [b for n in names if (b := narrative_dob(narrative, n))]
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
            if DISAGREES not in ent.flags:
                ent.flags.append(DISAGREES)
        ent.props["age"] = age
        if FLAG not in ent.flags:
            ent.flags.append(FLAG)


def _fits_other(ent: EntityIn, age: int, people: Sequence[EntityIn], day: str | None) -> bool:
    """Whether ``age`` does not fit ``ent``'s date of birth on ``day`` but fits another
    person of the same name in the report (within a year)."""
    def fits(e: EntityIn) -> bool:
        then = age_on(str(e.props.get("dob")), day) if e.props.get("dob") and day else None
        return then is None or abs(then - age) <= 1
    return not fits(ent) and any(fits(e) for e in people if e is not ent
                                 and e.props.get("name_key") == ent.props.get("name_key"))


#: "She is 14." / "He's only 15 years old." / "She is believed to be 14, and ..." / "Her age
#: is 15." as a sentence of its own ("He was 15" only when the sentence ends there: "He was
#: 15 when he was first exploited" speaks of the past).
_PRONOUN_AGE = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:(?P<who>she|he)(?P<verb>\s+is|'s|\s+was)|(?P<whose>her|his)\s+age"
    r"(?P<avert>\s+is|'s))\s+"
    r"(?:(?:believed|thought|said|estimated|understood|reported)\s+to\s+be\s+)?"
    r"(?:(?:only|just|now|about|around|approximately|approx\.?|roughly|possibly|probably)\s+)?"
    r"(?:aged\s+)?"
    r"(?P<n>\d{1,2})(?:[\s-]*(?:years?(?:[\s-]*old)?|yrs?(?:[\s-]*old)?|y/?o))?"
    r"(?=(?P<tail>\s*(?:[.;!]|$))|,|\s+and\b)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=\s)")


def pronoun_ages(narrative: str | None,
                 people: Mapping[Any, tuple[Sequence[str], object, object]],
                 on: object = None) -> dict[Any, list[int]]:
    """Ages a sentence of its own gives by a pronoun ("Rosa VALE was seen with Dean FOX. She
    is 14."): the person it means is the first of ``people`` (key -> the name's written
    forms, the recorded gender and date of birth) named in the sentence before whose
    recorded gender does not contradict the pronoun, nor their date of birth the age on
    ``on`` (the report's date) by more than a year. Returns key -> ages.

    >>> pronoun_ages("Rosa VALE was seen with Dean FOX. She is 14.",
    ...              {"r": (["Rosa VALE"], None, None), "d": (["Dean FOX"], "male", None)})
    {'r': [14]}
    >>> pronoun_ages("Dean FOX was seen with Rosa VALE. She is 14.",
    ...              {"r": (["Rosa VALE"], None, None), "d": (["Dean FOX"], None, "1985-01-01")},
    ...              on="2025-05-01")
    {'r': [14]}
    >>> pronoun_ages("Dean FOX was seen. She is 14.", {"d": (["Dean FOX"], "male", None)})
    {}
    """
    if not narrative or not people:
        return {}
    text, _ = _prepared(narrative)
    found: dict[Any, list[int]] = {}
    day = str(on)[:10] if on else None
    for m in _PRONOUN_AGE.finditer(text):
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start() + 1)]
        start = ends[-2] if len(ends) >= 2 else 0
        if (m.group("verb") or "").strip().lower() == "was" and m.group("tail") is None:
            continue
        female, age = (m.group("who") or m.group("whose")).lower() in ("she", "her"), \
            int(m.group("n"))
        named = []
        for key, (forms, gender, dob) in people.items():
            g = str(gender or "").strip().lower()
            then = age_on(str(dob), day) if dob and day else None
            if (female and g in ("m", "male", "man", "boy")) or \
                    (not female and g in ("f", "female", "woman", "girl")) or \
                    (then is not None and abs(then - age) > 1):
                continue
            at = [a for form in forms for a, _ in name_spans(narrative, form)[1]
                  if start <= a < m.start()]
            if at:
                named.append((min(at), str(key), key))
        if named:
            found.setdefault(min(named)[2], []).append(age)
    return found


#: "a looked after child", "(LAC)", "a child in care", "a CLA", "who is in care" after a name.
_LOOKED_AFTER = re.compile(
    r"\s*(?:[,(\-\u2013]\s*|\s)(?:(?:who\s+is|is)\s+)?(?:an?\s+)?"
    r"(?:looked[\s-]+after\s+(?:child|young\s+person)|child\s+in\s+care|in\s+(?:local\s+"
    r"authority\s+)?care|(?-i:LAC|CLA|CiC)(?![a-z]))", re.IGNORECASE)


#: A word that calls the person a child, after the name ("Ruby NASH, a juvenile, was",
#: "(a minor)", "(under 16)", "(U16)", "(juv)") where the clause ends after it: "a child
#: sex offender", "a youth worker" and "a minor dealer" do not.
_CALLED_CHILD = re.compile(
    r"\s*(?:[,(\[\-\u2013]\s*|\s)(?:(?:who\s+is|is|was)\s+)?(?:(?:an?|only|still)\s+)?"
    r"(?:minor|juvenile|juv\.?|u\s?-?1[0-8]|under[\s-]*(?:1[0-8]|age|eighteen|sixteen)"
    r"|young\s+person|yp|school\s*(?:girl|boy|child|pupil|kid)|pupil|child|youth"
    r"|(?:of\s+)?school\s+age)(?![a-z])"
    r"(?=\s*[,.;:)\]]|\s*$|\s+(?:who|and|was|is|has|had|seen|at|in|with|from|went|left|but)"
    r"(?![a-z]))", re.IGNORECASE)
#: The same word right before the name: "Schoolgirl Ellie MARSH", "YP Mia HART".
_CALLED_CHILD_BEFORE = re.compile(
    r"(?<![a-z])(?:school\s*(?:girl|boy)|juvenile|minor|yp|young\s+person|child)\s+$",
    re.IGNORECASE)


def called_child(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a child (a minor, a juvenile, under 16, a young
    person, a schoolgirl) right beside the name: a sign of a child when no age is recorded
    (:mod:`graphintel.analysis.child_signs`).

    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH, a juvenile, was seen",
    ...     "Ruby NASH (U16)", "YP Ruby NASH", "Ruby NASH (under 16) ran")]
    [True, True, True, True]
    >>> [called_child(t, "Ruby NASH") for t in ("Ruby NASH, a child sex offender,",
    ...     "Ruby NASH, a youth worker", "Ruby NASH is a minor dealer", "Ruby NASH ran")]
    [False, False, False, False]
    """
    text, spans = name_spans(narrative, name)
    return any(_CALLED_CHILD.match(text, end)
               or _CALLED_CHILD_BEFORE.search(text, max(0, start - 30), start)
               for start, end in spans)


def surname(name: object) -> str | None:
    """The surname of a recorded name ("Nell PARK", "PARK, Nell", "Miss Nell PARK"), or
    None for a name of one word.

    >>> surname("Nell PARK"), surname("PARK, Nell"), surname("Miss Nell PARK"), surname("Kai")
    ('PARK', 'PARK', 'PARK', None)
    """
    text = _TITLE.sub("", " ".join(str(name or "").split()))
    if ", " in text:
        return text.partition(", ")[0] or None
    words = text.split()
    return words[-1] if len(words) > 1 else None


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


#: A name written with a word between the first name and the surname: a middle name the
#: record leaves out ("Chloe Anne PRICE") or a nickname in quotes ('Kyle "Pikey" NARROW').
_BETWEEN = re.compile(r"(?<!\w)(?P<first>[\w\-]+) (?P<mid>[\w\-]+|'[^']{1,30}'|\"[^\"]{1,30}\") $")
_NOT_MIDDLE = frozenset({"and", "or", "with", "to", "from", "the", "a", "an", "of", "by", "saw",
                         "met", "told", "called", "said", "and/or", "&"})


def written_between(narrative: str | None, name: object) -> list[str]:
    """The ways the narrative writes the recorded name with one more word in the middle,
    as written ("Chloe Anne PRICE" for the record "Chloe PRICE").

    >>> written_between("Chloe Anne PRICE (15) and Chloe and PRICE.", "Chloe PRICE")
    ['Chloe Anne PRICE']
    >>> written_between("Kyle 'Pikey' NARROW ran", "Kyle NARROW")
    ["Kyle 'Pikey' NARROW"]
    """
    text = _TITLE.sub("", " ".join(str(name or "").split()))
    words = text.split()
    if not narrative or len(words) != 2 or ", " in text:
        return []
    first, last = words
    body, spans = name_spans(narrative, last)
    found = []
    for start, end in spans:
        m = _BETWEEN.search(body, max(0, start - 60), start)
        if m and m.group("first").lower() == first.lower() \
                and m.group("mid").lower() not in _NOT_MIDDLE:
            found.append(body[m.start():end])
    return list(dict.fromkeys(found))


def looked_after(narrative: str | None, name: str | None) -> bool:
    """Whether the narrative calls ``name`` a looked-after child, right after the name.

    >>> looked_after("Lee DUNN, a looked after child (LAC), was seen", "Lee DUNN")
    True
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN (LAC) seen", "Lee DUNN is in care")]
    [True, True]
    >>> [looked_after(t, "Lee DUNN") for t in ("Lee DUNN took care of it", "Lee DUNN, lac")]
    [False, False]
    """
    text, spans = name_spans(narrative, name)
    return any(_LOOKED_AFTER.match(text, end) for _, end in spans)


#: Titles a records system may keep in the name ("MISS Chloe PRICE", "Master Jack STONE"):
#: a narrative writes the name without them.
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mstr|master|mx|dr)\.?\s+(?=\S+\s)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _forms(name: str) -> tuple[str, ...]:
    text = " ".join(name.split())
    untitled = _TITLE.sub("", text)
    if untitled != text:
        return tuple(dict.fromkeys([text, *_forms(untitled)]))
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
    surname first with or without a comma, and without a title the record keeps ("Miss",
    "Master"), so that "Kyle NARROW (15)" gives its age to the record "Kyle John NARROW"
    and "NARROW, Kyle (15)" to "Kyle NARROW". Initials are left out: "K. NARROW" may be
    anyone. (Cached: a report is read for every person it names.)

    >>> written_forms("Kyle John NARROW")[:3], written_forms("REED, Tom")[:2]
    (['Kyle John NARROW', 'Kyle NARROW', 'NARROW Kyle John'], ['REED, Tom', 'Tom REED'])
    >>> written_forms("Miss Chloe PRICE")[:3]
    ['Miss Chloe PRICE', 'Chloe PRICE', 'PRICE Chloe']
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
    only a child's age is taken from it, and the load gives it only to someone with no
    recorded date of birth, never when a namesake's date of birth gives it
    (``cypher/ingest/narrative_child_ages.cypher``): an adult Kyle NARROW born in 1985 is
    not the boy of a girl's disclosure.

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
