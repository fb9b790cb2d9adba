"""The published validation data converts to canonical reports that lose nothing.

Pure Python: no Neo4j. The figures come from each data folder's VERIFICATION.txt and the
published tables; the graphs are rebuilt from the converted reports, not from the sources.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphintel.ingest.report import unit_from_report
from validation.published import DATA, Converted, caviar, check_report, kosmas, main, matrix, write
from validation.published_caviar import phase_end

CAVIAR = DATA / "caviar"
KEY_PLAYERS = CAVIAR / "key_players.csv"
KOSMAS = DATA / "kosmas_sex_trafficking"
MATRICES = DATA / "criminal_matrices"
MATRIX_FILES = sorted(MATRICES.glob("*.csv"))
KOSMAS_FILES = sorted(KOSMAS.glob("*.graphml"))


@cache
def whole() -> Converted:
    return caviar(CAVIAR / "caviar_full_edges_directed.csv", key_players_csv=KEY_PLAYERS)


@cache
def phase(p: int) -> Converted:
    return caviar(CAVIAR / "phases" / f"phase{p}_edges_directed.csv", phase=p,
                  key_players_csv=KEY_PLAYERS)


def persons(conv: Converted) -> dict[str, set[str]]:
    """nominal_ref -> every role any report gives that person."""
    roles: dict[str, set[str]] = defaultdict(set)
    for r in conv.reports:
        for e in r["entities"]:
            if e["type"] == "Person":
                roles[e["nominal_ref"]].add(e["role"])
    return dict(roles)


def person_entities(conv: Converted) -> dict[str, dict[str, Any]]:
    """nominal_ref -> the person's entity (asserting every mention says the same)."""
    out: dict[str, dict[str, Any]] = {}
    for r in conv.reports:
        for e in r["entities"]:
            if e["type"] == "Person":
                same = {k: v for k, v in e.items() if k not in ("id", "role")}
                assert out.setdefault(e["nominal_ref"], same) == same
    return out


def links(conv: Converted, ltype: str) -> list[dict[str, Any]]:
    return [link for r in conv.reports for link in r["links"] if link["type"] == ltype]


def call_graph(conv: Converted) -> nx.DiGraph:
    """Person -> person calls rebuilt from the reports (phone USES + phone CALLED phone)."""
    owner: dict[str, str] = {}
    g = nx.DiGraph()
    for r in conv.reports:
        ents = {e["id"]: e for e in r["entities"]}
        for link in r["links"]:
            if link["type"] == "USES":
                ref, number = ents[link["from"]]["nominal_ref"], ents[link["to"]]["number"]
                assert owner.setdefault(number, ref) == ref, "a phone has two users"
        for link in r["links"]:
            if link["type"] == "CALLED":
                a = owner[ents[link["from"]]["number"]]
                b = owner[ents[link["to"]]["number"]]
                calls = g.get_edge_data(a, b, {"calls": 0})["calls"] + link["count"]
                g.add_edge(a, b, calls=calls)
    assert len(set(owner.values())) == len(owner), "a person has two phones"
    return g


def undirected_calls(g: nx.DiGraph) -> nx.Graph:
    """Calls summed over both directions; distance = 1/calls."""
    u = nx.Graph()
    for a, b, d in g.edges(data=True):
        calls = u.get_edge_data(a, b, {"calls": 0})["calls"] + d["calls"]
        u.add_edge(a, b, calls=calls, distance=1 / calls)
    return u


def node(ref: str) -> str:
    return ref.removeprefix("CAVIAR-")


# ---------------------------------------------------------------- CAVIAR


def test_caviar_whole_network_counts() -> None:
    conv = whole()
    assert len(persons(conv)) == 110
    called = links(conv, "CALLED")
    assert len(called) == 295 == len(conv.reports)
    assert sum(link["count"] for link in called) == 3546
    assert {r["date"] for r in conv.reports} == {"1996-06-30"}
    assert {json.dumps(r["grading"]) for r in conv.reports} == {
        json.dumps({"source": "1", "intel": "A", "handling": "P"})}
    assert all(r["source_system"] == "caviar-wiretap" for r in conv.reports)
    assert conv.reports[0]["ref"] == "CAVIAR/P0/0001"
    assert conv.truth["nodes"] == 110 and conv.truth["undirected_edges"] == 205


