"""The agenda as plain data: what the meeting sees, already redacted for its profile.

:mod:`graphintel.agenda.build` fills these from an analysis run, the graph and a
:class:`~graphintel.agenda.view.View` (the one place where redaction happens);
:mod:`graphintel.agenda.layout` turns them into blocks (headings, paragraphs, tables, images)
that the Markdown, HTML and Word renderers only render. No field holds a uid: uids carry
names and dates of birth.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "CSE network meeting agenda"
DEFAULT_MEETING = "Multi-agency CSE network meeting"

SUMMARY = "Summary"
DECISIONS = "For decision today"
CONTENTS = "Contents"
NETWORKS_CORE = "Networks of most concern"
OTHER_NETWORKS = "Other networks"
APPENDIX_EVIDENCE = "Appendix A: Evidence for the candidate targets"
APPENDIX_CHILDREN = "Appendix B: Children and victims at risk"
APPENDIX_PLACES = "Appendix C: Places, vehicles, phones and tactics"
APPENDIX_CHANGES = "Appendix D: Changes since the previous run in full"
APPENDIX_GAPS = "Appendix E: Intelligence gaps"
APPENDIX_PICTURES = "Appendix F: Network pictures and timelines"
SAFEGUARDING = "Safeguarding first: children and victims who may be exploited into offending"
TARGETS = "Candidate disruption targets"
CHILDREN = "Children and victims linked"
PLACES = "Places"
ASSETS = "Vehicles and phones"
PICTURE = "Network picture"
TACTICS = "Suggested disruption tactics"
CHANGES = "Changes since the previous run"
NEW_PEOPLE = "New people"
NEW_LINKS = "New links"
NEW_EPISODES = "Children with new missing episodes"
MOVES = "Targets that rose or fell"
GAPS = "Intelligence gaps"
ACTIONS = "Actions"
WITHHELD = "Withheld from this version"
NETWORK_SUBSECTIONS = (TARGETS, CHILDREN, PLACES, ASSETS, PICTURE, TACTICS)


@dataclass(frozen=True)
class Limits:
    """How much the agenda shows per network (the rest is counted, not listed)."""

    #: Candidate targets per network behind its section (picture, places, tactics).
    targets: int = 5
    #: Candidate targets per network Appendix A lists with their reasons (the first
    #: ``targets`` and the next by rank); every other one the pack names anywhere is listed
    #: too, and the rest are counted, with where to find them.
    evidence_targets: int = 10
    children: int = 10
    places: int = 5
    assets: int = 5
    episodes: int = 3
    gaps: int = 12
    moves: int = 20
    picture_nodes: int = 40
    #: Networks the agenda covers at all (Appendix A), the most concerning first; the
    #: rest are counted and left to the workspace (at force scale thousands of networks
    #: have a target or a child, more than one meeting can take).
    networks: int = 50
    #: Networks given a page of their own in the core pack (the rest get one line).
    core_networks: int = 3
    #: Candidate targets per network on its core page (the appendix lists ``targets``).
    core_targets: int = 3
    #: Places, vehicles and phones per network on its core page.
    core_assets: int = 3
    #: Rows of the "for decision today" table.
    decisions: int = 12
    #: Other networks given a line in the core (the rest are counted; Appendix A has them).
    other_networks: int = 8
    #: Children exploited into offending listed on page 1 (all of them: Appendix B).
    safeguarding: int = 5
    #: Rank threshold whose crossing (into or out of the top N) is a change worth a line.
    rank_threshold: int = 10


@dataclass
class Header:
    title: str
    meeting: str
    date: str
    marking: str
    handling: str
    run_id: str
    run_created: str
    as_of: str
    since_run: str | None
    profile: str
    generated_at: str
    #: The parts of the disruption score the run weighted otherwise than by default, as
    #: words ("contact 0.3 (default 0.15)"), or None when it used the defaults.
    weights: str | None = None
    #: What ``since_run`` is: "meeting" (the run of the last meeting recorded before this
    #: one), "previous" (no earlier meeting recorded: the run before this one) or "given"
    #: (the run asked for with ``--since``).
    since_kind: str = "previous"
    #: The date of the meeting whose run ``since_run`` is (when ``since_kind`` is
    #: "meeting").
    since_meeting: str = ""
    #: What to know about the run compared with (review.comparison_note), or "".
    since_note: str = ""
    #: The warning that reports were loaded since the run was made
    #: (:func:`graphintel.agenda.stale.stale_text`), or "" when the run is current.
    stale: str = ""
    #: The run's targets merged into another record since, not shown as targets
    #: (:func:`graphintel.agenda.stale.merged_text`), or "".
    merged: str = ""


@dataclass
class Summary:
    """The run's counts, as the analysis stored them (the CLI and JSON say the same)."""

    networks: int
    networks_total: int
    people: int
    suspects: int
    children: int
    since_run: str | None
    at_risk: int = 0
    adult_victims: int = 0
    #: At risk as possibly children though no recorded age says so
    #: (:func:`graphintel.analysis.safeguarding.possibly_child`).
    possible_children: int = 0
    targets: int = 0
    new_people: int = 0
    new_links: int = 0
    new_episodes: int = 0
    targets_moved: int = 0


