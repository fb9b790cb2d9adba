"""Read CSV and XLSX files through a loader mapping, one :class:`Unit` or :class:`Problem` a row."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from graphintel import model
from graphintel.clean.dates import DateWindow
from graphintel.errors import InputError, MappingError
from graphintel.ingest import normalise
from graphintel.ingest.cell_text import DATE_FIELDS, as_csv_text, date_uses, excel_text
from graphintel.ingest.csvstrict import RawRow, csv_rows
from graphintel.ingest.delimiters import check_delimiter, is_xlsx, sniff
from graphintel.ingest.field_names import person_columns
from graphintel.ingest.header_text import UTF16_BOMS
from graphintel.ingest.link_direction import orient_links
from graphintel.ingest.mapping import EntitySpec, LinkSpec, Mapping, ValueSpec
from graphintel.ingest.narrative_ages import read_narrative_ages
from graphintel.ingest.narrative_aliases import read_narrative_aliases
from graphintel.ingest.records import (
    EntityIn,
    Fault,
    Faults,
    Limits,
    LinkIn,
    Notice,
    Problem,
    ReportIn,
    RowRejected,
    SourceEnd,
    Unit,
    clip,
)
from graphintel.ingest.report import grading_props, mine_narrative, row_hash
from graphintel.ingest.row_keys import finish_event_keys
from graphintel.ingest.text_checks import (
    check_indexed,
    clean_row,
    flag_cleaned,
    limited,
    one_line_columns,
)
from graphintel.ingest.xlsx import xlsx_rows
from graphintel.safe_text import escaped

SKIPPED = "skipped"
_BAD_BYTES = {chr(c) for c in range(0xDC80, 0xDD00)}


def read_header(path: Path, mapping: Mapping | None = None,
                limits: Limits | None = None) -> list[str]:
    """The column names of a tabular file (for format detection).

    With ``mapping``, a CSV header that holds the mapping's columns only when split at
    another delimiter is a :class:`MappingError` saying which delimiter to declare.
    """
    for item in _rows(path, mapping, limits or Limits()):
        if isinstance(item, list):
            if mapping is not None:
                check_delimiter(path, item, mapping)
            return item
        break
    return []


def _decode(path: Path, encoding: str) -> str:
    """The file's text in ``encoding``; a byte that does not decode is kept as a lone
    surrogate (its row is quarantined). A file that starts with a UTF-16 byte-order mark is
    UTF-16 whatever the mapping says (no UTF-8 or cp1252 table starts with one)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open input file: {exc.strerror}", str(path),
                         "check the path") from None
    codec = "utf-8-sig" if encoding == "utf-8" else encoding
    if data.startswith(UTF16_BOMS):  # as a UTF-8 byte-order mark is read as one
        codec = "utf-16"
    return data.decode(codec, errors="surrogateescape")


def _rows(path: Path, mapping: Mapping | None,
          limits: Limits) -> Iterator[list[str] | RawRow | SourceEnd]:
    """Yield the header (a list), a :class:`RawRow` per record, then :class:`SourceEnd`."""
    header_row = mapping.header_row if mapping else 1
    if is_xlsx(path, mapping):
        yield from xlsx_rows(path, mapping.sheet if mapping else None, header_row, limits)
        return
    text = _decode(path, mapping.encoding if mapping else "utf-8")
    yield from csv_rows(text, str(path), _delimiter(text, mapping), header_row,
                        bool(mapping and mapping.multiline), limits.max_cell_bytes)


def _delimiter(text: str, mapping: Mapping | None) -> str:
    """The delimiter the mapping declares, else the one sniffed from the text."""
    if mapping and mapping.delimiter:
        return mapping.delimiter
    return sniff(text, mapping.header_row if mapping else 1)


def _get(spec: ValueSpec | None, row: dict[str, Any]) -> Any:
    return spec.get(row) if spec else None


def _where(spec: ValueSpec | None, fallback: str) -> str:
    if spec and spec.column:
        return spec.column
    return fallback


def _row_ref(mapping: Mapping, row: dict[str, Any]) -> str | None:
    """The report reference a row gives, as :func:`_report_props` reads it, or None when
    it gives none that can be read."""
    try:
        return limited(normalise.text(_get(mapping.report.get("ref"), row)), "report.ref")
    except RowRejected:
        return None


