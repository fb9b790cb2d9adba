"""An agenda of a run made before a report was loaded again as a new version (re-graded):
its citations say so, with the grading the run weighed, while the grading shown first is
the report's grading now. An agenda of a run made after says nothing of it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from graphintel.agenda import write_agenda
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_agenda_data import fixed_key_settings, load, person, wait_next_second

DATE = "2025-07-01"
KANE = ("Kane WEST", "1990-01-01")
LEE = ("Lee MOSS", "1988-05-05")
AMY = ("Amy HILL", "2011-02-02")


def _reports(grading: str) -> list[dict[str, Any]]:
    return [
        report("IR/1", [person("k", *KANE, "suspect"), person("a", *AMY, "victim")],
               [{"from": "k", "to": "a", "type": "EXPLOITS"}], date="2025-03-01",
               grading=grading, narrative="Kane seen with Amy."),
        report("IR/2", [person("k", *KANE, "suspect"), person("l", *LEE, "suspect")],
               [{"from": "l", "to": "k", "type": "ASSOCIATE_OF"}], date="2025-03-02",
               grading="1AP"),
    ]


def _agenda(store: Store, settings: Settings, run: str, out: Path) -> str:
    return write_agenda(store, settings, run_id=run, out_dir=out, formats="md", date=DATE,
                        record=False)[0].read_text("utf-8")


def _citations(md: str, ref: str) -> set[str]:
    return set(re.findall(re.escape(ref) + r" \([^)]*\)", md))


def _reload(folder: Path, name: str, grading: str, settings: Settings, store: Store) -> None:
    summary = ingest([write_jsonl(folder / name, _reports(grading)[:1])], settings=settings,
                     store=store)
    assert summary.as_dict()["new_versions"] == 1


def test_an_agenda_of_a_run_before_a_regrading_gives_the_grading_the_run_weighed(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _reports("2CP"))
    before = _citations(_agenda(store, keyed, run, tmp_path / "a"), "IR/1")
    assert before == {"IR/1 (2CP)"}

    wait_next_second()  # version times are compared with the run's, to the second
    _reload(tmp_path / "data", "v2.jsonl", "1AP", settings, store)
    wait_next_second()
    _reload(tmp_path / "data", "v3.jsonl", "2BP", settings, store)
    # the run weighed 2CP: the first version after it replaced that one
    regraded = _citations(_agenda(store, keyed, run, tmp_path / "b"), "IR/1")
    assert regraded == {"IR/1 (2BP; graded 2CP when this analysis was run)"}
    # a report that did not change is cited as before
    md = _agenda(store, keyed, run, tmp_path / "c")
    assert _citations(md, "IR/2") <= {"IR/2 (1AP)"}
    assert "when this analysis was run" not in "".join(_citations(md, "IR/2"))

    # a run made after the new versions sees them: nothing to say
    wait_next_second()
    later = run_analysis(store, AnalysisParams()).id
    assert _citations(_agenda(store, keyed, later, tmp_path / "d"), "IR/1") == {"IR/1 (2BP)"}


def test_a_new_version_with_the_same_grading_is_still_said(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _reports("2BP"))
    wait_next_second()
    corrected = _reports("2BP")[:1]
    corrected[0]["narrative"] = "Correction: Kane seen with Amy at 21:00, not 20:00."
    summary = ingest([write_jsonl(tmp_path / "data" / "v2.jsonl", corrected)],
                     settings=settings, store=store)
    assert summary.as_dict()["new_versions"] == 1
    assert _citations(_agenda(store, keyed, run, tmp_path / "a"), "IR/1") == {
        "IR/1 (2BP; a new version since this analysis was run)"}
