"""Names of people already in the graph that a narrative contains: suggested, never linked."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from graphintel.clean import name_key
from graphintel.ingest.narrative_names import without_middle, written_as

if TYPE_CHECKING:
    from graphintel.store import Store

MAX_NAME_TOKENS = 4
#: A word of a narrative as written, with what ends it (a comma, a full stop) apart.
_RAW_WORD = re.compile(r"(?P<word>[^\W\d_](?:[^\W\d_]|['\u2019\-](?=[^\W\d_]))*)(?P<end>\S*)")
#: The Mc or Mac of a surname written in capitals ("McDONALD", "MacLEOD").
_MAC = re.compile(r"^Ma?c(?=[A-Z]{2})")
#: Capitalised words that start a sentence or a clause, and titles, ranks, roles, days,
#: months and places, written before a surname that starts a list written surname first
#: ("Then AKHTAR, Ryan", "DC Officer AKHTAR, Ryan", "On Monday AKHTAR, Ryan"): no first
#: names. Leaving a real one out only keeps the reading surname first, as before names
#: written so were read (a child's age beside it is still read).
_NOT_FIRST_NAME = frozenset("""
    a about after also although an and as at because before between both but by during
    earlier for from he her here his however i if in into it later once on or since so
    than that the their them then there these they this those though to today tonight
    unless until upon was we when where whereas whilst while with within without yesterday
    mr mrs miss ms mx dr sir madam master mstr pc dc ds di dci sgt sergeant constable
    detective inspector officer officers police staff social worker carer teacher manager
    victim suspect witness informant source subject intelligence report note ref re cc
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug
    sep sept oct nov dec school college academy council hospital station house home road
    street park centre club hotel flat team unit services
