"""What makes ingest fast changes nothing in the graph.

Each batch's entities, mentions and links are combined before they are written (one row
per entity, per report and entity, per link), new reports get their mentions without a
search, and big files are read by a second process while the first writes. The graph must
be the one a row-by-row load gives, whatever the batch size, the reader or a reader that
fails half way.
"""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import engine, ingest, writer
from graphintel.ingest.jsonl import read_jsonl, split_lines
from graphintel.ingest.records import (
    EntityIn,
    Limits,
    LinkIn,
    Problem,
    ReportIn,
    SourceEnd,
    Unit,
)
from graphintel.store import Store, library
from graphintel.synth import generate
from tests.graph_helpers import fingerprint, report, write_jsonl


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("speed-world")
    generate(out, seed=3, scale=0.05)
    return out


def _files(world: Path) -> list[Path]:
    # reports (a report per row) and tables with one report per file, whose rows share
    # entities and links within and across batches
    return [world / "reports.jsonl", world / "anpr.csv", world / "call_data.csv",
            world / "missing_episodes.csv", world / "associations.csv"]


def _load(store: Store, settings: Settings, files: list[Path]) -> dict[str, Any]:
    summary = ingest(files, settings=settings, store=store)
    assert summary.ok
    return fingerprint(store)


def test_batch_size_changes_nothing_in_the_graph(store: Store, settings: Settings,
                                                 world: Path) -> None:
    """A batch of one row combines nothing; a batch of every row combines the most."""
    one_by_one = _load(store, replace(settings, batch_size=1), _files(world))
    store.wipe()
    assert _load(store, replace(settings, batch_size=5000), _files(world)) == one_by_one
    store.wipe()
    assert _load(store, replace(settings, batch_size=7), _files(world)) == one_by_one
    assert gc.isenabled()


def test_reloading_changed_reports_merges_as_row_by_row(store: Store, settings: Settings,
                                                        tmp_path: Path) -> None:
    """Reports already in the graph (with mentions and links) take the MERGE path."""
    people = [{"id": "p1", "type": "Person", "name": "Ann LEE", "dob": "1990-01-02",
               "role": "suspect"},
              {"id": "p2", "type": "Person", "name": "Bea MOSS", "dob": "2010-05-06",
               "role": "victim"},
              {"id": "l1", "type": "Location", "address": "1 High St", "postcode": "SN1 1AA",
               "kind": "hotspot"}]
    first = write_jsonl(tmp_path / "a.jsonl", [
        report("IR/1", people, [{"from": "p1", "to": "p2", "type": "EXPLOITS"},
                                {"from": "p1", "to": "l1", "type": "SEEN_AT",
                                 "at": "2025-02-01T10:00:00"}], date="2025-02-02"),
        report("IR/2", people[:1] + people[2:], [
            {"from": "p1", "to": "l1", "type": "SEEN_AT", "at": "2025-01-01T09:00:00",
             "count": 4, "note": "twice"}], date="2025-01-05")])
    changed = write_jsonl(tmp_path / "b.jsonl", [
        report("IR/1", people, [{"from": "p1", "to": "p2", "type": "EXPLOITS",
                                 "note": "again"},
                                {"from": "p1", "to": "l1", "type": "SEEN_AT",
                                 "at": "2025-03-01T10:00:00", "count": 2}],
               date="2025-02-02", narrative="Ann LEE seen with Bea MOSS."),
        report("IR/3", people[1:], [{"from": "p2", "to": "l1", "type": "FREQUENTS"}],
               date="2024-12-01")])
    expected = None
    for batch_size in (1, 1000):
        store.wipe()
        s = replace(settings, batch_size=batch_size)
        _load(store, s, [first])
        got = _load(store, s, [changed])
        if expected is None:
            expected = got
        assert got == expected
    seen = store.read_text(
        "MATCH (:Person {name: 'Ann LEE'})-[r:SEEN_AT]->(:Location) "
        "RETURN r.refs AS refs, r.times AS times, r.first_seen AS first, "
        "r.last_seen AS last, r.reported_count AS reported, r.count AS count", {})
    assert seen == [{"refs": ["IR/1", "IR/2"],
                     "times": ["2025-02-01T10:00:00", "2025-01-01T09:00:00",
                               "2025-03-01T10:00:00"],
                     "first": "2025-01-01T09:00:00", "last": "2025-03-01T10:00:00",
                     "reported": 4, "count": 4}]


