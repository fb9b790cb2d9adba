"""Entity resolution's pure parts: similarity, blocking keys, scoring, property merging."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from graphintel.resolve.candidates import person_candidates
from graphintel.resolve.merge import combine_link, merged_props
from graphintel.resolve.similarity import (
    address_key,
    address_similarity,
    dob_block_keys,
    dob_relation,
    house_numbers,
    name_similarity,
    phone_digits,
    soundex,
)


def test_soundex_and_name_similarity() -> None:
    assert soundex("Ashcraft") == "A261" and soundex("Tymczak") == "T522"
    assert soundex("Pfister") == "P236" and soundex("") == ""
    assert name_similarity("jordan smith", "smith jordan") == 1.0
    assert name_similarity("tia webb", "tia webbb") > 0.9
    assert name_similarity("kieran smith", "ciaran smith") > 0.82
    assert name_similarity("chloe webb", "chloe wood") < 0.82
    assert name_similarity("jordan smith", "") == 0.0


def test_dob_relation_and_shared_keys() -> None:
    cases = {
        ("1990-02-11", "1990-02-11"): "same",
        ("1990-02-11", "1990-11-02"): "near",  # day/month swapped
        ("1990-02-11", "1990-02-12"): "near",  # a day apart
        ("1990-02-28", "1990-03-01"): "near",  # a day apart across a month
        ("1990-02-11", "1980-02-11"): "near",  # one digit
        ("1990-02-11", "1909-02-11"): "near",  # adjacent digits transposed
        ("1990-02-13", "1990-02-31"): "missing",  # not a date
        ("1990-01-12", "1990-10-12"): "near",  # one digit (month)
        ("1990-02-12", "1990-02-21"): "near",  # day digits transposed
        ("1990-02-11", "1975-06-03"): "differ",
        ("1990-02-11", None): "missing",
        ("1990-02-11", "not a date"): "missing",
    }
    for (a, b), expected in cases.items():
        assert dob_relation(a, b)[0] == expected, (a, b)
        if expected in ("same", "near"):
            keys_a, keys_b = dob_block_keys(date.fromisoformat(a)), dob_block_keys(
                date.fromisoformat(str(b)))
            assert set(keys_a) & set(keys_b), (a, b)
    assert not set(dob_block_keys(date(1990, 2, 11))) & set(dob_block_keys(date(1975, 6, 3)))


def test_phone_digits_and_addresses() -> None:
    same = ["07700 900123", "+44 7700 900123", "+44 (0)7700 900123", "0044 7700 900123",
            "447700900123", "7700900123", "07700 9OO123", "07700900123 mobile"]
    assert {phone_digits(x) for x in same} == {"07700900123"}
    assert phone_digits("+1 202 555 0100") == "0012025550100"
    assert address_key("1 High St.") == "1 high street"
    assert house_numbers(address_key("Flat 2, 12a Mill Rd")) == {"2", "12a"}
    assert address_similarity("1 high street", "kebab house 1 high street") >= 0.9


def _rows(n: int, seed: int = 7) -> tuple[list[dict[str, Any]], set[frozenset[str]]]:
    rng = random.Random(seed)
    firsts = ["jordan", "liam", "chloe", "jade", "tyler", "amber", "kyle", "mia", "zara", "dean"]
    lasts = ["smith", "jones", "khan", "webb", "brown", "hussain", "nowak", "kelly", "reid"]
    rows, truth = [], set()
    for i in range(n):
        day = date(1960, 1, 1) + timedelta(days=rng.randrange(365 * 50))
        name = f"{rng.choice(firsts)} {rng.choice(lasts)}{i % 97}"
        rows.append({"uid": f"P{i}", "name": name, "name_key": name, "dob": day.isoformat()})
        if i % 50 == 0:  # a misspelt copy with the day and month swapped
            slip = name[:-1] + name[-1] * 2
            swapped = date(day.year, day.day, day.month) if day.day <= 12 else day
            rows.append({"uid": f"D{i}", "name": slip, "name_key": slip,
                         "dob": swapped.isoformat()})
            truth.add(frozenset((f"P{i}", f"D{i}")))
    return rows, truth


def test_blocking_finds_planted_duplicates_without_comparing_every_pair() -> None:
    rows, truth = _rows(4000)
    search = person_candidates(rows, rejected=set())
    found = {frozenset((c.a, c.b)) for c in search.candidates}
    assert truth <= found
    assert search.stats["pairs_compared"] < search.stats["all_pairs"] / 100
    rejected = {next(iter(truth))}
    again = person_candidates(rows, rejected=rejected)
    assert next(iter(truth)) not in {frozenset((c.a, c.b)) for c in again.candidates}


def test_combine_link_unions_evidence() -> None:
    b = {"refs": ["R1"], "first_seen": "2025-01-10", "last_seen": "2025-01-10", "count": 1,
         "notes": ["n1"], "loaded_at": "t1"}
    a = {"refs": ["R2", "R1"], "first_seen": "2024-12-01", "last_seen": "2025-03-20",
         "count": 2, "times": None, "notes": ["n2"], "loaded_at": "t2", "reported_count": 5}
    out = combine_link(b, {k: v for k, v in a.items() if v is not None})
    assert out == {"refs": ["R1", "R2"], "first_seen": "2024-12-01", "last_seen": "2025-03-20",
                   "count": 5, "notes": ["n1", "n2"], "loaded_at": "t1", "reported_count": 5}
    assert combine_link({"roles": ["suspect"], "extracted": False},
                        {"roles": ["victim", "suspect"], "extracted": True}) == {
        "roles": ["suspect", "victim"], "extracted": False}


def test_merged_props_person() -> None:
    b = {"uid": "Person:n:jay smith", "key": "n:jay smith", "name": "Jay SMITH",
         "name_key": "jay smith", "roles": ["suspect"], "aliases": ["JJ"],
         "flags": ["no_dob_or_nominal_ref"], "loaded_at": "t1"}
    a = {"uid": "Person:ref:N9", "key": "ref:N9", "name": "Jay SMYTH", "name_key": "jay smyth",
         "dob": "1990-01-01", "nominal_ref": "N9", "roles": ["victim"], "aliases": ["Jay"],
         "flags": [], "loaded_at": "t0", "gender": "M"}
    out = merged_props(a, b, person=True)
    assert out["name"] == "Jay SMITH" and out["uid"] == b["uid"] and out["loaded_at"] == "t1"
    assert out["roles"] == ["suspect", "victim"]
    assert out["aliases"] == ["JJ", "Jay SMYTH", "Jay"]
    assert out["aliases_text"] == "JJ ; Jay SMYTH ; Jay ; "
    assert out["dob"] == "1990-01-01" and out["name_dob"] == "jay smith|1990-01-01"
    assert out["nominal_ref"] == "N9" and out["flags"] == []
    assert out["merged_uids"] == ["Person:ref:N9"] and out["gender"] == "M"


def test_doctests() -> None:
    import doctest

    from graphintel.resolve import similarity

    assert doctest.testmod(similarity).failed == 0


def test_names_that_sound_alike_with_the_same_dob() -> None:
    rows = [{"uid": "P:1", "name": "Kieran MARSH", "name_key": "kieran marsh",
             "dob": "1981-10-29"},
            {"uid": "P:2", "name": "Ciaran MARSH", "name_key": "ciaran marsh",
             "dob": "1981-10-29"},
            {"uid": "P:3", "name": "Ciaran MARSH", "name_key": "ciaran marsh",
             "dob": "1981-10-28"},  # one day apart: sounding alike is not enough then
            {"uid": "P:4", "name": "Amira KRASNIQI", "name_key": "amira krasniqi",
             "dob": "1990-01-01"},
            {"uid": "P:5", "name": "Hamza KRASNIQI", "name_key": "hamza krasniqi",
             "dob": "1995-01-01"}]
    found = {frozenset((c.a, c.b)): c for c in person_candidates(rows, rejected=set()).candidates}
    assert any("sound alike" in e for e in found[frozenset(("P:1", "P:2"))].evidence)
    assert frozenset(("P:1", "P:3")) not in found
    assert frozenset(("P:2", "P:3")) in found  # same name, a day apart
    assert frozenset(("P:4", "P:5")) not in found



def test_a_name_in_arabic_script_meets_its_latin_spelling() -> None:
    """Arabic script leaves short vowels unwritten: "محمد علي" read in Latin letters is
    "mhmd `ly", which no spelling rule brings near "Mohammed ALI"; with the vowels put back
    every word sounds alike. With the same date of birth, or none on one record, the two
    are proposed; with another date of birth, or another name, they are not."""
    rows = [{"uid": "P:1", "name": "محمد علي", "name_key": "mhmd ly", "dob": "2010-03-04"},
            {"uid": "P:2", "name": "Mohammed ALI", "name_key": "mohammed ali",
             "dob": "2010-03-04"},
            {"uid": "P:3", "name": "Mohamed Ali", "name_key": "mohamed ali"},
            {"uid": "P:4", "name": "Mohammed ALI", "name_key": "mohammed ali",
             "dob": "1975-08-19"},
            {"uid": "P:5", "name": "فاطمة أحمد", "name_key": "ftmh hmd", "dob": "2011-06-01"},
            {"uid": "P:6", "name": "Fatima AHMED", "name_key": "fatima ahmed"},
            {"uid": "P:7", "name": "Khalid AHMED", "name_key": "khalid ahmed"},
            {"uid": "P:8", "name": "مريم", "name_key": "mrym", "dob": "2012-01-01"},
            {"uid": "P:9", "name": "Marion", "name_key": "marion", "dob": "2012-01-01"}]
    found = {frozenset((c.a, c.b)): c for c in person_candidates(rows, rejected=set()).candidates}
    same = found[frozenset(("P:1", "P:2"))]
    assert any("Arabic or Hebrew script" in e for e in same.evidence), same.evidence
    assert frozenset(("P:1", "P:3")) in found  # no date of birth on the Latin record
    assert frozenset(("P:5", "P:6")) in found
    assert frozenset(("P:1", "P:4")) not in found  # born 1975: someone else
    assert frozenset(("P:5", "P:7")) not in found  # Khalid does not sound like Fatima
    assert frozenset(("P:8", "P:9")) not in found  # one name alone: too many sound alike
