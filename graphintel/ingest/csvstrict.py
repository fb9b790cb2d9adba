"""Strict CSV reading: a quote error costs one record, never the rest of the file.

Python's csv module, left to itself, lets one stray ``"`` (a narrative that starts with a
quotation) swallow every following line into one cell, so rows vanish without a trace.
Here, unless the mapping allows multi-line cells (``file: multiline: true``), every
physical line is parsed on its own: a line with a quote error, with a cell over the size
limit, or with a cell count other than the header's is a bad record with its line number
and reason, and the lines after it are read normally. A quoted cell that runs over several
lines is recognised as such and its lines are reported together.

With ``multiline: true`` records are read across lines, strictly; a record that fails
(a quote error, a wrong cell count) is read again line by line, so the good lines a stray
quote swallowed still load.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from graphintel.errors import InputError
from graphintel.ingest.records import Fault, SourceEnd, clip

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LOOKAHEAD_LINES = 50
_END_OF_DATA = "unexpected end of data"


@dataclass(frozen=True)
class RawRow:
    """One physical record of a table: its cells, or why it cannot be read."""

    line: int
    cells: Sequence[Any]
    raw: str
    field: str | None = None
    reason: str | None = None
    #: Its other problems, when it has several (cells over the size limit).
    more: tuple[Fault, ...] = ()


def _allow_fields(size: int) -> None:
    # The csv module's own limit (128 KB by default) would raise mid-file; graphintel
    # checks cell sizes itself, with the column name, so csv may take what the line holds.
    if csv.field_size_limit() < size:
        csv.field_size_limit(size)


def _parse_line(line: str, delimiter: str) -> list[str] | str:
    """The cells of one line, or the csv module's error message."""
    _allow_fields(len(line) + 1)
    try:
        rows = list(csv.reader([line], delimiter=delimiter, strict=True))
    except csv.Error as exc:
        return str(exc)
    return rows[0] if len(rows) == 1 else "not one record"


def _column(header: Sequence[str], index: int) -> str:
    return header[index] if index < len(header) and header[index] else f"(column {index + 1})"


