"""Names: display form keeps case, matching key ignores case, spacing, punctuation, accents."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import Cleaned, names
from graphintel.clean.names import clean_name, name_key


@pytest.mark.parametrize(
    ("raw", "display"),
    [
        ("  Jordan   SMITH ", "Jordan SMITH"),
        ("Jordan\tSMITH\n", "Jordan SMITH"),
        ("Zoë\u00a0O'Neil", "Zoë O'Neil"),  # no-break space
        ("Child A", "Child A"),
        ("jordan smith", "jordan smith"),  # case kept as written
    ],
)
def test_display_form(raw: str, display: str) -> None:
    assert clean_name(raw) == Cleaned(display, raw)


@pytest.mark.parametrize("raw", ["", "   ", "\t\n", None])
def test_empty_name(raw: object) -> None:
    cleaned = clean_name(raw)
    assert (cleaned.value, cleaned.error, cleaned.flags) == (None, "empty", ("empty_name",))


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Jordan SMITH", "jordan smith"),
        ("jordan  smith", "jordan smith"),
        ("Jordan-Smith", "jordan smith"),
        ("JORDAN SMITH.", "jordan smith"),
        ("  Jordan_Smith  ", "jordan smith"),
        ("Zoë O'Neil", "zoe o neil"),
        ("ZOE O\u2019NEIL", "zoe o neil"),
        ("Smith, Jordan", "smith jordan"),  # tokens are never reordered
        ("Łukasz Błaszczyk", "lukasz blaszczyk"),
        ("Søren Ærø", "soren aero"),
        ("Straße", "strasse"),
        ("\uff2a\uff4f\uff52\uff44\uff41\uff4e", "jordan"),  # full-width letters
        ("Child A2", "child a2"),
        ("...", ""),
        ("", ""),
    ],
)
def test_name_key(raw: str, key: str) -> None:
    assert name_key(raw) == key


def test_name_key_of_none_is_empty() -> None:
    assert name_key(None) == ""


@given(st.text(max_size=40))
def test_key_is_idempotent_and_single_spaced(text: str) -> None:
    key = name_key(text)
    assert name_key(key) == key
    assert key == key.strip() and "  " not in key
    shown = clean_name(text).value
    assert shown is None or name_key(shown) == key


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_key_is_the_unicode_key(text: str) -> None:
    # plain ASCII takes a short cut (no decomposition, accents or folds to undo)
    assert name_key(text) == names._unicode_key(text)


def test_docstring_examples() -> None:
    assert doctest.testmod(names).failed == 0


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("Jordan SMITH", "J. SMITH"),  # whole words before initials
        ("Jordan Anne SMITH", "Jordan SMITH"),
        ("Bilal AKHTAR", "bilal akhtar"),  # mixed case before lower case
        ("Bilal AKHTAR", "BILAL AKHTAR"),  # and before capitals
        ("BILAL AKHTAR", "bilal akhtar"),
        ("Zoë BROWN", "Zoe BROWN"),  # accents kept
        ("Mohammed ALI", "Mohd ALI"),  # longer
        ("Jordan SMITH", "Jordan Smith"),  # then the text itself: never a tie
    ],
)
def test_name_rank_puts_the_better_written_name_first(better: str, worse: str) -> None:
    assert names.name_rank(better) < names.name_rank(worse)


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=6))
def test_name_rank_picks_one_name_whatever_the_order(written: list[str]) -> None:
    assert min(written, key=names.name_rank) == min(reversed(written), key=names.name_rank)
