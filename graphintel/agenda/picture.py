"""Draw a network's picture as a small static PNG (matplotlib's Agg canvas, no pyplot).

Each connected part is laid out on its own by stress majorization (the energy
Kamada-Kawai minimises, solved by repeated closed-form steps from a classical scaling of
the link distances: no randomness, a few milliseconds per part) and the parts are packed
side by side, largest first; people and things tied to nothing shown are dropped; only
candidate targets and children are labelled, the rest are told apart by the legend. The
same picture spec gives the same image. Labels come already redacted from the spec, and
the PNG carries no text metadata at all (matplotlib's ``Software`` entry is removed), so
nothing in the file can name a child.

Only the pictures a document shows need drawing: :func:`draw_shown` draws each picture
and timeline of a list of blocks once, for every format to embed.
"""

from __future__ import annotations

import dataclasses
import io
import math
from collections import deque
from collections.abc import Iterable, MutableMapping
from typing import Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from PIL import Image as PILImage

from graphintel.agenda.model import Picture, Timeline
from graphintel.clean import clean_text

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
#: Where the drawing sits in the figure (left, bottom, width, height), the legend to its
#: right: the frame a tight layout found for these pictures, fixed so that no text needs
#: measuring first.
FRAME = (0.01, 0.01, 0.815, 0.98)
#: Stress-majorization steps per connected part at most, and the relative change of the
#: stress below which the layout counts as settled (far below what a picture can show).
STEPS, SETTLED = 200, 1e-4

#: zlib level of the PNG files: as small as the default level's for these flat drawings,
#: in half the time.
PNG_COMPRESSION = 3

Graph = dict[int, set[int]]


def _graph(picture: Picture) -> Graph:
    """Node -> neighbours, nodes without any link left out."""
    adj: Graph = {}
    for a, b in picture.edges:
        if a == b:
            continue
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
    return adj


def _parts(adj: Graph) -> list[list[int]]:
    """Connected parts, each sorted, largest first (then by their smallest node)."""
    seen: set[int] = set()
    parts = []
    for start in sorted(adj):
        if start in seen:
            continue
        seen.add(start)
        part, queue = [start], deque([start])
        while queue:
            for nxt in adj[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    part.append(nxt)
                    queue.append(nxt)
        parts.append(sorted(part))
    return sorted(parts, key=lambda c: (-len(c), c))


def _distances(adj: Graph, nodes: list[int]) -> np.ndarray:
    """Links between every two nodes of one connected part (breadth-first from each)."""
    index = {n: i for i, n in enumerate(nodes)}
    dist = np.zeros((len(nodes), len(nodes)))
    for i, source in enumerate(nodes):
        depth = {source: 0}
        queue = deque([source])
        while queue:
            here = queue.popleft()
            for nxt in adj[here]:
                if nxt not in depth:
                    depth[nxt] = depth[here] + 1
                    queue.append(nxt)
        for node, d in depth.items():
            dist[i, index[node]] = d
    return dist


def _classical(dist: np.ndarray) -> np.ndarray:
    """Classical scaling: the two main axes of the squared distances, signs fixed so the
    same distances always give the same start."""
    n = len(dist)
    centre = np.eye(n) - np.full((n, n), 1.0 / n)
    gram = -0.5 * centre @ (dist ** 2) @ centre
    values, vectors = np.linalg.eigh(gram)
    order = np.argsort(values)[::-1][:2]
    pos = vectors[:, order] * np.sqrt(np.maximum(values[order], 1e-9))
    for axis in range(2):
        col = pos[:, axis]
        if col[int(np.argmax(np.abs(col)))] < 0:
            pos[:, axis] = -col
    # nodes at the same spot (twins) are parted a little, always the same way
    pos += 1e-3 * np.column_stack((np.cos(np.arange(n)), np.sin(np.arange(n))))
    return np.asarray(pos)


def _stress(dist: np.ndarray) -> np.ndarray:
    """Positions whose distances match the link distances, each pair weighted by one over
    its distance squared (Kamada-Kawai's energy), by stress majorization."""
    n = len(dist)
    weight = np.zeros_like(dist)
    off = ~np.eye(n, dtype=bool)
    weight[off] = 1.0 / dist[off] ** 2
    lap = -weight
    lap[np.diag_indices(n)] = weight.sum(axis=1)
    # the Laplacian's pseudo-inverse, from an ordinary inverse (every pair has a weight)
    inverse = np.linalg.inv(lap + 1.0 / n) - 1.0 / n
    wd = weight * dist
    pos = _classical(dist)
    before = math.inf
    for _ in range(STEPS):
        gap = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(axis=-1))
        stress = float((weight[off] * (gap[off] - dist[off]) ** 2).sum())
        if stress < 1e-9 or before - stress <= SETTLED * stress:
            break
        before = stress
        ratio = np.zeros_like(dist)
        np.divide(wd, gap, out=ratio, where=gap > 1e-12)
        b = -ratio
        b[np.diag_indices(n)] = ratio.sum(axis=1)
        pos = inverse @ (b @ pos)
    return pos


