"""Score an analysis result against a data set's ground truth, beside a naive baseline.

Every data set's truth is first turned into one :class:`Truth` (people by nominal reference or
name + date of birth; key offenders; each network's organisers and members; true offender ->
child contact pairs; people who must be safeguarded). :func:`evaluate` then gives the figures
VALIDATION.md reports, for graphintel and for the naive script an analyst might write instead
(suspects ranked by weighted betweenness; every victim within two links counted as linked).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from graphintel.clean import name_key

KeyT = str
#: graphintel's stored measures of every person, each also scored alone (suspects ranked by
#: it, as the naive script ranks them by betweenness).
MEASURES = ("betweenness", "closeness", "degree", "kcore", "pagerank", "strength")


@dataclass
class Truth:
    """Ground truth in one shape; keys are truth ids, matched to graph uids by identity."""

    identity: dict[KeyT, tuple[str | None, str | None, str | None]]  # nominal, name, dob
    key_offenders: set[KeyT] = field(default_factory=set)
    networks: list[dict[str, Any]] = field(default_factory=list)  # {id, organisers, members}
    child_links: set[tuple[KeyT, KeyT]] = field(default_factory=set)
    protected: set[KeyT] = field(default_factory=set)
    #: Each person's true role as the data set names it (with the network's shape when it
    #: has one), to say who the misses of precision@k are; empty when the truth has none.
    roles: dict[KeyT, str] = field(default_factory=dict)


def from_synth(t: dict[str, Any]) -> Truth:
    """Truth of graphintel's own generator (``graphintel synth``; ``sample/``)."""
    ident = {pid: (p.get("nominal_ref"), p["name"], p.get("dob")) for pid, p in t["people"].items()}
    brokers = {b["person"] for b in t.get("brokers", [])}
    prot = {v for n in t["networks"] for v in n.get("victims", [])}
    # A child or victim recruiting others (peer recruitment) is safeguarded, never a
    # target: the truth cannot expect one among the targets, so they are not key here.
    key = {pid for pid, p in t["people"].items()
           if (p["true_role"] in {"organiser", "recruiter", "broker"} or pid in brokers)
           and pid not in prot and not _child_on(p.get("dob"), t.get("as_of"))}
    nets = [{"id": n["id"], "organisers": list(n.get("organisers", [])),
             "members": list(n["members"])} for n in t["networks"]]
    links = {(s, v) for s, v in t["victim_links"]}
    return Truth(ident, key, nets, links, prot)


def _child_on(dob: str | None, as_of: str | None) -> bool:
    """Under 18 on ``as_of`` (both ISO dates); False when either is unknown."""
    if not dob or not as_of:
        return False
    born, day = dob[:10], as_of[:10]
    return int(day[:4]) - int(born[:4]) - (day[5:] < born[5:]) < 18


def from_scenarios(t: dict[str, Any]) -> Truth:
    """Truth of the independent scenario generator (``validation/scenarios``)."""
    people = t["people"]
    ident = {k: (p.get("nominal_ref"), p.get("name"), p.get("dob")) for k, p in people.items()}
    nets = [{"id": n["id"], "shape": n.get("shape"),
             "organisers": [n["organiser"]] if n.get("organiser") else [],
             "members": list(n.get("members", []))} for n in t["networks"]]
    links = {(o, c) for o, kids in t["child_links"].items() for c in kids}
    prot = {k for k, p in people.items()
            if p.get("is_child_at") or p.get("true_role") in {"child_victim", "adult_victim",
                                                                "peer_recruiter"}}
    shape = {m: n.get("shape") for n in t["networks"] for m in n.get("members", [])}
    roles = {k: str(p.get("true_role") or "unknown")
             + (f" ({str(shape[k]).replace('_', ' ')})" if shape.get(k) else "")
             for k, p in people.items()}
    return Truth(ident, set(t["key_offenders"]), nets, links, prot, roles)


def from_kosmas(t: dict[str, Any]) -> Truth:
    """Truth of a Kosmas et al. network: traffickers are the key offenders."""
    ident: dict[KeyT, tuple[str | None, str | None, str | None]] = {
        str(ref): (str(ref), None, None) for ref in t["roles"]}
    nets = [{"id": 1, "organisers": [], "members": sorted(ident)}]
    prot = set(t["victims"]) | set(t["minors"]) | set(t.get("bottoms", []))
    return Truth(ident, set(t["traffickers"]), nets, set(), prot)


def from_caviar(t: dict[str, Any]) -> Truth:
    """Truth of CAVIAR: the 23 named key participants; N1 the organiser."""
    refs: dict[str, str] = t["nominal_refs"]
    ident: dict[KeyT, tuple[str | None, str | None, str | None]] = {
        node: (ref, None, None) for node, ref in refs.items()}
    nets = [{"id": 1, "organisers": ["N1"], "members": sorted(refs)}]
    return Truth(ident, set(t["key_players"]) & set(refs), nets, set(), set())


