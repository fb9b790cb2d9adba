"""The analysis result document: ranked targets with reasons and evidence paths, networks.

The shape is what ``graphintel analyse --json`` writes and what the agenda and the link
charts read::

    {"run": {...}, "targets": [{"rank", "uid", "name", "dob", "nominal_ref", "score",
     "reasons": [...], "community", "linked_victims": [{"uid", "name", "dob",
     "nominal_ref", "distance", "path": [...], "evidence": [...]}]}],
     "victims": [...], "communities": [{"id", "label", "members": [...]}]}

Everything is ordered and rounded so that the same graph and seed give the same bytes,
apart from the run's id and time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from graphintel.analysis.communities import Community
from graphintel.analysis.disruption import Target
from graphintel.analysis.linkage import VictimLink, evidence_path, is_suspect, is_victim
from graphintel.redact import age_on


def person_ref(G: nx.Graph, uid: str) -> dict[str, Any]:
    """Identity of a person in the result: uid, name, dob, nominal ref."""
    data = G.nodes[uid]
    return {"uid": uid, "name": data.get("name"), "dob": data.get("dob"),
            "nominal_ref": data.get("nominal_ref")}


def _link(G: nx.Graph, link: VictimLink, *, toward: str) -> dict[str, Any]:
    other = link.victim if toward == "victim" else link.suspect
    path = link.path if toward == "victim" else tuple(reversed(link.path))
    return {
        **person_ref(G, other),
        "distance": link.distance,
        "strength": round(link.strength, 6),
        "direct_exploitation": link.direct_exploitation,
        "path": [person_ref(G, p) | {"roles": G.nodes[p].get("roles", [])} for p in path],
        "evidence": evidence_path(G, path),
    }


def build_result(G: nx.Graph, run: dict[str, Any], cent: Mapping[str, Mapping[str, float]],
                 comms: Sequence[Community], targets: Sequence[Target],
                 by_victim: Mapping[str, Sequence[VictimLink]]) -> dict[str, Any]:
    """Assemble the result document (see the module docstring)."""
    target_rows = []
    as_of = run.get("as_of")
    for t in targets:
        c = cent.get(t.person, {})
        reasons = list(t.reasons)
        age = age_on(G.nodes[t.person].get("dob"), as_of)
        facts = ([f"is a child (age {age})"] if age is not None and age < 18 else []) + \
            (["is also assessed as a victim"] if is_victim(G, t.person) else [])
        if facts:
            reasons.insert(0, " and ".join(facts) + ": safeguarding comes before any disruption")
        target_rows.append({
            "rank": t.rank, **person_ref(G, t.person), "score": t.score,
            "roles": G.nodes[t.person].get("roles", []),
            "reasons": reasons, "community": t.community,
            "components": {k: round(v, 6) for k, v in sorted(t.components.items())},
            "key_player_pairs": t.key_player_pairs, "bridges": list(t.bridges),
            "measures": {k: round(float(v), 6) for k, v in sorted(c.items())},
            "linked_victims": [_link(G, lk, toward="victim") for lk in t.linked_victims],
        })
    victims = []
    for v in sorted(x for x in G if is_victim(G, x)):
        links = by_victim.get(v, [])
        victims.append({**person_ref(G, v), "roles": G.nodes[v].get("roles", []),
                        "suspects": [_link(G, lk, toward="suspect") for lk in links]})
    communities = []
    for comm in comms:
        members = sorted(comm.members)
        communities.append({
            "id": comm.id, "label": comm.label, "size": len(members),
            "suspects": sum(1 for m in members if is_suspect(G, m)),
            "victims": sum(1 for m in members if is_victim(G, m)),
            "members": [person_ref(G, m) | {"roles": G.nodes[m].get("roles", [])}
                        for m in members],
        })
    return {"run": run, "targets": target_rows, "victims": victims, "communities": communities}
