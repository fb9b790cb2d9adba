"""A network being built and the report recipes its shapes share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from validation.scenarios.people import Person, Vehicle, born_aged
from validation.scenarios.places import Location, Town
from validation.scenarios.report import LAST_EVENT, START, Report, World, fmt_day, fmt_time

AGES = {
    "organiser": (28, 52), "recruiter": (19, 32), "broker": (24, 40), "driver": (21, 45),
    "host": (25, 55), "groomer": (19, 26), "peer_recruiter": (15, 17),
    "child_victim": (13, 17), "associate": (20, 50),
}
NOMINAL_ODDS = {"organiser": 0.9, "recruiter": 0.75, "broker": 0.9, "driver": 0.7,
                "host": 0.6, "groomer": 0.6, "associate": 0.5}


@dataclass
class Net:
    id: int
    shape: str
    town: Town
    lo: datetime
    hi: datetime
    organiser: Person | None = None
    members: list[Person] = field(default_factory=list)

    def child_home(self, w: World, child: Person, looked_after: float = 0.35) -> Location:
        if child.home is None:
            child.home = (self.town.home_for_children() if w.rng.random() < looked_after
                          else self.town.home())
        assert isinstance(child.home, Location)
        return child.home


def new_net(w: World, index: int, shape: str, town: Town) -> Net:
    rng = w.rng
    lo = START + timedelta(days=rng.randrange(0, 330))
    hi = min(lo + timedelta(days=rng.randrange(200, 420)), LAST_EVENT)
    return Net(index + 1, shape, town, lo, hi)


def member(w: World, net: Net, role: str, *, ages: tuple[int, int] | None = None,
           gender: str | None = None, born: tuple[date, date] | None = None,
           alias: float = 0.0) -> Person:
    lo, hi = ages or AGES[role]
    nominal = w.rng.random() < NOMINAL_ODDS.get(role, 0.0)
    p = w.reg.person(role, net.id, born or born_aged(lo, hi), gender=gender, nominal=nominal,
                     avoid=frozenset(q.last for q in net.members))
    if w.rng.random() < alias:
        w.reg.alias(p)
    net.members.append(p)
    return p


def adult_victim(w: World, net: Net) -> Person:
    """Aged 18-21 on the first possible report date, so an adult in every report."""
    p = w.reg.person("adult_victim", net.id, born_aged(18, 21, START.date()), gender="F",
                     avoid=frozenset(q.last for q in net.members))
    net.members.append(p)
    return p


def link_home(w: World, r: Report, p: Person, role: str) -> None:
    if isinstance(p.home, Location):
        r.lives(p, role, p.home)


# -- recipes ------------------------------------------------------------------
def cdr(w: World, net: Net, hub: Person, hub_role: str, others: list[tuple[Person, str]],
        counts: tuple[int, int] = (20, 160), line: str | None = None,
        after: datetime | None = None) -> None:
    t = w.when(after or net.lo + (net.hi - net.lo) / 3, net.hi, evening=False)
    r = w.report(t, "firm", "cdr-analysis")
    number = line or w.reg.phone(hub)
    r.say(f"Call data analysis of handset {number} attributed to {hub.name}.")
    first = t - timedelta(days=w.rng.randrange(30, 150))
    for other, role in others:
        n = w.rng.randrange(*counts)
        r.calls(hub, hub_role, other, role, n, first, line)
        r.say(f"{n} contacts with {w.reg.phone(other)} used by {other.name}.")


def her(p: Person) -> str:
    return "her" if p.gender == "F" else "him"


def exploitation(w: World, net: Net, off: Person, victim: Person, *, quality: str = "strong",
                 system: str = "cse-referral", role: str = "suspect",
                 t: datetime | None = None, text: str | None = None) -> Report:
    r = w.report(t or w.when(net.lo, net.hi, evening=False), quality, system)
    r.rel(off, role, victim, "victim", "EXPLOITS")
    link_home(w, r, victim, "victim")
    v, o, x = victim.name, off.name, her(victim)
    r.say(text or w.rng.choice((
        f"{v} disclosed that {o} gave {x} alcohol and cannabis and pressured {x} into "
        "sexual activity with his friends.",
        f"Return home interview: {v} describes {o} as a 'boyfriend' who buys {x} phone credit "
        f"and takes {x} to flats to meet other men.",
        f"Social care referral: concern that {v} is being sexually exploited by {o}, who "
        f"collects {x} late at night.",
        f"{v} was found with unexplained gifts, cash and a new phone; {v} named {o}.",
    )))
    return r


def sighting(w: World, net: Net, loc: Location, people: list[tuple[Person, str]], *,
             quality: str = "strong", system: str = "intel-log",
             t: datetime | None = None, text: str | None = None) -> datetime:
    """People seen together; ``text`` may use ``{time}`` for the time of the sighting."""
    t = w.slot(loc, t or w.when(net.lo, net.hi))
    r = w.report(w.later(t), quality, system)
    r.together(loc, t, people)
    names = ", ".join(p.name for p, _ in people[:-1]) + f" and {people[-1][0].name}"
    default = f"Patrols saw {names} together at {loc.label} at {{time}}."
    r.say((text or default).replace("{time}", fmt_time(t)))
    return t


def association(w: World, net: Net, a: Person, ra: str, b: Person, rb: str, *,
                quality: str = "strong", system: str = "intel-log",
                after: datetime | None = None) -> None:
    r = w.report(w.when(after or net.lo, net.hi, evening=False), quality, system)
    r.rel(a, ra, b, rb, "ASSOCIATE_OF")
    r.say(w.rng.choice((
        f"{a.name} is a close associate of {b.name}; the two are regularly seen together.",
        f"Information that {a.name} works for {b.name} and takes instructions from him.",
        f"{a.name} and {b.name} are known to be in frequent contact.",
    )))


def missing(w: World, net: Net, children: list[Person], found: Location,
            found_with: list[tuple[Person, str]], *, seen: bool = True) -> None:
    home = net.child_home(w, children[0])
    start = w.when(net.lo, net.hi)
    end = start + timedelta(hours=w.rng.randrange(5, 40))
    if seen:
        end = w.slot(found, end)
        start = end - timedelta(hours=w.rng.randrange(5, 40))
    r = w.report(w.later(end, 1, 30), "firm", "missing-persons")
    r.missing(children, start, end, home, found, found_with)
    if seen:
        r.together(found, end, [(c, "victim") for c in children] + found_with)
    who = " and ".join(c.name for c in children)
    r.say(f"{who} reported missing from {home.label} at {fmt_time(start)}.")
    if found_with:
        adults = " and ".join(p.name for p, _ in found_with)
        r.say(f"Found at {found.label} at {fmt_time(end)} in the company of {adults}.")
    else:
        r.say(f"Returned to {found.label} at {fmt_time(end)}; would not say where they had been.")


def vehicle_stop(w: World, net: Net, driver: Person, car: Vehicle,
                 passengers: list[tuple[Person, str]], owner: Person | None = None) -> None:
    t = w.when(net.lo, net.hi)
    r = w.report(w.later(t, 1, 48), "firm", w.rng.choice(("stop-check", "intel-log")))
    r.in_vehicle(driver, car, t, passengers, owner)
    who = " and ".join(p.name for p, _ in passengers)
    r.say(f"{car.colour.title()} {car.make} {car.model} {car.vrm} stopped at {fmt_time(t)}, "
          f"driven by {driver.name}; passengers {who}.")
    if owner is not None:
        r.say(f"The vehicle is registered to {owner.name}.")


def ownership(w: World, net: Net, owner: Person, car: Vehicle, drivers: list[Person]) -> None:
    r = w.report(w.when(net.lo, net.hi, evening=False), "strong", "intel-log")
    vid = r.vehicle(car)
    r.link(r.person(owner, "suspect"), vid, "OWNS")
    for d in drivers:
        r.link(r.person(d, "suspect"), vid, "DRIVES")
    names = " and ".join(d.name for d in drivers)
    r.say(f"{car.make} {car.model} {car.vrm} is owned by {owner.name} and regularly driven "
          f"by {names}.")


def premises(w: World, net: Net, owner: Person, place: Location,
             regulars: list[tuple[Person, str]], lives: bool = False) -> None:
    r = w.report(w.when(net.lo, net.hi, evening=False), "strong", "intel-log")
    lid = r.place(place)
    r.link(r.person(owner, "suspect"), lid, "LIVES_AT" if lives else "OWNS")
    for p, role in regulars:
        r.link(r.person(p, role), lid, "FREQUENTS")
    names = ", ".join(p.name for p, _ in regulars) or "nobody else"
    verb = "lives at" if lives else "runs"
    r.say(f"{owner.name} {verb} {place.label}. Regular visitors: {names}.")


def day(t: datetime) -> str:
    return fmt_day(t)
