"""Hostile field values against the real Neo4j: values too long for the graph's indexes are
quarantined naming the field (the rest of the file loads), and control, bidi and invisible
characters are removed at ingest and flagged."""

from __future__ import annotations

import csv
import doctest
import json
from pathlib import Path
from typing import Any

import pytest

import graphintel.clean.text
import graphintel.ingest.text_checks
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

LONG = "x" * 9000
ESCY = "Escy\x1b[2J\x1b]0;PWN\x07 Name"
BIDI = "Jo\u202eeman\u202c null"
FLAG = "control_characters_removed"


def person(name: str, **extra: Any) -> dict[str, Any]:
    return {"id": "p", "type": "Person", "name": name, "dob": "1990-01-01", "role": "suspect",
            **extra}


def good(ref: str) -> dict[str, Any]:
    return report(ref, [person(f"Good Person {ref[-1]}"),
                        {"id": "a", "type": "OnlineAccount", "platform": "snapchat",
                         "handle": f"good_{ref[-1]}"},
                        {"id": "l", "type": "Location", "address": "1 High St",
                         "postcode": "BA1 1AA"}],
                  [{"from": "p", "to": "a", "type": "HAS_ACCOUNT"},
                   {"from": "p", "to": "l", "type": "LIVES_AT"}])


#: (line, the bad report, the field its problem names, what the reason says)
BAD = [
    (2, report("BAD/NAME", [person(LONG)]), "entities[0].name",
     "9000 characters long, over the limit of 1000"),
    (3, report(LONG, [person("Ref Long")]), "ref", "9000 characters long, over the limit of 1000"),
    (4, report("BAD/HANDLE", [{"id": "a", "type": "OnlineAccount", "platform": "snapchat",
                               "handle": LONG}]), "entities[0].handle",
     "9000 characters long, over the limit of 1000"),
    (5, report("BAD/ADDRESS", [{"id": "l", "type": "Location", "address": LONG}]),
     "entities[0].address", "9000 characters long, over the limit of 2000"),
    (6, report("BAD/NOMINAL", [person("Nominal Long", nominal_ref=LONG)]),
     "entities[0].nominal_ref", "9000 characters long, over the limit of 1000"),
    # few characters but many bytes: 2,000 of four bytes each
    (7, report("BAD/BYTES", [{"id": "l", "type": "Location", "address": "\U0001f600" * 2000}]),
     "entities[0].address", "8000 bytes in UTF-8, over the limit of 4000 bytes"),
    # a short name whose key is long: U+FDFA decomposes into 18 characters
    (8, report("BAD/KEY", [person("\ufdfa" * 500)]), "entities[0].name",
     "identity key or indexed value made of it is"),
]


def test_doctests() -> None:
    for module in (graphintel.clean.text, graphintel.ingest.text_checks):
        assert doctest.testmod(module).failed == 0


def test_too_long_indexed_values_are_quarantined_and_good_rows_load(
        store: Store, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    src = write_jsonl(tmp_path / "long.jsonl", [good("GOOD/1"), *(r for _, r, _, _ in BAD),
                                                good("GOOD/2")])
    assert main(["ingest", str(src)]) == 3  # as for any quarantined row
    captured = capsys.readouterr()
    assert f"read {len(BAD) + 2}, loaded 2, duplicates 0, skipped 0, quarantined {len(BAD)}" \
        in captured.out
    assert "Traceback" not in captured.err and "DatabaseError" not in captured.err
    for line, _, field, why in BAD:
        message = next(x for x in captured.err.splitlines()
                       if x.strip().startswith(f"{src}:{line}:"))
        assert f"field '{field}'" in message and why in message, message
    refs = store.read_text("MATCH (r:Report) RETURN r.ref AS ref ORDER BY ref", {})
    assert refs == [{"ref": "GOOD/1"}, {"ref": "GOOD/2"}]
    people = store.read_text("MATCH (p:Person) RETURN p.name AS n ORDER BY n", {})
    assert people == [{"n": "Good Person 1"}, {"n": "Good Person 2"}]


def test_the_summary_and_quarantine_file_account_for_every_row(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "long.jsonl", [good("GOOD/1"), *(r for _, r, _, _ in BAD),
                                                good("GOOD/2")])
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert not summary.ok
    assert (f.read, f.loaded, f.quarantined) == (len(BAD) + 2, 2, len(BAD)) and f.balanced
    quarantined = [json.loads(x) for x in Path(f.quarantine_file or "").read_text().splitlines()]
    assert [(q["line"], q["field"]) for q in quarantined] == [(n, fld) for n, _, fld, _ in BAD]
    assert all(q["raw"] for q in quarantined)


def test_values_at_the_limits_load(store: Store, settings: Settings, tmp_path: Path) -> None:
    name = "N" * 1000
    rows = [report("EDGE/1", [person(name, nominal_ref="R" * 1000),
                              {"id": "l", "type": "Location", "address": "A" * 2000},
                              {"id": "o", "type": "Object", "kind": "bag",
                               "description": "described at length" * 500}],
                   [{"from": "p", "to": "l", "type": "LIVES_AT"}])]
    summary = ingest([write_jsonl(tmp_path / "edge.jsonl", rows)], settings=settings,
                     store=store)
    assert summary.ok and summary.files[0].loaded == 1, summary.files[0].problems
    assert store.read_text("MATCH (p:Person) RETURN size(p.name) AS n", {}) == [{"n": 1000}]
    key = store.read_text("MATCH (o:Object) RETURN o.key AS k, size(o.description) AS d", {})
    assert key[0]["d"] == 9500 and len(key[0]["k"].encode()) < 4000  # a digest in the key


def write_intel_log(path: Path, rows: list[dict[str, str]]) -> Path:
    header = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB",
              "Subject Role", "Phone", "VRM", "Location", "Postcode", "Narrative"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header)
        writer.writeheader()
        for row in rows:
            writer.writerow({h: "" for h in header} | {
                "Date": "01/03/2025 21:40", "Grading": "2BP", "Subject DOB": "11/02/1990",
                "Subject Role": "suspect"} | row)
    return path


