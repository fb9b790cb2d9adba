"""One canonical report (FORMATS.md §1) into a :class:`Unit`, with narrative mining."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Container, Mapping, Sequence
from typing import Any

from graphintel import model
from graphintel.clean import find_phones, find_postcodes, find_vrms, parse_grading
from graphintel.clean.dates import DateWindow
from graphintel.clean.result import as_text
from graphintel.ingest import normalise
from graphintel.ingest.field_names import LINK_FIELDS, contract_names
from graphintel.ingest.json_types import REPORT_TEXT_FIELDS, check_entity, check_link, check_text
from graphintel.ingest.link_direction import orient_links
from graphintel.ingest.narrative_ages import read_narrative_ages
from graphintel.ingest.narrative_aliases import read_narrative_aliases
from graphintel.ingest.records import EntityIn, Faults, LinkIn, ReportIn, RowRejected, Unit
from graphintel.ingest.row_keys import finish_event_keys
from graphintel.ingest.text_checks import (
    check_indexed,
    clean_report_text,
    entities_of_paths,
    flag_cleaned,
    limited,
)

REPORT_FIELDS = {"ref", "date", "grading", "author", "source_system", "narrative",
                 "entities", "links", "conditions"}


def content_hash(obj: Any) -> str:
    """A stable hash of a row's content (key order and whitespace do not matter)."""
    blob = json.dumps(obj, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def cell_text(value: Any) -> str:
    """A table cell as the text a CSV export holds for it, where that text loads the same.

    Text is kept exactly as it is (a CSV cell is always text); an empty cell (None, NaN) is
    ``""``; a number is the text the loader reads it as (``7700900123.0`` is
    ``"7700900123"``, ``2.5`` is ``"2.5"``); anything else is ``str(value)``.

    >>> cell_text(" a "), cell_text(None), cell_text(7700900123.0), cell_text(2.5), cell_text(7)
    (' a ', '', '7700900123', '2.5', '7')
    """
    if isinstance(value, str):
        return value
    return as_text(value)


def row_hash(row: Mapping[str, Any]) -> str:
    """The content hash of one row of a table, the same for a CSV row and an XLSX row that
    hold the same cells.

    A CSV row (all text) hashes exactly as :func:`content_hash` of the row always has, so
    rows loaded before are still known; the cells of a spreadsheet row are first written as
    their CSV text (:func:`cell_text`; date cells are written by the reader, which knows the
    mapping's date formats).
    """
    return content_hash({str(k): cell_text(v) for k, v in row.items()})


def grading_props(raw: Any, scheme: str | None, field_name: str = "grading",
                  conditions: Any = None) -> dict[str, Any]:
    """Report properties for a grading; an invalid or missing grading rejects the row."""
    if isinstance(raw, Mapping) and raw.get("scheme"):
        scheme = str(raw.get("scheme"))
    result = parse_grading(raw, scheme)
    if result.grading is None:
        raise RowRejected(field_name, f"invalid grading {result.raw!r}: {result.error}")
    g = result.grading
    written = g.conditions or normalise.text(conditions)
    return {
        "grading": g.code, "grading_scheme": g.scheme, "grading_source": g.source,
        "grading_intel": g.intel, "grading_handling": g.handling,
        "grading_conditions": written,
        "grading_strength": g.strength,
        # conditions written with a handling code that permits sharing: not shared until a
        # person re-grades it (Grading.partner_shareable)
        "partner_shareable": g.partner_shareable and not written,
    }


def mine_narrative(narrative: str | None, entities: list[EntityIn]) -> list[EntityIn]:
    """Phones, VRMs and postcodes written in the free text but not named as entities.

    They are linked to the report as *extracted* mentions, never as asserted facts.
    """
    if not narrative:
        return []
    named = {e.uid for e in entities}
    found: list[EntityIn] = []
    for number in find_phones(narrative):
        found.append(EntityIn(f"~x{len(found) + 1}", "Phone", number, {"number": number},
                              extracted=True))
    for vrm in find_vrms(narrative):
        found.append(EntityIn(f"~x{len(found) + 1}", "Vehicle", vrm, {"vrm": vrm},
                              extracted=True))
    for postcode in find_postcodes(narrative):
        found.append(EntityIn(f"~x{len(found) + 1}", "Location", postcode,
                              {"postcode": postcode, "kind": "postcode"}, extracted=True))
    unique: dict[str, EntityIn] = {}
    for ent in found:
        if ent.uid not in named and ent.uid not in unique:
            unique[ent.uid] = ent
    return list(unique.values())


def links_of(raw_links: Any, ids: Container[str], faults: Faults,
             window: DateWindow | None = None, *, advice: list[str] | None = None,
             unread: dict[str, Any] | None = None) -> list[tuple[str, LinkIn]]:
    """The valid links of a report, each with its field (``links[2]``), checked against its
    entity ids and the model's types. A link that is not valid is left out, each of its
    fields that fails (type, from, to, at, count, kind, role) a fault in ``faults``. A field
    written another way ("Role") is read as the contract's, said in ``advice``; a field
    that is none of a link's is kept in ``unread`` (by link) and said in ``advice``."""
    if raw_links is None:
        return []
    if not isinstance(raw_links, list):
        faults.add("links", "links must be a list")
        return []
    out: list[tuple[str, LinkIn]] = []
    for i, raw in enumerate(raw_links):
        where = f"links[{i}]"
        with faults:
            out.append((where, _link(raw, where, ids, window, advice, unread)))
    return out


def _link(raw: Any, where: str, ids: Container[str], window: DateWindow | None,
          advice: list[str] | None = None, unread: dict[str, Any] | None = None) -> LinkIn:
    if not isinstance(raw, Mapping):
        raise RowRejected(where, "a link must be an object")
    faults = Faults()
    raw, said = contract_names(raw, LINK_FIELDS, where, faults)
    check_link(raw, where)  # an object where text is meant: its other checks mean nothing
    extra = {k: v for k, v in raw.items() if k not in LINK_FIELDS}
    if advice is not None:
        advice.extend(said)
        advice.extend(f"{where}.{k}: not a field of a link ({', '.join(sorted(LINK_FIELDS))}): "
                      "kept with the report, not on the link" for k in extra)
    if extra and unread is not None:
        unread[where] = extra
    ltype = normalise.text(raw.get("type"))
    if not ltype or not model.is_link_type(ltype):
        faults.add(f"{where}.type", f"link type {ltype!r} is not one of the model's")
    kind = normalise.text(raw.get("kind"))
    if kind is not None:
        kind = kind.lower()
        allowed = model.LINK_KINDS.get(ltype or "", ())
        if kind not in allowed and ltype and model.is_link_type(ltype):
            faults.add(f"{where}.kind", f"link kind {kind!r} is not one the model lists for "
                       f"{ltype}" + (f" ({', '.join(allowed)})" if allowed else " (none)"))
    role = normalise.text(raw.get("role"))
    if role is not None:
        role = role.lower()
        if role not in model.OCCURRENCE_ROLES:
            faults.add(f"{where}.role",
                       f"role {role!r} is not one of {', '.join(model.OCCURRENCE_ROLES)}")
    for end in ("from", "to"):
        ref = normalise.text(raw.get(end))
        if ref is None or ref not in ids:
            faults.add(f"{where}.{end}", f"unknown link endpoint {ref!r}: no entity with that "
                       "id in this report")
    at = None
    with faults:
        at = normalise.date_value(raw.get("at"), f"{where}.at", None, window=window)
    count = raw.get("count")
    if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                              or count < 0):
        faults.add(f"{where}.count", f"count {count!r} is not a whole number >= 0")
    faults.check()
    return LinkIn(str(raw["from"]).strip(), str(raw["to"]).strip(), str(ltype), at, count,
                  normalise.text(raw.get("note")), kind, role)


