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

__all__ = ["AGE_NAMES", "DOB_NAMES", "LINK_FIELDS", "OTHER_NAMES", "YEAR_OF_BIRTH_NAMES",
           "contract_names", "folded", "person_columns"]

#: The fields of a link (FORMATS.md: from, to, type; optional at, count, note; and the kind
#: and role of an occurrence link, as mappings give them).
LINK_FIELDS = frozenset({"from", "to", "type", "at", "count", "note", "kind", "role"})
#: Names records systems give a person's stated age: the age at the time of the report (or
#: of the incident it records), or an estimate of it ("14-15" for an unidentified girl).
AGE_NAMES = frozenset({
    "age", "age_years", "age_in_years", "age_at_incident", "age_at_time_of_incident",
    "age_at_offence", "age_at_time_of_offence", "age_at_time", "age_at_report",
    "age_at_time_of_report", "estimated_age", "est_age", "approx_age", "approximate_age",
    "apparent_age", "age_estimate", "age_est", "age_approx"})
#: Names records systems give a year of birth given alone (read as the youngest age it
#: gives on the report's date: :func:`graphintel.ingest.age_fields.age_by_year_of_birth`).
YEAR_OF_BIRTH_NAMES = frozenset({"year_of_birth", "yob", "birth_year", "year_born"})
#: Names records systems give a person's date of birth.
DOB_NAMES = frozenset({"dob", "d_o_b", "date_of_birth", "birth_date", "birthdate"})
#: Other names records systems give a field, by the entity type they belong to ("*": any).
OTHER_NAMES: dict[str, dict[str, str]] = {
    "Person": {**dict.fromkeys(AGE_NAMES - {"age"}, "age"),
               **dict.fromkeys(DOB_NAMES - {"dob"}, "dob"), "born": "dob",
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


def folded(field: str) -> str:
    """A field's name in lower case with its separators made one underscore.

    >>> folded(" Date of Birth "), folded("D.O.B."), folded("year-born")
    ('date_of_birth', 'd_o_b', 'year_born')
    """
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
        name = folded(field)
        meant = name if name in known else other.get(name)
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


def person_columns(header: Iterable[str], people: Mapping[str, Iterable[str]]
                   ) -> dict[str, tuple[str, str]]:
    """The columns of a table that a mapping does not read and that are a person's age,
    date of birth or year of birth: ``{column: (entity, field)}``. ``people`` maps each
    Person entity of the mapping to the fields it reads. A column names its person by the
    entity's name before the field ("Subject Age" is ``subject``'s ``age``, "Child DOB"
    ``child``'s ``dob``); when the mapping has one person, the field alone is enough
    ("Age"). A field the person already reads, a second column for the same field, or a
    column no one person can be told for, is left out (and the load still warns of it).

    >>> person_columns(["Ref", "Subject Age", "Estimated age", "Phone"], {"subject": ["name"]})
    {'Subject Age': ('subject', 'age')}
    >>> person_columns(["Age", "Child D.O.B."], {"child": ["name"], "adult": ["name", "dob"]})
    {'Child D.O.B.': ('child', 'dob')}
    """
    found: dict[str, tuple[str, str]] = {}
    reads = {name: set(fields) for name, fields in people.items()}
    for column in header:
        if not isinstance(column, str) or not column.strip():
            continue
        written = folded(column)
        for name in sorted(reads):
            own = folded(name)
            rest = written[len(own) + 1:] if written.startswith(own + "_") else \
                written if len(reads) == 1 else None
            field = "age" if rest in AGE_NAMES else "dob" if rest in DOB_NAMES else \
                "year_of_birth" if rest in YEAR_OF_BIRTH_NAMES else None
            if field and field not in reads[name] and (name, field) not in found.values():
                found[column] = (name, field)
                break
    return found