def _report_props(mapping: Mapping, row: dict[str, Any], source: str, line: int,
                  file_ref: str, window: DateWindow | None, faults: Faults) -> dict[str, Any]:
    """The report's properties; a reference, date or grading that fails is a fault in
    ``faults`` each (its property then None)."""
    formats = mapping.date_formats or None
    spec = mapping.report
    ref: str | None = file_ref
    if mapping.per_row_report:
        ref = None
        with faults:
            ref = limited(normalise.text(_get(spec.get("ref"), row)),
                          _where(spec.get("ref"), "report.ref"))
            if ref is None:
                raise RowRejected(_where(spec.get("ref"), "report.ref"),
                                  "missing report reference")
    when = None
    with faults:
        when = normalise.date_value(_get(spec.get("date"), row),
                                    _where(spec.get("date"), "report.date"),
                                    (spec["date"].formats or formats) if "date" in spec
                                    else None, window=window)
        if when is None and mapping.per_row_report:
            raise RowRejected(_where(spec.get("date"), "report.date"), "missing report date")
    grading: dict[str, Any] = {}
    with faults:
        grading_raw = _get(spec.get("grading"), row)
        if grading_raw in (None, ""):
            raise RowRejected(_where(spec.get("grading"), "report.grading"), "missing grading")
        grading = grading_props(grading_raw, mapping.grading_scheme,
                                _where(spec.get("grading"), "report.grading"))
    return {
        "ref": ref, "date": when, **grading,
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
    given = limited(normalise.text(_get(spec, row)), _where(spec, f"{name}.id"))
    if given is None:
        raise RowRejected(_where(spec, f"{name}.id"), "missing source ID")
    return model.source_key(str(mapping.source), ent.id_space, given)


def with_person_columns(mapping: Mapping, header: Sequence[str]
                        ) -> tuple[Mapping, dict[str, tuple[str, str]]]:
    """``mapping`` reading also the columns of ``header`` it leaves out that are a
    person's age or date of birth, or say they are a child or a victim ("Subject is under 18
    (Y/N)", "Victim?": :func:`~graphintel.ingest.field_names.person_columns`), and those
    columns. A table with a "Subject Age" column its mapping does not read would otherwise
    load a 15-year-old of no known age, to be ranked as a target with only a warning said."""
    read = {c for c, _ in mapping.column_uses()} | set(mapping.unread)
    people = {n: [f for f, vs in e.fields.items() if vs.columns() or vs.constant is not None]
              for n, e in mapping.entities.items()
              if e.type == model.PERSON and e.ref is None}
    found = person_columns([h for h in header if h not in read], people)
    if not found:
        return mapping, {}
    entities = dict(mapping.entities)
    for column, (name, field) in found.items():
        ent = entities[name]
        entities[name] = replace(ent, fields={**ent.fields,
                                              field: ValueSpec(column=column, line=ent.line)})
    return replace(mapping, entities=entities), found


def _entity(mapping: Mapping, name: str, ent: EntitySpec, row: dict[str, Any],
            formats: tuple[str, ...] | None, window: DateWindow | None,
            region: str, born_by: str | None = None) -> EntityIn | None:
    """The entity ``name`` of the row, None when optional and absent; ``born_by`` the
    row's report date, which a date of birth may not be after.

    Raises :class:`RowRejected` naming each field that fails (source ID, each date read
    with its own formats, the entity's fields, each extra property), each by its column
    and field (``Child DOB (child.dob)``)."""
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
    faults = Faults()
    for key in DATE_FIELDS.get(ent.type, ()):
        own = ent.fields.get(key)
        if own is not None and own.formats:  # read with its own formats, not the others
            with faults:
                given, raw[key] = raw[key], None  # not read again when it fails
                raw[key] = _own_date(given, key, own.formats,
                                     window if ent.type == "Event" else None)
    source_key = None
    try:
        source_key = _source_key(mapping, ent, ent.id, row, name)
    except RowRejected as rej:
        faults.add("id", rej.reason)
    out = None
    with faults:
        out = normalise.entity(name, raw, formats, window=window, source_key=source_key,
                               region=region, event_kinds=mapping.event_kinds,
                               born_by=born_by)
    props: dict[str, Any] = {}
    for key, vs in ent.properties.items():
        with faults:
            props[key] = normalise.typed(_get(vs, row), vs.type, key, vs.formats or formats)
    if faults:
        raise RowRejected.of([_entity_fault(ent, name, f) for f in faults.found])
    assert out is not None
    out.props.update({k: v for k, v in props.items() if v is not None})
    return out


def _entity_fault(ent: EntitySpec, name: str, fault: Fault) -> Fault:
    """A fault of an entity's field named by its column and the field: ``Subject DOB
    (subject.dob)``, ``Person ID (person.id)``."""
    field_name = fault.field
    column = {"role": ent.role, "id": ent.id}.get(field_name) or \
        ent.fields.get(field_name) or ent.properties.get(field_name)
    label = f"{column.column} ({name}.{field_name})" if column and column.column \
        else f"{name}.{field_name}"
    return Fault(label, fault.reason)


def _own_date(value: Any, key: str, formats: tuple[str, ...],
              window: DateWindow | None) -> date | datetime | None:
    """A date field read with the formats its mapping entry declares, as a date or datetime
    (which the entity's normalising takes as it is, whatever formats it is given)."""
    iso = normalise.date_value(value, key, formats, window=window)
    if iso is None:
        return None
    return datetime.fromisoformat(iso) if "T" in iso else date.fromisoformat(iso)


def _link(lk: LinkSpec, row: dict[str, Any], formats: tuple[str, ...] | None,
          window: DateWindow | None) -> LinkIn:
    """The row's link ``lk``; raises :class:`RowRejected` naming each of its fields that
    fails (time, type, kind, role). Its kind is checked against its type only when the
    type is one of the model's."""
    faults = Faults()
    at = None
    with faults:
        at = normalise.date_value(_get(lk.at, row), _where(lk.at, "link.at"),
                                  (lk.at.formats or formats) if lk.at else None, window=window)
    count = _get(lk.count, row)
    ltype = (normalise.text(_get(lk.type, row)) or "").upper()
    if not model.is_link_type(ltype):
        faults.add(_where(lk.type, "link.type"), f"link type {ltype!r} is not one of the model's")
    kind = normalise.text(_get(lk.kind, row))
    if kind is not None:
        kind = kind.lower()
        allowed = model.LINK_KINDS.get(ltype, ())
        if kind not in allowed and model.is_link_type(ltype):
            faults.add(_where(lk.kind, "link.kind"),
                       f"link kind {kind!r} is not one the model lists for {ltype}"
                       + (f" ({', '.join(allowed)})" if allowed else " (none)"))
    role = normalise.text(_get(lk.role, row))
    if role is not None:
        role = role.lower()
        if role not in model.OCCURRENCE_ROLES:
            faults.add(_where(lk.role, "link.role"),
                       f"role {role!r} is not one of {', '.join(model.OCCURRENCE_ROLES)}")
    faults.check()
    return LinkIn(lk.from_entity, lk.to_entity, ltype, at,
                  int(count) if normalise.text(count) and str(count).isdigit() else None,
                  normalise.text(_get(lk.note, row)), kind, role)


def _unit(mapping: Mapping, row: dict[str, Any], source: str, line: int,
          file_ref: str, file_hash: str, window: DateWindow | None,
          region: str = "GB",
          dates: dict[str, list[tuple[str, ...]] | None] | None = None) -> Unit:
    """One row as a :class:`Unit`; raises :class:`RowRejected` naming every fault of it.

    Every independent check is made: the report's reference, date and grading, each field
    of each entity, each field of each link whose two ends are valid; then the checks of
    the whole row (a link from an entity to itself, an identity key too long) over what is
    valid. A fault that only follows from another is not repeated: a link to an entity that
    was rejected is not read (the entity's faults say what is wrong), nor a date of birth
    checked against a report date that could not be read. :func:`read_tabular` puts the
    faults in the order of the file's columns (:func:`in_column_order`).
    """
    formats = mapping.date_formats or None
    faults = Faults()
    props = _report_props(mapping, row, source, line, file_ref, window, faults)
    ref = props["ref"] or ""
    region = mapping.phone_region or region
    entities: list[EntityIn] = []
    for name, ent in mapping.entities.items():
        with faults:
            found = _entity(mapping, name, ent, row, formats, window, region,
                            props["date"] if mapping.per_row_report else None)
            if found is not None:
                entities.append(found)
    # a link is read when both its ends are: absent (optional and empty) or not valid, a
    # link to an entity is left out (the entity's own faults say what is wrong with it)
    present = {e.local_id: e for e in entities}
    links: list[LinkIn] = []
    where: list[str] = []
    for lk in mapping.links:
        if lk.from_entity not in present or lk.to_entity not in present:
            continue
        with faults:
            link = _link(lk, row, formats, window)
            person_role = model.PERSON_ROLE_OF.get(link.role or "")
            for end in (present[lk.from_entity], present[lk.to_entity]):
                if person_role and end.label == model.PERSON and person_role not in end.roles:
                    end.roles = [r for r in end.roles if r != "unknown"] + [person_role]
            links.append(link)
            where.append(f"link {lk.type} ({lk.from_entity} to {lk.to_entity})")
    links, turned = orient_links(entities, links, where)
    kept = [f"{_entity_fault(mapping.entities[e.local_id], e.local_id, d).field}: {d.reason}"
            for e in entities for d in e.doubts]  # identifiers kept as written, flagged
    with faults:
        finish_event_keys(entities, links, ref)
    with faults:
        check_indexed(entities, lambda e, f: _field_label(mapping, e.local_id, f))
    faults.check()
    read_narrative_aliases(props["narrative"], entities)  # first: an age may follow one
    read_narrative_ages(props["narrative"], entities, one_subject=mapping.per_row_report,
                        on=props["date"])
    entities.extend(mine_narrative(props["narrative"], entities))
    content = row_hash(as_csv_text(row, date_uses(mapping) if dates is None else dates,
                                    mapping.date_formats))
    props["content_hash"] = content if mapping.per_row_report else file_hash
    return Unit(source, line, ReportIn(ref, props), entities, links, content,
                per_row_report=mapping.per_row_report, advice=kept + turned,
                row_ref=None if mapping.per_row_report else row_reference(
                    file_ref, line, normalise.text(_get(mapping.report.get("row_ref"), row))))


def _field_label(mapping: Mapping, name: str, field_name: str) -> str:
    """The column and entity field a message names (``Name (suspect.name)``)."""
    ent = mapping.entities[name]
    spec = (ent.id or ent.ref) if field_name == "id" else ent.fields.get(field_name)
    return f"{spec.column} ({name}.{field_name})" if spec and spec.column \
        else f"{name}.{field_name}"


def _columns_of(mapping: Mapping) -> dict[str, set[str]]:
    """The columns each entity of the mapping reads (by entity name)."""
    out: dict[str, set[str]] = {}
    for name, ent in mapping.entities.items():
        specs = [*ent.fields.values(), *ent.properties.values(),
                 *(s for s in (ent.role, ent.id, ent.ref) if s)]
        out[name] = {c for spec in specs for c in spec.columns()}
    return out


def in_column_order(faults: Sequence[Fault], header: Sequence[str]) -> list[Fault]:
    """The faults of a row in the order of the file's columns, each once.

    A fault is placed by the column it names (``Start``, ``Child DOB (child.dob)``); one
    that names no column of the file (``report.ref`` of a template) stays after the fault
    found before it. A column read twice (a report's date that is also an event's start or
    a link's time) that fails for the same reason twice is one fault, the first found.

    >>> faults = [Fault("Start", "unparseable date '28/05/2025'"),
    ...           Fault("Child DOB (child.dob)", "unparseable date '14/05/2010'"),
    ...           Fault("Start (episode.start)", "unparseable date '28/05/2025'"),
    ...           Fault("End (episode.end)", "unparseable date '29/05/2025'")]
    >>> [f.field for f in in_column_order(faults, ["Child DOB", "Start", "End"])]
    ['Child DOB (child.dob)', 'Start', 'End (episode.end)']
    """
    place = {column: i for i, column in enumerate(header)}
    seen: set[tuple[str, str]] = set()
    ordered: list[tuple[int, Fault]] = []
    at = -1
    for fault in faults:
        column = fault.field.rsplit(" (", 1)[0] if fault.field.endswith(")") and \
            fault.field not in place else fault.field
        if (column, fault.reason) in seen:
            continue
        seen.add((column, fault.reason))
        at = place.get(column, at)
        ordered.append((at, fault))
    return [fault for _, fault in sorted(ordered, key=lambda pair: pair[0])]


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
                 limits: Limits | None = None
                 ) -> Iterator[Unit | Problem | str | SourceEnd | Notice]:
    """Yield a Unit, a Problem, or :data:`SKIPPED` for each record of ``path``, then
    :class:`SourceEnd` with the number of records the file holds.

    The header is checked against the mapping first: missing columns are a
    :class:`MappingError` naming each and its mapping line, raised before any row is read. A row of
    empty cells is skipped (and counted so). Each row's text cells are cleaned of control,
    bidi and invisible format characters (:mod:`graphintel.ingest.text_checks`; the
    entities that read a cleaned cell are flagged), and a value too long for the graph's
    indexes quarantines the row, naming the column. A bad row is one :class:`Problem`
    naming every fault found in it (:func:`_unit`), in the order of the file's columns.
    """
    limits = limits or Limits()
    source = str(path)
    rows = _rows(path, mapping, limits)
    header = next(rows, None)
    if not isinstance(header, list):
        raise InputError("the file has no header row", source, "check the file and the mapping")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise MappingError(f"the file repeats column(s) {', '.join(repr(d) for d in dup)}",
                           source, "give each column its own name in the header row")
    check_delimiter(path, header, mapping)
    mapping.check_header(header, source)
    mapping, found = with_person_columns(mapping, header)
    if found:
        yield Notice(f"{source}: " + "; ".join(
            f"column {c!r} read as {e}.{f}" for c, (e, f) in found.items())
            + f" (mapping {mapping.name} does not read {'them' if len(found) > 1 else 'it'}: "
            "a person's age, date of birth, or a field saying they are a child or a victim, "
            "is never left out; add it to the mapping to say so)")
    read = {c for c, _ in mapping.column_uses()}
    unread = [h for h in header if h and h.strip() and h not in read
              and h not in mapping.unread]
    if unread:
        # their values would be lost without a word: a subject's age, a second phone
        yield Notice(f"{source}: column{'s' if len(unread) > 1 else ''} "
                     f"{', '.join(repr(escaped(h)) for h in unread)} not read by mapping "
                     f"{mapping.name}: {'their' if len(unread) > 1 else 'its'} values are not "
                     "loaded (copy the mapping into your own and read them, e.g. an age "
                     "column as a person's properties: {age: COLUMN})")
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    dates = date_uses(mapping)
    file_ref = f"{mapping.name}:{path.name}"
    one_line, columns_of = one_line_columns(mapping), _columns_of(mapping)
    for item in rows:
        if isinstance(item, SourceEnd):
            yield item
            continue
        assert isinstance(item, RawRow)
        raw_text = item.raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        if item.reason is not None:
            yield Problem(source, item.line, item.field or "(row)", item.reason, raw_text,
                          item.more)
            continue
        values = item.cells
        row = {h: excel_text(values[i]) if i < len(values) else None
               for i, h in enumerate(header)}
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
        row, cleaned = clean_row(row, one_line)
        try:
            unit = _unit(mapping, row, source, item.line, file_ref, file_hash, limits.window,
                         limits.phone_region, dates)
        except RowRejected as rej:
            problem = RowRejected.of(in_column_order(rej.faults, header)).problem(
                source, item.line, raw_text)
            if mapping.per_row_report:
                problem = replace(problem, ref=_row_ref(mapping, row))
            yield problem
            continue
        flag_cleaned(unit, [n for n, cols in columns_of.items() if cols & set(cleaned)],
                     cleaned)
        if mapping.per_row_report:
            unit.raw = clip(raw_text)
        yield unit
