"""How a link chart looks, shared by every writer: one entry per entity type and role.

The HTML chart and the GEXF, GraphML and Cytoscape exports use the colours and shapes, and
the legend says what each style means; i2's entity types and icons are in :mod:`.i2`.
Keeping them in one place keeps the formats in step.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    "Object": TypeStyle("Object (weapon, drugs, property)", "dot", "#795548", "•"),
}
UNKNOWN_TYPE = TypeStyle("Other", "ellipse", "#bdbdbd", "⬬")

# Person styles by role: victims and suspects must never look alike.
VICTIM = {"colour": "#e91e63", "border": "#880e4f", "label": "Child / victim"}
SUSPECT = {"colour": "#263238", "border": "#000000", "label": "Suspect"}
TARGET_BORDER = "#ffc107"
#: The ring of the person or people a chart is about (``--around``, ``--victim``, ``--path``).
SUBJECT_BORDER = "#1565c0"
TARGET_LABEL = ("Leading candidate target: top 3 of its network or top 10 overall (gold ring; "
                "size = disruption score; every ranked person's rank is in their tooltip)")

# Links: exploitation stands out, person-to-person links are dark, the rest grey.
EXPLOITS_COLOUR = "#d50000"
PERSON_LINK_COLOUR = "#37474f"
OTHER_LINK_COLOUR = "#90a4ae"
PERSON_LINKS = frozenset({"ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS"})
#: Not a link any report states: two records the analysis found may be one person
#: (drawn dotted, in the highlight colour, with no arrow).
SAME_AS = "POSSIBLY_SAME_AS"
SAME_AS_COLOUR = "#ff6f00"


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


def colorref(colour: str) -> int:
    """An HTML colour as the Windows COLORREF integer (0x00BBGGRR) that i2 uses.

    >>> colorref("#d50000")
    213
    """
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return (b << 16) | (g << 8) | r


def person_colours(*, victim: bool, suspect: bool, target: bool) -> tuple[str, str]:
    """(fill, border) of a person; a child who is also a suspect keeps the victim fill."""
    if victim:
        fill, border = VICTIM["colour"], VICTIM["border"]
    elif suspect:
        fill, border = SUSPECT["colour"], SUSPECT["border"]
    else:
        fill, border = TYPES["Person"].colour, "#616161"
    return fill, (TARGET_BORDER if target else border)
