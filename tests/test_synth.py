"""The synthetic data generator: determinism, the FORMATS.md §1 contract, ground truth.

These tests read the generated files only; they need no Neo4j.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from graphintel.errors import GraphintelError
from graphintel.synth import SynthResult, generate

AS_OF = "2025-06-30"
LINK_TYPES = {
    "ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS", "USES", "OWNS", "DRIVES", "PASSENGER_IN",
    "LIVES_AT", "FREQUENTS", "SEEN_AT", "CALLED", "HAS_ACCOUNT", "MESSAGED", "SUBJECT_OF",
    "INVOLVED_IN", "FOUND_AT", "MISSING_FROM", "OCCURRED_AT",
}
ROLES = {"suspect", "victim", "associate", "witness", "unknown"}
REQUIRED = {
    "Person": ("name", "dob", "role"), "Phone": ("number",), "Vehicle": ("vrm",),
    "Location": ("address", "postcode", "kind"), "OnlineAccount": ("platform", "handle"),
    "Event": ("kind", "start"),
}
# Which entity types each link type joins (from, to).
SIGNATURES = {
    "EXPLOITS": ("Person", "Person"), "ASSOCIATE_OF": ("Person", "Person"),
    "FAMILY_OF": ("Person", "Person"), "USES": ("Person", "Phone"),
    "OWNS": ("Person", "Vehicle"), "DRIVES": ("Person", "Vehicle"),
    "PASSENGER_IN": ("Person", "Vehicle"), "LIVES_AT": ("Person", "Location"),
    "FREQUENTS": ("Person", "Location"), "CALLED": ("Phone", "Phone"),
    "HAS_ACCOUNT": ("Person", "OnlineAccount"), "MESSAGED": ("OnlineAccount", "OnlineAccount"),
    "SUBJECT_OF": ("Person", "Event"), "INVOLVED_IN": ("Person", "Event"),
    "FOUND_AT": ("Event", "Location"), "MISSING_FROM": ("Event", "Location"),
    "OCCURRED_AT": ("Event", "Location"),
}
COMPACT_GRADING = re.compile(r"[123][A-E] ?[PC]")
TABLE_HEADERS = {
    "intel_log.csv": "Ref,Date,Grading,Officer,Subject Name,Subject DOB,Subject Role,Phone,VRM,"
                     "Location,Postcode,Narrative",
    "missing_episodes.csv": "Child Name,Child DOB,Missing From,Missing From Postcode,Start,End,"
                            "Found At,Found At Postcode,Found With,Found With DOB,Reference",
    "call_data.csv": "Caller,Callee,Start,Duration Seconds",
    "anpr.csv": "VRM,Camera,Camera Postcode,Read At",
    "associations.csv": "Person A,Person A DOB,Person B,Person B DOB,Type,Weight,Date,Source Ref",
}
PHONE_IN_TEXT = re.compile(r"(?:\+44 ?|\(?0)\d{2,4}\)? ?\d{3,4} ?\d{3,4}")


def e164(raw: str) -> str:
    digits = re.sub(r"\D", "", raw)
    return "+" + digits if raw.startswith("+") else "+44" + digits[1:]


def key(name: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", name.casefold()).split())


def read_reports(folder: Path) -> list[dict[str, Any]]:
    with (folder / "reports.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def read_truth(folder: Path) -> dict[str, Any]:
    truth: dict[str, Any] = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    return truth


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthResult]:
    out = tmp_path_factory.mktemp("small")
    return out, generate(out, seed=3, scale=0.15, as_of=AS_OF)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, SynthResult]:
    out = tmp_path_factory.mktemp("full")
    return out, generate(out, seed=1, scale=1.0, as_of=AS_OF)


def people_index(truth: dict[str, Any]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """(name key, dob) -> person id over every name variant; nominal ref -> person id."""
    by_name: dict[tuple[str, str], str] = {}
    by_ref: dict[str, str] = {}
    for pid, person in truth["people"].items():
        for name in person["name_variants"]:
            assert by_name.setdefault((key(name), person["dob"]), pid) == pid, name
        if person["nominal_ref"]:
            assert by_ref.setdefault(person["nominal_ref"], pid) == pid
    return by_name, by_ref


def mentions(report: dict[str, Any], by_name: dict[tuple[str, str], str]) -> dict[str, str]:
    """Entity id -> true person id for the people in one report."""
    return {e["id"]: by_name[(key(e["name"]), e["dob"])]
            for e in report["entities"] if e["type"] == "Person"}


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", seed=5, scale=0.15)
    b = generate(tmp_path / "b", seed=5, scale=0.15)
    c = generate(tmp_path / "c", seed=6, scale=0.15)
    assert set(a.files) == set(TABLE_HEADERS) | {"ground_truth.json", "reports.jsonl"}
    for name, path in a.files.items():
        assert path.read_bytes() == b.files[name].read_bytes(), name
    assert a.files["reports.jsonl"].read_bytes() != c.files["reports.jsonl"].read_bytes()


def test_without_tables_the_reports_are_unchanged(tmp_path: Path,
                                                  small: tuple[Path, SynthResult]) -> None:
    result = generate(tmp_path, seed=3, scale=0.15, as_of=AS_OF, tabular=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ground_truth.json", "reports.jsonl"]
    assert result.files["reports.jsonl"].read_bytes() == \
        (small[0] / "reports.jsonl").read_bytes()


def test_every_report_follows_the_contract(full: tuple[Path, SynthResult]) -> None:
    reports = read_reports(full[0])
    refs = [r["ref"] for r in reports]
    assert len(refs) == len(set(refs)) == full[1].reports
    first = datetime(2023, 6, 30)
    for report in reports:
        for field in ("ref", "date", "grading", "author", "source_system", "narrative",
                      "entities", "links"):
            assert field in report, (report["ref"], field)
        assert re.fullmatch(r"IR/\d{4}/\d{6}", report["ref"])
        when = datetime.fromisoformat(report["date"])
        assert first <= when <= datetime(2025, 6, 30, 23, 59), report["date"]
        assert report["ref"][3:7] == report["date"][:4]
        grading = report["grading"]
        if isinstance(grading, dict):
            assert grading["source"] in "123" and grading["intel"] in "ABCDE"
            assert grading["handling"] in ("P", "C")
            assert ("conditions" in grading) == (grading["handling"] == "C")
        else:
            assert COMPACT_GRADING.fullmatch(grading), grading
            assert ("conditions" in report) == grading.endswith("C")
        types = {}
        for entity in report["entities"]:
            assert re.fullmatch(r"e\d+", entity["id"]) and entity["id"] not in types
            types[entity["id"]] = entity["type"]
            for need in REQUIRED[entity["type"]]:
                assert entity.get(need), (report["ref"], entity)
            if entity["type"] == "Person":
                assert entity["role"] in ROLES
                date.fromisoformat(entity["dob"])
            if entity["type"] == "Event":
                assert datetime.fromisoformat(entity["start"]) <= \
                    datetime.fromisoformat(entity["end"])
        for link in report["links"]:
            assert link["type"] in LINK_TYPES
            assert link["from"] in types and link["to"] in types, (report["ref"], link)
            if link["type"] in SIGNATURES:
                assert (types[link["from"]], types[link["to"]]) == SIGNATURES[link["type"]]
            if link["type"] == "SEEN_AT":
                assert types[link["from"]] in ("Person", "Vehicle")
                datetime.fromisoformat(link["at"])
            if link["type"] in ("CALLED", "MESSAGED"):
                assert link["count"] > 0


def test_every_phone_is_a_fictional_drama_number(full: tuple[Path, SynthResult]) -> None:
    drama = re.compile(r"\+44(7700900|1632960|(11[3-8]|121|131|141|151|161)4960|1914980|"
                       r"2079460|2920180)\d{3}")
    for report in read_reports(full[0]):
        for entity in report["entities"]:
            if entity["type"] == "Phone":
                assert drama.fullmatch(e164(entity["number"])), entity["number"]


def test_report_people_resolve_to_exactly_one_true_person(
        full: tuple[Path, SynthResult]) -> None:
    truth = read_truth(full[0])
    by_name, by_ref = people_index(truth)
    for report in read_reports(full[0]):
        for entity in report["entities"]:
            if entity["type"] != "Person":
                continue
            pid = by_name[(key(entity["name"]), entity["dob"])]
            if "nominal_ref" in entity:
                assert by_ref[entity["nominal_ref"]] == pid
                assert entity["name"] in truth["people"][pid]["name_variants"]


def test_ground_truth_is_consistent_with_the_reports(full: tuple[Path, SynthResult]) -> None:
    folder, result = full
    truth = read_truth(folder)
    people = truth["people"]
    by_name, _ = people_index(truth)
    nets = {n["id"]: n for n in truth["networks"]}
    assert len(nets) == result.networks == 8
    episodes: Counter[str] = Counter()
    together: set[tuple[str, str]] = set()
    roles: defaultdict[str, set[str]] = defaultdict(set)
    for report in read_reports(folder):
        who = mentions(report, by_name)
        kinds = {e["id"]: e.get("kind") for e in report["entities"]}
        for link in report["links"]:
            if link["type"] == "SUBJECT_OF" and kinds[link["to"]] == "missing_episode":
                episodes[who[link["from"]]] += 1
        together.update((a, b) for a in who.values() for b in who.values())
        for entity in report["entities"]:
            if entity["type"] == "Person":
                roles[who[entity["id"]]].add(entity["role"])
    for suspect, victim in truth["victim_links"]:
        assert people[suspect]["network"] == people[victim]["network"] is not None
        net = nets[people[victim]["network"]]
        assert victim in net["victims"] and suspect in net["organisers"] + net["recruiters"] + \
            net["drivers"] + net["hosts"]
        assert (suspect, victim) in together, (suspect, victim)
    for net in nets.values():
        assert 1 <= len(net["organisers"]) <= 2 and 3 <= len(net["victims"]) <= 10
        assert set(net["members"]) >= set(net["victims"] + net["organisers"])
        for victim in net["victims"]:
            assert episodes[victim] >= 2, victim
            age = (date(2025, 6, 30) - date.fromisoformat(people[victim]["dob"])).days // 365.25
            assert 13 <= age <= 17
    both = [pid for pid, p in people.items() if p["roles"] == ["victim", "recruiter"]]
    assert both and all({"victim", "suspect"} <= roles[pid] for pid in both)
    assert truth["brokers"]
    for broker in truth["brokers"]:
        for nid in broker["networks"]:
            assert any((broker["person"], org) in together for org in nets[nid]["organisers"])


def test_duplicates_occur_and_never_exact_merge(full: tuple[Path, SynthResult]) -> None:
    truth = read_truth(full[0])
    assert len(truth["duplicates"]) >= 3
    seen: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for report in read_reports(full[0]):
        for entity in report["entities"]:
            if entity["type"] == "Person":
                seen[(entity["name"], entity["dob"])].append(entity)
    for a, b in truth["duplicates"]:
        assert a["dob"] == b["dob"] and key(a["name"]) != key(b["name"])
        variant = seen[(b["name"], b["dob"])]
        assert variant and all("nominal_ref" not in e for e in variant)
        assert any(key(n) == key(a["name"]) and d == a["dob"] for n, d in seen)


def test_identifier_variants_really_occur(full: tuple[Path, SynthResult]) -> None:
    forms: defaultdict[str, set[str]] = defaultdict(set)
    narrated = 0
    for report in read_reports(full[0]):
        phones = set()
        for entity in report["entities"]:
            if entity["type"] == "Phone":
                forms["phone:" + e164(entity["number"])].add(entity["number"])
                phones.add(e164(entity["number"]))
            elif entity["type"] == "Vehicle":
                forms["vrm:" + entity["vrm"].replace(" ", "").upper()].add(entity["vrm"])
            elif entity["type"] == "Location":
                forms["pc:" + entity["postcode"].replace(" ", "").upper()].add(entity["postcode"])
            elif entity["type"] == "Person":
                forms["name:" + key(entity["name"]) + entity["dob"]].add(entity["name"])
        found = {e164(m) for m in PHONE_IN_TEXT.findall(report["narrative"])}
        narrated += bool(found & phones)
    for kind in ("phone:", "vrm:", "pc:", "name:"):
        assert any(len(v) >= 2 for k, v in forms.items() if k.startswith(kind)), kind
    assert any(len(v) >= 3 for k, v in forms.items() if k.startswith("phone:"))
    assert narrated >= 50


def test_counts_scale_with_scale(small: tuple[Path, SynthResult],
                                 full: tuple[Path, SynthResult]) -> None:
    s, f = small[1], full[1]
    assert 130 <= s.reports <= 200 and s.networks == 3
    assert 950 <= f.reports <= 1100 and f.networks == 8
    assert 2.5 <= f.people / s.people <= 8
    assert f.victims > s.victims >= 9
    assert len(read_reports(small[0])) == s.reports


def test_tables_have_exact_headers_and_formats(full: tuple[Path, SynthResult]) -> None:
    rows = {}
    for name, header in TABLE_HEADERS.items():
        with (full[0] / name).open(encoding="utf-8", newline="") as fh:
            table = list(csv.reader(fh))
        assert ",".join(table[0]) == header
        assert len(table) > 10, name
        assert all(len(row) == len(table[0]) for row in table)
        rows[name] = table[1:]
    for row in rows["intel_log.csv"]:
        datetime.strptime(row[1], "%d/%m/%Y %H:%M")
        datetime.strptime(row[5], "%d/%m/%Y")
        assert COMPACT_GRADING.fullmatch(row[2])
    for row in rows["missing_episodes.csv"]:
        assert datetime.fromisoformat(row[4]) < datetime.fromisoformat(row[5])
        assert bool(row[8]) == bool(row[9])
    truth = read_truth(full[0])
    victims = {(key(n), p["dob"]) for p in truth["people"].values() if p["true_role"] != "noise"
               for n in p["name_variants"]}
    assert any((key(row[0]), row[1]) in victims and row[8] for row in rows["missing_episodes.csv"])
    for row in rows["call_data.csv"]:
        datetime.fromisoformat(row[2])
        assert int(row[3]) >= 0 and e164(row[0]) != e164(row[1])
    assert len({row[0] for row in rows["anpr.csv"]}) > len(
        {row[0].replace(" ", "").upper() for row in rows["anpr.csv"]})
    for row in rows["associations.csv"]:
        assert row[4] in ("ASSOCIATE_OF", "FAMILY_OF") and 0 < float(row[5]) <= 1
        date.fromisoformat(row[6])


def test_bad_arguments_are_explained(tmp_path: Path) -> None:
    with pytest.raises(GraphintelError, match="scale"):
        generate(tmp_path, scale=0)
    with pytest.raises(GraphintelError, match="ISO date"):
        generate(tmp_path, as_of="30/06/2025")
    assert not any(tmp_path.iterdir())


def test_the_window_follows_as_of(tmp_path: Path) -> None:
    generate(tmp_path, seed=2, scale=0.15, as_of="2024-01-31", tabular=False)
    dates = [datetime.fromisoformat(r["date"]) for r in read_reports(tmp_path)]
    assert max(dates) <= datetime(2024, 1, 31, 23, 59)
    assert min(dates) >= datetime(2024, 1, 31) - timedelta(days=731)
    assert read_truth(tmp_path)["as_of"] == "2024-01-31"
