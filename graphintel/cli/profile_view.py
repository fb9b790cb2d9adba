"""How ``graphintel profile`` shows a person on screen.

The library's profile (:func:`graphintel.profile.profile`, and the command's JSON and CSV)
is unchanged; on screen it is made to read at 80 columns: when a link was seen by date,
its kind beside it, times of missing episodes to the minute, at most :data:`MOST_REFS`
report references per row with the number of the others, and the analysis in words
rather than as a map.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["MIN_WIDTHS", "MOST_REFS", "TIE_COLUMNS", "analysis_lines", "day", "episode_rows",
           "filled", "minute", "refs_text", "report_text", "seen_text", "tie_rows"]

#: Report references shown per row on screen; the others are counted.
MOST_REFS = 2
#: Columns never folded narrower than a whole reference (``ME/MFH/2023/00005;``) or date.
MIN_WIDTHS = {"refs": 18, "seen": 10, "dob": 10}
#: The columns of a person's phones, vehicles, addresses, places and accounts on screen.
TIE_COLUMNS = ["name", "link", "seen", "refs"]
#: The stored measures as an analyst names them, in the order shown.
MEASURE_NAMES = {"degree": "degree", "strength": "strength", "betweenness": "betweenness",
                 "closeness": "closeness", "pagerank": "PageRank", "kcore": "k-core"}


def day(value: Any) -> str:
    """The date of an ISO date or time.

    >>> day("2023-08-21T11:43:00"), day(None)
    ('2023-08-21', '')
    """
    return str(value)[:10] if value else ""


def minute(value: Any) -> str:
    """An ISO time to the minute, with a space for the ``T``.

    >>> minute("2024-10-01T17:30:00"), minute("2024-10-01"), minute(None)
    ('2024-10-01 17:30', '2024-10-01', '')
    """
    return str(value).replace("T", " ")[:16] if value else ""


def refs_text(refs: Iterable[str] | None, most: int = MOST_REFS) -> str:
    """The first ``most`` references and how many others.

    >>> refs_text(["IR/1", "IR/2", "IR/3", "IR/4"])
    'IR/1; IR/2 (+2 more)'
    >>> refs_text(["IR/1"]), refs_text(None)
    ('IR/1', '')
    """
    items = [str(r) for r in refs or ()]
    text = "; ".join(items[:most])
    return text + (f" (+{len(items) - most} more)" if len(items) > most else "")


def report_text(report: Mapping[str, Any]) -> str:
    """A report behind a role: its reference, date and grading.

    >>> report_text({"ref": "IR/2023/000132", "date": "2023-09-27T03:43:24", "grading": "2BP"})
    'IR/2023/000132 (2023-09-27, 2BP)'
    >>> report_text({"ref": "associations:associations.csv", "date": None, "grading": "2BP"})
    'associations:associations.csv (2BP)'
    """
    extra = ", ".join(x for x in (day(report.get("date")), str(report.get("grading") or ""))
                      if x)
    return f"{report['ref']} ({extra})" if extra else str(report["ref"])


def seen_text(first: Any, last: Any) -> str:
    """When a link was first and last seen, by date; one date when they are the same day.

    >>> seen_text("2024-11-10T19:23:53", "2025-02-03T20:04:40")
    '2024-11-10 to 2025-02-03'
    >>> seen_text("2024-11-10T01:00", "2024-11-10T02:00"), seen_text(None, "2024-12-01")
    ('2024-11-10', '2024-12-01')
    """
    a, b = day(first), day(last)
    return f"{a} to {b}" if a and b and a != b else (a or b)


def tie_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Phones, vehicles, addresses, places or accounts for the screen (:data:`TIE_COLUMNS`):
    the link with its kind in words, when it was seen by date, few refs."""
    out = []
    for r in rows:
        detail = str(r.get("detail") or "").replace("_", " ")
        link = str(r.get("link") or "")
        out.append({**r, "link": f"{link} ({detail})" if detail else link,
                    "seen": seen_text(r.get("first_seen"), r.get("last_seen")),
                    "refs": refs_text(r.get("refs"))})
    return out


