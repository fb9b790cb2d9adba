"""The independent scenario generator (validation/scenarios): contract, identity, truth.

Pure Python, no Neo4j. Contact in ``truth.child_links`` is checked against the reports
themselves (links, places and times, vehicles, missing episodes, calls, messages), not
against the generator's bookkeeping.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from graphintel.clean import clean_phone, name_key
from graphintel.ingest.report import unit_from_report
from validation.scenarios import Scenario, generate, write
from validation.scenarios.generate import main

FIELDS = {"ref", "date", "grading", "author", "source_system", "narrative", "entities",
          "links"}
ENTITY_TYPES = {"Person", "Phone", "Vehicle", "Location", "OnlineAccount", "Event"}
LINK_TYPES = {"ASSOCIATE_OF", "FAMILY_OF", "EXPLOITS", "USES", "OWNS", "DRIVES",
              "PASSENGER_IN", "LIVES_AT", "FREQUENTS", "SEEN_AT", "CALLED", "HAS_ACCOUNT",
              "MESSAGED", "SUBJECT_OF", "INVOLVED_IN", "FOUND_AT", "MISSING_FROM",
              "OCCURRED_AT"}
ROLES = {"suspect", "victim", "associate", "witness", "unknown"}
OFFENDERS = {"organiser", "recruiter", "broker", "driver", "host", "groomer", "peer_recruiter"}
SHAPES = {"organiser_at_distance", "peer_recruitment", "online_only", "county_lines"}
DRAMA = re.compile(r"(07700900\d{3}|01(1[3-8]|[2-6]1)4960\d{3}|02079460\d{3})")
LO, HI = "2024-01-01", "2025-12-31T23:59:59"


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return generate(7)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _ents(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in report["entities"]}


class People:
    """Person mentions resolved to truth keys by FORMATS.md: nominal, else name + dob."""

    def __init__(self, reports: list[dict[str, Any]], truth: dict[str, Any]) -> None:
        self.truth = truth["people"]
        self.by_nd = {(name_key(p["name"]), p["dob"]): k for k, p in self.truth.items()}
        self.nominal_of: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.nd_of: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for rep in reports:
            for e in rep["entities"]:
                if e["type"] == "Person" and e.get("nominal_ref"):
                    nd = (name_key(e["name"]), e["dob"])
                    self.nominal_of[nd].add(e["nominal_ref"])
                    self.nd_of[e["nominal_ref"]].add(nd)

    def key(self, e: dict[str, Any]) -> str:
        nd = (name_key(e["name"]), e["dob"])
        if e.get("nominal_ref"):
            return str(e["nominal_ref"])
        nominals = self.nominal_of.get(nd)
        return next(iter(nominals)) if nominals else self.by_nd[nd]

    def is_child(self, key: str) -> bool:
        return bool(self.truth[key]["is_child_at"])

    def role(self, key: str) -> str:
        return str(self.truth[key]["true_role"])


def _place_key(e: dict[str, Any]) -> tuple[str, str]:
    return (e["postcode"].replace(" ", "").upper(), name_key(e["address"]))


def scan_contacts(reports: list[dict[str, Any]], people: People) -> set[frozenset[str]]:
    """Pairs of people the reports put in direct contact (E-graded reports ignored)."""
    pairs: set[frozenset[str]] = set()
    sightings: dict[tuple[str, str], list[tuple[datetime, str]]] = defaultdict(list)
    phone_users: dict[str, set[str]] = defaultdict(set)
    account_holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    calls: list[tuple[str, str]] = []
    messages: list[tuple[tuple[str, str], tuple[str, str]]] = []

    def add(group: set[str]) -> None:
        for a, b in combinations(sorted(group), 2):
            pairs.add(frozenset((a, b)))

    for rep in reports:
        if rep["grading"]["intel"] == "E":
            continue
        ents = _ents(rep)
        pkey = {i: people.key(e) for i, e in ents.items() if e["type"] == "Person"}
        in_vehicle: dict[str, set[str]] = defaultdict(set)
        in_event: dict[str, set[str]] = defaultdict(set)
        for lk in rep["links"]:
            a, b, kind = lk["from"], lk["to"], lk["type"]
            if kind in ("EXPLOITS", "ASSOCIATE_OF"):
                add({pkey[a], pkey[b]})
            elif kind == "SEEN_AT" and "at" in lk:
                sightings[_place_key(ents[b])].append((_when(lk["at"]), pkey[a]))
            elif kind in ("DRIVES", "PASSENGER_IN") and "at" in lk:
                in_vehicle[b].add(pkey[a])
            elif kind in ("SUBJECT_OF", "INVOLVED_IN"):
                in_event[b].add(pkey[a])
            elif kind == "USES":
                phone_users[clean_phone(ents[b]["number"]).value or ""].add(pkey[a])
            elif kind == "HAS_ACCOUNT":
                acc = ents[b]
                account_holders[(acc["platform"].lower(), acc["handle"].lower())].add(pkey[a])
            elif kind == "CALLED":
                calls.append((clean_phone(ents[a]["number"]).value or "",
                              clean_phone(ents[b]["number"]).value or ""))
            elif kind == "MESSAGED":
                messages.append(((ents[a]["platform"], ents[a]["handle"].lower()),
                                 (ents[b]["platform"], ents[b]["handle"].lower())))
        for group in [*in_vehicle.values(), *in_event.values()]:
            add(group)
    for seen in sightings.values():
        seen.sort()
        for (t1, a), (t2, b) in combinations(seen, 2):
            if abs(t2 - t1) <= timedelta(hours=1):
                add({a, b})
    for x, y in calls:
        for a in phone_users[x]:
            for b in phone_users[y]:
                add({a, b})
    for acc_x, acc_y in messages:
        for a in account_holders[acc_x]:
            for b in account_holders[acc_y]:
                add({a, b})
    return {p for p in pairs if len(p) == 2}


def child_contacts(pairs: set[frozenset[str]], people: People) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        a, b = sorted(pair)
        for off, kid in ((a, b), (b, a)):
            if people.role(off) in OFFENDERS and people.is_child(kid):
                out[off].add(kid)
    return out


# -- tests ------------------------------------------------------------------------------
def test_same_seed_same_bytes_and_cli(tmp_path: Path) -> None:
    one = write(generate(7), tmp_path / "a")
    two = write(generate(7), tmp_path / "b")
    assert main(["--seed", "7", "--out", str(tmp_path / "c")]) == 0
    for name in ("reports", "truth"):
        data = one[name].read_bytes()
        assert data == two[name].read_bytes()
        assert data == (tmp_path / "c" / one[name].name).read_bytes()
    assert one["reports"].name == "reports.jsonl" and one["truth"].name == "truth.json"


def test_different_seeds_differ(scenario: Scenario) -> None:
    other = generate(8)
    assert other.reports != scenario.reports
    assert other.truth["people"].keys() != scenario.truth["people"].keys()


def test_reports_follow_formats(scenario: Scenario) -> None:
    refs = [r["ref"] for r in scenario.reports]
    assert len(set(refs)) == len(refs)
    for i, rep in enumerate(scenario.reports):
        assert FIELDS <= rep.keys(), rep["ref"]
        g = rep["grading"]
        assert g["source"] in "123" and g["intel"] in "ABCDE" and g["handling"] in "PC"
        assert bool(g.get("conditions")) == (g["handling"] == "C")
        assert LO <= rep["date"] <= HI and rep["narrative"]
        ids = [e["id"] for e in rep["entities"]]
        assert len(set(ids)) == len(ids)
        for e in rep["entities"]:
            assert e["type"] in ENTITY_TYPES
            if e["type"] == "Person":
                assert e["name"] and e["dob"] and e["role"] in ROLES
            if e["type"] == "Phone":
                assert DRAMA.fullmatch(re.sub(r"\D", "", e["number"].replace("+44", "0")))
            for k in ("start", "end"):
                if k in e:
                    assert LO <= e[k] <= rep["date"]
        for lk in rep["links"]:
            assert lk["type"] in LINK_TYPES and lk["from"] in ids and lk["to"] in ids
            if "at" in lk:
                assert LO <= lk["at"] <= rep["date"]
            if "count" in lk:
                assert isinstance(lk["count"], int) and lk["count"] > 0
        # graphintel's own ingest accepts it; no stray phone/VRM/postcode in the text
        unit = unit_from_report(rep, "scenario.jsonl", i + 1)
        assert not [e for e in unit.entities if e.extracted], rep["narrative"]
        # (a report calling someone "her child", or a girl "missing from Beechcroft House",
        # a children's home, is a sign of a child, not a fault in the data)
        assert {f for e in unit.entities for f in e.flags} <= {"not_valid_number",
                                                               "called_a_child",
                                                               "looked_after_child"}


def test_person_identity_is_unique(scenario: Scenario) -> None:
    people = People(scenario.reports, scenario.truth)
    assert all(len(nds) == 1 for nds in people.nd_of.values())
    assert all(len(ns) == 1 for ns in people.nominal_of.values())
    truth = scenario.truth["people"]
    nds = [(name_key(p["name"]), p["dob"]) for p in truth.values()]
    assert len(set(nds)) == len(nds)
    nominals = [p["nominal_ref"] for p in truth.values() if p["nominal_ref"]]
    assert len(set(nominals)) == len(nominals)
    for key, p in truth.items():
        assert key == (p["nominal_ref"] or f"{p['name']}|{p['dob']}")
        if p["nominal_ref"]:
            assert people.nd_of[key] == {(name_key(p["name"]), p["dob"])}
    mentioned = {people.key(e) for r in scenario.reports for e in r["entities"]
                 if e["type"] == "Person"}
    assert mentioned == set(truth)
    # some nominals are also mentioned by name + dob alone
    assert any(e["type"] == "Person" and not e.get("nominal_ref")
               and people.key(e) in nominals for r in scenario.reports for e in r["entities"])


def test_every_shape_has_its_organiser(scenario: Scenario) -> None:
    truth = scenario.truth
    nets = truth["networks"]
    assert {n["shape"] for n in nets} == SHAPES
    assert all(sum(n["shape"] == s for n in nets) >= 2 for s in SHAPES)
    for n in nets:
        org = n["organiser"]
        assert org in n["members"] and org in truth["key_offenders"]
        expected = "groomer" if n["shape"] == "online_only" else "organiser"
        assert truth["people"][org]["true_role"] == expected
        assert all(truth["people"][m]["network"] == n["id"] for m in n["members"])


def test_child_links_match_the_reports(scenario: Scenario) -> None:
    truth = scenario.truth
    people = People(scenario.reports, truth)
    found = child_contacts(scan_contacts(scenario.reports, people), people)
    links = truth["child_links"]
    assert set(found) <= set(links)
    assert {k for k, p in truth["people"].items() if p["true_role"] in OFFENDERS} == set(links)
    for off, kids in links.items():
        assert kids == sorted(kids) and all(people.is_child(k) for k in kids)
        assert set(kids) == found.get(off, set()), off
    assert sum(len(v) for v in links.values()) > 50
    distant = [n["organiser"] for n in truth["networks"] if n["shape"] == "organiser_at_distance"]
    assert distant and all(not links[o] for o in distant)


def test_e_graded_false_leads_exist(scenario: Scenario) -> None:
    people = People(scenario.reports, scenario.truth)
    leads = 0
    for rep in scenario.reports:
        if rep["grading"] != {"source": "3", "intel": "E", "handling": "P"}:
            continue
        keys = {people.key(e) for e in rep["entities"] if e["type"] == "Person"}
        roles = {people.role(k) for k in keys}
        if "false_lead_subject" in roles and roles & OFFENDERS:
            leads += 1
    assert leads >= 2


def test_childrens_home_co_residents_without_offender_contact(scenario: Scenario) -> None:
    people = People(scenario.reports, scenario.truth)
    residents: dict[tuple[str, str], set[str]] = defaultdict(set)
    for rep in scenario.reports:
        ents = _ents(rep)
        for lk in rep["links"]:
            if lk["type"] == "LIVES_AT":
                residents[_place_key(ents[lk["to"]])].add(people.key(ents[lk["from"]]))
    contacted = set().union(*child_contacts(scan_contacts(scenario.reports, people),
                                            people).values())
    shared = [ks for ks in residents.values()
              if sum(people.is_child(k) for k in ks) >= 3
              and not any(people.role(k) in OFFENDERS - {"peer_recruiter"} for k in ks)]
    assert shared
    assert any(any(people.is_child(k) and k not in contacted for k in ks)
               and any(k in contacted for k in ks) for ks in shared)


def test_victims_who_are_also_suspects(scenario: Scenario) -> None:
    truth = scenario.truth
    people = People(scenario.reports, truth)
    roles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for rep in scenario.reports:
        for e in rep["entities"]:
            if e["type"] == "Person":
                roles[people.key(e)].append((rep["date"], e["role"]))
    peers = [k for k, p in truth["people"].items() if p["true_role"] == "peer_recruiter"]
    assert peers and all({r for _, r in roles[k]} >= {"victim", "suspect"} for k in peers)
    grown = [k for k, p in truth["people"].items()
             if p["true_role"] == "recruiter" and {r for _, r in roles[k]} >= {"victim"}]
    assert grown
    for k in grown:
        first = min(roles[k])
        dob = truth["people"][k]["dob"]
        eighteen = f"{int(dob[:4]) + 18}{dob[4:]}"
        assert first[1] == "victim" and first[0] < eighteen
        assert all(d >= eighteen for d, r in roles[k] if r == "suspect")
    adults = [p for p in truth["people"].values() if p["true_role"] == "adult_victim"]
    assert adults and not any(p["is_child_at"] for p in adults)


def test_package_and_module_spellings_both_generate() -> None:
    import validation.scenarios as package
    import validation.scenarios.generate as module

    small = module(3, networks=1, noise_people=0)  # type: ignore[operator]
    assert isinstance(small, Scenario) and small.reports
    assert package.generate(3, networks=1, noise_people=0).reports == small.reports
