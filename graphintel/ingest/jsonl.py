"""Read canonical reports from a JSON Lines file, one :class:`Unit` or :class:`Problem` a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from graphintel.errors import InputError
from graphintel.ingest.records import Problem, RowRejected, Unit
from graphintel.ingest.report import unit_from_report

MAX_LINE_BYTES = 16 * 1024 * 1024


def read_jsonl(path: Path) -> Iterator[Unit | Problem | None]:
    """Yield a Unit or Problem per line (None for a blank line, which counts as read)."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot open input file: {exc.strerror}", source,
                         "check the path") from None
    with handle:
        for number, raw_bytes in enumerate(handle, start=1):
            if number == 1 and raw_bytes.startswith(b"\xef\xbb\xbf"):
                raw_bytes = raw_bytes[3:]
            if len(raw_bytes) > MAX_LINE_BYTES:
                yield Problem(source, number, "(line)",
                              f"line is {len(raw_bytes)} bytes, over the "
                              f"{MAX_LINE_BYTES} byte limit", raw_bytes[:2000].decode(
                                  "utf-8", "replace") + "...")
                continue
            try:
                text = raw_bytes.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Problem(source, number, "(line)",
                              f"bad encoding: not UTF-8 (byte {exc.start})",
                              raw_bytes.decode("utf-8", "replace"))
                continue
            if not text.strip():
                yield None
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield Problem(source, number, "(line)", f"malformed JSON: {exc.msg} at column "
                              f"{exc.colno}", text.rstrip("\n"))
                continue
            except RecursionError:
                yield Problem(source, number, "(line)", "JSON nested too deeply",
                              text[:2000])
                continue
            try:
                yield unit_from_report(obj, source, number)
            except RowRejected as rej:
                yield Problem(source, number, rej.field, rej.reason, text.rstrip("\n"))
            except RecursionError:
                yield Problem(source, number, "(line)", "JSON nested too deeply", text[:2000])
