"""Search: phones, vehicles, places and accounts by what an officer types, and full-text
search of people (names, aliases) and reports (narratives).

:func:`entity_search` reads a phone number, VRM or postcode as the cleaners normalise it
(``07700 900123`` finds +447700900123) and words inside addresses and handles.
:func:`search` matches text word by word (Lucene special characters escaped) through the
full-text indexes; the limits keep Lucene from refusing (with a stack trace) queries of
thousands of clauses or enormous terms. :func:`search_all` is both, as ``graphintel
search`` and the workspace's search show them. Also reachable as :mod:`graphintel.queries`
``search``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from neo4j.exceptions import Neo4jError

from graphintel.clean import clean_phone, clean_postcode, clean_vrm
from graphintel.clean.names import name_key
from graphintel.errors import CypherFileError
from graphintel.store import Store
from graphintel.subjects import lucene_query

SEARCH_MAX_TERMS = 200
SEARCH_MAX_CHARS = 1000
#: Shorter text is not looked for inside addresses and handles (it would match most).
MIN_WORDS_CHARS = 3
#: People named in an entity row's ``detail`` (suspects first); ``people`` has them all.
PEOPLE_SHOWN = 5
#: The kind of an entity row of :func:`search_all`, by node label.
ENTITY_KINDS = {"Phone": "phone", "Vehicle": "vehicle", "Location": "place",
                "OnlineAccount": "account"}


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


def search(store: Store, text: str, limit: int = 20, *, max_terms: int = SEARCH_MAX_TERMS,
           max_chars: int = SEARCH_MAX_CHARS) -> list[dict[str, Any]]:
    """People (names, aliases) then reports (narratives) matching ``text``, best first.

    Every word of ``text`` is matched literally (Lucene special characters escaped), as a
    word or a word prefix; rows have ``kind`` (person/report), ``id``, ``name``,
    ``detail`` and ``score``. At most ``limit`` of each kind. Text over ``max_terms``
    words or ``max_chars`` characters is refused (:func:`check_search_text`).
    """
    if limit < 1:
        raise CypherFileError(f"--limit must be at least 1, got {limit}", "--limit")
    check_search_text(text, max_terms=max_terms, max_chars=max_chars)
    query = lucene_query(text, all_words=False, prefix=True)
    if query is None:
        raise CypherFileError(f"nothing to search for in {_short(text)!r}", "TEXT",
                              "give at least one word with letters or digits")
    try:
        people = store.read("lookup_person_fulltext", query=query, limit=limit)
        reports = store.read("lookup_report_fulltext", query=query, limit=limit)
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
                    "score": round(r["score"], 3)})
    return out


def _short(text: str, keep: int = 60) -> str:
    return text if len(text) <= keep else text[:keep] + "..."


def entity_search(store: Store, text: str, limit: int = 20) -> list[dict[str, Any]]:
    """Phones, vehicles, places and accounts matching ``text`` (a phone number, a VRM, a
    postcode, or words of an address or handle), each with the people linked to it: rows
    of ``uid``, ``type``, ``name``, ``detail`` and ``people`` ([{uid, name, roles, how}]).
    """
    phone = clean_phone(text).value if any(c.isdigit() for c in text) else None
    vrm = clean_vrm(text).value if len(text.replace(" ", "")) <= 8 else None
    postcode = clean_postcode(text).value
    address = name_key(text)
    handle = " ".join(text.lower().split()).lstrip("@")
    return store.read("lookup_entity_search", phone=phone, vrm=vrm, postcode=postcode,
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


__all__ = ["ENTITY_KINDS", "SEARCH_MAX_CHARS", "SEARCH_MAX_TERMS", "check_search_text",
           "entity_search", "search", "search_all"]
