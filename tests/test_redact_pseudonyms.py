"""Partner pseudonyms: a child is a Child, an adult victim a Victim, never called a child."""

from __future__ import annotations

import pytest

from graphintel.redact import Redactor


@pytest.mark.parametrize(("dob", "prefix"), [
    ("2008-01-02", "Child-"),    # 17 on the analysis date
    ("2007-01-01", "Victim-"),   # 18 that day
    ("2003-01-01", "Victim-"),   # 22
    (None, "Victim-"),           # age unknown: not asserted to be a child
])
def test_victims_are_named_by_age_on_the_analysis_date(dob: str | None, prefix: str) -> None:
    r = Redactor("partner", b"key", "2025-01-01")
    person = {"uid": f"p-{dob}", "name": "Vicky VICTIM", "dob": dob, "roles": ["victim"]}
    shown = r.name(person)
    assert shown.startswith(prefix) and "Vicky" not in shown
    assert Redactor("internal", b"key", "2025-01-01").name(person) == "Vicky VICTIM"


def test_an_adult_who_is_not_a_victim_keeps_the_name() -> None:
    r = Redactor("partner", b"key", "2025-01-01")
    assert r.name({"uid": "a", "name": "Adam ADULT", "dob": "1980-01-01",
                   "roles": ["suspect"]}) == "Adam ADULT"


def test_a_childs_first_name_in_the_possessive_is_scrubbed() -> None:
    r = Redactor("partner", b"key", "2025-01-01")
    child = {"uid": "c", "name": "Jade D'ARCY", "dob": "2010-05-05", "roles": ["victim"]}
    code = r.name(child)
    # withheld, not given her pseudonym: a first name alone fits adults of that name too
    assert code not in "(name withheld)"
    assert r.scrub("Jade's nan's house, 7 Oak St") == "(name withheld)'s nan's house, 7 Oak St"
    assert r.scrub("JADE\u2019S fella") == "(name withheld)'s fella"
    # the first name alone, or inside another word, is not taken to be hers
    assert r.scrub("Jade Street; Jadestone's yard") == "Jade Street; Jadestone's yard"
    internal = Redactor("internal", b"key", "2025-01-01")
    internal.name(child)
    assert internal.scrub("Jade's nan's house") == "Jade's nan's house"
