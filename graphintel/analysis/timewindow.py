"""A time window on the evidence: what a projection keeps when ``from_date``/``to_date`` are set.

Rules (all dates ISO, compared on the day; both ends inclusive):

- a report is in the window when its date is; an *undated* report is kept (nothing dates it
  outside the window);
- a link supported by reports keeps only its in-window reports and is left out when none
  remains; a supporting report with no date counts as in the window when the link's own
  first/last seen overlap it (or the link is undated too);
- a link with no supporting report is kept when its first/last seen overlap the window;
- timed evidence (call times, sighting times) keeps only the times in the window;
- a counted link (calls, messages) with call times counts the times in the window (plus any
  part of its count that has no time, when a supporting report is in the window); without
  times it keeps its stored count when a supporting report is in the window. The graph
  stores one count per link, the largest any one report gave (ingest), not one per report,
  so when a link's reports straddle the window edge its count may come from a report outside
  it: an upper estimate, never more than the stored count.

Pure: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["Window", "day_of"]


def day_of(value: object) -> date | None:
    """The day of an ISO date or date-time, or None.

    >>> day_of("1995-08-31T10:00:00"), day_of(None), day_of("soon")
    (datetime.date(1995, 8, 31), None, None)
    """
    if value is None:
        return None
    return _day(str(value)[:10])


@lru_cache(maxsize=65536)
def _day(text: str) -> date | None:
    """:func:`day_of` of the first ten characters (a graph has a few thousand days, read
    hundreds of thousands of times)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Window:
    """``[start, end]``; either end may be open (None)."""

    start: date | None = None
    end: date | None = None

    @classmethod
    def of(cls, start: str | None, end: str | None) -> Window:
        """A window from ISO dates (None: open).

        >>> Window.of("1995-07-01", None).contains("1995-06-30")
        False
        """
        a, b = day_of(start), day_of(end)
        if start is not None and a is None or end is not None and b is None:
            raise ValueError(f"not a date: {start if a is None else end!r}")
        if a and b and a > b:
            raise ValueError(f"the window starts ({a}) after it ends ({b})")
        return cls(a, b)

    @property
    def open(self) -> bool:
        """No limit at either end: everything is kept."""
        return self.start is None and self.end is None

    def contains(self, when: object) -> bool | None:
        """Whether a date is in the window; None when undated.

        >>> w = Window.of("1995-07-01", "1995-08-31")
        >>> w.contains("1995-08-31T23:00"), w.contains("1995-09-01"), w.contains(None)
        (True, False, None)
        """
        d = day_of(when)
        if d is None:
            return None
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)

    def overlaps(self, first: object, last: object) -> bool:
        """Whether ``[first, last]`` meets the window (an undated end is open).

        >>> w = Window.of("1995-07-01", "1995-08-31")
        >>> w.overlaps("1995-01-01", "1995-07-01"), w.overlaps("1995-09-01", None)
        (True, False)
        """
        a, b = day_of(first), day_of(last)
        if self.end is not None and a is not None and a > self.end:
            return False
        return not (self.start is not None and b is not None and b < self.start)

    def report_kept(self, report: Mapping[str, Any] | None) -> bool:
        """A report is kept when in the window or undated."""
        return report is None or self.open or self.contains(report.get("date")) is not False

    def refs(self, refs: Iterable[str] | None, reports: Mapping[str, Mapping[str, Any]],
             first: object = None, last: object = None) -> list[str]:
        """The supporting reports of a link that are in the window (see the module rules).

        >>> reps = {"A": {"date": "1995-08-31"}, "B": {"date": "1995-12-31"}, "C": {}}
        >>> Window.of("1995-07-01", "1995-08-31").refs(["A", "B", "C"], reps)
        ['A', 'C']
        """
        if self.open:  # every report is in an open window, dated or not
            return list(refs or [])
        out = []
        for ref in refs or []:
            inside = self.contains((reports.get(ref) or {}).get("date"))
            if inside or inside is None and self.overlaps(first, last):
                out.append(ref)
        return out

    def link_kept(self, refs: Iterable[str] | None, kept: list[str], first: object,
                  last: object) -> bool:
        """A link is kept when a supporting report is, or (with none) its dates overlap."""
        return bool(kept) if list(refs or []) else self.overlaps(first, last)

    def times(self, times: Iterable[str] | None) -> list[str]:
        """The times (ISO date-times) in the window; undated strings are dropped only when
        the window is limited."""
        if self.open:
            return list(times or [])
        return [t for t in times or [] if self.contains(t) is not False]

    def clip(self, first: str | None, last: str | None) -> tuple[str | None, str | None]:
        """First/last seen limited to the window.

        >>> Window.of("1995-07-01", "1995-08-31").clip("1995-01-01", "1995-12-31")
        ('1995-07-01', '1995-08-31')
        """
        if first and self.start and (d := day_of(first)) and d < self.start:
            first = self.start.isoformat()
        if last and self.end and (d := day_of(last)) and d > self.end:
            last = self.end.isoformat()
        return first, last

    @staticmethod
    def count(count: float, times: int, times_kept: int, reports_kept: bool) -> float:
        """A counted link's count in the window (see the module rules): the timed calls in
        the window, plus the untimed rest of the count when a supporting report is.

        >>> Window.count(12, 0, 0, True), Window.count(12, 4, 1, False)
        (12, 1.0)
        >>> Window.count(12, 4, 1, True)
        9.0
        """
        if times_kept >= times:
            return count if reports_kept or times else 0
        untimed = max(0.0, float(count) - times)
        return times_kept + (untimed if reports_kept else 0.0)
