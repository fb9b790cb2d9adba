"""The disruption score's weights as an analyst gives them: parsed, checked, recorded."""

from __future__ import annotations

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams
from graphintel.analysis.score_weights import (
    DEFAULT_WEIGHTS,
    parse_score_weights,
    resolve_weights,
    weights_problem,
)
from graphintel.errors import ConfigError


@pytest.mark.parametrize(("text", "expected"), [
    (None, {}),
    ("", {}),
    ("contact=0.3", {"contact": 0.3}),
    (" contact = 0.3 , reach=0 ", {"contact": 0.3, "reach": 0.0}),
    ("brokerage=1,brokerage=2", {"brokerage": 2.0}),
    ("centrality=1e-1,", {"centrality": 0.1}),
])
def test_parse_good(text: str | None, expected: dict[str, float]) -> None:
    assert parse_score_weights(text) == expected


@pytest.mark.parametrize(("text", "says"), [
    ("contact", "'contact' is not part=number"),
    ("contact=", "'contact=' is not part=number"),
    ("contact=high", "'contact=high' is not part=number"),
    ("charm=1", "unknown score part: charm"),
    ("reach=-0.1", "the weight of reach is -0.1"),
    ("reach=nan", "the weight of reach is nan"),
    ("reach=inf", "the weight of reach is inf"),
    ("reach=0,network=0,control=0,brokerage=0,contact=0,centrality=0",
     "the weights add up to 0"),
])
def test_parse_bad_says_what_where_and_how_to_fix(text: str, says: str) -> None:
    with pytest.raises(ConfigError) as err:
        parse_score_weights(text)
    assert says in err.value.what
    assert err.value.where == "--score-weights"
    assert err.value.fix and "part=number" in err.value.fix


@pytest.mark.parametrize(("given", "problem"), [
    ({}, None),
    (None, None),
    ({"reach": 0.0}, None),
    ({p: 0.0 for p in DEFAULT_WEIGHTS if p != "contact"}, None),
    ({"Reach": 1.0}, "unknown score part: Reach"),
    ({"contact": -1.0}, "the weight of contact is -1.0"),
    ({"contact": True}, "the weight of contact is True"),
])
def test_weights_problem(given: dict[str, float] | None, problem: str | None) -> None:
    why = weights_problem(given)
    assert (why is None) if problem is None else (why is not None and problem in why)


def test_resolved_weights_put_the_given_over_the_defaults() -> None:
    w = resolve_weights({"contact": 0.5})
    assert w == {**DEFAULT_WEIGHTS, "contact": 0.5}
    assert resolve_weights() == DEFAULT_WEIGHTS and resolve_weights() is not DEFAULT_WEIGHTS
    with pytest.raises(ValueError, match="unknown score part"):
        resolve_weights({"charm": 1.0})


def test_analysis_params_check_both_curves_and_weights() -> None:
    AnalysisParams(score_weights={"contact": 0.3}).check()
    with pytest.raises(ConfigError, match="unknown score part"):
        AnalysisParams(score_weights={"charm": 1.0}).check()
    with pytest.raises(ConfigError, match="unknown count curve"):
        AnalysisParams(projection=ProjectionParams(
            count_curves={"phone_contact": "cubic"})).check()


def test_the_help_names_the_defaults() -> None:
    from graphintel.cli.analyse_cmd import DEFAULTS_TEXT

    assert DEFAULTS_TEXT == ", ".join(f"{p} {w:g}" for p, w in DEFAULT_WEIGHTS.items())
