"""The numbered appendices the core pages cite: A evidence for the candidate targets, B the
children and victims at risk (one row each, with a RAG rating and its rule), C places,
vehicles, phones and the tactics referred to, D changes since the previous run in full,
E intelligence gaps, F network pictures and timelines."""

from __future__ import annotations

from collections.abc import Sequence

from graphintel.agenda import model as m
from graphintel.agenda.layout import (
    EVERY_TARGET,
    Block,
    Break,
    Bullets,
    Heading,
    Image,
    Para,
    lines,
    network_anchor,
    one,
    safeguarding_table,
    table,
)
from graphintel.agenda.model import Agenda, Network, Target
from graphintel.agenda.words import plural

#: Children linked to a target that the evidence appendix cites in full; the rest counted.
DIRECT_ONLY = "direct"
MOST_CHILDREN = 3
#: Places (and vehicles or phones) listed for a network not among those of most concern.
OTHER_PLACES = 2


def _target_rows(targets: Sequence[Target], *, network: bool = False) -> list[tuple[str, ...]]:
    rows = []
    for t in targets:
        direct = [c for c in t.children if f"({DIRECT_ONLY}:" in c]
        rest = len(t.children) - len(direct)
        kids = direct[:MOST_CHILDREN]
        if len(direct) > MOST_CHILDREN:
            kids.append(f"and {len(direct) - MOST_CHILDREN:,} more by direct evidence "
                        "(Appendix B)")
        if rest:
            kids.append(f"and {rest:,} more within the network, no direct evidence")
        rows.append((str(t.rank), lines([t.name, t.dob, t.nominal_ref, t.roles]),
                     *((t.network,) if network else ()), f"{t.score:.1f}",
                     "; ".join(one(r) for r in t.reasons),
                     lines(kids) or "none shown"))
    return rows


def _evidence(a: Agenda, limits: m.Limits) -> list[Block]:
    out: list[Block] = [Break(landscape=True), Heading(2, m.APPENDIX_EVIDENCE, "appendix-a"),
                        Para(f"The candidate targets of each network on this agenda (up to "
                             f"{limits.evidence_targets} a network, by rank) and every other "
                             "candidate target this pack names, with the analysis's reasons "
                             "in full and the children and victims linked to them by direct "
                             "evidence, with the reports (and gradings) it rests on.")]
    for n in a.networks:
        if not n.targets:
            continue
        out.append(Heading(3, one(n.label), f"a-{network_anchor(n)}"))
        out.append(table(("Rank", "Who", "Score", "Reasons",
                          "Linked by direct evidence (reports)"),
                         _target_rows([*n.targets, *n.appendix_targets]), "targets"))
        if n.unlisted_targets:
            out.append(Para(f"{plural(n.unlisted_targets, 'more candidate target')} of this "
                            "network, named nowhere else in this pack, not listed: "
                            f"{EVERY_TARGET}.", "note"))
    if a.other_targets:
        out.append(Heading(3, "Candidate targets in networks not on this agenda",
                           "a-other-targets"))
        out.append(Para("Named elsewhere in this pack (a child's or victim's adults, the "
                        "decisions, the changes or the actions) though their network is not "
                        "on this agenda."))
        out.append(table(("Rank", "Who", "Network", "Score", "Reasons",
                          "Linked by direct evidence (reports)"),
                         _target_rows(a.other_targets, network=True), "other-targets"))
    return out


def _children(a: Agenda, limits: m.Limits) -> list[Block]:
    out: list[Block] = [
        Break(landscape=True), Heading(2, m.APPENDIX_CHILDREN, "appendix-b"),
        Para("One row per child or victim at risk; the evidence and its reports are in "
             "Appendix A. RAG: Red when linked by exploitation "
             "evidence to an adult suspect and missing in the last 90 days, missing three or "
             "more times in the last 90 days, or found with a suspect after a recent missing "
             "episode; Amber when in direct contact with an adult suspect or missing in the "
             "last 90 days; Green otherwise. Safeguarding only: no tactic is proposed for "
             "any of them as a child or victim (an adult assessed as a victim only as a "
             "child who is now a candidate target says so in their row).")]
    if len(a.safeguarding) > limits.safeguarding:
        out.append(Heading(3, "Every child and victim exploited into offending",
                           "b-safeguarding"))
        out += safeguarding_table(a, a.safeguarding, "safeguarding-all")
    if not a.children_rows:
        return out + [Para("None.")]
    out.append(table(
        ("Child or victim", "Age" if a.profile == "partner" else "Born (age)", "Network",
         "Missing episodes", "Places found",
         "Adults linked by direct evidence", "RAG (rule)", "Lead agency"),
        [(lines([c.name, c.nominal_ref, c.twice, c.also_target]), c.age, c.network,
          f"{c.episodes} ({c.episodes_recent} in 90 days); last {c.last_episode[:10]}"
          if c.episodes else "none recorded",
          one(c.places_found), "; ".join(one(x) for x in c.adults) or "none",
          f"{c.rag}: {c.rule}", c.lead_agency)
         for c in a.children_rows], "children"))
    return out


