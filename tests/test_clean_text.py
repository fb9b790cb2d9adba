"""The text cleaner (graphintel.clean.text) and the limits of indexed values, table-driven."""

from __future__ import annotations

import unicodedata

import pytest

from graphintel.clean import TEXT_FLAG, clean_text, safe_text, too_long
from graphintel.ingest.records import RowRejected
from graphintel.ingest.text_checks import (
    MAX_INDEX_BYTES,
    bounded_key,
    clean_report_text,
    limited,
)

FLAG = (TEXT_FLAG,)


@pytest.mark.parametrize(("raw", "multiline", "value", "flags"), [
    # nothing to do: the same text, no flag
    ("Jordan SMITH", False, "Jordan SMITH", ()),
    ("Zoë O'Neil — 北京", False, "Zoë O'Neil — 北京", ()),
    ("", False, "", ()),
    (None, False, None, ()),
    (7700900123, False, "7700900123", ()),
    ("line 1\nline 2\ttab", True, "line 1\nline 2\ttab", ()),
    ("windows\r\nline", True, "windows\nline", ()),  # CRLF is a line end, not a change
    # terminal escapes and bells: the controls go, the printable rest stays
    ("Escy\x1b[2J\x1b]0;PWN\x07 Name", False, "Escy[2J]0;PWN Name", FLAG),
    ("bell\x07 null\x00 del\x7f c1\x9b", True, "bell null del c1", FLAG),
    # bidi embeddings, overrides, isolates and marks
    ("Jo\u202eeman\u202c null", False, "Joeman null", FLAG),
    ("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069x\u200e\u200f\u061c", False,
     "x", FLAG),
    # invisible format characters
    ("Ja\u200bck\u200c\u200d\u2060\ufeff Sm\u00adith", False, "Jack Smith", FLAG),
    ("tag\U000e0041\U000e007f", False, "tag", FLAG),
    # what no UTF-8 or XML output can hold
    ("lone\ud800 surrogate\uffff", False, "lone surrogate", FLAG),
    # line breaks: a space in a one-line value, a line feed in free text
    ("Jordan\nSMITH", False, "Jordan SMITH", FLAG),
    ("Jordan\tSMITH\r", False, "Jordan SMITH ", FLAG),
    ("a\rb\x0bc\x0cd\x85e\u2028f\u2029g", True, "a\nb\nc\nd\ne\nf\ng", FLAG),
    ("a\x1cb\x1fc", True, "a\nbc", FLAG),
])
def test_clean_text(raw: object, multiline: bool, value: str | None,
                    flags: tuple[str, ...]) -> None:
    cleaned = clean_text(raw, multiline=multiline)
    assert (cleaned.value, cleaned.flags) == (value, flags)
    assert cleaned.error is None


def test_every_control_and_bidi_character_is_gone() -> None:
    every = "".join(chr(c) for c in (*range(0x00, 0x20), *range(0x7f, 0xa0)))
    bidi = "".join(chr(c) for c in (*range(0x202a, 0x202f), *range(0x2066, 0x206a)))
    for multiline in (False, True):
        out = clean_text(f"a{every}{bidi}b", multiline=multiline).value or ""
        kept = set("\t\n") if multiline else set()
        assert not {ch for ch in out if unicodedata.category(ch) in ("Cc", "Cf")} - kept


@pytest.mark.parametrize(("value", "shown"), [
    (None, ""), ("plain", "plain"), ("Escy\x1b[2J\x07", "Escy[2J"),
    ("two\nlines\tand\ttabs", "two\nlines\tand\ttabs"), ("\u202eevil", "evil"),
])
def test_safe_text_for_outputs(value: object, shown: str) -> None:
    assert safe_text(value) == shown


@pytest.mark.parametrize(("text", "chars", "size", "why"), [
    ("x" * 1000, 1000, 4000, None),
    ("x" * 1001, 1000, 4000, "is 1001 characters long, over the limit of 1000"),
    ("\U0001f600" * 1000, 1000, 4000, None),  # four bytes each: exactly 4000
    ("\U0001f600" * 1000 + "é", 2000, 4000, "is 4002 bytes in UTF-8, over the limit of 4000 "
                                           "bytes"),
    ("", 0, 0, None),
])
def test_too_long(text: str, chars: int, size: int, why: str | None) -> None:
    assert too_long(text, chars, size) == why


@pytest.mark.parametrize(("value", "chars", "rejected"), [
    (None, 1000, False), ("N0012345", 1000, False), ("x" * 1000, 1000, False),
    ("x" * 1001, 1000, True), ("x" * 9000, 1000, True), ("é" * 2001, 2000, True),
    ("\U0001f600" * 1001, 2000, True),  # within the characters, over the bytes
])
def test_limited(value: str | None, chars: int, rejected: bool) -> None:
    if rejected:
        with pytest.raises(RowRejected) as err:
            limited(value, "entities[1].name", chars)
        assert err.value.field == "entities[1].name" and "over the limit" in err.value.reason
    else:
        assert limited(value, "entities[1].name", chars) == value


def test_bounded_key_keeps_short_keys_and_tells_long_ones_apart() -> None:
    assert bounded_key("phone in a bag") == "phone in a bag"
    a, b = bounded_key("x" * 9000), bounded_key("x" * 8999 + "y")
    assert a != b and len(a.encode()) < MAX_INDEX_BYTES and a.startswith("x" * 200 + "~")


def test_report_text_is_cleaned_with_its_paths_and_no_value_is_lost() -> None:
    obj = {"ref": "R\x1b1", "narrative": "a\r\nb\x07", "entities": [
        {"id": "e1", "type": "Person", "name": "Ann\nLee", "aliases": ["A\u202eB"]}],
        "na\u200bme": "hidden", "name": "real", "extra": {"k": "v\x00"}}
    cleaned, paths = clean_report_text(obj)
    assert cleaned["ref"] == "R1" and cleaned["narrative"] == "a\nb"
    assert cleaned["entities"][0]["name"] == "Ann Lee"
    assert cleaned["entities"][0]["aliases"] == ["AB"]
    assert cleaned["name"] == "real" and cleaned["name~"] == "hidden"  # not put in its place
    assert cleaned["extra"] == {"k": "v"}
    assert sorted(paths) == ["entities[0].aliases[0]", "entities[0].name", "extra.k",
                             "name~", "narrative", "ref"]
    assert clean_report_text({"ref": "fine"}) == ({"ref": "fine"}, [])
    assert clean_report_text(["not", "an object"]) == (["not", "an object"], [])
