"""Gradings: 3x5x2 and legacy 5x5x5 read strictly, never confused, weighted and shareable."""

from __future__ import annotations

import doctest
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import grading
from graphintel.clean.grading import Grading, parse_grading

SWAPPED_3 = "3x5x2 puts the number on the source and the letter on the intelligence"
SWAPPED_5 = "5x5x5 puts the letter on the source and the number on the intelligence"


@pytest.mark.parametrize(
    ("raw", "code", "conditions"),
    [
        ({"source": "2", "intel": "B", "handling": "P"}, "2BP", None),
        ({"source": 2, "intel": "b", "handling": "p"}, "2BP", None),
        ({"source": 1.0, "intel": "A", "handling": "C"}, "1AC", None),  # Excel number
        ({"source": "1", "intel": "A", "handling": "C", "conditions": " no onward "}, "1AC",
         "no onward"),
        ({"Source": "3", "Intel": "E", "Handling": "P", "conditions": ""}, "3EP", None),
        ({"scheme": "3x5x2", "source": "2", "intel": "C", "handling": "P"}, "2CP", None),
        ("2BP", "2BP", None),
        ("1A C", "1AC", None),
        ("2 b p", "2BP", None),
        ("3-E-P", "3EP", None),
        ("1/a/p", "1AP", None),
        ("2, B, C", "2BC", None),
        ("3x5x2:2BP", "2BP", None),
    ],
)  # fmt: skip
def test_reads_3x5x2(raw: object, code: str, conditions: str | None) -> None:
    result = parse_grading(raw)
    assert result.ok and result.error is None
    assert result.grading is not None
    assert result.grading.scheme == "3x5x2"
    assert (result.grading.code, result.grading.conditions) == (code, conditions)


@pytest.mark.parametrize(
    ("raw", "scheme", "code"),
    [
        ({"scheme": "5x5x5", "source": "B", "intel": 2, "handling": 4}, None, "5x5x5:B24"),
        ({"scheme": "5X5X5", "source": "e", "intel": "5", "handling": "1"}, None, "5x5x5:E51"),
        ({"source": "A", "intel": "1", "handling": "2"}, "5x5x5", "5x5x5:A12"),
        ("B24", "5x5x5", "5x5x5:B24"),
        ("b-2-4", "5x5x5", "5x5x5:B24"),
        ("5x5x5:B24", None, "5x5x5:B24"),
    ],
)
def test_reads_5x5x5_only_when_declared(raw: object, scheme: str | None, code: str) -> None:
    result = parse_grading(raw, scheme=scheme)
    assert result.grading is not None and result.grading.scheme == "5x5x5"
    assert result.grading.code == code


@pytest.mark.parametrize(
    ("raw", "scheme", "error"),
    [
        (None, None, "missing grading"),
        ("", None, "missing grading"),
        ("  ", None, "missing grading"),
        ({}, None, "missing grading"),
        ({"source": None, "intel": ""}, None, "missing grading"),
        ("B2P", None, f"source 'B' and intelligence '2' are swapped: {SWAPPED_3}"),
        ("B24", None, f"source 'B' and intelligence '2' are swapped: {SWAPPED_3}"),
        ({"source": "A", "intel": 1, "handling": "P"}, None,
         f"source 'A' and intelligence '1' are swapped: {SWAPPED_3}"),
        ("2B4", "5x5x5", f"source '2' and intelligence 'B' are swapped: {SWAPPED_5}"),
        ("4BP", None, "source evaluation '4' is not 1-3"),
        ("2FP", None, "intelligence assessment 'F' is not A-E"),
        ("2BX", None, "handling code 'X' is not P or C"),
        ("2B", None, "missing handling code"),
        ({"source": "2", "handling": "P"}, None, "missing intelligence assessment"),
        ({"source": "22", "intel": "B", "handling": "P"}, None,
         "source evaluation '22' is not 1-3"),
        ("F24", "5x5x5", "source evaluation 'F' is not A-E"),
        ("B64", "5x5x5", "intelligence assessment '6' is not 1-5"),
        ("B26", "5x5x5", "handling code '6' is not 1-5"),
        ("2BPX", None, "'2BPX' is not a compact grading like '2BP'"),
        ("5x5x5:B24", "3x5x2", "grading is 5x5x5 but 3x5x2 was declared"),
        ({"scheme": "5x5x5", "source": "B", "intel": 2, "handling": 4}, "3x5x2",
         "grading is 5x5x5 but 3x5x2 was declared"),
        ("2BP", "4x4", "unknown grading scheme '4x4' (expected 3x5x2 or 5x5x5)"),
        (2, None, "grading must be a code like '2BP' or a mapping with source, intel and handling"),
    ],
)  # fmt: skip
def test_errors_name_the_problem(raw: object, scheme: str | None, error: str) -> None:
    result = parse_grading(raw, scheme=scheme)
    assert (result.grading, result.error, result.ok) == (None, error, False)


