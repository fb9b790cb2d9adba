"""The text of every input row: hidden characters taken out (and flagged), indexed values
kept short enough for the graph's indexes.

Characters (:func:`graphintel.clean.text.clean_text`): every string of a canonical report
(:func:`clean_report_text`) or every cell of a table row (:func:`clean_row`) loses its
control, bidi and invisible format characters before it is read, so that no name, address
or narrative can break the Word agenda or an XML chart, reorder what a reader sees, or
print terminal escapes. One-line fields (names, references, handles, addresses, kinds...)
lose their tabs and line breaks too; free text (narratives, descriptions, notes, extra
fields) keeps them. Each entity that had a field cleaned is flagged
:data:`~graphintel.clean.text.TEXT_FLAG`, and its report is flagged so too and lists the
fields in ``cleaned_fields`` (:func:`flag_cleaned`): nothing is changed silently.

Lengths: Neo4j's range indexes (and so its uniqueness constraints) refuse a string of more
than about 8 kB of UTF-8, and one such value used to stop a whole load. Names, references,
handles, nominal references, kinds and IDs are limited to :data:`MAX_KEY_CHARS`
characters, addresses to :data:`MAX_ADDRESS_CHARS`, and every value that goes into an
index or an identity key (the keys and uids made from them too: a name's key can be longer
than the name) to :data:`MAX_INDEX_BYTES` bytes of UTF-8. A row over a limit is quarantined
naming the field (:func:`limited`, :func:`check_indexed`), the rest of the file loads.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from graphintel.clean.text import TEXT_FLAG, clean_text, too_long
from graphintel.ingest.mapping import Mapping as LoaderMapping
from graphintel.ingest.mapping import ValueSpec
from graphintel.ingest.records import EntityIn, Faults, RowRejected, Unit

#: Characters of a name, report reference, handle, nominal reference, kind or source ID:
#: far above any real one, far below what an index holds.
MAX_KEY_CHARS = 1000
#: Characters of an address (a place's name or address: its key is made of it).
MAX_ADDRESS_CHARS = 2000
#: UTF-8 bytes of any value that is indexed or is (part of) an identity key or uid: about
#: half Neo4j's range-index limit (8,167 bytes), leaving room for the prefixes of keys
#: and uids and for the composite indexes that hold a uid beside another value.
MAX_INDEX_BYTES = 4000

#: Fields of a canonical report that are one line (and may go into a key); every other
#: field, extra fields included, is free text that keeps its tabs and line breaks.
ONE_LINE_FIELDS = frozenset({
    "ref", "date", "author", "source_system", "id", "type", "name", "aliases", "dob", "age",
    "gender", "role", "nominal_ref", "number", "vrm", "make", "model", "colour", "address",
    "postcode", "kind", "lat", "lon", "platform", "handle", "start", "end", "badge", "rank",
    "force", "from", "to", "at", "count", "grading", "source", "intel", "handling",
    "scheme",
})
_ENTITY_PATH = re.compile(r"^entities\[(\d+)\]")


def limited(value: str | None, field_name: str, max_chars: int = MAX_KEY_CHARS) -> str | None:
    """``value`` when it fits the limits of an indexed value (``max_chars`` characters,
    :data:`MAX_INDEX_BYTES` bytes), else :class:`RowRejected` naming ``field_name``."""
    if value is None:
        return None
    why = too_long(value, max_chars, MAX_INDEX_BYTES)
    if why is not None:
        raise RowRejected(field_name, f"value {why}: too long for a value the graph indexes "
                          "or keys on (a name, reference, handle, address, kind or ID)")
    return value


def bounded_key(part: str, max_bytes: int = MAX_INDEX_BYTES // 2) -> str:
    """``part`` of an identity key as it is, or, when longer than ``max_bytes`` of UTF-8,
    its start and a digest of the whole (two different texts keep two different keys).

    For free text that only names a thing inside its report (an object's description).

    >>> bounded_key("phone in bag")
    'phone in bag'
    >>> len(bounded_key("x" * 5000).encode())
    217
    """
    data = part.encode("utf-8", "surrogatepass")
    if len(data) <= max_bytes:
        return part
    digest = hashlib.sha256(data).hexdigest()[:16]
    return f"{data[:200].decode('utf-8', 'ignore')}~{digest}"


#: The field a too-long key of an entity comes from, by label (people: see _key_field).
_KEY_FIELD = {"Phone": "number", "Vehicle": "vrm", "Location": "address",
              "OnlineAccount": "handle", "Event": "kind", "Officer": "badge",
              "Object": "description"}
#: Indexed properties of entities (cypher/schema.cypher), besides uid and key.
_INDEXED_PROPS = ("name_key", "name_dob", "nominal_ref", "postcode", "kind")


def _key_field(ent: EntityIn, key: str) -> str:
    if ent.label == "Person":
        if key.startswith("ref:"):
            return "nominal_ref"
        return "id" if key.startswith("sid:") else "name"
    return _KEY_FIELD.get(ent.label, "id")


def check_indexed(entities: Iterable[EntityIn], where: Callable[[EntityIn, str], str]) -> None:
    """Reject the row (:class:`RowRejected`) when an entity's uid, identity keys, source
    ID or indexed properties exceed :data:`MAX_INDEX_BYTES` bytes of UTF-8: one fault per
    entity over the limit (its first value over), in the order of the entities.

    The last check before a row is written, whatever the limits of each field let
    through (a name's key is longer than the name for some characters, an event's key
    holds its subject's). ``where(entity, field)`` names the field in the message.
    """
    faults = Faults()
    for ent in entities:
        values = [(k, _key_field(ent, k)) for k in (ent.uid, *ent.keys)]
        values += [(k, "id") for k in (ent.source_key, ent.ref_key) if k]
        values += [(v, "name" if p in ("name_key", "name_dob") else p)
                   for p in _INDEXED_PROPS if isinstance(v := ent.props.get(p), str)]
        for value, field_name in values:
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > MAX_INDEX_BYTES:
                faults.add(where(ent, field_name), f"too long: the {ent.label}'s identity key "
                           f"or indexed value made of it is {size} bytes in UTF-8, over the "
                           f"limit of {MAX_INDEX_BYTES} bytes")
                break
    faults.check()


def _clean(value: Any, path: str, multiline: bool, changed: list[str]) -> Any:
    if isinstance(value, str):
        cleaned = clean_text(value, multiline=multiline)
        if cleaned.flags:
            changed.append(path)
        return cleaned.value
    if isinstance(value, list):
        return [_clean(v, f"{path}[{i}]", multiline, changed) for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        return _clean_object(value, path, changed)
    return value


def _clean_object(obj: Mapping[Any, Any], path: str, changed: list[str]) -> dict[Any, Any]:
    """An object with its keys and values cleaned. A key that had characters removed is
    placed after the others and, when its cleaned form is already taken, gets ``~``
    appended until it is free: its value is never lost nor put in another field's place."""
    out: dict[Any, Any] = {}
    later: list[tuple[str, Any]] = []
    for key, value in obj.items():
        if isinstance(key, str) and (cleaned := clean_text(key)).flags:
            later.append((cleaned.value or "", value))
        else:
            out[key] = _clean(value, f"{path}.{key}" if path else str(key),
                              key not in ONE_LINE_FIELDS, changed)
    for name, value in later:
        while name in out:
            name += "~"
        where = f"{path}.{name}" if path else name
        changed.append(where)
        out[name] = _clean(value, where, name not in ONE_LINE_FIELDS, changed)
    return out


def clean_report_text(obj: Any) -> tuple[Any, list[str]]:
    """A canonical report with every string and key through
    :func:`~graphintel.clean.text.clean_text` (one-line for :data:`ONE_LINE_FIELDS`), and
    the paths of the fields changed (``entities[0].name``, ``narrative``)."""
    changed: list[str] = []
    if not isinstance(obj, Mapping):
        return obj, changed
    return _clean_object(obj, "", changed), changed


def clean_row(row: Mapping[str, Any], one_line: Iterable[str]) -> tuple[dict[str, Any],
                                                                        list[str]]:
    """A table row with every text cell cleaned (one-line for the columns ``one_line``),
    and the columns changed."""
    single = set(one_line)
    changed: list[str] = []
    out = dict(row)
    for column, value in row.items():
        if isinstance(value, str):
            cleaned = clean_text(value, multiline=column not in single)
            if cleaned.flags:
                out[column] = cleaned.value
                changed.append(column)
    return out, changed


def one_line_columns(mapping: LoaderMapping) -> set[str]:
    """The columns a loader mapping reads as one-line values: all it reads except those
    read only as free text (the report's narrative and conditions, an entity's
    description and extra properties, a link's note)."""
    one: list[ValueSpec | None] = [v for k, v in mapping.report.items()
                                   if k not in ("narrative", "conditions")]
    for ent in mapping.entities.values():
        one.extend(v for k, v in ent.fields.items() if k != "description")
        one.extend((ent.role, ent.id, ent.ref))
    for lk in mapping.links:
        one.extend((lk.type, lk.at, lk.count, lk.kind, lk.role))
    return {c for spec in one if spec is not None for c in spec.columns()} | \
        {rule.column for rule in mapping.skip}


def flag_cleaned(unit: Unit, entities: Iterable[str], fields: list[str]) -> None:
    """Flag the row's entities named in ``entities`` (local ids) and, when ``fields`` (the
    fields or columns cleaned) is not empty and the report is the row's own, the report,
    which lists them in ``cleaned_fields``."""
    named = set(entities)
    for ent in unit.entities:
        if ent.local_id in named and TEXT_FLAG not in ent.flags:
            ent.flags.append(TEXT_FLAG)
    if fields and unit.per_row_report:
        unit.report.props["flags"] = [TEXT_FLAG]
        unit.report.props["cleaned_fields"] = sorted(set(fields))


def entities_of_paths(paths: Iterable[str], entities: list[EntityIn]) -> list[str]:
    """The local ids of the entities of a canonical report that ``paths`` fall in."""
    out = []
    for path in paths:
        found = _ENTITY_PATH.match(path)
        if found and int(found.group(1)) < len(entities):
            out.append(entities[int(found.group(1))].local_id)
    return out
