"""The list of runs on screen fits an 80-column terminal and still names every run whole,
with its window and the score weights it changed under it."""

from __future__ import annotations

from rich.console import Console

from graphintel.cli.analyse_cmd import runs_table

RUNS = [
    {"id": "run-20261206T030015-759c2948-d5fd", "created_at": "2026-12-06T03:00:15Z",
     "as_of": "2025-06-30", "window_from": "2025-01-01", "window_to": None, "persons": 102,
     "suspects": 22, "victims": 30, "networks": 35, "status": "complete",
     "weights": "brokerage 0, contact 0.45"},
    {"id": "run-20261206T025936-872c702c-3d17", "created_at": "2026-12-06T02:59:36Z",
     "as_of": "2025-06-30", "window_from": None, "window_to": None, "persons": 117,
     "suspects": 23, "victims": 37, "networks": 13, "status": "complete", "weights": None},
]


def _screen(rows: list[dict]) -> list[str]:
    console = Console(width=80, record=True, color_system=None)
    console.print(runs_table(rows))
    return console.export_text().splitlines()


def test_runs_fit_80_columns_with_ids_whole() -> None:
    lines = _screen(RUNS)
    assert max(len(line) for line in lines) <= 80
    text = "\n".join(lines)
    for r in RUNS:
        assert r["id"] in text
    assert "window 2025-01-01 to (end)" in text
    words = " ".join(w for line in lines for w in line.split() if w not in "│┃")
    assert "weights changed: brokerage 0, contact" in words and "0.45" in words
    assert "102 / 22 / 30 / 35" in text and "117 / 23 / 37 / 13" in text
    assert "complete" not in text  # said only of a run that is not


def test_a_run_that_is_not_complete_shows_the_status() -> None:
    lines = _screen([{**RUNS[0], "status": "staged"}, RUNS[1]])
    assert max(len(line) for line in lines) <= 80
    assert "staged: never completed" in "\n".join(lines)
    missing = [{**RUNS[1], "victims": None}]
    assert "117 / 23 / – / 13" in "\n".join(_screen(missing))
