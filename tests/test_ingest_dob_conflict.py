"""Two dates of birth for one person: every date is kept, the load warns, and the possible
child is safeguarded whatever the order of the reports.

IR/1 (graded 2BP) gives nominal N100, Kyle BROWN, born 2007-03-01; IR/2 (a 1AP custody
record) gives N100 born 2008-03-01. A year apart is no nominal clash (that takes two), so
both are one person. On 2025-06-30 one date makes him 18 and the other 17: he is safeguarded
as the child he may be, never a target or a greedy pick, in either load order, and the
profile shows both dates. The stored ``dob`` is the youngest (the latest date), so it and
``other_dobs`` are the same in every order.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.safeguarding import age_conflict, age_of, child_on, status
from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.profile import profile
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"
KYLE = "Person:ref:N100"


def _p(eid: str, name: str, dob: str, nominal: str, role: str) -> dict[str, Any]:
    return {"id": eid, "type": "Person", "name": name, "dob": dob, "nominal_ref": nominal,
            "role": role}


def _reports() -> list[dict[str, Any]]:
    child = _p("c", "Ellie MARSH", "2011-05-05", "N300", "victim")
    gary = _p("g", "Gary HOLT", "1980-02-02", "N400", "suspect")
    return [
        report("IR/1", [_p("k", "Kyle BROWN", "2007-03-01", "N100", "suspect"), child, gary],
               [{"from": "k", "to": "c", "type": "EXPLOITS"},
                {"from": "g", "to": "k", "type": "ASSOCIATE_OF"}],
               date="2025-02-01", grading="2BP"),
        report("IR/2", [_p("k", "Kyle BROWN", "2008-03-01", "N100", "suspect"), child, gary],
               [{"from": "k", "to": "c", "type": "EXPLOITS"},
                {"from": "g", "to": "c", "type": "EXPLOITS"}],
               date="2025-04-01", grading="1AP"),
    ]


def _load(store: Store, settings: Settings, folder: Path, order: list[dict[str, Any]],
          *, split: bool, batch_size: int) -> list[str]:
    """Load ``order`` into an empty graph; the load's warnings."""
    store.wipe()
    folder.mkdir()
    files = ([write_jsonl(folder / f"{i}.jsonl", [r]) for i, r in enumerate(order)] if split
             else [write_jsonl(folder / "all.jsonl", order)])
    done = ingest(files, settings=replace(settings, batch_size=batch_size), store=store)
    assert done.ok, done.as_dict()
    return [w for f in done.files for w in f.warnings]


def _kyle(store: Store) -> dict[str, Any]:
    rows = store.read_text("MATCH (p:Person {nominal_ref: 'N100'}) RETURN p", {})
    assert len(rows) == 1, rows
    return dict(rows[0]["p"])


ARRANGEMENTS = [(order, split, size)
                for order in itertools.permutations(_reports())
                for split, size in ((False, 1000), (False, 1), (True, 1000))]


@pytest.mark.parametrize(("order", "split", "size"), ARRANGEMENTS,
                         ids=lambda v: "-".join(r["ref"] for r in v)
                         if isinstance(v, tuple) else str(v))
def test_both_dates_are_kept_and_he_is_safeguarded_in_every_order(
        store: Store, settings: Settings, tmp_path: Path,
        order: tuple[dict[str, Any], ...], split: bool, size: int) -> None:
    warnings = _load(store, settings, tmp_path / "load", list(order), split=split,
                     batch_size=size)
    kyle = _kyle(store)
    assert kyle["uid"] == KYLE
    assert kyle["dob"] == "2008-03-01" and kyle["other_dobs"] == ["2007-03-01"]
    assert kyle["name_dob"] == "kyle brown|2008-03-01"
    assert "dob_conflict" in kyle["flags"] and "nominal_ref_conflict" not in kyle["flags"]
    second = order[1]["ref"]
    given = next(e["dob"] for e in order[1]["entities"] if e["id"] == "k")
    first = next(e["dob"] for e in order[0]["entities"] if e["id"] == "k")
    line = 1 if split else 2
    said = [w for w in warnings if "dob_conflict" in w]
    assert len(said) == 1, warnings
    assert f":{line}: {second}: 'Kyle BROWN' (N100) is given date of birth {given}" in said[0]
    assert f"the person already has {first}" in said[0] and "dob 2008-03-01" in said[0]

    run = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of=AS_OF)),
                       write=True)
    result = run.result
    assert KYLE not in {t["uid"] for t in result["targets"]}
    assert "Person:ref:N400" in {t["uid"] for t in result["targets"]}
    first_listed = {s["uid"]: s for s in result["safeguarding"]}
    assert first_listed[KYLE]["child"] and first_listed[KYLE]["age"] == 17
    picks = disrupt(store, [], greedy=5,
                    params=AnalysisParams(projection=ProjectionParams(as_of=AS_OF)))
    assert KYLE not in {p["uid"] for p in picks["greedy"]}


