"""Count curves: how call and meeting counts become tie strength, per link kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphintel.analysis.projection import ProjectionParams, project
from graphintel.analysis.weights import (
    check_curve,
    counted_weight,
    curve_for,
    curve_value,
    parse_count_curves,
)
from graphintel.config import load_settings
from graphintel.errors import ConfigError
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


@pytest.mark.parametrize(("spec", "count", "expected"), [
    ("linear", 0, 0.0), ("linear", 1, 1.0), ("linear", 300, 300.0),
    ("log", 1, 1.0), ("log", 3, 2.0), ("log", 255, 8.0),
    ("saturating:10", 1, 1.0), ("saturating:10", 10, 5.5), ("saturating:1", 1, 1.0),
    ("saturating:10", -5, 0.0),
])
def test_curve_values(spec: str, count: float, expected: float) -> None:
    assert curve_value(spec, count) == pytest.approx(expected)


@pytest.mark.parametrize(("spec", "ok"), [
    ("linear", True), ("log", True), ("saturating:2.5", True), ("saturating:0", False),
    ("saturating:x", False), ("saturating", False), ("linear:3", False), ("cubic", False),
    ("", False),
])
def test_check_curve(spec: str, ok: bool) -> None:
    assert (check_curve(spec) is None) is ok


def test_saturating_levels_off_and_linear_keeps_ratios() -> None:
    assert curve_value("linear", 300) / curve_value("linear", 30) == pytest.approx(10.0)
    ratio = curve_value("saturating:10", 300) / curve_value("saturating:10", 30)
    assert 1.0 < ratio < 1.5
    assert curve_value("saturating:10", 1e12) < 11.0


def test_defaults_and_overrides() -> None:
    assert curve_for("phone_contact") == "linear"
    assert curve_for("ASSOCIATE_OF") == "saturating:10"
    assert curve_for("ASSOCIATE_OF", {"default": "log"}) == "log"
    assert curve_for("phone_contact", {"phone_contact": "log"}) == "log"
    assert counted_weight("phone_contact", [1.0], 100, {"phone_contact": "log"}) == \
        pytest.approx(0.5 * curve_value("log", 100))
    assert parse_count_curves(" phone_contact=log ,default=saturating:4,") == {
        "phone_contact": "log", "default": "saturating:4"}


def test_projection_refuses_unknown_curve_or_kind(store: Store) -> None:
    with pytest.raises(ConfigError, match="unknown count curve"):
        project(store, ProjectionParams(count_curves={"phone_contact": "cubic"}))
    with pytest.raises(ConfigError, match="unknown link kind"):
        project(store, ProjectionParams(count_curves={"telepathy": "log"}))


def _phone(i: str, number: str) -> dict[str, str]:
    return {"id": i, "type": "Phone", "number": number}


def _person(i: str, name: str) -> dict[str, str]:
    return {"id": i, "type": "Person", "name": name, "dob": "1980-01-01", "role": "suspect"}


def test_call_counts_through_the_projection(store: Store, tmp_path: Path) -> None:
    """30 and 300 calls: ten times the strength on the linear default, far less saturated."""
    people = [_person("a", "Ann ONE"), _person("b", "Bob TWO"), _person("c", "Cat THREE")]
    phones = [_phone("pa", "07700 900001"), _phone("pb", "07700 900002"),
              _phone("pc", "07700 900003")]
    uses = [{"from": p, "to": f"p{p}", "type": "USES"} for p in "abc"]
    calls = [{"from": "pa", "to": "pb", "type": "CALLED", "count": 300},
             {"from": "pa", "to": "pc", "type": "CALLED", "count": 30}]
    write_jsonl(tmp_path / "r.jsonl", [report("C1", people + phones, uses + calls,
                                              date="2025-03-01", grading="1AP")])
    ingest([tmp_path / "r.jsonl"], settings=load_settings(), store=store)

    def ratio(curves: dict[str, str]) -> float:
        G = project(store, ProjectionParams(as_of="2025-03-01", count_curves=curves)).graph
        by = {G.nodes[n]["name"]: n for n in G}
        return float(G.edges[by["Ann ONE"], by["Bob TWO"]]["weight"]
                     / G.edges[by["Ann ONE"], by["Cat THREE"]]["weight"])

    assert ratio({}) == pytest.approx(10.0, rel=0.05)
    assert ratio({"phone_contact": "saturating:10"}) < 1.6
