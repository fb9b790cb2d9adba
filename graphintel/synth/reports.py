"""Canonical intelligence reports (FORMATS.md §1) describing a synthetic world.

:func:`iter_reports` plans every report first (a small tuple each: when, kind, subject),
sorts the plan by date so references run in date order, then renders and yields one report
dict at a time, so callers can stream them to a file. Core facts are each covered by at
least one report: every reported missing episode, every victim link, every network member,
every broker and every misspelt name; the rest is filler and background noise (~30%).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

from graphintel.synth import people as P
from graphintel.synth.people import Report, dmy, grading, hm, iso
from graphintel.synth.world import PERPETRATOR_ROLES, World

_NET_FILLER = (("sighting", 28), ("disclosure", 12), ("online", 8), ("assoc", 20),
               ("trap", 10), ("stop", 10), ("profile", 12))
_NOISE_FILLER = (("asb", 45), ("noise_assoc", 30), ("profile", 20), ("false", 5))

Plan = tuple[datetime, str, tuple[Any, ...]]


def report_count(scale: float) -> int:
    """The number of reports aimed at for ``scale`` (more only if core facts need them)."""
    return max(20, round(1000 * scale))


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def plan_reports(world: World, rng: random.Random) -> list[Plan]:
    """Every report to write, sorted by date: core coverage first, then filler and noise."""
    span = int((world.end - world.start).total_seconds())

    def anytime() -> datetime:
        return world.start + timedelta(seconds=rng.randrange(span))

    def after(moment: datetime) -> datetime:
        return min(moment + timedelta(minutes=rng.randint(30, 1200)), world.end)

    plan: list[Plan] = []
    noise: list[Plan] = []
    covered: set[tuple[str, str]] = set()
    for i, ep in enumerate(world.episodes):
        if ep.reported:
            into = plan if world.people[ep.victim].network else noise
            into.append((after(ep.end), "mfh", (i,)))
            if ep.found_with:
                covered.add((ep.found_with, ep.victim))
    by_suspect: dict[str, list[str]] = {}
    for s, v in world.victim_links:
        if (s, v) not in covered:
            by_suspect.setdefault(s, []).append(v)
    for s, victims in by_suspect.items():
        for k in range(0, len(victims), 3):
            group = tuple(victims[k:k + 3])
            kind = "sighting" if len(group) > 1 else rng.choice(("sighting", "disclosure",
                                                                  "online"))
            plan.append((anytime(), kind, (s, group)))
    for n, net in enumerate(world.networks):
        crew = net.perpetrators + net.associates
        rng.shuffle(crew)
        for k in range(0, len(crew), 3):
            plan.append((anytime(), "assoc", (n, tuple(crew[k:k + 3]))))
        plan += [(anytime(), "trap", (n, h)) for h in net.hosts]
        plan.append((anytime(), "stop", (n,)))
    plan += [(anytime(), "broker", (b,)) for b in range(len(world.brokers))]
    for pid, person in world.people.items():
        if person.misspelt:
            for form in ("misspelt", "plain"):
                (plan if person.network else noise).append((anytime(), "profile", (pid, form)))
    total = report_count(world.scale)
    n_noise = round(total * 0.3)
    while len(plan) < total - n_noise:
        plan.append((anytime(), *_net_filler(world, rng)))
    while len(noise) < n_noise:
        noise.append((anytime(), *_noise_filler(world, rng)))
    plan += noise
    plan.sort(key=lambda item: item[0])
    return plan


def _net_filler(world: World, rng: random.Random) -> tuple[str, tuple[Any, ...]]:
    kind = _weighted(rng, _NET_FILLER)
    n = rng.randrange(len(world.networks))
    net = world.networks[n]
    if kind in ("sighting", "disclosure", "online"):
        s, v = world.victim_links[rng.randrange(len(world.victim_links))]
        return kind, (s, (v,))
    if kind == "assoc":
        crew = net.perpetrators + net.associates
        return kind, (n, tuple(rng.sample(crew, min(len(crew), rng.randint(2, 3)))))
    if kind == "trap":
        return kind, (n, rng.choice(net.hosts))
    if kind == "stop":
        return kind, (n,)
    return "profile", (rng.choice(net.members), "any")


def _noise_filler(world: World, rng: random.Random) -> tuple[str, tuple[Any, ...]]:
    kind = _weighted(rng, _NOISE_FILLER)
    if kind == "profile":
        return kind, (rng.choice(world.noise), "any")
    return kind, ()


def iter_reports(world: World) -> Iterator[dict[str, Any]]:
    """Yield the world's reports one at a time, in date order, as FORMATS.md §1 dicts."""
    rng = random.Random(f"graphintel-synth:{world.seed}:reports")
    plan = plan_reports(world, rng)
    seq: dict[int, int] = {}
    for when, kind, args in plan:
        seq[when.year] = seq.get(when.year, rng.randrange(40, 400)) + 1
        report = Report(world, rng, when)
        narrative = RENDERERS[kind](report, *args)
        grade, conditions = grading(rng, report.strength)
        out: dict[str, Any] = {
            "ref": f"IR/{when.year}/{seq[when.year]:06d}",
            "date": when.isoformat(timespec="seconds"),
            "grading": grade,
        }
        if conditions:
            out["conditions"] = conditions
        out["author"] = rng.choice(world.officers)
        out["source_system"] = report.source_system
        out["narrative"] = narrative
        out["entities"] = report.entities
        out["links"] = report.links
        yield out