def test_the_profile_shows_every_date(store: Store, settings: Settings,
                                      tmp_path: Path) -> None:
    _load(store, settings, tmp_path / "load", _reports(), split=False, batch_size=1000)
    shown = profile(store, KYLE)
    assert shown["dob"] == "2008-03-01" and shown["other_dobs"] == ["2007-03-01"]
    assert "dob_conflict" in shown["flags"]


def test_a_date_already_recorded_changes_nothing(store: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    """A third report repeating one of the dates adds no warning and keeps dob and
    other_dobs; the person is still one, with both dates' keys."""
    _load(store, settings, tmp_path / "load", _reports(), split=False, batch_size=1000)
    before = _kyle(store)
    again = report("IR/3", [_p("k", "Kyle BROWN", "2007-03-01", "N100", "associate")],
                   date="2025-05-01")
    done = ingest([write_jsonl(tmp_path / "again.jsonl", [again])], settings=settings,
                  store=store)
    assert done.ok and not [w for f in done.files for w in f.warnings if "dob_conflict" in w]
    after = _kyle(store)
    assert (after["dob"], after["other_dobs"]) == (before["dob"], before["other_dobs"])
    assert {"nd:kyle brown|2007-03-01", "nd:kyle brown|2008-03-01"} <= set(after["keys"])


def test_a_nominal_clashes_only_with_no_recorded_date_near(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """The clash (a mistyped nominal) is a date of birth two or more years from every date
    the person has: near one of them joins; years from all makes a person of its own."""
    _load(store, settings, tmp_path / "load", _reports(), split=False, batch_size=1000)
    near = report("IR/4", [_p("k", "Kyle BROWN", "2006-06-01", "N100", "associate")],
                  date="2025-05-01")
    child = report("IR/5", [_p("k", "Kyle BROWN", "2013-01-01", "N100", "victim")],
                   date="2025-05-02")
    done = ingest([write_jsonl(tmp_path / "more.jsonl", [near, child])], settings=settings,
                  store=store)
    assert done.ok
    kyle = _kyle(store)
    assert kyle["dob"] == "2008-03-01"
    assert kyle["other_dobs"] == ["2006-06-01", "2007-03-01"]
    apart = store.read_text("MATCH (p:Person {dob: '2013-01-01'}) RETURN p", {})
    assert len(apart) == 1 and apart[0]["p"]["conflicting_nominal_refs"] == ["N100"]


@pytest.mark.parametrize(("person", "day", "age", "child", "conflict"), [
    ({"dob": "2007-03-01", "other_dobs": ["2008-03-01"]}, AS_OF, 17, True, True),
    ({"dob": "2008-03-01", "other_dobs": ["2007-03-01"]}, AS_OF, 17, True, True),
    ({"dob": "2007-03-01", "other_dobs": ["2008-03-01"]}, "2026-03-01", 18, False, False),
    ({"dob": "1980-01-01", "other_dobs": ["2012-01-01"]}, AS_OF, 13, True, True),
    ({"dob": "1980-01-01", "other_dobs": []}, AS_OF, 45, False, False),
])
def test_any_recorded_date_of_birth_makes_a_child(person: dict[str, Any], day: str, age: int,
                                                  child: bool, conflict: bool) -> None:
    """The younger counts: the rule every child test uses (analysis, agenda, partner
    redaction) reads dob and other_dobs, whichever of them is stored as dob, and says when
    the dates disagree on whether the person is a child."""
    assert age_of(person, day) == age
    assert child_on(person, day) is child
    G = nx.Graph()
    G.add_node("x", roles=["suspect"], **person)
    assert status(G, "x", day).protected is child
    assert (age_conflict(person, day) is not None) is conflict


def test_a_victim_as_a_child_only_by_every_date() -> None:
    """The caution that lifts a victim's protection (every victim assessment from their
    childhood) must hold by every recorded date of birth."""
    G = nx.Graph()
    reports = [{"ref": "V1", "date": "2017-06-01", "roles": ["victim"]}]
    G.add_node("one", dob="2000-01-01", roles=["suspect", "victim"], reports=reports)
    G.add_node("two", dob="2000-01-01", other_dobs=["2001-09-01"], roles=["suspect", "victim"],
               reports=reports)
    G.add_node("old", dob="2001-09-01", other_dobs=["1999-01-01"], roles=["suspect", "victim"],
               reports=reports)
    assert status(G, "one", AS_OF).victim_as_child_only
    assert status(G, "two", AS_OF).victim_as_child_only
    assert not status(G, "old", AS_OF).victim_as_child_only
    assert status(G, "old", AS_OF).protected
