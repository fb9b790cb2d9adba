"""Fragmentation of the offender network: what removing suspects does to it as a whole.

Beside the suspect–victim connections (:mod:`.disruption`), a disruption plan is judged on
the network itself (Montagna et al. 2023, Duijn et al. 2014): after removing people,

- ``lcc_fraction``: the largest connected part of the offender network, as a share of the
  offenders before any removal (1.0: still one piece; it only falls as people are removed);
- ``components``: the number of connected parts of what is left;
- ``efficiency``: global efficiency (Latora & Marchiori), the mean of ``1 / d`` over ordered
  pairs of offenders, ``d`` in links (hops), over the pairs of the network *before* removal,
  so a removal never raises it (``nx.global_efficiency`` of what is left, rescaled).

The offender network is the person graph restricted to suspects (those exploited into
offending included: they relay the network, though they are never removed), links of weight
> 0 (:func:`~graphintel.analysis.offenders.offender_graph`).

:func:`sequential_removal` removes, one at a time, the suspect with the highest weighted
betweenness in the offender network that is left (distance 1 / weight, :mod:`.measures`),
recomputing after each removal; only unprotected suspects are removed (children and victims
never are, :mod:`.safeguarding`). Ties go to the smaller uid.

Graph in, numbers out; deterministic for a seed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import networkx as nx

from graphintel.analysis.measures import DEFAULT_EXACT_MAX_NODES, betweenness
from graphintel.analysis.offenders import offender_graph

__all__ = ["Fragmentation", "fragmentation", "nothing_to_cut", "sequential_removal"]


@dataclass(frozen=True)
class Fragmentation:
    """The offender network after removing ``removed`` (see the module docstring)."""

    removed: tuple[str, ...]
    offenders: int
    lcc_fraction: float
    components: int
    efficiency: float
    #: The last person removed (the order of a sequential removal), "" for none.
    removed_last: str = ""

    def as_dict(self) -> dict[str, object]:
        return {"removed": list(self.removed), "offenders": self.offenders,
                "lcc_fraction": round(self.lcc_fraction, 6), "components": self.components,
                "efficiency": round(self.efficiency, 6)}


def fragmentation(H: nx.Graph, removed: Iterable[str] = (), *, last: str = "") -> Fragmentation:
    """LCC fraction, components and efficiency of ``H`` without ``removed``.

    >>> H = nx.relabel_nodes(nx.path_graph(5), str)
    >>> f = fragmentation(H, ["2"])
    >>> f.lcc_fraction, f.components, round(f.efficiency, 3)
    (0.4, 2, 0.2)
    """
    gone = tuple(sorted(set(removed) & set(H)))
    n = H.number_of_nodes()
    left = H.subgraph(set(H) - set(gone))
    m = left.number_of_nodes()
    parts = list(nx.connected_components(left)) if m else []
    lcc = max((len(p) for p in parts), default=0)
    eff = nx.global_efficiency(left) * m * (m - 1) / (n * (n - 1)) if m > 1 else 0.0
    return Fragmentation(gone, n, lcc / n if n else 0.0, len(parts), eff, last)


def sequential_removal(H: nx.Graph, steps: int, *, candidates: Collection[str] | None = None,
                       seed: int = 0,
                       exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES) -> list[Fragmentation]:
    """Remove the highest-betweenness candidate ``steps`` times, recomputing betweenness on
    what is left each time; the state after each removal (cumulative). Stops early when no
    candidate is left. ``candidates`` None: everyone in ``H``.

    >>> H = nx.relabel_nodes(nx.path_graph(5), str)
    >>> [(f.removed, f.lcc_fraction) for f in sequential_removal(H, 2)]
    [(('2',), 0.4), (('0', '2'), 0.4)]
    """
    allowed = set(H) if candidates is None else set(candidates) & set(H)
    left = H.copy()
    removed: list[str] = []
    out: list[Fragmentation] = []
    for _ in range(steps):
        pool = sorted(allowed & set(left))
        if not pool:
            break
        bc = betweenness(left, seed=seed, exact_max_nodes=exact_max_nodes)
        pick = min(pool, key=lambda n: (-round(bc.get(n, 0.0), 12), n))
        removed.append(pick)
        left.remove_node(pick)
        out.append(fragmentation(H, removed, last=pick))
    return out


def nothing_to_cut(G: nx.Graph, suspects: Collection[str], targetable: Collection[str],
                   at_risk: Collection[str]) -> str | None:
    """Why there is nothing to cut, or None when there is.

    >>> G = nx.Graph([("a", "b")])
    >>> nothing_to_cut(G, [], [], ["b"])
    'no suspects in the graph: nobody to remove'
    """
    if not suspects:
        return "no suspects in the graph: nobody to remove"
    if not targetable:
        return ("every suspect is a child or a victim (safeguarded, never removed): "
                "nobody to remove")
    if not at_risk:
        return ("no victims or children in the graph: no suspect–victim connection to cut "
                "(the offender network's fragmentation is still shown)")
    H = offender_graph(G, suspects)
    if H.number_of_edges() == 0:
        return ("the offender network is already disconnected: no suspect is linked to "
                "another, so no removal splits it")
    return None
