"""A person known only by a stated age (no date of birth) is a child when under 18 by the one
rule, :func:`graphintel.analysis.safeguarding.age_of`, everywhere a child test is made.

The network: Bella (role unknown, "age 12" in a report, no date of birth) is in direct
contact with three adult suspects and with two victims, so without her age she would be the
first greedy pick; Cara ("age 15", assessed as a suspect) exploits a victim and would be
ranked as a target. Tom was "17" in a report three years before the analysis date (an adult
of 20 now, and a target); Ollie is "30"; Ann and Ben were both "17" on the two days either
side of the analysis date's anniversary (Ann is still 17, Ben is 18).
"""

from __future__ import annotations

import doctest
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphintel import redact, redact_scrub
from graphintel.agenda import write_agenda
from graphintel.agenda.build import build_agenda
from graphintel.analysis import safeguarding
from graphintel.analysis.communities import detect_communities
from graphintel.analysis.disruption import greedy_disruption_set, score_targets
from graphintel.analysis.linkage import victim_links
from graphintel.analysis.measures import centrality
from graphintel.analysis.projection import ProjectionParams, project
from graphintel.analysis.run import AnalysisParams
from graphintel.analysis.safeguarding import age_of, child_on, stated_age, status
from graphintel.analysis.whatif import disrupt
from graphintel.charts import SelectionSpec, make_chart, write_chart
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.profile import profile
from graphintel.redact import Redactor
from graphintel.store import Store
from graphintel.web.netdata import vis_data
from tests.graph_helpers import analyse, cypher_child_tests, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings
from tests.test_partner_leaks import layers

AS_OF = "2025-06-01"  # the latest report date: the analysis date of the fixture


def _p(i: str, name: str, ref: str, role: str, *, dob: str | None = None,
       age: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": i, "type": "Person", "name": name, "nominal_ref": ref,
                           "role": role}
    if dob:
        out["dob"] = dob
    if age is not None:
        out["age"] = age
    return out


def _link(a: str, b: str, kind: str = "ASSOCIATE_OF") -> dict[str, str]:
    return {"from": a, "to": b, "type": kind}


S1 = _p("s1", "Adam SMITH", "N101", "suspect", dob="1980-01-01")
S2 = _p("s2", "Brian JONES", "N102", "suspect", dob="1985-02-02")
S3 = _p("s3", "Carl WHITE", "N103", "suspect", dob="1990-03-03")
V1 = _p("v1", "Vicky GREEN", "N201", "victim", dob="2010-01-01")
V2 = _p("v2", "Wendy BLACK", "N202", "victim", dob="2011-01-01")
V3 = _p("v3", "Xena GREY", "N203", "victim", dob="2012-01-01")


def _reports() -> list[dict[str, Any]]:
    """Bella is the only way from Adam, Brian and Carl to Vicky and Wendy."""
    bella = _p("b", "Bella CHILDB", "N300", "unknown", age=12)
    return [
        report("R0", [_p("t", "Tom SEVENTEEN", "N401", "suspect", age=17), V2],
               [_link("t", "v2", "EXPLOITS")], date="2022-06-01"),
        report("R1", [bella, S1, S2, S3, _p("o", "Ollie ADULT", "N400", "unknown", age=30)],
               [_link("s1", "b"), _link("s2", "b"), _link("s3", "b"), _link("o", "s1")],
               date="2025-03-01"),
        report("R2", [_p("b", "Bella CHILDB", "N300", "unknown"), V1, V2, S1],
               [_link("b", "v1"), _link("b", "v2"), _link("s1", "b")], date="2025-04-01"),
        report("R3", [_p("c", "Cara KIDC", "N301", "suspect", age=15), V3, S1],
               [_link("c", "v3", "EXPLOITS"), _link("c", "s1")], date="2025-04-01"),
        report("R5", [_p("a", "Ann EDGE", "N402", "unknown", age=17), S2,
                      {"id": "pa", "type": "Phone", "number": "07700 900111"}],
               [_link("a", "s2"), _link("a", "pa", "USES")], date="2024-06-02"),
        report("R6", [_p("n", "Ben EDGE", "N403", "unknown", age=17), S2,
                      {"id": "pn", "type": "Phone", "number": "07700 900222"}],
               [_link("n", "s2"), _link("n", "pn", "USES")], date="2024-06-01"),
        report("R7", [S2, S3], [_link("s2", "s3")], date=AS_OF),
    ]


