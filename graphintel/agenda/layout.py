"""The agenda as a list of blocks (headings, paragraphs, fields, tables, lists, images, page
breaks, a table of contents). Markdown, HTML and Word render these blocks and nothing else,
so the three formats say the same thing.

The pack has a short core the chair runs the meeting from, then numbered appendices that
the core cites:

* page 1 (portrait): header, contents, **for decision today** (the run's counts, what
  changed since the last meeting, new children at risk, new or escalated suspects, new or
  cooling hotspots, overdue actions), actions carried over and outcomes recorded, then
  **safeguarding first**;
* landscape: one block per network of most concern (a few candidate targets with one-line
  reasons, children linked by direct evidence, places, vehicles and phones to act on), one
  line per other network, the actions proposed at this meeting;
* appendices A–F (:mod:`graphintel.agenda.appendix`): evidence, children, places and
  tactics, changes in full, intelligence gaps, pictures and timelines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graphintel.agenda import model as m
from graphintel.agenda.model import Action, Agenda, Network, Picture, Timeline
from graphintel.agenda.words import plural
from graphintel.analysis.safeguarding import at_risk_words

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
    picture: Picture | Timeline


@dataclass(frozen=True)
class Break:
    """A new page; ``landscape`` says how the pages from here on are turned (Word)."""

    landscape: bool


@dataclass(frozen=True)
class Contents:
    """The table of contents: every level-2 heading, in order."""

    entries: tuple[tuple[str, str], ...]  # (text, anchor)


Block = Heading | Para | Fields | Table | Bullets | Image | Break | Contents


def one(text: object) -> str:
    """One line of data: any line breaks or runs of spaces inside become one space."""
    return " ".join(str(text).split())


def lines(items: Iterable[object]) -> str:
    return "\n".join(one(i) for i in items if one(i))


def table(columns: Iterable[str], rows: Iterable[Iterable[str]], name: str) -> Table:
    return Table(tuple(columns), tuple(tuple(r) for r in rows), name)


def network_anchor(n: Network) -> str:
    return f"network-{n.id}"


def _header(a: Agenda) -> list[Block]:
    h = a.header
    version = "internal (full detail)" if a.profile == "internal" else \
        "partner (children and victims pseudonymised, restricted intelligence withheld)"
    compared = f"analysis run {h.since_run}" if h.since_run else "no previous run"
    if h.since_run and h.since_note:
        compared += f" ({h.since_note})"
    blocks: list[Block] = [
        Para(h.marking, "marking"),
        Heading(1, h.title, "agenda"),
        Fields((("Meeting", f"{one(h.meeting)}, {one(h.date)}"),
                ("Protective marking", h.marking),
                ("Analysis run", f"{h.run_id} (run {h.run_created}; intelligence up to "
                                 f"{h.as_of})"),
                ("Compared with", compared), ("Version", version),
                *((("Ranking", "disruption score weighted otherwise than by default: "
                    f"{h.weights}"),) if h.weights else ()))),
        *((Para(f"Warning: {h.stale}.", "note"),) if h.stale else ()),
        *((Para(f"{h.merged}.", "note"),) if h.merged else ()),
        Para(f"Handling: {h.handling}", "note"),
        Para(f"{GENERATED_PREFIX}{h.generated_at} by graphintel", "generated"),
    ]
    blocks.extend(Para(line, "note") for line in a.withheld)
    return blocks


def counts_rows(a: Agenda) -> list[tuple[str, str]]:
    """The run's counts, worded as the command line words them."""
    s = a.summary
    shown = f"{s.networks} of {s.networks_total} found"
    left = []
    if a.more_networks:
        left.append(f"{a.more_networks} more with a target, child or victim, of less "
                    "concern than these: see them in the workspace")
    if a.quiet_networks:
        left.append(f"{a.quiet_networks} with no target, child or victim not shown")
    if left:
        shown += f" ({'; '.join(left)})"
    return [
        ("People in the analysis", str(s.people)),
        ("Suspects", str(s.suspects)),
        ("People at risk", f"{s.at_risk} ({at_risk_words(s.children, s.adult_victims,
                                                          s.possible_children)})"),
        ("Candidate disruption targets", str(s.targets)),
        ("Networks on this agenda", shown),
        *((("People possibly recorded twice",
            f"{plural(len(a.duplicates), 'pair')} of records on this agenda may each be one "
            "person: resolve them before acting (Appendix E)"),) if a.duplicates else ()),
    ]


