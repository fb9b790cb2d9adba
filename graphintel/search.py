"""Full-text search of people (names, aliases) and reports (narratives).

Text is matched word by word (Lucene special characters escaped), through the full-text
indexes; the limits keep Lucene from refusing (with a stack trace) queries of thousands of
clauses or enormous terms. Also reachable as :mod:`graphintel.queries` ``search``.
"""

from __future__ import annotations

from typing import Any

from neo4j.exceptions import Neo4jError

from graphintel.errors import CypherFileError
from graphintel.store import Store
from graphintel.subjects import lucene_query

SEARCH_MAX_TERMS = 200
SEARCH_MAX_CHARS = 1000


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


__all__ = ["SEARCH_MAX_CHARS", "SEARCH_MAX_TERMS", "check_search_text", "search"]
