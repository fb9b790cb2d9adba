"""VRMs: one key per plate however it was typed, GB formats checked, plates found in text."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import Cleaned, vrm
from graphintel.clean.vrm import clean_vrm, find_vrms, vrm_format


@pytest.mark.parametrize(
    ("raw", "expected", "fmt"),
    [
        ("ab12 cde", "AB12CDE", "current"),
        ("AB12CDE", "AB12CDE", "current"),
        (" AB-12-CDE ", "AB12CDE", "current"),
        ("a.b.1.2 c.d.e", "AB12CDE", "current"),
        ("A123 BCD", "A123BCD", "prefix"),
        ("a1bcd", "A1BCD", "prefix"),
        ("ABC 123D", "ABC123D", "suffix"),
        ("ABC 1234", "ABC1234", "dateless"),
        ("1234 AB", "1234AB", "dateless"),
        ("A1", "A1", "dateless"),
        ("ABZ 1234", "ABZ1234", "northern_ireland"),
        ("AZ 1234", "AZ1234", "northern_ireland"),
        ("IA 12", "IA12", "northern_ireland"),
    ],
)
def test_gb_formats(raw: str, expected: str, fmt: str) -> None:
    cleaned = clean_vrm(raw)
    assert cleaned == Cleaned(expected, raw)
    assert vrm_format(expected) == fmt


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("AB12 CDEF", "AB12CDEF"),  # too long for any format
        ("ab-12 cd x1", "AB12CDX1"),
        ("12345", "12345"),  # digits only
        ("ABCD 123", "ABCD123"),  # four letters
        ("WP-ZZ 123", "WPZZ123"),  # foreign
        ("AB12 CD!", "AB12CD!"),
    ],
)
def test_unrecognised_marks_are_kept_normalised_and_flagged(raw: str, kept: str) -> None:
    cleaned = clean_vrm(raw)
    assert cleaned.value == kept
    assert cleaned.flags == ("unrecognised_vrm",)
    assert cleaned.error == "not a recognised GB registration format"
    assert not cleaned.ok


@pytest.mark.parametrize("raw", ["", "  ", " - . ", None, float("nan")])
def test_empty(raw: object) -> None:
    cleaned = clean_vrm(raw)
    assert (cleaned.value, cleaned.error) == (None, "empty")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("silver Fiesta ab12 cde seen twice", ["AB12CDE"]),
        ("AB12CDE then ab12 cde then AB12 CDE", ["AB12CDE"]),
        ("old Escort A123 BCD and Mini ABC 123D", ["A123BCD", "ABC123D"]),
        ("VRM: XY19ABC, passenger in KL68 MNO.", ["XY19ABC", "KL68MNO"]),
        ("ABC 1234 is dateless, not searched for", []),
        ("he drove plate ABC 1234, reg: JS 7, registration a1", ["ABC1234", "JS7", "A1"]),
        ("reg 2019 Fiesta, index 12 on the list", []),  # a number alone is no mark
        ("reg no. GY19 XKT", ["GY19XKT"]),  # not GY19 as well
        ("INDEX 1 OF 3, FIRST REGISTRATION 12 MAY 2015, PLATE 4 THE", []),  # words apart
        ("Jordan SMITH met Child A at the park on Friday", []),
        ("dob 1990-02-11, IR/2025/000123, 07700 900123", []),
        ("AB12CDEF is too long", []),
        ("", []),
        # a road and a word, a word and an amount: prose, not marks
        ("Mia was missing for 3h.", []),
        ("Seen on the M5 and A38 via Bedminster", []),
        ("he was 5m from the school, got 2k cash", []),
        ("SEEN ON THE M5 AND THE A38 VIA HARTCLIFFE, GOT 2K", []),
        ("Leo 5m from home", []),
        ("on the B1234 then", []),
        # ... while marks written apart are still marks
        ("seen in A38 XYZ and M5 ABC", ["A38XYZ", "M5ABC"]),
        ("ABC 5M parked up, Ford KL68 MNO", ["ABC5M", "KL68MNO"]),
        ("the A38 via AB12 CDE", ["AB12CDE"]),
        # written apart in lower case: a mark only after a word that says one follows
        ("old Escort a123 bcd", []),
        ("old Escort reg a123 bcd", ["A123BCD"]),
        ("Mini VRM: abc 123d, Fiesta registration no. m5 abc", ["ABC123D", "M5ABC"]),
        ("index A38 VIA, number plate b12 cde", ["A38VIA", "B12CDE"]),
        ("regular for 3h, on the m5 and the a38 via town", []),
        ("reg. ab12 cde", ["AB12CDE"]),
    ],
)
def test_find_vrms(text: str, expected: list[str]) -> None:
    assert find_vrms(text) == expected


@given(st.text(max_size=40))
def test_never_raises_and_is_idempotent(text: str) -> None:
    cleaned = clean_vrm(text)
    if cleaned.value is not None:
        assert clean_vrm(cleaned.value).value == cleaned.value
        assert " " not in cleaned.value
        assert cleaned.value == cleaned.value.upper()
    for found in find_vrms(text):
        assert clean_vrm(found).ok


def test_docstring_examples() -> None:
    assert doctest.testmod(vrm).failed == 0
