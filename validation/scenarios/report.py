"""The world being generated and one canonical report (FORMATS.md section 1) at a time.

:class:`Report` helpers write the links *and* record the direct contact they evidence
(offender with child), so ``truth.child_links`` is what the reports actually say.
E-graded reports (suspected false) never count as contact.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from itertools import combinations
from typing import Any

from validation.scenarios.people import Person, Registry, Vehicle
from validation.scenarios.places import Location, Town, make_towns

START = datetime(2024, 1, 8, 9, 0)
END = datetime(2025, 12, 31, 22, 0)
LAST_EVENT = END - timedelta(days=6)
GAP = timedelta(hours=3)  # sightings of different groups at one place stay this far apart

CONDITIONS = (
    "Not to be disclosed outside police without the authority of the originating officer.",
    "Source protection: sanitised. No further dissemination without consulting the FIB.",
    "Share with children's social care only; not with the family.",
    "Do not action without reference to the CSE team.",
)
RANKS = ("PC", "PC", "DC", "PS", "DS", "Analyst")
QUALITY = {
    "firm": (("1", "A", 5), ("1", "B", 3), ("2", "A", 2)),
    "strong": (("1", "B", 3), ("2", "B", 5), ("1", "A", 1), ("2", "A", 1)),
    "medium": (("2", "B", 3), ("2", "C", 4), ("1", "C", 2), ("3", "C", 1)),
    "weak": (("3", "D", 3), ("2", "D", 1)),
    "false": (("3", "E", 1),),
}


def fmt_day(t: datetime | date) -> str:
    return f"{t.day} {t:%B %Y}"


def fmt_time(t: datetime) -> str:
    return f"{t:%H:%M} on {fmt_day(t)}"


class World:
    """Random stream, registry, towns, reports and the contact bookkeeping."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.reg = Registry(self.rng)
        self.towns, self.city = make_towns(self.rng)
        self.reports: list[Report] = []
        self.contacts: dict[str, set[str]] = {}
        self.networks: list[dict[str, Any]] = []
        self._seen: dict[str, list[datetime]] = {}
        self.visits = 0  # offender visits to children's homes, evidenced by a sighting
        self._authors = [f"{self.rng.choice(RANKS)} {self.rng.randrange(1000, 9999)}"
                         for _ in range(24)]

    # -- time ---------------------------------------------------------------
    def when(self, lo: datetime, hi: datetime, evening: bool = True) -> datetime:
        lo, hi = min(max(lo, START), LAST_EVENT - timedelta(days=1)), min(hi, LAST_EVENT)
        if hi <= lo:
            hi = lo + timedelta(days=1)
        day = lo + timedelta(days=self.rng.randrange(max(1, (hi - lo).days)))
        hour = self.rng.choice((16, 17, 18, 19, 20, 21, 22, 23)) if evening else \
            self.rng.randrange(8, 20)
        return day.replace(hour=hour, minute=self.rng.randrange(0, 60, 5), second=0)

    def later(self, t: datetime, lo_h: int = 2, hi_h: int = 96) -> datetime:
        out = t + timedelta(hours=self.rng.randrange(lo_h, hi_h), minutes=self.rng.randrange(60))
        return min(out, END).replace(second=0)

    def slot(self, loc: Location, t: datetime) -> datetime:
        """``t`` moved (by whole days) until no other group was seen at ``loc`` near it.

        Every sighting goes through here first, so people seen at one place within an hour
        of each other are always the group a report meant to put together.
        """
        taken = self._seen.setdefault(loc.key, [])
        step = 1
        while any(abs(t - s) < GAP for s in taken) or t > LAST_EVENT or t < START:
            t = t + timedelta(days=step if t < LAST_EVENT else -step)
            step += 1
        taken.append(t)
        return t

    # -- reports ------------------------------------------------------------
    def report(self, when: datetime, quality: str = "strong",
               system: str = "intel-log") -> Report:
        rng = self.rng
        source, intel, _ = rng.choices(QUALITY[quality], [w for *_, w in QUALITY[quality]])[0]
        grading: dict[str, str] = {"source": source, "intel": intel, "handling": "P"}
        if quality != "false" and rng.random() < 0.12:
            grading["handling"] = "C"
            grading["conditions"] = rng.choice(CONDITIONS)
        r = Report(self, min(when, END), grading, system, rng.choice(self._authors))
        self.reports.append(r)
        return r

    def contact(self, a: Person, b: Person) -> None:
        for off, child in ((a, b), (b, a)):
            if off is not child and off.offender and child.is_child:
                self.contacts.setdefault(off.key, set()).add(child.key)


