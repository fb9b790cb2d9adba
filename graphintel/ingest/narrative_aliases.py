"""Other names a report's narrative gives beside a person's name: "Kyle NARROW, known as
'Pikey'".

A young person is often known on the street, and in other reports, only by a nickname:
one report names "Kyle NARROW (15), known as 'Pikey'", another a suspect "Pikey" with no
date of birth. The nickname read from the narrative is kept as one of the person's
``aliases`` (flagged :data:`FLAG`), as an alias field would be. The duplicate finder then
pairs the child with the record named by it ("one record's alias or online handle is the
other's name"), so the analysis safeguards that record as possibly the child until an
analyst resolves the pair, and partner outputs withhold the nickname with the child's
other names. Only the words right after the name (or a bracketed age or date of birth
after it) are read, so that a nickname is not given to the wrong person of a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from graphintel import model
from graphintel.ingest.narrative_names import name_spans, written_forms
from graphintel.ingest.records import EntityIn

__all__ = ["FLAG", "narrative_aliases", "read_narrative_aliases"]

FLAG = "alias_from_narrative"

_QUOTED = r"[\"'\u2018\u201c](?P<{g}>[^\"'\u2019\u201d\n]{{1,40}}?)[\"'\u2019\u201d]"
#: One to three words each starting with a capital ("Pikey", "Little Man", "LM"): an
#: unquoted nickname; a word in lower case ("known as a dealer") ends it.
_BARE = r"(?-i:(?P<bare>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,2}))(?!\w)"
#: What may stand between the name and the words that give the nickname: a bracketed age
#: or date of birth, or ", aged 15" ("Kyle NARROW (15), known as ...").
_BETWEEN = (r"(?:\s*\([^()]{1,40}\))?"
            r"(?:\s*,?\s*(?:aged?\s*)?\d{1,2}\s*(?:yrs?|years?(?:\s+old)?|y/?o)?(?=\s*[,(\-]))?")
_SAYS = (r"(?:also\s+)?known\s+(?:to\s+(?:friends|peers|others)\s+)?as|a\.?k\.?a\.?|a/k/a"
         r"|(?:who\s+)?goes\s+by(?:\s+the\s+name(?:\s+of)?)?|nick[\s-]?named|street[\s-]?name"
         r"|nick[\s-]?name|(?:who\s+)?calls\s+(?:him|her|them)sel(?:f|ves)")
_AFTER = re.compile(
    _BETWEEN + r"\s*(?:[,(\-\u2013]\s*)?(?:" + _SAYS + r")\s*:?\s*(?:"
    + _QUOTED.format(g="quoted") + "|" + _BARE + ")", re.IGNORECASE)
#: "or 'PK'", ", 'PK'", "/ 'PK'" after the first quoted nickname.
_MORE = re.compile(r"\s*(?:,|/|or|and)\s*" + _QUOTED.format(g="quoted"), re.IGNORECASE)


def narrative_aliases(narrative: str | None, name: str | None) -> list[str]:
    """The nicknames the narrative gives right after ``name`` (any case, any spacing), in
    the order written, each once.

    >>> narrative_aliases("Kyle NARROW (15), known as 'Pikey', was seen.", "Kyle NARROW")
    ['Pikey']
    >>> narrative_aliases("Kyle NARROW aka Little Man and Dean FOX aka DF left.", "Dean FOX")
    ['DF']
    >>> narrative_aliases('Kyle NARROW, who goes by "PK" or "Pikey", ran.', "Kyle NARROW")
    ['PK', 'Pikey']
    >>> narrative_aliases("Kyle NARROW, known as a dealer, ran.", "Kyle NARROW")
    []
    >>> narrative_aliases("Dean FOX and Kyle NARROW, known as 'Pikey'.", "Dean FOX")
    []
    """
    text, spans = name_spans(narrative, name)
    found: list[str] = []
    for _, end in spans:
        m = _AFTER.match(text, end)
        if not m:
            continue
        got = [m.group("quoted") or m.group("bare")]
        if m.group("quoted"):
            at = m.end()
            while (more := _MORE.match(text, at)):
                got.append(more.group("quoted"))
                at = more.end()
        for alias in got:
            alias = " ".join(alias.split()).strip(" .,;:")
            if alias and alias not in found:
                found.append(alias)
    return found


def _inside(narrative: str | None, name: str | None) -> list[str]:
    """A nickname written inside the name, between the first name and the surname:
    'Kyle "Pikey" NARROW' (found from where the surname is written, with no pattern
    compiled per name: a report is read for every person it names)."""
    words = " ".join(str(name or "").split()).split(" ")
    if not narrative or len(words) < 2 or not _QUOTE.search(narrative):
        return []
    text, spans = name_spans(narrative, words[-1])
    found = []
    for start, _ in spans:
        m = _BEFORE_SURNAME.search(text, max(0, start - 60), start)
        if m and m.group("first").lower() == words[0].lower():
            found.append(" ".join(m.group("quoted").split()))
    return found


_QUOTE = re.compile("[\"'\u2018\u201c]")
_BEFORE_SURNAME = re.compile(r"(?<!\w)(?P<first>[\w\-]+) " + _QUOTED.format(g="quoted") + r" $")


def read_narrative_aliases(narrative: str | None, entities: Sequence[EntityIn]) -> None:
    """Add to each person of ``entities`` the nicknames the narrative gives beside their
    name (in any of :func:`~graphintel.ingest.narrative_names.written_forms`), flagged
    :data:`FLAG` when any is new. A nickname made only of words of their own name ("known
as Kyle") is not kept: it says nothing the name does not, and as an alias it would pair the
person with everyone recorded by that first name alone.

    >>> kyle = EntityIn("p1", model.PERSON, "n:kyle narrow",
    ...                 {"name": "Kyle NARROW", "aliases": ["PK"]})
    >>> read_narrative_aliases("Kyle 'Pikey' NARROW and NARROW, Kyle aka PK ran.", [kyle])
    >>> kyle.props["aliases"], kyle.flags
    (['PK', 'Pikey'], ['alias_from_narrative'])
    """
    if not narrative:
        return
    for ent in entities:
        if ent.label != model.PERSON:
            continue
        name = ent.props.get("name")
        forms = written_forms(name)
        given = [a for form in forms for a in narrative_aliases(narrative, form)]
        given += _inside(narrative, name)
        words = set(" ".join(forms).lower().replace(",", " ").split())
        have = list(ent.props.get("aliases") or [])
        new = [a for a in dict.fromkeys(given) if not set(a.lower().split()) <= words
               and a.lower() not in {h.lower() for h in have}]
        if new:
            ent.props["aliases"] = sorted(set(have) | set(new))
            if FLAG not in ent.flags:
                ent.flags.append(FLAG)
