"""An age written beside a name in a report's narrative ("Kyle NARROW (15)") is the age the
report states: a young person with no date of birth is a child, safeguarded, never a
target or a greedy pick (graphintel/ingest/narrative_ages.py)."""

from __future__ import annotations

import doctest
from pathlib import Path

from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.ingest import ingest, narrative_ages
from graphintel.profile import profile
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

KYLE = {"id": "k", "type": "Person", "name": "Kyle NARROW", "role": "suspect"}
TIA = {"id": "t", "type": "Person", "name": "Tia RENWICK", "dob": "2012-03-03",
       "role": "victim"}
DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1985-01-01",
        "role": "suspect"}


def test_an_age_beside_a_name_in_the_narrative_makes_a_child(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "r.jsonl", [report(
        "IR/70", [KYLE, TIA, DEAN],
        [{"from": "k", "to": "t", "type": "EXPLOITS"},
         {"from": "d", "to": "t", "type": "EXPLOITS"},
         {"from": "d", "to": "k", "type": "ASSOCIATE_OF"}],
        date="2025-05-01", grading="1AP",
        narrative="Kyle NARROW (15) seen with Tia RENWICK and Dean FOX, 40, at the park.")])
    assert ingest([src], settings=settings, store=store).ok
    [kyle] = store.read_text("MATCH (p:Person {name: 'Kyle NARROW'}) RETURN p.age AS age, "
                             "p.age_on AS age_on, p.flags AS flags", {})
    assert (kyle["age"], str(kyle["age_on"])[:10]) == (15, "2025-05-01")
    assert narrative_ages.FLAG in kyle["flags"]
    # Dean has a date of birth of his own: the narrative's age is not his record's
    [dean] = store.read_text("MATCH (p:Person {name: 'Dean FOX'}) RETURN p.age AS age", {})
    assert dean["age"] is None

    run = run_analysis(store, AnalysisParams()).id
    doc = load_run(store, run)
    assert [t["name"] for t in doc["targets"]] == ["Dean FOX"]
    assert "Kyle NARROW" in {s["name"] for s in doc["safeguarding"]}
    [row] = store.read_text("MATCH (p:Person {name: 'Kyle NARROW'}) RETURN p.uid AS uid", {})
    shown = profile(store, row["uid"])
    assert shown["stated_age"].startswith("age 15 (in the narrative of a report of 2025-05-01")


def test_docstring_examples() -> None:
    result = doctest.testmod(narrative_ages)
    assert result.failed == 0 and result.attempted > 0


def test_an_intel_log_row_about_one_subject_and_columns_no_mapping_reads(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """"Subject is 14 years old" in an intelligence log's narrative is the row's subject's
    age. A column the mapping does not read that is the subject's age ("Subject Age") is
    read as it, and the load says so: a 15-year-old's age is never left out. Any other
    column the mapping does not read ("Beat") is named in a warning, never dropped without
    a word."""
    import csv

    src = tmp_path / "log.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([
            ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB", "Subject Age",
             "Subject Role", "Phone", "VRM", "Location", "Postcode", "Narrative", "Beat"],
            ["IL/2025/900001", "01/05/2025 20:00", "1AP", "PC 2", "Jade FOWLER", "", "",
             "suspect", "", "", "", "", "Subject is 14 years old and was seen with older males.",
             "B1"],
            ["IL/2025/900002", "01/05/2025 21:00", "1AP", "PC 2", "Leo GRANT", "", "15",
             "suspect", "", "", "", "", "Seen recruiting boys.", "B2"],
            ["IL/2025/900003", "01/05/2025 22:00", "1AP", "PC 2", "Ian BOND", "", "fifty",
             "suspect", "", "", "", "", "Seen at the park.", "B2"]])
    summary = ingest([src], settings=settings, store=store, mapping="intel_log")
    f = summary.files[0]
    assert (f.read, f.loaded, f.quarantined) == (3, 2, 1) and f.balanced
    assert f.warnings == [
        f"{src}: column 'Subject Age' read as subject.age (mapping intel_log does not read "
        "it: a person's age, date of birth, or a field saying they are a child or a victim, "
        "is never left out; add it to the mapping to say so)",
        f"{src}: column 'Beat' not read by mapping intel_log: its values are not "
        "loaded (copy the mapping into your own and read them, e.g. an age column as a "
        "person's properties: {age: COLUMN})"]
    assert len(f.problems) == 1, f.problems
    assert ":4: field 'Subject Age (subject.age)': age 'fifty'" in f.problems[0]
    ages = {r["name"]: r["age"] for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.age AS age", {})}
    assert ages == {"Jade FOWLER": 14, "Leo GRANT": 15}


def test_ages_in_the_name_cell_beside_a_dob_and_as_a_dob_in_the_text(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A boy whose record says 1990 and whose report says "Ryan COLE (14)"; "Kyle NARROW
    (15yrs)" written in the name; "Ben ROWE (DOB 12/03/2010)" in the text: each is a child
    (the younger counts), safeguarded, never a target; the adult around them is."""
    darren = {"id": "d", "type": "Person", "name": "Darren KNOX", "dob": "1980-02-02",
              "role": "suspect"}
    amy = {"id": "a", "type": "Person", "name": "Amy REED", "dob": "2011-04-04", "role": "victim"}
    boys = [{"id": "r", "type": "Person", "name": "Ryan COLE", "dob": "1990-01-01",
             "role": "suspect"},
            {"id": "k", "type": "Person", "name": "Kyle NARROW (15yrs)", "role": "suspect"},
            {"id": "b", "type": "Person", "name": "Ben ROWE", "role": "suspect"}]
    links = [{"from": "d", "to": "a", "type": "EXPLOITS"}]
    for b in ("r", "k", "b"):
        links += [{"from": b, "to": "a", "type": "EXPLOITS"},
                  {"from": "d", "to": b, "type": "ASSOCIATE_OF"}]
    src = write_jsonl(tmp_path / "r.jsonl", [report(
        "IR/71", [darren, amy, *boys], links, date="2025-05-01", grading="1AP",
        narrative="Ryan COLE (14) and Ben ROWE (DOB 12/03/2010) seen bringing Amy REED to "
                  "Darren KNOX; Kyle NARROW drove.")])
    assert ingest([src], settings=settings, store=store).ok
    people = {r["name"]: r for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.age AS age, p.flags AS flags", {})}
    assert set(people) == {"Darren KNOX", "Amy REED", "Ryan COLE", "Kyle NARROW", "Ben ROWE"}
    assert people["Ryan COLE"]["age"] == 14
    assert {"age_from_narrative", "age_disagrees_with_dob"} <= set(people["Ryan COLE"]["flags"])
    assert people["Kyle NARROW"]["age"] == 15 and "age_from_name" in people["Kyle NARROW"]["flags"]
    assert people["Ben ROWE"]["age"] == 15  # born 2010-03-12: 15 on 2025-05-01
    assert people["Darren KNOX"]["age"] is None

    doc = load_run(store, run_analysis(store, AnalysisParams()).id)
    assert [t["name"] for t in doc["targets"]] == ["Darren KNOX"]
    assert {"Ryan COLE", "Kyle NARROW", "Ben ROWE"} <= {s["name"] for s in doc["safeguarding"]}
    [kyle] = store.read_text("MATCH (p:Person {name: 'Kyle NARROW'}) RETURN p.uid AS uid", {})
    assert profile(store, kyle["uid"])["stated_age"].startswith(
        "age 15 (written with the name in a report of 2025-05-01")
