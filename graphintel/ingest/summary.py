"""What one ``ingest`` did: per file, every row read in exactly one count, and the totals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphintel.store import WriteCounts

__all__ = ["MAX_PROBLEM_LINES", "FileSummary", "IngestSummary"]

#: Problem (and version warning) lines kept per file; the rest are counted.
MAX_PROBLEM_LINES = 50


@dataclass
class FileSummary:
    """What happened to one file's rows."""

    path: str
    format: str
    read: int = 0
    loaded: int = 0
    duplicates: int = 0
    skipped: int = 0
    quarantined: int = 0
    quarantine_file: str | None = None
    #: One line per problem (file, line, field, why): a quarantined row has one for each
    #: thing wrong with it, so there may be more lines than rows quarantined. The first
    #: :data:`MAX_PROBLEM_LINES` are kept, the others counted in ``problems_left_out``
    #: (every one is in the quarantine file).
    problems: list[str] = field(default_factory=list)
    problems_left_out: int = 0
    records: int | None = None  # physical records in the file, as its reader counted them
    #: Per entity type: (source IDs, nodes) where rows with different source IDs were
    #: merged into one node on a shared key; each merge is also a line in ``warnings``.
    merged: dict[str, tuple[int, int]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    #: Rows loaded as a new version of a report already loaded (part of ``loaded``;
    #: :mod:`graphintel.ingest.versions`).
    new_versions: int = 0
    #: Rows that are a new or an earlier version of a report: one warning line each, the
    #: first :data:`MAX_PROBLEM_LINES` of them in ``warnings``.
    version_warnings: int = 0
    #: Rows whose reading changed something the analyst should know (a link turned the
    #: right way round, a phone kept as written): one warning line each, the first
    #: :data:`MAX_PROBLEM_LINES` of them in ``warnings``.
    advice_warnings: int = 0
    #: The file was not read at all (its name is not valid UTF-8:
    #: :mod:`graphintel.ingest.file_names`); ``problems`` says why.
    refused: bool = False

    @property
    def balanced(self) -> bool:
        """read = loaded + duplicates + skipped + quarantined = the file's records."""
        total = self.loaded + self.duplicates + self.skipped + self.quarantined
        return self.read == total and self.records in (None, self.read)

    def balance_problem(self) -> str | None:
        """The one-line problem when the counts do not add up, else None."""
        if self.balanced:
            return None
        return (f"{self.path}: counts do not add up: the file holds {self.records} records, "
                f"read {self.read} = loaded {self.loaded} + duplicates {self.duplicates} + "
                f"skipped {self.skipped} + quarantined {self.quarantined}; "
                "this is a graphintel bug, please report it with the file")


@dataclass
class IngestSummary:
    """The result of one ``ingest`` call; ``ok`` is False when anything was quarantined or
    a file was not read."""

    files: list[FileSummary]
    counts: WriteCounts
    dry_run: bool = False

    def total(self, name: str) -> int:
        return sum(int(getattr(f, name)) for f in self.files)

    @property
    def balanced(self) -> bool:
        return all(f.balanced for f in self.files)

    @property
    def ok(self) -> bool:
        """Nothing quarantined, every file read and every file's counts add up."""
        return self.total("quarantined") == 0 and self.total("refused") == 0 and self.balanced

    def as_dict(self) -> dict[str, object]:
        return {
            "read": self.total("read"), "loaded": self.total("loaded"),
            "duplicates": self.total("duplicates"), "skipped": self.total("skipped"),
            "quarantined": self.total("quarantined"), "files_not_read": self.total("refused"),
            "new_versions": self.total("new_versions"),
            "nodes_created": self.counts.nodes_created,
            "relationships_created": self.counts.relationships_created,
            "properties_set": self.counts.properties_set, "dry_run": self.dry_run,
            "balanced": self.balanced,
            "files": [f.__dict__ for f in self.files],
        }
