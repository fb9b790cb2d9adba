"""Turn what an officer types (a uid, a nominal reference, a name) into ONE person uid.

:func:`resolve_person` tries, in order, and stops at the first step that finds anyone:

1. the exact uid (``Person:ref:N0012345``);
2. the nominal reference (``N0012345``, also tried upper-cased);
3. the exact name key (case, spacing, punctuation and accents ignored: ``jordan smith``);
4. the ``person_names`` full-text index over names and aliases, every word required.

One match gives the uid; several raise :class:`~graphintel.errors.Ambiguous` listing the
candidates as ``Name (dob, nominal ref, uid)``; none raises
:class:`~graphintel.errors.NotFound` pointing at ``graphintel search``.

The user's text only ever travels as a query parameter. Lucene syntax still applies
inside a full-text query string, so :func:`lucene_query` escapes every special character.
"""

from __future__ import annotations

import re
from typing import Any

from graphintel.clean import name_key
from graphintel.errors import Ambiguous, InputError, NotFound
from graphintel.store import Reader, Store

MAX_CANDIDATES = 20
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')
_WORD = re.compile(r"\w", re.UNICODE)


def escape_lucene(word: str) -> str:
    r"""Escape Lucene's special characters so ``word`` is matched literally.

    >>> escape_lucene('o"neil+(x)')
    'o\\"neil\\+\\(x\\)'
    """
    return _LUCENE_SPECIAL.sub(r"\\\1", word)


def lucene_query(text: str, *, all_words: bool, prefix: bool = False) -> str | None:
    """A Lucene query matching the words of ``text`` literally; None if it has no words.

    Words are lower-cased (so ``AND``/``OR``/``NOT`` typed by a user are words, not
    operators) and escaped; words without a letter or digit are dropped. ``all_words``
    requires every word; otherwise any word matches and more matches rank higher.
    ``prefix`` also matches words starting with each word of three letters or more.

    >>> lucene_query("Jordan  SMITH", all_words=True)
    'jordan AND smith'
    >>> lucene_query("o'neil OR -x", all_words=False)
    "o'neil or \\\\-x"
    >>> lucene_query("** --", all_words=True) is None
    True
    """
    words = [w.lower() for w in text.split() if _WORD.search(w)]
    if not words:
        return None
    terms = []
    for word in words:
        escaped = escape_lucene(word)
        if prefix and len(word) >= 3:
            terms.append(f"({escaped} OR {escaped}*)")
        else:
            terms.append(escaped)
    return (" AND " if all_words else " ").join(terms)


def describe(row: dict[str, Any]) -> str:
    """``Name (dob, nominal ref, uid)``, the way candidates are listed to an officer."""
    return (f"{row.get('name') or '(no name)'} ({row.get('dob') or 'dob unknown'}, "
            f"{row.get('nominal_ref') or 'no nominal ref'}, {row['uid']})")


def _one(text: str, rows: list[dict[str, Any]], how: str) -> str:
    unique = list({r["uid"]: r for r in rows}.values())
    if len(unique) == 1:
        return str(unique[0]["uid"])
    shown = [describe(r) for r in unique[:MAX_CANDIDATES]]
    if len(unique) > MAX_CANDIDATES:
        shown.append("... and others: narrow the name, or use 'graphintel search'")
    raise Ambiguous(
        f"{text!r} matches {len(unique) if len(unique) <= MAX_CANDIDATES else 'more than 20'} "
        f"people by {how}",
        shown,
        "give the uid or the nominal reference of the one you mean",
    )


#: The longest text that names one person: a name with its middle names, a nominal
#: reference or a uid is far shorter. Longer text is refused in one line, before the
#: full-text index would refuse it with a stack trace (Lucene's 1,024 clauses).
MAX_PERSON_WORDS = 40
MAX_PERSON_CHARS = 600


def resolve_person(store: Store | Reader, text: str) -> str:
    """The uid of the one person ``text`` names (see the module docstring for the order);
    ``store`` may be a :class:`~graphintel.store.Reader`, to resolve inside a query's own
    transaction."""
    given = " ".join(str(text).split())
    if not given:
        raise NotFound("no person given", fix="give a name, a nominal reference or a person uid")
    if len(given.split()) > MAX_PERSON_WORDS or len(given) > MAX_PERSON_CHARS:
        raise InputError(
            f"the person given is {len(given.split()):,} words and {len(given):,} characters "
            f"long: a name, nominal reference or uid is at most {MAX_PERSON_WORDS} words and "
            f"{MAX_PERSON_CHARS} characters", fix="give the person's name, nominal reference "
            "or uid ('graphintel search TEXT' finds them)")
    rows = store.read("lookup_person_candidates", text=given, key=name_key(given))
    if rows:
        tier = rows[0]["tier"]
        how = {1: "uid", 2: "nominal reference", 3: "name"}.get(tier, "name")
        return _one(given, [r for r in rows if r["tier"] == tier], how)
    query = lucene_query(given, all_words=True)
    found = store.read("lookup_person_fulltext", query=query,
                       limit=MAX_CANDIDATES + 1) if query else []
    if not found:
        raise NotFound(
            f"no person matches {given!r} (by uid, nominal reference, name or alias)",
            fix="look the person up with 'graphintel search TEXT' and give the uid shown",
        )
    return _one(given, found, "name or alias")


__all__ = ["describe", "escape_lucene", "lucene_query", "resolve_person"]
