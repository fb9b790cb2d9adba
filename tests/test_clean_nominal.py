"""Nominal references: one key however the reference was typed, separators kept."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import Cleaned, nominal
from graphintel.clean.nominal import clean_nominal_ref


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("N0012345", "N0012345"),
        ("n0012345", "N0012345"),
        ("N 0012345", "N0012345"),
        ("N0012345.", "N0012345"),
        (" (N0012345) ", "N0012345"),
        ("#N0012345,", "N0012345"),
        ("N1", "N1"),
        ("AB-1234", "AB-1234"),  # a separator inside it is kept
        ("NOM/2025/17", "NOM/2025/17"),
        # PNC IDs: year, serial, check letter
        ("12/345678A", "12/345678A"),
        ("12/345678a", "12/345678A"),
        ("12 / 345678 A", "12/345678A"),
        ("12/0345678A", "12/345678A"),  # a serial padded to seven digits
        ("2012/345678A", "12/345678A"),  # the year written in full
        ("1998/0012345Z.", "98/12345Z"),
        (12345, "12345"),
    ],
)
def test_one_key_however_typed(raw: object, expected: str) -> None:
    assert clean_nominal_ref(raw) == Cleaned(expected, str(raw))


def test_separators_are_not_dropped() -> None:
    """12/345678A (a PNC ID) and 12345678A (another system's) are two references."""
    assert clean_nominal_ref("12/345678A").value != clean_nominal_ref("12345678A").value


@pytest.mark.parametrize("raw", ["", "  ", ".", " - ", None, float("nan")])
def test_empty(raw: object) -> None:
    cleaned = clean_nominal_ref(raw)
    assert (cleaned.value, cleaned.error) == (None, "empty")


@given(st.text(max_size=30))
def test_never_raises_and_is_idempotent(text: str) -> None:
    cleaned = clean_nominal_ref(text)
    if cleaned.value is not None:
        assert clean_nominal_ref(cleaned.value).value == cleaned.value
        assert not any(c.isspace() for c in cleaned.value)


def test_docstring_examples() -> None:
    assert doctest.testmod(nominal).failed == 0
