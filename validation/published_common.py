"""Shared pieces of the published-data converters: the result type and a format check.

:func:`check_report` checks one report against FORMATS.md section 1 with the standard
library only (the tests also run graphintel's own ingest validation on every report).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

ENTITY_TYPES = frozenset({"Person", "Phone", "Vehicle", "Location", "OnlineAccount", "Event"})
ROLES = frozenset({"suspect", "victim", "associate", "witness", "unknown"})
LINK_TYPES = frozenset({
    "ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS", "USES", "OWNS", "DRIVES", "PASSENGER_IN",
    "LIVES_AT", "FREQUENTS", "SEEN_AT", "CALLED", "HAS_ACCOUNT", "MESSAGED", "SUBJECT_OF",
    "INVOLVED_IN", "FOUND_AT", "MISSING_FROM", "OCCURRED_AT",
})
REQUIRED_FIELDS = ("ref", "date", "grading", "source_system", "entities", "links")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$")


@dataclass
class Converted:
    """Canonical reports (one dict per JSON line) and the data set's ground truth."""

    reports: list[dict[str, Any]]
    truth: dict[str, Any] = field(default_factory=dict)


def grading(source: str, intel: str, handling: str = "P") -> dict[str, str]:
    """A 3x5x2 grading as named fields (number on the source, letter on the intelligence)."""
    return {"source": source, "intel": intel, "handling": handling}


def person(eid: str, name: str, nominal_ref: str, role: str,
           dob: str | None = None) -> dict[str, Any]:
    """A Person entity of one report (``dob`` left out when unknown)."""
    ent: dict[str, Any] = {"id": eid, "type": "Person", "name": name, "role": role,
                           "nominal_ref": nominal_ref}
    if dob is not None:
        ent["dob"] = dob
    return ent


def read_rows(path: Path) -> list[list[str]]:
    """All rows of a CSV file (a UTF-8 byte-order mark is dropped)."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.reader(fh) if row]


def read_dicts(path: Path) -> list[dict[str, str]]:
    """All rows of a CSV file with a header, as dicts."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _valid_date(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return False
    try:
        if "T" in value:
            dt.datetime.fromisoformat(value)
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def check_report(report: dict[str, Any]) -> list[str]:
    """Problems of one report against FORMATS.md section 1 (empty when it conforms)."""
    problems: list[str] = []
    for name in REQUIRED_FIELDS:
        if name not in report:
            problems.append(f"missing {name}")
    if problems:
        return problems
    if not _valid_date(report["date"]):
        problems.append(f"date {report['date']!r} is not ISO 8601")
    g = report["grading"]
    if not (isinstance(g, dict) and g.get("source") in {"1", "2", "3"}
            and g.get("intel") in set("ABCDE") and g.get("handling") in {"P", "C"}):
        problems.append(f"grading {g!r} is not 3x5x2")
    ids: set[str] = set()
    for ent in report["entities"]:
        eid = ent.get("id")
        if not isinstance(eid, str) or not eid or eid in ids:
            problems.append(f"entity id {eid!r} missing or used twice")
        ids.add(str(eid))
        if ent.get("type") not in ENTITY_TYPES:
            problems.append(f"entity {eid}: type {ent.get('type')!r}")
        if ent.get("type") == "Person":
            if not ent.get("name"):
                problems.append(f"person {eid} has no name")
            if ent.get("role") not in ROLES:
                problems.append(f"person {eid}: role {ent.get('role')!r}")
            if "dob" in ent and not _valid_date(ent["dob"]):
                problems.append(f"person {eid}: dob {ent['dob']!r}")
        if ent.get("type") == "Phone" and not ent.get("number"):
            problems.append(f"phone {eid} has no number")
    for i, link in enumerate(report["links"]):
        if link.get("type") not in LINK_TYPES:
            problems.append(f"links[{i}]: type {link.get('type')!r}")
        for end in ("from", "to"):
            if link.get(end) not in ids:
                problems.append(f"links[{i}].{end} {link.get(end)!r} is not an entity here")
        count = link.get("count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool)
                                  or count < 0):
            problems.append(f"links[{i}].count {count!r}")
    return problems


def checked(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The reports unchanged; raises ValueError when a ref repeats or a report is malformed."""
    seen: set[str] = set()
    for report in reports:
        problems = check_report(report)
        if report.get("ref") in seen:
            problems.append("ref used twice")
        seen.add(str(report.get("ref")))
        if problems:
            raise ValueError(f"report {report.get('ref')}: {'; '.join(problems)}")
    return reports


def spread_dates(n: int, year: int) -> list[str]:
    """``n`` dates spread evenly and deterministically over one calendar year."""
    start = dt.date(year, 1, 1)
    days = (dt.date(year + 1, 1, 1) - start).days
    return [(start + dt.timedelta(days=i * days // max(n, 1))).isoformat() for i in range(n)]
