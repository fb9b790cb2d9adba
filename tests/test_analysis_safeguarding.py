"""Safeguarding before disruption, role-aware ranking and contact-only linked children, on
small graphs whose right answers are known by construction."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graphintel.analysis.communities import detect_communities
from graphintel.analysis.disruption import (
    connected_pairs,
    greedy_disruption_set,
    key_player_effects,
    score_targets,
)
from graphintel.analysis.linkage import victim_links
from graphintel.analysis.measures import centrality
from graphintel.analysis.offenders import offender_effects
from graphintel.analysis.safeguarding import protected, status

AS_OF = "2025-06-01"


def person(G: nx.Graph, uid: str, *roles: str, dob: str = "1985-01-01",
           reports: list[dict[str, object]] | None = None) -> None:
    G.add_node(uid, name=uid, dob=dob, roles=list(roles), reports=reports or [])


def tie(G: nx.Graph, a: str, b: str, kind: str = "ASSOCIATE_OF", weight: float = 1.0) -> None:
    G.add_edge(a, b, kinds=[kind], weight=weight, exploits=kind == "EXPLOITS", refs=["R"],
               via=[])


def organised() -> nx.Graph:
    """An organiser at a distance: three recruiters call him, each exploits two children; a
    driver he supplies drives one recruiter's children; a 15-year-old peer recruiter with more
    links than anyone brings two more children to one recruiter."""
    G = nx.Graph()
    person(G, "org", "suspect")
    for r in ("r1", "r2", "r3"):
        person(G, r, "suspect")
        tie(G, "org", r, "phone_contact")
    person(G, "drv", "suspect")
    tie(G, "org", "drv", "ASSOCIATE_OF", 0.5)
    for i, r in enumerate(("r1", "r1", "r2", "r2", "r3", "r3")):
        c = f"c{i}"
        person(G, c, "victim", dob="2010-03-03")
        tie(G, r, c, "EXPLOITS")
    tie(G, "drv", "c0", "together_in_vehicle")
    person(G, "peer", "suspect", "victim", dob="2010-01-01")
    tie(G, "peer", "r1")
    for c in ("p1", "p2"):
        person(G, c, "unknown", dob="2011-02-02")
        tie(G, "peer", c, "co_sighting")
    # a children's home: the peer recruiter and two other children share an address only
    for c in ("home1", "home2"):
        person(G, c, "unknown", dob="2009-09-09")
        tie(G, "peer", c, "shared_address", 0.6)
        tie(G, "r2", c, "shared_address", 0.6)
    return G


def test_children_and_victims_are_protected_whatever_their_other_roles() -> None:
    G = organised()
    safe = protected(G, AS_OF)
    assert {"peer", "p1", "p2", "home1", "home2", "c0"} <= safe
    assert not safe & {"org", "r1", "r2", "r3", "drv"}
    st = status(G, "peer", AS_OF)
    assert st.child and st.exploited_into_offending and st.age == 15


def test_no_child_or_victim_is_ever_a_target_or_a_greedy_pick() -> None:
    G = organised()
    cent = centrality(G)
    naive = sorted(cent, key=lambda n: -cent[n]["betweenness"])
    assert naive.index("peer") < naive.index("r3")  # a naive ranking puts her above r3
    targets = score_targets(G, victim_links(G), cent, detect_communities(G), as_of=AS_OF)
    assert {t.person for t in targets} == {"org", "r1", "r2", "r3", "drv"}
    picks = greedy_disruption_set(G, 10, candidates=sorted(G))
    assert picks and not {p for p, _ in picks} & protected(G, AS_OF)


def test_a_child_on_the_analysis_date_is_no_pick_though_adult_by_the_latest_report() -> None:
    # analysed as of AS_OF on intelligence that runs to December: "y" is 17 on AS_OF and 18
    # by the latest report, and stands between two suspects and their victims
    G = nx.Graph()
    late = [{"ref": "R9", "date": "2025-12-31"}]
    person(G, "y", "suspect", dob="2007-09-01", reports=late)
    for s, v in (("s1", "v1"), ("s2", "v2")):
        person(G, s, "suspect", reports=late)
        person(G, v, "victim", reports=late)
        tie(G, s, "y")
        tie(G, "y", v)
    assert status(G, "y", AS_OF).child and not status(G, "y", "2025-12-31").child
    picks = greedy_disruption_set(G, 3, as_of=AS_OF)
    assert picks and "y" not in {p for p, _ in picks}
    kp = key_player_effects(G, ["y", "s1"], as_of=AS_OF)
    assert kp["y"].own_pairs == 2  # as a child at risk, near the two suspects
    assert ("y", "v1") not in connected_pairs(G, as_of=AS_OF)  # never the suspect end
    assert ("s1", "y") in connected_pairs(G, as_of=AS_OF)
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                            as_of=AS_OF)
    assert "y" not in {t.person for t in targets}
    assert picks == greedy_disruption_set(G, 3, candidates=sorted(G), as_of=AS_OF)


def test_the_organiser_at_a_distance_ranks_first_with_the_role_in_words() -> None:
    G = organised()
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                            as_of=AS_OF)
    org = targets[0]
    assert org.person == "org"
    # r1, r2, r3 and the driver (in a vehicle with c0) are in contact with children
    assert org.reasons[0] == ("appears to organise: 4 suspects in contact with people at risk "
                              "are linked to them")
    # of the ten pairs among r1, r2, r3, drv and peer only r1-peer stay in contact
    assert org.effect is not None and org.effect.offenders_split == 9


def test_linked_children_need_direct_evidence_of_contact() -> None:
    G = organised()
    links = victim_links(G, k=2, at_risk=protected(G, AS_OF))
    r2 = {lk.victim: lk for lk in links["r2"]}
    assert {v for v, lk in r2.items() if lk.contact} == {"c2", "c3"}
    # sharing an address (a children's home) is not contact
    assert not r2["home1"].contact and not r2["home2"].contact
    drv = {lk.victim for lk in links["drv"] if lk.contact}
    assert drv == {"c0"}  # in the vehicle with him, not the other children


def test_an_adult_who_was_a_victim_as_a_child_stays_a_candidate_with_a_caution() -> None:
    G = nx.Graph()
    person(G, "m", "suspect", "victim", dob="1995-01-01", reports=[
        {"ref": "OLD", "date": "2010-01-01", "roles": ["victim"]},
        {"ref": "NEW", "date": "2025-01-01", "roles": ["suspect"]}])
    person(G, "v", "victim", dob="2011-01-01")
    tie(G, "m", "v", "EXPLOITS")
    st = status(G, "m", AS_OF)
    assert st.victim_as_child_only and not st.protected
    caution = ["caution: was assessed as a victim as a child (OLD)"]
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                            as_of=AS_OF, cautions={"m": caution})
    assert [t.person for t in targets] == ["m"] and targets[0].reasons[0] == caution[0]
    # assessed as a victim as an adult: protected
    G.nodes["m"]["reports"].append({"ref": "ADULT", "date": "2024-01-01", "roles": ["victim"]})
    assert status(G, "m", AS_OF).protected


@pytest.mark.parametrize(("suspect_on", "protected_then"), [
    ("2025-08-01", True),    # recruiting at 17, while exploited: nothing as an adult
    ("2025-09-10", False),   # recorded offending on her 18th birthday
    (None, True),            # an undated assessment proves nothing about adulthood
])
def test_a_victim_as_a_child_who_offended_only_as_a_child_stays_safeguarded_at_18(
        suspect_on: str | None, protected_then: bool) -> None:
    """Jade, exploited at 17 and recorded recruiting other girls at 17, turns 18: she is not
    a target on her birthday. Only a suspect assessment made when every date of birth made
    her an adult turns her into a candidate (with the caution)."""
    G = nx.Graph()
    person(G, "j", "suspect", "victim", dob="2007-09-10", reports=[
        {"ref": "IR/0102", "date": "2025-03-01", "roles": ["victim"]},
        {"ref": "IR/0103", "date": suspect_on, "roles": ["suspect"]}])
    person(G, "g", "victim", dob="2011-01-01")
    tie(G, "j", "g", "EXPLOITS")
    st = status(G, "j", "2025-09-15")
    assert st.victim_as_child_only and not st.child
    assert st.offending_as_child_only is protected_then and st.protected is protected_then
    targets = score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                            as_of="2025-09-15")
    assert [t.person for t in targets] == ([] if protected_then else ["j"])
    if protected_then:
        assert "j" not in [p for p, _ in greedy_disruption_set(G, 1, as_of="2025-09-15")]
    # a second date of birth that made her 17 on the day of the report keeps her protected
    G.nodes["j"]["other_dobs"] = ["2008-01-01"]
    assert status(G, "j", "2025-09-15").protected


def test_a_victim_a_report_said_was_18_stays_protected_whatever_her_date_of_birth() -> None:
    """The report that assessed her as a victim stated she was 18; her date of birth makes
    her 16 that day. She may have been an adult victim: never a target."""
    G = nx.Graph()
    person(G, "e", "suspect", "victim", dob="2003-01-01", reports=[
        {"ref": "IR/62", "date": "2019-06-01", "roles": ["victim"]},
        {"ref": "IR/63", "date": "2025-05-01", "roles": ["suspect"]}])
    G.nodes["e"].update(age=18, age_on="2019-06-01")
    person(G, "c", "victim", dob="2012-01-01")
    tie(G, "e", "c", "EXPLOITS")
    st = status(G, "e", AS_OF)
    assert st.victim and not st.victim_as_child_only and st.protected
    assert score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                         as_of=AS_OF) == []
    # a stated age that agrees with her date of birth (16 then) leaves her a victim as a
    # child only: a candidate, with the caution
    G.nodes["e"].update(age=16)
    assert status(G, "e", AS_OF).victim_as_child_only



@pytest.mark.parametrize("assessed_on", ["1900-01-01", "1970-01-01", "1990-03-01", None])
def test_a_victim_assessment_of_no_real_date_keeps_her_protected(
        assessed_on: str | None) -> None:
    """A migrated record's placeholder date, or a day before she was born (her date of
    birth came from another record), is no day she was a child on: the assessment is of
    no known date, and she stays protected, never a target."""
    G = nx.Graph()
    person(G, "g", "suspect", "victim", dob="1995-02-01", reports=[
        {"ref": "LEGACY/1", "date": assessed_on, "roles": ["victim"]},
        {"ref": "IR/2", "date": "2025-03-01", "roles": ["suspect"]}])
    person(G, "a", "victim", dob="2010-04-02")
    tie(G, "g", "a", "EXPLOITS")
    st = status(G, "g", AS_OF)
    assert not st.victim_as_child_only and st.protected
    assert score_targets(G, victim_links(G), centrality(G), detect_communities(G),
                         as_of=AS_OF) == []
    # the control: a real day in her childhood
    G.nodes["g"]["reports"][0]["date"] = "2010-01-01"
    assert status(G, "g", AS_OF).victim_as_child_only


def test_reach_lost_counts_children_reached_through_others() -> None:
    G = organised()
    fx = offender_effects(G, {"org", "r1", "r2", "r3", "drv", "peer"},
                          protected(G, AS_OF))
    # removing r1 ends his own reach and that of everyone who reaches c0, c1 and the
    # peer recruiter's children through him; removing the driver ends little
    assert fx["r1"].reach_lost > fx["drv"].reach_lost > 0
    assert fx["r3"].sole_contact_of == ("c4", "c5")
    assert fx["org"].fragmentation > max(fx[x].fragmentation for x in ("r1", "r2", "r3"))


def test_sole_contact_is_counted_over_the_whole_offender_graph() -> None:
    """A child whom two unconnected offenders each exploit has another offender contact,
    whichever of them is asked about; the lone offender's reasons claim no share of a
    network's reach, only the children no one else is in contact with."""
    G = nx.Graph()
    for x in ("a", "b"):
        person(G, x, "suspect", dob="1980-01-01")
    for c in ("c1", "c2"):
        person(G, c, "victim", dob="2011-01-01")
    tie(G, "a", "c1", "EXPLOITS")
    tie(G, "b", "c1", "EXPLOITS")
    tie(G, "b", "c2", "EXPLOITS")
    fx = offender_effects(G, {"a", "b"}, {"c1", "c2"})
    assert fx["a"].sole_contact_of == () and fx["b"].sole_contact_of == ("c2",)
    assert fx["a"].part_size == fx["b"].part_size == 1
    targets = {t.person: t for t in score_targets(G, victim_links(G), centrality(G),
                                                  detect_communities(G), as_of=AS_OF)}
    assert not any("no other offender contact" in r or "network's reach" in r
                   for r in targets["a"].reasons)
    assert "1 person at risk has no other offender contact" in targets["b"].reasons
    assert not any("network's reach" in r for r in targets["b"].reasons)


