"""A child newly assessed as a suspect is named in the changes as a child who may be
exploited into offending, never as one of the "people newly suspected"."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import build_agenda
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import report
from tests.test_agenda_data import fixed_key_settings, load, person, wait_next_second

JAY = ("Jay PRICE", "1990-03-03")
AMY = ("Amy HILL", "2011-05-05")
ZAK = ("Zak LEE", "2010-01-01")
OLI = ("Oli BRAND", "1988-08-08")


def test_a_child_newly_suspected_is_safeguarded_in_the_changes(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    load(store, settings, tmp_path / "a", [report(
        "NS/1", [person("j", *JAY, "suspect"), person("a", *AMY, "victim")],
        [{"from": "j", "to": "a", "type": "EXPLOITS"}], date="2025-04-01")])
    wait_next_second()
    run = load(store, settings, tmp_path / "b", [report(
        "NS/2", [person("z", *ZAK, "suspect"), person("a", *AMY, "victim"),
                 person("j", *JAY, "suspect"), person("o", *OLI, "suspect")],
        [{"from": "z", "to": "a", "type": "EXPLOITS"},
         {"from": "j", "to": "z", "type": "ASSOCIATE_OF"},
         {"from": "o", "to": "a", "type": "EXPLOITS"}], date="2025-05-10")])
    agenda = build_agenda(store, keyed, run_id=run, date="2025-06-01")
    assert agenda.changes.since_run is not None
    assert agenda.headline.newly_suspected == [OLI[0]]  # the adult, not the child
    zak = [p for p in agenda.changes.new_people if p.startswith(ZAK[0])]
    assert zak == [f"{ZAK[0]} (suspect: a child or victim who may be exploited into "
                   "offending, safeguarded)"]
    oli = [p for p in agenda.changes.new_people if p.startswith(OLI[0])]
    assert oli == [f"{OLI[0]} (suspect)"]
