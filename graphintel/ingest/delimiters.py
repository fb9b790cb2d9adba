"""The delimiter of a CSV file: sniffed when the mapping does not declare one, and checked
against the columns the mapping reads (a header that holds them only joined by another
delimiter names the delimiter to declare)."""

from __future__ import annotations

import csv
from pathlib import Path

from graphintel.errors import MappingError
from graphintel.ingest.csvstrict import LINE_BREAK
from graphintel.ingest.mapping import Mapping

__all__ = ["DELIMITERS", "check_delimiter", "is_xlsx", "sniff"]

#: The delimiters a CSV file may use, sniffed in this order of preference; with the words
#: that name them in messages.
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "pipes"}
#: Characters of a CSV file the delimiter is sniffed from (whole lines only).
SNIFF_CHARS = 16 * 1024


def is_xlsx(path: Path, mapping: Mapping | None) -> bool:
    """Whether ``path`` is read as a workbook (its mapping's format, else its suffix)."""
    fmt = (mapping.file_format if mapping and mapping.file_format else
           path.suffix.lower().lstrip("."))
    return fmt == "xlsx"


def sniff(text: str, header_row: int = 1) -> str:
    """The delimiter of CSV text: comma, semicolon, tab or pipe.

    Sniffed from whole lines, with Windows (CRLF) and old Mac (CR) line breaks read as
    line breaks and a byte-order mark ignored (the csv module's sniffer cannot find the
    delimiter of CRLF text with quoted cells). When the sniffer cannot tell, the delimiter
    the header row holds most of, else a comma.

    >>> sniff('\\ufeffRef;Name;Note\\r\\n1;Al;"a, b"\\r\\n2;Bo;"c, d"\\r\\n')
    ';'
    >>> sniff("Ref\\tName\\n1\\tAl, Jo\\n"), sniff("Ref\\n1\\n")
    ('\\t', ',')
    """
    sample = text[:SNIFF_CHARS].lstrip("\ufeff")
    lines = LINE_BREAK.split(sample)
    if len(text) > SNIFF_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line is cut
    lines = [x for x in lines if x.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines) + "\n", delimiters="".join(DELIMITERS)
                                   ).delimiter
    except csv.Error:
        pass
    header = lines[min(max(header_row, 1), len(lines)) - 1] if lines else ""
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def check_delimiter(path: Path, header: list[str], mapping: Mapping) -> None:
    """Refuse, saying which delimiter to declare, a CSV header that lacks columns the mapping
    reads but holds them joined by another delimiter (``Log URN;Logged On;...`` read as
    one column): the mapping's column names are right, the delimiter is not."""
    if is_xlsx(path, mapping):
        return
    have = set(header)
    missing = {c for c, _ in mapping.column_uses()} - have
    if not missing:
        return
    for delimiter, name in DELIMITERS.items():
        if delimiter == mapping.delimiter:
            continue
        parts = {p.strip().strip('"').strip() for h in header if delimiter in h
                 for p in h.split(delimiter)}
        if parts and missing <= parts | have:
            columns = ", ".join(repr(c) for c in sorted(missing)[:4]) + \
                (", ..." if len(missing) > 4 else "")
            read_as = (f"but the mapping declares {mapping.delimiter!r}" if mapping.delimiter
                       else "which was not recognised")
            shown = '"\\t"' if delimiter == "\t" else f'"{delimiter}"'
            raise MappingError(
                f"the header of {path.name} holds the columns mapping {mapping.name} reads "
                f"({columns}) only joined by {name} ({delimiter!r}), so it reads as "
                f"{'one column' if len(header) == 1 else f'{len(header)} columns'}: the file "
                f"is delimited by {name}, {read_as}",
                str(path), f"declare the delimiter in the mapping ({mapping.path}): "
                f"file: {{delimiter: {shown}}}")