class Report:
    """One report being written: entities with local ids, links, narrative sentences."""

    def __init__(self, world: World, when: datetime, grading: dict[str, str], system: str,
                 author: str) -> None:
        self.world, self.rng, self.when = world, world.rng, when
        self.grading, self.system, self.author = grading, system, author
        self.entities: list[dict[str, Any]] = []
        self.links: list[dict[str, Any]] = []
        self.text: list[str] = []
        self._ids: dict[str, str] = {}
        self._plain: set[tuple[str, str, str]] = set()  # links without time or count
        self.false = grading["intel"] == "E"

    # -- entities -----------------------------------------------------------
    def _add(self, ident: str, entity: dict[str, Any]) -> str:
        if ident in self._ids:
            return self._ids[ident]
        eid = f"e{len(self.entities) + 1}"
        self._ids[ident] = eid
        self.entities.append({"id": eid, **entity})
        return eid

    def person(self, p: Person, role: str) -> str:
        if f"P:{p.key}" in self._ids:
            return self._ids[f"P:{p.key}"]
        rng = self.rng
        name = p.name if rng.random() < 0.7 else f"{p.first} {p.last}"
        ent: dict[str, Any] = {"type": "Person", "name": name, "dob": p.dob.isoformat(),
                               "gender": p.gender, "role": role}
        if p.nominal and (not p.nominal_written or rng.random() < 0.7):
            ent["nominal_ref"] = p.nominal
            p.nominal_written = True
        if p.aliases and rng.random() < 0.3:
            ent["aliases"] = list(p.aliases)
        return self._add(f"P:{p.key}", ent)

    def phone(self, number: str) -> str:
        shown = number
        if number.startswith("07700") and (roll := self.rng.random()) < 0.4:
            shown = number.replace(" ", "") if roll < 0.25 else "+44 " + number[1:]
        return self._add(f"T:{number}", {"type": "Phone", "number": shown})

    def vehicle(self, v: Vehicle) -> str:
        roll = self.rng.random()
        vrm = v.vrm if roll < 0.7 else (v.vrm.replace(" ", "").lower() if roll < 0.85
                                       else v.vrm.replace(" ", ""))
        return self._add(f"V:{v.vrm}", {"type": "Vehicle", "vrm": vrm, "make": v.make,
                                        "model": v.model, "colour": v.colour})

    def place(self, loc: Location) -> str:
        ent: dict[str, Any] = {"type": "Location", "address": loc.address,
                               "postcode": loc.postcode, "kind": loc.kind}
        if loc.description:
            ent["description"] = loc.description
        return self._add(f"L:{loc.key}", ent)

    def account(self, acc: tuple[str, str]) -> str:
        return self._add(f"A:{acc[0]}:{acc[1]}", {"type": "OnlineAccount", "platform": acc[0],
                                                 "handle": acc[1]})

    def event(self, kind: str, start: datetime, end: datetime | None = None,
              description: str | None = None) -> str:
        ent: dict[str, Any] = {"type": "Event", "kind": kind, "start": start.isoformat()}
        if end is not None:
            ent["end"] = end.isoformat()
        if description:
            ent["description"] = description
        return self._add(f"E:{kind}:{start.isoformat()}:{len(self.entities)}", ent)

    def link(self, a: str, b: str, kind: str, *, at: datetime | None = None,
             count: int | None = None, note: str | None = None) -> None:
        if at is None and count is None and note is None:
            if (a, b, kind) in self._plain:
                return  # said once is enough (a hub's USES in a call-data report)
            self._plain.add((a, b, kind))
        lk: dict[str, Any] = {"from": a, "to": b, "type": kind}
        if at is not None:
            lk["at"] = at.isoformat()
        if count is not None:
            lk["count"] = count
        if note:
            lk["note"] = note
        self.links.append(lk)

    def say(self, sentence: str) -> None:
        self.text.append(sentence)

    def _contact(self, a: Person, b: Person) -> None:
        if not self.false:
            self.world.contact(a, b)

    # -- facts (links plus the contact they evidence) -------------------------
    def rel(self, a: Person, ra: str, b: Person, rb: str, kind: str,
            note: str | None = None) -> None:
        """A person-person link; EXPLOITS and ASSOCIATE_OF are direct contact."""
        self.link(self.person(a, ra), self.person(b, rb), kind, note=note)
        if kind in ("EXPLOITS", "ASSOCIATE_OF"):
            self._contact(a, b)

    def together(self, loc: Location, t: datetime, people: list[tuple[Person, str]]) -> None:
        """Everyone in ``people`` seen at ``loc`` within 40 minutes of ``t``.

        ``t`` must come from :meth:`World.slot` for ``loc``.
        """
        if t not in self.world._seen.get(loc.key, ()):
            raise ValueError(f"sighting at {loc.address} {t} was not given a slot")
        lid = self.place(loc)
        for i, (p, role) in enumerate(people):
            at = t + timedelta(minutes=0 if i == 0 else self.rng.randrange(0, 41, 5))
            self.link(self.person(p, role), lid, "SEEN_AT", at=at)
        for (a, _), (b, _) in combinations(people, 2):
            self._contact(a, b)

    def uses(self, p: Person, role: str, number: str | None = None) -> str:
        number = number or self.world.reg.phone(p)
        tid = self.phone(number)
        self.link(self.person(p, role), tid, "USES")
        return tid

    def calls(self, a: Person, ra: str, b: Person, rb: str, count: int,
              first: datetime | None = None, line: str | None = None) -> None:
        ta = self.uses(a, ra, line)
        tb = self.uses(b, rb)
        note = f"first {first.date().isoformat()}" if first else None
        self.link(ta, tb, "CALLED", count=count, at=self.when - timedelta(days=1), note=note)
        self._contact(a, b)

    def messages(self, a: Person, ra: str, b: Person, rb: str, count: int,
                 acc_a: tuple[str, str] | None = None) -> None:
        acc_a = acc_a or (a.accounts[0] if a.accounts else self.world.reg.account(a))
        acc_b = b.accounts[0] if b.accounts else self.world.reg.account(b)
        xa, xb = self.account(acc_a), self.account(acc_b)
        self.link(self.person(a, ra), xa, "HAS_ACCOUNT")
        self.link(self.person(b, rb), xb, "HAS_ACCOUNT")
        self.link(xa, xb, "MESSAGED", count=count)
        self._contact(a, b)

    def in_vehicle(self, driver: Person, car: Vehicle, t: datetime,
                   passengers: list[tuple[Person, str]], owner: Person | None = None) -> None:
        vid = self.vehicle(car)
        self.link(self.person(driver, "suspect"), vid, "DRIVES", at=t)
        for p, role in passengers:
            self.link(self.person(p, role), vid, "PASSENGER_IN", at=t)
        if owner is not None:
            self.link(self.person(owner, "suspect"), vid, "OWNS")
        group = [driver] + [p for p, _ in passengers]
        for a, b in combinations(group, 2):
            self._contact(a, b)

    def missing(self, children: list[Person], start: datetime, end: datetime,
                home: Location, found: Location,
                found_with: list[tuple[Person, str]]) -> str:
        ev = self.event("missing_episode", start, end)
        for c in children:
            self.link(self.person(c, "victim"), ev, "SUBJECT_OF")
        self.link(ev, self.place(home), "MISSING_FROM")
        self.link(ev, self.place(found), "FOUND_AT")
        for p, role in found_with:
            self.link(self.person(p, role), ev, "INVOLVED_IN")
        group = children + [p for p, _ in found_with]
        for a, b in combinations(group, 2):
            self._contact(a, b)
        return ev

    def lives(self, p: Person, role: str, loc: Location) -> None:
        self.link(self.person(p, role), self.place(loc), "LIVES_AT")

    def done(self) -> dict[str, Any]:
        stamps = [lk["at"] for lk in self.links if "at" in lk]
        stamps += [e[k] for e in self.entities for k in ("start", "end") if k in e]
        if any(s > self.when.isoformat() for s in stamps):
            raise ValueError(f"report of {self.when} tells of a later time: {max(stamps)}")
        return {"ref": "", "date": self.when.isoformat(), "grading": dict(self.grading),
                "author": self.author, "source_system": self.system,
                "narrative": " ".join(self.text), "entities": self.entities,
                "links": self.links}


def town_of(world: World, index: int) -> Town:
    return world.towns[index % len(world.towns)]
