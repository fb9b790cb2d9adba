"""An agenda of an analysis run that the graph has moved past, and the caution a run gives.

A run is a snapshot of the graph: reports loaded after it are in the graph but not in its
ranking. An agenda written from it must not read as current, and must not put to the
meeting, as a target, someone the graph now says is a child or a victim:

- :func:`reports_since` counts the reports loaded (or loaded again as a new version)
  after the run was made, and :func:`stale_text` says so, for the agenda's header and the
  command line (``graphintel analyse`` again);
- :func:`newly_protected` finds the run's candidate targets whom the graph now records as
  a victim (a victim role the run did not see), or as a child on the run's analysis date
  (by a date of birth or stated age recorded since). Safeguarding comes first at output
  time: they are not shown as targets, given tactics or a disruption plan, and are listed
  with the safeguarding entries instead (:func:`safeguarding_entries`), until the analysis
  is run again;
- :func:`recorded_apart` reads the run's own caution that a target may be a child or
  victim recorded apart (a slipped year of birth; pairs scored from
  :data:`graphintel.analysis.duplicates.SAFEGUARDING_MIN_SCORE`, below the pairs listed as
  possible duplicates), so that nothing is proposed against them until the pair is resolved.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphintel.agenda.model import SafeguardingEntry
from graphintel.agenda.view import View
from graphintel.agenda.words import plural
from graphintel.analysis.safeguarding import SAFEGUARDING_ACTIONS, child_on
from graphintel.store import Store

#: How the analysis words its caution on a target who may be a child or victim at risk
#: recorded apart (``graphintel.analysis.run._cautions``); the reasons are the run's only
#: record of pairs scored below the possible duplicates' threshold.
APART_CAUTION = "caution: possibly the same person as a child or victim at risk recorded apart"


def recorded_apart(target: Mapping[str, Any]) -> bool:
    """Whether the run cautions that ``target`` (a row of its ``targets``) may be a child or
    victim at risk recorded apart.

    >>> recorded_apart({"reasons": [APART_CAUTION + " (names alike); resolve the pair"]})
    True
    >>> recorded_apart({"reasons": ["appears to organise: 2 suspects"]})
    False
    """
    return any(str(r).startswith(APART_CAUTION) for r in target.get("reasons") or ())


def possibly_protected(view: View, target: Mapping[str, Any]) -> bool:
    """Whether a candidate target may be a child or victim recorded apart: the run cautions
    so (:func:`recorded_apart`), or another record the run lists as possibly theirs
    (``possibly_same_as``) is a child or victim. Nothing is proposed against them, their
    home or what they keep until the pair is resolved."""
    return recorded_apart(target) or any(
        view.is_child(o) or "victim" in (view.person(o).get("roles") or [])
        for o in target.get("possibly_same_as") or ())


def reports_since(store: Store, run: Mapping[str, Any]) -> int:
    """How many reports were loaded, or loaded again as a new version, after ``run`` (the
    run's ``run`` part) was made. Load times and run times are to the second: a report
    loaded in the run's own second counts as before it."""
    created = str(run.get("created_at") or "")
    if not created:
        return 0
    rows = store.read("agenda_reports_since", since=created)
    return int(rows[0]["reports"]) if rows else 0


def stale_text(count: int) -> str:
    """The warning for an output of a run that ``count`` reports loaded since may change
    ("" when there are none).

    >>> stale_text(0)
    ''
    >>> stale_text(2)[:77]
    '2 reports loaded since this analysis: run `graphintel analyse` again before r'
    """
    if count <= 0:
        return ""
    return (f"{plural(count, 'report')} loaded since this analysis: run `graphintel "
            "analyse` again before relying on its ranking (anyone the reports loaded since "
            "record as a child or victim is safeguarded here, never a target)")


def protection_since(person: Mapping[str, Any], run_roles: Sequence[str],
                     as_of: str | None) -> str:
    """Why ``person`` (as the graph records them now) is protected though the run made them
    a candidate target (``run_roles``: their roles in the run), or "" when nothing the run
    did not know protects them. A victim role the run saw already (an adult assessed as a
    victim only as a child stays a candidate, cautioned) is not new.

    >>> protection_since({"roles": ["suspect", "victim"]}, ["suspect"], "2025-06-30")
    'now recorded as a victim'
    >>> protection_since({"roles": ["suspect"], "dob": "2010-01-01"}, ["suspect"], "2025-06-30")
    'now recorded as a child (under 18 on 2025-06-30)'
    >>> protection_since({"roles": ["suspect", "victim"]}, ["suspect", "victim"], "2025-06-30")
    ''
    """
    why = []
    if "victim" in (person.get("roles") or []) and "victim" not in run_roles:
        why.append("as a victim")
    if child_on(person, as_of):
        why.append(f"as a child (under 18 on {as_of})" if as_of else "as a child")
    return f"now recorded {' and '.join(why)}" if why else ""


def newly_protected(view: View, targets: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The candidate targets of the run whom the graph now protects, with why
    (:func:`protection_since`, on the facts the agenda read: the people as they are now)."""
    out: dict[str, str] = {}
    for t in targets:
        uid = str(t["uid"])
        if uid not in view.facts.people:
            continue  # not read (or merged away since): only the run's record is known
        why = protection_since(view.person(uid), list(t.get("roles") or []), view.as_of)
        if why:
            out[uid] = why
    return out


def safeguarding_entries(view: View, targets: Sequence[Mapping[str, Any]],
                         held: Mapping[str, str], run_id: str) -> list[SafeguardingEntry]:
    """A safeguarding entry for each target ``held`` back (:func:`newly_protected`) that
    this profile may show: what the run made them, what the graph says now, and the
    safeguarding actions; the adults around them are known only once the analysis is run
    again."""
    out = []
    for t in targets:
        uid = str(t["uid"])
        if uid not in held or not view.visible(uid):
            continue
        out.append(SafeguardingEntry(
            name=view.name(uid), age=view.age_text(uid),
            why=[f"a candidate target (rank {t['rank']}) in analysis run {run_id}, but "
                 f"intelligence loaded since says otherwise: {held[uid]}; safeguard, never "
                 "target; run `graphintel analyse` again to see the adults in contact with "
                 "them"],
            adults=[], actions=list(SAFEGUARDING_ACTIONS)))
    return out


__all__ = ["APART_CAUTION", "newly_protected", "possibly_protected", "protection_since",
           "recorded_apart",
           "reports_since", "safeguarding_entries", "stale_text"]
