"""Meeting actions that persist: proposed by an agenda, stored in the graph with the meeting
they came from, carried over to the next agenda until done, and updated in between.

The graph model (see :mod:`graphintel.model`)::

    (:Meeting {id, run_id, date, recorded_at})-[:RAISED]->(:MeetingAction {id, key, text,
        network, owner, agency, due, status, outcome, subjects, history, ...})
    (:Meeting)-[:CARRIED]->(:MeetingAction)      an open action carried over to it
    (:Meeting)-[:SUPERSEDED]->(:MeetingAction)   replaced by its agenda (same date)

A meeting's id is its date and the analysis run its agenda came from, so writing the same
agenda twice records it once. An agenda for the same date from a later run (new
intelligence before the meeting) replaces the earlier one: the earlier agenda's actions
that nobody has changed are dropped as superseded, and this agenda proposes its own.
An action's ``key`` says what it is about (a target, a place, a vehicle or phone, a
network's children), so a later agenda does not propose again what an open action
already covers: it carries that one over instead, overdue ones first.

:func:`list_actions` and :func:`update_action` are what ``graphintel actions`` calls; both
are audited.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from graphintel.agenda.decisions import decision_text
from graphintel.agenda.model import Action, Limits, Network, Target
from graphintel.agenda.scope import Scope
from graphintel.agenda.tactics import Tactics
from graphintel.agenda.view import View
from graphintel.audit import audited, os_user
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.model import ACTION_STATUSES, OPEN_ACTION_STATUSES
from graphintel.store import Store

#: Days from the meeting to an action's default due date (half the bi-monthly cycle).
DUE_DAYS = 28
BLANK_ACTIONS = 3
CHILDREN_AGENCY = "Children's social care"
CLOSED = tuple(s for s in ACTION_STATUSES if s not in OPEN_ACTION_STATUSES)


@dataclass
class Proposal:
    """An action this agenda proposes, before it is stored."""

    key: str
    text: str
    network: str
    agency: str
    subjects: list[str]


def meeting_id(run_id: str, meeting_date: str) -> str:
    return f"{meeting_date}/{run_id}"


def action_id(meeting: str, key: str) -> str:
    """A short, stable id a chair can type: ``A-`` and 8 hex digits."""
    return "A-" + hashlib.sha256(f"{meeting}\n{key}".encode()).hexdigest()[:8]


def default_due(meeting_date: str) -> str:
    return (date.fromisoformat(meeting_date) + timedelta(days=DUE_DAYS)).isoformat()


def owner_for(agency: str) -> str:
    """Until the meeting names someone, the agency's representative at the meeting owns it."""
    return f"{agency.split(' (')[0].split(' with ')[0]} representative"


def _agency(tactics: Tactics, names: Sequence[str], default: str = "Police") -> str:
    by_name = {t.name: t.agency for t in tactics.items}
    return next((by_name[n] for n in names if n in by_name), default)


def _target_proposal(uid: str, t: Target, where: str, tactics: Tactics,
                     kind: str = "", top: int = 10) -> Proposal:
    """The action proposed for a candidate target (``kind``: why "for decision today"
    names them, if it does)."""
    if t.possibly_protected:
        return Proposal(f"target|{uid}", f"Resolve whether {t.name} (rank {t.rank}) is a child "
                        "or victim recorded apart, before any disruption plan", where,
                        "Police (intelligence)", [uid])
    text = f"Agree a disruption plan for {t.name} (rank {t.rank})"
    if kind == "suspected":
        text += ", newly assessed as a suspect"
    elif kind == "escalated":
        text += f", newly in the top {top}"
    elif kind == "de-escalated":
        text = (f"Decide whether {t.name} (rank {t.rank}, out of the top {top}) still needs "
                "a disruption plan")
    return Proposal(f"target|{uid}", text, where, _agency(tactics, t.tactics), [uid])


def people_proposals(people: Sequence[tuple[str, str]],
                     listed: Mapping[str, tuple[Target, str]], names: Mapping[str, str],
                     where: Mapping[str, str], tactics: Tactics,
                     limits: Limits) -> list[Proposal]:
    """An action for each person "for decision today" names (``people``: (kind, uid) as
    :func:`graphintel.agenda.headline.decisions` gives them): a disruption plan for a
    candidate target (``listed``: their Appendix A row and network by uid), a review of
    the intelligence on a suspect who is not one (``names``, ``where``: by uid)."""
    out: list[Proposal] = []
    for kind, uid in people:
        found = listed.get(uid)
        if found is not None:
            out.append(_target_proposal(uid, found[0], found[1], tactics, kind,
                                        limits.rank_threshold))
        elif kind == "suspected" and uid in names:
            out.append(Proposal(f"suspect|{uid}", f"Review the intelligence on {names[uid]}, "
                                "newly assessed as a suspect but not a candidate target in "
                                "this run, and decide whether any action is needed",
                                where.get(uid, "—"), "Police (intelligence)", [uid]))
    return out


