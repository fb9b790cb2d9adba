"""``suspects_near_child`` lists the adult suspects near a child, as the analysis treats
suspects: never a child (by date of birth or a stated age), a victim, someone recorded as
exploited, or someone named as a suspect only in intelligence graded as suspected false."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.queries import run_query
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"


def _p(i: str, name: str, role: str, **identity: Any) -> dict[str, Any]:
    return {"id": i, "type": "Person", "name": name, "role": role, **identity}


AMY = _p("a", "Amy CHILD", "victim", dob="2012-04-04")
ADAM = _p("s1", "Adam OLDER", "suspect", dob="1980-01-01")  # the one adult suspect
LEAH = _p("s2", "Leah YOUNG", "suspect", dob="2010-10-21")  # 14: exploited into offending
CARA = _p("s3", "Cara STATED", "suspect", age=15)  # a child by a stated age alone
VIC = _p("s4", "Vic TWICE", "suspect", dob="1990-03-03")  # also assessed as a victim
ROSS = _p("s5", "Ross USED", "suspect", dob="1992-05-05")  # exploited by Adam
EDDIE = _p("s6", "Eddie FALSE", "suspect", dob="1985-06-06")  # suspect only in E intelligence
DAVE = _p("s7", "Dave MIXED", "suspect", dob="1986-07-07")  # E once, corroborated once


def _reports() -> list[dict[str, Any]]:
    def near(ref: str, who: dict[str, Any], grading: str = "2BP") -> dict[str, Any]:
        return report(ref, [AMY, who], [{"from": who["id"], "to": "a", "type": "ASSOCIATE_OF"}],
                      date="2025-05-01", grading=grading)

    return [
        near("R1", ADAM), near("R2", LEAH), near("R3", CARA), near("R5", ROSS),
        near("R6", EDDIE, "3EP"), near("R7", DAVE, "3EP"), near("R4", VIC),
        report("R4b", [VIC | {"role": "victim"}], [], date="2025-05-02"),
        report("R8", [ADAM, ROSS], [{"from": "s1", "to": "s5", "type": "EXPLOITS"}],
               date="2025-05-03", grading="1AP"),
        report("R9", [DAVE, ADAM], [{"from": "s7", "to": "s1", "type": "ASSOCIATE_OF"}],
               date="2025-05-04", grading="2BP"),
    ]


def test_only_adult_suspects_who_are_not_victims_are_listed(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", _reports())
    assert ingest([path], settings=settings, store=store).ok
    roles = {r["name"]: sorted(r["roles"]) for r in store.read_text(
        "MATCH (p:Person) RETURN p.name AS name, p.roles AS roles", {})}
    # the graph holds every one of them as a suspect: the query is what tells them apart
    assert all("suspect" in roles[p["name"]] for p in (ADAM, LEAH, CARA, VIC, ROSS, EDDIE,
                                                     DAVE))
    assert "victim" in roles[VIC["name"]]
    found = run_query(store, settings, "suspects_near_child",
                      {"child": AMY["name"], "max_links": "1", "as_of": AS_OF}).rows
    assert sorted(r["suspect"] for r in found) == ["Adam OLDER", "Dave MIXED"]
    # Leah turns 18 on 2028-10-21: on that day she is an adult suspect like any other
    later = run_query(store, settings, "suspects_near_child",
                      {"child": AMY["name"], "max_links": "1", "as_of": "2028-10-21"}).rows
    assert "Leah YOUNG" in {r["suspect"] for r in later}
    # two links away through Amy's adult suspect, the exploited man is still not one
    two = run_query(store, settings, "suspects_near_child",
                    {"child": AMY["name"], "as_of": AS_OF}).rows
    assert sorted(r["suspect"] for r in two) == ["Adam OLDER", "Dave MIXED"]
