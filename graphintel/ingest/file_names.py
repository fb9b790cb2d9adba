"""Files whose name (or folder name) is not valid UTF-8 are refused, one line each.

The name of a file is its provenance: every report keeps it (``source_file``), a table
read as one report takes its reference from it (``call_data:calls.csv``), and the
quarantine file, the audit log and the summary name it. A name in another encoding (a
Latin-1 ``r\\xe9ports.jsonl`` copied from an old share) reaches Python with lone surrogates
that none of those can store. Reading it under a stand-in name (the bytes escaped, or
decoded in a guessed encoding) would store a provenance no other tool shows the same way,
so the file is not read: one problem line names it (escaped, as ``ls -b`` does) and says
to rename it, the other files of the load are read as usual, and the summary counts it
(``refused``) and fails.
"""

from __future__ import annotations

from pathlib import Path

from graphintel.ingest.summary import FileSummary
from graphintel.safe_text import escaped, has_bad_bytes

__all__ = ["name_problem", "refused_file"]


def name_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read under its name, or None when its name is valid UTF-8.

    >>> name_problem(Path("/data/r\\udce9ports.jsonl"))  # doctest: +ELLIPSIS
    '/data/r\\\\xe9ports.jsonl: file name is not valid UTF-8 (byte \\\\xe9); the file ...'
    >>> name_problem(Path("/data/réports.jsonl")) is None
    True
    """
    text = str(path)
    if not has_bad_bytes(text):
        return None
    where = "file name" if has_bad_bytes(path.name) else "folder name"
    bad = escaped(next(c for c in text if has_bad_bytes(c)))
    return (f"{escaped(text)}: {where} is not valid UTF-8 (byte {bad}); the file is not read: "
            "rename it to a UTF-8 name (e.g. convmv -f cp1252 -t utf-8 --notest FILE) and "
            "load it again")


def refused_file(path: Path, problem: str) -> FileSummary:
    """The summary of a file not read: nothing read, its one problem line, ``refused``."""
    return FileSummary(escaped(str(path)), "not read", problems=[problem], refused=True)
