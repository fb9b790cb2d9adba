"""Rows come back as the driver's ``record.data()`` would give them, whatever they hold."""

from __future__ import annotations

from graphintel.store import Store, plain_row

ROWS = """
RETURN 1 AS n, 2.5 AS x, 'text' AS s, null AS nothing, true AS yes, [1, 'a', null] AS mixed,
       {a: 1, b: [{c: 'd', e: [1.5]}], f: null} AS nested, date('2025-01-02') AS day,
       datetime('2025-01-02T03:04:05Z') AS moment, [date('2025-01-03')] AS days,
       [[1, 2], [3]] AS lists, {} AS empty
"""


def test_plain_rows_equal_the_drivers_conversion(store: Store) -> None:
    store.wipe()
    with store._driver.session(database=store.database) as session:
        record = session.run(ROWS).single()
        assert record is not None
        assert plain_row(record) == record.data()
        assert list(plain_row(record)) == list(record.data())
        session.run("CREATE (:Scratch {k: 1})-[:NEXT {w: 2}]->(:Scratch {k: 2})").consume()
        graph = session.run("MATCH p = (a:Scratch)-[r:NEXT]->(b) "
                            "RETURN a, r, p, [a] AS nodes, {n: b} AS holder").single()
        assert graph is not None
        assert plain_row(graph) == graph.data()
        assert plain_row(graph)["a"] == {"k": 1}
    assert store.read_text("RETURN {a: [1, {b: 2}]} AS m", {}) == [{"m": {"a": [1, {"b": 2}]}}]
    store.wipe()


BATCHES = """
UNWIND range(1, $n) AS x
WITH collect({x: x, even: x % 2 = 0}) AS batch
UNWIND range(0, size(batch) - 1, 5000) AS i
RETURN batch[i..i + 5000] AS rows
"""


def test_a_batched_query_comes_back_as_its_rows_in_order(store: Store) -> None:
    # a batched query returns its rows 5,000 to a record; the store flattens them
    for n in (0, 1, 5000, 12_001):
        rows = store.read_text(BATCHES, {"n": n}, batched=True)
        assert rows == [{"x": x, "even": x % 2 == 0} for x in range(1, n + 1)]
    assert len(store.read_text(BATCHES, {"n": 12_001})) == 3  # the records, unbatched
