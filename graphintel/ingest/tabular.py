"""Read CSV and XLSX files through a loader mapping, one :class:`Unit` or :class:`Problem` a row."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphintel import model
from graphintel.clean.dates import DateWindow
from graphintel.errors import InputError, MappingError
from graphintel.ingest import normalise
from graphintel.ingest.csvstrict import RawRow, check_cells, csv_rows
from graphintel.ingest.mapping import EntitySpec, LinkSpec, Mapping, ValueSpec
from graphintel.ingest.records import (
    EntityIn,
    Limits,
    LinkIn,
    Problem,
    ReportIn,
    RowRejected,
    SourceEnd,
    Unit,
    clip,
)
from graphintel.ingest.report import content_hash, grading_props, mine_narrative

SKIPPED = "skipped"
_BAD_BYTES = {chr(c) for c in range(0xDC80, 0xDD00)}


def read_header(path: Path, mapping: Mapping | None = None,
                limits: Limits | None = None) -> list[str]:
    """The column names of a tabular file (for format detection)."""
    for item in _rows(path, mapping, limits or Limits()):
        if isinstance(item, list):
            return item
        break
    return []


def _decode(path: Path, encoding: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open input file: {exc.strerror}", str(path),
                         "check the path") from None
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    return data.decode(codec, errors="surrogateescape")


def _rows(path: Path, mapping: Mapping | None,
          limits: Limits) -> Iterator[list[str] | RawRow | SourceEnd]:
    """Yield the header (a list), a :class:`RawRow` per record, then :class:`SourceEnd`."""
    fmt = (mapping.file_format if mapping and mapping.file_format else
           path.suffix.lower().lstrip("."))
    header_row = mapping.header_row if mapping else 1
    if fmt == "xlsx":
        yield from _xlsx_rows(path, mapping.sheet if mapping else None, header_row, limits)
        return
    text = _decode(path, mapping.encoding if mapping else "utf-8")
    delimiter = mapping.delimiter if mapping and mapping.delimiter else _sniff(text)
    yield from csv_rows(text, str(path), delimiter, header_row,
                        bool(mapping and mapping.multiline), limits.max_cell_bytes)


def _sniff(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


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


def _xlsx_rows(path: Path, sheet: str | None, header_row: int,
               limits: Limits) -> Iterator[list[str] | RawRow | SourceEnd]:
    _check_zip(path, limits.max_xlsx_bytes)
    header: list[str] | None = None
    for number, values in _sheet_values(path, sheet):
        if number == header_row:
            header = [str(v).strip() if v is not None else "" for v in values]
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
        unsaved = _unsaved_formula(values, written, header)
        if unsaved is not None:
            yield RawRow(number, (), clip(raw), unsaved,
                         "the cell holds a formula whose value was never saved (the workbook "
                         "was written by a program that does not calculate); open and save "
                         "it in Excel or LibreOffice, or export it as CSV")
            continue
        yield check_cells(number, list(values), raw, header, limits.max_cell_bytes,
                          exact=False)
    yield SourceEnd(records)


def _unsaved_formula(values: tuple[Any, ...], written: tuple[Any, ...],
                     header: list[str]) -> str | None:
    """The column of the first cell holding a formula without a saved value, or None.

    openpyxl reads such a cell as empty: the row would load without it, or be skipped as
    empty, and the value the sheet shows would be lost without a word.
    """
    for index, (value, formula) in enumerate(zip(values, written, strict=False)):
        if value is None and isinstance(formula, str) and formula.startswith("="):
            return header[index] if index < len(header) and header[index] else \
                f"column {index + 1}"
    return None


def _get(spec: ValueSpec | None, row: dict[str, Any]) -> Any:
    return spec.get(row) if spec else None


def _where(spec: ValueSpec | None, fallback: str) -> str:
    if spec and spec.column:
        return spec.column
    return fallback


def _report_props(mapping: Mapping, row: dict[str, Any], source: str, line: int,
                  file_ref: str, window: DateWindow | None) -> dict[str, Any]:
    formats = mapping.date_formats or None
    spec = mapping.report
    if mapping.per_row_report:
        ref = normalise.text(_get(spec.get("ref"), row))
        if ref is None:
            raise RowRejected(_where(spec.get("ref"), "report.ref"), "missing report reference")
    else:
        ref = file_ref
    when = normalise.date_value(_get(spec.get("date"), row),
                                _where(spec.get("date"), "report.date"),
                                (spec["date"].formats or formats) if "date" in spec else None,
                                window=window)
    if when is None and mapping.per_row_report:
        raise RowRejected(_where(spec.get("date"), "report.date"), "missing report date")
    grading_raw = _get(spec.get("grading"), row)
    if grading_raw in (None, ""):
        raise RowRejected(_where(spec.get("grading"), "report.grading"), "missing grading")
    return {
        "ref": ref, "date": when,
        **grading_props(grading_raw, mapping.grading_scheme,
                        _where(spec.get("grading"), "report.grading")),
        "author": normalise.text(_get(spec.get("author"), row)),
        "source_system": normalise.text(_get(spec.get("source_system"), row)) or mapping.name,
        "narrative": normalise.text(_get(spec.get("narrative"), row)),
        "source_file": source, "source_line": line if mapping.per_row_report else None,
        "mapping": mapping.name,
    }


def _source_key(mapping: Mapping, ent: EntitySpec, spec: ValueSpec | None,
                row: dict[str, Any], name: str) -> str | None:
    if spec is None:
        return None
    given = normalise.text(_get(spec, row))
    if given is None:
        raise RowRejected(_where(spec, f"{name}.id"), "missing source ID")
    return model.source_key(str(mapping.source), ent.id_space, given)


def _entity(mapping: Mapping, name: str, ent: EntitySpec, row: dict[str, Any],
            formats: tuple[str, ...] | None, window: DateWindow | None,
            region: str) -> EntityIn | None:
    """The entity ``name`` of the row, None when optional and absent."""
    if ent.ref is not None:
        key = _source_key(mapping, ent, ent.ref, row, name)
        assert key is not None
        roles = [r for r in [normalise.text(_get(ent.role, row))] if r]
        return EntityIn(name, ent.type, f"ref:{key}", {}, roles=roles, ref_key=key,
                        ref_field=_where(ent.ref, f"{name}.ref"))
    raw = {field: _get(vs, row) for field, vs in ent.fields.items()}
    from_file = [raw[f] for f, vs in ent.fields.items() if vs.columns()]
    if ent.optional and all(normalise.text(v) is None for v in from_file):
        return None
    raw["type"] = ent.type
    if ent.role:
        raw["role"] = _get(ent.role, row)
    field_formats = next((vs.formats for vs in ent.fields.values() if vs.formats), ())
    try:
        out = normalise.entity(name, raw, field_formats or formats, window=window,
                               source_key=_source_key(mapping, ent, ent.id, row, name),
                               region=region, event_kinds=mapping.event_kinds)
        for key, vs in ent.properties.items():
            value = normalise.typed(_get(vs, row), vs.type, key, vs.formats or formats)
            if value is not None:
                out.props[key] = value
    except RowRejected as rej:
        column = ent.fields.get(rej.field) or ent.properties.get(rej.field)
        label = f"{column.column} ({name}.{rej.field})" if column and column.column \
            else f"{name}.{rej.field}"
        raise RowRejected(label, rej.reason) from None
    return out


def _link(lk: LinkSpec, row: dict[str, Any], formats: tuple[str, ...] | None,
          window: DateWindow | None) -> LinkIn:
    at = normalise.date_value(_get(lk.at, row), _where(lk.at, "link.at"),
                              (lk.at.formats or formats) if lk.at else None, window=window)
    count = _get(lk.count, row)
    ltype = (normalise.text(_get(lk.type, row)) or "").upper()
    if not model.is_link_type(ltype):
        raise RowRejected(_where(lk.type, "link.type"),
                          f"link type {ltype!r} is not one of the model's")
    kind = normalise.text(_get(lk.kind, row))
    if kind is not None:
        kind = kind.lower()
        allowed = model.LINK_KINDS.get(ltype, ())
        if kind not in allowed:
            raise RowRejected(_where(lk.kind, "link.kind"),
                              f"link kind {kind!r} is not one the model lists for {ltype}"
                              + (f" ({', '.join(allowed)})" if allowed else " (none)"))
    role = normalise.text(_get(lk.role, row))
    if role is not None:
        role = role.lower()
        if role not in model.OCCURRENCE_ROLES:
            raise RowRejected(_where(lk.role, "link.role"),
                              f"role {role!r} is not one of {', '.join(model.OCCURRENCE_ROLES)}")
    return LinkIn(lk.from_entity, lk.to_entity, ltype, at,
                  int(count) if normalise.text(count) and str(count).isdigit() else None,
                  normalise.text(_get(lk.note, row)), kind, role)


def _unit(mapping: Mapping, row: dict[str, Any], source: str, line: int,
          file_ref: str, file_hash: str, window: DateWindow | None,
          region: str = "GB") -> Unit:
    formats = mapping.date_formats or None
    props = _report_props(mapping, row, source, line, file_ref, window)
    ref = props["ref"]
    region = mapping.phone_region or region
    entities: list[EntityIn] = []
    for name, ent in mapping.entities.items():
        found = _entity(mapping, name, ent, row, formats, window, region)
        if found is not None:
            entities.append(found)
    present = {e.local_id: e for e in entities}
    links: list[LinkIn] = []
    for lk in mapping.links:
        if lk.from_entity not in present or lk.to_entity not in present:
            continue
        link = _link(lk, row, formats, window)
        person_role = model.PERSON_ROLE_OF.get(link.role or "")
        for end in (present[lk.from_entity], present[lk.to_entity]):
            if person_role and end.label == model.PERSON and person_role not in end.roles:
                end.roles = [r for r in end.roles if r != "unknown"] + [person_role]
        links.append(link)
    normalise.finish_event_keys(entities, links, ref)
    entities.extend(mine_narrative(props["narrative"], entities))
    row_hash = content_hash(row)
    props["content_hash"] = row_hash if mapping.per_row_report else file_hash
    return Unit(source, line, ReportIn(ref, props), entities, links, row_hash,
                per_row_report=mapping.per_row_report,
                row_ref=None if mapping.per_row_report else row_reference(
                    file_ref, line, normalise.text(_get(mapping.report.get("row_ref"), row))))


def row_reference(file_ref: str, line: int, own: str | None = None) -> str:
    """The reference of one row of a file-wide report: the report's reference, the row's
    line in the file and, when the row has one, its own reference.

    >>> row_reference("call_data:call_data.csv", 124)
    'call_data:call_data.csv#L124'
    >>> row_reference("associations:assoc.csv", 3, "IR/2025/000900")
    'associations:assoc.csv#L3 (IR/2025/000900)'
    """
    return f"{file_ref}#L{line}" + (f" ({own})" if own else "")


def read_tabular(path: Path, mapping: Mapping,
                 limits: Limits | None = None) -> Iterator[Unit | Problem | str | SourceEnd]:
    """Yield a Unit, a Problem, or :data:`SKIPPED` for each record of ``path``, then
    :class:`SourceEnd` with the number of records the file holds.

    The header is checked against the mapping first: a missing column is a
    :class:`MappingError` naming the mapping line, raised before any row is read. A row of
    empty cells is skipped (and counted so).
    """
    limits = limits or Limits()
    source = str(path)
    rows = _rows(path, mapping, limits)
    header = next(rows, None)
    if not isinstance(header, list):
        raise InputError("the file has no header row", source, "check the file and the mapping")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise MappingError(f"the file repeats column(s) {', '.join(dup)}", source)
    mapping.check_header(header, source)
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    file_ref = f"{mapping.name}:{path.name}"
    for item in rows:
        if isinstance(item, SourceEnd):
            yield item
            continue
        assert isinstance(item, RawRow)
        raw_text = item.raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if item.reason is not None:
            yield Problem(source, item.line, item.field or "(row)", item.reason, raw_text)
            continue
        values = item.cells
        row = {h: values[i] if i < len(values) else None for i, h in enumerate(header)}
        if any(c in _BAD_BYTES for v in values if isinstance(v, str) for c in v):
            yield Problem(source, item.line, "(row)",
                          f"bad encoding: not {mapping.encoding} (declare the file's encoding, "
                          "e.g. 'encoding: cp1252', in the mapping)", clip(raw_text))
            continue
        if all(v is None or str(v).strip() == "" for v in values):
            yield SKIPPED  # a row of empty cells, e.g. ",,,," at the end of an export
            continue
        if any(rule.matches(row) for rule in mapping.skip):
            yield SKIPPED
            continue
        try:
            yield _unit(mapping, row, source, item.line, file_ref, file_hash, limits.window,
                        limits.phone_region)
        except RowRejected as rej:
            yield Problem(source, item.line, rej.field, rej.reason, raw_text)
