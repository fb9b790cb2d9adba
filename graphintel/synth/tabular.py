"""Small tabular extracts of the same world, as other records systems export them.

Each table is a header and a generator of rows (lists of strings) with its own seeded
``random.Random``, so the reports do not change whether or not tables are written.
Dates are ISO 8601 except in the intelligence log, which is UK day-first throughout
(``Date`` as ``dd/mm/yyyy HH:MM``, ``Subject DOB`` as ``dd/mm/yyyy``).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from itertools import accumulate

from graphintel.synth import people as P
from graphintel.synth.reports import report_count
from graphintel.synth.world import World

Rows = Iterator[list[str]]

INTEL_LOG_HEADER = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB",
                    "Subject Role", "Phone", "VRM", "Location", "Postcode", "Narrative"]
MISSING_HEADER = ["Child Name", "Child DOB", "Missing From", "Missing From Postcode", "Start",
                  "End", "Found At", "Found At Postcode", "Found With", "Found With DOB",
                  "Reference"]
CALLS_HEADER = ["Caller", "Callee", "Start", "Duration Seconds"]
ANPR_HEADER = ["VRM", "Camera", "Camera Postcode", "Read At"]
ASSOCIATIONS_HEADER = ["Person A", "Person A DOB", "Person B", "Person B DOB", "Type", "Weight",
                       "Date", "Source Ref"]

_LOG_TEXT = {
    "suspect": ("Subject seen loitering near young females, offering lifts.",
                "Subject believed to be supplying alcohol to children at weekends.",
                "Subject named by a child as someone who 'looks after' girls."),
    "victim": ("Child seen in company of older males late at night.",
               "Child has new phone and clothes that carers cannot account for.",
               "Child regularly collected from placement by unknown taxis."),
    "associate": ("Subject seen in company of persons of interest.",
                  "Subject known to frequent the premises; no direct concerns."),
    "witness": ("Subject reported concerns about vehicles collecting girls from the area.",
                "Subject called police about noise and youths at a neighbouring address."),
}


def _rng(world: World, table: str) -> random.Random:
    return random.Random(f"graphintel-synth:{world.seed}:{table}")


def _name(rng: random.Random, world: World, pid: str) -> str:
    p = world.people[pid]
    if p.misspelt and rng.random() < 0.08:
        return p.misspelt
    return p.names[0] if rng.random() < 0.6 else rng.choice(p.names)


def _times(rng: random.Random, world: World, count: int, night: bool = False) -> list[datetime]:
    span = int((world.end - world.start).total_seconds())
    moments = []
    for _ in range(count):
        moment = world.start + timedelta(seconds=rng.randrange(span))
        if night and rng.random() < 0.7:
            moment = moment.replace(hour=rng.choice((19, 20, 21, 22, 23, 0, 1, 2)))
        moments.append(moment)
    return sorted(moments)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def intel_log_rows(world: World) -> Rows:
    """One row per log entry, one subject each; refs ``IL/yyyy/nnnnnn`` in date order."""
    rng = _rng(world, "intel_log")
    network = [pid for net in world.networks for pid in net.members]
    seq: dict[int, int] = {}
    for when in _times(rng, world, max(5, round(report_count(world.scale) * 0.15))):
        seq[when.year] = seq.get(when.year, 0) + 1
        pid = rng.choice(network) if rng.random() < 0.6 else rng.choice(world.noise)
        p = world.people[pid]
        if p.true_role == "noise":
            role = rng.choice(("witness", "associate"))
        elif "victim" in p.roles and (p.true_role == "victim" or rng.random() < 0.5):
            role = "victim"
        else:
            role = "associate" if p.true_role == "associate" else "suspect"
        grade = rng.choice(("1A", "2B", "2B", "2C") if role != "witness" else ("2C", "3C", "3D"))
        handling = "C" if rng.random() < 0.1 else "P"
        phone = P.fmt_phone(rng, world.phones[p.phones[0]].number) if p.phones else ""
        vrm = P.fmt_vrm(rng, world.vehicles[p.vehicles[0]].vrm) if p.vehicles else ""
        home = world.locations[p.home] if p.home is not None and rng.random() < 0.7 else None
        yield [f"IL/{when.year}/{seq[when.year]:06d}", when.strftime("%d/%m/%Y %H:%M"),
               f"{grade}{handling}" if rng.random() < 0.7 else f"{grade} {handling}",
               rng.choice(world.officers), _name(rng, world, pid), P.fmt_dob_uk(p.dob), role,
               phone if rng.random() < 0.7 else "", vrm if rng.random() < 0.7 else "",
               home.address if home else "", P.fmt_postcode(rng, home.postcode) if home else "",
               rng.choice(_LOG_TEXT[role])]


def missing_episode_rows(world: World) -> Rows:
    """Every missing episode of the world (network victims and other children), by start."""
    rng = _rng(world, "missing_episodes")
    for ep in world.episodes:
        child = world.people[ep.victim]
        gone, found = world.locations[ep.missing_from], world.locations[ep.found_at]
        with_ = world.people[ep.found_with] if ep.found_with else None
        yield [_name(rng, world, ep.victim), child.dob.isoformat(), gone.address,
               P.fmt_postcode(rng, gone.postcode), _iso(ep.start), _iso(ep.end), found.address,
               P.fmt_postcode(rng, found.postcode),
               _name(rng, world, with_.pid) if with_ else "",
               with_.dob.isoformat() if with_ else "", ep.reference]


def _call_pairs(world: World) -> tuple[list[tuple[int, int]], list[float]]:
    pairs: list[tuple[int, int]] = []
    weights: list[float] = []

    def add(a: str, b: str, weight: float) -> None:
        pa, pb = world.people[a].phones, world.people[b].phones
        if pa and pb and pa[0] != pb[0]:
            pairs.append((pa[0], pb[0]))
            weights.append(weight)

    for net in world.networks:
        for org in net.organisers:
            for pid in net.perpetrators:
                if pid != org:
                    add(org, pid, 6.0)
    for s, v in world.victim_links:
        add(s, v, 4.0)
    for a, b, _ in world.associations:
        add(a, b, 1.0)
    return pairs, weights


def call_rows(world: World) -> Rows:
    """Call data records between the world's phones, numbers written in varied formats."""
    rng = _rng(world, "call_data")
    pairs, weights = _call_pairs(world)
    cumulative = list(accumulate(weights))
    phones = world.phones
    for when in _times(rng, world, max(10, round(report_count(world.scale) * 1.5)), night=True):
        if pairs and rng.random() < 0.85:
            a, b = rng.choices(pairs, cum_weights=cumulative)[0]
        else:
            a, b = rng.sample(range(len(phones)), 2)
        if rng.random() < 0.4:
            a, b = b, a
        duration = 0 if rng.random() < 0.15 else int(rng.expovariate(1 / 90)) + 1
        yield [P.fmt_phone(rng, phones[a].number), P.fmt_phone(rng, phones[b].number),
               _iso(when), str(duration)]


