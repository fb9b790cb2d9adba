"""The quarantine file: every row that could not be loaded, with where and why (every problem
of the row), as JSON Lines.

The rows hold personal data, so the file is created 0600 in a 0700 folder whatever the umask.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import IO

from graphintel.errors import OutputError
from graphintel.ingest.records import Problem
from graphintel.secure_files import open_private, private_dir


class Quarantine:
    """Append problems to ``<home>/quarantine/<time>-<file>.jsonl``, opened on first use.

    One record per quarantined row: ``source``, ``line``, ``field`` and ``reason`` (its
    first problem), ``problems`` (every problem of the row, ``field`` and ``reason`` each,
    in the order of its fields) and ``raw`` (the row as the file holds it).
    """

    def __init__(self, home: Path, source: Path, *, enabled: bool = True) -> None:
        stamp = time.strftime("%Y%m%dT%H%M%S")
        self.path = home / "quarantine" / f"{stamp}-{source.name}.quarantine.jsonl"
        self.enabled = enabled
        self._fh: IO[str] | None = None
        self.count = 0

    def add(self, problem: Problem) -> None:
        self.count += 1
        if not self.enabled:
            return
        # field and reason: the first problem (as ever); problems: every one, in order
        record = {"source": problem.source, "line": problem.line, "field": problem.field,
                  "reason": problem.reason,
                  "problems": [{"field": f.field, "reason": f.reason} for f in problem.faults],
                  "raw": problem.raw}
        try:
            if self._fh is None:
                private_dir(self.path.parent, tighten=True)
                self._fh = self._create()
            self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._fh.flush()
        except OSError as exc:
            raise OutputError(
                f"cannot write the quarantine file: {exc.strerror}", str(self.path),
                "free disk space or make GRAPHINTEL_HOME writable, then run the load again "
                "(rows already loaded are not duplicated)",
            ) from None

    def _create(self) -> IO[str]:
        """A new file of this load's own: two loads of files with the same name in the same
        second get ``...-2``, ``...-3`` instead of mixing their rows in one file."""
        base = self.path
        for n in range(2, 1000):
            if not self.path.is_file():  # free, or not a regular file: let the OS decide
                return open_private(self.path, "a", encoding="utf-8")
            self.path = base.with_name(base.name.replace(
                ".quarantine.jsonl", f"-{n}.quarantine.jsonl"))
        return open_private(self.path, "x", encoding="utf-8")

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