#: Where every candidate target is listed with their reasons, for a pointer to say.
EVERY_TARGET = ("'graphintel analyse' lists every candidate target with their reasons (all of "
                "them in its CSV or JSON output)")


def since_words(a: Agenda) -> str:
    """What the changes are measured from: the last meeting, or (no earlier meeting
    recorded) the previous analysis run, or the run asked for."""
    h = a.header
    if h.since_kind == "meeting":
        return f"since the last meeting ({h.since_meeting}; analysis run {h.since_run})"
    if h.since_kind == "given":
        return f"since analysis run {h.since_run} (the run asked for)"
    return f"since the previous analysis run {h.since_run} (no earlier meeting recorded)"


def _since(a: Agenda) -> str:
    s, h = a.summary, a.headline
    if not s.since_run:
        return "No previous analysis run to compare with."
    parts = [plural(len(h.new_at_risk), "person newly at risk", "people newly at risk"),
             plural(len(h.children_linked), "child newly linked", "children newly linked")
             + " to a target by direct evidence",
             plural(len(h.newly_suspected), "person newly suspected", "people newly suspected"),
             plural(h.links_evidenced, "link newly evidenced", "links newly evidenced"),
             plural(len(h.hotspots_new), "new hotspot"),
             plural(len(h.hotspots_cooling), "hotspot cooling", "hotspots cooling"),
             plural(len(h.crossings), "target") + " crossing the top-10 line"]
    since = since_words(a)
    return f"{since[0].upper()}{since[1:]}: {'; '.join(parts)}. Every change in full: " \
           "Appendix D."


def action_rows(actions: Sequence[Action], *, carried: bool) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for x in actions:
        status = ("OVERDUE — " if x.overdue else "") + (x.decision or x.status)
        if x.withdraw:
            status = f"TO WITHDRAW — {x.status}: the meeting is asked to close it"
        if not x.id and not x.action:
            rows.append((BLANK_ID, "", "", "", "", "", ""))  # for an action the meeting adds
            continue
        first = (f"{x.id} ({x.meeting})" if carried else x.id) if x.id else str(x.number)
        rows.append((first, one(x.action), x.network, one(x.owner), one(x.agency), x.due,
                     status))
    return rows


#: The tactics cell of a target who may be a child or victim recorded apart.
NOT_UNTIL_RESOLVED = ("none: possibly a child or victim recorded apart; resolve the pair of "
                      "records first, and if it is them, safeguard, never target")

ACTION_COLUMNS = ("Action id", "Action", "Network", "Owner", "Agency", "Due", "Status")
#: The id cell of a blank row of the actions table, for an action the meeting adds.
BLANK_ID = "new"


def _page_one(a: Agenda) -> list[Block]:
    out: list[Block] = [Heading(2, m.DECISIONS, "decisions"),
                        table(("Count", "This run"), counts_rows(a), "summary"),
                        Para(_since(a))]
    if a.decisions:
        out.append(table(("Needs a decision", "What", "Where"),
                         [(d.kind, one(d.what), d.where) for d in a.decisions], "decisions"))
    else:
        out.append(Para(f"Nothing new or overdue {since_words(a)}." if a.summary.since_run
                        else "Nothing new or overdue."))
    if a.more_decisions:
        out.append(Para(f"{plural(a.more_decisions, 'more item')}: Appendix D.", "note"))
    out.append(Heading(3, "Actions carried over from earlier meetings (overdue first)",
                       "carried"))
    if a.carried:
        out.append(table(ACTION_COLUMNS, action_rows(a.carried, carried=True), "carried"))
    else:
        out.append(Para("None open."))
    if a.outcomes:
        out.append(Heading(3, "Outcomes recorded since the last meeting", "outcomes"))
        out.append(table(("Action id", "Action", "Status", "Outcome"), [
            (x.id, one(x.action), x.status, one(x.outcome) or "—") for x in a.outcomes],
            "outcomes"))
    return out


