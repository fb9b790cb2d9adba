"""Where a child lives is never put to the meeting as a place to close, evict or patrol:
not the flat a girl shares with the father who exploits her, not the children's home a care
leaver suspected of grooming still lives in, even when a child was found there; not the
home a child went missing from, where the man exploiting her lives; and a father is not
proposed an abduction warning notice for his own daughter."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import build_agenda
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import report
from tests.test_agenda_data import _episode, fixed_key_settings, load, person, place

FLAT = ("Flat 2, 14 Birch Road", "BA5 6EE", "flat")
LODGE = ("Oak Lodge children's home, 3 Oak Lane", "BA6 7FF", "home_address")
BAR = ("Blue Bar", "BA7 8GG", "venue")
GARY, ELLA = ("Gary HOLT", "1975-01-01"), ("Ella HOLT", "2012-02-02")
RYAN, MIA = ("Ryan COLE", "2006-01-01"), ("Mia STONE", "2011-03-03")


def reports() -> list[dict[str, object]]:
    return [
        report("IR/2025/0501", [person("g", *GARY, "suspect"), person("e", *ELLA, "victim"),
                                place("f", *FLAT), place("b", *BAR)],
               [{"from": "g", "to": "f", "type": "LIVES_AT"},
                {"from": "e", "to": "f", "type": "LIVES_AT"},
                {"from": "g", "to": "e", "type": "EXPLOITS"},
                {"from": "g", "to": "e", "type": "FAMILY_OF"},
                {"from": "g", "to": "b", "type": "SEEN_AT", "at": "2025-03-01T22:00:00"},
                {"from": "e", "to": "b", "type": "SEEN_AT", "at": "2025-03-01T22:00:00"}],
               date="2025-03-02", grading="1AP"),
        report("IR/2025/0502", [person("r", *RYAN, "suspect"), person("m", *MIA, "victim"),
                                person("g", *GARY, "suspect"), place("l", *LODGE)],
               [{"from": "r", "to": "l", "type": "LIVES_AT"},
                {"from": "m", "to": "l", "type": "LIVES_AT"},
                {"from": "r", "to": "m", "type": "EXPLOITS"},
                {"from": "r", "to": "g", "type": "ASSOCIATE_OF"}],
               date="2025-03-03", grading="1AP"),
        # Mia missing from the children's home, found at the flat: the flat would count as a
        # hotspot and the man's home
        _episode("ME/2025/0503", MIA, "2025-03-05T18:00:00", "2025-03-06T02:00:00",
                 found=FLAT, home=LODGE),
    ]


def test_a_childs_home_is_never_a_place_to_close_or_patrol(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", reports())
    agenda = build_agenda(store, keyed, run_id=run, date="2025-04-01")
    places = {p.address.split(",")[0]: p for n in agenda.networks for p in n.places}
    assert {"Flat 2", "Oak Lodge children's home", "Blue Bar"} <= set(places), places
    for home in ("Flat 2", "Oak Lodge children's home"):
        row = places[home]
        assert row.options == [], (home, row.options)
        assert "where a child or victim lives" in row.kind and "suspect's home" not in row.kind
        assert "hotspot" not in row.kind
    # the flat still says what happened there; the bar is still a place to act on
    assert "1 child found here after going missing" in places["Flat 2"].why
    assert places["Blue Bar"].options
    proposed = [a.action for a in agenda.actions]
    assert not any("Flat 2" in a or "Oak Lodge" in a for a in proposed), proposed
    # the adults are still candidate targets, with tactics of their own; for the girl's
    # father a child protection strategy discussion, never an abduction warning notice
    targets = {t.name: t for n in agenda.networks for t in n.targets}
    assert {"Gary HOLT", "Ryan COLE"} <= set(targets)
    assert all(t.tactics for t in targets.values())
    cawn = "Child abduction warning notice (CAWN)"
    assert cawn not in targets["Gary HOLT"].tactics
    assert targets["Gary HOLT"].tactics[0] == "Child protection strategy discussion"
    assert cawn in targets["Ryan COLE"].tactics
    assert "Child protection strategy discussion" not in targets["Ryan COLE"].tactics


def test_the_home_a_child_went_missing_from_is_never_a_place_to_close(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    sam, lola = ("Sam OAK", "1980-01-01"), ("Lola OAK", "2012-01-01")
    ash = ("5 Ash Way", "BS3 3CC", "home_address")
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", [
        report("IR/30", [person("s", *sam, "suspect"), person("c", *lola, "victim"),
                         place("h", *ash),
                         {"id": "ev", "type": "Event", "kind": "missing_episode",
                          "start": "2025-04-30T18:00:00", "end": "2025-05-01T08:00:00"}],
               [{"from": "s", "to": "h", "type": "LIVES_AT"},
                {"from": "c", "to": "ev", "type": "SUBJECT_OF"},
                {"from": "ev", "to": "h", "type": "MISSING_FROM"},
                {"from": "s", "to": "c", "type": "EXPLOITS"}], date="2025-05-01",
               grading="1AP")])
    for profile in ("internal", "partner"):
        agenda = build_agenda(store, keyed, run_id=run, date="2025-06-01", profile=profile)
        places = [p for n in agenda.networks for p in n.places]
        assert places, profile
        for row in places:
            assert row.options == [], (profile, row.address, row.options)
            assert "suspect's home" not in row.kind, (profile, row.kind)
        assert not any("5 Ash Way" in a.action or "Place-based" in a.action
                       for a in agenda.actions), profile
