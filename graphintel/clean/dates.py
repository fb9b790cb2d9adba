"""Dates and date-times to ISO 8601, without ever guessing day-first versus month-first.

Output is ``YYYY-MM-DD`` for a date and ``YYYY-MM-DDTHH:MM:SS`` (seconds always shown, no
fraction, no offset) for a date-time. A date-time without an offset is UK local time, as
police systems write it; one with an offset (or ``Z``) is converted to UK local time
(Europe/London: GMT in winter, BST in summer) and the offset dropped (flag
``converted_to_uk_time``), so all stored times compare directly: ``20:00+01:00`` on a July
evening and ``20:00`` written without an offset are the same moment, and a report dated
``00:30+01:00`` stays on its own day.
Non-ISO text such as ``01/03/2025`` is only read through formats a mapping declares.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from graphintel.clean.result import Cleaned, as_text, raw_of

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
#: A fraction of a second finer than microseconds (.NET writes 7 digits, others 9): the
#: digits past the sixth, which Python's datetime cannot hold and no time stored keeps.
_FINER_THAN_MICROSECONDS = re.compile(r"(?<=[.,]\d{6})\d+")
_PARTIAL = re.compile(r"\d{4}(?:-\d{2})?")
_DATE_PART = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ])", re.IGNORECASE)
_TIME_DIRECTIVES = ("%H", "%I", "%M", "%S", "%X", "%c", "%T", "%R", "%p")
_FAIL = ("unparseable_date",)


#: The zone of times written without an offset, and that times with one are converted to.
LOCAL_ZONE = "Europe/London"


@cache
def _local_zone() -> ZoneInfo:
    return ZoneInfo(LOCAL_ZONE)


def _from_datetime(value: datetime, given: str) -> Cleaned:
    flags: tuple[str, ...] = ()
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(UTC).astimezone(_local_zone()).replace(tzinfo=None)
        flags = ("converted_to_uk_time",)
    return Cleaned(value.replace(tzinfo=None).isoformat(timespec="seconds"), given, flags)


def _invalid(given: str, why: str) -> Cleaned:
    return Cleaned(None, given, ("invalid_date",), f"not a real date: {why}")


def _from_iso(text: str, given: str) -> Cleaned | None:
    """Parse ISO 8601 text, or None when ``text`` is not in an ISO shape at all."""
    try:
        if _ISO_DATE.fullmatch(text):
            return Cleaned(date.fromisoformat(text).isoformat(), given)
        if _ISO_DATETIME.fullmatch(text):
            text = _FINER_THAN_MICROSECONDS.sub("", text)  # .NET's "10:00:00.0000000"
            return _from_datetime(datetime.fromisoformat(text.upper().replace(",", ".")), given)
    except ValueError as exc:
        return _invalid(given, str(exc))
    return None


def _from_formats(text: str, given: str, formats: Sequence[str]) -> Cleaned | None:
    """Try the declared strptime formats in order; None when none fits the shape."""
    out_of_range: str | None = None
    for fmt in formats:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError as exc:
            if "out of range" in str(exc):  # the shape fits, the day does not exist
                out_of_range = out_of_range or str(exc)
            continue
        if any(d in fmt for d in _TIME_DIRECTIVES) or "%z" in fmt:
            return _from_datetime(parsed, given)
        return Cleaned(parsed.date().isoformat(), given)
    return _invalid(given, out_of_range) if out_of_range else None


def clean_date(raw: object, formats: Sequence[str] | None = None) -> Cleaned:
    """Normalise a date or date-time to ISO 8601; never guesses an ambiguous layout.

    Accepts ``datetime``/``date`` objects (Excel cells), ISO 8601 text (``2025-03-01``,
    ``2025-03-01T21:40``, ``2025-03-01 21:40:00+01:00``, a fraction of a second of any
    length, such as .NET's ``2025-03-01T21:40:00.0000000``, cut to microseconds), and with
    ``formats`` text in any
    of those strptime patterns, tried in order (ISO text is still accepted after them,
    being unambiguous). A format with a time directive gives a date-time, otherwise a date.
    Failures have value None: flag ``unparseable_date`` (no format fits) or ``invalid_date``
    (the shape fits but the date does not exist, e.g. 30 February).

    >>> clean_date("2025-03-01 21:40").value
    '2025-03-01T21:40:00'
    >>> clean_date("01/03/2025", ["%d/%m/%Y"]).value
    '2025-03-01'
    >>> clean_date("01/03/2025").error
    'not ISO 8601 and no date format declared for this field'
    """
    given, text = raw_of(raw), as_text(raw)
    if not text:
        return Cleaned(None, given, _FAIL, "empty")
    try:
        if isinstance(raw, datetime):
            return _from_datetime(raw, given)
    except OverflowError as exc:  # e.g. 0001-01-01 with a positive offset
        return _invalid(given, str(exc))
    if isinstance(raw, date):
        return Cleaned(raw.isoformat(), given)
    if isinstance(formats, str):  # one format given bare, not a list of one
        formats = [formats]
    if formats:
        result = _from_formats(text, given, formats)
        if result is not None:
            return result
    result = _from_iso(text, given)
    if result is not None:
        return result
    if formats:
        return Cleaned(None, given, _FAIL, f"matches none of the declared formats {list(formats)}")
    if _PARTIAL.fullmatch(text):
        return Cleaned(None, given, _FAIL, "a year or a month alone is not a day: graphintel "
                       "needs the full date (YYYY-MM-DD); when only the month is known, "
                       "give the day the record system gives or the first of the month and "
                       "say so in the narrative")
    return Cleaned(None, given, _FAIL, "not ISO 8601 and no date format declared for this field")


def date_part(iso: str | None) -> str | None:
    """The ``YYYY-MM-DD`` part of an ISO date or date-time, or None when there is none.

    >>> date_part("2025-03-01T21:40:00"), date_part(None), date_part("01/03/2025")
    ('2025-03-01', None, None)
    """
    match = _DATE_PART.match(iso.strip()) if isinstance(iso, str) else None
    return match.group(1) if match else None


@dataclass(frozen=True)
class DateWindow:
    """The dates an event can plausibly have: from ``earliest`` to ``latest``, both included."""

    earliest: date
    latest: date

    @classmethod
    def ending_after(cls, earliest: date, today: date, future_days: int) -> DateWindow:
        """The window from ``earliest`` to ``today`` plus ``future_days`` days."""
        return cls(earliest, today + timedelta(days=future_days))


def check_window(iso: str | None, window: DateWindow) -> Cleaned:
    """``iso`` when its date lies in ``window``, else no value and flag ``implausible_date``.

    Catches typing slips a parser accepts: ``0001-01-01``, ``9999-12-31``, ``2052`` for
    ``2025``. ``iso`` is a value from :func:`clean_date`; anything without a date part is
    flagged ``unparseable_date``. Pure: the caller puts "today" into the window.

    >>> w = DateWindow(date(1900, 1, 1), date(2025, 6, 2))
    >>> check_window("2025-03-01T21:40:00", w).value
    '2025-03-01T21:40:00'
    >>> check_window("2052-03-01", w).error
    'date 2052-03-01 is after 2025-06-02, the latest plausible date'
    """
    part = date_part(iso)
    given = iso or ""
    if part is None:
        return Cleaned(None, given, _FAIL, "not an ISO date")
    try:
        when = date.fromisoformat(part)
    except ValueError:
        return _invalid(given, f"{part} is not a real date")
    if when < window.earliest:
        return Cleaned(None, given, ("implausible_date",),
                       f"date {part} is before {window.earliest.isoformat()}, "
                       "the earliest plausible date")
    if when > window.latest:
        return Cleaned(None, given, ("implausible_date",),
                       f"date {part} is after {window.latest.isoformat()}, "
                       "the latest plausible date")
    return Cleaned(iso, given)
