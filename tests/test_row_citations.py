"""Row-level provenance: evidence from a file-wide report (call data, an association list)
is cited by its rows (``call_data:calls.csv#L2``), in the analysis's evidence paths and in
every output built on them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl

CALLS = """Caller,Callee,Start,Duration Seconds
07700 900111,07700 900222,2025-03-01T20:00:00,65
07700 900111,07700 900222,2025-03-02T21:10:00,12
07700 900333,07700 900444,2025-03-03T21:10:00,40
"""


def people() -> list[dict[str, Any]]:
    def p(eid: str, name: str, dob: str, role: str) -> dict[str, Any]:
        return {"id": eid, "type": "Person", "name": name, "dob": dob, "role": role}

    return [
        report("IR/1", [p("s", "Dean HOLT", "1980-01-01", "suspect"),
                        {"id": "ph", "type": "Phone", "number": "07700 900111"}],
               [{"from": "s", "to": "ph", "type": "USES"}], date="2025-03-01"),
        report("IR/2", [p("c", "Amy ROSS", "2011-05-05", "victim"),
                        {"id": "ph", "type": "Phone", "number": "07700 900222"}],
               [{"from": "c", "to": "ph", "type": "USES"}], date="2025-03-01"),
    ]


@pytest.fixture()
def linked(store: Store, settings: Settings, tmp_path: Path) -> dict[str, Any]:
    calls = tmp_path / "calls.csv"
    calls.write_text(CALLS, encoding="utf-8")
    assert ingest([write_jsonl(tmp_path / "r.jsonl", people()), calls], settings=settings,
                  store=store).ok
    return analyse(store).result


def test_evidence_paths_cite_the_rows_of_file_wide_reports(linked: dict[str, Any]) -> None:
    target = next(t for t in linked["targets"] if t["name"] == "Dean HOLT")
    link = next(lk for lk in target["linked_victims"] if lk["name"] == "Amy ROSS")
    hop = link["evidence"][0]
    assert hop["refs"] == ["call_data:calls.csv"]
    # the two calls between these phones, not the third row (other phones)
    assert hop["rows"] == ["call_data:calls.csv#L2", "call_data:calls.csv#L3"]


def test_the_agenda_cites_the_rows(linked: dict[str, Any], store: Store, settings: Settings,
                                   tmp_path: Path) -> None:
    from graphintel.agenda import build_agenda

    agenda = build_agenda(store, settings, run_id=linked["run"]["id"], date="2025-04-01")
    target = next(t for n in agenda.networks for t in n.targets if t.name == "Dean HOLT")
    cited = " ".join(target.children)
    assert "call_data:calls.csv#L2" in cited and "call_data:calls.csv#L3" in cited
    assert "call_data:calls.csv#L4" not in cited


def test_the_profile_lists_the_rows(linked: dict[str, Any], store: Store) -> None:
    from graphintel.profile import profile

    target = next(t for t in linked["targets"] if t["name"] == "Dean HOLT")
    amy = next(a for a in profile(store, target["uid"])["associates"]
               if a["name"] == "Amy ROSS")
    assert amy["refs"] == ["call_data:calls.csv"]
    assert amy["rows"] == ["call_data:calls.csv#L2", "call_data:calls.csv#L3"]
