"""Centrality and communities on small graphs with known answers, and against igraph."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphintel.analysis.communities import (
    FAST_MIN_NODES as COMMUNITY_FAST_MIN_NODES,
)
from graphintel.analysis.communities import (
    Community,
    detect_communities,
    display_name,
    membership,
)
from graphintel.analysis.measures import (
    DEFAULT_SAMPLES,
    FAST_MIN_NODES,
    betweenness,
    betweenness_is_exact,
    betweenness_sources,
    centrality,
    pagerank,
    weighted_degree,
)


def star(n: int = 5) -> nx.Graph:
    G = nx.Graph()
    for i in range(1, n + 1):
        G.add_edge("hub", f"leaf{i}", weight=1.0)
    return G


def two_cliques(size: int = 5) -> nx.Graph:
    """Cliques a0..a4 and b0..b4 joined by the single link a0 - b0."""
    G = nx.Graph()
    for side in "ab":
        for i in range(size):
            G.add_node(f"{side}{i}", name=f"Person {side.upper()}{i}")
            for j in range(i):
                G.add_edge(f"{side}{i}", f"{side}{j}", weight=1.0)
    G.add_edge("a0", "b0", weight=1.0)
    return G


def random_weighted(n: int, m: int, seed: int, discrete: bool) -> nx.Graph:
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, m, seed=seed)
    for u, v in G.edges:
        G[u][v]["weight"] = rng.choice([0.5, 1.0, 2.0]) if discrete else rng.uniform(0.1, 3.0)
    return nx.relabel_nodes(G, lambda i: f"p{i:04d}")


# --- centrality -------------------------------------------------------------------------------


def test_star_known_values() -> None:
    c = centrality(star(5))
    assert c["hub"]["degree"] == 5.0
    assert c["hub"]["betweenness"] == pytest.approx(1.0)
    assert all(c[f"leaf{i}"]["betweenness"] == 0.0 for i in range(1, 6))
    assert all(v["kcore"] == 1.0 for v in c.values())
    assert max(c, key=lambda n: c[n]["pagerank"]) == "hub"
    assert sum(v["pagerank"] for v in c.values()) == pytest.approx(1.0)


def test_bridge_between_cliques() -> None:
    G = two_cliques(5)
    c = centrality(G)
    top = sorted(c, key=lambda n: -c[n]["betweenness"])[:2]
    assert sorted(top) == ["a0", "b0"]
    # a0 lies on every path from a1..a4 to b0..b4 (4*5 pairs) of the 10*9/2 - 1... normalised:
    n = 10
    assert c["a0"]["betweenness"] == pytest.approx(2 * 4 * 5 / ((n - 1) * (n - 2)))
    assert c["a1"]["kcore"] == 4.0 and c["a0"]["kcore"] == 4.0
    assert c["a0"]["degree"] == 5.0 and c["a1"]["degree"] == 4.0


def test_betweenness_uses_inverse_weight_as_distance() -> None:
    # s - x - t strong (weight 4: distance 0.25 each), s - y - t weak (weight 0.5: distance 2)
    G = nx.Graph()
    G.add_edge("s", "x", weight=4.0)
    G.add_edge("x", "t", weight=4.0)
    G.add_edge("s", "y", weight=0.5)
    G.add_edge("y", "t", weight=0.5)
    b = betweenness(G)
    assert b["x"] > 0 and b["x"] > b["y"]


def test_weighted_degree_and_missing_weight() -> None:
    G = nx.Graph()
    G.add_edge("a", "b", weight=2.0)
    G.add_edge("a", "c")  # no weight: counts 1
    assert weighted_degree(G) == {"a": 3.0, "b": 2.0, "c": 1.0}


def test_non_positive_weight_rejected() -> None:
    G = nx.Graph()
    G.add_edge("a", "b", weight=0.0)
    with pytest.raises(ValueError):
        centrality(G)


def test_empty_isolates_and_self_loops() -> None:
    assert centrality(nx.Graph()) == {}
    G = nx.Graph()
    G.add_nodes_from(["a", "b"])
    c = centrality(G)
    assert c["a"] == {"degree": 0.0, "strength": 0.0, "betweenness": 0.0, "closeness": 0.0,
                      "pagerank": 0.5, "kcore": 0.0}
    G.add_edge("a", "a", weight=1.0)
    G.add_edge("a", "b", weight=1.0)
    c = centrality(G)
    assert c["a"]["degree"] == 1.0 and c["a"]["kcore"] == 1.0


def test_same_numbers_whatever_the_insertion_order() -> None:
    G = random_weighted(60, 150, seed=4, discrete=True)
    edges = list(G.edges(data=True))
    random.Random(1).shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, reverse=True))
    H.add_edges_from(edges)
    assert centrality(G) == centrality(H)


@pytest.mark.parametrize("discrete", [False, True])
def test_exact_betweenness_and_pagerank_match_igraph(discrete: bool) -> None:
    ig = pytest.importorskip("igraph")
    G = random_weighted(250, 800, seed=7, discrete=discrete)
    G.add_edge("z1", "z2", weight=1.0)  # a second component
    G.add_node("z3")  # an isolate
    nodes = sorted(G.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v]) for u, v in G.edges]
    weights = [G[u][v]["weight"] for u, v in G.edges]
    h = ig.Graph(n=len(nodes), edges=edges, directed=False)
    n = len(nodes)
    ig_bc = h.betweenness(weights=[1.0 / w for w in weights])
    ig_pr = h.pagerank(weights=weights, damping=0.85)
    c = centrality(G)
    assert betweenness_is_exact(G)
    for node in nodes:
        expected = ig_bc[index[node]] * 2 / ((n - 1) * (n - 2))
        assert c[node]["betweenness"] == pytest.approx(expected, rel=1e-9, abs=1e-12)
        assert c[node]["pagerank"] == pytest.approx(ig_pr[index[node]], rel=1e-6, abs=1e-10)


def test_exact_betweenness_matches_networkx_with_ties() -> None:
    G = random_weighted(120, 300, seed=3, discrete=True)
    H = G.copy()
    for _, _, d in H.edges(data=True):
        d["dist"] = 1.0 / d["weight"]
    ref = nx.betweenness_centrality(H, weight="dist")
    got = betweenness(G)
    assert got == pytest.approx(ref, abs=1e-12)


def test_sampled_betweenness_is_seeded_and_estimates_exact() -> None:
    G = random_weighted(400, 1200, seed=11, discrete=False)
    assert not betweenness_is_exact(G, exact_max_nodes=100)
    a = betweenness(G, seed=1, exact_max_nodes=100, samples=200)
    b = betweenness(G, seed=1, exact_max_nodes=100, samples=200)
    c = betweenness(G, seed=2, exact_max_nodes=100, samples=200)
    assert a == b and a != c
    exact = betweenness(G)
    top_exact = set(sorted(exact, key=lambda x: -exact[x])[:10])
    top_sampled = set(sorted(a, key=lambda x: -a[x])[:20])
    assert len(top_exact & top_sampled) >= 8
    assert sum(a.values()) == pytest.approx(sum(exact.values()), rel=0.15)
    # as many samples as nodes is the exact computation
    assert betweenness(G, exact_max_nodes=100, samples=400) == pytest.approx(exact, abs=1e-12)


@pytest.mark.parametrize("engine", ["reference", "auto"])
def test_centrality_finds_each_sources_shortest_paths_once(
        engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Betweenness and closeness share their sources: one Dijkstra per source in all, and
    the same numbers as each measure computed on its own."""
    import graphintel.analysis.measures as measures

    G = random_weighted(400, 1200, seed=11, discrete=False)
    alone_bc = betweenness(G, seed=3, exact_max_nodes=100, samples=150, engine=engine)
    alone_cl = measures.closeness(G, seed=3, exact_max_nodes=100, samples=150)
    swept: list[int] = []
    real = measures.dijkstra

    def counting(graph: object, **kw: object) -> object:
        swept.append(len(kw["indices"]))  # type: ignore[arg-type]
        return real(graph, **kw)

    monkeypatch.setattr(measures, "dijkstra", counting)
    both = centrality(G, seed=3, exact_max_nodes=100, samples=150, engine=engine)
    assert sum(swept) == 150
    assert {k: v["betweenness"] for k, v in both.items()} == pytest.approx(alone_bc, abs=1e-15)
    assert {k: v["closeness"] for k, v in both.items()} == pytest.approx(alone_cl, rel=1e-12)
    assert len(set(alone_cl.values())) > 100  # a real spread of values, not all zero


