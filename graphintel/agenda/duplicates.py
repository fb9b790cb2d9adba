"""The people on an agenda who may be recorded twice (the run's ``possible_duplicates``).

Two records of one person split that person's links and score, so a meeting could weigh
one person as two, or pass over someone whose evidence is divided. The agenda names every
pair of which one record is on it (a candidate target of a network shown, a child or
victim at risk, someone on the safeguarding list), on page one as a count, on the network's
page beside its targets, and in full in Appendix E, in the profile's names and with the
kinds of evidence only (:mod:`graphintel.analysis.duplicates`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from graphintel.agenda.headline import at_risk
from graphintel.agenda.model import Duplicate, Network
from graphintel.agenda.scope import Scope
from graphintel.agenda.view import View


def possible_duplicates(view: View, doc: dict[str, Any],
                        sections: Sequence[tuple[Network, Scope]],
                        listed: set[str] | None = None,
                        named: set[str] | None = None) -> list[Duplicate]:
    """The pairs with a record on this agenda, highest score first; each network's
    ``duplicates`` get the pairs one of its shown targets is in. ``listed``: the uids of
    the candidate targets Appendix A lists (besides those of the sections); ``named``
    gets the uids of both records of every pair returned."""
    risk = at_risk(doc)
    ranks = {str(t["uid"]): int(t["rank"]) for t in doc["targets"]}
    on_agenda = risk | {str(s["uid"]) for s in doc.get("safeguarding") or []}
    on_agenda |= {u for _, scope in sections for u in scope.targets}
    on_agenda |= listed or set()

    def label(uid: str) -> str:
        if uid in ranks:
            return f"{view.name(uid)} (rank {ranks[uid]})"
        return f"{view.name(uid)} (at risk)" if uid in risk else view.name(uid)

    shown_targets = [(net, set(scope.targets)) for net, scope in sections]
    out: list[Duplicate] = []
    for pair in doc.get("possible_duplicates") or []:
        a, b = str(pair["a"]), str(pair["b"])
        if not {a, b} & on_agenda or not (view.visible(a) and view.visible(b)):
            continue
        # the record ranked higher (or at risk) first: the one the meeting reads about
        first, second = sorted((a, b), key=lambda u: (ranks.get(u, 10**9), u not in risk, u))
        found = Duplicate(first=label(first), second=label(second), why=str(pair["why"]),
                          score=float(pair["score"]))
        out.append(found)
        if named is not None:
            named.update((a, b))
        for net, targets in shown_targets:
            if {a, b} & targets:
                net.duplicates.append(f"{found.first} and {found.second}")
    return out


__all__ = ["possible_duplicates"]
