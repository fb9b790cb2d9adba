"""Assemble a scenario: networks of the four shapes, background noise, and the truth."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validation.files import write_dataset
from validation.scenarios.network import Net, new_net
from validation.scenarios.noise import background
from validation.scenarios.people import AS_OF, OFFENDER_ROLES
from validation.scenarios.report import World
from validation.scenarios.shapes_cse import organiser_at_distance, peer_recruitment
from validation.scenarios.shapes_other import county_lines, online_only

SHAPES = ("organiser_at_distance", "peer_recruitment", "online_only", "county_lines")
KEY_ROLES = frozenset({"organiser", "recruiter", "broker"})


@dataclass
class Scenario:
    """Canonical reports (FORMATS.md section 1) and the ground truth behind them."""

    seed: int
    reports: list[dict[str, Any]]
    truth: dict[str, Any]


def _shape_order(w: World, networks: int) -> list[str]:
    """Every shape once per block of four, in a shuffled order; several of each."""
    order: list[str] = []
    while len(order) < networks:
        block = list(SHAPES)
        w.rng.shuffle(block)
        order.extend(block)
    return order[:networks]


def _build(w: World, networks: int) -> list[Net]:
    nets: list[Net] = []
    first_lines = True
    for i, shape in enumerate(_shape_order(w, networks)):
        net = new_net(w, i, shape, w.towns[w.rng.randrange(len(w.towns))])
        if shape == "organiser_at_distance":
            organiser_at_distance(w, net)
        elif shape == "peer_recruitment":
            peer_recruitment(w, net)
        elif shape == "online_only":
            online_only(w, net)
        else:
            county_lines(w, net, ex_victim=first_lines)
            first_lines = False
        nets.append(net)
    return nets


def _finish_reports(w: World) -> list[dict[str, Any]]:
    done = [r.done() for r in w.reports]
    order = sorted(range(len(done)), key=lambda i: (done[i]["date"], i))
    out: list[dict[str, Any]] = []
    serial: dict[str, int] = {}
    for i in order:
        rep = done[i]
        year = rep["date"][:4]
        serial[year] = serial.get(year, w.rng.randrange(100, 900)) + w.rng.randrange(1, 6)
        rep["ref"] = f"IR/{year}/{serial[year]:06d}"
        out.append(rep)
    return out


def _truth(w: World, nets: list[Net], seed: int) -> dict[str, Any]:
    people = {}
    for p in sorted(w.reg.people, key=lambda q: q.key):
        people[p.key] = {"name": p.name, "dob": p.dob.isoformat(), "nominal_ref": p.nominal,
                         "network": p.network, "true_role": p.role, "is_child_at": p.is_child}
    shape_of = {n.id: n.shape for n in nets}
    key_offenders = sorted(
        p.key for p in w.reg.people
        if p.role in KEY_ROLES or (p.role == "groomer" and p.network is not None
                                   and shape_of[p.network] == "online_only"))
    child_links = {p.key: sorted(w.contacts.get(p.key, ()))
                   for p in sorted(w.reg.people, key=lambda q: q.key) if p.role in OFFENDER_ROLES}
    return {
        "as_of": AS_OF.isoformat(),
        "seed": seed,
        "people": people,
        "networks": [{"id": n.id, "shape": n.shape,
                      "organiser": n.organiser.key if n.organiser else None,
                      "members": sorted(p.key for p in n.members)} for n in nets],
        "key_offenders": key_offenders,
        "child_links": child_links,
    }


def generate(seed: int, *, networks: int = 12, noise_people: int = 60) -> Scenario:
    """A deterministic scenario: same arguments, same reports and truth."""
    if networks < 0 or noise_people < 0:
        raise ValueError("networks and noise_people must be >= 0")
    w = World(seed)
    nets = _build(w, networks)
    background(w, noise_people)
    reports = _finish_reports(w)
    return Scenario(seed, reports, _truth(w, nets, seed))


def write(scenario: Scenario, folder: Path) -> dict[str, Path]:
    """Write ``reports.jsonl`` and ``truth.json`` into ``folder``; returns their paths."""
    return write_dataset(scenario.reports, scenario.truth, folder, sort_truth=True)
