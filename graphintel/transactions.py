"""What runs inside a transaction of the store: the shipped queries by name, a write
transaction's counters, and the reads of a read transaction or of a session's auto-commit
reads. :mod:`graphintel.store` opens the sessions and hands these out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import ManagedTransaction

from graphintel.cypher_files import CypherFile, load_folder
from graphintel.resources import cypher_dir
from graphintel.rows import plain_row

__all__ = ["TX_METADATA", "AutoCommit", "Reader", "Tx", "WriteCounts", "library", "rows_of"]

#: Metadata on every graphintel read transaction (seen in SHOW TRANSACTIONS).
TX_METADATA = {"app": "graphintel"}
_library_cache: dict[str, CypherFile] | None = None


def library() -> dict[str, CypherFile]:
    """Every ``.cypher`` file shipped with graphintel, by its header name."""
    global _library_cache
    if _library_cache is None:
        _library_cache = load_folder(cypher_dir())
    return _library_cache


@dataclass
class WriteCounts:
    """Counters summed over the write transactions of one call."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0

    def add(self, counters: neo4j.SummaryCounters) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set
        self.labels_added += counters.labels_added


class Tx:
    """A write transaction handed to :meth:`Store.write_tx`: runs shipped queries only."""

    def __init__(self, tx: ManagedTransaction) -> None:
        self._tx = tx
        self.counts = WriteCounts()

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        cf = library()[name]
        bound = cf.bind(params)
        rows: list[dict[str, Any]] = []
        for statement in cf.statements:
            result = self._tx.run(statement, bound)
            rows = [plain_row(r) for r in result]
            self.counts.add(result.consume().counters)
        return rows


class Reader:
    """Reads inside one read transaction (:meth:`Store.read_tx`): several queries at the
    cost of one transaction; or each its own auto-commit read transaction in one session
    (:meth:`Store.read_auto`)."""

    def __init__(self, tx: ManagedTransaction | AutoCommit) -> None:
        self._tx = tx

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """As :meth:`Store.read`, in this transaction."""
        cf = library()[name]
        bound = cf.bind(params)
        rows: list[dict[str, Any]] = []
        for statement in cf.statements:
            rows = rows_of(self._tx.run(statement, bound), cf.batched)
        return rows

    def read_text(self, text: str, params: dict[str, Any], *,
                  batched: bool = False) -> list[dict[str, Any]]:
        """As :meth:`Store.read_text`, in this transaction."""
        return rows_of(self._tx.run(text, params), batched)


class AutoCommit:
    """A session's auto-commit reads, each with the read timeout and graphintel's
    metadata, as a transaction's ``run``."""

    def __init__(self, session: neo4j.Session, timeout: float) -> None:
        self._session, self._timeout = session, timeout

    def run(self, text: str, params: dict[str, Any]) -> neo4j.Result:
        return self._session.run(
            neo4j.Query(text, timeout=self._timeout, metadata=TX_METADATA),
            params)


def rows_of(result: Iterable[neo4j.Record], batched: bool) -> list[dict[str, Any]]:
    """The rows of a result as plain dicts; a ``batched`` query's batches flattened."""
    if not batched:
        return [plain_row(r) for r in result]
    return [row for r in result for row in plain_row(r)["rows"]]
