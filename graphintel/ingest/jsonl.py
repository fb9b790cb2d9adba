"""Read canonical reports from a JSON Lines file, one :class:`Unit` or :class:`Problem` a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from graphintel.errors import InputError
from graphintel.ingest.records import Limits, Problem, RowRejected, SourceEnd, Unit, clip
from graphintel.ingest.report import unit_from_report

MAX_LINE_BYTES = Limits().max_line_bytes
_SKIP_CHUNK = 1 << 20


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """Each line (at most ``limit`` + 1 bytes of it are kept) and its full length.

    A line longer than the limit is never held in memory whole: the rest is read past.
    """
    while True:
        chunk = handle.readline(limit + 2)
        if not chunk:
            return
        size = len(chunk)
        if not chunk.endswith(b"\n"):
            rest = handle.readline(_SKIP_CHUNK)
            while rest:
                size += len(rest)
                if rest.endswith(b"\n"):
                    break
                rest = handle.readline(_SKIP_CHUNK)
        yield chunk, size


def read_jsonl(path: Path,
               limits: Limits | None = None) -> Iterator[Unit | Problem | SourceEnd | None]:
    """Yield a Unit or Problem per line (None for a blank line, which is not a record),
    then :class:`SourceEnd` with the number of non-blank lines."""
    limits = limits or Limits()
    limit = limits.max_line_bytes
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot open input file: {exc.strerror}", source,
                         "check the path") from None
    records = 0
    with handle:
        for number, (raw_bytes, size) in enumerate(_lines(handle, limit), start=1):
            if number == 1 and raw_bytes.startswith(b"\xef\xbb\xbf"):
                raw_bytes, size = raw_bytes[3:], size - 3
            content = size - (2 if raw_bytes.endswith(b"\r\n") else
                              1 if raw_bytes.endswith(b"\n") else 0)
            if content <= limit and not raw_bytes.strip():
                yield None
                continue
            records += 1
            if content > limit:
                yield Problem(source, number, "(line)",
                              f"line is {content} bytes, over the {limit}-byte limit "
                              "(GRAPHINTEL_MAX_LINE_BYTES)",
                              clip(raw_bytes[:8000].decode("utf-8", "replace")))
                continue
            yield _one(raw_bytes, source, number, limits)
    yield SourceEnd(records)


def _one(raw_bytes: bytes, source: str, number: int, limits: Limits) -> Unit | Problem:
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(source, number, "(line)", f"bad encoding: not UTF-8 (byte {exc.start})",
                       raw_bytes.decode("utf-8", "replace"))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return Problem(source, number, "(line)", f"malformed JSON: {exc.msg} at column "
                       f"{exc.colno}", text.rstrip("\r\n"))
    except RecursionError:
        return Problem(source, number, "(line)", "JSON nested too deeply", clip(text))
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return Problem(source, number, "(line)", f"malformed JSON: {exc}", clip(text))
    try:
        return unit_from_report(obj, source, number, window=limits.window,
                                region=limits.phone_region)
    except RowRejected as rej:
        return Problem(source, number, rej.field, rej.reason, text.rstrip("\r\n"))
    except RecursionError:
        return Problem(source, number, "(line)", "JSON nested too deeply", clip(text))
