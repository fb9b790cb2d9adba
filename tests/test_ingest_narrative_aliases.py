"""Nicknames a narrative gives beside a person's name become their aliases, so that a
record known only by a child's nickname is safeguarded as possibly that child and partners
never read the nickname."""

from __future__ import annotations

import doctest
from pathlib import Path
from typing import Any

import pytest

from graphintel import model
from graphintel.agenda import write_agenda
from graphintel.analysis.stored import load_run
from graphintel.analysis.whatif import disrupt
from graphintel.config import Settings
from graphintel.ingest import narrative_aliases as na
from graphintel.ingest.records import EntityIn
from graphintel.store import Store
from tests.graph_helpers import report
from tests.test_agenda_data import AMY, BETH, base_reports, fixed_key_settings, load, person

KYLE = "Kyle NARROW"

CASES = [
    ("Kyle NARROW, known as 'Pikey', was seen.", ["Pikey"]),
    ("Kyle NARROW (15), known as \u2018Pikey\u2019, was seen.", ["Pikey"]),
    ("Kyle NARROW (DOB 03/03/2011) aka PIKEY ran off.", ["PIKEY"]),
    ("Kyle NARROW, aged 15, also known as Little Man, ran.", ["Little Man"]),
    ("Kyle NARROW a.k.a. \"PK\" ran.", ["PK"]),
    ("Kyle NARROW (AKA Pikey) ran.", ["Pikey"]),
    ("Kyle NARROW - known as 'Pikey' - ran.", ["Pikey"]),
    ("Kyle NARROW, who goes by \"PK\" or \"Pikey\", ran.", ["PK", "Pikey"]),
    ("kyle  narrow, street name: 'Pikey'.", ["Pikey"]),
    ("Kyle NARROW, nicknamed Pikey, ran.", ["Pikey"]),
    ("Kyle NARROW, known to friends as 'K-Dog'.", ["K-Dog"]),
    ("Kyle NARROW who calls himself 'Pikey' ran.", ["Pikey"]),
    # not a nickname, or not his
    ("Kyle NARROW, known as a dealer, ran.", []),
    ("Kyle NARROW is known to police.", []),
    ("Dean FOX and Kyle NARROW, known as 'Pikey'.", []),
    ("Kyle NARROWS, known as 'Pikey'.", []),
    ("Kyle NARROW ran. Known as 'Pikey' locally, Dean FOX", []),
    (None, []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_nicknames_written_right_after_the_name(text: str | None, expected: list[str]) -> None:
    who = "Dean FOX" if text and text.startswith("Dean FOX and") else KYLE
    assert na.narrative_aliases(text, who) == expected


def _kyle(**props: Any) -> EntityIn:
    return EntityIn("k", model.PERSON, "n:kyle narrow", {"name": KYLE, **props})


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("Kyle 'Pikey' NARROW was seen.", KYLE, ["Pikey"]),
    ("NARROW, Kyle aka Pikey was seen.", KYLE, ["Pikey"]),
    ("Kyle NARROW aka Pikey was seen.", "Kyle John NARROW", ["Pikey"]),
    ("Kyle NARROW aka Kyle was seen.", KYLE, None),
    ("Kyle NARROW aka Narrow Boy was seen.", KYLE, ["Narrow Boy"]),
    ("Kyle NARROW aka Kyle NARROW was seen.", KYLE, None),
])
def test_the_person_gains_the_nickname_as_an_alias(text: str, name: str,
                                                   expected: list[str] | None) -> None:
    ent = _kyle(name=name)
    na.read_narrative_aliases(text, [ent])
    assert ent.props.get("aliases") == expected
    assert (na.FLAG in ent.flags) == (expected is not None)


def test_an_alias_already_given_is_not_flagged_again() -> None:
    ent = _kyle(aliases=["Pikey"])
    na.read_narrative_aliases("Kyle NARROW aka PIKEY ran.", [ent])
    assert ent.props["aliases"] == ["Pikey"] and ent.flags == []


def test_the_module_examples_hold() -> None:
    result = doctest.testmod(na)
    assert result.attempted > 0 and result.failed == 0


NICK = "Moth"


def nickname_reports(*, said: bool = True) -> list[dict[str, Any]]:
    """The agenda fixture, plus a report whose narrative calls Amy Caldwell (a child)
    'Moth', and a report about a suspect recorded only as 'Moth' (no date of birth)
    who exploits Beth and drives an adult suspect's car."""
    amy_text = (f"{AMY[0]}, known as '{NICK}', disclosed she was taken to a flat."
                if said else f"{AMY[0]} disclosed she was taken to a flat.")
    return [*base_reports(),
            report("IR/2025/0140", [person("a", *AMY, "victim", nominal_ref="N2001")], [],
                   date="2025-03-02T10:00:00", grading="2AP", narrative=amy_text),
            report("IR/2025/0141", [
                {"id": "m", "type": "Person", "name": NICK, "role": "suspect"},
                person("b", *BETH, "victim"),
                {"id": "v", "type": "Vehicle", "vrm": "BA21 XYZ"}],
                [{"from": "m", "to": "b", "type": "EXPLOITS"},
                 {"from": "m", "to": "v", "type": "DRIVES"},
                 {"from": "b", "to": "v", "type": "PASSENGER_IN"}],
                date="2025-03-04T21:00:00", grading="1AP")]


def test_a_record_named_by_a_childs_nickname_is_safeguarded_not_a_target(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """Without the narrative, 'Moth' is a ranked suspect; with it, 'Moth' may be Amy (a
    child) and is on the safeguarding list, not a target or a greedy pick, and the partner
    agenda never shows the nickname."""
    run = load(store, settings, tmp_path / "data", nickname_reports())
    doc = load_run(store, run)
    assert NICK not in [t["name"] for t in doc["targets"]] and doc["targets"]
    entry = next(s for s in doc["safeguarding"] if s["name"] == NICK)
    assert any(r.startswith(f"possibly the same person as {AMY[0]}") for r in entry["reasons"])
    picked = [p["name"] for p in disrupt(store, [], greedy=10)["greedy"]]
    assert NICK not in picked and picked
    aliases = store.read_text("MATCH (p:Person {name: $n}) RETURN p.aliases AS a, p.flags AS f",
                              {"n": AMY[0]})
    assert aliases == [{"a": [NICK], "f": [na.FLAG]}]

    keyed = fixed_key_settings(settings, tmp_path / "home")
    partner = write_agenda(store, keyed, run_id=run, formats="md", profile="partner",
                           out_dir=tmp_path / "partner", date="2025-04-01",
                           record=False)[0].read_text(encoding="utf-8")
    assert NICK not in partner and "Caldwell" not in partner


def test_without_the_nickname_the_record_is_ranked(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    """The same reports with the narrative not giving the nickname: 'Moth' is a target,
    so the nickname read from the narrative is what safeguards the record."""
    doc = load_run(store, load(store, settings, tmp_path / "data",
                               nickname_reports(said=False)))
    assert NICK in [t["name"] for t in doc["targets"]]
