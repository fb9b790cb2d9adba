"""Rows of one table that carry the same report reference: one report, not versions of it.

An intelligence log exports a report as one row per person or link it names (row 1 names
the victim, row 2 the suspect, both under ``IL/2025/000010``). The rows of one file (one
load) that carry the same reference are therefore one report, and the rule is:

- **Every row's entities, roles and links are kept.** The report mentions each person with
  every role its rows give them; no row of the file replaces another (loading the second
  row as a "new version" would take the first row's victim assessment back).
- **The rows must agree on the report's date and grading** (the grading's conditions
  included): they are what the analysis weighs (time windows, recency, intelligence graded
  as suspected false, which never makes anyone a suspect). When they disagree the file does
  not say which is right: a records system's export has no row order that says which row
  corrects which, so the disagreement is not read as a version either. None of that
  report's rows in the file is loaded: each is quarantined with one line naming the file,
  its line, the column and the values the rows give (a line for the date and one for the
  grading when both differ), so the analyst corrects the export (or gives the rows their
  own references) and loads the rows again. The file's other reports load as usual.
- **A report loads whole or not at all.** When one of its rows is quarantined (a date of
  birth that is no date, say), its other rows are quarantined with it, each with a line
  naming the bad row's line (:func:`held_back`): loaded without it, the report would be
  incomplete, and the corrected row loaded on its own later a new version of the report,
  which would take back what the other rows said (the suspect's role, his phone).
- **The report's other fields are the union of its rows':** every distinct author, source
  system and narrative is kept (sorted, so row order does not matter; narratives joined by
  a blank line), flags and cleaned fields united; ``source_line`` is its first row's line
  and ``source_lines`` lists every row's.
- **Versions are of the whole report.** Its content hash is the hash of its rows' hashes,
  sorted (a one-row report keeps its row's hash, as before): the same rows in any order are
  the same version, a duplicate when loaded again. A later file (another load) that gives
  the reference with other rows, added, removed or changed, is a new version of the report
  (:mod:`graphintel.ingest.versions`), and replaces what the earlier one said, as a
  corrected report always has.
- **Row order does not matter:** a report's rows are written together, in the order of their
  own hashes, whatever their places in the file.

A file's rows are held until it is read to the end (a report's last row may be its last
line; on disk past a size, :mod:`graphintel.ingest.held_rows`), then written report by
report, in batches of whole reports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from graphintel.ingest.mapping import Mapping
from graphintel.ingest.records import Fault, Problem, RowRejected, Unit, clip
from graphintel.ingest.report import content_hash

__all__ = ["AGREE", "combine", "held_back", "report_batches"]

#: The report fields a report's rows must agree on: the name a message gives the field, and
#: the report properties it is made of.
AGREE: dict[str, tuple[str, ...]] = {"date": ("date",),
                                     "grading": ("grading", "grading_conditions")}
#: Report text fields whose distinct values are all kept, sorted, joined by these.
JOINED = {"author": "; ", "source_system": "; ", "narrative": "\n\n"}


def report_batches(groups: Iterable[list[Unit]], mapping: Mapping | None, batch_size: int,
                   quarantine: Callable[[Problem], None],
                   held_out: dict[str, list[int]] | None = None) -> Iterator[list[Unit]]:
    """Batches of whole reports from the rows of one file grouped by report, in the order
    each report's first row comes (:meth:`graphintel.ingest.held_rows.HeldRows.groups`);
    the rows of a report whose rows disagree on its date or grading go to ``quarantine``
    instead, one :class:`Problem` each, and so do the rows of a report another row of which
    was quarantined (``held_out``: report reference -> the lines of its rows quarantined,
    :func:`held_back`).

    A report is never split between batches (one with more rows than ``batch_size`` is a
    batch of its own); its rows are in the order of their hashes.
    """
    batch: list[Unit] = []
    for rows in groups:
        rows.sort(key=lambda u: (u.content_hash, u.line))
        problems = disagreements(rows, mapping) or held_back(
            rows, (held_out or {}).get(rows[0].report.ref), mapping)
        if problems:
            for problem in problems:
                quarantine(problem)
            continue
        if batch and len(batch) + len(rows) > batch_size:
            yield batch
            batch = []
        batch.extend(rows)
    if batch:
        yield batch


def _column(mapping: Mapping | None, name: str) -> str:
    spec = mapping.report.get(name) if mapping else None
    return spec.column if spec and spec.column else f"report.{name}"


def _shown(unit: Unit, keys: tuple[str, ...]) -> str:
    values = [str(unit.report.props[k]) for k in keys if unit.report.props.get(k) is not None]
    return " ".join(values) or "(none)"


def _lines(lines: list[int]) -> str:
    return (f"line {lines[0]}" if len(lines) == 1
            else f"lines {', '.join(str(n) for n in lines)}")


def disagreements(rows: Sequence[Unit], mapping: Mapping | None) -> list[Problem]:
    """One problem per row when the rows of one report give it different dates or gradings
    (see the module's rule), else none; a row's problem names the date and the grading
    each on its own line when both differ.

    >>> from graphintel.ingest.records import ReportIn
    >>> def row(line, grading):
    ...     return Unit("log.csv", line, ReportIn("IL/1", {"date": "2025-03-01",
    ...                 "grading": grading}), [], [], f"h{line}", raw=f"row {line}")
    >>> disagreements([row(2, "2BP"), row(3, "2BP")], None)
    []
    >>> [p.line_text() for p in disagreements([row(2, "2BP"), row(5, "3EP")], None)][1]
    "log.csv:5: field 'report.grading': report IL/1 is given other gradings by other rows \
of this file with the same reference (2BP at line 2; 3EP at line 5): the rows of one report \
must agree on its date and grading and the file does not say which is right, so none of \
them is loaded; correct the rows (or give them their own references) and load them again"
    """
    if len(rows) < 2:
        return []
    differ: list[tuple[str, str]] = []
    for name, keys in AGREE.items():
        given: dict[str, list[int]] = {}
        for unit in sorted(rows, key=lambda u: u.line):
            given.setdefault(_shown(unit, keys), []).append(unit.line)
        if len(given) > 1:
            values = "; ".join(f"{value} at {_lines(lines)}" for value, lines in given.items())
            differ.append((name, values))
    if not differ:
        return []
    ref = rows[0].report.ref
    faults = [Fault(_column(mapping, name),
                    f"report {ref} is given other {name}s by other rows of this file with the "
                    f"same reference ({values}): the rows of one report must agree on its date "
                    "and grading and the file does not say which is right, so none of them is "
                    "loaded; correct the rows (or give them their own references) and load "
                    "them again")
              for name, values in differ]
    return [RowRejected.of(faults).problem(u.source, u.line,
                                           u.raw or clip(f"(row {u.line} of {u.source})"))
            for u in sorted(rows, key=lambda u: u.line)]


def held_back(rows: Sequence[Unit], quarantined: list[int] | None,
              mapping: Mapping | None) -> list[Problem]:
    """One problem per row of a report another row of which was quarantined (at the lines
    ``quarantined``), else none. The rows of one report load together: loaded without the
    bad row, the report would be complete only when the corrected row is loaded, and a
    row loaded later is a new version of the report, which replaces what these rows said
    (their suspect's role, his phone). So none of them loads until the row is corrected,
    as when the rows disagree on the report's date (:func:`disagreements`).

    >>> from graphintel.ingest.records import ReportIn
    >>> def row(line):
    ...     return Unit("log.csv", line, ReportIn("IL/1", {"date": "2025-03-01"}), [], [],
    ...                 f"h{line}", raw=f"row {line}")
    >>> held_back([row(2)], None, None)
    []
    >>> held_back([row(2), row(4)], [3], None)[1].line_text()
    "log.csv:4: field 'report.ref': report IL/1 has a row quarantined at line 3: the rows \
of one report load together, so none of them is loaded (the row loaded on its own later \
would replace them as a new version of the report); correct that row and load all the \
report's rows again"
    """
    if not quarantined:
        return []
    ref = rows[0].report.ref
    reason = (f"report {ref} has a row quarantined at {_lines(sorted(set(quarantined)))}: "
              "the rows of one report load together, so none of them is loaded (the row "
              "loaded on its own later would replace them as a new version of the report); "
              "correct that row and load all the report's rows again")
    fault = Fault(_column(mapping, "ref"), reason)
    return [RowRejected.of([fault]).problem(u.source, u.line,
                                            u.raw or clip(f"(row {u.line} of {u.source})"))
            for u in sorted(rows, key=lambda u: u.line)]


def combine(units: list[Unit]) -> None:
    """Make the rows of each report of a batch (see :func:`report_batches`) one report:
    every row is given the report's properties and content hash (the module's rule).

    A report of one row is left as it is.

    >>> from graphintel.ingest.records import ReportIn
    >>> def row(line, h, narrative):
    ...     return Unit("log.csv", line, ReportIn("IL/1", {"date": "2025-03-01",
    ...                 "narrative": narrative, "source_line": line}), [], [], h)
    >>> rows = [row(3, "b", "Seen at the flat."), row(2, "a", "Seen at the flat."),
    ...         row(4, "c", "Left in a car.")]
    >>> combine(rows)
    >>> p = rows[0].report.props
    >>> p["narrative"], p["source_line"], p["source_lines"], len({u.content_hash for u in rows})
    ('Left in a car.\\n\\nSeen at the flat.', 2, [2, 3, 4], 1)
    >>> again = [row(4, "c", "x"), row(2, "a", "x"), row(3, "b", "x")]
    >>> combine(again)
    >>> again[0].content_hash == rows[0].content_hash
    True
    """
    groups: dict[str, list[Unit]] = {}
    for unit in units:
        groups.setdefault(unit.report.ref, []).append(unit)
    for rows in groups.values():
        if len(rows) < 2:
            continue
        props = _props(rows)
        for unit in rows:
            unit.report.props = dict(props)
            unit.content_hash = props["content_hash"]


def _props(rows: list[Unit]) -> dict[str, Any]:
    props = dict(rows[0].report.props)
    for key, joiner in JOINED.items():
        values = sorted({str(v) for u in rows
                         if (v := u.report.props.get(key)) not in (None, "")})
        props[key] = joiner.join(values) if values else None
    for key in ("flags", "cleaned_fields"):
        union = sorted({v for u in rows for v in u.report.props.get(key) or []})
        if union:
            props[key] = union
    lines = sorted(u.line for u in rows)
    props["source_line"], props["source_lines"] = lines[0], lines
    props["content_hash"] = content_hash(sorted(u.content_hash for u in rows))
    return props
