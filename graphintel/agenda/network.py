"""One network's section: targets, children, places, vehicles and phones, tactics.

Every person, reference and fact passes through the :class:`~graphintel.agenda.view.View`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from graphintel.agenda import places as _places
from graphintel.agenda.model import Child, Limits, Network, TacticRow, Target
from graphintel.agenda.picture_spec import picture_spec
from graphintel.agenda.scope import Scope, episode, shown_episodes
from graphintel.agenda.stale import possibly_protected
from graphintel.agenda.tactics import Tactic, Tactics
from graphintel.agenda.timeline import timeline_spec
from graphintel.agenda.view import View
from graphintel.agenda.words import kinds_text, plural
from graphintel.clean.names import name_key
from graphintel.profile import trend_text

_LABEL = re.compile(r"^Network \d+ — around (?P<hub>.+) \(\d[\d,]* (?:person|people)\)$")


def link_visible(view: View, lv: dict[str, Any]) -> bool:
    """A target-child link is shown when every person and every hop on its path is."""
    if not view.partner:
        return True  # the internal profile shows every person and every fact
    if not all(view.visible(p["uid"]) for p in lv["path"]):
        return False
    return all(view.shown(h["refs"], "links", f"{h['from']}|{h['to']}") for h in lv["evidence"])


def _link_words(view: View, lv: dict[str, Any]) -> str:
    kinds = sorted({k for h in lv["evidence"] for k in h["kinds"]})
    refs = sorted({r for h in lv["evidence"] for r in h["refs"]})
    rows = sorted({r for h in lv["evidence"] for r in h.get("rows") or []})
    if lv["distance"] <= 1:
        hops = "direct"
    else:
        via = ", ".join(view.name(p["uid"]) for p in lv["path"][1:-1])
        hops = f"{lv['distance']} links via {via}"
    return f"{hops}: {kinds_text(kinds)}; {view.cited(refs, most=2, rows=rows)}"


def reasons(view: View, t: dict[str, Any]) -> list[str]:
    """The run's reasons. A partner agenda's targets come with theirs already re-read from
    what partners may see (:func:`graphintel.agenda.partner.partner_doc`: recounted, the
    network measures only where no withheld report touches the network, and a last line
    when some were left out)."""
    return list(t["reasons"])


def _trend_line(trend: list[dict[str, Any]]) -> list[str]:
    """``rank over the last 3 runs: ...`` when the person was analysed more than once."""
    if len(trend) < 2:
        return []
    return [f"rank over the last {len(trend)} runs: {trend_text(trend)}"]


def label(view: View, comm: dict[str, Any], members: list[str]) -> str:
    """The run's label; partners get it rebuilt so that no child or withheld name shows.
    A network is never named after a child or victim: when the graph now records its
    namesake as one (intelligence loaded since the run), or the run cautions that they may
    be one recorded apart (:attr:`View.apart`), the label names no one."""
    match = _LABEL.match(str(comm["label"]))
    if not view.partner and match is None:
        return str(comm["label"])
    shown = [m for m in members if view.visible(m)] if view.partner else members
    size = plural(len(shown), "person", "people")
    named: list[str] = []
    if match:
        wanted = name_key(match.group("hub"))
        named = [m for m in shown if name_key(view.person(m).get("name") or "") == wanted]
    # partners: never named after someone no shareable report assesses as a suspect
    hub = next((m for m in named if not view.protected(m) and view.may_call_suspect(m)), None)
    if not view.partner:
        # the run's label unless everyone of the namesake's name is now a child or victim
        return str(comm["label"]) if hub is not None or not named \
            else f"Network {comm['id']} ({size})"
    if hub is None:
        return f"Network {comm['id']} ({size})"
    return f"Network {comm['id']} — around {view.name(hub)} ({size})"


def _children(view: View, members: list[str], child_links: dict[str, list[tuple[dict[str, Any],
              dict[str, Any]]]]) -> list[str]:
    own = [m for m in members if view.is_child(m) and view.visible(m)]
    uids = set(own) | set(child_links)

    def key(uid: str) -> tuple[Any, ...]:
        links = child_links.get(uid, [])
        return (0 if links else 1, min((lv["distance"] for _, lv in links), default=99),
                -max((lv["strength"] for _, lv in links), default=0.0),
                -len(shown_episodes(view, uid)), uid)

    return sorted(uids, key=key)


def build_network(view: View, tactics: Tactics, limits: Limits, comm: dict[str, Any],
                  targets: list[dict[str, Any]], *, k: int, recent_days: int,
                  picture_name: str) -> tuple[Network, Scope] | None:
    """The section of one network, or None when it has no target or child to show."""
    members = [m["uid"] for m in comm["members"]]
    scope = Scope(members=[m for m in members if view.visible(m)])
    shown_t = [t for t in targets if view.visible(t["uid"])]
    links = {t["uid"]: [lv for lv in t["linked_victims"] if link_visible(view, lv)]
             for t in shown_t}
    child_links: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = defaultdict(list)
    for t in shown_t:
        for lv in links[t["uid"]]:
            child_links[lv["uid"]].append((t, lv))
    children = _children(view, members, child_links)
    if not shown_t and not children:
        return None
    scope.targets = [t["uid"] for t in shown_t[: limits.targets]]
    scope.paths = [[p["uid"] for p in lv["path"]] for t in shown_t[: limits.targets]
                   for lv in links[t["uid"]]]
    scope.children = children[: limits.children]
    local = [c for c in children if c in members
             or any(lv["distance"] <= 1 for _, lv in child_links.get(c, []))]
    places, more_places = _places.places(view, tactics, limits, scope, local)
    assets, more_assets = _places.assets(view, tactics, limits, scope)

    child_rows = []
    for uid in scope.children:
        eps = shown_episodes(view, uid)
        linked = [f"{view.name(t['uid'])} (rank {t['rank']}, "
                  f"{'direct' if lv['distance'] <= 1 else plural(lv['distance'], 'link')})"
                  for t, lv in child_links.get(uid, [])]
        child_rows.append(Child(
            name=view.name(uid), dob=view.dob(uid), nominal_ref=view.nominal_ref(uid),
            roles=view.roles(uid), linked_to=linked or ["in this network; no target linked"],
            episodes=[episode(view, uid, e) for e in eps[: limits.episodes]],
            episodes_total=len(eps)))

    target_rows: list[Target] = []
    tactic_rows: list[TacticRow] = []
    for t in shown_t[: limits.targets]:
        row, chosen = target_row(view, tactics, t, links[t["uid"]], scope, k=k,
                                 recent_days=recent_days)
        target_rows.append(row)
        tactic_rows.extend(TacticRow(row.name, c.name, c.basis, c.agency, c.description)
                           for c in chosen)
    more_rows = [target_row(view, tactics, t, links[t["uid"]], scope, k=k,
                            recent_days=recent_days)[0]
                 for t in shown_t[limits.targets: max(limits.targets, limits.evidence_targets)]]
    scores = [float(t["score"]) for t in shown_t]
    # "linked" alone means linked to a target by direct evidence; these are all at risk
    kids = (f"{plural(len(children), 'child or victim', 'children and victims')} in or "
            "linked to it")
    concern = (f"top score {max(scores):.1f}; {plural(len(shown_t), 'candidate target')}; "
               f"{kids}") if scores else f"no candidate target; {kids}"
    net = Network(
        id=int(comm["id"]), label=label(view, comm, members), size=len(scope.members),
        suspects=sum(1 for m in scope.members if view.suspect(m)),
        children_count=len(children), concern=concern, targets=target_rows,
        more_targets=max(0, len(shown_t) - limits.targets), children=child_rows,
        more_children=max(0, len(children) - limits.children), places=places,
        more_places=more_places, assets=assets, more_assets=more_assets, tactics=tactic_rows,
        appendix_targets=more_rows)
    net.direct_children = [view.name(c) for c in children
                           if any(lv["distance"] <= 1 for _, lv in child_links.get(c, []))]
    net.picture = picture_spec(view, limits, scope, net, picture_name)
    net.timeline = timeline_spec(view, scope, net,
                                 picture_name.replace("-network-", "-timeline-"))
    return net, scope


def target_row(view: View, tactics: Tactics, t: dict[str, Any], links: list[dict[str, Any]],
               scope: Scope, *, k: int, recent_days: int, network: str = "",
               paths: bool = True) -> tuple[Target, list[Tactic]]:
    """One candidate target as the agenda shows them (reasons, children linked, tactics),
    with the tactics chosen. ``links``: their links to children this profile may show;
    ``paths=False`` names no one on a link of more than one step (for a target whose
    network is not on the agenda: the people on those paths were not read)."""
    uid = t["uid"]
    facts = _target_facts(view, t, links, scope)
    age = view.age(uid)
    # possibly a child or victim recorded apart: nothing is proposed against them until
    # the pair is resolved (a pair listed as a possible duplicate, or one the run
    # cautions of in the reasons: scored lower, since a child wrongly targeted costs more)
    apart = uid in view.apart or possibly_protected(view, t)
    roles = view.role_list(uid) if view.partner else view.person(uid).get("roles") or []
    chosen = [] if apart else tactics.for_target(roles, age is None or age >= 18, facts)
    children = [f"{view.name(lv['uid'])} ({_link_words(view, lv)})"
                if paths or lv["distance"] <= 1
                else f"{view.name(lv['uid'])} ({plural(lv['distance'], 'link')})"
                for lv in links]
    return Target(
        rank=int(t["rank"]), name=view.name(uid), dob=view.dob(uid),
        nominal_ref=view.nominal_ref(uid), roles=view.roles(uid), score=float(t["score"]),
        reasons=reasons(view, t) + _trend_line(view.facts.trends.get(uid, [])),
        children=children, tactics=[c.name for c in chosen], key=f"target|{uid}",
        possibly_protected=apart, network=network), list(chosen)


def listed_targets(networks: Sequence[Network], others: Sequence[Target]) -> set[str]:
    """The keys (``target|<uid>``) of every candidate target Appendix A lists."""
    return {t.key for n in networks for t in (*n.targets, *n.appendix_targets)} | \
        {t.key for t in others}


def add_named_targets(view: View, tactics: Tactics, sections: Sequence[tuple[Network, Scope]],
                      doc_targets: dict[str, dict[str, Any]], named: Iterable[str],
                      others: list[Target], *, k: int, recent_days: int) -> None:
    """List in Appendix A every candidate target of ``named`` (uids the pack names
    elsewhere) that it does not list yet: in their network's list when the network is on
    the agenda, else in ``others``. Each is one lookup: no network is read again."""
    by_id = {n.id: n for n, _ in sections}
    scopes = {n.id: s for n, s in sections}
    listed = listed_targets([n for n, _ in sections], others)
    wanted = sorted({u for u in named if u in doc_targets and f"target|{u}" not in listed
                     and view.visible(u)}, key=lambda u: (int(doc_targets[u]["rank"]), u))
    touched: set[int] = set()
    for uid in wanted:
        t = doc_targets[uid]
        comm = int(t["community"])
        links = [lv for lv in t.get("linked_victims") or [] if link_visible(view, lv)]
        net = by_id.get(comm)
        if net is not None:
            row, _ = target_row(view, tactics, t, links, scopes[comm], k=k,
                                recent_days=recent_days)
            net.appendix_targets.append(row)
            touched.add(comm)
        else:
            row, _ = target_row(view, tactics, t, links, Scope(members=[]), k=k,
                                recent_days=recent_days,
                                network=f"Network {comm} (not on this agenda)", paths=False)
            others.append(row)
    for comm in touched:
        by_id[comm].appendix_targets.sort(key=lambda r: r.rank)
    others.sort(key=lambda r: r.rank)


#: The analysis's functional roles (``appears to organise: ...``) as tactics facts.
ROLE_FACTS = {"organise": "organises", "supply": "supplies", "recruit or groom": "recruits",
              "drive": "drives", "host": "hosts", "broker": "brokers"}


def _target_facts(view: View, t: dict[str, Any], links: list[dict[str, Any]],
                  scope: Scope) -> set[str]:
    uid = t["uid"]
    facts = {ROLE_FACTS[r] for r in t.get("functional_roles") or () if r in ROLE_FACTS}
    for lv in links:
        facts.add("linked_child")
        age = view.age(lv["uid"])
        family = lv["distance"] <= 1 and any("FAMILY_OF" in h["kinds"] for h in lv["evidence"])
        if age is None or age < 18:
            facts.add("linked_child_under_18")
            facts.add("linked_child_family" if family else "linked_child_under_18_not_family")
        if age is not None and age < 16:
            facts.add("linked_child_under_16")
        if lv["distance"] <= 1:
            facts.add("direct_link_to_child")
        if lv["direct_exploitation"] or any("EXPLOITS" in h["kinds"] for h in lv["evidence"]):
            facts.add("exploitation")
    if any(person == uid for _, person in scope.found_with):
        facts.add("found_with_missing_child")
    tied = {t["entity"] for t in view.facts.ties.get(uid, [])
            if view.shown(t["refs"], "ties", f"{uid}|{t['type']}|{t['entity']}")}
    labels = {t["entity"]: t["label"] for t in view.facts.ties.get(uid, [])}
    if any(labels.get(a) == "Vehicle" for a in tied & set(scope.assets)):
        facts.add("has_vehicle")
    if any(labels.get(a) == "Phone" for a in tied & set(scope.assets)):
        facts.add("has_phone")
    if tied & set(scope.places):
        facts.add("at_hotspot")
    return facts
