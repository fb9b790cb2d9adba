"""Ages, and signs of a child or a victim, written beside a new person's name in reports
loaded before them.

While a load runs, each report's narrative is searched for the names of people already in
the graph ("Amy HILL disclosed that Kyle WEST (15) took her to the flat"), and a child's
age it writes there is given to them (:func:`graphintel.ingest.narrative_ages.child_ages`).
A person first recorded after that report (a disclosure names a 15-year-old months before
any report makes him a subject, and reports are loaded oldest first) would miss it: the
same reports would make him a child in one order and a target in the other. So at the end
of every load, the narratives of every report are searched again (the full-text index of
narratives) for the people new in that load, and the ages under 18 they write beside those
names are given as any narrative's are. So are the words that call them a child, a
looked-after child or a victim of exploitation ("Tom REED (a juvenile)", "Dan COX (CSE
victim)": :func:`graphintel.ingest.narrative_child_signs.named_signs`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING, Any

from graphintel import derived
from graphintel.ingest.narrative_ages import child_ages
from graphintel.ingest.narrative_child_signs import VICTIM_WORDS, named_signs
from graphintel.ingest.narrative_names import without_middle, written_as
from graphintel.ingest.suggest import NameIndex, known_names

if TYPE_CHECKING:
    from graphintel.store import Store, Tx

__all__ = ["ages_from_earlier_narratives", "phrase_query"]

#: People searched for in one read (one full-text query each, server side).
BATCH = 2000


def phrase_query(key: str, names: Iterable[object] = ()) -> str | None:
    """The Lucene query of a person's name key (letters, digits and spaces: ``name_key``)
    and recorded names, or None for a key of fewer than two words (one word names too many
    people): a phrase of each, and of each surname first.

    The full-text index splits and folds words as a name key does not: it keeps an
    apostrophe inside a word ("o'neill") and an accent ("zoë"), so the key's phrase ("kyle
    o neill", "zoe brown") never finds "Kyle O'NEILL" or "Zoë BROWN"; the recorded name's
    phrase is split by the index's own analyser and does. So does the name with a curly
    apostrophe for a straight one ("O\u2019NEILL", as a word processor writes it: another
    word to the index) and the other way round. Surname first ("NARROW, Liam") is how the
    readers of a report's own people find a name too
    (:func:`~graphintel.ingest.narrative_names.written_forms`). A key of two words is also
    found with one word between them ("Chloe Anne PRICE": a phrase of slop 1; the readers
    then keep only a middle name written as one,
    :func:`~graphintel.ingest.narrative_names.written_as`), and a key of three words or
    more without its middle words ("kyle narrow" for "kyle john narrow").

    >>> phrase_query("kyle west"), phrase_query("kyle")
    ('"kyle west"~1 OR "west kyle"', None)
    >>> print(phrase_query("kyle john west"))
    "kyle john west" OR "john west kyle" OR "west kyle john" OR "kyle west" OR "west kyle"
    >>> print(phrase_query("kyle o neill", ["Kyle O'NEILL", "Kai"]))
    "kyle o neill" OR "o neill kyle" OR "neill kyle o" OR "Kyle O'NEILL" OR "O'NEILL Kyle" \
