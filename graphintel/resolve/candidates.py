"""Find likely duplicate people, phones and locations, with a score and the evidence.

Nothing is merged here: the pairs are proposals for an analyst (``graphintel resolve
merge`` / ``reject``). Blocking keeps the search near-linear; only people sharing a block
are compared:

- the Soundex of one name word together with a date-of-birth key (the date with one
  digit masked, two adjacent digits sorted, day/month sorted, a day and the next), so
  the same or a near date of birth meets even when the other word is misspelt;
- the same name key, its words in any order (compared only when one of the two has no
  date of birth); the Soundex of a name's first and last words, and a lone first name
  against everyone of that first name (both only when one has no date of birth: a record
  of no known age may be a child written another way, :func:`score_people`);
- a shared phone (compared for phone + home address), an alias equal to a name, and a
  uid recorded as merged into a person (a merged person re-created by a later load).

Blocks bigger than ``max_block`` are skipped and counted. Where a name or an alias is
carried by several people, the evidence it gives is divided among them. Pairs an analyst
rejected are never proposed.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import combinations
from typing import Any

from graphintel.clean import name_key
from graphintel.clean.nominal import nominal_key
from graphintel.errors import GraphintelError
from graphintel.resolve.similarity import (
    address_key,
    address_similarity,
    date_relation,
    dob_block_keys,
    house_numbers,
    name_blocks,
    name_forms,
    name_similarity,
    parse_date,
    phone_digits,
    sorted_words,
    sound,
    sounds_alike,
    written_in_abjad,
)
from graphintel.store import Store

KINDS = ("person", "phone", "location", "handset")
SAME_DOB_NAME = 0.82  # name similarity needed with the same date of birth
NEAR_DOB_NAME = 0.88  # ... with a near date of birth
NO_DOB_NAME = 0.97  # ... when one has no date of birth
LIKE_NO_DOB_NAME = 0.85  # ... a looser match, names sounding the same, one without a date
# with the same date of birth, names this similar that sound alike count as 0.9 similar
SOUND_ALIKE_MIN, SOUND_ALIKE_AS = 0.75, 0.9
ADDRESS_MIN = 0.85
#: The order of each person's values in ``resolve_candidate_persons``.
PERSON_FIELDS = ("uid", "name", "name_key", "dob", "nominal_ref", "aliases", "merged_uids",
                 "phones", "homes", "conflicting_nominal_refs")

UNFIXED_PHONE_FLAGS = frozenset({"unparseable_phone", "impossible_number"})


@dataclass(frozen=True)
class Candidate:
    """A proposed pair: ``a`` < ``b`` (uids), score in [0, 1], rules fired and evidence."""

    kind: str
    a: str
    b: str
    a_label: str
    b_label: str
    score: float
    rules: tuple[str, ...]
    evidence: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": self.a, "b": self.b, "a_label": self.a_label,
                "b_label": self.b_label, "score": self.score, "rules": list(self.rules),
                "evidence": list(self.evidence)}


@dataclass
class Search:
    """The candidates of one search and how much work the blocking left."""

    candidates: list[Candidate] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Person:
    uid: str
    name: str
    key: str
    words: str
    day: date | None
    nominal_ref: str | None
    alias_keys: dict[str, str]
    merged: frozenset[str]
    phones: frozenset[str]
    homes: frozenset[str]
    blocks: set[str]
    #: nominal references a report gave this record that belong to another person (the
    #: load took them as mistyped: graphintel/ingest, nominal_ref_conflict)
    clashed: frozenset[str] = frozenset()
    #: the name is written in Arabic or Hebrew script (its key a skeleton with vowels put
    #: back: its spelling says little, how it sounds says more)
    abjad: bool = False

    @classmethod
    def of(cls, row: dict[str, Any]) -> _Person:
        # the name as the register writes it: forename first, no title, nicknames apart
        form, nicknames = name_forms(row.get("name"))
        key = form or row.get("name_key") or name_key(row.get("name"))
        aliases = {name_forms(a)[0]: a for a in row.get("aliases") or []}
        aliases.update((n, n) for n in nicknames if n not in aliases)
        aliases.pop(key, None)
        aliases.pop("", None)
        return cls(row["uid"], row.get("name") or key, key, sorted_words(key),
                   parse_date(row.get("dob")), nominal_key(row.get("nominal_ref")), aliases,
                   frozenset(row.get("merged_uids") or ()), frozenset(row.get("phones") or ()),
                   frozenset(row.get("homes") or ()), name_blocks(key),
                   frozenset(k for k in map(nominal_key, row.get("conflicting_nominal_refs")
                                            or ()) if k),
                   written_in_abjad(row.get("name")))


@dataclass
class _Counts:
    """How many people carry each name key and each alias key (for ambiguity)."""

    names: Counter[str]
    aliases: Counter[str]
    firsts: Counter[str] = field(default_factory=Counter)  # first words of full names


def _pair(i: int, j: int) -> tuple[int, int]:
    return (i, j) if i < j else (j, i)


def _blocked_pairs(people: list[_Person], max_block: int,
                   stats: dict[str, Any]) -> set[tuple[int, int]]:
    # One dict of integer keys (date key * 2^14 + Soundex number) keeps this fast.
    codes: dict[str, int] = {}
    blocks: dict[int, list[int]] = defaultdict(list)
    same_name: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        if p.day:
            keys = [k << 14 for k in dob_block_keys(p.day)]
            for nb in p.blocks:
                code = codes.setdefault(nb, len(codes))
                for k in keys:
                    blocks[k | code].append(i)
        same_name[p.words].append(i)
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for members in blocks.values():
        if len(members) > 1:
            if len(members) > max_block:
                skipped += 1
            else:
                pairs.update(combinations(members, 2))
    undated, lone_pairs, lone_skipped = _undated_blocks(people, max_block)
    pairs.update(lone_pairs)
    skipped += lone_skipped
    for members in [*same_name.values(), *undated.values()]:
        # worth comparing only when one has no date of birth
        if 1 < len(members) <= max_block:
            pairs.update(_pair(i, j) for i in members if not people[i].day
                         for j in members if j != i)
        elif len(members) > max_block:
            skipped += 1
    by_phone: dict[str, list[int]] = defaultdict(list)
    by_alias: dict[str, list[int]] = defaultdict(list)
    by_uid = {p.uid: i for i, p in enumerate(people)}
    for i, p in enumerate(people):
        for ph in p.phones:
            by_phone[ph].append(i)
        for a in p.alias_keys:
            by_alias[a].append(i)
    for members in by_phone.values():
        if 1 < len(members) <= max_block:
            pairs.update((i, j) for i, j in combinations(members, 2)
                         if people[i].homes & people[j].homes)
        elif len(members) > max_block:
            skipped += 1
    by_nominal = {p.nominal_ref: i for i, p in enumerate(people) if p.nominal_ref}
    for i, p in enumerate(people):
        pairs.update(_pair(i, by_nominal[n]) for n in p.clashed
                     if n in by_nominal and by_nominal[n] != i)
        pairs.update(_pair(i, j) for j in by_alias.get(p.key, ()) if j != i)
        pairs.update(_pair(i, by_uid[u]) for u in p.merged if u in by_uid and by_uid[u] != i)
    stats["blocks"] = len(blocks) + len(same_name)
    stats["blocks_skipped"] = skipped
    return pairs


def _ends(key: str) -> str:
    """How a name key's first and last words sound, in either order: their Soundex with
    the first letter by its sound class (``chloe warde``, ``Khloe Ward`` and ``ward chloe``
    all give ``0630 2400``), or "" for a name of one word."""
    words = key.split()
    return " ".join(sorted((sound(words[0]), sound(words[-1])))) if len(words) > 1 else ""


def _undated_blocks(people: list[_Person], max_block: int) -> tuple[
        dict[str, list[int]], set[tuple[int, int]], int]:
    """Where a record of no date of birth meets a record its name may be written otherwise
    on: blocks of names whose first and last words sound the same (those holding an
    undated record), and the pairs of a lone first name with every full name starting
    with it; with the number of first names too common to pair (over ``max_block``)."""
    ends: dict[str, list[int]] = defaultdict(list)
    firsts: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(people):
        if _ends(p.key):
            ends[_ends(p.key)].append(i)
            ends["joined:" + p.key.replace(" ", "")].append(i)  # Mary-Jane ~ Maryjane
            firsts[p.key.split()[0]].append(i)
    blocks = {k: v for k, v in ends.items() if any(not people[i].day for i in v)}
    pairs: set[tuple[int, int]] = set()
    skipped = 0
    for i, p in enumerate(people):
        if p.key and " " not in p.key and not p.day:
            full = firsts.get(p.key, [])
            if len(full) > max_block:
                skipped += 1
            else:
                pairs.update(_pair(i, j) for j in full)
    return blocks, pairs, skipped


def _of_many(k: int) -> str:
    return f" (one of {k} people it could be)" if k > 1 else ""


def _first_name_only(p: _Person, q: _Person) -> bool:
    """One record is a lone first name, with no date of birth, that starts the other's."""
    for lone, full in ((p, q), (q, p)):
        words = full.key.split()
        if not lone.day and lone.key and " " not in lone.key and len(words) > 1 \
                and words[0] == lone.key:
            return True
    return False


