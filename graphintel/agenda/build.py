"""Build the agenda content from an analysis run, the graph and a profile."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from graphintel.agenda import review
from graphintel.agenda.actions import (
    Proposal,
    earlier_actions,
    meeting_actions,
    people_proposals,
    propose,
)
from graphintel.agenda.children import child_rows
from graphintel.agenda.decisions import decision_text, meeting_decisions
from graphintel.agenda.duplicates import possible_duplicates
from graphintel.agenda.headline import decisions, headline, network_of
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
    Target,
)
from graphintel.agenda.network import add_named_targets, build_network, listed_targets
from graphintel.agenda.partner import partner_doc, without_hidden
from graphintel.agenda.scope import Scope
from graphintel.agenda.source import AgendaSource, read_source
from graphintel.agenda.stale import (
    merged_away,
    merged_text,
    newly_protected,
    possibly_protected,
    safeguarding_entries,
    stale_text,
)
from graphintel.agenda.tactics import Tactics, load_tactics
from graphintel.agenda.view import View
from graphintel.agenda.withdraw import Withdrawals
from graphintel.analysis.safeguarding import at_risk_counts
from graphintel.analysis.score_weights import changed_weights
from graphintel.config import Settings
from graphintel.memory import collector_paused
from graphintel.redact import Redactor, load_key
from graphintel.store import Store

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


def _concern(net: Network) -> tuple[Any, ...]:
    scores = [t.score for t in net.targets]
    return (-max(scores, default=0.0), -net.children_count, -sum(scores), net.id)


def build_agenda(store: Store, settings: Settings, *, run_id: str | None = None,
                 since: str | None = None, profile: str = "internal",
                 meeting: str | None = None, date: str | None = None,
                 limits: Limits | None = None, tactics: Tactics | None = None,
                 generated_at: str | None = None, source: AgendaSource | None = None
                 ) -> Agenda:
    """The agenda of one analysis run for one profile (see :mod:`graphintel.agenda`).

    ``source``: what :func:`~graphintel.agenda.source.read_source` read for the run,
    comparison and meeting date wanted (``run_id``, ``since`` and ``date`` are then the
    source's and must not be given); without it, they are read now. The open actions and
    meetings are always read as they are now (they change between two agendas of one
    graph).
    """
    limits = limits or Limits()
    tactics = tactics or load_tactics()
    if source is None:
        with collector_paused():  # the run's parts and the facts are a large read
            source = read_source(store, run_id=run_id, since=since, date=date,
                                 partner=profile == "partner", networks=limits.networks)
    elif run_id is not None or since is not None or date is not None:
        raise ValueError("run_id, since and date come from the source")
    if profile == "partner" and not source.partner_ready:
        raise ValueError("the source was read without the partner profile's facts")
    # composing allocates a great deal and frees it as it goes, beside a large read
    with collector_paused():
        return _compose(store, settings, source, profile=profile, meeting=meeting,
                        limits=limits, tactics=tactics, generated_at=generated_at)


def _compose(store: Store, settings: Settings, source: AgendaSource, *, profile: str,
             meeting: str | None, limits: Limits, tactics: Tactics,
             generated_at: str | None) -> Agenda:
    doc, prev, facts = source.doc, source.prev, source.facts
    run = doc["run"]
    meeting_date = source.meeting_date
    as_of = run.get("as_of")
    comms = doc["communities"]
    candidates, by_comm = source.candidates, source.by_comm
    since = source.since
    # safeguarding first at output time: a candidate target whom the graph now records as
    # a child or victim (intelligence loaded since the run, an exploitation link asserted
    # since, a merge into the record of one) is no target here (listed with the
    # safeguarding entries instead), and is protected as the run's inferred victims are;
    # the source itself is left as it is
    held = newly_protected(since, doc["targets"], as_of, facts.people)
    redactor = Redactor(profile, load_key(settings.home), as_of, source.shareable or {},
                        safeguarded=frozenset(run.get("safeguarded_inferred") or [])
                        | frozenset(held) | frozenset(since.merged.get(u) or u for u in held))
    redactor.protect(source.protected)
    redactor.register_people(source.protected_people)
    view = View(redactor, facts)
    if redactor.partner:
        view.facts = without_hidden(facts, redactor)
    view.child_places = {str(r["uid"]) for r in source.protected or []
                         if r.get("label") == "Location"
                         and {"LIVES_AT", "SAME_ADDRESS", "MISSING_FROM"}
                         & set(r.get("reasons") or ())}
    stem = file_stem(str(run["id"]), profile)
    # a target whose record was merged away since (or is gone): no tactics or plan under
    # a record that no longer exists, until the analysis ranks the records as they are now
    away = merged_away(since, doc["targets"], held)
    merged = merged_text(view, doc["targets"], away, since.now)
    if held or away:
        doc = {**doc, "targets": [t for t in doc["targets"]
                                  if str(t["uid"]) not in held and str(t["uid"]) not in away]}
        by_comm = {c: [t for t in ts if str(t["uid"]) not in held and str(t["uid"]) not in away]
                   for c, ts in by_comm.items()}
    view.apart = {str(t["uid"]) for t in doc["targets"] if possibly_protected(view, t)}
    prev = source.prev
    targets_now = source.doc["targets"]
    if redactor.partner and source.standing is not None:
        # partners: only targets, links and reasons that shareable reports support
        # (graphintel.agenda.partner); the targets withheld are counted, never shown
        standing = view.standing = source.standing
        doc, prev = partner_doc(doc, prev, standing, redactor)
        ranked: dict[int, list[dict[str, Any]]] = {}
        for target in sorted(doc["targets"], key=lambda t: int(t["rank"])):
            ranked.setdefault(int(target["community"]), []).append(target)
        by_comm = {c: ranked.get(c, []) for c in by_comm}
        targets_now = [t for t in targets_now if standing.suspect(str(t["uid"]))]

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
    # every candidate target the pack names anywhere gets their reasons in Appendix A
    named: set[str] = {u for _, sc in sections for u in sc.named}
    changes = review.changes(view, doc, prev, limits, named)
    gaps, more_gaps = review.gaps(view, sections, limits, named)
    recent_days = int((run.get("params") or {}).get("recent_days", 90))
    children = child_rows(view, doc, recent_days, named)
    safeguarding = _safeguarding(view, doc, named) + safeguarding_entries(
        view, targets_now, held, str(run["id"]), since)
    # The counts are the analysis run's own, so the agenda, the command line and the JSON
    # say the same number for the same thing (people at risk = children under 18 on the
    # analysis date, adult victims and those possibly children no recorded age makes so).
    summary = Summary(
        networks=len(networks), networks_total=int(run.get("networks") or len(comms)),
        people=int(run.get("persons") or 0), suspects=int(run.get("suspects") or 0),
        children=int(run.get("children") or 0), at_risk=int(run.get("at_risk") or 0),
        adult_victims=at_risk_counts(run)[1], possible_children=at_risk_counts(run)[2],
        targets=len(targets_now),
        since_run=changes.since_run, new_people=len(changes.new_people),
        new_links=len(changes.new_links), new_episodes=len(changes.new_episodes),
        targets_moved=len(changes.moves) + changes.more_moves)
    header = Header(
        title=TITLE, meeting=meeting or DEFAULT_MEETING,
        date=meeting_date, marking=MARKING,
        handling=HANDLING[profile], run_id=str(run["id"]), run_created=str(run["created_at"]),
        as_of=str(as_of or "unknown"), since_run=changes.since_run, profile=profile,
        generated_at=generated_at or datetime.now(UTC).replace(microsecond=0)
        .isoformat().replace("+00:00", "Z"),
        weights=changed_weights(run.get("score_weights")),
        since_kind=source.since_kind, since_meeting=source.since_meeting,
        since_note=changes.note, stale=stale_text(since.reports, since.decisions),
        merged=merged)
    decided = meeting_decisions(store, settings, str(run["id"]), meeting_date)
    doc_targets = {str(t["uid"]): t for t in doc["targets"]}
    ranks = {uid: int(t["rank"]) for uid, t in doc_targets.items() if view.visible(uid)}
    shown = {u for _, sc in sections for u in (*sc.places, *sc.assets)}
    earlier = earlier_actions(store, view, run_id=str(run["id"]), meeting_date=meeting_date,
                              shown=shown, decided=decided, ranks=ranks,
                              withdraw=Withdrawals(view, since, source.action_holders))
    head, uids = headline(view, doc, prev, limits, len(changes.new_links))
    rows, more_rows, people = decisions(view, doc, head, uids, earlier.carried, networks,
                                        limits)
    named |= earlier.people | {uid for _, uid in people}
    others: list[Target] = []
    k = int(run.get("k") or 2)
    add_named_targets(view, tactics, sections, doc_targets, named, others, k=k,
                      recent_days=recent_days)
    # pairs of records with a listed target, a child or a victim in them, and the other
    # record of each, listed too when a candidate target
    twice: set[str] = set()
    duplicates = possible_duplicates(
        view, doc, sections, {key.split("|", 1)[1] for key in listed_targets(networks, others)},
        twice)
    add_named_targets(view, tactics, sections, doc_targets, twice, others, k=k,
                      recent_days=recent_days)
    listed: dict[str, tuple[Target, str]] = {}
    for net in networks:
        for t in (*net.targets, *net.appendix_targets):
            listed[t.key.split("|", 1)[1]] = (t, f"Network {net.id}")
            t.decision = decision_text(decided.get(t.key))
    for t in others:
        listed[t.key.split("|", 1)[1]] = (t, t.network.split(" (")[0])
        t.decision = decision_text(decided.get(t.key))
    member = network_of(doc)
    extra = people_proposals(
        people, listed, {uid: view.name(uid) for _, uid in people},
        {uid: f"Network {member[uid]}" for _, uid in people if uid in member}, tactics,
        limits)
    # a record safeguarded as possibly a child or victim recorded apart: who it is, first
    extra += [Proposal(f"apart|{s['uid']}", f"Resolve whether {view.name(str(s['uid']))} is a "
                       "child or victim recorded apart (graphintel resolve merge, or reject)",
                       f"Network {member[s['uid']]}" if s["uid"] in member else "all",
                       "Police (intelligence)", [str(s["uid"])])
              for s in doc.get("safeguarding") or []
              if any(str(r).startswith("possibly the same person as ")
                     for r in s.get("reasons") or [])]
    proposals = propose(sections, tactics, limits, len(gaps) + more_gaps, extra)
    acts = meeting_actions(store, view, proposals, run_id=str(run["id"]),
                           meeting_date=meeting_date, shown=shown, decided=decided,
                           earlier=earlier)
    agenda = Agenda(profile=profile, header=header, summary=summary, networks=networks,
                    changes=changes, gaps=gaps, more_gaps=more_gaps,
                    actions=acts.proposed, withheld=view.notes(),
                    quiet_networks=len(comms) - len(networks) - source.more_networks,
                    more_networks=source.more_networks,
                    safeguarding=safeguarding, decisions=rows,
                    more_decisions=more_rows, headline=head, carried=acts.carried,
                    outcomes=acts.outcomes, children_rows=children,
                    declined=acts.declined, meeting_id=acts.meeting,
                    duplicates=duplicates, other_targets=others)
    # The one last step of the allow-list: every string of the agenda (headings, cells,
    # captions, picture labels, file names) scrubbed of whatever identifies a child.
    agenda = redactor.scrub_all(agenda)
    agenda.scrub = redactor.scrub
    agenda.raised = acts.raised
    agenda.superseded = acts.superseded
    agenda.rejected = acts.rejected
    return agenda


_EXACT_AGE = re.compile(r" \(age \d+\)")


def _safeguarding(view: View, doc: dict[str, Any],
                  named: set[str] | None = None) -> list[SafeguardingEntry]:
    """The run's safeguarding list as the profile may see it (names through the view);
    ``named`` gets the uids of the adults named."""
    out = []
    for s in doc.get("safeguarding") or []:
        if not view.visible(s["uid"]):
            continue
        around = [a["uid"] for a in s.get("adults_around") or [] if view.visible(a["uid"])]
        if named is not None:
            named.update(around)
        adults = [view.name(uid) for uid in around]
        # the age has its own column (a band for partners); runs analysed before the reasons
        # left it out say "a child (age 14)"
        why = [_EXACT_AGE.sub("", r) for r in s["reasons"]]
        out.append(SafeguardingEntry(name=view.name(s["uid"]), age=view.age_text(s["uid"]),
                                     why=why, adults=adults, actions=list(s["actions"])))
    return out
