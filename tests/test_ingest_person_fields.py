"""A person's age, date of birth, or a yes to being a child or a victim, is read from the
fields records systems write them in.

A 15-year-old recorded as a suspect with no date of birth was ranked as a target when her
age was written "Age (yrs)", "Date of Birth (dd/mm/yyyy)", "DOB:", "Age_Yrs", as an age
band ("13-15"), as "Under 18": "Y", "juvenile": true, "Victim?": "Y", or in the gender ("F
(15)", "schoolgirl"): each field was kept as an extra nobody read (a CSV column only warned
of). Each is now read as the person's, and the load says so; a field that says no, or one
that is not the person's age ("Age of vehicle", "Agent"), is not."""

from __future__ import annotations

import csv
import doctest
from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import age_fields, field_names, ingest, normalise
from graphintel.ingest.field_names import contract_names, person_field
from graphintel.ingest.records import Faults
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

ON = "2025-05-01"
DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1980-01-01", "role": "suspect"}
AMY = {"id": "a", "type": "Person", "name": "Amy HILL", "dob": "2011-03-03", "role": "victim"}


def _read(fields: dict[str, Any]) -> tuple[int | None, str | None, bool, list[str], list[str]]:
    """A suspect of no date of birth with ``fields`` as one report's entity is read: age,
    dob, whether flagged a child, roles, and what the load says of the fields."""
    raw = {"id": "k", "type": "Person", "name": "Kai BELL", "role": "suspect", **fields}
    faults = Faults()
    named, said = contract_names(raw, {"id", "type", *normalise.KNOWN_FIELDS["Person"]},
                                 "entities[1]", faults, label="Person")
    assert not faults.found, faults.found
    ent = normalise.entity("k", named, born_by=ON)
    return (ent.props["age"], ent.props["dob"], "called_a_child" in ent.flags, ent.roles,
            said)


@pytest.mark.parametrize(("fields", "age", "dob"), [
    ({"Age (yrs)": "15"}, 15, None),
    ({"Age_Yrs": "15"}, 15, None),
    ({"Age (years)": 15}, 15, None),
    ({"Est. Age (yrs)": "14-15"}, 14, None),
    ({"Subject Age": "15"}, 15, None),
    ({"Date of Birth (dd/mm/yyyy)": "12/03/2010"}, None, "2010-03-12"),
    ({"DOB (mm/dd/yyyy)": "03/12/2010"}, None, "2010-03-12"),
    ({"DOB:": "2010-03-12"}, None, "2010-03-12"),
    ({"Person DOB": "2010-03-12"}, None, "2010-03-12"),
    ({"age_band": "13-15"}, 13, None),
    ({"Age Range": "14 to 16"}, 14, None),
    ({"Age Group": "14 - 16 yrs"}, 14, None),
    ({"YOB (yyyy)": "2010"}, 14, None),
    ({"gender": "F (15)"}, 15, None),
    ({"gender": "Male, 14 yrs", "age": 16}, 14, None),
    ({"gender": "F (16)", "age": 15}, 15, None),
    ({"Age": 16, "Age Band": "13-15"}, 13, None),  # the youngest, no conflict refused
    # a band that is no number loads (kept as written); a child's band is a sign of one
    ({"Age Group": "Juvenile"}, None, None),
    ({"Age Band": "Adult"}, None, None),
    ({"Age Band": "25+"}, None, None),
    ({"gender": "Male (1)"}, None, None),  # a count or list number, not an age of 1
    # not the person's age or date of birth: kept as extras, as before
    ({"Agent": "15"}, None, None),
    ({"Age of vehicle": "15"}, None, None),
    ({"Vehicle age": "3"}, None, None),
    ({"Dob of owner": "2010-03-12"}, None, None),
    ({"Owner DOB": "2010-03-12"}, None, None),
    ({"Child DOB": "2010-03-12"}, None, None),  # on an adult's record: their child's?
    ({"Victim Age": "14"}, None, None),  # on a suspect's record: their victim's
    ({"Stage": "15"}, None, None),
    ({"gender": "F"}, None, None),
    # camelCase and PascalCase, as JSON and APIs name fields
    ({"dateOfBirth": "2010-03-12"}, None, "2010-03-12"),
    ({"DateOfBirth": "2010-03-12"}, None, "2010-03-12"),
    ({"birthDate": "2010-03-12"}, None, "2010-03-12"),
    ({"DoB": "2010-03-12"}, None, "2010-03-12"),
    ({"subjectDateOfBirth": "2010-03-12"}, None, "2010-03-12"),
    ({"estimatedAge": "15"}, 15, None),
    ({"approxAge": 15}, 15, None),
    ({"ageYears": "15"}, 15, None),
    ({"EstimatedAge": "15"}, 15, None),
    ({"ageBand": "13-15"}, 13, None),
    ({"yearOfBirth": "2010"}, 14, None),
    ({"currentAge": "15"}, 15, None),
    ({"Current Age": "15"}, 15, None),
    ({"Age Now": "15"}, 15, None),
    ({"Age at Report": "15"}, 15, None),
    ({"vehicleAge": "3"}, None, None),  # still not the person's
    ({"ownerDob": "2010-03-12"}, None, None),
    ({"childDateOfBirth": "2010-03-12"}, None, None),
    ({"victimAge": "14"}, None, None),
])
def test_a_persons_age_or_date_of_birth_is_read_whatever_the_field_is_called(
        fields: dict[str, Any], age: int | None, dob: str | None) -> None:
    assert _read(fields)[:2] == (age, dob)


