"""Several reads in one read transaction (Store.read_tx), as a named query and the people
it names are resolved."""

from __future__ import annotations

import time

import pytest

from graphintel.errors import NotFound, ReadOnlyViolation
from graphintel.store import Reader, Store
from graphintel.subjects import resolve_person

NOW = "RETURN toString(datetime.transaction()) AS t"


def test_reads_share_one_transaction(store: Store) -> None:
    def twice(reader: Reader) -> tuple[str, str]:
        first = reader.read_text(NOW, {})[0]["t"]
        time.sleep(0.01)
        return first, reader.read_text(NOW, {})[0]["t"]

    a, b = store.read_tx(twice, what="test")
    assert a == b  # datetime.transaction() is fixed for one transaction
    first = store.read_text(NOW, {})[0]["t"]
    time.sleep(0.01)
    assert store.read_text(NOW, {})[0]["t"] != first  # one each otherwise


def test_a_reader_resolves_people_as_the_store_does(store: Store) -> None:
    store.wipe()
    store.read_text("RETURN 1 AS one", {})
    with store._driver.session(database=store.database) as session:
        session.run("CREATE (:Entity:Person {uid: 'Person:ref:N1', key: 'ref:N1', "
                    "name: 'Jordan Smith', nominal_ref: 'N1'})").consume()
    assert store.read_tx(lambda r: resolve_person(r, "N1")) == resolve_person(store, "N1")
    with pytest.raises(NotFound):
        store.read_tx(lambda r: resolve_person(r, "Nobody Atall"))
    store.wipe()


def test_writes_are_refused_inside(store: Store) -> None:
    with pytest.raises(ReadOnlyViolation):
        store.read_tx(lambda r: r.read_text("CREATE (:Scratch {k: 1})", {}))
    assert store.read_text("MATCH (s:Scratch) RETURN count(s) AS n", {}) == [{"n": 0}]


def test_auto_commit_reads_are_one_transaction_each(store: Store) -> None:
    """Store.read_auto (the named queries' path): each read is its own auto-commit
    transaction, one round trip instead of three."""
    def twice(reader: Reader) -> tuple[str, str]:
        first = reader.read_text(NOW, {})[0]["t"]
        time.sleep(0.01)
        return first, reader.read_text(NOW, {})[0]["t"]

    a, b = store.read_auto(twice, what="test")
    assert a != b


def test_auto_commit_reads_refuse_writes_and_resolve_people(store: Store) -> None:
    store.wipe()
    with pytest.raises(ReadOnlyViolation):
        store.read_auto(lambda r: r.read_text("CREATE (:Scratch {k: 1})", {}))
    with pytest.raises(ReadOnlyViolation):
        store.read_auto(lambda r: r.read_text(
            "CALL () { CREATE (:Scratch {k: 2}) } IN TRANSACTIONS RETURN 1 AS one", {}))
    assert store.read_text("MATCH (s:Scratch) RETURN count(s) AS n", {}) == [{"n": 0}]
    with store._driver.session(database=store.database) as session:
        session.run("CREATE (:Entity:Person {uid: 'Person:ref:N1', key: 'ref:N1', "
                    "name: 'Jordan Smith', nominal_ref: 'N1'})").consume()
    assert store.read_auto(lambda r: resolve_person(r, "N1")) == "Person:ref:N1"
    with pytest.raises(NotFound):
        store.read_auto(lambda r: resolve_person(r, "Nobody Atall"))
    store.wipe()


def test_auto_commit_reads_are_retried_after_a_transient_failure(store: Store) -> None:
    from neo4j.exceptions import TransientError

    calls: list[int] = []

    def flaky(reader: Reader) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise TransientError("deadlock", "Neo.TransientError.Transaction.DeadlockDetected")
        return int(reader.read_text("RETURN 41 + 1 AS n", {})[0]["n"])

    assert store.read_auto(flaky) == 42 and len(calls) == 2
