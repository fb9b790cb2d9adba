"""Background: everyone who is in the reports but not in a network.

Children's homes hold network victims and other children who never met an offender
(co-residence is not contact); staff report children missing; parents and offenders'
families are linked by FAMILY_OF; associates and witnesses appear next to offenders;
malicious allegations are graded E (3/E/P) and hearsay 3/D; namesakes share an offender's
name but not his date of birth; unrelated adults and children form their own small
clusters. Exactly ``budget`` people are made.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from validation.scenarios.people import Person, born_aged
from validation.scenarios.places import Location, Town
from validation.scenarios.report import END, LAST_EVENT, START, World, fmt_time

ESSENTIAL = ("home_child", "home_child", "staff", "false_lead", "home_child", "witness",
             "false_lead", "associate", "parent", "family", "hearsay", "namesake",
             "victim_pair", "child", "adult")
WEIGHTS = {"home_child": 3.0, "child": 3.0, "adult": 3.0, "parent": 2.0, "associate": 2.0,
           "witness": 1.0, "false_lead": 1.0, "hearsay": 2.0, "family": 2.0, "namesake": 1.0,
           "victim_pair": 1.0, "staff": 0.5}
ROLE = {"home_child": "noise", "child": "noise", "adult": "noise", "parent": "noise",
        "associate": "associate", "witness": "witness", "false_lead": "false_lead_subject",
        "hearsay": "noise", "family": "noise", "namesake": "noise", "staff": "witness"}
ADULT = born_aged(20, 60)


NEEDS_OFFENDER = frozenset({"family", "associate", "false_lead", "hearsay", "namesake",
                            "witness"})


def plan(w: World, budget: int, offenders: bool = True) -> list[str]:
    out: list[str] = []
    used = 0
    cats, weights = list(WEIGHTS), list(WEIGHTS.values())
    while used < budget:
        cat = ESSENTIAL[len(out)] if len(out) < len(ESSENTIAL) else \
            w.rng.choices(cats, weights)[0]
        if (cat == "victim_pair" and budget - used < 2) or \
                (cat in NEEDS_OFFENDER and not offenders):
            cat = "adult"
        out.append(cat)
        used += 2 if cat == "victim_pair" else 1
    return out


def _any_time(w: World) -> tuple[datetime, datetime]:
    t = w.when(START, LAST_EVENT)
    return t, w.later(t, 1, 72)


def background(w: World, budget: int) -> None:
    rng = w.rng
    net_people = [p for p in w.reg.people if p.network is not None]
    kids = [p for p in net_people if p.is_child and p.role == "child_victim"]
    # offenders who were adults throughout (not one who was still a child victim in 2024)
    adults_off = [p for p in net_people if p.offender and p.age_on(START.date()) >= 18]
    towns = list(w.towns)
    homes = _homes(w, towns, kids)
    people: dict[str, list[Person]] = {}
    anchor: dict[str, Person] = {}  # the network person a namesake, parent or relative mirrors
    own = [k for k in kids if isinstance(k.home, Location) and k.home.description is None]
    for cat in plan(w, budget, bool(adults_off)):
        if cat == "victim_pair":
            v = w.reg.person("adult_victim", None, born_aged(18, 40, START.date()), gender="F")
            s = w.reg.person("noise", None, ADULT, gender="M", nominal=rng.random() < 0.5)
            people.setdefault(cat, []).extend([v, s])
            continue
        child = cat in ("home_child", "child")
        like = None
        if cat in ("namesake", "family") and adults_off:
            like = rng.choice(adults_off)
        elif cat == "parent" and own:
            like = rng.choice(own)
        born = born_aged(12, 17) if child else born_aged(35, 58) if cat == "parent" else ADULT
        p = w.reg.person(ROLE[cat], None, born, nominal=not child and rng.random() < 0.3,
                         gender=like.gender if like and cat == "namesake" else None,
                         first=like.first if like and cat == "namesake" else None,
                         last=like.last if like and (cat != "family" or rng.random() < 0.6)
                         else None)
        if like is not None:
            anchor[p.key] = like
        people.setdefault(cat, []).append(p)
    # children's homes: the first three noise children join the busiest home
    for i, p in enumerate(people.get("home_child", [])):
        p.home = homes[0] if i < 3 else rng.choice(homes)
    for p in people.get("staff", []):
        p.home = rng.choice(towns).home()
    staff_of = {h.key: [s for i, s in enumerate(people.get("staff", []))
                        if homes[i % len(homes)] is h] for h in homes}
    _residents(w, homes, staff_of)
    for p in people.get("home_child", []):
        assert isinstance(p.home, Location)
        if rng.random() < 0.5:
            t, _ = _any_time(w)
            end = t + timedelta(hours=rng.randrange(3, 30))
            r = w.report(w.later(end, 1, 24), "firm", "missing-persons")
            r.missing([p], t, end, p.home, p.home, [])
            for s in staff_of.get(p.home.key, [])[:1]:
                r.link(r.person(s, "witness"), r.place(p.home), "FREQUENTS")
                r.say(f"Reported by {s.name}, staff.")
            r.say(f"{p.name} missing from {p.home.label} at {fmt_time(t)}; returned by "
                  "taxi; no concerns of exploitation identified.")
    loose = people.get("child", []) + people.get("home_child", [])
    for p in people.get("child", []):
        p.home = rng.choice(towns).home()
    for p in people.get("child", []):
        town = _town_of(w, p)
        friends = [q for q in loose if q is not p and rng.random() < 0.15][:2]
        _seen(w, town.hotspot(), [(p, "unknown")] + [(q, "unknown") for q in friends],
              "Group of youths moved on for anti-social behaviour.")
    if w.visits == 0:
        _visit(w, kids)
    for p in people.get("parent", []):
        _parent(w, p, anchor.get(p.key))
    for p in people.get("family", []):
        off = anchor.get(p.key) or rng.choice(adults_off)
        r = w.report(_any_time(w)[1], "strong")
        r.rel(p, "associate", off, "suspect", "FAMILY_OF")
        if isinstance(off.home, Location):
            r.lives(p, "associate", off.home)
            r.lives(off, "suspect", off.home)
        r.say(f"{p.name} is a relative of {off.name} and shares the address; no evidence "
              "of involvement.")
    for p in people.get("associate", []):
        off = rng.choice(adults_off)
        r = w.report(_any_time(w)[1], rng.choice(("strong", "medium")))
        r.rel(p, "associate", off, "suspect", "ASSOCIATE_OF")
        r.say(f"{p.name} works with {off.name} at a hand car wash; a legitimate associate.")
    for p in people.get("witness", []):
        _witness(w, p)
    for p in people.get("false_lead", []):
        off = rng.choice(adults_off)
        r = w.report(_any_time(w)[1], "false", "intel-log")
        r.rel(p, "suspect", off, "suspect", "ASSOCIATE_OF")
        r.say(f"Anonymous caller alleges that {p.name} helps {off.name} to exploit children. "
              "The caller is in a dispute with the subject; nothing found to support it.")
        if kids and rng.random() < 0.4:
            r.rel(p, "suspect", rng.choice(kids), "victim", "EXPLOITS")
    for p in people.get("hearsay", []):
        off = rng.choice(adults_off)
        r = w.report(_any_time(w)[1], "weak", "intel-log")
        r.rel(p, "unknown", off, "suspect", "ASSOCIATE_OF")
        r.say(f"Third-hand: {p.name} is said to be 'in with' {off.name}. Not known how the "
              "source came by this.")
    for p in people.get("namesake", []):
        p.home = rng.choice(towns).home()
        r = w.report(_any_time(w)[1], "firm", "intel-log")
        r.lives(p, "witness", p.home)
        r.say(f"{p.name} witnessed a minor road traffic collision; statement taken.")
    _adults(w, people.get("adult", []))
    pair = people.get("victim_pair", [])
    for v, s in zip(pair[::2], pair[1::2], strict=True):
        home = rng.choice(towns).home()
        r = w.report(_any_time(w)[1], "strong", "intel-log")
        r.rel(s, "suspect", v, "victim", "EXPLOITS")
        r.lives(v, "victim", home)
        r.lives(s, "suspect", home)
        r.say(f"{v.name} (an adult) says her partner {s.name} takes her money and makes her "
              "sleep with men he owes. Referred to the modern slavery team.")


def _homes(w: World, towns: list[Town], kids: list[Person]) -> list[Location]:
    counts: dict[str, int] = {}
    homes: dict[str, Location] = {}
    for k in kids:
        if isinstance(k.home, Location) and k.home.description == "children's home":
            counts[k.home.key] = counts.get(k.home.key, 0) + 1
            homes[k.home.key] = k.home
    if not homes:
        h = towns[0].home_for_children()
        return [h]
    return [homes[k] for k in sorted(homes, key=lambda k: (-counts[k], k))]


def _residents(w: World, homes: list[Location], staff_of: dict[str, list[Person]]) -> None:
    for h in homes:
        living = [p for p in w.reg.people if p.home is h and p.is_child]
        if not living:
            continue
        r = w.report(w.when(START + timedelta(days=200), LAST_EVENT, evening=False), "firm",
                     "safeguarding-referral")
        for p in living:
            r.lives(p, "unknown", h)
        for s in staff_of.get(h.key, []):
            r.link(r.person(s, "witness"), r.place(h), "FREQUENTS")
            if h.landline:
                r.uses(s, "witness", h.landline)
        many = f"{len(living)} young people" if len(living) > 1 else "one young person"
        r.say(f"Placement list for {h.label}: {many} currently resident.")


def _town_of(w: World, p: Person) -> Town:
    for t in w.towns:
        if isinstance(p.home, Location) and p.home.address.endswith(t.name):
            return t
    return w.towns[0]


def _seen(w: World, loc: Location, people: list[tuple[Person, str]], text: str) -> None:
    t = w.slot(loc, w.when(START, LAST_EVENT))
    r = w.report(w.later(t, 1, 48), "strong")
    r.together(loc, t, people)
    r.say(f"{', '.join(p.name for p, _ in people)} seen at {loc.label} at {fmt_time(t)}. {text}")


def _visit(w: World, kids: list[Person]) -> None:
    for k in kids:
        offs = [p for p in w.reg.people if p.offender and not p.is_child
                and k.key in w.contacts.get(p.key, ())]
        if offs and isinstance(k.home, Location) and k.home.description == "children's home":
            _seen(w, k.home, [(k, "victim"), (offs[0], "suspect")],
                  f"{offs[0].name} came to the home asking for {k.name}; staff refused entry.")
            w.visits += 1
            return


def _parent(w: World, p: Person, k: Person | None) -> None:
    rng = w.rng
    if k is None or not isinstance(k.home, Location):
        p.home = rng.choice(w.towns).home()
        r = w.report(_any_time(w)[1], "strong")
        r.lives(p, "witness", p.home)
        r.say(f"{p.name} called police about youths drinking outside the address.")
        return
    p.home = k.home
    t, _ = _any_time(w)
    end = t + timedelta(hours=rng.randrange(4, 30))
    r = w.report(min(w.later(end, 1, 24), END), "firm", "missing-persons")
    r.rel(p, "witness", k, "victim", "FAMILY_OF")
    r.lives(p, "witness", k.home)
    r.missing([k], t, end, k.home, k.home, [])
    r.say(f"{p.name} reported {'her' if p.gender == 'F' else 'his'} child {k.name} missing at "
          f"{fmt_time(t)}; came home the next day and would not say where.")


def _witness(w: World, p: Person) -> None:
    pairs = sorted((o, c) for o, cs in w.contacts.items() for c in cs)
    by_key = {q.key: q for q in w.reg.people}
    pairs = [(o, c) for o, c in pairs if by_key[o].role != "organiser"
             and by_key[o].age_on(START.date()) >= 18]
    if not pairs:
        return
    o, c = w.rng.choice(pairs)
    off, kid = by_key[o], by_key[c]
    town = w.towns[w.rng.randrange(len(w.towns))]
    _seen(w, town.hotspot(), [(off, "suspect"), (kid, "victim"), (p, "witness")],
          f"{p.name}, a shop worker, saw {kid.name} get into a car with {off.name}.")


def _adults(w: World, group: list[Person]) -> None:
    rng = w.rng
    for i, p in enumerate(group):
        p.home = rng.choice(w.towns).home()
        r = w.report(_any_time(w)[1], rng.choice(("strong", "medium")))
        r.lives(p, "unknown", p.home)
        if i > 0 and rng.random() < 0.6:
            q = group[rng.randrange(i)]
            r.rel(p, "associate", q, "associate", "ASSOCIATE_OF")
            if rng.random() < 0.5:
                r.calls(p, "associate", q, "associate", rng.randrange(2, 60))
            r.say(f"{p.name} and {q.name} are friends; cannabis use only.")
        else:
            car = w.reg.vehicle(p)
            vid = r.vehicle(car)
            r.link(r.person(p, "unknown"), vid, "OWNS")
            r.say(f"{p.name} keeps the {car.make} {car.vrm}; no intelligence of concern.")