def safeguarding_table(a: Agenda, entries: Sequence[m.SafeguardingEntry],
                       name: str) -> list[Block]:
    """The safeguarding list as a table (the actions said once when all share them)."""
    shared = entries[0].actions
    if all(e.actions == shared for e in entries):
        return [Para("For each of them: " + "; ".join(shared) + "."),
                table(("Person", "Age", "Why", "Adults in contact"), [
                    (one(e.name), e.age, lines(e.why), ", ".join(e.adults) or "none recorded")
                    for e in entries], name)]
    return [table(("Person", "Age", "Why", "Adults in contact", "Actions"), [
        (one(e.name), e.age, lines(e.why), ", ".join(e.adults) or "none recorded",
         lines(e.actions)) for e in entries], name)]


def _safeguarding(a: Agenda, limits: m.Limits) -> list[Block]:
    out: list[Block] = [
        Heading(2, m.SAFEGUARDING, "safeguarding"),
        Para("These children and victims are also assessed as suspects. They are safeguarded "
             "and diverted, never disruption targets: no arrest, seizure or enforcement "
             "tactic is proposed for them. Disrupt the adults around them instead. Every "
             "child and victim at risk, with a RAG rating: Appendix B.")]
    if not a.safeguarding:
        return out + [Para("None in this run.")]
    out += safeguarding_table(a, a.safeguarding[: limits.safeguarding], "safeguarding")
    more = len(a.safeguarding) - limits.safeguarding
    if more > 0:
        out.append(Para(f"{plural(more, 'more child or victim', 'more children and victims')}"
                        " exploited into offending: Appendix B lists them all.", "note"))
    return out


def _core_network(a: Agenda, n: Network, limits: m.Limits) -> list[Block]:
    anchor = network_anchor(n)
    out: list[Block] = [
        Heading(2, one(n.label), anchor),
        Para(f"{plural(n.size, 'person', 'people')}, {plural(n.suspects, 'suspect')}. "
             f"Concern: {n.concern}. Evidence and report references: Appendix A; places, "
             f"vehicles and phones in full: Appendix C; picture and timeline: Appendix F.")]
    if n.targets:
        out.append(table(("Rank", "Candidate target", "Score", "Why (in short)",
                          "Tactics to consider"), [
            (str(t.rank), one(t.name) + (f", {one(t.dob)}" if t.dob else ""),
             f"{t.score:.1f}", " ".join(x for x in (t.decision, t.reasons[0] if t.reasons
                                                     else "—") if x),
             NOT_UNTIL_RESOLVED if t.possibly_protected else "; ".join(t.tactics[:2]) or "—")
            for t in n.targets[: limits.core_targets]], "core-targets"))
        out += _more_targets(n, limits)
        if n.duplicates:
            out.append(Para("Possibly one person recorded twice: " + "; ".join(n.duplicates)
                            + ". Resolve before acting on either: until then their links and "
                            "score are split between the records (Appendix E).", "note"))
    else:
        out.append(Para("No candidate disruption target in this network."))
    kids = ", ".join(n.direct_children) if n.direct_children else "none"
    out.append(Para(f"Children and victims linked to a target by direct evidence: {kids}. "
                    f"({plural(n.children_count, 'child or victim', 'children and victims')} "
                    "in or linked to this network in all: Appendix B.)"))
    rows = [(one(p.address), one(p.kind), one(p.why), "; ".join(p.options[:2]) or "—")
            for p in n.places[:2]]
    rows += [(f"{x.kind.lower()} {x.key}", one(x.description) or x.kind.lower(),
              one(x.activity).split("; last ")[0], "; ".join(x.options[:2]) or "—")
             for x in n.assets[: max(0, limits.core_assets - len(rows))]]
    if rows:
        out.append(table(("To act on", "Kind", "Why", "Options"), rows, "core-act-on"))
    return out


