"""Centrality measures of the projected person graph.

Graph in, numbers out: :func:`centrality` gives every person their degree (number of people
linked), strength (sum of link weights), weighted betweenness and closeness (distance of a
link = 1 / weight), PageRank and k-core number. Nothing here reads or writes anything, and the same
graph (whatever order its nodes were added in) always gives the same numbers.

Betweenness is computed with a vectorised Brandes algorithm on top of
:func:`scipy.sparse.csgraph.dijkstra` rather than with :func:`networkx.betweenness_centrality`:
for each source the shortest-path DAG is found from the distance vector, and the path counts
(sigma) and dependencies (delta) are two sparse triangular solves. It gives the same numbers as
networkx and igraph (to floating-point rounding) and is one to two orders of magnitude faster.
Closeness needs the distances from the same sources, so :func:`centrality` reads both from
one Dijkstra per source (at 100,000 people and 268 sampled sources: 38 s -> 26 s for all
the measures).

From :data:`FAST_MIN_NODES` people, exact betweenness is computed by igraph (compiled C) when
it is installed: 1.6x faster on the 2,000-person benchmark graph and 2.1x at 4,269 people, with
values equal to this module's (``tests/test_analysis_measures.py`` proves equality within 1e-9
on graphs with known answers, with and without tied path lengths). Smaller graphs, sampled
betweenness, closeness (igraph no faster) and PageRank (igraph slower here, once its graph is
built) always use the numpy/scipy code here, the reference.
"""

from __future__ import annotations

import warnings
from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra
from scipy.sparse.linalg import spsolve_triangular

from graphintel.analysis.engine import FAST_MIN_NODES, fast_engine

__all__ = [
    "DEFAULT_EXACT_MAX_NODES",
    "DEFAULT_SAMPLES",
    "FAST_MIN_NODES",
    "SAMPLE_BUDGET",
    "betweenness",
    "betweenness_is_exact",
    "betweenness_sources",
    "centrality",
    "closeness",
    "pagerank",
    "weighted_degree",
]

#: Graphs up to this many people get exact betweenness (every person a source). At 5,000
#: people and 15,000-25,000 links this takes about 13 seconds (~2.6 ms per source).
DEFAULT_EXACT_MAX_NODES = 5000

#: Most sampled sources used for graphs above ``exact_max_nodes``.
DEFAULT_SAMPLES = 1000

#: With ``samples=None`` (the default) the number of sources is chosen so that
#: sources x arcs stays near this budget, between 100 and ``DEFAULT_SAMPLES``. One source costs
#: a Dijkstra plus the dependency step: ~70 ms at 100,000 people / 300,000 links (one core), so
#: the budget gives 250 sources and ~18 s there, 150 sources and ~15 s at 500,000 links, and the
#: full 1,000 sources for graphs under ~75,000 links.
SAMPLE_BUDGET = 150_000_000

#: From this many people exact betweenness uses igraph (when installed);
#: ``engine="reference"`` forces the numpy/scipy code, ``engine="igraph"`` igraph.

# Two path lengths within this relative difference are treated as equal (ties of shortest
# paths); the same convention igraph uses.
_REL_TOL = 1e-10
# Upper bound on batch_size * number_of_arcs handled at once in the vectorised Brandes step.
_BATCH_CELLS = 4_000_000


def _weight(value: Any) -> float:
    w = 1.0 if value is None else float(value)
    if not w > 0:
        raise ValueError(f"edge weight must be > 0, got {value!r}")
    return w


