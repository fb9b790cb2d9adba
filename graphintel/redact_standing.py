"""Partner standing: what a partner output may say a person *is*, and which of the
analysis's evidence and reasons it may give.

The analysis ranks on every report, whatever its handling code. A partner output must hold
nothing that rests only on reports partners may not see (:mod:`graphintel.redact`), so the
parts of a run that *assert* something are re-read here from the reports partners may see:

- **roles**: a person's roles in a partner output are those some shareable report
  assesses (the roles of its mention of them). Protection does not work that way: anyone
  any report assesses as a victim, or who may be a child, is still withheld and
  pseudonymised (:meth:`graphintel.redact.Redactor.is_child`): a handling code never
  lowers a child's protection;
- **candidate targets**: only people some shareable report assesses as a suspect
  (:meth:`Standing.suspect`); the others are not shown as suspects or targets at all (no
  rank, tactics or network named after them) and are counted as withheld;
- **evidence**: each kind of evidence between two people (association, a shared phone,
  phone contact, ...) is kept only when the reports partners may see make it on their own
  (:func:`kinds_from_rows`: a phone contact needs the call *and* both people's use of the
  phones in shareable reports); a child linked only by withheld evidence is not linked;
- **reasons** (:func:`partner_reasons`): those that count evidence are recounted from what
  partners may see; the network measures (reach, fragmentation, brokerage, centrality,
  organising, supplying) cannot be attributed to reports, so they are given only when no
  withheld report mentions the target, a member of their network, or anything the target
  holds; otherwise the reasons end by saying some were withheld.

Reading is two queries (``partner_people``, which tests the handling of the reports it
names itself, and ``partner_pair_evidence``) plus the handling of any other report they
name (``partner_handling_of``): every version of a report must permit sharing
(:mod:`graphintel.redact`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from graphintel.analysis.linkage import VictimLink
from graphintel.analysis.projection import TIE_KINDS
from graphintel.analysis.reasons import good_grading, reasons_for
from graphintel.analysis.weights import CONTACT_KINDS

#: Appended to a partner target's reasons when some were left out.
REASONS_WITHHELD = ("some reasons withheld: they rest on intelligence whose handling code "
                    "does not permit sharing")
#: Reasons recounted from the evidence partners may see (the others are network measures).
_CHILD_CAUTION = re.compile(r"^caution: was assessed as a victim as a child \((?P<refs>[^)]*)\);"
                            r"(?P<rest>.*)$")
_APART_CAUTION = re.compile(r"^caution: possibly the same person as a child or victim")
_LINKED = re.compile(r"^linked to \d")
_RECENT = re.compile(r"\breports? graded 2B or better in the last\b")
_GROOM = re.compile(r"^appears to recruit or groom:")
_DRIVE = re.compile(r"^appears to drive:")
_ROLE = re.compile(r"^appears to (?P<role>[a-z ]+):")
#: Functional roles recounted from the evidence partners may see.
COUNTED_ROLES = ("recruit or groom", "drive")
_RIDING = ("DRIVES", "PASSENGER_IN")

Pair = tuple[str, str]


def pair_key(a: str, b: str) -> Pair:
    """The key of an unordered pair of people."""
    return (a, b) if a <= b else (b, a)


@dataclass
class Standing:
    """What the reports partners may see say about people and the evidence between them."""

    #: uid -> the roles shareable reports assess.
    roles: dict[str, frozenset[str]] = field(default_factory=dict)
    #: uid -> whether a withheld report mentions them, or is behind a link at them or a
    #: call, message or sighting of a phone, account or vehicle they hold.
    touched: dict[str, bool] = field(default_factory=dict)
    #: uid -> the shareable reports mentioning them, with their date and grading.
    reports: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: pair -> kind of evidence -> the shareable reports it rests on (pairs read only).
    kinds: dict[Pair, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    #: report ref -> whether partners may see it (the refs the standing needed).
    handling: dict[str, bool] = field(default_factory=dict)

    def known(self, uid: str) -> bool:
        return uid in self.roles

    def suspect(self, uid: str) -> bool:
        """Whether some shareable report assesses ``uid`` as a suspect."""
        return "suspect" in self.roles.get(uid, frozenset())

    def shown_roles(self, uid: str) -> list[str]:
        return sorted(self.roles.get(uid, frozenset()))

    def clean(self, uids: Iterable[str]) -> bool:
        """No withheld report mentions any of ``uids`` or what they hold (a person not read
        counts as touched: default deny)."""
        return not any(self.touched.get(u, True) for u in uids)

    def pair(self, a: str, b: str) -> dict[str, tuple[str, ...]]:
        return self.kinds.get(pair_key(a, b), {})

    def shareable(self, ref: str) -> bool:
        return self.handling.get(ref, False)


# -- reading ---------------------------------------------------------------------------------

def read_people(store: Any, standing: Standing, uids: Iterable[str]) -> None:
    """Add the roles and mentions of ``uids`` (those not read yet) to ``standing``.

    One query: ``partner_people`` makes the handling test itself (that of
    ``partner_handling``) and names the reports partners may not see, so whether partners
    may see each report mentioning the people (and some withheld behind what is at them)
    comes with them, and no report's handling is read again."""
    wanted = sorted({str(u) for u in uids if str(u).startswith("Person:")}
                    - set(standing.roles))
    if not wanted:
        return
    add_people(standing, wanted, store.read("partner_people", uids=wanted))


