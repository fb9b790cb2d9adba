"""Results on screen: a table when the columns have room, one block per row when they do
not, headings in words; cells are text, never markup."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.table import Table

from graphintel.cli.output import MIN_COLUMN_WIDTH, heading, table

COLUMNS = ["place_uid", "place", "postcode", "kind", "score", "victim_sightings",
           "victims_seen", "missing_finds", "children_found", "suspects_linked"]
ROWS = [
    {"place_uid": "Location:BS13 2RP|leisure centre", "place": "Leisure centre car park",
     "postcode": "BS13 2RP", "kind": "hotspot", "score": 33, "victim_sightings": 14,
     "victims_seen": 10, "missing_finds": 19, "children_found": 14, "suspects_linked": 8},
    {"place_uid": "Location:X", "place": "[bold]Flat 2[/bold]", "postcode": None,
     "kind": "address", "score": 2, "victim_sightings": 2, "victims_seen": 1,
     "missing_finds": 0, "children_found": 0, "suspects_linked": ["a", "b"]},
]


def _text(renderable: object, width: int) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_too_many_columns_for_the_screen_become_one_block_per_row() -> None:
    shown = table("hotspots", COLUMNS, ROWS, width=80)
    assert isinstance(shown, Group)
    text = _text(shown, 80)
    lines = text.splitlines()
    assert lines[0] == "hotspots"
    assert lines[1].startswith("1 of 2 ") and "2 of 2 " in text
    assert "victim sightings  14" in text
    assert "place             [bold]Flat 2[/bold]" in text  # markup shown as written
    assert "suspects linked   a; b" in text
    assert max(len(x) for x in lines) <= 80
    assert _text(table("hotspots", COLUMNS, [], width=80), 80).splitlines() == [
        "hotspots", "no rows"]


def test_columns_with_room_stay_a_table_with_headings_in_words() -> None:
    wide = MIN_COLUMN_WIDTH * len(COLUMNS)
    shown = table("hotspots", COLUMNS, ROWS, width=wide)
    assert isinstance(shown, Table)
    assert [str(c.header) for c in shown.columns][5] == "victim sightings"
    # few columns stay a table on any screen
    assert isinstance(table(None, ["a", "b", "c", "d"], [{"a": 1}], width=20), Table)


def test_heading() -> None:
    assert [heading(c) for c in ("victim_sightings", "refs", "a__b")] == [
        "victim sightings", "refs", "a  b"]


def test_the_audit_log_reads_one_line_per_command() -> None:
    from graphintel.cli.audit_cmd import audit_lines

    entries = [
        {"time": "2026-12-06T02:59:23+00:00", "user": "ana", "host": "vm", "command": "ingest",
         "query": None, "params": {"files": ["a.csv"], "strict": False, "limit": None},
         "records": 698, "status": "ok", "error": None,
         "outputs": ["/srv/out/ingest-summary.json"]},
        {"time": "2026-12-06T03:00:00+00:00", "user": "ana", "host": "vm",
         "command": "query run", "query": "hotspots", "params": {"since": "2025-01-01",
                                                                  "limit": 0},
         "records": 1, "status": "ok", "error": None, "outputs": []},
        {"time": "2026-12-06T03:01:00+00:00", "user": "bo", "host": "vm", "command": "profile",
         "query": "profile", "params": {}, "records": None, "status": "error",
         "error": "NotFound: no person '[red]x'", "outputs": None},
        {"time": "2026-12-06T03:02:00+00:00", "user": "bo", "host": "vm", "command": "agenda",
         "query": None, "params": {}, "records": 9, "status": "ok", "error": None,
         "outputs": ["/a/x.md", "/a/x.html"]},
    ]
    lines = _text(audit_lines(entries), 200).splitlines()
    assert [x.rstrip() for x in lines] == [
        "Audit log",
        "2026-12-06 02:59:23  ana  ingest: ok, 698 records - wrote ingest-summary.json",
        '2026-12-06 03:00:00  ana  query run hotspots: ok, 1 record - {"since": "2025-01-01", '
        '"limit": 0}',
        "2026-12-06 03:01:00  bo  profile: error - NotFound: no person '[red]x'",
        "2026-12-06 03:02:00  bo  agenda: ok, 9 records - wrote 2 files",
    ]


def test_the_named_queries_read_as_a_listing(tmp_path: Path) -> None:
    from graphintel.cli.query_cmd import query_listing
    from graphintel.queries import shipped_query_dir

    rows = [{"name": "children_near_suspect", "parameters": "suspect: str, max_links: int?",
             "description": "Children and victims within n links of a suspect, each with the "
                            "fewest links, an evidence path and the reports.",
             "file": str(shipped_query_dir() / "children_near_suspect.cypher")},
            {"name": "my_query", "parameters": "", "description": "Mine.",
             "file": str(tmp_path / "my_query.cypher")}]
    console = Console(width=60, record=True, color_system=None)
    console.print(query_listing(rows), soft_wrap=False)
    lines = console.export_text().splitlines()
    assert lines[1] == "children_near_suspect  (suspect: str, max_links: int?)"
    assert lines[2].startswith("    Children and victims within n links")
    assert all(len(x) <= 60 for x in lines)
    assert "my_query  (no parameters)" in lines
    # the file is named for an officer's own query only
    text = "\n".join(lines)
    assert text.count("file:") == 1 and "my_query.cypher" in text.split("file:")[1]