def test_betweenness_sources() -> None:
    G = random_weighted(50, 100, seed=1, discrete=True)
    assert betweenness_sources(G) == 50
    assert betweenness_sources(G, exact_max_nodes=10, samples=20) == 20
    assert betweenness_sources(G, exact_max_nodes=10) == 50  # auto never exceeds n
    big = nx.gnm_random_graph(3000, 9000, seed=1)
    assert betweenness_sources(big, exact_max_nodes=10) == DEFAULT_SAMPLES
    assert betweenness_sources(nx.Graph()) == 0


def test_pagerank_function_sums_to_one() -> None:
    pr = pagerank(random_weighted(30, 40, seed=5, discrete=False))
    assert sum(pr.values()) == pytest.approx(1.0)


# --- communities ------------------------------------------------------------------------------


def test_two_cliques_are_two_networks_with_stable_ids_and_labels() -> None:
    G = two_cliques(5)
    G.add_edge("a1", "a2", weight=3.0)  # a1 and a2 now strongest in network a; a1 wins the tie
    for i in range(5, 7):  # network b gets bigger
        G.add_edge(f"b{i}", "b1", weight=1.0)
    G.add_node("lonely", name="Sam Lee")
    comms = detect_communities(G, seed=0)
    assert [c.id for c in comms] == [1, 2, 3]
    assert comms[0].members == ["b0", "b1", "b2", "b3", "b4", "b5", "b6"]
    assert comms[1].members == ["a0", "a1", "a2", "a3", "a4"]
    assert comms[2].members == ["lonely"]
    assert comms[0].label == "Network 1 — around Person B1 (7 people)"
    assert comms[1].label == "Network 2 — around Person A1 (5 people)"
    assert comms[2].label == "Network 3 — around Sam LEE (1 person)"
    m = membership(comms)
    assert m["a3"] == 2 and m["b6"] == 1 and m["lonely"] == 3 and len(m) == 13