def _more_targets(n: Network, limits: m.Limits) -> list[Block]:
    """Where the network's candidate targets past its page are: Appendix A, or for any it
    leaves out (very large networks), the command that lists them all."""
    shown = min(len(n.targets), limits.core_targets)
    more = len(n.targets) - shown + n.more_targets
    if more <= 0:
        return []
    listed = more - n.unlisted_targets
    if not n.unlisted_targets:
        where = "Appendix A"
    elif listed:
        where = (f"Appendix A lists {listed} of them (the next by rank and every one named "
                 f"elsewhere in this pack); {EVERY_TARGET}")
    else:
        where = f"{EVERY_TARGET}"
    return [Para(f"{plural(more, 'more candidate target')}: {where}.", "note")]


def _other_networks(a: Agenda, rest: Sequence[Network], limits: m.Limits) -> list[Block]:
    if not rest:
        return []
    concern = [n for n in rest if n.targets or n.direct_children]
    listed = concern[: limits.other_networks]
    alone = len(rest) - len(concern)
    out: list[Block] = [Heading(2, m.OTHER_NETWORKS, "other-networks")]
    if listed:
        out.append(table(
            ("Network", "Concern", "Top candidate target", "Linked by direct evidence"), [
                (one(n.label), n.concern,
                 f"{n.targets[0].name} (rank {n.targets[0].rank}, {n.targets[0].score:.1f})"
                 if n.targets else "—", ", ".join(n.direct_children) or "none")
                for n in listed], "other-networks"))
    if len(concern) > len(listed):
        out.append(Para(f"{plural(len(concern) - len(listed), 'more network')} with a candidate "
                        "target or a child linked to one by direct evidence: Appendix A and "
                        "Appendix B.", "note"))
    if alone:
        out.append(Para(f"{plural(alone, 'more network')} with no candidate target and no "
                        "child linked to one by direct evidence (children and victims at risk "
                        "on their own or with other children): Appendix B."))
    return out


def _actions(a: Agenda) -> list[Block]:
    return [Heading(2, m.ACTIONS, "actions"),
            Para("Proposed at this meeting. Owner, agency and due date are proposals until "
                 "the meeting agrees them; record what is agreed, and later the outcome, with "
                 "'graphintel actions update <action id>'. Open actions come back on the next "
                 f"agenda. The rows marked '{BLANK_ID}' are blank, for actions the meeting "
                 "adds: they have no action id, and graphintel has no command to add one, so "
                 "record them in the meeting's minutes (they do not come back on the next "
                 "agenda)."),
            table(ACTION_COLUMNS, action_rows(a.actions, carried=False), "actions"),
            *([Para(f"This agenda replaces the one written earlier for this meeting from "
                    f"another analysis run: {plural(len(a.superseded), 'action')} it proposed "
                    "that nobody had changed "
                    + ("is" if len(a.superseded) == 1 else "are")
                    + " withdrawn, and what still applies is proposed above.", "note")]
              if a.superseded else []),
            *([Para("Not taken forward: " + "; ".join(
                f"{one(x.action)} ({x.network}) — {x.decision}" for x in a.declined), "note")]
              if a.declined else [])]


def layout(a: Agenda, limits: m.Limits | None = None) -> list[Block]:
    """Every block of the agenda, top to bottom (contents filled in last)."""
    from graphintel.agenda.appendix import appendices

    limits = limits or m.Limits()
    core = a.networks[: limits.core_networks]
    blocks = _header(a) + [Contents(())] + _page_one(a) + _safeguarding(a, limits)
    blocks.append(Break(landscape=True))
    for net in core:
        blocks += _core_network(a, net, limits)
    blocks += _other_networks(a, a.networks[limits.core_networks:], limits) + _actions(a)
    blocks += appendices(a, core, limits)
    blocks.append(Para(a.header.marking, "marking"))
    entries = tuple((b.text, b.anchor) for b in blocks if isinstance(b, Heading) and b.level == 2)
    return [Contents(entries) if isinstance(b, Contents) else b for b in blocks]
