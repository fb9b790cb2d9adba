"""The text of a table's cell: Excel's ``="..."`` text idiom read as the text inside, and the
text a CSV export holds for a spreadsheet's date cell, so that one export saved as CSV and
as XLSX gives rows with one content hash (:func:`graphintel.ingest.report.row_hash`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from graphintel.clean.dates import clean_date
from graphintel.ingest.mapping import Mapping, ValueSpec

#: The fields of each entity type that hold a date (a field's own ``format:`` reads it).
DATE_FIELDS = {"Person": ("dob",), "Event": ("start", "end")}
_TIME_DIRECTIVES = ("%H", "%I", "%M", "%S", "%X", "%c", "%T", "%R", "%p", "%z")
#: ``="07700900881"``: a formula giving a text, quotes inside it doubled.
_EXCEL_TEXT = re.compile(r'\s*=\s*"((?:[^"]|"")*)"\s*')


def excel_text(cell: Any) -> Any:
    """The text inside Excel's ``="..."`` idiom, which exports write to keep a phone
    number's leading zero or a long reference from being read as a number; any other cell
    as it is (a formula that is not one text is not evaluated).

    >>> excel_text('="07700900881"'), excel_text('="AB12CDE"'), excel_text("=A1&B1")
    ('07700900881', 'AB12CDE', '=A1&B1')
    >>> excel_text(' = "AB12CDE" '), excel_text(7), excel_text('="a"&"b"')
    ('AB12CDE', 7, '="a"&"b"')
    """
    if not isinstance(cell, str) or "=" not in cell:
        return cell
    text = _EXCEL_TEXT.fullmatch(cell)
    return text.group(1).replace('""', '"') if text else cell


def date_uses(mapping: Mapping) -> dict[str, list[tuple[str, ...]] | None]:
    """For each column the mapping reads, the formats of each use of it as a date (an empty
    tuple: ISO dates only), or None for a column it reads otherwise too (as text, through a
    template or a ``map:``, in a skip rule).
    """
    wide = mapping.date_formats
    dated: list[ValueSpec | None] = [mapping.report.get("date")]
    for ent in mapping.entities.values():
        dated.extend(ent.fields.get(k) for k in DATE_FIELDS.get(ent.type, ()))
        dated.extend(vs for vs in ent.properties.values() if vs.type == "date")
    dated.extend(lk.at for lk in mapping.links)
    uses: dict[str, list[tuple[str, ...]]] = {}
    for vs in dated:
        if vs is not None and vs.column and not vs.mapping:
            uses.setdefault(vs.column, []).append(vs.formats or wide)
    counts: dict[str, int] = {}
    for column, _ in mapping.column_uses():
        counts[column] = counts.get(column, 0) + 1
    return {c: uses[c] if c in uses and len(uses[c]) == n else None
            for c, n in counts.items()}


def as_csv_text(row: dict[str, Any], uses: dict[str, list[tuple[str, ...]] | None],
                 wide: tuple[str, ...]) -> dict[str, Any]:
    """The row with each date cell of a spreadsheet (a datetime) written as the text a CSV
    export would hold for it where that text reads back as the same date in every use the
    mapping makes of the column (a column the mapping does not read: in the mapping's date
    formats), other cells as they are (see :func:`graphintel.ingest.report.row_hash`)."""
    out = dict(row)
    for column, value in row.items():
        if isinstance(value, date):
            use = uses.get(column, [wide])
            text = None if use is None else date_text(value, use)
            if text is not None:
                out[column] = text
    return out


def date_text(value: date, uses: Sequence[tuple[str, ...]]) -> str | None:
    """The text of a date cell that each of ``uses`` (date formats) reads as that date, in
    the first format that does (a date without a time of day preferably in a format without
    one), else as ISO text (which every use reads too); None for a date-time with a zone.

    >>> date_text(datetime(2025, 2, 3), [("%d/%m/%Y %H:%M", "%d/%m/%Y")])
    '03/02/2025'
    >>> date_text(datetime(2025, 2, 3, 21, 40), [("%d/%m/%Y %H:%M", "%d/%m/%Y")])
    '03/02/2025 21:40'
    >>> date_text(datetime(2025, 2, 3, 21, 40), [("%d/%m/%Y",)])  # ISO reads in any use
    '2025-02-03T21:40:00'
    >>> date_text(datetime(2025, 2, 3), [()]), date_text(datetime(2025, 2, 3, 9, 5), [])
    ('2025-02-03', '2025-02-03T09:05:00')
    """
    when = value if isinstance(value, datetime) else datetime(value.year, value.month,
                                                              value.day)
    if when.tzinfo is not None:
        return None
    when = when.replace(microsecond=0)  # the loader keeps whole seconds
    midnight = when.time() == datetime.min.time()
    declared = list(dict.fromkeys(f for formats in uses for f in formats))
    timed = [f for f in declared if any(d in f for d in _TIME_DIRECTIVES)]
    untimed = [f for f in declared if f not in timed]
    candidates = (untimed + timed if midnight else timed) + \
        (["%Y-%m-%d"] if midnight else []) + ["%Y-%m-%dT%H:%M:%S"]
    for fmt in candidates:
        try:
            text = when.strftime(fmt)
        except ValueError:
            continue
        if all(_reads_as(text, formats, when) for formats in uses):
            return text
    return None


def _reads_as(text: str, formats: tuple[str, ...], when: datetime) -> bool:
    value = clean_date(text, formats or None).value
    try:
        return value is not None and datetime.fromisoformat(value) == when
    except ValueError:
        return False
