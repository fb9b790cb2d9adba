"""The offender network: what removing one offender does to its reach to children and to itself.

Published studies of UK grooming and trafficking networks (Cockbain et al. 2011, 2018) and of
the CAVIAR importation network (Morselli 2009) find that the people who organise are rarely the
ones with the most direct contact with victims: they are the common contact of the recruiters,
supply the vehicles, phones and premises others use, and broker between groups. Counting the
children near a suspect ranks recruiters first; what matters for disruption is the damage that
removing a person does to the *network's* ability to reach children, and to the network itself.

Definitions (distance of a link = 1 / weight, as in :mod:`.measures`):

- the *offender graph* is the person graph restricted to suspects (children exploited into
  offending included: they relay the network's reach, though they are never targets);
- *contact* is a link of a contact kind (:data:`~graphintel.analysis.weights.CONTACT_KINDS`)
  between an offender and a person at risk (a child or a victim);
- the *reach* of offender ``a`` to person ``c`` is ``1 / (d(a, b) + 1 / w(b, c))`` minimised over
  the offenders ``b`` in contact with ``c`` (``d`` the offender-graph distance): how close the
  network brings ``a`` to ``c``; the network's reach is the sum over all pairs;
- :func:`offender_effects` gives, for each candidate ``x``, ``reach_lost`` (network reach before
  minus after removing ``x``, ``x``'s own reach included), ``fragmentation`` (the drop in the sum
  of ``1 / d`` over pairs of *other* offenders, Borgatti's distance-weighted fragmentation),
  ``offenders_split`` (pairs of other offenders left with no path), the offenders in contact
  with children who are linked to ``x`` (``controls``) and the at-risk people whose only
  offender contact is ``x``.

Exact within each connected part of the offender graph up to ``ball_size`` offenders; in larger
parts each candidate is evaluated on its ``ball_size`` nearest offenders (``exact`` False).
Graph in, numbers out; deterministic.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from graphintel.analysis.weights import CONTACT_KINDS

__all__ = [
    "OffenderEffect",
    "contacts",
    "nearest",
    "offender_effects",
    "offender_graph",
]

DEFAULT_BALL_SIZE = 150


@dataclass(frozen=True)
class OffenderEffect:
    """What removing one offender does (see the module docstring)."""

    person: str
    reach_lost: float
    own_reach: float
    fragmentation: float
    offenders_split: int
    controls: tuple[str, ...] = field(default_factory=tuple)
    sole_contact_of: tuple[str, ...] = field(default_factory=tuple)
    exact: bool = True
    #: At least two of ``controls`` and no offender linked to them controls more: the
    #: common contact of the people who reach children.
    hub: bool = False
    #: The whole reach of the part of the offender network the person is in, before removal.
    network_reach: float = 0.0
    #: Offenders in that part (the person included; the ball's size where not ``exact``).
    part_size: int = 0


def _w(value: object) -> float:
    return 1.0 if value is None else float(value)  # type: ignore[arg-type]


def contacts(G: nx.Graph, offenders: Collection[str],
             at_risk: Collection[str]) -> dict[str, dict[str, float]]:
    """Offender -> {person at risk: link weight} for links of a contact kind.

    >>> G = nx.Graph()
    >>> G.add_edge("s", "c", kinds=["ASSOCIATE_OF"], weight=0.5)
    >>> G.add_edge("s", "k", kinds=["shared_address"], weight=0.6)
    >>> contacts(G, {"s"}, {"c", "k"})
    {'s': {'c': 0.5}}
    """
    risk = set(at_risk)
    out: dict[str, dict[str, float]] = {}
    for s in sorted(set(offenders) & set(G)):
        for c in sorted(G[s]):
            data = G.edges[s, c]
            if c != s and c in risk and CONTACT_KINDS.intersection(data.get("kinds") or ()):
                w = _w(data.get("weight"))
                if w > 0:
                    out.setdefault(s, {})[c] = w
    return out


def offender_graph(G: nx.Graph, offenders: Iterable[str]) -> nx.Graph:
    """The person graph restricted to ``offenders`` (links of weight > 0 only).

    >>> G = nx.Graph([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 0.0})])
    >>> sorted(offender_graph(G, ["a", "b", "c"]).edges())
    [('a', 'b')]
    """
    keep = set(offenders) & set(G)
    H = nx.Graph()
    H.add_nodes_from(sorted(keep))
    H.add_weighted_edges_from(sorted(
        (min(u, v), max(u, v), _w(w)) for u, v, w in G.subgraph(keep).edges(data="weight")
        if u != v and _w(w) > 0))
    return H


def _lengths(nodes: list[str], OG: nx.Graph) -> sp.csr_array:
    """The link lengths (1 / weight) among ``nodes``, indexed by position in ``nodes``."""
    index = {n: i for i, n in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    data: list[float] = []
    for u, v, w in OG.subgraph(nodes).edges(data="weight"):
        rows += (index[u], index[v])
        cols += (index[v], index[u])
        data += (1.0 / w, 1.0 / w)
    return sp.csr_array((data, (rows, cols)), shape=(len(nodes), len(nodes)))


def _distances(A: sp.csr_array) -> np.ndarray:
    return np.asarray(dijkstra(A, directed=True), dtype=float)


def _reach(D: np.ndarray, M: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Reach matrix (offender x person at risk) of the offenders in ``keep``."""
    s, m = M.shape
    R = np.full((s, m), np.inf)
    for b in np.flatnonzero(keep & np.isfinite(M).any(axis=1)):
        np.minimum(R, D[:, b:b + 1] + M[b][None, :], out=R)
    R[~keep] = np.inf
    with np.errstate(divide="ignore"):
        out: np.ndarray = np.where(np.isfinite(R) & (R > 0), 1.0 / R, 0.0)
    return out


