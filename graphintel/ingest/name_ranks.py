"""The name each person shows, given its rank in a graph loaded before ranks were kept.

A load shows the better-written of the names a person's mentions give
(:func:`graphintel.clean.names.name_rank`, ``cypher/ingest/resolve_persons.cypher``),
comparing each new name with the rank stored beside the shown one. A graph loaded before
has no ranks: its people are given the rank of the name they show once, when the schema
is brought up to date, so that a later mention replaces a name only by a better one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graphintel.clean.names import name_rank

if TYPE_CHECKING:
    from graphintel.store import Store

__all__ = ["backfill_name_ranks"]

#: People written in one transaction.
CHUNK = 5000


def backfill_name_ranks(store: Store) -> int:
    """Give every person with a name and no rank the rank of that name; returns how many.
    Safe to run again: it reads only the people still without one."""
    rows = [[r["uid"], name_rank(str(r["name"]))] for r in store.read("unranked_people")]
    for start in range(0, len(rows), CHUNK):
        store.write("set_name_ranks", rows=rows[start:start + CHUNK])
    return len(rows)