def hosted_flat(owner_is_suspect: bool) -> nx.Graph:
    """An organiser at a distance owns a flat; a host lives in it; a recruiter who exploits a
    child is found there with her and the host. The flat's owner is the organiser, or a
    landlord who is no suspect."""
    G = nx.Graph()
    person(G, "org", "suspect" if owner_is_suspect else "associate")
    for x in ("host", "rec"):
        person(G, x, "suspect")
    person(G, "c1", "victim", dob="2010-03-03")
    tie(G, "org", "rec", "phone_contact")
    tie(G, "org", "host", "phone_contact", 0.5)
    tie(G, "rec", "c1", "EXPLOITS")
    tie(G, "host", "c1", "shared_event", 0.7)
    tie(G, "host", "rec", "shared_event", 0.7)
    flat = {"type": "premises", "key": "Location:flat", "label": "Flat 2"}
    G.nodes["org"]["supplies"] = [flat | {"holds": "owner", "used_by": ["c1", "rec"]}]
    G.nodes["host"]["supplies"] = [flat | {"holds": "resident", "used_by": ["c1", "rec"]}]
    return G


def test_a_host_in_the_organisers_flat_hosts_there_but_the_organiser_supplies_it() -> None:
    G = hosted_flat(owner_is_suspect=True)
    by = {t.person: t for t in score_targets(G, victim_links(G), centrality(G),
                                             detect_communities(G), as_of=AS_OF)}
    host, org = by["host"], by["org"]
    assert "appears to host: premises where 1 person at risk was seen" in host.reasons
    assert not any("supplies" in r for r in host.reasons)
    assert host.components["control"] == 0.0
    assert org.components["control"] == 1.0
    assert any(r.endswith("supplies 1 premises used by others") for r in org.reasons)


