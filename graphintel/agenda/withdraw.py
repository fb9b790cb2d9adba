"""Open actions of earlier meetings that are no longer actions to pursue.

An action raised at an earlier meeting against a person (a disruption plan, a review of
the intelligence on a suspect), a place (a place-based plan) or a vehicle (a disruption
plan) stays open until someone closes it. When the graph has since recorded that the
person is a child or a victim, that a child or victim lives at the place, or keeps the
vehicle, the action is enforcement against a child or victim: the agenda never carries it
over as one to chase (nor as overdue), but as one to withdraw, saying who is now
safeguarded and why, and asks the meeting to close it. The rules are the agenda's own:
:meth:`View.protected <graphintel.agenda.view.View.protected>` (with what the graph
records since the run: :func:`graphintel.agenda.stale.protection_now`),
:func:`graphintel.agenda.places.child_homes` and the vehicle-keeper rule of
:func:`graphintel.agenda.places.assets` (a vehicle a child or victim keeps or drives:
``OWNS``, ``DRIVES``).
Safeguarding actions (a review of a placement, an enquiry about a keeper) are not
withdrawn: they are what the meeting should pursue, unless their agreed wording goes on to
an enforcement step (:mod:`graphintel.agenda.enforcement_words`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphintel.agenda.enforcement_words import enforcement_in
from graphintel.agenda.places import child_homes
from graphintel.agenda.stale import Since, protected_as, protection_now
from graphintel.agenda.view import View

#: Action keys that act against a person, a place or a vehicle or phone.
ENFORCEMENT_KEYS = ("target|", "suspect|", "place|", "asset|")
#: The wording of actions under those keys that protect rather than enforce.
PROTECTIVE = ("Safeguarding", "Resolve whether")
#: How a withdrawn action is described, by key.
WHAT = {"target": "a disruption plan for them", "suspect": "a review of them as a suspect",
        "place": "a place-based plan", "asset": "a disruption plan for the vehicle"}


def _join(names: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    >>> _join(["A"]), _join(["A", "B", "C"])
    ('A', 'A, B and C')
    """
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class Withdrawals:
    """Why each open action of an earlier meeting is to be withdrawn (see the module
    docstring): called with an ``actions_list`` row, it returns the text the agenda shows
    in place of the action, or "" when the action stands."""

    def __init__(self, view: View, since: Since,
                 holders: Sequence[Mapping[str, Any]] = ()) -> None:
        self.view = view
        self.since = since
        self.holders = list(holders)
        self._homes: set[str] | None = None

    def _person(self, uid: str, row: Mapping[str, Any] | None = None) -> tuple[str, str]:
        """(name, why protected) of a person, ("", "") when not protected."""
        view = self.view
        why = protection_now(view, self.since, uid)
        known = uid in view.facts.people
        if not why and row is not None and not known:
            person = {**row, "uid": uid}
            child = view.redactor.is_child(person) or uid in view.apart
            why = protected_as(person, view.as_of) or (
                "recorded as a child or victim" if child else "")
        if not why:
            return "", ""
        if known or row is None:
            return view.name(uid), why
        return view.redactor.name({**row, "uid": uid}), why

    def _held(self, entity: str, *links: str) -> list[tuple[str, str]]:
        out = []
        for row in self.holders:
            if str(row["entity"]) == entity and row["type"] in links:
                name, why = self._person(str(row["uid"]), row)
                if why:
                    out.append((name, why))
        for uid, ties in self.view.facts.ties.items():
            if any(t["entity"] == entity and t["type"] in links for t in ties) and \
                    all(str(r["uid"]) != uid for r in self.holders
                        if str(r["entity"]) == entity):
                name, why = self._person(uid)
                if why:
                    out.append((name, why))
        return out

    def __call__(self, row: Mapping[str, Any]) -> str:
        key = str(row.get("key") or "")
        text = str(row.get("text") or "")
        if not key.startswith(ENFORCEMENT_KEYS) or (
                text.startswith(PROTECTIVE) and not enforcement_in(text)):
            return ""  # a safeguarding action, unless its wording goes on to enforce
        kind, _, uid = key.partition("|")
        when = str(row.get("meeting_date") or "")
        raised = f"{WHAT[kind]}, raised at the meeting of {when}" if when \
            else f"{WHAT[kind]}, raised earlier"
        if kind in ("target", "suspect"):
            name, why = self._person(uid)
            return (f"To withdraw: {name} is now safeguarded ({why}); the meeting is asked "
                    f"to close this action ({raised})") if why else ""
        if kind == "place":
            if self._homes is None:
                self._homes = child_homes(self.view)
            living = self._held(uid, "LIVES_AT")
            if not living and uid not in self._homes:
                return ""
            where = "" if self.view.partner else \
                text.removeprefix("Place-based plan for ").strip()
            at = f" at {where}" if where else " there"
            if not living:
                return (f"To withdraw: a child or victim lives{at}, and is safeguarded; the "
                        f"meeting is asked to close this action ({raised})")
            return (f"{_now_safeguarded(living)} and "
                    f"{'lives' if len(living) == 1 else 'live'}{at}; "
                    f"the meeting is asked to close this action ({raised})")
        # by the entity (its uid is label:key), not by the wording the chair may have agreed
        if uid.startswith("Vehicle:"):
            keeping = self._held(uid, "OWNS", "DRIVES", "USES")
            verb = "keeps or drives" if len(keeping) == 1 else "keep or drive"
        elif uid.startswith("Phone:"):
            keeping = self._held(uid, "USES", "OWNS")
            verb = "uses" if len(keeping) == 1 else "use"
        else:
            return ""
        if not keeping:
            return ""
        vehicle = text.removeprefix("Disruption plan for ").strip() \
            if text.startswith("Disruption plan for ") else \
            f"the {uid.partition(':')[0].lower()} of this action"
        return (f"{_now_safeguarded(keeping)} and {verb} {vehicle}: nothing in their name; "
                f"the meeting is asked to close this action ({raised})")


def _now_safeguarded(held: list[tuple[str, str]]) -> str:
    """``To withdraw: NAMES is/are now safeguarded (WHY)`` for the (name, why) pairs of the
    people an action's place or vehicle is held by.

    >>> _now_safeguarded([("Tia MOORE", "a child")])
    'To withdraw: Tia MOORE is now safeguarded (a child)'
    """
    names = _join([n for n, _ in held])
    why = "; ".join(f"{n}: {w}" for n, w in held) if len(held) > 1 else held[0][1]
    return f"To withdraw: {names} {'is' if len(held) == 1 else 'are'} now safeguarded ({why})"


__all__ = ["Withdrawals"]
