"""Phone numbers: E.164 keys, drama ranges kept, junk flagged, numbers found in narratives."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import Cleaned, phone
from graphintel.clean.phone import clean_phone, find_phones

DRAMA = "+447700900123"


@pytest.mark.parametrize(
    "raw",
    [
        "07700 900123",
        "+44 7700 900123",
        "(07700) 900 123",
        "0044 7700 900123",
        "+44 (0)7700 900123",
        "447700 900123",
        "07700900123",
        "  07700-900-123 ",
        "07700 900 123",
        7700900123,  # leading zero lost in a spreadsheet
        7700900123.0,  # ... and read back as a float
    ],
)
def test_uk_layouts_of_one_drama_number_meet_on_one_key(raw: object) -> None:
    cleaned = clean_phone(raw)
    assert cleaned.value == DRAMA
    assert cleaned.flags == ("not_valid_number",)
    assert cleaned.error is None
    assert cleaned.ok


@pytest.mark.parametrize("raw", ["7700900123.0", "07700900123.0", "447700900123.00",
                                 "+447700900123.0"])
def test_a_number_a_spreadsheet_wrote_as_a_decimal_meets_the_same_key(raw: str) -> None:
    """Call data exported through a spreadsheet ("7700900123.0" as text) is the number,
    not the digits 77009001230 of nobody's phone."""
    cleaned = clean_phone(raw)
    assert (cleaned.value, cleaned.error) == (DRAMA, None)
    assert cleaned.flags == ("not_valid_number", "written_as_decimal")


@pytest.mark.parametrize("raw", ["7700900123.5", "77.0", "7700 900123.0"])
def test_other_decimals_are_not_read_as_numbers(raw: str) -> None:
    assert "written_as_decimal" not in clean_phone(raw).flags


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("07700 900321 (mob)", "+447700900321"),
        ("07700 900123 mob", DRAMA),
        ("07700 900123 (work)", DRAMA),
        ("07700 900123 - home", DRAMA),
        ("07700900123 Mobile.", DRAMA),
        ("+44 7700 900123 (Mob.)", DRAMA),
        ("07700 900123, landline", DRAMA),
        ("07700 900123 burner", DRAMA),
        ("07700 900123 (mob) (old)", DRAMA),
        ("07700 900123 [Dave's]", DRAMA),
        ("(mob) 07700 900123", DRAMA),
        ("Tel: 07700 900123", DRAMA),
        ("0117 496 0123 (home)", "+441174960123"),
    ],
)
def test_a_note_beside_the_number_is_not_part_of_it(raw: str, expected: str) -> None:
    """A note's letters are not keypad digits: "mob" is not 662 on the end of the number."""
    cleaned = clean_phone(raw)
    assert (cleaned.value, cleaned.error) == (expected, None)
    assert cleaned.raw == raw


@pytest.mark.parametrize(
    ("raw", "letter"),
    [
        ("O7700 900123", "O"),  # an O that begins the number: not guessed
        ("07700 900 12x", "x"),
        ("07700 9l0123", "l"),
        ("07700 900123 Dave", "D"),  # a word that is not a note
        ("0800 FLOWERS", "F"),
        ("07700 O00123", "O"),  # an O after a space, not between digits
    ],
)
def test_a_letter_among_the_digits_is_never_dropped(raw: str, letter: str) -> None:
    """Dropping the letter would give another number (0770090012 for "07700 900 12x")."""
    cleaned = clean_phone(raw)
    assert cleaned == Cleaned(" ".join(raw.split()), raw, ("unparseable_phone",),
                              f"not a phone number: a letter among its digits ({letter!r})")
    assert not cleaned.ok


@pytest.mark.parametrize("raw", ["07700 9OO321", "07700 9oo321", "07700 9OO321 (mob)"])
def test_the_letter_o_between_digits_is_read_as_a_zero(raw: str) -> None:
    cleaned = clean_phone(raw)
    assert (cleaned.value, cleaned.error) == ("+447700900321", None)
    assert cleaned.flags == ("not_valid_number", "letter_o_read_as_zero")


