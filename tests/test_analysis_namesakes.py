"""A record of no known age that may be a child recorded apart is safeguarded, not ranked.

A 15-year-old victim is recorded once by name and date of birth and once, as a suspect,
by a nominal reference alone: the exact keys keep two records, and the undated one must
not be ranked, picked or given a tactic under her name, nor named in a partner output,
until an analyst resolves the pair. Rejecting the pair (different people) lifts it."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.charts import SelectionSpec, write_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve.decisions import reject
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"
PARAMS = AnalysisParams(projection=ProjectionParams(as_of=AS_OF))


def _load(store: Store, settings: Settings, folder: Path) -> None:
    dean = {"id": "b", "type": "Person", "name": "Dean PRICE", "dob": "1990-01-01",
            "role": "suspect"}
    write_jsonl(folder / "r.jsonl", [
        report("IR/M/4", [{"id": "a", "type": "Person", "name": "Jade BROWN",
                           "nominal_ref": "N777", "role": "suspect"}, dean,
                          {"id": "c", "type": "Person", "name": "Mia FORD", "dob": "2011-11-11",
                           "role": "victim"}],
               [{"from": "a", "to": "c", "type": "EXPLOITS"},
                {"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-02-10"),
        report("IR/M/5", [{"id": "a", "type": "Person", "name": "Jade BROWN", "dob": "2009-09-09",
                           "role": "victim"}, dean],
               [{"from": "b", "to": "a", "type": "EXPLOITS"}], date="2025-02-20"),
    ])
    assert ingest([folder / "r.jsonl"], settings=settings, store=store).ok


def _undated(store: Store) -> str:
    rows = store.read("lookup_person_candidates", text="N777", key="n777")
    return str(rows[0]["uid"])


def test_an_undated_namesake_of_a_child_is_safeguarded_until_resolved(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    _load(store, settings, tmp_path)
    undated = _undated(store)
    done = run_analysis(store, PARAMS)
    targets = {t["uid"] for t in done.result["targets"]}
    assert undated not in targets and targets  # Dean is still a target
    entry = next(s for s in done.result["safeguarding"] if s["uid"] == undated)
    assert entry["reasons"][0].startswith("possibly the same person as Jade BROWN")
    picks = disrupt(store, [], greedy=3, params=PARAMS)["greedy"]
    assert undated not in {p["uid"] for p in picks}

    paths = write_agenda(store, settings, profile="partner", formats="md",
                         out_dir=tmp_path / "agenda", record=False)
    chart = write_chart(store, settings, SelectionSpec.around(["Dean PRICE"], hops=2),
                        formats="all", profile="partner", out_dir=tmp_path / "chart")
    for path in [*paths, *chart]:
        if path.suffix != ".png":
            assert "jade brown" not in path.read_text(encoding="utf-8", errors="replace").lower()

    # an analyst finds they are different people: the record is ranked on its own evidence
    child = next(r["uid"] for r in store.read("lookup_person_candidates", text="Jade BROWN",
                                              key="jade brown") if r["dob"])
    reject(store, undated, child, reason="different people", user="test")
    again = run_analysis(store, PARAMS)
    assert undated in {t["uid"] for t in again.result["targets"]}


def test_an_adult_namesake_a_slipped_year_from_a_child_is_safeguarded(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Lucy HILL born 2010 (a victim) and Lucy HILL born 2000 (a suspect): the pair scores
    below the possible-duplicate line, but the adult record is safeguarded (never a target
    or a greedy pick) until the pair is resolved."""
    write_jsonl(tmp_path / "r.jsonl", [
        report("L1", [{"id": "a", "type": "Person", "name": "Lucy HILL", "dob": "2010-06-01",
                       "role": "victim"}], date="2025-02-10"),
        report("L2", [{"id": "a", "type": "Person", "name": "Lucy HILL", "dob": "2000-06-01",
                       "role": "suspect"},
                      {"id": "c", "type": "Person", "name": "Mia FORD", "dob": "2011-11-11",
                       "role": "victim"}],
               [{"from": "a", "to": "c", "type": "EXPLOITS"}], date="2025-02-20"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, PARAMS).result
    assert "Lucy HILL" not in {t["name"] for t in done["targets"]}
    lucy = next(e for e in done["safeguarding"]
                if e["name"] == "Lucy HILL" and e["dob"] == "2000-06-01")
    assert any(r.startswith("possibly the same person as Lucy HILL (") for r in lucy["reasons"])
    held = disrupt(store, [], greedy=2, sequential=3, params=PARAMS)
    assert lucy["uid"] not in {p["uid"] for p in held.get("greedy", [])}
    # she is the only suspect: a removal sequence would have started with her
    assert lucy["uid"] not in {step["person"]["uid"] for step in held["sequential"]}
    # the adult record's name may be the child's: partners never see it
    assert lucy["uid"] in done["run"]["safeguarded_inferred"]
    paths = write_agenda(store, settings, profile="partner", formats="md",
                         out_dir=tmp_path / "agenda", record=False)
    chart = write_chart(store, settings, SelectionSpec.around(["Mia FORD"], hops=1),
                        formats="all", profile="partner", out_dir=tmp_path / "chart")
    for path in [*paths, *chart]:
        if path.suffix != ".png":
            assert "lucy hill" not in path.read_text(encoding="utf-8", errors="replace").lower()