def _index(result: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    index: dict[tuple[str, str | None], str] = {}
    for comm in result["communities"]:
        for m in comm["members"]:
            index[(name_key(m["name"] or ""), m["dob"])] = m["uid"]
            if m.get("nominal_ref"):
                index[("ref", m["nominal_ref"])] = m["uid"]
    return index


def uids(truth: Truth, result: dict[str, Any]) -> dict[KeyT, str]:
    """Truth id -> graph uid, by nominal reference, else name + date of birth."""
    index = _index(result)
    out = {}
    for key, (ref, name, dob) in truth.identity.items():
        uid = index.get(("ref", ref)) if ref else None
        uid = uid or (index.get((name_key(name), dob)) if name else None)
        if uid:
            out[key] = uid
    return out


def _pr(found: set[tuple[str, str]], true: set[tuple[str, str]]) -> tuple[float, float]:
    hit = len(found & true)
    return (round(hit / len(found), 3) if found else 0.0,
            round(hit / len(true), 3) if true else 0.0)


def _shortfall(truth: Truth, u: dict[KeyT, str], key: set[str], ranked: list[str],
               k: int) -> dict[str, dict[str, int]]:
    """Who precision@k misses, by true role: the people in the top k who are not key
    offenders, and the key offenders below the top k (or not among the targets at all).

    >>> t = Truth({"a": ("1", None, None), "b": ("2", None, None), "c": ("3", None, None)},
    ...           {"a", "b"}, roles={"a": "organiser", "b": "broker", "c": "groomer"})
    >>> _shortfall(t, {"a": "A", "b": "B", "c": "C"}, {"A", "B"}, ["A", "C", "B"], 2)
    {'top_k_not_key': {'groomer': 1}, 'key_below_k': {'broker': 1}}
    """
    role_of = {uid: truth.roles.get(key_id, "unknown") for key_id, uid in u.items()}
    top = ranked[:k]
    above = Counter(role_of.get(x, "unknown") for x in top if x not in key)
    below = Counter(role_of[x] for x in key if x not in top)
    return {"top_k_not_key": dict(sorted(above.items())),
            "key_below_k": dict(sorted(below.items()))}


def evaluate(result: dict[str, Any], truth: Truth) -> dict[str, Any]:
    """The figures for one data set: graphintel's, then the naive script's (``naive_*``)."""
    u = uids(truth, result)
    key = {u[k] for k in truth.key_offenders if k in u}
    prot = {u[k] for k in truth.protected if k in u}
    ranked = [t["uid"] for t in result["targets"]]
    k = max(1, len(key))
    people = {p["uid"]: p for p in result["people"]}
    suspects = [p for p in result["people"] if "suspect" in (p.get("roles") or [])]
    naive = [p["uid"] for p in sorted(
        suspects, key=lambda p: (-p["measures"].get("betweenness", 0.0), p["uid"]))]
    naive_all = [p["uid"] for p in sorted(
        result["people"], key=lambda p: (-p["measures"].get("betweenness", 0.0), p["uid"]))]
    flagged = {v["uid"] for v in result["victims"]} | {s["uid"] for s in result["safeguarding"]}
    out: dict[str, Any] = {
        "people": len(people), "mapped": len(u), "key_offenders": len(key), "k": k,
        "targets": len(ranked),
        "protected_as_targets": sum(1 for x in ranked if x in prot or people.get(
            x, {}).get("protected")),
        "protected_flagged": round(len(prot & flagged) / len(prot), 3) if prot else None,
        "precision_at_k": round(sum(1 for x in ranked[:k] if x in key) / k, 3),
        "naive_precision_at_k": round(sum(1 for x in naive[:k] if x in key) / k, 3),
        "naive_protected_in_top_k": sum(1 for x in naive[:k] if x in prot),
        "naive_all_precision_at_k": round(sum(1 for x in naive_all[:k] if x in key) / k, 3),
        "naive_all_protected_in_top_k": sum(1 for x in naive_all[:k] if x in prot),
    }
    # each of graphintel's stored measures alone, over the same suspects as the naive script
    out["measure_precision_at_k"] = {
        m: round(sum(1 for p in sorted(suspects, key=lambda p: (
            -p["measures"].get(m, 0.0), p["uid"]))[:k] if p["uid"] in key) / k, 3)
        for m in MEASURES}
    if truth.roles:
        out.update(_shortfall(truth, u, key, ranked, k))
    firsts, naive_firsts, counted = 0, 0, 0
    for net in truth.networks:
        orgs = {u[o] for o in net["organisers"] if o in u}
        members = {u[m] for m in net["members"] if m in u}
        if not orgs:
            continue
        counted += 1
        mine = [x for x in ranked if x in members]
        firsts += bool(mine and mine[0] in orgs)
        theirs = [x for x in naive if x in members]
        naive_firsts += bool(theirs and theirs[0] in orgs)
    out["networks_with_organiser"] = counted
    out["organiser_first"] = round(firsts / counted, 3) if counted else None
    out["naive_organiser_first"] = round(naive_firsts / counted, 3) if counted else None
    if truth.child_links:
        true = {(u[a], u[b]) for a, b in truth.child_links if a in u and b in u}
        found = {(t["uid"], v["uid"]) for t in result["targets"] for v in t["linked_victims"]}
        wide = found | {(t["uid"], v["uid"]) for t in result["targets"]
                        for v in t.get("network_victims", [])}
        targeted = {t["uid"] for t in result["targets"]}
        true_t = {p for p in true if p[0] in targeted}
        out["linked_precision"], out["linked_recall"] = _pr(found, true_t)
        out["naive_linked_precision"], out["naive_linked_recall"] = _pr(wide, true_t)
        out["true_child_links"] = len(true_t)
    return out
