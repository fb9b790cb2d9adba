"""After a merge, a report naming the merged-away person by their own keys joins the kept
record instead of re-creating the one merged away; the undo gives the keys back."""

from __future__ import annotations

from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.resolve import merge, undo
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

QUNIN = "Person:nd:jordan qunin|1990-02-11"
QUINN = "Person:nd:jordan quinn|1990-02-11"


def _p(name: str) -> dict[str, str]:
    return {"id": "a", "type": "Person", "name": name, "dob": "1990-02-11", "role": "suspect"}


def _uids(store: Store) -> list[str]:
    return [r["uid"] for r in store.read_text("MATCH (p:Person) RETURN p.uid AS uid "
                                              "ORDER BY uid", {})]


def test_a_later_report_joins_the_kept_record_and_undo_gives_the_keys_back(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl", [report("Q1", [_p("Jordan QUINN")]),
                                       report("Q2", [_p("Jordan QUNIN")])])
    assert ingest([tmp_path / "a.jsonl"], settings=settings, store=store).ok
    done = merge(store, QUNIN, QUINN, reason="misspelt surname", user="analyst1")
    write_jsonl(tmp_path / "b.jsonl", [report("Q3", [_p("Jordan QUNIN")], date="2025-04-01")])
    assert ingest([tmp_path / "b.jsonl"], settings=settings, store=store).ok
    assert _uids(store) == [QUINN]  # not re-created
    mentioned = store.read_text("MATCH (:Report {ref: 'Q3'})-[:MENTIONS]->(p) "
                                "RETURN p.uid AS uid", {})
    assert mentioned == [{"uid": QUINN}]
    undo(store, done.id, user="analyst1", force=True)
    assert _uids(store) == [QUINN, QUNIN]
    keys = store.read_text("MATCH (k:PersonKey {key: 'nd:jordan qunin|1990-02-11'}) "
                           "RETURN k.uid AS uid", {})
    assert keys == [{"uid": QUNIN}]


def test_a_merged_records_nominal_and_date_of_birth_are_found_and_shown(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.profile import profile

    def person(ref: str, dob: str) -> dict[str, str]:
        return {"id": "a", "type": "Person", "name": "Sam LEE", "dob": dob, "role": "suspect",
                "nominal_ref": ref}
    write_jsonl(tmp_path / "a.jsonl", [report("L1", [person("N501", "1990-01-01")]),
                                       report("L2", [person("N502", "1990-01-02")])])
    assert ingest([tmp_path / "a.jsonl"], settings=settings, store=store).ok
    merge(store, "N502", "N501", reason="one man, two nominals", user="analyst1",
          despite="nominal_ref,not_candidate")
    found = store.read("lookup_person_candidates", text="N502", key="n502")
    assert [r["uid"] for r in found] == ["Person:ref:N501"]
    shown = profile(store, "Person:ref:N501")
    assert shown["other_nominal_refs"] == ["N502"] and shown["other_dobs"] == ["1990-01-02"]


def test_a_pair_one_report_names_as_two_people_says_so(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Twins in one report: the evidence says the report named them as two people, so the
    analyst checks before merging; the score is not changed (a person entered twice in one
    report is a duplicate all the same)."""
    from graphintel.resolve import find_candidates
    from graphintel.resolve.candidates import person_candidates

    def twin(name: str, eid: str) -> dict[str, str]:
        return {"id": eid, "type": "Person", "name": name, "dob": "2009-05-05",
                "role": "victim"}
    write_jsonl(tmp_path / "t.jsonl", [
        report("T1", [twin("Jack JONES", "a"), twin("Jake JONES", "b")]),
        report("T2", [twin("Kian MOSS", "a")]), report("T3", [twin("Kyan MOSS", "a")])])
    assert ingest([tmp_path / "t.jsonl"], settings=settings, store=store).ok
    found = {frozenset((c.a_label, c.b_label)): c for c in find_candidates(store).candidates}
    twins = found[frozenset(("Jack JONES", "Jake JONES"))]
    apart = found[frozenset(("Kian MOSS", "Kyan MOSS"))]
    assert twins.evidence[-1].startswith("named as two people in one report: T1 (twins")
    assert not any("one report" in e for e in apart.evidence)
    # the score is the finder's own, as for the same two records named in two reports
    rows = [{"uid": c, "name": n, "name_key": n.lower(), "dob": "2009-05-05"}
            for c, n in ((twins.a, twins.a_label), (twins.b, twins.b_label))]
    [alone] = person_candidates(rows, rejected=set()).candidates
    assert twins.score == alone.score
