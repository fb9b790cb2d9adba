"""Named queries that a graphintel procedure answers inside the server, when it has one.

A shipped query stays the reference in ``cypher/queries/``; where interpreted Cypher is
too slow for the latency goal (BENCHMARKS.md), a procedure of graphintel's
(``graphintel/neo4j_launcher``) computes the same rows inside the server, and a file in
``cypher/procedures/`` with the same parameters and columns calls it. The local Neo4j
registers the procedures itself; another server has them once it loads the jar
``graphintel neo4j plugin`` writes, and without them the reference runs. Tests hold the
two equal.
"""

from __future__ import annotations

from graphintel.cypher_files import CypherFile
from graphintel.store import Store
from graphintel.transactions import library

#: named query -> (the procedure that answers it, the shipped file that calls it)
SERVED: dict[str, tuple[str, str]] = {
    "hotspots": ("graphintel.hotspots", "hotspots_in_server"),
}
#: every procedure of graphintel's that answers a named query
PROCEDURES: frozenset[str] = frozenset(proc for proc, _ in SERVED.values())


def served(store: Store, cf: CypherFile) -> CypherFile:
    """The file that answers ``cf`` on this server: its procedure's, or ``cf`` itself."""
    entry = SERVED.get(cf.name)
    if entry is None or entry[0] not in store.procedures():
        return cf
    return library()[entry[1]]
