"""Every command the README shows in a ``console`` block runs as written and prints what
the README says it prints.

The README's ``console`` blocks are transcripts: a line ``$ COMMAND`` is a command, the
lines after it (to the next ``$`` line or the block's end) are what the terminal shows,
stdout and stderr together, 100 columns wide. This test builds what a reader has after
``make demo``: a wiped graph with the bundled sample loaded and analysed the way
``scripts/demo.sh`` does (``ingest sample/``, ``analyse --top 10 -o ...``), in a fresh
folder holding ``sample/``. Then it runs each README command in order, in a child process
(as a shell would: ``shlex`` splits the line, ``.venv/bin/graphintel`` is this checkout's
``cli.py``), against the test suite's Neo4j, and compares the output line by line.

Normalisation, applied to both sides (only parts that change from run to run):

* analysis run ids (``run-20250101T120000-1a2b3c4d-5e6f``) -> ``run-<id>``;
* timestamps (``2025-01-01T12:00:00Z``) -> ``<time>``;
* the test folder (shown in the README as ``/home/analyst/graphintel``), the repository
  and ``$GRAPHINTEL_HOME`` paths -> ``<dir>``, ``<repo>``, ``<home>``;
* trailing spaces.

Everything else, the analysis's scores and reasons included, must match exactly: two loads
of the sample give the same analysis.

``export GRAPHINTEL_HOME=...`` lines are not run: the test already points
``GRAPHINTEL_HOME`` at the suite's graph, which stands for the demo's.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from graphintel.config import Settings
from graphintel.store import Store

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
COMMAND = ".venv/bin/graphintel"
README_FOLDER = "/home/analyst/graphintel"  # the folder the README's outputs show

_RUN_ID = re.compile(r"run-\d{8}T\d{6}-[0-9a-f]{8}-[0-9a-f]{4}")
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")


def blocks(text: str) -> list[list[tuple[str, list[str]]]]:
    """The README's console blocks: each a list of (command, expected output lines)."""
    found = []
    for body in re.findall(r"^```console\n(.*?)^```", text, flags=re.S | re.M):
        steps: list[tuple[str, list[str]]] = []
        for line in body.splitlines():
            if line.startswith("$ "):
                steps.append((line[2:].strip(), []))
            elif steps:
                steps[-1][1].append(line)
        found.append(steps)
    return found


def normalise(lines: list[str], where: dict[str, str]) -> list[str]:
    out = []
    for line in lines:
        for path, name in where.items():
            line = line.replace(path, name)
        line = _TIME.sub("<time>", _RUN_ID.sub("run-<id>", line))
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return out


def run(command: str, cwd: Path) -> tuple[int, list[str]]:
    """Run one README command line as a shell would; (exit code, output lines)."""
    argv = shlex.split(command)
    assert argv[0] == COMMAND, f"README command does not start with {COMMAND}: {command}"
    env = {**os.environ, "COLUMNS": "100", "PYTHONUNBUFFERED": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, str(REPO / "cli.py"), *argv[1:]], cwd=cwd,
                          env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, check=False, timeout=600)
    return done.returncode, done.stdout.splitlines()


def test_readme_has_console_blocks() -> None:
    found = blocks(README.read_text(encoding="utf-8"))
    commands = [c for b in found for c, _ in b]
    assert len(commands) >= 8, commands
    assert any(c.startswith(f"{COMMAND} disrupt --remove") for c in commands)


def test_readme_commands_run_as_shown(store: Store, settings: Settings,
                                      tmp_path: Path) -> None:
    (tmp_path / "sample").symlink_to(REPO / "sample")
    where = {str(tmp_path): "<dir>", README_FOLDER: "<dir>", str(settings.home): "<home>",
             str(REPO): "<repo>"}
    # What `make demo` leaves: the sample loaded and analysed (scripts/demo.sh).
    for setup in (f"{COMMAND} ingest sample/ -o out/demo/ingest-summary.json",
                  f"{COMMAND} analyse --as-of 2025-06-30 --top 10 -o out/demo/analysis.json"):
        code, out = run(setup, tmp_path)
        assert code == 0, (setup, out)
    failures = []
    for block in blocks(README.read_text(encoding="utf-8")):
        for command, expected in block:
            if command.startswith("export "):
                continue
            code, out = run(command, tmp_path)
            want, got = normalise(expected, where), normalise(out, where)
            if want != got:
                failures.append(f"$ {command}\n--- README\n" + "\n".join(want)
                                + f"\n--- actual (exit {code})\n" + "\n".join(got))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("text, expected", [
    ("analysis run run-20261203T105925-a744f451-4cde: 117 people",
     "analysis run run-<id>: 117 people"),
    ("run-20261203T105925-a744f451-4cde,2026-12-03T10:59:25Z,2025-06-30",
     "run-<id>,<time>,2025-06-30"),
])
def test_normalisation_touches_only_volatile_parts(text: str, expected: str) -> None:
    assert normalise([text + "   "], {}) == [expected]