def add_people(standing: Standing, wanted: Iterable[str],
               rows: Iterable[Mapping[str, Any]]) -> None:
    """Add ``partner_people`` rows read for ``wanted`` (person uids) to ``standing``: the
    roles and reports of the mentions partners may see; touched when any report the row
    names is withheld."""
    handling = standing.handling
    for row in rows:
        mentions = row["mentions"] or []
        withheld = set(row["withheld"] or [])
        for m in mentions:
            if isinstance(m["ref"], str):
                handling[m["ref"]] = m["ref"] not in withheld
        handling.update((r, False) for r in withheld if isinstance(r, str))
        shared = [m for m in mentions if m["ref"] is not None and m["ref"] not in withheld]
        # a suspect only by intelligence graded as suspected false (E; 5 in 5x5x5) is no
        # suspect to partners, as the analysis takes none (a victim role there still counts)
        standing.roles[row["uid"]] = frozenset(
            r for m in shared for r in m.get("roles") or []
            if not (r == "suspect" and m.get("strength") is not None
                    and float(m["strength"]) == 0.0))
        standing.reports[row["uid"]] = shared
        standing.touched[row["uid"]] = bool(withheld)
    for uid in wanted:  # not in the graph: nothing may be said of them
        standing.roles.setdefault(uid, frozenset())
        standing.touched.setdefault(uid, True)


def read_handling(store: Any, standing: Standing, refs: Iterable[str]) -> None:
    """Add whether partners may see each of ``refs`` (those not known yet)."""
    wanted = sorted({str(r) for r in refs} - set(standing.handling))
    if wanted:
        standing.handling.update((r["ref"], bool(r["shareable"]))
                                 for r in store.read("partner_handling_of", refs=wanted))
        standing.handling.update((r, False) for r in wanted if r not in standing.handling)


def pairs_wanted(standing: Standing, pairs: Iterable[Pair]) -> list[Pair]:
    """The pairs of ``pairs`` (of two people) whose evidence is not read yet, as keys."""
    return sorted({pair_key(a, b) for a, b in pairs if a != b} - set(standing.kinds))


def read_pair_rows(store: Any, wanted: Sequence[Pair]) -> list[dict[str, Any]]:
    """The ``partner_pair_evidence`` rows of the pairs ``wanted`` (:func:`pairs_wanted`)."""
    if not wanted:
        return []
    return store.read("partner_pair_evidence", pairs=[list(p) for p in wanted])


def add_pairs(store: Any, standing: Standing, wanted: Sequence[Pair],
              rows: Iterable[Mapping[str, Any]]) -> None:
    """Add the kinds of evidence of ``rows`` (:func:`read_pair_rows` of ``wanted``) to
    ``standing``, reading the handling of the reports behind them not known yet."""
    rows = list(rows)
    read_handling(store, standing, (ref for row in rows for ref in _row_refs(row)))
    for row in rows:
        standing.kinds[pair_key(row["a"], row["b"])] = kinds_from_rows(
            row, standing.shareable)
    for p in wanted:
        standing.kinds.setdefault(p, {})


def read_pairs(store: Any, standing: Standing, pairs: Iterable[Pair]) -> None:
    """Add the kinds of evidence shareable reports make between each pair (not read yet)."""
    wanted = pairs_wanted(standing, pairs)
    if wanted:
        add_pairs(store, standing, wanted, read_pair_rows(store, wanted))


def _row_refs(row: Mapping[str, Any]) -> set[str]:
    refs = {r for d in row["direct"] or [] for r in d["refs"] or []}
    for part, keys in (("ties", ("a_refs", "b_refs")), ("contacts", ("refs", "a_refs", "b_refs")),
                       ("sightings", ("a_refs", "b_refs"))):
        refs |= {r for x in row[part] or [] for k in keys for r in x[k] or []}
    return refs


