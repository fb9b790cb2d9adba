"""The roles a person has in the projection, from the reports that assess them.

- :func:`founded_roles`: a suspect assessment that only intelligence graded as suspected
  false gives is not a role (a victim assessment protects whatever its grading);
- :func:`says_suspect`: whether reports assess the person as a suspect (a window keeps a
  person a suspect only when a report in it says so);
- :func:`exploited_are_victims`: whoever a founded report records as exploited is a victim.

Pure: the projection's nodes and report rows in, roles out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx


def exploited_are_victims(g: nx.Graph, exploited: Mapping[str, set[str]],
                           reports: Mapping[str, dict[str, Any]]) -> None:
    """Whoever a report not graded as suspected false records as exploited by someone is a
    victim, whatever role the report gave them: ``victim`` joins their roles, the reports
    that say so count as victim assessments (so an adult exploited only as a child is still
    told apart), and ``victim_inferred`` lists those reports when no report assessed them as
    a victim. An exploitation link is the strongest statement a report makes about its
    object; a person exploited by another is safeguarded first, never targeted.
    ``reports`` are all the graph's, not only a window's: a report dated after the analysis
    date that records the person as exploited protects them, as a victim assessment of
    that date would."""
    for uid in sorted(exploited):
        if uid not in g:
            continue
        founded = sorted(r for r in exploited[uid]
                         if r in reports and float(reports[r].get("strength") or 0) > 0)
        if not founded:
            continue
        node = g.nodes[uid]
        if "victim" not in node["roles"]:
            node["roles"] = sorted({*node["roles"], "victim"})
            node["victim_inferred"] = founded
        own = {r["ref"]: r for r in node["reports"]}
        for ref in founded:
            entry = own.get(ref)
            if entry is None:  # a report outside the window: it still protects
                node["reports"] = sorted([*node["reports"], {
                    **{k: reports[ref].get(k) for k in ("ref", "date", "grading", "strength")},
                    "roles": ["victim"]}], key=lambda r: r["ref"])
            elif "victim" not in entry["roles"]:
                entry["roles"] = sorted({*entry["roles"], "victim"})


def says_suspect(reports: list[dict[str, Any]]) -> bool:
    """Whether any of ``reports`` assesses the person as a suspect."""
    return any("suspect" in (r.get("roles") or []) for r in reports)


def founded_roles(roles: list[str],
                  reports: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The person's roles that intelligence not graded as suspected false supports, and the
    ones only such intelligence gives (a report's ``strength`` 0.0: E in 3x5x2, 5 in 5x5x5).

    Only a suspect assessment can be unfounded: a victim assessment protects whatever its
    grading. A role no report's own roles show (set another way) is kept.

    >>> e = {"ref": "R1", "strength": 0.0, "roles": ["suspect"]}
    >>> b = {"ref": "R2", "strength": 0.56, "roles": ["witness"]}
    >>> founded_roles(["suspect", "witness"], [e, b])
    (['witness'], ['suspect'])
    >>> founded_roles(["suspect"], [e, b | {"roles": ["suspect"]}])
    (['suspect'], [])
    >>> founded_roles(["suspect", "victim"], [e | {"roles": ["suspect", "victim"]}])
    (['victim'], ['suspect'])
    """
    saying = [r for r in reports if "suspect" in (r.get("roles") or [])]
    if "suspect" in roles and saying and all(r.get("strength") == 0.0 for r in saying):
        return sorted(set(roles) - {"suspect"}), ["suspect"]
    return sorted(set(roles)), []


__all__ = ["exploited_are_victims", "founded_roles", "says_suspect"]
