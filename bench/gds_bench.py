"""Neo4j Graph Data Science (GDS) against graphintel's in-process engine (issue 18).

The same person graph graphintel analyses (:func:`graphintel.analysis.projection.project`
of the loaded store) is written into a GDS in-memory graph (Cypher projection from the
projection's own node and link lists, so both engines see the same nodes, links and
weights), then PageRank (weighted), betweenness, degree and strength, and Louvain/Leiden are
timed on GDS, igraph, NetworKit (when installed) and graphintel, and their values compared.

GDS 2.13.9 (for Neo4j 5.26, GPL, from Maven Central) is loaded into the local Neo4j of the
benchmark's home only: ``bench/gds/pom.xml`` fetches its jars into
``$GRAPHINTEL_HOME/neo4j-gds/lib``, and graphintel's own launcher (``LocalNeo4j``, given
that folder as its plugin folder, which also runs ``gds.*`` unrestricted) runs the same
database folder, port and password as graphintel's local Neo4j with the jars added to its
classpath.

Usage (the store of GRAPHINTEL_HOME must hold data, e.g. ``graphintel ingest FILE`` first)::

    GRAPHINTEL_HOME=.graphintel-h-gds .venv/bin/python -m bench.gds_bench [--json OUT]

Time per measure: the median of ``--repeat`` runs after one warm-up run; for GDS the wall
time of the ``stream`` call seen by the client (compute plus streaming the values over Bolt)
and GDS's own ``computeMillis`` from the ``stats`` mode.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from bench.analysis_bench import person_graph
from graphintel import local_neo4j
from graphintel.analysis.communities import FAST_MIN_NODES, detect_communities
from graphintel.analysis.measures import (
    betweenness,
    betweenness_sources,
    pagerank,
    weighted_degree,
)
from graphintel.analysis.projection import project
from graphintel.config import Settings, load_settings
from graphintel.secure_files import private_dir, write_text
from graphintel.store import Store

HERE = Path(__file__).resolve().parent / "gds"
GRAPH = "graphintel_people"


# ---------------------------------------------------------------------------------------
# The GDS-enabled local Neo4j


def _gds_root(settings: Settings) -> Path:
    return settings.home / "neo4j-gds"


def _run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
        raise SystemExit(f"{Path(cmd[0]).name} failed: " + " | ".join(tail))


def ensure_gds_runtime(settings: Settings) -> tuple[Path, Path]:
    """Neo4j's runtime (graphintel's, with its launcher) and the GDS jars (fetched once per
    home and pom version)."""
    runtime = local_neo4j.ensure_runtime(settings)
    root = _gds_root(settings)
    pom = HERE / "pom.xml"
    stamp = hashlib.sha256(pom.read_bytes()).hexdigest()
    stamp_file = root / "stamp"
    if stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
        return runtime, root
    if root.exists():
        shutil.rmtree(root)
    private_dir(root)
    shutil.copy(pom, root / "pom.xml")
    mvn = shutil.which("mvn")
    if not mvn:
        raise SystemExit("mvn must be on PATH")
    print("fetching GDS 2.13.9 from Maven Central…", file=sys.stderr, flush=True)
    # GDS declares Neo4j as 'provided': only GDS's own jars and libraries are copied.
    _run([mvn, "-q", "-B", "-f", str(root / "pom.xml"), "dependency:copy-dependencies",
          "-DincludeScope=runtime", f"-DoutputDirectory={root / 'lib'}"])
    write_text(stamp_file, stamp)
    return runtime, root


def start_gds_neo4j(settings: Settings) -> None:
    """Run the home's database with GDS loaded (:func:`graphintel.local_neo4j.start` with
    the GDS jars as its plugins), on the home's port and password. A local Neo4j of the
    home running without them is stopped first (one process per database folder)."""
    _, root = ensure_gds_runtime(settings)
    lp = local_neo4j.paths_for(settings)
    if not lp.password.is_file():
        raise SystemExit(f"no store in {settings.home}: run 'graphintel ingest FILE' first")
    plugins = root / "lib"
    if local_neo4j.status(settings).running:
        if _last_start(lp.log).endswith(f"plugins {plugins}"):
            return
        local_neo4j.stop(settings)
    local_neo4j.start(settings, plugins=plugins)


def _last_start(log: Path) -> str:
    """The log's last start line."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    starts = [line for line in text.splitlines() if line.startswith("--- start")]
    return starts[-1] if starts else ""


