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

MARKING = "OFFICIAL-SENSITIVE"
TITLE = "CSE network meeting agenda"
DEFAULT_MEETING = "Multi-agency CSE network meeting"

SUMMARY = "Summary"
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

    targets: int = 5
    children: int = 10
    places: int = 10
    assets: int = 10
    episodes: int = 3
    gaps: int = 40
    moves: int = 20
    picture_nodes: int = 40


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


@dataclass
class Summary:
    networks: int
    networks_total: int
    people: int
    suspects: int
    children: int
    since_run: str | None
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


@dataclass
class Asset:
    kind: str  # "Vehicle" or "Phone"
    key: str
    description: str
    people: str
    activity: str
    options: list[str]


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
class Action:
    number: int
    action: str
    network: str


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
    safeguarding: list[SafeguardingEntry] = field(default_factory=list)
    #: The profile's final scrub, for text made after the build (document metadata).
    scrub: Callable[[str], str] = field(default=str, repr=False, compare=False)

    def pictures(self) -> list[Picture]:
        return [n.picture for n in self.networks if n.picture is not None]
