"""Ages a report's narrative gives beside a person's name: "Kyle NARROW (15)".

Reports often give a young person's age only in the text ("Precious ROBERTS (12) was seen
...", "Kyle NARROW, aged 15, ...", an intelligence log's "Subject is 14 years old"). A
person with no date of birth and no age field is otherwise of unknown age, so not a child
by age, and can be ranked as a target. The age
written beside their name is read as the age the report states (``age``, on the report's
date, as an age field would be), and the person is flagged ``age_from_narrative`` so the
profile can say where it came from. A person with a date of birth or an age of their own
is left as they are; of two ages beside one name, the younger counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graphintel import model
from graphintel.ingest.records import EntityIn

__all__ = ["FLAG", "narrative_age", "read_narrative_ages"]

FLAG = "age_from_narrative"

_UNIT = r"(?:\s*(?:yrs?|years?(?:\s+old)?|y/?o))?"
#: What may follow a name to give an age: "(15)", "(aged 15)", "(15 yrs)", ", aged 15",
#: " aged 15", ", 15,", ", 15 years old,".
_AFTER = (rf"\s*\(\s*(?:aged?\s*:?\s*)?(?P<a>\d{{1,3}}){_UNIT}\s*\)"
          rf"|,?\s+aged?\s*:?\s*(?P<b>\d{{1,3}})\b"
          rf"|\s*,\s*(?P<c>\d{{1,3}}){_UNIT}\s*,"
          r"|\s+is\s+(?:aged\s+)?(?P<d>\d{1,3})"
          r"(?:\s*(?:years?\s+old|yrs?\b|y/?o\b)|\s*(?=[.,;)]|$|\s+and\b))")
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
    >>> narrative_age("Dean FOX, 15 Elm Road.", "Dean FOX") is None
    True
    >>> narrative_age("Dean FOXTON (15)", "Dean FOX") is None
    True
    >>> narrative_age("Subject is 14 years old and was seen with older males.", "subject")
    14
    >>> narrative_age("Dean FOX is 15 minutes late.", "Dean FOX") is None
    True
    """
    if not narrative or not name or not name.strip():
        return None
    words = [re.escape(w) for w in name.split()]
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)(?:" + _AFTER + ")",
                         re.IGNORECASE)
    ages = [int(next(g for g in m.group("a", "b", "c", "d") if g)) for m in
            pattern.finditer(narrative)]
    ages = [a for a in ages if a <= 120]
    return min(ages) if ages else None


def read_narrative_ages(narrative: str | None, entities: Sequence[EntityIn], *,
                        one_subject: bool = False) -> None:
    """Give each person of ``entities`` with no date of birth and no age the age the
    narrative writes beside their name (flagged :data:`FLAG`). With ``one_subject`` (a row
    of a table about one person, as an intelligence log's), "Subject is 14" is theirs too
    when the row names no one else."""
    if not narrative:
        return
    people = [e for e in entities if e.label == model.PERSON]
    for ent in people:
        if ent.props.get("dob") or ent.props.get("age") is not None:
            continue
        names = [ent.props.get("name")]
        if one_subject and len(people) == 1:
            names += list(SUBJECT_WORDS)
        ages = [a for n in names if (a := narrative_age(narrative, n)) is not None]
        age = min(ages) if ages else None
        if age is not None:
            ent.props["age"] = age
            if FLAG not in ent.flags:
                ent.flags.append(FLAG)
