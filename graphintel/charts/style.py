"""How a link chart looks, shared by every writer: one entry per entity type and role.

The HTML chart and the GEXF, GraphML and Cytoscape exports use the colours and shapes, and
the legend says what each style means; i2's entity types and icons are in :mod:`.i2`.
Keeping them in one place keeps the formats in step.

Nothing is told apart by colour alone (WCAG 1.4.1; a chart printed in greyscale for a
meeting, or read by a colour-blind chair, must still never show a child like a suspect):

- every person is a circle (no entity type is), and what is inside it says the role: a
  heart for a child or victim, an exclamation mark for a suspect, nothing for anyone else
  (:data:`ROLES`); every label a person has says the role in words under the name,
  ``(child/victim)`` or ``(suspect)`` (:func:`caption`). A child (under 18 on the
  analysis date, or safeguarded by the analysis) or victim who is also a suspect keeps the
  child/victim look: safeguarding first;
- a leading candidate target has a thick ring and ``★`` with their rank before the name;
  the person a chart is about has a thick dashed ring;
- an exploitation link is far thicker than any other and its label (drawn before the
  others' when zoomed out) starts ``EXPLOITS``; a possible duplicate is dotted.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class TypeStyle:
    """The look of one entity type."""

    label: str        # the legend's words
    shape: str        # vis-network shape
    colour: str       # fill
    symbol: str       # legend glyph, close to the shape


TYPES: dict[str, TypeStyle] = {
    "Person": TypeStyle("Person", "dot", "#9e9e9e", "●"),
    "Phone": TypeStyle("Phone", "diamond", "#3f7fbf", "◆"),
    "Vehicle": TypeStyle("Vehicle", "square", "#7b5ea7", "■"),
    "Location": TypeStyle("Place", "triangle", "#2e8b57", "▲"),
    "OnlineAccount": TypeStyle("Online account", "star", "#e08e0b", "★"),
    "Event": TypeStyle("Event (e.g. missing episode, crime)", "hexagon", "#8d6e63", "⬢"),
    "Officer": TypeStyle("Officer", "box", "#1a237e", "▬"),
    "Object": TypeStyle("Object (weapon, drugs, property)", "triangleDown", "#795548", "▼"),
}
UNKNOWN_TYPE = TypeStyle("Other", "ellipse", "#bdbdbd", "⬬")
#: Only a person is a circle: no other entity type is drawn as one, in any format.
CIRCLES = frozenset({"dot", "circularImage"})


@dataclass(frozen=True)
class RoleStyle:
    """The look of a person in one role: colours, the mark inside the circle, the word."""

    key: str          # "protected", "suspect" or "person"
    label: str        # the legend's words
    word: str         # said under the name in every label ("" for none)
    colour: str       # fill
    border: str
    mark: str         # the mark inside the circle as SVG (a 100x100 box), "" for none
    char: str         # the same mark as one character, for writers that draw text only
    mark_name: str    # the mark in words, for the legend


# White marks with a black outline: they read on any fill, in colour or in greyscale.
HEART = ('<path d="M50 81C21 61 13 46 20 33C27 21 43 22 50 35C57 22 73 21 80 33C87 46 79 61'
         ' 50 81Z" fill="#fff" stroke="#000" stroke-width="5" stroke-linejoin="round"/>')
EXCLAMATION = ('<g fill="#fff" stroke="#000" stroke-width="4"><rect x="41" y="15" width="18"'
               ' height="46" rx="9"/><circle cx="50" cy="77" r="9"/></g>')

#: A child or victim: never a target, never drawn like a suspect.
PROTECTED = RoleStyle("protected", "Child / victim: safeguard, never a target", "child/victim",
                      "#e91e63", "#880e4f", HEART, "♥", "a heart")
SUSPECT_ROLE = RoleStyle("suspect", "Suspect", "suspect", "#263238", "#000000", EXCLAMATION, "!",
                         "an exclamation mark")
OTHER_PERSON = RoleStyle("person", "Other person", "", "#9e9e9e", "#616161", "", "", "")
ROLES = (PROTECTED, SUSPECT_ROLE, OTHER_PERSON)
#: The vis-network shape of a person whose role has a mark: a circle with the mark inside.
MARKED_SHAPE = "circularImage"

TARGET_BORDER = "#ffc107"
TARGET_MARK = "★"
#: Ring widths (HTML chart units): a leading target's and the subject's stand out.
TARGET_RING = 5
SUBJECT_RING = 6
PLAIN_RING = 2
#: The ring of the person or people a chart is about (``--around``, ``--victim``, ``--path``),
#: drawn dashed as well as in its colour.
SUBJECT_BORDER = "#1565c0"
SUBJECT_DASHES = [8, 5]
TARGET_LABEL = ("Leading candidate target: top 3 of its network or top 10 overall (thick gold "
                "ring and ★ with the rank before the name; size = disruption score; every "
                "ranked person's rank is in their tooltip)")

# Links: exploitation stands out, person-to-person links are dark, the rest grey.
EXPLOITS_COLOUR = "#d50000"
PERSON_LINK_COLOUR = "#37474f"
OTHER_LINK_COLOUR = "#90a4ae"
PERSON_LINKS = frozenset({"ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS"})
#: Not a link any report states: two records the analysis found may be one person
#: (drawn dotted, in the highlight colour, with no arrow).
SAME_AS = "POSSIBLY_SAME_AS"
SAME_AS_COLOUR = "#ff6f00"
#: Line widths (HTML chart units): an exploitation link is well over twice as thick as any
#: other, so it stands out without its colour.
EXPLOITS_WIDTH = 5
PERSON_LINK_WIDTH = 2
OTHER_LINK_WIDTH = 1


def type_style(entity_type: str) -> TypeStyle:
    """The style of an entity type (a neutral one for an unknown type)."""
    return TYPES.get(entity_type, UNKNOWN_TYPE)


def link_colour(link_type: str) -> str:
    """The colour of a link of this type in the HTML chart."""
    if link_type == "EXPLOITS":
        return EXPLOITS_COLOUR
    if link_type == SAME_AS:
        return SAME_AS_COLOUR
    return PERSON_LINK_COLOUR if link_type in PERSON_LINKS else OTHER_LINK_COLOUR


def link_line_width(link_type: str) -> int:
    """The line width of a link of this type (before any thickening for its reports).

    >>> link_line_width("EXPLOITS"), link_line_width("FAMILY_OF"), link_line_width("USES")
    (5, 2, 1)
    """
    if link_type == "EXPLOITS":
        return EXPLOITS_WIDTH
    return PERSON_LINK_WIDTH if link_type in PERSON_LINKS else OTHER_LINK_WIDTH


def colorref(colour: str) -> int:
    """An HTML colour as the Windows COLORREF integer (0x00BBGGRR) that i2 uses.

    >>> colorref("#d50000")
    213
    """
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return (b << 16) | (g << 8) | r


def person_role(*, victim: bool, suspect: bool, child: bool = False) -> RoleStyle:
    """The role a person is drawn in: a child or victim is :data:`PROTECTED` even when also a
    suspect (safeguarding first).

    >>> person_role(victim=False, suspect=True, child=True).key
    'protected'
    >>> person_role(victim=False, suspect=True).key, person_role(victim=False, suspect=False).key
    ('suspect', 'person')
    """
    if victim or child:
        return PROTECTED
    return SUSPECT_ROLE if suspect else OTHER_PERSON


def role_of(d: dict[str, Any]) -> RoleStyle | None:
    """The role style of a chart node, or None for anything but a person."""
    if d["type"] != "Person":
        return None
    return person_role(victim=bool(d["victim"]), suspect=bool(d["suspect"]),
                       child=bool(d.get("child")))


def person_colours(*, victim: bool, suspect: bool, target: bool,
                   child: bool = False) -> tuple[str, str]:
    """(fill, border) of a person; a child who is also a suspect keeps the victim fill."""
    role = person_role(victim=victim, suspect=suspect, child=child)
    return role.colour, (TARGET_BORDER if target else role.border)


def caption(d: dict[str, Any], *, limit: int = 0, sep: str = "\n") -> str:
    """What a chart shows as a node's label: the name (cut to ``limit`` characters when one
    is given), ``★<rank>`` first for a leading candidate target, and a person's role in
    words after ``sep`` (a new line, or a space for one-line labels).

    >>> caption({"label": "Ann", "type": "Person", "victim": True, "suspect": True,
    ...          "child": False, "candidate_target": False, "target_rank": 0})
    'Ann\\n(child/victim)'
    >>> caption({"label": "Bo Lee", "type": "Person", "victim": False, "suspect": True,
    ...          "child": False, "candidate_target": True, "target_rank": 2}, sep=" ")
    '★2 Bo Lee (suspect)'
    """
    name = str(d["label"])
    if limit and len(name) > limit:
        name = name[:limit - 1] + "…"
    if d["candidate_target"]:
        name = f"{TARGET_MARK}{d['target_rank']} {name}"
    role = role_of(d)
    return f"{name}{sep}({role.word})" if role and role.word else name


def _svg_uri(body: str) -> str:
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">{body}</svg>'
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


@cache
def mark_uri(role: RoleStyle) -> str:
    """The role's mark alone (transparent around it) as an SVG data URI, drawn inside the
    person's circle (vis-network's ``circularImage``, a cytoscape.js background image)."""
    return _svg_uri(role.mark)


@cache
def legend_uri(role: RoleStyle) -> str:
    """The whole look of a person in the role (circle, border and mark) as an SVG data URI,
    for the legend."""
    inner = (f'<g transform="translate(50 50) scale(0.78) translate(-50 -50)">{role.mark}</g>'
             if role.mark else "")
    return _svg_uri(f'<circle cx="50" cy="50" r="44" fill="{role.colour}" '
                    f'stroke="{role.border}" stroke-width="6"/>{inner}')
