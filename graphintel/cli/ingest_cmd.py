"""``graphintel ingest PATH...``: load, print the accounting, exit 3 if rows were quarantined
or a file was not read (its name is not valid UTF-8).

A folder stands for the files directly in it that graphintel reads: canonical JSON Lines
(``.jsonl``, ``.ndjson``) first, then tables (``.csv``, ``.tsv``, ``.xlsx``), each in name
order; other files (``ground_truth.json``, notes) are listed as not read. Tables take the
shipped mapping their header fits unless ``--mapping`` names one; ``--mapping`` never
applies to JSON Lines, which are canonical reports.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from graphintel.cli.common import (
    console,
    err_console,
    interactive,
    note,
    outside_home,
    settings,
)
from graphintel.cli.output import FORMAT, Format, chosen, emit
from graphintel.errors import ConfigError, InputError
from graphintel.safe_text import escaped

if TYPE_CHECKING:
    from graphintel.ingest import IngestSummary

QUARANTINE_EXIT = 3
JSONL = (".jsonl", ".ndjson")
TABLES = (".csv", ".tsv", ".xlsx")
FILE_COLUMNS = ["path", "format", "read", "loaded", "duplicates", "skipped", "quarantined",
                "quarantine_file"]


def expand(paths: list[Path]) -> list[Path]:
    """Files to load: each file as given, each folder as its readable files (see above)."""
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        inside = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
        found = ([p for p in inside if p.suffix.lower() in JSONL]
                 + [p for p in inside if p.suffix.lower() in TABLES])
        if not found:
            raise InputError("the folder holds no .jsonl, .ndjson, .csv, .tsv or .xlsx file",
                             str(path), "give the files to load, or the folder that holds them")
        files.extend(found)
        left = [escaped(p.name) for p in inside if p not in found]
        note(f"reading {len(found)} files from {escaped(str(path))}/"
             + (f" (not {', '.join(left)})" if left else ""))
    return files


def _check_mapping(files: list[Path], mapping: str | None) -> None:
    if not mapping:
        return
    canonical = [p for p in files if p.suffix.lower() in JSONL]
    if canonical:
        raise ConfigError(
            f"--mapping applies to tables (CSV, XLSX), but {escaped(str(canonical[0]))} holds "
            "canonical reports in JSON Lines", "--mapping",
            "load the JSON Lines files in an ingest without --mapping")


#: A dry run reads no graph: rows already in it are counted as validated, not duplicates.
DRY_RUN_NOTE = ("\n  (a dry run does not read the graph: duplicates are those within these "
                "files; rows already in the graph count as validated)")


def render(summary: IngestSummary) -> None:
    """Print the per-file accounting and the totals."""
    head = "validated (dry run, nothing written)" if summary.dry_run else "loaded"
    for f in summary.files:
        versions = (f" ({f.new_versions} of them new versions of reports loaded before)"
                    if f.new_versions else "")
        console.print(f"{f.path} [{f.format}]: read {f.read}, {head} {f.loaded}{versions}, "
                      f"duplicates {f.duplicates}, skipped {f.skipped}, "
                      f"quarantined {f.quarantined}")
        for line in f.problems:
            err_console.print(f"  {line}")
        for line in f.warnings:
            err_console.print(f"  warning: {line}")
        if f.problems_left_out:
            err_console.print(f"  ... and {f.problems_left_out} more")
        if f.quarantine_file:
            console.print(f"  quarantine file: {f.quarantine_file}")
    t = summary.as_dict()
    not_read = f", files not read {t['files_not_read']}" if t["files_not_read"] else ""
    written = (DRY_RUN_NOTE if summary.dry_run else
               f"; nodes created {t['nodes_created']}, relationships created "
               f"{t['relationships_created']}")
    console.print(f"total: read {t['read']}, {head} {t['loaded']}, duplicates "
                  f"{t['duplicates']}, skipped {t['skipped']}, quarantined {t['quarantined']}"
                  f"{not_read}{written}")


def ingest_command(
    paths: list[Path] = typer.Argument(..., metavar="PATH...", help="Files to load (.jsonl, "
                                       ".csv, .tsv, .xlsx), or folders holding them."),
    mapping: str | None = typer.Option(None, "--mapping", "-m",
                                       help="Mapping name or YAML file for the tables "
                                            "(default: the shipped one their header fits)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate only; write nothing."),
    fmt: Format | None = FORMAT,
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Also write the summary to this file "
        "(created 0600; JSON unless --format or the extension says otherwise)."),
    json_out: Path | None = typer.Option(None, "--json", hidden=True,
                                         help="Deprecated: -o FILE.json."),
) -> None:
    """Load intelligence; every row is loaded, a duplicate, skipped or quarantined.

    Exit code 3 when rows were quarantined or a file was not read (the good rows and the
    other files are loaded)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from graphintel.audit import audited
    from graphintel.ingest import ingest

    if json_out is not None:
        note("note: --json PATH is deprecated; use -o PATH.json")
        output, fmt = output or json_out, fmt or Format.json
    if output is not None and fmt is None and output.suffix.lower() != ".csv":
        fmt = Format.json
    config = settings()
    outside_home(config, output, json_out)
    params: dict[str, Any] = {"paths": [str(p) for p in paths], "mapping": mapping,
                              "dry_run": dry_run, "format": chosen(fmt, output).value,
                              "output": str(output) if output else None}
    with audited(config, "ingest", params=params) as record:
        files = expand(paths)
        _check_mapping(files, mapping)
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=err_console, transient=True, disable=not interactive()) as bar:
            task = bar.add_task("reading", total=None)

            def progress(path: str, rows: int) -> None:
                bar.update(task, description=f"loading {Path(path).name}: {rows} rows")

            summary = ingest(files, settings=config, mapping=mapping, dry_run=dry_run,
                             progress=progress)
        record.records = summary.total("loaded")
        record.outputs.extend(f.quarantine_file for f in summary.files if f.quarantine_file)
        fmt = chosen(fmt, output)
        rows = [{c: getattr(f, c) for c in FILE_COLUMNS} for f in summary.files]
        if output is not None or fmt is Format.table:
            render(summary)
        if output is not None or fmt is not Format.table:
            emit(FILE_COLUMNS, rows, fmt, output, record, data=summary.as_dict())
            record.records = summary.total("loaded")
    if not summary.ok:
        raise typer.Exit(QUARANTINE_EXIT)
