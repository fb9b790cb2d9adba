"""How a node and a link look in the exports that carry styling (GEXF, yEd GraphML,
Cytoscape): the same colours, sizes, marks and labels as the HTML chart (:mod:`.style`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphintel.charts import style


@dataclass(frozen=True)
class NodeLook:
    fill: str     # "#rrggbb"
    border: str   # "#rrggbb"
    size: float   # diameter in pixels (HTML chart units)
    shape: str    # vis-network shape name of the type
    #: a person's role (None for anything else): the mark inside the circle and the word
    #: in the label say it without colour
    role: style.RoleStyle | None = None


def node_look(d: dict[str, Any]) -> NodeLook:
    """Fill, border, size, shape and role of a chart node."""
    ts = style.type_style(str(d["type"]))
    role = style.role_of(d)
    if role is not None:
        fill = role.colour
        border = style.TARGET_BORDER if d["candidate_target"] else role.border
        size = 14 + 0.3 * max(0.0, min(100.0, float(d["score"])))
    else:
        fill, border, size = ts.colour, "#455a64", 11.0
    return NodeLook(fill, border, round(size, 2), ts.shape, role)


def link_width(d: dict[str, Any]) -> float:
    """Line width of a link: :func:`~graphintel.charts.style.link_line_width` of its type,
    up to 2 thicker for more reports (so an exploitation link, 5 to 7, is always thicker
    than a person-to-person link, 2 to 4, whatever their reports)."""
    base = float(style.link_line_width(str(d["link_type"])))
    return base + min(2.0, 0.5 * max(0, int(d["ref_count"]) - 1))


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as (r, g, b)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
