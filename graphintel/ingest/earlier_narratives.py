"""Ages written beside a new person's name in reports loaded before them.

While a load runs, each report's narrative is searched for the names of people already in
the graph ("Amy HILL disclosed that Kyle WEST (15) took her to the flat"), and a child's
age it writes there is given to them (:func:`graphintel.ingest.narrative_ages.child_ages`).
A person first recorded after that report (a disclosure names a 15-year-old months before
any report makes him a subject, and reports are loaded oldest first) would miss it: the
same reports would make him a child in one order and a target in the other. So at the end
of every load, the narratives of every report are searched again (the full-text index of
narratives) for the people new in that load, and the ages under 18 they write beside those
names are given as any narrative's are.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from graphintel.ingest.narrative_ages import child_ages

if TYPE_CHECKING:
    from graphintel.store import Store

__all__ = ["ages_from_earlier_narratives", "phrase_query"]

#: People searched for in one read (one full-text query each, server side).
BATCH = 2000


def phrase_query(key: str) -> str | None:
    """The Lucene phrase query of a name key (letters, digits and spaces: ``name_key``),
    or None for a key of fewer than two words (one word names too many people).

    >>> phrase_query("kyle west"), phrase_query("kyle")
    ('"kyle west"', None)
    """
    words = [w for w in key.split() if w.isalnum()]
    return f'"{" ".join(words)}"' if len(words) >= 2 else None


def ages_from_earlier_narratives(store: Store, known_before: Collection[str]) -> int:
    """Give the people not in ``known_before`` (uids) the ages under 18 that reports'
    narratives write beside their names; returns how many people were made younger. Only
    people with no recorded date of birth are looked for: no one else is given an age from
    another report's narrative (``cypher/ingest/narrative_child_ages.cypher``)."""
    people: list[dict[str, Any]] = []
    store.read_each("undated_person_names", lambda r: people.append(r)
                    if r["uid"] not in known_before and r["name_key"] else None)
    asks = [{"uid": p["uid"], "key": p["name_key"], "query": q} for p in people
            if (q := phrase_query(p["name_key"]))]
    rows: list[dict[str, Any]] = []
    for start in range(0, len(asks), BATCH):
        for hit in store.read("narratives_naming", people=asks[start:start + BATCH]):
            rows += child_ages(hit["narrative"], {hit["uid"]: hit["key"]}, hit["date"])
    if not rows:
        return 0
    changed, _ = store.write_tx(lambda tx: tx.run("narrative_child_ages", rows=rows))
    return int(changed[0]["changed"]) if changed else 0
