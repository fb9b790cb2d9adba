"""Partner outputs say nothing that rests only on intelligence partners may not see: not a
person's role, a candidate target, a kind of evidence, a reason or a report reference;
every version of a report must permit sharing, whatever order they were loaded in; a
possible child's age is a band, with no report date. The internal profile still shows all
of it. Each scenario is small JSON Lines built here, loaded into the real Neo4j."""

from __future__ import annotations

import doctest
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import graphintel.redact_ages
import graphintel.redact_standing
from graphintel.agenda import build_agenda, write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, run_analysis
from graphintel.analysis.stored import load_run
from graphintel.charts import Filters, SelectionSpec, make_chart, write_chart
from graphintel.charts.style import TARGET_MARK
from graphintel.config import Settings
from graphintel.errors import NotFound
from graphintel.ingest import ingest
from graphintel.store import Store
from graphintel.web.cache import PageCache
from graphintel.web.netdata import ViewSpec
from graphintel.web.views_network import _view_data
from tests.graph_helpers import person, report, write_jsonl
from tests.test_agenda_data import fixed_key_settings

REPO = Path(__file__).resolve().parent.parent
C = {"source": "2", "intel": "B", "handling": "C", "conditions": "police only"}
KNOX = ("Darren KNOX", "1985-04-02")
AMY = ("Amy REED", "2010-01-01")