_MFH_EXTRA = ("Returned with new clothes and a phone not accounted for.",
              "Smelt of cannabis and alcohol and would not say where they had been.",
              "Declined the return home interview.", "Had unexplained phone credit and cash.",
              "Believed to have travelled by taxi; would not say who paid.",
              "Disclosed being given vodka by older males at a flat.")
_MFH_NOISE = ("Had argued with parent about curfew and stayed with a friend.",
              "Returned of own accord; no concerns disclosed.",
              "Found safe and well; return interview completed, no exploitation indicators.")
_GIFTS = ("alcohol and cannabis", "cigarettes and phone credit", "a bottle of vodka",
          "a new phone", "cash and cannabis")
_WHO = ("their social worker", "a teacher", "a youth worker", "the school nurse")


def _role(world: World, pid: str) -> str:
    role = world.people[pid].true_role
    if role in PERPETRATOR_ROLES:
        return "suspect"
    return role if role in ("associate", "victim") else "unknown"


def _car(world: World, pid: str) -> int | None:
    return world.people[pid].vehicles[0] if world.people[pid].vehicles else None


def _and(r: Report, pids: list[str] | tuple[str, ...]) -> str:
    return " and ".join(r.name(pid) for pid in pids)


def _mfh(r: Report, i: int) -> str:
    w, rng = r.w, r.rng
    ep = w.episodes[i]
    child = w.people[ep.victim]
    r.source_system, r.strength = "missing-persons", "strong"
    v, ev = r.person(ep.victim, "victim"), r.event("missing_episode", ep.start, ep.end)
    r.link(v, ev, "SUBJECT_OF")
    r.link(ev, r.place(ep.missing_from), "MISSING_FROM")
    r.link(ev, r.place(ep.found_at), "FOUND_AT")
    if rng.random() < 0.4:
        r.link(v, r.place(ep.found_at), "SEEN_AT", at=iso(ep.end))
    text = (f"{r.name(ep.victim)} ({P.age_at(child.dob, ep.start.date())}) reported missing "
            f"from {r.tplace(ep.missing_from)} at {hm(ep.start)} on {dmy(ep.start)}. Located "
            f"{hm(ep.end)} on {dmy(ep.end)} at {r.tplace(ep.found_at)}")
    if ep.found_with:
        s = r.person(ep.found_with, "suspect")
        r.link(s, ev, "INVOLVED_IN")
        text += f" in the company of {r.name(ep.found_with)}"
        car = _car(w, ep.found_with)
        if car is not None and rng.random() < 0.6:
            r.link(s, r.vehicle(car), "DRIVES")
            r.link(v, r.vehicle(car), "PASSENGER_IN")
            text += f", both sat in {r.tvehicle(car)}"
        if rng.random() < 0.3:
            r.link(s, v, "EXPLOITS")
    text += ". "
    parent = w.parent_of.get(ep.victim)
    if parent and rng.random() < 0.6:
        r.link(r.person(parent, "witness"), v, "FAMILY_OF")
        text += f"Reported by parent {r.name(parent)}. "
    if child.phones and rng.random() < 0.4:
        r.link(v, r.phone(child.phones[0]), "USES")
        text += f"Phone {r.tphone(child.phones[0])} switched off while missing. "
    return text + rng.choice(_MFH_EXTRA if child.network else _MFH_NOISE)


