"""Field names written another way ("DOB", "Date of Birth", "Role"), read as the contract's.

FORMATS.md fixes the field names of a report's entities and links, and keeps any other
field as an extra. A system that writes ``"DOB"`` or ``"date_of_birth"`` for ``dob`` would
then load a 15-year-old with no date of birth, kept only as an extra nobody reads, and she
could be ranked as a target without a word said. A field whose name is one of the
contract's written in another case or with other separators, or a common other name for
it, is read as that field, and the load says so; given beside the field itself with another
value, the row is a fault (which is meant is not known). Pure; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graphintel.ingest.records import Faults

__all__ = ["LINK_FIELDS", "OTHER_NAMES", "contract_names"]

#: The fields of a link (FORMATS.md: from, to, type; optional at, count, note; and the kind
#: and role of an occurrence link, as mappings give them).
LINK_FIELDS = frozenset({"from", "to", "type", "at", "count", "note", "kind", "role"})
#: Other names records systems give a field, by the entity type they belong to ("*": any).
OTHER_NAMES: dict[str, dict[str, str]] = {
    "Person": {"date_of_birth": "dob", "birth_date": "dob", "birthdate": "dob",
               "d_o_b": "dob", "born": "dob", "age_years": "age", "age_in_years": "age",
               "nominal": "nominal_ref", "nominal_reference": "nominal_ref",
               "nominal_number": "nominal_ref", "alias": "aliases", "aka": "aliases",
               "sex": "gender", "full_name": "name", "person_role": "role"},
    "Phone": {"phone": "number", "phone_number": "number", "telephone": "number",
              "msisdn": "number"},
    "Vehicle": {"reg": "vrm", "registration": "vrm", "vehicle_registration": "vrm",
                "color": "colour"},
    "Location": {"post_code": "postcode"},
    "OnlineAccount": {"username": "handle", "user_name": "handle"},
}
_SEPARATORS = re.compile(r"[\s.\-]+")


def _folded(field: str) -> str:
    return _SEPARATORS.sub("_", field.strip().lower()).strip("_")


def contract_names(raw: Mapping[str, Any], known: Iterable[str], where: str, faults: Faults,
                   *, label: str = "*") -> tuple[dict[str, Any], list[str]]:
    """``raw`` with each field written another way renamed to the contract's, and one line
    per field renamed (``where`` names the entity or link, e.g. ``entities[1]``). A renamed
    field given beside the contract's own with another value is a fault in ``faults``.
    Fields that are no field of the contract are left as they are (kept as extras).

    >>> f = Faults()
    >>> out, said = contract_names({"name": "Amy", "DOB": "2011-03-03"}, {"name", "dob"},
    ...                            "entities[1]", f, label="Person")
    >>> out, said
    ({'name': 'Amy', 'dob': '2011-03-03'}, ["entities[1].DOB: read as 'dob'"])
    >>> contract_names({"Date of Birth": "2011-03-03"}, {"dob"}, "e", f, label="Person")[0]
    {'dob': '2011-03-03'}
    >>> _ = contract_names({"dob": "2011-03-03", "DOB": "2010-01-01"}, {"dob"}, "e", f)
    >>> f.found[0].field
    'e.DOB'
    """
    known = set(known)
    other = {**OTHER_NAMES.get(label, {})}
    out: dict[str, Any] = dict(raw)
    said: list[str] = []
    for field in list(raw):
        if field in known or not isinstance(field, str):
            continue
        folded = _folded(field)
        meant = folded if folded in known else other.get(folded)
        if meant is None or meant not in known:
            continue
        value = out.pop(field)
        if meant in out and out[meant] not in (None, "") and out[meant] != value:
            faults.add(f"{where}.{field}", f"{field!r} and {meant!r} are both given, with "
                       "different values: give one")
            continue
        if meant not in out or out[meant] in (None, ""):
            out[meant] = value
        said.append(f"{where}.{field}: read as {meant!r}")
    return out, said
