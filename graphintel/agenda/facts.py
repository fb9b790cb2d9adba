"""What the agenda needs from the graph beyond the run's result document, read with the
shipped ``cypher/agenda/*.cypher`` queries (a handful of calls, never one per person)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graphintel.analysis.projection import report_of_row
from graphintel.analysis.timewindow import Window
from graphintel.profile import TREND_RUNS
from graphintel.store import Store


@dataclass
class Facts:
    """Raw, unredacted facts about the people of one run."""

    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    episodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    ties: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    links: list[dict[str, Any]] = field(default_factory=list)
    reads: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    calls: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    new_links: list[dict[str, Any]] = field(default_factory=list)
    #: Identities as the run recorded them, for people the graph no longer holds.
    recorded: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Each target's rank over the latest runs, oldest first (graphintel.profile.rank_trend).
    trends: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    #: Merges of records applied since the run compared with (``resolve_decisions`` rows).
    merges: list[dict[str, Any]] = field(default_factory=list)
    #: Positions in ``links`` of the links at each person (either end), built on first use.
    _link_index: tuple[int, int, dict[str, list[int]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def links_touching(self, uids: Iterable[str]) -> list[dict[str, Any]]:
        """The links with either end among ``uids``, in the order of ``links``: what a scan
        of every link for each network found, from an index built once."""
        if self._link_index is None or self._link_index[:2] != (id(self.links),
                                                               len(self.links)):
            index: dict[str, list[int]] = defaultdict(list)
            for i, link in enumerate(self.links):
                index[link["a"]].append(i)
                if link["b"] != link["a"]:
                    index[link["b"]].append(i)
            self._link_index = (id(self.links), len(self.links), dict(index))
        at = self._link_index[2]
        return [self.links[i] for i in sorted({i for uid in set(uids) for i in at.get(uid, ())})]

    def entity_uids(self) -> set[str]:
        """Every phone, vehicle, place or account these facts may name."""
        uids = {t["entity"] for rows in self.ties.values() for t in rows}
        uids |= {x["uid"] for rows in self.episodes.values() for e in rows
                 for part in ("found_at", "missing_from") for x in e[part]}
        uids |= {r["location"] for rows in self.reads.values() for r in rows if r.get("location")}
        uids |= {c["other"] for rows in self.calls.values() for c in rows if c.get("other")}
        uids |= {row["b"] for row in self.new_links if row["label"] != "Person"}
        return uids

    def person(self, uid: str) -> dict[str, Any]:
        """The person's identity and mentioning reports (none for someone deleted since)."""
        found = self.people.get(uid)
        if found is not None:
            return found
        return {"name": None, "dob": None, "nominal_ref": None, "roles": [],
                **self.recorded.get(uid, {}), "uid": uid, "reports": []}


