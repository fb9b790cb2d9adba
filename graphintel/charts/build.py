"""Read the entity graph of a chart from Neo4j, filter it, redact it, flatten it.

The result is a :class:`Chart`: a ``networkx.MultiDiGraph`` whose nodes and links carry
exactly :data:`NODE_FIELDS` and :data:`LINK_FIELDS` (every one present, with one type
per field), so that every writer only writes and every format carries the same
attributes and report refs. Redaction happens here, once:

- a report ref survives when its report is dated within the filters' range, is graded
  at least the minimum grading and, for the partner profile, may be shared;
- the analysis's pairs of records that may be one person, both on the chart, are joined
  by a :data:`~graphintel.charts.style.SAME_AS` link citing no report;
- a link survives when at least one of its refs survives (when some were dropped, its
  dates and count come from the reports that are left, and only the file rows of the
  reports left are cited, ``call_data.csv#L124``); a person the chart is about
  survives with a surviving link or report; any other entity only with a surviving link,
  and only while connected to a surviving person the chart is about;
- partner profile: a person's roles are those a shareable report assesses; a candidate
  target no shareable report assesses as a suspect is no target (no ring, rank, score or
  reasons), and every other target's reasons are those shareable reports support
  (:mod:`graphintel.redact_standing`);
- partner profile (the allow-list of :mod:`graphintel.redact`): a child or victim keeps
  only :data:`CHILD_ATTRS` (pseudonym, age band, roles, ...); a phone, account or place
  that identifies a child only :data:`PROTECTED_ATTRS` (a "withheld" label); no free text
  (event descriptions, link notes); opaque node ids (uids hold names and dates of birth);
  and, last, every node and link attribute, the metadata and the file name scrubbed of
  anything that identifies a child (:meth:`~graphintel.redact.Redactor.scrub_all`).
"""

from __future__ import annotations

import hashlib
import hmac
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import networkx as nx

from graphintel.analysis.safeguarding import child_on
from graphintel.charts.i2 import entity_type as i2_entity_type
from graphintel.charts.i2 import safe_identity
from graphintel.charts.layout import positions
from graphintel.charts.partner import partner_scores
from graphintel.charts.select import Choice, Filters
from graphintel.charts.style import SAME_AS
from graphintel.clean import parse_grading, safe_text
from graphintel.clean.names import name_key
from graphintel.redact import Redactor, protect_entities, protect_people
from graphintel.redact_standing import Standing
from graphintel.signs_now import signs_since_run
from graphintel.store import Store

NODE_FIELDS: dict[str, type] = {
    "label": str, "type": str, "i2_type": str, "i2_icon": str, "subject": bool, "roles": str,
    "victim": bool, "suspect": bool, "child": bool, "candidate_target": bool,
    "target_rank": int, "score": float, "reasons": str, "network": int,
    "dob": str, "age": str, "nominal_ref": str, "aliases": str, "gender": str,
    "number": str, "vrm": str, "make": str, "model": str, "colour": str,
    "address": str, "postcode": str, "kind": str, "lat": str, "lon": str,
    "platform": str, "handle": str, "event_start": str, "event_end": str,
    "description": str, "flags": str, "refs": str, "ref_count": int,
}
#: Text fields that hold a number or nothing: GraphML and GEXF declare them as numbers and
#: leave them out when empty, so Gephi's Geo Layout and yEd read a place's coordinates.
NUMBER_FIELDS = frozenset({"lat", "lon"})
LINK_FIELDS: dict[str, type] = {
    "link_type": str, "label": str, "first_seen": str, "last_seen": str,
    "first_seen_at": str, "last_seen_at": str, "count": int, "grading": str, "refs": str,
    "ref_count": int, "rows": str, "source_types": str, "notes": str,
}
#: What a partner chart may say about a child or victim (every other field is emptied).
CHILD_ATTRS = frozenset({
    "label", "type", "i2_type", "i2_icon", "subject", "roles", "victim", "suspect", "child",
    "candidate_target", "target_rank", "score", "reasons", "network", "age", "flags", "refs",
    "ref_count"})
#: What it may say about a phone, account or place that identifies a child.
PROTECTED_ATTRS = frozenset({"label", "type", "i2_type", "i2_icon", "subject", "kind",
                             "platform", "network", "flags", "refs", "ref_count"})