#: What no partner output may hold about the two children known only by a stated age.
SECRETS = ("bella", "childb", "n300", "cara", "kidc", "n301", "ann edge", "n402",
           "stated 2025-03-01", "stated 2025-04-01", "stated 2024-06-02", "age 12", "age 15",
           "12 (stated", "15 (stated", "17 (stated")


# -- the rule ---------------------------------------------------------------------------------


def test_the_rule_and_its_edges() -> None:
    assert doctest.testmod(safeguarding).failed == 0
    assert doctest.testmod(redact_scrub).failed == 0
    assert doctest.testmod(redact).failed == 0
    # 17 stated three years before the analysis date: 20 now, an adult
    assert age_of({"age": 17, "age_on": "2022-06-01"}, AS_OF) == 20
    assert not child_on({"age": 17, "age_on": "2022-06-01"}, AS_OF)
    assert stated_age({"age": 17, "age_on": "2022-06-01"}, AS_OF) == \
        "age 17 (stated 2022-06-01; age 20 on 2025-06-01)"
    # the person turned the stated age on the day it was stated: 18 on its anniversary
    assert age_of({"age": 17, "age_on": "2024-06-02"}, AS_OF) == 17
    assert age_of({"age": 17, "age_on": "2024-06-01"}, AS_OF) == 18
    assert child_on({"age": 17, "age_on": "2024-06-02"}, AS_OF)
    assert not child_on({"age": 17, "age_on": "2024-06-01"}, AS_OF)
    # stated on 29 February: the birthday is taken as 28 February
    leap = {"age": 17, "age_on": "2024-02-29"}
    assert (age_of(leap, "2025-02-27"), age_of(leap, "2025-02-28")) == (17, 18)
    # undated: the stated age is the age on the analysis date, whatever the date
    assert age_of({"age": 17, "age_on": None}, "2040-01-01") == 17
    assert child_on({"age": 12}, None)
    # a date of birth that bears the stated age out decides; one that disagrees with it
    # does not overrule a child's stated age (test_safeguarding_age_conflict.py)
    assert age_of({"dob": "2012-06-01", "age": 12, "age_on": "2025-01-01"}, AS_OF) == 13
    assert age_of({"dob": "1990-01-01", "age": 12, "age_on": "2025-01-01"}, AS_OF) == 12
    assert not child_on({"age": 30, "age_on": "2025-03-01"}, AS_OF)
    assert age_of({}, AS_OF) is None and not child_on({}, AS_OF)


def test_the_redactor_treats_a_stated_age_like_a_date_of_birth() -> None:
    child = {"uid": "Person:ref:N300", "name": "Bella CHILDB", "roles": ["unknown"],
             "dob": None, "age": 12, "age_on": "2025-03-01", "nominal_ref": "N300"}
    adult = {"uid": "Person:ref:N400", "name": "Ollie ADULT", "roles": ["unknown"],
             "dob": None, "age": 30, "age_on": "2025-03-01", "nominal_ref": "N400"}
    internal = Redactor("internal", b"k", AS_OF)
    assert internal.is_child(child) and not internal.is_child(adult)
    assert internal.dob(child) == "age 12 (stated 2025-03-01)"
    assert internal.age(child) == "12 (stated 2025-03-01)"
    partner = Redactor("partner", b"k", AS_OF)
    partner.register_people([child, adult])
    assert partner.name(child).startswith("Child-") and partner.name(adult) == "Ollie ADULT"
    assert (partner.dob(child), partner.age(child)) == ("age 10-12", "10-12")
    assert (partner.dob(adult), partner.age(adult)) == ("age 30", "30")
    shown = partner.person(child)
    assert shown["age"] is None and shown["age_on"] is None and shown["age_band"] == "10-12"
    text = partner.scrub("Bella CHILDB, aged 12 (age 12 (stated 2025-03-01)), a "
                         "12-year-old, N300; age 10-12; Ollie ADULT, age 30")
    assert text == (f"{partner.name(child)}, age withheld (age withheld (stated (date "
                    "withheld))), a age withheld, (reference withheld); age 10-12; "
                    "Ollie ADULT, age 30")


