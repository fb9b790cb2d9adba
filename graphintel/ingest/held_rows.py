"""The rows of one table file held until it is read to the end, grouped by report reference.

The rows of a table that carry one report reference are one report
(:mod:`graphintel.ingest.report_rows`), and its last row may be the file's last line, so a
file's rows are held until it is read to the end. An intelligence log of a million rows
held as Python objects takes gigabytes, so :class:`HeldRows` keeps the first ``spill_at``
rows in memory (a file of that size or less costs nothing more) and then moves them all to a
private SQLite file: created owner-only in graphintel's home and unlinked as soon as it is
open, so it takes no memory, nobody else can open it, and it is gone when the load ends,
however it ends (a killed load leaves nothing behind).

:meth:`HeldRows.groups` gives each report's rows in the order of the report's first row,
each report's rows in file order, the same whether held in memory or on disk.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from graphintel.ingest.records import Unit
from graphintel.secure_files import private_dir

__all__ = ["HELD_DIR", "SPILL_AT", "HeldRows"]

#: The folder of graphintel's home the files are made in (they are unlinked at once).
HELD_DIR = "ingest-held"
#: Rows held in memory before they go to disk: about 100 MB of a typical table's rows.
SPILL_AT = 50_000
#: Rows written to disk in one transaction.
WRITE_EVERY = 1_000


class HeldRows:
    """Rows of one file, in memory up to ``spill_at`` rows, then on disk under ``folder``.

    >>> from graphintel.ingest.records import ReportIn
    >>> import tempfile
    >>> def row(line, ref):
    ...     return Unit("log.csv", line, ReportIn(ref, {}), [], [], f"h{line}")
    >>> with tempfile.TemporaryDirectory() as d, HeldRows(Path(d), spill_at=2) as held:
    ...     for n, ref in enumerate(["A", "B", "A", "C", "B"], start=2):
    ...         held.append(row(n, ref))
    ...     spilled = held.spilled
    ...     groups = [[u.line for u in g] for g in held.groups()]
    >>> spilled, groups
    (True, [[2, 4], [3, 6], [5]])
    """

    def __init__(self, folder: Path, spill_at: int | None = None) -> None:
        self.folder = folder
        self.spill_at = SPILL_AT if spill_at is None else spill_at
        self._rows: dict[str, list[Unit]] = {}
        self._count = 0
        self._db: sqlite3.Connection | None = None
        self._pending: list[Unit] = []

    @property
    def spilled(self) -> bool:
        """Whether the rows are on disk."""
        return self._db is not None

    def __len__(self) -> int:
        return self._count

    def append(self, unit: Unit) -> None:
        """Hold one more row."""
        self._count += 1
        if self._db is not None:
            self._pending.append(unit)
            if len(self._pending) >= WRITE_EVERY:
                self._write(self._pending)
                self._pending = []
            return
        self._rows.setdefault(unit.report.ref, []).append(unit)
        if self._count > self.spill_at:
            self._spill()

    def groups(self) -> Iterator[list[Unit]]:
        """Each report's rows, in the order of each report's first row."""
        if self._db is None:
            yield from self._rows.values()
            return
        db = self._db
        self._write(self._pending)
        self._pending = []
        refs = [r for (r,) in db.execute("SELECT ref FROM refs ORDER BY first")]
        for ref in refs:  # by the (ref, seq) index: no sort, no temporary file
            yield [pickle.loads(data) for (data,) in db.execute(
                "SELECT data FROM rows WHERE ref = ? ORDER BY seq", (ref,))]

    def close(self) -> None:
        """Let the rows go (the file on disk with them)."""
        self._rows, self._pending = {}, []
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> HeldRows:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _spill(self) -> None:
        private_dir(self.folder)
        fd, name = tempfile.mkstemp(prefix="held-rows-", suffix=".sqlite", dir=self.folder)
        os.close(fd)  # created 0600: SQLite opens it as it is
        try:
            db = sqlite3.connect(name)
        finally:
            os.unlink(name)  # the open connection keeps it; nobody else can
        # nothing to recover: no journal (which would be a second file), no sync
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute("PRAGMA temp_store = MEMORY")
        db.execute("CREATE TABLE refs (first INTEGER PRIMARY KEY, ref TEXT UNIQUE)")
        db.execute("CREATE TABLE rows (seq INTEGER PRIMARY KEY, ref TEXT, data BLOB)")
        db.execute("CREATE INDEX rows_ref ON rows (ref, seq)")
        self._db = db
        rows = sorted((u for us in self._rows.values() for u in us), key=lambda u: u.line)
        self._rows = {}
        self._write(rows)

    def _write(self, units: list[Unit]) -> None:
        assert self._db is not None
        with self._db:
            self._db.executemany("INSERT OR IGNORE INTO refs (ref) VALUES (?)",
                                 [(u.report.ref,) for u in units])
            self._db.executemany(
                "INSERT INTO rows (ref, data) VALUES (?, ?)",
                [(u.report.ref, pickle.dumps(u, pickle.HIGHEST_PROTOCOL)) for u in units])
