"""Places, vehicles and phones of one network, with the place-based and asset options."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from graphintel.agenda.model import Asset, Limits, Place
from graphintel.agenda.scope import Scope, shown_episodes
from graphintel.agenda.tactics import Tactics
from graphintel.agenda.view import View
from graphintel.agenda.words import VERBS, plural, vehicle_text, when
from graphintel.redact import CARE_HOME

SKIP_PLACE_KINDS = {"camera"}
HOME_KINDS = {"home_address"}


@dataclass
class _Acc:
    info: dict[str, Any]
    people: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    found: set[str] = field(default_factory=set)
    sightings: int = 0


def _is_suspect(view: View, uid: str) -> bool:
    """Assessed as a suspect and neither a child nor a victim (nor possibly one recorded
    apart: :meth:`View.protected`): a child exploited into offending makes no place a
    suspect's and no phone or vehicle one to act on. Partners: a shareable report
    assesses them as a suspect (:meth:`View.suspect`)."""
    return view.suspect(uid) and not view.protected(uid)


def child_homes(view: View) -> set[str]:
    """The places the facts read say a child or victim lives (``LIVES_AT``; a record that
    may be one recorded apart counts), places a child or victim went missing from (her
    home or placement, as partner outputs take it), and places at the same address as
    such a home written another way (``5 ELM RD`` for ``5 Elm Road``; both
    :attr:`View.child_places`): never a hotspot or a suspect's home."""
    return {t["entity"] for uid, ties in view.facts.ties.items() if view.protected(uid)
            for t in ties if t["type"] == "LIVES_AT" and t["label"] == "Location"} \
        | view.child_places


def is_care_home(info: dict[str, Any]) -> bool:
    """Whether a place's address, key or label names a children's (or care) home."""
    return bool(CARE_HOME.search(" ".join(str(info.get(k) or "")
                                          for k in ("address", "key", "label"))))


def place_kinds(recorded: str, *, child_home: bool, found: bool,
                suspect_home: bool) -> set[str]:
    """The kinds a place is matched to tactics by (``tactics.yaml``, ``places:``).

    Where a child or victim lives (or any children's home) is ``child_home`` and nothing
    else, whatever it was recorded as: never a hotspot, a venue or a suspect's home, so no
    closure, eviction, licence review or patrol plan is proposed for it. A venue (a hotel,
    a B&B, a hostel) where one lives is also ``child_placement``: the meeting is offered a
    safeguarding review of the placement and engagement with the business
    (Operation Makesafe-style awareness), not a closure. Closing premises where a child is
    placed would move the child, not protect them, and that is children's social care's
    decision; once the child has been moved, the place is no longer where they live (the
    graph's ``LIVES_AT`` says so) and the partners may consider it like any other venue.

    >>> sorted(place_kinds("venue", child_home=True, found=True, suspect_home=True))
    ['child_home', 'child_placement']
    >>> sorted(place_kinds("hotspot", child_home=True, found=False, suspect_home=False))
    ['child_home']
    >>> sorted(place_kinds("venue", child_home=False, found=True, suspect_home=True))
    ['hotspot', 'suspect_home', 'venue']
    >>> sorted(place_kinds("home_address", child_home=False, found=True, suspect_home=False))
    ['home_address']
    """
    if child_home:
        return {"child_home", "child_placement"} if recorded == "venue" else {"child_home"}
    kinds = {recorded}
    if found and recorded not in HOME_KINDS:
        kinds.add("hotspot")
    if suspect_home:
        kinds.add("suspect_home")
    return kinds


def kind_text(recorded: str, kinds: set[str]) -> str:
    """The kind a place is shown as: a child's or victim's home says so, and one recorded
    as a hotspot is not called one.

    >>> kind_text("hotspot", {"child_home"})
    'where a child or victim lives (recorded as a hotspot: not treated as one)'
    >>> kind_text("venue", {"child_home", "child_placement"})
    'venue (where a child or victim lives)'
    >>> kind_text("home_address", {"home_address", "suspect_home"})
    "home address (suspect's home)"
    """
    kind = recorded.replace("_", " ")
    if "child_home" in kinds:
        if recorded == "hotspot":
            return "where a child or victim lives (recorded as a hotspot: not treated as one)"
        return f"{kind} (where a child or victim lives)"
    return kind + (" (suspect's home)" if "suspect_home" in kinds else "")


#: People named per place, vehicle or phone (suspects first); the rest are counted.
MOST_PEOPLE = 3


def _named(view: View, people: dict[str, set[str]]) -> list[str]:
    """The people a row names (suspects first), in order; the rest are counted."""
    order = sorted(people, key=lambda u: (not _is_suspect(view, u), view.is_child(u), u))
    return order[:MOST_PEOPLE]


