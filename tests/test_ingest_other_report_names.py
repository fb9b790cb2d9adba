"""A child's age in another report's narrative, beside a name written as officers write it.

A girl's disclosure names "Kyle O'NEILL (15)", "Mary-Jane SMITH (15)", "Zoë BROWN (15)",
"NARROW, Liam (15)", "Chloe Anne PRICE (15)" or 'Kyle "Pikey" NARROW (15)': a boy or girl
whom the report does not make one of its entities and whose own report gives no age. The
age is theirs whichever report is loaded first (the disclosure after their report:
:func:`graphintel.ingest.writer.write_units`; before it:
:mod:`graphintel.ingest.earlier_narratives`), so they are children, never targets. An adult
namesake's date of birth still keeps the age from them
(``tests/test_ingest_written_ages.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

PARAMS = AnalysisParams(projection=ProjectionParams(as_of="2025-06-30"))
AMY = {"id": "v", "type": "Person", "name": "Amy HILL", "dob": "2011-05-05", "role": "victim"}
DEAN = {"id": "d", "type": "Person", "name": "Dean FOX", "dob": "1980-01-01", "role": "suspect"}

#: The recorded name, and how the disclosure writes it.
NAMES = {
    "apostrophe": ("Kyle O'NEILL", "Kyle O'NEILL (15)"),
    "curly apostrophe": ("Kyle O'NEILL", "Kyle O\u2019NEILL (15)"),
    "hyphen": ("Mary-Jane SMITH", "Mary-Jane SMITH (15)"),
    "hyphen written as a space": ("Mary-Jane SMITH", "Mary Jane SMITH (15)"),
    "accent": ("Zoë BROWN", "Zoë BROWN (15)"),
    "accent left off": ("Zoë BROWN", "Zoe BROWN (15)"),
    "accent in the narrative only": ("Zoe BROWN", "Zoë BROWN (15)"),
    "surname first": ("Liam NARROW", "NARROW, Liam (15)"),
    "surname first, apostrophe": ("Kyle O'NEILL", "O'NEILL, Kyle (15)"),
    "surname first after a capital": ("Liam NARROW", "Located NARROW, Liam (15)"),
    "a date of birth": ("Kyle O'NEILL", "Kyle O'NEILL (DOB 03/03/2010)"),
    "plain": ("Kyle NARROW", "Kyle NARROW (15)"),
    "a middle name the record leaves out": ("Chloe PRICE", "Chloe Anne PRICE (15)"),
    "a middle name the narrative leaves out": ("Kyle John NARROW", "Kyle NARROW (15)"),
    "a nickname in quotes": ("Kyle NARROW", 'Kyle "Pikey" NARROW (15)'),
    "a nickname in curly quotes": ("Kyle NARROW", "Kyle \u2018Pikey\u2019 NARROW (15)"),
}
ORDERS = ("disclosure later", "disclosure first")


def _reports(recorded: str, written: str, order: str) -> list[dict[str, Any]]:
    subject = {"id": "k", "type": "Person", "name": recorded, "role": "suspect"}
    ring = report("IR/N/1", [AMY, DEAN, subject],
                  [{"from": "k", "to": "v", "type": "EXPLOITS"},
                   {"from": "k", "to": "d", "type": "ASSOCIATE_OF"}], date="2025-03-01")
    disclosure = report("IR/N/2", [AMY], narrative=f"Amy HILL disclosed that {written} took "
                        "her to the flat.", date="2025-04-01")
    return [ring, disclosure] if order == "disclosure later" else [disclosure, ring]


@pytest.mark.parametrize("order", ORDERS)
@pytest.mark.parametrize("case", sorted(NAMES))
def test_the_age_is_read_beside_the_written_name(store: Store, settings: Settings,
                                                 tmp_path: Path, case: str, order: str) -> None:
    recorded, written = NAMES[case]
    done = ingest([write_jsonl(tmp_path / "r.jsonl", _reports(recorded, written, order))],
                  settings=settings, store=store)
    assert done.ok, [p for f in done.files for p in f.problems]
    kid = store.read_text("MATCH (p:Person {name: $name}) RETURN p.uid AS uid, p.age AS age, "
                          "p.flags AS flags", {"name": recorded})
    assert len(kid) == 1 and kid[0]["age"] == 15, (case, order, kid)
    assert "age_from_narrative" in kid[0]["flags"]
    if case in ("apostrophe", "surname first"):  # the age reaches the analysis
        result = run_analysis(store, PARAMS).result
        assert recorded not in [t["name"] for t in result["targets"]]
        assert kid[0]["uid"] in {s["uid"] for s in result["safeguarding"]}


@pytest.mark.parametrize(("recorded", "written", "why"), [
    ("Kyle O'NEILL", "Kyle. O'NEILL (15)", "a full stop between the words"),
    ("Kyle O'NEILL", "Kyle O'NEILLY (15)", "a longer surname"),
    ("Kyle O'NEILL", "Kyle (15) O'NEILL", "the age not beside the name"),
    ("Kyle NARROW", "Kyle and NARROW (15)", "a word that joins two people"),
    ("Kyle NARROW", "Kyle, Liam NARROW (15)", "two people, a comma between"),
    ("Kyle NARROW", "Kyle 2 NARROW (15)", "a number is no middle name"),
    ("Liam FOX", "Dean FOX, Liam (15)", "a list: Dean FOX, known, then a Liam"),
    ("Liam FOX", "Amy FOX, Liam (15)", "a list: Amy FOX, written so, then a Liam"),
])
def test_no_age_when_the_name_is_not_written_so(store: Store, settings: Settings,
                                                tmp_path: Path, recorded: str, written: str,
                                                why: str) -> None:
    for order in ORDERS:
        store.wipe()
        done = ingest([write_jsonl(tmp_path / "r.jsonl", _reports(recorded, written, order))],
                      settings=settings, store=store)
        assert done.ok
        kid = store.read_text("MATCH (p:Person {name: $name}) RETURN p.age AS age",
                              {"name": recorded})
        assert kid == [{"age": None}], (why, order)