def _arrays(G: nx.Graph) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Sorted node list and the arcs (both directions, no self-loops) as index arrays."""
    nodes = sorted(G.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    rows: list[int] = []
    cols: list[int] = []
    weights: list[float] = []
    for u, v, w in G.edges(data="weight", default=1.0):
        if u == v:
            continue
        iu, iv = index[u], index[v]
        wf = _weight(w)
        rows += (iu, iv)
        cols += (iv, iu)
        weights += (wf, wf)
    return (
        nodes,
        np.asarray(rows, dtype=np.int64),
        np.asarray(cols, dtype=np.int64),
        np.asarray(weights, dtype=np.float64),
    )


def _csr(n: int, rows: np.ndarray, cols: np.ndarray, data: np.ndarray) -> sp.csr_array:
    return sp.csr_array((data, (rows, cols)), shape=(n, n))


def _igraph_graph(ig: Any, n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray,
                  attr: str, values: np.ndarray) -> Any:
    """The undirected igraph graph of the arcs (each link once) with one edge attribute."""
    once = rows < cols
    g = ig.Graph(n=n, edges=np.column_stack((rows[once], cols[once])).tolist(),
                 directed=False)
    g.es[attr] = values[once].tolist()
    return g


def weighted_degree(G: nx.Graph) -> dict[str, float]:
    """Sum of the weights of each person's links (self-loops ignored).

    >>> G = nx.Graph([("a", "b", {"weight": 2.0}), ("a", "c", {"weight": 0.5})])
    >>> weighted_degree(G)
    {'a': 2.5, 'b': 2.0, 'c': 0.5}
    """
    out = {node: 0.0 for node in sorted(G.nodes)}
    for u, v, w in G.edges(data="weight", default=1.0):
        if u != v:
            wf = _weight(w)
            out[u] += wf
            out[v] += wf
    return out


def pagerank(G: nx.Graph, *, alpha: float = 0.85, tol: float = 1e-12,
             max_iter: int = 1000) -> dict[str, float]:
    """Weighted PageRank (power iteration; dangling mass spread uniformly, like networkx).

    Converges much tighter than networkx's default (``tol`` is on the L1 change of the whole
    vector), so results are reproducible to ~1e-12.

    >>> G = nx.star_graph(3)
    >>> G = nx.relabel_nodes(G, str)
    >>> pr = pagerank(G)
    >>> max(pr, key=pr.get)
    '0'
    """
    nodes, rows, cols, w = _arrays(G)
    values = _pagerank(len(nodes), rows, cols, w, alpha, tol, max_iter)
    return dict(zip(nodes, values.tolist(), strict=True))


def _pagerank(n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, alpha: float,
              tol: float, max_iter: int) -> np.ndarray:
    if n == 0:
        return np.zeros(0)
    A = _csr(n, rows, cols, w)
    out = np.asarray(A.sum(axis=1)).ravel()
    dangling = out == 0
    inv = np.zeros(n)
    inv[~dangling] = 1.0 / out[~dangling]
    T = (sp.diags_array(inv) @ A).T.tocsr()  # column-stochastic transpose
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (T @ last + last[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(x - last).sum() < tol:
            break
    result: np.ndarray = x / x.sum()
    return result


def betweenness_is_exact(G: nx.Graph, exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES) -> bool:
    """True when :func:`centrality` computes betweenness exactly (not by sampling) for ``G``.

    >>> betweenness_is_exact(nx.path_graph(10), exact_max_nodes=5000)
    True
    """
    return G.number_of_nodes() <= exact_max_nodes


def betweenness_sources(G: nx.Graph, *, exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES,
                        samples: int | None = None) -> int:
    """How many source nodes :func:`betweenness` will use for ``G`` (n when exact).

    >>> betweenness_sources(nx.path_graph(10))
    10
    """
    n = G.number_of_nodes()
    arcs = 2 * (G.number_of_edges() - nx.number_of_selfloops(G))
    return _n_sources(n, arcs, betweenness_is_exact(G, exact_max_nodes), samples)


def _n_sources(n: int, arcs: int, exact: bool, samples: int | None) -> int:
    if exact:
        return n
    if samples is None:
        samples = min(DEFAULT_SAMPLES, max(100, SAMPLE_BUDGET // max(1, arcs)))
    return max(1, min(n, samples))


def betweenness(G: nx.Graph, *, seed: int = 0,
                exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES,
                samples: int | None = None, engine: str = "auto") -> dict[str, float]:
    """Normalised weighted betweenness, distance of a link = 1 / weight.

    Same definition and scaling as ``nx.betweenness_centrality(G, weight=<1/weight>,
    normalized=True)``: the share of shortest paths between other pairs that pass through a
    person. Exact when ``G`` has at most ``exact_max_nodes`` nodes; otherwise
    :func:`betweenness_sources` source nodes are drawn with ``numpy.random.default_rng(seed)``
    from the sorted node list and the result is scaled by n / sources (unbiased estimate).
    ``samples=None`` picks the number of sources from the graph size (see ``SAMPLE_BUDGET``).

    Why: a person on many of the shortest (strongest-evidence) routes between others is a
    broker; removing them lengthens or breaks those routes.

    >>> G = nx.relabel_nodes(nx.path_graph(3), str)
    >>> betweenness(G)
    {'0': 0.0, '1': 1.0, '2': 0.0}
    """
    nodes, rows, cols, w = _arrays(G)
    k = _n_sources(len(nodes), len(rows), betweenness_is_exact(G, exact_max_nodes), samples)
    values, _ = _paths(len(nodes), rows, cols, w, seed=seed, sources=k, engine=engine,
                       want_closeness=False)
    return dict(zip(nodes, values.tolist(), strict=True))


def _chosen(n: int, sources: int, seed: int) -> np.ndarray:
    """The source nodes: every node when ``sources`` >= n, else a seeded sorted sample."""
    if sources >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=sources, replace=False))


def _sweep(n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, chosen: np.ndarray, *,
           dependencies: bool, distances: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One Dijkstra per source in ``chosen``, shared by betweenness and closeness.

    Returns the sum of the sources' Brandes dependencies (when ``dependencies``), and per
    person the sum of the finite distances from the sources and how many sources reach them
    (when ``distances``); what is not asked for stays zero. Betweenness and closeness use the
    same sources, so :func:`centrality` pays for the shortest paths once.
    """
    graph = _csr(n, rows, cols, 1.0 / w)
    # canonical arc order from the CSR (sorted by row, then column)
    arc_rows = np.repeat(np.arange(n), np.diff(graph.indptr))
    arc_cols = graph.indices.astype(np.int64)
    arc_len = graph.data
    bc, total, reach = np.zeros(n), np.zeros(n), np.zeros(n)
    cells = len(arc_len) if dependencies else n
    batch = max(1, min(256, _BATCH_CELLS // max(1, cells)))
    for start in range(0, len(chosen), batch):
        chunk = chosen[start:start + batch]
        D = dijkstra(graph, directed=True, indices=chunk)
        if dependencies:
            bc += _dependencies(D, chunk, arc_rows, arc_cols, arc_len)
        if distances:
            finite = np.isfinite(D)
            total += np.where(finite, D, 0.0).sum(axis=0)
            reach += finite.sum(axis=0)
    return bc, total, reach


def _paths(n: int, rows: np.ndarray, cols: np.ndarray, w: np.ndarray, *, seed: int,
           sources: int, engine: str = "auto", want_betweenness: bool = True,
           want_closeness: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Normalised betweenness and Wasserman-Faust closeness from ``sources`` seeded sources
    (every node when ``sources`` >= n), from one sweep of shortest paths; exact betweenness
    from igraph when ``engine`` picks it (:func:`~graphintel.analysis.engine.fast_engine`)."""
    bc, cl = np.zeros(n), np.zeros(n)
    ig = fast_engine(n, engine)  # checks ``engine`` too
    if n <= 1 or len(rows) == 0:
        return bc, cl
    want_betweenness = want_betweenness and n > 2
    chosen = _chosen(n, sources, seed)
    if want_betweenness and ig is not None and sources >= n:
        # exact: igraph counts each unordered pair once
        g = _igraph_graph(ig, n, rows, cols, w, "distance", 1.0 / w)
        raw = np.asarray(g.betweenness(weights="distance", directed=False), dtype=np.float64)
        bc = raw * (2.0 / ((n - 1) * (n - 2)))
        want_betweenness = False
    if not (want_betweenness or want_closeness):
        return bc, cl
    deps, total, reach = _sweep(n, rows, cols, w, chosen, dependencies=want_betweenness,
                                distances=want_closeness)
    if want_betweenness:
        scale = 1.0 / ((n - 1) * (n - 2))
        if len(chosen) < n:
            scale *= n / len(chosen)
        bc = deps * scale
    if want_closeness:
        scale = n / len(chosen)
        total *= scale
        r = np.maximum(reach * scale, 1.0)  # people reachable, the person included
        with np.errstate(divide="ignore", invalid="ignore"):
            cl = np.where(total > 0, (r - 1) ** 2 / ((n - 1) * total), 0.0)
    return bc, cl


def _dependencies(D: np.ndarray, sources: np.ndarray, arc_rows: np.ndarray,
                  arc_cols: np.ndarray, arc_len: np.ndarray) -> np.ndarray:
    """Sum over the sources of Brandes' dependency delta_s(v), for one batch of sources.

    Nodes of each source are put in order of distance, so the shortest-path DAG is strictly
    triangular. With P[v, u] = 1 for a DAG arc u -> v, the path counts solve
    (I - P) sigma = e_s, and g = (1 + delta) / sigma solves (I - P)^T g = 1 / sigma.
    All the sources of the batch form one block-diagonal system.
    """
    b, n = D.shape
    finite = np.where(np.isfinite(D), D, 0.0)
    tol = (_REL_TOL * np.maximum(finite.max(axis=1), 1.0))[:, None]
    # slack = d(u) + len(u, v) - d(v) >= 0; the arc is on a shortest path when it is ~0.
    # Both ends of an arc are reachable or neither is (undirected graph), and inf - inf = nan
    # compares False.
    with np.errstate(invalid="ignore"):
        slack = D[:, arc_rows]
        slack += arc_len
        slack -= D[:, arc_cols]
        tight = slack <= tol
    del slack
    bi, ai = np.nonzero(tight)
    del tight
    order = np.argsort(D, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(n)[None, :], axis=1)
    rank += (np.arange(b) * n)[:, None]  # global position in the block-diagonal system
    tail = rank[bi, arc_rows[ai]]
    head = rank[bi, arc_cols[ai]]
    size = b * n
    diag = np.arange(size)
    L = sp.csr_array(
        (np.r_[np.ones(size), -np.ones(len(ai))], (np.r_[diag, head], np.r_[diag, tail])),
        shape=(size, size),
    )
    rhs = np.zeros(size)
    src_pos = rank[np.arange(b), sources]
    rhs[src_pos] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sigma = spsolve_triangular(L, rhs, lower=True, unit_diagonal=True,
                                   overwrite_b=True)
        reach = sigma > 0
        inv = np.zeros(size)
        np.divide(1.0, sigma, out=inv, where=reach)
        g = spsolve_triangular(L.T, inv, lower=False, unit_diagonal=True,
                               overwrite_A=True, overwrite_b=True)
    delta = np.where(reach, sigma * g - 1.0, 0.0)
    delta[src_pos] = 0.0
    # position r of block i is node order[i, r]
    out: np.ndarray = np.bincount(order.ravel(), weights=delta, minlength=n)
    return out


def closeness(G: nx.Graph, *, seed: int = 0, exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES,
              samples: int | None = None) -> dict[str, float]:
    """Weighted closeness, distance of a link = 1 / weight, Wasserman-Faust scaled.

    Same definition as ``nx.closeness_centrality(G, distance=<1/weight>, wf_improved=True)``:
    ``(r - 1) / (n - 1) * (r - 1) / sum of distances`` over the ``r`` people reachable. Above
    ``exact_max_nodes`` people the distances come from the same seeded sample of sources as
    :func:`betweenness` (an estimate).

    >>> G = nx.relabel_nodes(nx.path_graph(3), str)
    >>> closeness(G)
    {'0': 0.6666666666666666, '1': 1.0, '2': 0.6666666666666666}
    """
    nodes, rows, cols, w = _arrays(G)
    k = _n_sources(len(nodes), len(rows), betweenness_is_exact(G, exact_max_nodes), samples)
    _, values = _paths(len(nodes), rows, cols, w, seed=seed, sources=k,
                       want_betweenness=False)
    return dict(zip(nodes, values.tolist(), strict=True))


def centrality(G: nx.Graph, *, seed: int = 0, exact_max_nodes: int = DEFAULT_EXACT_MAX_NODES,
               samples: int | None = None, engine: str = "auto") -> dict[str, dict[str, float]]:
    """Per person: ``degree``, ``strength``, ``betweenness``, ``closeness``, ``pagerank``,
    ``kcore``.

    - ``degree``: number of people linked to the person;
    - ``strength``: sum of link weights (how much evidence ties the person to others);
    - ``closeness``: see :func:`closeness`;
    - ``betweenness``: see :func:`betweenness` (exact up to ``exact_max_nodes`` people, else
      seeded sampled sources, ``samples`` of them or an automatic number when None; check
      with :func:`betweenness_is_exact` and :func:`betweenness_sources`);
    - ``pagerank``: weighted PageRank, alpha 0.85 (linked to people who are themselves well
      linked);
    - ``kcore``: core number, ignoring weights (the person sits in a group where everyone has
      at least k links inside the group).

    ``engine``: ``auto`` uses igraph for exact betweenness from :data:`FAST_MIN_NODES`
    people (equal values, faster), ``reference`` never, ``igraph`` always.

    Cost: one Dijkstra per betweenness source dominates; PageRank and k-core are a few
    seconds at 100,000 people.

    >>> G = nx.relabel_nodes(nx.star_graph(3), str)
    >>> c = centrality(G)
    >>> c["0"]["degree"], c["0"]["strength"], c["0"]["betweenness"], c["1"]["kcore"]
    (3.0, 3.0, 1.0, 1.0)
    """
    nodes, rows, cols, w = _arrays(G)
    n = len(nodes)
    deg = np.bincount(rows, weights=w, minlength=n) if n else np.zeros(0)
    count = np.bincount(rows, minlength=n) if n else np.zeros(0)
    k = _n_sources(n, len(rows), betweenness_is_exact(G, exact_max_nodes), samples)
    bc, cl = _paths(n, rows, cols, w, seed=seed, sources=k, engine=engine)
    pr = _pagerank(n, rows, cols, w, 0.85, 1e-12, 1000)
    simple = G
    if nx.number_of_selfloops(G):
        simple = nx.Graph(G)
        simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    core = nx.core_number(simple)
    return {
        node: {
            "degree": float(count[i]),
            "strength": float(deg[i]),
            "betweenness": float(bc[i]),
            "closeness": float(cl[i]),
            "pagerank": float(pr[i]),
            "kcore": float(core[node]),
        }
        for i, node in enumerate(nodes)
    }