def _sighting(r: Report, s: str, victims: tuple[str, ...]) -> str:
    w, rng = r.w, r.rng
    r.source_system = rng.choice(("intel-log", "intel-log", "partner-referral"))
    r.strength = "strong" if rng.random() < 0.4 else "medium"
    spot = rng.choice(w.networks[w.net_index[str(w.people[s].network)]].hotspots)
    at = r.ago(20, 4000, evening=True)
    se, pe = r.person(s, "suspect"), r.place(spot)
    vs = [r.person(v, "victim") for v in victims]
    for e in [se, *vs]:
        r.link(e, pe, "SEEN_AT", at=iso(at))
    car = _car(w, s)
    if car is not None:
        r.link(se, r.vehicle(car), "DRIVES")
        for e in vs:
            r.link(e, r.vehicle(car), "PASSENGER_IN")
        text = (f"{_and(r, victims)} seen getting into {r.tvehicle(car)} outside "
                f"{r.tplace(spot)} at {hm(at)}, driver believed to be {r.name(s)}")
    else:
        text = (f"{_and(r, victims)} seen with {r.name(s)} at {r.tplace(spot)} at {hm(at)}, "
                f"being handed {rng.choice(_GIFTS)}")
    if rng.random() < 0.5:
        for e in vs:
            r.link(se, e, "EXPLOITS")
    phones = w.people[s].phones
    if phones and rng.random() < 0.6:
        r.link(se, r.phone(phones[0]), "USES")
        text += f", phone {r.tphone(phones[0])}"
    return text + "."


def _disclosure(r: Report, s: str, victims: tuple[str, ...]) -> str:
    w, rng, v = r.w, r.rng, victims[0]
    r.source_system, r.strength = rng.choice(("cse-referral", "intel-log")), "strong"
    se, ve = r.person(s, "suspect"), r.person(v, "victim")
    r.link(se, ve, "EXPLOITS")
    net = w.networks[w.net_index[str(w.people[s].network)]]
    spot = rng.choice([h for h in (w.people[x].home for x in net.hosts) if h is not None])
    r.link(ve, r.place(spot), "SEEN_AT", at=iso(r.ago(600, 20000, evening=True)))
    text = (f"{r.name(v)} disclosed to {rng.choice(_WHO)} that {r.name(s)} has been giving "
            f"them {rng.choice(_GIFTS)} and taking them to {r.tplace(spot)}.")
    sp, vp = w.people[s].phones, w.people[v].phones
    if sp:
        r.link(se, r.phone(sp[0]), "USES")
        text += f" Has the number saved as '{w.people[s].first[:3].upper()}' {r.tphone(sp[0])}."
        if vp:
            r.link(ve, r.phone(vp[0]), "USES")
            count = rng.randint(15, 400)
            r.link(r.phone(sp[0]), r.phone(vp[0]), "CALLED", count=count)
            text += f" Phone download shows {count} calls to {r.tphone(vp[0])}."
    return text


def _online(r: Report, s: str, victims: tuple[str, ...]) -> str:
    w, rng, v = r.w, r.rng, victims[0]
    sa, va = w.people[s].accounts, w.people[v].accounts
    if not sa or not va:
        return _disclosure(r, s, victims)
    r.source_system = rng.choice(("partner-referral", "intel-log"))
    se, ve = r.person(s, "suspect"), r.person(v, "victim")
    r.link(se, r.account(sa[0]), "HAS_ACCOUNT")
    r.link(ve, r.account(va[0]), "HAS_ACCOUNT")
    count = rng.randint(5, 300)
    r.link(r.account(sa[0]), r.account(va[0]), "MESSAGED", count=count)
    if rng.random() < 0.6:
        r.link(se, ve, "EXPLOITS")
    a = w.accounts[sa[0]]
    return (f"Carer of {r.name(v)} has seen {count} messages on {a.platform} from user "
            f"'{a.handle}', believed to be {r.name(s)}, asking to meet and offering "
            f"{rng.choice(_GIFTS)}. Some messages sexual in nature.")