def test_tabular_rows_too_long_are_quarantined_naming_the_column(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_intel_log(tmp_path / "intel_log.csv", [
        {"Ref": "IL/1", "Subject Name": "Good One"},
        {"Ref": "IL/2", "Subject Name": LONG},
        {"Ref": LONG, "Subject Name": "Ref Long"},
        {"Ref": "IL/4", "Subject Name": "Place Long", "Location": LONG},
        {"Ref": "IL/5", "Subject Name": "Good Two"},
    ])
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (5, 2, 3) and f.balanced
    problems = "\n".join(f.problems)
    assert f"{src}:3: field 'Subject Name (subject.name)': value is 9000 characters" in problems
    assert f"{src}:4: field 'Ref': value is 9000 characters" in problems
    assert f"{src}:5: field 'Location (place.address)': value is 9000 characters" in problems
    refs = store.read_text("MATCH (r:Report) RETURN r.ref AS ref ORDER BY ref", {})
    assert refs == [{"ref": "IL/1"}, {"ref": "IL/5"}]


def test_hostile_characters_are_removed_and_flagged_in_jsonl(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    rows = [
        report("H/1", [person(ESCY), {"id": "a", "type": "OnlineAccount",
                                      "platform": "snapchat", "handle": "ev\u200bil\u202e"}],
               [{"from": "p", "to": "a", "type": "HAS_ACCOUNT"}],
               narrative="line one\r\nline two\ttab \x1b[31mred\ud800"),
        report("H/2", [person(BIDI, aliases=["Al\x00ias"]),
                       {"id": "l", "type": "Location", "address": "1 High\nSt\u2066",
                        "postcode": "BA1 1AA"}],
               [{"from": "p", "to": "l", "type": "LIVES_AT"}]),
        report("H/3", [person("Plain Name")]),
    ]
    summary = ingest([write_jsonl(tmp_path / "h.jsonl", rows)], settings=settings, store=store)
    assert summary.ok and summary.files[0].loaded == 3
    people = store.read_text("MATCH (p:Person) RETURN p.name AS n, p.aliases AS a, "
                             "coalesce(p.flags, []) AS f ORDER BY n", {})
    assert people == [
        {"n": "Escy[2J]0;PWN Name", "a": [], "f": [FLAG]},
        {"n": "Joeman null", "a": ["Alias"], "f": [FLAG]},
        {"n": "Plain Name", "a": [], "f": []},
    ]
    others = store.read_text("MATCH (n:OnlineAccount|Location) RETURN n.uid AS u, n.flags AS f "
                             "ORDER BY u", {})
    assert others == [{"u": "Location:BA1 1AA|1 high st", "f": [FLAG]},
                      {"u": "OnlineAccount:snapchat:evil", "f": [FLAG]}]
    reports = store.read_text("MATCH (r:Report) RETURN r.ref AS ref, r.narrative AS n, "
                              "r.flags AS f, r.cleaned_fields AS c ORDER BY ref", {})
    assert reports == [
        {"ref": "H/1", "n": "line one\nline two\ttab [31mred", "f": [FLAG],
         "c": ["entities[0].name", "entities[1].handle", "narrative"]},
        {"ref": "H/2", "n": None, "f": [FLAG],
         "c": ["entities[0].aliases[0]", "entities[0].name", "entities[1].address"]},
        {"ref": "H/3", "n": None, "f": None, "c": None},
    ]


def test_hostile_characters_are_removed_and_flagged_in_tables(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_intel_log(tmp_path / "intel_log.csv", [
        {"Ref": "IL/1", "Subject Name": ESCY, "Narrative": "seen\x07 at\tnight"},
        {"Ref": "IL/2", "Subject Name": "Kyle Brown", "Location": "Kebab\u202e House",
         "Postcode": "BA1 1AA"},
        {"Ref": "IL/3", "Subject Name": "Amy Plain"},
    ])
    summary = ingest([src], settings=settings, store=store)
    assert summary.ok and summary.files[0].loaded == 3, summary.files[0].problems
    rows = store.read_text("MATCH (n:Person|Location) RETURN coalesce(n.name, n.address) AS n, "
                           "coalesce(n.flags, []) AS f ORDER BY n", {})
    assert rows == [{"n": "Amy Plain", "f": []}, {"n": "Escy[2J]0;PWN Name", "f": [FLAG]},
                    {"n": "Kebab House", "f": [FLAG]}, {"n": "Kyle Brown", "f": []}]
    reports = store.read_text("MATCH (r:Report) RETURN r.ref AS ref, r.narrative AS n, "
                              "r.cleaned_fields AS c ORDER BY ref", {})
    assert reports == [{"ref": "IL/1", "n": "seen at\tnight", "c": ["Narrative", "Subject Name"]},
                       {"ref": "IL/2", "n": None, "c": ["Location"]},
                       {"ref": "IL/3", "n": None, "c": None}]