SEP = "; "
TOP_OVERALL = 10
TOP_PER_NETWORK = 3
MARKING = "OFFICIAL-SENSITIVE"


@dataclass
class Chart:
    """A selection ready to write: the graph plus what every output says about itself."""

    graph: nx.MultiDiGraph
    slug: str
    profile: str
    meta: dict[str, str]
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def positions(self) -> dict[str, tuple[int, int]]:
        """Layout positions by node id (see :mod:`graphintel.charts.layout`)."""
        return positions(self.graph)

    @property
    def stem(self) -> str:
        """File name without extension: ``chart-<selection>-<profile>``."""
        return f"chart-{self.slug}-{self.profile}"


def _number(value: Any) -> str:
    """A coordinate as the text of a finite number, or "" (none, or not a number).

    >>> _number(51.4545), _number("-2.5879"), _number("near the park"), _number(None)
    ('51.4545', '-2.5879', '', '')
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return repr(number) if math.isfinite(number) else ""


def _text(value: Any) -> str:
    """Text for every format: lists joined; control characters (most not allowed in XML),
    bidi overrides and invisible format characters gone (:func:`~graphintel.clean.safe_text`:
    a graph loaded before ingest cleaned them may still hold them)."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return SEP.join(_text(v) for v in value if v not in (None, ""))
    return safe_text(str(value))


def _day(value: Any) -> str:
    return str(value)[:10] if value else ""


def _stamp(value: Any) -> str:
    """ISO date, or date and time to the second when the source gave a time."""
    if not value:
        return ""
    text = str(value)
    return text[:19] if len(text) >= 19 and text[10] == "T" else text[:10]


class _RefFilter:
    """Applies the filters, then the profile, to lists of report refs."""

    def __init__(self, reports: dict[str, dict[str, Any]], filters: Filters,
                 redactor: Redactor) -> None:
        self.reports = reports
        self.filters = filters
        self.redactor = redactor

    def _passes(self, ref: str) -> bool:
        f = self.filters
        info = self.reports.get(ref)
        if f.since or f.until:
            day = _day((info or {}).get("date"))
            if not day or (f.since and day < f.since[:10]) or (f.until and day > f.until[:10]):
                return False
        if f.min_grading:
            graded = parse_grading((info or {}).get("grading") or "").grading
            if graded is None or not graded.at_least(f.min_grading):
                return False
        return True

    def __call__(self, refs: list[str]) -> list[str]:
        return sorted(self.redactor.refs(sorted({r for r in refs if self._passes(r)})))


def _targets(run: dict[str, Any] | None) -> tuple[dict[str, dict[str, Any]], dict[str, int]]:
    """Scores by person, and each person's network, from the analysis run."""
    if not run:
        return {}, {}
    network = {m["uid"]: int(c["id"]) for c in run.get("communities", [])
               for m in c["members"]}
    seen_in: dict[int, int] = {}
    scored: dict[str, dict[str, Any]] = {}
    for t in sorted(run.get("targets", []), key=lambda t: t["rank"]):
        net = int(t.get("community") or 0)
        seen_in[net] = seen_in.get(net, 0) + 1
        candidate = float(t["score"]) > 0 and (t["rank"] <= TOP_OVERALL
                                               or seen_in[net] <= TOP_PER_NETWORK)
        scored[t["uid"]] = {"rank": int(t["rank"]), "score": float(t["score"]),
                            "reasons": list(t.get("reasons") or []), "candidate": candidate,
                            "roles": list(t.get("roles") or [])}
    return scored, network


def protected_since_run(person: dict[str, Any], run_roles: list[str],
                        as_of: str | None) -> str:
    """Why a candidate target of the run is protected by what the graph records now (a
    victim role the run did not see, or under 18 on the run's analysis date by a date of
    birth or stated age recorded since), or "". The rule of
    :func:`graphintel.agenda.stale.protection_since`, kept here so that a chart does not
    load the agenda package.

    >>> protected_since_run({"roles": ["suspect", "victim"]}, ["suspect"], "2025-06-30")
    'now recorded as a victim'
    >>> protected_since_run({"roles": ["victim"], "dob": "1990-01-01"}, ["victim"], "2025-06-30")
    ''
    """
    why = []
    if "victim" in (person.get("roles") or []) and "victim" not in run_roles:
        why.append("as a victim")
    if child_on(person, as_of):
        why.append(f"as a child (under 18 on {as_of})" if as_of else "as a child")
    return f"now recorded {' and '.join(why)}" if why else ""


