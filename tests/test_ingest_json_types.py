"""Canonical reports whose fields have the wrong JSON type, or a key given twice: each is a
problem line naming the field, the report is quarantined, the other reports load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.ingest import ingest
from tests.graph_helpers import report

PERSON = {"id": "p", "type": "Person", "name": "Wendy ONE", "dob": "1990-01-01"}


def _entity(**fields: object) -> dict[str, object]:
    return {**PERSON, **fields}


@pytest.mark.parametrize(("line", "problems"), [
    (report("W/2", [_entity(name=["Wendy", "TWO"])]),
     ["entities[0].name': a JSON list ([\"Wendy\", \"TWO\"]) where text was expected: write "
      "it as one string (a second value is an entity or a field of its own)"]),
    (report("W/3", [_entity(name={"first": "Wendy", "last": "THREE"})]),
     ["entities[0].name': a JSON object ({\"first\": \"Wendy\", \"last\": \"THREE\"}) where "
      "text was expected: write it as one string"]),
    (report("W/6", [_entity(nominal_ref={"id": "N1"})]),
     ["entities[0].nominal_ref': a JSON object"]),
    (report("W/7", [_entity(role=True, aliases=["Wen", {"a": 1}])]),
     ["entities[0].role': JSON true", "entities[0].aliases[1]': a JSON object"]),
    (report("W/12", [{"id": "a", "type": "Phone", "number": 7700900112},
                     {"id": "b", "type": "Vehicle", "vrm": ["AB12CDE"]}]),
     ["entities[0].number': a JSON number (7700900112) where a phone number is text: as a "
      "number it has lost any leading zero; write it as a string, as dialled",
      "entities[1].vrm': a JSON list"]),
    (report("W/16", [{"id": "a", "type": "OnlineAccount", "platform": ["snap"],
                      "handle": {"h": 1}}]),
     ["entities[0].platform': a JSON list", "entities[0].handle': a JSON object"]),
    ({**report("W/17", []), "narrative": {"text": "hello 07700 900555"}, "author": ["PC 1"]},
     ["author': a JSON list", "narrative': a JSON object"]),
    (report("W/18", [PERSON, {"id": ["q"], "type": "Person", "name": "Q R"}],
            [{"from": "p", "to": "p2", "type": "USES", "note": ["x"]}]),
     ["entities[1].id': a JSON list", "links[0].note': a JSON list"]),
])
def test_a_text_field_of_another_json_type_quarantines_its_report(
        settings: Settings, tmp_path: Path, line: dict[str, object],
        problems: list[str]) -> None:
    src = tmp_path / "r.jsonl"
    good = report("W/1", [PERSON])
    src.write_text(json.dumps(good) + "\n" + json.dumps(line) + "\n", encoding="utf-8")
    summary = ingest([src], settings=settings, dry_run=True)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1)
    assert len(f.problems) == len(problems), f.problems
    for got, want in zip(f.problems, problems, strict=True):
        assert got.startswith(f"{src}:2: field '{want}"), got


def test_a_number_is_read_as_text_where_no_digit_is_lost(settings: Settings,
                                                          tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text(json.dumps(report(7, [{**PERSON, "id": 1}])) + "\n", encoding="utf-8")
    summary = ingest([src], settings=settings, dry_run=True)
    assert summary.ok and summary.files[0].loaded == 1


def test_a_key_given_twice_is_a_problem_naming_both_values(settings: Settings,
                                                            tmp_path: Path) -> None:
    src = tmp_path / "r.jsonl"
    src.write_text('{"ref":"W/9","date":"2025-03-01","grading":"2BP","ref":"W/9b",'
                   '"entities":[{"id":"p","type":"Person","name":"A B","name":"C D"}]}\n'
                   + json.dumps(report("W/1", [PERSON])) + "\n", encoding="utf-8")
    summary = ingest([src], settings=settings, dry_run=True)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1)
    assert f.problems == [
        f"{src}:1: field 'name': key given twice in one object (\"A B\", then \"C D\"): which "
        "is meant is not known",
        f"{src}:1: field 'ref': key given twice in one object (\"W/9\", then \"W/9b\"): which "
        "is meant is not known"]
