"""Disruption: connected pairs, removal effects, key players, greedy sets, target scores."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphintel.analysis.communities import (
    Community,
    community_graph,
    community_links,
    detect_communities,
)
from graphintel.analysis.disruption import (
    KeyPlayer,
    connected_pairs,
    greedy_disruption_set,
    key_player_effect,
    key_player_effects,
    removal_effect,
    score_targets,
)
from graphintel.analysis.linkage import victim_links
from graphintel.analysis.measures import centrality
from graphintel.analysis.reasons import (
    central_rank,
    good_grading,
    latest_report_date,
    reasons_for,
    recent_good_reports,
)


def person(G: nx.Graph, key: str, *roles: str, reports: list[dict[str, object]] | None = None,
           name: str | None = None) -> None:
    G.add_node(key, name=name or key.title(), dob=None, nominal_ref=None, roles=sorted(roles),
               reports=reports or [])


def link(G: nx.Graph, u: str, v: str, weight: float = 1.0, *, exploits: bool = False) -> None:
    G.add_edge(u, v, weight=weight, kinds=["EXPLOITS" if exploits else "ASSOCIATE_OF"],
               via=[], refs=[f"IR/{u}-{v}"], exploits=exploits, first_seen=None,
               last_seen=None, grading="2BP")


def bridged_cliques() -> nx.Graph:
    """Clique a0..a3 (suspects a1, a2) and clique b0..b3 (victims b1, b2) joined by a0 - b0."""
    G = nx.Graph()
    roles = {"a1": ("suspect",), "a2": ("suspect",), "b1": ("victim",), "b2": ("victim",)}
    for side in "ab":
        for i in range(4):
            person(G, f"{side}{i}", *roles.get(f"{side}{i}", ("associate",)))
            for j in range(i):
                link(G, f"{side}{i}", f"{side}{j}")
    link(G, "a0", "b0")
    return G


def cliques() -> list[Community]:
    return [Community(1, "Network 1", ["a0", "a1", "a2", "a3"]),
            Community(2, "Network 2", ["b0", "b1", "b2", "b3"])]


def hub() -> nx.Graph:
    """Suspects s1, s2 and victims v1, v2 all linked only through associate h."""
    G = nx.Graph()
    person(G, "h", "associate")
    for s in ("s1", "s2"):
        person(G, s, "suspect")
        link(G, s, "h")
    for v in ("v1", "v2"):
        person(G, v, "victim")
        link(G, "h", v)
    return G


# --- connected pairs and removal --------------------------------------------------------------


def test_connected_pairs_depend_on_k() -> None:
    G = bridged_cliques()
    assert connected_pairs(G, 2) == set()
    assert connected_pairs(G, 3) == {("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2")}
    assert connected_pairs(hub(), 1) == set()
    assert len(connected_pairs(hub(), 2)) == 4


def test_removing_the_bridge_cuts_everything() -> None:
    G = bridged_cliques()
    e = removal_effect(G, ["a0"], k=3)
    assert (e.pairs_before, e.pairs_after) == (4, 0)
    assert e.pairs_cut == [("a1", "b1"), ("a1", "b2"), ("a2", "b1"), ("a2", "b2")]
    assert e.victims_cut_off == ["b1", "b2"]
    assert (e.components_before, e.components_after) == (1, 2)
    assert e.network_splits == []
    e = removal_effect(G, ["a0"], k=3, communities=cliques())
    assert (e.components_before, e.components_after) == (1, 1)  # network 1 only
    assert e.network_splits == [{"community": 1, "parts_before": 1, "parts_after": 1}]


def test_removal_split_of_a_network_and_unknown_people() -> None:
    G = hub()
    comms = [Community(1, "Network 1", sorted(G.nodes))]
    e = removal_effect(G, ["h"], communities=comms)
    assert e.network_splits == [{"community": 1, "parts_before": 1, "parts_after": 4}]
    assert e.pairs_after == 0 and e.victims_cut_off == ["v1", "v2"]
    with pytest.raises(ValueError):
        removal_effect(G, ["nobody"])


def test_removing_a_victim_does_not_list_them_as_cut_off() -> None:
    e = removal_effect(hub(), ["v1"])
    assert e.victims_cut_off == [] and e.pairs_cut == [("s1", "v1"), ("s2", "v1")]


# --- key players ------------------------------------------------------------------------------


def test_key_player_of_a_hub_and_a_bridge() -> None:
    assert key_player_effect(hub(), "h") == 4
    assert key_player_effects(hub())["s1"] == KeyPlayer("s1", 0, 2)
    G = bridged_cliques()
    assert key_player_effect(G, "a0", k=3) == 4
    assert key_player_effect(G, "b0", k=3) == 4
    assert key_player_effect(G, "a3", k=3) == 0
    assert key_player_effect(G, "a0", k=2) == 0


def test_redundant_paths_mean_no_key_player() -> None:
    G = nx.Graph()
    person(G, "s", "suspect")
    person(G, "v", "victim")
    person(G, "a", "associate")
    person(G, "b", "associate")
    for m in "ab":
        link(G, "s", m)
        link(G, m, "v")
    assert key_player_effects(G, ["a", "b", "s", "v"]) == {
        "a": KeyPlayer("a", 0, 0), "b": KeyPlayer("b", 0, 0),
        "s": KeyPlayer("s", 0, 1), "v": KeyPlayer("v", 0, 1)}


def test_own_pairs_of_a_suspect_who_is_a_victim() -> None:
    G = nx.Graph()
    person(G, "x", "suspect", "victim")
    person(G, "s", "suspect")
    person(G, "v", "victim")
    link(G, "s", "x")
    link(G, "x", "v")
    fx = key_player_effects(G, ["x"])["x"]
    # x is a victim, so protected: never the suspect end of a connection. As a victim:
    # s-x; between others: s-v only runs through x
    assert (fx.pairs_cut, fx.own_pairs, fx.total) == (1, 1, 2)


def test_key_player_effects_equal_removal_effect() -> None:
    G = nx.gnm_random_graph(60, 110, seed=8)
    G = nx.relabel_nodes(G, lambda i: f"p{i:02d}")
    for i, node in enumerate(sorted(G)):
        roles = ["suspect"] if i % 4 == 0 else ["victim"] if i % 4 == 1 else []
        if i % 12 == 0:
            roles = ["suspect", "victim"]
        person(G, node, *roles)
    for k in (2, 3):
        fx = key_player_effects(G, sorted(G), k=k)
        for x in sorted(G):
            e = removal_effect(G, [x], k=k)
            others = [p for p in e.pairs_cut if x not in p]
            assert fx[x].pairs_cut == len(others)
            assert fx[x].own_pairs == len(e.pairs_cut) - len(others)


# --- greedy -----------------------------------------------------------------------------------


def test_greedy_picks_the_hub_first_and_stops_when_nothing_left() -> None:
    G = hub()
    person(G, "s3", "suspect")
    person(G, "v3", "victim")
    link(G, "s3", "v3")
    assert greedy_disruption_set(G, 5) == [("h", 4), ("s3", 5)]
    assert greedy_disruption_set(G, 1) == [("h", 4)]
    assert greedy_disruption_set(G, 0) == []
    # victims are never picked, not even when named as candidates
    assert greedy_disruption_set(G, 1, candidates=["v1", "v3"]) == []
    assert greedy_disruption_set(G, 1, candidates=["v1", "s3"]) == [("s3", 1)]


def test_greedy_cumulative_matches_simulation() -> None:
    G = bridged_cliques()
    picks = greedy_disruption_set(G, 3, k=3)
    for i, (_, total) in enumerate(picks, start=1):
        e = removal_effect(G, [p for p, _ in picks[:i]], k=3)
        assert len(e.pairs_cut) == total
    assert picks[0] == ("a0", 4)  # the bridge, smaller key than b0


# --- scoring and reasons ----------------------------------------------------------------------


def organised_network() -> nx.Graph:
    """Organiser O exploits 3 children and runs recruiters r1, r2 (each exploiting one child);
    P is a peripheral associate-suspect linked to r1 only."""
    G = nx.Graph()
    good = [{"ref": f"IR/{i}", "date": f"2025-03-0{i}", "grading": "2BP", "strength": 0.56}
            for i in range(1, 4)]
    person(G, "o", "suspect", name="Oscar Organiser",
           reports=[*good, {"ref": "IR/old", "date": "2024-01-01", "grading": "1AP"}])
    person(G, "r1", "suspect")
    person(G, "r2", "suspect")
    person(G, "p", "suspect", reports=[{"ref": "IR/9", "date": "2025-03-09", "grading": "3CP"}])
    for v in ("v1", "v2", "v3", "v4", "v5"):
        person(G, v, "victim")
    for v in ("v1", "v2", "v3"):
        link(G, "o", v, 1.0, exploits=True)
    link(G, "o", "r1", 1.0)
    link(G, "o", "r2", 1.0)
    link(G, "r1", "v4", 1.0, exploits=True)
    link(G, "r2", "v5", 1.0, exploits=True)
    link(G, "p", "r1", 0.5)
    return G


def test_organiser_ranks_above_peripheral_associate() -> None:
    G = organised_network()
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G))
    by = {t.person: t for t in targets}
    assert targets[0].person == "o" and targets[-1].person == "p"
    assert [t.rank for t in targets] == [1, 2, 3, 4]
    assert all(0 <= t.score <= 100 for t in targets)
    # o and r1 each top their own network; o is ahead over the whole graph
    assert by["o"].score >= by["r1"].score > by["p"].score
    assert set(by["o"].components) == {"reach", "network", "control", "brokerage",
                                       "contact", "centrality"}
    # o has the most reach to children through the network and is its only hub
    assert by["o"].components["reach"] == 1.0 and by["o"].components["network"] == 1.0
    assert by["o"].effect is not None and by["o"].effect.controls == ("r1", "r2")
    assert by["o"].effect.offenders_split == 2  # r1-r2 and r2-p only meet through o
    assert by["o"].effect.sole_contact_of == ("v1", "v2", "v3")
    # r1 and r2 each reach v1, v2, v3 only through o
    assert by["o"].key_player_pairs == 6
    assert "removing them cuts 6 connections of suspects to people at risk through them" in (
        by["o"].reasons)
    assert by["o"].reasons[0].startswith("appears to organise: 2 suspects in contact with")
    assert ("linked to 3 children by direct evidence of contact, 3 by exploitation reports"
            in by["o"].reasons)
    assert "2 more people at risk within 2 links in their network, no direct evidence" in (
        by["o"].reasons)
    assert "3 reports graded 2B or better in the last 90 days" in by["o"].reasons
    assert [lk.victim for lk in by["o"].linked_victims] == ["v1", "v2", "v3", "v4", "v5"]
    scores = [t.score for t in targets]
    assert scores == sorted(scores, reverse=True)


def test_score_weights() -> None:
    G = organised_network()
    args = (G, victim_links(G), centrality(G), detect_communities(G))
    only_reach = score_targets(*args, weights={"network": 0, "control": 0, "brokerage": 0,
                                               "contact": 0, "centrality": 0})
    assert all(t.score == round(100 * t.components["reach"], 2) for t in only_reach)
    with pytest.raises(ValueError):
        score_targets(*args, weights={"charm": 1.0})
    with pytest.raises(ValueError):
        score_targets(*args, weights={"reach": 0, "network": 0, "control": 0,
                                      "brokerage": 0, "contact": 0, "centrality": 0})


def test_only_link_between_networks() -> None:
    G = bridged_cliques()
    person(G, "a0", "suspect")
    comms = cliques()
    memb = {m: c.id for c in comms for m in c.members}
    assert community_links(G, "a0", memb) == [(1, 2, True)]
    assert community_links(G, "a1", memb) == []
    t = {x.person: x for x in score_targets(G, victim_links(G, k=3), centrality(G), comms,
                                            k=3)}
    assert "the only link between networks 1 and 2" in t["a0"].reasons
    # b0 is an associate: a link to a bystander in another network is not brokerage
    # between offender groups.
    assert t["a0"].bridges == []
    person(G, "b0", "suspect")
    t = {x.person: x for x in score_targets(G, victim_links(G, k=3), centrality(G), comms,
                                            k=3)}
    assert t["a0"].bridges == [2]
    link(G, "a1", "b1")
    assert community_links(G, "a0", memb) == [(1, 2, False)]
    t = {x.person: x for x in score_targets(G, victim_links(G, k=3), centrality(G), comms,
                                            k=3)}
    assert "links networks 1 and 2" in t["a0"].reasons


def test_only_link_through_a_third_network() -> None:
    G = nx.Graph()
    for n in ("a", "b", "x", "y"):
        person(G, n, "associate")
    link(G, "x", "a")
    link(G, "x", "b")
    memb = {"a": 1, "b": 2, "x": 3, "y": 4}
    assert community_links(G, "x", memb) == [(1, 2, True), (1, 3, True), (2, 3, True)]
    link(G, "a", "y")
    link(G, "y", "b")
    assert community_links(G, "x", memb) == [(1, 2, False), (1, 3, True), (2, 3, True)]


def test_reason_helpers() -> None:
    G = organised_network()
    assert latest_report_date(G) == "2025-03-09"
    assert recent_good_reports(G, "o", as_of="2025-03-09") == 3
    assert recent_good_reports(G, "o", as_of="2025-03-09", recent_days=2) == 0
    assert recent_good_reports(G, "o", as_of=None) == 0
    assert recent_good_reports(G, "p", as_of="2025-03-09") == 0
    assert good_grading("1b c") and not good_grading("2D") and not good_grading("")
    assert central_rank({"b": 1.0, "a": 1.0}) == {"a": 1, "b": 2}
    assert reasons_for() == []
    assert reasons_for(links=[], key_player_pairs=1, recent_reports=1, recent_days=1,
                       community_links=[(1, 2, False), (2, 3, False)],
                       rank=1, n_people=20) == [
        "links 3 networks (1, 2 and 3)",
        "removing them cuts 1 connection of suspects to people at risk through them",
        "1 report graded 2B or better in the last 1 day",
        "among the 5% most central (rank 1 of 20)",
    ]
    assert reasons_for(rank=1, n_people=10) == []  # too small a graph to say "top 5%"
    assert reasons_for(rank=2, n_people=300)[0] == "among the 1% most central (rank 2 of 300)"


def party_flat() -> nx.Graph:
    """Peer recruitment: boyfriend groomer g calls the older girl p (a child exploited into
    bringing younger ones, k1 and k2, to the flat) hundreds of times and the organiser o often;
    o owns the flat g and p use and abuses p there; driver d only drives k1."""
    G = nx.Graph()
    person(G, "o", "suspect")
    person(G, "g", "suspect")
    person(G, "d", "suspect")
    person(G, "p", "suspect", "victim")
    for kid in ("k1", "k2"):
        person(G, kid, "victim")
        link(G, "p", kid, 5.0)
    link(G, "o", "g", 40.0)
    link(G, "g", "p", 90.0, exploits=True)
    link(G, "o", "p", 0.6, exploits=True)
    link(G, "o", "d", 3.0)
    G.add_edge("d", "k1", weight=0.7, kinds=["together_in_vehicle"], via=[], refs=["IR/d-k1"],
               exploits=False, first_seen=None, last_seen=None, grading="2BP")
    G.nodes["o"]["supplies"] = [{"type": "premises", "key": "L1", "label": "flat",
                                 "holds": "owner", "used_by": ["g", "k1", "p"]}]
    return G


def test_owner_of_premises_the_group_uses_ranks_above_its_users() -> None:
    G = party_flat()
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G))
    order = [t.person for t in targets]
    assert order.index("o") < order.index("g")
    o = next(t for t in targets if t.person == "o")
    assert any(r.startswith("ranked just above G, who uses premises they own") for r in o.reasons)
    assert "p" not in order  # a child, safeguarded


def test_contact_part_counts_grooming_not_riding_along() -> None:
    G = party_flat()
    by = {t.person: t for t in score_targets(G, victim_links(G), centrality(G),
                                              detect_communities(G))}
    # g grooms p, o abuses p (0.6); d is only in a car with k1: facilitation, not grooming
    assert by["g"].components["contact"] == 1.0
    assert by["o"].components["contact"] == 0.6
    assert by["d"].components["contact"] == 0.0


def test_user_of_premises_does_not_lead_their_owner() -> None:
    """Peer recruitment: an organiser owns the party flat; a boyfriend groomer uses it and
    calls him; a girl exploited into recruiting brings a younger child. Each adult is linked
    to both others in contact with children, but only the owner appears to organise: the
    groomer does not lead the man whose flat he uses."""
    G = nx.Graph()
    person(G, "org", "suspect")
    person(G, "groomer", "suspect")
    G.add_node("girl", name="Girl", dob="2010-01-01", nominal_ref=None,
               roles=["suspect", "victim"], reports=[])
    G.add_node("kid", name="Kid", dob="2012-01-01", nominal_ref=None, roles=["victim"],
               reports=[])
    link(G, "org", "groomer", 5.0)
    link(G, "groomer", "girl", 5.0, exploits=True)
    link(G, "org", "girl", 1.0, exploits=True)
    link(G, "girl", "kid", 1.0)
    link(G, "org", "kid", 0.5, exploits=True)
    G.nodes["org"]["supplies"] = [{"type": "premises", "key": "Location:flat", "label": "flat",
                                   "holds": "owner", "used_by": ["groomer", "girl", "kid"]}]
    t = {x.person: x for x in score_targets(G, victim_links(G), centrality(G),
                                            detect_communities(G), as_of="2026-01-01")}
    assert set(t) == {"org", "groomer"}
    assert any(r.startswith("appears to organise") for r in t["org"].reasons)
    assert not any(r.startswith("appears to organise") for r in t["groomer"].reasons)
    assert t["groomer"].components["control"] == 0.0
    assert t["org"].rank == 1


@pytest.mark.parametrize("seed", range(6))
def test_community_links_match_removing_the_person(seed: int) -> None:
    """'sole' is exactly: without the person's links, the network-level graph no longer
    joins the two networks (checked against building that graph again without them)."""
    rng = random.Random(seed)
    G = nx.relabel_nodes(nx.gnm_random_graph(80, 70 + 20 * seed, seed=seed),
                         lambda i: f"p{i:02d}")
    memb = {n: rng.randint(1, 25) for n in G}
    cg = community_graph(G, memb)
    sole = 0
    for x in sorted(G):
        H = G.copy()
        H.remove_edges_from(list(G.edges(x)))
        net = nx.Graph()
        net.add_nodes_from(set(memb.values()))
        net.add_edges_from((a, b) for a, nbrs in community_graph(H, memb).items() for b in nbrs)
        want = [(a, b, not nx.has_path(net, a, b))
                for a, b, _ in community_links(G, x, memb)]
        assert community_links(G, x, memb, cg) == want
        sole += sum(1 for *_, only in want if only)
    assert sole > 0  # the graphs have sole links to get right
