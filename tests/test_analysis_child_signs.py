"""People of no recorded age whom their record shows to be children are safeguarded.

"Child A", an "Unknown Female Juvenile", a young person living at a children's home or
reported missing from one: no date of birth or age is given, but no officer reading the
record would take them for an adult. They are never a target, a greedy pick or a
sequential step, and partner outputs do not name them. A date of birth decides instead:
an adult by date of birth living at a residential unit is ranked on his own evidence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphintel.agenda import write_agenda
from graphintel.analysis.child_signs import named_as_child
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AS_OF = "2025-06-30"
PARAMS = AnalysisParams(projection=ProjectionParams(as_of=AS_OF))
HOME = {"id": "h", "type": "Location", "kind": "home_address", "postcode": "BS3 3TG",
        "address": "Wood House Children's Home, 87 Orchard Road"}
UNIT = {"id": "u", "type": "Location", "kind": "home_address", "postcode": "BS4 4TG",
        "address": "Elm Lodge Residential Unit, 2 Mill Lane"}


def _suspect(eid: str, name: str, dob: str | None = None) -> dict[str, object]:
    out: dict[str, object] = {"id": eid, "type": "Person", "name": name, "role": "suspect"}
    if dob:
        out["dob"] = dob
    return out


def _load(store: Store, settings: Settings, folder: Path) -> None:
    dean = _suspect("d", "Dean FOX", "1980-01-01")
    amy = {"id": "v", "type": "Person", "name": "Amy HILL", "dob": "2011-05-05",
           "role": "victim"}
    write_jsonl(folder / "r.jsonl", [
        report("IR/C/1", [dean, amy, _suspect("a", "Child A"), _suspect("k", "Kyle NARROW"),
                          _suspect("j", "Unknown Female Juvenile"), HOME],
               [{"from": "d", "to": "v", "type": "EXPLOITS"},
                {"from": "a", "to": "v", "type": "ASSOCIATE_OF"},
                {"from": "a", "to": "d", "type": "ASSOCIATE_OF"},
                {"from": "k", "to": "v", "type": "ASSOCIATE_OF"},
                {"from": "k", "to": "d", "type": "ASSOCIATE_OF"},
                {"from": "j", "to": "v", "type": "ASSOCIATE_OF"},
                {"from": "j", "to": "d", "type": "ASSOCIATE_OF"},
                {"from": "k", "to": "h", "type": "LIVES_AT"}], date="2025-05-01"),
        report("IR/C/3", [dean, amy, _suspect("l", "Lee DUNN")],
               [{"from": "l", "to": "v", "type": "ASSOCIATE_OF"},
                {"from": "l", "to": "d", "type": "ASSOCIATE_OF"}],
               narrative="Lee DUNN, a looked after child (LAC), was seen with Amy HILL.",
               date="2025-05-03"),
        report("IR/C/2", [dean, amy, _suspect("m", "Max BELL"),
                          _suspect("s", "Sam STAFF", "1975-02-02"), UNIT,
                          {"id": "e", "type": "Event", "kind": "missing_episode",
                           "start": "2025-05-02T20:00:00", "end": "2025-05-03T09:00:00"}],
               [{"from": "m", "to": "e", "type": "SUBJECT_OF"},
                {"from": "e", "to": "u", "type": "MISSING_FROM"},
                {"from": "m", "to": "v", "type": "ASSOCIATE_OF"},
                {"from": "m", "to": "d", "type": "ASSOCIATE_OF"},
                {"from": "s", "to": "u", "type": "LIVES_AT"},
                {"from": "s", "to": "v", "type": "EXPLOITS"}], date="2025-05-05"),
    ])
    assert ingest([folder / "r.jsonl"], settings=settings, store=store).ok


def _uid(store: Store, name: str) -> str:
    return str(store.read_text("MATCH (p:Person {name: $n}) RETURN p.uid AS u",
                               {"n": name})[0]["u"])


@pytest.mark.parametrize(("name", "sign"), [
    ("Child A", "named 'Child A'"), ("Unknown Female Juvenile", "named 'Unknown Female"),
    ("Kyle NARROW", "lives at a children's home or care placement"),
    ("Max BELL", "reported missing from a children's home or care placement"),
    ("Lee DUNN", "called a looked-after child in a report's narrative"),
])
def test_a_sign_of_a_child_keeps_them_from_every_target_list(
        store: Store, settings: Settings, tmp_path: Path, name: str, sign: str) -> None:
    _load(store, settings, tmp_path)
    done = run_analysis(store, PARAMS)
    uid = _uid(store, name)
    targets = {t["uid"] for t in done.result["targets"]}
    assert uid not in targets
    assert {_uid(store, "Dean FOX"), _uid(store, "Sam STAFF")} <= targets  # adults by dob
    entry = next(s for s in done.result["safeguarding"] if s["uid"] == uid)
    assert sign in entry["reasons"][0] and "never target" in entry["reasons"][0]
    assert uid in done.result["run"]["safeguarded_inferred"]
    for way in ({"greedy": 4}, {"sequential": 4}):
        picks = disrupt(store, [], params=PARAMS, **way)  # type: ignore[arg-type]
        chosen = picks[next(iter(way))]
        assert chosen and uid not in {(p.get("person") or p)["uid"] for p in chosen}, way
    paths = write_agenda(store, settings, profile="partner", formats="md",
                         out_dir=tmp_path / "agenda", record=False)
    text = "\n".join(p.read_text(encoding="utf-8") for p in paths if p.suffix == ".md")
    assert not re.search(rf"\b{re.escape(name.lower())}\b", text.lower()), name
    assert "wood house" not in text.lower() and "elm lodge" not in text.lower()


@pytest.mark.parametrize(("name", "child"), [
    ("Child A", True), ("Boy 2", True), ("YP-C", True), ("Unknown Juvenile Male", True),
    ("unidentified youth", True), ("Amy CHILD", False), ("Child ANDERSON", False),
    ("Unknown male", False), ("Juvenal SMITH", False), ("", False),
])
def test_names_that_say_child(name: str, child: bool) -> None:
    assert named_as_child(name) is child
