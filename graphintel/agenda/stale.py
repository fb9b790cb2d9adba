"""An agenda of an analysis run that the graph has moved past, and the caution a run gives.

A run is a snapshot of the graph: reports loaded after it are in the graph but not in its
ranking. An agenda written from it must not read as current, and must not put to the
meeting, as a target, someone the graph now says is a child or a victim:

- :func:`read_since` counts the reports loaded (or loaded again as a new version) and the
  identity decisions made (merges, rejects, undos, dates of birth settled) after the run
  was made, and :func:`stale_text` says so, for the agenda's header and the command line
  (``graphintel analyse`` again);
- :func:`newly_protected` finds the run's candidate targets whom the graph now records as
  a victim (a victim role the run did not see, or the object of an exploitation link a
  report not graded as suspected false asserts: the analysis takes them for a victim), or
  as a child on the run's analysis date (by a date of birth or stated age recorded since),
  and those merged since into the record of a child or victim. Safeguarding comes first
  at output time: they are not shown as targets, given tactics or a disruption plan, and
  are listed with the safeguarding entries instead (:func:`safeguarding_entries`), until
  the analysis is run again;
- :func:`merged_away` finds the other targets merged since into another record (or no
  longer in the graph): the run ranked a record that no longer exists, so they are not
  shown as targets, with no tactics or plan under its name, until the analysis is run
  again and ranks the records as one (:func:`merged_text` says so);
- :func:`recorded_apart` reads the run's own caution that a target may be a child or
  victim recorded apart (a slipped year of birth; pairs scored from
  :data:`graphintel.analysis.duplicates.SAFEGUARDING_MIN_SCORE`, below the pairs listed as
  possible duplicates), so that nothing is proposed against them until the pair is resolved.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphintel.agenda.model import SafeguardingEntry
from graphintel.agenda.view import View
from graphintel.agenda.words import plural
from graphintel.analysis.safeguarding import SAFEGUARDING_ACTIONS, child_on
from graphintel.signs_now import child_signs_now
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


@dataclass
class Since:
    """What the graph learned after an analysis run (:func:`read_since`)."""

    #: Reports loaded, or loaded again as a new version, since the run.
    reports: int = 0
    #: Identity decisions made since the run (merges, rejects, undos, dates of birth).
    decisions: int = 0
    #: The people asked about (the run's targets, the people open actions are about) who
    #: were merged away since, by uid: the uid of the record they are part of now ("" when
    #: that is no longer in the graph either).
    merged: dict[str, str] = field(default_factory=dict)
    #: Those people, and the records they were merged into, as the graph records them now
    #: (``agenda_targets_now`` rows: with the reports recording someone exploiting them),
    #: by uid; None when nothing happened since the run (it saw them as they are).
    now: dict[str, dict[str, Any]] | None = None
    #: Those people (not merged away) whom the graph now shows may be a child though no
    #: age is recorded (:func:`graphintel.signs_now.child_signs_now`), with why in words.
    signs: dict[str, str] = field(default_factory=dict)

    @property
    def stale(self) -> bool:
        return self.reports > 0 or self.decisions > 0


def merged_chain(uids: Iterable[str], merges: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The record each of ``uids`` merged away since is part of now, following merges of
    merges (``merges``: {a: merged away, b: kept}, oldest first).

    >>> merged_chain(["x", "y", "z"], [{"a": "x", "b": "k"}, {"a": "k", "b": "c"}])
    {'x': 'c'}
    """
    into = {str(m["a"]): str(m["b"]) for m in merges if m.get("a") and m.get("b")}
    out: dict[str, str] = {}
    for uid in uids:
        if uid not in into:
            continue
        cur, seen = uid, set()
        while cur in into and cur not in seen:
            seen.add(cur)
            cur = into[cur]
        out[uid] = cur
    return out


def read_since(store: Store, run: Mapping[str, Any], uids: Iterable[str] = ()) -> Since:
    """What happened after ``run`` (the run's ``run`` part) was made: reports loaded
    (:func:`reports_since`), identity decisions made, and, when anything did, the people
    ``uids`` (the run's targets, the people open actions are about) as the graph records
    them now, following the merges made since."""
    created = str(run.get("created_at") or "")
    if not created:
        return Since()
    reports = reports_since(store, run)
    rows = store.read("agenda_decisions_since", since=created)
    decisions = int(rows[0]["decisions"]) if rows else 0
    if not (reports or decisions):
        return Since()
    wanted = {str(u) for u in uids}
    merged = merged_chain(sorted(wanted), list(rows[0]["merges"]) if rows else [])
    found = store.read("agenda_targets_now", uids=sorted(wanted | set(merged.values())))
    now = {str(r["uid"]): dict(r) for r in found}
    merged = {u: (k if k in now else "") for u, k in merged.items()}
    as_of = str(run["as_of"])[:10] if run.get("as_of") else None
    signs = child_signs_now(store, [now[u] for u in sorted(wanted) if u in now], as_of)
    return Since(reports, decisions, merged, now, signs)