@pytest.mark.parametrize(("fields", "child"), [
    ({"Under 18": "Y"}, True),
    ({"juvenile": True}, True),
    ({"is_child": True}, True),
    ({"Subject is under 18 (Y/N)": "Y"}, True),
    ({"U18": "yes"}, True),
    ({"Child?": "x"}, True),
    ({"Is a minor": 1}, True),
    ({"Under 18": "Y", "juvenile": False}, True),  # a yes counts, and is no fault
    ({"gender": "schoolgirl"}, True),
    ({"gender": "juvenile male"}, True),
    ({"Age Group": "Juvenile"}, True),
    ({"Age Band": "U18"}, True),
    ({"Age Range": "Under 16"}, True),
    ({"Age Group": "Adult"}, False),
    ({"gender": "Male (father of child)"}, False),
    ({"gender": "Male - minor injuries"}, False),
    ({"gender": "Male (dad of YP)"}, False),
    ({"Under 18": "N"}, False),
    ({"juvenile": False}, False),
    ({"is_child": 0}, False),
    ({"Minor": "unknown"}, False),
    ({"child": "Amy HILL"}, False),  # a name, not a yes
    ({"Agent": "Y"}, False),
    ({"gender": "M"}, False),
    ({"isChild": True}, True),
    ({"IsChild": "Y"}, True),
    ({"isMinor": True}, True),
    ({"isJuvenile": "yes"}, True),
    ({"under18": True}, True),
    ({"Under18": "Y"}, True),
    ({"isUnder18": True}, True),
    ({"isChild": False}, False),
    ({"childName": "Y"}, False),  # not a yes-or-no of their own
])
def test_a_field_that_says_yes_to_a_child_is_a_sign_of_one(
        fields: dict[str, Any], child: bool) -> None:
    assert _read(fields)[2] is child


@pytest.mark.parametrize(("fields", "roles"), [
    ({"Victim?": "Y"}, ["suspect", "victim"]),
    ({"is_victim": True}, ["suspect", "victim"]),
    ({"Victim (Y/N)": "true"}, ["suspect", "victim"]),
    ({"Victim?": "N"}, ["suspect"]),
    ({"is_victim": False}, ["suspect"]),
    ({"victim": "Amy HILL"}, ["suspect"]),  # whom they offended against, not a yes
    ({"isVictim": "Y"}, ["suspect", "victim"]),
    ({"IsVictim": True}, ["suspect", "victim"]),
    ({"victimFlag": True}, ["suspect", "victim"]),
    ({"isVictim": False}, ["suspect"]),
    ({"victimName": "Y"}, ["suspect"]),
])
def test_a_field_that_says_yes_to_a_victim_is_a_victim_assessment(
        fields: dict[str, Any], roles: list[str]) -> None:
    assert _read(fields)[3] == roles