def _load(store: Store, settings: Settings, folder: Path, *files: list[dict[str, Any]],
          as_of: str) -> str:
    """Ingest each list of reports as a file of its own, in order; analyse as of ``as_of``."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, reports in enumerate(files):
        summary = ingest([write_jsonl(folder / f"load-{i}.jsonl", reports)], settings=settings,
                         store=store)
        assert summary.ok, json.dumps(summary.as_dict(), default=str)
    params = AnalysisParams(projection=ProjectionParams(as_of=as_of))
    return run_analysis(store, params).id


def _text(paths: list[Path]) -> str:
    """Every document's text: Markdown, HTML, and the Word file's XML with its tags gone."""
    out = []
    for path in paths:
        if path.suffix in {".md", ".html", ".csv", ".graphml", ".gexf", ".cyjs", ".anx",
                           ".txt"}:
            out.append(path.read_text("utf-8", "replace"))
        elif path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    if name.endswith(".xml"):
                        out.append(re.sub(r"<[^>]+>", "", z.read(name).decode("utf-8")))
        out.append(path.name)
    return "\n".join(out)


def _agenda(store: Store, keyed: Settings, run: str, profile: str, out: Path, date: str,
            formats: str = "md,html,docx") -> str:
    return _text(write_agenda(store, keyed, run_id=run, profile=profile, formats=formats,
                              out_dir=out, date=date, record=False))


def _nodes(chart: Any) -> dict[str, dict[str, Any]]:
    return {d["label"]: d for _, d in chart.graph.nodes(data=True)}


def test_the_modules_examples_hold() -> None:
    for module in (graphintel.redact_ages, graphintel.redact_standing):
        assert doctest.testmod(module).failed == 0


def test_every_query_saying_what_partners_may_see_checks_every_version() -> None:
    """The version rule is written in each query that reads a report's handling (a query
    that read ``partner_shareable`` alone would let a later load of an older version
    decide)."""
    rule = (REPO / "cypher/redact/partner_handling.cypher").read_text()
    tests = re.findall(r"=~ ('[^']*')", rule)
    assert len(tests) == 2 and "graded " in tests[1]
    readers = [p for p in (REPO / "cypher").rglob("*.cypher")
               if "partner_shareable" in p.read_text()
               and p.parent.name in ("agenda", "charts", "redact", "web")]
    assert len(readers) >= 5
    for path in readers:
        text = path.read_text()
        assert all(t in text for t in tests), path


# -- 1. a role resting only on a withheld report ------------------------------------------------

def _crane() -> list[dict[str, Any]]:
    crane, tia = ("Victor CRANE", "1980-01-01"), ("Tia MOSS", "2009-01-01")
    return [
        report("IL/0801", [person("v", *crane, "suspect"),
                           {"id": "p", "type": "Phone", "number": "07700 900999"}],
               [{"from": "v", "to": "p", "type": "USES"}], date="2025-05-03",
               grading=C, narrative="Covert source: Victor CRANE grooms girls."),
        report("IL/0802", [person("t", *tia, "victim"),
                           {"id": "p", "type": "Phone", "number": "07700 900777"}],
               [{"from": "t", "to": "p", "type": "USES"}], date="2025-05-04", grading="1AP"),
        report("AL/0801", [person("v", *crane, "associate"), person("t", *tia, "victim")],
               [{"from": "v", "to": "t", "type": "ASSOCIATE_OF"}], date="2025-05-04",
               grading="2BP"),
        report("CD/0801", [{"id": "a", "type": "Phone", "number": "07700 900999"},
                           {"id": "b", "type": "Phone", "number": "07700 900777"}],
               [{"from": "a", "to": "b", "type": "CALLED", "count": 3}], date="2025-05-03",
               grading="1AP"),
    ]


def test_a_suspect_known_as_one_only_from_withheld_reports_is_no_partner_target(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = _load(store, settings, tmp_path / "data", _crane(), as_of="2025-06-30")
    internal = build_agenda(store, keyed, run_id=run, date="2025-06-30")
    rows = [t for n in internal.networks for t in n.targets]
    assert [(t.rank, t.name) for t in rows] == [(1, "Victor CRANE")]
    assert "association, phone contact" in " ".join(rows[0].children)
    md = _agenda(store, keyed, run, "internal", tmp_path / "int", "2025-06-30", "md")
    assert "phone contact" in md and "around Victor CRANE" in md

    partner = build_agenda(store, keyed, run_id=run, date="2025-06-30", profile="partner")
    assert not [t for n in partner.networks for t in (*n.targets, *n.appendix_targets)]
    assert not partner.other_targets
    text = _agenda(store, keyed, run, "partner", tmp_path / "par", "2025-06-30")
    for word in ("phone contact", "around Victor CRANE", "rank 1", "IL/0801",
                 "appears to recruit", "Sexual risk order"):
        assert word not in text, word
    assert "1 candidate target(s) withheld: they rest on intelligence whose handling code " \
           "does not permit sharing" in text

    spec = SelectionSpec.network(int(next(iter(internal.networks)).id))
    shown = _nodes(make_chart(store, keyed, spec, profile="partner"))["Victor CRANE"]
    assert (shown["suspect"], shown["candidate_target"], shown["target_rank"]) == \
        (False, False, 0)
    assert shown["roles"] == "associate" and shown["reasons"] == ""
    full = _nodes(make_chart(store, keyed, spec, profile="internal"))["Victor CRANE"]
    assert (full["suspect"], full["candidate_target"], full["target_rank"]) == (True, True, 1)
    charted = _text(write_chart(store, keyed, spec, formats="all", profile="partner",
                                out_dir=tmp_path / "chart"))
    for word in (f"{TARGET_MARK}1", "candidate target, rank", "leading candidate target",
                 "IL/0801", "phone contact"):
        assert word not in charted, word
    assert "1 candidate target(s) withheld" in charted
    full_files = _text(write_chart(store, keyed, spec, formats="all", profile="internal",
                                   out_dir=tmp_path / "chart-int"))
    assert f"{TARGET_MARK}1 Victor CRANE" in full_files and "IL/0801" in full_files


# -- 2. evidence and reasons resting on withheld reports ---------------------------------------

def _knox_with_withheld_contact() -> list[dict[str, Any]]:
    return [
        report("IR/B1", [person("k", *KNOX, "suspect"), person("a", *AMY, "victim")],
               [{"from": "k", "to": "a", "type": "ASSOCIATE_OF"}], date="2025-05-01",
               grading="2BP"),
        report("IR/B2", [person("k", *KNOX, "suspect"),
                         {"id": "p", "type": "Phone", "number": "07700 900101"},
                         {"id": "v", "type": "Vehicle", "vrm": "KY21 XYZ"},
                         person("a", *AMY, "victim")],
               [{"from": "k", "to": "p", "type": "USES"},
                {"from": "k", "to": "v", "type": "DRIVES"},
                {"from": "a", "to": "v", "type": "PASSENGER_IN"}],
               date="2025-05-02", grading=C),
        report("IR/B3", [person("a", *AMY, "victim"),
                         {"id": "p", "type": "Phone", "number": "07700 900202"}],
               [{"from": "a", "to": "p", "type": "USES"}], date="2025-05-03", grading="1AP"),
        report("IR/B4", [{"id": "x", "type": "Phone", "number": "07700 900101"},
                         {"id": "y", "type": "Phone", "number": "07700 900202"}],
               [{"from": "x", "to": "y", "type": "CALLED", "count": 5}], date="2025-05-04",
               grading="1AP"),
    ]


def test_evidence_and_reasons_resting_on_withheld_reports_are_left_out(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = _load(store, settings, tmp_path / "data", _knox_with_withheld_contact(),
                as_of="2025-06-30")
    internal = build_agenda(store, keyed, run_id=run, date="2025-06-30")
    knox = next(t for n in internal.networks for t in n.targets if t.name == KNOX[0])
    assert "appears to drive: in a vehicle with 1 person at risk" in knox.reasons
    linked = " ".join(knox.children)
    assert "phone contact" in linked and "together in vehicle" in linked.replace("_", " ")

    partner = build_agenda(store, keyed, run_id=run, date="2025-06-30", profile="partner")
    knox = next(t for n in partner.networks for t in n.targets if t.name == KNOX[0])
    assert [c.split(" (", 1)[1] for c in knox.children] == ["direct: association; IR/B1 (2BP))"]
    assert not any(r.startswith("appears to drive") for r in knox.reasons)
    assert "appears to recruit or groom: direct contact with 1 person at risk" in knox.reasons
    assert knox.reasons[-1].startswith("some reasons withheld")
    text = _agenda(store, keyed, run, "partner", tmp_path / "par", "2025-06-30")
    for word in ("phone contact", "shared vehicle", "together in vehicle", "KY21XYZ", "900101",
                 "IR/B2", "appears to drive"):
        assert word not in text, word
    assert "Reasons withheld in part for 1 candidate target(s)" in text

    spec = SelectionSpec.network(int(partner.networks[0].id))
    node = _nodes(make_chart(store, keyed, spec, profile="partner"))[KNOX[0]]
    assert node["candidate_target"] and "appears to drive" not in node["reasons"]
    assert "appears to recruit or groom: direct contact with 1 person at risk" in node["reasons"]
    full = _nodes(make_chart(store, keyed, spec, profile="internal"))[KNOX[0]]
    assert "appears to drive" in full["reasons"]


# -- 3. a network around, and a caution citing, withheld intelligence -----------------------

def _bell() -> list[dict[str, Any]]:
    bell, lily, jade = ("Gary BELL", "1982-02-02"), ("Lily FORD", "2011-04-04"), \
        ("Jade COLE", "2007-09-10")
    return [
        report("IR/0401", [person("k", *KNOX, "suspect", nominal_ref="N1001"),
                           person("a", *AMY, "victim")],
               [{"from": "k", "to": "a", "type": "EXPLOITS"}], date="2025-01-10"),
        report("IR/0402", [person("k", *KNOX, "suspect", nominal_ref="N1001"),
                           person("g", *bell, "associate")],
               [{"from": "g", "to": "k", "type": "ASSOCIATE_OF"}], date="2025-02-10"),
        report("IR/0403", [person("g", *bell, "suspect"), person("l", *lily, "victim"),
                           person("a", *AMY, "victim"),
                           {"id": "v", "type": "Vehicle", "vrm": "KY21 XYZ"}],
               [{"from": "g", "to": "l", "type": "EXPLOITS"},
                {"from": "g", "to": "a", "type": "EXPLOITS"},
                {"from": "g", "to": "v", "type": "DRIVES"},
                {"from": "l", "to": "v", "type": "PASSENGER_IN"}],
               date="2025-03-10", grading=C),
        report("IR/0404", [person("g", *bell, "suspect"), person("j", *jade, "victim")],
               [{"from": "g", "to": "j", "type": "EXPLOITS"}], date="2025-04-10", grading=C),
        # legacy 5x5x5, handling 4: not for partners either
        report("IR/0417", [person("s", "Sam WEBB", "1992-12-12", "suspect"),
                           person("j", *jade, "victim")],
               [{"from": "s", "to": "j", "type": "EXPLOITS"}], date="2025-04-12",
               grading={"scheme": "5x5x5", "source": "E", "intel": "1", "handling": "4"}),
        report("IR/0405", [person("j", *jade, "suspect"),
                           person("k", *KNOX, "suspect", nominal_ref="N1001"),
                           person("a", *AMY, "victim")],
               [{"from": "j", "to": "k", "type": "ASSOCIATE_OF"},
                {"from": "j", "to": "a", "type": "EXPLOITS"}], date="2025-10-20"),
    ]


def test_no_partner_network_target_or_caution_rests_on_withheld_reports(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = _load(store, settings, tmp_path / "data", _bell(), as_of="2025-12-01")
    internal = _agenda(store, keyed, run, "internal", tmp_path / "int", "2025-12-01")
    assert "around Gary BELL" in internal
    assert "caution: was assessed as a victim as a child (IR/0404, IR/0417)" in internal
    assert "appears to recruit or groom: direct contact with 3 people at risk" in internal

    partner = build_agenda(store, keyed, run_id=run, date="2025-12-01", profile="partner")
    listed = [t.name for n in partner.networks for t in (*n.targets, *n.appendix_targets)]
    assert "Gary BELL" not in listed and KNOX[0] in listed
    assert all("around Gary BELL" not in n.label for n in partner.networks)
    text = _agenda(store, keyed, run, "partner", tmp_path / "par", "2025-12-01")
    for word in ("around Gary BELL", "IR/0403", "IR/0404", "IR/0417", "as a victim as a child",
                 "direct contact with 3 people", "KY21XYZ", "Sam WEBB"):
        assert word not in text, word
    assert "caution: consider trauma-informed, safeguarding-led disruption" in text
    assert "2 candidate target(s) withheld" in text  # Gary BELL and Sam WEBB

    # the workspace's partner network JSON, for every network
    cache = PageCache()
    every = [int(c["id"]) for c in load_run(store, run)["communities"]]
    for net in every:
        data = json.dumps(_view_data(cache, store, keyed, ViewSpec.parse(
            {"network": str(net)}), "partner"), ensure_ascii=False)
        assert not re.search(rf"{TARGET_MARK}\d+ (Gary BELL|Sam WEBB)", data), net
        for word in ("IR/0403", "IR/0404", "IR/0417", "as a victim as a child",
                     "direct contact with 3 people"):
            assert word not in data, (net, word)
    data = json.dumps([_view_data(cache, store, keyed, ViewSpec.parse({"network": str(n)}),
                                  "analyst") for n in every], ensure_ascii=False)
    assert re.search(rf"{TARGET_MARK}\d+ Gary BELL", data) and "IR/0404" in data


def test_a_partner_chart_around_someone_known_only_from_withheld_reports_is_refused(
        store: Store, settings: Settings, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from graphintel.cli.app import main

    keyed = fixed_key_settings(settings, tmp_path / "home")
    only_withheld = [
        report("IR/0014", [person("g", "Gary BELL", "1982-02-02", "suspect"),
                           person("a", *AMY, "victim")],
               [{"from": "g", "to": "a", "type": "EXPLOITS"}], date="2025-08-01", grading=C),
        report("IR/0015", [person("k", *KNOX, "suspect"), person("a", *AMY, "victim")],
               [{"from": "k", "to": "a", "type": "EXPLOITS"}], date="2025-08-02"),
    ]
    _load(store, settings, tmp_path / "data", only_withheld, as_of="2025-12-01")
    spec = SelectionSpec.around(["Gary BELL"], hops=2)
    with pytest.raises(NotFound, match="known only from intelligence whose handling code"):
        make_chart(store, keyed, spec, profile="partner")
    with pytest.raises(NotFound):
        make_chart(store, keyed, SelectionSpec.path(KNOX[0], "Gary BELL"), profile="partner")
    chart = make_chart(store, keyed, spec, profile="internal")
    assert chart.meta["title"] == "People within 2 links of Gary BELL"
    # around someone partners may see, the people reached only through withheld links are
    # not there (Gary is two links from Knox only through a withheld exploitation)
    around = make_chart(store, keyed, SelectionSpec.around([KNOX[0]], hops=2),
                        profile="partner", filters=Filters())
    assert "Gary BELL" not in _nodes(around)
    assert "Gary BELL" in _nodes(make_chart(store, keyed, SelectionSpec.around(
        [KNOX[0]], hops=2), profile="internal"))
    capsys.readouterr()
    out = tmp_path / "cli"
    code = main(["chart", "--around", "Gary BELL", "--profile", "partner", "-f", "all",
                 "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("Error: 'Gary BELL' is known only from intelligence")
    assert not out.exists() or not list(out.iterdir())


# -- 4. versions: every version loaded must permit sharing -----------------------------------

def _regraded() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    base = report("IR/0401", [person("k", *KNOX, "suspect"), person("a", *AMY, "victim")],
                  [{"from": "k", "to": "a", "type": "EXPLOITS"}], date="2025-01-10")
    v1 = report("IR/0406", [person("k", *KNOX, "suspect"),
                            {"id": "p", "type": "Phone", "number": "07700 900797"},
                            {"id": "t", "type": "Location", "address": "Kebab Town, 5 High St",
                             "postcode": "BS2 2AA", "kind": "venue"},
                            person("a", *AMY, "victim")],
                [{"from": "k", "to": "p", "type": "USES"},
                 {"from": "k", "to": "t", "type": "FREQUENTS"},
                 {"from": "a", "to": "t", "type": "SEEN_AT"}],
                date="2025-05-05", narrative="KNOX using phone at Kebab Town.")
    v2 = {**v1, "grading": C, "narrative": v1["narrative"] + " (regraded: covert source)"}
    return [base, v1], [v2]


@pytest.mark.parametrize("order", ["as sent", "older version last"])
def test_a_report_any_version_of_which_is_withheld_stays_withheld(
        store: Store, settings: Settings, tmp_path: Path, order: str) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    first, regraded = _regraded()
    files = (first, regraded) if order == "as sent" else (regraded, first)
    run = _load(store, settings, tmp_path / "data", *files, as_of="2025-06-30")
    current = store.read_text("MATCH (r:Report {ref: 'IR/0406'}) RETURN r.grading AS g", {})
    assert current[0]["g"] == ("2BC" if order == "as sent" else "2BP")
    assert store.read("partner_handling_of", refs=["IR/0401", "IR/0406"]) == [
        {"ref": "IR/0401", "shareable": True}, {"ref": "IR/0406", "shareable": False}]
    internal = _agenda(store, keyed, run, "internal", tmp_path / "int", "2025-06-30", "md")
    assert "+447700900797" in internal and "Kebab Town" in internal
    text = _agenda(store, keyed, run, "partner", tmp_path / "par", "2025-06-30")
    spec = SelectionSpec.network(1)
    text += _text(write_chart(store, keyed, spec, formats="all", profile="partner",
                              out_dir=tmp_path / "chart"))
    text += json.dumps(_view_data(PageCache(), store, keyed, ViewSpec.parse({"network": "1"}),
                                  "partner"), ensure_ascii=False)
    for word in ("900797", "Kebab Town", "IR/0406"):
        assert word not in text, word
    assert "any version of it loaded" in text


# -- 5. a possible child's age: a band, and no report date -----------------------------------

def test_partner_cautions_give_age_bands_and_no_report_dates(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    hardy = person("h", "Lee HARDY", "1979-01-01", "suspect")
    reports = [
        report("IR/0701", [person("t", "Tia NOLAN", None, "victim", age="16",
                                  nominal_ref="N3003"), hardy],
               [{"from": "h", "to": "t", "type": "EXPLOITS"}], date="2025-02-20"),
        report("IR/0702", [person("t", "Tia NOLAN", "1998-02-02", "suspect",
                                  nominal_ref="N3003"), hardy],
               [{"from": "t", "to": "h", "type": "ASSOCIATE_OF"}], date="2025-04-25"),
    ]
    run = _load(store, settings, tmp_path / "data", reports, as_of="2025-12-01")
    internal = _agenda(store, keyed, run, "internal", tmp_path / "int", "2025-12-01", "md")
    assert "makes them 27 on 2025-12-01, a report of 2025-02-20 states age 16" in internal
    text = _agenda(store, keyed, run, "partner", tmp_path / "par", "2025-12-01")
    assert "the records disagree on their age: the date of birth makes them 25 or over, a " \
           "report states an age that makes them 16-17" in text
    for word in ("2025-02-20", "makes them 27", "(16 on", "1998"):
        assert word not in text, word


def test_a_suspect_only_by_intelligence_graded_false_is_no_suspect_to_partners() -> None:
    """Ronan PIKE is named a suspect only by a malicious allegation (3/E/P: strength 0); the
    analysis takes no suspect from it, and partners are not told he is one. A victim role
    from such a report still counts (it protects)."""
    from graphintel.redact_standing import Standing, add_people

    standing = Standing()
    add_people(standing, ["P:ronan", "P:kai", "P:dean"], [
        {"uid": "P:ronan", "withheld": [],
         "mentions": [{"ref": "E/1", "roles": ["suspect"], "strength": 0.0}]},
        {"uid": "P:kai", "withheld": [],
         "mentions": [{"ref": "E/1", "roles": ["victim"], "strength": 0.0}]},
        {"uid": "P:dean", "withheld": [],
         "mentions": [{"ref": "E/1", "roles": ["suspect"], "strength": 0.0},
                      {"ref": "B/2", "roles": ["suspect"], "strength": 0.6}]}])
    assert standing.shown_roles("P:ronan") == []
    assert standing.shown_roles("P:kai") == ["victim"]
    assert standing.shown_roles("P:dean") == ["suspect"]
