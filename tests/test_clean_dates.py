"""Dates: ISO 8601 out, UTC for offsets, declared formats only, never a guessed day order."""

from __future__ import annotations

import doctest
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graphintel.clean import dates
from graphintel.clean.dates import clean_date, date_part

NOT_ISO = "not ISO 8601 and no date format declared for this field"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-01", "2025-03-01"),
        (" 2025-03-01 ", "2025-03-01"),
        ("2025-03-01T21:40:00", "2025-03-01T21:40:00"),
        ("2025-03-01 21:40", "2025-03-01T21:40:00"),
        ("2025-03-01t21:40:05", "2025-03-01T21:40:05"),
        ("2025-03-01T21:40:00.123456", "2025-03-01T21:40:00"),
        ("2025-03-01T21:40:00.0000000", "2025-03-01T21:40:00"),  # .NET round-trip format
        ("2025-03-01T21:40:59.9999999", "2025-03-01T21:40:59"),  # cut, not rounded
        ("2025-03-01T21:40:00,123456789", "2025-03-01T21:40:00"),
        ("2025-03-01 21:40:00.1", "2025-03-01T21:40:00"),
        (datetime(2025, 3, 1, 21, 40), "2025-03-01T21:40:00"),
        (datetime(2025, 3, 1), "2025-03-01T00:00:00"),  # an Excel date-time cell
        (date(2025, 3, 1), "2025-03-01"),
    ],
)
def test_iso_and_objects(raw: object, expected: str) -> None:
    cleaned = clean_date(raw)
    assert (cleaned.value, cleaned.flags, cleaned.error) == (expected, (), None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-03-01T21:40:00+01:00", "2025-03-01T20:40:00"),
        ("2025-03-01T21:40:00Z", "2025-03-01T21:40:00"),
        ("2025-03-01T21:40:00.1234567Z", "2025-03-01T21:40:00"),
        ("2025-03-01T21:40:00.123456789+01:00", "2025-03-01T20:40:00"),
        ("2025-03-01T00:30:00+0100", "2025-02-28T23:30:00"),
        ("2025-03-01T21:40:00-05:00", "2025-03-02T02:40:00"),
        (datetime(2025, 3, 1, 21, 40, tzinfo=timezone(timedelta(hours=1))), "2025-03-01T20:40:00"),
        (datetime(2025, 3, 1, 21, 40, tzinfo=UTC), "2025-03-01T21:40:00"),
    ],
)
def test_offsets_are_converted_to_uk_time_and_dropped(raw: object, expected: str) -> None:
    cleaned = clean_date(raw)
    assert (cleaned.value, cleaned.flags, cleaned.error) == \
        (expected, ("converted_to_uk_time",), None)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [  # summer: British Summer Time, one hour ahead of UTC
        ("2024-07-10T20:00:00+01:00", "2024-07-10T20:00:00"),
        ("2024-07-10T19:00:00Z", "2024-07-10T20:00:00"),
        ("2024-07-01T00:30:00+01:00", "2024-07-01T00:30:00"),  # stays on its own day
        ("2024-10-27T00:30:00Z", "2024-10-27T01:30:00"),  # the night the clocks go back
        ("2024-10-27T01:30:00Z", "2024-10-27T01:30:00"),
    ],
)
def test_summer_offsets_become_the_uk_local_time_written_without_one(
        raw: str, expected: str) -> None:
    assert clean_date(raw).value == expected


@pytest.mark.parametrize(
    ("raw", "flag", "error"),
    [
        ("01/03/2025", "unparseable_date", NOT_ISO),
        ("1 March 2025", "unparseable_date", NOT_ISO),
        ("20250301", "unparseable_date", NOT_ISO),
        ("2025-3-1", "unparseable_date", NOT_ISO),
        (45717, "unparseable_date", NOT_ISO),  # an Excel serial number is not guessed either
        ("", "unparseable_date", "empty"),
        (None, "unparseable_date", "empty"),
        ("2025-02-30", "invalid_date", "not a real date: day is out of range for month"),
        ("2025-13-01", "invalid_date", "not a real date: month must be in 1..12"),
        ("2025-03-01T25:00", "invalid_date", "not a real date: hour must be in 0..23"),
    ],
)
def test_failures_have_no_value(raw: object, flag: str, error: str) -> None:
    cleaned = clean_date(raw)
    assert (cleaned.value, cleaned.flags, cleaned.error) == (None, (flag,), error)
    assert not cleaned.ok


@pytest.mark.parametrize(
    ("raw", "formats", "expected"),
    [
        ("01/03/2025", ["%d/%m/%Y"], "2025-03-01"),
        ("01/03/2025", ["%m/%d/%Y"], "2025-01-03"),
        ("01/03/2025 21:40", ["%d/%m/%Y %H:%M", "%d/%m/%Y"], "2025-03-01T21:40:00"),
        ("01/03/2025", ["%d/%m/%Y %H:%M", "%d/%m/%Y"], "2025-03-01"),
        ("1-Mar-25", ["%d-%b-%y"], "2025-03-01"),
        ("01/03/2025 09:40 PM", ["%d/%m/%Y %I:%M %p"], "2025-03-01T21:40:00"),
        ("2025-03-01", ["%d/%m/%Y"], "2025-03-01"),  # ISO is unambiguous, still accepted
    ],
)
def test_declared_formats(raw: str, formats: list[str], expected: str) -> None:
    cleaned = clean_date(raw, formats)
    assert (cleaned.value, cleaned.error) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "formats", "expected"),
    [
        ("01/03/2025", "%d/%m/%Y", "2025-03-01"),  # one format given bare
        ("2025-03-01T21:40", ["%Q"], "2025-03-01T21:40:00"),  # a bad format never raises
    ],
)
def test_format_edge_cases(raw: str, formats: list[str] | str, expected: str) -> None:
    assert clean_date(raw, formats).value == expected


