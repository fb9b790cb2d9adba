"""Files that can hold personal data are 0600 (folders 0700) whatever the umask.

The pipeline test runs the real commands (synth, ingest, analyse, agenda, chart, query)
against the test Neo4j with the process umask at 0o000 and looks at every file they wrote.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel import local_neo4j
from graphintel.audit import audit_path, audited
from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.doctor import run_doctor
from graphintel.ingest.quarantine import Quarantine
from graphintel.ingest.records import Problem
from graphintel.secure_files import open_private, private_dir, write_bytes, write_text
from graphintel.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def open_umask() -> Iterator[None]:
    """The loosest umask there is: without graphintel's care, files would be 0666."""
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _password(settings: Settings) -> str:
    return local_neo4j.read_password(settings) if settings.uses_local_neo4j \
        else str(settings.neo4j_password)


# -- the module -------------------------------------------------------------------------------

def test_helpers_make_private_files_and_folders(open_umask: None, tmp_path: Path) -> None:
    folder = private_dir(tmp_path / "a" / "b" / "c")
    assert [mode(p) for p in (tmp_path / "a", tmp_path / "a" / "b", folder)] == [0o700] * 3
    assert mode(write_text(folder / "t.md", "Child A 2010-05-14")) == 0o600
    assert mode(write_bytes(tmp_path / "new" / "x.png", b"\x89PNG")) == 0o600
    assert mode(tmp_path / "new") == 0o700
    with open_private(folder / "s.csv", "w", newline="") as fh:
        fh.write("a,b\n")
    with open_private(folder / "s.csv", "a") as fh:
        fh.write("c,d\n")
    assert (folder / "s.csv").read_text() == "a,b\nc,d\n" and mode(folder / "s.csv") == 0o600
    assert sorted(p.name for p in folder.iterdir()) == ["s.csv", "t.md"]  # no temp files


def test_existing_loose_files_are_tightened(open_umask: None, tmp_path: Path) -> None:
    loose = tmp_path / "old.html"
    loose.write_text("old")
    loose.chmod(0o666)
    write_text(loose, "new")
    assert (loose.read_text(), mode(loose)) == ("new", 0o600)
    log = tmp_path / "q.jsonl"
    log.write_text("1\n")
    log.chmod(0o644)
    with open_private(log, "a") as fh:
        fh.write("2\n")
    assert (log.read_text(), mode(log)) == ("1\n2\n", 0o600)


def test_existing_folders_are_left_alone_unless_owned(open_umask: None, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o755)
    private_dir(shared)
    assert mode(shared) == 0o755  # an --out folder may be shared on purpose
    private_dir(shared, tighten=True)
    assert mode(shared) == 0o700
    (tmp_path / "file").write_text("x")
    with pytest.raises(OSError):
        private_dir(tmp_path / "file")


def test_quarantine_and_audit_log_are_private(open_umask: None, settings: Settings,
                                              tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path / "home")
    with audited(mine, "ingest"):
        q = Quarantine(mine.home, Path("reports.jsonl"))
        q.add(Problem(source="reports.jsonl", line=3, field="dob", reason="not a date",
                      raw='{"name": "Child A"}'))
        q.close()
    assert mode(q.path) == 0o600 and mode(q.path.parent) == 0o700
    assert mode(audit_path(mine)) == 0o600 and mode(audit_path(mine).parent) == 0o700
    assert mode(mine.home) == 0o700


def test_local_neo4j_folders_are_private(settings: Settings) -> None:
    if not settings.uses_local_neo4j:
        pytest.skip("the suite uses a Neo4j it does not run")
    lp = local_neo4j.paths_for(settings)
    lp.root.chmod(0o755)  # as an older version left it; start() tightens it, also on reuse
    assert local_neo4j.start(settings).running
    assert mode(lp.root) == 0o700 and mode(lp.dbms) == 0o700 and mode(lp.password) == 0o600
    assert mode(lp.log) == 0o600


# -- every output of the main job ---------------------------------------------------------------

