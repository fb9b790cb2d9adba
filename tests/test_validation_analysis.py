"""The analysis on published networks nobody here wrote, loaded through the normal ingest into
the real test Neo4j: CAVIAR's published weighted betweenness and leader, Kosmas et al.'s
trafficking network where naive centrality ranks victims first."""

from __future__ import annotations

from pathlib import Path

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.score_weights import DEFAULT_WEIGHTS
from graphintel.config import Settings
from graphintel.store import Store
from validation import published, score
from validation.run import ABLATION_FIGURES, DATA, _caviar_whole, _leave_one_out, _load_and_analyse

PUBLISHED = {"N1": 0.895, "N3": 0.364, "N12": 0.348, "N87": 0.310, "N37": 0.158}


def test_caviar_weighted_betweenness_and_leader_match_the_published_figures(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    cav = DATA / "caviar"
    conv = published.caviar(cav / "caviar_full_edges_directed.csv",
                            key_players_csv=cav / "key_players.csv")
    result = _load_and_analyse(store, tmp_path, conv.reports, conv.truth["date"])
    assert result["ingest"] == {"rows": 295, "loaded": 295, "quarantined": 0}
    extra = _caviar_whole(conv.truth)(result)
    assert extra["n1_first"] is True
    assert extra["betweenness_max_abs_diff"] < 1e-3  # every one of the 110 participants
    assert extra["betweenness"] == PUBLISHED
    # call volume is a strength, not a distance: peripheral N51/N32 stay out of the top 5
    assert not {"N51", "N32"} & set(extra["top5_targets"])
    # each part weighted 0 in turn, on the graph as loaded: every part has its figures, and
    # the weights reach the ranking (with no children, PageRank decides much of it here)
    truth = score.from_caviar(conv.truth)
    loo = _leave_one_out(store, truth, conv.truth["date"], _caviar_whole(conv.truth))
    assert set(loo) == set(DEFAULT_WEIGHTS)
    assert all(set(f) == set(ABLATION_FIGURES) for f in loo.values())
    assert all(f["protected_as_targets"] == 0 for f in loo.values())
    default = score.evaluate(result, truth)["precision_at_k"]
    assert loo["centrality"]["precision_at_k"] != default
    assert loo["reach"]["precision_at_k"] == default  # no child to reach in a drug network


def test_kosmas_traffickers_are_targets_and_every_victim_and_minor_is_safeguarded(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    conv = published.kosmas(DATA / "kosmas_sex_trafficking" / "HT5_4_40.graphml")
    result = _load_and_analyse(store, tmp_path, conv.reports, "2026-01-01")
    figures = score.evaluate(result, score.from_kosmas(conv.truth))
    assert figures["protected_as_targets"] == 0
    assert figures["protected_flagged"] == 1.0
    assert figures["precision_at_k"] == 1.0
    # the published point: betweenness over everyone puts victims in the top 5
    assert figures["naive_all_protected_in_top_k"] >= 3
    bottoms = {u for k, u in score.uids(score.from_kosmas(conv.truth), result).items()
               if k in conv.truth["bottoms"]}
    assert bottoms and bottoms <= {s["uid"] for s in result["safeguarding"]}
    stored = run_analysis(store, AnalysisParams(
        projection=ProjectionParams(as_of="2026-01-01"))).result
    assert {t["uid"] for t in stored["targets"]} == {t["uid"] for t in result["targets"]}