def test_a_victim_field_on_a_person_of_unknown_role_makes_them_a_victim() -> None:
    ent = normalise.entity("v", {"type": "Person", "name": "Mia HART", "is_victim": "Y"})
    assert ent.roles == ["victim"]


def test_the_load_names_each_field_it_reads() -> None:
    said = _read({"Age (yrs)": "15", "Under 18": "Y", "Victim?": "Y", "Agent": "15"})[4]
    assert said == ["entities[1].Age (yrs): read as 'age'",
                    "entities[1].Under 18: read as 'is_child'",
                    "entities[1].Victim?: read as 'is_victim'"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Age (yrs)", ("age", "")), ("Estimated Age (years)", ("age", "years")),
    ("Date of Birth (dd/mm/yyyy)", ("dob", "dd_mm_yyyy")), ("DOB:", ("dob", "")),
    ("Victim y/n", ("is_victim", "y_n")), ("Is juvenile", ("is_child", "")),
    ("Age of vehicle", (None, "")), ("Agent", (None, "")), ("Yrs", (None, "")),
    ("Dob of owner", (None, "")), ("Phone Number", (None, "")),
    ("dateOfBirth", ("dob", "")), ("estimatedAge", ("age", "")), ("isVictim", ("is_victim", "")),
    ("Current Age", ("age", "")), ("ageOfVehicle", (None, "")), ("agentId", (None, "")),
])
def test_person_field(name: str, expected: tuple[str | None, str]) -> None:
    assert person_field(name) == expected


def test_doctests() -> None:
    for module in (field_names, age_fields):
        result = doctest.testmod(module)
        assert result.failed == 0 and result.attempted > 0, module


def test_a_report_with_these_fields_loads_a_child_of_known_age_and_a_victim(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    people = [
        {"name": "Kai BELL", "Age (yrs)": "15"},
        {"name": "Zoe BIRD", "Date of Birth (dd/mm/yyyy)": "12/03/2010"},
        {"name": "Lee DUNN", "age_band": "13-15"},
        {"name": "Mia HART", "Under 18": "Y"},
        {"name": "Tia MOSS", "Victim?": "Y"},
        {"name": "Ava NASH", "gender": "F (15)"},
        {"name": "Ian BOND", "Under 18": "N", "Agent": "15"},
    ]
    entities = [DEAN, AMY] + [{"id": f"p{i}", "type": "Person", "role": "suspect", **p}
                              for i, p in enumerate(people)]
    links = [{"from": f"p{i}", "to": "a", "type": "EXPLOITS"} for i in range(len(people))]
    done = ingest([write_jsonl(tmp_path / "r.jsonl", [report("IR/PF/1", entities, links,
                                                             date=ON)])],
                  settings=settings, store=store)
    assert done.ok and done.total("loaded") == 1, [p for f in done.files for p in f.problems]
    rows = {r["n"]: r for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS n, p.age AS age, p.dob AS dob, p.gender AS g, "
        "p.roles AS roles, coalesce(p.flags, []) AS flags", {})}
    assert [rows[n]["age"] for n in ("Kai BELL", "Lee DUNN", "Ava NASH")] == [15, 13, 15]
    assert rows["Zoe BIRD"]["dob"] == "2010-03-12" and rows["Ava NASH"]["g"] == "F"
    assert "called_a_child" in rows["Mia HART"]["flags"]
    assert sorted(rows["Tia MOSS"]["roles"]) == ["suspect", "victim"]
    assert rows["Ian BOND"]["age"] is None and "called_a_child" not in rows["Ian BOND"]["flags"]
    warned = [w for f in done.files for w in f.warnings]
    for said in ("entities[2].Age (yrs): read as 'age'",
                 "entities[5].Under 18: read as 'is_child'",
                 "entities[6].Victim?: read as 'is_victim'"):
        assert any(w.endswith(said) for w in warned), (said, warned)