def propose(sections: Sequence[tuple[Network, Scope]], tactics: Tactics, limits: Limits,
            gap_count: int, people: Sequence[Proposal] = ()) -> list[Proposal]:
    """What the meeting is asked to agree: for each network of most concern, a plan for
    each target on its page, one place, one vehicle or phone, and a safeguarding review of
    each placement shown where a child or victim lives (a hotel, say: never a place-based
    plan); for each person "for decision today" names, an action (``people``, from
    :func:`people_proposals`); one check on the children's safeguarding plans; for the
    other networks, one decision on which need a plan."""
    out: list[Proposal] = []
    done: set[str] = set()
    why = {p.key: p for p in people}
    for order, (net, scope) in enumerate(sections):
        where = f"Network {net.id}"
        core = order < limits.core_networks
        shown = list(zip(scope.targets, net.targets, strict=False))
        for uid, t in shown[: limits.core_targets if core else 0]:
            out.append(why.get(f"target|{uid}") or _target_proposal(uid, t, where, tactics))
        if not core:
            continue
        planned = False
        for uid, p in zip(scope.places, net.places, strict=False):
            if not p.options or f"place|{uid}" in done or (planned and not p.child_home):
                continue
            done.add(f"place|{uid}")
            if p.child_home:
                # where a child or victim lives: their safety there, not the premises; one
                # for each such place shown, besides the network's one place-based plan
                out.append(Proposal(f"place|{uid}", f"Safeguarding review of the placement "
                                    f"at {p.address} (a child or victim lives there)", where,
                                    _agency(tactics, p.options), [uid]))
            else:
                planned = True
                out.append(Proposal(f"place|{uid}", f"Place-based plan for {p.address}",
                                    where, _agency(tactics, p.options), [uid]))
        for uid, a in zip(scope.assets, net.assets, strict=False):
            if a.options and f"asset|{uid}" not in done:
                done.add(f"asset|{uid}")
                # a vehicle or phone a child or victim keeps, drives or uses: nothing
                # against it in their name
                text = f"Disruption plan for {a.kind.lower()} {a.key}"
                if a.child_kept and a.kind == "Vehicle":
                    text = (f"Safeguarding enquiry about the keeper and drivers of vehicle "
                            f"{a.key} (kept or driven by a child or victim)")
                elif a.child_kept:
                    text = (f"Safeguarding enquiry about {a.kind.lower()} {a.key} (used by a "
                            "child or victim)")
                out.append(Proposal(f"asset|{uid}", text, where,
                                    _agency(tactics, a.options), [uid]))
                break
    keys = {p.key for p in out}
    for extra in people:
        if extra.key not in keys:
            keys.add(extra.key)
            out.append(extra)
    if any(net.children for net, _ in sections):
        out.append(Proposal(
            "children", "Confirm every child and victim rated Red or Amber in Appendix B has a "
            "current safeguarding plan and a return-home interview after each missing episode",
            "all", CHILDREN_AGENCY, []))
    rest = [net for net, _ in sections[limits.core_networks:] if net.targets]
    if rest:
        out.append(Proposal("other-networks", "Decide which of the other networks needs a "
                            "disruption plan before the next meeting", ", ".join(
                                f"Network {n.id}" for n in rest[:4])
                            + (" and others" if len(rest) > 4 else ""), "Police", []))
    if gap_count:
        out.append(Proposal("gaps", "Seek corroboration for the intelligence gaps in "
                            "Appendix E", "all", "Police", []))
    return out


def _may_show(view: View, subjects: Sequence[str], shown: set[str], key: str = "") -> bool:
    """Partners see an action only when everyone it is about may be shown and every place,
    vehicle or phone it is about is one their version of this agenda shows; an action about
    a target or a suspect (``key``) only when a shareable report assesses them as a suspect
    (:meth:`View.suspect`: a candidate target withheld from partners raises none)."""
    if not view.partner:
        return True
    if str(key).startswith(("target|", "suspect|")) and not all(
            view.suspect(u) for u in subjects if u.startswith("Person:")):
        return False
    for uid in subjects:
        if uid.startswith("Person:"):
            if not view.visible(uid):
                return False
        elif uid in view.redactor.protected or uid not in shown:
            return False
    return True