def _unit(ref: str, date: str, links: list[LinkIn], row_ref: str | None = None) -> Unit:
    ents = [EntityIn("a", "Phone", "+441", {"number": "+441"}),
            EntityIn("b", "Phone", "+442", {"number": "+442"})]
    return Unit("f", 1, ReportIn(ref, {"ref": ref, "date": date}), ents, links, ref,
                row_ref=row_ref)


def test_links_of_a_batch_are_combined_per_pair_in_input_order() -> None:
    units = [
        _unit("R1", "2025-03-01", [LinkIn("a", "b", "CALLED", at="2025-03-01T10:00", count=3,
                                          note="n1")], "F#L1"),
        _unit("R2", "2025-01-01", [LinkIn("a", "b", "CALLED", count=9),
                                   LinkIn("b", "a", "CALLED")], "F#L2"),
        _unit("R1", "2025-03-01", [LinkIn("a", "b", "CALLED", at="2025-02-01T08:00",
                                          note="n1", kind="voice")], "F#L3"),
    ]
    uids = [{e.local_id: e.uid for e in u.entities} for u in units]
    rows = writer._link_rows(units, uids)
    assert rows == [
        ["Phone:+441", "Phone:+442", "CALLED", ["R1", "R2"], "2025-01-01", "2025-03-01T10:00",
         9, ["2025-03-01T10:00", "2025-02-01T08:00"], ["n1"], ["F#L1", "F#L2", "F#L3"],
         ["voice"]],
        ["Phone:+442", "Phone:+441", "CALLED", ["R2"], "2025-01-01", None, None, None, None,
         ["F#L2"]],
    ]


def test_person_rows_follow_the_fields_resolve_persons_reads() -> None:
    text = library()["resolve_persons"].text
    fields = re.findall(r"(\w+): v\[(\d+)\]", text)
    assert [name for name, _ in fields] == list(writer.PERSON_ROW_FIELDS)
    assert [int(i) for _, i in fields] == list(range(len(writer.PERSON_ROW_FIELDS)))