def test_datetime_that_cannot_be_put_in_utc_is_invalid_not_an_exception() -> None:
    early = datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1)))
    assert clean_date(early).flags == ("invalid_date",)


def test_declared_format_with_offset_converts_to_uk_time() -> None:
    cleaned = clean_date("01/03/2025 21:40 +0100", ["%d/%m/%Y %H:%M %z"])
    assert (cleaned.value, cleaned.flags) == ("2025-03-01T20:40:00", ("converted_to_uk_time",))


NONE_FIT = "matches none of the declared formats ['%d/%m/%Y']"


@pytest.mark.parametrize(
    ("raw", "flag", "error"),
    [
        ("31/02/2025", "invalid_date", "not a real date: day is out of range for month"),
        ("1 March", "unparseable_date", NONE_FIT),
        ("01/03/2025 21:40", "unparseable_date", NONE_FIT),
    ],
)
def test_declared_format_failures(raw: str, flag: str, error: str) -> None:
    cleaned = clean_date(raw, ["%d/%m/%Y"])
    assert (cleaned.value, cleaned.flags, cleaned.error) == (None, (flag,), error)


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2025-03-01T21:40:00", "2025-03-01"),
        ("2025-03-01", "2025-03-01"),
        (" 2025-03-01 ", "2025-03-01"),
        ("01/03/2025", None),
        ("2025-03-011", None),
        ("", None),
        (None, None),
    ],
)
def test_date_part(iso: str | None, expected: str | None) -> None:
    assert date_part(iso) == expected


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)))
def test_round_trip_is_stable(moment: datetime) -> None:
    first = clean_date(moment).value
    assert first is not None
    assert clean_date(first).value == first
    assert date_part(first) == moment.date().isoformat()


@given(st.text(max_size=30))
def test_never_raises(text: str) -> None:
    cleaned = clean_date(text, ["%d/%m/%Y"])
    assert cleaned.value is None or date_part(cleaned.value) is not None


def test_docstring_examples() -> None:
    assert doctest.testmod(dates).failed == 0


WINDOW = dates.DateWindow(date(1900, 1, 1), date(2025, 6, 2))
LATE = "the latest plausible date"


@pytest.mark.parametrize(
    ("iso", "value", "flags", "error"),
    [
        ("2025-03-01", "2025-03-01", (), None),
        ("2025-03-01T21:40:00", "2025-03-01T21:40:00", (), None),
        ("1900-01-01", "1900-01-01", (), None),  # both ends are inside
        ("2025-06-02T23:59:59", "2025-06-02T23:59:59", (), None),
        ("0001-01-01", None, ("implausible_date",),
         "date 0001-01-01 is before 1900-01-01, the earliest plausible date"),
        ("1899-12-31T23:59:00", None, ("implausible_date",),
         "date 1899-12-31 is before 1900-01-01, the earliest plausible date"),
        ("9999-12-31", None, ("implausible_date",), f"date 9999-12-31 is after 2025-06-02, {LATE}"),
        ("2052-03-01T10:00:00", None, ("implausible_date",),
         f"date 2052-03-01 is after 2025-06-02, {LATE}"),
        ("2025-06-03", None, ("implausible_date",), f"date 2025-06-03 is after 2025-06-02, {LATE}"),
        ("01/03/2025", None, ("unparseable_date",), "not an ISO date"),
        ("", None, ("unparseable_date",), "not an ISO date"),
        (None, None, ("unparseable_date",), "not an ISO date"),
        ("2025-02-30", None, ("invalid_date",), "not a real date: 2025-02-30 is not a real date"),
    ],
)
def test_check_window(iso: str | None, value: str | None, flags: tuple[str, ...],
                      error: str | None) -> None:
    checked = dates.check_window(iso, WINDOW)
    assert (checked.value, checked.flags, checked.error) == (value, flags, error)


@pytest.mark.parametrize(
    ("earliest", "today", "days", "latest"),
    [
        (date(1900, 1, 1), date(2025, 6, 1), 1, date(2025, 6, 2)),
        (date(2000, 1, 1), date(2024, 12, 31), 0, date(2024, 12, 31)),
        (date(1900, 1, 1), date(2024, 2, 28), 2, date(2024, 3, 1)),
    ],
)
def test_window_ends_days_after_today(earliest: date, today: date, days: int,
                                      latest: date) -> None:
    assert dates.DateWindow.ending_after(earliest, today, days) == dates.DateWindow(earliest,
                                                                                      latest)


@given(st.text(max_size=30))
def test_check_window_never_raises(text: str) -> None:
    checked = dates.check_window(text, WINDOW)
    assert checked.value in (None, text)


@pytest.mark.parametrize("raw", ["2024-03", "2024"])
def test_a_month_or_a_year_alone_is_refused_saying_why(raw: str) -> None:
    cleaned = clean_date(raw)
    assert cleaned.value is None and cleaned.error is not None
    assert cleaned.error.startswith("a year or a month alone is not a day")
