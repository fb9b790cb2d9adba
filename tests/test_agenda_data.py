"""Fixture data shared by the agenda tests (this module holds no tests).

A small, deterministic intelligence picture: four suspects (one with a name full of HTML
and Markdown specials, one known only from a report with handling code C), four children
(one under 18 by date of birth only) with missing episodes, hotspots, a suspect's home, a
vehicle, phones, one link resting on weak intelligence (3D), and a handling-C report about
the top target (partners see his reasons recounted without it).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl

NASTY = "Dean <script>alert(1)</script> *Star* | O'Hara"

#: Every child: name, date of birth, nominal ref (the partner profile must show none).
@dataclass(frozen=True)
class Kid:
    name: str
    dob: str
    nominal_ref: str | None = None


CHILDREN = [Kid("Amy Caldwell", "2010-05-14", "N2001"), Kid("Beth Yarrow", "2009-09-09"),
            Kid("Cara Dunmore", "2011-01-20"), Kid("Dylan Foxley", "2008-03-03")]
WITHHELD_SUSPECT = "Mark Hillcrest"
WITHHELD_REF = "IR/2025/0104"
#: A well-graded report with handling C about a target partners may see.
RESTRICTED_ABOUT_TARGET = "IR/2025/0106"


def person(pid: str, name: str, dob: str, role: str, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "type": "Person", "name": name, "dob": dob, "role": role, **extra}


def place(pid: str, address: str, postcode: str, kind: str) -> dict[str, Any]:
    return {"id": pid, "type": "Location", "address": address, "postcode": postcode,
            "kind": kind}


JORDAN = ("Jordan SMITH", "1990-02-11")
KYLE = ("Kyle Brown", "1995-07-03")
AMY, BETH, CARA, DYLAN = ((c.name, c.dob) for c in CHILDREN)
KEBAB = ("Kebab House", "BA1 1AA", "venue")
PARK = ("Central Park", "BA2 3BB", "hotspot")
ASH = ("5 Ash Grove", "BA1 2BB", "home_address")
HOTEL = ("Riverside Hotel", "BA2 4EE", "venue")


def _episode(ref: str, child: tuple[str, str], start: str, end: str,
             found: tuple[str, str, str], home: tuple[str, str, str],
             found_with: tuple[str, str] | None = None) -> dict[str, Any]:
    entities = [person("c", *child, "victim"),
                {"id": "e", "type": "Event", "kind": "missing_episode", "start": start,
                 "end": end},
                place("f", *found), place("h", *home)]
    links = [{"from": "c", "to": "e", "type": "SUBJECT_OF"},
             {"from": "e", "to": "f", "type": "FOUND_AT", "at": end},
             {"from": "e", "to": "h", "type": "MISSING_FROM"}]
    if found_with:
        entities.append(person("w", *found_with, "associate"))
        links.append({"from": "w", "to": "e", "type": "INVOLVED_IN"})
    return report(ref, entities, links, date=start, grading="1AP")


def base_reports() -> list[dict[str, Any]]:
    """The fixture's reports (ingested in this order)."""
    elm = ("12 Elm Road", "BA3 4CC", "home_address")
    oak = ("Oak House", "BA4 5DD", "home_address")
    return [
        report("IR/2025/0101", [
            person("j", *JORDAN, "suspect", nominal_ref="N1001"),
            person("a", *AMY, "victim", nominal_ref="N2001"),
            {"id": "p", "type": "Phone", "number": "07700 900123"},
            {"id": "pa", "type": "Phone", "number": "07700 900999"},
            {"id": "v", "type": "Vehicle", "vrm": "ab12 cde", "make": "Ford", "model": "Fiesta",
             "colour": "silver"},
            place("k", *KEBAB)],
            [{"from": "j", "to": "a", "type": "EXPLOITS"},
             {"from": "j", "to": "p", "type": "USES"},
             {"from": "a", "to": "pa", "type": "USES"},
             {"from": "j", "to": "v", "type": "DRIVES"},
             {"from": "a", "to": "v", "type": "PASSENGER_IN"},
             {"from": "j", "to": "k", "type": "SEEN_AT", "at": "2025-01-10T22:00:00"}],
            date="2025-01-10T23:00:00", grading="2BP"),
        report("IR/2025/0102", [
            person("k", *KYLE, "suspect"), person("j", *JORDAN, "suspect",
                                                  nominal_ref="N1001"),
            person("b", *BETH, "victim"), person("d", *DYLAN, "associate"),
            {"id": "p", "type": "Phone", "number": "07700 900555"},
            place("h", *ASH)],
            [{"from": "k", "to": "j", "type": "ASSOCIATE_OF"},
             {"from": "k", "to": "p", "type": "USES"},
             {"from": "k", "to": "h", "type": "LIVES_AT"},
             {"from": "b", "to": "h", "type": "FREQUENTS"},
             {"from": "d", "to": "k", "type": "ASSOCIATE_OF"}],
            date="2025-02-02T12:00:00", grading="1AP"),
        report("IR/2025/0103", [
            person("n", NASTY, "1985-12-01", "suspect"), person("j", *JORDAN, "suspect",
                                                                 nominal_ref="N1001"),
            person("c", *CARA, "victim"), place("k", *KEBAB)],
            [{"from": "n", "to": "j", "type": "ASSOCIATE_OF"},
             {"from": "n", "to": "k", "type": "SEEN_AT", "at": "2025-02-20T23:00:00"},
             {"from": "c", "to": "k", "type": "SEEN_AT", "at": "2025-02-20T23:30:00"}],
            date="2025-02-20T23:45:00", grading="2BP"),
        report(WITHHELD_REF, [
            person("m", WITHHELD_SUSPECT, "1980-04-04", "suspect"),
            person("c", *CARA, "victim"), place("r", *HOTEL)],
            [{"from": "m", "to": "c", "type": "EXPLOITS"},
             {"from": "m", "to": "r", "type": "SEEN_AT", "at": "2025-03-01T01:00:00"}],
            date="2025-03-01T09:00:00", grading="2BC"),
        report(RESTRICTED_ABOUT_TARGET, [
            person("j", *JORDAN, "suspect", nominal_ref="N1001"), place("r", *HOTEL)],
            [{"from": "j", "to": "r", "type": "FREQUENTS"}],
            date="2025-03-03T08:00:00", grading="1AC"),
        report("IR/2025/0105", [
            person("k", *KYLE, "suspect"), person("n", NASTY, "1985-12-01", "suspect")],
            [{"from": "k", "to": "n", "type": "ASSOCIATE_OF"}],
            date="2025-03-02T10:00:00", grading="3DP"),
        _episode("ME/0001", AMY, "2025-01-05T18:00:00", "2025-01-06T02:00:00", KEBAB, elm,
                 found_with=JORDAN),
        _episode("ME/0002", AMY, "2025-02-14T19:00:00", "2025-02-15T01:30:00", PARK, elm),
        _episode("ME/0003", BETH, "2025-02-22T20:00:00", "2025-02-23T09:00:00", ASH, oak,
                 found_with=KYLE),
        _episode("ME/0004", CARA, "2025-03-05T17:00:00", "2025-03-06T00:30:00", HOTEL, elm),
    ]


