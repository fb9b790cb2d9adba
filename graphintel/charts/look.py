"""How a node and a link look in the exports that carry styling (GEXF, yEd GraphML,
Cytoscape): the same colours and sizes as the HTML chart (:mod:`.style`)."""

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


def node_look(d: dict[str, Any]) -> NodeLook:
    """Fill, border, size and shape of a chart node."""
    ts = style.type_style(str(d["type"]))
    if d["type"] == "Person":
        fill, border = style.person_colours(victim=bool(d["victim"]), suspect=bool(d["suspect"]),
                                            target=bool(d["candidate_target"]))
        size = 14 + 0.3 * max(0.0, min(100.0, float(d["score"])))
    else:
        fill, border, size = ts.colour, "#455a64", 11.0
    return NodeLook(fill, border, round(size, 2), ts.shape)


def link_width(d: dict[str, Any]) -> float:
    """Line width of a link: person-to-person links thicker, more reports thicker."""
    base = 2.0 if d["link_type"] in style.PERSON_LINKS else 1.0
    return base + min(3.0, 0.5 * max(0, int(d["ref_count"]) - 1))


def rgb(colour: str) -> tuple[int, int, int]:
    """``#rrggbb`` as (r, g, b)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