def stale_text(count: int, decisions: int = 0) -> str:
    """The warning for an output of a run that ``count`` reports loaded and ``decisions``
    identity decisions made since may change ("" when there are none).

    >>> stale_text(0)
    ''
    >>> stale_text(2)[:77]
    '2 reports loaded since this analysis: run `graphintel analyse` again before r'
    >>> stale_text(0, 1)[:67]
    '1 identity decision made since this analysis: run `graphintel analy'
    >>> stale_text(3, 2)[:61]
    '3 reports loaded and 2 identity decisions made since this ana'
    """
    if count <= 0 and decisions <= 0:
        return ""
    parts = [f"{plural(count, 'report')} loaded"] if count > 0 else []
    if decisions > 0:
        parts.append(f"{plural(decisions, 'identity decision')} made")
    who = ("anyone the reports loaded since record as a child or victim" if decisions <= 0
           else "anyone the graph now records as a child or victim")
    return (f"{' and '.join(parts)} since this analysis: run `graphintel analyse` again "
            f"before relying on its ranking ({who} is safeguarded here, never a target)")


def _exploited(person: Mapping[str, Any]) -> str:
    refs = sorted(str(r) for r in person.get("exploited") or ())
    more = f" and {len(refs) - 3} more" if len(refs) > 3 else ""
    return f"{', '.join(refs[:3])}{more}"


def protection_since(person: Mapping[str, Any], run_roles: Sequence[str],
                     as_of: str | None) -> str:
    """Why ``person`` (as the graph records them now) is protected though the run made them
    a candidate target (``run_roles``: their roles in the run), or "" when nothing the run
    did not know protects them. A victim role the run saw already (an adult assessed as a
    victim only as a child stays a candidate, cautioned) is not new; nor is an exploitation
    link it saw (the run made them a victim for it). ``exploited``: the reports not graded
    as suspected false recording someone exploiting them (``agenda_targets_now``).

    >>> protection_since({"roles": ["suspect", "victim"]}, ["suspect"], "2025-06-30")
    'now recorded as a victim'
    >>> protection_since({"roles": ["suspect"], "dob": "2010-01-01"}, ["suspect"], "2025-06-30")
    'now recorded as a child (under 18 on 2025-06-30)'
    >>> protection_since({"roles": ["suspect", "victim"]}, ["suspect", "victim"], "2025-06-30")
    ''
    >>> protection_since({"roles": ["unknown"], "exploited": ["IR/9"]}, ["suspect"], None)
    'now recorded as exploited by another (IR/9), so a victim'
    """
    why = []
    roles = person.get("roles") or []
    if "victim" not in run_roles:
        if "victim" in roles:
            why.append("as a victim")
        elif person.get("exploited"):
            why.append(f"as exploited by another ({_exploited(person)}), so a victim")
    if child_on(person, as_of):
        why.append(f"as a child (under 18 on {as_of})" if as_of else "as a child")
    return f"now recorded {' and '.join(why)}" if why else ""


def protected_as(person: Mapping[str, Any] | None, as_of: str | None) -> str:
    """What protects ``person`` as the graph records them now, whatever any run said ("" when
    nothing does).

    >>> protected_as({"roles": ["victim"], "dob": "2012-01-01"}, "2025-06-30")
    'a child (under 18 on 2025-06-30) and a victim'
    >>> protected_as({"roles": ["suspect"]}, "2025-06-30")
    ''
    """
    if not person:
        return ""
    why = []
    if child_on(person, as_of):
        why.append(f"a child (under 18 on {as_of})" if as_of else "a child")
    if "victim" in (person.get("roles") or []):
        why.append("a victim")
    elif person.get("exploited"):
        why.append(f"exploited by another ({_exploited(person)}), so a victim")
    return " and ".join(why)


