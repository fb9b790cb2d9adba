"""Invented people and fictional identifiers, written the ways real records write them.

Everything here is fictional: names come from fixed lists and are combined at random,
phone numbers come only from Ofcom's drama ranges (07700 900xxx, 01632 960xxx and the
geographic 496/498 ranges), VRMs and postcodes have realistic shapes and no meaning.
Each ``fmt_*`` function picks one of the variants real records have for the same key;
:class:`Report` assembles one report's entities and links the way an officer records them.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from graphintel.synth.world import World

MALE_FIRST: tuple[str, ...] = tuple("""
Jordan Liam Connor Tyler Kyle Jamie Reece Callum Dean Ryan Mohammed Imran Tariq Bilal Adnan
Kamran Shaun Darren Lee Wayne Marcus Dwayne Andre Kwame Tomasz Marek Florin Ionut Arben
Dritan Craig Gary Stuart Nathan Ashley Brandon Harvey Mason Kieran Owen Zain Hamza Yusuf
Dylan Lewis Aaron Bradley Jake Scott Paul
""".split())
FEMALE_FIRST: tuple[str, ...] = tuple("""
Chloe Jade Leah Megan Shannon Courtney Kayleigh Amber Paige Demi Holly Ellie Lacey Tia Skye
Jasmine Aaliyah Maisie Ruby Keira Summer Bethany Tegan Caitlin Abbie Mia Lily Evie Sophie
Freya Amira Sana Zara Ola Natalia Roxana Shanice Precious Kerry Donna Lisa Tracey Michelle
Sharon Julie Karen Nicola Emma Gemma Leanne
""".split())
SURNAMES: tuple[str, ...] = tuple("""
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
White Roberts Green Hall Wood Jackson Clarke Hughes Price Turner Parker Collins Harris Marsh
Fletcher Khan Hussain Ahmed Ali Iqbal Rashid Malik Akhtar Mahmood Shah Kowalski Nowak Popescu
Ionescu Hoxha Krasniqi Mensah Okafor Boateng Campbell Stewart Murray Reid Kelly Doyle Brennan
Quinn Gallagher Barker Dixon Pearce Webb Lloyd Morgan Rees Howells Pritchard Tucker Fisher
Holmes Lowe Burton Gibbs Sutton Nash Slater Cross
""".split())

#: Ofcom drama ranges as (area code without trunk 0, local prefix): 1000 numbers each.
#: The first is the only mobile range; the rest are only used once it is used up.
DRAMA_RANGES: tuple[tuple[str, str], ...] = (
    ("7700", "900"), ("1632", "960"), ("113", "4960"), ("114", "4960"), ("115", "4960"),
    ("116", "4960"), ("117", "4960"), ("118", "4960"), ("121", "4960"), ("131", "4960"),
    ("141", "4960"), ("151", "4960"), ("161", "4960"), ("191", "4980"), ("20", "79460"),
    ("29", "20180"),
)

_VRM_LETTERS = "ABCDEFGHJKLMNOPRSTUVWXY"
_VRM_AREAS = ("AB", "AE", "AJ", "AV", "AY", "CA", "CU", "DA", "EA", "FD", "GF", "HG", "KM",
              "LB", "LD", "MA", "ML", "NA", "OU", "PE", "RV", "SA", "VO", "WA", "WF", "WR", "YD")
_VRM_AGES = tuple(f"{n:02d}" for n in (*range(51, 72), *range(5, 25)))
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_NOT_WORD = re.compile(r"[\W_]+")
_NAME_SWAPS = {
    "Smith": "Smyth", "Mohammed": "Mohammad", "Jordan": "Jordon", "Khan": "Kahn",
    "Hussain": "Hussein", "Ahmed": "Ahmad", "Clarke": "Clark", "Davies": "Davis",
    "Kayleigh": "Kaylee", "Leah": "Lea", "Shaun": "Sean", "Callum": "Calum",
    "Reece": "Reese", "Megan": "Meghan", "Tomasz": "Thomas", "Popescu": "Popesku",
    "Gallagher": "Gallacher", "Thompson": "Thomson", "Kieran": "Ciaran", "Zara": "Sara",
}
_GRADES = {
    "strong": ("1A", "1A", "1A", "2B", "2B", "2B", "1B", "2A"),
    "medium": ("2B", "2B", "2B", "2C", "2C", "1B", "3C", "2A"),
    "weak": ("2C", "3C", "3D", "3D", "2D", "2B", "3E"),
    "false": ("3E", "2E", "3D"),
}
_CONDITIONS = (
    "Not to be disseminated outside police without reference to the author",
    "Source protection: do not disclose to the subject or use in evidence",
    "Share with children's social care only",
    "Not for use in court without consulting the source handler",
)


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A fictional UK number: area code without the trunk 0, and the local number."""

    area: str
    local: str

    @property
    def e164(self) -> str:
        """The number in E.164, the key a Phone node merges on."""
        return f"+44{self.area}{self.local}"