@dataclass
class Episode:
    start: str
    end: str
    found_at: str
    found_with: str
    missing_from: str


@dataclass
class Target:
    rank: int
    name: str
    dob: str
    nominal_ref: str
    roles: str
    score: float
    reasons: list[str]
    children: list[str]
    tactics: list[str] = field(default_factory=list)
    #: The proposal key of the target (``target|<uid>``), for the chair's decision; never
    #: rendered.
    key: str = ""
    #: The chair's decision on the target, as the agenda shows it ("" when none).
    decision: str = ""
    #: Possibly the same person as a child or victim at risk recorded apart: no tactic and
    #: no disruption plan until an analyst resolves the pair.
    possibly_protected: bool = False
    #: The network, for a target listed apart from a network section ("Network 14 (not on
    #: this agenda)"); "" in a network's own list.
    network: str = ""


@dataclass
class Child:
    name: str
    dob: str
    nominal_ref: str
    roles: str
    linked_to: list[str]
    episodes: list[Episode]
    episodes_total: int


@dataclass
class SafeguardingEntry:
    """A child or victim also assessed as a suspect: safeguarded, never a target."""

    name: str
    age: str
    why: list[str]
    adults: list[str]
    actions: list[str]


@dataclass
class Place:
    address: str
    kind: str
    why: str
    people: str
    options: list[str]
    #: Where a child or victim lives (or a children's home): its options are safeguarding
    #: steps, never enforcement against the place.
    child_home: bool = False


@dataclass
class Asset:
    kind: str  # "Vehicle" or "Phone"
    key: str
    description: str
    people: str
    activity: str
    options: list[str]
    #: A vehicle a child or victim keeps, drives or uses, or a phone one uses or owns
    #: (:data:`graphintel.agenda.places.CHILD_HELD`): its options are safeguarding steps,
    #: nothing against it in their name.
    child_kept: bool = False


@dataclass
class TacticRow:
    target: str
    tactic: str
    basis: str
    agency: str
    description: str


@dataclass
class PictureNode:
    label: str
    kind: str  # target, suspect, child, person, place, vehicle, phone


@dataclass
class Picture:
    file_name: str
    alt: str
    nodes: list[PictureNode]
    edges: list[tuple[int, int]]
    png: bytes = b""


@dataclass
class Network:
    id: int
    label: str
    size: int
    suspects: int
    children_count: int
    concern: str
    targets: list[Target]
    more_targets: int
    children: list[Child]
    more_children: int
    places: list[Place]
    more_places: int
    assets: list[Asset]
    more_assets: int
    tactics: list[TacticRow]
    picture: Picture | None = None
    timeline: Timeline | None = None
    #: Children linked to a target of this network by direct evidence (names as shown).
    direct_children: list[str] = field(default_factory=list)
    #: Pairs of records one of its shown targets is in that may be one person ("A (rank
    #: 12) and B (rank 16)").
    duplicates: list[str] = field(default_factory=list)
    #: Candidate targets past ``targets`` that Appendix A lists as well (the next by rank
    #: up to :attr:`Limits.evidence_targets`, then any the pack names elsewhere), by rank.
    appendix_targets: list[Target] = field(default_factory=list)

    @property
    def unlisted_targets(self) -> int:
        """Candidate targets of the network that no part of the pack lists."""
        return max(0, self.more_targets - len(self.appendix_targets))


@dataclass
class LinkChange:
    link: str
    first_seen: str
    refs: str


@dataclass
class EpisodeChange:
    child: str
    episode: Episode


@dataclass
class RankChange:
    name: str
    change: str  # rose, fell, new target, no longer a target
    before: str
    after: str


@dataclass
class Changes:
    since_run: str | None
    since_created: str | None
    #: What to know about the run compared with (review.comparison_note), or "".
    note: str = ""
    #: Records merged since the run compared with, one line each.
    merges: list[str] = field(default_factory=list)
    new_people: list[str] = field(default_factory=list)
    new_links: list[LinkChange] = field(default_factory=list)
    new_episodes: list[EpisodeChange] = field(default_factory=list)
    moves: list[RankChange] = field(default_factory=list)
    more_moves: int = 0


@dataclass
class Gap:
    link: str
    network: str
    reports: str
    concerns: str


