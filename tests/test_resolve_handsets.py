"""Handset-switch candidates: same contacts, one number stops as the other starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve import find_candidates, reject
from graphintel.resolve.handsets import handset_candidates
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

OLD, NEW, BUSY, OWN = "07700 900101", "07700 900102", "07700 900103", "07700 900104"
FRIENDS = ("07700 900201", "07700 900202", "07700 900203", "07700 900204")


def _calls(ref: str, day: str, number: str, others: tuple[str, ...],
           user: str | None = None) -> dict[str, Any]:
    ents: list[dict[str, Any]] = [{"id": "p", "type": "Phone", "number": number}]
    ents += [{"id": f"o{i}", "type": "Phone", "number": o} for i, o in enumerate(others)]
    links = [{"from": "p", "to": f"o{i}", "type": "CALLED", "count": 5}
             for i in range(len(others))]
    if user:
        ents.append({"id": "u", "type": "Person", "name": user, "dob": "1990-02-03",
                     "role": "suspect"})
        links.append({"from": "u", "to": "p", "type": "USES"})
    return report(ref, ents, links, date=day)


def _key(number: str) -> str:
    return "Phone:+44" + number.replace(" ", "")[1:]


@pytest.fixture()
def switched(store: Store, settings: Settings, tmp_path: Path) -> Store:
    reports = [
        # the old handset, Jan-Feb; its user is known
        _calls("H1", "2025-01-10", OLD, FRIENDS[:3], user="Dean OLDFIELD"),
        _calls("H2", "2025-02-20", OLD, FRIENDS[:2]),
        # the new one from March, no user known, three of the same four contacts
        _calls("H3", "2025-03-05", NEW, FRIENDS[:3] + FRIENDS[3:]),
        _calls("H3b", "2025-05-01", NEW, FRIENDS[:2]),
        # same contacts but in use all along: not a switch
        _calls("H4", "2025-01-15", BUSY, FRIENDS[:3]),
        _calls("H5", "2025-04-01", BUSY, FRIENDS[:3]),
        # a phone with the same contacts that calls the old one: another person
        _calls("H6", "2025-02-01", OWN, (OLD,)),
        _calls("H7", "2025-04-20", OWN, FRIENDS[:3]),
    ]
    ingest([write_jsonl(tmp_path / "calls.jsonl", reports)], settings=settings, store=store)
    return store


def test_proposes_the_switch_and_nothing_else(switched: Store) -> None:
    search = find_candidates(switched, "handset")
    pairs = {frozenset((c.a, c.b)): c for c in search.candidates}
    assert set(pairs) == {frozenset((_key(OLD), _key(NEW)))}
    cand = pairs[frozenset((_key(OLD), _key(NEW)))]
    assert cand.kind == "handset" and cand.score == 0.6
    assert cand.evidence[0] == "share 3 of 5 contacts (Jaccard 0.60)"
    assert f"{_key(OLD)[6:]}" in cand.evidence[1] and "13 days later" in cand.evidence[1]
    assert "used by Dean OLDFIELD" in cand.evidence[3]
    assert "used by no known user" in cand.evidence[3]
    assert search.stats["entities"] >= 4


def test_a_rejected_pair_is_not_proposed_again(switched: Store) -> None:
    reject(switched, _key(OLD), _key(NEW), reason="different users: checked", user="analyst")
    assert find_candidates(switched, "handset").candidates == []


@pytest.mark.parametrize(("gap_days", "expected"), [(3, 1.0), (45, 0.8), (90, None)])
def test_score_falls_with_the_gap(gap_days: int, expected: float | None) -> None:
    from datetime import date, timedelta
    start = date(2025, 3, 1) + timedelta(days=gap_days)
    rows = [{"uid": "a", "key": "A", "users": [],
             "calls": [{"other": c, "first": "2025-01-01", "last": "2025-03-01"}
                       for c in "xyz"]},
            {"uid": "b", "key": "B", "users": [],
             "calls": [{"other": c, "first": start.isoformat(), "last": "2025-12-01"}
                       for c in "xyz"]}]
    found = handset_candidates(rows, rejected=set()).candidates
    assert [c.score for c in found] == ([] if expected is None else [expected])


def test_phones_already_with_the_same_user_are_not_proposed() -> None:
    user = [{"uid": "u", "name": "Ann"}]
    rows = [{"uid": "a", "key": "A", "users": user,
             "calls": [{"other": c, "first": "2025-01-01", "last": "2025-02-01"}
                       for c in "xyz"]},
            {"uid": "b", "key": "B", "users": user,
             "calls": [{"other": c, "first": "2025-02-03", "last": "2025-04-01"}
                       for c in "xyz"]}]
    assert handset_candidates(rows, rejected=set()).candidates == []
