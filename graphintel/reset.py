"""``graphintel reset``: delete every node and relationship of the graph (schema kept).

For a fresh start on graphintel's own local Neo4j. It refuses a server named by
``NEO4J_URI`` (a shared or production graph) unless ``force`` is given; the command line
also asks for ``--yes``. Uses ``cypher/admin/wipe.cypher`` (batched, so a large graph does
not need one huge transaction).
"""

from __future__ import annotations

from typing import Any

from graphintel.config import Settings
from graphintel.errors import ConfigError
from graphintel.store import Store

__all__ = ["check_reset_allowed", "reset_graph"]


def check_reset_allowed(settings: Settings, *, force: bool = False) -> None:
    """Raise :class:`ConfigError` when the graph is a configured server and not ``force``."""
    if not settings.uses_local_neo4j and not force:
        raise ConfigError(
            "refusing to wipe the Neo4j named by NEO4J_URI: it may be a shared graph",
            "NEO4J_URI", "unset NEO4J_URI to reset the local graph, or add --force if you "
                         "really mean to delete everything on that server")


def reset_graph(store: Store, settings: Settings, *, force: bool = False) -> dict[str, Any]:
    """Delete every node and relationship; what was there before (nodes, relationships)."""
    check_reset_allowed(settings, force=force)
    rows = store.read("graph_counts")
    before = rows[0] if rows else {"nodes": 0, "relationships": 0}
    store.write("wipe_graph")
    return {"nodes": int(before["nodes"]), "relationships": int(before["relationships"])}
