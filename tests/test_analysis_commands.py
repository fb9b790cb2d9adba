"""``disrupt`` fragmentation and ``--json``, hub numbers (GRAPHINTEL_HUB_PEOPLE), graph-level
measures in the run, and ``reset``, against the real test Neo4j (no mocks)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from graphintel.analysis.fragmentation import sequential_removal
from graphintel.analysis.offenders import offender_graph
from graphintel.analysis.projection import ProjectionParams, project
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.audit import read_audit
from graphintel.cli.app import app
from graphintel.config import Settings, load_settings
from graphintel.errors import ConfigError
from graphintel.ingest import ingest
from graphintel.reset import reset_graph
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-03-01"


def p(i: str, name: str, role: str = "suspect", dob: str = "1980-01-01") -> dict[str, str]:
    return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}


def assoc(ref: str, a: tuple[str, str], b: tuple[str, str], role_b: str = "suspect",
          dob_b: str = "1980-01-01") -> dict[str, object]:
    return report(ref, [p("a", a[1]), p("b", b[1], role_b, dob_b)],
                  [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}])


# Two triangles of suspects joined through Bob BRIDGE; a child victim linked to one of them.
CHAIN = [
    assoc("C1", ("a", "Ann ONE"), ("b", "Ben TWO")),
    assoc("C2", ("a", "Ben TWO"), ("b", "Cal THREE")),
    assoc("C3", ("a", "Ann ONE"), ("b", "Cal THREE")),
    assoc("C4", ("a", "Cal THREE"), ("b", "Bob BRIDGE")),
    assoc("C5", ("a", "Bob BRIDGE"), ("b", "Dan FOUR")),
    assoc("C6", ("a", "Dan FOUR"), ("b", "Eve FIVE")),
    assoc("C7", ("a", "Eve FIVE"), ("b", "Fay SIX")),
    assoc("C8", ("a", "Dan FOUR"), ("b", "Fay SIX")),
    assoc("C9", ("a", "Fay SIX"), ("b", "Gia CHILD"), "victim", "2012-01-01"),
]


@pytest.fixture()
def chain(store: Store, tmp_path: Path) -> Store:
    ingest([write_jsonl(tmp_path / "chain.jsonl", CHAIN)], settings=load_settings(), store=store)
    return store


def test_disrupt_sequential_matches_plain_networkx(chain: Store) -> None:
    params = AnalysisParams(projection=ProjectionParams(as_of=AS_OF))
    out = disrupt(chain, ["Bob BRIDGE"], sequential=3, params=params)
    assert out["nothing_to_cut"] is None
    before, after = out["fragmentation"]["before"], out["fragmentation"]["after"]
    assert (before["offenders"], before["lcc_fraction"], before["components"]) == (7, 1.0, 1)
    assert (after["lcc_fraction"], after["components"]) == (pytest.approx(3 / 7, abs=1e-6), 2)
    seq = out["sequential"]
    assert seq[0]["person"]["name"] == "Bob BRIDGE"
    # the same steps computed on the projected offender graph with plain networkx
    G = project(chain, params.projection).graph
    H = offender_graph(G, [n for n in G if "suspect" in G.nodes[n]["roles"]])
    left, plain = H.copy(), []
    for _ in range(3):
        for _u, _v, d in left.edges(data=True):
            d["distance"] = 1.0 / d["weight"]
        bc = nx.betweenness_centrality(left, weight="distance")
        pick = min(left, key=lambda x: (-round(bc[x], 12), x))
        left.remove_node(pick)
        plain.append(max(len(c) for c in nx.connected_components(left)) / H.number_of_nodes())
    assert [s["lcc_fraction"] for s in seq] == pytest.approx(plain, abs=1e-6)
    assert [f.lcc_fraction for f in sequential_removal(H, 3)] == pytest.approx(plain)


def test_disrupt_cli_json_and_nothing_to_cut(chain: Store, store: Store,
                                              tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["disrupt", "--sequential", "2", "--json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["sequential"]) == 2 and data["sequential"][0]["person"]["name"] == \
        "Bob BRIDGE"
    text = CliRunner().invoke(app, ["disrupt", "--sequential", "2"])
    assert "sequential 1: remove Bob BRIDGE: largest connected part 0.429" in text.output
    assert "offender network: largest connected part 100% of 7 offenders, 1 parts" \
        in text.output  # none of them a child or victim: nothing said about it
    assert data["exploited_offenders"] == 0
    from graphintel.cli.analyse_cmd import _frag
    assert _frag(data["fragmentation"]["before"], 2).startswith(
        "largest connected part 100% of 7 offenders (2 of them children or victims exploited "
        "into offending, never removed), 1 parts")
    store.wipe()
    ingest([write_jsonl(tmp_path / "lone.jsonl", CHAIN[:3])], settings=load_settings(),
           store=store)
    out = CliRunner().invoke(app, ["disrupt", "--sequential", "1"])
    assert "nothing to cut: no victims or children in the graph" in out.output
    store.wipe()
    out = CliRunner().invoke(app, ["disrupt"])
    assert "nothing to cut: no suspects in the graph" in out.output


def test_disrupt_moves_a_child_to_safety_and_removes_adults(chain: Store) -> None:
    out = CliRunner().invoke(app, ["disrupt", "--remove", "Gia CHILD", "--remove", "Fay SIX",
                                   "--as-of", AS_OF])
    assert out.exit_code == 0, out.output
    assert ("safeguarding: Gia CHILD - a child or a victim: safeguard (move to safety, "
            "referral), never enforcement\n") in out.output
    assert "removing Fay SIX and moving Gia CHILD to safety: suspect–victim connections " \
        in out.output
    assert "removing Gia CHILD" not in out.output
    alone = CliRunner().invoke(app, ["disrupt", "--remove", "Fay SIX", "--as-of", AS_OF])
    assert "removing Fay SIX: suspect–victim connections" in alone.output
    assert "safeguarding:" not in alone.output


def test_run_has_graph_measures(chain: Store) -> None:
    run = run_analysis(chain, AnalysisParams(projection=ProjectionParams(as_of=AS_OF)),
                       write=False).result["run"]
    g = run["graph"]
    assert g["density"] == pytest.approx(9 / 28, abs=1e-6)  # 9 links among 8 people
    assert 0 < g["degree_centralisation"] < 1 and 0 < g["betweenness_centralisation"] < 1
    assert run["window"] == {"from": None, "to": None}


def test_hub_people_setting_and_report(store: Store, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    people = [p(f"p{i}", f"Hub PERSON{chr(65 + i)}") for i in range(4)]
    phone = {"id": "ph", "type": "Phone", "number": "07700 900123"}
    rows = [report(f"H{i}", [people[i], phone], [{"from": f"p{i}", "to": "ph", "type": "USES"}])
            for i in range(4)]
    ingest([write_jsonl(tmp_path / "hub.jsonl", rows)], settings=load_settings(), store=store)
    proj = project(store, ProjectionParams(as_of=AS_OF, max_shared_entity_people=3))
    (hub,) = proj.skipped_hubs
    assert hub["type"] == "Phone" and hub["people"] == 4 and proj.graph.number_of_edges() == 0
    assert project(store, ProjectionParams(as_of=AS_OF)).graph.number_of_edges() == 6
    monkeypatch.setenv("GRAPHINTEL_HUB_PEOPLE", "3")
    assert load_settings().hub_people == 3
    out = CliRunner().invoke(app, ["analyse", "--as-of", AS_OF, "--no-write"])
    assert out.exit_code == 0, out.output
    assert f"phone {hub['label']} shared by 4 people: treated as a hub, not a link" in \
        " ".join(out.output.split())
    result = run_analysis(store, AnalysisParams(projection=ProjectionParams(
        as_of=AS_OF, max_shared_entity_people=3)), write=False).result
    assert result["run"]["skipped_hub_entities"][0]["text"].startswith("phone ")
    monkeypatch.setenv("GRAPHINTEL_HUB_PEOPLE", "1")
    with pytest.raises(ConfigError):
        load_settings()


def test_reset_needs_yes_refuses_a_configured_server_and_is_audited(
        chain: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    count = "MATCH (n) RETURN count(n) AS n"
    assert chain.read_text(count, {})[0]["n"] > 0
    refused = CliRunner().invoke(app, ["reset"])
    assert isinstance(refused.exception, ConfigError) and "--yes" in str(refused.exception)
    assert chain.read_text(count, {})[0]["n"] > 0
    with pytest.raises(ConfigError, match="NEO4J_URI"):
        reset_graph(chain, replace(settings, neo4j_uri="bolt://elsewhere:7687"))
    assert chain.read_text(count, {})[0]["n"] > 0
    with monkeypatch.context() as m:
        m.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
        refused = CliRunner().invoke(app, ["reset", "--yes"])
        assert isinstance(refused.exception, ConfigError)
        assert "NEO4J_URI" in str(refused.exception)
    assert chain.read_text(count, {})[0]["n"] > 0
    done = CliRunner().invoke(app, ["reset", "--yes"])
    assert done.exit_code == 0, done.output
    assert "nodes and" in done.output and chain.read_text(count, {})[0]["n"] == 0
    # --force (library: force=True) wipes even a configured server
    gone = reset_graph(chain, replace(settings, neo4j_uri="bolt://elsewhere:7687"), force=True)
    assert gone == {"nodes": 0, "relationships": 0}
    lines = [e for e in read_audit(settings) if e.get("command") == "reset"]
    statuses = [e.get("status") for e in lines if e.get("event") != "started"]
    assert statuses[-3:] == ["error", "error", "ok"]


def test_disrupt_measures_ages_on_the_latest_runs_date(store: Store, tmp_path: Path) -> None:
    """Max is 17 on the day of the stored analysis and an adult today: without --as-of,
    disrupt measures ages on the run's day, as the agenda does, and says so."""
    write_jsonl(tmp_path / "m.jsonl", [report("M1", [
        {"id": "m", "type": "Person", "name": "Max YOUNG", "dob": "2008-01-01",
         "role": "suspect"},
        {"id": "c", "type": "Person", "name": "Cara KID", "dob": "2012-01-01", "role": "victim"}],
        [{"from": "m", "to": "c", "type": "ASSOCIATE_OF"}], date="2025-02-01")])
    ingest([tmp_path / "m.jsonl"], settings=load_settings(), store=store)
    assert CliRunner().invoke(app, ["analyse", "--as-of", AS_OF]).exit_code == 0
    out = CliRunner().invoke(app, ["disrupt", "--remove", "Max YOUNG"])
    assert out.exit_code == 0, out.output
    assert f"as of {AS_OF}, the date of the latest analysis run" in out.output
    assert "moving Max YOUNG to safety" in out.output and "removing Max" not in out.output
