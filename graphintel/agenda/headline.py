"""Page 1 of the pack: what changed since the last meeting that needs a decision today.

Children newly at risk or newly linked to a target by direct evidence, people newly
assessed as suspects, links newly evidenced, hotspots new or cooling, and targets that
crossed the rank threshold (into or out of the top ``Limits.rank_threshold``); smaller
rank moves stay in the appendix. Every person and place goes through the view.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from graphintel.agenda.model import Action, Decision, Headline, Limits, Network, RankChange
from graphintel.agenda.network import link_visible
from graphintel.agenda.places import HOME_KINDS, child_homes, is_care_home
from graphintel.agenda.view import View

#: Overdue actions named one by one in "for decision today" (the rest are counted).
OVERDUE_ROWS = 3


def at_risk(doc: dict[str, Any]) -> set[str]:
    """The run's people at risk: a child on the analysis date, or assessed as a victim (the
    analysis's own rule, so this is the count the CLI and the JSON give)."""
    return {p["uid"] for p in doc.get("people") or []
            if p.get("protected") or "victim" in (p.get("roles") or [])}


def suspects(doc: dict[str, Any]) -> set[str]:
    return {p["uid"] for p in doc.get("people") or [] if "suspect" in (p.get("roles") or [])}


def direct_links(view: View | None, doc: dict[str, Any]) -> dict[str, list[str]]:
    """Child uid -> uids of the targets linked to them by direct evidence."""
    out: dict[str, list[str]] = defaultdict(list)
    for t in doc.get("targets") or []:
        for lv in t.get("linked_victims") or []:
            if lv["distance"] <= 1 and (view is None or link_visible(view, lv)):
                out[lv["uid"]].append(t["uid"])
    return dict(out)


def network_of(doc: dict[str, Any]) -> dict[str, int]:
    return {m["uid"]: int(c["id"]) for c in doc.get("communities") or [] for m in c["members"]}


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def hotspots(view: View, as_of: str | None, loaded_by: str | None,
             days: int) -> dict[str, str]:
    """Places (not homes) where a child was found after going missing in the ``days``
    before ``as_of``, counting only episodes loaded by ``loaded_by``: uid -> place text.
    Where a child or victim lives (or a children's home) is never a hotspot."""
    end = _day(as_of)
    if end is None:
        return {}
    homes = child_homes(view)
    start = end - timedelta(days=days)
    out: dict[str, str] = {}
    for child, episodes in view.facts.episodes.items():
        for e in episodes:
            when = _day(e.get("start"))
            if when is None or not start <= when <= end:
                continue
            if loaded_by is not None and str(e.get("loaded_at") or "") > loaded_by:
                continue
            if not view.visible(child) or not view.shown(e["refs"], "missing episodes",
                                                          e["event"]):
                continue
            for f in e["found_at"]:
                if str(f.get("kind") or "") in HOME_KINDS or f["uid"] in homes \
                        or is_care_home(f):
                    continue
                if view.shown(f["refs"], "places found", f"{e['event']}|{f['uid']}"):
                    out[f["uid"]] = view.place(f["uid"], f)
    return out


def _crossings(view: View, doc: dict[str, Any], prev: dict[str, Any],
               top: int) -> list[tuple[str, RankChange]]:
    now = {t["uid"]: t for t in doc["targets"]}
    before = {t["uid"]: t for t in prev["targets"]}
    rows = []
    for uid in sorted(set(now) | set(before)):
        a, b = before.get(uid), now.get(uid)
        was = a is not None and int(a["rank"]) <= top
        is_ = b is not None and int(b["rank"]) <= top
        if was == is_ or not view.visible(uid):
            continue
        rows.append((int(b["rank"]) if b else 10**6, uid, RankChange(
            name=view.name(uid), change=f"into the top {top}" if is_ else f"out of the top {top}",
            before=f"rank {a['rank']}" if a else "not a target",
            after=f"rank {b['rank']}" if b else "not a target")))
    return [(r[1], r[2]) for r in sorted(rows, key=lambda r: (r[0], r[1]))]


