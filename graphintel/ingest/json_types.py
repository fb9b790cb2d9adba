"""JSON types of a canonical report's fields: text where text is meant, and each JSON
object's keys given once.

A reader that turns every value into text would load ``"name": {"first": "Wendy"}`` as a
person named ``{'first': 'Wendy'}``, a list of VRMs as the VRM ``['AB12CDE']``, and a
narrative given as an object as its Python repr: nonsense that looks like data, and keys
that match nothing. A field the contract (FORMATS.md) gives as text that holds a JSON
object, a list or true/false is a fault of its own, naming the field; the report is
quarantined with it, as with a role or an age that is no role or age. A number is read as
its text (an entity id of 7 is ``"7"``) except a phone number's: as a JSON number it has
already lost any leading zero (``7700900112`` for ``07700 900112``), so it is a fault too.

A key given twice in one object (``"ref": "W/9", ..., "ref": "W/9b"``) leaves which value
is meant unknown (JSON parsers keep either); :func:`loads` reports each one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from graphintel.ingest.records import Fault, RowRejected

__all__ = ["REPORT_TEXT_FIELDS", "DuplicateKeys", "check_entity", "check_link", "check_text",
           "loads"]

#: A report's fields that are text (``date`` and ``grading`` are read by their own rules).
REPORT_TEXT_FIELDS = ("ref", "author", "source_system", "narrative", "conditions")
#: An entity's fields that are not text: dates, an age, coordinates, yes/no fields and
#: aliases (text or a list of text, checked item by item).
_NOT_TEXT = {"dob", "age", "start", "end", "lat", "lon", "is_child", "is_victim", "aliases"}
#: A link's fields that are text (``at`` is a date; ``count`` a whole number, checked).
_LINK_TEXT = ("type", "from", "to", "note", "kind", "role")
_SHOWN = 60


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _fault(value: Any, where: str, phone: bool = False) -> Fault | None:
    """The fault of ``value`` in a text field ``where``, or None when it reads as text."""
    if isinstance(value, Mapping):
        kind = "a JSON object"
    elif isinstance(value, list):
        kind = "a JSON list"
    elif isinstance(value, bool):
        kind = f"JSON {str(value).lower()}"
    elif phone and isinstance(value, int | float):
        return Fault(where, f"a JSON number ({_shown(value)}) where a phone number is text: "
                            "as a number it has lost any leading zero; write it as a string, "
                            'as dialled (e.g. "07700 900123")')
    else:
        return None
    more = " (a second value is an entity or a field of its own)" \
        if isinstance(value, list) else ""
    return Fault(where, f"{kind} ({_shown(value)}) where text was expected: write it as one "
                        f"string{more}")


def check_text(obj: Mapping[str, Any], names: Iterable[str], prefix: str = "") -> None:
    """Raise :class:`RowRejected` with a fault for each of ``names`` in ``obj`` that holds
    no text, in the order of ``obj``'s fields.

    >>> try:
    ...     check_text({"narrative": "ok", "author": ["PC 1"]}, REPORT_TEXT_FIELDS)
    ... except RowRejected as rej:
    ...     rej.faults[0].reason[:42]
    'a JSON list (["PC 1"]) where text was expe'
    """
    wanted = set(names)
    found = [f for name, value in obj.items() if name in wanted
             if (f := _fault(value, f"{prefix}{name}")) is not None]
    if found:
        raise RowRejected.of(found)


def check_entity(raw: Mapping[str, Any], fields: Iterable[str], prefix: str) -> None:
    """Raise :class:`RowRejected` with a fault for each of an entity's text ``fields`` (its
    type's, and ``type``; ``id`` is checked before) that holds no text, and each alias that
    is not text; in the order of the entity's fields."""
    wanted = {"type", *fields} - _NOT_TEXT
    phone = raw.get("type") == "Phone"
    found = [f for name, value in raw.items() if name in wanted
             if (f := _fault(value, f"{prefix}{name}", phone and name == "number")) is not None]
    aliases = raw.get("aliases")
    if isinstance(aliases, list):
        found.extend(f for i, a in enumerate(aliases)
                     if (f := _fault(a, f"{prefix}aliases[{i}]")) is not None)
    elif isinstance(aliases, Mapping | bool):
        found.append(Fault(f"{prefix}aliases", f"{_shown(aliases)} is not a name or a list "
                           "of names"))
    if found:
        raise RowRejected.of(found)


def check_link(raw: Mapping[str, Any], where: str) -> None:
    """Raise :class:`RowRejected` with a fault for each of a link's text fields that holds
    no text."""
    check_text(raw, _LINK_TEXT, f"{where}.")


class DuplicateKeys(ValueError):
    """A JSON text with a key given twice in one object: ``faults`` names each."""

    def __init__(self, faults: list[Fault]) -> None:
        super().__init__("; ".join(f"{f.field}: {f.reason}" for f in faults))
        self.faults = faults


def loads(text: str) -> Any:
    """``json.loads``, but a key given twice in one object raises :class:`DuplicateKeys`
    (a fault for each such key, with the values given) after the whole text is read.

    >>> try:
    ...     loads('{"ref": "W/9", "e": [{"id": "a"}], "ref": "W/9b"}')
    ... except DuplicateKeys as dup:
    ...     dup.faults
    [Fault(field='ref', reason='key given twice in one object ("W/9", then "W/9b"): which is meant is not known')]
    """  # noqa: E501
    found: list[Fault] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) != len(items):
            seen: dict[str, Any] = {}
            for key, value in items:
                if key in seen:
                    found.append(Fault(key, f"key given twice in one object ("
                                            f"{_shown(seen[key])}, then {_shown(value)}): "
                                            "which is meant is not known"))
                seen[key] = value
        return out

    obj = json.loads(text, object_pairs_hook=pairs)
    if found:
        raise DuplicateKeys(found)
    return obj
