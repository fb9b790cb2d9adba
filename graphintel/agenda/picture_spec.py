"""What a network's picture shows: nodes with labels already redacted, and the links
between them that the profile may show. :mod:`graphintel.agenda.picture` draws it."""

from __future__ import annotations

from graphintel.agenda.model import Limits, Network, Picture, PictureNode
from graphintel.agenda.scope import Scope
from graphintel.agenda.view import View
from graphintel.agenda.words import plural, short


def picture_spec(view: View, limits: Limits, scope: Scope, net: Network,
                 file_name: str) -> Picture | None:
    """Targets, children, places, vehicles and phones of the section, then the people on
    the paths from targets to children, then other members, up to
    ``limits.picture_nodes``; the links among them (direct links, ties to places, vehicles
    and phones, children found with someone or somewhere, and the hops of each path)."""
    keyed: dict[str, PictureNode] = {}

    def add(key: str, node: PictureNode) -> None:
        if key not in keyed and len(keyed) < limits.picture_nodes:
            keyed[key] = node

    for uid in scope.targets:
        add(uid, PictureNode(view.name(uid), "target"))
    for uid in scope.children:
        add(uid, PictureNode(view.name(uid), "child"))
    for uid, place in zip(scope.places, net.places, strict=False):
        add(uid, PictureNode(short(place.address), "place"))
    for uid, asset in zip(scope.assets, net.assets, strict=False):
        add(uid, PictureNode(asset.key, asset.kind.lower()))
    on_paths = [uid for path in scope.paths for uid in path]
    for uid in (*on_paths, *scope.members):
        kind = "child" if view.is_child(uid) else \
            "suspect" if view.suspect(uid) else "person"
        add(uid, PictureNode(view.name(uid), kind))

    pairs: set[tuple[str, str]] = set()
    for link in view.facts.links_touching(keyed):
        a, b = link["a"], link["b"]
        if a in keyed and b in keyed and a != b and view.shown(
                link["refs"], "links", f"{a}|{b}|{link['type']}"):
            pairs.add((min(a, b), max(a, b)))
    for uid in scope.members:
        if uid not in keyed:
            continue
        for tie in view.facts.ties.get(uid, []):
            if tie["entity"] not in keyed or (tie["type"] == "LIVES_AT" and view.is_child(uid)
                                              and view.partner):
                continue
            if view.shown(tie["refs"], "ties", f"{uid}|{tie['type']}|{tie['entity']}"):
                pairs.add((min(uid, tie["entity"]), max(uid, tie["entity"])))
    hops = [(a, b) for path in scope.paths for a, b in zip(path, path[1:], strict=False)]
    for a, b in (*scope.found_with, *scope.found_at, *hops):
        if a in keyed and b in keyed and a != b:
            pairs.add((min(a, b), max(a, b)))

    # Anything tied to nothing else shown is dropped: a lone phone in a corner says nothing.
    linked = {x for pair in pairs for x in pair}
    keys = [k for k in keyed if k in linked]
    if len(keys) < 2:
        return None
    index = {k: i for i, k in enumerate(keys)}
    edges = sorted((index[a], index[b]) for a, b in pairs if a in index and b in index)
    nodes = [keyed[k] for k in keys]
    shown_people = [k for k in keys
                    if keyed[k].kind in {"target", "child", "suspect", "person"}]
    people = len(shown_people)
    # children linked to the network and people on the paths to them may belong to
    # another: the heading's count is the network's own members
    own = set(scope.members)
    outside = sum(1 for k in shown_people if k not in own)
    places = sum(1 for n in nodes if n.kind == "place")
    assets = sum(1 for n in nodes if n.kind in {"vehicle", "phone"})
    alt = (f"Picture of network {net.id}: {plural(people, 'person', 'people')}"
           + (f" ({outside} of them from outside the network)" if outside else "")
           + f", {plural(places, 'place')}, "
           f"{plural(assets, 'vehicle or phone', 'vehicles and phones')}"
           f", {plural(len(edges), 'link')}")
    return Picture(file_name=file_name, alt=alt, nodes=nodes, edges=edges)
