"""Known names found in a narrative: suggested people, by name key, two to four words."""

from __future__ import annotations

import pytest

from graphintel.ingest.suggest import NameIndex


def _index() -> NameIndex:
    index = NameIndex()
    for key, uid in [("jordan smith", "p1"), ("amy lee", "p2"), ("amy lee jones", "p3"),
                     ("mary ann de la", "p4"), ("smith", "p5"), ("lee jones", "p6"),
                     ("jordan smith", "p7")]:
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
    ],
)
def test_find(narrative: str | None, exclude: set[str], found: list[str]) -> None:
    assert _index().find(narrative, exclude) == found


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
