"""How much a link between two people weighs: link type, grading, corroboration, recency.

Each supporting report contributes ``strength x recency``: its 3x5x2 grading strength
(1A = 1.0 ... intelligence graded E = 0.0, so suspected-false intelligence never
strengthens a link) halved every ``half_life_days`` before the analysis date.
Independent reports corroborate: they combine as a noisy-OR (``1 - prod(1 - s)``), so
more reports approach but never exceed 1. The link type scales the result.

Counted contact (calls between phones, messages between accounts, meetings reported with a
``count``) is a tie *strength* that grows with the number of contacts: its part is
``type weight x best (strength x recency) x curve(count)``. Path-based measures use
distance = 1 / weight. The curve is chosen per link kind (:data:`COUNT_CURVES`, overridden by
``ProjectionParams.count_curves``); every curve gives 1 for one contact:

- ``linear``: ``count``. The default for calls and messages, which come from call data or
  device downloads and are measured totals: two people who spoke 300 times are ten times as
  close as two who spoke 30 times, the definition behind the published CAVIAR measures
  (Morselli; distance = 1 / calls), which graphintel reproduces.
- ``saturating:H``: ``count x (1 + H) / (count + H)``, rising almost linearly for small
  counts and levelling off at ``1 + H`` (half way at ``H`` contacts). The default (``H`` = 10)
  for counts written into intelligence reports ("seen together about 20 times"): an
  officer's estimate, where the difference between 40 and 400 says little more than "often",
  and where one large number must not outweigh every other piece of evidence.
- ``log``: ``log2(1 + count)``, between the two, for analysts who want diminishing returns
  on call data too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date

from graphintel.analysis.timewindow import day_of

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
    day = day_of(when) if when else None
    if day is None:
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


#: Count curve per link kind (see the module docstring); kinds not named use ``default``.
COUNT_CURVES: dict[str, str] = {
    "phone_contact": "linear",
    "account_contact": "linear",
    "default": "saturating:10",
}


#: Link kinds a count curve may be given for.
CURVE_KINDS: frozenset[str] = frozenset(TYPE_WEIGHTS) | {"default"}


def parse_count_curves(text: str | None) -> dict[str, str]:
    """``"phone_contact=log,default=saturating:5"`` as a mapping (not yet checked).

    >>> parse_count_curves("phone_contact=log, default=saturating:5")
    {'phone_contact': 'log', 'default': 'saturating:5'}
    """
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        kind, sep, spec = item.strip().partition("=")
        if item.strip():
            out[kind.strip()] = spec.strip() if sep else ""
    return out


def check_curve(spec: str) -> str | None:
    """Why ``spec`` is not a count curve, or None when it is one.

    >>> check_curve("saturating:5") is None, check_curve("cubic")
    (True, "unknown count curve 'cubic': use linear, log or saturating:H (H > 0)")
    """
    name, _, arg = spec.partition(":")
    if name in ("linear", "log") and not arg:
        return None
    if name == "saturating":
        try:
            if float(arg) > 0:
                return None
        except ValueError:
            pass
    return f"unknown count curve {spec!r}: use linear, log or saturating:H (H > 0)"


def curve_value(spec: str, count: float) -> float:
    """``count`` contacts on the curve ``spec``; 1 contact is 1 on every curve.

    >>> curve_value("linear", 30), curve_value("log", 1), curve_value("saturating:10", 1)
    (30.0, 1.0, 1.0)
    >>> round(curve_value("saturating:10", 10), 2), round(curve_value("saturating:10", 1e9), 2)
    (5.5, 11.0)
    """
    c = max(0.0, float(count))
    name, _, arg = spec.partition(":")
    if name == "log":
        return math.log2(1.0 + c)
    if name == "saturating":
        h = float(arg)
        return c * (1.0 + h) / (c + h)
    if name == "linear":
        return c
    raise ValueError(check_curve(spec) or spec)


def curve_for(kind: str, overrides: Mapping[str, str] | None = None) -> str:
    """The count curve of ``kind``: the override, else :data:`COUNT_CURVES`, else default."""
    table = {**COUNT_CURVES, **(overrides or {})}
    return table.get(kind, table["default"])


def counted_weight(kind: str, ref_values: Iterable[float], count: float,
                   curves: Mapping[str, str] | None = None) -> float:
    """Weight of counted contact: type weight x the best report's value x curve(count).

    >>> counted_weight("phone_contact", [0.5, 1.0], 10)
    5.0
    >>> round(counted_weight("ASSOCIATE_OF", [1.0], 10), 2)
    3.85
    """
    best = max((max(0.0, min(1.0, v)) for v in ref_values), default=0.0)
    return TYPE_WEIGHTS.get(kind, 0.3) * best * curve_value(curve_for(kind, curves), count)
