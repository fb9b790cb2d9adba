"""Child or adult: a child is under 18 on the analysis date; adult victims are victims, never
children, in the reasons, the result and the ``analyse`` output (victims aged 17, 18, 22)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from graphintel.analysis.linkage import VictimLink
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.reasons import reasons_for
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.safeguarding import status
from graphintel.cli.app import app
from graphintel.config import Settings, load_settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-01"
AGES = {"Kim SEVENTEEN": ("2007-06-02", 17), "Lee EIGHTEEN": ("2007-06-01", 18),
        "Mo TWENTYTWO": ("2003-01-01", 22)}


def test_ages_on_the_analysis_date_decide_child_or_adult() -> None:
    G = nx.Graph()
    for name, (dob, _) in AGES.items():
        G.add_node(name, dob=dob, roles=["victim"])
    got = {n: (status(G, n, AS_OF).age, status(G, n, AS_OF).child) for n in G}
    assert got == {"Kim SEVENTEEN": (17, True), "Lee EIGHTEEN": (18, False),
                   "Mo TWENTYTWO": (22, False)}
    assert all(status(G, n, AS_OF).protected for n in G)  # adult victims stay protected


def test_reasons_call_adult_victims_victims() -> None:
    links = [VictimLink("s", v, 1, ("s", v), 1.0, False, True, child)
             for v, child in (("a", True), ("b", False), ("c", False))]
    text = reasons_for(links=links)[0]
    assert text == "linked to 1 child and 2 adult victims by direct evidence of contact"
    only_adults = reasons_for(links=links[1:])[0]
    assert "child" not in only_adults and "2 adult victims" in only_adults
    assert "child" not in reasons_for(key_player_pairs=2)[0]


def _world(tmp_path: Path) -> Path:
    def p(i: str, name: str, dob: str, role: str) -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}
    reports = [report(f"A{i}", [p("s", "Sam SUSPECT", "1980-01-01", "suspect"),
                                p("v", name, dob, "victim")],
                      [{"from": "s", "to": "v", "type": "EXPLOITS"}], date="2025-05-01")
               for i, (name, (dob, _)) in enumerate(AGES.items(), start=1)]
    return write_jsonl(tmp_path / "ages.jsonl", reports)


def test_run_and_cli_say_child_only_for_the_17_year_old(store: Store, settings: Settings,
                                                        tmp_path: Path) -> None:
    ingest([_world(tmp_path)], settings=load_settings(), store=store)
    result = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of=AS_OF)),
                          write=False).result
    assert result["run"]["children"] == 1 and result["run"]["at_risk"] == 3
    victims = {v["name"]: (v["age"], v["child"]) for v in result["victims"]}
    assert victims == {name: (age, age < 18) for name, (_, age) in AGES.items()}
    (target,) = result["targets"]
    assert target["name"] == "Sam SUSPECT"
    assert target["reasons"][1] == ("linked to 1 child and 2 adult victims by direct evidence "
                                    "of contact, 3 by exploitation reports")
    flags = {lv["name"]: lv["child"] for lv in target["linked_victims"]}
    assert flags == {"Kim SEVENTEEN": True, "Lee EIGHTEEN": False, "Mo TWENTYTWO": False}
    out = CliRunner().invoke(app, ["analyse", "--as-of", AS_OF, "--no-write"])
    assert out.exit_code == 0, out.output
    assert "3 people at risk (1 child under 18, 2 adult victims)" in out.output
