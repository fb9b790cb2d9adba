"""A small deterministic world for the link-chart tests, loaded through the real ingest.

Two networks. Marcus Vane exploits Lily Hart (missing episode, found at a hotspot he
frequents, passenger in the car he drives); Tariq Noon shares Marcus's phone and is his
associate; the only report that Tariq exploits Chloe Marsh has handling code C, so a
partner chart must leave Chloe and that link out and say so. An associate's name holds a
``<script>`` and starts like a spreadsheet formula. Gary Platt messages twelve-year-old
Sam Young online (Sam is a child by age, not by role). Two unrelated people are both
called Jo Bloggs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl

MARCUS = {"id": "m", "type": "Person", "name": "Marcus Vane", "dob": "1988-04-02",
          "nominal_ref": "N100", "role": "suspect"}
TARIQ = {"id": "t", "type": "Person", "name": "Tariq Noon", "dob": "1991-11-20",
         "nominal_ref": "N200", "role": "suspect"}
LILY = {"id": "l", "type": "Person", "name": "Lily Hart", "dob": "2010-06-15",
        "role": "victim", "aliases": ["Lil Harty"]}
CHLOE = {"id": "c", "type": "Person", "name": "Chloe Marsh", "dob": "2011-02-03",
         "role": "victim"}
EVIL = {"id": "e", "type": "Person", "name": "=cmd <script>window.__pwned=1</script> Evil",
        "dob": "1990-01-01", "role": "associate"}
GARY = {"id": "g", "type": "Person", "name": "Gary Platt", "dob": "1979-09-09",
        "nominal_ref": "N300", "role": "suspect"}
SAM = {"id": "s", "type": "Person", "name": "Sam Young", "dob": "2012-08-08",
       "role": "associate"}
PHONE = {"id": "ph", "type": "Phone", "number": "07700 900111"}
CAR = {"id": "v", "type": "Vehicle", "vrm": "ab12 cde", "make": "Ford", "model": "Focus",
       "colour": "black"}
HOTSPOT = {"id": "h", "type": "Location", "address": "Riverside Takeaway", "postcode": "BA1 1AA",
           "kind": "hotspot"}
HOME = {"id": "home", "type": "Location", "address": "12 Elm Road", "postcode": "BA2 2BB",
        "kind": "home_address"}
EPISODE = {"id": "ev", "type": "Event", "kind": "missing_episode",
           "start": "2025-02-01T18:00:00", "end": "2025-02-02T09:00:00",
           "description": "Lily Hart found with Marcus"}
GARY_ACC = {"id": "ga", "type": "OnlineAccount", "platform": "snapchat", "handle": "gp_99"}
JO_1 = {"id": "j1", "type": "Person", "name": "Jo Bloggs", "dob": "1980-01-01",
        "role": "associate"}
JO_2 = {"id": "j2", "type": "Person", "name": "Jo Bloggs", "dob": "1985-05-05",
        "role": "associate"}
SAM_ACC = {"id": "sa", "type": "OnlineAccount", "platform": "snapchat", "handle": "sammy_y"}

CHILDREN = {"Lily Hart": "2010-06-15", "Chloe Marsh": "2011-02-03", "Sam Young": "2012-08-08"}
CHILD_WORDS = ["Lily Hart", "Lily", "Hart", "Lil Harty", "Chloe Marsh", "Chloe", "Marsh",
               "Sam Young", "sammy"]
WITHHELD_REF = "IR/T/0009"


def reports() -> list[dict[str, Any]]:
    return [
        report("IR/T/0001", [MARCUS, LILY, CAR, HOTSPOT], [
            {"from": "m", "to": "l", "type": "EXPLOITS"},
            {"from": "m", "to": "v", "type": "DRIVES"},
            {"from": "l", "to": "v", "type": "PASSENGER_IN"},
            {"from": "m", "to": "h", "type": "FREQUENTS"},
            {"from": "l", "to": "h", "type": "SEEN_AT", "at": "2025-01-10T21:00:00"},
        ], date="2025-01-10T22:00:00", grading="2BP"),
        report("IR/T/0002", [MARCUS, TARIQ, PHONE, EVIL], [
            {"from": "t", "to": "m", "type": "ASSOCIATE_OF"},
            {"from": "m", "to": "ph", "type": "USES"},
            {"from": "t", "to": "ph", "type": "USES"},
            {"from": "e", "to": "t", "type": "ASSOCIATE_OF"},
        ], date="2025-01-20", grading="1AP"),
        report("MP/T/0003", [LILY, MARCUS, EPISODE, HOTSPOT, HOME], [
            {"from": "l", "to": "ev", "type": "SUBJECT_OF"},
            {"from": "m", "to": "ev", "type": "INVOLVED_IN"},
            {"from": "ev", "to": "h", "type": "FOUND_AT"},
            {"from": "ev", "to": "home", "type": "MISSING_FROM"},
            {"from": "l", "to": "home", "type": "LIVES_AT"},
        ], date="2025-02-02", grading="2BP"),
        report(WITHHELD_REF, [TARIQ, CHLOE], [
            {"from": "t", "to": "c", "type": "EXPLOITS"},
        ], date="2025-02-10", grading={"source": "2", "intel": "B", "handling": "C",
                                       "conditions": "police only"}),
        report("IR/T/0005", [TARIQ, HOME], [
            {"from": "t", "to": "home", "type": "FREQUENTS"},
        ], date="2024-06-01", grading="3DP"),
        report("IR/T/0006", [GARY, SAM, GARY_ACC, SAM_ACC], [
            {"from": "g", "to": "s", "type": "ASSOCIATE_OF"},
            {"from": "g", "to": "ga", "type": "HAS_ACCOUNT"},
            {"from": "s", "to": "sa", "type": "HAS_ACCOUNT"},
            {"from": "ga", "to": "sa", "type": "MESSAGED", "at": "2025-02-05T23:00:00"},
        ], date="2025-02-06", grading="2AP"),
        report("IR/T/0007", [JO_1, JO_2], [], date="2025-01-05", grading="2CP"),
    ]


def load_world(store: Store, settings: Settings, folder: Path) -> dict[str, Any]:
    """Wipe, ingest the world, analyse; the analysis result document."""
    store.wipe()
    path = write_jsonl(folder / "world.jsonl", reports())
    summary = ingest([path], settings=settings, store=store)
    assert summary.ok, summary.as_dict()
    return analyse(store).result


def network_of(result: dict[str, Any], name: str) -> int:
    for c in result["communities"]:
        if any(m["name"] == name for m in c["members"]):
            return int(c["id"])
    raise AssertionError(f"{name} is in no network")


def test_world_loads_and_has_two_networks(session_store: Store, settings: Settings,
                                          tmp_path: Path) -> None:
    result = load_world(session_store, settings, tmp_path)
    assert network_of(result, "Marcus Vane") != network_of(result, "Gary Platt")
    assert network_of(result, "Marcus Vane") == network_of(result, "Lily Hart")
