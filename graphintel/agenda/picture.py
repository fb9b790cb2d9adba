"""Draw a network's picture as a small static PNG (matplotlib, Agg backend).

Each connected part is laid out on its own (Kamada-Kawai, no randomness) and the parts
are packed side by side, largest first; people and things tied to nothing shown are
dropped; only candidate targets and children are labelled, the rest are told apart by the
legend. The same picture spec gives the same image. Labels come already redacted from
the spec, and the PNG carries no text metadata at all (matplotlib's ``Software`` entry
is removed), so nothing in the file can name a child.
"""

from __future__ import annotations

import io
import math
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from graphintel.agenda.model import Picture  # noqa: E402

#: kind -> (colour, marker, size, legend text)
STYLE = {
    "target": ("#c62828", "s", 520, "candidate target"),
    "suspect": ("#ef8a62", "s", 360, "other suspect"),
    "child": ("#1e88e5", "o", 420, "child"),
    "person": ("#9e9e9e", "o", 300, "other person"),
    "place": ("#2e7d32", "p", 360, "place"),
    "vehicle": ("#6a1b9a", "^", 340, "vehicle"),
    "phone": ("#00897b", "D", 260, "phone"),
}


LABELLED = {"target", "child"}


def _component_layout(G: nx.Graph, nodes: list[int]) -> dict[int, tuple[float, float]]:
    """One connected part laid out on its own (Kamada-Kawai; no randomness), centred and
    scaled to a unit radius."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-0.6, 0.0), nodes[1]: (0.6, 0.0)}
    pos = _spread(nx.kamada_kawai_layout(G.subgraph(nodes)))
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((float(x) - cx) / half, (float(y) - cy) / half) for n, (x, y) in pos.items()}


def _spread(pos: dict[int, Any]) -> dict[int, tuple[float, float]]:
    """Keep each node's direction from the centre but spread the distances evenly over a
    disc (by rank), so a dense core opens up instead of piling its labels on each other."""
    n = len(pos)
    cx = sum(float(p[0]) for p in pos.values()) / n
    cy = sum(float(p[1]) for p in pos.values()) / n
    polar = sorted(((math.hypot(float(p[0]) - cx, float(p[1]) - cy),
                     math.atan2(float(p[1]) - cy, float(p[0]) - cx), node)
                    for node, p in pos.items()), key=lambda t: (t[0], t[2]))
    out = {}
    for i, (_, angle, node) in enumerate(polar):
        r = ((i + 0.5) / n) ** 0.5
        out[node] = (r * math.cos(angle), r * math.sin(angle))
    return out


def _layout(G: nx.Graph) -> dict[int, tuple[float, float]]:
    """Each connected part laid out separately, sized by the square root of its node count,
    then packed in rows, largest first, so the main network is not crushed by its
    outliers."""
    parts = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c))
    if not parts:
        return {}
    radius = [max(0.5, len(c) ** 0.5) for c in parts]
    total = sum((2 * r) ** 2 for r in radius)
    width = max(2 * radius[0], total ** 0.5 * 1.25)
    pos: dict[int, tuple[float, float]] = {}
    x = y = row = 0.0
    for nodes, r in zip(parts, radius, strict=True):
        size = 2 * r + 0.8
        if x > 0 and x + size > width:
            x, y, row = 0.0, y - row, 0.0
        for n, (px, py) in _component_layout(G, nodes).items():
            pos[n] = (x + size / 2 + px * r, y - size / 2 + py * r)
        x += size
        row = max(row, size)
    return pos


def _label(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw(picture: Picture, *, width: float = 8.0, height: float = 5.6, dpi: int = 110) -> bytes:
    """PNG bytes of the picture, with no metadata text chunks."""
    G = nx.Graph()
    G.add_nodes_from(range(len(picture.nodes)))
    G.add_edges_from(picture.edges)
    G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    pos = _layout(G)
    with plt.rc_context({"svg.hashsalt": "graphintel", "font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
        try:
            nx.draw_networkx_edges(G, pos, ax=ax, edge_color="#777777", width=1.0)
            used = []
            for kind, (colour, marker, size, _) in STYLE.items():
                nodes = [i for i, n in enumerate(picture.nodes) if n.kind == kind and i in G]
                if not nodes:
                    continue
                used.append(kind)
                nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_color=colour,
                                       node_shape=marker, node_size=size, ax=ax,
                                       edgecolors="#222222", linewidths=0.6)
            for i, node in enumerate(picture.nodes):
                if i not in pos or node.kind not in LABELLED:
                    continue
                x, y = pos[i]
                ax.annotate(_label(node.label), (x, y), xytext=(0, -13), textcoords="offset points",
                            ha="center", va="top", fontsize=7,
                            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                  "alpha": 0.8})
            handles = [Line2D([], [], marker=STYLE[k][1], color="w",
                              markerfacecolor=STYLE[k][0], markeredgecolor="#222222",
                              markersize=8, label=STYLE[k][3]) for k in used]
            ax.legend(handles=handles, loc="upper left", fontsize=7, frameon=True,
                      bbox_to_anchor=(1.0, 1.0))
            ax.margins(0.12)
            ax.set_axis_off()
            fig.tight_layout()
            buf = io.BytesIO()
            fig.savefig(buf, format="png", metadata={"Software": None})
        finally:
            plt.close(fig)
    return buf.getvalue()
