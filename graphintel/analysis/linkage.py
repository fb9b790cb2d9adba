"""Victim linkage: which children are within k links of each suspect, and by what evidence.

A child is *linked to* a suspect only with evidence of contact between the two: a link of a
contact kind (:data:`~graphintel.analysis.weights.CONTACT_KINDS`: exploitation, association,
together at an event, place or in a vehicle, calls, messages). Children reachable only through
someone else, or through a shared address such as a children's home, are in the suspect's
network with no direct evidence (``contact`` False), with the path: every name on a target's
list of linked children is a claim to a meeting, so precision matters as much as recall.

"Which suspects are within 2 links of this child?" is the question a network meeting asks
first. :func:`victim_links` answers it for every suspect at once, with one shortest path per
(suspect, child) pair, chosen deterministically, and :func:`evidence_path` turns a path into
the reports behind each hop.

Strength of a path: each link counts ``min(1, weight / weight_scale)`` where ``weight_scale``
defaults to the largest link weight in the graph (so the strongest link is 1.0), and the path
strength is the product over its links. A product, not the minimum, because every extra
uncertain hop makes the connection less certain, and it keeps the "strongest path" choice
exact with a simple layer-by-layer search.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphintel.analysis.weights import CONTACT_KINDS

__all__ = [
    "VictimLink",
    "edge_strengths",
    "evidence_path",
    "is_suspect",
    "is_victim",
    "suspects",
    "suspects_of_victims",
    "victim_links",
    "victims",
]

# Path strengths are compared after rounding, so that the same product computed in a
# different order never decides a tie.
_DIGITS = 12


@dataclass(frozen=True)
class VictimLink:
    """A suspect within ``distance`` links of a victim, along ``path`` (suspect ... victim).

    ``strength`` is the product of the normalised link weights along the path (0..1);
    ``direct_exploitation`` is True when suspect and victim share a link flagged
    ``exploits`` (then ``distance`` is 1); ``contact`` when they share a link of a contact
    kind (direct evidence of contact); ``child`` when the victim is a child (else an adult
    victim).
    """

    suspect: str
    victim: str
    distance: int
    path: tuple[str, ...]
    strength: float
    direct_exploitation: bool
    contact: bool = False
    child: bool = True


def _roles(G: nx.Graph, node: str) -> Iterable[str]:
    return G.nodes[node].get("roles") or ()


def is_suspect(G: nx.Graph, node: str) -> bool:
    """True when "suspect" is among the person's roles."""
    return "suspect" in _roles(G, node)


def is_victim(G: nx.Graph, node: str) -> bool:
    """True when "victim" is among the person's roles (a child at risk)."""
    return "victim" in _roles(G, node)


def suspects(G: nx.Graph) -> list[str]:
    """Sorted keys of the suspects."""
    return sorted(n for n in G.nodes if is_suspect(G, n))


def victims(G: nx.Graph) -> list[str]:
    """Sorted keys of the victims."""
    return sorted(n for n in G.nodes if is_victim(G, n))


def edge_strengths(G: nx.Graph, weight_scale: float | None = None) -> dict[tuple[str, str], float]:
    """Normalised strength 0..1 of every link, keyed both ways round.

    >>> G = nx.Graph([("a", "b", {"weight": 4.0}), ("b", "c", {"weight": 1.0})])
    >>> edge_strengths(G)[("c", "b")]
    0.25
    """
    scale = weight_scale
    if scale is None:
        scale = max((float(w) for _, _, w in G.edges(data="weight", default=1.0)), default=1.0)
    if not scale > 0:
        raise ValueError(f"weight_scale must be > 0, got {weight_scale!r}")
    out: dict[tuple[str, str], float] = {}
    for u, v, w in G.edges(data="weight", default=1.0):
        s = min(1.0, float(w) / scale)
        out[(u, v)] = s
        out[(v, u)] = s
    return out


_Best = dict[str, tuple[float, tuple[str, ...]]]


def _best_paths(G: nx.Graph, source: str, k: int,
                strength: Mapping[tuple[str, str], float]) -> _Best:
    """Every node within k hops of source -> (strength, path) of its chosen shortest path.

    Layer by layer: a node's path extends the chosen path of one of its predecessors in the
    previous layer, maximising strength, then taking the smallest path tuple. Because the
    product is monotone this is the optimum over all shortest paths.
    """
    best: _Best = {source: (1.0, (source,))}
    layer = [source]
    for _ in range(k):
        reached: _Best = {}
        for u in layer:
            su, pu = best[u]
            for v in G[u]:
                if v in best:
                    continue
                cand = (su * strength[(u, v)], pu + (v,))
                old = reached.get(v)
                if old is None or (-round(cand[0], _DIGITS), cand[1]) < (
                        -round(old[0], _DIGITS), old[1]):
                    reached[v] = cand
        if not reached:
            break
        best.update(reached)
        layer = sorted(reached)
    return best