def kinds_from_rows(row: Mapping[str, Any], ok: Callable[[str], bool]
                    ) -> dict[str, tuple[str, ...]]:
    """The kinds of evidence between a pair (a ``partner_pair_evidence`` row) that the
    reports ``ok`` accepts make on their own, as the analysis projection makes them
    (:mod:`graphintel.analysis.projection`), each with those reports.

    >>> row = {"direct": [{"type": "ASSOCIATE_OF", "refs": ["P1"]}],
    ...        "ties": [], "sightings": [],
    ...        "contacts": [{"kind": "phone_contact", "refs": ["P2"], "a_refs": ["C1"],
    ...                      "b_refs": ["P3"], "via": []}]}
    >>> kinds_from_rows(row, lambda r: r.startswith("P"))
    {'ASSOCIATE_OF': ('P1',)}
    """
    out: dict[str, set[str]] = {}

    def add(kind: str, refs: Iterable[str]) -> None:
        out.setdefault(kind, set()).update(refs)

    for d in row["direct"] or []:
        if refs := [r for r in d["refs"] or [] if ok(r)]:
            add(str(d["type"]), refs)
    by_entity: dict[str, dict[str, Any]] = {}
    for t in row["ties"] or []:
        e = by_entity.setdefault(t["entity"], {"label": t["label"], "a": {}, "b": {}})
        for side in ("a", "b"):
            if refs := [r for r in t[f"{side}_refs"] or [] if ok(r)]:
                e[side].setdefault(t[f"{side}_type"], set()).update(refs)
    for e in by_entity.values():
        if not (e["a"] and e["b"]) or not all(k in TIE_KINDS for s in "ab" for k in e[s]):
            continue
        kinds_a, kinds_b = set(e["a"]), set(e["b"])
        if e["label"] == "Location":
            kind = "shared_address" if "LIVES_AT" in kinds_a & kinds_b else "shared_place"
        else:
            kind = TIE_KINDS[sorted(kinds_a | kinds_b)[0]]
        add(kind, {r for s in "ab" for refs in e[s].values() for r in refs})
        if e["label"] == "Vehicle":
            same = ({r for k in _RIDING for r in e["a"].get(k, ())}
                    & {r for k in _RIDING for r in e["b"].get(k, ())})
            if same:
                add("together_in_vehicle", same)
    for c in row["contacts"] or []:
        parts = [[r for r in c[k] or [] if ok(r)] for k in ("refs", "a_refs", "b_refs")]
        if all(parts):
            add(str(c["kind"]), {r for p in parts for r in p})
    for s in row["sightings"] or []:
        seen = [[r for r in s[k] or [] if ok(r)] for k in ("a_refs", "b_refs")]
        if all(seen):
            add("co_sighting", {r for p in seen for r in p})
    return {k: tuple(sorted(v)) for k, v in sorted(out.items())}


# -- links to children ----------------------------------------------------------------------

def partner_link(lv: Mapping[str, Any], standing: Standing) -> dict[str, Any] | None:
    """A target's link to a child or victim (the run's ``linked_victims`` entry) as partners
    may see it: each hop keeps the kinds of evidence shareable reports make on their own,
    and cites only those reports; None when a hop keeps none, or a direct link keeps no
    contact (the child is then not linked, for partners, by direct evidence)."""
    hops = []
    for h in lv.get("evidence") or []:
        made = standing.pair(str(h["from"]), str(h["to"]))
        kinds = [k for k in h.get("kinds") or [] if k in made]
        if not kinds:
            return None
        # cite the reports the analysis weighed (its window) among those that make the
        # kinds kept; the others when it weighed none of them (a use of a phone is no call)
        making = {r for k in kinds for r in made[k]}
        refs = sorted(making & set(h.get("refs") or ()) or making)
        hop = {**h, "kinds": kinds, "refs": refs, "grading": None}
        if h.get("rows"):
            hop["rows"] = [x for x in h["rows"] if str(x).split("#L", 1)[0] in refs]
        hops.append(hop)
    if not hops:
        return None
    kept = {k for h in hops for k in h["kinds"]}
    contact = bool(kept & CONTACT_KINDS) if int(lv["distance"]) <= 1 else bool(lv.get("contact"))
    if int(lv["distance"]) <= 1 and not contact:
        return None
    return {**lv, "evidence": hops, "contact": contact,
            "direct_exploitation": bool(lv.get("direct_exploitation"))
            and "EXPLOITS" in hops[0]["kinds"] and int(lv["distance"]) <= 1}


