"""Shared helpers of the benchmarks: timing, peak memory, the bench Neo4j, machine facts."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("GRAPHINTEL_BENCH_DATA", "/tmp/graphintel-bench-data"))


@dataclass
class Timing:
    median_s: float
    runs: list[float]
    peak_mb: float | None = None


def timed(fn: Callable[[], Any], repeat: int) -> tuple[Timing, Any]:
    """Median wall time of ``repeat`` calls (the last result returned)."""
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    return Timing(statistics.median(runs), runs), result


def byte_compile() -> None:
    """Byte-compile graphintel's modules, as installing its wheel does.

    The checkout is installed in editable mode, so nothing compiled its modules; where
    ``PYTHONDONTWRITEBYTECODE`` is set, Python would compile every one again in every
    command the benchmarks time (about 0.07 s of each start), which no installed copy
    pays. Modules already compiled and unchanged are left alone.
    """
    import compileall

    compileall.compile_dir(str(REPO / "graphintel"), quiet=1)


# Runs the command in this child process as the installed command does (its entry point,
# exit included) and reports the child's own peak RSS, so the figure is not mixed up with
# other children of the benchmark (Maven, the import tool).
_WRAPPER = """
import atexit, resource, sys
from graphintel.cli.app import run

def peak():
    with open(sys.argv[1], "w") as fh:
        fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))

atexit.register(peak)
run(sys.argv[2:])
"""


def run_cli(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a graphintel command in a child process: (seconds, peak RSS in MB, stdout)."""
    import tempfile

    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _WRAPPER, rss.name, *args],
                              capture_output=True, text=True, cwd=REPO,
                              env={**os.environ, **(env or {})}, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode not in (0, 3):  # 3: ingest quarantined rows
            raise RuntimeError(f"{args}: exit {done.returncode}\n{done.stderr[-2000:]}")
        peak = int(rss.read() or 0) / 1024
    return elapsed, peak, done.stdout


def _rust_codec() -> bool:
    """Whether the driver encodes and decodes with neo4j-rust-ext."""
    try:
        from neo4j._codec.packstream import v1
    except ImportError:
        return False
    return getattr(v1, "_rust_pack", None) is not None


def machine() -> dict[str, str]:
    """Facts about the machine and the versions measured."""
    import neo4j
    import networkx

    try:
        cpu = next(line.split(":", 1)[1].strip() for line in
                   Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown"
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr
    return {
        "cpu": f"{cpu} ({os.cpu_count()} cores)", "memory": f"{mem:.0f} GiB",
        "os": platform.platform(), "python": platform.python_version(),
        "java": java.splitlines()[0] if java else "?", "neo4j server": "5.26.30 community "
        "(embedded, Bolt)", "neo4j driver": neo4j.__version__ + (
            " with the Rust codec" if _rust_codec() else ""),
        "networkx": networkx.__version__,
    }