def _people_text(view: View, people: dict[str, set[str]]) -> str:
    named = _named(view, people)
    text = "; ".join(f"{view.name(u)} ({', '.join(VERBS.get(t, t) for t in sorted(people[u]))})"
                     for u in named)
    more = len(people) - len(named)
    return text + (f"; and {plural(more, 'other')}" if more > 0 else "")


def _ties(view: View, scope: Scope, label: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for uid in scope.members:
        for tie in view.facts.ties.get(uid, []):
            if tie["label"] == label and view.shown(
                    tie["refs"], "ties", f"{uid}|{tie['type']}|{tie['entity']}"):
                out.append((uid, tie))
    return out


def places(view: View, tactics: Tactics, limits: Limits, scope: Scope,
           children: list[str]) -> tuple[list[Place], int]:
    """Hotspots and addresses: where ``children`` (the network's own, and those linked
    directly to its targets) were found after going missing, and where suspects and
    children live, go or were seen (children's own homes excluded), most concerning first.
    A place where a child was found counts as a hotspot unless it is a home address. Where
    a child or victim lives, or a children's home, is never a hotspot or a suspect's home
    (kind ``child_home``): no closure, eviction or patrol plan is proposed for it, only the
    safeguarding steps :func:`place_kinds` gives it."""
    acc: dict[str, _Acc] = {}
    homes = child_homes(view)
    # a suspect's home whichever network the suspect is in, so that one address reads the
    # same in every network's table
    suspect_homes: set[str] = set()
    for uid, ties in view.facts.ties.items():
        if not _is_suspect(view, uid):
            continue
        for t in ties:
            if t["type"] == "LIVES_AT" and t["label"] == "Location" and \
                    view.shown(t["refs"], "ties", f"{uid}|{t['type']}|{t['entity']}"):
                suspect_homes.add(t["entity"])
    for uid, tie in _ties(view, scope, "Location"):
        if tie["kind"] in SKIP_PLACE_KINDS or (tie["type"] == "LIVES_AT"
                                                and view.protected(uid)):
            continue
        a = acc.setdefault(tie["entity"], _Acc(tie))
        a.people[uid].add(tie["type"])
        if tie["type"] == "SEEN_AT":
            a.sightings += int(tie["count"] or 1)
    for child in children:
        for e in shown_episodes(view, child):
            for f in e["found_at"]:
                if view.shown(f["refs"], "places found", f"{e['event']}|{f['uid']}"):
                    a = acc.setdefault(f["uid"], _Acc(f))
                    a.found.add(child)
                    a.people[child].add("FOUND_AT")
                    scope.found_at.append((child, f["uid"]))
            for w in e["found_with"]:
                if view.visible(w["uid"]) and view.shown(
                        w["refs"], "found-with links", f"{e['event']}|{w['uid']}"):
                    scope.found_with.append((child, w["uid"]))
    rows = []
    for entity, a in acc.items():
        suspects = [u for u in a.people if _is_suspect(view, u)]
        kids = [u for u in a.people if view.is_child(u) and a.people[u] - {"FOUND_AT"}]
        if not (a.found or suspects or kids):
            continue
        recorded = str(a.info.get("kind") or "place")
        child_home = entity in homes or is_care_home(a.info)
        kinds = place_kinds(recorded, child_home=child_home, found=bool(a.found),
                            suspect_home=entity in suspect_homes
                            or any("LIVES_AT" in a.people[u] for u in suspects))
        why = []
        if a.found:
            why.append(f"{plural(len(a.found), 'child', 'children')} found here after going "
                       "missing")
        if suspects:
            why.append(f"{plural(len(suspects), 'suspect')} linked")
        if kids:
            why.append(f"{plural(len(kids), 'child', 'children')} seen or going here")
        if a.sightings:
            why.append(plural(a.sightings, "sighting"))
        kind = kind_text(recorded, kinds)
        score = 3 * len(a.found) + 2 * len(suspects) + len(kids) + a.sightings / 10
        address = view.place(entity, a.info)
        rows.append((-score, address, entity, kind, "; ".join(why), a.people, kinds))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    shown = rows[: limits.places]
    scope.places = [r[2] for r in shown]
    scope.named.update(u for r in shown for u in _named(view, r[5]))
    # only the places shown are described (who is there, what can be done)
    return [Place(address=address, kind=kind, why=why,
                  people=_people_text(view, people) or "—",
                  options=[t.name for t in tactics.for_place(kinds)],
                  child_home="child_home" in kinds)
            for _, address, _, kind, why, people, kinds in shown], \
        max(0, len(rows) - limits.places)


#: The links by which a vehicle or phone is a child's or victim's own, whoever else uses it.
CHILD_HELD = {"Vehicle": frozenset({"OWNS", "DRIVES", "USES"}),
              "Phone": frozenset({"USES", "OWNS"})}


def assets(view: View, tactics: Tactics, limits: Limits,
           scope: Scope) -> tuple[list[Asset], int]:
    """Vehicles and phones tied to a suspect or shared by people of the network. One only
    children or victims use is left out; a vehicle a child or victim keeps, drives or uses
    (:data:`CHILD_HELD`) is offered the safeguarding options of ``tactics.yaml``
    (``child_vehicles``) instead of markers, stops or licensing, which would act in their
    name or stop them at the wheel: the keeper may be shielding, or be controlled by, the
    suspects who drive it, and a child driving it is exploited, not a suspect. A phone a
    child or victim uses or owns is offered ``child_phones`` safeguarding instead of a
    communications data request against it."""
    users: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    info: dict[str, dict[str, Any]] = {}
    for label in ("Vehicle", "Phone"):
        for uid, tie in _ties(view, scope, label):
            users[tie["entity"]][uid].add(tie["type"])
            info.setdefault(tie["entity"], tie)
    network_phones = {e for e in users if info[e]["label"] == "Phone"}
    # a child's or victim's own, by any report the facts hold (one a partner may not be
    # shown still makes it theirs)
    childs = {t["entity"] for uid, ties in view.facts.ties.items() if view.protected(uid)
              for t in ties if t["type"] in CHILD_HELD.get(t["label"], ())}
    rows = []
    for entity, people in users.items():
        tie = info[entity]
        suspects = [u for u in people if _is_suspect(view, u)]
        if not suspects and len(people) < 2:
            continue
        if all(view.protected(u) for u in people):
            # a child's or victim's own phone or vehicle is never something to act on
            if view.partner:
                view.withheld_facts["children's phones or vehicles"].add(entity)
            continue
        # a vehicle a child or victim keeps, drives or uses, however others use it:
        # nothing in their name, no stop of them at the wheel; a phone one uses or owns:
        # nothing against their phone
        kept = entity in childs
        if tie["label"] == "Vehicle":
            activity, count = _reads(view, entity)
            options = [t.name for t in tactics.for_vehicle(kept_by_child=kept)]
        else:
            activity, count = _calls(view, entity, network_phones)
            options = [t.name for t in tactics.for_phone(used_by_child=kept)]
        score = 2 * len(suspects) + len(people) + count / 10
        key = view.key(entity, tie["label"], tie)
        rows.append((-score, tie["label"], key, entity, Asset(
            kind=tie["label"], key=key, description=vehicle_text(tie),
            people=_people_text(view, people), activity=activity, options=options,
            child_kept=kept), people))
    rows.sort(key=lambda r: r[:4])
    scope.assets = [r[3] for r in rows[: limits.assets]]
    scope.named.update(u for r in rows[: limits.assets] for u in _named(view, r[5]))
    return [r[4] for r in rows[: limits.assets]], max(0, len(rows) - limits.assets)


def _reads(view: View, vehicle: str) -> tuple[str, int]:
    reads = [r for r in view.facts.reads.get(vehicle, [])
             if view.shown(r["refs"], "vehicle sightings", f"{vehicle}|{r['location']}")]
    if not reads:
        return "no sightings recorded", 0
    total = sum(int(r["count"] or 1) for r in reads)
    top = sorted(reads, key=lambda r: (-int(r["count"] or 1), str(r["address"])))[:3]
    where = "; ".join(f"{view.place(r['location'], r)} ×{int(r['count'] or 1)}" for r in top)
    last = max((str(r["last_seen"]) for r in reads if r["last_seen"]), default=None)
    more = f" and {plural(len(reads) - 3, 'other place')}" if len(reads) > 3 else ""
    return (f"{plural(total, 'sighting')} at {plural(len(reads), 'place')}: {where}{more}; "
            f"last {when(last)}"), total


def _calls(view: View, phone: str, network_phones: set[str]) -> tuple[str, int]:
    calls = [c for c in view.facts.calls.get(phone, [])
             if view.shown(c["refs"], "calls", "|".join(sorted((phone, c["other"]))))]
    if not calls:
        return "no calls recorded", 0
    total = sum(int(c["count"] or 1) for c in calls)
    numbers = {c["other"] for c in calls}
    inside = len(numbers & network_phones)
    last = max((str(c["last_seen"]) for c in calls if c["last_seen"]), default=None)
    return (f"{plural(total, 'call')} with {plural(len(numbers), 'number')}, {inside} used in "
            f"this network; last {when(last)}"), total
