"""Fuzzing ingest: random bytes, text and structures as JSON Lines, CSV and XLSX.

Whatever the input, ingest raises nothing but a :class:`GraphintelError`, and every record
the file holds is accounted for: read = loaded + duplicates + skipped + quarantined = the
file's records. Mostly the dry-run path (the same parsing and validation, no writes), plus
a few real loads. Deterministic (``derandomize``) and small, so it stays fast.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphintel.config import Settings
from graphintel.errors import GraphintelError
from graphintel.ingest import ingest
from graphintel.ingest.engine import IngestSummary
from graphintel.store import Store

FAST = settings(max_examples=40, derandomize=True, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
LOADS = settings(max_examples=6, derandomize=True, deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture,
                                        HealthCheck.too_slow])

INTEL_LOG = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB", "Subject Role",
             "Phone", "VRM", "Location", "Postcode", "Narrative"]
CALL_DATA = ["Caller", "Callee", "Start", "Duration Seconds"]

# Cells that look almost right: the parsers' edge cases are where bugs hide.
NEAR_MISS = st.sampled_from([
    "", " ", '"', '""', '"x', 'x"', '"a"b', ",", ";", "\t", "\n", "\r", "\r\n", "\x00",
    "01/03/2025 21:40", "01/03/2025", "2025-03-01T21:40:00", "0001-01-01", "9999-12-31",
    "31/02/2025", "2BP", "1A C", "9ZZ", "suspect", "victim", "nobody", "07700 900123",
    "+447700900123", "ab12 cde", "BA1 1AA", "Jordan SMITH", "=cmd|' /C calc'!A0",
    "\ufeff", "\u202e", "é", "\udcff", "1e999", "-1", "NaN",
])
CELL = st.one_of(NEAR_MISS, st.text(max_size=12))
JSON_LEAF = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(),
                      st.text(max_size=10), NEAR_MISS)
JSON_VALUE = st.recursive(JSON_LEAF, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=6), inner, max_size=3)),
    max_leaves=12)


@st.composite
def report_like(draw: st.DrawFn) -> dict[str, Any]:
    """A canonical report with some fields missing, wrong or odd."""
    ent = st.fixed_dictionaries({
        "id": st.sampled_from(["e1", "e2", "e3", ""]),
        "type": st.sampled_from(["Person", "Phone", "Vehicle", "Location", "OnlineAccount",
                                 "Event", "Dragon"]),
    }, optional={"name": CELL, "dob": CELL, "number": CELL, "vrm": CELL, "postcode": CELL,
                 "address": CELL, "platform": CELL, "handle": CELL, "kind": CELL,
                 "start": CELL, "end": CELL, "role": CELL, "lat": JSON_LEAF})
    link = st.fixed_dictionaries({"from": st.sampled_from(["e1", "e2", "e9"]),
                                  "to": st.sampled_from(["e1", "e2", "e3"]),
                                  "type": st.sampled_from(["USES", "SEEN_AT", "nope"])},
                                 optional={"at": CELL, "count": JSON_LEAF})
    report: dict[str, Any] = draw(st.fixed_dictionaries(
        {"ref": st.one_of(CELL, JSON_LEAF), "date": st.one_of(CELL, JSON_LEAF),
         "grading": st.one_of(CELL, JSON_VALUE)},
        optional={"narrative": CELL, "entities": st.one_of(st.lists(ent, max_size=3),
                                                           JSON_VALUE),
                  "links": st.one_of(st.lists(link, max_size=3), JSON_VALUE),
                  "extra": JSON_VALUE}))
    return report


JSONL_LINE = st.one_of(
    report_like().map(lambda r: json.dumps(r).encode()),
    JSON_VALUE.map(lambda v: json.dumps(v).encode()),
    st.binary(max_size=40).filter(lambda b: b"\n" not in b),
    st.text(max_size=30).map(lambda t: t.replace("\n", " ").encode("utf-8", "surrogatepass")),
)
LINE_ENDS = st.sampled_from([b"\n", b"\r\n", b"\r", b"\n\n"])


def checked(run: Callable[[], IngestSummary]) -> IngestSummary | None:
    """Run ingest; only a GraphintelError may escape, and the counts must add up."""
    try:
        summary = run()
    except GraphintelError as exc:
        assert "\n" not in exc.what
        return None
    for f in summary.files:
        assert f.records is not None and f.balanced, f
        assert f.read == f.loaded + f.duplicates + f.skipped + f.quarantined == f.records
        assert f.quarantined == 0 or f.problems
    return summary


def in_file(name: str, data: bytes, run: Callable[[Path], IngestSummary]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        checked(lambda: run(path))


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, end: bytes,
              quote_all: bool) -> bytes:
    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote_all else value
    lines = [delimiter.join(header)] + [delimiter.join(cell(c) for c in r) for r in rows]
    return end.join(x.encode("utf-8", "surrogateescape") for x in lines) + end


@FAST
@given(lines=st.lists(st.tuples(JSONL_LINE, LINE_ENDS), max_size=8))
def test_jsonl_fuzz_dry_run(settings: Settings, lines: list[tuple[bytes, bytes]]) -> None:
    data = b"".join(text + end for text, end in lines)
    in_file("fuzz.jsonl", data, lambda p: ingest([p], settings=settings, dry_run=True))


@FAST
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".jsonl", ".csv", ".xlsx"]),
       mapping=st.sampled_from([None, "intel_log", "call_data"]))
def test_random_bytes_fuzz_dry_run(settings: Settings, data: bytes, suffix: str,
                                   mapping: str | None) -> None:
    in_file("fuzz" + suffix, data,
            lambda p: ingest([p], settings=settings, dry_run=True, mapping=mapping))


@FAST
@given(which=st.sampled_from([("intel_log", INTEL_LOG), ("call_data", CALL_DATA)]),
       rows=st.lists(st.lists(CELL, min_size=0, max_size=14), max_size=8),
       delimiter=st.sampled_from([",", ";"]), end=st.sampled_from(["\n", "\r\n", "\r"]),
       quote_all=st.booleans(), multiline=st.booleans())
def test_csv_fuzz_dry_run(settings: Settings, which: tuple[str, list[str]],
                          rows: list[list[str]], delimiter: str, end: str, quote_all: bool,
                          multiline: bool) -> None:
    name, header = which
    data = csv_bytes(header, rows, delimiter, end.encode(), quote_all)
    with tempfile.TemporaryDirectory() as tmp:
        mapping = name
        if multiline or delimiter != ",":
            from graphintel.resources import loaders_dir
            text = (loaders_dir() / f"{name}.yaml").read_text(encoding="utf-8")
            extra = f"file:\n  multiline: {str(multiline).lower()}\n  delimiter: \"{delimiter}\"\n"
            text = text.replace("file:\n  encoding: utf-8\n", "")
            text = text.replace("\nreport:", f"\n{extra}report:", 1)
            mapping = str(Path(tmp) / f"{name}_fuzz.yaml")
            Path(mapping).write_text(text, encoding="utf-8")
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes(data)
        checked(lambda: ingest([path], settings=settings, dry_run=True, mapping=mapping))


XLSX_CELL = st.one_of(st.none(), CELL.filter(lambda s: s.isprintable()), st.integers(-10**6, 10**6),
                      st.floats(allow_nan=False, allow_infinity=False), st.booleans(),
                      st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 1, 1)))


@FAST
@given(which=st.sampled_from([("intel_log", INTEL_LOG), ("call_data", CALL_DATA)]),
       rows=st.lists(st.lists(XLSX_CELL, max_size=14), max_size=6))
def test_xlsx_fuzz_dry_run(settings: Settings, which: tuple[str, list[str]],
                           rows: list[list[Any]]) -> None:
    name, header = which
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.xlsx"
        book = openpyxl.Workbook()
        ws = book.active
        assert ws is not None
        ws.append(header)
        for values in rows:
            ws.append(values)
        book.save(path)
        checked(lambda: ingest([path], settings=settings, dry_run=True, mapping=name))


@LOADS
@given(lines=st.lists(st.tuples(JSONL_LINE, LINE_ENDS), min_size=1, max_size=6),
       rows=st.lists(st.lists(CELL, min_size=12, max_size=12), max_size=5))
def test_real_loads_account_for_every_row(store: Store, settings: Settings,
                                          lines: list[tuple[bytes, bytes]],
                                          rows: list[list[str]]) -> None:
    store.wipe()
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "fuzz.jsonl"
        jsonl.write_bytes(b"".join(text + end for text, end in lines))
        table = Path(tmp) / "fuzz.csv"
        table.write_bytes(csv_bytes(INTEL_LOG, rows, ",", b"\n", quote_all=False))
        summary = checked(lambda: ingest([jsonl, table], settings=settings, store=store,
                                         mapping=None))
        if summary is None:
            return
        reports = store.read_text("MATCH (r:Report) WHERE r.source_line IS NOT NULL "
                                  "RETURN count(r) AS n", {})[0]["n"]
        assert reports <= summary.total("loaded")
