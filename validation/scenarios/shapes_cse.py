"""Group-based CSE shapes: organiser at a distance, and peer recruitment.

Organiser at a distance follows Cockbain (2018, *Offender and Victim Networks in Human
Trafficking*; Cockbain, Brayley & Laycock 2011): a few men with direct contact recruit and
groom, drivers move the children, premises (a flat, a takeaway) host the abuse, and the
man the others call, whose cars and premises they use, rarely appears with a child.
Peer recruitment follows the same work and Pearce (2009): older victims bring younger
friends in; a "boyfriend" groomer is the first contact.
"""

from __future__ import annotations

from datetime import timedelta

from validation.scenarios.network import (
    Net,
    adult_victim,
    association,
    cdr,
    exploitation,
    her,
    member,
    missing,
    ownership,
    premises,
    sighting,
    vehicle_stop,
)
from validation.scenarios.people import Person
from validation.scenarios.report import World


def _victim_gender(w: World, girls: float = 0.8) -> str:
    return "F" if w.rng.random() < girls else "M"


def organiser_at_distance(w: World, net: Net) -> None:
    rng, town = w.rng, net.town
    o = member(w, net, "organiser", gender="M", alias=0.4)
    net.organiser = o
    o.home = town.home()
    recruiters = [member(w, net, "recruiter", gender="M", alias=0.5)
                  for _ in range(rng.randint(2, 4))]
    drivers = [member(w, net, "driver", gender="M") for _ in range(rng.randint(1, 2))]
    host = member(w, net, "host", gender="M")
    children = [member(w, net, "child_victim", gender=_victim_gender(w))
                for _ in range(rng.randint(3, 6))]
    grown = [adult_victim(w, net)] if rng.random() < 0.4 else []
    takeaway, flat = town.venue(), town.flat()
    host.home = flat
    cars = [w.reg.vehicle(o) for _ in range(rng.randint(1, 2))]
    net.child_home(w, children[0], looked_after=1.0)

    # The organiser: common contact of the recruiters, owner of cars and premises.
    cdr(w, net, o, "suspect", [(x, "suspect") for x in recruiters])
    if rng.random() < 0.6:
        cdr(w, net, o, "suspect", [(x, "suspect") for x in drivers + [host]], counts=(6, 60))
    for x in recruiters:
        association(w, net, x, "suspect", o, "suspect",
                    quality=rng.choice(("strong", "strong", "medium")))
    premises(w, net, o, o.home, [], lives=True)
    regulars = [(x, "suspect") for x in recruiters + [host]]
    regulars += [(c, "victim") for c in children if rng.random() < 0.5]
    premises(w, net, o, takeaway, regulars)
    r = w.report(w.when(net.lo, net.hi, evening=False), "strong", "intel-log")
    r.link(r.person(o, "suspect"), r.place(flat), "OWNS")
    r.lives(host, "suspect", flat)
    r.say(f"{flat.label} is rented out by {o.name}; {host.name} lives there and lets the "
          "group use it.")
    for car in cars:
        ownership(w, net, o, car, rng.sample(drivers, rng.randint(1, len(drivers))))

    # Recruiters and groomers: the direct contact with the children.
    order = recruiters[:]
    rng.shuffle(order)
    mine: dict[str, list[Person]] = {x.key: [] for x in recruiters}
    for i, c in enumerate(children):
        rec = order[i] if i < len(order) else rng.choice(recruiters)
        mine[rec.key].append(c)
        net.child_home(w, c)
        r = exploitation(w, net, rec, c)
        if rng.random() < 0.4:  # the organiser named, never met
            r.link(r.person(o, "suspect"), r.place(takeaway), "OWNS")
            r.say(f"{c.name} says the men talk about {o.name}, who owns {takeaway.label}, "
                  f"as 'the boss' but {c.name} has never met him.")
        if rng.random() < 0.5:
            exploitation(w, net, rec, c, quality="medium", system="return-interview")
        if rng.random() < 0.7:
            sighting(w, net, town.hotspot(), [(rec, "suspect"), (c, "victim")])
        found_with = [(host, "suspect")] + ([(rec, "suspect")] if rng.random() < 0.5 else [])
        if i == 0 or rng.random() < 0.5:
            missing(w, net, [c], flat, found_with, seen=rng.random() < 0.6)
    for i, d in enumerate(drivers):
        riders = rng.sample(children, rng.randint(1, min(2, len(children))))
        vehicle_stop(w, net, d, cars[i % len(cars)], [(c, "victim") for c in riders],
                     owner=o if rng.random() < 0.5 else None)
    for x in recruiters:
        if mine[x.key] and rng.random() < 0.7:
            cdr(w, net, x, "suspect", [(c, "victim") for c in mine[x.key]], counts=(5, 90))
    visiting = children[0]
    if rng.random() < 0.5:
        rec = next(x for x in recruiters if visiting in mine[x.key])
        home = net.child_home(w, visiting)
        sighting(w, net, home, [(visiting, "victim"), (rec, "suspect")],
                 system="safeguarding-referral",
                 text=f"Staff at {home.label} report that {rec.name} called for "
                      f"{visiting.name} at {{time}} claiming to be a cousin; they were seen "
                      "talking at the door before staff intervened.")
        w.visits += 1
    for v in grown:
        rec = rng.choice(recruiters)
        exploitation(w, net, rec, v, text=f"{v.name}, now an adult, says {rec.name} groomed her "
                     "from the age of 16 and still sends men to the flat for her.")
        sighting(w, net, flat, [(v, "victim"), (host, "suspect")])