def pair_link(target: str, lv: Mapping[str, Any], standing: Standing) -> dict[str, Any] | None:
    """A direct link of the run (read without its evidence path: a chart's) as partners may
    see it: the kinds shareable reports make between the two people on their own; None when
    they make no contact."""
    made = standing.pair(target, str(lv["uid"]))
    kinds = sorted(k for k in made if k in CONTACT_KINDS)
    if int(lv.get("distance") or 1) > 1 or not kinds:
        return None
    refs = sorted({r for k in kinds for r in made[k]})
    hop = {"from": target, "to": lv["uid"], "kinds": kinds, "via": [], "refs": refs,
           "grading": None}
    return {**lv, "evidence": [hop], "contact": True,
            "direct_exploitation": "EXPLOITS" in kinds}


# -- reasons ---------------------------------------------------------------------------------

def recent_reports(standing: Standing, uid: str, as_of: str | None, days: int) -> int:
    """Shareable reports graded 2B or better mentioning ``uid`` in the ``days`` to ``as_of``
    (the analysis's count of recent intelligence, on what partners may see)."""
    try:
        end = date.fromisoformat(str(as_of)[:10])
    except ValueError:
        return 0
    start = end - timedelta(days=days)
    refs = set()
    for r in standing.reports.get(uid, []):
        try:
            day = date.fromisoformat(str(r.get("date"))[:10])
        except ValueError:
            continue
        if start <= day <= end and good_grading(r.get("grading")):
            refs.add(r["ref"])
    return len(refs)


@dataclass(frozen=True)
class PartnerReasons:
    """A target's reasons and functional roles as a partner output gives them."""

    reasons: list[str]
    roles: list[str]
    #: Whether any of the run's reasons was left out.
    cut: bool


def partner_reasons(t: Mapping[str, Any], links: Sequence[Mapping[str, Any]],
                    standing: Standing, *, k: int, recent: int, recent_days: int,
                    network: Iterable[str]) -> PartnerReasons:
    """The run's reasons for target ``t`` that partners may be given (see the module
    docstring). ``links``: their links to children as partners see them
    (:func:`partner_link`); ``recent``: the shareable recent reports
    (:func:`recent_reports`); ``network``: the members of their network."""
    measures = standing.clean([str(t["uid"]), *network])
    direct = [lv for lv in links if lv.get("contact") and int(lv["distance"]) <= 1]
    counted = {"recruit or groom": len(direct),
               "drive": sum(1 for lv in direct
                            if "together_in_vehicle" in lv["evidence"][0]["kinds"])}
    out: list[str] = []
    cut = False
    for reason in t.get("reasons") or []:
        child = _CHILD_CAUTION.match(reason)
        role = _ROLE.match(reason)
        if child:
            refs = [r.strip() for r in child.group("refs").split(",")
                    if standing.shareable(r.strip())]
            if refs:
                out.append(f"caution: was assessed as a victim as a child ({', '.join(refs)});"
                           f"{child.group('rest')}")
            else:
                # the fact and its reports are withheld; the safeguarding advice is not
                out.append("caution: consider trauma-informed, safeguarding-led disruption")
                cut = True
        elif _APART_CAUTION.match(reason):
            out.append(reason)  # protective: a possible child, by words that name no value
        elif _LINKED.match(reason):
            vl = [VictimLink(str(t["uid"]), str(lv["uid"]), int(lv["distance"]),
                             tuple(str(p["uid"]) for p in lv.get("path") or ()),
                             float(lv.get("strength") or 0), bool(lv["direct_exploitation"]),
                             bool(lv.get("contact")), bool(lv.get("child", True)))
                  for lv in links]
            shown = reasons_for(links=vl, k=k)[:1]
            out.extend(shown)
            cut = cut or not shown
        elif _RECENT.search(reason):
            shown = reasons_for(recent_reports=recent, recent_days=recent_days)
            out.extend(shown)
            cut = cut or not shown
        elif role and role.group("role") in COUNTED_ROLES:
            n = counted[role.group("role")]
            words = "person at risk" if n == 1 else "people at risk"
            if n and _GROOM.match(reason):
                out.append(f"appears to recruit or groom: direct contact with {n:,} {words}")
            elif n and _DRIVE.match(reason):
                out.append(f"appears to drive: in a vehicle with {n:,} {words}")
            cut = cut or not n
        elif measures:
            out.append(reason)
        else:
            cut = True
    roles = [r for r in t.get("functional_roles") or []
             if (r in COUNTED_ROLES and counted[r]) or (r not in COUNTED_ROLES and measures)]
    if cut:
        out.append(REASONS_WITHHELD)
    return PartnerReasons(out, roles, cut)


