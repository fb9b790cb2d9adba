"""Versions of a report: a row whose report reference is already loaded with other content.

A records system sends a report again when it is corrected, re-graded or added to. The graph
keeps one Report per reference, so a changed version is loaded over the one before:

- its narrative, date, grading and source replace the earlier ones, and the earlier
  version is kept on the report as a line of ``earlier_versions`` (its content hash in
  ``earlier_hashes``), so nothing the earlier version said is lost;
- what it says replaces what the earlier version said (``withdraw_versions``, at the
  write): each mention's roles are the new version's (the earlier ones kept on the mention
  as ``earlier_roles``), a person loses a role no report gives any more, and a link the new
  version no longer gives loses the report's reference and goes when no report is left
  behind it. A mention of someone only the earlier version named stays, with no role (the
  report keeps that version's text). A link's other evidence (first and last seen, counts,
  notes) is the union of its reports' and is not taken back. The load says so, one line per
  report, with the query that lists what the graph holds from it;
- a version loaded before, the current one or an earlier one, is a duplicate: loading an
  old file again does not turn a corrected report back.

The rows of one table (one load) that carry the same reference are not versions of each
other: they are one report, whose version is all of them
(:mod:`graphintel.ingest.report_rows`).

Pure functions over the rows of a batch and what the graph holds for their references.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graphintel.ingest.records import Unit

__all__ = ["Sorted", "Stored", "sort_versions", "stored_versions", "version_line"]

#: Characters of a narrative kept in a version's one-line summary.
NARRATIVE_CHARS = 2000


@dataclass(frozen=True)
class Stored:
    """What the graph holds for one report reference: the current version's content hash and
    one-line summary, and the hashes of the versions it replaced."""

    hash: str | None
    line: str
    where: str
    earlier: frozenset[str] = frozenset()


@dataclass
class Sorted:
    """A batch's rows sorted by :func:`sort_versions`."""

    fresh: list[Unit] = field(default_factory=list)
    duplicates: int = 0
    #: Rows loaded as a new version of a report loaded (or given in the batch) before.
    new_versions: int = 0
    #: One line per row that is a new or an earlier version: what, where, why.
    warnings: list[str] = field(default_factory=list)


def version_line(props: Mapping[str, Any]) -> str:
    """One line that says what a version of a report was: where it came from, its date,
    its grading and its narrative.

    >>> version_line({"source_file": "a.jsonl", "source_line": 3, "date": "2025-03-01",
    ...               "grading": "2BP", "narrative": "Seen with Child A."})
    'from a.jsonl:3, dated 2025-03-01, graded 2BP: Seen with Child A.'
    >>> version_line({"date": "2025-03-01", "grading": "3EP"})
    'dated 2025-03-01, graded 3EP: (no narrative)'
    """
    parts = []
    if props.get("source_file"):
        parts.append(f"from {_where(props)}")
    if props.get("date"):
        parts.append(f"dated {props['date']}")
    if props.get("grading"):
        parts.append(f"graded {props['grading']}")
    narrative = " ".join(str(props.get("narrative") or "").split())
    if len(narrative) > NARRATIVE_CHARS:
        narrative = narrative[:NARRATIVE_CHARS - 1] + "…"
    return f"{', '.join(parts)}: {narrative or '(no narrative)'}"


def _where(props: Mapping[str, Any]) -> str:
    line = props.get("source_line")
    return f"{props.get('source_file')}{'' if line is None else f':{line}'}" + \
        _other_lines([n for n in props.get("source_lines") or [] if n != line])


def _other_lines(lines: Sequence[int]) -> str:
    rest = ", ".join(str(n) for n in lines)
    return f" (and line{'s' if len(lines) > 1 else ''} {rest})" if rest else ""