def _component_layout(adj: Graph, nodes: list[int]) -> dict[int, tuple[float, float]]:
    """One connected part laid out on its own (no randomness), centred and scaled to a
    unit radius."""
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    if len(nodes) == 2:
        return {nodes[0]: (-0.6, 0.0), nodes[1]: (0.6, 0.0)}
    placed = _stress(_distances(adj, nodes))
    pos = _spread({n: (float(x), float(y)) for n, (x, y) in zip(nodes, placed, strict=True)})
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    half = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9) / 2
    return {n: ((x - cx) / half, (y - cy) / half) for n, (x, y) in pos.items()}


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


def _layout(adj: Graph) -> dict[int, tuple[float, float]]:
    """Each connected part laid out separately, sized by the square root of its node count,
    then packed in rows, largest first, so the main network is not crushed by its
    outliers."""
    parts = _parts(adj)
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
        for n, (px, py) in _component_layout(adj, nodes).items():
            pos[n] = (x + size / 2 + px * r, y - size / 2 + py * r)
        x += size
        row = max(row, size)
    return pos


def _label(text: str, limit: int = 26) -> str:
    """A node's label on one line, without characters no font draws (a graph loaded before
    ingest cleaned them may hold control characters), cut to ``limit``."""
    text = clean_text(text).value or ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def png_bytes(fig: Figure) -> bytes:
    """The figure drawn on an Agg canvas of its own, as PNG bytes: opaque RGB (the
    figure's background is white, so the alpha channel said nothing), its resolution, and
    no text chunk at all."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    rgb = np.asarray(canvas.buffer_rgba())[:, :, :3]
    buf = io.BytesIO()
    dpi = round(fig.dpi)
    PILImage.fromarray(np.ascontiguousarray(rgb), "RGB").save(
        buf, format="png", compress_level=PNG_COMPRESSION, dpi=(dpi, dpi))
    return buf.getvalue()


def draw(picture: Picture, *, width: float = 8.0, height: float = 5.6, dpi: int = 110) -> bytes:
    """PNG bytes of the picture, with no metadata text chunks."""
    adj = _graph(picture)
    pos = _layout(adj)
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_axes(FRAME)
    edges = sorted({(min(a, b), max(a, b)) for a, b in picture.edges if a != b})
    if edges:
        ax.add_collection(LineCollection([(pos[a], pos[b]) for a, b in edges],
                                         colors="#777777", linewidths=1.0, zorder=1))
    used = []
    for kind, (colour, marker, size, _) in STYLE.items():
        nodes = [i for i, n in enumerate(picture.nodes) if n.kind == kind and i in pos]
        if not nodes:
            continue
        used.append(kind)
        ax.scatter([pos[i][0] for i in nodes], [pos[i][1] for i in nodes], s=size,
                   c=colour, marker=marker, edgecolors="#222222", linewidths=0.6, zorder=2)
    for i, node in enumerate(picture.nodes):
        if i not in pos or node.kind not in LABELLED:
            continue
        ax.annotate(_label(node.label), pos[i], xytext=(0, -13), textcoords="offset points",
                    ha="center", va="top", fontsize=7, family="DejaVu Sans", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.8})
    handles = [Line2D([], [], marker=STYLE[k][1], color="w", markerfacecolor=STYLE[k][0],
                      markeredgecolor="#222222", markersize=8, label=STYLE[k][3])
               for k in used]
    ax.legend(handles=handles, loc="upper left", frameon=True, bbox_to_anchor=(1.0, 1.0),
              prop={"size": 7, "family": "DejaVu Sans"})
    ax.margins(0.12)
    ax.set_axis_off()
    return png_bytes(fig)


def draw_shown(blocks: Iterable[object], drawn: MutableMapping[str, bytes] | None = None
               ) -> list[Picture | Timeline]:
    """Draw every picture and timeline that the blocks show (``Image`` blocks), once each,
    and return them in the order shown: what the documents embed and the files written
    beside them. Pictures of networks no document shows are not drawn.

    ``drawn``: PNGs already drawn, by the full description of what they show (a picture is
    the same PNG for the same description); new ones are added to it. The workspace keeps
    one, so an agenda written again after a decision does not draw its pictures again.
    """
    from graphintel.agenda.layout import Image
    from graphintel.agenda.timeline import draw_timeline

    shown: dict[int, Picture | Timeline] = {}
    for block in blocks:
        if isinstance(block, Image) and id(block.picture) not in shown:
            shown[id(block.picture)] = block.picture
    for image in shown.values():
        spec = repr(dataclasses.replace(image, png=b""))
        png = drawn.get(spec) if drawn is not None else None
        if png is None:
            png = draw_timeline(image) if isinstance(image, Timeline) else draw(image)
            if drawn is not None:
                drawn[spec] = png
        image.png = png
    return list(shown.values())
