"""The weights of the disruption score's parts: the defaults, and an analyst's own.

:func:`~graphintel.analysis.disruption.score_targets` adds six parts, each 0..1, in these
proportions. An analyst may change some of them for a run (``graphintel analyse
--score-weights contact=0.3``), e.g. to see how much a ranking owes to one part; the run
records the weights it used. Children and victims are never scored whatever the weights.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from graphintel.errors import ConfigError

__all__ = ["DEFAULT_WEIGHTS", "changed_weights", "parse_score_weights", "resolve_weights",
           "weights_problem"]

#: Weights of the parts of the disruption score (they need not sum to 1). Set once from the
#: literature's account of what matters (reach to children through the network, then damage
#: to the network; then the three roles it names, each weighted alike: control and supply,
#: brokerage, direct grooming contact) and never tuned to one data set.
DEFAULT_WEIGHTS: dict[str, float] = {
    "reach": 0.35, "network": 0.25, "control": 0.15, "brokerage": 0.15, "contact": 0.15,
    "centrality": 0.10,
}


#: The largest weight taken: weights are proportions, and far larger ones overflow the sum.
MAX_WEIGHT = 1000.0


def weights_problem(weights: Mapping[str, float] | None) -> str | None:
    """Why ``weights`` (overrides of some of :data:`DEFAULT_WEIGHTS`) cannot score, or None.

    >>> weights_problem({"contact": 0.3}) is None
    True
    >>> print(weights_problem({"degree": 1.0}))
    unknown score part: degree (the parts are brokerage, centrality, contact, control,
    network, reach)
    >>> weights_problem({"reach": -1.0})
    'the weight of reach is -1.0: a weight is a number of 0 or more'
    >>> weights_problem({"reach": 1e308})
    'the weight of reach is 1e+308: a weight is a number from 0 to 1000 (they are proportions)'
    >>> weights_problem({p: 0.0 for p in DEFAULT_WEIGHTS})
    'the weights add up to 0: give at least one part a weight above 0'
    """
    given = dict(weights or {})
    unknown = sorted(set(given) - set(DEFAULT_WEIGHTS))
    if unknown:
        return (f"unknown score part: {', '.join(unknown)} (the parts are "
                f"{', '.join(sorted(DEFAULT_WEIGHTS))})")
    for part, value in sorted(given.items()):
        if isinstance(value, bool) or not isinstance(value, (int, float)) \
                or not math.isfinite(value) or value < 0:
            return f"the weight of {part} is {value}: a weight is a number of 0 or more"
        if value > MAX_WEIGHT:
            return (f"the weight of {part} is {value}: a weight is a number from 0 to "
                    f"{MAX_WEIGHT:g} (they are proportions)")
    if sum({**DEFAULT_WEIGHTS, **given}.values()) <= 0:
        return "the weights add up to 0: give at least one part a weight above 0"
    return None


def resolve_weights(weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """:data:`DEFAULT_WEIGHTS` with ``weights`` put over them; ValueError when unusable.

    >>> resolve_weights({"contact": 0.3})["contact"], resolve_weights()["reach"]
    (0.3, 0.35)
    """
    why = weights_problem(weights)
    if why:
        raise ValueError(why)
    return {**DEFAULT_WEIGHTS, **{p: float(v) for p, v in (weights or {}).items()}}


def parse_score_weights(text: str | None, where: str = "--score-weights") -> dict[str, float]:
    """``"contact=0.3, reach=0"`` as weights; :class:`ConfigError` (what, where, fix) for an
    item that is not ``part=number`` or weights :func:`weights_problem` refuses.

    >>> parse_score_weights("contact=0.3, reach=0")
    {'contact': 0.3, 'reach': 0.0}
    >>> parse_score_weights(None)
    {}
    """
    out: dict[str, float] = {}
    fix = "give part=number pairs, e.g. contact=0.3,reach=0.35"
    for item in (text or "").split(","):
        if not item.strip():
            continue
        part, sep, number = (s.strip() for s in item.partition("="))
        try:
            value = float(number) if sep else None
        except ValueError:
            value = None
        if value is None:
            raise ConfigError(f"{item.strip()!r} is not part=number", where, fix)
        out[part] = value
    why = weights_problem(out)
    if why:
        raise ConfigError(why, where, fix)
    return out


def changed_weights(weights: Mapping[str, float] | None, *,
                    defaults: bool = True) -> str | None:
    """The weights that differ from :data:`DEFAULT_WEIGHTS`, in words (each with its default
    unless ``defaults`` is False), or None (a run stored before runs recorded their weights
    used the defaults).

    >>> changed_weights({**DEFAULT_WEIGHTS, "contact": 0.3, "reach": 0.0})
    'contact 0.3 (default 0.15), reach 0 (default 0.35)'
    >>> changed_weights({"contact": 0.3, "reach": 0.0}, defaults=False)
    'contact 0.3, reach 0'
    >>> changed_weights(DEFAULT_WEIGHTS) is None, changed_weights(None) is None
    (True, True)
    """
    differ = [f"{part} {float(w):g}" + (f" (default {DEFAULT_WEIGHTS[part]:g})"
                                        if defaults else "")
              for part, w in sorted((weights or {}).items())
              if part in DEFAULT_WEIGHTS and float(w) != DEFAULT_WEIGHTS[part]]
    return ", ".join(differ) or None
