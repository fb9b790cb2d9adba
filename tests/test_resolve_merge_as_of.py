"""A merge checks child against adult on the latest analysis run's date as well as today.

Mia JONES is recorded twice, day and month of birth swapped: 2003-12-01 and 2003-01-12.
The latest analysis run is as of 2021-06-30, when the first was 17 and the second 18. Today
both are adults, but the ranking, the agenda and ``disrupt`` measured ages on 2021-06-30:
merging the child into the adult without ``--despite child_adult`` would make her a target
there. A date of birth in ``other_dobs`` that makes someone a child counts too.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve import merge
from graphintel.resolve.conflicts import MergeConflicts, person_conflicts
from graphintel.store import Store
from tests.graph_helpers import person, report, write_jsonl

AS_OF = "2021-06-30"
MIA_17 = "Person:nd:mia jones|2003-12-01"
MIA_18 = "Person:nd:mia jones|2003-01-12"


@pytest.fixture()
def graph(store: Store, settings: Settings, tmp_path: Path) -> Store:
    reports = [
        report("M1", [person("m", "Mia JONES", "2003-12-01", "victim"),
                      person("s", "Ray COLE", "1975-05-05", "suspect", nominal_ref="N900")],
               [{"from": "s", "to": "m", "type": "EXPLOITS"}], date="2021-03-01"),
        report("M2", [person("m", "Mia JONES", "2003-01-12", "associate"),
                      person("s", "Ray COLE", "1975-05-05", "suspect", nominal_ref="N900")],
               [{"from": "s", "to": "m", "type": "ASSOCIATE_OF"}], date="2021-04-01"),
    ]
    done = ingest([write_jsonl(tmp_path / "r.jsonl", reports)], settings=settings, store=store)
    assert done.ok
    return store


def _analyse(store: Store, as_of: str) -> None:
    run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of=as_of)), write=True)


def test_a_child_on_the_latest_analysis_date_is_not_merged_into_an_adult(graph: Store) -> None:
    _analyse(graph, AS_OF)
    with pytest.raises(MergeConflicts) as refused:
        merge(graph, MIA_17, MIA_18, reason="same girl", user="a1")
    assert [c.code for c in refused.value.conflicts] == ["child_adult"]
    text = str(refused.value.conflicts[0])
    assert "A (Mia JONES) is a child of 17 by date of birth 2003-12-01" in text
    assert "an adult of 18, on 2021-06-30 (the latest analysis run's date)" in text
    assert graph.read_text("MATCH (p:Person {uid: $u}) RETURN p.uid AS u",
                           {"u": MIA_17}), "a refused merge changes nothing"
    done = merge(graph, MIA_17, MIA_18, reason="same girl", user="a1", despite="child_adult")
    assert [c.split(":")[0] for c in done.conflicts] == ["child_adult"]


def test_without_a_run_or_once_a_later_run_sees_two_adults_it_merges(graph: Store) -> None:
    """Today both are adults; the latest run (not an earlier one) decides the other day."""
    _analyse(graph, AS_OF)
    time.sleep(1.1)  # runs are ordered by their creation time, to the second
    _analyse(graph, "2022-06-30")
    done = merge(graph, MIA_17, MIA_18, reason="same girl", user="a1")
    assert done.conflicts == ()


def _snap(**props: Any) -> dict[str, Any]:
    return {"props": {"uid": f"Person:x|{props.get('name')}", **props}, "rels": []}


def test_the_rule_reads_every_date_and_both_days() -> None:
    a = _snap(name="Kyle BROWN", dob="2007-03-01", other_dobs=["2008-03-01"])
    b = _snap(name="Kyle BROWN", dob="2007-03-10")
    codes = [c.code for c in person_conflicts(a, b, today=date(2025, 6, 30))]
    assert "child_adult" in codes, "17 by one of his dates, 18 by the other's"
    later = date(2026, 12, 6)
    assert "child_adult" not in [c.code for c in person_conflicts(a, b, today=later)]
    assert "child_adult" in [c.code for c in person_conflicts(
        a, b, today=later, analysis_date=date(2025, 6, 30))]
    # a stated age counts as it does in the analysis (the younger)
    c = _snap(name="Kyle BROWN", dob="1990-03-01", age=14, age_on="2025-02-04")
    d = _snap(name="Kyle BROWN", dob="1990-03-01")
    assert "child_adult" in [x.code for x in person_conflicts(c, d, today=date(2025, 6, 30))]


def test_a_record_reports_call_a_child_is_not_merged_into_an_adult(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """"Ruby NASH, a juvenile" (no recorded age) and a Ruby NASH born 1990: merged, his date
    of birth would make the child an adult target. Refused unless the analyst says why."""
    reports = [
        report("J1", [{"id": "r", "type": "Person", "name": "Ruby NASH", "role": "suspect"},
                      person("k", "Kai MOSS", "2014-01-01", "victim")],
               [{"from": "r", "to": "k", "type": "EXPLOITS"}], date="2025-03-01",
               narrative="Ruby NASH, a juvenile, was seen with Kai MOSS."),
        report("J2", [person("a", "Ruby NASH", "1990-02-02", "suspect")], date="2025-04-01"),
    ]
    assert ingest([write_jsonl(tmp_path / "r.jsonl", reports)], settings=settings,
                  store=store).ok
    _analyse(store, "2025-06-30")
    with pytest.raises(MergeConflicts) as refused:
        merge(store, "Person:n:ruby nash", "Person:nd:ruby nash|1990-02-02", reason="x",
              user="a1")
    assert [c.code for c in refused.value.conflicts] == ["child_adult"]
    assert "has no recorded age and is recorded as a child (called_a_child)" in \
        str(refused.value.conflicts[0])
