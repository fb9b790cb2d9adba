"""Signs that a person of no recorded age is a child: a name that says so, a children's home.

Records often give no date of birth or age for a young person, yet say plainly that they are
one: the subject of a serious case review is "Child A", an unidentified girl is "Unknown
Female Juvenile", a boy's record keeps the title "Master", a looked-after child lives at
(or is reported missing from) a children's home, a residential unit or a foster placement,
or a narrative calls them one ("Lee DUNN, a looked after child (LAC)", "Ruby NASH, a
juvenile", "(U16)", flagged at load: :mod:`graphintel.ingest.narrative_child_signs`).
A person of unknown age is not a child by age, so without these signs they could be
ranked as a target. With one, they are safeguarded as a possible child until an age is
recorded: never a target, a greedy pick or a tactic's subject, and withheld from partner
outputs as a child is. A recorded date of birth or age decides instead (an adult living
at a residential unit may be staff or a care leaver).
Graph in, marks out; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from graphintel.clean.names import name_key
from graphintel.redact import CARE_HOME

__all__ = ["CHILD_WORDS", "care_place", "mark_child_signs", "named_as_child"]

#: Words that, as the first of a two-word name with a short second ("Child A", "Girl 2",
#: "YP B"), name a child anonymised; "juvenile" anywhere names one; the others only with
#: "unknown" or "unidentified" ("Unknown Youth"): "Amy CHILD" is a surname, not a sign.
CHILD_WORDS = frozenset({"child", "boy", "girl", "yp", "juvenile", "minor", "youth", "teen",
                         "teenager", "youngster"})
_ANONYMOUS = frozenset({"unknown", "unidentified", "unnamed", "unk"})


def named_as_child(name: object) -> bool:
    """Whether a name is how records name a child whose name is withheld or not known.

    >>> [named_as_child(n) for n in ("Child A", "GIRL 2", "YP-B", "Unknown Female Juvenile")]
    [True, True, True, True]
    >>> [named_as_child(n) for n in ("Unknown youth", "juvenile male", "Amy CHILD")]
    [True, True, False]
    >>> [named_as_child(n) for n in ("Child Anderson", "Kyle NARROW", None, "Unknown male")]
    [False, False, False, False]
    >>> named_as_child("Master Jack STONE"), named_as_child("Jack MASTER")
    (True, False)
    """
    words = name_key(name).split()
    if not words:
        return False
    if len(words) >= 2 and words[0] in ("master", "mstr"):  # the title of a boy
        return True
    if len(words) == 2 and words[0] in ("child", "boy", "girl", "yp") and len(words[1]) <= 2:
        return True
    if "juvenile" in words or "juv" in words:
        return True
    return bool(_ANONYMOUS.intersection(words)) and bool(CHILD_WORDS.intersection(words))


def care_place(text: object) -> bool:
    """Whether a place's address or key names a children's home or a placement for
    looked-after children (:data:`graphintel.redact.CARE_HOME`).

    >>> care_place("Wood House Children's Home, 87 Orchard Road"), care_place("87 Orchard Road")
    (True, False)
    """
    return bool(CARE_HOME.search(str(text or "")))


def mark_child_signs(G: nx.Graph, care_places: Mapping[str, Iterable[str]]) -> list[str]:
    """Mark the people of no recorded age (no date of birth, no stated age) whom a sign
    says may be a child: ``child_signs`` on the node lists them in words. ``care_places``
    maps a person to the care places they live at or were reported missing from (each
    already one that :func:`care_place` accepts, in words: "lives at ..."). Returns the
    people marked, sorted.

    >>> G = nx.Graph()
    >>> G.add_node("a", name="Child A"); G.add_node("b", name="Kyle NARROW")
    >>> G.add_node("c", name="Ian BOND", dob="1990-01-01")
    >>> mark_child_signs(G, {"b": ["lives at Wood House Children's Home"],
    ...                      "c": ["lives at Wood House Children's Home"]})
    ['a', 'b']
    >>> G.nodes["a"]["child_signs"]
    ["named 'Child A', as records name a child"]
    """
    marked = []
    for uid in sorted(G):
        data = G.nodes[uid]
        if data.get("dob") or data.get("other_dobs") or data.get("age") is not None:
            continue
        signs = []
        if named_as_child(data.get("name")):
            signs.append(f"named {str(data.get('name'))!r}, as records name a child")
        if data.get("looked_after"):
            signs.append("called a looked-after child in a report's narrative")
        if data.get("called_child"):
            signs.append("called a child (a minor, a juvenile, under 16, a young person) in a "
                         "report's narrative")
        signs += sorted(set(care_places.get(uid) or ()))
        if signs:
            data["child_signs"] = signs
            marked.append(uid)
    return marked
