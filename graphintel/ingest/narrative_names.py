"""Where a report's narrative writes a person's name, and the forms it writes it in.

A narrative writes a recorded name in many ways: in another case or spacing, surname first
("NARROW, Kyle"), without the title or the middle name the record keeps, with a middle name
or nickname the record leaves out ("Chloe Anne PRICE"), with curly apostrophes. The readers
of what a narrative says beside a name (an age, a date of birth, a nickname, a sign of a
child: :mod:`graphintel.ingest.narrative_ages`, :mod:`graphintel.ingest.narrative_aliases`,
:mod:`graphintel.ingest.narrative_child_signs`) find the name here, once per report.

>>> text, spans = name_spans("Seen: kyle  NARROW (15).", "Kyle Narrow")
>>> [text[a:b] for a, b in spans]
['kyle NARROW']
"""

from __future__ import annotations

import re
from functools import lru_cache

from graphintel.clean import name_key

__all__ = ["first_name", "name_spans", "prepared", "surname", "without_middle", "written_as",
           "written_between", "written_forms"]


def name_spans(narrative: str | None, name: str | None
           ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The narrative with its whitespace runs made one space, and where ``name`` is
    written in it (any case, any spacing, whole words): a string search, since a report is
    read for every person it names and compiling a pattern per name costs a hundred times
    more. (Cached: the age, the date of birth, the nickname and the signs of a child are
    each looked for at the same names.)"""
    if not narrative or not name or not name.strip():
        return "", ()
    return _found(narrative, name)


@lru_cache(maxsize=1024)
def _found(narrative: str, name: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    text, lower = prepared(narrative)
    wanted = " ".join(name.split()).lower().translate(_STRAIGHT)
    if len(lower) != len(text):  # a letter whose lower case is longer: search by pattern
        found = re.finditer(r"(?<!\w)" + re.escape(wanted) + r"(?!\w)", text, re.IGNORECASE)
        return text, tuple(m.span() for m in found)
    spans, at = [], lower.find(wanted)
    while at >= 0:
        end = at + len(wanted)
        if (at == 0 or not _WORD.match(lower[at - 1])) and \
                (end == len(lower) or not _WORD.match(lower[end])):
            spans.append((at, end))
        at = lower.find(wanted, at + 1)
    return text, tuple(spans)


_WORD = re.compile(r"\w")


@lru_cache(maxsize=8)
def prepared(narrative: str) -> tuple[str, str]:
    """The narrative with its whitespace runs made one space, and in lower case: made once
    for the several names and forms a report's people are looked for by."""
    text = " ".join(narrative.split()).translate(_STRAIGHT)
    return text, text.lower()


#: Curly quotes and apostrophes as straight ones ("O’BRIEN" is "O'BRIEN"): a narrative
#: typed in a word processor gets them while the name field keeps the straight one.
_STRAIGHT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u02bc": "'",
                           "\u201c": '"', "\u201d": '"'})



def first_name(name: object) -> str | None:
    """The first name of a recorded name ("Nell PARK", "PARK, Nell", "Miss Nell PARK"), or
    None for a name of one word.

    >>> first_name("Nell PARK"), first_name("PARK, Nell Ann"), first_name("Miss Nell PARK")
    ('Nell', 'Nell', 'Nell')
    >>> first_name("Kai"), first_name(None)
    (None, None)
    """
    text = _TITLE.sub("", " ".join(str(name or "").split()))
    if ", " in text:
        given = text.partition(", ")[2].split()
        return given[0] if given else None
    words = text.split()
    return words[0] if len(words) > 1 else None


def surname(name: object) -> str | None:
    """The surname of a recorded name ("Nell PARK", "PARK, Nell", "Miss Nell PARK"), or
    None for a name of one word.

    >>> surname("Nell PARK"), surname("PARK, Nell"), surname("Miss Nell PARK"), surname("Kai")
    ('PARK', 'PARK', 'PARK', None)
    """
    text = _TITLE.sub("", " ".join(str(name or "").split()))
    if ", " in text:
        return text.partition(", ")[0] or None
    words = text.split()
    return words[-1] if len(words) > 1 else None



