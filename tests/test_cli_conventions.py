"""The command line's conventions: quick help (no heavy imports), --version, completion,
exit codes 0/1/2/3, one output convention, one person lookup with one ambiguity message,
a warning on an empty graph, folders for ingest, 0600 output files. Against the real test
Neo4j (no mocks)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from graphintel import __version__
from graphintel.cli.app import main
from graphintel.cli.common import set_options
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

REPO = Path(__file__).resolve().parent.parent
HEAVY = ("neo4j", "starlette", "uvicorn", "jinja2", "argon2", "matplotlib", "networkx", "numpy",
         "scipy", "pyvis", "docx", "pydantic", "graphintel.store", "graphintel.analysis",
         "graphintel.agenda", "graphintel.charts.api", "graphintel.charts.build")
COMMANDS = [["analyse"], ["disrupt"], ["runs"], ["ingest"], ["agenda"], ["chart"], ["doctor"],
            ["profile"], ["path"], ["search"], ["query", "run"], ["query", "list"],
            ["resolve", "candidates"], ["audit"], ["neo4j", "status"], ["synth"], ["reset"],
            ["actions", "list"], ["actions", "update"], ["serve"], ["users", "add"]]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=False, timeout=120)


@pytest.mark.parametrize("argv", [["--help"], ["analyse", "--help"], ["chart", "--help"],
                                  ["query", "run", "--help"], ["serve", "--help"],
                                  ["users", "add", "--help"]])
def test_help_loads_no_driver_or_analysis_code(argv: list[str]) -> None:
    done = _python("import sys\nfrom graphintel.cli.app import main\n"
                   f"code = main({argv!r})\n"
                   f"print('LOADED', [m for m in {HEAVY!r} if m in sys.modules])\n"
                   "sys.exit(code)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("LOADED []"), done.stdout[-500:]


def test_version_and_completion() -> None:
    version = subprocess.run([sys.executable, str(REPO / "cli.py"), "--version"],
                             capture_output=True, text=True, check=False)
    assert version.returncode == 0 and version.stdout.strip() == f"graphintel {__version__}"
    completion = subprocess.run(
        [sys.executable, str(REPO / "cli.py")], capture_output=True, text=True, check=False,
        env={**os.environ, "_GRAPHINTEL_COMPLETE": "complete_bash",
             "COMP_WORDS": "graphintel disr", "COMP_CWORD": "1"})
    assert "disrupt" in completion.stdout.split()


@pytest.mark.parametrize("argv", COMMANDS)
def test_help_shows_no_type_labels_beside_flags(argv: list[str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*argv, "--help"]) == 0
    text = capsys.readouterr().out
    assert "<bool>" not in text and "<str>" not in text and "<list" not in text, text
    if argv[0] in ("analyse", "disrupt", "runs", "doctor", "profile", "path", "search",
                   "query", "resolve", "audit", "ingest"):
        assert "-f, --format table|csv|json" in text and "-o, --output FILE" in text, text


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--no-such-option"]) == 2
    assert main(["ingest"]) == 2                       # missing argument
    assert main(["runs", "--format", "xml"]) == 2      # not a format
    assert "No such option" in capsys.readouterr().err


def test_ingest_exit_codes_and_folders(store: Store, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    good = report("R1", [{"id": "a", "type": "Person", "name": "Ann ONE", "dob": "1980-01-01",
                          "role": "suspect"}])
    write_jsonl(folder / "reports.jsonl", [good])
    (folder / "notes.txt").write_text("not data\n")
    assert main(["ingest", str(folder)]) == 0
    captured = capsys.readouterr()
    assert f"reading 1 files from {folder}/ (not notes.txt)" in captured.err
    assert "read 1, loaded 1" in captured.out
    assert main(["ingest", str(folder), "-f", "json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["read"], again["loaded"], again["duplicates"]) == (1, 0, 1)
    (folder / "reports.jsonl").write_text(json.dumps(good) + "\n{broken\n")
    assert main(["ingest", str(folder / "reports.jsonl")]) == 3
    assert "quarantined 1" in capsys.readouterr().out
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["ingest", str(empty)]) == 1
    assert "Error: the folder holds no .jsonl, .ndjson, .csv, .tsv or .xlsx file; at " \
        f"{empty}" in capsys.readouterr().err
    assert main(["ingest", str(folder), "--mapping", "missing_episodes"]) == 1
    assert "Error: --mapping applies to tables" in capsys.readouterr().err


def test_warning_on_an_empty_graph(store: Store, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["analyse", "--no-write"], ["-q", "disrupt"],
                 ["query", "run", "hotspots"], ["search", "doyle"]):
        assert main(argv) == 0, argv
        err = capsys.readouterr().err
        assert "Warning: " in err and "graphintel ingest sample/" in err, (argv, err)
        assert "GRAPHINTEL_HOME=" in err
    assert main(["chart", "--network", "top", "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "Warning: the graph is empty" in err and "Error: no analysis run" in err
    for argv in (["profile", "Doyle"], ["disrupt", "--remove", "Doyle"],
                 ["chart", "--around", "Doyle", "-o", str(tmp_path)]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert err.index("Warning: the graph is empty") < err.index(
            "Error: no person matches 'Doyle'"), err


DOYLES = [report("D1", [
    {"id": "a", "type": "Person", "name": "Ann DOYLE", "dob": "1980-01-01", "role": "suspect"},
    {"id": "b", "type": "Person", "name": "Bob DOYLE", "dob": "1981-01-01", "role": "suspect"},
    {"id": "c", "type": "Person", "name": "Cara KING", "dob": "2011-01-01", "role": "victim"}],
    [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"},
     {"from": "b", "to": "c", "type": "EXPLOITS"}])]


@pytest.fixture()
def doyles(store: Store, tmp_path: Path) -> Store:
    assert main(["-q", "ingest", str(write_jsonl(tmp_path / "d.jsonl", DOYLES))]) == 0
    return store


def test_one_person_lookup_everywhere(doyles: Store, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    messages = set()
    for argv in (["profile", "Doyle"], ["disrupt", "--remove", "Doyle"],
                 ["path", "Doyle", "Cara KING"],
                 ["chart", "--around", "doyle", "-o", str(tmp_path / "c")],
                 ["query", "run", "suspects_near_child", "--param", "child=Doyle"]):
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        messages.add(err.replace("'doyle'", "'Doyle'"))
    assert len(messages) == 1, messages
    text = messages.pop()
    assert text.startswith("Error: 'Doyle' matches 2 people by name or alias; give the uid")
    assert "  - Ann DOYLE (1980-01-01, no nominal ref, Person:nd:ann doyle|1980-01-01)" in text
    # Each of them resolves a full name the same way too.
    assert main(["disrupt", "--remove", "Bob DOYLE", "-f", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [p["name"] for p in out["removal"]["removed"]] == ["Bob DOYLE"]
    assert out["removal"]["victims_cut_off"][0]["name"] == "Cara KING"


def test_one_output_convention(doyles: Store, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--as-of", "2025-03-01", "-f", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["name"] for r in rows][:1] == ["Bob DOYLE"] and rows[0]["rank"] == "1"
    assert main(["runs", "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)
    assert len(runs) == 1 and runs[0]["persons"] == 3
    assert main(["disrupt", "--remove", "Bob DOYLE", "--format", "csv"]) == 0
    kinds = [r["kind"] for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert kinds == ["network_before", "network_after", "removed", "cut_off"]
    assert main(["doctor", "-f", "json"]) == 0
    report_ = json.loads(capsys.readouterr().out)
    assert report_["ok"] is True and {c["name"] for c in report_["checks"]} >= {
        "connectivity", "schema"}
    assert main(["neo4j", "status", "-f", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["running"] is True
    assert main(["audit", "verify", "-f", "json"]) == 0
    check = json.loads(capsys.readouterr().out)
    assert check["intact"] is True and check["lines"] > 0 and check["problems"] == []
    # -o: the format follows the extension; files are 0600 whatever the umask.
    old = os.umask(0)
    try:
        for argv, name in ((["runs"], "runs.csv"), (["disrupt", "--remove", "Bob DOYLE"],
                                                    "disrupt.json"),
                           (["doctor"], "doctor.json"), (["search", "doyle"], "hits.csv"),
                           (["analyse", "--as-of", "2025-03-01", "--no-write"],
                            "analysis.json")):
            target = tmp_path / "out" / name
            assert main([*argv, "-o", str(target)]) == 0, argv
            captured = capsys.readouterr()
            assert f"wrote {target}" in captured.err
            assert stat.S_IMODE(target.stat().st_mode) == 0o600, name
            text = target.read_text()
            if name.endswith(".json"):
                json.loads(text)
            else:
                assert "," in text.splitlines()[0]
    finally:
        os.umask(old)
    # --quiet hides the status line, not the result.
    assert main(["-q", "runs", "-o", str(tmp_path / "q.json")]) == 0
    assert capsys.readouterr().err == ""
    # The old flags still work.
    assert main(["disrupt", "--remove", "Bob DOYLE", "--json"]) == 0
    assert "removal" in json.loads(capsys.readouterr().out)
    assert main(["analyse", "--as-of", "2025-03-01", "--no-write", "--json",
                 str(tmp_path / "old.json")]) == 0
    assert json.loads((tmp_path / "old.json").read_text())["run"]["persons"] == 3


def test_verbose_error_keeps_one_error_line_and_adds_the_trace(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.jsonl"
    assert main(["ingest", str(missing)]) == 1
    plain = capsys.readouterr().err
    assert plain.startswith("Error: input file not found; at ") and "Traceback" not in plain
    assert main(["-v", "ingest", str(missing)]) == 1
    verbose = capsys.readouterr().err
    assert "graphintel home: " in verbose and "Traceback" in verbose
    assert verbose.rstrip().endswith(plain.rstrip())


def test_neo4j_status_exit_3_when_not_running(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GRAPHINTEL_HOME", str(tmp_path / "home"))
    assert main(["neo4j", "status", "-f", "json"]) == 3
    assert json.loads(capsys.readouterr().out)["running"] is False


def test_local_neo4j_start_messages_reach_stderr_unless_quiet(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel import local_neo4j

    monkeypatch.setenv("GRAPHINTEL_HOME", str(tmp_path / "home"))
    assert main(["neo4j", "status"]) == 3   # any command routes the start-up messages
    capsys.readouterr()
    local_neo4j._say("starting Neo4j 5.26 on 127.0.0.1:7687 (data in x)…")
    assert capsys.readouterr().err == "starting Neo4j 5.26 on 127.0.0.1:7687 (data in x)…\n"
    assert main(["-q", "neo4j", "status"]) == 3
    capsys.readouterr()
    local_neo4j._say("Neo4j ready")
    assert capsys.readouterr().err == ""
    set_options(quiet=False, verbose=False)


def test_analyse_warns_when_a_window_holds_nobody(doyles: Store,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", "--no-write", "--from", "1990-01-01", "--to", "1990-12-31"]) == 0
    captured = capsys.readouterr()
    assert "0 people" in captured.out
    assert "Warning: no people in the analysed window; widen --from/--to" in captured.err
    assert "the graph is empty" not in captured.err


def test_verbose_analyse_names_each_phase_with_its_time(
        doyles: Store, capsys: pytest.CaptureFixture[str]) -> None:
    """The analysis names each phase as it starts; --verbose prints each one timed."""
    from graphintel.analysis.run import run_analysis

    seen: list[str] = []
    run_analysis(doyles, write=False, progress=seen.append)
    assert seen[0] == "reading and projecting the graph"
    assert seen[1].startswith("centrality of ") and seen[1].endswith(" people")
    # the records that may be one person come first: a record that may be a child
    # recorded apart is safeguarded before the networks are named
    assert seen[2:] == ["people who may be recorded twice", "networks",
                        "safeguarding, linked children and scores"]
    assert main(["-v", "analyse", "--no-write"]) == 0
    err = capsys.readouterr().err
    set_options(quiet=False, verbose=False)
    for phase in ("reading and projecting the graph", "networks",
                  "safeguarding, linked children and scores"):
        assert re.search(rf"^analysing: {phase}: \d+\.\d s$", err, re.M), err
    assert re.search(r"^analysing: \d+\.\d s$", err, re.M), err


def test_entry_point_exits_with_every_file_and_line_written(tmp_path: Path) -> None:
    # The installed command's entry point (run) ends the process without the final
    # garbage collections: what the command wrote must still be whole.
    from graphintel.synth import generate

    done = subprocess.run([sys.executable, str(REPO / "cli.py"), "synth", "-o",
                           str(tmp_path / "cmd"), "--seed", "3", "--scale", "0.05"],
                          capture_output=True, text=True, cwd=REPO, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert re.match(r"\d+ reports, \d+ people", done.stdout)
    generate(tmp_path / "lib", seed=3, scale=0.05)
    written = sorted(p.relative_to(tmp_path / "cmd") for p in (tmp_path / "cmd").rglob("*"))
    assert written == sorted(p.relative_to(tmp_path / "lib")
                             for p in (tmp_path / "lib").rglob("*"))
    assert len(written) > 3
    for rel in written:
        if (tmp_path / "lib" / rel).is_file():
            assert (tmp_path / "cmd" / rel).read_bytes() == (tmp_path / "lib" / rel).read_bytes()
    missing = subprocess.run([sys.executable, str(REPO / "cli.py"), "ingest",
                              str(tmp_path / "none.jsonl")],
                             capture_output=True, text=True, cwd=REPO, check=False, timeout=120)
    assert missing.returncode == 1
    assert missing.stderr.startswith("Error: ")
