"""Offender-network fragmentation and graph-level measures, on graphs with known answers and
against a plain networkx computation (Montagna-style: remove the top betweenness, recompute)."""

from __future__ import annotations

import networkx as nx
import pytest

from graphintel.analysis.fragmentation import (
    fragmentation,
    nothing_to_cut,
    sequential_removal,
)
from graphintel.analysis.graphmeasures import graph_measures
from graphintel.analysis.offenders import offender_graph
from graphintel.analysis.whatif import network_fragmentation


def _plain_sequence(H: nx.Graph, steps: int, allowed: set[str]) -> list[tuple[str, float]]:
    """Remove the top weighted betweenness (distance 1/weight) among ``allowed``, recompute."""
    left = H.copy()
    n = H.number_of_nodes()
    out = []
    for _ in range(steps):
        for _u, _v, d in left.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        bc = nx.betweenness_centrality(left, weight="distance", normalized=True)
        pick = min((x for x in left if x in allowed), key=lambda x: (-round(bc[x], 12), x))
        left.remove_node(pick)
        lcc = max((len(c) for c in nx.connected_components(left)), default=0)
        out.append((pick, lcc / n))
    return out


def _weighted(G: nx.Graph, seed: int) -> nx.Graph:
    import random
    rng = random.Random(seed)
    H = nx.relabel_nodes(G, lambda x: f"p{x:03d}")
    for u, v in H.edges():
        H.edges[u, v]["weight"] = rng.choice([0.5, 1.0, 2.0, 3.0])
    return H


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sequential_lcc_fractions_match_plain_networkx(seed: int) -> None:
    H = _weighted(nx.connected_watts_strogatz_graph(40, 4, 0.2, seed=seed), seed)
    allowed = {x for i, x in enumerate(sorted(H)) if i % 5}  # every fifth is protected
    got = sequential_removal(H, 8, candidates=allowed, seed=0)
    want = _plain_sequence(H, 8, allowed)
    assert [f.removed_last for f in got] == [p for p, _ in want]
    assert [f.lcc_fraction for f in got] == pytest.approx([x for _, x in want])
    assert not {f.removed_last for f in got} - allowed


def test_fragmentation_known_answers() -> None:
    star = nx.relabel_nodes(nx.star_graph(4), str)  # hub "0", leaves 1-4
    f = fragmentation(star, ["0"])
    assert (f.lcc_fraction, f.components, f.efficiency) == (0.2, 4, 0.0)
    whole = fragmentation(star)
    assert whole.lcc_fraction == 1.0 and whole.components == 1
    assert whole.efficiency == pytest.approx(nx.global_efficiency(star))
    two = nx.relabel_nodes(nx.barbell_graph(3, 0), str)  # two triangles and one bridge 2-3
    seq = sequential_removal(two, 1)
    assert seq[0].removed_last in {"2", "3"} and seq[0].lcc_fraction == 0.5
    assert sequential_removal(two, 10, candidates=["0"])[-1].removed == ("0",)


def test_nothing_to_cut_says_why() -> None:
    G = nx.Graph()
    G.add_node("a", roles=["associate"])
    assert "no suspects" in str(nothing_to_cut(G, [], [], []))
    G.add_node("s", roles=["suspect"])
    G.add_node("t", roles=["suspect"])
    assert "every suspect is a child or a victim" in str(nothing_to_cut(G, ["s"], [], ["s"]))
    assert "no victims or children" in str(nothing_to_cut(G, ["s", "t"], ["s", "t"], []))
    assert "already disconnected" in str(nothing_to_cut(G, ["s", "t"], ["s", "t"], ["a"]))
    G.add_edge("s", "t", weight=1.0)
    assert nothing_to_cut(G, ["s", "t"], ["s", "t"], ["a"]) is None


def test_network_fragmentation_never_removes_a_child_or_victim() -> None:
    G = nx.Graph()
    for n, roles, dob in (("a", ["suspect"], "1980-01-01"), ("kid", ["suspect"], "2012-01-01"),
                          ("b", ["suspect"], "1981-01-01"), ("v", ["victim"], "1990-01-01")):
        G.add_node(n, name=n, dob=dob, roles=roles)
    for u, v in (("a", "kid"), ("kid", "b"), ("b", "v")):
        G.add_edge(u, v, weight=1.0, kinds=["ASSOCIATE_OF"])
    out = network_fragmentation(G, [], {"kid", "v"}, sequential=3)
    assert [s["person"]["uid"] for s in out["sequential"]] == ["a", "b"]
    assert out["fragmentation"]["before"]["offenders"] == 3
    assert out["exploited_offenders"] == 1  # the child, counted in the network, never removed
    assert offender_graph(G, ["a", "kid", "b"]).number_of_edges() == 2


def test_graph_measures_known_answers() -> None:
    star = nx.star_graph(5)
    assert graph_measures(star) == {"density": 0.333333, "degree_centralisation": 1.0,
                                    "betweenness_centralisation": 1.0}
    ring = nx.cycle_graph(6)
    assert graph_measures(ring) == {"density": 0.4, "degree_centralisation": 0.0,
                                    "betweenness_centralisation": 0.0}
    path = nx.path_graph(4)  # degrees 1,2,2,1; betweenness 0,2/3,2/3,0
    m = graph_measures(path)
    assert m["degree_centralisation"] == pytest.approx(2 / 6, abs=1e-6)
    assert m["betweenness_centralisation"] == pytest.approx((2 / 3) * 2 / 3, abs=1e-6)
    assert graph_measures(nx.Graph()) == {"density": 0.0, "degree_centralisation": 0.0,
                                          "betweenness_centralisation": 0.0}
