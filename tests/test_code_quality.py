"""The code stays as the project's conventions say: ruff and mypy clean, modules small.

These run the same checks as ``make lint`` so that CI (``make test``) fails on a lint or
type error, not only a reviewer who remembers to run it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: Everything ``make lint`` checks: the package, its tests, the benchmark and validation code.
CHECKED = ["graphintel", "tests", "cli.py", "validation", "bench"]
#: "No module past ~500 lines" is the aim; one past this has taken on a second job.
MAX_MODULE_LINES = 600


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=REPO, capture_output=True,
                          text=True, check=False)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("package", ["graphintel", "validation", "bench"])
def test_mypy_finds_nothing(package: str) -> None:
    done = _run("mypy", package)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_is_past_the_size_that_means_two_jobs() -> None:
    long = {str(p.relative_to(REPO)): n for p in sorted((REPO / "graphintel").rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"split these modules by job: {long}"