_RANK = re.compile(r"\(rank (\d+)\)")


def current_text(row: dict[str, Any], ranks: Mapping[str, int] | None) -> str:
    """An earlier meeting's action as it reads today: a person's rank when it was raised
    gives way to their rank in this run (``ranks``: by uid), and says what it was then.

    >>> row = {"text": "Plan for A (rank 2)", "key": "target|Person:a",
    ...        "subjects": ["Person:a"], "meeting_date": "2026-12-06"}
    >>> current_text(row, {"Person:a": 1})
    'Plan for A (now rank 1; rank 2 at the meeting of 2026-12-06)'
    >>> current_text(row, {})
    'Plan for A (no longer a candidate target; rank 2 at the meeting of 2026-12-06)'
    >>> current_text(row, {"Person:a": 2})
    'Plan for A (rank 2)'
    """
    text = str(row.get("text") or "")
    people = [u for u in row.get("subjects") or [] if str(u).startswith("Person:")]
    if ranks is None or len(people) != 1 or \
            not str(row.get("key") or "").startswith(("target|", "suspect|")):
        return text
    now = ranks.get(people[0])
    when = str(row.get("meeting_date") or "")
    then = f" at the meeting of {when}" if when else " when raised"
    found = _RANK.search(text)
    if found is None:
        return text + (f" (now rank {now})" if now is not None else "")
    if now is not None and now == int(found.group(1)):
        return text
    current = f"now rank {now}" if now is not None else "no longer a candidate target"
    return (text[: found.start()] + f"({current}; rank {found.group(1)}{then})"
            + text[found.end():])


def _from_row(number: int, row: dict[str, Any], today: str,
              ranks: Mapping[str, int] | None = None, withdraw: str = "") -> Action:
    """An earlier meeting's action as this agenda shows it; ``withdraw``: why it is now
    against a child or victim (shown instead of the action, never as overdue)."""
    due = str(row.get("due") or "")
    status = str(row.get("status") or "open")
    if withdraw:
        return Action(number=number, action=withdraw, network=str(row.get("network") or ""),
                      id=str(row["id"]), owner=str(row.get("owner") or ""),
                      agency=str(row.get("agency") or ""), due=due,
                      status=status.replace("_", " "),
                      meeting=str(row.get("meeting_date") or ""),
                      outcome=str(row.get("outcome") or ""), withdraw=withdraw)
    return Action(number=number, action=current_text(row, ranks),
                  network=str(row.get("network") or ""), id=str(row["id"]),
                  owner=str(row.get("owner") or ""), agency=str(row.get("agency") or ""),
                  due=due, status=status.replace("_", " "),
                  meeting=str(row.get("meeting_date") or ""),
                  outcome=str(row.get("outcome") or ""),
                  overdue=bool(due) and due < today and status in OPEN_ACTION_STATUSES)


@dataclass
class MeetingActions:
    """The actions of one agenda: new ones, carried-over ones, outcomes since last time."""

    meeting: str
    proposed: list[Action]
    carried: list[Action]
    outcomes: list[Action]
    raised: list[dict[str, Any]]
    declined: list[Action] = field(default_factory=list)
    #: Ids of the unchanged actions of an earlier agenda for the same date (another run),
    #: dropped when this agenda's meeting is recorded.
    superseded: list[str] = field(default_factory=list)
    #: Ids of unchanged actions an agenda for this date raised that the chair has since
    #: rejected, dropped when this agenda's meeting is recorded.
    rejected: list[str] = field(default_factory=list)


@dataclass
class Earlier:
    """What earlier meetings left this one: open actions to carry over (overdue first),
    outcomes recorded since the last meeting, and the raised actions this agenda replaces
    (see :func:`meeting_actions`)."""

    here: str
    carried: list[Action]
    outcomes: list[Action]
    covered: set[str]
    superseded: list[str]
    rejected: list[str]
    #: The people the carried actions and outcomes are about (uids).
    people: set[str] = field(default_factory=set)