@pytest.mark.parametrize(
    ("raw", "region", "expected"),
    [
        ("07911 123456", "GB", "+447911123456"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("+1 212 555 0100", "GB", "+12125550100"),
        ("+33 1 23 45 67 89", "GB", "+33123456789"),
        ("01 23 45 67 89", "FR", "+33123456789"),
        ("+44 20 7946 0958", "FR", "+442079460958"),
        ("07113028090", "GB", "+447113028090"),  # no grouping: nothing to judge
        ("0161 496 0000", "GB", "+441614960000"),
        ("(0161) 496 0000", "GB", "+441614960000"),
        ("0161-496-0000", "GB", "+441614960000"),
        ("0207 946 0958", "GB", "+442079460958"),
        ("001 212 555 0100", "GB", "+12125550100"),
        ("+33 6 12 34 56 78", "GB", "+33612345678"),
        ("(212) 555-0100", "US", "+12125550100"),
        ("06 12 34 56 78", "FR", "+33612345678"),
    ],
)
def test_valid_numbers_normalise_without_flags(raw: str, region: str, expected: str) -> None:
    assert clean_phone(raw, region) == Cleaned(expected, raw)


@pytest.mark.parametrize(
    ("raw", "value", "reason"),
    [
        ("999", "999", "too short"),
        ("0123", "0123", "local only"),
        ("12345678901234567", "12345678901234567", "too long"),
        ("+44 7700 9001234", "+4477009001234", "too long"),
    ],
)
def test_impossible_numbers_keep_digits_as_written(raw: str, value: str, reason: str) -> None:
    cleaned = clean_phone(raw)
    assert cleaned.value == value
    assert cleaned.flags == ("impossible_number",)
    assert cleaned.error is not None and reason in cleaned.error
    assert not cleaned.ok


@pytest.mark.parametrize(
    ("raw", "value", "error"),
    [
        ("call me", "call me", "not a phone number: no phone number in the text"),
        ("", None, "empty"),
        ("   ", None, "empty"),
        (None, None, "empty"),
        (float("nan"), None, "empty"),
    ],
)
def test_unparseable_text(raw: object, value: str | None, error: str) -> None:
    cleaned = clean_phone(raw)
    assert (cleaned.value, cleaned.flags, cleaned.error) == (value, ("unparseable_phone",), error)
    assert not cleaned.ok


@pytest.mark.parametrize(
    ("raw", "region", "value"),
    [
        ("0-(711)302-8090", "GB", "07113028090"),
        ("(711)302-8090", "GB", "7113028090"),
        ("(711) 302-8090", "GB", "7113028090"),
        ("711-302-8090", "GB", "7113028090"),
        ("711.302.8090", "GB", "7113028090"),
        ("(711)3028090", "GB", "7113028090"),  # grouped, yet no national prefix
        ("(212) 555-0100", "GB", "2125550100"),
        ("06 12 34 56 78", "GB", "0612345678"),
    ],
)
def test_a_grouping_the_region_does_not_use_gets_no_country(
    raw: str, region: str, value: str
) -> None:
    cleaned = clean_phone(raw, region)
    assert cleaned == Cleaned(value, raw, ("region_unknown",))
    assert cleaned.ok


@pytest.mark.parametrize(
    ("raw", "region", "value", "flags"),
    [
        ("(711)302-8090", "US", "+17113028090", ("not_valid_number",)),
        ("+1 711 302 8090", "GB", "+17113028090", ("not_valid_number",)),
        ("+1 (711) 302-8090", "GB", "+17113028090", ("not_valid_number",)),
        ("001 711 302 8090", "GB", "+17113028090", ("not_valid_number",)),
        ("+44 711 302 8090", "GB", "+447113028090", ()),
        ("(711) 302-8090 x12", "GB", "7113028090", ("region_unknown", "extension_dropped")),
        # valid UK numbers in layouts the UK formats do not list, but no other region's either
        ("07911 12 34 56", "GB", "+447911123456", ()),
        ("0711 302 8090", "GB", "+447113028090", ()),
    ],
)
def test_a_number_stays_in_its_written_or_configured_country(
    raw: str, region: str, value: str, flags: tuple[str, ...]
) -> None:
    assert clean_phone(raw, region) == Cleaned(value, raw, flags)


def test_raw_is_kept_as_given() -> None:
    assert clean_phone(" 07700 900123 ").raw == " 07700 900123 "
    assert clean_phone(7700900123).raw == "7700900123"
    assert clean_phone(None).raw == ""


def test_extension_is_dropped_and_flagged() -> None:
    cleaned = clean_phone("07911 123456 ext. 12")
    assert cleaned.value == "+447911123456"
    assert cleaned.flags == ("extension_dropped",)
    assert cleaned.ok


def test_unknown_region_without_plus_is_unparseable_not_an_exception() -> None:
    cleaned = clean_phone("07700 900123", region="XX")
    assert cleaned.flags == ("unparseable_phone",)
    assert cleaned.error is not None and "'XX'" in cleaned.error
    assert clean_phone("+44 7700 900123", region="XX").value == DRAMA


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ring 07700 900123 or 07700900456", [DRAMA, "+447700900456"]),
        ("07700 900123, later +44 7700 900123 again", [DRAMA]),
        ("call +33 1 23 45 67 89 and 07911 123456", ["+33123456789", "+447911123456"]),
        ("ref IR/2025/000123 dob 1990-02-11, PC 1234", []),
        ("seen at 21:40 on 01/03/2025", []),
        ("no numbers here", []),
        ("", []),
    ],
)
def test_find_phones(text: str, expected: list[str]) -> None:
    assert find_phones(text) == expected


@given(st.text(max_size=60))
def test_never_raises_on_any_text(text: str) -> None:
    cleaned = clean_phone(text)
    assert cleaned.raw == text
    assert cleaned.value is None or cleaned.value == cleaned.value.strip()
    assert all(n.startswith("+") for n in find_phones(text))


def test_docstring_examples() -> None:
    assert doctest.testmod(phone).failed == 0
