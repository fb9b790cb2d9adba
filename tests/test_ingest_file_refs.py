"""A table read as one report per file takes its reference from the mapping and the file
name: two exports of one name in two folders are said to share it, and a load that adds
nothing says it created nothing."""

from __future__ import annotations

from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store

HEADER = "Caller,Callee,Start,Duration Seconds\n"


def _calls(folder: Path, row: str) -> Path:
    folder.mkdir()
    path = folder / "calls.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    return path


def test_a_load_that_adds_nothing_new_creates_no_node(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    jan = _calls(tmp_path / "jan", "07700 900601,07700 900602,2025-01-05T10:00:00,30")
    feb = _calls(tmp_path / "feb", "07700 900601,07700 900602,2025-01-05T11:00:00,30")
    ingest([jan], settings=settings, store=store, mapping="call_data")
    nodes = store.counts()["nodes"]
    summary = ingest([feb], settings=settings, store=store, mapping="call_data")
    assert summary.files[0].loaded == 1 and summary.counts.nodes_created == 0
    assert store.counts()["nodes"] == nodes