def _exploited_are_victims(store: Store, entities: list[dict[str, Any]],
                           scores: dict[str, dict[str, Any]]) -> None:
    """The run's targets on the chart whom a report not graded as suspected false records as
    exploited by someone are victims, as the analysis takes them
    (:func:`graphintel.analysis.roles.exploited_are_victims`), whatever role the reports
    gave them: ``victim`` joins their roles (in ``entities``), so a link asserted after
    the run leaves them no target ring (:func:`protected_since_run`) and a partner chart
    withholds them. Read for the run's targets on the chart only."""
    people = {e["uid"]: e for e in entities if e["type"] == "Person" and e["uid"] in scores
              and "victim" not in (e["props"].get("roles") or [])}
    if not people:
        return
    for row in store.read("agenda_targets_now", uids=sorted(people)):
        if row["exploited"]:
            e = people[row["uid"]]
            e["props"] = {**e["props"],
                          "roles": sorted({*(e["props"].get("roles") or []), "victim"})}


def _node_id(uid: str, etype: str, child: bool, redactor: Redactor) -> str:
    """The node's id in every export: the uid made safe as an i2 identity (no spaces or
    pipes), or, for the partner profile, an opaque code."""
    if not redactor.partner:
        return safe_identity(uid)
    if child:
        return redactor.code(uid)
    digest = hmac.new(redactor.key, uid.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{etype}-{digest[:10].upper()}"


def _node_attrs(row: dict[str, Any], refs: list[str], redactor: Redactor,
                scores: dict[str, dict[str, Any]], network: dict[str, int],
                subjects: set[str], standing: Standing | None = None) -> dict[str, Any]:
    uid, etype, p = row["uid"], row["type"] or "Entity", row["props"]
    attrs: dict[str, Any] = {k: t() for k, t in NODE_FIELDS.items()}
    attrs.update(type=etype, subject=uid in subjects,
                 refs=_text(refs), ref_count=len(refs), flags=_text(p.get("flags")))
    if etype == "Person":
        person = {"uid": uid, "name": p.get("name"), "dob": p.get("dob"),
                  "age": p.get("age"), "age_on": p.get("age_on"),
                  "nominal_ref": p.get("nominal_ref"), "roles": p.get("roles") or [],
                  "aliases": p.get("aliases") or []}
        shown = redactor.person(person)
        # partners: the roles shareable reports assess (protection still follows them all)
        roles = standing.shown_roles(uid) if standing is not None \
            else sorted(set(person["roles"]))
        s = scores.get(uid, {})
        since = (protected_since_run(person, s.get("roles") or [], redactor.as_of)
                 or str(p.get("signs_since_run") or "")) if s else ""
        if since:  # safeguarding first: no target ring, rank or score for them
            s = {"reasons": [f"not a candidate target: {since}, after the analysis run "
                             "ranked them; safeguard, never target (run the analysis "
                             "again)"]}
        attrs.update(
            label=_text(shown["name"]), roles=SEP.join(roles), victim="victim" in roles,
            suspect="suspect" in roles,
            # under 18 on the analysis date (a victim who is an adult is not a child: the
            # partner withholding below covers every victim all the same)
            child=child_on(person, redactor.as_of) or uid in redactor.safeguarded,
            candidate_target=bool(s.get("candidate")), target_rank=int(s.get("rank", 0)),
            score=float(s.get("score", 0.0)), reasons=SEP.join(s.get("reasons", [])),
            network=network.get(uid, 0),
            dob="" if redactor.partner or not p.get("dob") else _text(shown["dob"]),
            age=redactor.age(person), nominal_ref=_text(shown["nominal_ref"]),
            aliases=_text(shown["aliases"]), gender=_text(p.get("gender")))
    elif etype == "Phone":
        attrs.update(label=_text(p.get("number")), number=_text(p.get("number")))
    elif etype == "Vehicle":
        desc = " ".join(_text(p.get(k)) for k in ("colour", "make", "model") if p.get(k))
        attrs.update(label=f"{_text(p.get('vrm'))} {desc}".strip(),
                     **{k: _text(p.get(k)) for k in ("vrm", "make", "model", "colour")})
    elif etype == "Location":
        address = redactor.place_text(_text(p.get("address")))
        place = address or _text(p.get("postcode"))
        lat, lon = _number(p.get("lat")), _number(p.get("lon"))
        attrs.update(label=place or f"{lat},{lon}", lat=lat, lon=lon, address=address,
                     **{k: _text(p.get(k)) for k in ("postcode", "kind")})
    elif etype == "OnlineAccount":
        attrs.update(label=f"{_text(p.get('platform'))}: {_text(p.get('handle'))}",
                     platform=_text(p.get("platform")), handle=_text(p.get("handle")))
    elif etype == "Event":
        kind = _text(p.get("kind"))
        attrs.update(label=f"{kind.replace('_', ' ')} {_day(p.get('start'))}".strip(),
                     kind=kind, event_start=_text(p.get("start")),
                     event_end=_text(p.get("end")),
                     description="" if redactor.partner else _text(p.get("description")))
    if not attrs["label"]:
        attrs["label"] = etype
    i2 = i2_entity_type(etype, victim=attrs["victim"], suspect=attrs["suspect"],
                        child=attrs["child"])
    attrs["i2_type"], attrs["i2_icon"] = i2.name, i2.icon
    if redactor.partner and _protected(row, redactor):
        attrs = redactor.allow(attrs, CHILD_ATTRS)
    withheld = redactor.withheld_entity(uid, etype, p) if etype != "Person" else None
    if withheld:
        attrs = redactor.allow(attrs, PROTECTED_ATTRS)
        attrs["label"] = withheld
    return attrs


def _protected(row: dict[str, Any], redactor: Redactor) -> bool:
    """A person a partner output withholds as a child: a child or any victim
    (:meth:`~graphintel.redact.Redactor.is_child`)."""
    if row["type"] != "Person":
        return False
    p = row["props"]
    return redactor.is_child({"uid": row["uid"], "name": p.get("name"), "dob": p.get("dob"),
                              "age": p.get("age"), "age_on": p.get("age_on"),
                              "nominal_ref": p.get("nominal_ref"),
                              "roles": p.get("roles") or [], "aliases": p.get("aliases") or []})


def _rows(rows: list[str], refs: list[str]) -> list[str]:
    """The rows behind a link whose reports survived, as ``file#Lline (own ref)``, in file
    and line order: ``call_data:call_data.csv#L124`` is shown ``call_data.csv#L124``."""
    kept = []
    for row in rows or []:
        ref, _, where = str(row).partition("#L")
        if ref in refs:
            line = where.split(" ", 1)[0]
            kept.append(((ref, int(line) if line.isdigit() else 0, where),
                         f"{ref.split(':', 1)[-1]}#L{where}"))
    return [shown for _, shown in sorted(kept)]


def _link_attrs(row: dict[str, Any], refs: list[str], reports: dict[str, dict[str, Any]],
                redactor: Redactor) -> dict[str, Any]:
    start, end = _stamp(row["first_seen"]), _stamp(row["last_seen"])
    count = int(row["count"] or len(refs))
    if set(refs) != set(row["refs"] or []):  # some dropped: date and count what is left
        stamps = sorted(d for r in refs if (d := _stamp(reports.get(r, {}).get("date"))))
        start, end = (stamps[0], stamps[-1]) if stamps else ("", "")
        count = len(refs)
    first, last = start[:10], end[:10]
    sources = sorted({str(reports[r]["source_system"]) for r in refs
                      if reports.get(r, {}).get("source_system")})
    graded = [reports[r] for r in refs if r in reports and reports[r].get("grading")]
    best = max(graded, key=lambda r: (float(r.get("strength") or 0), r["ref"]), default=None)
    grading = str(best["grading"]) if best else ""
    span = first if first == last else f"{first} – {last}"
    label = " | ".join(x for x in (row["type"], span, grading) if x)
    return {"link_type": row["type"], "label": label, "first_seen": first, "last_seen": last,
            "first_seen_at": start, "last_seen_at": end, "count": count, "grading": grading,
            "refs": _text(refs), "ref_count": len(refs),
            "rows": _text(_rows(row.get("rows") or [], refs)), "source_types": _text(sources),
            "notes": "" if redactor.partner else _text(row.get("notes"))}


def _same_as_attrs(pair: dict[str, Any]) -> dict[str, Any]:
    """A dotted link between two records the analysis found may be one person: no report
    states it, so it cites none; its label says why in words that name no value
    (:func:`graphintel.analysis.duplicates.why_text`), safe for a partner."""
    return {**{k: t() for k, t in LINK_FIELDS.items()}, "link_type": SAME_AS,
            "label": f"possibly the same person ({pair['why']})"}


def _entity_uids(store: Store, choice: Choice, filters: Filters) -> list[str]:
    def allowed(uids: list[str]) -> list[str]:
        if not filters.types:
            return uids
        return [u for u in uids if u.split(":", 1)[0] in filters.types]

    people = sorted(choice.people)
    uids = set(people) | set(allowed(sorted(choice.via)))
    if choice.expand and people:
        ring = allowed([r["uid"] for r in store.read("chart_attached", uids=people)])
        uids |= set(ring)
        outward = [u for u in ring if not u.startswith(("Location:", "Person:"))]
        if outward:
            uids |= set(allowed([r["uid"] for r in store.read("chart_context", uids=outward)]))
    return sorted(uids)


def build_chart(store: Store, choice: Choice, redactor: Redactor, filters: Filters,
                run: dict[str, Any] | None) -> Chart:
    """The chart of ``choice`` (see the module docstring); may be empty."""
    uids = _entity_uids(store, choice, filters)
    entities = store.read("chart_entities", uids=uids)
    scores, network = _targets(run)
    _exploited_are_victims(store, entities, scores)
    # safeguarding first: a target whom reports loaded since the run show may be a child
    # has no target ring and is withheld from partners as a child is
    signs = signs_since_run(store, run, [{"uid": e["uid"], **e["props"]} for e in entities
                                         if e["type"] == "Person" and e["uid"] in scores])
    for e in entities:
        if e["uid"] in signs:
            e["props"] = {**e["props"], "signs_since_run": signs[e["uid"]]}
    redactor.safeguarded = frozenset(redactor.safeguarded) | frozenset(signs)
    standing = Standing() if redactor.partner else None
    if standing is not None:
        scores = partner_scores(store, redactor, run, scores,
                                [e["uid"] for e in entities if e["type"] == "Person"], standing)
    protect_people(store, redactor)
    redactor.register_people({"uid": e["uid"], **e["props"]} for e in entities
                             if e["type"] == "Person")
    protect_entities(store, redactor, [e["uid"] for e in entities if e["type"] != "Person"])
    links = store.read("chart_links", uids=uids)
    all_refs = sorted({r for e in entities for r in e["refs"]}
                      | {r for lk in links for r in lk["refs"]})
    reports = {r["ref"]: r for r in store.read("chart_reports", refs=all_refs)}
    keep = _RefFilter(reports, filters, redactor)
    core = choice.people

    # partners: a place, phone or account a child's only by withheld intelligence is left
    # out with every link to it (Redactor.hidden)
    hidden = {e["uid"] for e in entities if e["type"] != "Person" and redactor.hidden(e["uid"])}
    kept_links = [(lk, refs) for lk in links
                  if lk["source"] not in hidden and lk["target"] not in hidden
                  and (refs := keep(lk["refs"]))]
    linked = {u for lk, _ in kept_links for u in (lk["source"], lk["target"])}
    by_uid = {e["uid"]: e for e in entities}
    node_refs = {e["uid"]: keep(e["refs"]) for e in entities}
    alive = {u for u in by_uid if u not in hidden
             and (u in linked or (u in core and node_refs[u]))}
    # keep only what stays connected to a person the chart is about
    H = nx.Graph()
    H.add_nodes_from(alive)
    H.add_edges_from((lk["source"], lk["target"]) for lk, _ in kept_links
                     if lk["source"] in alive and lk["target"] in alive)
    anchored = {n for comp in nx.connected_components(H) if comp & core for n in comp}

    G = nx.MultiDiGraph()
    ids: dict[str, str] = {}
    for uid in sorted(anchored):
        row = by_uid[uid]
        attrs = _node_attrs(row, node_refs[uid], redactor, scores, network,
                            set(choice.subjects), standing)
        ids[uid] = _node_id(uid, attrs["type"], _protected(row, redactor), redactor)
        G.add_node(ids[uid], **attrs)
    rows = sorted(((ids[lk["source"]], ids[lk["target"]], lk["type"], lk, refs)
                   for lk, refs in kept_links
                   if lk["source"] in anchored and lk["target"] in anchored),
                  key=lambda x: x[:3])
    for i, (a, b, _, lk, refs) in enumerate(rows, start=1):
        G.add_edge(a, b, key=f"L{i:05d}", **_link_attrs(lk, refs, reports, redactor))
    twice = [d for d in (run or {}).get("possible_duplicates") or []
             if d["a"] in ids and d["b"] in ids]
    for i, d in enumerate(twice, start=1):
        G.add_edge(ids[d["a"]], ids[d["b"]], key=f"S{i:05d}", **_same_as_attrs(d))
    G = _sorted(G)
    info = (run or {}).get("run") or {}
    meta = {  # cleaned as the attributes are: the title is a person's name or a network's
        "title": _title(choice.title, entities, redactor), "selection": choice.slug,
        "profile": redactor.profile,
        "marking": MARKING, "run_id": str(info.get("id") or ""),
        "run_created_at": str(info.get("created_at") or ""), "as_of": redactor.as_of or "",
        "filters": filters.describe(), "withheld": redactor.withheld_note() or "",
        "nodes": str(G.number_of_nodes()), "links": str(G.number_of_edges()),
    }
    meta = {k: _text(v) for k, v in meta.items()}
    shown = {r for _, _, d in G.edges(data=True) for r in d["refs"].split(SEP) if r} | {
        r for _, d in G.nodes(data=True) for r in d["refs"].split(SEP) if r}
    # The one last step of the allow-list: every attribute, the metadata and the file
    # name scrubbed of whatever identifies a child (partner only).
    # the reports by their refs as the scrubbed attributes cite them (a call-data file
    # named after a child's number is cited by its scrubbed name), so the date and
    # grading of every cited ref are found
    return Chart(_scrubbed(G, redactor), redactor.scrub(choice.slug), redactor.profile,
                 redactor.scrub_all(meta),
                 redactor.scrub_all({r: reports[r] for r in sorted(shown) if r in reports}))


_AROUND = re.compile(r"^(?P<head>Network \d+) — around (?P<hub>.+) "
                     r"(?P<size>\(\d[\d,]* (?:person|people)\))$")


def _title(title: str, entities: list[dict[str, Any]], redactor: Redactor) -> str:
    """The chart's title: a network's label names no one when everyone on the chart with
    its namesake's name is now a child or victim (intelligence loaded since the run): a
    network is never named after one."""
    found = _AROUND.match(title)
    if found is None:
        return title
    wanted = name_key(found.group("hub"))
    named = [e for e in entities if e["type"] == "Person"
             and name_key(str(e["props"].get("name") or "")) == wanted]
    if not named or not all(_protected(e, redactor) for e in named):
        return title
    return f"{found.group('head')} {found.group('size')}"


def _scrubbed(G: nx.MultiDiGraph, redactor: Redactor) -> nx.MultiDiGraph:
    """``G`` with every node id, attribute and graph attribute through the final scrub."""
    if not redactor.partner:
        return G
    out = nx.MultiDiGraph(**redactor.scrub_all(dict(G.graph)))
    ids = {n: redactor.scrub(n) for n in G.nodes}
    out.add_nodes_from((ids[n], redactor.scrub_all(d)) for n, d in G.nodes(data=True))
    out.add_edges_from((ids[a], ids[b], k, redactor.scrub_all(d))
                       for a, b, k, d in G.edges(keys=True, data=True))
    return out


def _sorted(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The same graph with nodes in id order, so every writer writes them in one order."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(sorted(G.nodes(data=True), key=lambda x: x[0]))
    out.add_edges_from(sorted(G.edges(keys=True, data=True), key=lambda x: x[2]))
    return out
