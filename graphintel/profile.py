"""A subject profile: everything the graph holds about one person, with its evidence.

:func:`profile` returns a plain dict (JSON-ready), in this order:

- identity: ``uid``, ``name``, ``dob``, ``age`` and ``age_on`` (a stated age and the date of
  the report that stated it), ``nominal_ref``, ``gender``, ``aliases``, ``flags``, and
  ``stated_age``: a stated age as shown (``age 12 (stated 2024-06-01)``,
  :func:`graphintel.analysis.safeguarding.stated_age`), with what the date of birth gives
  when the two disagree; None when there is none, or the date of birth bears it out;
  ``other_dobs``: the other dates of birth recorded (reports naming this person gave them
  beside ``dob``, which is then the youngest and the person flagged ``dob_conflict``; or
  records merged into this one gave them), every one of which counts in the child test;
  ``set_aside_dobs``: dates an analyst set aside (``graphintel resolve dob``), which do not;
  ``other_nominal_refs``: what records merged into this one gave that disagreed with it
  (both empty when nothing did);
- ``roles``: each assessed role with the reports asserting it (ref, date, grading);
- ``phones``, ``vehicles``, ``addresses`` (lives at / frequents), ``places_seen`` and
  ``accounts``: each with the link type, first/last seen, count, report refs and the rows
  of file-wide reports (``rows``: ``call_data:calls.csv#L12``);
- ``associates``: people linked directly, through a shared phone/vehicle/address/account/
  event, or through calls or messages, each with every way they are linked (``how``);
- ``linked_children``: people assessed as victims or under 18 today (by date of birth, else
  by stated age) within 2 links (query ``children_near_suspect``), with the evidence path;
- ``missing_episodes``: the person's own missing episodes (query ``missing_episodes``);
- ``analysis``: score, rank, reasons and network in the latest analysis run, with the day
  it is as of (``as_of``: who was a child, and what was known, on that day), and
  ``possibly_same_as``: the other records it found may be this person, not yet resolved
  (``uid``, ``name``); or ``{"status": "no analysis run yet"}``;
- ``rank_trend``: the person's rank in each of the latest complete runs, oldest first
  (:func:`rank_trend`; runs from ``analyse --window`` give the trend over the windows).

Every read goes through the named queries in ``cypher/lookups`` and ``cypher/queries``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from graphintel.analysis.safeguarding import stated_age
from graphintel.errors import NotFound
from graphintel.store import Store

CHILD_LINKS = 2
_ENTITY_SECTIONS = {
    "USES": "phones", "OWNS": "vehicles", "DRIVES": "vehicles", "PASSENGER_IN": "vehicles",
    "LIVES_AT": "addresses", "FREQUENTS": "addresses", "SEEN_AT": "places_seen",
    "HAS_ACCOUNT": "accounts",
}


def _roles(store: Store, uid: str) -> list[dict[str, Any]]:
    by_role: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in store.read("lookup_profile_roles", uid=uid):
        by_role[r["role"]].append({"ref": r["ref"], "date": r["date"], "grading": r["grading"]})
    return [{"role": role, "reports": reports} for role, reports in sorted(by_role.items())]


def _entities(store: Store, uid: str) -> dict[str, list[dict[str, Any]]]:
    sections: dict[str, list[dict[str, Any]]] = {s: [] for s in dict.fromkeys(
        _ENTITY_SECTIONS.values())}
    for r in store.read("lookup_profile_entities", uid=uid):
        sections[_ENTITY_SECTIONS[r["type"]]].append({
            "uid": r["uid"], "name": r["name"], "link": r["type"], "detail": r["detail"],
            "first_seen": r["first_seen"], "last_seen": r["last_seen"], "count": r["count"],
            "refs": list(r["refs"] or []), "rows": list(r["rows"] or []),
        })
    return sections


def _associates(store: Store, uid: str) -> list[dict[str, Any]]:
    people: dict[str, dict[str, Any]] = {}
    for r in store.read("lookup_profile_associates", uid=uid):
        entry = people.setdefault(r["uid"], {"uid": r["uid"], "name": r["name"], "dob": r["dob"],
                                             "roles": list(r["roles"]), "how": [], "refs": [],
                                             "rows": []})
        if r["how"] not in entry["how"]:
            entry["how"].append(r["how"])
        entry["refs"].extend(x for x in r["refs"] if x not in entry["refs"])
        entry["rows"].extend(x for x in r["rows"] if x not in entry["rows"])
    return sorted(people.values(), key=lambda p: (str(p["name"]), p["uid"]))


def _analysis(store: Store, uid: str) -> dict[str, Any]:
    rows = store.read("lookup_latest_score", uid=uid)
    row: dict[str, Any] = rows[0] if rows else {"run_id": None}
    if row["run_id"] is None:
        return {"status": "no analysis run yet"}
    if not row["scored"]:
        return {"status": "not in the latest analysis run", "run_id": row["run_id"],
                "created_at": row["created_at"], "as_of": row.get("as_of")}
    same = list(row.get("possibly_same_as") or [])
    if row["protected"]:
        return {"status": "safeguarded: a child or a victim, never a disruption target",
                "run_id": row["run_id"], "as_of": row.get("as_of"), "rank": None,
                "score": None,
                "reasons": ["safeguarding referral; consider a National Referral Mechanism "
                            "referral; no arrest, seizure or enforcement tactic"],
                "network": row["community"], "measures": row["measures"],
                "possibly_same_as": same}
    out = {"status": "scored" if row["score"] is not None else "in the network, not scored",
           "measures": row["measures"],
           "run_id": row["run_id"], "created_at": row["created_at"],
           "as_of": row.get("as_of"), "rank": row["rank"],
           "score": row["score"], "reasons": list(row["reasons"]), "network": row["community"],
           "possibly_same_as": same}
    if row.get("weights"):  # ranked on weights other than the defaults: say which
        out["weights_changed"] = row["weights"]
    return out


#: How many of the latest analysis runs the rank trend covers.
TREND_RUNS = 12


def rank_trend(store: Store, uid: str, *, runs: int = TREND_RUNS) -> list[dict[str, Any]]:
    """The person's rank in each of the latest ``runs`` complete analysis runs, oldest first.

    One entry per run: ``when`` (the evidence window ``from..to``, else the analysis date),
    ``rank`` (None when not ranked: safeguarded, not a suspect, or not in that run),
    ``of`` (how many people that run ranked), ``score`` and ``run_id``. Runs from
    ``analyse --window`` give the trend over the windows; runs before each meeting give it
    meeting by meeting.
    """
    out = []
    for r in store.read("lookup_rank_trend", uid=uid, limit=runs):
        if r["window_from"] or r["window_to"]:
            when = f"{r['window_from'] or '…'}..{r['window_to'] or '…'}"
        else:
            when = str(r["as_of"] or str(r["created_at"])[:10])
        out.append({"when": when, "rank": None if r["protected"] else r["rank"],
                    "of": r["ranked"], "score": None if r["protected"] else r["score"],
                    "run_id": r["run_id"]})
    return out


def trend_text(trend: list[dict[str, Any]]) -> str:
    """One line for the trend: ``2025-01..2025-03 #4/20 -> 2025-03..2025-05 #1/22``.

    >>> trend_text([{"when": "A", "rank": 4, "of": 20}, {"when": "B", "rank": None, "of": 3}])
    'A #4/20 -> B not ranked'
    """
    return " -> ".join(f"{t['when']} " + (f"#{t['rank']}/{t['of']}" if t["rank"] else
                                          "not ranked") for t in trend)


def profile(store: Store, uid: str) -> dict[str, Any]:
    """The profile of the person with ``uid`` (see the module docstring for the sections)."""
    who = store.read("lookup_profile_person", uid=uid)
    if not who:
        raise NotFound(f"no person with uid {uid!r}",
                       fix="look the person up with 'graphintel search TEXT'")
    out: dict[str, Any] = dict(who[0])
    out["stated_age"] = stated_age(out)
    out["roles"] = _roles(store, uid)
    out.update(_entities(store, uid))
    out["associates"] = _associates(store, uid)
    out["linked_children"] = store.read("children_near_suspect", suspect=uid,
                                        max_links=CHILD_LINKS)
    out["missing_episodes"] = store.read("missing_episodes", child=uid)
    out["analysis"] = _analysis(store, uid)
    out["rank_trend"] = rank_trend(store, uid)
    return out


__all__ = ["profile", "rank_trend", "trend_text"]
