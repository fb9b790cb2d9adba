"""Turn one raw entity (canonical field names) into an :class:`EntityIn` with its key.

Identity keys (DESIGN.md, FORMATS.md):

- Person: see :func:`~graphintel.ingest.person_keys.person_keys`. A mention gives
  ``ref:<nominal_ref>`` when it has one (normalised:
  :func:`~graphintel.clean.nominal.clean_nominal_ref`) and
  ``nd:<name key>|<dob>`` when it has a date of birth; a mention with neither gives
  ``n:<name key>`` (a name alone only ever merges with the same name alone).
- Phone: E.164; Vehicle: VRM; Location: postcode + address key (or what there is);
  OnlineAccount: ``platform:handle``; Event: kind, start and subject (set by the report).

Identifiers that fail their format check (a phone number that cannot be one or whose
country is unknown, a VRM or postcode of no GB format) are kept as written with a
data-quality flag, as they may be the only handle on the thing, and never silently: each is
an :attr:`~graphintel.ingest.records.EntityIn.doubts` entry, a warning line of the load
naming the file, line, field and why (:func:`~graphintel.ingest.doubts.doubt`).
Anything that makes the row unusable raises :class:`RowRejected` naming the field, a value
too long for the graph's indexes too (:func:`graphintel.ingest.text_checks.limited`). Every
field of an entity is checked: the exception names each field that fails (its own fault, in
the order of the fields); a check that needs another field's value (a date of birth after
the report's date, an event ending before it starts, a place with nothing to key it by) is
left out when that field failed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from graphintel import model
from graphintel.analysis.safeguarding import age_on
from graphintel.clean import (
    address_parts,
    clean_date,
    clean_name,
    clean_phone,
    clean_postcode,
    clean_vrm,
    name_key,
)
from graphintel.clean.ages import clean_age, split_name_age, split_name_dob
from graphintel.clean.dates import DateWindow, check_window
from graphintel.clean.nominal import clean_nominal_ref
from graphintel.clean.result import as_text
from graphintel.ingest.age_fields import (
    AGE_FROM_GENDER,
    AGE_FROM_YEAR_OF_BIRTH,
    age_band,
    age_by_year_of_birth,
    field_signs,
)
from graphintel.ingest.doubts import doubt
from graphintel.ingest.narrative_child_signs import CALLED_CHILD
from graphintel.ingest.person_keys import person_keys
from graphintel.ingest.records import EntityIn, Faults, RowRejected
from graphintel.ingest.text_checks import MAX_ADDRESS_CHARS, bounded_key, limited

#: The flag of a person whose stated age was written in the name ("Kyle NARROW (15)").
AGE_FROM_NAME = "age_from_name"
#: The flag of a person whose date of birth was written in the name ("Kyle NARROW
#: (03/03/2011)"): the name is without it, and the date is theirs (the younger of it and
#: a dob field that disagrees).
DOB_FROM_NAME = "dob_from_name"

KNOWN_FIELDS: dict[str, set[str]] = {
    # is_child, is_victim: yes or no ("Under 18": "Y", "Victim?": "Y"; age_fields.field_signs)
    "Person": {"name", "dob", "age", "gender", "role", "nominal_ref", "aliases", "is_child",
               "is_victim", "age_band"},
    "Phone": {"number"},
    "Vehicle": {"vrm", "make", "model", "colour"},
    "Location": {"address", "postcode", "kind", "lat", "lon", "name"},
    "OnlineAccount": {"platform", "handle"},
    "Event": {"kind", "start", "end", "description"},
    "Officer": {"name", "badge", "rank", "force"},
    "Object": {"kind", "description"},
}


def text(value: Any) -> str | None:
    """Stripped text, or None for empty."""
    out = as_text(value)
    return out or None


def date_value(raw: Any, field_name: str, formats: Sequence[str] | None,
               *, date_only: bool = False, window: DateWindow | None = None) -> str | None:
    """An ISO date or datetime, None when empty; unparseable dates reject the row.

    With ``window``, a date outside it (``0001-01-01``, ``9999-12-31``, a year mistyped)
    rejects the row too.
    """
    if text(raw) is None:
        return None
    cleaned = clean_date(raw, formats)
    if cleaned.value is None or cleaned.error:
        raise RowRejected(field_name, f"unparseable date {as_text(raw)!r}: {cleaned.error}")
    if window is not None:
        checked = check_window(cleaned.value, window)
        if checked.value is None:
            raise RowRejected(field_name, f"implausible date {as_text(raw)!r}: {checked.error}")
    if date_only:  # a calendar date (a date of birth): the day as written, not moved to
        # another by the time and zone given with it ("2007-07-01T00:30:00+02:00")
        written = _WRITTEN_DAY.match(as_text(raw) or "")
        return written.group(1) if written else cleaned.value[:10]
    return cleaned.value


_WRITTEN_DAY = re.compile(r"\s*(\d{4}-\d{2}-\d{2})[T ]")


def _extra(raw: Mapping[str, Any], label: str) -> dict[str, Any]:
    skip = KNOWN_FIELDS[label] | {"id", "type"}
    extra = {k: v for k, v in raw.items() if k not in skip and v not in (None, "")}
    return {"extra_json": json.dumps(extra, sort_keys=True, ensure_ascii=False)} if extra else {}


def person(local_id: str, raw: Mapping[str, Any], formats: Sequence[str] | None,
           prefix: str = "", source_key: str | None = None, *,
           window: DateWindow | None = None, born_by: str | None = None) -> EntityIn:
    """A person mention; raises :class:`RowRejected` when unusable, naming each field
    that is (name, dob, nominal_ref, role, age).

    A date of birth outside ``window`` (a year mistyped: ``2052``, ``0001``), or after
    ``born_by`` (the date of the report that mentions them), rejects the row: the person
    would otherwise be read as not yet born, or as a child they are not. A stated age the
    date of birth does not give on ``born_by`` is kept, flagged ``age_disagrees_with_dob``.
    A name cell that also gives the age ("Kyle NARROW (15yrs)",
    :func:`~graphintel.clean.ages.split_name_age`) is the name without it, and the age is
    the person's stated age (unless an age field gives a younger one), flagged
    :data:`AGE_FROM_NAME`; one that gives the date of birth ("Kyle NARROW (03/03/2011)",
    :func:`~graphintel.clean.ages.split_name_dob`) likewise, flagged :data:`DOB_FROM_NAME`;
    a gender that gives the age ("F (15)") likewise, flagged ``age_from_gender``. A gender
    that says child ("juvenile male", "schoolgirl"), or an ``is_child`` that says yes, flags
    them ``called_a_child`` (a sign of a child for someone of no recorded age); an
    ``is_victim`` that says yes makes them a victim in the report, as the role would
    (:func:`~graphintel.ingest.age_fields.field_signs`).
    """
    faults = Faults()
    shown, key_name, age_in_name, dob_in_name = "", "", None, None
    with faults:
        name = clean_name(raw.get("name"))
        if name.value is None:
            raise RowRejected(f"{prefix}name", "a person needs a name")
        limited(name.value, f"{prefix}name")
        shown, age_in_name = split_name_age(name.value)
        shown, dob_in_name = split_name_dob(shown)
        key_name = name_key(shown)
        if not any(c.isalpha() for c in key_name):
            raise RowRejected(f"{prefix}name", f"name {name.raw!r} has no letters: a person's "
                              "name, not an ID or a number (an ID column mapped as a name?)")
    dob = None
    with faults:
        dob = date_value(raw.get("dob"), f"{prefix}dob", formats, date_only=True, window=window)
        if dob_in_name:  # "Kyle NARROW (03/03/2011)": of two dates, the younger counts
            in_name = date_value(dob_in_name, f"{prefix}name", None, date_only=True,
                                 window=window)
            dob = max(d for d in (dob, in_name) if d) if in_name else dob
            dob_in_name = in_name if in_name == dob else None
        if dob and born_by and dob > str(born_by)[:10]:
            raise RowRejected(f"{prefix}dob", f"date of birth {dob} is after the report's date "
                              f"{str(born_by)[:10]}: a typo in the year? (a person is born on "
                              "or before the day a report mentions them)")
    nominal = None
    with faults:
        # the key's form (N0012345 for "n 0012345."), kept as the person's nominal_ref
        # as a phone keeps its E.164 number: people are found by it
        nominal = limited(clean_nominal_ref(raw.get("nominal_ref")).value,
                          f"{prefix}nominal_ref")
    role = (text(raw.get("role")) or "unknown").lower()
    if role not in model.ROLES:
        faults.add(f"{prefix}role", f"role {role!r} is not one of {', '.join(model.ROLES)}")
    age = None
    with faults:
        age = person_age(raw.get("age"), f"{prefix}age")
    faults.check()
    keys = person_keys(nominal, key_name, dob, source_key)
    if age_in_name is not None and (age is None or age_in_name < age):
        age = age_in_name
    else:
        age_in_name = None
    by_year = None if dob else age_by_year_of_birth(raw, born_by)
    if by_year is not None and (age is None or by_year < age):
        age = by_year
    else:
        by_year = None
    signs = field_signs(raw)
    by_gender = signs.gender_age if age is None or (signs.gender_age or age) < age else None
    age = age if by_gender is None else by_gender
    band, band_child = age_band(raw.get("age_band"))  # "13-15", "Juvenile": never refused
    if band is not None and (age is None or band < age):
        age = band
    aliases = raw.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    props: dict[str, Any] = {
        "name": shown,
        "name_key": key_name,
        "dob": dob,
        "age": age,
        "nominal_ref": nominal,
        "name_dob": f"{key_name}|{dob}" if dob else None,
        "gender": signs.gender,
        "aliases": sorted({a for a in (text(x) for x in aliases) if a}),
        "age_band": text(raw.get("age_band")),
        **_extra(raw, "Person"),
    }
    flags = [] if dob or nominal or source_key else ["no_dob_or_nominal_ref"]
    if age_in_name is not None:
        flags.append(AGE_FROM_NAME)
    if dob_in_name:
        flags.append(DOB_FROM_NAME)
    if by_year is not None:
        flags.append(AGE_FROM_YEAR_OF_BIRTH)
    if by_gender is not None:
        flags.append(AGE_FROM_GENDER)
    if signs.child or band_child:  # "juvenile male", "Under 18": "Y", an age band "U18"
        flags.append(CALLED_CHILD)
    roles = [role] if not signs.victim or role == "victim" else \
        [r for r in (role, "victim") if r != "unknown"]
    if dob and age is not None and born_by and age_on(dob, str(born_by)[:10]) != age:
        # kept as given; the analysis safeguards them as the younger until resolved
        flags.append("age_disagrees_with_dob")
    return EntityIn(local_id, "Person", keys[0], props, roles=roles, flags=flags,
                    variant=shown, keys=keys)


MAX_AGE = 120

def person_age(raw: Any, field_name: str) -> int | None:
    """An age in whole years (0 to 120) as the report gave it, None when not given
    (:func:`~graphintel.clean.ages.clean_age`: "15 years", "fifteen" and "15.5" are 15).

    A person known only by an age (no date of birth) is still tested for being a child:
    the age is stored with the date of the report that gave it (``age_on``), see
    :func:`graphintel.analysis.safeguarding.age_of`.

    >>> person_age("12", "age"), person_age(" ", "age"), person_age(14.0, "age")
    (12, None, 14)
    >>> person_age("15 yrs", "age")
    15
    """
    age = clean_age(raw)
    if age.error:
        raise RowRejected(field_name, f"age {age.raw!r} is {age.error} (write it as a number "
                          "of years, e.g. 15)")
    return None if age.value is None else int(age.value)


def phone(local_id: str, raw: Mapping[str, Any], prefix: str = "",
          region: str = "GB") -> EntityIn:
    """A phone keyed by its E.164 number; a number that cannot be read as one (no number,
    impossible, a letter among its digits, no country) is kept as written with its flag
    and a warning (:func:`~graphintel.ingest.doubts.doubt`)."""
    cleaned = clean_phone(raw.get("number"), region)
    if cleaned.value is None:
        raise RowRejected(f"{prefix}number", "a phone needs a number")
    limited(cleaned.value, f"{prefix}number")
    return EntityIn(local_id, "Phone", cleaned.value, {"number": cleaned.value},
                    flags=list(cleaned.flags), variant=cleaned.raw.strip(),
                    doubts=doubt(cleaned, f"{prefix}number", region))


def vehicle(local_id: str, raw: Mapping[str, Any], prefix: str = "") -> EntityIn:
    """A vehicle keyed by its VRM; one of no GB format is kept with a warning."""
    cleaned = clean_vrm(raw.get("vrm"))
    if cleaned.value is None:
        raise RowRejected(f"{prefix}vrm", "a vehicle needs a VRM")
    limited(cleaned.value, f"{prefix}vrm")
    props = {"vrm": cleaned.value, "make": text(raw.get("make")),
             "model": text(raw.get("model")), "colour": text(raw.get("colour")),
             **_extra(raw, "Vehicle")}
    return EntityIn(local_id, "Vehicle", cleaned.value, props, flags=list(cleaned.flags),
                    variant=cleaned.raw.strip(), doubts=doubt(cleaned, f"{prefix}vrm"))


def _coordinate(raw: Any, field_name: str, limit: float) -> float | None:
    if text(raw) is None:
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise RowRejected(field_name, f"{raw!r} is not a number") from None
    if not -limit <= value <= limit:
        raise RowRejected(field_name, f"{value} is out of range ±{limit}")
    return value


def location(local_id: str, raw: Mapping[str, Any], prefix: str = "") -> EntityIn:
    faults = Faults()
    address = None
    with faults:
        address = limited(text(raw.get("address")) or text(raw.get("name")),
                          f"{prefix}{'address' if text(raw.get('address')) else 'name'}",
                          MAX_ADDRESS_CHARS)
    pc = clean_postcode(raw.get("postcode")) if text(raw.get("postcode")) else None
    with faults:
        limited(pc.value if pc else None, f"{prefix}postcode")
    lat = lon = None
    with faults:
        lat = _coordinate(raw.get("lat"), f"{prefix}lat", 90)
    with faults:
        lon = _coordinate(raw.get("lon"), f"{prefix}lon", 180)
    kind = "address"
    with faults:
        kind = limited((text(raw.get("kind")) or "address").lower(), f"{prefix}kind") or ""
    faults.check()
    postcode = pc.value if pc else None
    if postcode and address:
        key = f"{postcode}|{name_key(address)}"
    elif postcode:
        key = postcode
    elif address:
        key = f"addr:{name_key(address)}"
    elif lat is not None and lon is not None:
        key = f"geo:{lat:.5f},{lon:.5f}"
    else:
        raise RowRejected(f"{prefix}address", "a location needs an address, postcode or lat/lon")
    # the building's address and the flat, written out: another record of the same home
    # with or without a postcode is found by them (graphintel.clean.address; kept by
    # graphintel.derived like a marker after merges)
    parts = address_parts(address)
    props = {"address": address, "postcode": postcode, "lat": lat, "lon": lon, "kind": kind,
             "address_key": parts.key, "address_unit": parts.unit, **_extra(raw, "Location")}
    return EntityIn(local_id, "Location", key, props, flags=list(pc.flags) if pc else [],
                    variant=address, doubts=doubt(pc, f"{prefix}postcode") if pc else [])


def account(local_id: str, raw: Mapping[str, Any], prefix: str = "") -> EntityIn:
    faults = Faults()
    platform = handle = ""
    with faults:
        platform = limited((text(raw.get("platform")) or "").lower(), f"{prefix}platform") or ""
        if not platform:
            raise RowRejected(f"{prefix}platform", "an online account needs a platform")
    with faults:
        handle = limited((text(raw.get("handle")) or "").lstrip("@"), f"{prefix}handle") or ""
        if not handle:
            raise RowRejected(f"{prefix}handle", "an online account needs a handle")
    faults.check()
    return EntityIn(local_id, "OnlineAccount", f"{platform}:{handle.lower()}",
                    {"platform": platform, "handle": handle}, variant=handle)


def event(local_id: str, raw: Mapping[str, Any], formats: Sequence[str] | None,
          prefix: str = "", window: DateWindow | None = None,
          source_key: str | None = None, kinds: Sequence[str] = ()) -> EntityIn:
    faults = Faults()
    kind = ""
    with faults:
        kind = limited((text(raw.get("kind")) or "").lower(), f"{prefix}kind") or ""
        if not kind:
            raise RowRejected(f"{prefix}kind", "an event needs a kind (e.g. missing_episode)")
    start = end = None
    with faults:
        start = date_value(raw.get("start"), f"{prefix}start", formats, window=window)
    with faults:
        end = date_value(raw.get("end"), f"{prefix}end", formats, window=window)
    if start and end and end < start:  # both read: neither failed
        faults.add(f"{prefix}end", f"end {end} is before start {start}")
    faults.check()
    flags = [] if kind in model.EVENT_KINDS or kind in kinds else ["unlisted_event_kind"]
    props = {"kind": kind, "start": start, "end": end,
             "description": text(raw.get("description")), **_extra(raw, "Event")}
    if source_key:  # an occurrence of a records system is the one its ID names
        return EntityIn(local_id, "Event", f"{kind}|id:{source_key}", props, flags=flags,
                        source_key=source_key)
    # The key is completed by the report, which knows the event's subject.
    return EntityIn(local_id, "Event", f"{kind}|{start or ''}", props, flags=flags)


def officer(local_id: str, raw: Mapping[str, Any], prefix: str = "",
            source_key: str | None = None) -> EntityIn:
    """A police officer: keyed by force and badge (collar) number, else by source ID, else
    by name."""
    faults = Faults()
    name = clean_name(raw.get("name")) if text(raw.get("name")) else None
    with faults:
        limited(name.value if name else None, f"{prefix}name")
    badge = force = None
    with faults:
        badge = limited(text(raw.get("badge")), f"{prefix}badge")
    with faults:
        force = limited(text(raw.get("force")), f"{prefix}force")
    faults.check()
    if badge:
        key = f"badge:{(force or '').lower()}/{badge.upper()}"
    elif source_key:
        key = f"id:{source_key}"
    elif name and name.value and name_key(name.value):
        key = f"n:{name_key(name.value)}"
    else:
        raise RowRejected(f"{prefix}badge", "an officer needs a badge number or a name")
    props = {"name": name.value if name else None, "badge": badge,
             "rank": text(raw.get("rank")), "force": force, **_extra(raw, "Officer")}
    return EntityIn(local_id, "Officer", key, props, variant=badge or (name.raw if name else None),
                    source_key=source_key)


def physical_object(local_id: str, raw: Mapping[str, Any], prefix: str = "",
                    source_key: str | None = None) -> EntityIn:
    """An object of an occurrence: the one its source ID names, else local to its report."""
    kind = limited((text(raw.get("kind")) or "").lower(), f"{prefix}kind") or ""
    description = text(raw.get("description"))
    if not kind and not description:
        raise RowRejected(f"{prefix}description", "an object needs a kind or a description")
    key = (f"id:{source_key}" if source_key
           else f"{kind}|{bounded_key(name_key(description or ''))}")
    return EntityIn(local_id, "Object", key, {"kind": kind or None, "description": description,
                                              **_extra(raw, "Object")},
                    source_key=source_key)


def entity(local_id: str, raw: Mapping[str, Any], formats: Sequence[str] | None = None,
           prefix: str = "", window: DateWindow | None = None, *,
           source_key: str | None = None, region: str = "GB",
           event_kinds: Sequence[str] = (), born_by: str | None = None) -> EntityIn:
    """Normalise one raw entity of any type; raises :class:`RowRejected` when unusable.

    ``window`` is the plausible-date window for event start and end; ``source_key`` the
    entity's source ID (``<source>/<space>/<id>``) when its row gives one; ``region`` the
    region phone numbers without a country code are read in; ``event_kinds`` kinds of
    event a mapping declares besides the model's; ``born_by`` the report's date, which a
    person's date of birth may not be after (``window`` bounds it too).
    """
    label = text(raw.get("type"))
    ent = _entity(label, local_id, raw, formats, prefix, window, source_key, region,
                  event_kinds, born_by)
    ent.source_key = source_key
    return ent


def _entity(label: str | None, local_id: str, raw: Mapping[str, Any],
            formats: Sequence[str] | None, prefix: str, window: DateWindow | None,
            source_key: str | None, region: str, event_kinds: Sequence[str],
            born_by: str | None = None) -> EntityIn:
    if label == "Person":
        return person(local_id, raw, formats, prefix, source_key, window=window,
                      born_by=born_by)
    if label == "Phone":
        return phone(local_id, raw, prefix, region)
    if label == "Vehicle":
        return vehicle(local_id, raw, prefix)
    if label == "Location":
        return location(local_id, raw, prefix)
    if label == "OnlineAccount":
        return account(local_id, raw, prefix)
    if label == "Event":
        return event(local_id, raw, formats, prefix, window, source_key, event_kinds)
    if label == "Officer":
        return officer(local_id, raw, prefix, source_key)
    if label == "Object":
        return physical_object(local_id, raw, prefix, source_key)
    raise RowRejected(f"{prefix}type", f"entity type {label!r} is not one of "
                      f"{', '.join(model.ENTITY_LABELS)}")


_TRUE = {"true", "yes", "y", "1", "t"}
_FALSE = {"false", "no", "n", "0", "f"}


def typed(raw: Any, kind: str, field_name: str, formats: Sequence[str] | None = None) -> Any:
    """A mapping's extra property as its declared type (text, int, float, bool, date), None
    when empty; a value that is not of the type rejects the row naming the field.

    >>> typed("42", "int", "age"), typed("2.5", "float", "x"), typed("Yes", "bool", "b")
    (42, 2.5, True)
    """
    given = text(raw)
    if given is None:
        return None
    if kind == "text":
        return given
    if kind == "date":
        return date_value(given, field_name, formats)
    if kind == "bool":
        if given.lower() in _TRUE | _FALSE:
            return given.lower() in _TRUE
        raise RowRejected(field_name, f"{given!r} is not true or false")
    try:
        number = float(given)
    except ValueError:
        raise RowRejected(field_name, f"{given!r} is not a number") from None
    if kind == "int":
        if number != int(number):
            raise RowRejected(field_name, f"{given!r} is not a whole number")
        return int(number)
    return number
