"""The agenda as a list of blocks (headings, paragraphs, fields, tables, lists, images), in
the order the issue asks for. Markdown, HTML and Word render these blocks and nothing else,
so the three formats say the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graphintel.agenda import model as m
from graphintel.agenda.model import Agenda, Network, Picture
from graphintel.agenda.words import plural

GENERATED_PREFIX = "Generated: "


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "text"  # text, marking, note, generated


@dataclass(frozen=True)
class Fields:
    items: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    """Cells are text; a cell of several lines holds them separated by newlines."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    name: str = ""


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Image:
    picture: Picture


Block = Heading | Para | Fields | Table | Bullets | Image


def one(text: object) -> str:
    """One line of data: any line breaks or runs of spaces inside become one space."""
    return " ".join(str(text).split())


def lines(items: Iterable[object]) -> str:
    return "\n".join(one(i) for i in items if one(i))


def _table(columns: Iterable[str], rows: Iterable[Iterable[str]], name: str) -> Table:
    return Table(tuple(columns), tuple(tuple(r) for r in rows), name)


def _header(a: Agenda) -> list[Block]:
    h = a.header
    version = "internal (full detail)" if a.profile == "internal" else \
        "partner (children and victims pseudonymised, restricted intelligence withheld)"
    compared = f"analysis run {h.since_run}" if h.since_run else "no previous run"
    blocks: list[Block] = [
        Para(h.marking, "marking"),
        Heading(1, h.title, "agenda"),
        Fields((("Meeting", one(h.meeting)), ("Date", one(h.date)),
                ("Protective marking", h.marking), ("Handling", h.handling),
                ("Analysis run", f"{h.run_id} (run {h.run_created}; intelligence up to "
                                 f"{h.as_of})"),
                ("Compared with", compared), ("Version", version))),
        Para(f"{GENERATED_PREFIX}{h.generated_at} by graphintel", "generated"),
    ]
    blocks.extend(Para(line, "note") for line in a.withheld)
    return blocks


def _summary(a: Agenda) -> list[Block]:
    s = a.summary
    if s.since_run:
        new = (f"{plural(s.new_people, 'new person', 'new people')}, "
               f"{plural(s.new_links, 'new link')}, "
               f"{plural(s.new_episodes, 'new missing episode')}; "
               f"{plural(s.targets_moved, 'target')} moved")
    else:
        new = "no previous run to compare with"
    shown = f"{s.networks} (of {s.networks_total} found"
    shown += (f"; {a.quiet_networks} with no target, child or victim not shown)"
              if a.quiet_networks else ")")
    rows = [("Networks on this agenda", shown), ("People in the analysis", str(s.people)),
            ("Suspects", str(s.suspects)), ("Children and victims at risk", str(s.children)),
            ("New since the previous run", new)]
    order = [f"{one(n.label)}: {n.concern}" for n in a.networks]
    blocks: list[Block] = [Heading(2, m.SUMMARY, "summary"),
                           _table(("Item", "Count"), rows, "summary")]
    if order:
        blocks += [Para("Networks in order of concern:"), Bullets(tuple(order))]
    return blocks


def _network(a: Agenda, n: Network) -> list[Block]:
    anchor = f"network-{n.id}"
    partner = a.profile == "partner"
    out: list[Block] = [
        Heading(2, one(n.label), anchor),
        Para(f"{plural(n.size, 'person', 'people')}, {plural(n.suspects, 'suspect')}. "
             f"Concern: {n.concern}."),
        Heading(3, m.TARGETS, f"{anchor}-targets")]
    if n.targets:
        out.append(_table(("Rank", "Who", "Score", "Reasons",
                           "Children and victims linked (evidence)"), [
            (str(t.rank), lines([t.name, t.dob, t.nominal_ref, t.roles]), f"{t.score:.1f}",
             lines(t.reasons), lines(t.children) or "none shown") for t in n.targets],
            "targets"))
    else:
        out.append(Para("No candidate disruption target in this network."))
    if n.more_targets:
        out.append(Para(f"{plural(n.more_targets, 'more candidate target')} not listed.", "note"))
    out.append(Heading(3, m.CHILDREN, f"{anchor}-children"))
    if n.children:
        out.append(_table(
            ("Child or victim", "Age" if partner else "Date of birth", "Linked to",
             "Most recent missing episodes"),
            [(lines([c.name, c.nominal_ref]), one(c.dob) or "unknown", lines(c.linked_to),
              lines([f"{e.start} to {e.end}: found at {e.found_at}; with {e.found_with}; "
                     f"missing from {e.missing_from}" for e in c.episodes]
                    + ([f"({plural(c.episodes_total, 'episode')} in all)"]
                       if c.episodes_total > len(c.episodes) else []))
              or "none recorded") for c in n.children], "children"))
    else:
        out.append(Para("No child or victim linked."))
    if n.more_children:
        more = plural(n.more_children, "more child or victim", "more children or victims")
        out.append(Para(f"{more} not listed.", "note"))
    out.append(Heading(3, m.PLACES, f"{anchor}-places"))
    if n.places:
        out.append(_table(("Place", "Kind", "Why", "People", "Place-based options"), [
            (one(p.address), one(p.kind), one(p.why), one(p.people), lines(p.options) or "—")
            for p in n.places], "places"))
    else:
        out.append(Para("No place recorded."))
    if n.more_places:
        out.append(Para(f"{plural(n.more_places, 'more place')} not listed.", "note"))
    out.append(Heading(3, m.ASSETS, f"{anchor}-assets"))
    if n.assets:
        out.append(_table(("Vehicle or phone", "Details", "People", "Activity", "Options"), [
            (lines([x.key, x.kind.lower()]), one(x.description) or "—", one(x.people),
             one(x.activity), lines(x.options) or "—") for x in n.assets], "assets"))
    else:
        out.append(Para("No vehicle or phone to act on."))
    if n.more_assets:
        more = plural(n.more_assets, "more vehicle or phone", "more vehicles and phones")
        out.append(Para(f"{more} not listed.", "note"))
    out.append(Heading(3, m.PICTURE, f"{anchor}-picture"))
    out.append(Image(n.picture) if n.picture else Para("Too few links to draw."))
    out.append(Heading(3, m.TACTICS, f"{anchor}-tactics"))
    if n.tactics:
        out.append(_table(("Target", "Tactic", "Basis", "Lead agency", "What it does"), [
            (one(t.target), one(t.tactic), one(t.basis), one(t.agency), one(t.description))
            for t in n.tactics], "tactics"))
    else:
        out.append(Para("No tactic from the tactics list applies to the targets shown."))
    return out