def victim_links(G: nx.Graph, *, k: int = 2, weight_scale: float | None = None,
                 at_risk: Collection[str] | None = None,
                 children: Collection[str] | None = None,
                 of: Iterable[str] | None = None) -> dict[str, list[VictimLink]]:
    """For every suspect (or each of ``of``), the people at risk within ``k`` links.

    ``at_risk`` defaults to the victims; ``children`` (default: all of ``at_risk``) says who
    is a child. One path per pair: fewest links, then the strongest (see module docstring),
    then the lexicographically smallest sequence of keys. A suspect is not linked to
    themselves. Lists are sorted by (not contact, distance, -strength, victim): direct
    evidence first; every suspect has an entry, possibly empty.

    >>> G = nx.Graph()
    >>> G.add_node("s", roles=["suspect"]); G.add_node("a", roles=["associate"])
    >>> G.add_node("v", roles=["victim"])
    >>> G.add_edge("s", "a", weight=1.0); G.add_edge("a", "v", weight=0.5)
    >>> [(l.victim, l.distance, l.path, l.strength) for l in victim_links(G)["s"]]
    [('v', 2, ('s', 'a', 'v'), 0.5)]
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    strength = edge_strengths(G, weight_scale)
    victim_set = set(victims(G) if at_risk is None else at_risk)
    child_set = victim_set if children is None else set(children)
    out: dict[str, list[VictimLink]] = {}
    for s in suspects(G) if of is None else sorted(set(of) & set(G)):
        best = _best_paths(G, s, k, strength)
        links = []
        for v, (st, path) in best.items():
            if v == s or v not in victim_set:
                continue
            d = len(path) - 1
            direct = d == 1 and bool(G.edges[s, v].get("exploits"))
            contact = d == 1 and bool(CONTACT_KINDS.intersection(G.edges[s, v].get("kinds")
                                                                 or ()))
            links.append(VictimLink(s, v, d, path, round(st, _DIGITS), direct, contact,
                                    v in child_set))
        links.sort(key=lambda lk: (not lk.contact, lk.distance, -lk.strength, lk.victim))
        out[s] = links
    return out


def suspects_of_victims(links: Mapping[str, Iterable[VictimLink]]) -> dict[str, list[VictimLink]]:
    """The inverse of :func:`victim_links`: victim -> links to their suspects, sorted by
    (distance, -strength, suspect).

    >>> lk = VictimLink("s", "v", 1, ("s", "v"), 1.0, True)
    >>> suspects_of_victims({"s": [lk]})["v"][0].suspect
    's'
    """
    out: dict[str, list[VictimLink]] = {}
    for items in links.values():
        for lk in items:
            out.setdefault(lk.victim, []).append(lk)
    return {v: sorted(ls, key=lambda lk: (lk.distance, -lk.strength, lk.suspect))
            for v, ls in sorted(out.items())}


def evidence_path(G: nx.Graph, path: Iterable[str]) -> list[dict[str, Any]]:
    """The evidence behind each link of a path: kinds, shared entities, reports, grading,
    and (``rows``) the rows of file-wide reports it rests on, when there are any.

    >>> G = nx.Graph()
    >>> G.add_edge("s", "v", kinds=["EXPLOITS"], via=[], refs=["IR/1"], grading="2BP")
    >>> evidence_path(G, ("s", "v"))
    [{'from': 's', 'to': 'v', 'kinds': ['EXPLOITS'], 'via': [], 'refs': ['IR/1'], 'grading': '2BP'}]
    """
    nodes = list(path)
    hops = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        if not G.has_edge(u, v):
            raise ValueError(f"no link between {u!r} and {v!r}")
        data = G.edges[u, v]
        hops.append({
            "from": u,
            "to": v,
            "kinds": list(data.get("kinds") or []),
            "via": [dict(x) for x in data.get("via") or []],
            "refs": list(data.get("refs") or []),
            "grading": data.get("grading"),
            **({"rows": list(data["rows"])} if data.get("rows") else {}),
        })
    return hops
