"""A series of analyses over sliding time windows: how the network and its targets change.

``analyse --window 60d --step 30d`` runs the whole analysis once per window
``[start, start + 60 days - 1]``, the start moving on 30 days each time, from ``--from`` (default:
the earliest report date) until the window start passes ``--to`` (default: the latest report
date); the last window is cut at ``--to``. Each run sees only the evidence dated in its window
(:mod:`.timewindow`), is measured on the window's last day, and is stored as a normal run
with its window in its parameters (``projection.from_date``/``to_date``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from graphintel.analysis.run import AnalysisParams, AnalysisRun, run_analysis
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store

__all__ = ["analyse_windows", "parse_days", "window_series"]

_DAYS = re.compile(r"^\s*(\d+)\s*([dw]?)\s*$", re.IGNORECASE)


def parse_days(text: str, option: str = "--window") -> int:
    """Days in a span written ``60d``, ``8w`` or ``60``.

    >>> parse_days("60d"), parse_days("2w"), parse_days("7")
    (60, 14, 7)
    """
    m = _DAYS.match(text)
    if not m or int(m.group(1)) < 1:
        raise ConfigError(f"{option} {text!r} is not a number of days", option,
                          "write it like 60d (days) or 8w (weeks)")
    return int(m.group(1)) * (7 if m.group(2).lower() == "w" else 1)


def window_series(start: date, end: date, window_days: int,
                  step_days: int) -> list[tuple[date, date]]:
    """The windows ``(first day, last day)`` from ``start`` to ``end`` (see the module).

    >>> [(a.isoformat(), b.isoformat()) for a, b in
    ...  window_series(date(2025, 1, 1), date(2025, 3, 1), 30, 30)]
    [('2025-01-01', '2025-01-30'), ('2025-01-31', '2025-03-01')]
    """
    if window_days < 1 or step_days < 1:
        raise ValueError("window and step must be at least one day")
    out = []
    at = start
    while at <= end:
        out.append((at, min(at + timedelta(days=window_days - 1), end)))
        at += timedelta(days=step_days)
    return out


def _prefixed(progress: Callable[[str], None] | None,
              label: str) -> Callable[[str], None] | None:
    if progress is None:
        return None
    report = progress
    return lambda phase: report(label + phase)


def analyse_windows(store: Store, params: AnalysisParams | None = None, *, window_days: int,
                    step_days: int | None = None, from_date: str | None = None,
                    to_date: str | None = None, write: bool = True,
                    progress: Callable[[str], None] | None = None) -> list[AnalysisRun]:
    """One analysis run per window (see the module docstring), oldest window first.

    ``params.projection.as_of`` is ignored: each run is measured on its window's last day."""
    params = params or AnalysisParams()
    first, last = from_date, to_date
    if first is None or last is None:
        rows = store.read("analysis_report_dates")
        span = rows[0] if rows else {}
        first = first or span.get("first")
        last = last or span.get("last")
    if not first or not last:
        raise NotFound("no dated report in the graph: no window to analyse",
                       fix="give --from and --to, or load reports with dates")
    try:
        start, end = date.fromisoformat(first[:10]), date.fromisoformat(last[:10])
    except ValueError:
        raise ConfigError(f"window dates {first!r}..{last!r} are not dates", "--from",
                          "give dates as YYYY-MM-DD") from None
    if start > end:
        raise ConfigError(f"--from {start} is after --to {end}", "--from",
                          "give a --from before --to")
    runs = []
    for a, b in window_series(start, end, window_days, step_days or window_days):
        proj = replace(params.projection, from_date=a.isoformat(), to_date=b.isoformat(),
                       as_of=None)
        label = f"window {a.isoformat()} to {b.isoformat()}: "
        runs.append(run_analysis(store, replace(params, projection=proj), write=write,
                                 progress=_prefixed(progress, label)))
    return runs
