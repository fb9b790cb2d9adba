"""Analyst decisions on candidate pairs: reject, undo, and the decision log.

Every decision is a ``MergeDecision`` node (kind ``merge``, ``reject`` or ``undo``) with
who, when and why. A reject in force keeps the pair out of the candidate list; undoing it
lets the pair be proposed again. Undoing a merge restores both entities exactly (see
:mod:`.merge`) and records an ``undo`` decision; the merge is kept, marked undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphintel.errors import GraphintelError, NotFound
from graphintel.resolve.records import (
    EntityRef,
    lock_entities,
    new_id,
    now,
    record_decision,
    require_present,
)
from graphintel.resolve.undo import undo_merge
from graphintel.store import Store, Tx


@dataclass(frozen=True)
class Decision:
    """A decision just made."""

    id: str
    kind: str
    a_uid: str
    b_uid: str
    detail: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "a_uid": self.a_uid, "b_uid": self.b_uid,
                **self.detail}


def reject(store: Store, a_ref: str, b_ref: str, *, reason: str | None,
           user: str) -> Decision:
    """Record that A and B are different, so the pair is not proposed again.

    Both records are locked and checked inside the transaction (one merged away
    meanwhile stops it, saying into which record). Rejecting a pair already rejected
    returns the decision in force; a new reason given then replaces its reason, the
    earlier one kept in ``earlier_reasons`` (``detail["reason_updated"]``).
    """
    a, b = EntityRef.find(store, a_ref), EntityRef.find(store, b_ref)
    if a.uid == b.uid:
        raise GraphintelError(f"{a_ref!r} and {b_ref!r} are the same entity ({a.uid})", None,
                              "give two different entities")
    first, second = sorted((a, b), key=lambda e: e.uid)
    decision_id = new_id("reject")
    why = (reason or "").strip() or None

    def work(tx: Tx) -> Decision:
        require_present(tx, [first.uid, second.uid], lock_entities(tx, [a.uid, b.uid]))
        rows = tx.run("resolve_rejection", a_uid=a.uid, b_uid=b.uid)
        if rows:
            d = rows[0]["d"]
            detail: dict[str, Any] = {"existing": True, "reason": d.get("reason"),
                                      "reason_updated": False}
            if why and why != d.get("reason"):
                at = now()
                earlier = f"{d.get('reason') or 'no reason given'} ({d.get('user')}, " \
                          f"{d.get('reason_at') or d.get('at')})"
                tx.run("resolve_update_reason", id=d["id"], reason=why, earlier=earlier,
                       user=user, at=at)
                detail.update(reason=why, reason_updated=True, earlier_reason=d.get("reason"))
            return Decision(d["id"], "reject", first.uid, second.uid, detail)
        record_decision(tx, {
            "id": decision_id, "kind": "reject", "a_uid": first.uid, "b_uid": second.uid,
            "a_label": first.name, "b_label": second.name, "entity": a.label,
            "reason": why, "user": user, "at": now(), "status": "applied"})
        return Decision(decision_id, "reject", first.uid, second.uid,
                        {"existing": False, "reason": why})

    result, _ = store.write_tx(work)
    return result


def undo(store: Store, decision_id: str, *, user: str, reason: str | None = None,
         force: bool = False) -> Decision:
    """Undo a merge (restoring both entities exactly) or a reject; records an undo decision
    with ``reason``. The decision is locked and read inside the transaction, so two undos
    of one decision take turns and the second is told it was already undone. ``force``
    undoes a merge whose kept record changed since, keeping what was added (see
    :func:`.undo.undo_merge`)."""
    undo_id = new_id("undo")

    def work(tx: Tx) -> Decision:
        rows = tx.run("resolve_lock_decision", id=decision_id)  # two undos take turns
        if not rows:
            raise NotFound(f"no merge or reject decision {decision_id!r}", None,
                           "list them with 'graphintel resolve decisions'")
        d = rows[0]["d"]
        if d["kind"] == "dob":
            raise GraphintelError(f"{decision_id} kept a date of birth; it is changed by "
                                  "another such decision, not undone", decision_id,
                                  "graphintel resolve dob PERSON DATE --reason ... with the "
                                  "date to keep (one set aside included)")
        if d["kind"] not in ("merge", "reject"):
            raise GraphintelError(f"{decision_id} is an undo; it cannot itself be undone",
                                  decision_id, "merge or reject the pair again instead")
        if d.get("status") != "applied":
            raise GraphintelError(f"{decision_id} was already undone by {d.get('undone_by')} "
                                  f"at {d.get('undone_at')}", decision_id)
        detail = undo_merge(tx, d, force=force) if d["kind"] == "merge" else {}
        at = now()
        tx.run("resolve_mark_undone", id=decision_id, user=user, at=at, undo_id=undo_id)
        record_decision(tx, {
            "id": undo_id, "kind": "undo", "undoes": decision_id, "a_uid": d["a_uid"],
            "b_uid": d["b_uid"], "a_label": d.get("a_label"), "b_label": d.get("b_label"),
            "entity": d.get("entity"), "reason": (reason or "").strip() or None,
            "user": user, "at": at, "status": "applied", "forced": force or None,
            "kept_since": detail.get("kept_since") or None})
        return Decision(undo_id, "undo", d["a_uid"], d["b_uid"],
                        {"undoes": decision_id, "undone_kind": d["kind"], **detail})

    result, _ = store.write_tx(work)
    return result


def list_decisions(store: Store, limit: int = 100) -> list[dict[str, Any]]:
    """The decision log, newest first (without merge snapshots)."""
    return store.read("resolve_decision_log", limit=limit)