def display_name(first: str, last: str) -> str:
    """The police-style display form, surname in capitals: ``Jordan SMITH``."""
    return f"{first} {last.upper()}"


def case_variants(rng: random.Random, first: str, last: str) -> list[str]:
    """The canonical display name first, then 0-3 forms that differ only in case."""
    canonical = display_name(first, last)
    forms = [f"{first} {last}", f"{first} {last}".lower(), canonical.upper(), canonical + " "]
    extra = rng.sample(forms, rng.choice((0, 1, 1, 2, 2, 3)))
    return [canonical] + [f for f in extra if f != canonical]


def misspell(rng: random.Random, first: str, last: str) -> str:
    """A misspelt display name of the same person, differing after case-folding."""
    if last in _NAME_SWAPS and rng.random() < 0.6:
        return display_name(first, _NAME_SWAPS[last])
    if first in _NAME_SWAPS and rng.random() < 0.6:
        return display_name(_NAME_SWAPS[first], last)
    word = last if len(last) > 3 else last + last[-1]
    i = rng.randrange(1, len(word) - 1)
    choice = rng.random()
    if choice < 0.4 and word[i] != word[i + 1]:
        word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif choice < 0.7:
        word = word[:i] + word[i] + word[i:]
    else:
        word = word[:i] + word[i + 1:]
    if word.casefold() == last.casefold():
        word = last + "e"
    return display_name(first, word)


def dob_for_age(rng: random.Random, as_of: date, min_age: int, max_age: int) -> date:
    """A date of birth giving an age between ``min_age`` and ``max_age`` at ``as_of``."""
    youngest = add_years(as_of, -min_age)
    oldest = add_years(as_of, -max_age - 1) + timedelta(days=1)
    return oldest + timedelta(days=rng.randrange((youngest - oldest).days + 1))


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (negative for earlier); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_at(dob: date, day: date) -> int:
    """Whole years of age on ``day``."""
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class PhonePool:
    """Unique drama-range numbers, mobiles first; ``None`` once all ranges are used up."""

    def __init__(self, rng: random.Random) -> None:
        self._ranges = [list(range(1000)) for _ in DRAMA_RANGES]
        for numbers in self._ranges:
            rng.shuffle(numbers)

    def take(self, mobile: bool = True) -> PhoneNumber | None:
        """The next unused number; a landline when ``mobile`` is false or mobiles ran out."""
        order = range(len(DRAMA_RANGES)) if mobile else [*range(1, len(DRAMA_RANGES)), 0]
        for i in order:
            if self._ranges[i]:
                area, prefix = DRAMA_RANGES[i]
                n = self._ranges[i].pop()
                return PhoneNumber(area, f"{prefix}{n:03d}")
        return None


def fmt_phone(rng: random.Random, phone: PhoneNumber) -> str:
    """One of the ways records write the number, e.g. ``(07700) 900 123``."""
    area, local = phone.area, phone.local
    if len(local) == 6:
        head, tail = local, f"{local[:3]} {local[3:]}"
    else:
        head = tail = f"{local[:-4]} {local[-4:]}"
    r = rng.random()
    if r < 0.45:
        return f"0{area} {head}"
    if r < 0.6:
        return f"0{area}{local}"
    if r < 0.75:
        return f"+44 {area} {head}"
    if r < 0.85:
        return f"+44{area}{local}"
    return f"(0{area}) {tail}"


def new_vrm(rng: random.Random) -> str:
    """A current-format VRM in canonical form (``AB12CDE``)."""
    return rng.choice(_VRM_AREAS) + rng.choice(_VRM_AGES) + "".join(rng.choices(_VRM_LETTERS, k=3))


def fmt_vrm(rng: random.Random, vrm: str) -> str:
    """``AB12 CDE``, ``AB12CDE``, ``ab12 cde`` or ``ab12cde``."""
    spaced = f"{vrm[:4]} {vrm[4:]}"
    return rng.choice((spaced, spaced, spaced, vrm, spaced.lower(), vrm.lower()))