def test_raw_is_kept() -> None:
    assert parse_grading(" 2bp ").raw == " 2bp "
    assert parse_grading(None).raw == ""
    assert parse_grading({"source": 2}).raw == "{'source': 2}"


@pytest.mark.parametrize(
    ("code", "scheme", "strength"),
    [
        ("1AP", None, 1.0),
        ("2BP", None, 0.56),
        ("3CP", None, 0.24),
        ("2DC", None, 0.245),
        ("1EP", None, 0.0),  # suspected false never strengthens a link
        ("A11", "5x5x5", 1.0),
        ("B24", "5x5x5", 0.64),
        ("D41", "5x5x5", 0.14),
        ("E31", "5x5x5", 0.3),  # untested source
        ("A51", "5x5x5", 0.0),
    ],
)
def test_strength(code: str, scheme: str | None, strength: float) -> None:
    graded = parse_grading(code, scheme=scheme).grading
    assert graded is not None
    assert graded.strength == pytest.approx(strength)


@pytest.mark.parametrize(
    ("code", "scheme", "shareable"),
    [
        ("2BP", None, True),
        ("2BC", None, False),  # conditions need a person to check them
        ("B21", "5x5x5", False),  # law enforcement only
        ("B22", "5x5x5", True),  # UK non-prosecuting parties
        ("B23", "5x5x5", False),
        ("B24", "5x5x5", False),
        ("B25", "5x5x5", False),
    ],
)
def test_partner_shareable(code: str, scheme: str | None, shareable: bool) -> None:
    graded = parse_grading(code, scheme=scheme).grading
    assert graded is not None and graded.partner_shareable is shareable


@pytest.mark.parametrize("given", [
    {"source": "2", "intel": "B", "handling": "P",
     "conditions": "Not for onward sharing outside police"},
    {"scheme": "5x5x5", "source": "B", "intel": "2", "handling": "2",
     "conditions": "CHIS source: police only"},
])
def test_conditions_written_with_a_shareable_handling_code_are_not_shared(
        given: dict[str, str]) -> None:
    """The grading permits sharing, its conditions do not: read as conditions a person must
    check, never shared with partners."""
    graded = parse_grading(given).grading
    assert graded is not None and graded.conditions and not graded.partner_shareable
    assert parse_grading({**given, "conditions": ""}).grading.partner_shareable  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("code", "other", "expected"),
    [
        ("2BP", "2B", True),
        ("1AC", "2B", True),
        ("2AP", "2B", True),
        ("1BP", "2b", True),
        ("2CP", "2B", False),  # intelligence worse
        ("3AP", "2B", False),  # source worse
        ("2BC", "2BP", True),  # handling does not count
        ("2BP", "3x5x2:2B", True),
        ("2BP", "B2P", False),  # a bad code is never met
        ("2BP", "", False),
        ("2BP", "5x5x5:B2", False),  # other scheme: strength 0.56 < 0.64
        ("1AP", "5x5x5:B2", True),
    ],
)
def test_at_least_3x5x2(code: str, other: str, expected: bool) -> None:
    graded = parse_grading(code).grading
    assert graded is not None and graded.at_least(other) is expected


@pytest.mark.parametrize(
    ("code", "other", "expected"),
    [
        ("B24", "B2", True),
        ("A14", "B2", True),
        ("C34", "B2", False),
        ("E31", "C3", False),  # 0.3 < 0.36
        ("B24", "5x5x5:B24", True),
        ("B24", "3x5x2:2B", True),  # 0.64 >= 0.56
        ("B24", "x", False),
    ],
)
def test_at_least_5x5x5_compares_strength(code: str, other: str, expected: bool) -> None:
    graded = parse_grading(code, scheme="5x5x5").grading
    assert graded is not None and graded.at_least(other) is expected


def test_grading_round_trips_through_its_code() -> None:
    for raw, scheme in [("2BC", None), ("B24", "5x5x5")]:
        graded = parse_grading(raw, scheme=scheme).grading
        assert graded is not None
        assert parse_grading(graded.code).grading == graded
        assert parse_grading(graded).grading == graded


def test_direct_construction_is_validated() -> None:
    with pytest.raises(ValueError, match="source evaluation '4' is not 1-3"):
        Grading("3x5x2", "4", "B", "P")
    assert Grading("3x5x2", "2", "B", "C", "no onward sharing").code == "2BC"


@given(st.one_of(st.text(max_size=12), st.dictionaries(st.text(max_size=8), st.text(max_size=4))))
def test_never_raises(raw: Any) -> None:
    for scheme in (None, "3x5x2", "5x5x5"):
        result = parse_grading(raw, scheme=scheme)
        assert result.ok == (result.grading is not None)
        if result.grading is not None:
            assert 0.0 <= result.grading.strength <= 1.0
            assert result.grading.at_least(result.grading.code)


def test_docstring_examples() -> None:
    assert doctest.testmod(grading).failed == 0
