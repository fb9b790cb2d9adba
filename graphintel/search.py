"""Search: phones, vehicles, places and accounts by what an officer types, and full-text
search of people (names, aliases) and reports (narratives).

:func:`entity_search` reads a phone number, VRM or postcode as the cleaners normalise it
(``07700 900123`` finds +447700900123) and words inside addresses and handles.
:func:`search` lists people, then reports. A phone number, VRM or postcode in the text
(:func:`read_search_text`, with the same cleaners) finds the reports that mention it, however
they wrote it (the MENTIONS links hold the normalised keys, named in a report or mined from
its narrative); only the other words go to the full-text indexes, matched word by word
(each a word or a word prefix; Lucene operators and special characters typed are plain text,
never syntax). People whose name or an alias has every word come first, an exact full name
first of all. The limits keep Lucene from refusing (with a stack trace) queries of thousands
of clauses or enormous terms. :func:`search_all` is both, as ``graphintel search`` and the
workspace's search show them. Also reachable as :mod:`graphintel.queries` ``search``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from neo4j.exceptions import Neo4jError

from graphintel.clean import clean_phone, clean_postcode, clean_vrm
from graphintel.clean.names import name_key
from graphintel.clean.vrm import vrm_format
from graphintel.errors import CypherFileError
from graphintel.store import Store
from graphintel.subjects import escape_lucene

SEARCH_MAX_TERMS = 200
SEARCH_MAX_CHARS = 1000
#: Shorter text is not looked for inside addresses and handles (it would match most).
MIN_WORDS_CHARS = 3
#: People named in an entity row's ``detail`` (suspects first); ``people`` has them all.
PEOPLE_SHOWN = 5
#: The kind of an entity row of :func:`search_all`, by node label.
ENTITY_KINDS = {"Phone": "phone", "Vehicle": "vehicle", "Location": "place",
                "OnlineAccount": "account"}
#: A phone number is read from at most this many consecutive words (``+44 (0) 7700 900 123``).
PHONE_MAX_WORDS = 5
#: Words of this many characters or more also match as a prefix (``tra`` finds Tracey).
PREFIX_MIN_CHARS = 3
#: Lucene's operators: typed as words they are dropped (matched as plain words only when
#: the text has nothing else), never read as operators or as prefixes of names (``and*``).
LUCENE_OPERATORS = frozenset({"and", "or", "not"})
#: VRM formats read from search text: each has letters and digits in a fixed shape, as the
#: narrative miner looks for (graphintel.clean.vrm.find_vrms). A dateless mark (``BS4``,
#: ``M5``) is looked up only when it is the whole text, and its words are searched too.
VRM_FORMATS = frozenset({"current", "prefix", "suffix"})
#: Phone cleaner flags that still give a whole number: drama and unallocated ranges.
_PHONE_FLAGS_OK = frozenset({"not_valid_number"})
_PHONE_WORD = re.compile(r"[+(]*\d[\d()\-.]*")
_WORD = re.compile(r"\w+(?:['’]\w+)*")
_EDGE_PUNCTUATION = ",;:!?\"'"


def check_search_text(text: str, *, max_terms: int = SEARCH_MAX_TERMS,
                      max_chars: int = SEARCH_MAX_CHARS) -> None:
    """Refuse search text of more than ``max_terms`` words or ``max_chars`` characters.

    Lucene refuses (with a stack trace) queries of thousands of clauses or of enormous
    terms; a person searching never needs either.
    """
    words = len(text.split())
    if words > max_terms:
        raise CypherFileError(
            f"the search text has {words:,} words, more than the {max_terms:,} allowed",
            "TEXT", "search for a few distinctive words (the limit is "
            "GRAPHINTEL_SEARCH_MAX_TERMS)")
    if len(text) > max_chars:
        raise CypherFileError(
            f"the search text is {len(text):,} characters long, more than the {max_chars:,} "
            "allowed", "TEXT", "search for a few distinctive words (the limit is "
            "GRAPHINTEL_SEARCH_MAX_CHARS)")


@dataclass(frozen=True)
class SearchText:
    """What an officer typed, read for search: the phone numbers (E.164), VRMs and
    postcodes (canonical) it names, and the other words (lower case, letters and digits
    only, in order, each once) for the full-text indexes."""

    phones: tuple[str, ...] = ()
    vrms: tuple[str, ...] = ()
    postcodes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()

    @property
    def entities(self) -> bool:
        """True when the text names a phone, vehicle or postcode."""
        return bool(self.phones or self.vrms or self.postcodes)


def _entity(words: Sequence[str]) -> tuple[str, str] | None:
    """``("phone" | "vrm" | "postcode", key)`` when ``words`` together are one phone
    number, VRM (:data:`VRM_FORMATS`) or full postcode, as the cleaners read them."""
    joined = " ".join(words)
    if all(_PHONE_WORD.fullmatch(w) for w in words):
        phone = clean_phone(joined)
        if phone.value and phone.value.startswith("+") and set(phone.flags) <= _PHONE_FLAGS_OK:
            return "phone", phone.value
    if len(words) > 2:
        return None
    postcode = clean_postcode(joined)
    if postcode.value and not postcode.flags:
        return "postcode", postcode.value
    vrm = clean_vrm(joined)
    if vrm.value and not vrm.flags and vrm_format(vrm.value) in VRM_FORMATS:
        return "vrm", vrm.value
    return None


def read_search_text(text: str) -> SearchText:
    """Split ``text`` into the phone numbers, VRMs and postcodes it names and its other words.

    Read left to right, the longest run of words that cleans to a phone number (up to
    :data:`PHONE_MAX_WORDS` words of digits), a VRM or a postcode (one or two words) is
    taken as that; the rest are words. Words are cut at anything but letters, digits and
    apostrophes inside a word (as the full-text analyser cuts them), and Lucene's operators
    are dropped (:data:`LUCENE_OPERATORS`).

    >>> read_search_text("07700 900171 with CU51 BOE at bs47by, AND knife")
    SearchText(phones=('+447700900171',), vrms=('CU51BOE',), postcodes=('BS4 7BY',), \
words=('with', 'at', 'knife'))
    >>> read_search_text("Tracey AND NOT (o'neil)").words
    ('tracey', "o'neil")
    >>> read_search_text("not or").words
    ('not', 'or')
    """
    given = [w.strip(_EDGE_PUNCTUATION) for w in text.split()]
    given = [w for w in given if w]
    found: dict[str, list[str]] = {"phone": [], "vrm": [], "postcode": []}
    rest: list[str] = []
    i = 0
    while i < len(given):
        for j in range(min(len(given), i + PHONE_MAX_WORDS), i, -1):
            hit = _entity(given[i:j])
            if hit is not None:
                if hit[1] not in found[hit[0]]:
                    found[hit[0]].append(hit[1])
                i = j
                break
        else:
            rest.append(given[i])
            i += 1
    whole = "".join(given)
    if not any(found.values()) and len(whole) <= 8 and re.search(r"\d", whole) \
            and re.search(r"[^\W\d_]", whole):
        # a dateless or Northern Ireland mark, typed alone: looked up, and searched as words
        vrm = clean_vrm(whole)
        if vrm.value and not vrm.flags:
            found["vrm"].append(vrm.value)
    pieces = [p.lower() for w in rest for p in _WORD.findall(w)]
    words = [p for p in pieces if p not in LUCENE_OPERATORS] or pieces
    return SearchText(tuple(found["phone"]), tuple(found["vrm"]), tuple(found["postcode"]),
                      tuple(dict.fromkeys(words)))


def _lucene(words: Sequence[str], *, all_words: bool) -> str:
    """A Lucene query of ``words`` (from :func:`read_search_text`), each matched as a word
    or, from :data:`PREFIX_MIN_CHARS` characters, as a prefix; any word, or every word."""
    terms = []
    for word in words:
        escaped = escape_lucene(word)
        if len(word) >= PREFIX_MIN_CHARS and word not in LUCENE_OPERATORS:
            terms.append(f"({escaped} OR {escaped}*)")
        else:
            terms.append(escaped)
    return (" AND " if all_words else " ").join(terms)


def _name_match(words: Sequence[str], row: Mapping[str, Any]) -> int:
    """How well a person's name or one alias matches ``words``: 0 the full name (any
    order), 1 every word a word of it, 2 every word a word or the start of one, 3 less."""
    typed = name_key(" ".join(words)).split()
    best = 3
    for name in [row["name"], *(row.get("aliases") or [])]:
        have = name_key(str(name or "")).split()
        if not typed or not have:
            continue
        if sorted(typed) == sorted(have):
            return 0
        if all(w in have for w in typed):
            best = min(best, 1)
        elif all(w in have or (len(w) >= PREFIX_MIN_CHARS and any(h.startswith(w) for h in have))
                 for w in typed):
            best = min(best, 2)
    return best


def _people(store: Store, words: Sequence[str], limit: int) -> list[dict[str, Any]]:
    """People matching any of ``words``, best first: those whose name or an alias has every
    word (:func:`_name_match`; the people with every word are read too, however low they
    score among any word's), then by full-text score, name, uid; at most ``limit``."""
    found: dict[str, dict[str, Any]] = {}
    for query in dict.fromkeys([_lucene(words, all_words=False),
                                _lucene(words, all_words=True)]):
        for r in store.read("lookup_person_fulltext", query=query, limit=limit):
            seen = found.get(r["uid"])
            if seen is None or r["score"] > seen["score"]:
                found[r["uid"]] = r
    ranked = sorted(found.values(), key=lambda r: (_name_match(words, r), -r["score"],
                                                   str(r["name"]), str(r["uid"])))
    return ranked[:limit]


def search(store: Store, text: str, limit: int = 20, *, max_terms: int = SEARCH_MAX_TERMS,
           max_chars: int = SEARCH_MAX_CHARS) -> list[dict[str, Any]]:
    """People (names, aliases) then reports matching ``text``, best first.

    A phone number, VRM or postcode in ``text`` (:func:`read_search_text`) finds the reports
    that mention it, in whatever form they wrote it; they come first (those mentioning more
    of what was typed first), ranked by the other words' full-text score, then newest
    first. The other words are matched literally through the full-text indexes, each as a
    word or a word prefix (any word; more matching rank higher): people whose name or an
    alias has every word first (the exact full name first of all), then by score; reports
    by score. Rows have ``kind`` (person/report), ``id``, ``name``, ``detail`` and
    ``score`` (None for a report found only by what it mentions). At most ``limit`` of
    each kind. Text over ``max_terms`` words or ``max_chars`` characters is refused
    (:func:`check_search_text`).
    """
    if limit < 1:
        raise CypherFileError(f"--limit must be at least 1, got {limit}", "--limit")
    check_search_text(text, max_terms=max_terms, max_chars=max_chars)
    read = read_search_text(text)
    words = read.words[:max_terms]
    if not words and not read.entities:
        raise CypherFileError(f"nothing to search for in {_short(text)!r}", "TEXT",
                              "give at least one word with letters or digits")
    try:
        people = _people(store, words, limit) if words else []
        reports = store.read("lookup_report_fulltext",
                             query=_lucene(words, all_words=False) if words else None,
                             phones=list(read.phones), vrms=list(read.vrms),
                             postcodes=list(read.postcodes), limit=limit)
    except Neo4jError as exc:  # e.g. too many clauses when the limits are raised too far
        reason = (exc.message or exc.code or "").splitlines()[0][:200]
        raise CypherFileError(f"the full-text index cannot run this search ({reason})",
                              "TEXT", "search for fewer, shorter words") from None
    out: list[dict[str, Any]] = []
    for r in people:
        bits = [f"dob {r['dob']}" if r["dob"] else "", f"nominal {r['nominal_ref']}"
                if r["nominal_ref"] else "", "roles " + ", ".join(r["roles"]) if r["roles"] else ""]
        out.append({"kind": "person", "id": r["uid"], "name": r["name"],
                    "detail": "; ".join(b for b in bits if b), "score": round(r["score"], 3)})
    for r in reports:
        narrative = " ".join(str(r["narrative"] or "").split())
        short = narrative if len(narrative) <= 160 else narrative[:157] + "..."
        when = f"{r['date'] or ''} {r['grading'] or ''}".strip()
        out.append({"kind": "report", "id": r["ref"], "name": when, "detail": short,
                    "score": None if r["score"] is None else round(r["score"], 3)})
    return out


def _short(text: str, keep: int = 60) -> str:
    return text if len(text) <= keep else text[:keep] + "..."


def entity_search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Phones, vehicles, places and accounts matching ``text`` (the phone numbers, VRMs and
    postcodes it names, read as :func:`read_search_text` reads them for reports, or words
    of an address or handle), each with the people linked to it: rows of ``uid``,
    ``type``, ``name``, ``detail`` and ``people`` ([{uid, name, roles, how}]).
    """
    read = read_search_text(text)
    address = name_key(text)
    handle = " ".join(text.lower().split()).lstrip("@")
    return store.read("lookup_entity_search", phones=list(read.phones), vrms=list(read.vrms),
                      postcodes=list(read.postcodes),
                      address=address if len(address) >= MIN_WORDS_CHARS else None,
                      handle=handle if len(handle) >= MIN_WORDS_CHARS else None, limit=limit)


def _suspects_first(p: Mapping[str, Any]) -> tuple[int, str, str, str]:
    roles = p.get("roles") or ()
    # a victim (a child exploited into offending too) is listed with the victims
    group = 1 if "victim" in roles else 0 if "suspect" in roles else 2
    return (group, str(p["name"]), str(p["uid"]), str(p["how"]))


def search_all(store: Store, text: str, limit: int = 20, *,
               max_terms: int = SEARCH_MAX_TERMS,
               max_chars: int = SEARCH_MAX_CHARS) -> list[dict[str, Any]]:
    """What ``graphintel search`` shows: the phones, vehicles, places and accounts ``text``
    names (:func:`entity_search`), then people and reports (:func:`search`); at most
    ``limit`` of each. An entity row's ``detail`` names its first :data:`PEOPLE_SHOWN`
    people, suspects first, and how each is linked (``people`` has them all, as data); it
    has no full-text ``score``.
    """
    hits = search(store, text, limit, max_terms=max_terms, max_chars=max_chars)
    out: list[dict[str, Any]] = []
    for e in entity_search(store, text, limit):
        people = sorted(e["people"], key=_suspects_first)
        linked = ", ".join(f"{p['name']} ({p['how']}"
                           + (f"; {', '.join(p['roles'])}" if p["roles"] else "") + ")"
                           for p in people[:PEOPLE_SHOWN])
        if len(people) > PEOPLE_SHOWN:
            linked += f" and {len(people) - PEOPLE_SHOWN} more"
        detail = "; ".join(x for x in (e["detail"], f"people: {linked}" if linked else "") if x)
        out.append({"kind": ENTITY_KINDS.get(str(e["type"]), str(e["type"]).lower()),
                    "id": e["uid"], "name": e["name"], "detail": detail, "score": None,
                    "people": people})
    return out + hits


__all__ = ["ENTITY_KINDS", "SEARCH_MAX_CHARS", "SEARCH_MAX_TERMS", "SearchText",
           "check_search_text", "entity_search", "read_search_text", "search", "search_all"]