def test_intel_log_columns_of_age_child_and_victim_are_the_subjects(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """An intelligence log with "Age (yrs)", "Subject is under 18 (Y/N)" and "Victim?"
    columns its mapping does not read: each is the subject's, and the load says so, where
    before it only warned that they were not read."""
    src = tmp_path / "log.csv"
    head = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB", "Age (yrs)",
            "Subject is under 18 (Y/N)", "Victim?", "Subject Role", "Phone", "VRM",
            "Location", "Postcode", "Narrative"]
    rows = [["IL/PF/1", "Kai BELL", "15", "", ""], ["IL/PF/2", "Mia HART", "", "Y", "N"],
            ["IL/PF/3", "Tia MOSS", "", "", "Y"], ["IL/PF/4", "Ian BOND", "", "N", "N"]]
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([head] + [
            [ref, "01/05/2025 20:00", "1AP", "PC 2", name, "", age, child, victim, "suspect",
             "", "", "", "", "Seen at the park."] for ref, name, age, child, victim in rows])
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert (f.read, f.loaded, f.quarantined) == (4, 4, 0), f.problems
    assert f.warnings == [
        f"{src}: column 'Age (yrs)' read as subject.age; column 'Subject is under 18 (Y/N)' "
        "read as subject.is_child; column 'Victim?' read as subject.is_victim (mapping "
        "intel_log does not read them: a person's age, date of birth, or a field saying they "
        "are a child or a victim, is never left out; add it to the mapping to say so)"]
    got = {r["n"]: (r["age"], "called_a_child" in r["flags"], sorted(r["roles"]))
           for r in store.read_text("MATCH (p:Person) RETURN p.name AS n, p.age AS age, "
                                    "coalesce(p.flags, []) AS flags, p.roles AS roles", {})}
    assert got == {"Kai BELL": (15, False, ["suspect"]), "Mia HART": (None, True, ["suspect"]),
                   "Tia MOSS": (None, False, ["suspect", "victim"]),
                   "Ian BOND": (None, False, ["suspect"])}


@pytest.mark.parametrize("column", ["Current Age", "Age Now", "Age at Report", "ageYears"])
def test_an_intel_log_age_column_of_another_name_is_the_subjects(
        store: Store, settings: Settings, tmp_path: Path, column: str) -> None:
    """An intelligence log export's age column named "Current Age" (or "Age Now"...) was
    only warned of as not read, leaving a 15-year-old of unknown age."""
    src = tmp_path / "log.csv"
    head = ["Ref", "Date", "Grading", "Officer", "Subject Name", "Subject DOB", "Subject Role",
            "Phone", "VRM", "Location", "Postcode", "Narrative", column]
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([head, ["IL/PF/5", "01/05/2025 20:00", "1AP", "PC 2",
                                         "Kai BELL", "", "suspect", "", "", "", "",
                                         "Seen at the park.", "15"]])
    f = ingest([src], settings=settings, store=store, mapping="intel_log").files[0]
    assert f.loaded == 1, f.problems
    assert any(f"column '{column}' read as subject.age" in w for w in f.warnings), f.warnings
    assert store.read_text("MATCH (p:Person {name: 'Kai BELL'}) RETURN p.age AS age",
                           {}) == [{"age": 15}]


def test_children_recorded_so_are_safeguarded_not_ranked(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """A suspect with "Age (yrs)": "15" and one with "Under 18": "Y", no date of birth,
    who exploit a child: both are on the safeguarding list, never targets; the adult is."""
    kai = {"id": "k", "type": "Person", "name": "Kai BELL", "role": "suspect",
           "Age (yrs)": "15"}
    mia = {"id": "m", "type": "Person", "name": "Mia HART", "role": "suspect", "Under 18": "Y"}
    links = [{"from": x, "to": "a", "type": "EXPLOITS"} for x in ("d", "k", "m")] + \
        [{"from": "d", "to": x, "type": "ASSOCIATE_OF"} for x in ("k", "m")]
    path = write_jsonl(tmp_path / "r.jsonl", [report("IR/PF/9", [DEAN, AMY, kai, mia], links,
                                                     date="2025-03-01")])
    assert ingest([path], settings=settings, store=store).ok
    done = run_analysis(store, AnalysisParams(
        projection=ProjectionParams(as_of="2025-06-30"))).result
    targets = {t["name"] for t in done["targets"]}
    safeguarded = {s["name"] for s in done["safeguarding"]}
    assert {"Kai BELL", "Mia HART"} <= safeguarded
    assert not {"Kai BELL", "Mia HART"} & targets
    assert "Dean FOX" in targets
