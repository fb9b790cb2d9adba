"""How much a link between two people weighs: link type, grading, corroboration, recency.

Each supporting report contributes ``strength x recency``: its 3x5x2 grading strength
(1A = 1.0 ... intelligence graded E = 0.0, so suspected-false intelligence never
strengthens a link) halved every ``half_life_days`` before the analysis date.
Independent reports corroborate: they combine as a noisy-OR (``1 - prod(1 - s)``), so
more reports approach but never exceed 1. The link type scales the result.

Counted contact (calls between phones, messages between accounts, meetings reported with a
``count``) is a tie *strength* that grows with the number of contacts: its part is
``type weight x best (strength x recency) x count``, linear in the count, so that two people
who spoke 300 times are ten times as close as two who spoke 30 times (Morselli's CAVIAR
measures use distance = 1 / calls). Path-based measures use distance = 1 / weight.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

TYPE_WEIGHTS: dict[str, float] = {
    "EXPLOITS": 1.0,
    "ASSOCIATE_OF": 0.7,
    "FAMILY_OF": 0.6,
    "shared_phone": 0.8,
    "shared_account": 0.8,
    "shared_vehicle": 0.6,
    "shared_address": 0.6,
    "shared_event": 0.7,
    "shared_place": 0.25,
    "phone_contact": 0.5,
    "account_contact": 0.5,
    "co_sighting": 0.4,
    "together_in_vehicle": 0.7,
}

#: Link kinds that are evidence of contact between two people: an exploitation or association
#: link, being together (same event, same place within the co-sighting window, in the same
#: vehicle in the same report), calls or messages. A shared address, phone, account,
#: vehicle at another time or a frequented place is not contact.
CONTACT_KINDS: frozenset[str] = frozenset({
    "EXPLOITS", "ASSOCIATE_OF", "shared_event", "co_sighting", "together_in_vehicle",
    "phone_contact", "account_contact",
})
DEFAULT_STRENGTH = 0.3


def recency(when: str | None, as_of: date, half_life_days: float) -> float:
    """Weight of evidence dated ``when``: 1.0 on ``as_of``, halving every half life.

    >>> recency("2025-01-01", date(2025, 1, 1), 365)
    1.0
    >>> round(recency("2024-01-02", date(2025, 1, 1), 365), 3)
    0.5
    """
    if not when:
        return 0.5
    try:
        day = date.fromisoformat(when[:10])
    except ValueError:
        return 0.5
    age = max(0, (as_of - day).days)
    return float(0.5 ** (age / half_life_days))


def noisy_or(values: Iterable[float]) -> float:
    """Combine independent pieces of evidence in [0, 1].

    >>> noisy_or([0.5, 0.5])
    0.75
    """
    remaining = 1.0
    for v in values:
        remaining *= 1.0 - max(0.0, min(1.0, v))
    return 1.0 - remaining


def evidence_weight(kind: str, ref_values: Iterable[float]) -> float:
    """Weight of one kind of link from its supporting reports' values."""
    return TYPE_WEIGHTS.get(kind, 0.3) * noisy_or(ref_values)


def counted_weight(kind: str, ref_values: Iterable[float], count: float) -> float:
    """Weight of counted contact: type weight x the best report's value x the count.

    >>> counted_weight("phone_contact", [0.5, 1.0], 10)
    5.0
    """
    best = max((max(0.0, min(1.0, v)) for v in ref_values), default=0.0)
    return TYPE_WEIGHTS.get(kind, 0.3) * best * max(0.0, float(count))