# ---------------------------------------------------------------------------------------
# Timing and comparison helpers


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median seconds of ``repeat`` runs after one warm-up run, and the last result."""
    result = fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), result


def max_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.max(np.abs(a - b))) if len(a) else 0.0


def modularity(G: nx.Graph, parts: list[set[int]]) -> float:
    """Weighted modularity (resolution 1) of a partition of G, the same for every engine."""
    return float(nx.community.modularity(G, parts, weight="weight", resolution=1.0))


def parts_of(labels: np.ndarray) -> list[set[int]]:
    groups: dict[int, set[int]] = {}
    for node, label in enumerate(labels.tolist()):
        groups.setdefault(int(label), set()).add(node)
    return list(groups.values())


# ---------------------------------------------------------------------------------------
# GDS


class Gds:
    """The GDS procedures, through graphintel's gateway (:class:`~graphintel.store.Store`,
    read transactions), parameterised Cypher only."""

    def __init__(self, store: Store, concurrency: int) -> None:
        self.store = store
        self.concurrency = concurrency

    def rows(self, query: str, **params: Any) -> list[dict[str, Any]]:
        return self.store.read_text(query, params, what="GDS benchmark")

    def version(self) -> str:
        return str(self.rows("RETURN gds.version() AS v")[0]["v"])

    def drop(self) -> None:
        self.rows("CALL gds.graph.drop($g, false) YIELD graphName RETURN graphName", g=GRAPH)

    def project(self, n: int, edges: np.ndarray, weights: np.ndarray) -> dict[str, Any]:
        """Write the graph (nodes 0..n-1, each link once, undirected) into the GDS catalog:
        Cypher projection of the same lists the in-process engines get."""
        self.drop()
        linked = set(edges.ravel().tolist())
        rows: list[list[int | float | None]] = [
            [i, None, None, None] for i in range(n) if i not in linked]
        rows += [[int(a), int(b), float(w), 1.0 / float(w)]
                 for (a, b), w in zip(edges.tolist(), weights.tolist(), strict=True)]
        out = self.rows(
            "UNWIND $rows AS r "
            "WITH gds.graph.project($g, r[0], r[1], "
            "  CASE WHEN r[1] IS NULL THEN {} "
            "  ELSE {relationshipProperties: {weight: r[2], distance: r[3]}} END, "
            "  {undirectedRelationshipTypes: ['*']}) AS g "
            "RETURN g.nodeCount AS nodes, g.relationshipCount AS rels, "
            "g.projectMillis AS ms", rows=rows, g=GRAPH)
        return out[0]

    def stream(self, proc: str, value: str, config: dict[str, Any], n: int) -> np.ndarray:
        cfg = {"concurrency": self.concurrency, **config}
        out = np.full(n, np.nan)
        for r in self.rows(f"CALL {proc}.stream($g, $cfg) YIELD nodeId, {value} "
                           f"RETURN nodeId AS id, {value} AS v", g=GRAPH, cfg=cfg):
            out[int(r["id"])] = float(r["v"])
        return out

    def compute_ms(self, proc: str, config: dict[str, Any]) -> float:
        cfg = {"concurrency": self.concurrency, **config}
        return float(self.rows(f"CALL {proc}.stats($g, $cfg) YIELD computeMillis "
                               "RETURN computeMillis AS ms", g=GRAPH, cfg=cfg)[0]["ms"])

    def stat(self, proc: str, field: str, config: dict[str, Any]) -> Any:
        cfg = {"concurrency": self.concurrency, **config}
        return self.rows(f"CALL {proc}.stats($g, $cfg) YIELD {field} RETURN {field} AS v",
                         g=GRAPH, cfg=cfg)[0]["v"]


# ---------------------------------------------------------------------------------------
# The comparison


PR_GDS = {"relationshipWeightProperty": "weight", "dampingFactor": 0.85,
          "maxIterations": 1000, "tolerance": 1e-10}


def compare(G: nx.Graph, gds: Gds, repeat: int, exact_max: int = 10_000
            ) -> dict[str, Any]:
    """Times and value differences per measure for one person graph."""
    import igraph as ig

    nodes = sorted(G)
    index = {p: i for i, p in enumerate(nodes)}
    n = len(nodes)
    pairs = sorted((min(index[a], index[b]), max(index[a], index[b]), float(w))
                   for a, b, w in G.edges(data="weight", default=1.0) if a != b)
    edges = np.array([(a, b) for a, b, _ in pairs], dtype=np.int64).reshape(-1, 2)
    w = np.array([x for _, _, x in pairs], dtype=np.float64)
    H = nx.Graph()  # integer copy for modularity
    H.add_nodes_from(range(n))
    H.add_weighted_edges_from(pairs)
    isolated = np.array([H.degree(i) == 0 for i in range(n)])
    out: dict[str, Any] = {"people": n, "links": len(pairs), "isolated": int(isolated.sum()),
                           "gds_version": gds.version(), "gds_concurrency": gds.concurrency}

    t, info = timed(lambda: gds.project(n, edges, w), 1)
    out["gds_project_s"] = round(t, 3)
    out["gds_project_server_ms"] = info["ms"]
    out["gds_graph"] = {"nodes": info["nodes"], "relationships": info["rels"]}

    start = time.perf_counter()
    h = ig.Graph(n=n, edges=edges.tolist(), directed=False)
    h.es["weight"] = w.tolist()
    h.es["distance"] = (1.0 / w).tolist()
    out["igraph_build_s"] = round(time.perf_counter() - start, 3)

    # --- degree and strength
    deg_ref = np.array([H.degree(i) for i in range(n)], dtype=float)
    t_gi, strength = timed(lambda: weighted_degree(G), repeat)
    str_ref = np.array([strength[p] for p in nodes])
    t_g, deg_g = timed(lambda: gds.stream("gds.degree", "score", {}, n), repeat)
    t_gw, str_g = timed(lambda: gds.stream(
        "gds.degree", "score", {"relationshipWeightProperty": "weight"}, n), repeat)
    t_id, deg_i = timed(lambda: np.array(h.degree(), dtype=float), repeat)
    t_is, str_i = timed(lambda: np.array(h.strength(weights="weight")), repeat)
    out["degree"] = {
        "graphintel_strength_s": t_gi, "igraph_degree_s": t_id, "igraph_strength_s": t_is,
        "gds_degree_s": t_g, "gds_strength_s": t_gw,
        "gds_degree_compute_ms": gds.compute_ms("gds.degree", {}),
        "gds_strength_compute_ms": gds.compute_ms(
            "gds.degree", {"relationshipWeightProperty": "weight"}),
        "diff_gds_degree_vs_networkx": max_diff(deg_g, deg_ref),
        "diff_igraph_degree_vs_networkx": max_diff(deg_i, deg_ref),
        "diff_gds_strength_vs_graphintel": max_diff(str_g, str_ref),
        "diff_igraph_strength_vs_graphintel": max_diff(str_i, str_ref),
    }

    # --- PageRank (weighted). GDS: unnormalised (sum = n without dangling nodes) and an
    # isolated person keeps 1 - d instead of sharing dangling mass, so values are compared
    # normalised to sum 1, on the graph without isolated people for all engines.
    t_gi, pr = timed(lambda: pagerank(G), repeat)
    pr_gi = np.array([pr[p] for p in nodes])
    t_i, pr_i = timed(lambda: np.array(h.pagerank(weights="weight")), repeat)
    t_g, pr_g = timed(lambda: gds.stream("gds.pageRank", "score", PR_GDS, n), repeat)
    keep = ~isolated
    core = G.subgraph([p for p, k in zip(nodes, keep.tolist(), strict=True) if k])
    pr_core = pagerank(core)
    ref_core = np.array([pr_core[p] for p in nodes if p in pr_core])
    g_core = pr_g[keep] / pr_g[keep].sum()
    i_core = np.array(h.subgraph(np.flatnonzero(keep).tolist()).pagerank(weights="weight"))
    nxpr = nx.pagerank(core, weight="weight", tol=1e-14, max_iter=10_000)
    nx_core = np.array([nxpr[p] for p in nodes if p in nxpr])
    out["pagerank"] = {
        "graphintel_s": t_gi, "igraph_s": t_i, "gds_s": t_g,
        "gds_compute_ms": gds.compute_ms("gds.pageRank", PR_GDS),
        "gds_iterations": gds.stat("gds.pageRank", "ranIterations", PR_GDS),
        "diff_igraph_vs_graphintel_full_graph": max_diff(pr_i, pr_gi),
        "diff_gds_vs_graphintel_full_graph_normalised": max_diff(pr_g / pr_g.sum(), pr_gi),
        "diff_gds_vs_graphintel_no_isolated": max_diff(g_core, ref_core),
        "diff_igraph_vs_graphintel_no_isolated": max_diff(i_core, ref_core),
        "diff_networkx_vs_graphintel_no_isolated": max_diff(nx_core, ref_core),
        "graphintel_max_value": float(pr_gi.max()),
    }

    # --- betweenness. igraph counts each unordered pair once; both are scaled to
    # graphintel's normalisation (2 / ((n-1)(n-2))). GDS on an undirected graph gives the
    # same raw sums as igraph (checked: the "halved" difference is the largest value).
    scale = 2.0 / ((n - 1) * (n - 2))
    cfg_w = {"relationshipWeightProperty": "distance"}
    bet: dict[str, Any] = {"exact": n <= exact_max}
    t_gs, _ = timed(lambda: betweenness(G), repeat)
    bet["graphintel_default_s"] = t_gs
    bet["graphintel_default_sources"] = betweenness_sources(G)
    b_gi = np.zeros(n)
    if n <= exact_max:
        t_iu, b_iu = timed(lambda: np.array(h.betweenness(directed=False)) * scale, repeat)
        t_iw, b_iw = timed(lambda: np.array(
            h.betweenness(weights="distance", directed=False)) * scale, repeat)
        t_gi, bw = timed(lambda: betweenness(G, exact_max_nodes=n), repeat)
        b_gi = np.array([bw[p] for p in nodes])
        t_gu, b_gu = timed(lambda: gds.stream("gds.betweenness", "score", {}, n), repeat)
        t_gw, b_gw = timed(lambda: gds.stream("gds.betweenness", "score", cfg_w, n), repeat)
        bet.update({
            "igraph_unweighted_s": t_iu, "igraph_weighted_s": t_iw,
            "graphintel_weighted_exact_s": t_gi,
            "gds_unweighted_s": t_gu, "gds_weighted_s": t_gw,
            "gds_unweighted_compute_ms": gds.compute_ms("gds.betweenness", {}),
            "gds_weighted_compute_ms": gds.compute_ms("gds.betweenness", cfg_w),
            "diff_igraph_weighted_vs_graphintel_exact": max_diff(b_iw, b_gi),
            "diff_gds_weighted_vs_graphintel_exact": max_diff(b_gw * scale, b_gi),
            "diff_gds_weighted_halved_vs_graphintel_exact":
                max_diff(b_gw * scale / 2, b_gi),
            "diff_gds_unweighted_vs_igraph_unweighted": max_diff(b_gu * scale, b_iu),
            "diff_gds_weighted_vs_gds_unweighted": max_diff(b_gw * scale, b_gu * scale),
            "graphintel_exact_max_value": float(b_gi.max()),
        })
    else:  # sampled: times only (different samples give different estimates)
        cfg_s = {**cfg_w, "samplingSize": bet["graphintel_default_sources"],
                 "samplingSeed": 0}
        t_gw, _ = timed(lambda: gds.stream("gds.betweenness", "score", cfg_s, n), repeat)
        bet["gds_weighted_sampled_s"] = t_gw
        bet["gds_weighted_sampled_compute_ms"] = gds.compute_ms("gds.betweenness", cfg_s)
    out["betweenness"] = bet

    # --- communities: modularity of each result computed the same way (networkx, weighted)
    def gi_comms() -> list[set[int]]:
        return [{index[p] for p in c.members} for c in detect_communities(G, seed=0)]

    t_gi, c_gi = timed(gi_comms, repeat)

    def ig_louvain() -> list[set[int]]:
        random.seed(0)
        return [set(c) for c in h.community_multilevel(weights="weight")]

    t_il, c_il = timed(ig_louvain, repeat)
    lv_cfg = {"relationshipWeightProperty": "weight"}
    ld_cfg = {"relationshipWeightProperty": "weight", "randomSeed": 0}
    t_gl, l_gl = timed(lambda: gds.stream("gds.louvain", "communityId", lv_cfg, n), repeat)
    t_gd, l_gd = timed(lambda: gds.stream("gds.leiden", "communityId", ld_cfg, n), repeat)
    out["communities"] = {
        "graphintel_leiden_s": t_gi, "igraph_louvain_s": t_il,
        "gds_louvain_s": t_gl, "gds_leiden_s": t_gd,
        "gds_louvain_compute_ms": gds.compute_ms("gds.louvain", lv_cfg),
        "gds_leiden_compute_ms": gds.compute_ms("gds.leiden", ld_cfg),
        "modularity_graphintel_leiden": modularity(H, c_gi),
        "modularity_igraph_louvain": modularity(H, c_il),
        "modularity_gds_louvain": modularity(H, parts_of(l_gl)),
        "modularity_gds_leiden": modularity(H, parts_of(l_gd)),
        "gds_louvain_own_modularity": gds.stat("gds.louvain", "modularity", lv_cfg),
        "gds_leiden_own_modularity": gds.stat("gds.leiden", "modularity", ld_cfg),
        "count_graphintel": len(c_gi), "count_gds_louvain": len(parts_of(l_gl)),
        "count_gds_leiden": len(parts_of(l_gd)),
    }
    out.update(_networkit(n, edges, w, repeat, b_gi if n <= exact_max else None,
                          pr_gi, H))
    gds.drop()
    return out


def _networkit(n: int, edges: np.ndarray, w: np.ndarray, repeat: int,
               b_ref: np.ndarray | None,
               pr_ref: np.ndarray, H: nx.Graph) -> dict[str, Any]:
    """NetworKit on the same arrays, when installed (one thread, like igraph)."""
    try:
        import networkit as nk
    except ImportError:
        return {}
    nk.setNumberOfThreads(1)
    nk.setSeed(0, False)
    dist = nk.Graph(n, weighted=True)
    weight = nk.Graph(n, weighted=True)
    for (a, b), x in zip(edges.tolist(), w.tolist(), strict=True):
        dist.addEdge(a, b, 1.0 / x)
        weight.addEdge(a, b, x)

    def bet() -> np.ndarray:
        algo = nk.centrality.Betweenness(dist, normalized=True)
        algo.run()
        return np.array(algo.scores())

    def pr() -> np.ndarray:
        algo = nk.centrality.PageRank(weight, tol=1e-14)
        algo.run()
        return np.array(algo.scores())

    def plm() -> list[set[int]]:
        part = nk.community.PLM(weight, refine=True).run().getPartition()
        return parts_of(np.array(part.getVector()))

    t_p, p = timed(pr, repeat)
    t_c, c = timed(plm, repeat)
    out = {"pagerank_s": t_p, "plm_louvain_s": t_c,
           "diff_pagerank_vs_graphintel_full_graph": max_diff(p / p.sum(), pr_ref),
           "modularity_plm": modularity(H, c)}
    if b_ref is not None:
        t_b, b = timed(bet, repeat)
        out["betweenness_weighted_s"] = t_b
        out["diff_betweenness_vs_graphintel_exact"] = max_diff(b, b_ref)
    return {"networkit": out}


def _s(value: Any) -> str:
    return "–" if value is None else f"{float(value):.3g} s"


def _ms(value: Any) -> str:
    return "" if value is None else f" ({float(value) / 1000:.3g} s)"


def table(result: dict[str, Any]) -> list[dict[str, Any]]:
    """BENCHMARKS.md rows of one :func:`compare` result: per measure, each engine's time
    (GDS's client wall time, its own compute time in brackets) and the largest difference
    of GDS's values from graphintel's."""
    deg, pr, bet = result["degree"], result["pagerank"], result["betweenness"]
    com, nk = result["communities"], result.get("networkit", {})
    rows = [
        {"measure": "the graph into the engine",
         "graphintel": f"{result.get('graphintel_projection_s', 0):.3g} s (projection)",
         "igraph": _s(result["igraph_build_s"]), "NetworKit": "–",
         "GDS": _s(result["gds_project_s"]) + _ms(result["gds_project_server_ms"]),
         "GDS against graphintel": "same counts"
         if result["gds_graph"]["nodes"] == result["people"] else "counts differ"},
        {"measure": "strength", "graphintel": _s(deg["graphintel_strength_s"]),
         "igraph": _s(deg["igraph_strength_s"]), "NetworKit": "–",
         "GDS": _s(deg["gds_strength_s"]) + _ms(deg["gds_strength_compute_ms"]),
         "GDS against graphintel": f"{deg['diff_gds_strength_vs_graphintel']:.2g}"},
        {"measure": "PageRank, weighted", "graphintel": _s(pr["graphintel_s"]),
         "igraph": _s(pr["igraph_s"]), "NetworKit": _s(nk.get("pagerank_s")),
         "GDS": _s(pr["gds_s"]) + _ms(pr["gds_compute_ms"]),
         "GDS against graphintel":
             f"{pr['diff_gds_vs_graphintel_full_graph_normalised']:.2g} (scaled to sum 1)"},
    ]
    if bet.get("exact"):
        rows.append({
            "measure": "betweenness, weighted (distance 1/strength), exact",
            "graphintel": _s(bet["graphintel_weighted_exact_s"]),
            "igraph": _s(bet["igraph_weighted_s"]),
            "NetworKit": _s(nk.get("betweenness_weighted_s")),
            "GDS": _s(bet["gds_weighted_s"]) + _ms(bet["gds_weighted_compute_ms"]),
            "GDS against graphintel": f"{bet['diff_gds_weighted_vs_graphintel_exact']:.2g}"})
    rows.append({
        "measure": "communities: time / modularity",
        "graphintel": ("Leiden" if result["people"] >= FAST_MIN_NODES else "Louvain (networkx)")
                      + f" {_s(com['graphintel_leiden_s'])} / "
                      f"{com['modularity_graphintel_leiden']:.5f}",
        "igraph": f"Louvain {_s(com['igraph_louvain_s'])} / "
                  f"{com['modularity_igraph_louvain']:.5f}",
        "NetworKit": f"PLM {_s(nk.get('plm_louvain_s'))} / {nk['modularity_plm']:.5f}"
        if "modularity_plm" in nk else "–",
        "GDS": f"Leiden {_s(com['gds_leiden_s'])} / {com['modularity_gds_leiden']:.5f}; "
               f"Louvain {_s(com['gds_louvain_s'])} / {com['modularity_gds_louvain']:.5f}",
        "GDS against graphintel": "–"})
    return [{"people": result["people"], "links": result["links"], **r} for r in rows]


NOTE = ("Neo4j Graph Data Science 2.13.9 (GPL, for Neo4j 5.26, from Maven Central: "
        "`bench/gds/pom.xml`) against the in-process engines on the person graph graphintel "
        "analyses (the projection of the store the steps before left loaded and analysed: "
        "its people and links are the first columns), written into a GDS in-memory graph "
        "from the projection's own node and link lists so both see the same links and "
        "weights (`bench/gds_bench.py`). Median of the runs after a warm-up; "
        "GDS's time is the client's wall time of the `stream` call (its own compute time in "
        "brackets), one thread. The last column is the largest difference of GDS's values "
        "from graphintel's.")


def run(settings: Settings, repeat: int = 3) -> list[dict[str, Any]]:
    """For ``make bench``: the rows of :func:`table` on the store of ``settings`` as it is
    (loaded and analysed), with the home's Neo4j run with GDS loaded while it is measured
    and without it afterwards."""
    start_gds_neo4j(settings)
    try:
        start = time.perf_counter()
        with Store.open(settings, start_local=False) as store:
            G = project(store).graph
        project_s = time.perf_counter() - start
        slow = replace(settings, query_timeout_s=max(settings.query_timeout_s, 3600))
        with Store.open(slow, start_local=False) as gds_store:
            result = compare(G, Gds(gds_store, 1), repeat)
        result["graphintel_projection_s"] = round(project_s, 3)
    finally:
        local_neo4j.stop(settings)
        local_neo4j.start(settings)
    return table(result)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--concurrency", type=int, default=1)
    ap.add_argument("--exact-max", type=int, default=10_000,
                    help="largest graph whose betweenness is computed exactly and compared")
    ap.add_argument("--synthetic", type=int, default=0, metavar="PEOPLE",
                    help="use bench.analysis_bench's synthetic person graph of this size "
                         "instead of the store's projection")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--stop", action="store_true", help="stop the Neo4j afterwards")
    args = ap.parse_args(argv)
    settings = load_settings()
    start_gds_neo4j(settings)
    try:
        start = time.perf_counter()
        if args.synthetic:
            G = person_graph(args.synthetic)
        else:
            store = Store.open(settings, start_local=False)
            try:
                G = project(store).graph
            finally:
                store.close()
        project_s = time.perf_counter() - start
        # GDS runs in read transactions; exact betweenness takes minutes at 10k people
        settings = replace(settings, query_timeout_s=max(settings.query_timeout_s, 3600))
        with Store.open(settings, start_local=False) as gds_store:
            result = compare(G, Gds(gds_store, args.concurrency), args.repeat, args.exact_max)
        result["graph"] = f"synthetic {args.synthetic}" if args.synthetic else "store projection"
        result["graphintel_projection_s"] = round(project_s, 3)
    finally:
        if args.stop:
            local_neo4j.stop(settings)
    text = json.dumps(result, indent=2, default=float)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
