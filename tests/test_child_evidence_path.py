"""A child both associated with and exploited by a suspect is listed with the exploitation
as the evidence (``children_near_suspect``, which the profile's linked children and the
workspace show): the association alone would understate what the intelligence says."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def _p(i: str, name: str, ref: str, role: str, dob: str) -> dict[str, Any]:
    return {"id": i, "type": "Person", "name": name, "nominal_ref": ref, "role": role,
            "dob": dob}


def test_exploitation_is_the_evidence_shown_before_association(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    s = _p("s", "Tracey CAMPBELL", "N1", "suspect", "1985-01-01")
    c = _p("c", "Leah EVANS", "N2", "victim", "2011-01-01")
    reports = [report(f"R{i}", [s, c], [{"from": "c" if i % 2 else "s",
                                         "to": "s" if i % 2 else "c",
                                         "type": "ASSOCIATE_OF"}], date=f"2025-0{i}-01")
               for i in range(1, 4)]
    reports.append(report("R9", [s, c], [{"from": "s", "to": "c", "type": "EXPLOITS"}],
                          date="2025-05-01", grading="1BP"))
    assert ingest([write_jsonl(tmp_path / "r.jsonl", reports)], settings=settings,
                  store=store).ok
    uid = store.read_text("MATCH (p:Person {nominal_ref: 'N1'}) RETURN p.uid AS u", {})[0]["u"]
    found = store.read("children_near_suspect", suspect=uid, max_links=2,
                       as_of="2025-06-01")
    assert [(r["child"], r["links"], r["path"], r["refs"]) for r in found] == [
        ("Leah EVANS", 1, "Tracey CAMPBELL -EXPLOITS-> Leah EVANS", ["R9"])]
