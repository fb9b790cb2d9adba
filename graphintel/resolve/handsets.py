"""Handset switches: two numbers with the same contacts, one falling silent as the other starts.

People who change phones keep calling the same people. A pair of phones is proposed when
they share at least ``min_shared`` contacts, the shared contacts are at least ``min_jaccard``
of all their contacts, they never call each other, and their active periods follow one
another (the first stops no later than ``max_overlap_days`` after the second starts, and
the second starts within ``max_gap_days`` of the first stopping). The score is the Jaccard
similarity of their contacts, lowered for a long gap. A proposal is a lead for attribution,
not a merge: the two numbers stay separate; when their users are two person records, the
analyst may decide to merge the people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

from graphintel.resolve.candidates import Candidate, Search
from graphintel.resolve.similarity import parse_date

MIN_SHARED = 2
MIN_JACCARD = 0.5
MAX_OVERLAP_DAYS = 7
MAX_GAP_DAYS = 60


@dataclass(frozen=True)
class _Phone:
    uid: str
    key: str
    contacts: frozenset[str]
    first: date
    last: date
    users: tuple[tuple[str, str], ...]

    @classmethod
    def of(cls, row: dict[str, Any]) -> _Phone | None:
        days: list[date] = []
        contacts = set()
        for call in row.get("calls") or ():
            contacts.add(call["other"])
            for value in [*(call.get("times") or ()), call.get("first"), call.get("last")]:
                day = parse_date(str(value)[:10]) if value else None
                if day:
                    days.append(day)
        if not days:
            return None
        users = tuple(sorted((u["uid"], u.get("name") or u["uid"])
                             for u in row.get("users") or ()))
        return cls(row["uid"], row["key"], frozenset(contacts), min(days), max(days), users)


def _users(p: _Phone) -> str:
    return ", ".join(name for _uid, name in p.users) or "no known user"


def handset_candidates(rows: Iterable[dict[str, Any]], *, rejected: set[frozenset[str]],
                       min_score: float = 0.5, max_block: int = 500,
                       min_shared: int = MIN_SHARED, min_jaccard: float = MIN_JACCARD,
                       max_overlap_days: int = MAX_OVERLAP_DAYS,
                       max_gap_days: int = MAX_GAP_DAYS) -> Search:
    """Pairs of phones that look like one person's old and new handset.

    >>> rows = [
    ...     {"uid": "old", "key": "+447700900001", "users": [{"uid": "p1", "name": "Ann"}],
    ...      "calls": [{"other": c, "first": "2025-01-01", "last": "2025-03-01"}
    ...                for c in ("x", "y", "z")]},
    ...     {"uid": "new", "key": "+447700900002", "users": [],
    ...      "calls": [{"other": c, "first": "2025-03-04", "last": "2025-05-01"}
    ...                for c in ("x", "y", "z")]}]
    >>> found = handset_candidates(rows, rejected=set()).candidates
    >>> [(c.a, c.b, c.score) for c in found]
    [('new', 'old', 1.0)]
    """
    phones = [p for p in (_Phone.of(r) for r in rows) if p is not None]
    by_contact: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(phones):
        for c in p.contacts:
            by_contact[c].append(i)
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for members in by_contact.values():
        if len(members) > max_block:
            skipped += 1
            continue
        pairs.update(combinations(sorted(members), 2))
    found = []
    for i, j in sorted(pairs):
        found.extend(_judge(phones[i], phones[j], rejected, min_score, min_shared,
                            min_jaccard, max_overlap_days, max_gap_days))
    stats = {"kind": "handset", "entities": len(phones), "pairs_compared": len(pairs),
             "blocks_skipped": skipped}
    return Search(sorted(found, key=lambda c: (-c.score, c.a, c.b)), stats)


def _judge(p: _Phone, q: _Phone, rejected: set[frozenset[str]],
           min_score: float, min_shared: int, min_jaccard: float, max_overlap_days: int,
           max_gap_days: int) -> list[Candidate]:
    if q.uid in p.contacts or frozenset((p.uid, q.uid)) in rejected:
        return []
    if p.users and p.users == q.users:
        return []  # already attributed to the same person
    shared = p.contacts & q.contacts
    union = p.contacts | q.contacts
    jaccard = len(shared) / len(union)
    if len(shared) < min_shared or jaccard < min_jaccard:
        return []
    old, new = sorted((p, q), key=lambda x: (x.first, x.uid))
    overlap = (old.last - new.first).days
    gap = (new.first - old.last).days
    if overlap > max_overlap_days or gap > max_gap_days:
        return []
    score = round(jaccard * (1.0 if gap <= max_gap_days // 2 else 0.8), 3)
    if score < min_score:
        return []
    a, b = sorted((p, q), key=lambda x: x.uid)
    when = (f"{gap} days later" if gap > 0 else "the same day" if gap == 0
            else f"{-gap} days before the old one fell silent")
    evidence = (
        f"share {len(shared)} of {len(union)} contacts (Jaccard {jaccard:.2f})",
        f"{old.key} active {old.first.isoformat()} to {old.last.isoformat()}; "
        f"{new.key} from {new.first.isoformat()} ({when})",
        "they never call each other",
        f"{old.key} used by {_users(old)}; {new.key} used by {_users(new)}",
    )
    return [Candidate("handset", a.uid, b.uid, a.key, b.key, score,
                      ("shared_contacts", "successive_use"), evidence)]
