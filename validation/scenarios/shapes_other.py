"""Online-only grooming and county lines.

Online-only follows Whittle et al. (2013) and the CEOP/NCA picture of online grooming: one
adult with several accounts messages many children across the country and never meets
them; offenders trade images with each other. County lines follows the Home Office
(2018) *Criminal Exploitation of children and vulnerable adults: County Lines* guidance,
Robinson, McLean & Densley (2019) and Windle, Moyle & Coomber (2020): a line holder in
the city runs the deal line by phone, a local broker (Morselli 2009: the broker bridges
otherwise separate groups) ties the line to local dealers, drivers move children, trap
houses are often cuckooed homes of vulnerable adults, and the runners are children who
are stopped with drugs and arrested, yet are victims.
"""

from __future__ import annotations

from datetime import date, timedelta

from validation.scenarios.network import (
    Net,
    association,
    cdr,
    exploitation,
    member,
    missing,
    ownership,
    sighting,
    vehicle_stop,
)
from validation.scenarios.people import PLATFORMS, Person, born_aged
from validation.scenarios.places import Location
from validation.scenarios.report import World, fmt_day, fmt_time


def online_only(w: World, net: Net) -> None:
    rng = w.rng
    g = member(w, net, "groomer", gender="M", ages=(22, 58))
    net.organiser = g
    g.home = net.town.home()
    accs = [w.reg.account(g, p) for p in rng.sample(PLATFORMS, rng.randint(1, 3))]
    kids = [member(w, net, "child_victim", gender="F" if rng.random() < 0.7 else "M",
                   ages=(12, 16)) for _ in range(rng.randint(2, 6))]
    for k in kids:  # spread across the country: online contact needs no shared town
        town = rng.choice(w.towns)
        k.home = town.home_for_children() if rng.random() < 0.2 else town.home()
        w.reg.account(k, rng.choice(("snapchat", "instagram", "tiktok")))
    second = member(w, net, "groomer", gender="M", ages=(25, 60)) if rng.random() < 0.6 \
        else None

    used: dict[str, tuple[str, str]] = {}
    for k in kids:
        acc = used[k.key] = rng.choice(accs)
        t = w.when(net.lo, net.hi, evening=False)
        r = w.report(t, rng.choice(("firm", "strong")), "online-referral")
        r.messages(g, "suspect", k, "victim", rng.randrange(15, 600), acc_a=acc)
        if isinstance(k.home, Location):
            r.lives(k, "victim", k.home)
        r.say(f"Referral from {acc[0]}: account '{acc[1]}' sent sexualised messages to "
              f"{k.name} (aged {k.age_on(t.date())}) and asked for images. No meeting was "
              "arranged or took place.")

    t = w.when(net.lo + (net.hi - net.lo) / 2, net.hi, evening=False)
    r = w.report(t, "firm", "digital-forensics")
    r.uses(g, "suspect")
    if isinstance(g.home, Location):
        r.lives(g, "suspect", g.home)
    for acc in accs:
        r.link(r.person(g, "suspect"), r.account(acc), "HAS_ACCOUNT")
    shown = rng.sample(kids, rng.randint(1, len(kids)))
    for k in shown:
        r.messages(g, "suspect", k, "victim", rng.randrange(15, 600), acc_a=used[k.key])
    r.say(f"Download of devices seized from {g.name} at {fmt_day(t)}: chats with "
          f"{len(shown)} children identified ({', '.join(k.name for k in shown)}). "
          "Indecent images recovered.")
    if second is not None:
        r.messages(g, "suspect", second, "suspect", rng.randrange(20, 300), acc_a=accs[0])
        r.rel(g, "suspect", second, "suspect", "ASSOCIATE_OF")
        r.say(f"Images were traded with {second.name}, who is also in contact with children.")
        for k in rng.sample(kids, rng.randint(1, min(2, len(kids)))):
            t2 = w.when(net.lo, net.hi, evening=False)
            r2 = w.report(t2, "strong", "online-referral")
            r2.messages(second, "suspect", k, "victim", rng.randrange(5, 120))
            r2.say(f"{second.name} contacted {k.name} online and sent images originally "
                   f"shared by {g.name}.")


def _stop_search(w: World, net: Net, runner: Person, where: Location) -> None:
    t = w.when(net.lo, net.hi)
    r = w.report(w.later(t, 1, 24), "firm", "stop-search")
    ev = r.event("stop_search", t, description="possession with intent to supply")
    r.link(r.person(runner, "suspect"), ev, "SUBJECT_OF")
    r.link(ev, r.place(where), "OCCURRED_AT")
    r.say(f"{runner.name} (aged {runner.age_on(t.date())}) searched near {where.label} at "
          f"{fmt_time(t)}; {w.rng.randint(8, 30)} wraps and cash found. Arrested; "
          "National Referral Mechanism referral made as a likely victim of exploitation.")


