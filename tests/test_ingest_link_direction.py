"""A link written the wrong way round ("the home LIVES_AT the child", "the phone USES the
child") is loaded the model's way round, with a warning naming the row and the link, so
the child's home and phone are known as hers: withheld from partners, never a place for a
closure order (graphintel/ingest/link_direction.py)."""

from __future__ import annotations

import doctest
from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest, link_direction
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl

AVA = {"id": "a", "type": "Person", "name": "Ava LINT", "dob": "2011-01-01", "role": "victim"}
CARL = {"id": "c", "type": "Person", "name": "Carl HUNT", "dob": "1980-01-01",
        "role": "suspect"}
HOME = {"id": "h", "type": "Location", "address": "14 Beech Road", "postcode": "BS8 8AA",
        "kind": "home_address"}
PHONE = {"id": "ph", "type": "Phone", "number": "07700 900444"}
EPISODE = {"id": "ev", "type": "Event", "kind": "missing_episode",
           "start": "2025-04-30T18:00:00", "end": "2025-05-01T08:00:00"}


def _links(store: Store) -> set[tuple[str, str, str]]:
    rows = store.read_text("MATCH (a)-[r]->(b) WHERE type(r) <> 'MENTIONS' "
                           "RETURN labels(a) AS a, type(r) AS t, labels(b) AS b", {})
    return {(next(x for x in r["a"] if x != "Entity"), r["t"],
             next(x for x in r["b"] if x != "Entity")) for r in rows}


def test_links_written_the_wrong_way_round_are_turned_and_said(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "f1.jsonl", [report(
        "IR/20", [AVA, CARL, HOME, PHONE, EPISODE],
        [{"from": "h", "to": "a", "type": "LIVES_AT"},
         {"from": "c", "to": "h", "type": "LIVES_AT"},
         {"from": "ph", "to": "a", "type": "USES"},
         {"from": "c", "to": "ph", "type": "USES"},
         {"from": "ev", "to": "a", "type": "SUBJECT_OF"},
         {"from": "h", "to": "ev", "type": "MISSING_FROM"},
         {"from": "c", "to": "a", "type": "EXPLOITS"}], date="2025-05-01")])
    summary = ingest([src], settings=settings, store=store)
    f = summary.files[0]
    assert summary.ok and (f.loaded, f.quarantined) == (1, 0)
    assert f.warnings == [
        f"{src}:1: links[0]: LIVES_AT from a Location ('h') to a Person ('a') is the wrong "
        "way round: loaded as from the Person to the Location",
        f"{src}:1: links[2]: USES from a Phone ('ph') to a Person ('a') is the wrong way "
        "round: loaded as from the Person to the Phone",
        f"{src}:1: links[4]: SUBJECT_OF from an Event ('ev') to a Person ('a') is the wrong "
        "way round: loaded as from the Person to the Event",
        f"{src}:1: links[5]: MISSING_FROM from a Location ('h') to an Event ('ev') is the "
        "wrong way round: loaded as from the Event to the Location"]
    assert _links(store) == {("Person", "LIVES_AT", "Location"), ("Person", "USES", "Phone"),
                             ("Person", "SUBJECT_OF", "Event"), ("Person", "EXPLOITS", "Person"),
                             ("Event", "MISSING_FROM", "Location")}
    # the child's home and phone are hers: a partner output withholds them
    uids = [r["uid"] for r in store.read_text(
        "MATCH (e:Location|Phone) RETURN e.uid AS uid ORDER BY uid", {})]
    protected = {r["label"]: r["reasons"] for r in store.read(
        "protected_entities", uids=uids, born_after="2007-06-30")}
    assert "LIVES_AT" in protected["Location"] and "USES" in protected["Phone"]

    # loaded again, the same report is a duplicate and says nothing more
    again = ingest([src], settings=settings, store=store).files[0]
    assert (again.duplicates, again.warnings) == (1, [])


def test_docstring_examples() -> None:
    result = doctest.testmod(link_direction)
    assert result.failed == 0 and result.attempted > 0


def test_an_exploitation_link_from_the_victim_to_the_suspect_is_turned(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """"Ava (victim) EXPLOITS Carl (suspect)" would make Carl a victim, safeguarded and
    never a target: it is loaded as Carl exploiting Ava, with a warning. A person the
    report assesses as both (a victim who recruits) keeps the link as written."""
    from graphintel.analysis.run import run_analysis

    mia = {"id": "m", "type": "Person", "name": "Mia RYE", "dob": "2010-02-02",
           "role": "victim"}
    src = write_jsonl(tmp_path / "f3.jsonl", [
        report("IR/30", [AVA, CARL], [{"from": "a", "to": "c", "type": "EXPLOITS"}],
               date="2025-05-01"),
        report("IR/31", [{**mia, "role": "suspect"}, AVA], date="2025-05-02"),
        report("IR/32", [mia, {**AVA, "role": "unknown"}],
               [{"from": "m", "to": "a", "type": "EXPLOITS"}], date="2025-05-03")])
    done = ingest([src], settings=settings, store=store)
    assert done.ok
    said = [w for f in done.files for w in f.warnings if "wrong way round" in w]
    assert len(said) == 1 and said[0].endswith(
        "links[0]: EXPLOITS from a victim ('a') to a suspect ('c') is the wrong way round: "
        "loaded as from the suspect to the victim"), said
    pairs = {(r["a"], r["b"]) for r in store.read_text(
        "MATCH (a:Person)-[:EXPLOITS]->(b:Person) RETURN a.name AS a, b.name AS b", {})}
    assert pairs == {("Carl HUNT", "Ava LINT"), ("Mia RYE", "Ava LINT")}
    result = run_analysis(store).result
    assert "Carl HUNT" in [t["name"] for t in result["targets"]]