def headline(view: View, doc: dict[str, Any], prev: dict[str, Any] | None,
             limits: Limits, new_links: int) -> tuple[Headline, dict[str, list[str]]]:
    """What changed since ``prev`` (nothing when there is no previous run), and the uids
    behind each list (for the decisions table)."""
    if prev is None:
        return Headline(), {}
    days = int((doc["run"].get("params") or {}).get("recent_days", 90))

    def shown(uids: set[str]) -> list[str]:
        return sorted((u for u in uids if view.visible(u)), key=lambda u: (view.name(u), u))

    linked_now, linked_before = direct_links(view, doc), direct_links(None, prev)
    hot_now = hotspots(view, doc["run"].get("as_of"), None, days)
    hot_before = hotspots(view, prev["run"].get("as_of"), str(prev["run"]["created_at"]), days)
    uids = {"linked": shown(set(linked_now) - set(linked_before)),
            "suspected": shown({u for u in suspects(doc) - suspects(prev)
                                if view.may_call_suspect(u) and not view.protected(u)}),
            "at_risk": shown(at_risk(doc) - at_risk(prev))}
    crossings = _crossings(view, doc, prev, limits.rank_threshold)
    head = Headline(
        children_linked=[view.name(u) for u in uids["linked"]],
        newly_suspected=[view.name(u) for u in uids["suspected"]],
        new_at_risk=[view.name(u) for u in uids["at_risk"]],
        links_evidenced=new_links,
        hotspots_new=sorted(hot_now[u] for u in set(hot_now) - set(hot_before)),
        hotspots_cooling=sorted(hot_before[u] for u in set(hot_before) - set(hot_now)),
        crossings=[c for _, c in crossings])
    uids["crossings"] = [u for u, _ in crossings]
    return head, uids


def decisions(view: View, doc: dict[str, Any], head: Headline, uids: dict[str, list[str]],
              carried: Sequence[Action], networks: Sequence[Network],
              limits: Limits) -> tuple[list[Decision], int, list[tuple[str, str]]]:
    """The rows of "for decision today": earlier actions to withdraw (now against a child or
    victim) and overdue actions first, then new children at risk,
    children newly linked, new or escalated suspects, hotspots new or cooling; how many
    more there were; and the people the rows kept are about, as (kind, uid) with kind
    "suspected", "escalated" or "de-escalated" (each is given an action to decide on)."""
    rows: list[tuple[Decision, tuple[str, str] | None]] = []
    # an earlier action now against a child or victim: to close, never one to chase
    withdraw = [a for a in carried if a.withdraw]
    for a in withdraw[:OVERDUE_ROWS]:
        rows.append((Decision("Action to withdraw", f"{a.id}: {a.action}", a.network), None))
    if len(withdraw) > OVERDUE_ROWS:
        rows.append((Decision("Actions to withdraw", f"{len(withdraw) - OVERDUE_ROWS} more "
                              "to withdraw: see the actions carried over below", "—"), None))
    overdue = [a for a in carried if a.overdue and not a.withdraw]
    for a in overdue[:OVERDUE_ROWS]:
        rows.append((Decision("Overdue action", f"{a.id}: {a.action} (due {a.due}; "
                              f"{a.owner or 'no owner'})", a.network), None))
    if len(overdue) > OVERDUE_ROWS:
        rows.append((Decision("Overdue actions", f"{len(overdue) - OVERDUE_ROWS} more overdue: "
                              "see the actions carried over below", "—"), None))
    member = network_of(doc)
    shown = {n.id for n in networks}
    ranks = {t["uid"]: int(t["rank"]) for t in doc.get("targets") or []}

    def where(uid: str) -> str:
        net = member.get(uid)
        if net is None:
            return "—"
        return f"Network {net}" + ("" if net in shown else " (not on this agenda)")

    def protected(uid: str) -> bool:
        return view.is_child(uid) or "victim" in (view.person(uid).get("roles") or [])

    for uid in uids.get("at_risk", []):
        rows.append((Decision("New child or victim at risk",
                              f"{view.name(uid)} (age {view.age_text(uid)})", where(uid)), None))
    for uid in uids.get("linked", []):
        rows.append((Decision("Child newly linked to a target by direct evidence",
                              view.name(uid), where(uid)), None))
    for uid in uids.get("suspected", []):
        if uid in ranks:
            at = f"{where(uid)}; rank {ranks[uid]}: reasons in Appendix A"
        elif protected(uid):
            at = f"{where(uid)}; a child or victim: safeguard, never target (Safeguarding first)"
        else:
            at = f"{where(uid)}; not a candidate target in this run"
        rows.append((Decision("Newly assessed as a suspect", view.name(uid), at),
                     None if protected(uid) and uid not in ranks else ("suspected", uid)))
    for uid, c in zip(uids.get("crossings", []), head.crossings, strict=False):
        up = c.change.startswith("into")
        kind = "Escalated suspect" if up else "Target de-escalated"
        at = where(uid) + ("; reasons in Appendix A" if uid in ranks else "")
        rows.append((Decision(kind, f"{c.name}: {c.change} ({c.before} → {c.after})", at),
                     ("escalated" if up else "de-escalated", uid) if uid in ranks else None))
    for place in head.hotspots_new:
        rows.append((Decision("New hotspot", place, "Appendix C"), None))
    for place in head.hotspots_cooling:
        rows.append((Decision("Hotspot cooling (no child found there lately)", place,
                              "Appendix C"), None))
    kept = rows[: limits.decisions]
    return ([d for d, _ in kept], max(0, len(rows) - limits.decisions),
            [who for _, who in kept if who is not None])