def _assoc(r: Report, n: int, crew: tuple[str, ...]) -> str:
    w, rng = r.w, r.rng
    r.strength = rng.choice(("medium", "medium", "strong"))
    ids = [r.person(pid, _role(w, pid)) for pid in crew]
    parts = []
    for k, (pid, e) in enumerate(zip(crew, ids, strict=True)):
        if k:
            family = (crew[k - 1], pid) in w.family
            r.link(ids[k - 1], e, "FAMILY_OF" if family else "ASSOCIATE_OF")
        said = r.kit(pid, e, (0.6, 0.5, 0.3))
        if said:
            parts.append(f"{r.name(pid)} is {' and '.join(said)}.")
    spot, at = rng.choice(w.networks[n].hotspots), r.ago(60, 30000, evening=True)
    for e in ids:
        r.link(e, r.place(spot), "FREQUENTS" if rng.random() < 0.3 else "SEEN_AT", at=iso(at))
    opening = f"{', '.join(r.name(p) for p in crew)} seen together at {r.tplace(spot)}"
    return f"{opening} on {dmy(at)}. " + " ".join(parts)


def _trap(r: Report, n: int, host: str) -> str:
    w, rng, net = r.w, r.rng, r.w.networks[n]
    home = w.people[host].home
    home = net.hotspots[0] if home is None else home
    r.source_system = rng.choice(("intel-log", "partner-referral"))
    r.strength = rng.choice(("medium", "strong"))
    he, pe = r.person(host, "suspect"), r.place(home)
    r.link(he, pe, "LIVES_AT")
    visitors = rng.sample(net.perpetrators, min(2, len(net.perpetrators)))
    kids = (w.victims_of.get(host, []) + w.victims_of.get(visitors[0], []))[:2] or net.victims[:1]
    at = r.ago(120, 20000, evening=True)
    for pid in visitors:
        r.link(r.person(pid, "suspect"), pe, "FREQUENTS")
    for v in kids:
        r.link(r.person(v, "victim"), pe, "SEEN_AT", at=iso(at))
    text = (f"Neighbours report {r.tplace(home)}, occupied by {r.name(host)}, is used for "
            f"parties. Children thought to be under 18, including {_and(r, kids)}, seen "
            f"arriving at {hm(at)} with {_and(r, visitors)}.")
    if rng.random() < 0.3:
        ev = r.event("incident", at, at + timedelta(hours=2))
        r.link(ev, pe, "OCCURRED_AT")
        for pid in [host, *visitors, *kids]:
            r.link(r.person(pid, "unknown"), ev, "INVOLVED_IN")
        text += " Police attended following a noise complaint; occupants gave false names."
    return text


def _stop(r: Report, n: int) -> str:
    w, rng, net = r.w, r.rng, r.w.networks[n]
    driver, mate = rng.choice(net.drivers), rng.choice(net.organisers + net.recruiters)
    car = _car(w, driver)
    kids = list(dict.fromkeys(w.victims_of.get(driver, []) + w.victims_of.get(mate, [])))[:2]
    if car is None or not kids or mate == driver:
        return _assoc(r, n, (driver, mate) if mate != driver else (driver,))
    r.source_system, r.strength = "stop-search", "strong"
    at, spot = r.ago(60, 3000, evening=True), rng.choice(net.hotspots)
    ev = r.event("stop_search", at, at + timedelta(minutes=rng.randint(10, 45)))
    r.link(ev, r.place(spot), "OCCURRED_AT")
    r.link(r.person(driver, "suspect"), r.vehicle(car), "DRIVES")
    for pid in [driver, mate, *kids]:
        e = r.person(pid, "victim" if pid in kids else "suspect")
        r.link(e, ev, "INVOLVED_IN")
        if pid != driver:
            r.link(e, r.vehicle(car), "PASSENGER_IN")
    ages = " and ".join(str(P.age_at(w.people[k].dob, at.date())) for k in kids)
    return (f"{r.tvehicle(car)} stopped near {r.tplace(spot)} at {hm(at)}. Driver "
            f"{r.name(driver)}, front passenger {r.name(mate)}; in the rear {_and(r, kids)} "
            f"(aged {ages}). Words of advice given and children taken home.")