def earlier_actions(store: Store, view: View, *, run_id: str, meeting_date: str,
                    shown: set[str] | None = None,
                    decided: Mapping[str, dict[str, Any]] | None = None,
                    ranks: Mapping[str, int] | None = None,
                    withdraw: Callable[[Mapping[str, Any]], str] | None = None) -> Earlier:
    """The first half of :func:`meeting_actions` (what does not depend on this agenda's
    proposals). ``ranks``: the candidate targets' ranks in this run by uid, for carried
    actions about a person to say where they rank now. ``withdraw``: why an open action is
    now enforcement against a child or victim, or "" (:mod:`graphintel.agenda.withdraw`):
    such an action is carried over to be withdrawn (first, never overdue), covers no new
    proposal and names no one as a target."""
    seen = shown or set()
    decided = decided or {}
    here = meeting_id(run_id, meeting_date)
    rows = store.read("actions_list", statuses=[])
    untouched = [r for r in rows if str(r.get("meeting_date") or "") == meeting_date
                 and r["status"] == "open" and not r.get("changes")]
    rejected = {str(r["id"]) for r in untouched
                if (decided.get(str(r["key"])) or {}).get("decision") == "rejected"}
    # An agenda written earlier for this same date from another run is replaced by this
    # one: its actions nobody has changed yet are this agenda's to propose, not carried.
    superseded = {str(r["id"]) for r in untouched
                  if r["meeting"] != here and str(r["key"]) not in decided}
    earlier = [r for r in rows if r["meeting"] != here
               and str(r.get("meeting_date") or "") <= meeting_date
               and str(r["id"]) not in superseded | rejected]
    open_rows = [r for r in earlier if r["status"] in OPEN_ACTION_STATUSES
                 and _may_show(view, r["subjects"], seen, str(r.get("key") or ""))]
    why = {str(r["id"]): withdraw(r) if withdraw else "" for r in open_rows}
    open_rows.sort(key=lambda r: (not why[str(r["id"])],
                                  not (r.get("due") and str(r["due"]) < meeting_date),
                                  str(r.get("due") or "9999"), str(r["id"])))
    carried = [_from_row(i, r, meeting_date, ranks, why[str(r["id"])])
               for i, r in enumerate(open_rows, start=1)]
    covered = {str(r["key"]) for r in open_rows if not why[str(r["id"])]}
    meetings = [m for m in store.read("meetings_list") if str(m["date"]) < meeting_date]
    last = str(meetings[-1]["recorded_at"]) if meetings else None
    closed = [r for r in earlier if r["status"] in CLOSED and last is not None
              and str(r.get("closed_at") or "") >= last
              and _may_show(view, r["subjects"], seen, str(r.get("key") or ""))]
    outcomes = [_from_row(i, r, meeting_date, ranks) for i, r in enumerate(closed, start=1)]
    people = {str(u) for r in (*open_rows, *closed) for u in r.get("subjects") or []
              if str(u).startswith("Person:") and not why.get(str(r["id"]))}
    return Earlier(here, carried, outcomes, covered, sorted(superseded), sorted(rejected),
                   people)


def meeting_actions(store: Store, view: View, proposals: Sequence[Proposal], *,
                    run_id: str, meeting_date: str, shown: set[str] | None = None,
                    decided: Mapping[str, dict[str, Any]] | None = None,
                    earlier: Earlier | None = None) -> MeetingActions:
    """Open actions of earlier meetings (overdue first), the new proposals not already
    covered by one of them, and the outcomes recorded since the last meeting. ``shown``:
    the places, vehicles and phones this version of the agenda shows. ``decided``: the
    chair's decisions for this meeting by proposal key
    (:func:`graphintel.agenda.decisions.meeting_decisions`): a rejected proposal is
    declined (listed, not raised), an accepted one is agreed, in the wording the chair
    agreed. An action an agenda for this date already raised (this one written before, or
    another run's) that the chair then rejected is dropped, unless someone has changed
    it; one of another run's agenda that the chair accepted, or that anyone changed, is
    carried over; the rest of that agenda's are superseded by this one. ``earlier``: what
    :func:`earlier_actions` found, when already read. Ends with :data:`BLANK_ACTIONS`
    blank rows (no id) for actions the meeting adds."""
    seen = shown or set()
    decided = decided or {}
    if earlier is None:
        earlier = earlier_actions(store, view, run_id=run_id, meeting_date=meeting_date,
                                  shown=shown, decided=decided)
    here, carried, covered = earlier.here, earlier.carried, earlier.covered
    proposed: list[Action] = []
    raised: list[dict[str, Any]] = []
    due = default_due(meeting_date)
    declined: list[Action] = []
    for p in proposals:
        if p.key in covered or not _may_show(view, p.subjects, seen, p.key):
            continue
        entry = decided.get(p.key)
        text = str((entry or {}).get("text") or "") or p.text
        ident = action_id(here, p.key)
        if entry and entry.get("decision") == "rejected":
            declined.append(Action(number=len(declined) + 1, action=p.text, network=p.network,
                                   id=ident, status="not taken forward", key=p.key,
                                   decision=decision_text(entry)))
            continue
        number = len(carried) + len(proposed) + 1
        proposed.append(Action(number=number, action=text, network=p.network, id=ident,
                               owner=owner_for(p.agency), agency=p.agency, due=due,
                               status="agreed" if entry else "proposed", meeting=meeting_date,
                               key=p.key, decision=decision_text(entry)))
        raised.append({"id": ident, "key": p.key, "text": text, "network": p.network,
                       "owner": owner_for(p.agency), "agency": p.agency, "due": due,
                       "subjects": p.subjects})
    start = len(carried) + len(proposed) + 1
    proposed.extend(Action(start + i, "", "", status="") for i in range(BLANK_ACTIONS))
    return MeetingActions(here, proposed, carried, earlier.outcomes, raised, declined,
                          earlier.superseded, earlier.rejected)


