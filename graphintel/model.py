"""The POLE graph model: node labels, relationship types and roles graphintel writes.

Labels and relationship types reach Cypher only from these allow-lists, never from input
text. Every entity node also carries the label ``Entity`` and a ``uid``
(``"<Label>:<key>"``) so links between any two entities are matched through one index.
"""

from __future__ import annotations

PERSON = "Person"
PHONE = "Phone"
VEHICLE = "Vehicle"
LOCATION = "Location"
ACCOUNT = "OnlineAccount"
EVENT = "Event"
#: A police officer named by a records system (the investigator of an occurrence): kept
#: apart from Person so that officers never enter the network of people analysed.
OFFICER = "Officer"
#: A physical object of an occurrence (weapon, drugs, property), keyed by its source ID.
OBJECT = "Object"
REPORT = "Report"
#: The index of source IDs (``key`` = ``<source>/<id space>/<id>``, ``uid``, ``label``,
#: ``source``): how a link file that names entities only by the IDs of a records system
#: finds them, in any later run. Not an entity: nothing links to it.
SOURCE_ID = "SourceId"

ENTITY_LABELS: tuple[str, ...] = (PERSON, PHONE, VEHICLE, LOCATION, ACCOUNT, EVENT, OFFICER,
                                  OBJECT)

ROLES: tuple[str, ...] = ("suspect", "victim", "associate", "witness", "unknown")

PERSON_LINKS: frozenset[str] = frozenset({"ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS"})

LINK_TYPES: tuple[str, ...] = (
    "ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS", "USES", "OWNS", "DRIVES", "PASSENGER_IN",
    "LIVES_AT", "FREQUENTS", "SEEN_AT", "CALLED", "HAS_ACCOUNT", "MESSAGED", "SUBJECT_OF",
    "INVOLVED_IN", "FOUND_AT", "MISSING_FROM", "OCCURRED_AT", "INVESTIGATED_BY",
)

#: Subtypes a link may carry (``kinds`` on the relationship), by link type. A mapping's
#: ``kind`` (a constant, or a column through ``map``) is checked against these.
LINK_KINDS: dict[str, tuple[str, ...]] = {
    "ASSOCIATE_OF": ("associate", "social_network", "phone", "lives_with", "online",
                     "criminal", "school", "work", "neighbour"),
    "FAMILY_OF": ("parent", "child", "sibling", "partner", "spouse", "grandparent",
                  "grandchild", "cousin", "relative", "carer"),
    "INVOLVED_IN": ("vehicle_used", "object_used", "object_found", "caller", "callee",
                    "device"),
}

#: The part a person (or phone) played in an occurrence or event (``roles`` on
#: INVOLVED_IN / SUBJECT_OF). Person roles follow from them (:data:`PERSON_ROLE_OF`).
OCCURRENCE_ROLES: tuple[str, ...] = (
    "suspect", "offender", "victim", "witness", "reporter", "caller", "callee", "involved",
)
PERSON_ROLE_OF: dict[str, str] = {"suspect": "suspect", "offender": "suspect",
                                  "victim": "victim", "witness": "witness"}

EVENT_KINDS: tuple[str, ...] = (
    "missing_episode", "incident", "sighting", "stop_search", "anpr_read", "crime",
    "occurrence", "call",
)

LOCATION_KINDS: tuple[str, ...] = ("home_address", "hotspot", "venue", "address", "camera")

#: A network meeting, recorded when its agenda is written: ``id``, ``run_id`` (the analysis
#: run it was built from), ``date``, ``recorded_at``.
MEETING = "Meeting"
#: An action of a network meeting: ``id``, ``key`` (what it is about, stable across
#: meetings), ``text``, ``network``, ``owner``, ``agency``, ``due``, ``status``,
#: ``outcome``, ``subjects`` (uids it concerns), ``history`` (one JSON line per change),
#: ``superseded_by`` (the meeting id of a later agenda for the same date, while dropped),
#: ``rejected_by`` (the meeting whose agenda dropped it once the chair rejected it).
MEETING_ACTION = "MeetingAction"
#: ``(:Meeting)-[:RAISED]->(:MeetingAction)``: the meeting the action came from;
#: ``(:Meeting)-[:CARRIED]->(:MeetingAction)``: a later meeting it was carried over to;
#: ``(:Meeting)-[:SUPERSEDED]->(:MeetingAction)``: an agenda for the same date, from another
#: run, replaced it before anyone had changed it;
#: ``(:Meeting)-[:REJECTED]->(:MeetingAction)``: the chair rejected it before anyone had
#: changed it, and the agenda for the meeting written since dropped it.
MEETING_LINKS: tuple[str, ...] = ("RAISED", "CARRIED", "SUPERSEDED", "REJECTED")
ACTION_STATUSES: tuple[str, ...] = ("open", "in_progress", "done", "dropped")
OPEN_ACTION_STATUSES: tuple[str, ...] = ("open", "in_progress")


def uid(label: str, key: str) -> str:
    """The cross-label identity of an entity node.

    >>> uid("Phone", "+447700900123")
    'Phone:+447700900123'
    """
    if label not in ENTITY_LABELS:
        raise ValueError(f"{label!r} is not an entity label of the model")
    return f"{label}:{key}"


def source_key(source: str, space: str, source_id: str) -> str:
    """The key of a source ID in the index of source IDs.

    >>> source_key("pole", "Person", "1073")
    'pole/Person/1073'
    """
    return f"{source}/{space}/{source_id}"


def is_link_type(name: str) -> bool:
    """True when ``name`` is a relationship type of the model."""
    return name in LINK_TYPES


#: What a link of a directed type points to: a person (or a phone, vehicle, event) uses,
#: lives at, is the subject of... the entity of one of these types, and an event is found
#: at, went missing from or occurred at a place. The analysis, the redaction and the
#: agenda read the links this way round only.
LINK_TARGETS: dict[str, frozenset[str]] = {
    "USES": frozenset({PHONE, VEHICLE, ACCOUNT, OBJECT}),
    "HAS_ACCOUNT": frozenset({ACCOUNT}),
    "OWNS": frozenset({PHONE, VEHICLE, LOCATION, ACCOUNT, OBJECT}),
    "DRIVES": frozenset({VEHICLE}),
    "PASSENGER_IN": frozenset({VEHICLE}),
    "LIVES_AT": frozenset({LOCATION}),
    "FREQUENTS": frozenset({LOCATION}),
    "SEEN_AT": frozenset({LOCATION}),
    "SUBJECT_OF": frozenset({EVENT}),
    "INVOLVED_IN": frozenset({EVENT}),
    "FOUND_AT": frozenset({LOCATION}),
    "MISSING_FROM": frozenset({LOCATION}),
    "OCCURRED_AT": frozenset({LOCATION}),
}


def reversed_link(link_type: str, from_label: str, to_label: str) -> bool:
    """Whether a link written ``from_label`` → ``to_label`` is the wrong way round: it
    starts at what a link of its type points to and ends at something else (a home that
    "lives at" a child). Links of undirected shape (person to person, phone to phone) and
    links that fit neither way are never reversed.

    >>> reversed_link("LIVES_AT", "Location", "Person"), reversed_link("USES", "Phone", "Person")
    (True, True)
    >>> reversed_link("LIVES_AT", "Person", "Location")
    False
    >>> reversed_link("EXPLOITS", "Person", "Person")
    False
    >>> reversed_link("MISSING_FROM", "Location", "Event")
    True
    >>> reversed_link("SEEN_AT", "Location", "Location")
    False
    """
    targets = LINK_TARGETS.get(link_type)
    return targets is not None and from_label in targets and to_label not in targets
