"""Safeguarding before disruption: who is protected, and the children exploited into offending.

A rule of the model, not a reason string. A person is *protected* when they are a child on the
analysis date (age under 18 from their date of birth) or are assessed as a victim. A protected
person is never a disruption target, never a greedy pick and never the subject of an arrest,
seizure or other enforcement tactic. Children and victims who are also assessed as suspects
(exploited into offending: peer recruiters, county-lines runners, a "bottom" who works for a
trafficker) go to a separate list with the adults around them and safeguarding actions
(referral, National Referral Mechanism consideration), as the strategies behind this tool ask.

One exception, stated so a chair can see it: an adult who is assessed as a suspect and whose
every victim assessment dates from when they were a child stays a candidate target, shown with
the caution that they were a victim as a child. A victim assessment made when they were an
adult, or one whose date or the person's date of birth is unknown, protects them.

Graph in, facts out; nothing here reads or writes anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

__all__ = [
    "SAFEGUARDING_ACTIONS",
    "Status",
    "age_on",
    "protected",
    "status",
]

#: What a safeguarding entry proposes instead of enforcement.
SAFEGUARDING_ACTIONS: tuple[str, ...] = (
    "safeguarding referral to children's social care (adults: adult safeguarding)",
    "consider a National Referral Mechanism (NRM) referral as a possible victim of exploitation",
    "treat as a victim: divert, do not criminalise; no arrest, seizure or enforcement tactic",
    "disrupt the adults around them instead",
)


def age_on(dob: str | None, as_of: str | None) -> int | None:
    """Age in whole years on ``as_of`` (ISO dates), or None when either is unknown or invalid.

    >>> age_on("2009-06-30", "2025-03-01"), age_on(None, "2025-03-01"), age_on("x", "2025")
    (15, None, None)
    """
    if not dob or not as_of:
        return None
    try:
        born = date.fromisoformat(str(dob)[:10])
        on = date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


@dataclass(frozen=True)
class Status:
    """Safeguarding facts about one person on the analysis date."""

    age: int | None
    child: bool
    victim: bool
    suspect: bool
    #: Adult now, and every victim assessment was made while they were a child.
    victim_as_child_only: bool
    victim_refs: tuple[str, ...] = field(default_factory=tuple)

    @property
    def protected(self) -> bool:
        """Never a target: a child, or a victim (unless only as a child and now an adult)."""
        return self.child or (self.victim and not self.victim_as_child_only)

    @property
    def exploited_into_offending(self) -> bool:
        """Protected and also assessed as a suspect."""
        return self.protected and self.suspect

    def as_dict(self) -> dict[str, Any]:
        return {"age": self.age, "child": self.child, "victim": self.victim,
                "suspect": self.suspect, "protected": self.protected,
                "victim_as_child_only": self.victim_as_child_only,
                "victim_refs": list(self.victim_refs)}


def status(G: nx.Graph, node: str, as_of: str | None) -> Status:
    """Safeguarding status of ``node`` on ``as_of``.

    Uses the node's ``dob``, ``roles`` and, when present, ``reports`` (each with ``ref``,
    ``date`` and the ``roles`` that report assessed).

    >>> G = nx.Graph()
    >>> G.add_node("c", dob="2010-01-01", roles=["suspect"])
    >>> G.add_node("m", dob="1990-01-01", roles=["suspect", "victim"], reports=[
    ...     {"ref": "R1", "date": "2005-05-01", "roles": ["victim"]},
    ...     {"ref": "R2", "date": "2024-05-01", "roles": ["suspect"]}])
    >>> status(G, "c", "2025-01-01").protected, status(G, "m", "2025-01-01").protected
    (True, False)
    >>> status(G, "m", "2025-01-01").victim_as_child_only
    True
    """
    data = G.nodes[node]
    roles = set(data.get("roles") or ())
    dob = data.get("dob")
    age = age_on(dob, as_of)
    child = age is not None and age < 18
    victim = "victim" in roles
    reports = [r for r in data.get("reports") or [] if "victim" in (r.get("roles") or ())]
    refs = tuple(sorted({str(r.get("ref")) for r in reports if r.get("ref")}))
    as_child_only = False
    if victim and not child and age is not None and reports:
        ages = [age_on(dob, r.get("date")) for r in reports]
        as_child_only = all(a is not None and a < 18 for a in ages)
    return Status(age=age, child=child, victim=victim, suspect="suspect" in roles,
                  victim_as_child_only=as_child_only, victim_refs=refs)


def protected(G: nx.Graph, as_of: str | None) -> set[str]:
    """Everyone who must never be a disruption target on ``as_of`` (see :func:`status`).

    >>> G = nx.Graph()
    >>> G.add_node("a", roles=["suspect"], dob="1980-01-01")
    >>> G.add_node("v", roles=["victim"], dob="1980-01-01")
    >>> G.add_node("k", roles=["unknown"], dob="2012-01-01")
    >>> sorted(protected(G, "2025-01-01"))
    ['k', 'v']
    """
    return {n for n in G if status(G, n, as_of).protected}
