"""The foundation: schema, safe parameters, doctor, local Neo4j, packaged resources."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j.exceptions import ConstraintError

from graphintel import local_neo4j
from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.schema import apply_schema, expected_names, schema_state
from graphintel.store import Store

REPO = Path(__file__).resolve().parent.parent
NASTY = "Robert'); MATCH (n) DETACH DELETE n; // \"{x}\" ${y} `z` \\ CREATE UNION ALL 'quote"


def test_schema_applies_twice_and_rejects_duplicate_keys(store: Store) -> None:
    first = apply_schema(store)
    second = apply_schema(store)
    assert first.applied and second.applied
    assert second.present == expected_names(store)
    assert "person_names" in second.present and "report_narratives_folded" in second.present
    with store._session("WRITE") as session:
        session.run("CREATE (:Phone {key: $k})", k="+447700900123").consume()
        with pytest.raises(ConstraintError):
            session.run("CREATE (:Phone {key: $k})", k="+447700900123").consume()
    rows = store.read_text("MATCH (p:Phone) RETURN count(p) AS n", {})
    assert rows == [{"n": 1}]


def test_parameters_round_trip_verbatim(store: Store) -> None:
    with store._session("WRITE") as session:
        session.run("CREATE (:Report {ref: $ref, narrative: $text})", ref="R1",
                    text=NASTY).consume()
    rows = store.read_text("MATCH (r:Report {ref: $ref}) RETURN r.narrative AS t", {"ref": "R1"})
    assert rows == [{"t": NASTY}]
    assert store.counts()["nodes"] == 1


def test_schema_state_reports_missing_items(store: Store) -> None:
    store.run_schema(["DROP INDEX report_date IF EXISTS"])
    state = schema_state(store)
    assert state.missing == ["report_date"] and not state.applied
    assert apply_schema(store).applied


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, **env}
    return subprocess.run(
        [sys.executable, str(REPO / "cli.py"), *args], capture_output=True, text=True,
        env=full, cwd=REPO, timeout=120, check=False,
    )


def test_doctor_fails_clearly_on_closed_port() -> None:
    port = _free_port()
    done = _run_cli(["doctor"], {"NEO4J_URI": f"bolt://127.0.0.1:{port}",
                                 "NEO4J_PASSWORD": "s3cret-Never-Shown"})
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in out
    assert "fix:" in out
    assert "s3cret-Never-Shown" not in out
    assert "Traceback" not in out


def test_doctor_fails_clearly_on_wrong_password(settings: Settings) -> None:
    st = local_neo4j.status(settings)
    assert st.uri
    done = _run_cli(["doctor"], {"NEO4J_URI": st.uri, "NEO4J_PASSWORD": "Wrong-Pass-123"})
    out = done.stdout + done.stderr
    assert done.returncode == 1
    assert "refused the credentials" in out
    assert "Wrong-Pass-123" not in out
    assert local_neo4j.read_password(settings) not in out


def test_doctor_passes_on_the_test_neo4j(settings: Settings, session_store: Store,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Neo4j 5.26" in out and "community" in out and "schema: applied" in out
    assert "server procedures: graphintel.hotspots" in out
    assert local_neo4j.read_password(settings) not in out


def test_second_home_picks_a_free_port_and_start_reuses(settings: Settings, tmp_path: Path) -> None:
    taken = local_neo4j.status(settings)
    assert taken.uri
    taken_port = int(taken.uri.rsplit(":", 1)[1])
    other = replace(settings, home=tmp_path / "home2", local_port=taken_port,
                    local_heap="512m", local_pagecache_mb=64)
    try:
        first = local_neo4j.start(other)
        assert first.running and first.uri and first.uri != taken.uri
        again = local_neo4j.start(other)
        assert again.pid == first.pid and again.uri == first.uri
        with Store.open(other) as s:
            assert s.read_text("RETURN 1 AS one", {}) == [{"one": 1}]
        assert local_neo4j.kill(other)
        st = local_neo4j.status(other)
        assert not st.running and "stale pid file" in st.note
    finally:
        local_neo4j.stop(other)


def test_a_port_taken_while_neo4j_starts_is_retried_on_another(
        settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two homes starting at once can both find a port free; the one that loses the bind
    starts on another port instead of failing (the log keeps the BindException)."""
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    race = holder.getsockname()[1]
    real_open, real_free = local_neo4j._port_open, local_neo4j._port_free
    # the check sees the port free, as it was a moment before the other server bound it
    monkeypatch.setattr(local_neo4j, "_port_open", lambda p: p != race and real_open(p))
    monkeypatch.setattr(local_neo4j, "_port_free", lambda p: p == race or real_free(p))
    other = replace(settings, home=tmp_path / "home-race", local_port=race,
                    local_heap="512m", local_pagecache_mb=64)
    try:
        st = local_neo4j.start(other)
        assert st.running and st.uri and not st.uri.endswith(f":{race}")
        log = local_neo4j.paths_for(other).log.read_text(encoding="utf-8")
        starts = [ln for ln in log.splitlines() if ln.startswith("--- start")]
        assert len(starts) == 2 and starts[0].endswith(f"port {race}")
        with Store.open(other) as s:
            assert s.read_text("RETURN 1 AS one", {}) == [{"one": 1}]
    finally:
        local_neo4j.stop(other)
        holder.close()


def test_start_with_a_plugin_folder(settings: Settings, tmp_path: Path) -> None:
    """The folder is the server's plugin folder and on its classpath (GDS for the
    benchmark), and the log's start line names it."""
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    other = replace(settings, home=tmp_path / "home3", local_heap="512m",
                    local_pagecache_mb=64)
    try:
        st = local_neo4j.start(other, plugins=plugins)
        assert st.running and st.pid
        cmdline = Path(f"/proc/{st.pid}/cmdline").read_bytes().split(b"\0")
        assert str(plugins).encode() == cmdline[-2]
        assert any(str(plugins / "*").encode() in part for part in cmdline)
        log = local_neo4j.paths_for(other).log.read_text(encoding="utf-8")
        start_line = [ln for ln in log.splitlines() if ln.startswith("--- start")][-1]
        assert start_line.endswith(f"plugins {plugins}")
        with Store.open(other) as s:
            setting = s.read_text("SHOW SETTINGS YIELD name, value "
                                  "WHERE name = 'server.directories.plugins' RETURN value", {})
            assert setting == [{"value": str(plugins)}]
    finally:
        local_neo4j.stop(other)


def test_wheel_install_finds_cypher_and_loaders(tmp_path: Path) -> None:
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(wheel_dir), str(REPO)], check=True, timeout=300,
    )
    wheel = next(wheel_dir.glob("graphintel-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)], check=True, timeout=300,
    )
    probe = (
        "import graphintel, graphintel.resources as r, graphintel.store as s;"
        "print(graphintel.__file__); print(r.cypher_dir()); print(r.loaders_dir());"
        "print(len(s.library()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(target)}, timeout=60,
    )
    pkg, cypher, loaders, count = done.stdout.split()
    assert pkg.startswith(str(target))
    assert Path(pkg).with_name("py.typed").is_file()  # type checkers use its annotations
    assert cypher.startswith(str(target)) and Path(cypher, "schema.cypher").is_file()
    assert loaders.startswith(str(target)) and Path(loaders).is_dir()
    assert int(count) >= 3
