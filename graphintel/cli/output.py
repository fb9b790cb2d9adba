"""The one output convention of the commands that print results.

Every such command takes ``--format table|csv|json`` (``-f``) and ``--output FILE``
(``-o``). ``table`` is for people (the default on screen); ``csv`` and ``json`` are for
spreadsheets and scripts. Without ``--format``, ``-o x.json`` writes JSON and ``-o x.csv``
CSV; a table written to a file is written as CSV. Files are created 0600
(:func:`graphintel.secure_files.save_output`) and listed in the audit record; the screen
then gets ``wrote FILE`` on stderr.

CSV text cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.text import Text

from graphintel.cli.common import console, note

if TYPE_CHECKING:
    from rich.console import Group
    from rich.table import Table

    from graphintel.audit import AuditRecord

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class Format(StrEnum):
    """Output formats."""

    table = "table"
    csv = "csv"
    json = "json"


FORMAT = typer.Option(None, "--format", "-f", show_default=False,
                      help="table, csv or json (default: table; with -o, from the file's "
                           "extension).")
OUTPUT = typer.Option(None, "--output", "-o", metavar="FILE",
                      help="Write the result to this file (created 0600) instead of the screen.")


def chosen(fmt: Format | None, output: Path | None) -> Format:
    """The format asked for, else the one ``output``'s extension names, else table."""
    if fmt is not None:
        return Format(fmt)
    suffix = output.suffix.lower() if output is not None else ""
    return {".json": Format.json, ".csv": Format.csv}.get(suffix, Format.table)


def say(text: str) -> None:
    """Print plain text exactly as written (no markup, no emoji codes)."""
    console.print(Text(text))


def cell_text(value: Any) -> str:
    """A value as display text: lists joined with '; ', maps as JSON, None empty."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def csv_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if isinstance(value, bool | int | float) and not isinstance(value, str):
        return str(value)
    text = cell_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([csv_cell(c) for c in columns])
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def to_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


#: Below this many characters of the screen per column, a table's cells fold into slivers
#: of a few letters: the rows are shown one block each instead (:func:`records`).
MIN_COLUMN_WIDTH = 12


def heading(column: str) -> str:
    """A column name as a heading on screen: words apart, so that it wraps between them
    (``victim_sightings`` -> ``victim sightings``); CSV and JSON keep the names."""
    return column.replace("_", " ")


def table(title: str | None, columns: list[str], rows: list[dict[str, Any]], *,
          width: int | None = None, min_widths: dict[str, int] | None = None) -> Table | Group:
    """``rows`` for the screen: a table, or, when ``columns`` are too many for the screen's
    ``width`` (default: the console's) to give each :data:`MIN_COLUMN_WIDTH` characters,
    one block of ``name  value`` lines per row (:func:`records`). ``min_widths``: columns
    never made narrower than this (a report reference folded in two does not read)."""
    from rich.table import Table

    room = width if width is not None else console.width
    if len(columns) > 4 and room // len(columns) < MIN_COLUMN_WIDTH:
        return records(title, columns, rows)
    out = Table(title=Text(title) if title else None, title_justify="left")
    for c in columns:
        out.add_column(Text(heading(c)), overflow="fold",
                       min_width=(min_widths or {}).get(c))
    for row in rows:
        out.add_row(*[Text(cell_text(row.get(c))) for c in columns])
    return out


def records(title: str | None, columns: list[str], rows: list[dict[str, Any]]) -> Group:
    """Each row as a numbered block of ``name  value`` lines (as psql's expanded display),
    for results with more columns than the screen has room for side by side."""
    from rich.console import Group
    from rich.rule import Rule
    from rich.table import Table

    parts: list[Any] = [Text(title)] if title else []
    if not rows:
        parts.append(Text("no rows"))
    for i, row in enumerate(rows, start=1):
        parts.append(Rule(Text(f"{i} of {len(rows)}"), align="left", style="dim"))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for c in columns:
            grid.add_row(Text(heading(c)), Text(cell_text(row.get(c))))
        parts.append(grid)
    return Group(*parts)


def write(text: str, output: Path | None, rec: AuditRecord | None) -> None:
    """``text`` to stdout, or into ``output`` (0600, listed in the audit record)."""
    if output is None:
        typer.echo(text, nl=False)
        return
    from graphintel.cli.common import outside_home
    from graphintel.config import load_settings
    from graphintel.secure_files import save_output

    outside_home(load_settings(), output)
    if rec is not None:
        rec.outputs.append(str(output.resolve()))  # listed even if writing fails half-way
    save_output(output, text)
    note(f"wrote {output}")


def emit(columns: list[str], rows: list[dict[str, Any]], fmt: Format | None,
         output: Path | None, rec: AuditRecord | None, *, title: str | None = None,
         data: Any = None, show: Callable[[], None] | None = None) -> None:
    """Render a result: ``rows`` as a table or CSV, ``data`` (default: the rows) as JSON.

    ``show`` replaces the plain table on screen for results that read better as text."""
    if rec is not None:
        rec.records = len(rows)
    fmt = chosen(fmt, output)
    if fmt is Format.json:
        write(to_json(rows if data is None else data), output, rec)
    elif fmt is Format.csv or output is not None:
        write(to_csv(columns, rows), output, rec)
    elif show is not None:
        show()
    else:
        console.print(table(title, columns, rows))


__all__ = ["FORMAT", "OUTPUT", "Format", "cell_text", "chosen", "csv_cell", "emit", "heading",
           "records", "say", "table", "to_csv", "to_json", "write"]
