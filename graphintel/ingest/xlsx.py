"""Read an XLSX sheet as a table: the header, each row's cells as Excel saved them, and
the rows whose formulas were never calculated (:mod:`.tabular` maps the rows)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from graphintel.errors import InputError
from graphintel.ingest.csvstrict import RawRow, check_cells, column_letter
from graphintel.ingest.records import Fault, Limits, SourceEnd, clip

#: Why a cell holding a formula without a saved value quarantines its row.
UNSAVED = ("the cell holds a formula whose value was never saved (the workbook was written by "
           "a program that does not calculate); open and save it in Excel or LibreOffice, or "
           "export it as CSV")


def xlsx_rows(path: Path, sheet: str | None, header_row: int,
              limits: Limits) -> Iterator[list[str] | RawRow | SourceEnd]:
    """Yield the header (a list), a :class:`RawRow` per non-empty row, then
    :class:`SourceEnd` with the number of rows the sheet holds."""
    _check_zip(path, limits.max_xlsx_bytes)
    header: list[str] | None = None
    for number, values in _sheet_values(path, sheet):
        if number == header_row:
            header = _xlsx_header(path, header_row, values)
            break
    if header is None:
        return
    yield header
    records = 0  # the whole sheet reads, and how many rows it holds, before any row is used
    for number, values in _sheet_values(path, sheet, formulas=True):
        if number > header_row and any(v not in (None, "") for v in values):
            records += 1
    rows = zip(_sheet_values(path, sheet), _sheet_values(path, sheet, formulas=True),
               strict=True)
    for (number, values), (_, written) in rows:
        if number <= header_row or all(v in (None, "") for v in written):
            continue
        raw = ",".join("" if v is None and f is None else str(f if v is None else v)
                       for v, f in zip(values, written, strict=False))
        unsaved = [Fault(column, UNSAVED) for column in _unsaved_formulas(values, written,
                                                                          header)]
        if unsaved:
            yield RawRow(number, (), clip(raw), unsaved[0].field, UNSAVED, tuple(unsaved[1:]))
            continue
        yield check_cells(number, list(values), raw, header, limits.max_cell_bytes,
                          exact=False)
    yield SourceEnd(records)


def _check_zip(path: Path, limit: int) -> None:
    """Refuse a workbook that expands to more than ``limit`` bytes (a zip bomb), unread."""
    try:
        with zipfile.ZipFile(path) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"cannot read the workbook: not a valid .xlsx file ({exc})", str(path),
                         "save it again as .xlsx") from None
    if expanded > limit:
        raise InputError(f"the workbook expands to {expanded} bytes, over the {limit}-byte "
                         "limit (GRAPHINTEL_MAX_XLSX_BYTES); refused unread", str(path),
                         "check where the file came from, or raise GRAPHINTEL_MAX_XLSX_BYTES")


def _sheet_values(path: Path, sheet: str | None,
                  formulas: bool = False) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The sheet's rows, numbered from 1: the values Excel saved, or with ``formulas`` the
    formulas themselves (text beginning with ``=``) where cells hold them."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=not formulas)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise InputError(f"cannot read the workbook: {exc}", str(path),
                         "save it again as .xlsx") from None
    try:
        try:
            ws = book[sheet] if sheet else book.worksheets[0]
        except (KeyError, IndexError):
            raise InputError(f"workbook has no sheet {sheet or 1!r}", str(path)) from None
        if not hasattr(ws, "iter_rows"):
            raise InputError(f"sheet {ws.title!r} is not a worksheet", str(path))
        try:
            yield from enumerate(ws.iter_rows(values_only=True), start=1)
        except InputError:
            raise
        except Exception as exc:  # a malformed sheet fails as it is read
            raise InputError(f"cannot read the workbook: {exc}", str(path),
                             "save it again as .xlsx") from None
    finally:
        book.close()


def _xlsx_header(path: Path, header_row: int, values: Sequence[Any]) -> list[str]:
    """The column names of a sheet's header row, without the unnamed columns after the last
    named one (a sheet is as wide as its widest row); an unnamed column between named ones
    is an :class:`InputError` naming it."""
    names = [str(v).strip() if v is not None else "" for v in values]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise InputError(f"the header row (row {header_row}) of the sheet is empty",
                         str(path), "put the column names in the first row, or give the row "
                         "they are in with `file: {header_row: N}` in the mapping")
    for index, name in enumerate(names):
        if not name:
            before = next(n for n in reversed(names[:index]) if n) if any(names[:index]) \
                else None
            after = next(n for n in names[index + 1:] if n)
            between = f"between {before!r} and {after!r}" if before else f"before {after!r}"
            letter = column_letter(index)
            raise InputError(f"column {letter} of the header row (row {header_row}) has no "
                             f"name ({between}), so its cells cannot be read",
                             f"{path}:{header_row}, column {letter}",
                             f"give column {letter} a name in the header row, or delete the "
                             "column if it holds nothing")
    return names


def _unsaved_formulas(values: tuple[Any, ...], written: tuple[Any, ...],
                      header: list[str]) -> list[str]:
    """The columns of the cells holding a formula without a saved value.

    openpyxl reads such a cell as empty: the row would load without it, or be skipped as
    empty, and the value the sheet shows would be lost without a word.
    """
    return [header[index] if index < len(header) and header[index]
            else f"column {column_letter(index)}"
            for index, (value, formula) in enumerate(zip(values, written, strict=False))
            if value is None and isinstance(formula, str) and formula.startswith("=")]
