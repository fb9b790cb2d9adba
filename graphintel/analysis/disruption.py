"""Disruption: who, if removed, cuts children off from suspects, and the ranked targets.

Children and victims are safeguarded, never targeted (:mod:`.safeguarding`): they are never
scored, never a greedy pick and never counted as the suspect end of a connection.

A *connection* is a (suspect, person at risk) pair within ``k`` links (hops) of each other,
the suspect an adult who is not protected, the person at risk a victim or a child. Removing
people (arrest, bail conditions, abduction warning notices, moving a child) cuts the
connections whose every short path runs through them.

- :func:`connected_pairs`, :func:`removal_effect`: what a set of removals does.
- :func:`key_player_effects`: for each person, the connections *of other people* that
  removing that person alone cuts (``pairs_cut``), and, separately, their own connections
  (``own_pairs``: as suspect to victims within k, plus as victim to suspects within k).
  The effect is local: a connection (s, v) can only be cut by x when s and v are both within
  k - 1 links of x, and whether it survives depends only on nodes within k - 1 + k // 2 of x,
  so each person costs a few bounded searches around them, not a pass over the graph.
- :func:`greedy_disruption_set`: a small set of people cutting the most connections.
- :func:`score_targets`: every adult, unprotected suspect scored and ranked, with reasons,
  mostly on what removing them does to the offender network (:mod:`.offenders`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import networkx as nx

from graphintel.analysis import reasons as _reasons
from graphintel.analysis.communities import (
    Community,
    community_graph,
    community_links,
    membership,
)
from graphintel.analysis.linkage import VictimLink, is_suspect, is_victim, suspects
from graphintel.analysis.offenders import OffenderEffect, offender_effects
from graphintel.analysis.safeguarding import protected
from graphintel.analysis.score_weights import DEFAULT_WEIGHTS, resolve_weights
from graphintel.analysis.supply import (
    control,
    led_by,
    lift_owners,
    own_supplies,
    premises_precedence,
    suppliers_of,
)

__all__ = [
    "DEFAULT_WEIGHTS",
    "KeyPlayer",
    "RemovalEffect",
    "Target",
    "connected_pairs",
    "greedy_disruption_set",
    "key_player_effect",
    "key_player_effects",
    "removal_effect",
    "score_targets",
]

Pair = tuple[str, str]

#: Link kinds that are evidence of grooming or exploiting a person at risk oneself: an
#: exploitation or association link, calls or messages. Being in the same vehicle, at the
#: same event or place is contact too (:data:`~graphintel.analysis.weights.CONTACT_KINDS`),
#: but it is what drivers and hosts do: it facilitates, it does not groom.
GROOMING_KINDS: frozenset[str] = frozenset({
    "EXPLOITS", "ASSOCIATE_OF", "phone_contact", "account_contact",
})


def _ball(G: nx.Graph, source: str, radius: int,
          blocked: Collection[str] = ()) -> dict[str, int]:
    """Hop distance from source of every node within radius, avoiding blocked nodes."""
    dist = {source: 0}
    frontier = [source]
    for d in range(1, radius + 1):
        nxt = []
        for u in frontier:
            for v in G[u]:
                if v not in dist and v not in blocked:
                    dist[v] = d
                    nxt.append(v)
        if not nxt:
            break
        frontier = nxt
    return dist


def _roles(G: nx.Graph, as_of: str | None = None) -> tuple[set[str], set[str]]:
    """(suspects who may be targeted, people at risk) on ``as_of`` (default: latest report)."""
    day = as_of if as_of is not None else _reasons.latest_report_date(G)
    safe = protected(G, day)
    return ({n for n in G if is_suspect(G, n) and n not in safe},
            {n for n in G if is_victim(G, n)} | safe)


def connected_pairs(G: nx.Graph, k: int = 2, *, removed: Collection[str] = (),
                    as_of: str | None = None) -> set[Pair]:
    """All (suspect, victim) pairs of different people within ``k`` links, ignoring the
    ``removed`` people (as if deleted from the graph). Who is a child is decided on
    ``as_of`` (default: the latest report date in the graph).

    >>> G = nx.Graph([("s", "a"), ("a", "v")])
    >>> nx.set_node_attributes(G, {"s": ["suspect"], "a": [], "v": ["victim"]}, "roles")
    >>> connected_pairs(G, 2), connected_pairs(G, 2, removed={"a"})
    ({('s', 'v')}, set())
    """
    blocked = set(removed)
    suspect_set, victim_set = _roles(G, as_of)
    out: set[Pair] = set()
    for s in sorted(suspect_set):
        if s in blocked:
            continue
        out.update((s, v) for v in _ball(G, s, k, blocked) if v != s and v in victim_set)
    return out


@dataclass
class RemovalEffect:
    """What removing ``removed`` does to the suspect-victim connections within k links."""

    removed: list[str]
    pairs_before: int
    pairs_after: int
    pairs_cut: list[Pair]
    victims_cut_off: list[str]
    components_before: int
    components_after: int
    network_splits: list[dict[str, int]] = field(default_factory=list)


def removal_effect(G: nx.Graph, remove: Iterable[str], *, k: int = 2,
                   communities: Sequence[Community] | None = None,
                   as_of: str | None = None) -> RemovalEffect:
    """Simulate removing people: connections cut, children left with no suspect within k.

    ``victims_cut_off`` lists victims (not themselves removed) who had a suspect within k
    before and none after. Components are counted on the communities containing a removed
    person when ``communities`` is given, else on the whole graph; ``network_splits`` gives,
    per affected community, the number of connected parts before and after.

    >>> G = nx.Graph([("s", "a"), ("a", "v")])
    >>> nx.set_node_attributes(G, {"s": ["suspect"], "a": [], "v": ["victim"]}, "roles")
    >>> e = removal_effect(G, ["a"])
    >>> e.pairs_cut, e.victims_cut_off, e.components_before, e.components_after
    ([('s', 'v')], ['v'], 1, 2)
    """
    removed = sorted(set(remove))
    unknown = [r for r in removed if r not in G]
    if unknown:
        raise ValueError(f"not in the graph: {', '.join(unknown)}")
    gone = set(removed)
    before = connected_pairs(G, k, as_of=as_of)
    after = connected_pairs(G, k, removed=gone, as_of=as_of)
    had = {v for _, v in before}
    still = {v for _, v in after}
    scope: set[str] = set(G)
    splits: list[dict[str, int]] = []
    if communities is not None:
        affected = [c for c in communities if gone.intersection(c.members)]
        scope = {m for c in affected for m in c.members}
        for c in sorted(affected, key=lambda c: c.id):
            members = set(c.members)
            splits.append({
                "community": c.id,
                "parts_before": nx.number_connected_components(G.subgraph(members)),
                "parts_after": nx.number_connected_components(G.subgraph(members - gone)),
            })
    return RemovalEffect(
        removed=removed,
        pairs_before=len(before),
        pairs_after=len(after),
        pairs_cut=sorted(before - after),
        victims_cut_off=sorted(had - still - gone),
        components_before=nx.number_connected_components(G.subgraph(scope)),
        components_after=nx.number_connected_components(G.subgraph(scope - gone)),
        network_splits=splits,
    )


@dataclass(frozen=True)
class KeyPlayer:
    """Connections cut by removing ``node`` alone: ``pairs_cut`` between other people, and
    ``own_pairs`` the node's own connections (which any removal of it ends)."""

    node: str
    pairs_cut: int
    own_pairs: int

    @property
    def total(self) -> int:
        return self.pairs_cut + self.own_pairs


