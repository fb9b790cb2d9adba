"""Apply and inspect the graph schema in ``cypher/schema.cypher``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphintel import derived
from graphintel.ingest.name_ranks import backfill_name_ranks
from graphintel.store import Store

#: The index made by the version that began keeping each person's name rank: while it is
#: missing, a graph with data is given its ranks (:mod:`graphintel.ingest.name_ranks`).
NAME_RANK_INDEX = "report_narratives_folded"

_NAME = re.compile(r"^CREATE\s+(?:FULLTEXT\s+|TEXT\s+)?(?:CONSTRAINT|INDEX)\s+(\w+)", re.IGNORECASE)


def expected_names(store: Store) -> list[str]:
    """Names of every constraint and index the schema file declares."""
    names = []
    for statement in store.query("schema").statements:
        # a statement's own comment lines come before it (see cypher/schema.cypher)
        code = "\n".join(line for line in statement.splitlines()
                         if not line.strip().startswith("//"))
        match = _NAME.match(code.strip())
        if match:
            names.append(match.group(1))
    return names


@dataclass(frozen=True)
class SchemaState:
    """Which declared constraints and indexes exist, and which are still missing."""

    present: list[str]
    missing: list[str]
    not_online: list[str]

    @property
    def applied(self) -> bool:
        return not self.missing and not self.not_online


def schema_state(store: Store) -> SchemaState:
    """Compare the server's constraints and indexes with the schema file."""
    have = {row["name"] for row in store.read("show_constraints")}
    states = {row["name"]: row["state"] for row in store.read("show_indexes")}
    have |= set(states)
    wanted = expected_names(store)
    return SchemaState(
        present=[n for n in wanted if n in have],
        missing=[n for n in wanted if n not in have],
        not_online=[n for n in wanted if n in states and states[n] != "ONLINE"],
    )


def apply_schema(store: Store) -> SchemaState:
    """Create every constraint and index that is missing; safe to run any number of times.

    A graph with data but without the markers' indexes was loaded before the markers
    existed: they are computed first (:func:`graphintel.derived.rebuild`) and the indexes
    made after, so an interrupted rebuild runs again next time. A graph with data but
    without the index of the places' address keys was loaded before they existed: they
    are written first (:func:`graphintel.derived.backfill_address_keys`), the same way;
    and a graph loaded before people kept the rank of the name they show is given them
    (:func:`graphintel.ingest.name_ranks.backfill_name_ranks`).
    Markers a load stopped part way left unsettled are settled
    (:func:`graphintel.derived.settle`).
    """
    state = schema_state(store)
    if state.missing:
        if set(state.missing) & derived.MARKER_INDEXES and store.has_data():
            derived.rebuild(store)  # the address keys too
        elif derived.ADDRESS_KEY_INDEX in state.missing and store.has_data():
            derived.backfill_address_keys(store)
        if NAME_RANK_INDEX in state.missing and store.has_data():
            backfill_name_ranks(store)
        store.run_schema(store.query("schema").statements)
    store.read_text("CALL db.awaitIndexes(300)", {})
    derived.settle(store)
    return schema_state(store)


def ensure_schema(store: Store) -> None:
    """Apply the schema when any part of it is missing (called before every load)."""
    if not schema_state(store).applied:
        apply_schema(store)
