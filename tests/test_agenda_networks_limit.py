"""The agenda covers the networks of most concern, and only reads what it covers.

At force scale thousands of networks have a target or a child; the agenda takes the
``Limits.networks`` most concerning (ranked from the run alone, before anything else is
read), counts the rest, and reads ties, links and reports only for the networks it
shows. Every child and victim of the run is still in the children's table, and the
partner version still names none of them."""

from __future__ import annotations

from pathlib import Path

from graphintel.agenda import read_source, write_agenda
from graphintel.agenda.build import build_agenda
from graphintel.agenda.headline import at_risk
from graphintel.agenda.model import Limits
from graphintel.agenda.source import concern_in_run
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import report
from tests.test_agenda_data import base_reports, fixed_key_settings, load, person

DATE = "2025-04-01"
STAMP = "2025-04-01T09:00:00Z"
FAR_CHILD = ("Zoe Farthing", "2011-06-06")
FAR_MATE = ("Alfie Farmate", "1992-02-02")


def _far_network() -> list[dict[str, object]]:
    """A second network, apart from the fixture's: one suspect, his mate, one child."""
    return [report("IR/2025/0201", [
        person("z", "Zed Farrow", "1975-03-03", "suspect"),
        person("y", *FAR_CHILD, "victim"), person("f", *FAR_MATE, "associate")],
        [{"from": "z", "to": "y", "type": "EXPLOITS"},
         {"from": "f", "to": "z", "type": "ASSOCIATE_OF"}],
        date="2025-03-10T20:00:00", grading="2BP")]


def test_agenda_takes_the_networks_of_most_concern_and_reads_only_them(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports() + _far_network())
    everything = read_source(store, run_id=run, date=DATE)
    n = len(everything.candidates)
    assert n >= 3 and everything.more_networks == 0
    order = sorted(everything.candidates, key=lambda c: concern_in_run(
        c, everything.by_comm.get(int(c["id"]), []), at_risk(everything.doc)))
    kept, left = order[:-2], order[-2:]
    kept_ids = sorted(int(c["id"]) for c in kept)
    targets = {t["uid"] for t in everything.doc["targets"]}

    fewer = read_source(store, run_id=run, date=DATE, networks=n - 2)
    assert [c["id"] for c in fewer.candidates] == kept_ids and fewer.more_networks == 2
    # the left-out networks' other adults are not read; their children are
    # (the children's table)
    others = {m["uid"] for c in left for m in c["members"]}
    others -= {m["uid"] for c in kept for m in c["members"]}
    adults = {u for u in others - targets
              if "victim" not in (everything.facts.people[u].get("roles") or [])
              and not everything.facts.people[u].get("dob", "2000") > "2007"}
    assert adults and not adults & set(fewer.facts.people)
    assert len(fewer.facts.ties) < len(everything.facts.ties)

    limited = Limits(networks=n - 2)
    agenda = build_agenda(store, keyed, source=fewer, generated_at=STAMP, limits=limited)
    full = build_agenda(store, keyed, source=everything, generated_at=STAMP)
    assert sorted(n.id for n in agenda.networks) == kept_ids
    assert agenda.more_networks == 2 and full.more_networks == 0
    assert agenda.networks == [net for net in full.networks if net.id in kept_ids]
    assert [r.name for r in agenda.children_rows] == [r.name for r in full.children_rows]
    assert "Zoe Farthing" in [r.name for r in agenda.children_rows]
    # people outside the shown networks are read without their reports, but partners
    # still see whether a shareable report names them
    zoe = next(p for p in fewer.facts.people.values() if p["name"] == "Zoe Farthing")
    assert zoe["reports"] == [] and zoe["shared"] is True
    assert everything.facts.people[zoe["uid"]]["reports"]
    partner_rows = build_agenda(store, keyed, source=fewer, profile="partner", limits=limited,
                                generated_at=STAMP).children_rows
    full_rows = build_agenda(store, keyed, source=everything, profile="partner",
                             generated_at=STAMP).children_rows
    assert [r.name for r in partner_rows] == [r.name for r in full_rows]

    paths = write_agenda(store, keyed, run_id=run, date=DATE, formats="md",
                         out_dir=tmp_path / "internal", generated_at=STAMP, record=False,
                         limits=limited)
    text = paths[0].read_text(encoding="utf-8")
    assert "2 more with a target, child or victim, of less concern than these" in text
    assert all(f"Network {c['id']} —" not in text for c in left)
    partner = write_agenda(store, keyed, run_id=run, date=DATE, formats="md",
                           out_dir=tmp_path / "partner", profile="partner",
                           generated_at=STAMP, record=False, limits=limited)
    shared = partner[0].read_text(encoding="utf-8")
    assert "Zoe" not in shared and "Farthing" not in shared and FAR_CHILD[1] not in shared
