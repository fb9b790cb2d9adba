"""Records that disagree on a person's age: a date of birth that makes them an adult and a
report that states a child's age (a slipped year of birth, a wrong record joined).

Jade is assessed as a suspect who exploits a victim; one report gives her date of birth as
1990-01-01 *and* her age as 14. Until an analyst resolves it she is safeguarded as the child
one record says she is: never a target, listed under "safeguarding first" with the reason,
and every child test (Python and the shipped Cypher) agrees. Dan's stated age agrees with his
date of birth (17 in June 2024, born January 2007): the date of birth decides, and he is an
adult target from his 18th birthday, not from the later day the stated age alone would give.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.safeguarding import age_conflict, age_of
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.profile import profile
from graphintel.store import Store
from tests.graph_helpers import analyse, cypher_child_tests, report, write_jsonl

AS_OF = "2025-06-01"


def _p(i: str, name: str, ref: str, role: str, **extra: Any) -> dict[str, Any]:
    return {"id": i, "type": "Person", "name": name, "nominal_ref": ref, "role": role, **extra}


def _reports() -> list[dict[str, Any]]:
    boss = _p("s", "Adam SMITH", "N101", "suspect", dob="1980-01-01")
    jade = _p("j", "Jade KNOX", "N500", "suspect", dob="1990-01-01", age=14)
    dan = _p("d", "Dan CONSIST", "N501", "suspect", dob="2007-01-01", age=17)
    victim = _p("v", "Vicky GREEN", "N201", "victim", dob="2010-01-01")
    return [
        report("R1", [jade, boss, victim,
                      {"id": "pj", "type": "Phone", "number": "07700 900333"}],
               [{"from": "j", "to": "v", "type": "EXPLOITS"},
                {"from": "s", "to": "j", "type": "ASSOCIATE_OF"},
                {"from": "j", "to": "pj", "type": "USES"}], date="2025-02-04"),
        report("R2", [dan, boss, victim,
                      {"id": "pd", "type": "Phone", "number": "07700 900444"}],
               [{"from": "d", "to": "v", "type": "EXPLOITS"},
                {"from": "s", "to": "d", "type": "ASSOCIATE_OF"},
                {"from": "d", "to": "pd", "type": "USES"}], date="2024-06-01"),
        report("R3", [boss, victim], [{"from": "s", "to": "v", "type": "EXPLOITS"}],
               date=AS_OF),
    ]


@dataclass
class Loaded:
    store: Store
    uid: dict[str, str]
    result: dict[str, Any]


@pytest.fixture(scope="module")
def loaded(session_store: Store, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    folder: Path = tmp_path_factory.mktemp("age-conflict")
    session_store.wipe()
    summary = ingest([write_jsonl(folder / "r.jsonl", _reports())], settings=settings,
                     store=session_store)
    assert summary.ok, summary.as_dict()
    rows = session_store.read_text("MATCH (p:Person) RETURN p.nominal_ref AS ref, p.uid AS uid",
                                   {})
    yield Loaded(session_store, {r["ref"]: r["uid"] for r in rows},
                 analyse(session_store).result)


@pytest.mark.parametrize(("person", "day", "age", "conflict"), [
    ({"dob": "1990-01-01", "age": 14, "age_on": "2025-02-04"}, AS_OF, 14, True),
    ({"dob": "1990-01-01", "age": 14, "age_on": None}, AS_OF, 14, True),
    ({"dob": "2012-01-01", "age": 40, "age_on": "2025-02-04"}, AS_OF, 13, True),
    ({"dob": "1990-01-01", "age": 40, "age_on": "2025-02-04"}, AS_OF, 35, False),
    ({"dob": "2007-01-01", "age": 17, "age_on": "2024-06-01"}, "2025-05-31", 18, False),
    ({"dob": "2007-01-01", "age": 17, "age_on": "2024-06-01"}, "2024-12-31", 17, False),
    ({"age": 17, "age_on": "2024-06-01"}, "2025-05-31", 17, False),
    ({"dob": "2007-01-01"}, AS_OF, 18, False),
])
def test_the_rule(person: dict[str, Any], day: str, age: int, conflict: bool) -> None:
    assert age_of(person, day) == age
    assert (age_conflict(person, day) is not None) == conflict


def test_she_is_safeguarded_not_targeted(loaded: Loaded) -> None:
    result = loaded.result
    targets = {t["uid"] for t in result["targets"]}
    assert loaded.uid["N500"] not in targets
    assert loaded.uid["N501"] in targets and loaded.uid["N101"] in targets  # Dan is 18
    first = {s["uid"]: s for s in result["safeguarding"]}
    jade = first[loaded.uid["N500"]]
    assert jade["child"] and jade["age"] == 14
    assert any("the records disagree on their age: the date of birth 1990-01-01 makes them "
               "35" in r and "a report of 2025-02-04 states age 14" in r
               for r in jade["reasons"])
    people = {p["uid"]: p for p in result["people"]}
    assert people[loaded.uid["N500"]]["protected"]
    assert "age_conflict" in people[loaded.uid["N500"]]
    assert "age_conflict" not in people[loaded.uid["N501"]]


def test_profile_says_the_records_disagree(loaded: Loaded) -> None:
    jade = profile(loaded.store, loaded.uid["N500"])
    assert jade["dob"] == "1990-01-01" and jade["age"] == 14
    assert "age_disagrees_with_dob" in jade["flags"]
    assert "age_disagrees_with_dob" not in (profile(loaded.store, loaded.uid["N501"])["flags"]
                                            or [])
    assert jade["stated_age"] is not None and "date of birth 1990-01-01" in jade["stated_age"]
    assert profile(loaded.store, loaded.uid["N501"])["stated_age"] is None


@pytest.mark.parametrize("day", ["2024-12-31", "2025-05-31", AS_OF])
def test_the_cypher_child_tests_follow_the_same_rule(loaded: Loaded, day: str) -> None:
    near, expected, withheld, phones = cypher_child_tests(loaded.store, loaded.uid["N101"], day)
    assert near == expected
    assert loaded.uid["N500"] in expected
    assert (loaded.uid["N501"] in expected) == (day == "2024-12-31")
    assert phones == 2 and len(withheld) == (2 if day == "2024-12-31" else 1)
