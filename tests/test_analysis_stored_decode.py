"""The stored runs' JSON is decoded by msgspec; what it gives must be what json gives."""

from __future__ import annotations

import json
import math

import pytest

from graphintel.analysis.stored import decode_json

CASES = [
    {"targets": [{"uid": "Person:1", "score": 97.03125, "rank": 1, "roles": ["suspect"]}]},
    {"name": "Zoë O'Brien — “quoted”", "emoji": "\U0001f600", "escaped": "a\"b\\c\n\t\u0000"},
    [0.1, 1e-300, 2.5e300, -0.0, 1.7976931348623157e308, 123456789012345678],
    {"big": 2**70, "neg_big": -(2**70)},  # past 64 bits
    {"nested": [[[{"a": None, "b": True, "c": False}]]], "empty": {}, "none": []},
]


@pytest.mark.parametrize("value", CASES)
def test_decodes_as_json_does(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False)
    assert decode_json(text.encode()) == json.loads(text)
    assert decode_json(text) == json.loads(text)


def test_texts_only_json_reads_still_decode() -> None:
    text = json.dumps({"closeness": float("nan"), "far": float("inf"), "near": -float("inf")})
    got = decode_json(text.encode())
    assert math.isnan(got["closeness"]) and got["far"] == math.inf and got["near"] == -math.inf


def test_malformed_text_is_still_an_error() -> None:
    with pytest.raises(json.JSONDecodeError):
        decode_json(b'{"a": [1, 2')