def stored_versions(rows: Sequence[Mapping[str, Any]]) -> dict[str, Stored]:
    """The ``report_versions`` query's rows as :class:`Stored` by reference."""
    return {r["ref"]: Stored(r["hash"], version_line(r["props"]), _where(r["props"]),
                             frozenset(r["earlier"] or ()))
            for r in rows}


def sort_versions(batch: Sequence[Unit], stored: Mapping[str, Stored]) -> Sorted:
    """Split a batch of rows into fresh rows and duplicates, in order.

    Each row is a report, or consecutive rows with the same reference and content hash are
    one (the rows of a table that make one report, :mod:`graphintel.ingest.report_rows`):
    they are one version, decided once, counted row by row, with one warning.

    A row whose content is the report's current version or one it replaced is a duplicate
    (an earlier version says so in a warning). A row with other content than a version
    already loaded, or given earlier in the batch, is fresh and a new version: it is given
    the version it replaces in :attr:`Unit.supersedes`, and a warning.

    >>> from graphintel.ingest.records import ReportIn
    >>> def row(line, h):
    ...     return Unit("new.jsonl", line, ReportIn("IR/1", {"source_file": "new.jsonl",
    ...                 "source_line": line, "date": "2025-03-01", "grading": "2BP",
    ...                 "narrative": h}), [], [], h)
    >>> held = {"IR/1": Stored("v1", "from old.jsonl:1 ...", "old.jsonl:1")}
    >>> out = sort_versions([row(1, "v1"), row(2, "v2")], held)
    >>> [u.content_hash for u in out.fresh], out.duplicates, out.new_versions
    (['v2'], 1, 1)
    >>> out.fresh[0].supersedes
    [('v1', 'from old.jsonl:1 ...')]
    >>> sort_versions([row(3, "v1")], {"IR/1": Stored("v2", "", "new.jsonl:2",
    ...                                               frozenset({"v1"}))}).duplicates
    1
    """
    out = Sorted()
    now = dict(stored)
    for (ref, _), run in itertools.groupby(batch, key=lambda u: (u.report.ref,
                                                                  u.content_hash)):
        rows = list(run)  # consecutive rows of one version: one report of a table's rows
        unit = rows[0]
        held = now.get(ref)
        here = _rows_at(rows)
        if held is None or held.hash is None:
            out.fresh.extend(rows)
            now[ref] = Stored(unit.content_hash, version_line(unit.report.props), here)
            continue
        if unit.content_hash == held.hash:
            out.duplicates += len(rows)
            continue
        if unit.content_hash in held.earlier:
            out.duplicates += len(rows)
            out.warnings.append(
                f"{here}: report {ref} is an earlier version of one already loaded (now the "
                f"version from {held.where}): not loaded again, so the newer version stands")
            continue
        unit.supersedes.append((held.hash, held.line))  # once: the report's rows share it
        out.fresh.extend(rows)
        out.new_versions += len(rows)
        out.warnings.append(
            f"{here}: report {ref} was loaded before with other content (from {held.where}): "
            "loaded as its new version; its narrative, date, grading, roles and links "
            "replace the earlier ones, which the report keeps as an earlier version (a "
            "person only the earlier version named stays mentioned, with no role): check "
            f"with 'graphintel query run report_assertions -p ref={ref}'")
        now[ref] = Stored(unit.content_hash, version_line(unit.report.props), here,
                          held.earlier | {held.hash})
    return out


def _rows_at(rows: Sequence[Unit]) -> str:
    """Where a version is: ``file:line``, and the lines of its other rows when it has some
    (the rows of a table with one report reference, :mod:`graphintel.ingest.report_rows`).

    >>> from graphintel.ingest.records import ReportIn
    >>> _rows_at([Unit("log.csv", n, ReportIn("R", {}), [], [], "h") for n in (7, 2)])
    'log.csv:2 (and line 7)'
    """
    lines = sorted(u.line for u in rows)
    return f"{rows[0].source}:{lines[0]}{_other_lines(lines[1:])}"
