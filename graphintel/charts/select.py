"""Which people a link chart is about: a network, the people around subjects, the paths
between two subjects, or everything linked to a victim.

"Within n links" counts person-to-person hops exactly as the analysis does: the analysis
projection (same parameters as the stored run) joins two people by a direct link or by a
shared phone, vehicle, home address, frequented place, account or event, by calls or
messages between their phones or accounts, or by sightings at one place within the
co-sighting window. So ``Person -USES-> Phone <-USES- Person`` is one link, and a chart
"within 2 links of X" shows the same people the analysis counts as within 2 links.

The entity graph (the people's phones, vehicles, places, events and the reports behind
each link) is then read by :mod:`graphintel.charts.build`.

A partner chart of people (around them, a path, a victim) is refused when a subject is
known only from reports partners may not see, and counts only the links shareable reports
make (:mod:`graphintel.charts.partner`): its title and its people rest on nothing withheld.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from graphintel.analysis.projection import ProjectionParams, find_person, project
from graphintel.charts.partner import check_subjects, partner_graph
from graphintel.clean import parse_grading
from graphintel.errors import ConfigError, NotFound
from graphintel.redact import Redactor
from graphintel.redact_standing import Standing, read_people
from graphintel.store import Store

KINDS = ("network", "around", "path", "victim")
ENTITY_TYPES = ("Phone", "Vehicle", "Location", "OnlineAccount", "Event")
MAX_PATHS = 25
DEFAULT_HOPS = 2


@dataclass(frozen=True)
class SelectionSpec:
    """What to chart. Build one with :meth:`network`, :meth:`around`, :meth:`path` or
    :meth:`victim`; subjects are names, nominal references or uids."""

    kind: str
    subjects: tuple[str, ...] = ()
    network_id: int | str | None = None   # an id, or "top": the top target's network
    hops: int = DEFAULT_HOPS

    @classmethod
    def network(cls, network_id: int | str) -> SelectionSpec:
        if isinstance(network_id, str) and network_id.strip().lower() != "top":
            try:
                network_id = int(network_id)
            except ValueError:
                raise ConfigError(f"{network_id!r} is not a network id", "--network",
                                  "give a number, or 'top' for the top target's network"
                                  ) from None
        return cls("network", network_id=network_id)

    @classmethod
    def around(cls, subjects: list[str] | tuple[str, ...], hops: int = DEFAULT_HOPS
               ) -> SelectionSpec:
        return cls("around", tuple(subjects), hops=hops)

    @classmethod
    def path(cls, a: str, b: str) -> SelectionSpec:
        return cls("path", (a, b))

    @classmethod
    def victim(cls, subject: str) -> SelectionSpec:
        return cls("victim", (subject,))

    def check(self) -> None:
        """Refuse a malformed selection before any work is done."""
        if self.kind not in KINDS:
            raise ConfigError(f"unknown chart selection {self.kind!r}", None,
                              f"use one of {', '.join(KINDS)}")
        wanted = {"network": 0, "path": 2, "victim": 1}.get(self.kind)
        if self.kind == "network" and self.network_id is None:
            raise ConfigError("a network chart needs a network id", "--network")
        if self.kind == "around" and not self.subjects:
            raise ConfigError("an ego chart needs at least one subject", "--around")
        if wanted and len(self.subjects) != wanted:
            raise ConfigError(f"a {self.kind} chart needs {wanted} subject(s), "
                              f"got {len(self.subjects)}", f"--{self.kind}")
        if self.hops < 1 or self.hops > 6:
            raise ConfigError(f"--hops must be 1 to 6, got {self.hops}", "--hops")


@dataclass(frozen=True)
class Filters:
    """Optional filters. Dates keep the intelligence reported within the range; the
    grading keeps reports graded at least this well (3x5x2, e.g. ``2B``); ``types``
    limits the non-person entity types shown (people are always shown)."""

    since: str | None = None
    until: str | None = None
    min_grading: str | None = None
    types: tuple[str, ...] = ()

    def check(self) -> None:
        for name, value in (("--since", self.since), ("--until", self.until)):
            if value:
                try:
                    date.fromisoformat(value[:10])
                except ValueError:
                    raise ConfigError(f"{value!r} is not a date", name,
                                      "write it as YYYY-MM-DD") from None
        if self.since and self.until and self.until[:10] < self.since[:10]:
            raise ConfigError("--until is before --since", "--until")
        if self.min_grading:
            best = parse_grading("1AP").grading
            assert best is not None
            if not best.at_least(self.min_grading):
                raise ConfigError(f"{self.min_grading!r} is not a grading", "--min-grading",
                                  "give a 3x5x2 code such as 2B")
        unknown = sorted(set(self.types) - set(ENTITY_TYPES) - {"Person"})
        if unknown:
            raise ConfigError(f"unknown entity type {unknown[0]!r}", "--types",
                              f"use any of {', '.join(ENTITY_TYPES)}")

    @property
    def active(self) -> bool:
        return bool(self.since or self.until or self.min_grading or self.types)

    def describe(self) -> str:
        parts = []
        if self.since or self.until:
            parts.append(f"reported {self.since or '…'} to {self.until or '…'}")
        if self.min_grading:
            parts.append(f"graded {self.min_grading} or better")
        if self.types:
            parts.append("people and " + ", ".join(sorted(set(self.types) - {"Person"})))
        return "; ".join(parts) or "none"


@dataclass
class Choice:
    """The people a chart is about, and how far to expand around them."""

    people: set[str]
    subjects: list[str]
    slug: str
    title: str
    via: set[str] = field(default_factory=set)   # entities that make a charted path
    expand: bool = True                          # add the people's entities and context


def slug(text: str) -> str:
    """A file-name-safe form of ``text``.

    >>> slug("Jordan SMITH <b>") , slug("Child-7F3A")
    ('jordan-smith-b', 'child-7f3a')
    """
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out[:40].rstrip("-") or "x"


def _projection_params(run: dict[str, Any] | None) -> ProjectionParams:
    raw = ((run or {}).get("run") or {}).get("params", {}).get("projection")
    if isinstance(raw, dict):
        try:
            return ProjectionParams(**raw)
        except TypeError:
            pass
    return ProjectionParams()


def projection_params(run: dict[str, Any] | None) -> ProjectionParams:
    """The projection settings of an analysis run (the defaults without a run)."""
    return _projection_params(run)


def choose(store: Store, spec: SelectionSpec, run: dict[str, Any] | None,
           redactor: Redactor, *, graph: nx.Graph | None = None) -> Choice:
    """The people of ``spec`` (see the module docstring).

    ``graph`` is the people graph projected with the run's settings
    (:func:`projection_params`) when the caller already has it (the workspace keeps it
    while the graph is unchanged); otherwise it is projected here, for selections that
    need it.
    """
    spec.check()
    if spec.kind == "network":
        return _network(spec, run, redactor)
    G = graph if graph is not None else project(store, _projection_params(run)).graph
    if redactor.partner:
        return _partner_choice(store, G, spec, run, redactor)
    if spec.kind == "around":
        return _around(G, spec, redactor)
    if spec.kind == "path":
        return _path(G, spec, redactor)
    return _victim(G, spec, run, redactor)


#: How far a partner path is looked for (links shareable reports make).
PARTNER_PATH_HOPS = 8


def _partner_choice(store: Store, G: nx.Graph, spec: SelectionSpec,
                    run: dict[str, Any] | None, redactor: Redactor) -> Choice:
    """A partner chart's people: its subjects must be named in a shareable report
    (else :class:`~graphintel.errors.NotFound`), and the people within n links, the paths
    and a victim's neighbours count only the links shareable reports make."""
    subjects = list(dict.fromkeys(find_person(G, s) for s in spec.subjects))
    standing = Standing()
    # the error names them for whoever asked (an officer, on stderr), never in a chart
    check_subjects(store, standing, subjects,
                   [str(G.nodes[u].get("name") or u) for u in subjects], f"--{spec.kind}")
    if spec.kind == "around":
        H = partner_graph(store, standing, G, subjects, spec.hops)
    elif spec.kind == "path":
        H = partner_graph(store, standing, G, subjects[:1], PARTNER_PATH_HOPS,
                          stop=subjects[-1])
    else:
        k = int(((run or {}).get("run") or {}).get("k") or DEFAULT_HOPS)
        H = partner_graph(store, standing, G, subjects, k)
    H.add_nodes_from(subjects)
    read_people(store, standing, list(H))
    for n in H:  # names as the analysis has them; roles as shareable reports assess them
        H.nodes[n].update(G.nodes[n], roles=standing.shown_roles(n))
    if spec.kind == "around":
        return _around(H, spec, redactor)
    if spec.kind == "path":
        return _path(H, spec, redactor)
    return _victim(H, spec, None, redactor)


