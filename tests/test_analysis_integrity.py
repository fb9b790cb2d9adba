"""Analysis runs are all or nothing, and the analysis date is today unless given."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import (
    AnalysisParams,
    list_runs,
    load_run,
    remove_incomplete_runs,
    run_analysis,
)
from graphintel.config import Settings
from graphintel.errors import NotFound
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl


def _load(store: Store, settings: Settings, tmp_path: Path, *, date_: str = "2025-03-01") -> None:
    reports = [report("R1", [
        {"id": "s", "type": "Person", "name": "Sam SUSPECT", "dob": "1980-01-01",
         "role": "suspect"},
        {"id": "c", "type": "Person", "name": "Cara CHILD", "dob": "2012-05-05",
         "role": "unknown"}],
        [{"from": "s", "to": "c", "type": "ASSOCIATE_OF"}], date=date_)]
    ingest([write_jsonl(tmp_path / "r.jsonl", reports)], settings=settings, store=store)


def test_a_run_killed_part_way_is_never_the_latest_and_can_be_removed(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    _load(store, settings, tmp_path)
    good = analyse(store)
    # what a kill after the scores but before completion leaves behind
    store.write("create_analysis_run", run={"id": "run-killed",
                                            "created_at": "2999-01-01T00:00:00Z"})
    store.write_rows("write_scores", [{"uid": good.result["people"][0]["uid"],
                                       "props": {"score": 1.0}}], run_id="run-killed")
    assert [r["id"] for r in list_runs(store)] == [good.id]
    assert load_run(store)["run"]["id"] == good.id
    runs = {r["id"]: r["status"] for r in list_runs(store, include_incomplete=True)}
    assert runs == {good.id: "complete", "run-killed": "staged"}
    with pytest.raises(NotFound, match="never completed"):
        load_run(store, "run-killed")
    assert remove_incomplete_runs(store) == 1
    assert [r["id"] for r in list_runs(store, include_incomplete=True)] == [good.id]
    left = store.read_text("MATCH (s:Score {run_id: 'run-killed'}) RETURN count(s) AS n", {})
    assert left[0]["n"] == 0


def test_the_analysis_date_is_today_unless_given(store: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    # a report typed years ahead must not age the child into an adult
    _load(store, settings, tmp_path, date_="2025-03-01")
    done = run_analysis(store, AnalysisParams(), write=False)
    assert done.result["run"]["as_of"] == date.today().isoformat()
    child = next(p for p in done.result["people"] if p["name"] == "Cara CHILD")
    born = date(2012, 5, 5)
    today = date.today()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    assert child["age"] == age
    later = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of="2031-01-01")),
                         write=False)
    adult = next(p for p in later.result["people"] if p["name"] == "Cara CHILD")
    assert adult["age"] == 18 and not adult["protected"]
    assert [t["name"] for t in later.result["targets"]] == ["Sam SUSPECT"]