def _changes(a: Agenda) -> list[Block]:
    c = a.changes
    out: list[Block] = [Heading(2, m.CHANGES, "changes")]
    if c.since_run is None:
        return out + [Para("No previous analysis run to compare with.")]
    out.append(Para(f"Compared with analysis run {c.since_run} (run {c.since_created})."))
    out.append(Heading(3, m.NEW_PEOPLE, "changes-people"))
    out.append(Bullets(tuple(one(p) for p in c.new_people)) if c.new_people else Para("None."))
    out.append(Heading(3, m.NEW_LINKS, "changes-links"))
    out.append(_table(("Link", "First seen", "Reports"), [
        (one(x.link), one(x.first_seen), one(x.refs) or "—") for x in c.new_links],
        "new-links") if c.new_links else Para("None."))
    out.append(Heading(3, m.NEW_EPISODES, "changes-episodes"))
    out.append(_table(("Child", "Missing", "Found", "Found at", "Found with"), [
        (one(x.child), x.episode.start, x.episode.end, one(x.episode.found_at),
         one(x.episode.found_with)) for x in c.new_episodes], "new-episodes")
        if c.new_episodes else Para("None."))
    out.append(Heading(3, m.MOVES, "changes-targets"))
    out.append(_table(("Target", "Change", "Before", "Now"), [
        (one(x.name), x.change, x.before, x.after) for x in c.moves], "moves")
        if c.moves else Para("None."))
    if c.more_moves:
        out.append(Para(f"{plural(c.more_moves, 'more target')} moved; not listed.", "note"))
    return out


def _gaps(a: Agenda) -> list[Block]:
    out: list[Block] = [
        Heading(2, m.GAPS, "gaps"),
        Para("Links shown on this agenda that rest on one report, on a source graded not "
             "reliable, or on intelligence graded D or E. Each needs corroboration before "
             "action relies on it.")]
    if a.gaps:
        out.append(_table(("Link", "Network", "Reports (grading)", "Why it needs corroboration"),
                          [(one(g.link), g.network, one(g.reports), one(g.concerns))
                           for g in a.gaps], "gaps"))
    else:
        out.append(Para("None."))
    if a.more_gaps:
        out.append(Para(f"{plural(a.more_gaps, 'more gap')} not listed.", "note"))
    return out


def _safeguarding(a: Agenda) -> list[Block]:
    if not a.safeguarding:
        return []
    return [
        Heading(2, m.SAFEGUARDING, "safeguarding"),
        Para("These children and victims are also assessed as suspects. They are safeguarded "
             "and diverted, never disruption targets: no arrest, seizure or enforcement "
             "tactic is proposed for them. Disrupt the adults around them instead."),
        _table(("Person", "Age", "Why", "Adults in contact", "Actions"), [
            (one(e.name), e.age, lines(e.why), lines(e.adults) or "none recorded",
             lines(e.actions)) for e in a.safeguarding], "safeguarding"),
    ]


def layout(a: Agenda) -> list[Block]:
    """Every block of the agenda, top to bottom."""
    blocks = _header(a) + _summary(a) + _safeguarding(a)
    for net in a.networks:
        blocks += _network(a, net)
    blocks += _changes(a) + _gaps(a)
    blocks += [Heading(2, m.ACTIONS, "actions"),
               Para("Owner, agency and due date are agreed at the meeting."),
               _table(("#", "Action", "Network", "Owner", "Agency", "Due"), [
                   (str(x.number), one(x.action), x.network, "", "", "") for x in a.actions],
                   "actions"),
               Para(a.header.marking, "marking")]
    return blocks
