"""An adult assessed as a victim only as a child, now a candidate target: the chart does
not call her a child, and the agenda's list of children and victims says she is also a
target instead of "safeguarding only"."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.charts import SelectionSpec, make_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def test_a_target_who_was_a_victim_as_a_child_is_shown_as_both(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    sophie = {"id": "s", "type": "Person", "name": "Sophie LANE", "dob": "2005-01-01"}
    kid = {"id": "k", "type": "Person", "name": "Kim CHILD", "dob": "2011-01-01",
           "role": "victim"}
    old = {"id": "o", "type": "Person", "name": "Olly OLD", "dob": "1970-01-01",
           "role": "suspect"}
    write_jsonl(tmp_path / "r.jsonl", [
        report("R1", [sophie | {"role": "victim"}, old],
               [{"from": "o", "to": "s", "type": "EXPLOITS"}], date="2022-06-01"),
        report("R2", [sophie | {"role": "suspect"}, kid],
               [{"from": "s", "to": "k", "type": "EXPLOITS"}], date="2025-06-01"),
    ])
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    done = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of="2025-06-30")))
    rank = next(t["rank"] for t in done.result["targets"] if t["name"] == "Sophie LANE")
    chart = make_chart(store, settings, SelectionSpec.around(["Sophie LANE"], hops=1))
    node = next(d for _, d in chart.graph.nodes(data=True) if d["label"] == "Sophie LANE")
    assert node["victim"] and node["candidate_target"] and not node["child"]
    kim = next(d for _, d in chart.graph.nodes(data=True) if d["label"] == "Kim CHILD")
    assert kim["child"]
    md = write_agenda(store, settings, profile="internal", formats="md",
                      out_dir=tmp_path / "agenda", record=False)[0].read_text(encoding="utf-8")
    appendix = md[md.index("Appendix B"):]
    assert f"also candidate target, rank {rank}" in " ".join(appendix.split())