def _grouped(rows: Iterable[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[str(row[key])].append(row)
    return dict(out)


def _people(store: Store, uids: Iterable[str], full: Iterable[str] | None = None, *,
            partner: bool = True) -> dict[str, dict[str, Any]]:
    """People by uid with the reports mentioning them; with ``full``, only those people
    get their reports, and the rest (read briefly: ``reports`` empty) say only whether a
    report partners may see mentions them (``shared``; only when ``partner``)."""
    wanted = sorted(set(uids))
    if not wanted:
        return {}
    detailed = wanted if full is None else sorted(set(wanted) & set(full))
    out = {r["uid"]: r for r in store.read("agenda_people", uids=detailed)} if detailed \
        else {}
    brief = sorted(set(wanted) - set(out))
    if brief:
        out.update((r["uid"], {**r, "reports": []})
                   for r in store.read("agenda_people_brief", uids=brief, partner=partner))
    return out


#: What a tie row says about the phone, vehicle or place it reaches.
ENTITY_FIELDS = ("label", "key", "address", "postcode", "kind", "make", "model", "colour")


def _ties(store: Store, members: Iterable[str]) -> list[dict[str, Any]]:
    """Every tie of ``members`` to a phone, vehicle or place, with what that thing is: the
    ties in one read and each thing once in another (a place is tied to many people)."""
    ties = store.read("agenda_ties", uids=sorted(set(members)))
    if not ties:
        return []
    things = {r["entity"]: r for r in store.read(
        "agenda_tied_entities", uids=sorted({t["entity"] for t in ties}))}
    out = []
    for t in ties:
        thing = things.get(t["entity"]) or {}
        row = {"person": t["person"], "type": t["type"], "entity": t["entity"]}
        row.update((k, thing.get(k)) for k in ENTITY_FIELDS)
        row.update(refs=t["refs"], first_seen=t["first_seen"], last_seen=t["last_seen"],
                   count=t["count"])
        out.append(row)
    return out


def rank_trends(store: Store, uids: Iterable[str], *, runs: int = TREND_RUNS
                ) -> dict[str, list[dict[str, Any]]]:
    """Each person's rank in each of the latest ``runs`` complete analysis runs, oldest
    first: for every uid the same entries as :func:`graphintel.profile.rank_trend`, from
    one read instead of one per person."""
    wanted = sorted(set(uids))
    out: dict[str, list[dict[str, Any]]] = {uid: [] for uid in wanted}
    if not wanted:
        return out
    for r in store.read("agenda_rank_trends", uids=wanted, limit=runs):
        if r["window_from"] or r["window_to"]:
            when = f"{r['window_from'] or '…'}..{r['window_to'] or '…'}"
        else:
            when = str(r["as_of"] or str(r["created_at"])[:10])
        out[r["uid"]].append({"when": when, "rank": None if r["protected"] else r["rank"],
                              "of": r["ranked"],
                              "score": None if r["protected"] else r["score"],
                              "run_id": r["run_id"]})
    return out


#: Reads of the agenda's facts that may run at once (each in its own session): the
#: server answers one while the driver decodes another.
READERS = 4


def gather(store: Store, everyone: list[str], members: list[str],
           window: tuple[str, str] | None,
           recorded: dict[str, dict[str, Any]] | None = None, *, partner: bool = True,
           episodes: Future[list[dict[str, Any]]] | None = None,
           until: str | None = None, run_at: str | None = None) -> Facts:
    """Read the facts: people and missing episodes of ``everyone`` in the run (with the
    reports mentioning them for the ``members`` only); ties and links of the ``members``
    of the networks shown; links new within ``window``. Reads that do not depend on each
    other run side by side (:data:`READERS`); the facts are the same as read one by one.
    ``episodes``: the read of every missing episode (``agenda_episodes``) if already
    started (it needs nothing from the run); else it is read here. ``until``: the run's last
    day of evidence (its as-of or window end), after which nothing is kept
    (:func:`keep_until`). ``run_at``: the run's created_at, so that the reports loaded as a
    new version since say so, with the grading the run weighed (``agenda_reports``)."""
    facts = Facts(recorded=recorded or {})
    with ThreadPoolExecutor(READERS) as pool:
        people = pool.submit(_people, store, everyone, full=members, partner=partner)
        if episodes is None:
            episodes = pool.submit(store.read, "agenda_episodes")
        ties = pool.submit(_ties, store, members)
        links = pool.submit(store.read, "agenda_person_links", uids=sorted(members))
        new_links = pool.submit(store.read, "agenda_new_links", since=window[0],
                                until=window[1]) if window is not None else None
        facts.ties = _grouped(ties.result(), "person")
        entities = {t["entity"]: t["label"] for rows in facts.ties.values() for t in rows}
        vehicles = sorted(u for u, label in entities.items() if label == "Vehicle")
        phones = sorted(u for u, label in entities.items() if label == "Phone")
        reads = pool.submit(store.read, "agenda_vehicle_reads", uids=vehicles) \
            if vehicles else None
        calls = pool.submit(store.read, "agenda_phone_calls", uids=phones) if phones else None
        facts.people = people.result()
        wanted = set(everyone)
        facts.episodes = _grouped((e for e in episodes.result() if e["child"] in wanted),
                                  "child")
        facts.links = links.result()
        facts.new_links = new_links.result() if new_links is not None else []
        extra = {w["uid"] for rows in facts.episodes.values() for e in rows
                 for w in e["found_with"]}
        extra |= {row[end] for row in facts.new_links for end in ("a", "b")
                  if end == "a" or row["label"] == "Person"}
        facts.people.update(_people(store, extra - set(facts.people), full=members,
                                    partner=partner))
        if reads is not None:
            facts.reads = _grouped(reads.result(), "vehicle")
        if calls is not None:
            facts.calls = _grouped(calls.result(), "phone")
    facts.reports = {r["ref"]: r for r in store.read("agenda_reports", refs=sorted(_refs(facts)),
                                                       run_at=run_at)}
    if until is not None:
        keep_until(facts, until)
    return facts


def keep_until(facts: Facts, until: str) -> None:
    """Leave out of ``facts`` what reports dated after ``until`` say, by the rules of the
    analysis's evidence window (:class:`~graphintel.analysis.timewindow.Window`): a row keeps
    its reports up to that day and goes when none is left; a missing episode that began
    after it goes. An agenda of a run as of a past day then shows what was known that day."""
    win = Window.of(None, until)

    def rows(given: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for r in given:
            first, last = r.get("first_seen"), r.get("last_seen")
            refs = win.refs(r["refs"], facts.reports, first, last)
            if not win.link_kept(r["refs"], refs, first, last):
                continue
            kept = r | {"refs": refs}
            if r.get("rows"):
                kept["rows"] = [x for x in r["rows"] if report_of_row(x) in refs]
            out.append(kept)
        return out

    def grouped(given: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
        return {k: kept for k, v in given.items() if (kept := rows(v))}

    facts.ties, facts.reads, facts.calls = (grouped(facts.ties), grouped(facts.reads),
                                            grouped(facts.calls))
    facts.links, facts.new_links = rows(facts.links), rows(facts.new_links)
    episodes: dict[str, list[dict[str, Any]]] = {}
    for child, found in facts.episodes.items():
        for e in found:
            refs = win.refs(e["refs"], facts.reports, e["start"], e["end"])
            if win.contains(e["start"]) is False or \
                    not win.link_kept(e["refs"], refs, e["start"], e["end"]):
                continue  # began later, or told only by later reports
            parts = {part: rows(e[part]) for part in ("found_at", "missing_from", "found_with")}
            episodes.setdefault(child, []).append(e | parts | {"refs": refs})
    facts.episodes = episodes
    facts.reports = {ref: r for ref, r in facts.reports.items() if win.report_kept(r)}


def _refs(facts: Facts) -> set[str]:
    refs: set[str] = set()
    for rows in facts.episodes.values():
        for e in rows:
            refs.update(e["refs"])
            for part in ("found_at", "missing_from", "found_with"):
                for x in e[part]:
                    refs.update(x["refs"])
    for rows in (*facts.ties.values(), *facts.reads.values(), *facts.calls.values(),
                 facts.links, facts.new_links):
        for row in rows:
            refs.update(row["refs"] or [])
    return refs
