"""Everything an agenda reads from the graph, read once.

Building an agenda is two steps: reading (the run's result document, the run it is
compared with, the facts about its people, every report's handling code and the places
and phones that identify a child) and composing (networks, proposals, the chair's
decisions, the profile's redaction). At force scale the reads are most of the time, and
they do not change when the chair records a decision or when the other profile is
wanted. :func:`read_source` does the reads; :func:`graphintel.agenda.build_agenda`
composes from an :class:`AgendaSource` as often as needed without reading them again
(the workspace keeps one per graph state). Composing never changes a source.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphintel.agenda.facts import Facts, gather, rank_trends
from graphintel.agenda.headline import at_risk, suspects
from graphintel.agenda.model import Limits
from graphintel.agenda.partner import read_standing
from graphintel.agenda.stale import Since, read_since
from graphintel.analysis.stored import list_runs, load_run
from graphintel.errors import ConfigError, NotFound
from graphintel.redact import born_after
from graphintel.redact_standing import Standing
from graphintel.store import Store

NO_COMPARISON = "none"
#: The parts of a run's result document an agenda reads (not the victims' lists).
AGENDA_PARTS = ("run", "targets", "safeguarding", "people", "communities",
                "possible_duplicates")
#: What the comparison with the previous run reads of it (its safeguarding list is not
#: compared: the children at risk come from its people; nor how its targets were linked
#: to children, only to whom).
PREVIOUS_PARTS = ("run", "targets", "people", "communities")
#: Targets (by rank) whose rank over the latest runs is read for the agenda.
TREND_TARGETS = 100


@dataclass
class AgendaSource:
    """What one agenda of one run, compared with one earlier run, for one meeting date
    reads from the graph (see the module docstring)."""

    doc: dict[str, Any]
    prev: dict[str, Any] | None
    meeting_date: str
    #: The networks shown: those with a target, a child or a victim among their members,
    #: at most ``networks`` of them, the most concerning first (:func:`concern_in_run`).
    candidates: list[dict[str, Any]]
    #: Targets by network id, in rank order.
    by_comm: dict[int, list[dict[str, Any]]]
    facts: Facts
    #: Whether each report may be shared with partners (read for the partner profile).
    shareable: dict[str, bool] | None = None
    #: ``protected_entities`` rows: the phones, places and accounts identifying a child.
    protected: list[dict[str, Any]] = field(default_factory=list)
    #: ``protected_people`` rows: every child and victim in the graph, whose names are
    #: scrubbed from text about anyone else (partner).
    protected_people: list[dict[str, Any]] = field(default_factory=list)
    #: PNGs drawn for agendas composed from this source, by what they show, for
    #: :func:`~graphintel.agenda.picture.draw_shown` to reuse (a decision changes none).
    pictures: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    #: Networks that could have been shown but were past the ``networks`` limit.
    more_networks: int = 0
    #: What ``prev`` is: "meeting" (the run of the last meeting recorded before this one),
    #: "previous" (no such meeting: the latest run before this one) or "given" (asked for).
    since_kind: str = "previous"
    #: The date of that meeting, when ``since_kind`` is "meeting".
    since_meeting: str = ""
    #: Reports loaded since the run was made (:func:`~graphintel.agenda.stale.reports_since`):
    #: intelligence the run has not seen, which the agenda warns of.
    reports_since: int = 0
    #: What happened since the run (:func:`~graphintel.agenda.stale.read_since`): reports
    #: loaded, identity decisions made, the run's targets and the people open actions are
    #: about as the graph records them now.
    since: Since = field(default_factory=Since)
    #: ``agenda_action_holders`` rows: who lives at, or keeps, the places and vehicles open
    #: actions are about (an action against a child's home or vehicle is withdrawn).
    action_holders: list[dict[str, Any]] = field(default_factory=list)
    #: What shareable reports say of the run's people, targets and links (partner only:
    #: :mod:`graphintel.agenda.partner`).
    standing: Standing | None = None

    @property
    def run(self) -> dict[str, Any]:
        return dict(self.doc["run"])

    @property
    def partner_ready(self) -> bool:
        """Whether the partner profile can be composed from this source."""
        return self.shareable is not None and self.standing is not None


def previous_run(store: Store, run: dict[str, Any], since: str | None) -> dict[str, Any] | None:
    """The run to compare with: ``since``, or the latest run stored before ``run`` (run
    times have one-second resolution: a run of the same second is neither before nor
    after it, so it is not compared with)."""
    if since is not None and since.strip().lower() == NO_COMPARISON:
        return None
    if since is None:
        mine = str(run["run"]["created_at"])
        earlier = [str(r["id"]) for r in list_runs(store) if str(r["created_at"]) < mine]
        if not earlier:
            return None
        since = earlier[0]
    elif since not in {str(r["id"]) for r in list_runs(store)}:
        raise NotFound(f"no analysis run {since!r}", "--since",
                       "give the id of an earlier run ('graphintel runs' lists them with "
                       "their dates), or 'none' for no comparison"
                       + ("; --since takes a run, not a date" if _looks_like_date(since)
                          else ""))
    prev = load_run(store, since, parts=PREVIOUS_PARTS, network_victims=False,
                    link_detail=False)
    if prev["run"]["id"] == run["run"]["id"] or \
            str(prev["run"]["created_at"]) >= str(run["run"]["created_at"]):
        raise ConfigError(f"run {since!r} is not earlier than run {run['run']['id']!r}",
                          "--since", "give an earlier run (see 'graphintel runs')")
    return prev


def _looks_like_date(text: str) -> bool:
    """Whether ``text`` is written as a date (YYYY-MM-DD), as an analyst may give ``--since``.

    >>> _looks_like_date("2025-05-01"), _looks_like_date("run-20250501T101010-ab")
    (True, False)
    """
    return len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()


def last_meeting(store: Store, run: dict[str, Any],
                 meeting_date: str) -> tuple[str, str] | None:
    """The analysis run and date of the last meeting held before ``meeting_date`` whose
    run is earlier than ``run``: what "changes since the last meeting" compares with."""
    created = {str(r["id"]): str(r["created_at"]) for r in list_runs(store)}
    here = str(run["created_at"])
    for m in reversed(store.read("meetings_list")):
        rid = str(m["run_id"])
        if str(m["date"]) < meeting_date and rid in created and created[rid] < here:
            return rid, str(m["date"])
    return None


def last_meeting_run(store: Store, run: dict[str, Any], meeting_date: str) -> str | None:
    """The analysis run of :func:`last_meeting`, or None."""
    found = last_meeting(store, run, meeting_date)
    return found[0] if found else None


def concern_in_run(comm: dict[str, Any], targets: list[dict[str, Any]],
                   at_risk: set[str]) -> tuple[Any, ...]:
    """How a network ranks for the agenda, from the run alone (before anything else is
    read): its top target's score, then the children and victims (``at_risk``: the run's
    people at risk) in it or linked to its targets, then its targets' scores together;
    the most concerning sorts first.

    >>> concern_in_run({"id": 4, "members": [{"uid": "a"}, {"uid": "c"}]},
    ...                [{"score": 12.5, "linked_victims": [{"uid": "v"}]}], {"c"})
    (-12.5, -2, -12.5, 4)
    """
    scores = [float(t["score"]) for t in targets]
    children = {m["uid"] for m in comm["members"] if m["uid"] in at_risk}
    children |= {lv["uid"] for t in targets for lv in t.get("linked_victims") or []}
    return (-max(scores, default=0.0), -len(children), -sum(scores), int(comm["id"]))


def _people_wanted(doc: dict[str, Any], prev: dict[str, Any] | None,
                   shown: list[dict[str, Any]], actions: list[dict[str, Any]]) -> set[str]:
    """Everyone an agenda of the ``shown`` networks may name or judge: their members and
    the people on their targets' paths to children; every child and victim of the run and
    the targets in direct contact with one (the children's table, the safeguarding list);
    with ``prev``, every target of both runs (rank changes) and the people new since; the
    people open actions are about; and the other record of any of these who may be
    recorded twice."""
    ids = {int(c["id"]) for c in shown}
    wanted = {m["uid"] for c in shown for m in c["members"]}
    wanted |= at_risk(doc)
    wanted |= {t["uid"] for t in doc["targets"]
               if any(lv["distance"] <= 1 for lv in t.get("linked_victims") or [])}
    wanted |= {p["uid"] for t in doc["targets"] if int(t["community"]) in ids
               for lv in t.get("linked_victims") or [] for p in lv["path"]}
    for s in doc.get("safeguarding") or []:
        wanted |= {s["uid"], *(a["uid"] for a in s.get("adults_around") or [])}
    if prev is not None:
        def members(d: dict[str, Any]) -> set[str]:
            return {m["uid"] for c in d["communities"] for m in c["members"]}
        wanted |= (members(doc) - members(prev)) | (suspects(doc) - suspects(prev))
        wanted |= {t["uid"] for d in (doc, prev) for t in d["targets"]}
    wanted |= {u for a in actions for u in a.get("subjects") or [] if u.startswith("Person:")}
    # the other record of someone wanted who may be recorded twice (named beside them)
    wanted |= {u for d in doc.get("possible_duplicates") or [] if {d["a"], d["b"]} & wanted
               for u in (d["a"], d["b"])}
    return wanted


def _evidence_refs(doc: dict[str, Any], shown: list[dict[str, Any]], *,
                   direct: bool = True) -> set[str]:
    """The reports behind the target-child links an agenda of ``shown`` may show: every
    link of the shown networks' targets (cited with their gradings), and with ``direct``
    the direct ones of every target (the children's table, which counts them: the partner
    version counts only those partners may see, so it needs their handling codes)."""
    ids = {int(c["id"]) for c in shown}
    return {ref for t in doc["targets"] for lv in t.get("linked_victims") or []
            if int(t["community"]) in ids or (direct and lv["distance"] <= 1)
            for hop in lv.get("evidence") or [] for ref in hop.get("refs") or []}


def _grounds_handling(store: Store, shareable: dict[str, bool],
                      protected: list[dict[str, Any]]) -> None:
    """Add to ``shareable`` the reports the protected entities' grounds rest on
    (``protected_entities``'s ``basis``): whether a child's link to a place is shareable
    decides whether partners are shown the place at all
    (:meth:`graphintel.redact.Redactor.hidden`)."""
    wanted = sorted({r for row in protected for ground in row.get("basis") or []
                     for refs in ground for r in refs} - set(shareable))
    if wanted:
        found = {r["ref"]: bool(r["shareable"])
                 for r in store.read("partner_handling_of", refs=wanted)}
        shareable.update((r, found.get(r, False)) for r in wanted)


def _handling(facts: Facts) -> dict[str, bool]:
    """Whether partners may see each report the agenda can cite: the reports read with the
    facts and those mentioning the people read. A report missing here counts as not
    shareable, so a reference overlooked can only withhold something, never show it."""
    shareable = {ref: bool(r["shareable"]) for ref, r in facts.reports.items()}
    for person in facts.people.values():
        for r in person.get("reports") or []:
            shareable[r["ref"]] = bool(r.get("shareable"))
    return shareable


def read_source(store: Store, *, run_id: str | None = None, since: str | None = None,
                date: str | None = None, partner: bool = True,
                networks: int | None = None) -> AgendaSource:
    """Read what an agenda of ``run_id`` (default: the latest run) for the meeting on
    ``date`` (default: today) needs; ``since`` as for
    :func:`graphintel.agenda.write_agenda`. ``partner=False`` leaves out what only the
    partner profile needs (every report's handling code, the places identifying a child).

    ``networks`` (default :attr:`Limits.networks`): how many networks the agenda covers
    in full, the most concerning first (:func:`concern_in_run`). Only their members' ties,
    links and reports are read, so the reads grow with what the agenda shows, not with
    the graph; every child and victim of the run is still read (the children's table and
    the safeguarding list cover them all).
    """
    # every missing episode is read while the run's document is decoded, and the targets'
    # rank trends (the server's work, not the driver's) while the rest is read; for
    # partners, every child and victim and the standing (reads of their own, from the run
    # alone) beside the facts
    with ThreadPoolExecutor(2) as early, ThreadPoolExecutor(2) as aside:
        episodes = early.submit(store.read, "agenda_episodes")
        return _read_source(store, early, aside, episodes, run_id=run_id, since=since,
                            date=date, partner=partner, networks=networks)


#: At most this many of the merges since the run compared with are read.
MERGES_READ = 500


def merges_since(store: Store, since: str) -> list[dict[str, Any]]:
    """The merges of records applied (not undone) from ``since`` (a run's creation time, to
    the second; a decision's time has microseconds and an offset, so they are compared to
    the second), oldest first: what the changes since that run must tell (a target merged
    away is not a target "de-escalated")."""
    rows = store.read("resolve_decisions", limit=MERGES_READ)
    return sorted((d for d in rows if d["kind"] == "merge" and d["status"] == "applied"
                   and str(d["at"])[:19] >= since[:19]),
                  key=lambda d: (str(d["at"]), str(d["id"])))


def evidence_end(run: dict[str, Any]) -> str | None:
    """The last day of evidence of a run: its window's end or the as-of day it was given,
    whichever is earlier (None: open, a run as of today)."""
    projection = (run.get("params") or {}).get("projection") or {}
    ends = [str(d)[:10] for d in (projection.get("to_date"), projection.get("as_of")) if d]
    return min(ends) if ends else None


def _read_source(store: Store, early: ThreadPoolExecutor, aside: ThreadPoolExecutor,
                 episodes: Future[list[dict[str, Any]]], *,
                 run_id: str | None, since: str | None, date: str | None, partner: bool,
                 networks: int | None) -> AgendaSource:
    doc = load_run(store, run_id, parts=AGENDA_PARTS, network_victims=False)
    trends = early.submit(rank_trends, store, [t["uid"] for t in doc["targets"][:TREND_TARGETS]])
    run = doc["run"]
    as_of = run.get("as_of")
    inferred = sorted(str(u) for u in run.get("safeguarded_inferred") or [])
    protected_people = aside.submit(store.read, "protected_people", born_after=born_after(as_of),
                                    safeguarded=inferred) if partner else None
    meeting_date = date or datetime.now(UTC).date().isoformat()
    kind, met = ("given" if since is not None else "previous"), ""
    if since is None:
        found = last_meeting(store, run, meeting_date)
        if found is not None:
            (since, met), kind = found, "meeting"
    prev = previous_run(store, doc, since)
    comms = doc["communities"]
    by_comm: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for t in sorted(doc["targets"], key=lambda t: int(t["rank"])):
        by_comm[int(t["community"])].append(t)
    risk = at_risk(doc)
    candidates = [c for c in comms if by_comm.get(int(c["id"]))
                  or any(m["uid"] in risk for m in c["members"])]
    limit = Limits().networks if networks is None else networks
    shown = sorted(candidates, key=lambda c: concern_in_run(c, by_comm.get(int(c["id"]), []),
                                                            risk))[: max(0, limit)]
    shown.sort(key=lambda c: int(c["id"]))
    actions = store.read("actions_list", statuses=[])
    subjects = {str(u) for a in actions for u in a.get("subjects") or []}
    loaded_since = early.submit(
        read_since, store, run, {str(t["uid"]) for t in doc["targets"]}
        | {u for u in subjects if u.startswith("Person:")})
    holders = early.submit(store.read, "agenda_action_holders",
                           uids=sorted(u for u in subjects if not u.startswith("Person:")))
    wanted = sorted(_people_wanted(doc, prev, shown, actions))
    standing = aside.submit(read_standing, store, doc, prev, wanted) if partner else None
    members = sorted({m["uid"] for c in shown for m in c["members"]})
    window = (str(prev["run"]["created_at"]), str(run["created_at"])) if prev else None
    # names as the runs recorded them, for people the graph no longer holds (merged away
    # since): this run's over the previous run's
    recorded = {m["uid"]: m for c in (prev or {}).get("communities") or []
                for m in c["members"]}
    recorded.update((m["uid"], m) for c in comms for m in c["members"])
    facts = gather(store, wanted, members, window, recorded, partner=partner,
                   episodes=episodes, until=evidence_end(run),
                   run_at=str(run["created_at"]) if run.get("created_at") else None)
    facts.trends = trends.result()
    if prev is not None:
        facts.merges = merges_since(store, str(prev["run"]["created_at"]))
    source = AgendaSource(doc=doc, prev=prev, meeting_date=meeting_date,
                          candidates=shown, by_comm=dict(by_comm), facts=facts,
                          more_networks=len(candidates) - len(shown), since_kind=kind,
                          since_meeting=met, reports_since=loaded_since.result().reports,
                          since=loaded_since.result(), action_holders=holders.result())
    evidence = _evidence_refs(doc, shown, direct=partner) - set(facts.reports)
    if evidence:
        facts.reports.update((r["ref"], r) for r in store.read(
            "agenda_reports", refs=sorted(evidence),
            run_at=str(run["created_at"]) if run.get("created_at") else None))
    # the places, phones and accounts that identify a child: withheld for partners, and in
    # every profile a place at a child's home address is no place for enforcement
    wanted = sorted({u for u in facts.entity_uids() if not str(u).startswith("Person:")})
    if wanted:
        source.protected = store.read("protected_entities", uids=wanted,
                                      born_after=born_after(as_of), safeguarded=inferred)
    if partner:
        source.shareable = _handling(facts)
        _grounds_handling(store, source.shareable, source.protected or [])
    if protected_people is not None:
        source.protected_people = protected_people.result()
    if standing is not None:
        source.standing = standing.result()
    return source


__all__ = ["AGENDA_PARTS", "NO_COMPARISON", "TREND_TARGETS", "AgendaSource", "concern_in_run",
           "last_meeting", "last_meeting_run", "previous_run", "read_source"]
