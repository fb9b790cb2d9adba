"""Project the Neo4j graph into a NetworkX graph of people.

People are nodes. Edges come from direct person links (association, family, exploitation)
and from indirect ones: a shared phone, vehicle, home address, frequented place, online
account or event (a child found with an adult), calls between their phones, messages between
their accounts, and sightings at the same place within a time window. Two people in the same
vehicle in the same report were together at the time (``together_in_vehicle``). Each edge
keeps its kinds, the call/message/meeting counts, the shared entities (``via``), the
supporting report refs, first/last seen, the best grading and a weight (see
:mod:`.weights`). Each person keeps the reports that mention them with the roles each report
assessed, and what they supply to others: a vehicle they own that others drive or ride in,
premises they own or live at that others frequent or are seen at (each marked as held by an
owner or a resident). The graph is read with a handful of streaming queries, never one query
per person.

With ``from_date``/``to_date`` the projection keeps only the evidence in that window
(:mod:`.timewindow`): reports dated outside it, links seen only outside it and call or
sighting times outside it are left out, and people mentioned only in reports outside it are not
in the graph. An ``as_of`` date ends the window too (the analysis is of what was known on
that day: a report dated after it was not). A person is a suspect only when a report in the
window assesses them so; every report assessing a person as a victim is kept whatever its
date, so a window never lifts anyone's safeguarding protection.

A person whom only intelligence graded as suspected false (E in 3x5x2, 5 in 5x5x5: a
malicious or baseless allegation) assesses as a suspect is not a suspect in the projection
(:func:`~.roles.founded_roles`): they keep ``unfounded_roles = ["suspect"]`` and are never a
candidate target or part of the offender network on that allegation alone. A victim
assessment is kept whatever its grading.

An entity (phone, vehicle, address, ...) shared by more than ``max_shared_entity_people``
people is a hub (a shared landline, a hostel, a hire car), not a link between them: it is
left out and listed in ``skipped_hubs`` with its type, label and number of people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import networkx as nx

from graphintel.analysis.child_signs import care_place, mark_child_signs
from graphintel.analysis.roles import exploited_are_victims, founded_roles, says_suspect
from graphintel.analysis.timewindow import Window
from graphintel.analysis.weights import (
    CURVE_KINDS,
    DEFAULT_STRENGTH,
    check_curve,
    counted_weight,
    evidence_weight,
    noisy_or,
    recency,
)
from graphintel.clean import name_key
from graphintel.errors import Ambiguous, ConfigError, NotFound
from graphintel.store import Store

TIE_KINDS = {
    "USES": "shared_phone", "OWNS": "shared_vehicle", "DRIVES": "shared_vehicle",
    "PASSENGER_IN": "shared_vehicle", "LIVES_AT": "shared_address",
    "FREQUENTS": "shared_place", "HAS_ACCOUNT": "shared_account",
    "SUBJECT_OF": "shared_event", "INVOLVED_IN": "shared_event",
}


def _tie_kind(label: str, types_a: set[str], types_b: set[str]) -> str:
    """The kind of tie two people have through one entity, from all their links to it
    (whatever order the graph returns them in): a shared address only when both live
    there, else a shared place; phones, vehicles, accounts and events by their type.

    >>> _tie_kind("Location", {"LIVES_AT"}, {"FREQUENTS", "LIVES_AT"})
    'shared_address'
    >>> _tie_kind("Location", {"LIVES_AT"}, {"FREQUENTS"})
    'shared_place'
    >>> _tie_kind("Vehicle", {"PASSENGER_IN"}, {"OWNS", "DRIVES"})
    'shared_vehicle'
    """
    if label == "Location":
        return "shared_address" if "LIVES_AT" in types_a & types_b else "shared_place"
    return TIE_KINDS[sorted(types_a | types_b)[0]]


@dataclass(frozen=True)
class ProjectionParams:
    """Settings of the projection; recorded on each analysis run."""

    half_life_days: float = 365.0
    cosighting_window_hours: float = 3.0
    max_shared_entity_people: int = 50
    #: The analysis date (ISO); None means ``to_date`` when given, else today. Ages, recency
    #: and "recent" are measured on it.
    as_of: str | None = None
    #: Evidence window (ISO dates, inclusive); None leaves that end open.
    from_date: str | None = None
    to_date: str | None = None
    #: Count curve per link kind, over :data:`~graphintel.analysis.weights.COUNT_CURVES`
    #: (``{"phone_contact": "saturating:20"}``; ``default`` for kinds not named).
    count_curves: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["count_curves"] = dict(self.count_curves)
        return out

    def check(self) -> None:
        """Raise :class:`ConfigError` for a count curve that is not one."""
        for kind, spec in sorted(self.count_curves.items()):
            why = check_curve(spec) if kind in CURVE_KINDS else (
                f"unknown link kind {kind!r}: use one of {', '.join(sorted(CURVE_KINDS))}")
            if why:
                raise ConfigError(why, f"count curve of {kind}",
                                  "e.g. phone_contact=linear,default=saturating:10")

    @property
    def evidence_to(self) -> str | None:
        """The last day of evidence: ``to_date`` or ``as_of``, whichever is earlier."""
        if self.as_of and (self.to_date is None or self.as_of[:10] < self.to_date):
            return self.as_of[:10]
        return self.to_date

    @property
    def window(self) -> Window:
        return Window.of(self.from_date, self.evidence_to)

    @property
    def analysis_date(self) -> str:
        """``as_of``, else ``to_date``, else today (ISO)."""
        return self.as_of or self.to_date or date.today().isoformat()


@dataclass
class _Edge:
    kinds: set[str] = field(default_factory=set)
    via: dict[str, dict[str, str]] = field(default_factory=dict)
    refs: set[str] = field(default_factory=set)
    #: Rows of file-wide reports (``<report ref>#L<line>``) behind the link, for citation.
    rows: set[str] = field(default_factory=set)
    evidence: dict[str, dict[str, str | None]] = field(default_factory=dict)
    exploits: bool = False
    counts: dict[str, float] = field(default_factory=dict)
    first: str | None = None
    last: str | None = None

    def add(self, kind: str, refs: list[str] | None, first: str | None, last: str | None,
            rows: list[str] | None = None) -> None:
        self.kinds.add(kind)
        self.refs.update(refs or [])
        kept = set(refs or [])
        self.rows.update(r for r in rows or [] if report_of_row(r) in kept)
        by_ref = self.evidence.setdefault(kind, {})
        for ref in refs or []:
            if by_ref.get(ref) is None or (last and last > str(by_ref[ref])):
                by_ref[ref] = last
        if first and (self.first is None or first < self.first):
            self.first = first
        if last and (self.last is None or last > self.last):
            self.last = last


@dataclass
class Projection:
    """The projected graph and what it was built from."""

    graph: nx.Graph
    params: ProjectionParams
    as_of: str
    reports: dict[str, dict[str, Any]]
    skipped_hubs: list[dict[str, Any]]
    #: People mentioned only in reports outside the window, as nodes would hold them (no
    #: links): a record inside may be one of them recorded apart, and a child or victim
    #: among them still protects it (:func:`~.duplicates.mark_possibly_protected`).
    outside: dict[str, dict[str, Any]] = field(default_factory=dict)


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _parse_time(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value if "T" in value else value + "T12:00:00")
    except ValueError:
        return None


def hub_text(hub: dict[str, Any]) -> str:
    """How a skipped hub is reported.

    >>> hub_text({"type": "Phone", "label": "+447700900001", "people": 43})
    'phone +447700900001 shared by 43 people: treated as a hub, not a link'
    """
    kind = {"OnlineAccount": "online account"}.get(hub["type"], str(hub["type"]).lower())
    return f"{kind} {hub['label']} shared by {hub['people']} people: treated as a hub, not a link"


#: How a care place is given as a sign that someone is a child (no address: the reasons
#: reach the agenda, and a child's home is never named where partners may read it).
CARE_SIGNS = {"lives": "lives at a children's home or care placement",
              "missing": "reported missing from a children's home or care placement"}


def _care_places(store: Store, g: nx.Graph) -> None:
    """Mark the people of no recorded age whose name or care place says they may be a
    child (:func:`~graphintel.analysis.child_signs.mark_child_signs`): residence and
    missing episodes whatever their date, as safeguarding never lifts with a window."""
    signs: dict[str, set[str]] = defaultdict(set)

    def place(row: dict[str, Any]) -> None:
        if row["person"] in g and care_place(f"{row['address'] or ''} {row['key'] or ''}"):
            signs[row["person"]].add(CARE_SIGNS[row["how"]])

    store.read_each("projection_care_places", place)
    mark_child_signs(g, signs)


def project(store: Store, params: ProjectionParams | None = None) -> Projection:
    """Read the person graph from Neo4j into NetworkX (see the module docstring)."""
    params = params or ProjectionParams()
    params.check()
    win = params.window
    g = nx.Graph()
    every: dict[str, dict[str, Any]] = {}
    store.read_each("projection_reports", lambda r: every.__setitem__(r["ref"], r))
    reports = {ref: r for ref, r in every.items() if win.report_kept(r)}
    # The analysis date is the window's end or today unless given: never the latest report
    # date, which one mistyped future report would move (making every child an adult).
    as_of = params.analysis_date

    outside: dict[str, dict[str, Any]] = {}

    def add_person(row: dict[str, Any]) -> None:
        mine = [every[ref] | {"roles": roles} for ref, roles in row["reports"]]
        inside = [r for r in mine if r["ref"] in reports]
        if mine and not inside and not win.open:
            # mentioned only outside the window: not analysed, but remembered as recorded
            outside[row["uid"]] = {k: row.get(k) for k in ("name", "dob", "other_dobs", "age",
                                                           "age_on")} \
                | {"roles": sorted(row["roles"] or [])}
            return
        # victim assessments are kept whatever their date (safeguarding never lifts)
        kept = inside + [r for r in mine if r["ref"] not in reports
                         and "victim" in (r.get("roles") or [])]
        roles, unfounded = founded_roles(row["roles"], inside)
        if "suspect" in roles and says_suspect(mine) and not says_suspect(inside):
            roles.remove("suspect")  # assessed a suspect only in reports outside the window
        g.add_node(row["uid"], name=row["name"], dob=row["dob"], nominal_ref=row["nominal_ref"],
                   roles=roles, supplies=[],
                   reports=sorted(({k: r.get(k) for k in ("ref", "date", "grading", "strength")}
                                   | {"roles": sorted(r.get("roles") or [])}
                                   for r in kept), key=lambda r: r["ref"]))
        if row.get("age") is not None:  # a stated age, for the child test (age_of)
            g.nodes[row["uid"]].update(age=row["age"], age_on=row.get("age_on"))
        if row.get("other_dobs"):  # reports or merged records that disagree: the younger counts
            g.nodes[row["uid"]]["other_dobs"] = list(row["other_dobs"])
        if unfounded:
            g.nodes[row["uid"]]["unfounded_roles"] = unfounded
        if row.get("looked_after"):
            g.nodes[row["uid"]]["looked_after"] = True
        if row.get("called_child"):
            g.nodes[row["uid"]]["called_child"] = True

    store.read_each("projection_persons", add_person)
    edges: dict[tuple[str, str], _Edge] = defaultdict(_Edge)

    def windowed(row: dict[str, Any]) -> tuple[list[str], str | None, str | None] | None:
        """(refs, first, last) of a link in the window, None when it is left out."""
        refs = win.refs(row["refs"], every, row["first_seen"], row["last_seen"])
        if not win.link_kept(row["refs"], refs, row["first_seen"], row["last_seen"]):
            return None
        first, last = win.clip(row["first_seen"], row["last_seen"])
        return refs, first, last

    # whoever any report records as exploited, whatever its date (safeguarding never lifts)
    exploited: dict[str, set[str]] = defaultdict(set)

    def direct(row: dict[str, Any]) -> None:
        if row["type"] == "EXPLOITS" and row["a"] != row["b"]:
            exploited[row["b"]].update(row["refs"] or [])
        kept = windowed(row)
        if row["a"] == row["b"] or kept is None:
            return
        refs, first, last = kept
        e = edges[_key(row["a"], row["b"])]
        e.add(row["type"], refs, first, last, row.get("rows"))
        if row["type"] == "EXPLOITS":
            e.exploits = True
        if row.get("count"):
            count = win.count(float(row["count"]), 0, 0, bool(refs) or not row["refs"])
            e.counts[row["type"]] = e.counts.get(row["type"], 0.0) + count

    store.read_each("projection_person_links", direct)
    exploited_are_victims(g, exploited, every)

    ties: dict[str, list[dict[str, Any]]] = defaultdict(list)

    def tie(row: dict[str, Any]) -> None:
        kept = windowed(row)
        if kept is not None:
            ties[row["entity"]].append(row | dict(zip(("refs", "first_seen", "last_seen"),
                                                      kept, strict=True)))

    store.read_each("projection_entity_ties", tie)
    skipped: list[dict[str, Any]] = []
    for entity in sorted(ties):
        rows = ties[entity]
        people = sorted({r["person"] for r in rows})
        if len(people) < 2:
            continue
        label = [x for x in rows[0]["label"] if x != "Entity"][0]
        if len(people) > params.max_shared_entity_people:
            skipped.append({"entity": entity, "type": label, "label": rows[0]["entity_label"],
                            "people": len(people)})
            continue
        by_person: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            by_person[r["person"]].append(r)
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                both = by_person[a] + by_person[b]
                kind = _tie_kind(label, {r["type"] for r in by_person[a]},
                                 {r["type"] for r in by_person[b]})
                e = edges[_key(a, b)]
                refs = sorted({ref for r in both for ref in r["refs"] or []})
                first = min((r["first_seen"] for r in both if r["first_seen"]), default=None)
                last = max((r["last_seen"] for r in both if r["last_seen"]), default=None)
                e.add(kind, refs, first, last, [x for r in both for x in r.get("rows") or []])
                e.via[entity] = {"type": label, "key": entity, "label": rows[0]["entity_label"]}
                if label == "Vehicle":
                    same = _riding_refs(by_person[a]) & _riding_refs(by_person[b])
                    if same:
                        e.add("together_in_vehicle", sorted(same), first, last)

    def contact(row: dict[str, Any]) -> None:
        kept = windowed(row)
        times = row.get("times") or []
        in_times = win.times(times)
        if kept is None or (times and not in_times):
            return
        refs, first, last = kept
        e = edges[_key(row["a"], row["b"])]
        e.add(row["kind"], refs, first, last, row.get("rows"))
        count = win.count(float(row["count"] or 1), len(times), len(in_times),
                          bool(refs) or not row["refs"])
        e.counts[row["kind"]] = e.counts.get(row["kind"], 0.0) + count
        for via in (row["via_a"], row["via_b"]):
            label = "Phone" if row["kind"] == "phone_contact" else "OnlineAccount"
            e.via[f"{label}:{via}"] = {"type": label, "key": f"{label}:{via}", "label": via}

    store.read_each("projection_contacts", contact)
    _care_places(store, g)
    at_place = _sightings(store, win, every)
    _co_sightings(at_place, params, edges)
    _supplies(g, ties, at_place)

    day = date.fromisoformat(as_of[:10])
    recent: dict[str | None, float] = {}
    for (a, b), e in sorted(edges.items()):
        if a not in g or b not in g:
            continue
        weight = round(_weight(e, reports, day, params, recent), 6)  # rounded as stored
        if weight <= 0.0:
            continue
        # Strongest grading; among equally strong ones the first in sorted order, so the
        # result never depends on set iteration order.
        by_code = _strength_by_grading(reports, e.refs)
        best = max(sorted(by_code), key=by_code.__getitem__, default=None)
        g.add_edge(a, b, weight=weight, kinds=sorted(e.kinds),
                   via=[e.via[k] for k in sorted(e.via)], refs=sorted(e.refs),
                   **({"rows": sorted(e.rows)} if e.rows else {}), exploits=e.exploits,
                   first_seen=e.first, last_seen=e.last, grading=best)
    return Projection(g, params, as_of, reports, skipped, outside)


def report_of_row(row_ref: str) -> str:
    """The report a row reference belongs to.

    >>> report_of_row("call_data:calls.csv#L12 (C-7)")
    'call_data:calls.csv'
    """
    return row_ref.split("#L", 1)[0]


def _riding_refs(rows: list[dict[str, Any]]) -> set[str]:
    """Reports putting the person in or at the wheel of a vehicle (not owning it)."""
    return {ref for r in rows if r["type"] in ("DRIVES", "PASSENGER_IN") for ref in r["refs"] or []}


def _strength_by_grading(reports: dict[str, dict[str, Any]], refs: set[str]) -> dict[str, float]:
    """Each grading code among ``refs`` (kept reports) -> the strongest of its reports."""
    out: dict[str, float] = {}
    for r in refs:
        report = reports.get(r)
        if report is not None and report["grading"]:
            strength = float(report["strength"] or 0)
            if strength > out.get(report["grading"], -1.0):
                out[report["grading"]] = strength
    return out


def _weight(e: _Edge, reports: dict[str, dict[str, Any]], day: date,
            params: ProjectionParams, recent: dict[str | None, float]) -> float:
    """The link's weight from its evidence; ``recent`` keeps each date's recency (a graph
    has a few thousand dates and hundreds of thousands of pieces of evidence)."""
    parts = []
    counted = 0.0
    for kind in sorted(e.evidence):
        values = []
        for ref, last in sorted(e.evidence[kind].items()):
            info = reports.get(ref, {})
            strength = info.get("strength")
            strength = DEFAULT_STRENGTH if strength is None else float(strength)
            when = info.get("date") or last
            weight = recent.get(when)
            if weight is None:
                weight = recent[when] = recency(when, day, params.half_life_days)
            values.append(strength * weight)
        if e.counts.get(kind):
            counted += counted_weight(kind, values, e.counts[kind], params.count_curves)
        else:
            parts.append(evidence_weight(kind, values))
    return noisy_or(parts) + counted


_Sightings = dict[str, list[tuple[datetime, str, list[str], str]]]


def _sightings(store: Store, win: Window, reports: dict[str, dict[str, Any]]) -> _Sightings:
    at_place: _Sightings = defaultdict(list)

    def sighting(row: dict[str, Any]) -> None:
        refs = win.refs(row["refs"], reports, row["first_seen"], row["last_seen"])
        for t in win.times(row["times"]):
            when = _parse_time(t)
            if when:
                at_place[row["location"]].append((when, row["person"], refs, row["address"]))

    store.read_each("projection_sightings", sighting)
    return at_place


def _supplies(g: nx.Graph, ties: dict[str, list[dict[str, Any]]], at_place: _Sightings) -> None:
    """Record on each person the vehicles and premises they supply to other people.

    Each record says how the person holds the thing (``holds``): ``owner`` (owns the vehicle
    or the premises) or ``resident`` (lives at premises without owning them), so the analysis
    can tell the owner of a flat from the person who lives in it on the owner's behalf.
    """
    for entity in sorted(set(ties) | set(at_place)):
        rows = ties.get(entity, [])
        label = next((x for r in rows for x in r["label"] if x != "Entity"), "Location")
        owners = {r["person"] for r in rows if r["type"] == "OWNS"}
        if label == "Vehicle":
            holders = set(owners)
            users = {r["person"] for r in rows if r["type"] in ("DRIVES", "PASSENGER_IN")}
            kind = "vehicle"
        elif label == "Location":
            holders = owners | {r["person"] for r in rows if r["type"] == "LIVES_AT"}
            users = {r["person"] for r in rows if r["type"] == "FREQUENTS"}
            users |= {p for _, p, _, _ in at_place.get(entity, [])}
            kind = "premises"
        else:
            continue
        users -= holders
        shown = rows[0]["entity_label"] if rows else at_place[entity][0][3]
        for h in sorted(holders):
            if h in g and users:
                g.nodes[h]["supplies"].append({"type": kind, "key": entity, "label": shown,
                                               "holds": "owner" if h in owners else "resident",
                                               "used_by": sorted(u for u in users if u in g)})


def _co_sightings(at_place: _Sightings, params: ProjectionParams,
                  edges: dict[tuple[str, str], _Edge]) -> None:
    window = timedelta(hours=params.cosighting_window_hours)
    for location in sorted(at_place):
        seen = sorted(at_place[location])
        for i, (t1, p1, refs1, address) in enumerate(seen):
            for t2, p2, refs2, _ in seen[i + 1:]:
                if t2 - t1 > window:
                    break
                if p1 == p2:
                    continue
                e = edges[_key(p1, p2)]
                e.add("co_sighting", sorted(set(refs1) | set(refs2)), t1.isoformat(),
                      t2.isoformat())
                e.via[location] = {"type": "Location", "key": location, "label": address}


def find_person(G: nx.Graph, text: str) -> str:
    """A person of the projected graph by uid, nominal reference or name (exactly one)."""
    if text in G:
        return text
    by_ref = [n for n, d in G.nodes(data=True) if d.get("nominal_ref") == text]
    if len(by_ref) == 1:
        return by_ref[0]
    key = name_key(text)
    by_name = sorted(n for n, d in G.nodes(data=True) if name_key(d.get("name") or "") == key)
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise Ambiguous(f"{len(by_name)} people are called {text!r}",
                        [f"{G.nodes[n]['name']} (dob {G.nodes[n].get('dob') or '?'}, "
                         f"nominal {G.nodes[n].get('nominal_ref') or '-'}, {n})" for n in by_name],
                        "use the nominal reference or uid instead")
    raise NotFound(f"no person {text!r} in the graph", fix="check the spelling, or search "
                   "with 'graphintel search'")
