"""How well the analysis finds what the synthetic ground truth says is there."""

from __future__ import annotations

from typing import Any

from graphintel.clean import name_key

KEY_ROLES = {"organiser", "recruiter", "broker"}


def uid_index(result: dict[str, Any]) -> dict[tuple[str, str | None], str]:
    """(name key, dob) and ("ref", nominal) of every person in the result, to its uid."""
    index: dict[tuple[str, str | None], str] = {}
    for comm in result["communities"]:
        for m in comm["members"]:
            index[(name_key(m["name"]), m["dob"])] = m["uid"]
            if m.get("nominal_ref"):
                index[("ref", m["nominal_ref"])] = m["uid"]
    return index


def truth_uids(truth: dict[str, Any], index: dict[tuple[str, str | None], str]) -> dict[str, str]:
    """Ground-truth person id to graph uid (by nominal reference, else name + dob)."""
    out = {}
    for pid, p in truth["people"].items():
        uid = index.get(("ref", p.get("nominal_ref"))) if p.get("nominal_ref") else None
        uid = uid or index.get((name_key(p["name"]), p["dob"]))
        if uid:
            out[pid] = uid
    return out


def evaluate(result: dict[str, Any], truth: dict[str, Any]) -> dict[str, Any]:
    """precision@k of key roles among the top targets; recall of true victim links."""
    uids = truth_uids(truth, uid_index(result))
    brokers = {b["person"] for b in truth.get("brokers", [])}
    key_people = {uids[pid] for pid, p in truth["people"].items() if pid in uids
                  and (p["true_role"] in KEY_ROLES or pid in brokers)}
    ranked = [t["uid"] for t in result["targets"]]
    out: dict[str, Any] = {"key_people": len(key_people), "targets": len(ranked)}
    for k in (10, 20, max(1, len(key_people))):
        top = ranked[:k]
        out[f"precision@{k}"] = round(sum(1 for u in top if u in key_people) / max(1, len(top)), 3)
    linked = {(t["uid"], v["uid"]) for t in result["targets"] for v in t["linked_victims"]}
    true_links = [(uids.get(s), uids.get(v)) for s, v in truth["victim_links"]]
    found = sum(1 for s, v in true_links if s and v and (s, v) in linked)
    out["victim_link_recall"] = round(found / max(1, len(true_links)), 3)
    out["victim_links_true"] = len(true_links)
    return out
