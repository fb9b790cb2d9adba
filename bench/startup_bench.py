"""How long the command takes to start: ``graphintel --help`` and ``graphintel CMD --help``.

Each is run as the installed command (``.venv/bin/graphintel``, else ``cli.py`` with this
Python) in a child process, ``repeat`` times; the median and the slowest wall time are
reported, and which heavy modules (driver, analysis stack) the help loaded (none should:
commands import library code when they run).

    python bench/startup_bench.py [--repeat 10]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
COMMANDS = [["--help"], ["--version"], ["analyse", "--help"], ["ingest", "--help"],
            ["query", "run", "--help"], ["chart", "--help"]]
HEAVY = ("neo4j", "matplotlib", "networkx", "numpy", "scipy", "pyvis", "docx", "pydantic")
TARGET_S = 0.5


def _command() -> list[str]:
    installed = REPO / ".venv" / "bin" / "graphintel"
    return [str(installed)] if installed.exists() else [sys.executable, str(REPO / "cli.py")]


def _loaded(args: list[str]) -> list[str]:
    code = ("import sys\nfrom graphintel.cli.app import main\nmain(" + repr(args) + ")\n"
            "print('LOADED', ','.join(m for m in " + repr(HEAVY) + " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO, check=False)
    line = [x for x in done.stdout.splitlines() if x.startswith("LOADED")]
    return [m for m in line[-1].split(" ", 1)[1].split(",") if m] if line else ["?"]


def run(repeat: int = 10) -> list[dict[str, Any]]:
    rows = []
    env = {**os.environ, "COLUMNS": "100"}
    for args in COMMANDS:
        runs, cpu = [], []
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([*_command(), *args], capture_output=True, cwd=REPO, env=env,
                           check=False)
            runs.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        median = statistics.median(runs)
        rows.append({"command": "graphintel " + " ".join(args), "median s": f"{median:.2f}",
                     "slowest s": f"{max(runs):.2f}", "cpu s": f"{statistics.median(cpu):.2f}",
                     "runs": repeat,
                     f"under {TARGET_S} s": "yes" if median < TARGET_S else "no",
                     "heavy modules loaded": ", ".join(_loaded(args)) or "none"})
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    sys.path.insert(0, str(REPO))
    from bench.common import byte_compile

    byte_compile()
    rows = run(parser.parse_args().repeat)
    for row in rows:
        print(row)
    return 0 if all(r[f"under {TARGET_S} s"] == "yes" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
