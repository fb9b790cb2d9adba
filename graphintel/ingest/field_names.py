"""Field names written another way ("DOB", "Date of Birth", "Role"), read as the contract's.

FORMATS.md fixes the field names of a report's entities and links, and keeps any other
field as an extra. A system that writes ``"DOB"`` or ``"date_of_birth"`` for ``dob`` would
then load a 15-year-old with no date of birth, kept only as an extra nobody reads, and she
could be ranked as a target without a word said. A field whose name is one of the
contract's written in another case or with other separators, or a common other name for
it, is read as that field, and the load says so; given beside the field itself with another
value, the row is a fault (which is meant is not known). A person's age, date of birth or
year of birth, and a field that says they are a child ("Under 18": "Y") or a victim
("Victim?": "Y"), is read also with a unit or format written in its name ("Age (yrs)",
"Date of Birth (dd/mm/yyyy)") or after a word naming the person ("Subject Age"): left as an
extra, each would let a child be ranked as a target. Pure; no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from graphintel.clean.ages import written_dob
from graphintel.clean.result import as_text
from graphintel.ingest.records import Faults

__all__ = ["AGE_NAMES", "CHILD_NAMES", "DOB_NAMES", "LINK_FIELDS", "OTHER_NAMES",
           "VICTIM_NAMES", "YEAR_OF_BIRTH_NAMES", "contract_names", "declared_date", "folded",
           "folded_forms", "person_columns", "person_field", "says_yes"]

#: The fields of a link (FORMATS.md: from, to, type; optional at, count, note; and the kind
#: and role of an occurrence link, as mappings give them).
LINK_FIELDS = frozenset({"from", "to", "type", "at", "count", "note", "kind", "role"})
#: Names records systems give a person's stated age: the age at the time of the report (or
#: of the incident it records), or an estimate of it ("14-15" for an unidentified girl).
AGE_NAMES = frozenset({
    "age", "age_years", "age_in_years", "age_yrs", "age_yr", "age_at_incident",
    "age_at_time_of_incident", "age_at_offence", "age_at_time_of_offence", "age_at_time",
    "age_at_report", "age_at_time_of_report", "estimated_age", "est_age", "approx_age",
    "approximate_age", "apparent_age", "age_estimate", "age_est", "age_approx",
    # an age now (as the export was made, after the report: read as of the report's date,
    # it can only make them older than they are, so no child is made younger)
    "current_age", "age_now", "present_age", "age_today"})
#: Names records systems give a band or range of ages ("13-15", "14 to 16", "Juvenile",
#: "Adult"): read as ``age_band``, the youngest age counting, a band that says child a sign
#: of one, any other kept as written (:func:`graphintel.ingest.age_fields.age_band`).
AGE_BAND_NAMES = frozenset({"age_band", "age_range", "age_group", "age_bracket",
                            "estimated_age_range", "age_range_estimate"})
#: Names records systems give a year of birth given alone (read as the youngest age it
#: gives on the report's date: :func:`graphintel.ingest.age_fields.age_by_year_of_birth`).
YEAR_OF_BIRTH_NAMES = frozenset({"year_of_birth", "yob", "birth_year", "year_born"})
#: Names records systems give a person's date of birth.
DOB_NAMES = frozenset({"dob", "d_o_b", "date_of_birth", "birth_date", "birthdate"})
#: Names records systems give a field that says, yes or no, that the person is a child
#: ("Under 18": "Y", "juvenile": true): read as ``is_child``, a sign of a child for someone
#: of no recorded age (:func:`graphintel.ingest.age_fields.field_signs`).
CHILD_NAMES = frozenset({
    "is_child", "child", "is_a_child", "child_flag", "juvenile", "is_juvenile", "is_a_juvenile",
    "juvenile_flag", "minor", "is_minor", "is_a_minor", "under_18", "under18", "u18",
    "is_under_18", "is_under18", "is_u18", "under_16", "under16", "u16", "is_under_16",
    "is_under16", "under_age",
    "underage", "is_underage", "young_person", "is_young_person", "is_a_young_person"})
#: Names records systems give a field that says, yes or no, that the person is a victim
#: ("Victim?": "Y"): read as ``is_victim``, a victim assessment in that report.
VICTIM_NAMES = frozenset({"is_victim", "victim", "is_a_victim", "victim_flag",
                          "injured_party", "is_injured_party", "is_ip"})
#: Other names records systems give a field, by the entity type they belong to ("*": any).
OTHER_NAMES: dict[str, dict[str, str]] = {
    "Person": {**dict.fromkeys(AGE_NAMES - {"age"}, "age"),
               **dict.fromkeys(AGE_BAND_NAMES - {"age_band"}, "age_band"),
               **dict.fromkeys(DOB_NAMES - {"dob"}, "dob"), "born": "dob",
               "nominal": "nominal_ref", "nominal_reference": "nominal_ref",
               "nominal_number": "nominal_ref", "alias": "aliases", "aka": "aliases",
               **dict.fromkeys(CHILD_NAMES, "is_child"),
               **dict.fromkeys(VICTIM_NAMES, "is_victim"),
               "sex": "gender", "full_name": "name", "person_role": "role"},
    "Phone": {"phone": "number", "phone_number": "number", "telephone": "number",
              "msisdn": "number"},
    "Vehicle": {"reg": "vrm", "registration": "vrm", "vehicle_registration": "vrm",
                "color": "colour"},
    "Location": {"post_code": "postcode"},
    "OnlineAccount": {"username": "handle", "user_name": "handle"},
}
_SEPARATORS = re.compile(r"[\W_]+")
#: A unit or format written after a field's name, folded ("Age (yrs)", "DOB (dd/mm/yyyy)",
#: "Victim (Y/N)"): not part of the name.
_HINT = re.compile(r"_(?P<hint>(?:in_)?(?:yrs?|years?|y|y_n|n_y|yes_no|true_false|t_f|"
                   r"(?:dd|mm)_?(?:mm|dd|mmm)_?yy(?:yy)?|yyyy_?mm_?dd|yyyy|iso(?:_8601)?))$")
#: Words that name the record's own person before a field of theirs ("Subject Age",
#: "Subject is under 18", "Person DOB"). Not "Victim Age" or "Child DOB": on a suspect's
#: record they may be another person's (a parent's child, the suspect's victim).
_PERSON_WORDS = re.compile(r"^(?:subject|person|nominal|individual)_(?:is_)?(?=[a-z])")
_PERSON_FIELDS = {**dict.fromkeys(AGE_NAMES, "age"), **dict.fromkeys(DOB_NAMES, "dob"),
                  **dict.fromkeys(AGE_BAND_NAMES, "age_band"),
                  "born": "dob", **dict.fromkeys(YEAR_OF_BIRTH_NAMES, "year_of_birth"),
                  **dict.fromkeys(CHILD_NAMES, "is_child"),
                  **dict.fromkeys(VICTIM_NAMES, "is_victim")}
_YES = frozenset({"y", "yes", "true", "t", "1", "x"})


def folded(field: str, *, words: bool = False) -> str:
    """A field's name in lower case with every run of other characters than letters and
    digits (spaces, dots, brackets, colons) made one underscore; with ``words``, a change
    of case starts a word too ("dateOfBirth", "DateOfBirth", "isChild": JSON and APIs
    name fields in camelCase or PascalCase, and folded whole, "dateofbirth" is no name).

    >>> folded(" Date of Birth "), folded("D.O.B."), folded("year-born"), folded("DOB:")
    ('date_of_birth', 'd_o_b', 'year_born', 'dob')
    >>> folded("Age (yrs)"), folded("Age_Yrs"), folded("Victim?")
    ('age_yrs', 'age_yrs', 'victim')
    >>> folded("dateOfBirth", words=True), folded("DateOfBirth", words=True)
    ('date_of_birth', 'date_of_birth')
    >>> folded("isUnder18", words=True), folded("IPFlag", words=True), folded("DOB", words=True)
    ('is_under18', 'ip_flag', 'dob')
    """
    if words:
        field = _CASE_CHANGE.sub("_", field)
    return _SEPARATORS.sub("_", field.strip().lower()).strip("_")


#: Where a change of case starts a word: "date|Of|Birth", "IP|Flag", "under18|Flag".
_CASE_CHANGE = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def folded_forms(field: str) -> tuple[str, ...]:
    """The names a field's name is matched by: folded whole first ("DoB", "YoB" are "dob",
    "yob"), then with a change of case starting a word ("dateOfBirth" is
    "date_of_birth").

    >>> folded_forms("DoB"), folded_forms("estimatedAge"), folded_forms("age")
    (('dob', 'do_b'), ('estimatedage', 'estimated_age'), ('age',))
    """
    return tuple(dict.fromkeys((folded(field), folded(field, words=True))))


def person_field(field: str) -> tuple[str | None, str]:
    """The field of a person that a name gives their age, date of birth, year of birth or
    a sign that they are a child or a victim by (``age``, ``dob``, ``year_of_birth``,
    ``is_child``, ``is_victim``), None for any other, and the unit or format written with
    it ("dd_mm_yyyy", "yrs", "y_n"; "" when none). A unit or format and a word naming the
    record's own person before it ("Subject", "Person") do not stop the match; any other
    word does ("Age of vehicle", "Agent", "Owner DOB", "Child DOB").

    >>> person_field("Est. Age (yrs)"), person_field("Date of Birth (dd/mm/yyyy)")
    (('age', 'yrs'), ('dob', 'dd_mm_yyyy'))
    >>> person_field("Subject is under 18 (Y/N)"), person_field("Victim?")
    (('is_child', 'y_n'), ('is_victim', ''))
    >>> person_field("Age of vehicle"), person_field("Agent"), person_field("Owner DOB")
    ((None, ''), (None, ''), (None, ''))
    """
    for name in folded_forms(field) if isinstance(field, str) else ():
        m = _HINT.search(name)
        bare, hint = (name[:m.start()], m.group("hint")) if m and m.start() else (name, "")
        for candidate in (name, bare, _PERSON_WORDS.sub("", name), _PERSON_WORDS.sub("", bare)):
            if candidate in _PERSON_FIELDS:
                return _PERSON_FIELDS[candidate], "" if candidate == name else hint
    return None, ""


def says_yes(value: object) -> bool:
    """Whether a yes-or-no field says yes (Y, Yes, true, 1, x); anything else (N, No, false,
    0, empty, a word or a name) says nothing.

    >>> says_yes("Y"), says_yes(True), says_yes(1), says_yes(" yes "), says_yes("x")
    (True, True, True, True, True)
    >>> says_yes("N"), says_yes(False), says_yes(0), says_yes(""), says_yes("Amy HILL")
    (False, False, False, False, False)
    """
    if isinstance(value, bool):
        return value
    return as_text(value).lower() in _YES


def declared_date(value: object, hint: str) -> str | None:
    """A date of birth as the ISO date the format declared in its field's name reads it by
    ("dd_mm_yyyy": day first, "mm_dd_yyyy": month first), None when no format is declared
    or the value is not a date in it (it is then read as any date of birth is).

    >>> declared_date("12/03/2010", "dd_mm_yyyy"), declared_date("03/12/2010", "mm_dd_yyyy")
    ('2010-03-12', '2010-03-12')
    >>> declared_date("12/03/2010", ""), declared_date("31/31/2010", "dd_mm_yyyy")
    (None, None)
    """
    if not isinstance(value, str) or not hint.startswith(("dd", "mm", "yyyy", "iso")):
        return None
    text = value.strip()
    if hint.startswith("mm"):
        text = re.sub(r"^(\d{1,2})([/.\-])(\d{1,2})(?=[/.\-]\d)", r"\3\2\1", text)
    return written_dob(text)


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

    A person's field is read also with a unit or format in its name, or after a word
    naming the person (:func:`person_field`); a date of birth in the format its name
    declares; of two fields that say yes or no (``is_child``, ``is_victim``), a yes counts.

    >>> contract_names({"DOB (dd/mm/yyyy)": "12/03/2010", "Under 18": "Y", "juvenile": False},
    ...                {"dob", "is_child"}, "e", f, label="Person")[0]
    {'dob': '2010-03-12', 'is_child': 'Y'}
    """
    known = set(known)
    other = {**OTHER_NAMES.get(label, {})}
    out: dict[str, Any] = dict(raw)
    said: list[str] = []
    for field in list(raw):
        if field in known or not isinstance(field, str):
            continue
        hint = ""
        meant = next((m for name in folded_forms(field)
                      if (m := name if name in known else other.get(name))), None)
        if meant is None and label == "Person":
            meant, hint = person_field(field)
        if meant is None or meant not in known:
            continue
        value = out.pop(field)
        if meant == "dob":
            value = declared_date(value, hint) or value
        if meant in ("is_child", "is_victim") and meant in out:
            value = value if says_yes(value) else out[meant]  # a yes counts
            out[meant] = value
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
    >>> person_columns(["Current Age", "subjectDateOfBirth"], {"subject": ["name"]})
    {'Current Age': ('subject', 'age'), 'subjectDateOfBirth': ('subject', 'dob')}

    A column that says the person is a child or a victim is read as ``is_child`` or
    ``is_victim`` (:func:`person_field`; a unit or format in its name does not matter):

    >>> person_columns(["Age (yrs)", "Subject is under 18 (Y/N)", "Victim?"],
    ...                {"subject": ["name"]})  # doctest: +NORMALIZE_WHITESPACE
    {'Age (yrs)': ('subject', 'age'), 'Subject is under 18 (Y/N)': ('subject', 'is_child'),
     'Victim?': ('subject', 'is_victim')}
    """
    found: dict[str, tuple[str, str]] = {}
    reads = {name: set(fields) for name, fields in people.items()}
    for column in header:
        if not isinstance(column, str) or not column.strip():
            continue
        for name in sorted(reads):
            field = next((f for written in folded_forms(column) for own in folded_forms(name)
                          if (rest := written[len(own) + 1:] if written.startswith(own + "_")
                              else written if len(reads) == 1 else None)
                          and (f := person_field(rest)[0])), None)
            if field and field not in reads[name] and (name, field) not in found.values():
                found[column] = (name, field)
                break
    return found
