"""``graphintel ingest PATH...``: load, print the accounting, exit 2 if rows were quarantined."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from graphintel.audit import audited
from graphintel.cli.common import console, err_console, settings
from graphintel.ingest import IngestSummary, ingest
from graphintel.secure_files import save_output

QUARANTINE_EXIT = 2


def render(summary: IngestSummary) -> None:
    """Print the per-file accounting and the totals."""
    head = "validated (dry run, nothing written)" if summary.dry_run else "loaded"
    for f in summary.files:
        console.print(f"{f.path} [{f.format}]: read {f.read}, {head} {f.loaded}, "
                      f"duplicates {f.duplicates}, skipped {f.skipped}, "
                      f"quarantined {f.quarantined}")
        for line in f.problems:
            err_console.print(f"  {line}")
        if f.quarantined > len(f.problems):
            err_console.print(f"  ... and {f.quarantined - len(f.problems)} more")
        if f.quarantine_file:
            console.print(f"  quarantine file: {f.quarantine_file}")
    t = summary.as_dict()
    console.print(f"total: read {t['read']}, loaded {t['loaded']}, duplicates "
                  f"{t['duplicates']}, skipped {t['skipped']}, quarantined {t['quarantined']}; "
                  f"nodes created {t['nodes_created']}, relationships created "
                  f"{t['relationships_created']}")


def ingest_command(
    paths: list[Path] = typer.Argument(..., help="Files to load (.jsonl, .csv, .xlsx)."),
    mapping: str | None = typer.Option(None, "--mapping", "-m",
                                       help="Mapping name or YAML file for tabular files."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Validate only; write nothing."),
    json_out: Path | None = typer.Option(None, "--json", help="Also write the summary as JSON."),
) -> None:
    """Load intelligence; every row is loaded, a duplicate, skipped or quarantined."""
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  console=err_console, transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def progress(path: str, rows: int) -> None:
            bar.update(task, description=f"{Path(path).name}: {rows} rows")

        config = settings()
        params = {"paths": [str(p) for p in paths], "mapping": mapping, "dry_run": dry_run,
                  "json": str(json_out) if json_out else None}
        with audited(config, "ingest", params=params) as record:
            summary = ingest(paths, settings=config, mapping=mapping, dry_run=dry_run,
                             progress=progress)
            record.records = summary.total("loaded")
            record.outputs.extend(f.quarantine_file for f in summary.files
                                  if f.quarantine_file)
            if json_out:
                record.outputs.append(str(json_out.resolve()))
                save_output(json_out, json.dumps(summary.as_dict(), indent=2, default=str))
    render(summary)
    if not summary.ok:
        raise typer.Exit(QUARANTINE_EXIT)
