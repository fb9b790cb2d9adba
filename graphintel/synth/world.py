"""The simulated world: exploitation networks, their victims, places, phones, vehicles and noise.

:func:`build_world` makes the whole truth up front from one seeded ``random.Random``; the
report and tabular writers only describe it. Nothing here does I/O.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from graphintel.synth import people as P
from graphintel.synth.people import Account, Location, Person, Phone, Vehicle, name_key

PERPETRATOR_ROLES = ("organiser", "recruiter", "driver", "host")

_DISTRICTS = (("BA1", 51.383, -2.362), ("BA2", 51.370, -2.370), ("BA3", 51.300, -2.480),
              ("BA14", 51.320, -2.210), ("BS1", 51.452, -2.592), ("BS2", 51.459, -2.578),
              ("BS3", 51.437, -2.601), ("BS4", 51.433, -2.557), ("BS5", 51.462, -2.555),
              ("BS13", 51.411, -2.607), ("BS16", 51.483, -2.509), ("SN14", 51.460, -2.130))
_STREETS = ("Elm", "Station", "Victoria", "Church", "Mill", "Park", "Queen", "King", "Albert",
            "Bath", "Bristol", "Wells", "Grove", "Orchard", "Canal", "Brook", "Hill", "Meadow",
            "Chapel", "Wood", "Ash", "Beech", "Market", "North", "South", "London", "Union")
_SUFFIXES = ("Road", "Street", "Close", "Avenue", "Way", "Crescent", "Lane", "Gardens", "Terrace")
_VENUES = ("Kebab House", "Chicken Express", "Pizza Palace", "Golden Dragon takeaway",
           "Station Hotel", "Travel Stop Inn", "Cloud Nine shisha lounge", "Lucky Star amusements",
           "Riverside snooker club", "Best Kebab & Pizza", "Crown Guest House", "Metro Lodge hotel")
_PUBLIC = ("Victoria Park", "bus station", "Riverside car park", "skate park",
           "leisure centre car park", "retail park", "canal towpath", "recreation ground")
_VEHICLES = (("Ford", "Fiesta"), ("Vauxhall", "Corsa"), ("Volkswagen", "Golf"), ("Toyota", "Prius"),
             ("Skoda", "Octavia"), ("BMW", "3 Series"), ("Audi", "A3"), ("Mercedes", "C-Class"),
             ("Nissan", "Qashqai"), ("Peugeot", "208"), ("Seat", "Leon"), ("Land Rover", "Evoque"))
_ROADS = ("A36 Lower Bristol Rd", "A4 Bath Rd", "A367 Wellsway", "A431 Kelston Rd",
          "A38 Gloucester Rd", "M32 J2", "A420 Lawrence Hill", "A37 Wells Rd", "A4174 Ring Rd")
_COLOURS = ("silver", "black", "white", "grey", "blue", "red")
_PLATFORMS = ("snapchat", "snapchat", "instagram", "tiktok", "facebook", "whatsapp")


@dataclass(slots=True)
class Episode:
    victim: str
    start: datetime
    end: datetime
    missing_from: int
    found_at: int
    found_with: str | None
    reported: bool
    reference: str = ""


@dataclass(slots=True)
class Network:
    nid: str
    organisers: list[str]
    recruiters: list[str]
    drivers: list[str]
    hosts: list[str]
    associates: list[str]
    victims: list[str]
    hotspots: list[int] = field(default_factory=list)
    cameras: list[int] = field(default_factory=list)

    @property
    def perpetrators(self) -> list[str]:
        """Organisers, recruiters, drivers and hosts, each once, in that order."""
        return list(dict.fromkeys(self.organisers + self.recruiters + self.drivers + self.hosts))

    @property
    def members(self) -> list[str]:
        """Everyone in the network: perpetrators, associates and victims, each once."""
        return list(dict.fromkeys(self.perpetrators + self.associates + self.victims))


@dataclass(slots=True)
class World:
    """The whole truth the reports and extracts are written from."""

    seed: int
    scale: float
    as_of: date
    people: dict[str, Person] = field(default_factory=dict)
    networks: list[Network] = field(default_factory=list)
    phones: list[Phone] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    cameras: list[tuple[str, str]] = field(default_factory=list)
    victim_links: list[tuple[str, str]] = field(default_factory=list)
    associations: list[tuple[str, str, str]] = field(default_factory=list)
    brokers: list[tuple[str, str, str]] = field(default_factory=list)
    noise: list[str] = field(default_factory=list)
    noise_children: list[str] = field(default_factory=list)
    officers: list[str] = field(default_factory=list)
    net_index: dict[str, int] = field(default_factory=dict)
    victims_of: dict[str, list[str]] = field(default_factory=dict)
    parent_of: dict[str, str] = field(default_factory=dict)
    family: set[tuple[str, str]] = field(default_factory=set)
    noise_links: list[int] = field(default_factory=list)

    @property
    def start(self) -> datetime:
        """The first moment of the two-year window the reports fall in."""
        return datetime.combine(self.as_of - timedelta(days=730), time(0, 0))

    @property
    def end(self) -> datetime:
        """The last moment of the window: the end of ``as_of``."""
        return datetime.combine(self.as_of, time(23, 59))


class _Maker:
    """Adds people and things to a world, keeping every merge key unique."""

    def __init__(self, world: World, rng: random.Random) -> None:
        self.w, self.rng = world, rng
        self.pool = P.PhonePool(rng)
        self.keys: set[tuple[str, date]] = set()
        self.taken: set[str] = set()

    def unique(self, make: Callable[[], str]) -> str:
        while True:
            value = make()
            if value not in self.taken:
                self.taken.add(value)
                return value

    def person(self, role: str, net: str | None, ages: tuple[int, int], male: float,
               nominal: float, last: str | None = None) -> str:
        rng = self.rng
        gender = "M" if rng.random() < male else "F"
        while True:
            first = rng.choice(P.MALE_FIRST if gender == "M" else P.FEMALE_FIRST)
            surname = last or rng.choice(P.SURNAMES)
            dob = P.dob_for_age(rng, self.w.as_of, *ages)
            if (name_key(P.display_name(first, surname)), dob) not in self.keys:
                break
            last = None
        self.keys.add((name_key(P.display_name(first, surname)), dob))
        ref = None
        if rng.random() < nominal:
            ref = self.unique(lambda: f"N{rng.randrange(10_000, 3_000_000):07d}")
        pid = f"P{len(self.w.people) + 1:06d}"
        self.w.people[pid] = Person(pid, first, surname, dob, gender, role, net, ref,
                                    P.case_variants(rng, first, surname), [role])
        return pid

    def misspell(self, pid: str) -> None:
        p = self.w.people[pid]
        for _ in range(5):
            name = P.misspell(self.rng, p.first, p.last)
            if (name_key(name), p.dob) not in self.keys:
                self.keys.add((name_key(name), p.dob))
                p.misspelt = name
                return

    def phone(self, users: list[str], mobile: bool = True) -> int | None:
        number = self.pool.take(mobile)
        if number is None:
            return None
        self.w.phones.append(Phone(number, users))
        for pid in users:
            self.w.people[pid].phones.append(len(self.w.phones) - 1)
        return len(self.w.phones) - 1

    def vehicle(self, owner: str | None, drivers: list[str], smart: bool = False) -> int:
        make, model = self.rng.choice(_VEHICLES[5:] if smart else _VEHICLES)
        vrm = self.unique(lambda: P.new_vrm(self.rng))
        self.w.vehicles.append(Vehicle(vrm, make, model, self.rng.choice(_COLOURS), owner, drivers))
        for pid in dict.fromkeys(([owner] if owner else []) + drivers):
            self.w.people[pid].vehicles.append(len(self.w.vehicles) - 1)
        return len(self.w.vehicles) - 1

    def place(self, kind: str) -> int:
        rng = self.rng
        district, lat, lon = rng.choice(_DISTRICTS)
        street = f"{rng.choice(_STREETS)} {rng.choice(_SUFFIXES)}"
        number = rng.randrange(1, 180)
        if kind == "venue":
            label = rng.choice(_VENUES)
            address = f"{label}, {number} {street}"
        elif kind == "hotspot":
            label = rng.choice(_PUBLIC)
            address = f"{label[0].upper()}{label[1:]}, {street}"
        elif kind == "care":
            label = f"{rng.choice(_STREETS)} House children's home"
            address, kind = f"{label}, {number} {street}", "home_address"
        else:
            flat = f"Flat {rng.randrange(1, 12)}, " if rng.random() < 0.25 else ""
            address = label = f"{flat}{number} {street}"
            kind = "home_address" if kind == "home" else kind
        postcode = f"{district} {P.new_inward(rng)}"
        while f"{address}|{postcode}" in self.taken:
            postcode = f"{district} {P.new_inward(rng)}"
        self.taken.add(f"{address}|{postcode}")
        lat, lon = round(lat + rng.uniform(-.02, .02), 5), round(lon + rng.uniform(-.03, .03), 5)
        self.w.locations.append(Location(address, postcode, kind, lat, lon, label))
        return len(self.w.locations) - 1

    def account(self, pid: str) -> None:
        p, rng = self.w.people[pid], self.rng
        base = rng.choice((f"{p.first[0]}_{p.last}{p.dob.year % 100:02d}", f"{p.first}{p.last}_x",
                           f"{p.first}.{rng.randrange(100, 999)}",
                           f"lil{p.first}{rng.randrange(1, 99)}")).lower()
        platform = rng.choice(_PLATFORMS)
        tries = iter(range(1_000_000))

        def handle_of() -> str:
            # Four spellings per name and platform: at a million reports namesakes can
            # take all four, and the handle is then numbered (the same handles as before
            # whenever one of the four was free: 64 tries all miss a free one ~1e-8).
            suffix = rng.choice(("", "_", "1", "xx"))
            if next(tries) < 64:
                return f"{platform}:{base}{suffix}"
            return f"{platform}:{base}{rng.randrange(100, 100_000)}"

        tagged = self.unique(handle_of)
        handle = tagged.split(":", 1)[1]
        self.w.accounts.append(Account(platform, handle, pid))
        p.accounts.append(len(self.w.accounts) - 1)

    def link(self, a: str, b: str, kind: str) -> None:
        self.w.associations.append((a, b, kind))

    def camera(self, place: int) -> int:
        road = self.rng.choice(_ROADS)
        label = f"ANPR {len(self.w.cameras) + 1:04d} {road}"
        self.w.cameras.append((label, self.w.locations[place].postcode))
        return len(self.w.cameras) - 1


def build_world(seed: int, scale: float, as_of: date) -> World:
    """The complete synthetic world for ``seed`` and ``scale`` (1.0 is about 8 networks)."""
    world = World(seed, scale, as_of)
    rng = random.Random(f"graphintel-synth:{seed}:world")
    mk = _Maker(world, rng)
    ranks = ("PC", "PC", "PC", "DC", "DC", "PS", "DS")
    world.officers = [mk.unique(lambda: f"{rng.choice(ranks)} {rng.randrange(100, 9999)}")
                      for _ in range(min(900, 8 + round(25 * scale)))]
    care_homes = [mk.place("care") for _ in range(max(2, round(3 * scale)))]
    town = [mk.place(rng.choice(("venue", "hotspot"))) for _ in range(max(3, round(4 * scale)))]
    for t in town:
        mk.camera(t)
    n_networks = max(3, round(8 * scale))
    width = max(2, len(str(n_networks)))
    for k in range(n_networks):
        world.networks.append(_network(mk, f"NET{k + 1:0{width}d}", care_homes, town))
    for _ in range(max(1, round(n_networks / 6))):
        a, b = rng.sample(world.networks, 2)
        broker = mk.person("associate", a.nid, (24, 45), 0.9, 0.8)
        a.associates.append(broker)
        world.brokers.append((broker, a.nid, b.nid))
        mk.phone([broker])
        for org in a.organisers + b.organisers:
            mk.link(broker, org, "ASSOCIATE_OF")
    _noise(mk, care_homes, town)
    for pid in sorted(rng.sample(sorted(world.people), max(3, round(len(world.people) * 0.03)))):
        mk.misspell(pid)
    world.episodes.sort(key=lambda e: (e.start, e.victim))
    for i, ep in enumerate(world.episodes):
        ep.reference = f"MFH/{ep.start.year}/{i + 1:05d}"
    _index(world)
    return world


def _index(world: World) -> None:
    """Look-up tables the writers use; all derived from the lists above."""
    world.net_index = {net.nid: i for i, net in enumerate(world.networks)}
    for s, v in world.victim_links:
        world.victims_of.setdefault(s, []).append(v)
    for i, (a, b, kind) in enumerate(world.associations):
        if kind == "FAMILY_OF":
            world.family.update({(a, b), (b, a)})
            if world.people[a].true_role == "noise" and world.people[b].true_role != "noise":
                world.parent_of.setdefault(b, a)
        if world.people[a].true_role == "noise" and world.people[b].true_role == "noise":
            world.noise_links.append(i)


def _network(mk: _Maker, nid: str, care_homes: list[int], town: list[int]) -> Network:
    rng, w = mk.rng, mk.w
    orgs = [mk.person("organiser", nid, (25, 48), 0.95, 0.95)]
    if rng.random() < 0.5:  # brothers or cousins run it together
        orgs.append(mk.person("organiser", nid, (22, 45), 1.0, 0.9, w.people[orgs[0]].last))
        mk.link(orgs[0], orgs[1], "FAMILY_OF")

    def some(role: str, low: int, high: int, ages: tuple[int, int], male: float, ref: float,
             ) -> list[str]:
        return [mk.person(role, nid, ages, male, ref) for _ in range(rng.randint(low, high))]

    net = Network(nid, orgs, some("recruiter", 1, 2, (18, 25), 0.8, 0.7),
                  some("driver", 1, 3, (21, 55), 0.95, 0.8),
                  some("host", 1, 2, (28, 60), 0.7, 0.75),
                  some("associate", 1, 4, (18, 40), 0.8, 0.5),
                  some("victim", 3, 10, (13, 17), 0.15, 0.15))
    net.hotspots = [rng.choice(town)] if rng.random() < 0.5 else []
    for _ in range(rng.randint(1, 3)):
        net.hotspots.append(mk.place(rng.choice(("venue", "venue", "hotspot"))))
    net.cameras = [mk.camera(net.hotspots[-1])]
    for pid in net.perpetrators + net.associates:
        w.people[pid].home = mk.place("home")
        mk.phone([pid])
    for pid in net.organisers:
        if rng.random() < 0.5:
            mk.phone([pid])
        if rng.random() < 0.6:
            mk.vehicle(pid, [pid], smart=True)
        if rng.random() < 0.4:
            mk.account(pid)
    for pid in net.drivers:
        owner = pid if rng.random() < 0.7 else rng.choice(net.organisers + net.hosts)
        others = [d for d in net.drivers + net.organisers if d != pid]
        mk.vehicle(owner, [pid] + ([rng.choice(others)] if rng.random() < 0.4 else []))
    if rng.random() < 0.6:  # a shared "graft" phone
        pair = rng.sample(net.organisers + net.recruiters[:1] + net.drivers, 2)
        mk.phone(pair)
    if rng.random() < 0.45:  # a child who is exploited and now recruits friends
        child = rng.choice(net.victims)
        w.people[child].true_role, w.people[child].roles = "recruiter", ["victim", "recruiter"]
        net.recruiters.append(child)
    for v in net.victims:
        person = w.people[v]
        person.home = rng.choice(care_homes) if rng.random() < 0.3 else mk.place("home")
        if rng.random() < 0.85:
            mk.phone([v])
        if rng.random() < 0.8:
            mk.account(v)
    for pid in net.recruiters:
        if rng.random() < 0.8 and not w.people[pid].accounts:
            mk.account(pid)
    for pid in net.recruiters + net.drivers + net.hosts:
        mk.link(rng.choice(orgs), pid, "ASSOCIATE_OF")
    for pid in net.associates:
        mk.link(pid, rng.choice(orgs + net.recruiters), "ASSOCIATE_OF")
    if len(net.drivers) > 1 and rng.random() < 0.3:
        mk.link(net.drivers[0], net.drivers[1], "FAMILY_OF")
    for a, b in zip(net.victims, net.victims[1:], strict=False):
        if rng.random() < 0.5:
            mk.link(a, b, "ASSOCIATE_OF")
    _exploitation(mk, net, care_homes)
    return net


def _exploitation(mk: _Maker, net: Network, care_homes: list[int]) -> None:
    rng, w = mk.rng, mk.w
    adults = [r for r in net.recruiters if "victim" not in w.people[r].roles]
    child_recruiter = next((r for r in net.recruiters if r not in adults), None)
    for v in net.victims:
        groomer = rng.choice(adults)
        if child_recruiter and v != child_recruiter and rng.random() < 0.5:
            groomer = child_recruiter
        abusers = [groomer, rng.choice(net.organisers)]
        if rng.random() < 0.6:
            abusers.append(rng.choice(net.drivers))
        if rng.random() < 0.4:
            abusers.append(rng.choice(net.hosts))
        abusers = [a for a in dict.fromkeys(abusers) if a != v]
        w.victim_links += [(a, v) for a in abusers]
        places = net.hotspots + [h for h in (w.people[x].home for x in net.hosts) if h is not None]
        found_with = [a for a in abusers if a != groomer] or abusers
        _episodes(mk, v, rng.randint(2, 6), places, found_with)


def _episodes(mk: _Maker, child: str, count: int, places: list[int], found_with: list[str],
              always: int = 2) -> None:
    """``count`` missing episodes of ``child``; the first ``always`` of them get a report."""
    rng, w = mk.rng, mk.w
    home = w.people[child].home
    if home is None:
        home = w.people[child].home = mk.place("home")
    first = max(w.start, datetime.combine(P.add_years(w.people[child].dob, 12), time()))
    first = min(first, w.end - timedelta(days=count + 30))
    days = sorted(rng.sample(range((w.end - first).days - 3), count))
    for i, day in enumerate(days):
        start = first + timedelta(days=day, hours=rng.randint(15, 23),
                                  minutes=rng.randrange(0, 60, 5))
        end = min(start + timedelta(minutes=rng.randint(180, 3600)), w.end - timedelta(hours=2))
        if places and rng.random() < 0.75:
            found = rng.choice(places)
        else:
            found = mk.place("address")
        with_ = rng.choice(found_with) if found_with and rng.random() < 0.35 else None
        reported = i < always or rng.random() < 0.35
        w.episodes.append(Episode(child, start, end, home, found, with_, reported))


def _noise(mk: _Maker, care_homes: list[int], town: list[int]) -> None:
    rng, w = mk.rng, mk.w
    scale = w.scale
    for _ in range(max(40, round(300 * scale))):
        pid = mk.person("noise", None, (16, 75), 0.55, 0.25)
        w.noise.append(pid)
        if rng.random() < 0.8:
            w.people[pid].home = mk.place("home")
        if rng.random() < 0.6:
            mk.phone([pid], mobile=rng.random() < 0.6)
        if rng.random() < 0.25:
            mk.vehicle(pid, [pid])
        if rng.random() < 0.2:
            mk.account(pid)
    for _ in range(round(len(w.noise) * 0.5)):
        a, b = rng.sample(w.noise, 2)
        mk.link(a, b, "ASSOCIATE_OF" if rng.random() < 0.75 else "FAMILY_OF")
    victims = [v for net in w.networks for v in net.victims]
    for v in victims:
        child = w.people[v]
        if rng.random() < 0.6:
            parent = mk.person("noise", None, (32, 55), 0.3, 0.1, child.last)
            w.noise.append(parent)
            w.people[parent].home = child.home if child.home not in care_homes else mk.place("home")
            mk.phone([parent], mobile=rng.random() < 0.5)
            mk.link(parent, v, "FAMILY_OF")
    for _ in range(max(3, round(len(victims) * 0.35))):
        pid = mk.person("noise", None, (12, 17), 0.4, 0.1)
        w.noise_children.append(pid)
        w.people[pid].home = rng.choice(care_homes) if rng.random() < 0.2 else mk.place("home")
        if rng.random() < 0.7:
            mk.phone([pid])
        _episodes(mk, pid, rng.randint(1, 3), [rng.choice(town)], [], always=1)
