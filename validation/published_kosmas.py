"""Kosmas et al. (2023) synthetic sex-trafficking networks into canonical reports.

Every node is a Person with ``nominal_ref`` ``HT<net>-<label>`` (e.g. ``HT5_4-7``) and a
fictional name and a date of birth. Roles: trafficker -> suspect (aged 24-43); adult or
minor victim -> victim, aged 19-30 or 13-16 on 2026-01-01 (minors stay under 18 throughout
2026); bottom (a victim who works for the trafficker, aged 19-30) -> victim in the edge
reports plus two assessment reports of her own, one as victim and one as suspect, so she ends
with both roles. Each edge becomes one report with an
ASSOCIATE_OF link: the generator's edge colour/lty codes are undocumented, so they are kept
as a note and no exploitation is asserted.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import networkx as nx

from validation.published_common import Converted, checked, grading, person, spread_dates

SOURCE_SYSTEM = "kosmas-synthetic"
GRADING = grading("2", "B", "P")
YEAR = 2025  # report dates are spread over this year
AGE_ON = dt.date(2026, 1, 1)  # the ages below hold on this day
# Minors are 13-16 on 2026-01-01 (inside the 13-17 asked for) so that they stay under 18 on
# any analysis date in 2025 or 2026; a 17-year-old would turn 18 during 2026.
AGES = {"trafficker": (24, 43), "victim, adult": (19, 30), "bottom": (19, 30),
        "victim, minor": (13, 16)}
ROLE_OF = {"trafficker": "suspect", "victim, adult": "victim", "victim, minor": "victim",
           "bottom": "victim"}
CITATION = ("Kosmas, D., Melander, C., Singerhouse, E., Sharkey, T. C., Maass, K. L., "
            "Barrick, K. & Martin, L. (2023). A transdisciplinary approach for generating "
            "synthetic but realistic domestic sex trafficking networks. IISE Transactions. "
            "https://doi.org/10.1080/24725854.2023.2169418")
ACKNOWLEDGEMENT = ("We recognize that our research cannot capture all the complexities of the "
                   "lived experiences of trafficking victims and survivors.")
FIRST_NAMES = (
    "Abbie", "Bethany", "Casey", "Dana", "Ellis", "Frankie", "Gemma", "Harley", "Imogen",
    "Jade", "Kerry", "Leah", "Morgan", "Nadia", "Olivia", "Paige", "Quinn", "Riley", "Sasha",
    "Tegan", "Ursula", "Vicky", "Willow", "Xena", "Yasmin", "Zara", "Alex", "Brooke", "Callum",
    "Declan", "Erin", "Finley", "Grace", "Hayden", "Isla", "Jordan", "Kai", "Lacey", "Mason",
    "Niamh",
)
SURNAMES = ("Ashdown", "Brackley", "Cotterill", "Dunmore", "Eversley", "Fairweather",
            "Gillingham", "Hartwell", "Inchley", "Joyner", "Kettleby")
_NET = re.compile(r"HT(\d+_\d+)")


def network_id(graphml: Path) -> str:
    """``HT5_4_40.graphml`` -> ``"5_4"``."""
    found = _NET.match(Path(graphml).name)
    if not found:
        raise ValueError(f"{graphml}: not a Kosmas HT<a>_<b>_<n>.graphml file name")
    return found.group(1)


def fictional_name(net: str, label: int) -> str:
    """A made-up name, unique within a network (first names never repeat up to label 40)."""
    k = label - 1
    shift = sum(int(part) for part in net.split("_"))
    return f"{FIRST_NAMES[k % len(FIRST_NAMES)]} {SURNAMES[(3 * k + shift) % len(SURNAMES)]}"


def dob_for(role: str, label: int) -> str:
    """A date of birth giving an age in ``AGES[role]`` on 2026-01-01 (deterministic)."""
    low, high = AGES[role]
    age = low + (label * 7) % (high - low + 1)
    # Born in the year AGE_ON.year - age - 1, after 1 January: not yet had the birthday.
    born = dt.date(AGE_ON.year - age - 1, 1, 1) + dt.timedelta(days=1 + (label * 37) % 364)
    return born.isoformat()


def _label(value: Any) -> int:
    number = float(value)
    if not number.is_integer():
        raise ValueError(f"node label {value!r} is not a whole number")
    return int(number)


def kosmas(graphml: Path) -> Converted:
    """Convert one Kosmas GraphML network (``HT5_<k>_40.graphml``)."""
    graphml = Path(graphml)
    net = network_id(graphml)
    g = nx.read_graphml(graphml, force_multigraph=True)
    if g.is_directed():
        raise ValueError(f"{graphml}: expected an undirected network")
    labels: dict[str, int] = {}
    roles: dict[str, str] = {}
    for node, data in g.nodes(data=True):
        labels[node] = _label(data.get("label", str(node).lstrip("n")))
        roles[node] = str(data.get("role", "")).strip()
        if roles[node] not in ROLE_OF:
            raise ValueError(f"{graphml}: node {node} has unknown role {roles[node]!r}")
    if len(set(labels.values())) != len(labels):
        raise ValueError(f"{graphml}: node labels repeat")

    def ref(node: str) -> str:
        return f"HT{net}-{labels[node]}"

    def ent(eid: str, node: str, role: str) -> dict[str, Any]:
        return person(eid, fictional_name(net, labels[node]), ref(node), role,
                      dob_for(roles[node], labels[node]))

    edges = sorted(((u, v, d) for u, v, d in g.edges(data=True)),
                   key=lambda e: tuple(sorted((labels[e[0]], labels[e[1]]))))
    bottoms = sorted((n for n in g if roles[n] == "bottom"), key=labels.__getitem__)
    isolates = sorted(nx.isolates(g), key=labels.__getitem__)
    dates = iter(spread_dates(len(edges) + 2 * len(bottoms) + len(isolates), YEAR))
    source = f"Kosmas et al. (2023) synthetic network HT{net}"
    reports: list[dict[str, Any]] = []

    def report(ref_: str, narrative: str, entities: list[dict[str, Any]],
               links: list[dict[str, Any]]) -> None:
        reports.append({"ref": ref_, "date": next(dates), "grading": dict(GRADING),
                        "author": source, "source_system": SOURCE_SYSTEM,
                        "narrative": narrative, "entities": entities, "links": links})

    for i, (u, v, data) in enumerate(edges, start=1):
        a, b = sorted((u, v), key=labels.__getitem__)
        link: dict[str, Any] = {"from": "e1", "to": "e2", "type": "ASSOCIATE_OF"}
        codes = [f"{k} {data[k]}" for k in ("color", "lty") if k in data]
        if codes:
            link["note"] = f"generator edge code {', '.join(codes)} (meaning undocumented)"
        report(f"HT{net}/E/{i:04d}",
               f"{fictional_name(net, labels[a])} and {fictional_name(net, labels[b])} are "
               "known to associate; the nature of the relationship is not recorded.",
               [ent("e1", a, ROLE_OF[roles[a]]), ent("e2", b, ROLE_OF[roles[b]])], [link])
    for i, node in enumerate(bottoms, start=1):
        name = fictional_name(net, labels[node])
        for j, role in enumerate(("victim", "suspect")):
            report(f"HT{net}/A/{2 * i - 1 + j:04d}",
                   f"Assessment of {name}: exploited by a trafficker and also working for "
                   f"the trafficker (a 'bottom'); assessed in this report as {role}.",
                   [ent("e1", node, role)], [])
    for i, node in enumerate(isolates, start=1):
        report(f"HT{net}/N/{i:04d}", f"{fictional_name(net, labels[node])} is known; no "
               "associations are recorded.", [ent("e1", node, ROLE_OF[roles[node]])], [])

    ordered = sorted(g, key=labels.__getitem__)

    def refs_with(*wanted: str) -> list[str]:
        return [ref(n) for n in ordered if roles[n] in wanted]

    truth: dict[str, Any] = {
        "dataset": "kosmas",
        "network": f"HT{net}",
        "file": graphml.name,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "roles": {ref(n): roles[n] for n in ordered},
        "assessed_roles": {ref(n): (["suspect", "victim"] if roles[n] == "bottom"
                                    else [ROLE_OF[roles[n]]]) for n in ordered},
        "traffickers": refs_with("trafficker"),
        "bottoms": refs_with("bottom"),
        "minors": refs_with("victim, minor"),
        "adult_victims": refs_with("victim, adult"),
        "victims": refs_with("victim, adult", "victim, minor", "bottom"),
        "ages_on": AGE_ON.isoformat(),
        "citation": CITATION,
        "acknowledgement": ACKNOWLEDGEMENT,
    }
    return Converted(checked(reports), truth)
