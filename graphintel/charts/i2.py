"""The i2 Analyst's Notebook vocabulary of a chart, shared by the ANX and the CSV import.

- entity types and the standard ANB icon each one is drawn with (:data:`ENTITY_TYPES`);
  children/victims and suspects keep their own entity types (so they can be listed and
  styled apart) and their own icons, not only their own shading (a chart printed in
  greyscale must never show a child like a suspect): a child or victim the standard
  ``Person`` icon, a suspect the standard ``Prisoff`` (prisoner/offender) icon;
- the College of Policing 3x5x2 grading as ANB's three grading scales (``GradeOne`` source
  evaluation, ``GradeTwo`` intelligence assessment, ``GradeThree`` handling code), each
  with a first entry ``-`` for "not graded" so that index 1 is source ``1`` / grade ``A``;
- link strength from the grading (:func:`strength`);
- identities that ANB and its import wizard accept unchanged (:func:`safe_identity`).

docs/i2-import.md documents every table here; a test checks the ANX against it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from graphintel.clean import parse_grading


@dataclass(frozen=True)
class I2Type:
    """An ANB entity type: its name, the standard icon file and an optional shading."""

    name: str
    icon: str
    shading: str = ""  # "#rrggbb" tint of the icon, "" for none


ENTITY_TYPES: dict[str, I2Type] = {
    "Person": I2Type("Person", "Person"),
    "Phone": I2Type("Telephone", "Mobile Phone"),
    "Vehicle": I2Type("Vehicle", "Car"),
    "Location": I2Type("Location", "Location"),
    "OnlineAccount": I2Type("Online Account", "Email"),
    "Event": I2Type("Event", "Event"),
    "Officer": I2Type("Officer", "Person", "#1a237e"),
    "Object": I2Type("Object", "General"),
}
UNKNOWN_TYPE = I2Type("Entity", "General")
VICTIM_TYPE = I2Type("Victim", "Person", "#e91e63")
SUSPECT_TYPE = I2Type("Suspect", "Prisoff", "#263238")
#: Every standard icon file the exports name (documented in docs/i2-import.md).
STANDARD_ICONS = frozenset({t.icon for t in (*ENTITY_TYPES.values(), UNKNOWN_TYPE,
                                             VICTIM_TYPE, SUSPECT_TYPE)})


def entity_type(graph_type: str, *, victim: bool = False, suspect: bool = False,
                child: bool = False) -> I2Type:
    """The ANB entity type of a chart node; a child (or victim) who is also a suspect counts
    as a child.

    >>> entity_type("Person", suspect=True, child=True).name, entity_type("Person").icon
    ('Victim', 'Person')
    >>> entity_type("Person", suspect=True).icon
    'Prisoff'
    """
    if graph_type == "Person" and (victim or child):
        return VICTIM_TYPE
    if graph_type == "Person" and suspect:
        return SUSPECT_TYPE
    return ENTITY_TYPES.get(graph_type, UNKNOWN_TYPE)


# The three grading scales, "-" first (not graded) so the code's position is its index.
GRADE_ONE = ("-", "1 - Reliable", "2 - Untested", "3 - Not reliable")
GRADE_TWO = ("-", "A - Known directly to the source", "B - Known indirectly, corroborated",
             "C - Known indirectly", "D - Not known", "E - Suspected to be false or malicious")
GRADE_THREE = ("-", "P - Lawful sharing permitted",
               "C - Lawful sharing permitted with conditions")
SOURCE_CODES = ("", "1", "2", "3")
INTEL_CODES = ("", "A", "B", "C", "D", "E")
HANDLING_CODES = ("", "P", "C")

#: Link strengths: (name, ANB dot style, what it means), strongest first.
STRENGTHS = (
    ("Confirmed", "DotStyleSolid", "best report graded 1A, 1B or 2A"),
    ("Unconfirmed", "DotStyleDashed", "best report graded 1C, 2B, 2C, 1D or 2D"),
    ("Tentative", "DotStyleDotted", "best report graded 3, E or not graded"),
)


@dataclass(frozen=True)
class Grades:
    """A 3x5x2 grading as the three ANB grade indexes (0 = not graded)."""

    source: int = 0
    intel: int = 0
    handling: int = 0

    @property
    def code(self) -> str:
        return (SOURCE_CODES[self.source] + INTEL_CODES[self.intel]
                + HANDLING_CODES[self.handling])


def grades(grading: str) -> Grades:
    """The ANB grade indexes of a 3x5x2 grading string such as ``2BP``; legacy 5x5x5 and
    unreadable gradings are "not graded" (index 0) rather than guessed."""
    parsed = parse_grading(grading or "").grading
    if parsed is None or parsed.scheme != "3x5x2":
        return Grades()
    return Grades(SOURCE_CODES.index(parsed.source), INTEL_CODES.index(parsed.intel),
                  HANDLING_CODES.index(parsed.handling) if parsed.handling else 0)


def strength(grading: str) -> str:
    """The ANB link strength of a link whose best supporting report has ``grading``."""
    g = grades(grading)
    if not g.source or not g.intel or g.source == 3 or g.intel == 5:
        return "Tentative"
    if (g.source, g.intel) in {(1, 1), (1, 2), (2, 1)}:
        return "Confirmed"
    return "Unconfirmed"


_UNSAFE = re.compile(r"[^A-Za-z0-9._:~\-]+")


def safe_identity(node_id: str) -> str:
    """An identity with no spaces, pipes or other characters that ANB's import wizard or
    a spreadsheet would split or alter: runs of them become ``_``, and a short digest of
    the original keeps two ids that differ only there apart.

    >>> safe_identity("Person:ref:N100")
    'Person:ref:N100'
    >>> safe_identity("Location:12 elm road|ba1 1aa")
    'Location:12_elm_road_ba1_1aa~30ec02'
    """
    cleaned = _UNSAFE.sub("_", node_id).strip("_") or "item"
    if cleaned == node_id:
        return node_id
    digest = hashlib.sha256(node_id.encode("utf-8")).hexdigest()[:6]
    return f"{cleaned}~{digest}"
