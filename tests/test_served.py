"""Queries a graphintel procedure answers inside the server (graphintel/served.py).

The local Neo4j registers the procedures itself; another server loads the jar
``graphintel neo4j plugin`` writes; a server with neither runs the Cypher reference. Every
way gives the rows of the reference (tests/test_derived.py and tests/test_queries.py hold
the rows equal on graphs with ties, limits and every kind of sighting date).
"""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel import local_neo4j
from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.doctor import procedures_check
from graphintel.ingest import ingest
from graphintel.queries import run_query, show_query
from graphintel.schema import apply_schema
from graphintel.served import PROCEDURES, SERVED, served
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

VICTIM = {"id": "v", "type": "Person", "name": "Vic Tim", "dob": "2011-05-05", "role": "victim"}
PARK = {"id": "p", "type": "Location", "address": "The Park", "postcode": "BA2 2BB",
        "kind": "hotspot"}
YARD = {"id": "y", "type": "Location", "address": "The Yard", "postcode": "BA2 2BC",
        "kind": "hotspot"}
#: a place known by its postcode alone: listed by it, after the named places it ties with
LANE = {"id": "l", "type": "Location", "postcode": "BA2 2BD", "kind": "hotspot"}


def _sightings(path: Path) -> Path:
    """A child seen at three places on five days."""
    reports = [report(f"S{n}", [VICTIM, place],
                      [{"from": "v", "to": place["id"], "type": "SEEN_AT",
                        "at": f"{day}T21:00:00"}], date=day)
               for n, (place, day) in enumerate([(PARK, "2025-01-10"), (PARK, "2025-03-02"),
                                                 (YARD, "2025-03-04"), (PARK, "2025-04-01"),
                                                 (LANE, "2025-03-05")])]
    return write_jsonl(path, reports)


class _WithoutProcedures(Store):
    """The same Neo4j, seen as a server that has none of graphintel's procedures."""

    def procedures(self) -> frozenset[str]:
        return frozenset()


def test_the_local_neo4j_has_every_served_procedure(store: Store, settings: Settings) -> None:
    assert PROCEDURES <= store.procedures()
    for name, (_, file) in SERVED.items():
        cf = show_query(settings, name)
        runs = served(store, cf)
        assert runs.name == file
        # the same contract: run in the reference's place, it is bound the same way
        assert runs.params == cf.params and runs.returns == cf.returns


def test_a_server_without_the_procedure_runs_the_cypher(store: Store, settings: Settings,
                                                        tmp_path: Path) -> None:
    assert ingest([_sightings(tmp_path / "s.jsonl")], settings=settings, store=store).ok
    with _WithoutProcedures.open(settings) as bare:
        cf = show_query(settings, "hotspots")
        assert served(bare, cf) is cf
        # on 3 March on, three places tie on every count: the place's text decides
        for params, top in (({}, "The Park"), ({"since": "2025-03-01"}, "The Park"),
                            ({"since": "2025-03-03", "limit": "1"}, "BA2 2BD")):
            rows = run_query(bare, settings, "hotspots", params).rows
            assert rows == run_query(store, settings, "hotspots", params).rows
            assert [r["place"] for r in rows][:1] == [top], params
        assert [(r["place"], r["score"]) for r in run_query(
            bare, settings, "hotspots", {"since": "2025-03-01"}).rows] == [
            ("The Park", 2), ("BA2 2BD", 1), ("The Yard", 1)]
        # the doctor says so, and how to give the server the procedures
        check = procedures_check(bare)
        assert check.ok and check.warning
        assert check.detail.startswith("graphintel.hotspots not on this server")
        assert "graphintel neo4j plugin" in check.fix
    assert not procedures_check(store).warning


def test_the_plugin_jar_serves_the_procedures_on_a_server_that_loads_it(
        settings: Settings, tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    assert main(["neo4j", "plugin", "--out", str(plugins)]) == 0
    jar = plugins / local_neo4j.PLUGIN_JAR
    with zipfile.ZipFile(jar) as packed:
        names = set(packed.namelist())
    assert "graphintel/Hotspots.class" in names and "graphintel/Hotspots$Row.class" in names
    assert not any("LocalNeo4j" in n for n in names)  # the launcher is not a plugin
    # a server whose plugin folder holds the jar: its plugin loader registers them (the
    # launcher leaves them to it, as docker-compose.yml's server has only the jar)
    other = replace(settings, home=tmp_path / "home-plugin", local_heap="512m",
                    local_pagecache_mb=64)
    try:
        local_neo4j.start(other, plugins=plugins)
        log = local_neo4j.paths_for(other).log.read_text(encoding="utf-8")
        assert "already in use" not in log
        with Store.open(other) as s:
            assert "graphintel.hotspots" in s.procedures()
            apply_schema(s)
            assert ingest([_sightings(tmp_path / "s.jsonl")], settings=other, store=s).ok
            for params in ({}, {"since": "2025-03-03"}, {"since": "2025-01-01", "limit": "1"}):
                got = run_query(s, other, "hotspots", params).rows
                assert got == run_query(s, other, "hotspots", params, in_server=False).rows
                assert got, params
    finally:
        local_neo4j.stop(other)



def test_query_show_says_which_procedure_answers_a_query(
        settings: Settings, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "show", "hotspots"]) == 0
    out = capsys.readouterr().out
    assert "runs as: graphintel.hotspots inside the server" in out
    assert "MATCH (l:Location)" in out  # the reference is what is shown
    assert main(["query", "show", "weak_links"]) == 0
    assert "runs as:" not in capsys.readouterr().out