@dataclass
class Duplicate:
    """Two records on the agenda that may be one person, not yet resolved (names as the
    profile shows them, a target's with its rank)."""

    first: str
    second: str
    why: str
    score: float


@dataclass
class Action:
    """A meeting action: proposed by this agenda, or carried over from an earlier meeting."""

    number: int
    action: str
    network: str
    id: str = ""
    owner: str = ""
    agency: str = ""
    due: str = ""
    status: str = "proposed"
    meeting: str = ""
    outcome: str = ""
    overdue: bool = False
    #: The proposal key of a proposed action (``target|<uid>``, ``place|<uid>``, ...), for
    #: the chair's decision; never rendered.
    key: str = ""
    #: The chair's decision on a proposed action, as the agenda shows it ("" when none).
    decision: str = ""
    #: Why a carried-over action is no longer one to pursue, to be closed by the meeting:
    #: who it is against is now safeguarded (:mod:`graphintel.agenda.withdraw`); "" else.
    withdraw: str = ""


@dataclass
class Decision:
    """One line of "for decision today": what is new or overdue, and where to read more."""

    kind: str
    what: str
    where: str


@dataclass
class Headline:
    """Changes since the last meeting that page 1 shows (rank changes only across the
    threshold)."""

    children_linked: list[str] = field(default_factory=list)
    newly_suspected: list[str] = field(default_factory=list)
    new_at_risk: list[str] = field(default_factory=list)
    links_evidenced: int = 0
    hotspots_new: list[str] = field(default_factory=list)
    hotspots_cooling: list[str] = field(default_factory=list)
    crossings: list[RankChange] = field(default_factory=list)


@dataclass
class ChildRow:
    """A child or victim at risk, for the appendix section per child."""

    name: str
    age: str
    network: str
    nominal_ref: str
    episodes: int
    episodes_recent: int
    last_episode: str
    places_found: str
    adults: list[str]
    rag: str
    rule: str
    lead_agency: str
    #: The other records that may be this person ("possibly the same person as ...").
    twice: str = ""
    #: For an adult assessed as a victim only as a child who is now a candidate target:
    #: the rank, so the row does not read as safeguarding only.
    also_target: str = ""


@dataclass
class Timeline:
    """Dated events of one network for its timeline picture (no names)."""

    file_name: str
    alt: str
    reports: list[str] = field(default_factory=list)
    episodes: list[str] = field(default_factory=list)
    sightings: list[str] = field(default_factory=list)
    png: bytes = b""


@dataclass
class Agenda:
    profile: str
    header: Header
    summary: Summary
    networks: list[Network]
    changes: Changes
    gaps: list[Gap]
    more_gaps: int
    actions: list[Action]
    withheld: list[str]
    quiet_networks: int = 0
    #: Networks with a target, child or victim past :attr:`Limits.networks` (not shown).
    more_networks: int = 0
    safeguarding: list[SafeguardingEntry] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    more_decisions: int = 0
    headline: Headline = field(default_factory=Headline)
    carried: list[Action] = field(default_factory=list)
    outcomes: list[Action] = field(default_factory=list)
    children_rows: list[ChildRow] = field(default_factory=list)
    #: Proposed actions the chair did not take forward (with the decision), not raised.
    declined: list[Action] = field(default_factory=list)
    meeting_id: str = ""
    #: Records on the agenda that may be one person recorded twice (Appendix E).
    duplicates: list[Duplicate] = field(default_factory=list)
    #: Candidate targets the pack names (children's adults, decisions, changes, actions)
    #: whose network is not on this agenda: Appendix A lists them apart, by rank.
    other_targets: list[Target] = field(default_factory=list)
    #: The profile's final scrub, for text made after the build (document metadata).
    scrub: Callable[[str], str] = field(default=str, repr=False, compare=False)
    #: The actions this agenda raises, as stored with the meeting (they name the uids they
    #: concern, so they are never rendered and never scrubbed).
    raised: list[dict[str, Any]] = field(default_factory=list, init=False, repr=False,
                                         compare=False)
    #: Ids of the unchanged actions of an earlier agenda for the same meeting date (from
    #: another run) that this one replaces; dropped when the meeting is recorded.
    superseded: list[str] = field(default_factory=list, init=False, repr=False,
                                  compare=False)
    #: Ids of unchanged actions an agenda for this meeting raised that the chair has since
    #: rejected; dropped when the meeting is recorded.
    rejected: list[str] = field(default_factory=list, init=False, repr=False, compare=False)

    def pictures(self) -> list[Picture]:
        return [n.picture for n in self.networks if n.picture is not None]

    def timelines(self) -> list[Timeline]:
        return [n.timeline for n in self.networks if n.timeline is not None]
