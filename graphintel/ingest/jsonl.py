"""Read canonical reports from a JSON Lines file, one :class:`Unit` or :class:`Problem` a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from graphintel.errors import InputError
from graphintel.ingest.json_types import DuplicateKeys, loads
from graphintel.ingest.records import Limits, Problem, RowRejected, SourceEnd, Unit, clip
from graphintel.ingest.report import unit_from_report

MAX_LINE_BYTES = Limits().max_line_bytes
_SKIP_CHUNK = 1 << 20


def _lines(handle: BinaryIO, limit: int,
           stop: int | None = None) -> Iterator[tuple[bytes, int]]:
    """Each line (at most ``limit`` + 1 bytes of it are kept) and its full length, up to
    the line that starts at byte ``stop``.

    A line longer than the limit is never held in memory whole: the rest is read past.
    """
    while True:
        if stop is not None and handle.tell() >= stop:
            return
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


def read_jsonl(path: Path, limits: Limits | None = None, *,
               part: tuple[int, int | None, int] = (0, None, 1),
               ) -> Iterator[Unit | Problem | SourceEnd | None]:
    """Yield a Unit or Problem per line (None for a blank line, which is not a record),
    then :class:`SourceEnd` with the number of non-blank lines.

    ``part`` = (start, stop, first line): only the lines that start at or after byte
    ``start`` and before byte ``stop`` (the end when None), numbered from ``first line``;
    both must be line starts (:func:`split_lines`). The parts of a file read one after the
    other give its lines, and their records add up to its records."""
    limits = limits or Limits()
    limit = limits.max_line_bytes
    source = str(path)
    start, stop, first_line = part
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot open input file: {exc.strerror}", source,
                         "check the path") from None
    records = 0
    with handle:
        handle.seek(start)
        for number, (raw_bytes, size) in enumerate(_lines(handle, limit, stop),
                                                   start=first_line):
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


def split_lines(path: Path, parts: int) -> list[tuple[int, int | None, int]]:
    """``path`` cut into at most ``parts`` parts of about equal size at line starts, as
    :func:`read_jsonl` takes them: (start byte, stop byte or None for the end, number of
    the part's first line). A file too small or of too few lines to cut is one part.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = Path(tmp) / "r.jsonl"
    ...     _ = p.write_bytes(b"a\\nbb\\n\\ncccc\\n")
    ...     split_lines(p, 2)
    [(0, 6, 1), (6, None, 4)]
    """
    size = path.stat().st_size
    cuts: list[int] = []
    lines = 1
    firsts: list[int] = []
    with path.open("rb") as handle:
        done = 0
        for i in range(1, parts):
            at = max(size * i // parts, done)
            handle.seek(at)
            while True:  # to the next line start, a block at a time
                block = handle.read(_SKIP_CHUNK)
                if not block:
                    at = size
                    break
                newline = block.find(b"\n")
                if newline >= 0:
                    at += newline + 1
                    break
                at += len(block)
            if at >= size:
                break
            handle.seek(done)
            remaining, counted = at - done, 0
            while counted < remaining:
                block = handle.read(min(_SKIP_CHUNK, remaining - counted))
                lines += block.count(b"\n")
                counted += len(block)
            cuts.append(at)
            firsts.append(lines)
            done = at
    starts = [0, *cuts]
    stops: list[int | None] = [*cuts, None]
    return list(zip(starts, stops, [1, *firsts], strict=True))


def _one(raw_bytes: bytes, source: str, number: int, limits: Limits) -> Unit | Problem:
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem(source, number, "(line)", f"bad encoding: not UTF-8 (byte {exc.start})",
                       raw_bytes.decode("utf-8", "replace"))
    try:
        obj = loads(text)
    except json.JSONDecodeError as exc:
        return Problem(source, number, "(line)", f"malformed JSON: {exc.msg} at column "
                       f"{exc.colno}", text.rstrip("\r\n"))
    except DuplicateKeys as dup:  # which of the values is meant is not known
        return RowRejected.of(dup.faults).problem(source, number, text.rstrip("\r\n"))
    except RecursionError:
        return Problem(source, number, "(line)", "JSON nested too deeply", clip(text))
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return Problem(source, number, "(line)", f"malformed JSON: {exc}", clip(text))
    try:
        return unit_from_report(obj, source, number, window=limits.window,
                                region=limits.phone_region)
    except RowRejected as rej:  # every fault of the report, one Problem
        return rej.problem(source, number, text.rstrip("\r\n"))
    except RecursionError:
        return Problem(source, number, "(line)", "JSON nested too deeply", clip(text))
