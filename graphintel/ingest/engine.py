"""``ingest``: read sources, quarantine bad rows, skip duplicates, write the rest in batches.

Every row read ends up in exactly one count: loaded, duplicate (an exact copy of a row
already loaded in this run or already in the graph, or a version of a report that a newer
one replaced: :mod:`graphintel.ingest.versions`), skipped (by a mapping's skip rule, or a
row of empty cells) or quarantined (written with its reason to the quarantine file). A row
that is a new version of a report already loaded is loaded, counted in ``new_versions``,
and says so in a warning line.
The counts add up to the rows read, and the rows read to the records the file physically
holds (its non-blank lines, for JSON Lines and CSV); the summary checks both, and an
imbalance is a problem line and a failed run. A quarantined row is counted once however
many things are wrong with it, and has one problem line for each
(:class:`~graphintel.ingest.records.Problem`).
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import multiprocessing
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from graphintel.config import Settings
from graphintel.errors import InputError, MappingError
from graphintel.ingest.file_names import name_problem, refused_file
from graphintel.ingest.header_text import encoding_fix
from graphintel.ingest.held_rows import HELD_DIR, HeldRows
from graphintel.ingest.jsonl import read_jsonl, split_lines
from graphintel.ingest.mapping import Mapping, find_mappings, shipped_mappings
from graphintel.ingest.quarantine import Quarantine
from graphintel.ingest.records import Limits, Notice, Problem, SourceEnd, Unit
from graphintel.ingest.report_rows import combine, report_batches
from graphintel.ingest.source_ids import SourceIndex
from graphintel.ingest.suggest import NameIndex, known_names
from graphintel.ingest.summary import MAX_PROBLEM_LINES, FileSummary, IngestSummary
from graphintel.ingest.tabular import SKIPPED, read_header, read_tabular

if TYPE_CHECKING:
    from graphintel.store import Store, WriteCounts

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TABULAR_SUFFIXES = {".csv", ".tsv", ".txt", ".xlsx"}


Progress = Callable[[str, int], None]


def _pick_mapping(path: Path, mapping: str | None, limits: Limits) -> Mapping:
    given = find_mappings(mapping) if mapping else None
    if given is not None and len(given) == 1:
        return given[0]
    header = read_header(path, None, limits)
    pool = given if given is not None else list(shipped_mappings().values())
    matches = [m for m in pool if m.matches_file(path, header)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        which = f"mapping in {mapping}" if mapping else "shipped mapping"
        raise MappingError(f"no {which} fits the name and columns of {path.name}", str(path),
                           encoding_fix(header, "utf-8") or
                           "name one with --mapping NAME, FILE.yaml or a folder of mappings")
    raise MappingError(f"several mappings fit {path.name}: "
                       f"{', '.join(m.name for m in matches)}", str(path),
                       "choose one with --mapping")


Rows = Iterator[Unit | Problem | SourceEnd | Notice | str | None]


def _canonical(path: Path, mapping: str | None) -> bool:
    """Whether ``path`` is read as canonical JSON Lines (no mapping)."""
    return path.suffix.lower() in JSONL_SUFFIXES and not mapping


def _mapping_of(path: Path, mapping: str | None, limits: Limits) -> Mapping | None:
    """The mapping a file is read with, None for canonical JSON Lines."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputError("input file not found", str(path), "check the path")
    if _canonical(path, mapping):
        return None
    if suffix in TABULAR_SUFFIXES or mapping:
        chosen = _pick_mapping(path, mapping, limits)
        chosen.check_header(read_header(path, chosen, limits), str(path))
        return chosen
    raise InputError(f"cannot tell the format of {path.name}", str(path),
                     "use .jsonl for canonical reports, or give --mapping for a table")


def _source_rows(path: Path, mapping: str | None,
                 limits: Limits) -> tuple[str, Rows, Mapping | None]:
    chosen = _mapping_of(path, mapping, limits)
    if chosen is None:
        return "canonical-jsonl", read_jsonl(path, limits), None
    return f"mapping:{chosen.name}", read_tabular(path, chosen, limits), chosen


