"""Analysis time per measure at 1k, 10k and 100k people, against igraph and NetworKit on the
same graph (NetworKit when installed: ``pip install -e '.[bench]'``, as ``make bench`` does)."""

from __future__ import annotations

import random
import time
from typing import Any

import networkx as nx

from graphintel.analysis.communities import detect_communities
from graphintel.analysis.disruption import score_targets
from graphintel.analysis.linkage import victim_links
from graphintel.analysis.measures import betweenness, betweenness_is_exact, centrality, pagerank


def person_graph(n: int, seed: int = 5) -> nx.Graph:
    """A clustered person graph shaped like the projection: groups of ~40, 5% suspects,
    5% victims, about 3 links per person, a few links between groups."""
    rng = random.Random(seed)
    g = nx.Graph()
    groups = max(1, n // 40)
    for i in range(n):
        roll = rng.random()
        roles = ["suspect"] if roll < 0.05 else ["victim"] if roll < 0.10 else ["associate"]
        g.add_node(f"p{i:06d}", name=f"Person {i}", dob=None, nominal_ref=None, roles=roles,
                   reports=[])
    nodes = sorted(g)
    for i, a in enumerate(nodes):
        group = i % groups
        for _ in range(3):
            j = rng.randrange(n // groups) * groups + group if rng.random() < 0.9 \
                else rng.randrange(n)
            b = nodes[min(j, n - 1)]
            if a != b:
                g.add_edge(a, b, weight=round(rng.uniform(0.1, 1.0), 3), kinds=["ASSOCIATE_OF"],
                           via=[], refs=[f"R{i}"], exploits=False, first_seen=None,
                           last_seen=None, grading="2BP")
    return g


def _modularity(g: nx.Graph, groups: list[set[str]]) -> float:
    return round(float(nx.community.modularity(g, groups, weight="weight")), 5)


def _igraph(g: nx.Graph) -> dict[str, float]:
    """igraph's times on the same graph: ``igraph_convert_s`` builds its graph from the
    networkx one (what any caller holding a networkx graph pays once), the others are the
    measure alone on the built graph."""
    try:
        import igraph as ig
    except ImportError:
        return {}
    out: dict[str, float] = {}
    start = time.perf_counter()
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in g.edges()]
    h = ig.Graph(n=len(nodes), edges=edges)
    w = [d for _, _, d in g.edges(data="weight")]
    h.es["weight"] = w
    h.es["distance"] = [1.0 / x for x in w]
    out["igraph_convert_s"] = time.perf_counter() - start
    start = time.perf_counter()
    h.pagerank(weights="weight")
    out["igraph_pagerank_s"] = time.perf_counter() - start
    if len(nodes) <= 10_000:
        start = time.perf_counter()
        h.betweenness(weights="distance")
        out["igraph_betweenness_exact_s"] = time.perf_counter() - start
    start = time.perf_counter()
    random.seed(0)
    found = h.community_multilevel(weights="weight")
    out["igraph_louvain_s"] = time.perf_counter() - start
    rounded = {k: round(v, 2) for k, v in out.items()}
    rounded["igraph_louvain_q"] = _modularity(g, [{nodes[i] for i in c} for c in found])
    return rounded


def _networkit(g: nx.Graph) -> dict[str, float]:
    """NetworKit's times on the same graph (``pip install -e '.[bench]'``): its graph built
    from the networkx one (``networkit_convert_s``), then each measure alone."""
    try:
        import networkit as nk
    except ImportError:
        return {}
    nk.setSeed(0, False)
    out: dict[str, float] = {}
    start = time.perf_counter()
    nodes = sorted(g)
    index = {n: i for i, n in enumerate(nodes)}
    distance = nk.Graph(len(nodes), weighted=True)
    weight = nk.Graph(len(nodes), weighted=True)
    for a, b, data in g.edges(data=True):
        distance.addEdge(index[a], index[b], 1.0 / data["weight"])
        weight.addEdge(index[a], index[b], data["weight"])
    out["networkit_convert_s"] = time.perf_counter() - start
    start = time.perf_counter()
    nk.centrality.PageRank(weight).run()
    out["networkit_pagerank_s"] = time.perf_counter() - start
    if len(nodes) <= 10_000:
        start = time.perf_counter()
        nk.centrality.Betweenness(distance, normalized=True).run()
        out["networkit_betweenness_exact_s"] = time.perf_counter() - start
    start = time.perf_counter()
    plm = nk.community.PLM(weight, refine=True)
    plm.run()
    out["networkit_louvain_s"] = time.perf_counter() - start
    part = plm.getPartition()
    groups: dict[int, set[str]] = {}
    for i, node in enumerate(nodes):
        groups.setdefault(part.subsetOf(i), set()).add(node)
    rounded = {k: round(v, 2) for k, v in out.items()}
    rounded["networkit_plm_q"] = _modularity(g, list(groups.values()))
    return rounded


def _ratios(row: dict[str, Any]) -> dict[str, Any]:
    """graphintel's time over the fastest peer's, both starting from the networkx graph
    (the peer's conversion plus its measure), for PageRank and communities."""
    out: dict[str, Any] = {}
    for mine, theirs in (("pagerank_s", "pagerank_s"), ("louvain_s", "louvain_s")):
        peers = [row[f"{lib}_convert_s"] + row[f"{lib}_{theirs}"]
                 for lib in ("igraph", "networkit")
                 if f"{lib}_{theirs}" in row and f"{lib}_convert_s" in row]
        if peers and min(peers) > 0:
            out[f"{mine.removesuffix('_s')}_vs_fastest_from_nx"] = round(row[mine] / min(peers),
                                                                         2)
    return out


def run(sizes: list[int]) -> list[dict[str, Any]]:
    """Seconds per measure, whether betweenness was exact, and igraph's times."""
    rows = []
    for n in sizes:
        g = person_graph(n)
        row: dict[str, Any] = {"people": n, "links": g.number_of_edges(),
                               "betweenness_exact": betweenness_is_exact(g)}
        t = time.perf_counter()
        pagerank(g)
        row["pagerank_s"] = time.perf_counter() - t
        t = time.perf_counter()
        betweenness(g, seed=0)
        row["betweenness_s"] = time.perf_counter() - t
        t = time.perf_counter()
        cent = centrality(g, seed=0)
        row["centrality_all_s"] = time.perf_counter() - t
        t = time.perf_counter()
        comms = detect_communities(g, seed=0)
        row["louvain_s"] = time.perf_counter() - t
        louvain_q = _modularity(g, [set(c.members) for c in comms])
        t = time.perf_counter()
        links = victim_links(g, k=2)
        row["victim_links_s"] = time.perf_counter() - t
        t = time.perf_counter()
        score_targets(g, links, cent, comms, k=2)
        row["scores_s"] = time.perf_counter() - t
        row["total_s"] = row["centrality_all_s"] + row["louvain_s"] + row["victim_links_s"] \
            + row["scores_s"]
        row = {k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()}
        row["communities_q"] = louvain_q
        row.update(_igraph(g))
        row.update(_networkit(g))
        row.update(_ratios(row))
        rows.append(row)
        print(f"analysis {n}: {row}", flush=True)
    return rows
