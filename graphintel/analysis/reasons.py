"""Reasons a meeting chair can read, built from the numbers behind a target's score.

Every sentence carries its number ("linked to 4 children ...", "removing them cuts 6 ..."),
so a reason can be checked against the analysis, and nothing is said that the numbers do not
show. A *child* is a person under 18 on the analysis date; adults at risk are *victims*
("adult victims"), never children; "people at risk" covers both. Pure functions: numbers in,
sentences out.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence

import networkx as nx

from graphintel.analysis.communities import CommunityLink
from graphintel.analysis.linkage import VictimLink

__all__ = [
    "CommunityLink",
    "central_rank",
    "functional_roles",
    "good_grading",
    "latest_report_date",
    "reasons_for",
    "recent_good_reports",
    "roles_text",
]

_GRADING = re.compile(r"^\s*([1-3])\s*([A-E])")


def good_grading(code: str | None) -> bool:
    """True for a 3x5x2 grading of 2B or better: source 1-2 and intelligence A-B.

    5x5x5 codes (written ``5x5x5:...``) are a different scheme and never count.

    >>> [good_grading(c) for c in ("2BP", "1A C", "2C", "3AP", "5x5x5:B24", None)]
    [True, True, False, False, False, False]
    """
    if not code or code.strip().lower().startswith("5x5x5"):
        return False
    m = _GRADING.match(code.upper())
    return m is not None and m.group(1) in "12" and m.group(2) in "AB"


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def latest_report_date(G: nx.Graph) -> str | None:
    """The latest report date mentioned on any person (ISO), the default "as of" date.

    >>> G = nx.Graph()
    >>> G.add_node("a", reports=[{"ref": "R1", "date": "2025-01-02"}])
    >>> G.add_node("b", reports=[{"ref": "R2", "date": "2025-03-04"}, {"ref": "R3"}])
    >>> latest_report_date(G)
    '2025-03-04'
    """
    dates = [d for n in G.nodes for r in G.nodes[n].get("reports") or []
             if (d := _date(r.get("date"))) is not None]
    return max(dates).isoformat() if dates else None


def recent_good_reports(G: nx.Graph, node: str, *, as_of: str | None,
                        recent_days: int = 90) -> int:
    """Distinct reports on the person graded 2B or better dated in the ``recent_days`` days
    up to and including ``as_of`` (as_of - recent_days <= date <= as_of).

    >>> G = nx.Graph()
    >>> G.add_node("a", reports=[{"ref": "R1", "date": "2025-03-01", "grading": "2BP"},
    ...                          {"ref": "R2", "date": "2024-01-01", "grading": "1AP"},
    ...                          {"ref": "R3", "date": "2025-02-01", "grading": "3CP"}])
    >>> recent_good_reports(G, "a", as_of="2025-03-04")
    1
    """
    end = _date(as_of)
    if end is None:
        return 0
    start = end - dt.timedelta(days=recent_days)
    refs = set()
    for r in G.nodes[node].get("reports") or []:
        d = _date(r.get("date"))
        if d is not None and start <= d <= end and good_grading(r.get("grading")):
            refs.add(r.get("ref"))
    return len(refs)


def central_rank(pagerank: dict[str, float]) -> dict[str, int]:
    """Rank 1..n by PageRank, highest first, ties by key.

    >>> central_rank({"a": 0.2, "b": 0.5, "c": 0.2})
    {'b': 1, 'a': 2, 'c': 3}
    """
    order = sorted(pagerank, key=lambda n: (-pagerank[n], n))
    return {n: i for i, n in enumerate(order, start=1)}


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def _networks(ids: Sequence[int]) -> str:
    names = [str(i) for i in ids]
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def roles_text(*, controls: int = 0, supplies: Sequence[Mapping[str, object]] = (),
               contacts: int = 0, drives: int = 0, hosts: int = 0,
               offenders_split: int = 0, hub: bool = True,
               exploited_led: int = 0) -> list[str]:
    """What the evidence suggests the person does in the network, one sentence per role.

    ``hub``: no offender linked to them is linked to more offenders in contact with people at
    risk (children or victims)
    (without it, ``controls`` alone never makes an organiser). ``exploited_led``: how many
    of ``controls`` are children or victims exploited into offending: they are named as
    such, never as suspects.

    >>> roles_text(controls=3, exploited_led=2)  # doctest: +NORMALIZE_WHITESPACE
    ['appears to organise: 1 suspect and 2 children or victims exploited into offending,
      in contact with people at risk, are linked to them']

    >>> roles_text(controls=4, supplies=[{"type": "vehicle"}, {"type": "vehicle"}])
    ... # doctest: +NORMALIZE_WHITESPACE
    ['appears to organise: 4 suspects in contact with people at risk are linked to them;
      supplies 2 vehicles used by others']
    >>> roles_text(contacts=3, drives=1, offenders_split=2)  # doctest: +NORMALIZE_WHITESPACE
    ['appears to recruit or groom: direct contact with 3 people at risk',
     'appears to drive: in a vehicle with 1 person at risk',
     'appears to broker: without them 2 pairs of offenders have no contact at all']
    """
    out: list[str] = []
    kinds = sorted({str(x.get("type")) for x in supplies})
    supply = "; ".join(
        "supplies " + _n(sum(1 for x in supplies if x.get("type") == k),
                         k if k != "premises" else "premises",
                         k + "s" if k != "premises" else "premises") + " used by others"
        for k in kinds)
    if hub and (controls >= 2 or (controls >= 1 and supplies)):
        adults = controls - exploited_led
        if exploited_led:
            who = " and ".join(x for x in (
                _n(adults, "suspect", "suspects") if adults else "",
                _n(exploited_led, "child or victim", "children or victims")
                + " exploited into offending") if x)
            text = (f"appears to organise: {who}, in contact with people at risk, "
                    + ("is" if controls == 1 else "are") + " linked to them")
        else:
            text = ("appears to organise: " + _n(controls, "suspect", "suspects")
                    + " in contact with people at risk " + ("is" if controls == 1 else "are")
                    + " linked to them")
        out.append(text + (f"; {supply}" if supply else ""))
    elif supply:
        out.append(f"appears to supply: {supply}")
    if contacts:
        out.append("appears to recruit or groom: direct contact with "
                   + _n(contacts, "person at risk", "people at risk"))
    if drives:
        out.append("appears to drive: in a vehicle with " + _n(drives, "person at risk",
                                                               "people at risk"))
    if hosts:
        out.append("appears to host: premises where " + _n(hosts, "person at risk was",
                                                             "people at risk were") + " seen")
    if offenders_split:
        out.append("appears to broker: without them " + _n(offenders_split, "pair", "pairs")
                   + " of offenders have no contact at all")
    return out


def functional_roles(roles: Sequence[str], supplies: bool = False) -> list[str]:
    """The roles named in :func:`roles_text` sentences, as short words (``organise``,
    ``supply``, ``recruit or groom``, ``drive``, ``host``, ``broker``); ``supplies``: the
    person supplies premises, vehicles or phones others use, which an organiser's sentence
    says after the organising and which is listed as a role of its own here too.

    >>> functional_roles(roles_text(controls=4, supplies=[{"type": "vehicle"}], contacts=1),
    ...                  supplies=True)
    ['organise', 'supply', 'recruit or groom']
    >>> functional_roles(roles_text(drives=2))
    ['drive']
    """
    seen = [r.split(":")[0].removeprefix("appears to ") for r in roles]
    if supplies and "supply" not in seen:
        seen.insert(1 if seen[:1] == ["organise"] else 0, "supply")
    return seen


def _linked_text(links: Sequence[VictimLink], k: int) -> list[str]:
    direct = [lk for lk in links if lk.contact]
    others = {lk.victim for lk in links if not lk.contact} - {lk.victim for lk in direct}
    out: list[str] = []
    if direct:
        kids = len({lk.victim for lk in direct if lk.child})
        adults = len({lk.victim for lk in direct if not lk.child})
        who = " and ".join(x for x in (
            _n(kids, "child", "children") if kids else "",
            _n(adults, "adult victim", "adult victims") if adults else "") if x)
        text = f"linked to {who} by direct evidence of contact"
        exploit = len({lk.victim for lk in direct if lk.direct_exploitation})
        if exploit:
            text += f", {exploit:,} by exploitation reports"
        out.append(text)
    if others:
        out.append(f"{_n(len(others), 'more person', 'more people')} at risk within "
                   f"{_n(k, 'link', 'links')} in their network, no direct evidence")
    return out


def reasons_for(*, links: Sequence[VictimLink] = (), k: int = 2, key_player_pairs: int = 0,
                community_links: Iterable[CommunityLink] = (),
                recent_reports: int = 0, recent_days: int = 90, rank: int | None = None,
                n_people: int = 0, roles: Sequence[str] = (), reach_share: float = 0.0,
                sole_contact: int = 0, cautions: Sequence[str] = ()) -> list[str]:
    """Sentences explaining a target, strongest evidence first.

    - ``cautions`` first (e.g. a victim as a child), then ``roles`` (:func:`roles_text`);
    - victims: ``links`` (from :func:`~graphintel.analysis.linkage.victim_links`): those with
      direct evidence of contact, then the others in the network;
    - ``reach_share``: the share of the offender network's reach to people at risk that removing
      them ends, and ``sole_contact`` people at risk whose only offender contact they are;
    - networks bridged: ``community_links`` as (a, b, sole), the person's own network included;
    - key player: ``key_player_pairs`` connections between suspects and people at risk
      (children or victims) of other people cut by removing the person;
    - intelligence: ``recent_reports`` graded 2B or better in the last ``recent_days`` days;
    - centrality: PageRank ``rank`` among ``n_people`` (said only for the top 5% / 1%).

    >>> lk = [VictimLink("s", "v1", 1, ("s", "v1"), 1.0, True, True),
    ...       VictimLink("s", "v2", 2, ("s", "a", "v2"), 0.5, False)]
    >>> reasons_for(links=lk, key_player_pairs=3, community_links=[(2, 5, True)],
    ...             recent_reports=7, rank=3, n_people=100)  # doctest: +NORMALIZE_WHITESPACE
    ['linked to 1 child by direct evidence of contact, 1 by exploitation reports',
     '1 more person at risk within 2 links in their network, no direct evidence',
     'the only link between networks 2 and 5',
     'removing them cuts 3 connections of suspects to people at risk through them',
     '7 reports graded 2B or better in the last 90 days',
     'among the 5% most central (rank 3 of 100)']
    """
    out: list[str] = [*cautions, *roles]
    out.extend(_linked_text(links, k))
    sole_text = (f"{_n(sole_contact, 'person at risk has', 'people at risk have')} no "
                 "other offender contact" if sole_contact else "")
    if reach_share >= 0.005:
        text = f"removing them ends {reach_share:.0%} of the network's reach to people at risk"
        out.append(f"{text}; {sole_text}" if sole_text else text)
    elif sole_text:
        out.append(sole_text)
    pairs = sorted(set(community_links))
    sole = [(a, b) for a, b, s in pairs if s]
    for a, b in sole:
        out.append(f"the only link between networks {a} and {b}")
    others = sorted({c for a, b, s in pairs if not s for c in (a, b)})
    if others:
        if len(others) == 2:
            out.append(f"links networks {_networks(others)}")
        else:
            out.append(f"links {len(others)} networks ({_networks(others)})")
    if key_player_pairs > 0:
        noun = _n(key_player_pairs, "connection", "connections")
        out.append(f"removing them cuts {noun} of suspects to people at risk through them")
    if recent_reports > 0:
        out.append(f"{_n(recent_reports, 'report', 'reports')} graded 2B or better in the last "
                   f"{_n(recent_days, 'day', 'days')}")
    if rank is not None and n_people > 0:
        for pct in (1, 5):
            if rank <= math.floor(n_people * pct / 100):
                out.append(f"among the {pct}% most central (rank {rank:,} of {n_people:,})")
                break
    return out
