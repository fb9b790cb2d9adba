"""Victim linkage: victims within k links of each suspect, one deterministic path each."""

from __future__ import annotations

import networkx as nx
import pytest

from graphintel.analysis.linkage import (
    VictimLink,
    edge_strengths,
    evidence_path,
    suspects_of_victims,
    victim_links,
)


def person(G: nx.Graph, key: str, *roles: str) -> None:
    G.add_node(key, name=key.title(), dob=None, nominal_ref=None, roles=sorted(roles),
               reports=[])


def link(G: nx.Graph, u: str, v: str, weight: float = 1.0, *, exploits: bool = False,
         kinds: list[str] | None = None, via: list[dict[str, str]] | None = None,
         refs: list[str] | None = None, grading: str | None = "2BP") -> None:
    G.add_edge(u, v, weight=weight, kinds=kinds or ["ASSOCIATE_OF"], via=via or [],
               refs=refs or [f"IR/{u}-{v}"], exploits=exploits, first_seen=None,
               last_seen=None, grading=grading)


def chain() -> nx.Graph:
    """suspect -> associate -> victim, plus a direct exploitation link to a second victim."""
    G = nx.Graph()
    person(G, "s", "suspect")
    person(G, "a", "associate")
    person(G, "v", "victim")
    person(G, "w", "victim")
    link(G, "s", "a", 2.0)
    link(G, "a", "v", 1.0, kinds=["shared_phone"],
         via=[{"type": "Phone", "key": "+447700900123", "label": "07700 900123"}])
    link(G, "s", "w", 2.0, exploits=True, kinds=["EXPLOITS"])
    return G


def test_chain_suspect_associate_victim() -> None:
    links = victim_links(chain(), k=2)
    assert list(links) == ["s"]
    direct, indirect = links["s"]
    assert direct == VictimLink("s", "w", 1, ("s", "w"), 1.0, True, contact=True)
    assert indirect == VictimLink("s", "v", 2, ("s", "a", "v"), 0.5, False)


def test_k_limits_the_search() -> None:
    links = victim_links(chain(), k=1)
    assert [lk.victim for lk in links["s"]] == ["w"]
    with pytest.raises(ValueError):
        victim_links(chain(), k=0)


def test_every_suspect_has_an_entry_even_without_victims() -> None:
    G = chain()
    person(G, "lonely", "suspect")
    assert victim_links(G)["lonely"] == []


def test_suspect_who_is_also_a_victim_is_not_linked_to_themselves() -> None:
    G = nx.Graph()
    person(G, "x", "suspect", "victim")
    person(G, "y", "suspect", "victim")
    link(G, "x", "y", 1.0)
    links = victim_links(G)
    assert [lk.victim for lk in links["x"]] == ["y"]
    assert [lk.victim for lk in links["y"]] == ["x"]


def test_fewest_hops_beats_a_stronger_longer_path() -> None:
    G = nx.Graph()
    person(G, "s", "suspect")
    person(G, "v", "victim")
    for p in "abc":
        person(G, p, "associate")
    link(G, "s", "a", 0.1)
    link(G, "a", "v", 0.1)
    link(G, "s", "b", 1.0)
    link(G, "b", "c", 1.0)
    link(G, "c", "v", 1.0)
    (lk,) = victim_links(G, k=3)["s"]
    assert lk.path == ("s", "a", "v") and lk.distance == 2
    assert lk.strength == pytest.approx(0.01)


def test_ties_broken_by_strength_then_keys() -> None:
    G = nx.Graph()
    person(G, "s", "suspect")
    person(G, "v", "victim")
    for p in ("m1", "m2", "m3"):
        person(G, p, "associate")
    link(G, "s", "m1", 0.5)
    link(G, "m1", "v", 0.5)
    link(G, "s", "m3", 1.0)
    link(G, "m3", "v", 0.5)
    link(G, "s", "m2", 0.5)
    link(G, "m2", "v", 1.0)
    # m2 and m3 paths both have strength 0.5 (> 0.25 via m1): keys decide, m2 < m3
    (lk,) = victim_links(G)["s"]
    assert lk.path == ("s", "m2", "v") and lk.strength == 0.5
    # insertion order does not matter
    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes(data=True), reverse=True))
    H.add_edges_from(sorted(G.edges(data=True), reverse=True))
    assert victim_links(H) == victim_links(G)


def test_sorted_by_distance_strength_victim() -> None:
    G = nx.Graph()
    person(G, "s", "suspect")
    person(G, "a", "associate")
    for v in ("v1", "v2", "v3", "v4"):
        person(G, v, "victim")
    link(G, "s", "v3", 0.5)
    link(G, "s", "v4", 1.0)
    link(G, "s", "a", 1.0)
    link(G, "a", "v1", 1.0)
    link(G, "a", "v2", 1.0)
    order = [(lk.victim, lk.distance, lk.strength) for lk in victim_links(G)["s"]]
    assert order == [("v4", 1, 1.0), ("v3", 1, 0.5), ("v1", 2, 1.0), ("v2", 2, 1.0)]


def test_weight_scale_and_strengths() -> None:
    G = chain()
    s = edge_strengths(G)
    assert s[("a", "s")] == 1.0 and s[("a", "v")] == 0.5
    fixed = victim_links(G, weight_scale=4.0)["s"]
    assert [lk.strength for lk in fixed] == [0.5, 0.125]
    with pytest.raises(ValueError):
        edge_strengths(G, 0.0)


def test_suspects_of_victims_is_the_inverse() -> None:
    G = chain()
    person(G, "t", "suspect")
    link(G, "t", "v", 2.0)
    links = victim_links(G)
    inv = suspects_of_victims(links)
    assert list(inv) == ["v", "w"]
    assert [(lk.suspect, lk.distance) for lk in inv["v"]] == [("t", 1), ("s", 2)]
    assert sorted((lk.suspect, lk.victim) for ls in inv.values() for lk in ls) == sorted(
        (lk.suspect, lk.victim) for ls in links.values() for lk in ls)


def test_evidence_path_per_hop() -> None:
    G = chain()
    (_, lk) = victim_links(G)["s"]
    hops = evidence_path(G, lk.path)
    assert hops == [
        {"from": "s", "to": "a", "kinds": ["ASSOCIATE_OF"], "via": [], "refs": ["IR/s-a"],
         "grading": "2BP"},
        {"from": "a", "to": "v", "kinds": ["shared_phone"],
         "via": [{"type": "Phone", "key": "+447700900123", "label": "07700 900123"}],
         "refs": ["IR/a-v"], "grading": "2BP"},
    ]
    assert evidence_path(G, ["s"]) == []
    with pytest.raises(ValueError):
        evidence_path(G, ["s", "v"])
