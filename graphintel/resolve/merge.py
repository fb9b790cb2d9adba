"""Merge entity A into entity B in one transaction, and undo such a merge exactly.

A merge moves every relationship of A (both directions, any type of the model, report
mentions included) onto B; only the scores of stored analysis runs stay with A's
snapshot (those runs scored A as it was). Where B already has the same link (type, direction,
other end) the two are combined: report refs, times, notes and roles unioned, first seen
the earlier, last seen the later, counts recomputed as ingest does, ``extracted`` only
when both were. B keeps its own values and gains what it lacked from A; roles, aliases
(A's name among them), flags and raw variants are unioned. Links between A and B would
become self-links and are dropped (kept in the snapshot). A is then deleted.

The :class:`MergeDecision` node keeps A and B as they were (labels, every property, every
relationship A had and every relationship of B the merge touched) and a hash of B's
state right after the merge, so :func:`.undo.undo_merge` can put both back exactly and can
list what changed on B since (and keep it on B when forced).

A merge locks both records (then the records linked to them) inside its write
transaction before reading them, so of two merges on overlapping records the second
waits and then sees the first's result; two people are checked for conflicts
(:mod:`.conflicts`) before anything changes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from graphintel import derived, model
from graphintel.errors import GraphintelError, NotFound
from graphintel.resolve.conflicts import (
    Conflict,
    MergeConflicts,
    kept_values,
    latest_analysis_date,
    parse_despite,
    person_conflicts,
    younger_stated,
)
from graphintel.resolve.records import (
    EntityRef,
    lock_entities,
    new_id,
    now,
    record_decision,
    rel_key,
    require_present,
    snapshot,
    state_digest,
)
from graphintel.store import Store, Tx

#: Person properties B never takes from A: identity, and values recomputed here. (A's
#: identity keys, ``keys``, stay A's own, but the key nodes that name A are pointed at B:
#: a later load naming A by them joins B; an undo points them back.)
_NO_FILL = frozenset({"uid", "key", "keys", "name", "name_key", "name_dob", "loaded_at",
                      "aliases_text", "merged_uids", "aliases", "other_nominal_refs",
                      "other_dobs"})
_UNION = ("roles", "flags", "variants", "victim_in_narratives")
#: Links not moved to B: a stored analysis run scored A as it was, so its Score stays A's
#: (``person_uid``), detached; B's profile must not show two scores for one run.
NOT_MOVED = frozenset({"FOR"})


@dataclass(frozen=True)
class MergeResult:
    """What a merge did."""

    id: str
    a_uid: str
    b_uid: str
    moved: int
    combined: int
    dropped: int
    reports: int
    scores: int
    #: Conflicts the analyst accepted (``--despite``), in words.
    conflicts: tuple[str, ...] = ()
    #: Where A's and B's values disagreed, which were kept and where A's went.
    kept: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {k: list(v) if isinstance(v, tuple) else v for k, v in self.__dict__.items()}


def _union(*lists: Any) -> list[Any]:
    out: list[Any] = []
    for values in lists:
        for v in values or []:
            if v not in out:
                out.append(v)
    return out


def merged_props(a: dict[str, Any], b: dict[str, Any], person: bool) -> dict[str, Any]:
    """B's properties after taking in A (B wins; A fills gaps; lists are unioned)."""
    out = dict(b)
    for k, v in a.items():
        if k in _NO_FILL or k in _UNION:
            continue
        if k == "extracted_only":
            out[k] = bool(v) and bool(b.get(k, True))
        elif out.get(k) is None:
            out[k] = v
    for k in _UNION:
        if k == "flags" and not person:
            continue  # a phone's or place's flags describe its own key, which B keeps
        if k in a or k in b:
            out[k] = _union(b.get(k), a.get(k))
    if person:
        names = [a.get("name"), *(a.get("aliases") or [])]
        out["aliases"] = _union(b.get("aliases"), [n for n in names if n and n != b.get("name")])
        out["aliases_text"] = "".join(f"{x} ; " for x in out["aliases"])
        if not out.get("name_dob") and out.get("dob") and b.get("name_key"):
            out["name_dob"] = f"{b['name_key']}|{out['dob']}"
        # of the names given with the dob kept, the first in text order, as a load keeps
        given = sorted(str(k)[3:] for k in out.get("keys") or ()
                       if str(k).startswith("nd:") and str(k).endswith(f"|{out.get('dob')}"))
        if given and out.get("dob"):
            out["name_dob"] = given[0]
        if out.get("dob") or out.get("nominal_ref"):
            out["flags"] = [f for f in out.get("flags") or [] if f != "no_dob_or_nominal_ref"]
        others = [a.get("nominal_ref")] if a.get("nominal_ref") != out.get("nominal_ref") else []
        extra = [r for r in _union(b.get("other_nominal_refs"), others,
                                   a.get("other_nominal_refs")) if r]
        if extra:
            out["other_nominal_refs"] = extra
        if younger_stated(a, b):  # the age that protects is never lost
            out["age"], out["age_on"] = a.get("age"), a.get("age_on")
        dobs = [a.get("dob")] if a.get("dob") and a.get("dob") != out.get("dob") else []
        other_dobs = _union(b.get("other_dobs"), dobs, a.get("other_dobs"))
        if other_dobs:  # nothing lost: a disagreeing date of birth stays on the record
            out["other_dobs"] = [d for d in other_dobs if d != out.get("dob")]
    out["merged_uids"] = _union(b.get("merged_uids"), [a["uid"]], a.get("merged_uids"))
    return out