def anpr_rows(world: World) -> Rows:
    """ANPR reads: network vehicles near their hotspots at night, other vehicles anywhere."""
    rng = _rng(world, "anpr")
    hot = [(v, net.cameras[0]) for net in world.networks for pid in net.drivers + net.organisers
           for v in world.people[pid].vehicles[:1]]
    for when in _times(rng, world, max(10, round(report_count(world.scale) * 0.5)), night=True):
        if hot and rng.random() < 0.6:
            vehicle, camera = rng.choice(hot)
        else:
            vehicle, camera = rng.randrange(len(world.vehicles)), rng.randrange(len(world.cameras))
        label, postcode = world.cameras[camera]
        yield [P.fmt_vrm(rng, world.vehicles[vehicle].vrm), label, postcode, _iso(when)]


def association_rows(world: World) -> Rows:
    """Every true person-person association once, some twice (another source, date)."""
    rng = _rng(world, "associations")
    seq = 0
    for a, b, kind in world.associations:
        for _ in range(2 if rng.random() < 0.1 else 1):
            seq += 1
            when = world.start + timedelta(days=rng.randrange((world.end - world.start).days))
            pa, pb = world.people[a], world.people[b]
            yield [_name(rng, world, a), pa.dob.isoformat(), _name(rng, world, b),
                   pb.dob.isoformat(), kind, f"{rng.randint(3, 10) / 10:.1f}",
                   when.date().isoformat(), f"AL/{when.year}/{seq:05d}"]


TABLES: dict[str, tuple[list[str], Callable[[World], Rows]]] = {
    "intel_log.csv": (INTEL_LOG_HEADER, intel_log_rows),
    "missing_episodes.csv": (MISSING_HEADER, missing_episode_rows),
    "call_data.csv": (CALLS_HEADER, call_rows),
    "anpr.csv": (ANPR_HEADER, anpr_rows),
    "associations.csv": (ASSOCIATIONS_HEADER, association_rows),
}