#: A name written with a word between the first name and the surname: a middle name the
#: record leaves out ("Chloe Anne PRICE") or a nickname in quotes ('Kyle "Pikey" NARROW').
_BETWEEN = re.compile(r"(?<!\w)(?P<first>[\w\-]+) (?P<mid>[\w\-]+|'[^']{1,30}'|\"[^\"]{1,30}\") $")
_NOT_MIDDLE = frozenset({"and", "or", "with", "to", "from", "the", "a", "an", "of", "by", "saw",
                         "met", "told", "called", "said", "and/or", "&"})


def written_between(narrative: str | None, name: object) -> list[str]:
    """The ways the narrative writes the recorded name with one more word in the middle,
    as written ("Chloe Anne PRICE" for the record "Chloe PRICE").

    >>> written_between("Chloe Anne PRICE (15) and Chloe and PRICE.", "Chloe PRICE")
    ['Chloe Anne PRICE']
    >>> written_between("Kyle 'Pikey' NARROW ran", "Kyle NARROW")
    ["Kyle 'Pikey' NARROW"]
    """
    text = _TITLE.sub("", " ".join(str(name or "").split()))
    words = text.split()
    if not narrative or len(words) != 2 or ", " in text:
        return []
    first, last = words
    body, spans = name_spans(narrative, last)
    found = []
    for start, end in spans:
        m = _BETWEEN.search(body, max(0, start - 60), start)
        if m and m.group("first").lower() == first.lower() \
                and m.group("mid").lower() not in _NOT_MIDDLE:
            found.append(body[m.start():end])
    return list(dict.fromkeys(found))



#: Titles a records system may keep in the name ("MISS Chloe PRICE", "Master Jack STONE"):
#: a narrative writes the name without them.
_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mstr|master|mx|dr)\.?\s+(?=\S+\s)", re.IGNORECASE)


@lru_cache(maxsize=65536)
def _forms(name: str) -> tuple[str, ...]:
    text = " ".join(name.split())
    untitled = _TITLE.sub("", text)
    if untitled != text:
        return tuple(dict.fromkeys([text, *_forms(untitled)]))
    if ", " in text:  # "REED, Tom": surname first already
        surname, _, rest = text.partition(", ")
        given = rest.split()
    else:
        words = text.split()
        surname, given = (words[-1], words[:-1]) if len(words) > 1 else ("", [])
    out = dict.fromkeys([text])
    if given and surname:
        first = given[0]
        out.update(dict.fromkeys([
            f"{first} {surname}", f"{' '.join(given)} {surname}",
            f"{surname} {' '.join(given)}", f"{surname} {first}",
            f"{surname}, {' '.join(given)}", f"{surname}, {first}"]))
    return tuple(out)


def written_forms(name: str | None) -> list[str]:
    """The forms a narrative writes a person's name in: as recorded, without middle names,
    surname first with or without a comma, and without a title the record keeps ("Miss",
    "Master"), so that "Kyle NARROW (15)" gives its age to the record "Kyle John NARROW"
    and "NARROW, Kyle (15)" to "Kyle NARROW". Initials are left out: "K. NARROW" may be
    anyone. (Cached: a report is read for every person it names.)

    >>> written_forms("Kyle John NARROW")[:3], written_forms("REED, Tom")[:2]
    (['Kyle John NARROW', 'Kyle NARROW', 'NARROW Kyle John'], ['REED, Tom', 'Tom REED'])
    >>> written_forms("Miss Chloe PRICE")[:3]
    ['Miss Chloe PRICE', 'Chloe PRICE', 'PRICE Chloe']
    >>> "NARROW, Kyle" in written_forms("Kyle NARROW"), written_forms(None), written_forms("Kai")
    (True, [], ['Kai'])
    """
    if not name or not str(name).strip():
        return []
    return list(_forms(str(name)))


def without_middle(key: str) -> str | None:
    """A name key's first and last words when there are whole middle names between them,
    as a narrative writes a record's name without them ("Kyle NARROW" for the record
    "Kyle John NARROW"); None for a key of two words or one whose middle word is a letter
    (the O of O'NEILL is no middle name).

    >>> without_middle("kyle john narrow"), without_middle("kyle o neill")
    ('kyle narrow', None)
    """
    words = key.split()
    middle = words[1:-1]
    return f"{words[0]} {words[-1]}" if middle and all(len(w) > 1 for w in middle) else None