def later_reports() -> list[dict[str, Any]]:
    """What arrives after the first run: one new link and one new missing episode."""
    return [
        report("IR/2025/0201", [person("k", *KYLE, "suspect"), person("b", *BETH, "victim")],
               [{"from": "k", "to": "b", "type": "EXPLOITS"}],
               date="2025-03-08T12:00:00", grading="2BP"),
        _episode("ME/0005", BETH, "2025-03-10T21:00:00", "2025-03-11T03:15:00", PARK,
                 ("Oak House", "BA4 5DD", "home_address")),
    ]


def load(store: Store, settings: Settings, folder: Path,
         reports: list[dict[str, Any]]) -> str:
    """Ingest ``reports`` and run the analysis; returns the run id."""
    folder.mkdir(parents=True, exist_ok=True)
    src = write_jsonl(folder / f"reports-{len(list(folder.glob('*.jsonl')))}.jsonl", reports)
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok, json.dumps(summary.as_dict(), default=str)
    return analyse(store).id


def wait_next_second() -> None:
    """``loaded_at`` and run times have one-second resolution: step past the current one."""
    now = time.time()
    time.sleep(1.05 - (now % 1.0))


def fixed_key_settings(settings: Settings, home: Path) -> Settings:
    """Same Neo4j, but a pseudonym key of our own so that pseudonyms are reproducible."""
    home.mkdir(parents=True, exist_ok=True)
    key = home / "pseudonym.key"
    key.write_text("00" * 32)
    key.chmod(0o600)
    return replace(settings, home=home)
