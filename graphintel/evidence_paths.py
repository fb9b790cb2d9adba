"""Evidence paths: the shortest routes of person-to-person links between two people.

A link (hop) is a direct link, a shared phone, vehicle, address, account or event, or
phones that called each other; an entity shared by very many people is a hub, not a link.
``graphintel query path`` and the workspace's path page show them, with what each limit
left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphintel.errors import CypherFileError
from graphintel.store import Store

DEFAULT_PATH_LINKS = 4
MAX_PATH_LINKS = 8
DEFAULT_MAX_PATHS = 10
MAX_PATHS_SHOWN = 1000  # the most paths one call returns (``--all``)
ROUTE_COUNT_CAP = 1_000_000  # shortest paths are counted up to this many
DEFAULT_HUB_PEOPLE = 50
HUBS_LISTED = 5  # hubs named in the summary; the result holds them all


@dataclass(frozen=True)
class EvidencePath:
    """One path between two people: nodes (uid, label, name, roles) and relationships
    (type, from, to, refs, first/last seen) in path order; ``links`` person-to-person links."""

    links: int
    nodes: list[dict[str, Any]]
    rels: list[dict[str, Any]]


@dataclass(frozen=True)
class EvidencePaths:
    """The shortest evidence paths between two people, with what was left out.

    ``routes`` is how many shortest paths (``links`` person-to-person links each) exist,
    counted exactly up to ``count_cap`` (``routes_capped``: there are at least that many);
    ``paths`` the ``shown`` of them returned, ``cut_by_max_paths`` the ones ``max_paths``
    left out (a floor when the count is capped). ``hubs`` are the entities the search met
    but did not follow, each shared by more than ``hub_people`` people (``uid``, ``label``,
    ``name``, ``sharers``, ``link``: the link at which the search met it, ``shared_by_b``:
    whether the second person shares it too): paths through them are not counted. Paths
    longer than the shortest are never counted; with no path within ``max_hops`` links,
    ``links`` is None and ``routes`` 0.
    """

    a: str
    b: str
    links: int | None
    routes: int
    routes_capped: bool
    shown: int
    cut_by_max_paths: int
    max_hops: int
    max_paths: int
    hub_people: int
    count_cap: int
    hubs: list[dict[str, Any]]
    paths: list[EvidencePath]

    def summary(self) -> list[str]:
        """What was found and what was cut, as lines for a person (:func:`path_summary`)."""
        return path_summary(self)


def path(store: Store, a_uid: str, b_uid: str, max_hops: int = DEFAULT_PATH_LINKS,
         *, max_paths: int = DEFAULT_MAX_PATHS,
         hub_people: int = DEFAULT_HUB_PEOPLE) -> EvidencePaths:
    """The evidence paths between two people with the fewest links, at most ``max_hops``.

    A link (hop) is person to person: a direct link, a shared phone, vehicle, address,
    account or event, or phones that called each other. An entity shared by more than
    ``hub_people`` people is a hub, not a link. All the shortest paths are counted (up to
    :data:`ROUTE_COUNT_CAP`); at most ``max_paths`` (1 to :data:`MAX_PATHS_SHOWN`) are
    returned, fewest relationships first. :class:`EvidencePaths` says how many exist, how
    many were cut by ``max_paths`` and which hubs were not followed.
    """
    if not 1 <= max_hops <= MAX_PATH_LINKS:
        raise CypherFileError(f"--max-hops must be 1 to {MAX_PATH_LINKS}, got {max_hops}",
                              "--max-hops", "give a smaller number of links")
    if not 1 <= max_paths <= MAX_PATHS_SHOWN:
        raise CypherFileError(f"--max-paths must be 1 to {MAX_PATHS_SHOWN:,}, got {max_paths}",
                              "--max-paths", f"--all shows up to {MAX_PATHS_SHOWN:,}")
    if hub_people < 2:
        raise CypherFileError(f"--hub-people must be at least 2, got {hub_people}",
                              "--hub-people", "an entity two people share is a link; give 2 "
                              "or more")
    if a_uid == b_uid:
        raise CypherFileError("the two people are the same person", fix="give two people")
    rows = store.read("lookup_evidence_paths", a=a_uid, b=b_uid, max_links=max_hops,
                      max_sharers=hub_people, max_paths=max_paths,
                      count_cap=ROUTE_COUNT_CAP)
    row = rows[0] if rows else {"links": None, "routes": 0, "paths": [], "hubs": []}
    paths = [EvidencePath(int(p["links"]), list(p["nodes"]), list(p["rels"]))
             for p in row["paths"]]
    routes = int(row["routes"])
    return EvidencePaths(
        a=a_uid, b=b_uid, links=None if row["links"] is None else int(row["links"]),
        routes=routes, routes_capped=routes >= ROUTE_COUNT_CAP, shown=len(paths),
        cut_by_max_paths=max(0, routes - len(paths)), max_hops=max_hops, max_paths=max_paths,
        hub_people=hub_people, count_cap=ROUTE_COUNT_CAP,
        hubs=[{k: h[k] for k in ("uid", "label", "name", "sharers", "link", "shared_by_b")}
              for h in row["hubs"]], paths=paths)


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def path_summary(found: EvidencePaths) -> list[str]:
    """How many shortest routes exist, how many are shown and what each limit cut.

    ``12 shortest routes (3 links each); showing 10 — 2 cut by --max-paths 10 (use
    --max-paths 12 to see them all)``, then the hubs not followed, if any.
    """
    if found.links is None:
        line = f"no route within {_n(found.max_hops, 'link')}"
        if found.max_hops < MAX_PATH_LINKS:
            wider = found.max_hops + 1
            hops = str(wider) if wider == MAX_PATH_LINKS else f"{wider} to {MAX_PATH_LINKS}"
            line += f" (use --max-hops {hops} to search further)"
    else:
        each = " each" if found.routes != 1 else ""
        if found.routes_capped:
            line = (f"at least {_n(found.routes, 'shortest route')} ({_n(found.links, 'link')}"
                    f" each; counting stops at {found.count_cap:,})")
        else:
            line = f"{_n(found.routes, 'shortest route')} ({_n(found.links, 'link')}{each})"
        if found.cut_by_max_paths:
            floor = "at least " if found.routes_capped else ""
            if found.max_paths >= MAX_PATHS_SHOWN:
                more = f"no more than {MAX_PATHS_SHOWN:,} can be shown"
            elif found.routes_capped or found.routes > MAX_PATHS_SHOWN:
                more = f"use --all to see {MAX_PATHS_SHOWN:,} of them"
            else:
                more = f"use --max-paths {found.routes} to see them all"
            line += (f"; showing {found.shown:,} — {floor}{found.cut_by_max_paths:,} cut by "
                     f"--max-paths {found.max_paths} ({more})")
        elif found.routes > 1:
            line += f"; showing all {found.routes:,}"
    lines = [line]
    if found.hubs:
        most = max(int(h["sharers"]) for h in found.hubs)
        them = "it" if len(found.hubs) == 1 else "them"
        lines.append(f"{_n(len(found.hubs), 'hub')} not followed, shared by more than "
                     f"{found.hub_people} people: routes through {them} are not counted "
                     f"(use --hub-people {most} to follow {them})")
        for h in found.hubs[:HUBS_LISTED]:
            text = (f"  {h['label']} {h['name']}: shared by {h['sharers']:,} people, met at "
                    f"link {h['link']}")
            if h["shared_by_b"]:
                text += (f"; the second person shares it too (a route of "
                         f"{_n(int(h['link']), 'link')} through it)")
            lines.append(text)
        if len(found.hubs) > HUBS_LISTED:
            lines.append(f"  and {len(found.hubs) - HUBS_LISTED:,} more (-f json lists them all)")
    return lines


__all__ = ["DEFAULT_HUB_PEOPLE", "DEFAULT_MAX_PATHS", "DEFAULT_PATH_LINKS", "EvidencePath",
           "EvidencePaths", "MAX_PATHS_SHOWN", "MAX_PATH_LINKS", "ROUTE_COUNT_CAP", "path",
           "path_summary"]
