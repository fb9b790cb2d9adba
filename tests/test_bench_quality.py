"""The pipeline benchmark's quality figures, on a hand-made result with known answers."""

from __future__ import annotations

from typing import Any

from bench.quality import evaluate


def _person(pid: str, role: str, dob: str = "1990-01-01") -> dict[str, Any]:
    return {"name": f"Person {pid}", "dob": dob, "nominal_ref": f"N{pid}", "true_role": role}


TRUTH = {
    "as_of": "2026-01-01",
    "people": {"1": _person("1", "organiser"), "2": _person("2", "recruiter"),
               "3": _person("3", "driver"), "4": _person("4", "victim", "2011-05-05"),
               # a child who recruits other children: safeguarded, so never a key person
               "5": _person("5", "recruiter", "2010-03-03"),
               "6": _person("6", "victim", "2012-02-02")},
    "networks": [{"id": 1, "organisers": ["1"], "members": ["1", "2", "3", "4", "5", "6"],
                  "victims": ["4", "6"]}],
    "victim_links": [["2", "4"], ["3", "6"], ["5", "6"]],
    "brokers": [],
}


def _result(order: list[str], linked: dict[str, list[str]]) -> dict[str, Any]:
    members = [{"uid": f"u{p}", "name": f"Person {p}", "dob": TRUTH["people"][p]["dob"],
                "nominal_ref": f"N{p}"} for p in TRUTH["people"]]
    return {"communities": [{"members": members}],
            "targets": [{"uid": f"u{p}", "linked_victims": [{"uid": f"u{v}"}
                                                            for v in linked.get(p, [])]}
                        for p in order],
            "people": [{"uid": m["uid"], "roles": [], "measures": {}} for m in members],
            "victims": [{"uid": "u4"}, {"uid": "u6"}], "safeguarding": [{"uid": "u5"}]}


def test_key_people_leave_out_children_and_the_organiser_leads() -> None:
    out = evaluate(_result(["1", "2", "3"], {"2": ["4"], "3": ["6", "4"]}), TRUTH)
    assert out["key_people"] == 2  # 1 and 2; the child recruiter 5 is not expected
    assert out["precision@k"] == 1.0 and out["precision@10"] == round(2 / 3, 3)
    assert out["children_or_victims_as_targets"] == 0
    assert out["organiser_first"] == 1.0
    # three links listed, two true (2-4, 3-6); the child's link to 6 is not expected
    assert out["linked_precision"] == round(2 / 3, 3) and out["linked_recall"] == 1.0


def test_a_child_ranked_and_the_organiser_late_are_counted() -> None:
    out = evaluate(_result(["3", "4", "1", "2"], {"2": []}), TRUTH)
    assert out["children_or_victims_as_targets"] == 1
    assert out["precision@k"] == 0.0  # neither of the top 2 is a key person
    assert out["organiser_first"] == 0.0
    assert out["linked_recall"] == 0.0
