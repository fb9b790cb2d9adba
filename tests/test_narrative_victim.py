"""A report whose narrative calls a person a victim of exploitation ("Kira BELL (CSE
victim)") safeguards them as the victim role would: never a target or a greedy pick."""

from __future__ import annotations

from pathlib import Path

from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl


def test_a_victim_by_the_narrative_is_safeguarded(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    people = [{"id": "k", "type": "Person", "name": "Kira BELL", "dob": "1999-01-01",
               "role": "suspect"},
              {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1985-01-01",
               "role": "suspect"},
              {"id": "c", "type": "Person", "name": "Amy HILL", "dob": "2011-01-01",
               "role": "victim"}]
    links = [{"from": "k", "to": "c", "type": "EXPLOITS"},
             {"from": "d", "to": "k", "type": "ASSOCIATE_OF"},
             {"from": "d", "to": "c", "type": "EXPLOITS"}]
    src = write_jsonl(tmp_path / "r.jsonl", [report(
        "NV/1", people, links, date="2025-05-01",
        narrative="Kira BELL (CSE victim) brings Amy HILL to Dean FOX.")])
    assert ingest([src], settings=settings, store=store).ok
    done = analyse(store).result
    kira = "Person:nd:kira bell|1999-01-01"
    assert kira not in {t["uid"] for t in done["targets"]}
    assert kira in {s["uid"] for s in done["safeguarding"]}
    assert "Person:nd:dean fox|1985-01-01" in {t["uid"] for t in done["targets"]}
    picks = disrupt(store, [], greedy=3)["greedy"]
    assert kira not in {p["uid"] for p in picks}