def test_networks_are_named_only_after_the_people_given_as_hubs() -> None:
    """The analysis names a network after an adult suspect who is not safeguarded, never
    after a child, a victim or a witness, however strongly linked; none: number only."""
    G = two_cliques(5)
    G.add_edge("a1", "a2", weight=3.0)
    G.add_node("lonely", name="Sam Lee")
    comms = detect_communities(G, seed=0, hubs={"a3", "b0"})
    assert [c.label for c in comms] == ["Network 1 — around Person A3 (5 people)",
                                        "Network 2 — around Person B0 (5 people)",
                                        "Network 3 (1 person)"]
    assert [c.members for c in comms] == [c.members for c in detect_communities(G, seed=0)]


def test_communities_deterministic_and_independent_of_insertion_order() -> None:
    G = random_weighted(200, 500, seed=2, discrete=True)
    edges = list(G.edges(data=True))
    random.Random(3).shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, reverse=True))
    H.add_edges_from(edges)
    a = detect_communities(G, seed=5)
    assert a == detect_communities(G, seed=5) == detect_communities(H, seed=5)
    assert sorted(m for c in a for m in c.members) == sorted(G.nodes)
    sizes = [len(c.members) for c in a]
    assert sizes == sorted(sizes, reverse=True)


def test_empty_graph_has_no_communities_and_display_name() -> None:
    assert detect_communities(nx.Graph()) == []
    G = nx.Graph()
    G.add_node("nd:x", name="  jordan   smith ")
    G.add_node("nd:y")
    assert display_name(G, "nd:x") == "jordan SMITH"
    assert display_name(G, "nd:y") == "nd:y"
    assert membership([Community(1, "N", ["b", "a"])]) == {"a": 1, "b": 1}


# --- the fast engine (igraph) against the reference, above FAST_MIN_NODES ----------------------


def clustered(n: int, seed: int, group: int = 40) -> nx.Graph:
    """Groups of ``group`` people, dense inside (~3 links each) and a few links between,
    weights 0.5 / 1 / 2 (tied path lengths) — the shape of a force's person graph."""
    rng = random.Random(seed)
    G = nx.Graph()
    G.add_nodes_from(f"p{i:05d}" for i in range(n))
    for i in range(n):
        base = i - i % group
        for _ in range(2):
            j = base + rng.randrange(min(group, n - base))
            if j != i:
                G.add_edge(f"p{i:05d}", f"p{j:05d}", weight=rng.choice([0.5, 1.0, 2.0]))
        if rng.random() < 0.05:
            G.add_edge(f"p{i:05d}", f"p{rng.randrange(n):05d}", weight=1.0)
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    return G


def test_the_fast_engine_is_used_only_from_the_threshold() -> None:
    pytest.importorskip("igraph")
    small = random_weighted(50, 120, seed=9, discrete=True)
    # below the threshold "auto" is the reference, bit for bit
    assert centrality(small) == centrality(small, engine="reference")
    assert detect_communities(small, seed=1) == detect_communities(small, seed=1,
                                                                   engine="reference")
    assert FAST_MIN_NODES == COMMUNITY_FAST_MIN_NODES == 2000
    with pytest.raises(ValueError, match="engine"):
        centrality(small, engine="fastest")


