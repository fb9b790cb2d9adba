"""Communities ("networks") of the projected person graph.

A network meeting talks about *networks*: groups of people more tightly linked to each other
than to everybody else. They are found by maximising modularity on the link weights, then
numbered and labelled in a stable way so that "Network 3" means the same group every time the
same graph is analysed.

Below :data:`FAST_MIN_NODES` people the partition is networkx's Louvain (the reference);
from there on it is igraph's Leiden (modularity objective, seeded, iterated until stable)
when igraph is installed. Measured in one run on the benchmark's person graphs: 0.61 s -> 0.17 s
at 2,000 people (modularity 0.862 -> 0.877) and 1.9 s -> 0.33 s at 4,269 (0.879 -> 0.890).
igraph's own Louvain (multilevel) is faster still but found lower modularity (0.859 at 2,000
people), so it is not used.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

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


def _strength(G: nx.Graph, members: Iterable[str]) -> dict[str, float]:
    return {m: float(G.degree(m, weight="weight")) for m in members}


def _leiden(ig: Any, H: nx.Graph, seed: int, resolution: float) -> list[set[str]]:
    """igraph's Leiden (modularity, until stable) on the canonical graph, seeded."""
    nodes = list(H.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in H.edges()],
                 directed=False)
    g.es["weight"] = [float(w) for _, _, w in H.edges(data="weight", default=1.0)]
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.community_leiden(objective_function="modularity", weights="weight",
                                   resolution=resolution, n_iterations=-1)
    finally:
        ig.set_random_number_generator(random)
    return [{nodes[i] for i in members} for members in found]


def detect_communities(G: nx.Graph, *, seed: int = 0, resolution: float = 1.0,
                       engine: str = "auto") -> list[Community]:
    """Modularity communities, numbered 1..n by size (largest first), then smallest member key.

    ``engine``: ``auto`` is networkx Louvain below :data:`FAST_MIN_NODES` people and igraph
    Leiden from there (when installed), ``reference`` always networkx Louvain, ``igraph``
    always Leiden. Both are seeded: the same graph and seed give the same networks.

    Each is labelled after its member with the highest weighted degree (ties: smallest key),
    e.g. ``"Network 3 — around Jordan SMITH (12 people)"``. Isolated people form
    one-person communities, which sort last by size. ``resolution`` > 1 gives smaller
    networks, < 1 larger ones.

    >>> G = nx.Graph()
    >>> G.add_edge("a", "b", weight=3.0); G.add_edge("b", "c", weight=1.0)
    >>> G.add_node("z")
    >>> [(c.id, c.members) for c in detect_communities(G)]
    [(1, ['a', 'b', 'c']), (2, ['z'])]
    """
    if G.number_of_nodes() == 0:
        return []
    H = _canonical(G)
    ig = fast_engine(H.number_of_nodes(), engine)
    if ig is not None:
        found = _leiden(ig, H, seed, resolution)
    else:
        found = nx.community.louvain_communities(H, weight="weight", resolution=resolution,
                                                 seed=seed)
    groups = sorted((sorted(c) for c in found), key=lambda m: (-len(m), m[0]))
    out: list[Community] = []
    for i, members in enumerate(groups, start=1):
        strength = _strength(H, members)
        hub = min(members, key=lambda m: (-strength[m], m))
        size = len(members)
        noun = "person" if size == 1 else "people"
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