def _effect(G: nx.Graph, x: str, k: int, blocked: Collection[str], suspect_set: set[str],
            victim_set: set[str], reach: Callable[[str], set[str]]) -> tuple[int, int]:
    """(others' pairs cut, own pairs) for removing x from G minus ``blocked``."""
    own_role = x in suspect_set or x in victim_set
    ball = _ball(G, x, k if own_role else k - 1, blocked)
    own = 0
    if x in suspect_set:
        own += sum(1 for v in ball if v != x and v in victim_set)
    if x in victim_set:
        own += sum(1 for s in ball if s != x and s in suspect_set)
    cut = 0
    near = sorted(s for s, d in ball.items() if 0 < d <= k - 1 and s in suspect_set)
    if near:
        without_x = set(blocked) | {x}
        for s in near:
            before = reach(s) - {x}
            if before:
                after = _ball(G, s, k, without_x)
                cut += sum(1 for v in before if v not in after)
    return cut, own


def _reach_cache(G: nx.Graph, k: int, blocked: Collection[str], victim_set: set[str],
                 cache: dict[str, set[str]]) -> Callable[[str], set[str]]:
    def reach(s: str) -> set[str]:
        if s not in cache:
            cache[s] = {v for v in _ball(G, s, k, blocked) if v != s and v in victim_set}
        return cache[s]
    return reach