def test_caviar_people_and_phones() -> None:
    conv = whole()
    people = person_entities(conv)
    assert people["CAVIAR-N1"]["name"] == "Daniel Serero"
    assert people["CAVIAR-N12"]["name"] == "Ernesto Morales"
    assert people["CAVIAR-N2"]["name"] == "Participant N2"
    assert all("dob" not in p for p in people.values())
    assert set().union(*persons(conv).values()) == {"suspect"}
    numbers = {e["number"] for r in conv.reports for e in r["entities"] if e["type"] == "Phone"}
    assert len(numbers) == 110
    assert all(re.fullmatch(r"07700 900\d{3}", n) for n in numbers)
    assert "07700 900110" in numbers and "07700 900001" in numbers
    assert conv.truth["nominal_refs"]["N87"] == "CAVIAR-N87"
    assert conv.truth["key_players"]["N3"]["name"] == "Pierre Perlini"
    assert len(conv.truth["key_players"]) == 23


def test_caviar_reports_reproduce_published_betweenness() -> None:
    conv = whole()
    u = undirected_calls(call_graph(conv))
    assert u.number_of_nodes() == 110 and u.number_of_edges() == 205
    bc = {node(k): v for k, v in nx.betweenness_centrality(u, weight="distance").items()}
    expected = {"N1": 0.895, "N3": 0.364, "N12": 0.348, "N87": 0.310, "N37": 0.158}
    for n, value in expected.items():
        assert bc[n] == pytest.approx(value, abs=1e-3), n
    assert sorted(bc, key=bc.__getitem__, reverse=True)[:5] == list(expected)
    published = conv.truth["published"]["betweenness_undirected_1_over_calls"]
    assert max(abs(bc[n] - published[n]) for n in published) < 1e-9
    degree = {node(k): v for k, v in nx.degree_centrality(u).items()}
    assert max(abs(degree[n] - v) for n, v in conv.truth["published"]["degree"].items()) < 1e-9


def test_caviar_reports_reproduce_published_directed_betweenness() -> None:
    g = call_graph(whole())
    nx.set_edge_attributes(g, {(a, b): 1 / d["calls"] for a, b, d in g.edges(data=True)},
                           "distance")
    bc = {node(k): v for k, v in nx.betweenness_centrality(g, weight="distance").items()}
    published = whole().truth["published"]["betweenness_directed"]
    assert len(published) == 110
    assert max(abs(bc[n] - published[n]) for n in published) < 1e-9


def test_caviar_phase_leaders_in_truth() -> None:
    leaders = whole().truth["phase_leaders"]
    assert leaders[9] == "N3" and leaders[11] == "N12"
    assert {leaders[p] for p in (1, 2, 3, 4, 5, 6, 7, 8, 10)} == {"N1"}


def _phase_sizes() -> dict[int, tuple[int, int]]:
    text = (CAVIAR / "VERIFICATION.txt").read_text(encoding="utf-8")
    return {int(p): (int(n), int(m))
            for p, n, m in re.findall(r"phase\s+(\d+): n=(\d+) m=(\d+)", text)}


def test_verification_lists_every_phase() -> None:
    assert sorted(_phase_sizes()) == list(range(1, 12))


@pytest.mark.parametrize("p", range(1, 12))
def test_caviar_phase_converts(p: int) -> None:
    conv = phase(p)
    n, m = _phase_sizes()[p]
    assert len(persons(conv)) == n == conv.truth["nodes"]
    g = call_graph(conv)
    assert undirected_calls(g).number_of_edges() == m
    assert {r["date"] for r in conv.reports} == {phase_end(p)}
    assert all(r["ref"].startswith(f"CAVIAR/P{p}/") for r in conv.reports)
    nx.set_edge_attributes(g, {(a, b): 1 / d["calls"] for a, b, d in g.edges(data=True)},
                           "distance")
    bc = {node(k): v for k, v in nx.betweenness_centrality(g, weight="distance").items()}
    published = conv.truth["published_phase"]["betweenness_directed"]
    assert max(abs(bc[x] - published[x]) for x in published) < 1e-9
    assert max(bc, key=bc.__getitem__) == conv.truth["phase_leaders"][p]


def test_caviar_phase_dates() -> None:
    assert phase_end(1) == "1994-04-30"
    assert phase_end(9) == "1995-08-31"
    assert phase_end(11) == "1995-12-31"


def test_caviar_phase_mismatch_is_refused() -> None:
    with pytest.raises(ValueError, match="phase 9"):
        caviar(CAVIAR / "phases" / "phase9_edges_directed.csv", key_players_csv=KEY_PLAYERS)
    with pytest.raises(ValueError):
        caviar(CAVIAR / "phases" / "phase9_edges_directed.csv", phase=8,
               key_players_csv=KEY_PLAYERS)


# ---------------------------------------------------------------- Kosmas


def _kosmas_verification() -> dict[str, tuple[int, int, dict[str, int]]]:
    text = (KOSMAS / "VERIFICATION.txt").read_text(encoding="utf-8")
    return {name: (int(n), int(m), ast.literal_eval(roles))
            for name, n, m, roles in re.findall(
                r"^(\S+\.graphml): n=(\d+) m=(\d+) roles=(\{.*\})$", text, re.M)}