def newly_protected(since: Since, targets: Sequence[Mapping[str, Any]], as_of: str | None,
                    people: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """The candidate targets of the run whom the graph now protects, with why
    (:func:`protection_since`, on the people as they are now: ``since.now``, else the
    ``people`` the agenda read), and those merged since into the record of a child or
    victim (:func:`protected_as`)."""
    out: dict[str, str] = {}
    for t in targets:
        uid = str(t["uid"])
        if uid in since.merged:
            kept = (since.now or {}).get(since.merged[uid])
            why = protected_as(kept, as_of)
            if why:
                out[uid] = f"merged since the run into the record of {why}"
            continue
        person = (since.now or {}).get(uid) or people.get(uid)
        if person is None:
            continue  # not read: only the run's record is known
        why = protection_since(person, list(t.get("roles") or []), as_of) \
            or since.signs.get(uid, "")
        if why:
            out[uid] = why
    return out


def merged_away(since: Since, targets: Sequence[Mapping[str, Any]],
                held: Mapping[str, str]) -> dict[str, str]:
    """The candidate targets of the run (other than those ``held`` back as protected) whose
    record is no longer in the graph: merged since into another (the uid of the record kept)
    or gone ("")."""
    if since.now is None:
        return {}
    return {str(t["uid"]): since.merged.get(str(t["uid"]), "") for t in targets
            if str(t["uid"]) not in held
            and (str(t["uid"]) in since.merged or str(t["uid"]) not in since.now)}


def merged_text(view: View, targets: Sequence[Mapping[str, Any]], away: Mapping[str, str],
                now: Mapping[str, Mapping[str, Any]] | None) -> str:
    """What the agenda says of the targets :func:`merged_away` (internal: who, and the record
    each is part of now; partner: how many)."""
    gone = [t for t in targets if str(t["uid"]) in away]
    if not gone:
        return ""
    head = (f"{plural(len(gone), 'candidate target')} of this analysis run "
            f"{'is' if len(gone) == 1 else 'are'} no longer one record in the graph (merged "
            "into another record since, or removed)")
    if not view.partner:
        named = []
        for t in gone:
            kept = (now or {}).get(away[str(t["uid"])])
            into = f"now part of the record of {kept.get('name') or kept['uid']}" if kept \
                else "no longer in the graph"
            named.append(f"{t.get('name') or t['uid']} (rank {t['rank']}), {into}")
        head += ": " + "; ".join(named)
    return (head + ". They are not shown as targets, with no tactics or disruption plan, "
            "until `graphintel analyse` is run again and ranks the records as they are now")


def safeguarding_entries(view: View, targets: Sequence[Mapping[str, Any]],
                         held: Mapping[str, str], run_id: str,
                         since: Since | None = None) -> list[SafeguardingEntry]:
    """A safeguarding entry for each target ``held`` back (:func:`newly_protected`) that
    this profile may show: what the run made them, what the graph says now, and the
    safeguarding actions; the adults around them are known only once the analysis is run
    again. A target merged since into the record of a child or victim is listed under
    that record (the child's or victim's name, a pseudonym for partners)."""
    since = since or Since()
    out = []
    for t in targets:
        uid = str(t["uid"])
        if uid not in held:
            continue
        kept = since.merged.get(uid)
        if kept:
            person = {**(since.now or {}).get(kept, {}), "uid": kept}
            if kept in view.facts.people:
                if not view.visible(kept):
                    continue
                name, age = view.name(kept), view.age_text(kept)
            elif view.partner:
                continue  # not read with the reports partners may see: not shown
            else:
                name, age = view.redactor.name(person), view.redactor.age(person) or "unknown"
            was = "" if view.partner else f" as {t.get('name') or uid}"
            why = (f"a candidate target (rank {t['rank']}){was} in analysis run {run_id}, "
                   f"but that record has since been {held[uid]}; safeguard, never target; run "
                   "`graphintel analyse` again to see the adults in contact with them")
        elif not view.visible(uid):
            continue
        else:
            name, age = view.name(uid), view.age_text(uid)
            why = (f"a candidate target (rank {t['rank']}) in analysis run {run_id}, but "
                   f"intelligence loaded since says otherwise: {held[uid]}; safeguard, never "
                   "target; run `graphintel analyse` again to see the adults in contact with "
                   "them")
        out.append(SafeguardingEntry(name=name, age=age, why=[why], adults=[],
                                     actions=list(SAFEGUARDING_ACTIONS)))
    return out


def protection_now(view: View, since: Since, uid: str) -> str:
    """Why the person ``uid`` (one an open action of an earlier meeting is about) is
    protected now, or "": a child or victim (:meth:`View.protected`, the graph's record now,
    an exploitation link included), possibly one recorded apart, or merged since into the
    record of one."""
    now = since.now or {}
    if uid in since.merged:
        why = protected_as(now.get(since.merged[uid]), view.as_of)
        return f"merged since into the record of {why}" if why else ""
    person = {**view.person(uid), **now.get(uid, {})}
    why = protected_as(person, view.as_of)
    if why:
        return why
    if uid in since.signs:
        return since.signs[uid]
    if uid in view.apart:
        return "possibly a child or victim recorded apart"
    return "recorded as a child or victim" if view.protected(uid) else ""


__all__ = ["APART_CAUTION", "Since", "merged_away", "merged_chain", "merged_text",
           "newly_protected", "possibly_protected", "protected_as", "protection_now",
           "protection_since", "read_since", "recorded_apart", "reports_since",
           "safeguarding_entries", "stale_text"]
