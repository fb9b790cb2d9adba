"""What a partner chart may say of people's standing (:mod:`graphintel.redact_standing`):
their roles, which of the run's candidate targets it shows, and with which reasons; and
which people a partner chart of someone may be about at all.

A partner chart names its subjects in its title and file name, and picks the people within
n links of them: a subject known only from reports partners may not see is refused
(:func:`check_subjects`), and the links counted are those shareable reports make
(:func:`partner_graph`), so that no one is on a partner chart because of withheld
intelligence.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from graphintel.errors import NotFound
from graphintel.redact import Redactor
from graphintel.redact_standing import (
    Standing,
    partner_targets,
    read_pairs,
    read_people,
    read_targets,
)
from graphintel.store import Store


def partner_scores(store: Store, redactor: Redactor, run: dict[str, Any] | None,
                   scores: dict[str, dict[str, Any]], people: list[str],
                   standing: Standing) -> dict[str, dict[str, Any]]:
    """Partner: ``scores`` (:func:`_targets`) of the ``people`` on the chart as partners may
    see them: a target no shareable report assesses as a suspect is left out (counted in
    the withheld note), every other one gets the reasons shareable reports support
    (:func:`graphintel.redact_standing.partner_targets`, each link to a child re-read
    between target and child). ``standing`` gets the roles of ``people``."""
    read_people(store, standing, people)
    targets = [t for t in (run or {}).get("targets") or [] if t["uid"] in scores
               and t["uid"] in set(people)]
    members = {int(c["id"]): [str(m["uid"]) for m in c["members"]]
               for c in (run or {}).get("communities") or []}
    read_targets(store, standing, targets, members, evidence=False)
    info = (run or {}).get("run") or {}
    shown = partner_targets(targets, standing, members=members, k=int(info.get("k") or 2),
                            as_of=redactor.as_of,
                            recent_days=int((info.get("params") or {}).get("recent_days", 90)),
                            evidence=False)
    redactor.withheld_targets.update(shown.withheld)
    redactor.reasons_cut.update(str(t["uid"]) for t in shown.shown if t["reasons_cut"])
    out = {uid: s for uid, s in scores.items() if uid not in set(shown.withheld)}
    for t in shown.shown:
        # the run's roles stay: they tell who is protected since the run
        out[t["uid"]] = {**out[t["uid"]], "reasons": list(t["reasons"])}
    return out



def check_subjects(store: Store, standing: Standing, subjects: Iterable[str],
                   given: Iterable[str], option: str) -> None:
    """Refuse a partner chart about someone no shareable report mentions: its title, file
    name and selection would rest on withheld intelligence alone. ``given``: the subjects
    as the error names them (it goes to whoever asked, never into a chart)."""
    uids, texts = list(subjects), list(given)
    read_people(store, standing, uids)
    for i, uid in enumerate(uids):
        if not standing.reports.get(uid):
            what = texts[i] if i < len(texts) else "the person given"
            raise NotFound(f"{what!r} is known only from intelligence whose handling code "
                           "does not permit sharing, so a partner chart cannot be about them",
                           option, "chart them with --profile internal, or chart a network "
                           "or someone a shareable report names for partners")


def partner_graph(store: Store, standing: Standing, G: nx.Graph, sources: Iterable[str],
                  cutoff: int, stop: str | None = None) -> nx.Graph:
    """The people within ``cutoff`` links of ``sources`` in ``G`` (the analysis's people
    graph) counting only links some kind of evidence in shareable reports makes on its own
    (:func:`graphintel.redact_standing.kinds_from_rows`), level by level; with ``stop``,
    no further than the level that reaches it. Every such link between two levels is kept,
    so shortest paths in the result are the shortest partners may see."""
    H = nx.Graph()
    frontier = [s for s in sources if s in G]
    H.add_nodes_from(frontier)
    seen = set(frontier)
    for _ in range(cutoff):
        pairs = [(u, v) for u in frontier for v in G[u] if v not in seen or v in frontier]
        read_pairs(store, standing, pairs)
        reached: list[str] = []
        for u, v in pairs:
            if standing.pair(u, v):
                H.add_edge(u, v)
                if v not in seen:
                    seen.add(v)
                    reached.append(v)
        frontier = reached
        if not frontier or (stop is not None and stop in seen):
            break
    return H


__all__ = ["check_subjects", "partner_graph", "partner_scores"]