def county_lines(w: World, net: Net, ex_victim: bool) -> None:
    rng, town, city = w.rng, net.town, w.city
    boss = member(w, net, "organiser", gender="M", ages=(22, 35), alias=0.7)
    net.organiser = boss
    boss.home = city.home()
    w.reg.phone(boss)
    line = w.reg.mobile(boss)  # the deal line
    broker = member(w, net, "broker", gender="M", alias=0.4)
    broker.home = town.home()
    dealers = [member(w, net, "associate", gender="M") for _ in range(rng.randint(1, 3))]
    drivers = [member(w, net, "driver", gender="M") for _ in range(rng.randint(1, 2))]
    traps = [town.trap_house() for _ in range(rng.randint(1, 2))]
    host = member(w, net, "host") if rng.random() < 0.7 else None
    cuckooed = None
    if host is None or rng.random() < 0.6:
        cuckooed = w.reg.person("adult_victim", net.id, born_aged(30, 62),
                                avoid=frozenset(q.last for q in net.members))
        net.members.append(cuckooed)
    runners = [member(w, net, "child_victim", gender="M" if rng.random() < 0.8 else "F",
                      ages=(14, 17)) for _ in range(rng.randint(3, 5))]
    car = w.reg.vehicle(boss)

    cdr(w, net, boss, "suspect", [(broker, "suspect")] + [(d, "suspect") for d in drivers],
        counts=(30, 200))
    cdr(w, net, boss, "suspect", [(x, "victim") for x in runners], counts=(15, 300), line=line)
    association(w, net, broker, "suspect", boss, "suspect")
    for d in dealers:
        association(w, net, d, "associate", broker, "suspect", quality="medium")
    sighting(w, net, town.venue(), [(broker, "suspect")] + [(d, "associate") for d in dealers])
    ownership(w, net, boss, car, drivers)

    trap = traps[0]
    r = w.report(w.when(net.lo, net.hi, evening=False), "strong", "intel-log")
    lid = r.place(trap)
    if cuckooed is not None:
        cuckooed.home = trap
        r.link(r.person(cuckooed, "victim"), lid, "LIVES_AT")
        r.rel(host or boss, "suspect", cuckooed, "victim", "EXPLOITS")
        r.say(f"{trap.label} is the home of {cuckooed.name}, a vulnerable adult; it has been "
              f"taken over (cuckooed) by the {boss.aliases[0] if boss.aliases else 'city'} "
              "line to deal from.")
    if host is not None:
        r.link(r.person(host, "suspect"), lid, "FREQUENTS")
        r.say(f"{host.name} runs the address day to day.")

    for i, kid in enumerate(runners):
        kid.home = city.home_for_children() if rng.random() < 0.35 else city.home()
        keeper = host or broker
        if i == 0 or rng.random() < 0.7:
            sighting(w, net, rng.choice(traps), [(kid, "victim"), (keeper, "suspect")],
                     system="warrant")
        if rng.random() < 0.6:
            _stop_search(w, net, kid, rng.choice([*traps, town.hotspot()]))
        if rng.random() < 0.5:
            missing(w, net, [kid], rng.choice(traps), [(keeper, "suspect")],
                    seen=rng.random() < 0.5)
        if rng.random() < 0.4 and keeper is not broker:
            sighting(w, net, rng.choice(traps), [(kid, "victim"), (broker, "suspect")])
    for i, d in enumerate(drivers):
        riders = rng.sample(runners, rng.randint(1, min(3, len(runners))))
        vehicle_stop(w, net, d, car, [(x, "victim") for x in riders],
                     owner=boss if i == 0 else None)

    if ex_victim or rng.random() < 0.5:
        _recruiter_once_victim(w, net, boss, runners)


def _recruiter_once_victim(w: World, net: Net, boss: Person, runners: list[Person]) -> None:
    """A young man exploited as a child (victim then) now recruits runners (suspect now)."""
    rng = w.rng
    span = (net.hi - net.lo).days
    turns18 = (net.lo + timedelta(days=rng.randrange(60, max(61, span // 2)))).date()
    dob = date(turns18.year - 18, turns18.month, min(turns18.day, 28))
    rec = w.reg.person("recruiter", net.id, (dob, dob), gender="M", nominal=True,
                       avoid=frozenset(q.last for q in net.members))
    net.members.append(rec)
    early = net.lo + timedelta(days=rng.randrange(5, 40), hours=14)
    exploitation(w, net, boss, rec, t=early, system="safeguarding-referral",
                 text=f"{rec.name}, aged {rec.age_on(early.date())}, found running drugs for "
                      f"{boss.name}'s line; treated as a victim of criminal exploitation, "
                      "NRM referral made.")
    after = net.lo + timedelta(days=(turns18 - net.lo.date()).days + 10)
    mine = rng.sample(runners, rng.randint(1, len(runners)))
    for kid in mine:
        association(w, net, rec, "suspect", kid, "victim", after=after,
                    system="safeguarding-referral")
    t = w.when(after, net.hi)
    sighting(w, net, net.town.hotspot(), [(rec, "suspect"), (mine[0], "victim")], t=t)
    cdr(w, net, rec, "suspect", [(k, "victim") for k in mine], counts=(10, 120), after=after)