def test_a_host_in_a_flat_no_suspect_owns_supplies_it() -> None:
    G = hosted_flat(owner_is_suspect=False)
    by = {t.person: t for t in score_targets(G, victim_links(G), centrality(G),
                                             detect_communities(G), as_of=AS_OF)}
    assert "org" not in by
    host = by["host"]
    assert host.components["control"] == 1.0
    assert "appears to supply: supplies 1 premises used by others" in host.reasons
    assert "appears to host: premises where 1 person at risk was seen" in host.reasons


@pytest.mark.parametrize("seed", range(5))
def test_nearest_offenders_are_the_whole_dijkstra_order_cut(seed: int) -> None:
    """The bounded search gives the same ball as ranking every offender of the part by
    distance (then key) and keeping the first ``size``."""
    from graphintel.analysis.offenders import nearest

    rng = random.Random(seed)
    G = nx.gnm_random_graph(300, 900, seed=seed)
    OG = nx.Graph()
    for u, v in G.edges():
        OG.add_edge(f"o{u:03d}", f"o{v:03d}", weight=rng.choice([0.5, 1.0, 2.0, 4.0]))
    for source in sorted(OG)[:10]:
        dist = nx.single_source_dijkstra_path_length(
            OG, source, weight=lambda a, b, d: 1.0 / d["weight"])
        for size in (1, 25, 150, 1000):
            want = sorted(sorted(dist, key=lambda n: (dist[n], n))[:size])
            assert nearest(OG, source, size) == want