def peer_recruitment(w: World, net: Net) -> None:
    rng, town = w.rng, net.town
    o = member(w, net, "organiser", gender="M", ages=(25, 45), alias=0.3)
    net.organiser = o
    o.home = town.home()
    g = member(w, net, "groomer", gender="M", alias=0.3)
    g.home = town.home()
    peers = [member(w, net, "peer_recruiter", gender=_victim_gender(w, 0.85))
             for _ in range(rng.randint(1, 2))]
    kids = [member(w, net, "child_victim", gender=_victim_gender(w), ages=(13, 15))
            for _ in range(rng.randint(3, 5))]
    flat = town.flat("party flat")
    car = w.reg.vehicle(g)

    cdr(w, net, o, "suspect", [(g, "suspect")], counts=(40, 220))
    association(w, net, g, "suspect", o, "suspect")
    premises(w, net, o, flat, [(g, "suspect")] + [(p, "victim") for p in peers])
    premises(w, net, o, o.home, [], lives=True)

    first = peers[0]
    net.child_home(w, first)
    exploitation(w, net, g, first, system="return-interview",
                 text=f"{first.name} describes {g.name} as {her(first)} boyfriend; he is much "
                      "older, gives gifts and drives to meet at night.")
    exploitation(w, net, g, first, quality="medium")
    cdr(w, net, g, "suspect", [(first, "victim")], counts=(80, 400))
    vehicle_stop(w, net, g, car, [(first, "victim")])
    for p in peers:
        net.child_home(w, p)
        exploitation(w, net, o, p, text=f"{p.name} disclosed being taken by {g.name} to "
                     f"{flat.label}, where {o.name} supplied alcohol and {p.name} was abused.")

    # The older children, now also suspects: they bring the younger ones in.
    for i, k in enumerate(kids):
        p = peers[i % len(peers)]
        net.child_home(w, k)
        r = w.report(w.when(net.lo, net.hi, evening=False), rng.choice(("strong", "medium")),
                     "safeguarding-referral")
        r.rel(p, "suspect", k, "victim", "ASSOCIATE_OF")
        r.say(f"{p.name} is believed to have introduced {k.name} to older men at "
              f"{flat.label}; {p.name} is also a victim and is open to social care.")
        if rng.random() < 0.7:
            sighting(w, net, town.hotspot(), [(p, "suspect"), (k, "victim")])
        if rng.random() < 0.6:
            r = w.report(w.when(net.lo, net.hi, evening=False), "firm", "digital-forensics")
            r.messages(p, "suspect", k, "victim", rng.randrange(10, 250))
            r.say(f"Screenshots from {k.name}'s phone show messages from {p.name} arranging "
                  "lifts to 'a party'.")
        if rng.random() < 0.6:
            with_o = [(o, "suspect")] if rng.random() < 0.6 else []
            missing(w, net, [k], flat, [(p, "suspect")] + with_o, seen=rng.random() < 0.7)
        if rng.random() < 0.35:
            vehicle_stop(w, net, g, car, [(k, "victim"), (p, "suspect")])
    if len(kids) >= 2 and rng.random() < 0.7:
        pair = rng.sample(kids, 2)
        missing(w, net, pair, flat, [(g, "suspect")], seen=True)
    last = w.report(w.later(net.hi - timedelta(days=20)), "medium", "intel-log")
    last.rel(o, "suspect", g, "suspect", "ASSOCIATE_OF")
    last.say(f"{o.name} and {g.name} seen leaving {flat.label} together; parties continue.")