OR "Kyle O\u2019NEILL" OR "O\u2019NEILL Kyle"
    """
    if len([w for w in key.split() if w.isalnum()]) < 2:
        return None
    phrases: dict[str, None] = {}
    written = [key, *(str(n).replace("\u2019", "'") for n in names if n)][:MAX_NAMES]
    for name in written + [n.replace("'", "\u2019") for n in written if "'" in n]:
        words = [w for w in _UNQUOTABLE.sub(" ", name).split() if any(c.isalnum() for c in w)]
        if len(words) >= 2:
            for turn in range(len(words)):
                phrases['"' + " ".join(words[turn:] + words[:turn]) + '"'] = None
    words = key.split()
    if len(words) == 2:  # and with a middle name the record leaves out
        phrases = {f'"{key}"~1': None, **{p: None for p in phrases if p != f'"{key}"'}}
    elif (short := without_middle(key)) is not None:
        # and without the record's middle names ("Kyle NARROW" for "kyle john narrow")
        first, last = short.split()
        phrases.update({f'"{first} {last}"': None, f'"{last} {first}"': None})
    return " OR ".join(phrases)


#: The names of a person a query looks for (their key, their name, then aliases).
MAX_NAMES = 6
#: What cannot stand inside a Lucene phrase, and a comma (the index drops it anyway).
_UNQUOTABLE = re.compile(r'["\\,]')


def _as_written(narrative: str | None, key: str) -> str:
    """The key, or the key without its middle names when the narrative writes only that
    ("Kyle NARROW (15)" for "kyle john narrow")."""
    short = without_middle(key)
    if short and not written_as(narrative, key) and written_as(narrative, short):
        return short
    return key


def _read_so(hits: list[dict[str, Any]], names: NameIndex) -> list[dict[str, Any]]:
    """The hits whose narrative names the person when its words are read as a load reads
    them, against every person known (:meth:`~graphintel.ingest.suggest.NameIndex.named`):
    "AKHTAR, Ryan" in "Dylan AKHTAR, Ryan MARSH" is no Ryan AKHTAR when a Dylan AKHTAR or a
    Ryan MARSH is known or one of the report's own people, however the full-text index
    matched it, so the same reports give the same ages whichever was loaded first."""
    read: dict[str, set[str]] = {}
    for hit in hits:
        names.add(hit["key"], hit["uid"])
    for hit in hits:
        if hit["ref"] not in read:
            read[hit["ref"]] = names.keys_named(hit["narrative"], hit.get("own_keys") or ())
    return [hit for hit in hits
            if {hit["key"], without_middle(hit["key"])} & read[hit["ref"]]]


def ages_from_earlier_narratives(store: Store, known_before: Collection[str],
                                 names: NameIndex | None = None) -> int:
    """Give the people not in ``known_before`` (uids) the ages under 18, and the signs of a
    child or a victim, that reports' narratives write beside their names; returns how many
    people were changed. ``names`` are the people known at the end of the load, whose
    names take their words in a narrative as they did while it loaded (read from the graph
    when not given; names of the people searched for are added to it). An age or a sign
    of a child is given only to people with no recorded date of birth
    (``cypher/ingest/narrative_child_ages.cypher``, ``narrative_child_signs.cypher``), so
    only narratives that name them are read for it;
    for people with one, only narratives that name them with a word of a victim wording
    (:data:`~graphintel.ingest.narrative_child_signs.VICTIM_WORDS`)."""
    people: list[dict[str, Any]] = []
    store.read_each("new_person_names", lambda r: people.append(r)
                    if r["uid"] not in known_before and r["name_key"] else None)
    victim_words = " OR ".join(VICTIM_WORDS)
    asks = [{"uid": p["uid"], "key": p["name_key"],
             "query": f"({q}) AND ({victim_words})" if p["dated"] else q} for p in people
            if (q := phrase_query(p["name_key"], p.get("names") or ()))]
    ages: list[dict[str, Any]] = []
    signs: list[dict[str, Any]] = []
    for start in range(0, len(asks), BATCH):
        hits = store.read("narratives_naming", people=asks[start:start + BATCH])
        if hits and names is None:
            names = known_names(store)
        for hit in _read_so(hits, names) if names is not None else ():
            named = {hit["uid"]: _as_written(hit["narrative"], hit["key"])}
            ages += child_ages(hit["narrative"], named, hit["date"])
            signs += [dict(sign, ref=hit["ref"])
                      for sign in named_signs(hit["narrative"], named)]
    if not ages and not signs:
        return 0

    def work(tx: Tx) -> int:
        aged = tx.run("narrative_child_ages", rows=ages) if ages else []
        signed = {r["uid"] for r in tx.run("narrative_child_signs", rows=signs)} if signs \
            else set()
        if signed:  # a victim now: the markers around them are recounted
            derived.refresh(tx, derived.Touched(people=signed))
        return (int(aged[0]["changed"]) if aged else 0) + len(signed)

    changed, _ = store.write_tx(work)
    return changed
