"""An analyst settles which recorded date of birth is a person's: the others are set aside,
out of the child test, and a report repeating one does not bring the conflict back."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.cli.app import app
from graphintel.config import Settings
from graphintel.errors import GraphintelError
from graphintel.ingest import ingest
from graphintel.resolve import list_decisions, settle_dob, undo
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from tests.test_ingest_dob_conflict import KYLE, _reports

PARAMS = AnalysisParams(projection=ProjectionParams(as_of="2025-06-30"))


def _kyle(store: Store) -> dict[str, object]:
    return dict(store.read_text("MATCH (p:Person {uid: $uid}) RETURN p {.*} AS p",
                                {"uid": KYLE})[0]["p"])


def _targets(store: Store) -> set[str]:
    return {t["uid"] for t in run_analysis(store, PARAMS).result["targets"]}


def test_keeping_the_adult_date_ranks_him_and_a_repeat_changes_nothing(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "r.jsonl", _reports())
    assert ingest([src], settings=settings, store=store).ok
    assert KYLE not in _targets(store)  # 17 by one date: safeguarded

    with pytest.raises(GraphintelError, match="not a date of birth recorded for Kyle BROWN"):
        settle_dob(store, "N100", "2006-01-01", reason="checked", user="ana")
    with pytest.raises(GraphintelError, match="needs a reason"):
        settle_dob(store, "N100", "2007-03-01", reason=" ", user="ana")
    done = settle_dob(store, "N100", "2007-03-01", reason="custody record checked", user="ana")
    kyle = _kyle(store)
    assert kyle["dob"] == "2007-03-01" and kyle.get("other_dobs") is None
    assert kyle["set_aside_dobs"] == ["2008-03-01"]
    assert "dob_conflict" not in (kyle.get("flags") or [])
    assert KYLE in _targets(store)  # an adult on the analysis date: ranked on his evidence
    shown = CliRunner().invoke(app, ["profile", "N100"])
    assert shown.exit_code == 0 and "dob (aside)  2008-03-01" in shown.output, shown.output
    log = next(d for d in list_decisions(store) if d["id"] == done.id)
    assert log["kind"] == "dob" and log["reason"] == "custody record checked"
    with pytest.raises(GraphintelError, match="changed by another such decision"):
        undo(store, done.id, user="ana")

    # the same report loaded again as another file: the date set aside stays aside
    again = write_jsonl(tmp_path / "again.jsonl", [_reports()[1] | {"ref": "IR/3"}])
    assert ingest([again], settings=settings, store=store).ok
    assert _kyle(store)["set_aside_dobs"] == ["2008-03-01"]
    assert _kyle(store).get("other_dobs") is None

    # changing one's mind: the date set aside can be kept instead
    result = CliRunner().invoke(app, ["resolve", "dob", "N100", "2008-03-01",
                                      "--reason", "birth certificate"])
    assert result.exit_code == 0, result.output
    assert "date of birth 2008-03-01 kept; set aside: 2007-03-01" in result.output
    assert _kyle(store)["dob"] == "2008-03-01" and KYLE not in _targets(store)


def test_a_mistaken_stated_age_is_set_aside_with_the_date_kept(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Mark JONES, born 1985, recorded once as "aged 14" by mistake: safeguarded until an
    analyst keeps his date of birth; the same mistaken age loaded again changes nothing."""
    mark = {"id": "m", "type": "Person", "name": "Mark JONES", "dob": "1985-04-04",
            "nominal_ref": "N900", "role": "suspect"}
    amy = {"id": "c", "type": "Person", "name": "Amy LEE", "dob": "2011-01-01", "role": "victim"}
    reports = [report("IR/70", [mark, amy], [{"from": "m", "to": "c", "type": "EXPLOITS"}],
                      date="2025-02-01"),
               report("IR/71", [{**mark, "dob": None, "age": 14}], date="2025-03-01")]
    assert ingest([write_jsonl(tmp_path / "r.jsonl", reports)], settings=settings,
                  store=store).ok
    uid = "Person:ref:N900"
    assert uid not in _targets(store)
    done = settle_dob(store, "N900", "1985-04-04", reason="PNC record", user="ana")
    assert done.detail["ages_aside"] == ["14 stated 2025-03-01"]
    assert uid in _targets(store)
    again = [report("IR/72", [{**mark, "dob": None, "age": 14}], date="2025-03-01")]
    assert ingest([write_jsonl(tmp_path / "again.jsonl", again)], settings=settings,
                  store=store).ok
    assert uid in _targets(store)