# -- on a real graph ----------------------------------------------------------------------


@dataclass
class Loaded:
    store: Store
    settings: Settings
    uid: dict[str, str]
    result: dict[str, Any]
    run_id: str
    folder: Path
    partner: list[Path] = field(default_factory=list)
    internal: list[Path] = field(default_factory=list)


@pytest.fixture(scope="module")
def loaded(session_store: Store, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    folder = tmp_path_factory.mktemp("stated-age")
    session_store.wipe()
    summary = ingest([write_jsonl(folder / "r.jsonl", _reports())], settings=settings,
                     store=session_store)
    assert summary.ok, summary.as_dict()
    rows = session_store.read_text("MATCH (p:Person) RETURN p.nominal_ref AS ref, p.uid AS uid",
                                   {})
    uid = {r["ref"]: r["uid"] for r in rows}
    done = analyse(session_store)
    assert done.result["run"]["as_of"] == AS_OF
    keyed = fixed_key_settings(settings, folder / "home")
    out = Loaded(session_store, keyed, uid, done.result, done.id, folder)
    for prof in ("partner", "internal"):
        written = out.partner if prof == "partner" else out.internal
        base = folder / prof
        written += write_agenda(session_store, keyed, run_id=done.id, profile=prof,
                                out_dir=base / "agenda", generated_at="2025-06-02T00:00:00Z",
                                record=False)
        for i, spec in enumerate([SelectionSpec.network("top"),
                                  SelectionSpec.around([uid["N300"]], hops=2),
                                  SelectionSpec.around([uid["N301"]], hops=1)]):
            written += write_chart(session_store, keyed, spec, formats="all", profile=prof,
                                   out_dir=base / f"chart-{i}")
    yield out


def _by_ref(rows: list[dict[str, Any]], loaded: Loaded) -> dict[str, dict[str, Any]]:
    refs = {u: r for r, u in loaded.uid.items()}
    return {refs[row["uid"]]: row for row in rows}


def test_the_stated_age_reaches_the_graph_and_the_projection(loaded: Loaded) -> None:
    G = project(loaded.store, ProjectionParams(as_of=AS_OF)).graph
    bella = G.nodes[loaded.uid["N300"]]
    assert (bella.get("dob"), bella["age"], bella["age_on"]) == (None, 12, "2025-03-01")
    got = {ref: (status(G, u, AS_OF).age, status(G, u, AS_OF).child)
           for ref, u in loaded.uid.items() if ref.startswith(("N3", "N4"))}
    assert got == {"N300": (12, True), "N301": (15, True), "N400": (30, False),
                   "N401": (20, False), "N402": (17, True), "N403": (18, False)}


def test_the_child_is_safeguarded_never_targeted(loaded: Loaded) -> None:
    result = loaded.result
    victims = _by_ref(result["victims"], loaded)
    assert victims["N300"]["child"] and victims["N300"]["age"] == 12
    assert victims["N402"]["child"] and victims["N402"]["age"] == 17
    assert {"N400", "N401", "N403"}.isdisjoint(victims)
    people = _by_ref(result["people"], loaded)
    assert people["N300"]["protected"] and people["N301"]["protected"]
    assert not people["N400"]["protected"] and people["N400"]["age"] == 30
    # Cara, a suspect aged 15 by a stated age, is listed under "safeguarding first"
    first = _by_ref(result["safeguarding"], loaded)
    assert set(first) == {"N301"}
    assert first["N301"]["child"] and first["N301"]["age"] == 15
    assert first["N301"]["reasons"][0].startswith("a child who is also assessed as a suspect")
    targets = {t["uid"] for t in result["targets"]}
    assert loaded.uid["N300"] not in targets and loaded.uid["N301"] not in targets
    assert {loaded.uid[r] for r in ("N101", "N102", "N401")} <= targets  # Tom is 20
    # the suspects in contact with Bella are linked to a child
    s1 = next(t for t in result["targets"] if t["uid"] == loaded.uid["N101"])
    linked = {lv["uid"]: lv for lv in s1["linked_victims"]}
    assert linked[loaded.uid["N300"]]["child"] and linked[loaded.uid["N300"]]["contact"]
    # the community members carry the stated age, so the agenda's child test finds her
    members = {m["uid"]: m for c in result["communities"] for m in c["members"]}
    assert members[loaded.uid["N300"]]["age"] == 12
    assert members[loaded.uid["N300"]]["age_on"] == "2025-03-01"


def test_without_the_stated_age_she_would_be_picked_first(loaded: Loaded) -> None:
    """The test can fail: the same graph with the stated ages dropped ranks the children."""
    G = project(loaded.store, ProjectionParams(as_of=AS_OF)).graph
    picks = [p for p, _ in greedy_disruption_set(G, 5)]
    assert picks and not {loaded.uid[r] for r in ("N300", "N301", "N402")} & set(picks)
    done = disrupt(loaded.store, [], greedy=5,
                   params=AnalysisParams(projection=ProjectionParams(as_of=AS_OF)))
    assert [g["uid"] for g in done["greedy"]] == picks

    blind = nx.Graph(G)
    for n in blind:
        blind.nodes[n].pop("age", None)
        blind.nodes[n].pop("age_on", None)
    assert greedy_disruption_set(blind, 1)[0][0] == loaded.uid["N300"]
    ranked = score_targets(blind, victim_links(blind), centrality(blind),
                           detect_communities(blind), as_of=AS_OF)
    assert loaded.uid["N301"] in {t.person for t in ranked}


def test_the_internal_agenda_shows_the_stated_age(loaded: Loaded) -> None:
    agenda = build_agenda(loaded.store, loaded.settings, run_id=loaded.run_id,
                          profile="internal")
    rows = {r.name: r for r in agenda.children_rows}
    assert rows["Bella CHILDB"].age == "age 12 (stated 2025-03-01)"
    assert rows["Bella CHILDB"].lead_agency == "Children's social care"
    assert rows["Ann EDGE"].age == "age 17 (stated 2024-06-02)"
    assert "Ben EDGE" not in rows and "Ollie ADULT" not in rows
    first = {e.name: e for e in agenda.safeguarding}
    assert first["Cara KIDC"].age == "15 (stated 2025-04-01)"
    children = {c.name: c for n in agenda.networks for c in n.children}
    assert children["Bella CHILDB"].dob == "age 12 (stated 2025-03-01)"
    targets = [t for n in agenda.networks for t in n.targets]
    tom = next(t for t in targets if t.name == "Tom SEVENTEEN")
    assert tom.dob == "age 17 (stated 2022-06-01; age 20 on 2025-06-01)" and tom.tactics
    named = {t.name for t in targets} | {r.target for n in agenda.networks for r in n.tactics}
    assert not named & {"Bella CHILDB", "Cara KIDC", "Ann EDGE"}
    md = next(p for p in loaded.internal if p.name.endswith("-internal.md")).read_text()
    assert "age 12 (stated 2025-03-01)" in md and "Bella CHILDB" in md


def test_partner_outputs_never_hold_her_name_or_stated_age(loaded: Loaded) -> None:
    agenda = build_agenda(loaded.store, loaded.settings, run_id=loaded.run_id,
                          profile="partner")
    rows = [r for r in agenda.children_rows if r.age == "age 10-12"]
    assert rows and all(r.name.startswith("Child-") for r in rows)
    assert {e.age for e in agenda.safeguarding} == {"13-15"}
    suffixes = {p.suffix for p in loaded.partner}
    assert {".md", ".html", ".docx", ".graphml", ".gexf", ".cyjs", ".csv", ".anx"} <= suffixes
    hits = []
    for path in loaded.partner:
        for where, raw in layers(path):
            text = " ".join(html.unescape(html.unescape(raw)).lower().split())
            hits += [(where, s) for s in SECRETS
                     if re.search(rf"(?<![a-z0-9]){re.escape(s)}(?![0-9])", text)]
    assert not hits, hits[:20]
    # the scan is real: the internal versions hold them
    internal = " ".join(html.unescape(raw).lower() for p in loaded.internal
                        for _, raw in layers(p))
    assert "bella childb" in internal and "stated 2025-03-01" in internal


def test_charts_and_the_web_view_redact_her(loaded: Loaded) -> None:
    spec = SelectionSpec.around([loaded.uid["N300"]], hops=1)
    internal = make_chart(loaded.store, loaded.settings, spec, profile="internal")
    node = next(d for _, d in internal.graph.nodes(data=True) if d["label"] == "Bella CHILDB")
    assert node["child"] and node["dob"] == "" and node["age"] == "12 (stated 2025-03-01)"
    ollie = make_chart(loaded.store, loaded.settings,
                       SelectionSpec.around([loaded.uid["N400"]], hops=1), profile="internal")
    adult = next(d for _, d in ollie.graph.nodes(data=True) if d["label"] == "Ollie ADULT")
    assert not adult["child"] and adult["age"] == "30 (stated 2025-03-01)"
    partner = make_chart(loaded.store, loaded.settings, spec, profile="partner")
    kids = [d for _, d in partner.graph.nodes(data=True) if d["child"]]
    codes = {d["label"] for d in kids}
    assert all(c.startswith("Child-") for c in codes) and len(codes) == len(kids)
    assert any(d["age"] == "10-12" for d in kids)
    page = json.dumps(vis_data(partner, internal=False)).lower()
    assert not [s for s in SECRETS if s in page]


def test_profile_and_queries_about_children(loaded: Loaded) -> None:
    bella = profile(loaded.store, loaded.uid["N300"])
    assert (bella["dob"], bella["age"], bella["age_on"]) == (None, 12, "2025-03-01")
    assert bella["stated_age"] == "age 12 (stated 2025-03-01)"
    assert profile(loaded.store, loaded.uid["N101"])["stated_age"] is None
    cara = profile(loaded.store, loaded.uid["N301"])
    assert cara["analysis"]["status"].startswith("safeguarded")
    linked = {r["child_uid"]: r for r in profile(loaded.store,
                                                 loaded.uid["N102"])["linked_children"]}
    assert linked[loaded.uid["N300"]]["age"] == 12
    assert linked[loaded.uid["N300"]]["age_on"] == "2025-03-01"


@pytest.mark.parametrize("day", ["2025-05-31", AS_OF, "2025-06-02", "2026-06-01"])
def test_the_cypher_child_tests_follow_the_same_rule(loaded: Loaded, day: str) -> None:
    """``children_near_suspect`` and ``protected_entities`` agree with ``child_on`` on
    either side of the birthdays the stated ages imply."""
    near, expected, withheld, phones = cypher_child_tests(loaded.store, loaded.uid["N102"], day)
    assert near == expected
    assert loaded.uid["N300"] in expected and loaded.uid["N101"] not in expected
    if day == AS_OF:
        assert phones == 2 and len(withheld) == 1  # Ann's phone, not Ben's
