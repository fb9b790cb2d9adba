"""Draw a network's picture as a small static PNG (matplotlib, Agg backend).

The layout is networkx's spring layout with a fixed seed, so the same picture spec gives
the same image. Labels come already redacted from the spec, and the PNG carries no text
metadata at all (matplotlib's ``Software`` entry is removed), so nothing in the file can
name a child.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from graphintel.agenda.model import Picture  # noqa: E402

SEED = 7
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


def _layout(G: nx.Graph) -> dict[int, tuple[float, float]]:
    """Kamada-Kawai for a connected picture (evenly spread, no randomness); otherwise a
    seeded spring layout started from a circle."""
    if G.number_of_nodes() > 2 and nx.is_connected(G):
        pos = nx.kamada_kawai_layout(G)
    else:
        start = nx.circular_layout(G)
        pos = nx.spring_layout(G, pos=start, seed=SEED,
                               k=2.0 / max(1, G.number_of_nodes()) ** 0.5, iterations=300)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _label(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw(picture: Picture, *, width: float = 8.0, height: float = 5.6, dpi: int = 110) -> bytes:
    """PNG bytes of the picture, with no metadata text chunks."""
    G = nx.Graph()
    G.add_nodes_from(range(len(picture.nodes)))
    G.add_edges_from(picture.edges)
    pos = _layout(G)
    with plt.rc_context({"svg.hashsalt": "graphintel", "font.family": "DejaVu Sans"}):
        fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
        try:
            nx.draw_networkx_edges(G, pos, ax=ax, edge_color="#777777", width=1.0)
            used = []
            for kind, (colour, marker, size, _) in STYLE.items():
                nodes = [i for i, n in enumerate(picture.nodes) if n.kind == kind]
                if not nodes:
                    continue
                used.append(kind)
                nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_color=colour,
                                       node_shape=marker, node_size=size, ax=ax,
                                       edgecolors="#222222", linewidths=0.6)
            for i, node in enumerate(picture.nodes):
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
