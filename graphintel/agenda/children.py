"""A section per child or victim at risk: age, missing episodes (all and recent), places
found, adults linked by direct evidence, a RAG rating with the rule that set it, and the
lead agency. Safeguarding data only: nothing here proposes any tactic against a child.

The RAG rules, first match wins (``recent`` = the run's recent window, 90 days by default):

* **Red** — linked by exploitation evidence to an adult suspect and missing in the recent
  window; or missing three or more times in the recent window; or found with a suspect
  after a missing episode in the recent window.
* **Amber** — linked to an adult suspect by direct evidence; or missing at least once in
  the recent window.
* **Green** — none of these: at risk through the network only.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from graphintel.agenda.headline import at_risk, network_of
from graphintel.agenda.model import ChildRow
from graphintel.agenda.network import link_visible
from graphintel.agenda.scope import shown_episodes
from graphintel.agenda.view import View
from graphintel.agenda.words import kinds_text, plural, when
from graphintel.analysis.duplicates import other_records

RAG_ORDER = {"Red": 0, "Amber": 1, "Green": 2}
#: How the reasons of an adult assessed as a victim as a child begin (with the reports).
CHILD_VICTIM = "caution: was assessed as a victim as a child ("
#: Adults listed per child (the strongest links first); the rest are counted.
MOST_ADULTS = 2


def _recent(view: View, episodes: list[dict[str, Any]], days: int) -> list[dict[str, Any]]:
    if not view.as_of:
        return []
    end = date.fromisoformat(view.as_of[:10])
    start = end - timedelta(days=days)
    out = []
    for e in episodes:
        try:
            day = date.fromisoformat(str(e.get("start"))[:10])
        except ValueError:
            continue
        if start <= day <= end:
            out.append(e)
    return out


def rag(exploited: bool, linked: bool, recent: int, found_with_suspect: bool,
        days: int) -> tuple[str, str]:
    """The rating and the rule that set it (see the module docstring)."""
    if exploited and recent:
        return "Red", f"exploited by an adult suspect; missing in the last {days} days"
    if recent >= 3:
        return "Red", f"missing {recent} times in the last {days} days"
    if found_with_suspect:
        return "Red", f"found with a suspect when missing in the last {days} days"
    if linked:
        return "Amber", "direct contact with an adult suspect"
    if recent:
        return "Amber", f"missing in the last {days} days"
    return "Green", "no direct link to a suspect; not missing lately"


def child_rows(view: View, doc: dict[str, Any], days: int,
               named: set[str] | None = None) -> list[ChildRow]:
    """One row per person at risk in the run that this profile may show, Red first;
    ``named`` gets the uids of the adults (candidate targets) the rows name."""
    member = network_of(doc)
    links: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    for t in doc.get("targets") or []:
        for lv in t.get("linked_victims") or []:
            if lv["distance"] <= 1 and view.visible(t["uid"]) and link_visible(view, lv):
                links.setdefault(lv["uid"], []).append((t, lv))
    suspects = {p["uid"] for p in doc.get("people") or []
                if "suspect" in (p.get("roles") or []) and view.may_call_suspect(p["uid"])}
    twins = other_records(doc.get("possible_duplicates") or [])
    ranks = {str(t["uid"]): t["rank"] for t in doc.get("targets") or []}
    cautioned = {str(t["uid"]) for t in doc.get("targets") or []
                 if any(str(r).startswith(CHILD_VICTIM) for r in t.get("reasons") or [])}
    rows = []
    for uid in sorted(at_risk(doc)):
        if not view.visible(uid):
            continue
        eps = shown_episodes(view, uid)
        recent = _recent(view, eps, days)
        found = Counter(view.place(f["uid"], f) for e in eps for f in e["found_at"]
                        if view.shown(f["refs"], "places found", f"{e['event']}|{f['uid']}"))
        with_suspect = any(w["uid"] in suspects for e in recent for w in e["found_with"])
        mine = links.get(uid, [])
        exploited = any(lv["direct_exploitation"]
                        or any("EXPLOITS" in h["kinds"] for h in lv["evidence"])
                        for _, lv in mine)
        rating, rule = rag(exploited, bool(mine), len(recent), with_suspect, days)
        adults = []
        for t, lv in mine[:MOST_ADULTS]:
            if named is not None:
                named.add(t["uid"])
            kinds = sorted({k for h in lv["evidence"] for k in h["kinds"]})
            refs = sorted({r for h in lv["evidence"] for r in h["refs"]})
            more = f" and {len(kinds) - 3} more" if len(kinds) > 3 else ""
            reports = plural(len(view.refs(refs)), "report")
            adults.append(f"{view.name(t['uid'])} (rank {t['rank']}): "
                          f"{kinds_text(kinds[:3])}{more} ({reports})")
        if len(mine) > MOST_ADULTS:
            adults.append(f"and {plural(len(mine) - MOST_ADULTS, 'more adult')}")
        age = view.age(uid)
        net = member.get(uid)
        rows.append((RAG_ORDER[rating], -len(recent), view.name(uid), ChildRow(
            name=view.name(uid), age=view.dob(uid) or view.age_text(uid),
            network=f"Network {net}" if net is not None else "—",
            nominal_ref=view.nominal_ref(uid),
            episodes=len(eps), episodes_recent=len(recent),
            last_episode=when(eps[0]["start"]) if eps else "none",
            places_found="; ".join(f"{p} ×{n}" for p, n in found.most_common(1))
            + (f" and {plural(len(found) - 1, 'other place')}" if len(found) > 1 else "")
            or "none recorded",
            adults=adults, rag=rating, rule=rule,
            twice="; ".join(f"possibly the same person as {view.name(o)} (Appendix E)"
                            for o in twins.get(uid, []) if view.visible(o)),
            also_target=_also_target(view, uid, ranks, cautioned),
            lead_agency="Children's social care" if age is None or age < 18
            else "Adult social care")))
    return [r[3] for r in sorted(rows, key=lambda r: r[:3])]


def _also_target(view: View, uid: str, ranks: dict[str, Any], cautioned: set[str]) -> str:
    """What a child's or victim's row says when they are also a candidate target (an adult
    now, assessed as a victim as a child). Partners are told it only when a shareable
    report assesses it (the target's caution cites one); else only the advice."""
    if uid not in ranks:
        return ""
    if view.partner and uid not in cautioned:
        return (f"also candidate target, rank {ranks[uid]}: safeguarding-led disruption "
                "(Appendix A)")
    return (f"also candidate target, rank {ranks[uid]}: an adult now, assessed as a victim "
            "as a child; safeguarding-led disruption (Appendix A)")
