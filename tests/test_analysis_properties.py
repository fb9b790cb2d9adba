"""Property tests: the analysis depends on the graph, not on node names or order, and
removing people never creates suspect-victim connections."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphintel.analysis.communities import Community
from graphintel.analysis.disruption import (
    connected_pairs,
    greedy_disruption_set,
    key_player_effects,
    removal_effect,
    score_targets,
)
from graphintel.analysis.linkage import edge_strengths, victim_links
from graphintel.analysis.measures import centrality

ROLES = [(), ("suspect",), ("victim",), ("suspect", "victim"), ("associate",)]
WEIGHTS = [0.25, 0.5, 1.0, 2.0]
SETTINGS = settings(max_examples=80, deadline=None)


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 11) -> nx.Graph:
    n = draw(st.integers(2, max_nodes))
    nodes = [f"n{i:02d}" for i in range(n)]
    pairs = [(a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=2 * n))
    G = nx.Graph()
    for node in nodes:
        G.add_node(node, name=node, roles=sorted(draw(st.sampled_from(ROLES))), reports=[])
    for u, v in edges:
        G.add_edge(u, v, weight=draw(st.sampled_from(WEIGHTS)), kinds=["ASSOCIATE_OF"], via=[],
                   refs=[], exploits=draw(st.booleans()), grading=None)
    return G


@st.composite
def relabelled(draw: st.DrawFn) -> tuple[nx.Graph, nx.Graph, dict[str, str]]:
    G = draw(graphs())
    nodes = sorted(G)
    perm = draw(st.permutations(range(len(nodes))))
    mapping = {node: f"m{perm[i]:02d}" for i, node in enumerate(nodes)}
    H = nx.relabel_nodes(G, mapping)
    # insert in a different order too
    H2 = nx.Graph()
    H2.add_nodes_from(sorted(H.nodes(data=True), reverse=True))
    H2.add_edges_from(sorted(H.edges(data=True), reverse=True))
    return G, H2, mapping


def split(G: nx.Graph) -> list[Community]:
    """A fixed partition into two communities by key parity (for scores)."""
    nodes = sorted(G)
    return [Community(1, "Network 1", nodes[::2]), Community(2, "Network 2", nodes[1::2])]


@SETTINGS
@given(relabelled())
def test_centrality_stable_under_relabelling(data: tuple[nx.Graph, nx.Graph, dict]) -> None:
    G, H, mapping = data
    a, b = centrality(G), centrality(H)
    for node, vals in a.items():
        for name, value in vals.items():
            assert b[mapping[node]][name] == pytest.approx(value, rel=1e-9, abs=1e-12)


@SETTINGS
@given(relabelled(), st.integers(1, 3))
def test_linkage_and_key_players_stable_under_relabelling(
        data: tuple[nx.Graph, nx.Graph, dict], k: int) -> None:
    G, H, mapping = data
    la, lb = victim_links(G, k=k), victim_links(H, k=k)
    assert {mapping[s] for s in la} == set(lb)
    for s, links in la.items():
        got = sorted((lk.victim, lk.distance, lk.strength) for lk in lb[mapping[s]])
        want = sorted((mapping[lk.victim], lk.distance, lk.strength) for lk in links)
        assert got == want
    assert {(mapping[s], mapping[v]) for s, v in connected_pairs(G, k)} == connected_pairs(H, k)
    ka, kb = key_player_effects(G, sorted(G), k=k), key_player_effects(H, sorted(H), k=k)
    assert {(mapping[x], e.pairs_cut, e.own_pairs) for x, e in ka.items()} == {
        (x, e.pairs_cut, e.own_pairs) for x, e in kb.items()}


@SETTINGS
@given(relabelled())
def test_scores_stable_under_relabelling(data: tuple[nx.Graph, nx.Graph, dict]) -> None:
    G, H, mapping = data
    comms_g = split(G)
    comms_h = [Community(c.id, c.label, sorted(mapping[m] for m in c.members)) for c in comms_g]
    ta = score_targets(G, victim_links(G), centrality(G), comms_g)
    tb = {t.person: t for t in score_targets(H, victim_links(H), centrality(H), comms_h)}
    assert len(ta) == len(tb)
    for t in ta:
        u = tb[mapping[t.person]]
        assert u.score == pytest.approx(t.score, abs=0.011)
        assert u.components == pytest.approx(t.components, abs=1e-3)
        assert (u.key_player_pairs, u.bridges, u.community) == (
            t.key_player_pairs, t.bridges, t.community)
    ranks = [t.rank for t in ta]
    assert ranks == list(range(1, len(ta) + 1))


@SETTINGS
@given(graphs(), st.integers(1, 3), st.data())
def test_removing_a_person_never_adds_connections(G: nx.Graph, k: int, data: st.DataObject) -> None:
    before = connected_pairs(G, k)
    removed: set[str] = set()
    for x in data.draw(st.lists(st.sampled_from(sorted(G)), unique=True, max_size=4)):
        after = connected_pairs(G, k, removed=removed | {x})
        assert after <= connected_pairs(G, k, removed=removed) <= before
        removed.add(x)
        e = removal_effect(G, removed, k=k)
        assert e.pairs_after == len(after) and e.pairs_before == len(before)
        assert e.pairs_after <= e.pairs_before


@SETTINGS
@given(graphs(), st.integers(1, 3))
def test_key_player_equals_brute_force(G: nx.Graph, k: int) -> None:
    fx = key_player_effects(G, sorted(G), k=k)
    for x in sorted(G):
        cut = removal_effect(G, [x], k=k).pairs_cut
        others = [p for p in cut if x not in p]
        assert (fx[x].pairs_cut, fx[x].own_pairs) == (len(others), len(cut) - len(others))


@SETTINGS
@given(graphs(), st.integers(1, 3))
def test_greedy_matches_simulation(G: nx.Graph, k: int) -> None:
    picks = greedy_disruption_set(G, 4, k=k, candidates=sorted(G))
    allowed = [x for x in sorted(G) if "victim" not in G.nodes[x]["roles"]]
    assert all(p in allowed for p, _ in picks)  # victims are never picked
    totals = [t for _, t in picks]
    assert totals == sorted(set(totals))  # strictly increasing
    for i in range(len(picks)):
        chosen = [p for p, _ in picks[:i + 1]]
        assert len(removal_effect(G, chosen, k=k).pairs_cut) == totals[i]
    if picks:  # the first pick is a best single removal, smallest key among equals
        best = max(len(removal_effect(G, [x], k=k).pairs_cut) for x in allowed)
        assert totals[0] == best
        assert picks[0][0] == min(x for x in allowed
                                  if len(removal_effect(G, [x], k=k).pairs_cut) == best)


@SETTINGS
@given(graphs(), st.integers(1, 3))
def test_victim_links_are_strongest_shortest_paths(G: nx.Graph, k: int) -> None:
    strength = edge_strengths(G)
    links = victim_links(G, k=k)
    for s, items in links.items():
        dist = nx.single_source_shortest_path_length(G, s, cutoff=k)
        want = {v for v, d in dist.items() if v != s and "victim" in G.nodes[v]["roles"]}
        assert {lk.victim for lk in items} == want
        keys = [(lk.distance, -lk.strength, lk.victim) for lk in items]
        assert keys == sorted(keys)
        for lk in items:
            assert lk.distance == dist[lk.victim] == len(lk.path) - 1
            assert lk.path[0] == s and lk.path[-1] == lk.victim
            assert all(G.has_edge(u, v) for u, v in zip(lk.path, lk.path[1:], strict=False))
            best = max(math.prod(strength[(u, v)] for u, v in zip(p, p[1:], strict=False))
                       for p in nx.all_shortest_paths(G, s, lk.victim))
            assert lk.strength == pytest.approx(best)
            assert lk.direct_exploitation == (
                lk.distance == 1 and bool(G.edges[s, lk.victim]["exploits"]))