def _shown(G: nx.Graph, uid: str, redactor: Redactor) -> str:
    return redactor.name({"uid": uid, **G.nodes[uid]})


def _network(spec: SelectionSpec, run: dict[str, Any] | None, redactor: Redactor) -> Choice:
    if run is None:
        raise NotFound("no analysis run in the graph yet, so no networks",
                       fix="run 'graphintel analyse'")
    comms = {int(c["id"]): c for c in run.get("communities", [])}
    wanted = spec.network_id
    if isinstance(wanted, str):  # "top": the network of the highest-ranked target
        ranked = sorted(run.get("targets", []), key=lambda t: t["rank"])
        wanted = int(ranked[0]["community"]) if ranked and ranked[0].get("community") else 1
    c = comms.get(int(wanted or 0))
    if c is None:
        raise NotFound(f"no network {spec.network_id} in analysis run {run['run']['id']}",
                       "network", f"networks are numbered 1 to {len(comms)}"
                       if comms else "the run found no networks")
    # The stored label names the network's hub, who may be a child.
    title = f"Network {c['id']}" if redactor.partner else str(c["label"])
    return Choice({m["uid"] for m in c["members"]}, [], f"network-{c['id']}", title)


def _around(G: nx.Graph, spec: SelectionSpec, redactor: Redactor) -> Choice:
    subjects = list(dict.fromkeys(find_person(G, s) for s in spec.subjects))
    people: set[str] = set()
    for s in subjects:
        people |= set(nx.single_source_shortest_path_length(G, s, cutoff=spec.hops))
    names = [_shown(G, s, redactor) for s in subjects]
    noun = "link" if spec.hops == 1 else "links"
    return Choice(people, subjects, "around-" + "-and-".join(slug(n) for n in names),
                  f"People within {spec.hops} {noun} of {' and '.join(names)}")