def report_text(narrative: str | None, entities: Sequence[EntityIn],
                links: Sequence[LinkIn]) -> str | None:
    """All the free text of a report, where an age may be written beside a name: the
    narrative, the events' descriptions ("Missing child Lee DUNN, 14, from Oakfield") and
    the links' notes ("Zak HOLT (14) is Dean FOX's runner"), set apart by " | "."""
    parts = [narrative, *(str(e.props.get("description") or "") for e in entities
                          if e.label != model.PERSON),
             *(lk.note for lk in links)]
    text = " | ".join(p for p in parts if p)
    return text or None


def _link_roles(entities: list[EntityIn], links: list[LinkIn]) -> None:
    """A person's role in an occurrence, given on its link ("role": "victim" on an
    INVOLVED_IN), is their role in the report too, as a mapping's occurrence role is."""
    by_id = {e.local_id: e for e in entities}
    for link in links:
        person_role = model.PERSON_ROLE_OF.get(link.role or "")
        if not person_role:
            continue
        for end in (by_id.get(link.from_id), by_id.get(link.to_id)):
            if end is not None and end.label == model.PERSON and person_role not in end.roles:
                end.roles = [r for r in end.roles if r != "unknown"] + [person_role]


def _entities(raw_entities: Any, faults: Faults, date_formats: Sequence[str] | None,
              window: DateWindow | None, region: str, born_by: str | None,
              advice: list[str] | None = None) -> tuple[list[EntityIn], dict[str, int]]:
    """The valid entities of a report, and the place in the report of every entity id it
    gives, the ids of entities that are not valid too (a link to one is not an unknown
    endpoint: that entity's own faults say what is wrong). Each entity that is not valid
    is left out, its faults (each field that fails) in ``faults``. A field written another
    way, and an identifier kept as written though it failed its check, are said in
    ``advice``."""
    raw_entities = raw_entities or []
    if not isinstance(raw_entities, list):
        faults.add("entities", "entities must be a list")
        return [], {}
    entities: list[EntityIn] = []
    ids: dict[str, int] = {}
    for i, raw in enumerate(raw_entities):
        with faults:
            if not isinstance(raw, Mapping):
                raise RowRejected(f"entities[{i}]", "an entity must be an object")
            check_text(raw, ("id",), f"entities[{i}].")
            local = normalise.text(raw.get("id"))
            if local is None:
                raise RowRejected(f"entities[{i}].id", "missing entity id")
            if local in ids:
                raise RowRejected(f"entities[{i}].id", f"entity id {local!r} used twice")
            ids[local] = i
            label = normalise.text(raw.get("type")) or ""
            raw, said = contract_names(
                raw, {"id", "type", *normalise.KNOWN_FIELDS.get(label, ())},
                f"entities[{i}]", faults, label=label)
            if advice is not None:
                advice.extend(said)
            check_entity(raw, normalise.KNOWN_FIELDS.get(label, ()), f"entities[{i}].")
            ent = normalise.entity(local, raw, date_formats, prefix=f"entities[{i}].",
                                   window=window, region=region, born_by=born_by)
            entities.append(ent)
            if advice is not None:  # an identifier kept as written, with its flag
                advice.extend(f"{d.field}: {d.reason}" for d in ent.doubts)
    return entities, ids


