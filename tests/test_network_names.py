"""A network is named after an adult suspect who is not safeguarded, never after a child, a
victim or a witness: its name heads every page of the agenda about it, partner versions
included (a relative's name there would point at the child)."""

from __future__ import annotations

from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl


def test_the_run_never_names_a_network_after_a_child(session_store: Store,
                                                       settings: Settings,
                                                       tmp_path: Path) -> None:
    kid = {"id": "k", "type": "Person", "name": "Kim CHILD", "dob": "2011-01-01",
           "role": "victim"}
    adult = {"id": "s", "type": "Person", "name": "Sam ADULT", "dob": "1980-01-01",
             "role": "suspect"}
    others = [{"id": f"w{i}", "type": "Person", "name": f"Wes WITNESS{'ABC'[i]}",
               "dob": "1970-01-01", "role": "witness"} for i in range(3)]
    links = [{"from": "s", "to": "k", "type": "EXPLOITS"}] + [
        {"from": f"w{i}", "to": "k", "type": "ASSOCIATE_OF"} for i in range(3)]
    session_store.wipe()
    path = write_jsonl(tmp_path / "r.jsonl", [report("R1", [kid, adult, *others], links,
                                                     date="2025-06-01")])
    assert ingest([path], settings=settings, store=session_store).ok
    labels = [c["label"] for c in analyse(session_store).result["communities"]]
    assert labels == ["Network 1 — around Sam ADULT (5 people)"]


def test_a_network_is_not_named_after_a_target_who_was_a_victim_as_a_child(
        session_store: Store, settings: Settings, tmp_path: Path) -> None:
    """Sophie was exploited at 17 and recruits at 19: a candidate target (with a caution),
    but a victim's name never heads the network (in partner versions it would be her
    victim's pseudonym)."""
    sophie = {"id": "s", "type": "Person", "name": "Sophie LANE", "dob": "2005-01-01"}
    kid = {"id": "k", "type": "Person", "name": "Kim CHILD", "dob": "2011-01-01",
           "role": "victim"}
    old = {"id": "o", "type": "Person", "name": "Olly OLD", "dob": "1970-01-01",
           "role": "suspect"}
    session_store.wipe()
    path = write_jsonl(tmp_path / "r.jsonl", [
        report("R1", [sophie | {"role": "victim"}, old],
               [{"from": "o", "to": "s", "type": "EXPLOITS"}], date="2022-06-01"),
        report("R2", [sophie | {"role": "suspect"}, kid],
               [{"from": "s", "to": "k", "type": "EXPLOITS"},
                {"from": "s", "to": "k", "type": "ASSOCIATE_OF"}], date="2025-06-01"),
        report("R3", [sophie | {"role": "suspect"}, kid],
               [{"from": "s", "to": "k", "type": "EXPLOITS"}], date="2025-06-02"),
    ])
    assert ingest([path], settings=settings, store=session_store).ok
    done = analyse(session_store).result
    assert "Sophie LANE" in {t["name"] for t in done["targets"]}
    assert [c["label"] for c in done["communities"]] == ["Network 1 — around Olly OLD (3 people)"]