def _path(G: nx.Graph, spec: SelectionSpec, redactor: Redactor) -> Choice:
    a, b = (find_person(G, s) for s in spec.subjects)
    na, nb = _shown(G, a, redactor), _shown(G, b, redactor)
    if a == b:
        raise ConfigError(f"both ends of the path are {na}", "--path", "give two people")
    try:
        paths = list(itertools.islice(nx.all_shortest_paths(G, a, b), MAX_PATHS + 1))
    except nx.NetworkXNoPath:
        raise NotFound(f"no path between {na} and {nb} in the graph",
                       fix="chart the people around each of them") from None
    capped = len(paths) > MAX_PATHS
    paths = paths[:MAX_PATHS]
    people = {p for path in paths for p in path}
    via = {v["key"] for path in paths for u, w in itertools.pairwise(path)
           for v in G.edges[u, w].get("via", [])}
    hops = len(paths[0]) - 1
    return Choice(people, [a, b], f"path-{slug(na)}-{slug(nb)}",
                  # the people in order, not each way they are linked ('graphintel path'
                  # counts every shared entity and link type as a route of its own)
                  f"Shortest paths between {na} and {nb} ({'the first ' if capped else ''}"
                  f"{len(paths)} chain(s) of people, {hops} link(s) each)", via, expand=False)


def _victim(G: nx.Graph, spec: SelectionSpec, run: dict[str, Any] | None,
            redactor: Redactor) -> Choice:
    v = find_person(G, spec.subjects[0])
    name = _shown(G, v, redactor)
    if "victim" not in (G.nodes[v].get("roles") or []):
        raise NotFound(f"{name} is not recorded as a victim", "--victim",
                       "use --around for anyone else")
    people = {v, *G[v]}
    entry = next((x for x in (run or {}).get("victims", []) if x["uid"] == v), None)
    if entry is not None:
        people |= {p["uid"] for s in entry["suspects"] for p in s["path"]}
    else:
        k = int(((run or {}).get("run") or {}).get("k") or DEFAULT_HOPS)
        for other, path in nx.single_source_shortest_path(G, v, cutoff=k).items():
            if "suspect" in (G.nodes[other].get("roles") or []):
                people |= set(path)
    return Choice(people, [v], f"victim-{slug(name)}", f"Everything linked to {name}")