def _bigger(x: Any, y: Any, pick: Any) -> Any:
    try:
        return pick(x, y)
    except TypeError:
        return x


def combine_link(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Properties of one link after folding ``extra`` (A's) into ``base`` (B's)."""
    out = dict(base)
    for k, v in extra.items():
        cur = out.get(k)
        if cur is None:
            out[k] = v
        elif k == "first_seen":
            out[k] = _bigger(cur, v, min)
        elif k in ("last_seen", "reported_count"):
            out[k] = _bigger(cur, v, max)
        elif k == "extracted":
            out[k] = bool(cur) and bool(v)
        elif k == "strong":
            out[k] = bool(cur) or bool(v)
        elif isinstance(cur, list) and isinstance(v, list):
            out[k] = _union(cur, v)
    if "count" in out:
        seen = out["times"] if out.get("times") is not None else out.get("refs") or []
        out["count"] = max(int(out.get("reported_count") or 0), len(seen))
    return out


def fold_links(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """How A's links fold into B's: A's links by key (those that move), B's links with
    those keys, each key's combined properties, and the counts of links dropped (A-B
    links) and scores left with A. ``a`` and ``b`` are snapshots (a merge's own, or those
    a decision stored)."""
    a_uid, b_uid = a["props"]["uid"], b["props"]["uid"]
    ends = {f"uid:{a_uid}", f"uid:{b_uid}"}
    b_links: dict[tuple[str, bool, str], list[dict[str, Any]]] = defaultdict(list)
    for r in b["rels"]:
        b_links[rel_key(r)].append(r)
    groups: dict[tuple[str, bool, str], list[dict[str, Any]]] = defaultdict(list)
    dropped = scores = 0
    for r in a["rels"]:
        if r["locator"] in ends:
            dropped += 1
        elif r["type"] in NOT_MOVED:
            scores += 1
        else:
            groups[rel_key(r)].append(r)
    combined = {}
    for key, rels in sorted(groups.items()):
        existing = b_links.get(key, [])
        props = existing[0]["props"] if existing else rels[0]["props"]
        for r in rels if existing else rels[1:]:
            props = combine_link(props, r["props"])
        combined[key] = props
    return {"groups": groups, "b_links": b_links, "combined": combined, "dropped": dropped,
            "scores": scores}


def plan_merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Work out a merge from the two snapshots: B's new properties, links to update,
    links to create, links dropped, the keys touched and B's state afterwards."""
    fold = fold_links(a, b)
    groups, b_links = fold["groups"], fold["b_links"]
    updates, creates, after = [], [], []
    for key, rels in sorted(groups.items()):
        existing = b_links.get(key, [])
        props = fold["combined"][key]
        after.append({**rels[0], "props": props})
        after.extend(existing[1:])
        if existing:
            updates.append({"id": existing[0]["id"], "props": props})
        else:
            other = rels[0]["other"]
            ends_of = (b["element_id"], other) if key[1] else (other, b["element_id"])
            creates.append({"from": ends_of[0], "to": ends_of[1], "type": key[0],
                            "props": props})
    person = model.PERSON in a["labels"]
    b_props = merged_props(a["props"], b["props"], person)
    return {
        "b_props": b_props, "updates": updates, "creates": creates,
        "dropped": fold["dropped"], "scores": fold["scores"],
        "touched": [list(k) for k in sorted(groups)],
        "b_before": [r for r in b["rels"] if rel_key(r) in groups],
        "after_digest": state_digest(b_props, after),
    }