def _efficiency(D: np.ndarray, keep: np.ndarray) -> tuple[float, int]:
    sub = D[np.ix_(keep, keep)]
    with np.errstate(divide="ignore"):
        inv = np.where(np.isfinite(sub) & (sub > 0), 1.0 / sub, 0.0)
    connected = int((np.isfinite(sub).sum() - len(sub)) // 2)
    return float(inv.sum() / 2), connected


def _solve(nodes: list[str], OG: nx.Graph, touch: dict[str, dict[str, float]],
           targets: list[str], exact: bool,
           in_contact: Counter[str]) -> dict[str, OffenderEffect]:
    children = sorted({c for b in nodes for c in touch.get(b, {})})
    col = {c: j for j, c in enumerate(children)}
    s, m = len(nodes), len(children)
    M = np.full((s, m), np.inf)
    for i, b in enumerate(nodes):
        for c, w in touch.get(b, {}).items():
            M[i, col[c]] = 1.0 / w
    self_child = np.zeros((s, m), dtype=bool)
    for i, b in enumerate(nodes):
        if b in col:
            self_child[i, col[b]] = True
    A = _lengths(nodes, OG)
    D = _distances(A)
    everyone = np.ones(s, dtype=bool)
    R0 = np.where(self_child, 0.0, _reach(D, M, everyone))
    eff0, conn0 = _efficiency(D, everyone)
    index = {n: i for i, n in enumerate(nodes)}
    out: dict[str, OffenderEffect] = {}
    for x in targets:
        i = index[x]
        keep = everyone.copy()
        keep[i] = False
        Dx = np.full((s, s), np.inf)
        if s > 1:  # the others' distances without x: x's row and column taken out
            Dx[np.ix_(keep, keep)] = _distances(A[keep][:, keep])
        R1 = np.where(self_child, 0.0, _reach(Dx, M, keep))
        row = D[i]
        with np.errstate(divide="ignore"):
            own_eff = float(np.where(np.isfinite(row) & (row > 0), 1.0 / row, 0.0).sum())
        eff1, conn1 = _efficiency(Dx, keep)
        conn_without = conn0 - int(np.isfinite(row).sum() - 1)
        sole = sorted(c for c in touch.get(x, {}) if in_contact[c] == 1)
        controls = tuple(sorted(b for b in OG[x] if touch.get(b) and b != x))
        around = max((sum(1 for c in OG[b] if touch.get(c) and c != b) for b in OG[x]
                      if b in index), default=0)
        out[x] = OffenderEffect(
            person=x,
            reach_lost=round(float(R0.sum() - R1.sum()), 9),
            own_reach=round(float(R0[i].sum()), 9),
            fragmentation=round(max(0.0, eff0 - own_eff - eff1), 9),
            offenders_split=max(0, conn_without - conn1),
            controls=controls,
            sole_contact_of=tuple(sole),
            exact=exact,
            network_reach=round(float(R0.sum()), 9),
            part_size=s,
            hub=len(controls) >= 2 and len(controls) >= around,
        )
    return out


def offender_effects(G: nx.Graph, offenders: Collection[str], at_risk: Collection[str],
                     candidates: Iterable[str] | None = None, *,
                     ball_size: int = DEFAULT_BALL_SIZE) -> dict[str, OffenderEffect]:
    """Effect of removing each candidate (default: every offender), one at a time.

    >>> G = nx.Graph()
    >>> for r, kids in (("r1", ["c1", "c2"]), ("r2", ["c3", "c4"])):
    ...     G.add_edge("org", r, kinds=["phone_contact"], weight=1.0)
    ...     for c in kids:
    ...         G.add_edge(r, c, kinds=["EXPLOITS"], weight=1.0)
    >>> fx = offender_effects(G, {"org", "r1", "r2"}, {"c1", "c2", "c3", "c4"})
    >>> fx["org"].offenders_split, fx["r1"].offenders_split, fx["org"].controls
    (1, 0, ('r1', 'r2'))
    >>> fx["org"].fragmentation > fx["r1"].fragmentation
    True
    """
    OG = offender_graph(G, offenders)
    touch = contacts(G, OG.nodes, at_risk)
    # over the whole offender graph: a child in contact with offenders of two parts has
    # another offender contact, whichever part is solved
    in_contact = Counter(c for b in touch for c in touch[b])
    wanted = set(OG) if candidates is None else set(candidates) & set(OG)
    out: dict[str, OffenderEffect] = {}
    for part in sorted((sorted(c) for c in nx.connected_components(OG)), key=lambda c: c[0]):
        targets = [x for x in part if x in wanted]
        if not targets:
            continue
        if len(part) <= ball_size:
            out.update(_solve(part, OG, touch, targets, exact=True, in_contact=in_contact))
            continue
        for x in targets:
            out.update(_solve(nearest(OG, x, ball_size), OG, touch, [x], exact=False,
                               in_contact=in_contact))
    return dict(sorted(out.items()))


def nearest(OG: nx.Graph, source: str, size: int) -> list[str]:
    """The ``size`` offenders nearest ``source`` (distance = 1 / weight; ties by key), the
    source included, sorted by key. Dijkstra stops once they are settled, so the cost
    depends on ``size``, not on the size of the connected part.

    >>> OG = nx.Graph([("a", "b", {"weight": 1.0}), ("b", "c", {"weight": 1.0}),
    ...                ("a", "d", {"weight": 0.25})])
    >>> nearest(OG, "a", 2), nearest(OG, "a", 3), nearest(OG, "a", 9)
    (['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'c', 'd'])
    """
    done: dict[str, float] = {}
    best = {source: 0.0}
    heap = [(0.0, source)]
    while heap and len(done) < size:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done[u] = d
        for v, data in OG[u].items():
            if v in done:
                continue
            nd = d + 1.0 / _w(data.get("weight"))
            if nd < best.get(v, math.inf):
                best[v] = nd
                heapq.heappush(heap, (nd, v))
    return sorted(done)