def unit_from_report(obj: Any, source: str, line: int, *,
                     date_formats: Sequence[str] | None = None,
                     grading_scheme: str | None = None,
                     window: DateWindow | None = None, region: str = "GB") -> Unit:
    """Validate and normalise one canonical report; raises :class:`RowRejected` naming
    every fault of it.

    With ``window``, the report date, event start/end and link times must lie in it;
    ``region`` is the region phone numbers without a country code are read in.

    Every string is first cleaned of control, bidi and invisible format characters
    (:func:`~graphintel.ingest.text_checks.clean_report_text`; the entities and the
    report are flagged when any were), and a value too long for the graph's indexes
    rejects the row naming its field (:mod:`graphintel.ingest.text_checks`). The content
    hash is of the cleaned report.

    Every independent fault is found, in the order of the report's fields: ``ref``,
    ``date``, ``grading``, each field of each entity, each field of each link; then the
    checks of the whole row (a link from an entity to itself, an identity key too long)
    over the entities and links that are valid. A fault that only follows from another is
    not repeated: a link to an entity that is not valid is not checked for being a
    self-link, nor a date of birth against a report date that could not be read.
    """
    if not isinstance(obj, Mapping):
        raise RowRejected("(line)", "a report must be a JSON object")
    obj, cleaned = clean_report_text(obj)
    faults = Faults()
    ref = None
    with faults:
        check_text(obj, ("ref",))
        ref = limited(normalise.text(obj.get("ref")), "ref")
        if ref is None:
            raise RowRejected("ref", "missing report reference")
    when = None
    with faults:
        when = normalise.date_value(obj.get("date"), "date", date_formats, window=window)
        if when is None:
            raise RowRejected("date", "missing report date")
    grading: dict[str, Any] = {}
    with faults:
        if obj.get("grading") in (None, ""):
            raise RowRejected("grading", "missing grading")
        grading = grading_props(obj.get("grading"), grading_scheme,
                                conditions=obj.get("conditions"))
    with faults:  # a narrative or author given as an object or a list
        check_text(obj, REPORT_TEXT_FIELDS[1:])
    advice: list[str] = []
    unread: dict[str, Any] = {}
    entities, ids = _entities(obj.get("entities"), faults, date_formats, window, region, when,
                              advice)
    valid = {e.local_id for e in entities}
    named = [(where, lk) for where, lk in links_of(obj.get("links"), ids, faults, window,
                                                   advice=advice, unread=unread)
             if lk.from_id in valid and lk.to_id in valid]
    where = [w for w, _ in named]
    links, turned = orient_links(entities, [lk for _, lk in named], where)
    _link_roles(entities, links)
    with faults:
        finish_event_keys(entities, links, ref or "", where)
    with faults:
        check_indexed(entities, lambda e, f: f"entities[{ids[e.local_id]}].{f}")
    faults.check()
    assert ref is not None and when is not None  # else a fault was raised
    props: dict[str, Any] = {
        "ref": ref, "date": when, **grading,
        "author": normalise.text(obj.get("author")),
        "source_system": normalise.text(obj.get("source_system")),
        "narrative": normalise.text(obj.get("narrative")),
        "source_file": source, "source_line": line,
    }
    extra = {k: v for k, v in obj.items() if k not in REPORT_FIELDS}
    if unread:
        extra["unread_link_fields"] = unread
    if extra:
        props["extra_json"] = json.dumps(extra, sort_keys=True, ensure_ascii=False)
    named_ids = entities_of_paths(cleaned, entities)
    written = report_text(props["narrative"], entities, links)
    read_narrative_aliases(written, entities)  # first: an age may follow a nickname
    read_narrative_ages(written, entities, on=when)
    entities.extend(mine_narrative(props["narrative"], entities))
    props["content_hash"] = content_hash(obj)
    unit = Unit(source, line, ReportIn(ref, props), entities, links, props["content_hash"],
                advice=advice + turned)
    flag_cleaned(unit, named_ids, cleaned)
    return unit