""".split())


def known_names(store: Store) -> NameIndex:
    """Every person in the graph by their name key."""
    index = NameIndex()
    store.read_each("known_person_names", lambda r: index.add(r["name_key"], r["uid"]))
    return index


class NameIndex:
    """Name keys (two words or more, to avoid common words) to person uids.

    A narrative may write a name surname first ("NARROW, Liam (15)"), as the readers of a
    report's own people allow (:func:`graphintel.ingest.narrative_names.written_forms`):
    so each key is found turned too ("narrow liam" names "liam narrow"; "o neill kyle"
    names "kyle o neill"), and the known person is found by the key they are recorded by.
    A key of three words or more is found without its middle words too ("kyle narrow"
    names "kyle john narrow").
    """

    def __init__(self) -> None:
        self._uids: dict[str, set[str]] = {}
        self._turned: dict[str, set[str]] = {}  # a key surname first -> the keys it is
        self._firsts: set[str] = set()  # the first word of every key, turned or not
        self._forenames: set[str] = set()  # the first word of every key as keyed

    def add(self, key: str | None, uid: str) -> None:
        if key and " " in key:
            # a record with middle names is written in narratives without them too
            # ("Kyle NARROW" for "kyle john narrow"), as a report's own people are read
            short = without_middle(key)
            for known in [key, *([short] if short else [])]:
                self._uids.setdefault(known, set()).add(uid)
                parts = known.split(" ")
                self._firsts.add(parts[0])
                self._forenames.add(parts[0])
                for turn in range(1, len(parts)):
                    self._turned.setdefault(" ".join(parts[turn:] + parts[:turn]),
                                            set()).add(known)
                    self._firsts.add(parts[turn])

    def __len__(self) -> int:
        return len(self._uids)

    def uids(self) -> set[str]:
        """Every person the index names."""
        return {uid for uids in self._uids.values() for uid in uids}

    def copy(self) -> NameIndex:
        """An independent copy (a write transaction works on one, in case it is retried)."""
        out = NameIndex()
        out._uids = {k: set(v) for k, v in self._uids.items()}
        out._turned = {k: set(v) for k, v in self._turned.items()}
        out._firsts = set(self._firsts)
        out._forenames = set(self._forenames)
        return out

    def adopt(self, other: NameIndex) -> None:
        """Take ``other``'s contents (the copy a committed transaction worked on)."""
        self._uids, self._turned, self._firsts = other._uids, other._turned, other._firsts
        self._forenames = other._forenames

    def replace(self, old: str, new: str) -> None:
        """Name ``new`` wherever ``old`` was named (a person merged into another)."""
        for uids in self._uids.values():
            if old in uids:
                uids.discard(old)
                uids.add(new)

    def find(self, narrative: str | None, exclude: set[str]) -> list[str]:
        """Uids of known people named in ``narrative``, minus ``exclude``, sorted."""
        return sorted(self.named(narrative, exclude))

    def named(self, narrative: str | None, exclude: set[str],
              claimed: Iterable[str] = ()) -> dict[str, str]:
        """Known people named in ``narrative``, minus ``exclude``: uid -> the name key the
        narrative gives them by (the first found; their own key when it writes it surname
        first; a two-word key also when written with a middle name the record leaves out,
        "Chloe Anne PRICE": :func:`~graphintel.ingest.narrative_names.written_as`).

        A word belongs to one name. Where two names read from the words cross (share some
        words, and neither holds the other), the reading that puts the most words in names
        is kept: "Dylan AKHTAR, Ryan MARSH" is two names written first name first, not
        "AKHTAR, Ryan" (a Ryan AKHTAR) between two stray words; "AKHTAR, Ryan MARSH, Dylan"
        is two written surname first, not a Ryan MARSH. ``claimed`` are the name keys of
        the report's own people, which take their words first, and on a tie names written
        as keyed come before names read surname first. A name written as officers write
        one takes its words too, known or not, when its first name is someone's
        (:func:`written_names`): "Dylan AKHTAR, Ryan (15)" is a Dylan AKHTAR and a Ryan,
        not a Ryan AKHTAR. A name inside another is still found ("Amy Lee JONES" names an
        Amy LEE too).

        >>> index = NameIndex()
        >>> index.add("ryan akhtar", "p1"); index.add("ryan marsh", "p2")
        >>> index.named("Seen: Dylan AKHTAR, Ryan MARSH", set(), ["dylan akhtar"])
        {'p2': 'ryan marsh'}
        >>> index.named("Seen: AKHTAR, Ryan (15)", set())
        {'p1': 'ryan akhtar'}
        """
        found: dict[str, str] = {}
        for key, uids in self._read(narrative, exclude, claimed):
            for uid in uids:
                if uid not in exclude:
                    found.setdefault(uid, key)
        return found

    def keys_named(self, narrative: str | None, claimed: Iterable[str] = ()) -> set[str]:
        """The name keys of known people that ``narrative`` names, read as :meth:`named`
        reads it (``claimed`` the name keys of the report's own people).

        >>> index = NameIndex()
        >>> for key in ("ryan akhtar", "ryan marsh", "dylan marsh"):
        ...     index.add(key, key)
        >>> sorted(index.keys_named("AKHTAR, Ryan MARSH, Dylan"))
        ['dylan marsh', 'ryan akhtar']
        """
        return {key for key, _ in self._read(narrative, set(), claimed)}

    def _read(self, narrative: str | None, exclude: set[str],
              claimed: Iterable[str]) -> list[tuple[str, list[str]]]:
        """(key, uids) of the names kept in the best reading of ``narrative``'s words, in
        the order of the words (see :meth:`named`)."""
        if not narrative or not self._uids:
            return []
        tokens = name_key(narrative).split()
        matches = self._matches(narrative, tokens)
        if not any(uid not in exclude for *_, uids in matches for uid in uids):
            return []
        own = NameIndex()
        for key in claimed:
            own.add(key, "")
        # the report's own people take their words whether known already or not
        spans = [(a, b, all(uid in exclude for uid in uids), keyed)
                 for a, b, _, keyed, uids in matches]
        spans += [(a, b, True, keyed) for a, b, _, keyed, _ in own._matches(narrative, tokens)]
        # a name written as officers write one ("Dylan AKHTAR"), known or not, takes its
        # words as a known name would: "Dylan AKHTAR, Ryan" is no "AKHTAR, Ryan" (read only
        # when a name is read surname first: it is what a written name stops)
        if any(not keyed for _, _, _, keyed, _ in matches):
            def known(word: str) -> bool:
                return word in self._forenames or word in own._forenames
            spans += [(a, b, False, True) for a, b in written_names(narrative, tokens, known)]
        kept = _reading(spans)
        return [(key, uids) for start, end, key, _, uids in matches
                if not any(a < start <= b < end or start < a <= end < b for a, b in kept)]

    def _matches(self, narrative: str,
                 tokens: list[str]) -> list[tuple[int, int, str, bool, list[str]]]:
        """Every known name in the words: (first word, last word, key, written as keyed,
        uids), in the order of the words."""
        out: list[tuple[int, int, str, bool, list[str]]] = []
        for i, token in enumerate(tokens):
            if token not in self._firsts:  # most words start no known name
                continue
            if i + 2 < len(tokens):  # "Chloe Anne PRICE" for "chloe price", as written
                key = f"{token} {tokens[i + 2]}"
                uids = sorted(self._uids.get(key) or ())
                if uids and written_as(narrative, key):
                    out.append((i, i + 2, key, True, uids))
            for size in range(2, min(MAX_NAME_TOKENS, len(tokens) - i) + 1):
                key = " ".join(tokens[i:i + size])
                if key in self._uids:
                    out.append((i, i + size - 1, key, True, sorted(self._uids[key])))
                for own in sorted(self._turned.get(key) or ()):
                    out.append((i, i + size - 1, own, False, sorted(self._uids[own])))
        return out


