"""``graphintel profile`` on an 80-column screen: dates of links, few whole references per
row, empty columns left out, the analysis in words (the JSON is unchanged)."""

from __future__ import annotations

import pytest
from rich.console import Console

from graphintel.cli import profile_view as pv
from graphintel.cli.output import table

PLACES = [
    {"name": "Leisure centre car park, Meadow Way, BS13 2RP", "link": "SEEN_AT",
     "detail": "hotspot", "first_seen": "2024-11-10T19:23:53", "last_seen": "2025-02-03T20:04:40",
     "refs": ["IR/2024/000407", "IR/2025/000267", "IR/2025/000301"]},
    {"name": "Wood House children's home, 87 Orchard Road, BS3 3TG", "link": "LIVES_AT",
     "detail": "home_address", "first_seen": None, "last_seen": "2024-12-01",
     "refs": ["ME/MFH/2023/00005"]},
]


def _text(renderable: object, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def test_links_read_at_80_columns_with_whole_references() -> None:
    rows = pv.tie_rows(PLACES)
    assert [(r["link"], r["seen"]) for r in rows] == [
        ("SEEN_AT (hotspot)", "2024-11-10 to 2025-02-03"),
        ("LIVES_AT (home address)", "2024-12-01")]
    assert rows[0]["refs"] == "IR/2024/000407; IR/2025/000267 (+1 more)"
    text = _text(table("Places seen", pv.filled(pv.TIE_COLUMNS, rows), rows,
                       min_widths=pv.MIN_WIDTHS))
    assert max(len(line) for line in text.splitlines()) <= 80
    # every reference and date on one line, never folded in two
    for whole in ("IR/2024/000407", "IR/2025/000267", "ME/MFH/2023/00005", "2024-11-10",
                  "2025-02-03", "2024-12-01"):
        assert whole in text, text


@pytest.mark.parametrize(("columns", "rows", "kept"), [
    (["name", "detail", "refs"], [{"name": "+447700900227", "detail": None, "refs": "IR/1"}],
     ["name", "refs"]),
    (["name", "detail"], [{"name": "a", "detail": ""}, {"name": "b", "detail": "hotspot"}],
     ["name", "detail"]),
    (["name", "refs"], [{"name": "a", "refs": []}], ["name"]),
])
def test_empty_columns_are_left_out(columns: list[str], rows: list[dict[str, object]],
                                    kept: list[str]) -> None:
    assert pv.filled(columns, rows) == kept


@pytest.mark.parametrize(("analysis", "lines"), [
    ({"status": "scored", "run_id": "run-1", "created_at": "2026-12-06T04:45:23Z", "rank": 4,
      "score": 21.07, "network": 3, "reasons": ["appears to organise: 5 suspects"],
      "measures": {"strength": 6.986589, "closeness": 0.114118, "degree": 11.0, "kcore": 7.0,
                   "betweenness": 0.0, "pagerank": 0.007177}},
     ["Analysis (run-1): rank 4, score 21.07, network 3",
      "  measures: degree 11, strength 6.99, betweenness 0, closeness 0.114, "
      "PageRank 0.00718, k-core 7",
      "  - appears to organise: 5 suspects"]),
    ({"status": "safeguarded: a child or a victim, never a disruption target",
      "run_id": "run-1", "rank": None, "score": None, "network": 2,
      "reasons": ["safeguarding referral"], "measures": {"degree": 18.0}},
     ["Analysis (run-1): safeguarded: a child or a victim, never a disruption target; "
      "network 2", "  measures: degree 18", "  - safeguarding referral"]),
    ({"status": "in the network, not scored", "run_id": "run-2", "rank": None,
      "score": None, "network": 5, "reasons": [], "measures": {}},
     ["Analysis (run-2): in the network, not scored; network 5"]),
    ({"status": "not in the latest analysis run", "run_id": "run-3", "created_at": "x"},
     ["Analysis (run-3): not in the latest analysis run"]),
    ({"status": "safeguarded: a child or a victim, never a disruption target",
      "run_id": "run-4", "as_of": "2024-06-29", "network": None},
     ["Analysis (run-4, as of 2024-06-29): safeguarded: a child or a victim, never a "
      "disruption target"]),
    ({"status": "no analysis run yet"}, ["Analysis: no analysis run yet"]),
])
def test_the_analysis_in_words(analysis: dict[str, object], lines: list[str]) -> None:
    assert pv.analysis_lines(analysis) == lines


def test_a_role_report_names_its_date_and_grading() -> None:
    assert pv.report_text({"ref": "IR/1", "date": "2025-01-02T03:04:05", "grading": None}) \
        == "IR/1 (2025-01-02)"
    assert pv.report_text({"ref": "IR/1", "date": None, "grading": None}) == "IR/1"
