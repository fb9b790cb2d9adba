"""Scoring against a ground truth: who precision@k misses, by true role, and its summary."""

from __future__ import annotations

import doctest

from validation import report, score


def _scenario_truth() -> dict:
    people = {
        "o": {"name": "Olu ONE", "dob": "1980-01-01", "nominal_ref": "N1",
              "true_role": "organiser"},
        "b": {"name": "Ben TWO", "dob": "1990-01-01", "nominal_ref": "N2", "true_role": "broker"},
        "g": {"name": "Gus SIX", "dob": "2000-01-01", "nominal_ref": "N3", "true_role": "groomer"},
        "x": {"name": "Xav TEN", "dob": "1985-01-01", "nominal_ref": "N4", "true_role": "noise"},
    }
    return {"people": people, "child_links": {},
            "networks": [{"id": 1, "shape": "county_lines", "organiser": "o",
                          "members": ["b", "o"]},
                         {"id": 2, "shape": "peer_recruitment", "organiser": None,
                          "members": ["g"]}],
            "key_offenders": ["b", "o"]}


def _result(order: list[str]) -> dict:
    members = [{"uid": f"P{r}", "name": n, "dob": d, "nominal_ref": r}
               for r, n, d in [("N1", "Olu ONE", "1980-01-01"), ("N2", "Ben TWO", "1990-01-01"),
                               ("N3", "Gus SIX", "2000-01-01"), ("N4", "Xav TEN", "1985-01-01")]]
    return {"communities": [{"members": members}],
            "people": [{"uid": m["uid"], "measures": {}, "roles": ["suspect"]} for m in members],
            "targets": [{"uid": f"P{r}", "linked_victims": []} for r in order],
            "victims": [], "safeguarding": []}


def test_roles_name_the_network_shape() -> None:
    truth = score.from_scenarios(_scenario_truth())
    assert truth.roles == {"o": "organiser (county lines)", "b": "broker (county lines)",
                           "g": "groomer (peer recruitment)", "x": "noise"}


def test_misses_by_role() -> None:
    truth = score.from_scenarios(_scenario_truth())
    figures = score.evaluate(_result(["N1", "N3", "N4", "N2"]), truth)
    assert figures["precision_at_k"] == 0.5
    assert figures["top_k_not_key"] == {"groomer (peer recruitment)": 1}
    assert figures["key_below_k"] == {"broker (county lines)": 1}
    figures = score.evaluate(_result(["N2", "N1", "N3"]), truth)
    assert (figures["precision_at_k"], figures["top_k_not_key"], figures["key_below_k"]) \
        == (1.0, {}, {})
    # a key offender who is not among the targets at all is below the top k too
    figures = score.evaluate(_result(["N1", "N4"]), truth)
    assert figures["top_k_not_key"] == {"noise": 1}
    assert figures["key_below_k"] == {"broker (county lines)": 1}


def test_the_report_sums_the_misses_over_the_seeds() -> None:
    seeds = {
        "scenarios-seed1": {"k": 20, "top_k_not_key": {"groomer (peer recruitment)": 3},
                            "key_below_k": {"broker (county lines)": 2, "recruiter": 1}},
        "scenarios-seed2": {"k": 22, "top_k_not_key": {"groomer (peer recruitment)": 2,
                                                        "noise": 1},
                            "key_below_k": {"broker (county lines)": 3}},
        "sample (graphintel synth)": {"k": 9, "top_k_not_key": {"x": 9}, "key_below_k": {}},
    }
    lines = report._shortfall(list(seeds.items()))
    text = "\n".join(lines)
    assert "Over the 2 seeds together (k = 42 key offenders in all)" in text
    assert "- ranked in the top k, not key offenders: groomer (peer recruitment) 5, noise 1" \
        in lines
    assert "- key offenders ranked below the top k: broker (county lines) 5, recruiter 1" \
        in lines
    assert report._shortfall([("sample (graphintel synth)", {"k": 3})]) == []


def test_each_measure_alone_ranks_the_same_suspects() -> None:
    truth = score.from_scenarios(_scenario_truth())
    result = _result(["N1", "N2", "N3", "N4"])
    # N4 (noise) and N1 (organiser) highest on degree; N2 (broker) and N1 on pagerank
    given = {"PN1": {"degree": 3.0, "pagerank": 0.4}, "PN2": {"degree": 1.0, "pagerank": 0.5},
             "PN3": {"degree": 2.0, "pagerank": 0.1}, "PN4": {"degree": 5.0, "pagerank": 0.0}}
    for p in result["people"]:
        p["measures"] = given[p["uid"]]
    alone = score.evaluate(result, truth)["measure_precision_at_k"]
    assert set(alone) == set(score.MEASURES)
    assert (alone["degree"], alone["pagerank"]) == (0.5, 1.0)
    # a measure nobody has: ties go by uid (PN1, PN2 first), both key offenders
    assert alone["kcore"] == 1.0


def _loo(p: float, first: float | None = 1.0, n1: bool | None = None,
         targeted: int = 0) -> dict:
    f = {"precision_at_k": p, "organiser_first": first, "protected_as_targets": targeted}
    if n1 is not None:
        f["n1_first"] = n1
    return f


def test_the_report_shows_each_part_left_out() -> None:
    parts = ("reach", "contact")
    figures = {
        "scenarios-seed1": {**_loo(0.8), "leave_one_out": {"reach": _loo(0.8),
                                                           "contact": _loo(0.6, 0.5)}},
        "scenarios-seed2": {**_loo(1.0), "leave_one_out": {"reach": _loo(0.9),
                                                           "contact": _loo(0.7, 1.0)}},
        "kosmas-a": {**_loo(1.0, None), "leave_one_out": {p: _loo(0.8, None) for p in parts}},
        "caviar": {**_loo(0.5, None, True), "leave_one_out": {
            "reach": _loo(0.5, None, True), "contact": _loo(0.4, None, False, targeted=1)}},
    }
    lines = report._leave_one_out(figures)
    assert "| all parts (the defaults) | 0.900 (0.80–1.00) | 1.000 | 1.000 | 0.500 | yes | 0 |" \
        in lines
    assert "| without reach | 0.850 (0.80–0.90) | 1.000 | 0.800 | 0.500 | yes | 0 |" in lines
    assert "| without contact | 0.650 (0.60–0.70) | 0.750 (0.50–1.00) | 0.800 | 0.400 | " \
        "**no** | 1 |" in lines
    assert "Weighted 0, these parts change none of these figures" not in "\n".join(lines)
    figures["caviar"]["leave_one_out"]["reach"]["precision_at_k"] = 0.5
    figures["scenarios-seed2"]["leave_one_out"]["reach"]["precision_at_k"] = 1.0
    figures["kosmas-a"]["leave_one_out"]["reach"]["precision_at_k"] = 1.0
    assert "Weighted 0, these parts change none of these figures: reach." \
        in report._leave_one_out(figures)
    assert report._leave_one_out({"scenarios-seed1": _loo(0.8)}) == []


def test_docstring_examples() -> None:
    assert doctest.testmod(score).failed == 0