def score_people(p: _Person, q: _Person, counts: _Counts) -> Candidate | None:
    """Score one pair of people, or None when no rule fires."""
    rel, how = date_relation(p.day, q.day)
    phones, homes = sorted(p.phones & q.phones), sorted(p.homes & q.homes)
    aliased = [(x, y) for x, y in ((p, q), (q, p)) if y.key in x.alias_keys]
    merged = [(x, y) for x, y in ((p, q), (q, p)) if y.uid in x.merged]
    given = [(x, y) for x, y in ((p, q), (q, p)) if y.nominal_ref and y.nominal_ref in x.clashed]
    if rel == "differ" and not (phones and homes) and not aliased and not merged and not given:
        return None
    parts: list[tuple[str, float]] = []
    evidence: list[str] = []
    sim = name_similarity(p.key, q.key, p.words, q.words)
    spelt = True  # sim compares spellings
    names = (f"same name {p.name!r} / {q.name!r}" if sim == 1.0 else
             f"names similar {p.name!r} ~ {q.name!r} ({sim:.2f})")
    if rel == "same" and SOUND_ALIKE_MIN <= sim < SOUND_ALIKE_AS \
            and sounds_alike(p.key, q.key):
        sim = SOUND_ALIKE_AS  # Kieran / Ciaran: spelt apart, said the same
        names = f"names sound alike {p.name!r} ~ {q.name!r} (Soundex)"
    elif (p.abjad or q.abjad) and rel in ("same", "missing") and sim < SOUND_ALIKE_AS \
            and min(len(p.key.split()), len(q.key.split())) >= 2 \
            and sounds_alike(p.key, q.key):
        # a forename and a surname at least: one name alone sounds like too many others
        # محمد علي is Mohammed ALI as police records spell him: every word sounds alike
        sim, spelt = SOUND_ALIKE_AS, False
        names = (f"names sound alike {p.name!r} ~ {q.name!r} (Soundex; Arabic or Hebrew "
                 "script leaves short vowels unwritten)")
    if rel == "same" and sim >= SAME_DOB_NAME:
        parts.append(("name_dob", 0.5 + 0.5 * sim))
        evidence += [names, how]
    elif rel == "near" and sim >= NEAR_DOB_NAME:
        # a swap or a day out is a typical slip; any one digit is a looser match
        typical = how in ("day and month swapped", "one day apart")
        parts.append(("name_near_dob", (0.4 if typical else 0.3) + 0.5 * sim))
        evidence += [names, f"dates of birth near: {how} ({p.day} / {q.day})"]
    elif rel == "missing" and sim >= NO_DOB_NAME:
        undated, dated = (p, q) if not p.day else (q, p)
        k = counts.names[dated.key] - (1 if dated.key == undated.key else 0)
        parts.append(("name_no_dob", (0.2 + 0.5 * sim) / max(1, k)))
        evidence += [names, f"no date of birth on {undated.name!r}{_of_many(k)}"]
    elif rel == "missing" and sim >= LIKE_NO_DOB_NAME and (
            (_ends(p.key) and _ends(p.key) == _ends(q.key))
            or p.key.replace(" ", "") == q.key.replace(" ", "")):
        undated, dated = (p, q) if not p.day else (q, p)
        k = counts.names[dated.key]
        parts.append(("name_like_no_dob", (0.1 + 0.5 * sim) / max(1, k)))
        evidence += [f"names sound alike {p.name!r} ~ {q.name!r} ({sim:.2f})" if spelt
                     else names, f"no date of birth on {undated.name!r}{_of_many(k)}"]
    elif rel == "missing" and _first_name_only(p, q):
        lone, full = (p, q) if " " not in p.key else (q, p)
        k = counts.firsts[lone.key]
        parts.append(("first_name_no_dob", 0.6 / max(1, k)))
        evidence += [f"{lone.name!r} is the first name of {full.name!r}{_of_many(k)}",
                     f"no date of birth on {lone.name!r}"]
    if phones and homes:
        # households share both: the name has to say which member it is
        parts.append(("phone_address", 0.2 + 0.7 * sim))
        evidence += [f"both use {', '.join(phones)}", f"both live at {', '.join(homes)}"]
    for x, y in aliased:
        k = counts.names[y.key] + counts.aliases[y.key] - 1
        parts.append(("alias", 0.85 / max(1, k)))
        evidence.append(f"{x.name!r} has alias {x.alias_keys[y.key]!r}, the name of "
                        f"{y.name!r}{_of_many(k)}")
    for x, y in given:
        # one report named this record with the other's nominal reference: a mistyped
        # reference, or the same person with a mistyped date of birth or a nickname
        parts.append(("same_nominal_ref", 0.5 + 0.4 * sim))
        evidence.append(f"{x.name!r} was given {y.name!r}'s nominal reference "
                        f"{y.nominal_ref} in a report (taken as mistyped at load)")
    for x, y in merged:
        parts.append(("merged_before", 1.0))
        evidence.append(f"{y.uid} was merged into {x.uid} before and has reappeared")
    if not parts:
        return None
    score = 1.0 - math.prod(1.0 - s for _, s in parts)
    if rel == "differ":
        if not given:  # the shared reference is the evidence the dates are one slip
            score *= 0.5
        evidence.append(how)
    if p.nominal_ref and q.nominal_ref and p.nominal_ref != q.nominal_ref:
        score *= 0.5
        evidence.append(f"different nominal references {p.nominal_ref} / {q.nominal_ref}")
    a, b = (p, q) if p.uid < q.uid else (q, p)
    return Candidate("person", a.uid, b.uid, a.name, b.name, round(score, 3),
                     tuple(dict.fromkeys(r for r, _ in parts)), tuple(evidence))


