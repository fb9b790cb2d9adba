"""Postcodes: canonical ``OUT INW`` form, GOV.UK pattern, postcodes found in narratives."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import Cleaned, postcode
from graphintel.clean.postcode import clean_postcode, find_postcodes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("BA1 1AA", "BA1 1AA"),
        ("ba11aa", "BA1 1AA"),
        (" ba1  1aa ", "BA1 1AA"),
        ("BA1-1AA", "BA1 1AA"),
        ("m1 1ae", "M1 1AE"),  # A9
        ("B33 8TH", "B33 8TH"),  # A99
        ("CR2 6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        ("W1A 0AX", "W1A 0AX"),  # A9A
        ("ec1a1bb", "EC1A 1BB"),  # AA9A
        ("gir0aa", "GIR 0AA"),
        ("SW1A\t2AA", "SW1A 2AA"),
        ("BS1 4YQ.", "BS1 4YQ"),  # the end of a sentence
        ("bs1 4yq,", "BS1 4YQ"),
        ("(BA1 1AA)", "BA1 1AA"),
        ('"BA1 1AA";', "BA1 1AA"),
    ],
)
def test_canonical_form(raw: str, expected: str) -> None:
    assert clean_postcode(raw) == Cleaned(expected, raw)


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("BA1", "BA1"),  # outward code only
        ("BA1 1A", "BA1 1A"),
        ("ba1  1aaa", "BA1 1AAA"),
        ("1BA 1AA", "1BA 1AA"),  # starts with a digit
        ("BI1 1AA", "BI1 1AA"),  # I is never the second letter
        ("AA1A 1AA 1", "AA1A 1AA 1"),
        ("not a postcode", "NOT A POSTCODE"),
        ("BA1.", "BA1"),
        ("BA1 1A!", "BA1 1A"),
    ],
)
def test_unrecognised_postcode_kept_upper_and_flagged(raw: str, kept: str) -> None:
    cleaned = clean_postcode(raw)
    assert cleaned.value == kept
    assert cleaned.flags == ("unrecognised_postcode",)
    assert cleaned.error == "not a UK postcode format"
    assert not cleaned.ok


@pytest.mark.parametrize("raw", ["", "   ", "-", ".", "();", None])
def test_empty(raw: object) -> None:
    assert (clean_postcode(raw).value, clean_postcode(raw).error) == (None, "empty")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("found at Kebab House, 1 High St, BA1 1AA.", ["BA1 1AA"]),
        ("ba11aa then BA1 1AA then ba1 1aa", ["BA1 1AA"]),
        ("from SW1A 2AA to EC1A1BB", ["SW1A 2AA", "EC1A 1BB"]),
        ("somewhere in BA1, near the station", []),
        ("ref IR/2025/000123, vehicle AB12 CDE", []),
        ("XBA1 1AA and BA1 1AAX are not postcodes", []),
        ("", []),
    ],
)
def test_find_postcodes(text: str, expected: list[str]) -> None:
    assert find_postcodes(text) == expected


@given(st.text(max_size=40))
def test_never_raises_and_is_idempotent(text: str) -> None:
    cleaned = clean_postcode(text)
    if cleaned.value is not None and cleaned.ok:
        assert clean_postcode(cleaned.value) == Cleaned(cleaned.value, cleaned.value)
    for found in find_postcodes(text):
        assert clean_postcode(found).value == found


def test_docstring_examples() -> None:
    assert doctest.testmod(postcode).failed == 0
