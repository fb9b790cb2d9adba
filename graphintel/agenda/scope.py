"""What one network contributes to the agenda, and the missing episodes as a profile sees
them (shared by the network, places and review steps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphintel.agenda.model import Episode
from graphintel.agenda.view import View
from graphintel.agenda.words import when


@dataclass
class Scope:
    """The uids behind one network's section, kept for the picture, gaps and actions."""

    members: list[str]
    targets: list[str] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    assets: list[str] = field(default_factory=list)
    found_with: list[tuple[str, str]] = field(default_factory=list)
    found_at: list[tuple[str, str]] = field(default_factory=list)
    paths: list[list[str]] = field(default_factory=list)
    #: people the section's place, vehicle and phone rows name (a candidate target named
    #: there gets their reasons in Appendix A)
    named: set[str] = field(default_factory=set)


def shown_episodes(view: View, child: str) -> list[dict[str, Any]]:
    """The child's missing episodes this profile may show, newest first."""
    return [e for e in view.facts.episodes.get(child, [])
            if view.shown(e["refs"], "missing episodes", e["event"])]


def episode(view: View, child: str, e: dict[str, Any]) -> Episode:
    """A missing episode as the profile shows it (call only for a shown episode)."""
    found = [view.place(f["uid"], f) for f in e["found_at"]
             if view.shown(f["refs"], "places found", f"{e['event']}|{f['uid']}")]
    with_ = [view.name(w["uid"]) for w in e["found_with"]
             if view.visible(w["uid"])
             and view.shown(w["refs"], "found-with links", f"{e['event']}|{w['uid']}")]
    homes = [view.private("LIVES_AT", child, view.place(m["uid"], m))
             for m in e["missing_from"]]
    return Episode(start=when(e["start"]), end=when(e["end"]),
                   found_at="; ".join(found) or "not recorded",
                   found_with="; ".join(with_) or "—",
                   missing_from="; ".join(dict.fromkeys(homes)) or "not recorded")