def new_inward(rng: random.Random) -> str:
    """A postcode inward code such as ``1AA``."""
    return str(rng.randrange(10)) + "".join(rng.choices(_INWARD_LETTERS, k=2))


def fmt_postcode(rng: random.Random, postcode: str) -> str:
    """``BA1 1AA``, ``BA11AA``, ``ba1 1aa`` or ``ba11aa``."""
    compact = postcode.replace(" ", "")
    return rng.choice((postcode, postcode, postcode, compact, postcode.lower(), compact.lower()))


def fmt_dob_uk(day: date) -> str:
    """Day-first date as in UK records: ``30/06/2009``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def name_key(name: str) -> str:
    """Case-, space- and punctuation-blind key, as exact matching on names sees them."""
    return " ".join(_NOT_WORD.sub(" ", name.casefold()).split())


@dataclass(slots=True)
class Person:
    """One true person; ``names`` are display forms that exact-merge, ``names[0]`` canonical."""

    pid: str
    first: str
    last: str
    dob: date
    gender: str
    true_role: str
    network: str | None
    nominal_ref: str | None
    names: list[str]
    roles: list[str] = field(default_factory=list)
    misspelt: str | None = None
    phones: list[int] = field(default_factory=list)
    vehicles: list[int] = field(default_factory=list)
    accounts: list[int] = field(default_factory=list)
    home: int | None = None


@dataclass(slots=True)
class Phone:
    number: PhoneNumber
    users: list[str]


@dataclass(slots=True)
class Vehicle:
    vrm: str
    make: str
    model: str
    colour: str
    owner: str | None
    drivers: list[str]


@dataclass(slots=True)
class Location:
    address: str
    postcode: str
    kind: str
    lat: float
    lon: float
    label: str


@dataclass(slots=True)
class Account:
    platform: str
    handle: str
    owner: str


def iso(moment: datetime) -> str:
    """ISO 8601 date-time to the second."""
    return moment.isoformat(timespec="seconds")


def hm(moment: datetime) -> str:
    """``21:40``, as officers write times."""
    return moment.strftime("%H:%M")


def dmy(moment: datetime) -> str:
    """``01/03/2025``, as officers write dates."""
    return moment.strftime("%d/%m/%Y")


class Report:
    """One report being assembled: entities with local ids, links, grading strength."""

    def __init__(self, world: World, rng: random.Random, when: datetime) -> None:
        self.w, self.rng, self.when = world, rng, when
        self.entities: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.strength = "medium"
        self.source_system = "intel-log"
        self._ids: dict[tuple[str, object], str] = {}
        self._names: dict[str, str] = {}

    def _add(self, key: tuple[str, object], entity: dict[str, Any]) -> str:
        if key not in self._ids:
            self._ids[key] = f"e{len(self.entities) + 1}"
            self.entities.append({"id": self._ids[key], **entity})
        return self._ids[key]

    def person(self, pid: str, role: str, form: str = "any") -> str:
        """The person's entity id; the first mention in a report fixes name form and role.

        ``form`` "misspelt" forces the person's misspelt name (never with a nominal ref),
        "plain" forbids it, "any" uses it now and then.
        """
        if ("Person", pid) in self._ids:
            return self._ids[("Person", pid)]
        p, rng = self.w.people[pid], self.rng
        ref = None
        if p.misspelt and form != "plain" and (form == "misspelt" or rng.random() < 0.08):
            name = p.misspelt
        else:
            name = p.names[0] if rng.random() < 0.6 else rng.choice(p.names)
            if p.nominal_ref and rng.random() < (0.75 if role == "suspect" else 0.3):
                ref = p.nominal_ref
        self._names[pid] = name.strip()
        entity: dict[str, Any] = {"type": "Person", "name": name, "dob": p.dob.isoformat()}
        if rng.random() < 0.8:
            entity["gender"] = p.gender
        entity["role"] = role
        if ref:
            entity["nominal_ref"] = ref
        return self._add(("Person", pid), entity)

    def name(self, pid: str) -> str:
        """The name as written in this report (the person must be added first)."""
        return self._names[pid]

    def phone(self, i: int) -> str:
        """Entity id of phone ``i`` (added on first use, in one of its written forms)."""
        number = fmt_phone(self.rng, self.w.phones[i].number)
        return self._add(("Phone", i), {"type": "Phone", "number": number})

    def vehicle(self, i: int) -> str:
        """Entity id of vehicle ``i``; make, model and colour are not always recorded."""
        v, rng = self.w.vehicles[i], self.rng
        entity: dict[str, Any] = {"type": "Vehicle", "vrm": fmt_vrm(rng, v.vrm)}
        if rng.random() < 0.75:
            entity.update(make=v.make, model=v.model, colour=v.colour)
        return self._add(("Vehicle", i), entity)

    def place(self, i: int) -> str:
        """Entity id of location ``i``; coordinates are not always recorded."""
        loc, rng = self.w.locations[i], self.rng
        entity: dict[str, Any] = {"type": "Location", "address": loc.address,
                                  "postcode": fmt_postcode(rng, loc.postcode), "kind": loc.kind}
        if rng.random() < 0.4:
            entity.update(lat=loc.lat, lon=loc.lon)
        return self._add(("Location", i), entity)

    def account(self, i: int) -> str:
        """Entity id of online account ``i``."""
        a = self.w.accounts[i]
        return self._add(("OnlineAccount", i),
                         {"type": "OnlineAccount", "platform": a.platform, "handle": a.handle})

    def event(self, kind: str, start: datetime, end: datetime) -> str:
        """Entity id of a new event of ``kind`` (each call adds one)."""
        return self._add(("Event", len(self.entities)),
                         {"type": "Event", "kind": kind, "start": iso(start), "end": iso(end)})

    def link(self, a: str, b: str, kind: str, **extra: Any) -> None:
        """Add a link between two entity ids, with optional ``at``/``count``/``note``."""
        self.links.append({"from": a, "to": b, "type": kind, **extra})

    def kit(self, pid: str, e: str, odds: tuple[float, float, float]) -> list[str]:
        """Link person ``pid`` (entity ``e``) to some of their phones, vehicle and home.

        ``odds`` are the chances of mentioning each phone, each vehicle and the home; shared
        phones and vehicles are always mentioned. Returns narrative phrases for what was linked.
        """
        w, rng, said = self.w, self.rng, []
        p = w.people[pid]
        for i in p.phones:
            if len(w.phones[i].users) > 1 or rng.random() < odds[0]:
                self.link(e, self.phone(i), "USES")
                said.append(f"using {self.tphone(i)}")
        for car in p.vehicles:
            v = w.vehicles[car]
            if len(v.drivers) > 1 or v.owner not in v.drivers or rng.random() < odds[1]:
                owns = v.owner == pid and (pid not in v.drivers or rng.random() < 0.4)
                self.link(e, self.vehicle(car), "OWNS" if owns else "DRIVES")
                said.append(f"{'owning' if owns else 'driving'} {self.tvehicle(car)}")
        if p.home is not None and rng.random() < odds[2]:
            self.link(e, self.place(p.home), "LIVES_AT")
            said.append(f"living at {self.tplace(p.home)}")
        return said

    def tphone(self, i: int) -> str:
        """Phone ``i`` as typed in the narrative (its own formatting variant)."""
        return fmt_phone(self.rng, self.w.phones[i].number)

    def tvehicle(self, i: int) -> str:
        """Vehicle ``i`` as described in a narrative: ``silver Ford Fiesta AB12 CDE``."""
        v = self.w.vehicles[i]
        return f"{v.colour} {v.make} {v.model} {fmt_vrm(self.rng, v.vrm)}"

    def tplace(self, i: int) -> str:
        """Location ``i`` as written in a narrative: address and a postcode variant."""
        loc = self.w.locations[i]
        return f"{loc.address}, {fmt_postcode(self.rng, loc.postcode)}"

    def ago(self, low: int, high: int, evening: bool = False) -> datetime:
        """A moment ``low``-``high`` minutes before the report, in the evening if asked."""
        moment = self.when - timedelta(minutes=self.rng.randint(low, high))
        late = moment.replace(hour=self.rng.choice((16, 18, 19, 20, 21, 22, 23)))
        return late if evening and late < self.when else moment


def grading(rng: random.Random, strength: str) -> tuple[dict[str, str] | str, str | None]:
    """A 3x5x2 grading, as a dict (80%) or compact string, and its handling conditions.

    Conditions go inside the dict form; with the compact string they are returned so the
    caller puts them on the report as ``conditions``.
    """
    grade = rng.choice(_GRADES[strength])
    handling, conditions = ("C", rng.choice(_CONDITIONS)) if rng.random() < 0.1 else ("P", None)
    if rng.random() < 0.8:
        fields = {"source": grade[0], "intel": grade[1], "handling": handling}
        if conditions:
            fields["conditions"] = conditions
        return fields, None
    return (f"{grade}{handling}" if rng.random() < 0.6 else f"{grade} {handling}"), conditions
