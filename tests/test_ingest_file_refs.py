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


def test_two_files_of_one_name_sharing_a_report_are_told(store: Store, settings: Settings,
                                                         tmp_path: Path) -> None:
    jan = _calls(tmp_path / "jan", "07700 900601,07700 900602,2025-01-05T10:00:00,30")
    feb = _calls(tmp_path / "feb", "07700 900603,07700 900604,2025-02-05T10:00:00,30")
    first = ingest([jan], settings=settings, store=store, mapping="call_data")
    assert first.files[0].warnings == []
    assert first.counts.nodes_created == 3  # the report and two phones
    second = ingest([feb], settings=settings, store=store, mapping="call_data")
    assert second.files[0].warnings == [
        f"{feb}: its rows are loaded into report call_data:calls.csv, which {jan} was loaded "
        "as (other content): a file-wide report's reference is the mapping and the file "
        "name, so the two files are now one report whose source_file is this file; if they "
        "are different exports give them different names (e.g. calls-2025-02.csv) before "
        "loading"]
    assert second.counts.nodes_created == 2  # two phones: the report was there
    # the same file again is a duplicate, and says nothing was created
    again = ingest([feb], settings=settings, store=store, mapping="call_data")
    assert again.as_dict()["duplicates"] == 1 and again.files[0].warnings == []
    assert again.counts.nodes_created == 0
    # the same file changed (a new export over the old one) is not another file
    feb.write_text(HEADER + "07700 900603,07700 900605,2025-02-06T10:00:00,30\n")
    changed = ingest([feb], settings=settings, store=store, mapping="call_data")
    assert changed.files[0].loaded == 1 and changed.files[0].warnings == []


def test_a_load_that_adds_nothing_new_creates_no_node(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    jan = _calls(tmp_path / "jan", "07700 900601,07700 900602,2025-01-05T10:00:00,30")
    feb = _calls(tmp_path / "feb", "07700 900601,07700 900602,2025-01-05T11:00:00,30")
    ingest([jan], settings=settings, store=store, mapping="call_data")
    nodes = store.counts()["nodes"]
    summary = ingest([feb], settings=settings, store=store, mapping="call_data")
    assert summary.files[0].loaded == 1 and summary.counts.nodes_created == 0
    assert store.counts()["nodes"] == nodes