def _age(dob: str, on: dt.date = dt.date(2026, 1, 1)) -> int:
    born = dt.date.fromisoformat(dob)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def test_kosmas_ht5_4() -> None:
    conv = kosmas(KOSMAS / "HT5_4_40.graphml")
    roles = persons(conv)
    assert len(roles) == 35
    assert len(links(conv, "ASSOCIATE_OF")) == 108
    assert {link["type"] for r in conv.reports for link in r["links"]} == {"ASSOCIATE_OF"}
    truth = conv.truth
    assert Counter(truth["roles"].values()) == Counter(
        {"trafficker": 5, "bottom": 4, "victim, minor": 14, "victim, adult": 12})
    assert set(truth["roles"]) == set(roles)
    assert all(ref.startswith("HT5_4-") for ref in roles)
    assert len(truth["traffickers"]) == 5 and len(truth["minors"]) == 14
    assert len(truth["victims"]) == 14 + 12 + 4
    assert {r["grading"]["source"] + r["grading"]["intel"] + r["grading"]["handling"]
            for r in conv.reports} == {"2BP"}
    assert {r["date"][:4] for r in conv.reports} == {"2025"}


@pytest.mark.parametrize("path", KOSMAS_FILES, ids=lambda p: p.stem)
def test_kosmas_networks(path: Path) -> None:
    n, m, role_counts = _kosmas_verification()[path.name]
    conv = kosmas(path)
    roles, people, truth = persons(conv), person_entities(conv), conv.truth
    assert len(roles) == n == truth["nodes"]
    assert len(links(conv, "ASSOCIATE_OF")) == m == truth["edges"]
    assert Counter(truth["roles"].values()) == Counter(role_counts)
    assert len({p["name"] for p in people.values()}) == n
    for ref, role in truth["roles"].items():
        age = _age(people[ref]["dob"])
        if role == "trafficker":
            assert roles[ref] == {"suspect"}
            assert age >= 18
        elif role == "bottom":
            assert roles[ref] == {"suspect", "victim"}
            assert 19 <= age <= 30
        elif role == "victim, minor":
            assert roles[ref] == {"victim"}
            assert 13 <= age <= 17
            assert _age(people[ref]["dob"], dt.date(2026, 12, 31)) < 18
            assert ref in truth["minors"] and ref in truth["victims"]
        else:
            assert roles[ref] == {"victim"}
            assert 19 <= age <= 30
    assert set(truth["victims"]) == {r for r, x in truth["roles"].items() if x != "trafficker"}
    assert len(truth["traffickers"]) == 5


def test_kosmas_bottom_assessments() -> None:
    conv = kosmas(KOSMAS / "HT5_4_40.graphml")
    bottoms = conv.truth["bottoms"]
    single = [r for r in conv.reports if len(r["entities"]) == 1]
    assert len(single) == 2 * len(bottoms)
    seen = Counter((r["entities"][0]["nominal_ref"], r["entities"][0]["role"]) for r in single)
    assert seen == Counter({(b, role): 1 for b in bottoms for role in ("victim", "suspect")})


# ---------------------------------------------------------------- matrices


