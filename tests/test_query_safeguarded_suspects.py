"""`suspects_near_child` lists as adult suspects only those the analysis treats as such:
not the people it safeguards as possibly a child though no age is recorded ("Child A",
a children's home resident, a child's nickname), nor anyone of no recorded age a report
calls a child, even when loaded after the analysis."""

from __future__ import annotations

from pathlib import Path

from graphintel.analysis.run import run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.queries import run_query
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

CARA = {"id": "c", "type": "Person", "name": "Cara DOE", "dob": "2011-01-01", "role": "victim"}


def _suspect(pid: str, name: str, **more: object) -> dict[str, object]:
    return {"id": pid, "type": "Person", "name": name, "role": "suspect", **more}


def test_safeguarded_people_are_not_listed_as_adult_suspects(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    home = {"id": "h", "type": "Location", "address": "Oak House Children's Home",
            "postcode": "BA9 9ZZ", "kind": "home_address"}
    first = [report("IR/1", [CARA, _suspect("g", "Gary MARSH", dob="1985-01-01"),
                             _suspect("a", "Child A"), _suspect("j", "Jayden ROOK"), home],
                    [{"from": x, "to": "c", "type": "EXPLOITS"} for x in "gaj"]
                    + [{"from": "j", "to": "h", "type": "LIVES_AT"}],
                    date="2025-05-01", grading="1AP")]
    assert ingest([write_jsonl(tmp_path / "a.jsonl", first)], settings=settings,
                  store=store).ok

    def listed() -> list[str]:
        rows = run_query(store, settings, "suspects_near_child",
                         {"child": "Cara DOE", "as_of": "2025-06-30"}).rows
        return sorted(r["suspect"] for r in rows)

    assert listed() == ["Child A", "Gary MARSH", "Jayden ROOK"]  # no analysis yet
    run_analysis(store)
    assert listed() == ["Gary MARSH"]
    later = [report("IR/2", [CARA, _suspect("r", "Ruby NASH")],
                    [{"from": "r", "to": "c", "type": "ASSOCIATE_OF"}],
                    narrative="Ruby NASH, a juvenile, was seen with Cara DOE.",
                    date="2025-05-02", grading="1AP")]
    assert ingest([write_jsonl(tmp_path / "b.jsonl", later)], settings=settings,
                  store=store).ok
    assert listed() == ["Gary MARSH"]