def record_meeting(store: Store, meeting: str, raised: Sequence[dict[str, Any]],
                   carried: Sequence[Action], *, run_id: str, meeting_date: str,
                   superseded: Sequence[str] = (), rejected: Sequence[str] = ()) -> None:
    """Store the meeting, the actions it raised and those it carried over (idempotent);
    drop the ``superseded`` and ``rejected`` actions (see :class:`MeetingActions`) unless
    someone has changed them since."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    store.write("record_meeting",
                meeting={"id": meeting, "run_id": run_id, "date": meeting_date,
                         "recorded_at": now},
                raised=list(raised), carried=[a.id for a in carried if a.id],
                superseded=list(superseded), rejected=list(rejected))


# -- graphintel actions list | update ------------------------------------------------------

def _status(value: str) -> str:
    status = value.strip().lower().replace(" ", "_").replace("-", "_")
    if status not in ACTION_STATUSES:
        raise ConfigError(f"unknown action status {value!r}", "--status",
                          f"use one of {', '.join(ACTION_STATUSES)}")
    return status


def list_actions(store: Store, settings: Settings, *, status: str | None = None,
                 meeting: str | None = None) -> list[dict[str, Any]]:
    """The stored actions (``status``: one status, or ``"open"`` for open and in progress;
    ``meeting``: a meeting id or date); audited as ``actions list``."""
    params = {"status": status, "meeting": meeting}
    with audited(settings, "actions list", params=params) as record:
        wanted: list[str] = []
        if status is not None:
            wanted = list(OPEN_ACTION_STATUSES) if status.strip().lower() == "open" \
                else [_status(status)]
        rows = store.read("actions_list", statuses=wanted)
        if meeting:
            rows = [r for r in rows if meeting in (r["meeting"], r["meeting_date"])]
        record.records = len(rows)
    return rows


def update_action(store: Store, settings: Settings, ident: str, *, owner: str | None = None,
                  agency: str | None = None, due: str | None = None,
                  status: str | None = None, outcome: str | None = None) -> dict[str, Any]:
    """Change an action; returns it as stored. Raises :class:`NotFound` for an unknown id
    and :class:`ConfigError` for a bad status or date or when nothing is to change.
    Audited as ``actions update`` with the values before and after."""
    params = {"id": ident, "owner": owner, "agency": agency, "due": due, "status": status,
              "outcome": outcome}
    with audited(settings, "actions update", params=params) as record:
        changes: dict[str, Any] = {}
        for name, value in (("owner", owner), ("agency", agency), ("outcome", outcome)):
            if value is not None:
                changes[name] = " ".join(value.split())
        if due is not None:
            try:
                changes["due"] = date.fromisoformat(due.strip()).isoformat()
            except ValueError:
                raise ConfigError(f"due date {due!r} is not a date", "--due",
                                  "write it as YYYY-MM-DD") from None
        if status is not None:
            changes["status"] = _status(status)
        if not changes:
            raise ConfigError("nothing to change", "graphintel actions update",
                              "give --owner, --agency, --due, --status or --outcome")
        before = next((r for r in store.read("actions_list", statuses=[])
                       if r["id"] == ident.strip()), None)
        if before is None:
            raise NotFound(f"no meeting action {ident!r}", None,
                           "see 'graphintel actions list' for the ids")
        now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        if changes.get("status") in CLOSED and before["status"] not in CLOSED:
            changes["closed_at"] = now
        entry = json.dumps({"at": now, "by": os_user(),
                            "changes": {k: [before.get(k), v] for k, v in changes.items()}},
                           sort_keys=True, ensure_ascii=False)
        store.write("update_action", id=before["id"], changes=changes, entry=entry,
                    updated_at=now)
        record.records = 1
        record.details["before"] = {k: before.get(k) for k in changes}
        record.details["after"] = changes
    after = next(r for r in store.read("actions_list", statuses=[]) if r["id"] == before["id"])
    return after