def _profile(r: Report, pid: str, form: str) -> str:
    w, rng, p = r.w, r.rng, r.w.people[pid]
    role = "victim" if "victim" in p.roles and rng.random() < 0.5 else _role(w, pid)
    if p.true_role == "noise":
        r.strength = rng.choice(("weak", "medium"))
        role = rng.choice(("associate", "unknown", "witness"))
    e = r.person(pid, role, form)
    said = r.kit(pid, e, (0.9, 0.8, 0.6))
    for i in p.accounts[:1]:
        r.link(e, r.account(i), "HAS_ACCOUNT")
        said.append(f"on {w.accounts[i].platform} as '{w.accounts[i].handle}'")
    said = said or ["known in the area; no current phone, vehicle or address"]
    return f"Intelligence indicates {r.name(pid)} (DOB {P.fmt_dob_uk(p.dob)}) is {', '.join(said)}."


def _broker(r: Report, b: int) -> str:
    w = r.w
    pid, *nets = w.brokers[b]
    orgs = [w.networks[w.net_index[nid]].organisers[0] for nid in nets]
    e = r.person(pid, "associate")
    for o in orgs:
        r.link(e, r.person(o, "suspect"), "ASSOCIATE_OF")
    r.kit(pid, e, (0.7, 0.0, 0.4))
    return (f"{r.name(pid)} is believed to supply cocaine to {r.name(orgs[0])} and to "
            f"{r.name(orgs[1])}, and to have introduced girls from one group to the other.")


def _asb(r: Report) -> str:
    w, rng = r.w, r.rng
    r.strength = "weak"
    crowd = rng.sample(w.noise, rng.randint(2, 4))
    spot = w.people[crowd[-1]].home
    if spot is None or rng.random() < 0.3:  # the busy takeaway is busy with everyone
        spot = rng.choice(rng.choice(w.networks).hotspots)
    at, pe = r.ago(30, 3000, evening=True), r.place(spot)
    for k, pid in enumerate(crowd):
        role = "witness" if k == 0 else rng.choice(("associate", "unknown"))
        r.link(r.person(pid, role), pe, "SEEN_AT", at=iso(at))
    return (f"Report of youths causing ASB outside {r.tplace(spot)} at {hm(at)}. "
            f"{r.name(crowd[0])} named {_and(r, crowd[1:])} as involved. Area search negative.")


def _noise_assoc(r: Report) -> str:
    w, rng = r.w, r.rng
    a, b, kind = w.associations[rng.choice(w.noise_links)]
    r.strength = rng.choice(("weak", "medium"))
    ae, be = r.person(a, rng.choice(("associate", "unknown"))), r.person(b, "associate")
    r.link(ae, be, kind)
    said = r.kit(a, ae, (0.5, 0.3, 0.5))
    return (f"{_and(r, (a, b))} are known to each other "
            f"({'family' if kind == 'FAMILY_OF' else 'friends'}). "
            + (f"{r.name(a)} is {', '.join(said)}. " if said else "")
            + "No safeguarding concerns identified.")


def _false(r: Report) -> str:
    w, rng = r.w, r.rng
    r.strength = "false"
    adult, child = rng.choice(w.noise), rng.choice(w.noise_children)
    r.link(r.person(adult, "suspect"), r.person(child, "victim"), "EXPLOITS")
    return (f"Anonymous caller alleges {r.name(adult)} is in a relationship with "
            f"{r.name(child)}. Caller believed to be an ex-partner with a history of malicious "
            f"reports; nothing to corroborate.")


RENDERERS: dict[str, Callable[..., str]] = {
    "mfh": _mfh, "sighting": _sighting, "disclosure": _disclosure, "online": _online,
    "assoc": _assoc, "trap": _trap, "stop": _stop, "profile": _profile,
    "broker": _broker, "asb": _asb, "noise_assoc": _noise_assoc, "false": _false,
}
