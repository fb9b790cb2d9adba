"""Who provides for whom: the vehicles and premises suspects supply to each other.

Published accounts of grooming networks (Cockbain 2018; the party model of Berelowitz et al.
2012) find that the organiser owns the flat, takeaway or cars the group uses. These pure
functions turn each suspect's ``supplies`` (node attribute from the projection: items with
``type``, ``key``, ``holds`` owner or resident, ``used_by``) into what the ranking needs:

- :func:`own_supplies`: what each person supplies in their own right;
- :func:`suppliers_of`: who provides the vehicles or premises a person uses;
- :func:`led_by`: the offenders a hub appears to lead, less those who provide for them;
- :func:`premises_precedence` and :func:`lift_owners`: owners of premises rank above the
  candidates who use them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import networkx as nx

from graphintel.analysis.offenders import OffenderEffect

__all__ = [
    "control",
    "led_by",
    "lift_owners",
    "own_supplies",
    "premises_precedence",
    "suppliers_of",
]


def premises_precedence(supplies: Mapping[str, Sequence[Mapping[str, object]]],
                        candidates: Collection[str]) -> dict[str, set[str]]:
    """Owner -> the other candidates who use premises the owner owns (``holds`` ``owner``):
    the owner of the flat or takeaway the group uses ranks above each of its users.

    A pair who each use premises the other owns, and people caught in a longer cycle of
    such use, are left unordered (no one of them clearly provides for the others).

    >>> sup = {"o": [{"type": "premises", "holds": "owner", "used_by": ["g", "c"]}],
    ...        "g": [{"type": "vehicle", "holds": "owner", "used_by": ["o"]}]}
    >>> premises_precedence(sup, {"o", "g"})
    {'o': {'g'}}
    """
    cand = set(candidates)
    D = nx.DiGraph()
    for x in sorted(set(supplies) & cand):
        for item in supplies[x]:
            if item.get("type") != "premises" or item.get("holds") != "owner":
                continue
            used_by = item.get("used_by")
            for y in (used_by if isinstance(used_by, list) else ()):
                if y in cand and y != x:
                    D.add_edge(x, y)
    cyclic = {(a, b) for comp in nx.strongly_connected_components(D) if len(comp) > 1
              for a in comp for b in comp}
    out: dict[str, set[str]] = {}
    for x, y in D.edges:
        if (x, y) not in cyclic:
            out.setdefault(x, set()).add(y)
    return dict(sorted(out.items()))


def lift_owners(scores: dict[str, float], above: Mapping[str, set[str]]) -> dict[str, str]:
    """Raise each owner's score (in place) just above the highest of their premises' users
    (users first, so chains hold); returns owner -> the user they were raised above."""
    D = nx.DiGraph([(x, y) for x, ys in above.items() for y in ys])
    raised: dict[str, str] = {}
    for x in reversed(list(nx.lexicographical_topological_sort(D))):
        users = above.get(x)
        if not users:
            continue
        top = max(sorted(users), key=lambda y: scores[y])
        if scores[top] >= scores[x]:
            scores[x] = min(100.0, round(scores[top] + 0.01, 2))
            raised[x] = top
    return raised


def suppliers_of(supplies: Mapping[str, Sequence[Mapping[str, object]]],
                 candidates: Collection[str]) -> dict[str, set[str]]:
    """Person -> the other candidates who supply vehicles or premises that person uses.

    >>> suppliers_of({"o": [{"type": "premises", "used_by": ["g", "c"]}]}, {"o", "g"})
    {'g': {'o'}}
    """
    cand = set(candidates)
    out: dict[str, set[str]] = {}
    for y in sorted(set(supplies) & cand):
        for item in supplies[y]:
            used_by = item.get("used_by")
            for x in (used_by if isinstance(used_by, list) else ()):
                if x in cand and x != y:
                    out.setdefault(x, set()).add(y)
    return out


def led_by(f: OffenderEffect | None, suppliers: Collection[str] = ()) -> list[str]:
    """The offenders in contact with people at risk whom a hub appears to lead: those linked
    to them, less anyone who supplies the vehicles or premises they use (a person does not
    lead the one who provides for them). Empty unless the person is the hub and at least two
    remain.

    >>> f = OffenderEffect("g", 0, 0, 0, 0, controls=("org", "kid"), hub=True)
    >>> led_by(f), led_by(f, {"org"})
    (['kid', 'org'], [])
    """
    if f is None or not f.hub:
        return []
    led = sorted(set(f.controls) - set(suppliers))
    return led if len(led) >= 2 else []


def control(led: Sequence[str], supplies: Sequence[Mapping[str, object]],
             offenders: set[str]) -> float:
    """Offenders in contact with children that a hub leads (:func:`led_by`), plus what the
    person supplies to other offenders (not premises only children are seen at: that is
    hosting)."""
    given = 0
    for s in supplies:
        used_by = s.get("used_by")
        if isinstance(used_by, list) and any(u in offenders for u in used_by):
            given += 1
    return float(len(led) + given)


def own_supplies(supplies: Mapping[str, Sequence[Mapping[str, object]]],
                 offenders: Collection[str]) -> dict[str, list[Mapping[str, object]]]:
    """What each person supplies in their own right: everything they supply except premises
    they only live at (``holds`` ``resident``) that one of ``offenders`` owns. The owner of
    a flat supplies it, as the owner of a car supplies the car its driver drives; an offender
    who lives in another offender's flat hosts there on the owner's behalf (still a host,
    :func:`_hosted`), and is not credited with supplying it.

    >>> sup = {"org": [{"type": "premises", "key": "L1", "holds": "owner", "used_by": ["r"]}],
    ...        "host": [{"type": "premises", "key": "L1", "holds": "resident",
    ...                  "used_by": ["r"]},
    ...                 {"type": "premises", "key": "L2", "holds": "resident",
    ...                  "used_by": ["r"]}]}
    >>> [s["key"] for s in own_supplies(sup, {"org", "host", "r"})["host"]]
    ['L2']
    >>> [s["key"] for s in own_supplies(sup, {"host", "r"})["host"]]
    ['L1', 'L2']
    """
    owners: dict[object, set[str]] = {}
    for x in sorted(set(offenders) & set(supplies)):
        for s in supplies[x]:
            if s.get("type") == "premises" and s.get("holds") == "owner":
                owners.setdefault(s.get("key"), set()).add(x)
    return {x: [s for s in items
                if not (s.get("type") == "premises" and s.get("holds") == "resident"
                        and owners.get(s.get("key"), set()) - {x})]
            for x, items in supplies.items()}
