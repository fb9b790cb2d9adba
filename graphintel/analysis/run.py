"""``analyse``: project, measure, find networks, link victims, score targets, write back.

Each run is stored in Neo4j as an ``AnalysisRun`` node with its parameters, time, input
counts and result document, linked to one ``Score`` per person (measures, network, and
for suspects the score, rank and reasons) and to the ``Network`` nodes it found. Old runs
are kept, so officers can query results and the agenda can compare runs.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from graphintel.analysis.communities import detect_communities, membership
from graphintel.analysis.disruption import score_targets
from graphintel.analysis.duplicates import (
    DUPLICATE_MIN_SCORE,
    NAMESAKE_READ_SCORE,
    caution_pairs,
    mark_possibly_protected,
    mark_recorded_apart,
    other_records,
    possible_duplicates,
    recorded_apart,
)
from graphintel.analysis.graphmeasures import graph_measures
from graphintel.analysis.linkage import is_suspect, is_victim, suspects_of_victims, victim_links
from graphintel.analysis.measures import betweenness_is_exact, centrality
from graphintel.analysis.projection import Projection, ProjectionParams, hub_text, project
from graphintel.analysis.result import build_result
from graphintel.analysis.safeguarding import Status, possibly_child, status
from graphintel.analysis.score_weights import (
    changed_weights,
    resolve_weights,
    weights_problem,
)
from graphintel.analysis.stored import (
    LINK_DETAIL,
    LINK_DETAIL_PART,
    NETWORK_VICTIMS_PART,
    RESULT_COMPRESSION,
    list_runs,
    load_run,
    pack_parts,
    pack_result,
    remove_incomplete_runs,
)
from graphintel.errors import ConfigError, IncompleteWrite
from graphintel.resolve.candidates import find_candidates
from graphintel.store import Store

if TYPE_CHECKING:
    import networkx as nx


@dataclass(frozen=True)
class AnalysisParams:
    """Everything that decides an analysis result, recorded on the run."""

    seed: int = 0
    k: int = 2
    exact_max_nodes: int = 5000
    recent_days: int = 90
    projection: ProjectionParams = field(default_factory=ProjectionParams)
    #: Weights of the score's parts put over
    #: :data:`~graphintel.analysis.score_weights.DEFAULT_WEIGHTS` (empty: the defaults).
    score_weights: dict[str, float] = field(default_factory=dict)

    def check(self) -> None:
        """Raise :class:`ConfigError` for a count curve or score weights that cannot be used."""
        self.projection.check()
        why = weights_problem(self.score_weights)
        if why:
            raise ConfigError(why, "score weights", "e.g. contact=0.3,reach=0.35")


@dataclass
class AnalysisRun:
    """A finished run: the result document, and the projection it came from."""

    result: dict[str, Any]
    projection: Projection

    @property
    def id(self) -> str:
        return str(self.result["run"]["id"])

    def to_json(self) -> str:
        return json.dumps(self.result, indent=2, ensure_ascii=False)


def run_analysis(store: Store, params: AnalysisParams | None = None, *,
                 write: bool = True,
                 progress: Callable[[str], None] | None = None) -> AnalysisRun:
    """Run the whole analysis on the graph in ``store``; store it unless ``write`` is False.

    ``progress`` is told the name of each phase as it starts (for a status line).
    """
    params = params or AnalysisParams()
    say = progress or (lambda _phase: None)
    say("reading and projecting the graph")
    proj = project(store, params.projection)
    G = proj.graph
    say(f"centrality of {G.number_of_nodes()} people")
    cent = centrality(G, seed=params.seed, exact_max_nodes=params.exact_max_nodes)
    say("people who may be recorded twice")
    found = find_candidates(store, "person", min_score=NAMESAKE_READ_SCORE).candidates
    mark_possibly_protected(G, found, proj.as_of, proj.outside)
    mark_recorded_apart(G, found, proj.as_of)
    duplicates = possible_duplicates([c for c in found if c.score >= DUPLICATE_MIN_SCORE], G)
    statuses = {n: status(G, n, proj.as_of) for n in sorted(G)}
    # adults who may be a child or victim recorded apart on a shared phone and home alone
    # (those on a name are protected: mark_recorded_apart): cautioned, held back from
    # greedy picks, pseudonymised for partners
    apart = recorded_apart(
        possible_duplicates(caution_pairs(found), G),
        {u for u, st in statuses.items() if st.protected})
    say("networks")
    comms = detect_communities(G, seed=params.seed,
                               hubs=_named_after(G, statuses) - set(apart))
    say("safeguarding, linked children and scores")
    at_risk = {n for n, st in statuses.items() if st.protected or st.victim}
    links = victim_links(G, k=params.k, at_risk=at_risk,
                         children={n for n, st in statuses.items()
                                   if st.child or possibly_child(st)},
                         of=[n for n in G if is_suspect(G, n) and not statuses[n].protected])
    targets = score_targets(G, links, cent, comms, k=params.k, as_of=proj.as_of,
                            recent_days=params.recent_days,
                            cautions=_cautions(statuses, apart),
                            weights=params.score_weights)
    created = datetime.now(UTC).replace(microsecond=0)
    run: dict[str, Any] = {
        "id": "", "created_at": created.isoformat().replace("+00:00", "Z"),
        "seed": params.seed, "k": params.k, "as_of": proj.as_of,
        "params": asdict(params),
        "score_weights": resolve_weights(params.score_weights),
        "persons": G.number_of_nodes(), "links": G.number_of_edges(),
        "reports": len(proj.reports),
        "suspects": sum(1 for n in G if is_suspect(G, n)),
        "victims": sum(1 for n in G if is_victim(G, n)),
        "at_risk": len(at_risk),
        "children": sum(1 for st in statuses.values() if st.child),
        "possible_children": sum(1 for n in at_risk if possibly_child(statuses[n])),
        "protected_suspects": sum(1 for st in statuses.values()
                                  if st.exploited_into_offending),
        "networks": len(comms), "betweenness_exact": betweenness_is_exact(
            G, params.exact_max_nodes),
        "window": {"from": params.projection.from_date, "to": params.projection.to_date},
        # density and Freeman centralisation (graphmeasures.py), on the run's betweenness
        "graph": graph_measures(G, {n: c["betweenness"] for n, c in cent.items()}),
        "skipped_hub_entities": [h | {"text": hub_text(h)} for h in proj.skipped_hubs],
    }
    run["possible_duplicates"] = len(duplicates)
    # safeguarded or cautioned on the analysis's inference, not on a role or age the graph
    # holds (a record that may be a child or victim recorded apart; a person recorded as
    # exploited; a child by one of several recorded dates of birth): partner outputs
    # withhold their names as a child's (graphintel.redact), since the name may be hers
    run["safeguarded_inferred"] = sorted(
        {u for u, st in statuses.items()
         if st.protected and (st.same_as_protected or st.apart_from or st.child_signs
                              or G.nodes[u].get("victim_inferred")
                              or (st.child and G.nodes[u].get("other_dobs")))}
        | set(apart))
    result = build_result(G, run, cent, comms, targets, suspects_of_victims(links), statuses,
                          duplicates)
    # the content digest is taken over the parts as they are packed for storing, once
    content = hashlib.sha256()
    body = pack_parts(result, leave_out=["run"], digest=content)
    digest = content.hexdigest()[:8]
    # Time, content digest and a random part: two runs started in the same second on the
    # same graph still get different ids.
    run["id"] = f"run-{created.strftime('%Y%m%dT%H%M%S')}-{digest}-{secrets.token_hex(2)}"
    done = AnalysisRun(result, proj)
    if write:
        say("storing the run")
        write_run(store, done, cent, membership(comms), packed=body)
    return done


def _named_after(G: nx.Graph, statuses: dict[str, Status]) -> set[str]:
    """Who a network may be named after: the adult suspects who are not safeguarded and were
    never assessed as victims (never a child, a victim, even one exploited only as a child
    and ranked now, or a witness, whose name would head every page about the network)."""
    return {n for n, st in statuses.items()
            if is_suspect(G, n) and not st.protected and not st.victim
            and "witness" not in (G.nodes[n].get("roles") or ())}


def _cautions(statuses: dict[str, Status],
              apart: Mapping[str, Sequence[dict[str, Any]]] | None = None
              ) -> dict[str, list[str]]:
    """A caution for each adult suspect who was assessed as a victim only as a child, and
    for each who may be the same person as a child or victim at risk recorded apart (a
    misspelt name or a slipped date of birth can make a child look like an adult):
    ``apart`` holds them with their pairs from :data:`SAFEGUARDING_MIN_SCORE`, lower than
    the pairs reported as possible duplicates, since a child wrongly ranked costs more
    (:func:`~graphintel.analysis.duplicates.recorded_apart`)."""
    out = {uid: [f"caution: was assessed as a victim as a child ({', '.join(st.victim_refs)});"
                 " consider trauma-informed, safeguarding-led disruption"]
           for uid, st in statuses.items() if st.victim_as_child_only and st.suspect}
    for uid, pairs in (apart or {}).items():
        out.setdefault(uid, []).extend(
            f"caution: possibly the same person as a child or victim at risk recorded apart "
            f"({d['why']}); resolve the pair before any enforcement: if it is them, "
            "safeguard, never target" for d in pairs)
    return out


def write_run(store: Store, done: AnalysisRun, cent: dict[str, dict[str, float]],
              member_of: dict[str, int], *, packed: dict[str, str] | None = None) -> None:
    """Store the run, one Score per person and the networks it found.

    ``packed``: the result's parts other than ``run`` already packed
    (:func:`~graphintel.analysis.stored.pack_parts`).

    The run is created *staged*, its scores and networks are written, then one transaction
    marks it complete after checking every score is there. A crash or kill part-way leaves a
    staged run that is never "latest" (:func:`list_runs`) and that
    :func:`remove_incomplete_runs` deletes."""
    result = done.result
    run = result["run"]
    G = done.projection.graph
    store.write("create_analysis_run", run={
        **{k: v for k, v in run.items()
           if k not in {"params", "skipped_hub_entities", "window", "graph", "score_weights"}},
        "window_from": run["window"]["from"], "window_to": run["window"]["to"],
        "params_json": json.dumps(run["params"], sort_keys=True),
        # the score's weights that differ from the defaults, as words (``graphintel runs``)
        "weights_changed": changed_weights(run.get("score_weights"), defaults=False),
        **pack_result(result, packed),
    })
    by_uid = {t["uid"]: t for t in result["targets"]}
    shielded = {p["uid"] for p in result["people"] if p["protected"]}
    same_as = other_records(result.get("possible_duplicates") or [])
    rows = []
    for uid in sorted(G):
        t = by_uid.get(uid)
        props: dict[str, Any] = {
            "name": G.nodes[uid].get("name"), "community": member_of.get(uid),
            "is_suspect": is_suspect(G, uid), "is_victim": is_victim(G, uid),
            "protected": uid in shielded,
            **{k: round(float(v), 6) for k, v in cent.get(uid, {}).items()},
        }
        if uid in same_as:  # records that may be this person's too (not yet resolved)
            props["possibly_same_as"] = same_as[uid]
        if t:
            props.update(score=t["score"], rank=t["rank"], reasons=t["reasons"],
                         linked_victims=[v["uid"] for v in t["linked_victims"]],
                         key_player_pairs=t["key_player_pairs"])
        rows.append({"uid": uid, "props": props})
    store.write_rows("write_scores", rows, run_id=run["id"])
    networks = [{"id": c["id"], "label": c["label"], "size": c["size"],
                 "members": [m["uid"] for m in c["members"]]} for c in result["communities"]]
    store.write_rows("write_networks", networks, run_id=run["id"])
    done_rows, _ = store.write_tx(lambda tx: tx.run("complete_analysis_run", run_id=run["id"],
                                                     scores=len(rows)))
    if not done_rows:
        raise IncompleteWrite(f"analysis run {run['id']} was not stored completely",
                         fix="run 'graphintel analyse' again")


__all__ = ["LINK_DETAIL", "LINK_DETAIL_PART", "NETWORK_VICTIMS_PART", "RESULT_COMPRESSION",
           "AnalysisParams", "AnalysisRun", "list_runs", "load_run", "pack_result",
           "remove_incomplete_runs", "run_analysis", "write_run"]
