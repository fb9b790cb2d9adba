"""The world of the export tests: the chart world plus parallel links.

On top of :mod:`tests.test_charts_world`, one more report says that Marcus Vane is also an
associate of Lily Hart (besides exploiting her) and that Tariq Noon is family of Marcus
(besides being his associate): two pairs of people joined by two links each, which a
reader that merges parallel links would silently reduce to one. It also gives the hotspot
its coordinates (a negative longitude, which a CSV must keep a number), and loads two files
through the shipped mappings: call data (Marcus's phone calls another phone twice: one
file-wide report, so each call is cited by its row) and an associations edge list whose
rows carry their own references.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphintel.charts import SelectionSpec, make_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import analyse, report, write_jsonl
from tests.test_charts_world import HOTSPOT, LILY, MARCUS, TARIQ, reports

PARALLEL_REF = "IR/T/0010"
#: The chart the export tests write: Marcus Vane and everyone one link away.
AROUND_MARCUS = SelectionSpec.around(["N100"], hops=1)


#: The hotspot with its coordinates (west of Greenwich: a negative longitude).
HOTSPOT_AT = {**HOTSPOT, "lat": 51.3811, "lon": -2.3597}


def export_reports() -> list[dict[str, Any]]:
    return [*reports(), report(PARALLEL_REF, [MARCUS, LILY, TARIQ, HOTSPOT_AT], [
        {"from": "m", "to": "l", "type": "ASSOCIATE_OF"},
        {"from": "t", "to": "m", "type": "FAMILY_OF"},
        {"from": "m", "to": "h", "type": "FREQUENTS"},
    ], date="2025-02-20T08:30:00", grading="1BP")]


CALLS = ("Caller,Callee,Start,Duration Seconds\n"
         "07700 900111,07700 900999,2025-02-21T20:00:00,65\n"
         "07700 900111,07700 900999,2025-02-22T21:10:00,12\n")
ASSOCIATIONS = ("Person A,Person A DOB,Person B,Person B DOB,Type,Weight,Date,Source Ref\n"
                "Kyle Brown,1995-07-03,Lee Brown,1993-01-20,ASSOCIATE_OF,3,2025-02-01,"
                "IR/2025/000900\n"
                "Lee Brown,1993-01-20,Kyle Brown,1995-07-03,FAMILY_OF,5,2024-12-01,\n")


def load_export_world(store: Store, settings: Settings, folder: Path) -> dict[str, Any]:
    """Wipe, ingest the export world, analyse; the analysis result document."""
    store.wipe()
    path = write_jsonl(folder / "exports.jsonl", export_reports())
    calls, assoc = folder / "call_data.csv", folder / "assoc.csv"
    calls.write_text(CALLS, encoding="utf-8")
    assoc.write_text(ASSOCIATIONS, encoding="utf-8")
    summary = ingest([path, calls, assoc], settings=settings, store=store)
    assert summary.ok, summary.as_dict()
    return analyse(store).result


def test_export_world_has_parallel_links(session_store: Store, settings: Settings,
                                         tmp_path: Path) -> None:
    result = load_export_world(session_store, settings, tmp_path)
    assert result["communities"]
    chart = make_chart(session_store, settings, AROUND_MARCUS)
    g = chart.graph
    by_pair: dict[tuple[str, str], set[str]] = {}
    for a, b, d in g.edges(data=True):
        by_pair.setdefault((g.nodes[a]["label"], g.nodes[b]["label"]), set()).add(d["link_type"])
    assert by_pair[("Marcus Vane", "Lily Hart")] == {"EXPLOITS", "ASSOCIATE_OF"}
    assert by_pair[("Tariq Noon", "Marcus Vane")] == {"ASSOCIATE_OF", "FAMILY_OF"}


def test_mapped_rows_are_cited_by_file_line_and_own_reference(
        session_store: Store, settings: Settings, tmp_path: Path) -> None:
    load_export_world(session_store, settings, tmp_path)
    calls = make_chart(session_store, settings, AROUND_MARCUS)
    called = [d for *_, d in calls.graph.edges(data=True) if d["link_type"] == "CALLED"]
    assert [d["rows"] for d in called] == ["call_data.csv#L2; call_data.csv#L3"]
    assert called[0]["refs"] == "call_data:call_data.csv" and called[0]["count"] == 2
    pair = make_chart(session_store, settings, SelectionSpec.around(["Kyle Brown"], hops=1))
    rows = {d["link_type"]: d["rows"] for *_, d in pair.graph.edges(data=True)}
    # the row's own reference when it has one; file and line always
    assert rows == {"ASSOCIATE_OF": "assoc.csv#L2 (IR/2025/000900)",
                    "FAMILY_OF": "assoc.csv#L3"}
    # a link from a per-report source has no rows: its report reference is the citation
    assert all(d["rows"] == "" for *_, d in calls.graph.edges(data=True)
               if d["link_type"] != "CALLED")
