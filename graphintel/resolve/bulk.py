"""Bulk-create people for timing the duplicate search (benchmarks only, never ingest).

Real data enters through ingest; ``bench/resolve_bench.py`` uses this to put 10k or 100k
generated people (with phones and home addresses) into a throwaway Neo4j quickly.
"""

from __future__ import annotations

from typing import Any

from graphintel.store import Store, WriteCounts


def load_people(store: Store, rows: list[dict[str, Any]], batch_size: int = 5000) -> WriteCounts:
    """Create people from rows ``{props, phone, home}`` (see ``resolve_bench_people``)."""
    return store.write_rows("resolve_bench_people", rows, batch_size=batch_size)
