"""What a child or victim holds, however it was recorded, is hers: a phone or account she
owns (not only one she uses) is withheld from partners; a phone she uses or owns, or a
vehicle she uses, is offered a safeguarding enquiry, never a communications data request,
a marker or a stop; and the people an analysis run safeguarded are pseudonymised in the
workspace's partner charts and JSON as in the command line's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphintel.agenda import build_agenda
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import report
from tests.test_agenda_data import fixed_key_settings, load, person

DATE = "2025-06-01"
DARREN, CHLOE = ("Darren KNOX", "1985-02-03"), ("Chloe MARSH", "2010-05-01")
LIAM, HOLLY = ("Liam ROSS", "1982-04-04"), ("Holly BIRD", "2010-06-06")
SEAN, JESS = ("Sean WEBB", "1980-02-03"), ("Jess COX", "2008-01-01")
NICK, ROSIE = ("Nick HALE", "1975-02-03"), ("Rosie PAGE", "2011-03-03")
GARY = ("Gary LYNCH", "1970-02-03")


def _reports() -> list[dict[str, Any]]:
    def shared(ref: str, adult: tuple[str, str], child: tuple[str, str], thing: dict[str, Any],
               child_link: str, adult_link: str) -> dict[str, Any]:
        return report(ref, [person("a", *adult, "suspect"), person("c", *child, "victim"),
                            {**thing, "id": "x"}],
                      [{"from": "a", "to": "c", "type": "EXPLOITS"},
                       {"from": "c", "to": "x", "type": child_link},
                       {"from": "a", "to": "x", "type": adult_link}],
                      date="2025-05-01", grading="1AP")
    return [
        shared("IR/1", DARREN, CHLOE, {"type": "Phone", "number": "07700 900111"},
               "OWNS", "USES"),
        shared("IR/2", LIAM, HOLLY, {"type": "Phone", "number": "07700 900701"},
               "USES", "USES"),
        shared("IR/3", SEAN, JESS, {"type": "Vehicle", "vrm": "KL66 MNO"}, "USES", "DRIVES"),
        shared("IR/4", NICK, ROSIE, {"type": "OnlineAccount", "platform": "instagram",
                                     "handle": "rosiep_2011"}, "OWNS", "USES"),
        # exploited, recorded as an associate: a victim by the run's inference only
        report("IR/5", [person("g", *GARY, "suspect"),
                        {"id": "s", "type": "Person", "name": "Sophie DEAN",
                         "role": "associate"}],
               [{"from": "g", "to": "s", "type": "EXPLOITS"}], date="2025-05-02",
               grading="1AP"),
    ]


def test_what_a_child_holds_gets_safeguarding_never_enforcement(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _reports())
    uids = [r["uid"] for r in store.read_text(
        "MATCH (e:Phone|OnlineAccount) RETURN e.uid AS uid ORDER BY uid", {})]
    protected = {r["key"]: r["reasons"] for r in store.read(
        "protected_entities", uids=uids, born_after="2007-06-01")}
    assert protected == {"+447700900111": ["USES"], "+447700900701": ["USES"],
                         "instagram:rosiep_2011": ["HAS_ACCOUNT"]}
    for profile in ("internal", "partner"):
        agenda = build_agenda(store, keyed, run_id=run, date=DATE, profile=profile)
        shown = [a for n in agenda.networks for a in n.assets]
        assets = {a.key: a for a in shown}
        phones = [a for a in shown if a.kind == "Phone"]
        assert len(phones) == 2 and all(a.child_kept for a in phones), profile
        for a in phones:
            assert a.options == ["Safeguarding enquiry about the phone a child or victim "
                                 "uses"], (profile, a.options)
        car = assets["KL66MNO"]
        assert car.child_kept and "Vehicle stop and occupant check" not in car.options
        proposed = [a.action for a in agenda.actions]
        assert not any(a.startswith("Disruption plan for") for a in proposed), proposed
        if profile == "partner":
            text = " ".join([*proposed, *(a.key for a in phones)])
            assert "900111" not in text and "900701" not in text


def test_the_workspace_partner_chart_pseudonymises_whom_the_run_safeguarded(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.charts import Filters, SelectionSpec, make_chart
    from graphintel.redact import graph_redactor
    from graphintel.web.cache import PageCache
    from graphintel.web.selection import chart

    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", _reports())
    doc = load_run(store, run)
    sophie = next(u for u in doc["run"]["safeguarded_inferred"] if "sophie" in u)
    network = next(t["community"] for t in doc["targets"] if t["name"] == GARY[0])
    spec = SelectionSpec.network(int(network))
    ours = chart(PageCache(), store, keyed, spec, profile="partner", filters=Filters())
    theirs = make_chart(store, keyed, spec, profile="partner", filters=Filters())
    labels = {d["label"] for _, d in ours.graph.nodes(data=True)}
    assert "Sophie DEAN" not in labels and GARY[0] in labels
    assert labels == {d["label"] for _, d in theirs.graph.nodes(data=True)}
    # the last scrub of the partner JSON knows her too
    scrub = graph_redactor(store, keyed.home, DATE, [sophie])
    assert "Sophie DEAN" not in str(scrub.scrub_all({"text": "Gary LYNCH exploits Sophie DEAN"}))
    assert "Sophie DEAN" in str(graph_redactor(store, keyed.home, DATE).scrub_all(
        {"text": "Gary LYNCH exploits Sophie DEAN"}))