def nx_from_csv(path: Path) -> nx.Graph:
    """networkx straight from the matrix CSV: a pair is linked when either cell is non-zero."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    labels = [row[0] for row in rows[1:]]
    g = nx.Graph()
    g.add_nodes_from(labels)
    for i, row in enumerate(rows[1:]):
        for j, cell in enumerate(row[1:]):
            if float(cell) != 0:
                g.add_edge(labels[i], rows[0][1 + j])
    return g


def _matrix_verification() -> dict[str, tuple[int, int]]:
    text = (MATRICES / "VERIFICATION.txt").read_text(encoding="utf-8")
    return {name: (int(n), int(m))
            for name, n, m in re.findall(r"^(\S+\.csv) \(.*?\): n=(\d+) m=(\d+)", text, re.M)}


def test_matrix_files_present() -> None:
    assert len(MATRIX_FILES) == 9


@pytest.mark.parametrize("path", MATRIX_FILES, ids=lambda p: p.stem)
def test_matrix_converts(path: Path) -> None:
    name = path.stem.upper()
    conv = matrix(path, name)
    g = nx_from_csv(path)
    roles = persons(conv)
    assert len(roles) == g.number_of_nodes() == conv.truth["nodes"]
    assert (g.number_of_nodes(), g.number_of_edges()) == _matrix_verification()[path.name]
    assoc = links(conv, "ASSOCIATE_OF")
    assert len(assoc) == g.number_of_edges() == conv.truth["edges"]
    assert set().union(*roles.values()) == {"suspect"}
    assert all(ref.startswith(f"{name}-") for ref in roles)
    rebuilt = nx.Graph()
    rebuilt.add_nodes_from(ref.removeprefix(f"{name}-") for ref in roles)
    for r in conv.reports:
        if r["links"]:
            a, b = (e["nominal_ref"].removeprefix(f"{name}-") for e in r["entities"])
            rebuilt.add_edge(a, b)
    assert nx.utils.graphs_equal(rebuilt, g)
    assert len({r["date"] for r in conv.reports}) == 1
    has_count = [link for link in assoc if "count" in link]
    assert len(has_count) == (len(assoc) if conv.truth["valued"] else 0)


def test_matrix_values_become_counts() -> None:
    london = matrix(MATRICES / "LONDON_GANG.csv", "LONDON")
    assert Counter(link["count"] for link in links(london, "ASSOCIATE_OF")) == Counter(
        {1: 182, 2: 92, 3: 25, 4: 16})
    cielnet = matrix(MATRICES / "morselli_cielnet.csv", "CIELNET")
    people = {r["entities"][0]["nominal_ref"] + "|" + r["entities"][1]["nominal_ref"]:
              r["links"][0]["count"] for r in cielnet.reports}
    assert people["CIELNET-N1|CIELNET-N2"] == 17 + 21  # both directions summed
    assert not matrix(MATRICES / "morselli_siren.csv", "SIREN").truth["valued"]


def test_matrix_isolates_are_kept() -> None:
    conv = matrix(MATRICES / "MONTREALGANG.csv", "MTL")
    assert conv.truth["isolates"] == ["Bronx", "V_Block"]
    assert {"MTL-Bronx", "MTL-V_Block"} <= set(persons(conv))


# ---------------------------------------------------------------- format and files


@cache
def everything() -> list[Converted]:
    return ([whole()] + [phase(p) for p in range(1, 12)] + [kosmas(p) for p in KOSMAS_FILES]
            + [matrix(p, p.stem.upper()) for p in MATRIX_FILES])


def test_every_report_is_canonical_and_ingests() -> None:
    for conv in everything():
        refs = [r["ref"] for r in conv.reports]
        assert len(set(refs)) == len(refs)
        json.dumps(conv.truth)
        for line, report in enumerate(conv.reports, start=1):
            assert check_report(report) == [], report["ref"]
            unit = unit_from_report(json.loads(json.dumps(report)), "validation", line)
            assert not [e for e in unit.entities if e.extracted], report["ref"]
            assert len(unit.entities) == len(report["entities"])


def test_check_report_finds_problems() -> None:
    good = whole().reports[0]
    assert check_report(good) == []
    bad = json.loads(json.dumps(good))
    bad["entities"][1]["id"] = "e1"
    bad["links"].append({"from": "e1", "to": "e9", "type": "KNOWS"})
    bad["entities"][0]["role"] = "boss"
    problems = " | ".join(check_report(bad))
    assert "used twice" in problems and "e9" in problems and "KNOWS" in problems
    assert "boss" in problems


def test_conversion_is_deterministic() -> None:
    a = kosmas(KOSMAS / "HT5_1_40.graphml")
    b = kosmas(KOSMAS / "HT5_1_40.graphml")
    assert json.dumps(a.reports) == json.dumps(b.reports)
    assert json.dumps(a.truth) == json.dumps(b.truth)


def test_write_round_trips(tmp_path: Path) -> None:
    conv = whole()
    paths = write(conv, tmp_path / "out")
    lines = paths["reports"].read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == conv.reports
    truth = json.loads(paths["truth"].read_text(encoding="utf-8"))
    assert truth["phase_leaders"]["11"] == "N12"
    assert truth["published"]["degree"]["N1"] == pytest.approx(0.5504587155963303)


def test_main_writes_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kosmas", str(KOSMAS / "HT5_5_40.graphml"), "--out", str(tmp_path)]) == 0
    assert (tmp_path / "reports.jsonl").exists() and (tmp_path / "truth.json").exists()
    assert main(["matrix", str(MATRICES / "morselli_togo.csv"), "--out",
                 str(tmp_path / "togo")]) == 0
    truth = json.loads((tmp_path / "togo" / "truth.json").read_text(encoding="utf-8"))
    assert truth["name"] == "MORSELLI_TOGO" and truth["edges"] == 47
    assert main(["caviar", str(CAVIAR / "phases" / "phase11_edges_directed.csv"), "--phase",
                 "11", "--out", str(tmp_path / "p11")]) == 0
    assert main(["caviar", str(CAVIAR / "phases" / "phase11_edges_directed.csv"), "--out",
                 str(tmp_path / "bad")]) == 1
    assert "reports" in capsys.readouterr().out