def written_as(narrative: str | None, key: str | None) -> list[str]:
    """The ways the narrative writes the name whose name key is ``key``, as written: each
    run of words that folds to the key ("Kyle O'NEILL", "Mary-Jane SMITH", "Zoë BROWN" for
    "kyle o neill", "mary jane smith", "zoe brown") or to the key surname first, with or
    without a comma ("NARROW, Liam" for "liam narrow"), the forms :func:`written_forms`
    gives a recorded name.

    Another report's narrative names a known person by their name key alone (the name
    index folds case, accents and punctuation away), so the readers of what it says beside
    the name (:func:`graphintel.ingest.narrative_ages.child_ages`) look for these written
    forms: the key itself ("kyle o neill") is never written so. The words of a name are
    joined by spaces, an apostrophe or a hyphen; a sentence's full stop between two words
    ("... Kyle. O'Neill said") does not join them.

    >>> text = "Kyle O\u2019NEILL (15) and NARROW, Liam (14) met Zoë  BROWN."
    >>> written_as(text, "kyle o neill"), written_as(text, "liam narrow")
    (["Kyle O'NEILL"], ['NARROW, Liam'])
    >>> written_as(text, "zoe brown"), written_as("Kyle. O'Neill", "kyle o neill")
    (['Zoë BROWN'], [])
    >>> written_as("Mary-Jane SMITH and Mary Jane SMITH", "mary jane smith")
    ['Mary-Jane SMITH', 'Mary Jane SMITH']

    A two-word name is also found with one more word in the middle, spaced as a name
    (:func:`written_between` reads a report's own people so): a middle name the record
    leaves out. Not "and", "met" and the like, a number, or words joined otherwise.

    >>> written_as("Chloe Anne PRICE (15) met Chloe and PRICE; Chloe 2 PRICE", "chloe price")
    ['Chloe Anne PRICE']

    So is a nickname of one word in quotes there, as :func:`written_between` reads it.

    >>> written_as("Kyle \u201cPikey\u201d NARROW (15) and Kyle (Pikey) NARROW", "kyle narrow")
    ['Kyle "Pikey" NARROW']
    """
    wanted = (key or "").split()
    if not narrative or len(wanted) < 2:
        return []
    text, _ = prepared(narrative)
    words = _folded_words(text)
    found = []
    if len(wanted) == 2:  # a middle name the record leaves out: "Chloe Anne PRICE"
        for i in range(len(words) - 2):
            mid = words[i + 1]
            if words[i][0] == wanted[0] and words[i + 2][0] == wanted[1] \
                    and mid[0].isalpha() and mid[0] not in _NOT_MIDDLE \
                    and (text[words[i][2]:mid[1]], text[mid[2]:words[i + 2][1]]) in _AROUND:
                found.append(text[words[i][1]:words[i + 2][2]])
    for turn in range(len(wanted)):  # 0: as keyed; then surname first, cut after word turn
        order = wanted[turn:] + wanted[:turn]
        for i in range(len(words) - len(order) + 1):
            if all(words[i + j][0] == w for j, w in enumerate(order)) and all(
                    (_TURN if turn and j == len(order) - turn else _JOIN).fullmatch(
                        text[words[i + j - 1][2]:words[i + j][1]])
                    for j in range(1, len(order))):
                found.append(text[words[i][1]:words[i + len(order) - 1][2]])
    return list(dict.fromkeys(found))


#: What may stand either side of a middle word written between a two-word name's words: a
#: space, or the quotes of a nickname.
_AROUND = frozenset({(" ", " "), (' "', '" '), (" '", "' ")})
#: What may stand between two words of a written name, and between the surname and the
#: given names written surname first ("NARROW, Liam").
_JOIN = re.compile(r" ?['\-]? ?")
_TURN = re.compile(r",? ?")


@lru_cache(maxsize=8)
def _folded_words(text: str) -> tuple[tuple[str, int, int], ...]:
    """Each word of ``text`` (letters and digits) as its name key, with where it is."""
    return tuple((name_key(m.group()), m.start(), m.end()) for m in _WORDS.finditer(text))


_WORDS = re.compile(r"[^\W_]+")