def _places(a: Agenda, core: Sequence[Network]) -> list[Block]:
    out: list[Block] = [Heading(2, m.APPENDIX_PLACES, "appendix-c"),
                        Para(f"In full for the networks of most concern; the top "
                             f"{OTHER_PLACES} places and {OTHER_PLACES} vehicles or phones "
                             "of every other network.")]
    tactics: dict[str, tuple[str, str, str]] = {}
    for n in a.networks:
        if not n.places and not n.assets:
            continue
        most = None if n in core else OTHER_PLACES
        places, assets = n.places[:most], n.assets[:most]
        out.append(Heading(3, one(n.label), f"c-{network_anchor(n)}"))
        if places:
            out.append(table(("Place", "Kind", "Why", "People", "Place-based options"), [
                (one(p.address), one(p.kind), one(p.why), one(p.people),
                 "; ".join(p.options) or "—") for p in places], "places"))
        more = n.more_places + len(n.places) - len(places)
        if more:
            out.append(Para(f"{plural(more, 'more place')} not listed.", "note"))
        if assets:
            out.append(table(("Vehicle or phone", "People", "Activity", "Options"), [
                (f"{x.kind.lower()} {x.key}" + (f" ({one(x.description)})" if x.description
                                                 else ""),
                 one(x.people), one(x.activity), "; ".join(x.options) or "—")
                for x in assets], "assets"))
        for t in n.tactics:
            tactics.setdefault(t.tactic, (t.basis, t.agency, t.description))
    if tactics:
        out.append(Heading(3, "Tactics referred to", "c-tactics"))
        out.append(table(("Tactic", "Basis", "Lead agency", "What it does"), [
            (name, one(b), one(ag), one(d)) for name, (b, ag, d) in tactics.items()],
            "tactics"))
    return out


def _changes(a: Agenda) -> list[Block]:
    c = a.changes
    out: list[Block] = [Heading(2, m.APPENDIX_CHANGES, "appendix-d")]
    if c.since_run is None:
        return out + [Para("No previous analysis run to compare with.")]
    note = f"; {c.note}" if c.note else ""
    out.append(Para(f"Compared with analysis run {c.since_run} (run {c.since_created}{note})."))
    if c.merges:  # before the changes: a target merged away is not one de-escalated
        out.append(Para("Records merged since (one person recorded twice): "
                        + "; ".join(one(m) for m in c.merges) + "."))
    h = a.headline
    for title, items in (("People newly at risk", h.new_at_risk),
                         ("Children newly linked to a target by direct evidence",
                          h.children_linked),
                         ("People newly suspected", h.newly_suspected),
                         ("New hotspots", h.hotspots_new), ("Hotspots cooling",
                                                            h.hotspots_cooling)):
        out.append(Para(f"{title}: {'; '.join(one(i) for i in items) or 'none'}."))
    out.append(Heading(3, m.NEW_PEOPLE, "changes-people"))
    out.append(Bullets(tuple(one(p) for p in c.new_people)) if c.new_people else Para("None."))
    out.append(Heading(3, m.NEW_LINKS, "changes-links"))
    out.append(table(("Link", "First seen", "Reports"), [
        (one(x.link), one(x.first_seen), one(x.refs) or "—") for x in c.new_links],
        "new-links") if c.new_links else Para("None."))
    out.append(Heading(3, m.NEW_EPISODES, "changes-episodes"))
    out.append(table(("Child", "Missing", "Found", "Found at", "Found with"), [
        (one(x.child), x.episode.start, x.episode.end, one(x.episode.found_at),
         one(x.episode.found_with)) for x in c.new_episodes], "new-episodes")
        if c.new_episodes else Para("None."))
    out.append(Heading(3, m.MOVES, "changes-targets"))
    out.append(table(("Target", "Change", "Before", "Now"), [
        (one(x.name), x.change, x.before, x.after) for x in c.moves], "moves")
        if c.moves else Para("None."))
    if c.more_moves:
        out.append(Para(f"{plural(c.more_moves, 'more target')} moved; not listed.", "note"))
    return out


def _gaps(a: Agenda) -> list[Block]:
    out: list[Block] = [
        Heading(2, m.APPENDIX_GAPS, "appendix-e"),
        Para("Links shown in this pack that rest on one report, on a source graded not "
             "reliable, or on intelligence graded D or E. Each needs corroboration before "
             "action relies on it.")]
    if a.gaps:
        out.append(table(("Link", "Network", "Reports (grading)", "Why it needs corroboration"),
                         [(one(g.link), g.network, one(g.reports), one(g.concerns))
                          for g in a.gaps], "gaps"))
    else:
        out.append(Para("None."))
    if a.more_gaps:
        out.append(Para(f"{plural(a.more_gaps, 'more gap')} not listed.", "note"))
    if a.duplicates:
        out += [Heading(3, "People who may be recorded twice", "duplicates"),
                Para("Pairs of records, one of them on this agenda, that the duplicate finder "
                     "scores as very likely one person and that no analyst has merged or told "
                     "apart. Until they are resolved ('graphintel resolve candidates "
                     "--targets-first' lists them first; then 'merge' or 'reject', and the "
                     "analysis again) the person's links, score and rank are split between "
                     "the records."),
                table(("Record", "May be the same person as", "Why", "Score"),
                      [(one(d.first), one(d.second), one(d.why), f"{d.score:.3f}")
                       for d in a.duplicates], "duplicates")]
    return out


def _pictures(a: Agenda, core: Sequence[Network]) -> list[Block]:
    out: list[Block] = [Break(landscape=True), Heading(2, m.APPENDIX_PICTURES, "appendix-f"),
                        Para("The networks of most concern. Only candidate targets and "
                             "children are labelled; people and things tied to nothing else "
                             "shown are left out. The link chart command draws any network "
                             "in full.")]
    for i, n in enumerate(core):
        if i:
            out.append(Break(landscape=True))
        out.append(Heading(3, one(n.label), f"f-{network_anchor(n)}"))
        out.append(Image(n.picture) if n.picture else Para("Too few links to draw."))
        out.append(Image(n.timeline) if n.timeline else Para("Too few dated events for a "
                                                               "timeline."))
    return out


def appendices(a: Agenda, core: Sequence[Network], limits: m.Limits) -> list[Block]:
    return (_evidence(a, limits) + _children(a, limits) + _places(a, core) + _changes(a) + _gaps(a)
            + _pictures(a, core))
