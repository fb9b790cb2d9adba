"""Build the agenda content from an analysis run, the graph and a profile."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from graphintel.agenda import review
from graphintel.agenda.actions import meeting_actions, propose
from graphintel.agenda.children import child_rows
from graphintel.agenda.decisions import decision_text, decisions_for
from graphintel.agenda.facts import gather, rank_trends
from graphintel.agenda.headline import decisions, headline
from graphintel.agenda.model import (
    DEFAULT_MEETING,
    MARKING,
    TITLE,
    Agenda,
    Header,
    Limits,
    Network,
    SafeguardingEntry,
    Summary,
)
from graphintel.agenda.network import build_network
from graphintel.agenda.scope import Scope
from graphintel.agenda.tactics import Tactics, load_tactics
from graphintel.agenda.view import View
from graphintel.analysis.run import list_runs, load_run
from graphintel.analysis.safeguarding import child_on
from graphintel.config import Settings
from graphintel.errors import ConfigError
from graphintel.redact import protect_entities, redactor_for
from graphintel.store import Store

NO_COMPARISON = "none"
#: Targets (by rank) whose rank over the latest runs is read for the agenda.
TREND_TARGETS = 100
_SAFE = re.compile(r"(?:[^A-Za-z0-9._-]|\.\.)+")

HANDLING = {
    "internal": (
        "For the members of the network meeting only. Contains children's personal data and "
        "police intelligence: do not copy or forward; keep on secure systems; destroy when "
        "the actions are complete."),
    "partner": (
        "Partner version for the agencies at the network meeting, shared under the meeting's "
        "information-sharing agreement. Children are shown by pseudonyms and ages: do not try "
        "to re-identify them, and do not share further without the chair's agreement."),
}


def safe_name(text: str) -> str:
    """A file-name part made only of letters, digits, dot, dash and underscore."""
    return _SAFE.sub("_", text).strip("._") or "run"


def file_stem(run_id: str, profile: str) -> str:
    return f"agenda-{safe_name(run_id)}-{profile}"


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
    prev = load_run(store, since)
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


def _concern(net: Network) -> tuple[Any, ...]:
    scores = [t.score for t in net.targets]
    return (-max(scores, default=0.0), -net.children_count, -sum(scores), net.id)


def build_agenda(store: Store, settings: Settings, *, run_id: str | None = None,
                 since: str | None = None, profile: str = "internal",
                 meeting: str | None = None, date: str | None = None,
                 limits: Limits | None = None, tactics: Tactics | None = None,
                 generated_at: str | None = None) -> Agenda:
    """The agenda of one analysis run for one profile (see :mod:`graphintel.agenda`)."""
    limits = limits or Limits()
    tactics = tactics or load_tactics()
    doc = load_run(store, run_id)
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
    redactor = redactor_for(store, settings.home, profile, as_of)
    protect_entities(store, redactor, facts.entity_uids())
    view = View(redactor, facts)
    stem = file_stem(str(run["id"]), profile)

    sections: list[tuple[Network, Scope]] = []
    for comm in candidates:
        built = build_network(view, tactics, limits, comm, by_comm.get(int(comm["id"]), []),
                              k=int(run.get("k") or 2),
                              recent_days=int((run.get("params") or {}).get("recent_days", 90)),
                              picture_name=f"{stem}-network-{int(comm['id'])}.png")
        if built is not None:
            sections.append(built)
    sections.sort(key=lambda s: _concern(s[0]))
    networks = [net for net, _ in sections]
    changes = review.changes(view, doc, prev, limits)
    gaps, more_gaps = review.gaps(view, sections, limits)
    # The counts are the analysis run's own, so the agenda, the command line and the JSON
    # say the same number for the same thing (people at risk = children under 18 on the
    # analysis date plus adult victims).
    summary = Summary(
        networks=len(networks), networks_total=int(run.get("networks") or len(comms)),
        people=int(run.get("persons") or 0), suspects=int(run.get("suspects") or 0),
        children=int(run.get("children") or 0), at_risk=int(run.get("at_risk") or 0),
        adult_victims=int(run.get("at_risk") or 0) - int(run.get("children") or 0),
        targets=len(doc["targets"]),
        since_run=changes.since_run, new_people=len(changes.new_people),
        new_links=len(changes.new_links), new_episodes=len(changes.new_episodes),
        targets_moved=len(changes.moves) + changes.more_moves)
    header = Header(
        title=TITLE, meeting=meeting or DEFAULT_MEETING,
        date=meeting_date, marking=MARKING,
        handling=HANDLING[profile], run_id=str(run["id"]), run_created=str(run["created_at"]),
        as_of=str(as_of or "unknown"), since_run=changes.since_run, profile=profile,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0)
        .isoformat().replace("+00:00", "Z"))
    decided = decisions_for(settings, str(run["id"]))
    for net, scope in sections:
        for uid, t in zip(scope.targets, net.targets, strict=False):
            t.key = f"target|{uid}"
            t.decision = decision_text(decided.get(t.key))
    proposals = propose(sections, tactics, limits, len(gaps) + more_gaps)
    acts = meeting_actions(store, view, proposals, run_id=str(run["id"]),
                           meeting_date=meeting_date,
                           shown={u for _, sc in sections for u in (*sc.places, *sc.assets)},
                           decided=decided)
    head, uids = headline(view, doc, prev, limits, len(changes.new_links))
    rows, more_rows = decisions(view, doc, head, uids, acts.carried, networks, limits)
    recent_days = int((run.get("params") or {}).get("recent_days", 90))
    agenda = Agenda(profile=profile, header=header, summary=summary, networks=networks,
                    changes=changes, gaps=gaps, more_gaps=more_gaps,
                    actions=acts.proposed, withheld=view.notes(),
                    quiet_networks=len(comms) - len(networks),
                    safeguarding=_safeguarding(view, doc), decisions=rows,
                    more_decisions=more_rows, headline=head, carried=acts.carried,
                    outcomes=acts.outcomes, children_rows=child_rows(view, doc, recent_days),
                    declined=acts.declined, meeting_id=acts.meeting)
    # The one last step of the allow-list: every string of the agenda (headings, cells,
    # captions, picture labels, file names) scrubbed of whatever identifies a child.
    agenda = redactor.scrub_all(agenda)
    agenda.scrub = redactor.scrub
    agenda.raised = acts.raised
    return agenda


def _safeguarding(view: View, doc: dict[str, Any]) -> list[SafeguardingEntry]:
    """The run's safeguarding list as the profile may see it (names through the view)."""
    out = []
    for s in doc.get("safeguarding") or []:
        if not view.visible(s["uid"]):
            continue
        adults = [view.name(a["uid"]) for a in s.get("adults_around") or []
                  if view.visible(a["uid"])]
        out.append(SafeguardingEntry(name=view.name(s["uid"]), age=view.age_text(s["uid"]),
                                     why=list(s["reasons"]), adults=adults,
                                     actions=list(s["actions"])))
    return out