def key_player_effects(G: nx.Graph, nodes: Iterable[str] | None = None, *,
                       k: int = 2, as_of: str | None = None) -> dict[str, KeyPlayer]:
    """Key-player effect of each of ``nodes`` (default: every suspect), removed one at a time;
    who is a child is decided on ``as_of`` (default: the latest report date in the graph).

    >>> G = nx.Graph([("s", "a"), ("a", "v"), ("s", "v2")])
    >>> nx.set_node_attributes(G, {"s": ["suspect"], "a": [], "v": ["victim"],
    ...                            "v2": ["victim"]}, "roles")
    >>> fx = key_player_effects(G, ["a", "s"])
    >>> fx["a"], fx["s"]
    (KeyPlayer(node='a', pairs_cut=1, own_pairs=0), KeyPlayer(node='s', pairs_cut=0, own_pairs=2))
    """
    suspect_set, victim_set = _roles(G, as_of)
    targets = sorted(suspect_set) if nodes is None else sorted(set(nodes))
    return _key_player_effects(G, targets, k, suspect_set, victim_set)


def _key_player_effects(G: nx.Graph, targets: list[str], k: int, suspect_set: set[str],
                        victim_set: set[str]) -> dict[str, KeyPlayer]:
    """:func:`key_player_effects` with the roles already decided (:func:`_roles`)."""
    unknown = [x for x in targets if x not in G]
    if unknown:
        raise ValueError(f"not in the graph: {', '.join(unknown)}")
    reach = _reach_cache(G, k, (), victim_set, {})
    out = {}
    for x in targets:
        cut, own = _effect(G, x, k, (), suspect_set, victim_set, reach)
        out[x] = KeyPlayer(x, cut, own)
    return out


def key_player_effect(G: nx.Graph, node: str, *, k: int = 2, as_of: str | None = None) -> int:
    """Connections between *other* people cut by removing ``node`` alone.

    The node's own connections are not counted here (see :class:`KeyPlayer.own_pairs`):
    removing anyone ends their own connections, so they say nothing about brokerage.

    >>> G = nx.Graph([("s", "a"), ("a", "v")])
    >>> nx.set_node_attributes(G, {"s": ["suspect"], "a": [], "v": ["victim"]}, "roles")
    >>> key_player_effect(G, "a"), key_player_effect(G, "s")
    (1, 0)
    """
    return key_player_effects(G, [node], k=k, as_of=as_of)[node].pairs_cut