def _reader_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make every file go through a reader process; returns the file it marks when used."""
    if threading.active_count() != 1 or not hasattr(os, "fork"):
        pytest.skip("a reader process is only used in a single-threaded process on Linux")
    marker = tmp_path / "reader-used"
    real = engine._read_into

    def read_into(rows: Any, out: Any) -> None:
        marker.touch()
        real(rows, out)

    monkeypatch.setattr(engine, "READ_AHEAD_MIN_BYTES", 0)
    monkeypatch.setattr(engine, "READ_AHEAD_EARLY_MIN_BYTES", 0)
    monkeypatch.setattr(engine, "READ_AHEAD_CHUNK", 7)
    monkeypatch.setattr(engine, "_read_into", read_into)
    return marker


def test_reader_process_changes_nothing(store: Store, settings: Settings, world: Path,
                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                        ) -> None:
    s = replace(settings, batch_size=40)
    expected = _load(store, s, _files(world))
    store.wipe()
    marker = _reader_used(tmp_path, monkeypatch)
    assert _load(store, s, _files(world)) == expected
    assert marker.exists()


@pytest.mark.parametrize("parts", [1, 2, 3, 5, 40])
def test_the_parts_of_a_file_read_one_after_the_other_are_the_file(
        world: Path, tmp_path: Path, parts: int) -> None:
    """What two reader processes read of a file's halves is what one reads of the file:
    the same rows with the same line numbers, and the records add up (a BOM, blank and
    CRLF lines, malformed JSON and a line over the limit included)."""
    good = (world / "reports.jsonl").read_bytes().splitlines(keepends=True)[:12]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + good[0] + b"\n" + good[1].rstrip(b"\n") + b"\r\n"
                     + b"{not json\n" + good[2] + b"\n\n" + b'{"x": "' + b"y" * 3000
                     + b'"}\n' + b"".join(good[3:]) + b"  \n" + good[3].rstrip(b"\n"))
    limits = Limits(max_line_bytes=2000)
    whole = list(read_jsonl(path, limits))
    cuts = split_lines(path, parts)
    assert cuts[0][0] == 0 and cuts[-1][1] is None and len(cuts) <= parts
    assert all(a[1] == b[0] for a, b in zip(cuts, cuts[1:], strict=False))
    read = [list(read_jsonl(path, limits, part=part)) for part in cuts]
    ends = [rows.pop() for rows in read]
    assert all(isinstance(end, SourceEnd) for end in ends)
    assert [row for rows in read for row in rows] == whole[:-1]
    non_blank = sum(1 for line in path.read_bytes().split(b"\n") if line.strip())
    assert sum(end.records for end in ends) == whole[-1].records == non_blank
    assert [p.line for p in whole if isinstance(p, Problem)] == [4, 8]


def test_the_ingest_library_loads_no_driver_code_until_it_runs() -> None:
    """So that ingest can start reading the first file in a process of its own before the
    driver is loaded (its import is most of a small load's fixed time)."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys, graphintel.ingest\n"
         "print([m for m in ('neo4j', 'graphintel.store') if m in sys.modules])"],
        capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_first_file_is_read_while_neo4j_is_reached(store: Store, settings: Settings,
                                                   world: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The first file's reader processes start before the connection is made, later
    files' readers when they are reached; the graph is the one of a load without
    readers."""
    expected = _load(store, settings, _files(world))
    store.wipe()
    marker = _reader_used(tmp_path, monkeypatch)
    order: list[object] = []
    real_reader, real_open = engine._reader, Store.open

    def reader(path: Path, *args: Any, early: bool = False) -> engine.ReadAhead:
        made = real_reader(path, *args, early=early)
        order.append((path.name, early, len(made._readers)))
        return made

    def open_store(settings: Settings, **kwargs: Any) -> Store:
        order.append("open")
        return real_open(settings, **kwargs)

    monkeypatch.setattr(engine, "_reader", reader)
    monkeypatch.setattr(Store, "open", open_store)
    assert ingest(_files(world), settings=settings).ok
    assert fingerprint(store) == expected
    assert marker.exists()
    # the first file (JSON Lines) is read in parts at once, each by a process
    assert order == [("reports.jsonl", True, engine.READ_AHEAD_EARLY_PARTS), "open",
                     *((f.name, False, 1) for f in _files(world)[1:])]


@pytest.mark.parametrize("how", ["fails", "dies"])
def test_reader_that_stops_half_way_is_taken_over(store: Store, settings: Settings,
                                                  world: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  how: str) -> None:
    s = replace(settings, batch_size=40)
    expected = _load(store, s, _files(world))
    store.wipe()
    marker = _reader_used(tmp_path, monkeypatch)

    def half_way(rows: Any, out: Any) -> None:
        marker.touch()
        chunk = [item for _, item in zip(range(30), rows, strict=False)]
        out.put(("rows", chunk))
        if how == "fails":
            out.put(("failed", None))
        else:
            out.close()
            out.join_thread()
            os._exit(1)

    monkeypatch.setattr(engine, "_read_into", half_way)
    assert _load(store, s, _files(world)) == expected
    assert marker.exists()


def test_the_same_new_reports_loaded_twice_at_once_are_written_once(
        store: Store, settings: Settings, world: Path) -> None:
    """Two loads of the same new file-wide reports at once: the second waits for the first's
    report lock, then finds the mentions it made (no duplicate mentions or links)."""
    files = [world / "anpr.csv", world / "call_data.csv", world / "associations.csv"]
    assert ingest(files, settings=settings, store=store).ok
    expected = fingerprint(store, sort_lists=True)
    counts = store.counts()
    store.wipe()
    errors: list[BaseException] = []

    def load() -> None:
        try:
            with Store.open(settings) as own:
                ingest(files, settings=replace(settings, batch_size=30), store=own)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []
    assert store.counts() == counts
    assert fingerprint(store, sort_lists=True) == expected
