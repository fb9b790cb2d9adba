"""``disrupt``: what removing chosen people would do, and the best set of n to disrupt.

Beside the suspect–victim connections cut, the result gives the offender network's
fragmentation (:mod:`.fragmentation`: largest connected part, parts, efficiency) before and
after the removal, and with ``sequential`` > 0 the Montagna-style sequence: remove the
highest-betweenness unprotected suspect, recompute, repeat. ``nothing_to_cut`` says why
there is nothing to cut (no suspects, no victims, already disconnected) when that is so."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import networkx as nx

from graphintel.analysis.communities import detect_communities
from graphintel.analysis.disruption import connected_pairs, greedy_disruption_set, removal_effect
from graphintel.analysis.duplicates import (
    NAMESAKE_READ_SCORE,
    caution_pairs,
    mark_possibly_protected,
    mark_recorded_apart,
    possible_duplicates,
    recorded_apart,
)
from graphintel.analysis.fragmentation import fragmentation, nothing_to_cut, sequential_removal
from graphintel.analysis.linkage import is_suspect, is_victim, suspects
from graphintel.analysis.offenders import offender_graph
from graphintel.analysis.projection import find_person, project
from graphintel.analysis.result import person_ref
from graphintel.analysis.run import AnalysisParams
from graphintel.analysis.safeguarding import protected
from graphintel.resolve.candidates import find_candidates
from graphintel.store import Store


def disrupt(store: Store, remove: list[str], *, greedy: int = 0, sequential: int = 0,
            params: AnalysisParams | None = None) -> dict[str, Any]:
    """The effect of removing ``remove`` (victims cut off, network splits) and, with
    ``greedy`` > 0, the best set of that many people to disrupt together.

    Children and victims are never greedy picks, nor, until an analyst resolves the pair,
    a record that may be one of them recorded apart (listed under ``greedy_held_back``);
    when one is among ``remove`` the result says so under ``safeguarded`` (for them
    "removal" means moving them to safety, not enforcement)."""
    params = params or AnalysisParams()
    proj = project(store, params.projection)
    G = proj.graph
    chosen = [find_person(G, text) for text in remove]
    found = find_candidates(store, "person", min_score=NAMESAKE_READ_SCORE).candidates
    mark_possibly_protected(G, found, proj.as_of, proj.outside)
    mark_recorded_apart(G, found, proj.as_of)
    shielded = protected(G, proj.as_of)
    comms = detect_communities(G, seed=params.seed,
                               hubs={n for n in suspects(G)
                                     if n not in shielded and not is_victim(G, n)})
    out: dict[str, Any] = {"k": params.k}
    if shielded & set(chosen):
        out["safeguarded"] = [
            person_ref(G, p) | {"note": "a child or a victim: safeguard (move to safety, "
                                        "referral), never enforcement"}
            for p in chosen if p in shielded]
    if chosen:
        effect = removal_effect(G, chosen, k=params.k, communities=comms, as_of=proj.as_of)
        out["removal"] = {
            "removed": [person_ref(G, p) for p in chosen],
            "pairs_before": effect.pairs_before, "pairs_after": effect.pairs_after,
            "pairs_cut": [[person_ref(G, s), person_ref(G, v)] for s, v in effect.pairs_cut],
            "victims_cut_off": [person_ref(G, v) for v in effect.victims_cut_off],
            "components_before": effect.components_before,
            "components_after": effect.components_after,
            "network_splits": effect.network_splits,
        }
    # a record that may be a child or victim recorded apart is not a pick until resolved
    apart = recorded_apart(possible_duplicates(caution_pairs(found), G), shielded)
    out.update(network_fragmentation(G, chosen, shielded, sequential=sequential,
                                     seed=params.seed, exact_max_nodes=params.exact_max_nodes,
                                     held_back=set(apart)))
    if out["nothing_to_cut"] is None and not connected_pairs(G, params.k, as_of=proj.as_of):
        out["nothing_to_cut"] = (f"no suspect is within {params.k} links of a victim or child: "
                                 "no suspect–victim connection to cut")
    if greedy > 0:
        out["greedy"] = [person_ref(G, p) | {"cumulative_pairs_cut": cut}
                         for p, cut in greedy_disruption_set(
                             G, greedy, k=params.k, as_of=proj.as_of,
                             candidates=[x for x in G if x not in apart])]
        out["greedy_held_back"] = [
            person_ref(G, p) | {"note": "possibly the same person as a child or victim at "
                                        "risk recorded apart: resolve the pair first"}
            for p in sorted(apart)]
    return out


def network_fragmentation(G: nx.Graph, chosen: list[str], shielded: set[str], *,
                          sequential: int = 0, seed: int = 0,
                          exact_max_nodes: int = 5000,
                          held_back: Collection[str] = ()) -> dict[str, Any]:
    """``fragmentation`` (before, and after removing ``chosen``), ``sequential`` steps and
    ``nothing_to_cut`` for the offender network of ``G`` (see the module docstring);
    ``exploited_offenders``: how many of its suspects are children or victims (``shielded``),
    there as the network's relays, never removed. The ``sequential`` steps never remove a
    record ``held_back`` (possibly a child or victim recorded apart) either."""
    suspects = sorted(n for n in G if is_suspect(G, n))
    targetable = [n for n in suspects if n not in shielded]
    at_risk = sorted({n for n in G if is_victim(G, n)} | shielded)
    H = offender_graph(G, suspects)
    frag: dict[str, Any] = {"before": fragmentation(H).as_dict()}
    if chosen:
        frag["after"] = fragmentation(H, [c for c in chosen if c in H]).as_dict()
    out: dict[str, Any] = {"fragmentation": frag,
                           "exploited_offenders": len(suspects) - len(targetable),
                           "nothing_to_cut": nothing_to_cut(G, suspects, targetable, at_risk)}
    if sequential > 0:
        out["sequential"] = [
            f.as_dict() | {"person": person_ref(G, f.removed_last)}
            for f in sequential_removal(H, sequential,
                                        candidates=[n for n in targetable if n not in held_back],
                                        seed=seed, exact_max_nodes=exact_max_nodes)]
    return out