#: Rows a reader process hands over at a time.
READ_AHEAD_CHUNK = 250
#: Files smaller than this are read in the loading process itself: a reader process pays
#: off only when there is a next batch to read while one is being written.
READ_AHEAD_MIN_BYTES = 2 << 20
#: The same for the first file, whose reader starts before the driver is loaded and Neo4j
#: reached: reading it then pays off from about sixty reports (at 1,000 reports about 0.2
#: s of a 1.6 s load, the reading hidden behind the driver's import).
READ_AHEAD_EARLY_MIN_BYTES = 64 << 10
#: Processes reading the first file (a JSON Lines file) at once, each its own part.
READ_AHEAD_EARLY_PARTS = 2


def _read_into(rows: Rows, out: multiprocessing.Queue) -> None:
    """In the reader process: read and normalise every row, handing them over in chunks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the loading process
    chunk: list[object] = []
    try:
        for item in rows:
            chunk.append(item)
            if len(chunk) >= READ_AHEAD_CHUNK:
                out.put(("rows", chunk))
                chunk = []
    except Exception:  # the loading process reads on from here and raises it itself
        out.put(("rows", chunk))
        out.put(("failed", None))
        return
    out.put(("rows", chunk))
    out.put(("end", None))


class ReadAhead:
    """The rows of one file, read and normalised by child processes while this one writes.

    Reading a row (JSON, dates, phone numbers, the narrative's entities) is Python work of
    the same order as the database's work on it; in a process of its own it runs on
    another core while the batches before are written, up to ``ahead`` rows in front. With
    ``parts`` (giving the file's parts in order, each a reader of its rows ending with its
    own :class:`SourceEnd`; asked only when processes are used), a process reads each part
    at once. The rows come out in the file's order and exactly as a reader in this process
    gives them, with one :class:`SourceEnd` counting the records of every part. When a
    reader process fails (a file that cannot be read on, or the process lost), this
    process reads on itself from the row it had reached, so an error is raised here, after
    the same rows, as it would be without the processes.

    Files under ``min_bytes`` (``READ_AHEAD_MIN_BYTES``; for the first file, read from
    before the connection is made, ``READ_AHEAD_EARLY_MIN_BYTES``), platforms other than
    Linux, and processes that run other threads (forking those is unsafe) read in this
    process.
    """

    def __init__(self, path: Path, make_rows: Callable[[], Rows], ahead: int,
                 min_bytes: int = READ_AHEAD_MIN_BYTES,
                 parts: Callable[[], Sequence[Callable[[], Rows]]] | None = None) -> None:
        self._make_rows = make_rows
        self._got = 0
        self._readers: list[tuple[multiprocessing.process.BaseProcess,
                                  multiprocessing.Queue]] = []
        if not self._worth_a_process(path, min_bytes):
            return
        ctx = multiprocessing.get_context("fork")
        sys.stdout.flush()  # so that nothing buffered is written twice
        sys.stderr.flush()
        try:
            for rows in (parts() if parts else None) or [make_rows]:
                out = ctx.Queue(max(2, -(-ahead // READ_AHEAD_CHUNK)))
                proc = ctx.Process(target=_read_into, args=(rows(), out),
                                   name="graphintel-reader", daemon=True)
                self._readers.append((proc, out))
                proc.start()
        except (OSError, ValueError):  # no process or semaphore to be had: read here
            self.close()

    @staticmethod
    def _worth_a_process(path: Path, min_bytes: int) -> bool:
        if not sys.platform.startswith("linux") or threading.active_count() != 1:
            return False
        try:
            return path.stat().st_size >= min_bytes
        except OSError:
            return False

    def __iter__(self) -> Rows:
        if not self._readers:
            yield from self._make_rows()
            return
        records, ended = 0, False
        for proc, out in self._readers:
            while True:
                try:
                    kind, chunk = out.get(timeout=0.5)
                except queue.Empty:
                    if proc.is_alive():
                        continue
                    try:  # what it put just before it ended
                        kind, chunk = out.get(timeout=0.5)
                    except queue.Empty:
                        kind, chunk = "failed", None
                if kind == "rows":
                    for item in chunk:
                        if isinstance(item, SourceEnd):  # the part's: added up below
                            records, ended = records + item.records, True
                            continue
                        self._got += 1
                        yield item
                elif kind == "end":
                    break
                else:
                    yield from itertools.islice(self._make_rows(), self._got, None)
                    return
        if ended:
            yield SourceEnd(records)

    def close(self) -> None:
        """Stop the reader processes (when the load stops early) and release their queues."""
        for proc, out in self._readers:
            if proc.is_alive():
                proc.terminate()
            if proc.pid is not None:
                proc.join()
            proc.close()
            out.close()
            out.cancel_join_thread()
        self._readers = []


def _quarantine(fs: FileSummary, quarantine: Quarantine, problem: Problem) -> None:
    """Quarantine one row: counted once, one problem line per thing wrong with it."""
    quarantine.add(problem)
    fs.quarantined += 1
    for line in problem.line_texts():
        if len(fs.problems) < MAX_PROBLEM_LINES:
            fs.problems.append(line)
        else:
            fs.problems_left_out += 1


def _flush(store: Store | None, batch: list[Unit], fs: FileSummary, totals: WriteCounts,
           names: NameIndex, per_row: bool, ids: SourceIndex, quarantine: Quarantine,
           lookup: Store | None, grouped: bool = False) -> None:
    """Write one batch; ``grouped``: its rows are whole reports of a table, each made one
    report (:func:`graphintel.ingest.report_rows.combine`) once its source IDs resolve."""
    if not batch:
        return
    from graphintel.ingest.versions import sort_versions, stored_versions
    from graphintel.ingest.writer import write_units

    batch, problems = ids.resolve(lookup, batch)
    for problem in problems:
        _quarantine(fs, quarantine, problem)
    if grouped:
        combine(batch)
    if store is None:
        ids.learn(batch)
        fs.loaded += len(batch)
        return
    if per_row:
        found = sort_versions(batch, stored_versions(store.read(
            "report_versions", refs=sorted({u.report.ref for u in batch}))))
        fresh = found.fresh
        fs.duplicates += found.duplicates
        fs.new_versions += found.new_versions
        _warn(fs, found.warnings)
    else:
        fresh = batch
    resolved, counts = write_units(store, fresh, names)
    fs.warnings.extend(line for u in fresh for line in u.notes)
    for unit in fresh:
        for line in unit.advice:
            fs.advice_warnings += 1
            if fs.advice_warnings <= MAX_PROBLEM_LINES:
                fs.warnings.append(f"{unit.source}:{unit.line}: {line}")
    ids.learn(fresh, resolved)
    fs.loaded += len(fresh)
    _add(totals, counts)


def _warn(fs: FileSummary, lines: list[str]) -> None:
    """Add warning lines, at most :data:`MAX_PROBLEM_LINES` of this kind per file."""
    for line in lines:
        fs.version_warnings += 1
        if fs.version_warnings <= MAX_PROBLEM_LINES:
            fs.warnings.append(line)


def _add(total: WriteCounts, part: WriteCounts) -> None:
    for name in vars(part):
        setattr(total, name, getattr(total, name) + getattr(part, name))


def _ingest_file(path: Path, store: Store | None, settings: Settings, mapping: str | None,
                 names: NameIndex, totals: WriteCounts, progress: Progress | None,
                 limits: Limits, ids: SourceIndex, lookup: Store | None,
                 started: ReadAhead | None = None) -> FileSummary:
    from graphintel.ingest.writer import complete_file_report, held_file_report

    fmt, _, chosen = _source_rows(path, mapping, limits)
    per_row = chosen is None or chosen.per_row_report
    # rows of a table with the same report reference are one report: held to the end
    held = HeldRows(settings.home / HELD_DIR) if chosen is not None and per_row else None
    ids.new_file()
    fs = FileSummary(str(path), fmt)
    quarantine = Quarantine(settings.home, path, enabled=store is not None)
    seen: set[str] = set()
    batch: list[Unit] = []
    # report reference -> the lines of its rows quarantined (its other rows are held back)
    held_out: dict[str, list[int]] = {}
    file_ref: str | None = None
    file_hash = hashlib.sha256(path.read_bytes()).hexdigest()[:32] if not per_row else ""
    already_loaded = False
    rows = started or _reader(path, mapping, limits, settings)
    try:
        for item in rows:
            if item is None:
                continue
            if isinstance(item, SourceEnd):
                fs.records = item.records
                continue
            if isinstance(item, Notice):
                fs.warnings.append(item.text)
                continue
            fs.read += 1
            if isinstance(item, Problem):
                _quarantine(fs, quarantine, item)
                if item.ref is not None and held is not None:
                    held_out.setdefault(item.ref, []).append(item.line)
            elif item == SKIPPED:
                fs.skipped += 1
            elif isinstance(item, Unit):
                if file_ref is None and not per_row:
                    file_ref = item.report.ref
                    if store is not None:
                        already_loaded, shared = held_file_report(store, file_ref, str(path),
                                                                  file_hash)
                        fs.warnings.extend([shared] if shared else [])
                if item.content_hash in seen or already_loaded:
                    fs.duplicates += 1
                    continue
                seen.add(item.content_hash)
                (batch if held is None else held).append(item)
                if len(batch) >= settings.batch_size:
                    _flush(store, batch, fs, totals, names, per_row, ids, quarantine, lookup)
                    batch = []
            if progress and fs.read % 500 == 0:
                progress(str(path), fs.read)
        _flush(store, batch, fs, totals, names, per_row, ids, quarantine, lookup)
        for part in report_batches(held.groups() if held is not None else (), chosen,
                                   settings.batch_size,
                                   functools.partial(_quarantine, fs, quarantine), held_out):
            _flush(store, part, fs, totals, names, per_row, ids, quarantine, lookup, True)
        if store is not None and file_ref is not None and not already_loaded:
            _add(totals, complete_file_report(store, file_ref, file_hash))
    finally:
        rows.close()
        quarantine.close()
        if held is not None:
            held.close()
    if progress:
        progress(str(path), fs.read)
    fs.merged = ids.merged(store)
    for label, (count, nodes) in sorted(fs.merged.items()):
        fs.warnings.append(
            f"{path}: {count} {label} source IDs were merged into {nodes} {label} "
            f"node{'s' if nodes != 1 else ''} on a shared key ({MERGE_KEYS.get(label, 'key')}); "
            "each node keeps every source ID; if they are different, correct the key in the "
            "source (e.g. the flat number in the address)")
    if fs.advice_warnings > MAX_PROBLEM_LINES:
        fs.warnings.append(f"{path}: ... and {fs.advice_warnings - MAX_PROBLEM_LINES} more "
                           "such lines (fields read under the contract's name, link fields kept "
                           "with the report, links written the wrong way round, turned, "
                           "phones, VRMs and postcodes kept as written)")
    if fs.version_warnings > MAX_PROBLEM_LINES:
        fs.warnings.append(f"{path}: ... and {fs.version_warnings - MAX_PROBLEM_LINES} more "
                           "rows that are new or earlier versions of reports")
    imbalance = fs.balance_problem()
    if imbalance:
        fs.problems.append(imbalance)
    if quarantine.count and store is not None:
        fs.quarantine_file = str(quarantine.path)
    return fs


MERGE_KEYS = {"Person": "nominal reference, or name + date of birth",
              "Location": "postcode + address", "Phone": "number", "Vehicle": "VRM",
              "OnlineAccount": "platform + handle", "Officer": "badge number"}


def _uses_refs(mapping: Mapping | None) -> bool:
    return mapping is not None and mapping.uses_refs


def ingest(paths: Iterable[Path], *, settings: Settings, store: Store | None = None,
           mapping: str | None = None, dry_run: bool = False,
           progress: Progress | None = None) -> IngestSummary:
    """Load files into the graph and account for every row.

    ``mapping`` names a shipped mapping, a mapping file or a folder of mappings (a mapping
    set) for tabular inputs (detected from the file name and header when omitted or a
    set). Files whose mapping names entities by source IDs (``ref:``) are read after the
    others, so an entity file and its link files can be given in any order. With
    ``dry_run`` every row is read and validated but nothing is written, and no quarantine
    file is made; source IDs then resolve against the run's own entity files, and against
    the graph when ``store`` is given. A file whose name is not valid UTF-8 is not read:
    its summary says so (:mod:`graphintel.ingest.file_names`) and the others are read.
    """
    paths = [Path(p) for p in paths]
    refused = [refused_file(p, why) for p in paths if (why := name_problem(p))]
    paths = [p for p in paths if not name_problem(p)]
    limits = Limits.from_settings(settings)
    chosen = [_mapping_of(p, mapping, limits) for p in paths]  # fail fast: a missing file
    refs_last = sorted(range(len(paths)), key=lambda i: (_uses_refs(chosen[i]), i))
    paths = [paths[i] for i in refs_last]
    # The first file is read from here on, by a process of its own when it is large
    # enough (ReadAhead), while the driver is loaded, Neo4j is reached and the graph made
    # ready below: the driver's modules are imported only after that process has started.
    first = (_reader(paths[0], mapping, limits, settings, early=True)
             if paths and not dry_run else None)
    own_store = None
    try:
        from graphintel import derived
        from graphintel.ingest.earlier_narratives import ages_from_earlier_narratives
        from graphintel.ingest.nominal_joins import join_nominal_clashes
        from graphintel.ingest.writer import bind_existing_person_keys
        from graphintel.schema import ensure_schema
        from graphintel.store import Store, WriteCounts

        totals = WriteCounts()
        files: list[FileSummary] = list(refused)
        if not dry_run and store is None:
            own_store = store = Store.open(settings)
        if not dry_run and store is not None:
            ensure_schema(store)
            bind_existing_person_keys(store)
            derived.settle(store)  # what a load stopped part way left
            names = known_names(store)
        else:
            names = NameIndex()
        known_before = names.uids()
        ids = SourceIndex()
        for i, path in enumerate(paths):
            files.append(_ingest_file(path, None if dry_run else store, settings, mapping,
                                      names, totals, progress, limits, ids, store,
                                      started=first if i == 0 else None))
        if not dry_run and store is not None:
            derived.settle(store)
            joined = join_nominal_clashes(store)
            if joined and files:
                files[-1].warnings.extend(joined)
            ages_from_earlier_narratives(store, known_before, names)
    finally:
        if first is not None:
            first.close()
        if own_store is not None:
            own_store.close()
    return IngestSummary(files, totals, dry_run)


def _reader(path: Path, mapping: str | None, limits: Limits, settings: Settings,
            early: bool = False) -> ReadAhead:
    """The rows of ``path`` (see :class:`ReadAhead`); ``early`` when it is started before
    the connection to Neo4j is made."""
    def parts() -> list[Callable[[], Rows]]:
        # a JSON Lines file's parts are read at once, each by a process of its own, while
        # this process loads the driver: at 1,000 reports reading then takes about as
        # long as the import
        if not early or not _canonical(path, mapping):
            return []
        return [functools.partial(read_jsonl, path, limits, part=part)
                for part in split_lines(path, READ_AHEAD_EARLY_PARTS)]

    return ReadAhead(path, lambda: _source_rows(path, mapping, limits)[1],
                     ahead=settings.batch_size * 2,
                     min_bytes=READ_AHEAD_EARLY_MIN_BYTES if early else READ_AHEAD_MIN_BYTES,
                     parts=parts)