def person_candidates(rows: Iterable[dict[str, Any]], *, rejected: set[frozenset[str]],
                      min_score: float = 0.5, max_block: int = 500) -> Search:
    """Candidate duplicate people among ``rows`` (see ``resolve_candidate_persons``)."""
    started = time.perf_counter()
    # in uid order, so each pair's evidence reads the same whatever order the graph
    # returns the people in
    people = sorted((_Person.of(r) for r in rows), key=lambda p: p.uid)
    counts = _Counts(Counter(p.key for p in people),
                     Counter(a for p in people for a in p.alias_keys),
                     Counter(p.key.split()[0] for p in people if " " in p.key))
    stats: dict[str, Any] = {"kind": "person", "entities": len(people),
                             "all_pairs": len(people) * (len(people) - 1) // 2}
    pairs = _blocked_pairs(people, max_block, stats)
    stats["pairs_compared"] = len(pairs)
    found: list[Candidate] = []
    dropped = 0
    for i, j in pairs:
        cand = score_people(people[i], people[j], counts)
        if cand is None or cand.score < min_score:
            continue
        if frozenset((cand.a, cand.b)) in rejected:
            dropped += 1
            continue
        found.append(cand)
    stats["rejected_skipped"] = dropped
    stats["seconds"] = round(time.perf_counter() - started, 3)
    return Search(_sorted(found), stats)


def phone_candidates(rows: Iterable[dict[str, Any]], *, rejected: set[frozenset[str]],
                     min_score: float = 0.5, max_block: int = 500) -> Search:
    """Phones whose key or written forms have the same digits once formatting is ignored."""
    phones = list(rows)
    groups: dict[str, set[int]] = defaultdict(set)
    for i, ph in enumerate(phones):
        for form in {ph["key"], *ph["variants"]}:
            digits = phone_digits(str(form))
            if len(digits) >= 7:
                groups[digits].add(i)
    pairs: dict[tuple[int, int], str] = {}
    for digits, members in groups.items():
        if 1 < len(members) <= max_block:
            for i, j in combinations(sorted(members), 2):
                pairs.setdefault((i, j), digits)
    found = []
    for (i, j), digits in pairs.items():
        a, b = sorted((phones[i], phones[j]), key=lambda r: r["uid"])
        unfixed = [r for r in (a, b) if UNFIXED_PHONE_FLAGS & set(r["flags"])]
        score = 0.95 if unfixed else 0.9
        evidence = [f"same digits {digits} once formatting is ignored"]
        evidence += [f"{r['key']!r} kept as written ({', '.join(sorted(set(r['flags'])))})"
                     for r in unfixed]
        if score >= min_score and frozenset((a["uid"], b["uid"])) not in rejected:
            found.append(Candidate("phone", a["uid"], b["uid"], a["key"], b["key"], score,
                                   ("same_digits",), tuple(evidence)))
    stats = {"kind": "phone", "entities": len(phones), "pairs_compared": len(pairs)}
    return Search(_sorted(found), stats)


def location_candidates(rows: Iterable[dict[str, Any]], *, rejected: set[frozenset[str]],
                        min_score: float = 0.5, max_block: int = 500) -> Search:
    """Locations in the same postcode whose addresses are near-identical (same numbers)."""
    by_postcode: dict[str, list[dict[str, Any]]] = defaultdict(list)
    total = 0
    for row in rows:
        total += 1
        if row.get("address"):
            by_postcode[row["postcode"]].append({**row, "akey": address_key(row["address"])})
    found, compared = [], 0
    for postcode, places in by_postcode.items():
        if len(places) > max_block:
            continue
        for a, b in combinations(sorted(places, key=lambda r: r["uid"]), 2):
            compared += 1
            na, nb = house_numbers(a["akey"]), house_numbers(b["akey"])
            if na != nb:
                continue
            sim = address_similarity(a["akey"], b["akey"])
            if sim < ADDRESS_MIN or round(sim, 3) < min_score:
                continue
            if frozenset((a["uid"], b["uid"])) in rejected:
                continue
            evidence = [f"same postcode {postcode}",
                        f"addresses similar {a['address']!r} ~ {b['address']!r} ({sim:.2f})"]
            if na:
                evidence.append(f"same number {', '.join(sorted(na))}")
            if a.get("kind") != b.get("kind"):
                evidence.append(f"kinds differ ({a.get('kind')} / {b.get('kind')})")
            found.append(Candidate("location", a["uid"], b["uid"], a["address"], b["address"],
                                   round(sim, 3), ("same_postcode_address",), tuple(evidence)))
    stats = {"kind": "location", "entities": total, "pairs_compared": compared}
    return Search(_sorted(found), stats)


def _sorted(found: list[Candidate]) -> list[Candidate]:
    return sorted(found, key=lambda c: (-c.score, c.a, c.b))


def run_subjects(store: Store) -> set[str]:
    """The people the latest analysis run puts to a meeting: its candidate targets and
    its people at risk (children and victims); empty when there is no run yet."""
    from graphintel.analysis.stored import load_run
    from graphintel.errors import NotFound

    try:
        doc = load_run(store, parts=("targets", "people"), network_victims=False,
                       link_detail=False)
    except NotFound:
        return set()
    return {str(t["uid"]) for t in doc.get("targets") or []} | {
        str(p["uid"]) for p in doc.get("people") or []
        if p.get("protected") or "victim" in (p.get("roles") or [])}


def rejected_pairs(store: Store) -> set[frozenset[str]]:
    """The pairs analysts have recorded as different (reject decisions in force)."""
    return {frozenset((r["a_uid"], r["b_uid"])) for r in store.read("resolve_rejected_pairs")}


def told_apart(store: Store, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with a line of evidence for each pair one report names as two people
    (``resolve_shared_reports``, read for the pairs found only). Said, not scored: twins or
    a parent and child of one name are told apart by the officer, but a person entered
    twice in one report is a duplicate all the same."""
    shared = {(r["a"], r["b"]): list(r["refs"]) for r in store.read(
        "resolve_shared_reports", pairs=[[c.a, c.b] for c in candidates])}
    out = []
    for c in candidates:
        refs = shared.get((c.a, c.b))
        if refs:
            more = f" and {len(refs) - 3} more" if len(refs) > 3 else ""
            c = replace(c, evidence=(*c.evidence, f"named as two people in one report: "
                                     f"{', '.join(refs[:3])}{more} (twins, or a parent and "
                                     "child of one name? check before merging)"))
        out.append(c)
    return out


def find_candidates(store: Store, kind: str = "person", *, min_score: float = 0.5,
                    limit: int | None = None, max_block: int = 500,
                    first: Collection[str] = ()) -> Search:
    """Read the graph and propose candidate pairs of ``kind`` (person, phone, location, or
    handset: two numbers that look like one person's old and new phone), best first; the
    pairs with a record among ``first`` (uids: e.g. :func:`run_subjects`) come before the
    rest, so that ``limit`` keeps them."""
    if kind not in KINDS:
        raise GraphintelError(f"unknown candidate kind {kind!r}", "--kind",
                              f"use one of {', '.join(KINDS)}")
    started = time.perf_counter()
    rejected = rejected_pairs(store)
    rows: list[dict[str, Any]] = []
    if kind == "person":
        store.read_each("resolve_candidate_persons", lambda chunk: rows.extend(
            dict(zip(PERSON_FIELDS, r, strict=True)) for r in chunk["people"]))
    else:
        query = {"phone": "resolve_candidate_phones",
                 "location": "resolve_candidate_locations",
                 "handset": "resolve_candidate_handsets"}[kind]
        store.read_each(query, rows.append)
    read_s = time.perf_counter() - started
    from graphintel.resolve.handsets import handset_candidates

    finder = {"person": person_candidates, "phone": phone_candidates,
              "location": location_candidates, "handset": handset_candidates}[kind]
    search = finder(rows, rejected=rejected, min_score=min_score, max_block=max_block)
    if kind == "person" and search.candidates:
        search.candidates = told_apart(store, search.candidates)
    search.stats["read_seconds"] = round(read_s, 3)
    search.stats["total_seconds"] = round(time.perf_counter() - started, 3)
    search.stats["found"] = len(search.candidates)
    if first:
        wanted = set(first)
        search.candidates.sort(key=lambda c: not ({c.a, c.b} & wanted))  # stable: by score
    if limit is not None:
        search.candidates = search.candidates[:limit]
    return search