# -- the run's targets ------------------------------------------------------------------------

def caution_refs(targets: Iterable[Mapping[str, Any]]) -> set[str]:
    """The reports the targets' cautions cite (a victim as a child)."""
    return {r.strip() for t in targets for reason in t.get("reasons") or []
            if (found := _CHILD_CAUTION.match(reason)) for r in found.group("refs").split(",")}


def target_reads(targets: Sequence[Mapping[str, Any]], members: Mapping[int, Sequence[str]],
                 *, evidence: bool = True) -> tuple[set[str], set[Pair], set[str]]:
    """What :func:`read_targets` reads for ``targets``: the people (the targets, the
    members of their networks, the children they are linked to), the pairs whose evidence
    is read (each hop with ``evidence``, else target and child of each direct link) and
    the reports their cautions cite."""
    uids = {str(t["uid"]) for t in targets}
    uids |= {u for t in targets for u in members.get(int(t.get("community") or 0), ())}
    uids |= {str(lv["uid"]) for t in targets for lv in t.get("linked_victims") or []}
    if evidence:
        pairs = {(str(h["from"]), str(h["to"])) for t in targets
                 for lv in t.get("linked_victims") or [] for h in lv.get("evidence") or []}
    else:
        pairs = {(str(t["uid"]), str(lv["uid"])) for t in targets
                 for lv in t.get("linked_victims") or [] if int(lv.get("distance") or 1) <= 1}
    return uids, pairs, caution_refs(targets)


def read_targets(store: Any, standing: Standing, targets: Sequence[Mapping[str, Any]],
                 members: Mapping[int, Sequence[str]], *, evidence: bool = True) -> None:
    """Read what :func:`partner_targets` needs for ``targets`` (the run's): their roles, the
    members of their networks (``members``: network id -> uids), their links to children
    (each hop with ``evidence``, else target and child) and the reports their cautions cite
    (:func:`target_reads`)."""
    uids, pairs, refs = target_reads(targets, members, evidence=evidence)
    read_people(store, standing, uids)
    read_pairs(store, standing, pairs)
    read_handling(store, standing, refs)


@dataclass
class PartnerTargets:
    """The run's candidate targets as a partner output shows them."""

    #: The targets partners may see, each with roles, links, reasons and functional roles
    #: as :func:`partner_targets` re-reads them (``reasons_cut``: whether any was left out).
    shown: list[dict[str, Any]] = field(default_factory=list)
    #: uids of the candidate targets withheld: no shareable report assesses them a suspect.
    withheld: list[str] = field(default_factory=list)


def partner_targets(targets: Sequence[Mapping[str, Any]], standing: Standing, *,
                    members: Mapping[int, Sequence[str]], k: int, as_of: str | None,
                    recent_days: int, evidence: bool = True) -> PartnerTargets:
    """The run's ``targets`` as partners may see them (see the module docstring), after
    :func:`read_targets`. ``evidence``: the links carry their evidence paths (an agenda's);
    without, each direct link is re-read between target and child (a chart's)."""
    out = PartnerTargets()
    for t in targets:
        uid = str(t["uid"])
        if not standing.suspect(uid):
            out.withheld.append(uid)
            continue
        raw = [lv for lv in t.get("linked_victims") or []]
        made = [partner_link(lv, standing) if evidence else pair_link(uid, lv, standing)
                for lv in raw]
        links = [lv for lv in made if lv is not None]
        why = partner_reasons(t, links, standing, k=k,
                              recent=recent_reports(standing, uid, as_of, recent_days),
                              recent_days=recent_days,
                              network=members.get(int(t.get("community") or 0), ()))
        out.shown.append({**t, "roles": standing.shown_roles(uid), "linked_victims": links,
                          "reasons": why.reasons, "functional_roles": why.roles,
                          "reasons_cut": why.cut})
    return out


__all__ = ["REASONS_WITHHELD", "PartnerReasons", "PartnerTargets", "Standing", "add_pairs",
           "add_people", "caution_refs", "kinds_from_rows", "pair_key", "pair_link",
           "pairs_wanted", "partner_link", "partner_reasons", "partner_targets",
           "read_handling", "read_pair_rows", "read_pairs", "read_people", "read_targets",
           "recent_reports", "target_reads"]