@pytest.fixture()
def env(store: Store, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commands use the test Neo4j, with their home (audit, quarantine) under tmp_path."""
    monkeypatch.setenv("GRAPHINTEL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", store.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", _password(settings))
    return tmp_path / "home"


def test_the_main_job_writes_only_private_files(open_umask: None, env: Path,
                                                tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    assert main(["synth", "--out", str(src), "--scale", "0.08", "--no-tables"]) == 0
    with (src / "reports.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("{not json\n")
    assert main(["ingest", str(src / "reports.jsonl"), "--json", str(out / "ingest.json")]) == 3
    assert main(["analyse", "--json", str(out / "analysis" / "analysis.json")]) == 0
    assert main(["agenda", "--out", str(out / "agenda")]) == 0
    assert main(["agenda", "--out", str(out / "agenda"), "--profile", "partner"]) == 0
    assert main(["chart", "--network", "top", "--format", "all", "--out",
                 str(out / "charts")]) == 0
    assert main(["query", "list", "-f", "json", "-o", str(out / "q" / "list.json")]) == 0

    written = {p.relative_to(tmp_path).as_posix(): mode(p)
               for p in tmp_path.rglob("*") if p.is_file()}
    suffixes = {Path(p).suffix for p in written}
    assert {".md", ".html", ".docx", ".png", ".graphml", ".gexf", ".cyjs", ".csv", ".anx",
            ".json", ".jsonl"} <= suffixes
    assert any(p.startswith("home/quarantine/") for p in written)
    assert "home/audit/audit.jsonl" in written
    assert {p: m for p, m in written.items() if m != 0o600} == {}
    folders = {p.relative_to(tmp_path).as_posix(): mode(p)
               for p in tmp_path.rglob("*") if p.is_dir()}
    assert {p: m for p, m in folders.items() if m != 0o700} == {}
    ingest_summary = json.loads((out / "ingest.json").read_text())
    assert ingest_summary["quarantined"] == 1


def test_doctor_warns_about_readable_sensitive_files(settings: Settings, session_store: Store,
                                                     tmp_path: Path) -> None:
    mine = replace(settings, home=tmp_path / "home", neo4j_uri=session_store.uri,
                   neo4j_password=_password(settings))
    out = tmp_path / "out"
    with audited(mine, "agenda"):
        write_text(out / "agenda-R1-internal.md", "Child A, born 2010-05-14")
    report = run_doctor(mine, folders=[out])
    perms = next(c for c in report.checks if c.name == "file permissions")
    assert perms.ok and not perms.warning, perms.detail
    (out / "agenda-R1-internal.md").chmod(0o644)
    audit_path(mine).chmod(0o640)
    (mine.home / "quarantine").mkdir(mode=0o755)
    (mine.home / "quarantine").chmod(0o755)
    (out / "notes.bin").write_bytes(b"not a kind of file graphintel writes")
    (out / "notes.bin").chmod(0o644)
    report = run_doctor(mine, folders=[out])
    perms = next(c for c in report.checks if c.name == "file permissions")
    assert report.ok and perms.warning and perms in report.warnings
    assert f"{out / 'agenda-R1-internal.md'} is world-readable (0644)" in perms.detail
    assert f"{audit_path(mine)} is group-readable (0640)" in perms.detail
    assert f"{mine.home / 'quarantine'} is world-readable (0755)" in perms.detail
    assert "notes.bin" not in perms.detail
    assert "chmod 600" in perms.fix


def test_two_loads_of_same_named_files_in_one_second_keep_separate_quarantine_files(
        tmp_path: Path) -> None:
    first, second = (Quarantine(tmp_path, Path("r.jsonl")) for _ in range(2))
    second.path = first.path  # as when both start in the same second
    for q, line in ((first, 2), (second, 3)):
        q.add(Problem(source="r.jsonl", line=line, field="f", reason="bad", raw="x"))
        q.close()
    assert first.path != second.path
    assert [json.loads(x)["line"] for x in first.path.read_text().splitlines()] == [2]
    assert [json.loads(x)["line"] for x in second.path.read_text().splitlines()] == [3]
