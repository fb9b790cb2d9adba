"""What merge, reject and undo share: finding the entities, decision ids, times, snapshots."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graphintel import derived, model
from graphintel.errors import GraphintelError, NotFound
from graphintel.store import Store, Tx

#: Labels an entity snapshot may carry back into the graph on undo.
ALLOWED_LABELS = frozenset({"Entity", *model.ENTITY_LABELS})
#: Relationship types a merge may move (the model's links, report mentions, analysis scores).
ALLOWED_TYPES = frozenset({*model.LINK_TYPES, "MENTIONS", "FOR"})


@dataclass(frozen=True)
class EntityRef:
    """An entity found from what the user typed (uid or nominal reference)."""

    uid: str
    label: str
    name: str

    @classmethod
    def find(cls, store: Store, ref: str) -> EntityRef:
        """The entity named by a uid or nominal reference; a uid merged away says into
        which record and by which decision, so the analyst can use that one instead."""
        rows = store.read("resolve_find_entity", ref=ref.strip())
        if not rows:
            gone = merged_away(store, ref.strip())
            if gone:
                raise NotFound(f"{ref.strip()} {gone}", None,
                               "use the record it was merged into, or undo that decision "
                               "first ('graphintel resolve undo')")
            raise NotFound(f"no person or entity with uid or nominal reference {ref!r}",
                           None, "copy a uid from 'graphintel resolve candidates' or give a "
                           "nominal reference")
        row = rows[0]
        labels = [x for x in row["labels"] if x in model.ENTITY_LABELS]
        return cls(row["uid"], labels[0] if labels else "Entity", str(row["label"]))


def merged_away(reader: Store | Tx, uid: str) -> str | None:
    """``was merged into X by decision Y`` when ``uid`` was merged away by a merge still in
    force, else None (read by a store, or inside a transaction through a :class:`Tx`)."""
    if isinstance(reader, Tx):
        rows = reader.run("resolve_merged_into", uid=uid)
    else:
        rows = reader.read("resolve_merged_into", uid=uid)
    if not rows:
        return None
    return f"was merged into {rows[0]['kept']} by decision {rows[0]['decision']}"


def lock_entities(tx: Tx, uids: list[str]) -> set[str]:
    """Write-lock the entities ``uids`` (in sorted order) for the rest of ``tx``; return
    those that still exist. Whatever is read about them afterwards is committed state
    that no other transaction can change until ``tx`` ends."""
    rows = tx.run("resolve_lock_entities", uids=sorted(set(uids)))
    return {str(r["uid"]) for r in rows}


def require_present(tx: Tx, uids: list[str], present: set[str]) -> None:
    """Stop when one of ``uids`` (just locked) is gone: merged away by a decision made
    meanwhile (say which), or deleted."""
    for uid in uids:
        if uid not in present:
            gone = merged_away(tx, uid)
            raise NotFound(f"{uid} {gone}" if gone else f"{uid} no longer exists", uid,
                           "use the record it was merged into, or undo that decision first"
                           if gone else "list the candidates again")


def now() -> str:
    """The current UTC time, ISO 8601 to the microsecond (decisions are ordered by it)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def new_id(kind: str) -> str:
    """A decision id: ``merge-20250630-214001-3f9a1c``."""
    return f"{kind}-{datetime.now(UTC):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def check_plain(value: Any, where: str) -> Any:
    """``value`` when it survives JSON unchanged (Neo4j scalars, lists); else an error.

    A snapshot must give back exactly what was there, so a property the snapshot cannot
    hold (a temporal or spatial value) stops the merge instead of being changed.
    """
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, list):
        return [check_plain(v, where) for v in value]
    raise GraphintelError(f"property {where} holds a {type(value).__name__}, which a merge "
                          "snapshot cannot restore exactly", where,
                          "store it as text (ISO date) or leave this entity unmerged")


def plain_props(props: dict[str, Any], where: str) -> dict[str, Any]:
    return {k: check_plain(v, f"{where}.{k}") for k, v in props.items()}


def digest(value: Any) -> str:
    """A stable hash of JSON-ready data."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locator(rel: dict[str, Any]) -> str:
    """How to find a relationship's other end again: ``uid:``, ``ref:`` or ``el:`` (element id)."""
    if rel.get("other_uid"):
        return f"uid:{rel['other_uid']}"
    if rel.get("other_ref"):
        return f"ref:{rel['other_ref']}"
    return f"el:{rel['other']}"


def snapshot(tx: Tx, uid: str) -> dict[str, Any] | None:
    """An entity's labels, properties and relationships, read inside the transaction.

    Markers (:mod:`graphintel.derived`) are left out: they are not the entity's own state,
    and whoever writes the snapshot back recomputes them.
    """
    rows = tx.run("resolve_snapshot", uid=uid)
    if not rows:
        return None
    row = rows[0]
    rels = []
    for r in sorted(row["rels"], key=lambda r: str(r["id"])):
        if r["type"] not in ALLOWED_TYPES:
            raise GraphintelError(f"{uid} has a {r['type']} relationship, which is not in the "
                                  "model", uid, "merge it by hand or add the type to the model")
        props = {k: v for k, v in r["props"].items() if k not in derived.LINK_MARKERS}
        rels.append({**r, "locator": locator(r),
                     "props": plain_props(props, f"{uid}-[{r['type']}]")})
    own = {k: v for k, v in row["props"].items() if k not in derived.NODE_MARKERS}
    return {"element_id": row["element_id"], "labels": sorted(row["labels"]),
            "props": plain_props(own, uid), "rels": rels}


def rel_key(rel: dict[str, Any]) -> tuple[str, bool, str]:
    """(type, outgoing?, other end): links with the same key are one link after a merge."""
    return (str(rel["type"]), bool(rel["out"]), str(rel["locator"]))


def state_digest(props: dict[str, Any], rels: list[dict[str, Any]]) -> str:
    """Hash of an entity's properties and the given relationships (order-free)."""
    items = sorted(json.dumps([*rel_key(r), r["props"]], sort_keys=True) for r in rels)
    return digest({"props": props, "rels": items})


def locate(tx: Tx, locators: set[str]) -> dict[str, str]:
    """Current element ids of the nodes named by ``locators``; missing ones are left out."""
    by: dict[str, list[str]] = {"uid": [], "ref": [], "el": []}
    for loc in locators:
        kind, _, value = loc.partition(":")
        by[kind].append(value)
    rows = tx.run("resolve_locate", uids=by["uid"], refs=by["ref"], ids=by["el"])
    return {f"{r['by']}:{r['value']}": str(r["element_id"]) for r in rows}


def record_decision(tx: Tx, props: dict[str, Any]) -> None:
    tx.run("resolve_create_decision", props={k: v for k, v in props.items() if v is not None})


def merged_into(store: Store, uid: str, *, hops: int = 10) -> str | None:
    """The uid of the entity that ``uid`` was merged into (through later merges of that one
    too), or None when ``uid`` was never merged away: a link to a merged-away record can
    lead to the record that holds its links and reports now."""
    seen = {uid}
    kept: str | None = None
    current = uid
    for _ in range(hops):
        rows = store.read("resolve_merged_into", uid=current)
        if not rows or rows[0]["kept"] in seen:
            break
        current = kept = str(rows[0]["kept"])
        seen.add(current)
    return kept