def filled(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """The ``columns`` with a value in at least one row (an empty column only takes room).

    >>> filled(["name", "detail", "refs"], [{"name": "a", "detail": "", "refs": "IR/1"}])
    ['name', 'refs']
    """
    return [c for c in columns if any(r.get(c) not in (None, "", []) for r in rows)]


def episode_rows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Missing episodes for the screen: start and end to the minute."""
    return [{**r, "start": minute(r.get("start")), "end": minute(r.get("end"))} for r in rows]


def _number(value: Any) -> str:
    v = float(value)
    return f"{int(v)}" if v.is_integer() else f"{v:.3g}"


def analysis_lines(a: Mapping[str, Any]) -> list[str]:
    """The person's place in the latest analysis run, in words.

    >>> analysis_lines({"status": "scored", "run_id": "run-1", "rank": 4, "score": 21.07,
    ...                 "network": 3, "measures": {"degree": 11.0, "pagerank": 0.007177},
    ...                 "reasons": ["appears to organise: ..."],
    ...                 "weights_changed": "contact 0.45"})  # doctest: +NORMALIZE_WHITESPACE
    ['Analysis (run-1): rank 4, score 21.07, network 3',
     '  ranked on weights other than the defaults: contact 0.45',
     '  measures: degree 11, PageRank 0.00718',
     '  - appears to organise: ...']
    >>> analysis_lines({"status": "safeguarded: a child or a victim, never a disruption "
    ...                 "target", "run_id": "run-1", "rank": None, "score": None,
    ...                 "network": 2, "measures": {}, "reasons": []})
    ['Analysis (run-1): safeguarded: a child or a victim, never a disruption target; network 2']
    >>> analysis_lines({"status": "not in the latest analysis run", "run_id": "run-2",
    ...                 "as_of": "2025-06-30"})
    ['Analysis (run-2, as of 2025-06-30): not in the latest analysis run']
    >>> analysis_lines({"status": "no analysis run yet"})
    ['Analysis: no analysis run yet']
    >>> analysis_lines({"status": "scored", "run_id": "run-1", "rank": 16, "score": 9.8,
    ...                 "possibly_same_as": [{"uid": "Person:ref:N1", "name": "Jo QUINN"}]}
    ...                )[1]  # doctest: +NORMALIZE_WHITESPACE
    '  possibly the same person as Jo QUINN (Person:ref:N1), not yet resolved: its links and
     score are split between the records (graphintel resolve merge or reject)'
    """
    run = a.get("run_id")
    when = f", as of {str(a['as_of'])[:10]}" if a.get("as_of") else ""
    head = f"Analysis ({run}{when}): " if run else "Analysis: "
    if a.get("rank") is not None:
        head += f"rank {a['rank']}, score {a.get('score')}"
    else:
        head += str(a.get("status") or "")
    if a.get("network") is not None:
        head += (", " if a.get("rank") is not None else "; ") + f"network {a['network']}"
    out = [head]
    for other in a.get("possibly_same_as") or ():
        out.append(f"  possibly the same person as {other.get('name') or 'an unnamed person'} "
                   f"({other['uid']}), not yet resolved: its links and score are split "
                   "between the records (graphintel resolve merge or reject)")
    if a.get("weights_changed"):
        out.append(f"  ranked on weights other than the defaults: {a['weights_changed']}")
    measures = a.get("measures") or {}
    shown = [f"{label} {_number(measures[key])}" for key, label in MEASURE_NAMES.items()
             if measures.get(key) is not None]
    if shown:
        out.append("  measures: " + ", ".join(shown))
    out.extend(f"  - {reason}" for reason in a.get("reasons") or ())
    return out