@pytest.mark.parametrize("discrete", [False, True])
def test_igraph_exact_betweenness_equals_the_reference(discrete: bool) -> None:
    pytest.importorskip("igraph")
    G = random_weighted(300, 900, seed=21, discrete=discrete)  # discrete: tied path lengths
    G.add_edge("z1", "z2", weight=2.0)  # a second component
    G.add_node("z3")  # an isolate
    ref = betweenness(G, engine="reference")
    fast = betweenness(G, engine="igraph")
    assert fast.keys() == ref.keys()
    assert max(abs(fast[k] - ref[k]) for k in ref) < 1e-9
    assert max(fast.values()) > 0.01
    # known answers: a path's middle carries every path, the star's hub likewise
    path = nx.relabel_nodes(nx.path_graph(5), str)
    assert betweenness(path, engine="igraph") == pytest.approx(
        {"0": 0.0, "1": 0.5, "2": 2 / 3, "3": 0.5, "4": 0.0}, abs=1e-12)
    assert betweenness(star(6), engine="igraph")["hub"] == pytest.approx(1.0, abs=1e-12)
    assert betweenness(two_cliques(5), engine="igraph") == pytest.approx(
        betweenness(two_cliques(5), engine="reference"), abs=1e-12)


def test_centrality_above_the_threshold_equals_the_reference() -> None:
    pytest.importorskip("igraph")
    G = clustered(FAST_MIN_NODES, seed=4)
    auto = centrality(G)
    ref = centrality(G, engine="reference")
    for measure in ("betweenness", "pagerank", "closeness", "degree", "strength", "kcore"):
        worst = max(abs(auto[k][measure] - ref[k][measure]) for k in ref)
        assert worst < 1e-9, (measure, worst)
    assert auto != centrality(G, engine="reference", exact_max_nodes=10)  # sampled differs


def test_leiden_finds_known_communities() -> None:
    pytest.importorskip("igraph")
    # a ring of 8 cliques of 6, each joined to the next by one link: the cliques
    ring = nx.ring_of_cliques(8, 6)
    G = nx.relabel_nodes(ring, lambda i: f"n{i:02d}")
    nx.set_edge_attributes(G, 1.0, "weight")
    want = sorted(sorted(f"n{i:02d}" for i in range(c * 6, c * 6 + 6)) for c in range(8))
    for engine in ("reference", "igraph"):
        got = sorted(c.members for c in detect_communities(G, seed=3, engine=engine))
        assert got == want, engine
    two = detect_communities(two_cliques(5), engine="igraph")
    assert [c.members for c in two] == [["a0", "a1", "a2", "a3", "a4"],
                                       ["b0", "b1", "b2", "b3", "b4"]]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_leiden_modularity_is_no_lower_and_seeded(seed: int) -> None:
    pytest.importorskip("igraph")
    G = clustered(FAST_MIN_NODES, seed=seed)
    fast = detect_communities(G, seed=seed)  # auto: Leiden at this size
    ref = detect_communities(G, seed=seed, engine="reference")
    assert fast != ref  # a different algorithm was used

    def q(comms: list[Community]) -> float:
        return float(nx.community.modularity(G, [set(c.members) for c in comms],
                                             weight="weight"))

    assert q(fast) >= q(ref)
    assert fast == detect_communities(G, seed=seed)  # same seed, same networks
    assert sorted(m for c in fast for m in c.members) == sorted(G.nodes)
    edges = list(G.edges(data=True))
    random.Random(seed).shuffle(edges)
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes, reverse=True))
    H.add_edges_from(edges)
    assert detect_communities(H, seed=seed) == fast  # whatever the insertion order


def test_the_partition_sees_each_link_once_whatever_the_order() -> None:
    from graphintel.analysis.communities import _sorted_edges

    links = [("d", "b", 2.0), ("a", "c", None), ("c", "c", 4.0), ("b", "a", 0.5)]
    want = ([["a", "b", "c", "d"]], [[0, 1], [0, 2], [1, 3], [2, 2]], [0.5, 1.0, 2.0, 4.0])
    for order in (links, links[::-1]):
        G = nx.Graph()
        G.add_node("d")
        for u, v, w in order:
            G.add_edge(u, v, **({} if w is None else {"weight": w}))
        nodes, edges, weights = _sorted_edges(G)
        # a self-loop once, a link without a weight as 1.0, rows by (smaller, larger) index
        assert ([nodes], edges.tolist(), weights.tolist()) == want
