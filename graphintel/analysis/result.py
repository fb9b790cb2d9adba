"""The analysis result document: ranked targets with reasons and evidence paths, networks.

The shape is what ``graphintel analyse --json`` writes and what the agenda and the link
charts read::

    {"run": {...}, "targets": [{"rank", "uid", "name", "dob", "nominal_ref", "score",
     "reasons": [...], "functional_roles": [...], "effect": {...}, "community",
     "possibly_same_as": [uids of other records that may be this person],
     "linked_victims": [{"uid", "name", "dob", "nominal_ref", "child", "contact",
     "distance", "path": [...], "evidence": [...]}], "network_victims": [...]}],
     "safeguarding": [{"uid", "name", "age", "child", "reasons", "actions",
     "adults_around": [...]}], "victims": [...], "people": [...],
     "communities": [{"id", "label", "members": [...]}],
     "unfounded_suspects": [{"uid", "name", "reports": [{"ref", "grading"}]}],
     "possible_duplicates": [{"a", "b", "score", "rules", "why"}]}

``run`` holds the parameters (the time window in ``params.projection.from_date``/``to_date``
and in ``window``), the input counts, ``graph`` (density, degree and betweenness
centralisation: :mod:`.graphmeasures`) and ``skipped_hub_entities`` (entities shared by more
than ``max_shared_entity_people`` people, each with a ``text`` for display).

A person known only by a stated age also carries ``age`` and ``age_on`` as the graph holds
them (what :func:`~.safeguarding.age_of` reads), except in ``safeguarding`` and ``victims``,
whose ``age`` is the age on the analysis date (``age_on`` is then that date).

``targets`` never holds a child or a victim (:mod:`.safeguarding`); ``linked_victims`` are
only those with direct evidence of contact, ``network_victims`` the others within k links.
``safeguarding`` lists children and victims who are also assessed as suspects (exploited into
offending), with the adults in contact with them; ``victims`` every person at risk (victims
and children) with the suspects near them; ``people`` everyone's measures;
``unfounded_suspects`` the people named as suspects only in intelligence graded as suspected
false, who are not treated as suspects (:func:`~.roles.founded_roles`).

Everything is ordered and rounded so that the same graph and seed give the same bytes,
apart from the run's id and time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import networkx as nx

from graphintel.analysis.communities import Community
from graphintel.analysis.disruption import Target
from graphintel.analysis.duplicates import other_records
from graphintel.analysis.linkage import VictimLink, evidence_path, is_suspect, is_victim
from graphintel.analysis.safeguarding import SAFEGUARDING_ACTIONS, Status


def person_ref(G: nx.Graph, uid: str) -> dict[str, Any]:
    """Identity of a person in the result: uid, name, dob, nominal ref; a person with a
    stated age also has ``age`` and ``age_on`` (so a child test on the result finds them)."""
    data = G.nodes[uid]
    out = {"uid": uid, "name": data.get("name"), "dob": data.get("dob"),
           "nominal_ref": data.get("nominal_ref")}
    if data.get("age") is not None:
        out.update(age=data["age"], age_on=data.get("age_on"))
    return out


def _aged(G: nx.Graph, uid: str, age: int | None, as_of: str | None) -> dict[str, Any]:
    """:func:`person_ref` with ``age`` the age on the analysis date (``age_on`` that date
    when a stated age was kept, so the pair still reads as an age on a day)."""
    out = person_ref(G, uid) | {"age": age}
    if "age_on" in out:
        out["age_on"] = as_of
    return out


def _link(G: nx.Graph, link: VictimLink, *, toward: str) -> dict[str, Any]:
    other = link.victim if toward == "victim" else link.suspect
    path = link.path if toward == "victim" else tuple(reversed(link.path))
    return {
        **person_ref(G, other),
        "distance": link.distance,
        "strength": round(link.strength, 6),
        "direct_exploitation": link.direct_exploitation,
        "contact": link.contact,
        "child": link.child,
        "path": [person_ref(G, p) | {"roles": G.nodes[p].get("roles", [])} for p in path],
        "evidence": evidence_path(G, path),
    }


def _safeguarding(G: nx.Graph, statuses: Mapping[str, Status],
                  by_victim: Mapping[str, Sequence[VictimLink]],
                  as_of: str | None = None) -> list[dict[str, Any]]:
    out = []
    for uid in sorted(u for u, st in statuses.items() if st.exploited_into_offending):
        st = statuses[uid]
        # the age is the entry's own field, shown beside the reasons wherever they are
        if st.child or st.victim:
            who = "a child" if st.child else "assessed as a victim"
            if st.child and st.victim:
                who += " and assessed as a victim"
            reasons = [f"{who} who is also assessed as a suspect: may be exploited into "
                       "offending; safeguard and divert, never target"]
        elif st.child_signs:
            reasons = [f"of no recorded age, and may be a child: {'; '.join(st.child_signs)}; "
                       "also assessed as a suspect: safeguard and divert, never target, "
                       "and record their date of birth"]
        elif st.same_as_protected:
            reasons = [same_as_text(G, st.same_as_protected,
                                    G.nodes[uid].get("same_as_names"))]
        else:
            reasons = []
        if st.apart_from:
            reasons.append(apart_text(G, st.apart_from, G.nodes[uid].get("apart_why")))
        if st.offending_as_child_only:
            reasons.append(f"assessed as a victim as a child ({', '.join(st.victim_refs)}) and "
                           "as a suspect only while a child: exploited into offending then, "
                           "nothing recorded against them as an adult; safeguard, never target")
        said = [r for r in G.nodes[uid].get("reports") or [] if "victim" in (r.get("roles") or [])]
        if st.victim and not st.child and said and \
                all(float(r.get("strength") or 0) == 0.0 for r in said):
            reasons.append("assessed as a victim only in intelligence graded as suspected false "
                           f"({', '.join(str(r['ref']) for r in said)}): still safeguarded; "
                           "corroborate or re-grade it before relying on it either way")
        inferred = G.nodes[uid].get("victim_inferred")
        if inferred:
            reasons.append(f"recorded as exploited by another person ({', '.join(inferred)}) "
                           "though no report assesses them as a victim: treated as a victim")
        if st.age_conflict:
            reasons.append(st.age_conflict)
        adults = [lk for lk in by_victim.get(uid, []) if lk.contact]
        if adults:
            reasons.append(f"in direct contact with {len(adults):,} adult suspect"
                           f"{'' if len(adults) == 1 else 's'}")
        out.append({**_aged(G, uid, st.age, as_of), "child": st.child,
                    "victim": st.victim, "roles": G.nodes[uid].get("roles", []),
                    "victim_refs": list(st.victim_refs), "reasons": reasons,
                    "actions": list(SAFEGUARDING_ACTIONS),
                    "adults_around": [_link(G, lk, toward="suspect") for lk in adults]})
    return out


def same_as_text(G: nx.Graph, others: Sequence[str],
                 names_of: Mapping[str, str] | None = None) -> str:
    """Why a suspect of no known age is safeguarded: they may be a child or victim recorded
    apart (:func:`~graphintel.analysis.duplicates.mark_possibly_protected`; ``names_of``:
    the names it recorded, for those not in ``G``)."""
    names = ", ".join((names_of or {}).get(o) or str(G.nodes[o].get("name") or o)
                      if o not in G else str(G.nodes[o].get("name") or o) for o in others)
    return (f"possibly the same person as {names}, a child or victim at risk recorded apart "
            "(a name like theirs, no date of birth or age on this record): safeguarded, never "
            "targeted, until an analyst resolves the pair (graphintel resolve merge, or "
            "reject if they are different people)")


def apart_text(G: nx.Graph, others: Sequence[str],
               why: Mapping[str, str] | None = None) -> str:
    """Why a record of full identity is safeguarded: it may be a child or victim recorded
    apart (:func:`~graphintel.analysis.duplicates.mark_recorded_apart`)."""
    parts = [f"{G.nodes[o].get('name') or o if o in G else o}"
             + (f" ({(why or {}).get(o)})" if (why or {}).get(o) else "") for o in others]
    return (f"possibly the same person as {', '.join(parts)}, a child or victim at risk "
            "recorded apart: safeguarded, never targeted, until an analyst resolves the pair "
            "(graphintel resolve merge, or reject if they are different people)")


def _unfounded(G: nx.Graph) -> list[dict[str, Any]]:
    """People whom only intelligence graded as suspected false assesses as suspects (not
    treated as suspects: :func:`~graphintel.analysis.roles.founded_roles`), with the
    reports that say so."""
    out = []
    for uid in sorted(G):
        if "suspect" in (G.nodes[uid].get("unfounded_roles") or ()):
            refs = [{"ref": r["ref"], "grading": r.get("grading")}
                    for r in G.nodes[uid].get("reports") or []
                    if "suspect" in (r.get("roles") or ())]
            out.append({**person_ref(G, uid), "reports": refs})
    return out


def build_result(G: nx.Graph, run: dict[str, Any], cent: Mapping[str, Mapping[str, float]],
                 comms: Sequence[Community], targets: Sequence[Target],
                 by_victim: Mapping[str, Sequence[VictimLink]],
                 statuses: Mapping[str, Status] | None = None,
                 duplicates: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    """Assemble the result document (see the module docstring); ``duplicates`` as
    :func:`~graphintel.analysis.duplicates.possible_duplicates` lists them."""
    statuses = statuses or {}
    same_as = other_records(duplicates)
    target_rows = []
    for t in targets:
        c = cent.get(t.person, {})
        f = t.effect
        target_rows.append({
            "rank": t.rank, **person_ref(G, t.person), "score": t.score,
            "roles": G.nodes[t.person].get("roles", []),
            "reasons": list(t.reasons), "functional_roles": list(t.roles_seen),
            "community": t.community,
            "components": {k: round(v, 6) for k, v in sorted(t.components.items())},
            "effect": {} if f is None else {
                "reach_lost": round(f.reach_lost, 6), "own_reach": round(f.own_reach, 6),
                "fragmentation": round(f.fragmentation, 6),
                "offenders_split": f.offenders_split, "controls": list(f.controls),
                "sole_contact_of": list(f.sole_contact_of), "exact": f.exact},
            "supplies": list(G.nodes[t.person].get("supplies") or []),
            "key_player_pairs": t.key_player_pairs, "bridges": list(t.bridges),
            "possibly_same_as": same_as.get(t.person, []),
            "measures": {k: round(float(v), 6) for k, v in sorted(c.items())},
            "linked_victims": [_link(G, lk, toward="victim") for lk in t.linked_victims
                               if lk.contact],
            "network_victims": [_link(G, lk, toward="victim") for lk in t.linked_victims
                                if not lk.contact],
        })
    victims = []
    at_risk = {u for u, st in statuses.items() if st.protected or st.victim}
    for v in sorted(at_risk | {x for x in G if is_victim(G, x)}):
        links = by_victim.get(v, [])
        st = statuses.get(v)
        aged = _aged(G, v, st.age if st else None, run.get("as_of"))
        ages: dict[str, Any] = {k: aged[k] for k in ("age", "age_on") if k in aged}
        victims.append({**person_ref(G, v), "roles": G.nodes[v].get("roles", []), **ages,
                        "child": bool(st and st.child),
                        **({"age_conflict": st.age_conflict} if st and st.age_conflict else {}),
                        "safeguarding": True,
                        "suspects": [_link(G, lk, toward="suspect") for lk in links]})
    people = []
    for uid in sorted(G):
        st = statuses.get(uid)
        people.append({"uid": uid, "name": G.nodes[uid].get("name"),
                       "roles": G.nodes[uid].get("roles", []),
                       "age": st.age if st else None,
                       "protected": bool(st and st.protected),
                       **({"same_as_protected": list(st.same_as_protected)}
                          if st and st.same_as_protected else {}),
                       **({"age_conflict": st.age_conflict} if st and st.age_conflict else {}),
                       **({"unfounded_roles": G.nodes[uid]["unfounded_roles"]}
                          if G.nodes[uid].get("unfounded_roles") else {}),
                       "measures": {k: round(float(v), 6)
                                    for k, v in sorted(cent.get(uid, {}).items())}})
    communities = []
    for comm in comms:
        members = sorted(comm.members)
        communities.append({
            "id": comm.id, "label": comm.label, "size": len(members),
            "suspects": sum(1 for m in members if is_suspect(G, m)),
            "victims": sum(1 for m in members if m in at_risk or is_victim(G, m)),
            "members": [person_ref(G, m) | {"roles": G.nodes[m].get("roles", [])}
                        for m in members],
        })
    return {"run": run, "targets": target_rows,
            "safeguarding": _safeguarding(G, statuses, by_victim, run.get("as_of")),
            "victims": victims,
            "people": people, "communities": communities,
            "unfounded_suspects": _unfounded(G),
            "possible_duplicates": list(duplicates)}
