"""Fictional people and their identifiers: names, dates of birth, nominals, phones, VRMs.

Everything here is made up. Phones come only from Ofcom's drama ranges (mobiles
07700 900000-900999, geographic ``0xxx 496 0000-0999`` / ``020 7946 0000-0999``); VRMs
start with ``Z`` (no DVLA region letter) and carry a ``Q`` among the three random letters
(never issued in the current format); handles carry a random suffix.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta

AS_OF = date(2026, 1, 1)

OFFENDER_ROLES = frozenset(
    {"organiser", "recruiter", "broker", "driver", "host", "groomer", "peer_recruiter"}
)

FIRST_M = (
    "Jordan Callum Tyler Kieran Liam Connor Ryan Aaron Jamal Imran Tariq Bilal Adeel Kofi "
    "Tendai Marcus Dwayne Reece Bradley Lewis Nathan Jake Mason Kyle Darius Omar Yusuf Hamza "
    "Arben Dritan Piotr Mateusz Lukas Stefan Kane Jaden Rhys Ethan Owen Zain Rayan Kai "
    "Tobias Elijah"
).split()
FIRST_F = (
    "Chloe Jade Megan Shannon Courtney Leah Paige Amber Kayleigh Demi Jasmine Aaliyah Zara "
    "Amira Maya Holly Ellie Sophie Lacey Tia Keira Lily Ruby Mia Grace Niamh Caitlin Aisha "
    "Safiya Precious Abbie Kelsey Skye Poppy Evie Summer Nadia Oliwia"
).split()
# Names mostly given before the mid-1990s, used only for people born before 1995.
OLDER_M = "Gary Wayne Darren Craig Dean Shane Lee Mark Paul Nadeem Shahid Tony".split()
OLDER_F = "Tracey Michelle Joanne Donna Lisa Karen Shabana Nicola Chantelle Roxanne".split()
SURNAMES = (
    "Ashworth Bramley Calloway Dunmore Eastwood Fairclough Garside Hollins Ingram Jowett "
    "Kershaw Lockwood Marsden Netherwood Oldroyd Pickering Quarmby Ridsdale Sutcliffe "
    "Thwaite Uttley Varley Whiteley Yeadon Ahmed Chaudhry Hussain Iqbal Khan Malik Rashid "
    "Okafor Mensah Adeyemi Boateng Campbell Clarke Francis Grant Kowalski Nowak Hoxha "
    "Berisha Murphy Doyle Reilly Walsh Brennan O'Neill Patel Mistry Singh Gill Sandhu "
    "Thornton Haigh Brook Firth Crowther Greenwood Hirst Kitson Lumb Moorhouse Naylor "
    "Ormerod Priestley Rhodes Shackleton Tordoff Wadsworth Ackroyd Barraclough"
).split()
STREET_NAMES = (
    "Tom Boy Dee Smudge Tiny Lil Bigs Ghost Remy Skinny Rico Snowy Peanut Junior Sly"
).split()
PLATFORMS = ("snapchat", "instagram", "tiktok", "discord", "telegram")
HANDLE_WORDS = ("xo", "babe", "king", "real", "official", "vibes", "x", "99", "uk", "life")
CARS = (
    ("Vauxhall", "Corsa"), ("Ford", "Fiesta"), ("Toyota", "Prius"), ("Audi", "A3"),
    ("Volkswagen", "Golf"), ("BMW", "1 Series"), ("Mercedes-Benz", "C-Class"),
    ("Nissan", "Qashqai"), ("Skoda", "Octavia"), ("Seat", "Leon"), ("Kia", "Ceed"),
)
COLOURS = ("black", "silver", "white", "grey", "blue", "red")
_VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"  # no I, Q, Z in the random letters...
_NOT_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """Case, spacing and punctuation ignored (same idea as FORMATS.md name + dob keys)."""
    return _NOT_WORD.sub(" ", name.casefold()).strip()


@dataclass
class Vehicle:
    vrm: str
    make: str
    model: str
    colour: str


@dataclass
class Person:
    """One fictional person and the truth about them."""

    first: str
    last: str
    dob: date
    gender: str
    nominal: str | None
    role: str
    network: int | None
    aliases: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    accounts: list[tuple[str, str]] = field(default_factory=list)
    vehicles: list[Vehicle] = field(default_factory=list)
    home: object | None = None  # a places.Location
    nominal_written: bool = False

    @property
    def name(self) -> str:
        return f"{self.first} {self.last.upper()}"

    @property
    def key(self) -> str:
        return self.nominal or f"{self.name}|{self.dob.isoformat()}"

    def age_on(self, day: date) -> int:
        years = day.year - self.dob.year
        return years - ((day.month, day.day) < (self.dob.month, self.dob.day))

    def is_child_on(self, day: date) -> bool:
        return self.age_on(day) < 18

    @property
    def is_child(self) -> bool:
        return self.is_child_on(AS_OF)

    @property
    def offender(self) -> bool:
        return self.role in OFFENDER_ROLES


class Registry:
    """Hands out unique people and identifiers from one random stream."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self._name_dob: set[tuple[str, date]] = set()
        self._nominals: set[str] = set()
        self._mobiles = list(range(1000))
        rng.shuffle(self._mobiles)
        self._vrms: set[str] = set()
        self._handles: set[str] = set()

    def person(self, role: str, network: int | None, born: tuple[date, date], *,
               gender: str | None = None, nominal: bool = False,
               first: str | None = None, last: str | None = None,
               avoid: frozenset[str] = frozenset()) -> Person:
        """A new person; ``avoid`` holds surnames not to use (others in the same network)."""
        rng = self.rng
        gender = gender or rng.choice("MF")
        lo, hi = born
        surnames = [s for s in SURNAMES if s not in avoid] or list(SURNAMES)
        for _ in range(1000):
            dob = lo + timedelta(days=rng.randrange((hi - lo).days + 1))
            pool = FIRST_M if gender == "M" else FIRST_F
            if dob.year < 1995:
                pool = pool + (OLDER_M if gender == "M" else OLDER_F)
            f = first or rng.choice(pool)
            s = last or rng.choice(surnames)
            ident = (name_key(f"{f} {s}"), dob)
            if ident not in self._name_dob:
                break
        else:  # pragma: no cover - 6,000 names times thousands of days
            raise RuntimeError("could not find a free name + date of birth")
        self._name_dob.add(ident)
        ref = None
        if nominal:
            while ref is None or ref in self._nominals:
                ref = f"N{rng.randrange(1_000_000, 10_000_000)}"
            self._nominals.add(ref)
        p = Person(f, s, dob, gender, ref, role, network)
        self.people.append(p)
        return p

    def mobile(self, person: Person) -> str:
        """A new drama-range mobile for ``person`` (at most 1,000 in a scenario)."""
        if not self._mobiles:
            raise RuntimeError("Ofcom drama mobile range used up (1,000 numbers): "
                               "ask for fewer networks or noise people")
        number = f"07700 900{self._mobiles.pop():03d}"
        person.phones.append(number)
        return number

    def phone(self, person: Person) -> str:
        """The person's first phone, allocated on first use."""
        return person.phones[0] if person.phones else self.mobile(person)

    def vehicle(self, owner: Person | None = None) -> Vehicle:
        rng = self.rng
        while True:
            letters = [rng.choice(_VRM_LETTERS) for _ in range(3)]
            letters[rng.randrange(3)] = "Q"
            age = rng.choice(("15", "16", "18", "19", "66", "67", "68", "69", "70", "71"))
            vrm = f"Z{rng.choice(_VRM_LETTERS)}{age} {''.join(letters)}"
            if vrm not in self._vrms:
                break
        self._vrms.add(vrm)
        make, model = rng.choice(CARS)
        car = Vehicle(vrm, make, model, rng.choice(COLOURS))
        if owner is not None:
            owner.vehicles.append(car)
        return car

    def account(self, person: Person, platform: str | None = None) -> tuple[str, str]:
        rng = self.rng
        platform = platform or rng.choice(PLATFORMS)
        while True:
            stem = rng.choice((person.first.lower(), person.first.lower()[:3] + "_",
                               rng.choice(HANDLE_WORDS) + "_" + person.first.lower()))
            handle = f"{stem}{rng.choice(HANDLE_WORDS)}{rng.randrange(10, 99)}q"
            if f"{platform}:{handle}" not in self._handles:
                break
        self._handles.add(f"{platform}:{handle}")
        person.accounts.append((platform, handle))
        return platform, handle

    def alias(self, person: Person) -> None:
        person.aliases = [self.rng.choice(STREET_NAMES)]


def born_aged(lo: int, hi: int, on: date = AS_OF) -> tuple[date, date]:
    """Date-of-birth range for someone aged ``lo``..``hi`` (inclusive) on ``on``."""
    start = date(on.year - hi - 1, on.month, on.day) + timedelta(days=1)
    end = date(on.year - lo, on.month, on.day)
    return start, end