def greedy_disruption_set(G: nx.Graph, n: int, *, k: int = 2,
                          candidates: Iterable[str] | None = None,
                          as_of: str | None = None) -> list[tuple[str, int]]:
    """Pick up to ``n`` people one at a time, each cutting the most remaining connections.

    Returns (person, cumulative connections cut) in the order picked; ties go to the smaller
    key. A pick counts every connection that disappears, the person's own included. Stops
    early when no candidate cuts anything more. ``candidates`` defaults to everyone except
    people who are protected (children and victims are safeguarded, not disrupted; a child
    is under 18 on ``as_of``, the analysis date, default the latest report date); explicit
    ``candidates`` are still stripped of protected people. Only candidates near a pick are
    re-evaluated after it (the effect is local).

    >>> G = nx.Graph([("s1", "h"), ("s2", "h"), ("h", "v1"), ("h", "v2"), ("s3", "v3")])
    >>> nx.set_node_attributes(G, {"s1": ["suspect"], "s2": ["suspect"], "s3": ["suspect"],
    ...     "h": [], "v1": ["victim"], "v2": ["victim"], "v3": ["victim"]}, "roles")
    >>> greedy_disruption_set(G, 3)
    [('h', 4), ('s3', 5)]
    """
    suspect_set, victim_set = _roles(G, as_of)
    if candidates is None:
        pool = sorted(x for x in G if x not in victim_set)
    else:
        pool = sorted((set(candidates) & set(G)) - victim_set)
    blocked: set[str] = set()
    cache: dict[str, set[str]] = {}
    reach = _reach_cache(G, k, blocked, victim_set, cache)

    def gain(x: str) -> int:
        return sum(_effect(G, x, k, blocked, suspect_set, victim_set, reach))

    gains = {x: gain(x) for x in pool}
    radius = max(k, k - 1 + k // 2)
    total = 0
    out: list[tuple[str, int]] = []
    for _ in range(max(0, n)):
        if not gains:
            break
        best = min(gains, key=lambda x: (-gains[x], x))
        if gains[best] <= 0:
            break
        total += gains.pop(best)
        around = _ball(G, best, radius, blocked)
        blocked.add(best)
        for y in around:
            cache.pop(y, None)
        for y in sorted(around):
            if y in gains:
                gains[y] = gain(y)
        out.append((best, total))
    return out


@dataclass
class Target:
    """One suspect's disruption score (0..100) and rank, with the parts and the reasons."""

    person: str
    rank: int
    score: float
    components: dict[str, float]
    reasons: list[str]
    community: int
    linked_victims: list[VictimLink]
    key_player_pairs: int
    bridges: list[int]
    effect: OffenderEffect | None = None
    roles_seen: list[str] = field(default_factory=list)


def _norm(values: Mapping[str, float]) -> dict[str, float]:
    top = max(values.values(), default=0.0)
    return {x: (v / top if top > 0 else 0.0) for x, v in values.items()}




def _grooming(G: nx.Graph, x: str, at_risk: Collection[str]) -> float:
    """People at risk ``x`` grooms or exploits directly (:data:`GROOMING_KINDS`), each counted
    once by the strength of the link, capped at 1: one well-evidenced contact counts fully
    however many calls it holds, hearsay little, intelligence graded E (weight 0) not at all.

    >>> G = nx.Graph()
    >>> G.add_edge("r", "c1", kinds=["EXPLOITS", "phone_contact"], weight=40.0)
    >>> G.add_edge("r", "c2", kinds=["ASSOCIATE_OF"], weight=0.25)
    >>> G.add_edge("d", "c1", kinds=["together_in_vehicle"], weight=0.7)
    >>> _grooming(G, "r", {"c1", "c2"}), _grooming(G, "d", {"c1", "c2"})
    (1.25, 0.0)
    """
    total = 0.0
    for c in G[x]:
        data = G.edges[x, c]
        if c != x and c in at_risk and GROOMING_KINDS.intersection(data.get("kinds") or ()):
            total += min(1.0, max(0.0, float(data.get("weight") or 0.0)))
    return total


def _reach_part(f: OffenderEffect) -> float:
    """Reach to people at risk that *other* offenders lose without the person: their own
    contact ends with any removal, so it says nothing about lasting damage to the network."""
    return max(0.0, f.reach_lost - f.own_reach)


def _met(G: nx.Graph, x: str, at_risk: set[str], kind: str) -> int:
    return sum(1 for c in G[x] if c in at_risk and kind in (G.edges[x, c].get("kinds") or ()))


def _hosted(G: nx.Graph, x: str, at_risk: set[str]) -> int:
    return len({u for s in G.nodes[x].get("supplies") or () if s.get("type") == "premises"
                for u in s.get("used_by") or () if u in at_risk})


def score_targets(G: nx.Graph, links: Mapping[str, Sequence[VictimLink]],
                  cent: Mapping[str, Mapping[str, float]], comms: Sequence[Community], *,
                  k: int = 2, as_of: str | None = None, recent_days: int = 90,
                  weights: Mapping[str, float] | None = None,
                  cautions: Mapping[str, Sequence[str]] | None = None) -> list[Target]:
    """Score and rank every adult suspect who is not protected as a disruption target.

    Parts, each divided by its maximum over the candidates (so 0..1):

    - ``reach``: the offender network's reach to people at risk that *other* offenders lose
      when they are removed (:func:`~graphintel.analysis.offenders.offender_effects`; their
      own contact ends with any removal, so it is left out);
    - ``network``: distance-weighted fragmentation of the offender network without them;
    - ``control``: when they are the hub, the suspects in contact with children linked to
      them, less those who supply the vehicles or premises they use
      (:func:`~graphintel.analysis.supply.led_by`); plus the vehicles and premises they
      supply to other suspects (premises they only live at while another suspect owns them
      are the owner's: :func:`~graphintel.analysis.supply.own_supplies`);
    - ``brokerage``: mean of normalised betweenness and normalised number of other networks
      whose offenders the suspect has links to (Morselli's broker bridges offender groups;
      a link to a relative, colleague or child the network detection placed elsewhere is
      not brokerage);
    - ``contact``: the people at risk they groom or exploit themselves (exploitation or
      association links, calls, messages; :data:`GROOMING_KINDS`), each by the strength of
      the link capped at 1: recruiters and groomers have the direct contact, while drivers
      and hosts, who are only with children in vehicles and at premises, facilitate;
    - ``centrality``: PageRank.

    ``score = 100 * sum(weight * part) / sum(weights)``, rounded to 2 decimals; default
    weights :data:`DEFAULT_WEIGHTS`. Then the owner of premises that other candidates use
    (:func:`~graphintel.analysis.supply.premises_precedence`) is raised to 0.01 above the
    highest-scoring of those users when below them (a reason says so): the organiser owns
    the flat or takeaway the group uses (Cockbain 2018; the party model of Berelowitz et al.
    2012), and removing a user leaves the premises to the next one. Ranked by score
    (descending), then key. ``as_of`` defaults to the latest report date in the graph; it
    decides who is a child.
    ``cautions`` adds sentences before a person's reasons (e.g. a victim as a child).
    """
    w = resolve_weights(weights)
    as_of = as_of if as_of is not None else _reasons.latest_report_date(G)
    candidate_set, at_risk = _roles(G, as_of)
    people = sorted(candidate_set)
    memb = membership(comms)
    fx = offender_effects(G, suspects(G), at_risk, people)
    # the same roles key_player_effects would decide again for as_of
    kp = _key_player_effects(G, people, k, candidate_set, at_risk)
    offenders = set(suspects(G))
    bridges = {x: sorted({memb[nb] for nb in G[x] if memb.get(nb, 0) and nb in offenders}
                         - {memb.get(x, 0)})
               for x in people}
    supplies = own_supplies({x: list(G.nodes[x].get("supplies") or ()) for x in people},
                            candidate_set)
    providers = suppliers_of(supplies, candidate_set)
    leads = {x: led_by(fx.get(x), providers.get(x, ())) for x in people}
    raw: dict[str, dict[str, float]] = {
        "reach": {x: _reach_part(fx[x]) if x in fx else 0.0 for x in people},
        "network": {x: fx[x].fragmentation if x in fx else 0.0 for x in people},
        "control": {x: control(leads[x], supplies[x], candidate_set) for x in people},
        "contact": {x: _grooming(G, x, at_risk) for x in people},
        "betweenness": {x: float(cent.get(x, {}).get("betweenness", 0.0)) for x in people},
        "bridges": {x: float(len(bridges[x])) for x in people},
        "centrality": {x: float(cent.get(x, {}).get("pagerank", 0.0)) for x in people},
    }
    norm = {name: _norm(vals) for name, vals in raw.items()}
    ranks = _reasons.central_rank({x: float(c.get("pagerank", 0.0)) for x, c in cent.items()})
    cg = community_graph(G, memb)
    wsum = sum(w.values())
    scored: list[tuple[float, str, dict[str, float]]] = []
    for x in people:
        parts = {
            "reach": norm["reach"][x],
            "network": norm["network"][x],
            "control": norm["control"][x],
            "brokerage": (norm["betweenness"][x] + norm["bridges"][x]) / 2,
            "contact": norm["contact"][x],
            "centrality": norm["centrality"][x],
        }
        score = round(100 * sum(w[p] * parts[p] for p in parts) / wsum, 2)
        scored.append((score, x, {p: round(v, 4) for p, v in parts.items()}))
    lifted = {x: sc for sc, x, _ in scored}
    raised = lift_owners(lifted, premises_precedence(supplies, candidate_set))
    scored = [(lifted[x], x, parts) for _, x, parts in scored]
    scored.sort(key=lambda t: (-t[0], t[1]))
    out = []
    for rank, (score, x, parts) in enumerate(scored, start=1):
        mine = list(links.get(x, ()))
        f = fx.get(x)
        roles = _reasons.roles_text(
            controls=len(leads[x]), supplies=supplies[x],
            exploited_led=sum(1 for y in leads[x] if y in at_risk),
            contacts=sum(1 for lk in mine if lk.contact),
            drives=_met(G, x, at_risk, "together_in_vehicle"),
            hosts=_hosted(G, x, at_risk), offenders_split=f.offenders_split if f else 0,
            hub=bool(leads[x]))
        why = _reasons.reasons_for(
            links=mine, k=k, key_player_pairs=kp[x].pairs_cut,
            community_links=community_links(G, x, memb, cg),
            recent_reports=_reasons.recent_good_reports(G, x, as_of=as_of,
                                                        recent_days=recent_days),
            recent_days=recent_days, rank=ranks.get(x), n_people=len(ranks), roles=roles,
            # a lone offender's "network" is himself: no share of anyone else's reach
            reach_share=(f.reach_lost / f.network_reach)
            if f and f.network_reach and f.part_size > 1 else 0.0,
            sole_contact=len(f.sole_contact_of) if f else 0,
            cautions=list((cautions or {}).get(x, ())))
        if x in raised:
            y = raised[x]
            why.append(f"ranked just above {G.nodes[y].get('name') or y}, who uses premises "
                       "they own (the owner of the premises a group uses ranks above its users)")
        out.append(Target(person=x, rank=rank, score=score, components=parts, reasons=why,
                          community=memb.get(x, 0), linked_victims=mine,
                          key_player_pairs=kp[x].pairs_cut, bridges=bridges[x], effect=f,
                          roles_seen=_reasons.functional_roles(roles, bool(supplies[x]))))
    return out
