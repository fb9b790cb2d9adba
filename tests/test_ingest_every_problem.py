"""Every problem of a bad row is reported, not only the first (graphintel/ingest/records.py:
Faults, RowRejected, Problem).

The product rule: one line per problem (file, line, field, why), in the order of the row's
fields; the row is quarantined once (the quarantined count is of rows) with every problem in
its quarantine record; the good rows still load and the counts add up. A problem that only
follows from another (a link to an entity that was rejected, a column read twice that fails
the same way twice) is not repeated. Against the real test Neo4j.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest

from graphintel.cli.app import main
from graphintel.config import Settings
from graphintel.errors import MappingError
from graphintel.ingest import ingest
from graphintel.ingest.summary import MAX_PROBLEM_LINES
from graphintel.resources import loaders_dir
from graphintel.store import Store
from tests.graph_helpers import report

NO_FORMAT = "not ISO 8601 and no date format declared for this field"
NOWHERE = ("names no entity loaded so far: load the file that defines it (its mapping's "
           "`id:`) first, then load this file again")

EPISODES_HEADER = ("Child Name,Child DOB,Missing From,Missing From Postcode,Start,End,Found At,"
                   "Found At Postcode,Found With,Found With DOB,Reference")
LOG_HEADER = ("Ref,Date,Grading,Officer,Subject Name,Subject DOB,Subject Role,Phone,VRM,"
              "Location,Postcode,Narrative")


def _person(pid: str, name: str, **more: Any) -> dict[str, Any]:
    return {"id": pid, "type": "Person", "name": name, "role": "suspect", **more}


@dataclass(frozen=True)
class Case:
    """One file: its name, its lines, the mapping it is read with, and what the load says."""

    name: str
    lines: list[str]
    mapping: str | None
    #: Every problem line expected, in order: (line, field, why).
    problems: list[tuple[int, str, str]]
    #: The report references the good rows load.
    loaded_refs: list[str] = field(default_factory=list)


CASES = [
    Case("missing_episodes.csv", [
        EPISODES_HEADER,
        "Amy CHILD,2010-05-14,12 Elm Road,BA3 4CC,2025-04-28T18:00:00,2025-04-29T23:10:00,"
        '"Flat 3, 22 Mill Lane",BA1 2XY,Dean FOX,1985-04-02,MP-101',
        # three day-first dates without a declared format: the child's DOB, Start (read as the
        # report's date and the episode's start: named once) and End
        "Amy CHILD,14/05/2010,12 Elm Road,BA3 4CC,28/05/2025 18:00,29/05/2025 02:00,"
        "Kebab House,BA1 1AA,,,MP-104",
        "Sam WELLS,2011-07-07,Oak House,BA4 5DD,2025-05-12T20:00:00,2025-05-13T09:30:00,"
        "Kebab House,BA1 1AA,Gary HOLT,1990-01-01,MP-103",
    ], "missing_episodes", [
        (3, "Child DOB (child.dob)", f"unparseable date '14/05/2010': {NO_FORMAT}"),
        (3, "Start", f"unparseable date '28/05/2025 18:00': {NO_FORMAT}"),
        (3, "End (episode.end)", f"unparseable date '29/05/2025 02:00': {NO_FORMAT}"),
    ], ["ME/MP-101", "ME/MP-103"]),
    Case("intel_log.csv", [
        LOG_HEADER,
        "IL/2025/0920,03/05/2025 21:40,2BP,PC 1,Dean FOX,02/04/1985,suspect,,,Kebab House,"
        "BA1 1AA,Dean seen.",
        # an unparseable date and an impossible date of birth
        "IL/2025/0922,31/02/2025,2BP,PC 1,Zoe KAY,2011-13-01,victim,,,Kebab House,BA1 1AA,x",
        "IL/2025/0925,05/05/2025,1AP,PC 1,Liam WEST,01/01/1990,associate,,,,,Stop check.",
        # an invalid grading and no subject name
        "IL/2025/0923,05/05/2025,2XP,PC 1,,01/01/2011,victim,,,Kebab House,BA1 1AA,x",
        # a bad date read twice (the report's date and the SEEN_AT link's time): named once
        "IL/2025/0926,32/05/2025,2BP,PC 1,Ann ONE,01/01/1990,suspect,,,Kebab House,BA1 1AA,x",
        # a date of birth after the report's date and a role the model does not know
        "IL/2025/0927,05/05/2025,2BP,PC 1,Bo TWO,01/01/2026,boss,,,,,x",
    ], "intel_log", [
        (3, "Date", "unparseable date '31/02/2025': not a real date: day is out of range for "
                    "month"),
        (3, "Subject DOB (subject.dob)", "unparseable date '2011-13-01': not a real date: "
                                         "month must be in 1..12"),
        (5, "Grading", "invalid grading '2XP': intelligence assessment 'X' is not A-E"),
        (5, "Subject Name (subject.name)", "a person needs a name"),
        (6, "Date", "unparseable date '32/05/2025': matches none of the declared formats "
                    "['%d/%m/%Y %H:%M', '%d/%m/%Y']"),
        (7, "Subject DOB (subject.dob)", "date of birth 2026-01-01 is after the report's date "
                                         "2025-05-05: a typo in the year? (a person is born on "
                                         "or before the day a report mentions them)"),
        (7, "Subject Role (subject.role)", "role 'boss' is not one of suspect, victim, "
                                           "associate, witness, unknown"),
    ], ["IL/2025/0920", "IL/2025/0925"]),
    Case("reports.jsonl", [
        json.dumps(report("GOOD/1", [_person("a", "Ann ONE", dob="1980-01-01")])),
        # an entity with a bad dob and a link with a bad type
        json.dumps(report("BAD/1", [_person("a", "Zoe KAY", dob="2011-13-01"),
                                    {"id": "p", "type": "Phone", "number": "07700 900123"}],
                          [{"from": "a", "to": "p", "type": "LIKES"}])),
        # nothing of the report itself, an unnamed person, an unknown endpoint
        json.dumps({"date": "soon", "entities": [{"id": "a", "type": "Person"}],
                    "links": [{"from": "a", "to": "zz", "type": "USES"}]}),
        # a link to a rejected entity is not checked further (no self-link named for it); a
        # self-link between entities that are valid is
        json.dumps(report("BAD/3", [_person("a", "Cy THREE", dob="2011-13-01"),
                                    {"id": "p", "type": "Phone", "number": "07700 900124"},
                                    {"id": "e", "type": "Event", "kind": "missing_episode",
                                     "start": "2025-02-02", "end": "2025-02-01"}],
                          [{"from": "a", "to": "a", "type": "ASSOCIATE_OF"},
                           {"from": "p", "to": "p", "type": "USES"}])),
        json.dumps(report("GOOD/2", [_person("b", "Bea TWO")])),
    ], None, [
        (2, "entities[0].dob", "unparseable date '2011-13-01': not a real date: month must be "
                               "in 1..12"),
        (2, "links[0].type", "link type 'LIKES' is not one of the model's"),
        (3, "ref", "missing report reference"),
        (3, "date", f"unparseable date 'soon': {NO_FORMAT}"),
        (3, "grading", "missing grading"),
        (3, "entities[0].name", "a person needs a name"),
        (3, "links[0].to", "unknown link endpoint 'zz': no entity with that id in this report"),
        (4, "entities[0].dob", "unparseable date '2011-13-01': not a real date: month must be "
                               "in 1..12"),
        (4, "entities[2].end", "end 2025-02-01 is before start 2025-02-02"),
        (4, "links[1]", "self-link: the USES link from 'p' to 'p' joins an entity to itself "
                        "(the same entity id); link two different entities or leave the link "
                        "out"),
    ], ["GOOD/1", "GOOD/2"]),
    Case("knows.csv", [
        ":START_ID,:END_ID",
        "998,999",   # neither ID names anything loaded
    ], "examples/pole", [
        (2, ":START_ID", f"source ID '998' (pole node) {NOWHERE}"),
        (2, ":END_ID", f"source ID '999' (pole node) {NOWHERE}"),
    ]),
]


def _quarantined(path: str | None) -> list[dict[str, Any]]:
    assert path is not None
    return [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_problem_of_a_row_is_a_line_and_the_row_is_quarantined_once(
        store: Store, settings: Settings, tmp_path: Path, case: Case) -> None:
    src = tmp_path / case.name
    src.write_text("\n".join(case.lines) + "\n", encoding="utf-8")
    summary = ingest([src], settings=settings, store=store, mapping=case.mapping)
    f = summary.files[0]
    expected = [f"{src}:{line}: field '{fld}': {why}" for line, fld, why in case.problems]
    assert f.problems == expected
    assert f.problems_left_out == 0
    bad_lines = sorted({line for line, _, _ in case.problems})
    # rows, not problems: each bad row is quarantined once; the counts add up
    assert f.quarantined == len(bad_lines) and not summary.ok
    assert f.read == len(case.lines) - (0 if case.mapping is None else 1)
    assert f.read == f.loaded + f.duplicates + f.skipped + f.quarantined and f.balanced
    # the JSON summary lists them all too
    assert summary.as_dict()["files"][0]["problems"] == expected  # type: ignore[index]
    # the quarantine file: one record per bad row, with every problem of it
    records = _quarantined(f.quarantine_file)
    assert [q["line"] for q in records] == bad_lines
    for record in records:
        mine = [(fld, why) for line, fld, why in case.problems if line == record["line"]]
        assert [(p["field"], p["reason"]) for p in record["problems"]] == mine
        assert (record["field"], record["reason"]) == mine[0]
        assert record["raw"]
    # the good rows still load
    refs = store.read_text("MATCH (r:Report) RETURN r.ref AS ref ORDER BY ref", {})
    assert [r["ref"] for r in refs] == case.loaded_refs


def test_a_problem_alone_keeps_its_text_and_a_single_line(store: Store, settings: Settings,
                                                          tmp_path: Path) -> None:
    src = tmp_path / "log.csv"
    src.write_text(f"{LOG_HEADER}\nIL/1,01/03/2025,2BP,PC 1,Ann ONE,01/01/1990,suspect,,,,,"
                   "x\nIL/2,01/03/2025,2XP,PC 1,Bo TWO,01/01/1990,suspect,,,,,x\n",
                   encoding="utf-8")
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert f.problems == [f"{src}:3: field 'Grading': invalid grading '2XP': intelligence "
                          "assessment 'X' is not A-E"]
    [record] = _quarantined(f.quarantine_file)
    assert record["problems"] == [{"field": "Grading", "reason": record["reason"]}]
    assert (f.loaded, f.quarantined) == (1, 1)


DOB = ("Subject DOB", "Subject D.O.B.", 24)
ROLE = ("Subject Role", "Role", 21)


@pytest.mark.parametrize(("renamed", "named"), [
    ([DOB], "column 'Subject DOB'"),
    ([ROLE, DOB], "columns 'Subject Role', 'Subject DOB'"),  # in the mapping's order
])
def test_every_missing_column_is_named_in_one_run(store: Store, settings: Settings,
                                                  tmp_path: Path,
                                                  renamed: list[tuple[str, str, int]],
                                                  named: str) -> None:
    header = LOG_HEADER
    for old, new, _ in renamed:
        header = header.replace(old, new)
    src = tmp_path / "renamed.csv"
    src.write_text(f"{header}\nIL/1,01/03/2025,2BP,PC 1,Ann ONE,01/01/1990,suspect,,,,,x\n",
                   encoding="utf-8")
    with pytest.raises(MappingError) as err:
        ingest([src], settings=settings, store=store, mapping="intel_log")
    mapping = loaders_dir() / "intel_log.yaml"
    text = mapping.read_text(encoding="utf-8").splitlines()
    for column, _, line in renamed:
        assert column in text[line - 1]  # the line named is the one that reads the column
    lines = ", ".join(str(line) for _, _, line in renamed)
    assert str(err.value) == (
        f"mapping intel_log reads {named} which {src} does not have (its columns: "
        f"{header.replace(',', ', ')}); at {mapping}:{lines}; fix the column name in the "
        "mapping or pick another mapping")
    assert store.counts()["nodes"] == 0


def test_many_problems_are_capped_in_the_summary_not_in_the_quarantine_file(
        store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = 30  # two problems each: 60 lines, more than the summary keeps
    src = tmp_path / "log.csv"
    src.write_text(LOG_HEADER + "\n" + "".join(
        f"IL/{i},31/02/2025,2XP,PC 1,Ann ONE,01/01/1990,suspect,,,,,x\n" for i in range(rows))
        + "IL/GOOD,01/03/2025,2BP,PC 1,Bo TWO,01/01/1990,suspect,,,,,x\n", encoding="utf-8")
    assert main(["ingest", str(src), "--mapping", "intel_log", "-f", "json"]) == 3
    out = json.loads(capsys.readouterr().out)
    [f] = out["files"]
    assert (f["read"], f["loaded"], f["quarantined"]) == (rows + 1, 1, rows)
    assert len(f["problems"]) == MAX_PROBLEM_LINES
    assert f["problems_left_out"] == 2 * rows - MAX_PROBLEM_LINES
    assert [p.split(": field ")[1].split("'")[1] for p in f["problems"][:2]] == ["Date",
                                                                               "Grading"]
    records = _quarantined(f["quarantine_file"])
    assert len(records) == rows and all(len(q["problems"]) == 2 for q in records)
    assert main(["ingest", str(src), "--mapping", "intel_log"]) == 3
    err = capsys.readouterr().err
    assert err.count(": field 'Date': ") == MAX_PROBLEM_LINES // 2
    assert f"  ... and {2 * rows - MAX_PROBLEM_LINES} more" in err


def test_every_cell_over_the_size_limit_is_named(store: Store, settings: Settings,
                                                 tmp_path: Path) -> None:
    small = replace(settings, max_cell_bytes=100)
    src = tmp_path / "log.csv"
    src.write_text(f"{LOG_HEADER}\nIL/1,01/03/2025,2BP,PC 1,{'A' * 101},01/01/1990,suspect,,,,,"
                   f"{'n' * 120}\nIL/2,01/03/2025,2BP,PC 1,Bo TWO,01/01/1990,suspect,,,,,x\n",
                   encoding="utf-8")
    f = ingest([src], settings=small, store=store, mapping="intel_log").files[0]
    over = "bytes, over the 100-byte limit (GRAPHINTEL_MAX_CELL_BYTES)"
    assert f.problems == [f"{src}:2: field 'Subject Name': cell is 101 {over}",
                          f"{src}:2: field 'Narrative': cell is 120 {over}"]
    assert (f.read, f.loaded, f.quarantined) == (2, 1, 1) and f.balanced