def written_names(narrative: str, tokens: list[str],
                  first_name: Callable[[str], bool] | None = None) -> list[tuple[int, int]]:
    """The names (first word, last word of ``tokens``, the narrative's name key's words)
    that the narrative writes as officers write one, known or not: up to three
    capitalised first and middle names, one space apart, then the surname in capitals
    ("Dylan AKHTAR", "Amy Lee JONES", "Mary-Jane O'NEILL", "Sean McDONALD"). Not a word
    that starts a sentence ("Then AKHTAR"), nor a first name after a surname and a comma
    ("JONES, Dylan AKHTAR, Ryan" is a list written surname first). With ``first_name`` (of
    a name key's word), the name starts at the first word it says yes to: a word that is
    nobody's first name ("Located AKHTAR, Ryan (15)") starts none, which leaves the
    reading surname first, and a child's age beside it, as it was.

    >>> text = "Seen: Dylan AKHTAR, Ryan (15). Then AKHTAR, Ryan. JONES, Amy LEE, Jo"
    >>> written_names(text, name_key(text).split())
    [(1, 2)]
    >>> text = "Then Amy Lee JONES and Mary-Jane O'NEILL"
    >>> written_names(text, name_key(text).split())
    [(1, 3), (5, 8)]
    >>> text = "Located AKHTAR, Ryan (15) with Dylan AKHTAR"
    >>> tokens = name_key(text).split()
    >>> written_names(text, tokens), written_names(text, tokens, {"dylan"}.__contains__)
    ([(0, 1), (5, 6)], [(5, 6)])
    >>> text = "Located Dylan AKHTAR"
    >>> written_names(text, name_key(text).split(), {"dylan"}.__contains__)
    [(1, 2)]
    """
    words = list(_RAW_WORD.finditer(narrative))
    out: list[tuple[int, int]] = []
    for i, last in enumerate(words):
        surname = last.group("word")
        if len(surname) < 2 or not _MAC.sub("", surname).isupper():
            continue
        first = i
        while first > 0 and i - first < 3 and _first_name(narrative, words[first - 1],
                                                          words[first]):
            first -= 1
        before = words[first - 1] if 0 < first < i else None
        if before is not None and before.group("word").isupper() \
                and before.group("end").startswith(","):
            continue  # a list written surname first
        while first < i and first_name is not None \
                and not first_name(name_key(words[first].group("word")).split()[0]):
            first += 1
        if first == i:
            continue
        written = name_key(narrative[words[first].start():last.start() + len(surname)]).split()
        start = len(name_key(narrative[:words[first].start()]).split())
        if tokens[start:start + len(written)] == written:
            out.append((start, start + len(written) - 1))
    return out


def _first_name(narrative: str, word: re.Match[str], after: re.Match[str]) -> bool:
    """Whether ``word`` is written as a first or middle name before ``after``: capitalised
    (each part of a hyphenated name), no word that starts a sentence, one space between."""
    name = word.group("word")
    return not word.group("end") and narrative[word.end():after.start()] == " " \
        and name.lower() not in _NOT_FIRST_NAME \
        and all(part[:1].isupper() and part[1:].islower() for part in name.split("-"))


def _reading(spans: list[tuple[int, int, bool, bool]]) -> list[tuple[int, int]]:
    """The names (first word, last word) of the best reading of the words: of the spans
    not inside another, those that do not overlap and put the most words in names, then
    the most of the report's own names, then the most written as keyed (first with own,
    then with as-keyed, of the spans ``(start, end, own, as_keyed)``)."""
    outer = sorted({(a, b, o, k) for a, b, o, k in spans
                    if not any(c <= a and b <= d and (c, d) != (a, b) for c, d, _, _ in spans)},
                   key=lambda s: (s[1], s[0], s[2], s[3]))
    # weighted interval scheduling: best[j] is the best reading of the first j spans
    best: list[tuple[tuple[int, int, int], list[tuple[int, int]]]] = [((0, 0, 0), [])]
    for j, (a, b, o, k) in enumerate(outer):
        prev = max((i for i in range(j + 1) if i == 0 or outer[i - 1][1] < a), default=0)
        score, chosen = best[prev]
        take = ((score[0] + b - a + 1, score[1] + o, score[2] + k), chosen + [(a, b)])
        best.append(max(best[j], take, key=lambda r: r[0]))
    return best[-1][1]
