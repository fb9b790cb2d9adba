"""The scrub's word matching: every registered name found in any case and spacing, the
longest first, an adult's namesake kept only as their own label, and the same result as
trying every registered value at every word (the scrub tries, through its index, only the
values starting with the words it is at)."""

from __future__ import annotations

import random
import re

import pytest

from graphintel.redact_forms import GAP, joined, tokens
from graphintel.redact_scrub import Scrubber

NAMES = ["amy jones", "amy jones-smith", "amy", "jones smith", "amy lee", "lee",
         "o'hara", "dean o'hara", "zoe farthing", "farthing road", "beth", "beth ann yarrow"]


def _reference(sc: Scrubber, text: str) -> str:
    """The same rule by brute force: at each word, every registered value (as words, or
    written together as one word), the longest match wins, the stronger on a tie."""
    toks = tokens(text)
    values = [(parts, *found) for parts, found in sc._values.items()]
    values += [((j,), *found) for j, found in sc._joined.items()]
    out, pos, i = [], 0, 0
    while i < len(toks):
        best = None
        for parts, replacement, rank in values:
            last = i + len(parts) - 1
            if last >= len(toks):
                continue
            if any(not GAP.fullmatch(text, toks[k - 1].end, toks[k].start)
                   for k in range(i + 1, last + 1)):
                continue
            if any(toks[i + k].key != parts[k] for k in range(len(parts) - 1)):
                continue
            end = (toks[last].end if toks[last].key == parts[-1] else
                   toks[last].base_end if toks[last].base == parts[-1] else None)
            if end is not None and (best is None or (end, rank) > (best[0], best[3])):
                best = (end, last, replacement, rank)
        if best is None:
            i += 1
            continue
        out += [text[pos:toks[i].start], best[2]]
        pos, i = best[0], best[1] + 1
    return "".join(out) + text[pos:]


@pytest.mark.parametrize(("text", "expected"), [
    ("Seen with AMY  JONES today", "Seen with C-1 today"),
    ("Amy Jones-Smith and Amy Lee", "C-2 and C-5"),
    ("jones, smith at the park", "C-4 at the park"),
    ("Dean O'Hara met Amy", "C-8 met C-3"),
    ("Dean O\u2019HARA met Amy", "C-8 met C-3"),
    ("Lee Street", "C-6 Street"),
    ("Amyjones is one word", "C-1 is one word"),     # joined: a handle, a file name
    ("Amyjonesy is another word", "Amyjonesy is another word"),
    ("Zoe Farthing, Farthing Road", "C-9, C-10"),
    ("Beth Ann Yarrow (Beth)", "C-12 (C-11)"),
    ("Amy Lee's flat", "C-5's flat"),                  # the possessive stays
    ("Bob the adult", "Bob the adult"),
])
def test_names_are_replaced_whole_longest_first(text: str, expected: str) -> None:
    sc = Scrubber()
    for i, name in enumerate(NAMES, start=1):
        sc.add_words(name, f"C-{i}")
    assert sc.scrub(text) == expected
    assert _reference(sc, text) == expected


def test_an_adults_namesake_is_withheld_never_the_childs_pseudonym() -> None:
    """An adult of exactly a child's name: a partner output never holds the child's name,
    whoever else has it, and never gives the adult the child's pseudonym."""
    sc = Scrubber()
    sc.add_words("amy lee", "C-1")
    sc.keep("amy lee")
    assert sc.scrub("Amy  LEE") == "(name withheld)"
    # any other text may mean either: the name goes, withheld, never the child's pseudonym
    assert sc.scrub("Amy Lee's flat") == "(name withheld)'s flat"
    assert sc.scrub("Amy Lee (adult)") == "(name withheld) (adult)"
    # in whichever order the two were registered
    other = Scrubber()
    other.keep("amy lee")
    other.add_words("amy lee", "C-1")
    assert other.scrub("Amy Lee (adult)") == "(name withheld) (adult)"


@pytest.mark.parametrize("adult", ["Jade Louise SMITH's uncle", "Mother of Jade Louise SMITH",
                                   "Jade Louise SMITH-JONES", "Jade Louise SMITH (b. 1980)"])
def test_an_adult_whose_name_holds_a_childs_is_not_kept(adult: str) -> None:
    """keep() is for a namesake only: an adult label holding more than a child's name is
    scrubbed like any text, in whichever order the two were registered."""
    for child_first in (True, False):
        sc = Scrubber()
        if not child_first:
            sc.keep(adult)
        sc.add_name("Jade Louise SMITH", "Child-96E7")
        if child_first:
            sc.keep(adult)
        shown = sc.scrub(adult)
        assert "jade" not in shown.lower() and "Child-96E7" in shown, (adult, shown)


@pytest.mark.parametrize(("text", "expected"), [
    ("@amy.jones_2011", "@C-1_2011"), ("amy_jones", "C-1"), ("amy-jones", "C-1"),
    ("amyjones", "C-1"), ("AmyJones2011", "AmyJones2011")])
def test_a_name_in_a_handle_is_found(text: str, expected: str) -> None:
    sc = Scrubber()
    sc.add_words("amy jones", "C-1")
    assert sc.scrub(text) == expected


def test_same_result_as_trying_every_value() -> None:
    rng = random.Random(7)
    sc = Scrubber()
    for i, name in enumerate(NAMES, start=1):
        sc.add_words(name, f"Child {i}" if i % 3 else "withheld \\1 place")
    sc.add_name("Jade Louise SMITH", "Child-J")
    sc.keep("lee")
    sc.keep("jade smith")
    vocabulary = [w for n in NAMES for w in re.split(r"(\s+)", n)] + \
        ["Road", ",", " ", "  ", "-", "the", "AMY", "Jones", "child", "(", ")", "'s", "s",
         "Jade", "SMITH", "Louise", "J.", "_", "’s", "Rd", "jones"]
    for _ in range(3000):
        text = "".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 12)))
        assert sc.scrub(text) == _reference(sc, text), text
    assert joined(("amy", "jones")) == "amyjones" and joined(("amy",)) is None
