"""Faults survived: Neo4j killed mid-load, unreachable, restarted; unwritable output folders."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from graphintel import local_neo4j
from graphintel.config import Settings
from graphintel.errors import OutputError
from graphintel.ingest import ingest
from graphintel.ingest.quarantine import Quarantine
from graphintel.ingest.records import Problem
from graphintel.store import Store
from graphintel.synth import generate
from tests.graph_helpers import analyse, fingerprint

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    generate(out, seed=7, scale=0.3)
    return out


def _files(world: Path) -> list[Path]:
    return [world / "reports.jsonl", world / "call_data.csv", world / "anpr.csv",
            world / "missing_episodes.csv", world / "associations.csv"]


def _cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(REPO / "cli.py"), *args], capture_output=True,
                          text=True, env={**os.environ, **env}, cwd=REPO, timeout=600,
                          check=False)


def test_killed_mid_ingest_then_rerun_equals_one_clean_run(store: Store, settings: Settings,
                                                           world: Path) -> None:
    files = [str(p) for p in _files(world)]
    clean = ingest([Path(f) for f in files], settings=settings, store=store)
    assert clean.ok
    expected = fingerprint(store)
    store.wipe()

    proc = subprocess.Popen([sys.executable, str(REPO / "cli.py"), "ingest", *files],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env={**os.environ, "GRAPHINTEL_BATCH_SIZE": "25"})
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        n = store.read_text("MATCH (r:Report) RETURN count(r) AS n", {})[0]["n"]
        if n >= 60:
            break
        time.sleep(0.05)
    assert local_neo4j.kill(settings), "the local Neo4j was not running"
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, (out, err)
    assert "Error:" in err and "Traceback" not in err
    local_neo4j.start(settings)
    partial = store.read_text("MATCH (r:Report) RETURN count(r) AS n", {})[0]["n"]
    assert 0 < partial < 600 + 300
    again = ingest([Path(f) for f in files], settings=settings, store=store)
    assert again.ok
    assert fingerprint(store) == expected


def test_the_files_in_reverse_order_give_the_same_graph(store: Store, settings: Settings,
                                                        world: Path) -> None:
    """Missing episodes and associations (people by name and date of birth) before the
    reports that give their nominal references: the same people, uids, shown names,
    aliases, keys, roles and links as the other way round. (Not the people a report's
    narrative is suggested to name, ``suggested_people``: those known when it is loaded.)"""
    files = _files(world)
    assert ingest(files, settings=settings, store=store).ok
    ignore = frozenset({"suggested_people"})
    expected = fingerprint(store, sort_lists=True, history=False, ignore=ignore)
    store.wipe()
    for path in reversed(files):
        assert ingest([path], settings=settings, store=store).ok
    assert fingerprint(store, sort_lists=True, history=False, ignore=ignore) == expected


def test_concurrent_overlapping_loads_create_no_duplicates(store: Store, settings: Settings,
                                                          world: Path) -> None:
    files = _files(world)
    ingest(files, settings=settings, store=store)
    ignore = frozenset({"suggested_people"})  # see the reverse-order test
    expected = fingerprint(store, sort_lists=True, history=False, ignore=ignore)
    counts = store.counts()
    store.wipe()
    first, second = files[:3], files[1:]  # overlap: call_data and anpr in both
    errors: list[BaseException] = []

    def load(paths: list[Path]) -> None:
        try:
            with Store.open(settings) as own:
                assert ingest(paths, settings=settings, store=own).ok
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []
    assert store.counts()["nodes"] == counts["nodes"]
    assert store.counts()["relationships"] == counts["relationships"]
    # the same people, uids, names, keys and links whichever load came first
    assert fingerprint(store, sort_lists=True, history=False, ignore=ignore) == expected


def test_unreachable_neo4j_is_a_clear_error() -> None:
    done = _cli(["ingest", str(REPO / "sample" / "reports.jsonl")],
                {"NEO4J_URI": "bolt://127.0.0.1:9", "NEO4J_PASSWORD": "x"})
    assert done.returncode == 1
    assert "Error: cannot reach Neo4j at bolt://127.0.0.1:9" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def test_neo4j_restarted_between_commands(settings: Settings, session_store: Store) -> None:
    local_neo4j.stop(settings)
    local_neo4j.start(settings)
    assert session_store.read_text("RETURN 1 AS one", {}) == [{"one": 1}]
    done = _cli(["doctor"], {})
    assert done.returncode == 0, done.stdout + done.stderr


def test_unwritable_quarantine_folder_is_a_clear_error(store: Store, settings: Settings,
                                                       tmp_path: Path) -> None:
    from dataclasses import replace

    home = tmp_path / "home"
    home.mkdir()
    (home / "quarantine").write_text("a file where the quarantine folder should be")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n")
    with pytest.raises(OutputError, match="cannot write the quarantine file"):
        ingest([bad], settings=replace(settings, home=home), store=store)


def test_disk_full_quarantine_is_a_clear_error(tmp_path: Path) -> None:
    q = Quarantine(tmp_path, Path("x.jsonl"))
    q.path = Path("/dev/full")
    with pytest.raises(OutputError, match="No space left on device"):
        q.add(Problem("x.jsonl", 1, "(line)", "malformed JSON", "{oops"))


def test_analyses_and_ingests_at_once(store: Store, settings: Settings, world: Path) -> None:
    from graphintel.analysis.run import list_runs

    files = _files(world)
    ingest(files[:1], settings=settings, store=store)
    errors: list[BaseException] = []

    def work(fn: object) -> None:
        try:
            with Store.open(settings) as own:
                fn(own)  # type: ignore[operator]
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    jobs = [lambda s: ingest(files[1:], settings=settings, store=s),
            lambda s: analyse(s), lambda s: analyse(s)]
    threads = [threading.Thread(target=work, args=(job,)) for job in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    assert errors == []
    assert len(list_runs(store)) == 2
    dupes = store.read_text("MATCH (n:Entity) WITH n.uid AS uid, count(*) AS c WHERE c > 1 "
                            "RETURN count(uid) AS n", {})
    assert dupes == [{"n": 0}]
    reports = store.read_text("MATCH (r:Report) RETURN count(r) AS n", {})[0]["n"]
    per_row = sum(1 for line in (world / "reports.jsonl").read_text().splitlines() if line)
    episodes = len((world / "missing_episodes.csv").read_text().splitlines()) - 1
    assert reports == per_row + episodes + 3  # one per-file report for each other table
