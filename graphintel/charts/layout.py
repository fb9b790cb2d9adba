"""Node positions for a chart: the same input always gives the same picture.

A seeded Fruchterman-Reingold force-directed layout over the chart's nodes in id order,
scaled so that a chart of a few thousand nodes still spreads out, rounded to whole pixels.
The HTML chart starts from these positions and i2 (ANX) places entities at them.

Small charts use networkx ``spring_layout(seed=...)``. From 500 nodes networkx switches to
a slow sparse solver (about 25 s for 2,000 nodes), so larger charts use the same
Fruchterman-Reingold steps vectorised with numpy in row blocks (about 3 s for 2,000
nodes, memory bounded by the block size), seeded the same way.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SEED = 7
DENSE_LIMIT = 500
BLOCK = 512


def positions(G: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """Whole-pixel (x, y) per node; deterministic for the same graph."""
    n = G.number_of_nodes()
    if n == 0:
        return {}
    nodes = sorted(G.nodes)
    edges = sorted({(u, v) if u < v else (v, u) for u, v in G.edges() if u != v})
    scale = max(250.0, 45.0 * math.sqrt(n))
    if n < DENSE_LIMIT:
        H = nx.Graph()
        H.add_nodes_from(nodes)
        H.add_edges_from(edges)
        pos = nx.spring_layout(H, seed=SEED, scale=scale, iterations=50)
        return {node: (round(float(xy[0])), round(float(xy[1]))) for node, xy in pos.items()}
    index = {node: i for i, node in enumerate(nodes)}
    arr = _fruchterman_reingold(n, np.array([[index[u], index[v]] for u, v in edges],
                                            dtype=np.int64).reshape(-1, 2))
    arr -= arr.mean(axis=0)
    extent = float(np.abs(arr).max()) or 1.0
    arr *= scale / extent
    return {node: (round(float(arr[i, 0])), round(float(arr[i, 1])))
            for i, node in enumerate(nodes)}


def _fruchterman_reingold(n: int, edges: np.ndarray, iterations: int = 60) -> np.ndarray:
    """Fruchterman-Reingold in the unit square: repulsion k²/d between all pairs (in row
    blocks), attraction d²/k along edges, a weak pull to the centre that keeps separate
    components in view, and a linearly cooling step limit."""
    rng = np.random.RandomState(SEED)
    pos = rng.rand(n, 2)
    k = math.sqrt(1.0 / n)
    step = 0.1
    cool = step / (iterations + 1)
    u, v = (edges[:, 0], edges[:, 1]) if len(edges) else (np.zeros(0, int), np.zeros(0, int))
    for _ in range(iterations):
        x, y = pos[:, 0], pos[:, 1]
        disp = np.zeros((n, 2))
        for start in range(0, n, BLOCK):
            dx = x[start:start + BLOCK, None] - x[None, :]
            dy = y[start:start + BLOCK, None] - y[None, :]
            inv = dx * dx + dy * dy
            np.maximum(inv, 1e-6, out=inv)
            np.divide(k * k, inv, out=inv)
            disp[start:start + BLOCK, 0] += (dx * inv).sum(axis=1)
            disp[start:start + BLOCK, 1] += (dy * inv).sum(axis=1)
        if len(u):
            delta = pos[u] - pos[v]
            dist = np.sqrt((delta ** 2).sum(axis=1))[:, None]
            pull = delta * dist / k
            np.add.at(disp, u, -pull)
            np.add.at(disp, v, pull)
        disp -= (pos - 0.5) * (0.05 * n * k)
        length = np.maximum(np.sqrt((disp ** 2).sum(axis=1)), 1e-9)[:, None]
        pos += disp / length * np.minimum(length, step)
        step -= cool
    return pos
