"""Known names found in a narrative: suggested people, by name key, two to four words."""

from __future__ import annotations

import doctest

import pytest

from graphintel.ingest import earlier_narratives, suggest
from graphintel.ingest.suggest import NameIndex


def _index() -> NameIndex:
    index = NameIndex()
    for key, uid in [("jordan smith", "p1"), ("amy lee", "p2"), ("amy lee jones", "p3"),
                     ("mary ann de la", "p4"), ("smith", "p5"), ("lee jones", "p6"),
                     ("jordan smith", "p7"), ("ryan akhtar", "p10"), ("ryan marsh", "p11"),
                     ("dylan marsh", "p12"), ("ryan mcdonald", "p13"),
                     ("sean cole", "p14")]:
        index.add(key, uid)
    return index


@pytest.mark.parametrize(
    ("narrative", "exclude", "found"),
    [
        ("Jordan SMITH was seen", set(), ["p1", "p7"]),  # at the start; one key, two people
        ("seen with jordan smith", set(), ["p1", "p7"]),  # at the very end
        ("seen with Jordan", set(), []),  # a first word alone is not a name
        ("Smith was there", set(), []),  # one-word keys are never indexed
        ("Amy Lee Jones called", set(), ["p2", "p3", "p6"]),  # overlapping names
        ("mary-ann de la cruz", set(), ["p4"]),  # four words
        ("mary ann de", set(), []),  # a name cut short
        ("jordan smith and amy lee", {"p1", "p2"}, ["p7"]),  # the report's own people
        ("SMITH, Jordan (15) was seen", set(), ["p1", "p7"]),  # surname first
        ("JONES, Amy Lee", set(), ["p2", "p3"]),  # surname first, two given names
        ("Smith said Jordan", set(), []),  # words apart are no name
        ("", set(), []),
        (None, set(), []),
        # a list of names: a word belongs to one name, the reading with most words in names
        ("Dylan AKHTAR, Ryan MARSH were seen", set(), ["p11"]),  # not "AKHTAR, Ryan"
        ("AKHTAR, Ryan MARSH, Dylan were seen", set(), ["p10", "p12"]),  # not Ryan MARSH
        ("AKHTAR, Ryan (15) was seen", set(), ["p10"]),
        # a name written as officers write one takes its words, known or not
        ("Dylan AKHTAR, Ryan (15) was seen", set(), []),  # Dylan AKHTAR, then a Ryan
        ("Then AKHTAR, Ryan (15) was seen", set(), ["p10"]),  # "Then" is no first name
        ("Spoke to Officer AKHTAR, Ryan (15)", set(), ["p10"]),  # nor a rank or title
        ("On Monday AKHTAR, Ryan (15) was seen", set(), ["p10"]),  # nor a day
        ("JONES, Dylan AKHTAR, Ryan", set(), ["p10"]),  # a list written surname first
        ("Seen: Dylan Lee AKHTAR, Ryan (15)", set(), []),  # a middle name
        ("Sean McDONALD, Ryan (15)", set(), []),  # a surname with its Mc: not Ryan's
        ("Located AKHTAR, Ryan (15) at home", set(), ["p10"]),  # "Located": nobody's name
        ("Located Dylan AKHTAR, Ryan (15)", set(), []),  # the name starts at Dylan
        ("Kian AKHTAR, Ryan (15)", set(), ["p10"]),  # a first name nobody known has
        ("McDONALD, Ryan (15)", set(), ["p13"]),
        ("dylan akhtar, ryan (15) was seen", set(), ["p10"]),  # not written so: no telling
    ],
)
def test_find(narrative: str | None, exclude: set[str], found: list[str]) -> None:
    assert _index().find(narrative, exclude) == found


@pytest.mark.parametrize(
    ("narrative", "own", "exclude", "found"),
    [
        # the report's own people (name keys; uids when known) take their words first
        ("Dylan AKHTAR, Ryan (15) was seen", ["dylan akhtar"], set(), []),
        ("Dylan AKHTAR, Ryan MARSH were seen", ["dylan akhtar"], set(), ["p11"]),
        ("AKHTAR, Ryan MARSH, Dylan were seen", ["ryan akhtar"], {"p10"}, ["p12"]),
        ("Ryan MARSH, Dylan (15)", ["ryan marsh"], {"p11"}, []),  # not "MARSH, Dylan"
        ("Ryan MARSH, Dylan (15)", [], {"p11"}, []),  # known: their uid claims the words
        ("Ryan MARSH and MARSH, Dylan", ["ryan marsh"], {"p11"}, ["p12"]),  # each its own
        ("Dylan AKHTAR, Ryan (15) was seen", ["amy lee"], set(), []),  # written so
        ("dylan akhtar, ryan (15) was seen", ["amy lee"], set(), ["p10"]),  # not written so
    ],
)
def test_the_reports_own_people_claim_their_words(narrative: str, own: list[str],
                                                  exclude: set[str], found: list[str]) -> None:
    assert sorted(_index().named(narrative, exclude, own)) == found


def test_copy_is_independent_and_adopt_takes_it() -> None:
    index = _index()
    trial = index.copy()
    trial.add("zoe o neil", "p9")
    assert index.find("zoe o neil", set()) == []
    assert trial.find("zoe o neil", set()) == ["p9"]
    index.adopt(trial)
    assert index.find("zoe o neil", set()) == ["p9"]


def test_replace_names_the_merged_person() -> None:
    index = _index()
    index.replace("p1", "p8")
    assert index.find("jordan smith", set()) == ["p7", "p8"]


def test_docstring_examples() -> None:
    for module in (suggest, earlier_narratives):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0
