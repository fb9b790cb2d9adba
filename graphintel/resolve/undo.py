"""Undo a merge: put both records back as the merge's snapshot has them, keeping what
reports loaded since the merge added to the kept record.

The decision stores A and B as they were and a digest of B right after the merge. B's
state after the merge is recomputed from the snapshot (:func:`.merge.fold_links`,
:func:`.merge.merged_props`), so whatever changed on B since — new reports on a link the
merge combined, new roles — can be listed by report and kept on B when the undo goes
ahead (``force``); nothing a later report added is deleted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import Any

from graphintel import derived, model
from graphintel.errors import GraphintelError, NotFound
from graphintel.resolve.merge import (
    _bigger,
    _linked_uids,
    combine_link,
    fold_links,
    merged_props,
)
from graphintel.resolve.records import (
    ALLOWED_LABELS,
    locate,
    lock_entities,
    merged_away,
    rel_key,
    snapshot,
    state_digest,
)
from graphintel.store import Tx

Key = tuple[str, bool, str]


def _after_state(snap: dict[str, Any]) -> tuple[dict[str, Any], dict[Key, list[dict[str, Any]]],
                                                bool]:
    """B as the merge left it, recomputed from the decision's snapshot: its properties,
    its touched links by key, and whether that matches the digest the merge stored (if
    not, the merge was made by another version and what changed since cannot be told)."""
    a, b = snap["a"], {"labels": snap["b"]["labels"], "props": snap["b"]["props"],
                       "rels": snap["b"]["rels"]}
    fold = fold_links(a, b)
    props = merged_props(a["props"], b["props"], model.PERSON in a["labels"])
    links: dict[Key, list[dict[str, Any]]] = {}
    flat = []
    for key, rels in sorted(fold["groups"].items()):
        links[key] = [fold["combined"][key],
                      *(r["props"] for r in fold["b_links"].get(key, [])[1:])]
        flat.append({**rels[0], "props": fold["combined"][key]})
        flat.extend(fold["b_links"].get(key, [])[1:])
    return props, links, state_digest(props, flat) == snap["after_digest"]


def _added(now_v: Any, then: Any) -> list[Any]:
    return [x for x in now_v or [] if x not in (then or [])]


def _link_delta(after: dict[str, Any], current: dict[str, Any],
                dates: dict[str, str]) -> dict[str, Any]:
    """What later loads added to a link the merge made: new list items (refs, times,
    notes, roles...), an earlier first or later last seen, changed flags; first and last
    seen cover the dates of the new reports."""
    delta: dict[str, Any] = {}
    for k, v in current.items():
        was = after.get(k)
        if v == was or k == "count":
            continue
        if isinstance(v, list):
            if _added(v, was):
                delta[k] = _added(v, was)
        elif k == "first_seen":
            if was is None or _bigger(v, was, min) == v:
                delta[k] = v
        elif k == "last_seen":
            if was is None or _bigger(v, was, max) == v:
                delta[k] = v
        else:
            delta[k] = v
    seen = [dates[r] for r in delta.get("refs", []) if dates.get(r)]
    for k, pick in (("first_seen", min), ("last_seen", max)):
        values = [x for x in [delta.get(k), *seen] if x is not None]
        if values:
            best = values[0]
            for v in values[1:]:
                best = _bigger(best, v, pick)
            delta[k] = best
    return delta


def _restored_props(before: dict[str, Any], after: dict[str, Any],
                    current: dict[str, Any]) -> dict[str, Any]:
    """B's properties as the snapshot has them, plus what changed since the merge: list
    items added (and removed) since, scalars set since."""
    out = dict(before)
    changed = [k for k in sorted({*after, *current}) if after.get(k) != current.get(k)]
    for k in changed:
        was, cur = after.get(k), current.get(k)
        if k == "aliases_text":
            continue
        if isinstance(was, list) or isinstance(cur, list):
            gone = _added(was, cur)
            kept = [x for x in out.get(k) or [] if x not in gone]
            kept += [x for x in _added(cur, was) if x not in kept]
            if kept:
                out[k] = kept
            else:
                out.pop(k, None)
        elif cur is None:
            out.pop(k, None)
        else:
            out[k] = cur
    if "aliases" in changed:
        out["aliases_text"] = "".join(f"{x} ; " for x in out.get("aliases") or [])
    return out


def _describe_key(key: Key) -> str:
    kind, out, loc = key
    other = loc.split(":", 1)[1]
    return f"{kind} {'->' if out else '<-'} {other}"


def _since(at: str, loaded: Any) -> bool:
    """True when a report load time (kept to the second) is surely after the decision
    time: a report loaded in the merge's own second cannot be told apart and is left out
    (what it mentions stays on B either way)."""
    try:
        when = datetime.fromisoformat(str(at)).replace(microsecond=0)
        return datetime.fromisoformat(str(loaded)) > when
    except ValueError:
        return False


def changes_since(tx: Tx, decision: dict[str, Any], snap: dict[str, Any],
                  current: dict[str, Any]) -> dict[str, Any]:
    """What changed on the kept record B since the merge, in the parts the merge touched
    (its properties, the links it combined or moved), and which reports did it.

    Returns ``changed`` (anything at all), ``exact`` (the changes can be told apart from
    the merge), ``props`` (after, current) by property, ``deltas`` (what later loads added
    to each touched link), ``removed`` (touched links gone since), ``lines`` (in words),
    ``reports`` (refs of the reports that added to touched links or mention B since).
    """
    touched = {(t[0], bool(t[1]), t[2]) for t in snap["touched"]}
    now_touched = [r for r in current["rels"] if rel_key(r) in touched]
    changed = state_digest(current["props"], now_touched) != snap["after_digest"]
    after_props, after_links, exact = _after_state(snap)
    by_key: dict[Key, list[dict[str, Any]]] = defaultdict(list)
    for r in now_touched:
        by_key[rel_key(r)].append(r)
    mentions = {r["other_ref"] for r in current["rels"]
                if r["type"] == "MENTIONS" and r.get("other_ref") and rel_key(r) not in touched}
    refs = {x for r in now_touched for x in r["props"].get("refs") or []} | mentions
    info = {r["ref"]: r for r in tx.run("resolve_report_dates", refs=sorted(refs))}
    dates = {k: str(v["date"])[:10] for k, v in info.items() if v.get("date")}
    deltas: dict[Key, dict[str, Any]] = {}
    removed: list[Key] = []
    lines: list[str] = []
    reports: set[str] = set()
    for key in sorted(touched):
        now_list = by_key.get(key, [])
        if not now_list:
            removed.append(key)
            lines.append(f"{_describe_key(key)} removed since the merge")
            continue
        cur = now_list[0]["props"]
        if cur != after_links.get(key, [{}])[0]:
            delta = _link_delta(after_links.get(key, [{}])[0], cur, dates)
            deltas[key] = delta
            new_refs = delta.get("refs") or []
            reports.update(new_refs)
            what = ", ".join(k for k in sorted(delta) if k != "refs") or "evidence"
            lines.append(f"{', '.join(new_refs)} added to {_describe_key(key)}" if new_refs
                         else f"{_describe_key(key)} changed ({what})")
    for k in sorted({*after_props, *current["props"]}):
        was, cur = after_props.get(k), current["props"].get(k)
        if was == cur or k == "aliases_text":
            continue
        if isinstance(was, list) or isinstance(cur, list):
            plus, minus = _added(cur, was), _added(was, cur)
            lines.append(f"{k}" + (f" gained {', '.join(map(repr, plus))}" if plus else "")
                         + (f" lost {', '.join(map(repr, minus))}" if minus else ""))
        else:
            lines.append(f"{k} is now {cur!r} (the merge left {was!r})")
    later = sorted(r for r in mentions if _since(decision["at"], info.get(r, {}).get("loaded_at")))
    if later:
        lines.append(f"{', '.join(later)} loaded since and mention{'s' if len(later) == 1 else ''}"
                     " it (kept on it either way)")
        reports.update(later)
    return {"changed": changed, "exact": exact, "props": after_props, "deltas": deltas,
            "removed": removed, "lines": lines, "reports": sorted(reports),
            "now_touched": now_touched}


def undo_merge(tx: Tx, decision: dict[str, Any], *, force: bool = False) -> dict[str, Any]:
    """Put A and B back as the merge's snapshot has them (inside ``tx``).

    B and A are locked first (then the entities linked to them), so no other decision
    changes them meanwhile. When B changed since the merge (a later load added to a link
    or property the merge touched) the undo is refused with the list of what changed and
    which reports did it; with ``force`` both records are put back and what those
    reports added stays on B (the record they named), nothing is deleted. If what
    changed cannot be told apart from the merge, even ``force`` is refused.
    """
    snap = json.loads(decision["snapshot_json"])
    a_uid, b_uid = decision["a_uid"], decision["b_uid"]
    present = lock_entities(tx, [a_uid, b_uid])
    later = tx.run("resolve_later_merges", id=decision["id"], at=decision["at"],
                   uids=[a_uid, b_uid])
    if later:
        ids = ", ".join(r["id"] for r in later)
        raise GraphintelError(f"later merges involve the same people: {ids}",
                              decision["id"], f"undo them first (newest first): {ids}")
    if a_uid in present:
        raise GraphintelError(f"{a_uid} exists again (a later load re-created it)", a_uid,
                              f"merge it into {b_uid} or resolve it first, then undo")
    if b_uid not in present:
        gone = merged_away(tx, b_uid)
        raise NotFound(f"{b_uid}, the entity kept by the merge, "
                       f"{gone or 'no longer exists'}", b_uid)
    labels = snap["a"]["labels"]
    if not set(labels) <= ALLOWED_LABELS:
        raise GraphintelError(f"snapshot labels {labels} are not in the model", decision["id"])
    wanted = {r["locator"] for r in snap["a"]["rels"] + snap["b"]["rels"]} - {f"uid:{a_uid}"}
    lock_entities(tx, [loc[4:] for loc in wanted if loc.startswith("uid:")])
    current = snapshot(tx, b_uid)
    assert current is not None  # locked and present
    lock_entities(tx, _linked_uids(current))
    changes = changes_since(tx, decision, snap, current)
    if changes["changed"]:
        said = "; ".join(changes["lines"]) or "its state differs from the merge's record"
        refs = ", ".join(changes["reports"])
        if not changes["exact"]:
            raise GraphintelError(
                f"{b_uid} has changed since the merge ({said}) and this merge's record "
                "cannot tell what was added from what the merge did", b_uid,
                f"handle what these reports added first ({refs or 'none found'}): move or "
                "remove it by hand, then undo; --force does not lose it either")
        if not force:
            raise GraphintelError(
                f"{b_uid} has changed since the merge: {said}", b_uid,
                "check the new intelligence"
                + (f" ({refs})" if refs else "") + "; undo with --force to put both records "
                f"back as the merge found them, keeping on {b_uid} what was added since")
    wanted_found = locate(tx, wanted)
    missing = sorted(wanted - set(wanted_found))
    if missing:
        raise GraphintelError(f"linked nodes no longer exist: {', '.join(missing[:5])}",
                              decision["id"], "restore them first; the merge cannot be undone")
    b_props = snap["b"]["props"]
    if changes["changed"]:
        b_props = _restored_props(b_props, changes["props"], current["props"])
    tx.run("resolve_delete_rels", ids=[r["id"] for r in changes["now_touched"]])
    tx.run("resolve_set_entity", uid=b_uid, props=b_props)
    a_el = tx.run("resolve_create_entity", labels=labels, props=snap["a"]["props"])[0]
    if "Person" in labels:  # the key nodes the merge pointed at B name A again
        tx.run("resolve_move_keys", keys=list(snap["a"]["props"].get("keys") or []),
               from_uid=b_uid, to_uid=a_uid)
    found = dict(wanted_found)
    found[f"uid:{a_uid}"] = str(a_el["element_id"])
    b_el = found[f"uid:{b_uid}"] = current["element_id"]
    rows = []
    deltas: dict[Key, dict[str, Any]] = dict(changes["deltas"])
    for side, own in (("b", b_el), ("a", found[f"uid:{a_uid}"])):
        for r in snap[side]["rels"]:
            other = found[r["locator"]]
            start, end = (own, other) if r["out"] else (other, own)
            props = r["props"]
            if side == "b" and rel_key(r) in deltas:
                props = combine_link(props, deltas.pop(rel_key(r)))
            rows.append({"from": start, "to": end, "type": r["type"], "props": props})
    for key, delta in deltas.items():  # B gained the link from A; later loads added to it
        now_props = next(r["props"] for r in changes["now_touched"] if rel_key(r) == key)
        base = {k: v for k, v in now_props.items() if not isinstance(v, list)
                and k not in ("first_seen", "last_seen", "count", "reported_count")}
        props = combine_link({**base, **delta, **({"count": 0} if "count" in now_props
                                                  else {})}, {})
        end_el = found.get(key[2]) or locate(tx, {key[2]}).get(key[2])
        if end_el is None:
            raise GraphintelError(f"{key[2]} no longer exists", decision["id"])
        start, end = (b_el, end_el) if key[1] else (end_el, b_el)
        rows.append({"from": start, "to": end, "type": key[0], "props": props})
    tx.run("resolve_create_rels", rows=rows)
    tx.run("resolve_set_suggested", rows=snap["reports"])
    linked = [loc[4:] for loc in wanted if loc.startswith("uid:")]
    derived.refresh(tx, derived.Touched.everything(
        [a_uid, b_uid, *linked, *_linked_uids(current)]))
    return {"restored": [a_uid, b_uid], "links": len(rows),
            "kept_since": changes["lines"] if changes["changed"] else [],
            "reports_since": changes["reports"]}