def column_letter(index: int) -> str:
    """The spreadsheet letter of the column at ``index`` (from 0).

    >>> column_letter(0), column_letter(25), column_letter(26), column_letter(701)
    ('A', 'Z', 'AA', 'ZZ')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def check_cells(line: int, cells: Sequence[Any], raw: str, header: Sequence[str],
                max_cell: int, *, exact: bool = True) -> RawRow:
    """A row, marked bad when a cell is over ``max_cell`` bytes (every such cell named) or
    the cell count is wrong.

    ``exact`` (CSV) wants as many cells as the header has columns; otherwise (XLSX, whose
    rows are as wide as the sheet) only non-empty cells beyond the header are an error.
    """
    over: list[Fault] = []
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) * 4 > max_cell:
            size = len(cell.encode("utf-8", "surrogateescape"))
            if size > max_cell:
                over.append(Fault(_column(header, index), f"cell is {size} bytes, over the "
                                  f"{max_cell}-byte limit (GRAPHINTEL_MAX_CELL_BYTES)"))
    if over:
        return RawRow(line, (), clip(raw), over[0].field, over[0].reason, tuple(over[1:]))
    if exact and len(cells) != len(header):
        return RawRow(line, (), raw, "(row)", f"row has {len(cells)} cells but the header has "
                      f"{len(header)} columns")
    width = max((i + 1 for i, v in enumerate(cells) if v not in (None, "")), default=0)
    if not exact and width > len(header):
        last = f", past the last named column {column_letter(len(header) - 1)}" \
            if header else ""
        return RawRow(line, (), raw, "(row)", f"row has {width} cells but the header has "
                      f"{len(header)} columns (a value in column {column_letter(width - 1)}"
                      f"{last})")
    return RawRow(line, cells, raw)


def _quote_reason(error: str, multiline: bool) -> str:
    if error == _END_OF_DATA:
        why = ("a stray '\"' at the start of a cell?" if multiline else
               "a stray '\"' at the start of a cell, or a cell with a line break, which "
               "this mapping does not allow (file: multiline: true allows it)")
        return f"unclosed quote: a quoted cell does not end on this line ({why})"
    return f"quote error: {error} (a stray '\"' inside a cell?)"


def _span(lines: Sequence[str], i: int, hi: int, delimiter: str, width: int,
          max_chars: int) -> tuple[int, list[str]] | None:
    """Where the quoted multi-line record starting at ``lines[i]`` ends, if it is one."""
    size = len(lines[i])
    for j in range(i + 1, min(hi, i + LOOKAHEAD_LINES)):
        size += len(lines[j]) + 1
        if size > max_chars:
            return None
        _allow_fields(size + 1)
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines[i:j + 1]), newline=""),
                                   delimiter=delimiter, strict=True))
        except csv.Error as exc:
            if str(exc) == _END_OF_DATA:
                continue
            return None
        return (j, rows[0]) if len(rows) == 1 and len(rows[0]) == width else None
    return None


def _single(lines: Sequence[str], lo: int, hi: int, first_line: int, delimiter: str,
            header: Sequence[str], max_cell: int, *, multiline: bool,
            spans: bool) -> Iterator[RawRow]:
    """One RawRow per non-blank line of ``lines[lo:hi]`` (``lines[lo]`` is ``first_line``)."""
    i = lo
    while i < hi:
        line, number = lines[i], first_line + i - lo
        if not line.strip():
            i += 1
            continue
        cells = _parse_line(line, delimiter)
        if isinstance(cells, list):
            yield check_cells(number, cells, line, header, max_cell)
            i += 1
            continue
        found = _span(lines, i, hi, delimiter, len(header), 4 * max_cell) \
            if spans and cells == _END_OF_DATA else None
        if found is None:
            yield RawRow(number, (), line, "(row)", _quote_reason(cells, multiline))
            i += 1
            continue
        end, joined = found
        where = next((k for k, c in enumerate(joined) if "\n" in c), 0)
        yield RawRow(number, (), clip("\n".join(lines[i:end + 1])), _column(header, where),
                     f"cell has a line break (the record runs over lines {number}-"
                     f"{number + end - i}); this mapping does not allow multi-line cells "
                     "(file: multiline: true allows them)")
        for k in range(i + 1, end + 1):
            if lines[k].strip():
                yield RawRow(first_line + k - lo, (), lines[k], "(row)",
                             f"continues the multi-line record that starts on line {number}")
        i = end + 1


def _multi(lines: Sequence[str], start: int, delimiter: str, header: Sequence[str],
           max_cell: int) -> Iterator[RawRow]:
    """Records across lines; a failed record is read again line by line."""
    _allow_fields(sum(len(x) + 1 for x in lines[start:]) + 1)
    reader = csv.reader((x + "\n" for x in lines[start:]), delimiter=delimiter, strict=True)
    done = 0
    while True:
        try:
            cells: list[str] | None = next(reader)
        except StopIteration:
            return
        except csv.Error:
            cells = None
        lo, done = done, reader.line_num
        raw = "\n".join(lines[start + lo:start + done])
        if not raw.strip():
            continue
        row = check_cells(start + lo + 1, cells, raw, header, max_cell) \
            if cells is not None else None
        if row is not None and (row.reason is None or done - lo == 1):
            yield row
        else:
            yield from _single(lines, start + lo, start + done, start + lo + 1, delimiter,
                               header, max_cell, multiline=True, spans=False)


def csv_rows(text: str, source: str, delimiter: str, header_row: int, multiline: bool,
             max_cell: int) -> Iterator[list[str] | RawRow | SourceEnd]:
    """The header (a list), a :class:`RawRow` per record, then :class:`SourceEnd`.

    Without ``multiline`` the records are the non-blank physical lines after the header,
    counted from the text itself, not from the parser.
    """
    lines = LINE_BREAK.split(text)
    idx = max(header_row, 1) - 1
    while idx < len(lines) and not lines[idx].strip():
        idx += 1
    if idx >= len(lines):
        return
    header = _parse_line(lines[idx], delimiter)
    if isinstance(header, str):
        raise InputError(f"the header row cannot be read: {_quote_reason(header, multiline)}",
                         f"{source}:{idx + 1}", "check the file and the mapping")
    header = [h.strip() for h in header]
    yield header
    if multiline:
        count = 0
        for row in _multi(lines, idx + 1, delimiter, header, max_cell):
            count += 1
            yield row
        yield SourceEnd(count)
        return
    yield from _single(lines, idx + 1, len(lines), idx + 2, delimiter, header, max_cell,
                       multiline=False, spans=True)
    yield SourceEnd(sum(1 for x in lines[idx + 1:] if x.strip()))
