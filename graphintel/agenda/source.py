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
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphintel.agenda.facts import Facts, gather, rank_trends
from graphintel.analysis.run import list_runs, load_run
from graphintel.analysis.safeguarding import child_on
from graphintel.errors import ConfigError
from graphintel.redact import born_after
from graphintel.store import Store

NO_COMPARISON = "none"
#: The parts of a run's result document an agenda reads (not the victims' lists).
AGENDA_PARTS = ("run", "targets", "safeguarding", "people", "communities")
#: Targets (by rank) whose rank over the latest runs is read for the agenda.
TREND_TARGETS = 100


@dataclass
class AgendaSource:
    """What one agenda of one run, compared with one earlier run, for one meeting date
    reads from the graph (see the module docstring)."""

    doc: dict[str, Any]
    prev: dict[str, Any] | None
    meeting_date: str
    #: The networks that may be shown (a target, a child or a victim among their members).
    candidates: list[dict[str, Any]]
    #: Targets by network id, in rank order.
    by_comm: dict[int, list[dict[str, Any]]]
    facts: Facts
    #: Whether each report may be shared with partners (read for the partner profile).
    shareable: dict[str, bool] | None = None
    #: ``protected_entities`` rows: the phones, places and accounts identifying a child.
    protected: list[dict[str, Any]] = field(default_factory=list)
    #: PNGs drawn for agendas composed from this source, by what they show, for
    #: :func:`~graphintel.agenda.picture.draw_shown` to reuse (a decision changes none).
    pictures: dict[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    @property
    def run(self) -> dict[str, Any]:
        return dict(self.doc["run"])

    @property
    def partner_ready(self) -> bool:
        """Whether the partner profile can be composed from this source."""
        return self.shareable is not None


def previous_run(store: Store, run: dict[str, Any], since: str | None) -> dict[str, Any] | None:
    """The run to compare with: ``since``, or the run stored just before ``run``."""
    if since is not None and since.strip().lower() == NO_COMPARISON:
        return None
    if since is None:
        ids = [str(r["id"]) for r in list_runs(store)]
        here = ids.index(run["run"]["id"]) if run["run"]["id"] in ids else -1
        if here < 0 or here + 1 >= len(ids):
            return None
        since = ids[here + 1]
    prev = load_run(store, since, parts=AGENDA_PARTS)
    if prev["run"]["id"] == run["run"]["id"] or \
            str(prev["run"]["created_at"]) >= str(run["run"]["created_at"]):
        raise ConfigError(f"run {since!r} is not earlier than run {run['run']['id']!r}",
                          "--since", "give an earlier run (see 'graphintel runs')")
    return prev


def last_meeting_run(store: Store, run: dict[str, Any], meeting_date: str) -> str | None:
    """The analysis run of the last meeting held before ``meeting_date`` whose run is
    earlier than ``run``: what "changes since the last meeting" compares with."""
    created = {str(r["id"]): str(r["created_at"]) for r in list_runs(store)}
    here = str(run["created_at"])
    for m in reversed(store.read("meetings_list")):
        rid = str(m["run_id"])
        if str(m["date"]) < meeting_date and rid in created and created[rid] < here:
            return rid
    return None


def _is_child(person: dict[str, Any], as_of: str | None) -> bool:
    return "victim" in (person.get("roles") or []) or child_on(person, as_of)


def read_source(store: Store, *, run_id: str | None = None, since: str | None = None,
                date: str | None = None, partner: bool = True) -> AgendaSource:
    """Read what an agenda of ``run_id`` (default: the latest run) for the meeting on
    ``date`` (default: today) needs; ``since`` as for
    :func:`graphintel.agenda.write_agenda`. ``partner=False`` leaves out what only the
    partner profile needs (every report's handling code, the places identifying a child).
    """
    doc = load_run(store, run_id, parts=AGENDA_PARTS)
    run = doc["run"]
    meeting_date = date or datetime.now(UTC).date().isoformat()
    if since is None:
        since = last_meeting_run(store, run, meeting_date)
    prev = previous_run(store, doc, since)
    as_of = run.get("as_of")
    comms = doc["communities"]
    by_comm: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for t in sorted(doc["targets"], key=lambda t: int(t["rank"])):
        by_comm[int(t["community"])].append(t)
    candidates = [c for c in comms if by_comm.get(int(c["id"]))
                  or any(_is_child(m, as_of) for m in c["members"])]
    everyone = sorted({m["uid"] for c in comms for m in c["members"]})
    members = sorted({m["uid"] for c in candidates for m in c["members"]})
    window = (str(prev["run"]["created_at"]), str(run["created_at"])) if prev else None
    recorded = {m["uid"]: m for c in comms for m in c["members"]}
    facts = gather(store, everyone, members, window, recorded)
    facts.trends = rank_trends(store, [t["uid"] for t in doc["targets"][:TREND_TARGETS]])
    source = AgendaSource(doc=doc, prev=prev, meeting_date=meeting_date,
                          candidates=candidates, by_comm=dict(by_comm), facts=facts)
    if partner:
        shareable: dict[str, bool] = {}
        store.read_each("report_handling",
                        lambda r: shareable.__setitem__(r["ref"], bool(r["shareable"])))
        source.shareable = shareable
        wanted = sorted({u for u in facts.entity_uids() if not str(u).startswith("Person:")})
        if wanted:
            source.protected = store.read("protected_entities", uids=wanted,
                                          born_after=born_after(as_of))
    return source


__all__ = ["AGENDA_PARTS", "NO_COMPARISON", "TREND_TARGETS", "AgendaSource", "last_meeting_run",
           "previous_run", "read_source"]
