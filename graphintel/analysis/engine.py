"""Which engine computes a measure: the numpy/networkx reference, or igraph for large graphs.

Both :mod:`.measures` (exact betweenness) and :mod:`.communities` (Leiden) switch to igraph
from :data:`FAST_MIN_NODES` people when ``engine`` is ``auto``; ``reference`` and ``igraph``
force one or the other.
"""

from __future__ import annotations

from typing import Any

#: From this many people ``engine="auto"`` uses igraph.
FAST_MIN_NODES = 2000


def fast_engine(n: int, engine: str) -> Any | None:
    """The igraph module when ``engine`` (auto, igraph, reference) picks it for ``n`` people,
    else None (the reference). Raises ValueError for an unknown engine.

    >>> fast_engine(10, "auto") is None, fast_engine(10**6, "reference") is None
    (True, True)
    """
    if engine not in {"auto", "igraph", "reference"}:
        raise ValueError(f"engine must be auto, igraph or reference, got {engine!r}")
    if engine == "reference" or (engine == "auto" and n < FAST_MIN_NODES):
        return None
    try:
        import igraph
    except ImportError:
        if engine == "igraph":
            raise
        return None
    return igraph