def _linked_uids(snap: dict[str, Any]) -> list[str]:
    """Uids of the entities at the other end of a snapshot's relationships."""
    return [str(r["other_uid"]) for r in snap["rels"] if r.get("other_uid")]


def _strip(rel: dict[str, Any]) -> dict[str, Any]:
    return {"type": rel["type"], "out": rel["out"], "locator": rel["locator"],
            "props": rel["props"]}


def _lock_linked(tx: Tx, a_uid: str, b_uid: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Snapshots of A and B with the entities linked to them write-locked as well.

    A and B are already locked. Their neighbours are locked too, so that none is merged
    away (and its link to A or B deleted) while the merge copies links to it; a neighbour
    gone meanwhile drops out of a fresh snapshot, and new ones are locked in turn.
    """
    locked: set[str] = set()
    for _ in range(5):
        sa, sb = snapshot(tx, a_uid), snapshot(tx, b_uid)
        if sa is None or sb is None:  # cannot happen while A and B are locked
            raise NotFound(f"{a_uid if sa is None else b_uid} no longer exists")
        new = {*_linked_uids(sa), *_linked_uids(sb)} - {a_uid, b_uid} - locked
        if not new:
            return sa, sb
        locked |= lock_entities(tx, sorted(new))
    raise GraphintelError(f"the records linked to {a_uid} and {b_uid} keep changing", None,
                          "try the merge again in a moment")


def apply_merge(tx: Tx, a_uid: str, b_uid: str, *,
                check: Callable[[dict[str, Any], dict[str, Any]], None] | None = None,
                ) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    """Merge A into B inside ``tx``, recording no decision: A's snapshot, B's, the plan
    and the reports whose suggested people named A (now B).

    A and B (then the entities linked to them) are write-locked first and read only
    after that, inside ``tx``: of two merges on overlapping records the second waits,
    then sees what the first did (a record merged away meanwhile stops it, saying into
    which record). ``check`` sees both snapshots before anything changes and may refuse.

    :func:`merge` records the analyst's decision around it; ingest uses it alone when a
    report's identity keys show two people to be one (see ``graphintel.ingest.normalise``).
    """
    require_present(tx, [a_uid, b_uid], lock_entities(tx, [a_uid, b_uid]))
    sa, sb = _lock_linked(tx, a_uid, b_uid)
    if check is not None:
        check(sa, sb)
    plan = plan_merge(sa, sb)
    reports = [{"ref": r["ref"], "uids": r["uids"]}
               for r in tx.run("resolve_suggesting_reports", uid=a_uid)]
    tx.run("resolve_delete_entity", uid=a_uid)
    if "Person" in sa["labels"]:
        tx.run("resolve_move_keys", keys=list(sa["props"].get("keys") or []),
               from_uid=a_uid, to_uid=b_uid)
    tx.run("resolve_set_entity", uid=b_uid, props=plan["b_props"])
    tx.run("resolve_update_rels", rows=plan["updates"])
    tx.run("resolve_create_rels", rows=plan["creates"])
    tx.run("resolve_set_suggested", rows=[
        {"ref": r["ref"], "uids": _union([b_uid if x == a_uid else x for x in r["uids"]])}
        for r in reports])
    derived.refresh(tx, derived.Touched.everything(
        [b_uid, *_linked_uids(sa), *_linked_uids(sb)]))
    return sa, sb, plan, reports


def merge(store: Store, a_ref: str, b_ref: str, *, reason: str, user: str,
          despite: Collection[str] | str | None = None) -> MergeResult:
    """Merge A into B (both uids or nominal refs) in one transaction; B is kept.

    Two people are checked for conflicts first (:mod:`.conflicts`: dates of birth, a
    child and an adult on the latest analysis run's date or today, genders, nominal
    references, a pair the finder would not propose, a rejected pair). Any conflict not
    named in ``despite`` (codes, e.g. ``["dob", "child_adult"]``) refuses the merge with
    :class:`MergeConflicts` listing them all; those accepted are recorded with the
    decision, as are the values kept where A and B disagreed.
    """
    if not reason.strip():
        raise GraphintelError("a merge needs a reason", "--reason",
                              "say why the analyst believes these are one")
    accepted = parse_despite(despite)
    a, b = EntityRef.find(store, a_ref), EntityRef.find(store, b_ref)
    if a.uid == b.uid:
        raise GraphintelError(f"{a_ref!r} and {b_ref!r} are the same entity ({a.uid})", None,
                              "give two different entities")
    if a.label != b.label:
        raise GraphintelError(f"cannot merge a {a.label} into a {b.label}", None,
                              "merge only entities of the same type")
    decision_id = new_id("merge")

    def work(tx: Tx) -> MergeResult:
        found: list[Conflict] = []

        def check(sa: dict[str, Any], sb: dict[str, Any]) -> None:
            rows = tx.run("resolve_rejection", a_uid=a.uid, b_uid=b.uid)
            rejected = rows[0]["d"] if rows else None
            if model.PERSON in sa["labels"]:
                found.extend(person_conflicts(sa, sb, rejected=rejected,
                                              analysis_date=latest_analysis_date(tx)))
            elif rejected:
                found.append(Conflict("rejected", f"recorded as different by decision "
                                                  f"{rejected['id']}"))
            if any(c.code not in accepted for c in found):
                raise MergeConflicts(a.uid, b.uid, found)

        sa, sb, plan, reports = apply_merge(tx, a.uid, b.uid, check=check)
        kept = kept_values(sa["props"], sb["props"]) if model.PERSON in sa["labels"] else []
        snap = {"version": 1,
                "a": {"labels": sa["labels"], "props": sa["props"],
                      "rels": [_strip(r) for r in sa["rels"]]},
                "b": {"labels": sb["labels"], "props": sb["props"],
                      "rels": [_strip(r) for r in plan["b_before"]]},
                "touched": plan["touched"], "reports": reports,
                "after_digest": plan["after_digest"]}
        summary = MergeResult(decision_id, a.uid, b.uid, len(plan["creates"]),
                              len(plan["updates"]), plan["dropped"], len(reports),
                              plan["scores"], tuple(str(c) for c in found), tuple(kept))
        record_decision(tx, {
            "id": decision_id, "kind": "merge", "a_uid": a.uid, "b_uid": b.uid,
            "a_label": a.name, "b_label": b.name, "entity": a.label, "reason": reason.strip(),
            "user": user, "at": now(), "status": "applied",
            "conflicts": [str(c) for c in found] or None,
            "despite": sorted({c.code for c in found}) or None,
            "kept_values": kept or None,
            "snapshot_json": json.dumps(snap, ensure_ascii=False, sort_keys=True),
            "summary_json": json.dumps(summary.as_dict(), sort_keys=True)})
        return summary

    result, _ = store.write_tx(work)
    return result
