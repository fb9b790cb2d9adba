"""Communities ("networks") of the projected person graph.

A network meeting talks about *networks*: groups of people more tightly linked to each other
than to everybody else. They are found by maximising modularity on the link weights, then
numbered and labelled in a stable way so that "Network 3" means the same group every time the
same graph is analysed.

Below :data:`FAST_MIN_NODES` people the partition is networkx's Louvain (the reference);
from there on it is igraph's Leiden (modularity objective, seeded, :data:`LEIDEN_ITERATIONS`
passes) when igraph is installed, built straight from the sorted link list. Measured in one
run on the benchmark's person graphs: 0.61 s -> 0.17 s at 2,000 people (modularity 0.862 ->
0.877) and 1.9 s -> 0.33 s at 4,269 (0.879 -> 0.890). igraph's own Louvain (multilevel) is
faster still at small sizes but found lower modularity (0.859 at 2,000 people), so it is not
used.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from graphintel.analysis.engine import FAST_MIN_NODES, fast_engine

__all__ = [
    "FAST_MIN_NODES",
    "Community",
    "CommunityGraph",
    "CommunityLink",
    "community_graph",
    "community_links",
    "detect_communities",
    "display_name",
    "members_by_id",
    "membership",
]

#: From this many people communities come from igraph's Leiden (when installed).

#: (network a, network b, sole): a person links networks a < b; ``sole`` when, without the
#: person, nothing else links the two.
CommunityLink = tuple[int, int, bool]


@dataclass
class Community:
    """One network: ``id`` 1..n (1 = largest), a readable ``label`` and sorted ``members``."""

    id: int
    label: str
    members: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.members)


def display_name(G: nx.Graph, node: str) -> str:
    """The person's name as shown on an agenda: forenames as given, SURNAME upper case.

    Falls back to the node key when the person has no name.

    >>> G = nx.Graph()
    >>> G.add_node("ref:N1", name="Jordan Smith")
    >>> display_name(G, "ref:N1")
    'Jordan SMITH'
    """
    name = str(G.nodes[node].get("name") or "").split()
    if not name:
        return str(node)
    if len(name) == 1:
        return name[0].upper()
    return " ".join([*name[:-1], name[-1].upper()])


def _canonical(G: nx.Graph) -> nx.Graph:
    """Copy of G with nodes and edges inserted in sorted order (Louvain's traversal order
    depends on insertion order; this makes the result depend on the graph alone)."""
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    edges = sorted((min(u, v), max(u, v), float(w)) for u, v, w in
                   G.edges(data="weight", default=1.0))
    H.add_weighted_edges_from(edges)
    return H


#: Leiden passes over the graph. igraph's default (2) finds modularity within about 0.001
#: of iterating until nothing changes, at a tenth of the time on large graphs (100,000
#: people: 0.9 s and 0.9048 against 10.6 s and 0.9059; NetworKit's PLM 0.7 s and 0.9042,
#: igraph's Louvain 1.8 s and 0.8987).
LEIDEN_ITERATIONS = 2


def _sorted_edges(G: nx.Graph) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Sorted nodes and each link once as a row [smaller index, larger index], rows in
    sorted order, with its weight: the graph as the partition sees it, whatever order it
    was built in.

    >>> nodes, edges, w = _sorted_edges(nx.Graph([("c", "a", {"weight": 2.0}), ("b", "a")]))
    >>> nodes, edges.tolist(), w.tolist()
    (['a', 'b', 'c'], [[0, 1], [0, 2]], [1.0, 2.0])
    """
    nodes = sorted(G.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    if G.number_of_edges() == 0:
        return nodes, np.zeros((0, 2), dtype=np.int64), np.zeros(0)
    # each link once, from the side of its smaller index (a self-loop once), read from the
    # adjacency (networkx: the fastest way to look at every edge): G.edges(data=...) takes
    # twice as long at 100,000 people
    us: list[int] = []
    vs: list[int] = []
    ws: list[float] = []
    for u, nbrs in G.adjacency():
        i = index[u]
        for v, data in nbrs.items():
            j = index[v]
            if i <= j:
                us.append(i)
                vs.append(j)
                ws.append(data.get("weight", 1.0))
    a, b = np.asarray(us, dtype=np.int64), np.asarray(vs, dtype=np.int64)
    order = np.lexsort((b, a))
    return nodes, np.column_stack((a[order], b[order])), np.asarray(ws, dtype=np.float64)[order]


def _leiden(ig: Any, n: int, edges: np.ndarray, weights: np.ndarray, seed: int,
            resolution: float) -> list[list[int]]:
    """igraph's Leiden (modularity, :data:`LEIDEN_ITERATIONS` passes) on the links in
    canonical order, seeded; communities as lists of node indices."""
    g = ig.Graph(n=n, edges=edges.tolist(), directed=False)
    g.es["weight"] = weights.tolist()
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.community_leiden(objective_function="modularity", weights="weight",
                                   resolution=resolution, n_iterations=LEIDEN_ITERATIONS)
    finally:
        ig.set_random_number_generator(random)
    return [list(members) for members in found]


def detect_communities(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0,
                       engine: str = "auto",
                       hubs: Container[str] | None = None) -> list[Community]:
    """Modularity communities, numbered 1..n by size (largest first), then smallest member key.

    ``engine``: ``auto`` is networkx Louvain below :data:`FAST_MIN_NODES` people and igraph
    Leiden from there (when installed), ``reference`` always networkx Louvain, ``igraph``
    always Leiden. Both are seeded: the same graph and seed give the same networks.

    Each is labelled after its member with the highest weighted degree (ties: smallest key),
    e.g. ``"Network 3 — around Jordan SMITH (12 people)"``; with ``hubs``, only after one of
    those (the analysis gives the adult suspects who are not safeguarded: a network is never
    named after a child, a victim or a witness), and a network with none of them is
    ``"Network 3 (12 people)"``. Isolated people form
    one-person communities, which sort last by size. ``resolution`` > 1 gives smaller
    networks, < 1 larger ones.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=3.0); G.add_edge("b", "c", weight=1.0)
    >>> G.add_node("z")
    >>> [(c.id, c.members) for c in detect_communities(G)]
    [(1, ['a', 'b', 'c']), (2, ['z'])]
    >>> [c.label for c in detect_communities(G, hubs={"c"})]
    ['Network 1 — around c (3 people)', 'Network 2 (1 person)']
    """
    if G.number_of_nodes() == 0:
        return []
    nodes, edges, weights = _sorted_edges(G)
    ig = fast_engine(len(nodes), engine)
    if ig is not None:
        found: list[Any] = [[nodes[i] for i in c]
                            for c in _leiden(ig, len(nodes), edges, weights, seed, resolution)]
    else:
        found = nx.community.louvain_communities(_canonical(G), weight="weight",
                                                 resolution=resolution, seed=seed)
    groups = sorted((sorted(c) for c in found), key=lambda m: (-len(m), m[0]))
    # weighted degree, a self-loop counted twice (as networkx does)
    by_index = (np.bincount(edges[:, 0], weights, len(nodes))
                + np.bincount(edges[:, 1], weights, len(nodes)))
    strength = dict(zip(nodes, np.round(by_index, 9).tolist(), strict=True))
    out: list[Community] = []
    for i, members in enumerate(groups, start=1):
        named = members if hubs is None else [m for m in members if m in hubs]
        size = len(members)
        noun = "person" if size == 1 else "people"
        label = f"Network {i} ({size} {noun})"
        if named:
            hub = min(named, key=lambda m: (-strength[m], m))
            label = f"Network {i} — around {display_name(G, hub)} ({size} {noun})"
        out.append(Community(id=i, label=label, members=members))
    return out


def membership(communities: Iterable[Community]) -> dict[str, int]:
    """Person key -> community id.

    >>> membership([Community(1, "Network 1", ["a", "b"]), Community(2, "Network 2", ["c"])])
    {'a': 1, 'b': 1, 'c': 2}
    """
    out: dict[str, int] = {}
    for c in communities:
        for m in c.members:
            out[m] = c.id
    return dict(sorted(out.items()))


def members_by_id(communities: Iterable[Community]) -> Mapping[int, list[str]]:
    """Community id -> sorted member keys."""
    return {c.id: list(c.members) for c in communities}


CommunityGraph = dict[int, dict[int, int]]


def community_graph(G: nx.Graph, memb: Mapping[str, int]) -> CommunityGraph:
    """Community id -> {other community id: number of links between them}."""
    out: CommunityGraph = {}
    for u, v in G.edges():
        a, b = memb.get(u, 0), memb.get(v, 0)
        if a and b and a != b:
            out.setdefault(a, {})[b] = out.get(a, {}).get(b, 0) + 1
            out.setdefault(b, {})[a] = out.get(b, {}).get(a, 0) + 1
    return out


def community_links(G: nx.Graph, node: str, memb: Mapping[str, int],
                    cgraph: CommunityGraph | None = None) -> list[CommunityLink]:
    """Pairs of networks (a < b) the person links, with ``sole`` = True when, without the
    person's own links, no chain of inter-network links joins a and b any more.

    Works on the network-level graph (each network treated as internally connected), so
    "sole" means "the only bridge" at the level a meeting discusses.

    >>> G = nx.Graph([("a1", "x"), ("x", "b1"), ("a1", "a2")])
    >>> community_links(G, "x", {"a1": 1, "a2": 1, "x": 1, "b1": 2})
    [(1, 2, True)]
    """
    own = memb.get(node, 0)
    touched = Counter(memb.get(nb, 0) for nb in G[node] if nb != node)
    comms = sorted((set(touched) | {own}) - {0})
    if len(comms) < 2:
        return []
    cg = cgraph if cgraph is not None else community_graph(G, memb)
    mine = {c: n for c, n in touched.items() if own and c and c != own}
    if own and all(cg.get(own, {}).get(c, 0) > n for c, n in mine.items()):
        # every network the person touches stays linked to theirs by someone else, and
        # only those links change: nothing can come apart (no search over all networks)
        return [(a, b, False) for a, b in combinations(comms, 2)]

    def remaining(a: int, b: int) -> int:
        count = cg.get(a, {}).get(b, 0)
        if a == own:
            count -= mine.get(b, 0)
        elif b == own:
            count -= mine.get(a, 0)
        return count

    def joined(a: int, b: int) -> bool:
        seen, stack = {a}, [a]
        while stack:
            p = stack.pop()
            for q in cg.get(p, {}):
                if q not in seen and remaining(p, q) > 0:
                    if q == b:
                        return True
                    seen.add(q)
                    stack.append(q)
        return False

    return [(a, b, not joined(a, b)) for a, b in combinations(comms, 2)]
