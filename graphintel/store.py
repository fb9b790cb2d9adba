"""The gateway to Neo4j: the only module that holds the driver and opens sessions.

Everything else asks a :class:`Store` to run a named query from ``cypher/`` (or, for the
officer query commands, a query file's text) in a read or a write transaction
(:mod:`graphintel.transactions` holds what runs inside one). Managed transactions give
the driver's retries on transient failures (deadlocks, leader changes, a restarted
server); the named query commands read with auto-commit reads instead, one round trip
each, which :meth:`Store.read_auto` retries itself. Connection and credential problems become
:class:`~graphintel.errors.Neo4jUnavailable` with a message that never contains the
password.

Every read transaction carries a server-side timeout (``GRAPHINTEL_QUERY_TIMEOUT``): Neo4j
stops a longer one and the caller gets :class:`~graphintel.errors.QueryTimeout`. Streaming
whole-graph reads (:meth:`Store.read_each`: the analysis projection and other batch work)
have a longer one of their own (``GRAPHINTEL_BULK_READ_TIMEOUT``), since at force scale
they take minutes by nature. A
``KeyboardInterrupt`` (Ctrl-C) while a query runs closes the driver at once, without the
graceful rollback that would wait for the query to finish: the server sees the connection
go and terminates the transaction. The store is closed after that.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graphintel import local_neo4j
from graphintel.config import Settings
from graphintel.cypher_files import CypherFile
from graphintel.errors import CypherFileError, Neo4jUnavailable, QueryTimeout, ReadOnlyViolation
from graphintel.rows import plain_row
from graphintel.transactions import (
    TX_METADATA,
    AutoCommit,
    Reader,
    Tx,
    WriteCounts,
    library,
    rows_of,
)

T = TypeVar("T")
WRITE_QUERY_TYPES = {"w", "rw", "s"}
DEFAULT_QUERY_TIMEOUT_S = 60.0
DEFAULT_BULK_TIMEOUT_S = 3600.0
@dataclass(frozen=True)
class ServerInfo:
    """What the connected server says about itself."""

    address: str
    agent: str
    version: str
    edition: str


def _connection_target(settings: Settings) -> tuple[str, str, str]:
    if settings.uses_local_neo4j:
        state = local_neo4j.start(settings)
        assert state.uri is not None
        return state.uri, "neo4j", local_neo4j.read_password(settings)
    if not settings.neo4j_password:
        raise Neo4jUnavailable(
            "NEO4J_URI is set but NEO4J_PASSWORD is not", "NEO4J_PASSWORD",
            "set it in .env or the environment",
        )
    assert settings.neo4j_uri is not None
    return settings.neo4j_uri, settings.neo4j_user, settings.neo4j_password


class Store:
    """An open connection to one Neo4j database."""

    def __init__(self, driver: neo4j.Driver, database: str, uri: str, *,
                 query_timeout: float = DEFAULT_QUERY_TIMEOUT_S,
                 bulk_timeout: float = DEFAULT_BULK_TIMEOUT_S) -> None:
        self._driver = driver
        self.database = database
        self.uri = uri
        #: Seconds a read transaction may run before the server stops it.
        self.query_timeout = query_timeout
        #: The same for a streaming whole-graph read (:meth:`read_each`).
        self.bulk_timeout = bulk_timeout
        self.closed = False
        self._procedures: frozenset[str] | None = None

    @classmethod
    def open(cls, settings: Settings, *, start_local: bool = True) -> Store:
        """Connect (starting the local Neo4j when no ``NEO4J_URI`` is set) and verify."""
        if settings.uses_local_neo4j and not start_local:
            state = local_neo4j.status(settings)
            if not state.running or state.uri is None:
                raise Neo4jUnavailable(
                    "the local Neo4j is not running", str(state.data_dir),
                    "run 'graphintel neo4j start'",
                )
            uri, user, password = state.uri, "neo4j", local_neo4j.read_password(settings)
        else:
            uri, user, password = _connection_target(settings)
        driver = GraphDatabase.driver(
            uri, auth=(user, password), connection_timeout=10.0,
            max_transaction_retry_time=60.0, notifications_min_severity="OFF",
        )
        store = cls(driver, settings.neo4j_database, uri,
                    query_timeout=float(settings.query_timeout_s),
                    bulk_timeout=float(settings.bulk_read_timeout_s))
        try:
            driver.verify_connectivity()
        except AuthError:
            driver.close()
            raise Neo4jUnavailable(
                f"Neo4j at {uri} refused the credentials of user {user!r}",
                "NEO4J_USER / NEO4J_PASSWORD", "check the user and password in .env",
            ) from None
        except ClientError as exc:
            if not (exc.code or "").startswith("Neo.ClientError.Security."):
                raise
            driver.close()  # e.g. AuthenticationRateLimit after failed logins
            raise Neo4jUnavailable(
                f"Neo4j at {uri} refused the login of user {user!r} "
                f"({(exc.code or '').rsplit('.', 1)[-1]})", "NEO4J_USER / NEO4J_PASSWORD",
                "after several wrong passwords Neo4j refuses logins for a while: wait, then "
                "check the user and password in .env") from None
        except (ServiceUnavailable, DriverError, OSError, ValueError) as exc:
            driver.close()
            raise Neo4jUnavailable(
                f"cannot reach Neo4j at {uri} ({type(exc).__name__})", "NEO4J_URI",
                "start Neo4j ('docker compose up -d' or 'graphintel neo4j start') "
                "or fix NEO4J_URI",
            ) from None
        return store

    def close(self) -> None:
        self.closed = True
        self._driver.close()

    def abandon(self) -> None:
        """Close every connection now, work in flight included (used on Ctrl-C).

        No rollback is sent, so nothing waits for a running query: the server terminates
        the transactions of the closed connections. The store cannot be used afterwards.
        """
        self.closed = True
        try:
            self._driver.close()
        except (DriverError, Neo4jError, OSError):
            pass  # the connection is going anyway

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def server_info(self) -> ServerInfo:
        info = self._driver.get_server_info()
        rows = self.read_text(
            "CALL dbms.components() YIELD versions, edition RETURN versions[0] AS v, edition",
            {},
        )
        return ServerInfo(str(info.address), info.agent, rows[0]["v"], rows[0]["edition"])

    def procedures(self) -> frozenset[str]:
        """graphintel's own procedures this server has (graphintel/served.py), asked once
        per store: a server gains or loses a plugin only by a restart."""
        if self._procedures is None:
            self._procedures = frozenset(r["name"] for r in self.read("server_procedures"))
        return self._procedures

    # -- named queries -------------------------------------------------------------------

    def query(self, name: str) -> CypherFile:
        """A shipped query by its header name."""
        try:
            return library()[name]
        except KeyError:
            raise CypherFileError(f"no query named {name!r} ships with graphintel") from None

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a shipped read query and return its rows as dicts."""
        cf = self.query(name)
        bound = cf.bind(params)
        return self._execute_read(cf.statements, bound, name, batched=cf.batched)

    def read_each(self, name: str, fn: Callable[[dict[str, Any]], None], **params: Any) -> int:
        """Stream a shipped read query's rows to ``fn`` without holding them all; count them."""
        cf = self.query(name)
        bound = cf.bind(params)

        def work(tx: ManagedTransaction) -> int:
            count = 0
            for record in tx.run(cf.text, bound):
                for row in plain_row(record)["rows"] if cf.batched else [plain_row(record)]:
                    fn(row)
                    count += 1
            return count

        with self._session(neo4j.READ_ACCESS, name, bulk=True) as session:
            return int(session.execute_read(self._read_unit(work, self.bulk_timeout)))

    def write(self, name: str, **params: Any) -> WriteCounts:
        """Run a shipped write query (all its statements, one transaction each)."""
        cf = self.query(name)
        bound = cf.bind(params)
        counts = WriteCounts()
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in cf.statements:
                if cf.mode == "autocommit":
                    # CALL { } IN TRANSACTIONS commits its own batches, outside a managed one.
                    counts.add(session.run(statement, bound).consume().counters)
                else:
                    counts.add(session.execute_write(_consume, statement, bound))
        return counts

    def write_rows(
        self, name: str, rows: Sequence[dict[str, Any]], *, batch_size: int = 1000,
        **params: Any,
    ) -> WriteCounts:
        """Run a shipped ``UNWIND $rows`` write query over ``rows`` in batches."""
        counts = WriteCounts()
        if not rows:
            return counts
        cf = self.query(name)
        with self._session(neo4j.WRITE_ACCESS) as session:
            for start in range(0, len(rows), batch_size):
                bound = cf.bind({**params, "rows": list(rows[start:start + batch_size])})
                for statement in cf.statements:
                    counts.add(session.execute_write(_consume, statement, bound))
        return counts

    def write_batches(self, batches: Iterable[tuple[str, dict[str, Any]]]) -> WriteCounts:
        """Run several shipped write queries in ONE transaction (all or nothing)."""
        prepared = [(self.query(n), p) for n, p in batches]

        def work(tx: ManagedTransaction) -> list[neo4j.SummaryCounters]:
            out = []
            for cf, params in prepared:
                bound = cf.bind(params)
                for statement in cf.statements:
                    out.append(tx.run(statement, bound).consume().counters)
            return out

        counts = WriteCounts()
        with self._session(neo4j.WRITE_ACCESS) as session:
            for c in session.execute_write(work):
                counts.add(c)
        return counts

    def write_tx(self, fn: Callable[[Tx], T], *, attempts: int = 5) -> tuple[T, WriteCounts]:
        """Run ``fn`` in one write transaction (all or nothing) and return its counters.

        ``fn`` may run more than once, so it must not change anything outside the
        transaction until it has committed. The driver retries transient failures
        (a deadlock between two loads, a restarting server) for up to a minute; a batch
        still failing after that is retried here, with the whole transaction, as is a
        uniqueness conflict between two concurrent loads creating the same entity: the
        next attempt finds the node the other load committed.
        """
        def work(tx: ManagedTransaction) -> tuple[T, WriteCounts]:
            wrapped = Tx(tx)
            return fn(wrapped), wrapped.counts

        for attempt in range(1, attempts + 1):
            try:
                with self._session(neo4j.WRITE_ACCESS) as session:
                    return session.execute_write(work)
            except (ConstraintError, TransientError) as exc:
                if attempt == attempts or not (isinstance(exc, ConstraintError)
                                               or exc.is_retryable()):
                    raise
                time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    # -- text queries (schema and the officer query commands) -----------------------------

    def read_text(self, text: str, params: dict[str, Any], *,
                  what: str | None = None, batched: bool = False) -> list[dict[str, Any]]:
        """Run a query text (``what``, for messages) in a READ transaction, with the read
        timeout: the server refuses any write in it. ``batched``: the text returns its rows
        in batches (see :mod:`graphintel.cypher_files`), flattened here."""
        return self._execute_read((text,), params, what, batched=batched)

    def run_schema(self, statements: Sequence[str]) -> None:
        """Run schema statements (constraints, indexes), each in its own transaction."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in statements:
                session.run(statement).consume()

    def query_type(self, text: str, params: dict[str, Any]) -> tuple[str, set[str]]:
        """EXPLAIN a query: its type ('r', 'rw', 'w', 's') and the plan's operator names; a
        procedure call is named ``ProcedureCall:<procedure>`` (the procedure from the
        operator's details), so that callers can check which procedure it is."""
        def work(tx: ManagedTransaction) -> tuple[str, set[str]]:
            summary = tx.run("EXPLAIN " + text, params).consume()
            ops: set[str] = set()
            stack = [summary.plan] if summary.plan else []
            while stack:
                node = stack.pop()
                op = str(node.get("operatorType", "")).split("@")[0]
                if "ProcedureCall" in op:
                    details = str((node.get("args") or {}).get("Details", ""))
                    op += ":" + details.split("(", 1)[0].strip()
                ops.add(op)
                stack.extend(node.get("children", []))
            return str(summary.query_type or ""), ops

        with self._session(neo4j.READ_ACCESS) as session:
            try:
                return session.execute_read(self._read_unit(work))
            except ClientError as exc:
                if _timed_out(exc):
                    raise
                if "AccessMode" in (exc.code or "") or "write" in (exc.message or "").lower():
                    raise ReadOnlyViolation(
                        "the query writes to the graph and the query commands are read-only",
                        fix="remove the write clause",
                    ) from None
                raise

    def counts(self) -> dict[str, int]:
        """Node and relationship totals and property counts, to prove a call changed nothing."""
        rows = self.read("graph_counts")
        return {str(k): int(v) for k, v in rows[0].items()}

    def has_data(self) -> bool:
        """True when the graph holds any report or entity (cheap: stops at the first)."""
        rows = self.read("has_data")
        return bool(rows and rows[0]["has_data"])

    def wipe(self) -> WriteCounts:
        """Delete every node and relationship (the schema stays); for tests and resets."""
        return self.write("wipe_graph")

    # -- internals --------------------------------------------------------------------------

    def _read_unit(self, work: Callable[[ManagedTransaction], T],
                   timeout: float | None = None) -> Callable[[ManagedTransaction], T]:
        """``work`` as a unit of work with the read timeout (``timeout``, default the
        query timeout) and graphintel's metadata."""
        return neo4j.unit_of_work(timeout=timeout or self.query_timeout,
                                  metadata=TX_METADATA)(work)

    @contextmanager
    def _session(self, mode: str, what: str | None = None, *, bulk: bool = False
                 ) -> Iterator[neo4j.Session]:
        """A session for ``what`` (a query name, for messages).

        Losing the server mid-way becomes :class:`Neo4jUnavailable`, a transaction the
        server stopped for its timeout :class:`QueryTimeout`. On ``KeyboardInterrupt``
        the store is abandoned (:meth:`abandon`) instead of closing the session, whose
        rollback would wait for the running query to end.
        """
        session = self._driver.session(database=self.database, default_access_mode=mode)
        interrupted = False
        try:
            yield session
        except KeyboardInterrupt:
            interrupted = True
            self.abandon()
            raise
        except (ServiceUnavailable, SessionExpired) as exc:
            raise self._lost(exc) from None
        except ClientError as exc:
            if _timed_out(exc) and bulk:
                raise QueryTimeout(
                    f"{'query ' + repr(what) if what else 'the query'} did not finish within "
                    f"{self.bulk_timeout:g} s and Neo4j stopped it",
                    "GRAPHINTEL_BULK_READ_TIMEOUT",
                    "raise GRAPHINTEL_BULK_READ_TIMEOUT for a graph this large",
                ) from None
            if _timed_out(exc):
                raise QueryTimeout(
                    f"{'query ' + repr(what) if what else 'the query'} did not finish within "
                    f"{self.query_timeout:g} s and Neo4j stopped it",
                    "GRAPHINTEL_QUERY_TIMEOUT",
                    "narrow it (fewer links, a smaller limit, a more specific subject) or "
                    "raise GRAPHINTEL_QUERY_TIMEOUT",
                ) from None
            raise
        finally:
            if not interrupted:
                try:
                    session.close()
                except (ServiceUnavailable, SessionExpired) as exc:
                    raise self._lost(exc) from None

    def _lost(self, exc: Exception) -> Neo4jUnavailable:
        return Neo4jUnavailable(
            f"lost the connection to Neo4j at {self.uri} ({type(exc).__name__})",
            "NEO4J_URI",
            "check that Neo4j is running, then run the command again: loads are "
            "idempotent, so nothing is duplicated",
        )

    def _execute_read(self, statements: Sequence[str], params: dict[str, Any],
                      what: str | None = None, *, batched: bool = False
                      ) -> list[dict[str, Any]]:
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            rows: list[dict[str, Any]] = []
            for statement in statements:
                rows = rows_of(tx.run(statement, params), batched)
            return rows

        return self._read(work, what)

    def read_tx(self, fn: Callable[[Reader], T], *, what: str | None = None) -> T:
        """Run ``fn`` in one read transaction (it may run more than once): a query and the
        lookups it needs first cost one transaction, not one each."""
        return self._read(lambda tx: fn(Reader(tx)), what)

    def read_auto(self, fn: Callable[[Reader], T], *, what: str | None = None,
                  attempts: int = 3) -> T:
        """Run ``fn`` with each of its reads an auto-commit read transaction of its own, in
        one session (it may run more than once). A managed transaction costs a round trip
        each to begin, run and commit; an auto-commit read is one, which matters when many
        analysts query at once on a busy server. The server still refuses any write (read
        access mode), with the same timeout. For short lookups whose reads need not see one
        snapshot (a person resolved, then the query about them); a transient failure or a
        lost connection is retried here, as the driver retries a managed transaction."""
        for attempt in range(1, attempts + 1):
            with self._session(neo4j.READ_ACCESS, what) as session:
                try:
                    return fn(Reader(AutoCommit(session, self.query_timeout)))
                except (TransientError, SessionExpired, ServiceUnavailable) as exc:
                    if attempt == attempts or (isinstance(exc, TransientError)
                                               and not exc.is_retryable()):
                        raise
                except ClientError as exc:
                    if "AccessMode" in (exc.code or ""):
                        raise ReadOnlyViolation(
                            "the query tried to write and was refused (read access mode)",
                            fix="query commands are read-only; use the ingest commands to "
                                "change data",
                        ) from None
                    raise
            time.sleep(0.05 * attempt)
        raise AssertionError("unreachable")

    def _read(self, work: Callable[[ManagedTransaction], T], what: str | None) -> T:
        with self._session(neo4j.READ_ACCESS, what) as session:
            try:
                return session.execute_read(self._read_unit(work))
            except ClientError as exc:
                if "AccessMode" in (exc.code or ""):
                    raise ReadOnlyViolation(
                        "the query tried to write and was refused (read transaction)",
                        fix="query commands are read-only; use the ingest commands to change data",
                    ) from None
                raise


def _timed_out(exc: Neo4jError) -> bool:
    """True for a transaction the server stopped for its (client or server) timeout."""
    return "TransactionTimedOut" in (exc.code or "")


def _consume(tx: ManagedTransaction, statement: str,
             params: dict[str, Any]) -> neo4j.SummaryCounters:
    return tx.run(statement, params).consume().counters


def wait_until_available(settings: Settings, timeout_s: float = 60.0) -> Store:
    """Open a store, retrying while Neo4j is (re)starting, up to ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return Store.open(settings)
        except Neo4jUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(1.0)


def iter_chunks(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Group rows into lists of at most ``size``."""
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = ["Neo4jError", "Reader", "ServerInfo", "Store", "WriteCounts", "library", "plain_row"]
