"""Time windows: evidence outside the window is left out; a series of windowed runs.

Pure checks of the window rules, then CAVIAR's phases 9 and 11 loaded together through the
normal ingest into the real test Neo4j: the window around phase 9 ranks N3 first and the one
around phase 11 ranks N12 first, as the published per-phase leaders say (Morselli 2009)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from graphintel.analysis.projection import ProjectionParams, project
from graphintel.analysis.run import AnalysisParams, list_runs, run_analysis
from graphintel.analysis.score_weights import DEFAULT_WEIGHTS
from graphintel.analysis.timewindow import Window
from graphintel.analysis.windows import analyse_windows, parse_days, window_series
from graphintel.cli.app import app
from graphintel.config import load_settings
from graphintel.errors import ConfigError
from graphintel.ingest import ingest
from graphintel.profile import profile, trend_text
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl
from validation import published
from validation.run import DATA

CAVIAR = DATA / "caviar"
PHASE9 = ("1995-07-01", "1995-08-31")
PHASE11 = ("1995-11-01", "1995-12-31")


def test_window_rules() -> None:
    w = Window.of(*PHASE9)
    reps = {"A": {"date": "1995-08-31"}, "B": {"date": "1995-12-31"}, "U": {"date": None}}
    assert w.refs(["A", "B", "U"], reps) == ["A", "U"]
    assert not w.link_kept(["B"], w.refs(["B"], reps), "1995-12-31", "1995-12-31")
    assert w.link_kept([], [], None, None)  # undated, unsupported: nothing dates it outside
    assert not w.link_kept([], [], "1995-09-01", "1995-10-01")
    assert w.times(["1995-06-30T23:59:00", "1995-07-01T00:00:00"]) == ["1995-07-01T00:00:00"]
    assert Window.count(10, 0, 0, True) == 10 and Window.count(10, 4, 1, False) == 1
    assert Window.count(10, 4, 1, True) == 7 and Window.count(10, 4, 4, False) == 10
    assert Window.of(None, None).open
    with pytest.raises(ValueError):
        Window.of("1995-09-01", "1995-08-01")


def test_window_series_and_spans() -> None:
    assert window_series(date(1995, 7, 1), date(1995, 12, 31), 62, 62) == [
        (date(1995, 7, 1), date(1995, 8, 31)), (date(1995, 9, 1), date(1995, 11, 1)),
        (date(1995, 11, 2), date(1995, 12, 31))]
    assert window_series(date(2025, 1, 1), date(2025, 1, 10), 5, 3)[-1] == (
        date(2025, 1, 10), date(2025, 1, 10))
    assert parse_days("60d") == 60 and parse_days("2w") == 14
    with pytest.raises(ConfigError):
        parse_days("0d")
    assert ProjectionParams(to_date="1995-08-31").analysis_date == "1995-08-31"
    assert ProjectionParams(to_date="1995-08-31", as_of="1995-09-30").analysis_date == \
        "1995-09-30"


def _load(store: Store, folder: Path, reports: list[dict[str, Any]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "reports.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reports))
    summary = ingest([path], settings=load_settings(), store=store)
    assert summary.total("quarantined") == 0


def _top(result: dict[str, Any]) -> str:
    refs = {p["uid"]: str(p.get("nominal_ref", "")).removeprefix("CAVIAR-")
            for c in result["communities"] for p in c["members"]}
    return refs[result["targets"][0]["uid"]]


@pytest.fixture()
def caviar_9_11(store: Store, tmp_path: Path) -> Store:
    reports = []
    for phase in (9, 11):
        conv = published.caviar(CAVIAR / "phases" / f"phase{phase}_edges_directed.csv",
                                phase=phase, key_players_csv=CAVIAR / "key_players.csv")
        reports += conv.reports
    _load(store, tmp_path, reports)
    return store


def test_caviar_windows_rank_each_phase_leader_first(caviar_9_11: Store) -> None:
    store = caviar_9_11
    runs = {}
    for name, (a, b) in {"p9": PHASE9, "p11": PHASE11}.items():
        runs[name] = run_analysis(store, AnalysisParams(projection=ProjectionParams(
            from_date=a, to_date=b)), write=False).result
    assert _top(runs["p9"]) == "N3"
    assert _top(runs["p11"]) == "N12"
    assert runs["p9"]["run"]["as_of"] == PHASE9[1]
    assert runs["p9"]["run"]["window"] == {"from": PHASE9[0], "to": PHASE9[1]}
    # only phase 9's reports and people are in the phase 9 window
    p9 = published.caviar(CAVIAR / "phases" / "phase9_edges_directed.csv", phase=9,
                          key_players_csv=CAVIAR / "key_players.csv")
    assert runs["p9"]["run"]["reports"] == len(p9.reports)
    assert runs["p9"]["run"]["persons"] == p9.truth["nodes"]
    whole = project(store).graph
    assert whole.number_of_nodes() > runs["p9"]["run"]["persons"]


def test_analyse_windows_stores_one_run_per_window(caviar_9_11: Store) -> None:
    store = caviar_9_11
    done = analyse_windows(store, window_days=62, step_days=62, from_date=PHASE9[0],
                           to_date=PHASE11[1])
    assert [r.result["run"]["window"] for r in done] == [
        {"from": "1995-07-01", "to": "1995-08-31"}, {"from": "1995-09-01", "to": "1995-11-01"},
        {"from": "1995-11-02", "to": "1995-12-31"}]
    assert _top(done[0].result) == "N3" and _top(done[2].result) == "N12"
    assert done[1].result["run"]["persons"] == 0 and done[1].result["targets"] == []
    stored = {r["id"]: r for r in list_runs(store)}
    assert set(stored) == {r.id for r in done}
    for r in done:
        params = r.result["run"]["params"]["projection"]
        assert (params["from_date"], params["to_date"]) == (
            r.result["run"]["window"]["from"], r.result["run"]["window"]["to"])
        assert stored[r.id]["window_to"] == r.result["run"]["window"]["to"]
    # the trend of a person's rank over the windows, oldest first, in their profile
    n3 = next(m["uid"] for m in (x for c in done[0].result["communities"]
                                 for x in c["members"]) if m.get("nominal_ref") == "CAVIAR-N3")
    trend = profile(store, n3)["rank_trend"]
    assert [t["when"] for t in trend] == ["1995-07-01..1995-08-31", "1995-09-01..1995-11-01",
                                          "1995-11-02..1995-12-31"]
    assert trend[0]["rank"] == 1 and trend[1]["rank"] is None
    assert trend[0]["of"] == len(done[0].result["targets"])
    assert trend[2]["rank"] == next(t["rank"] for t in done[2].result["targets"]
                                    if t["uid"] == n3)
    assert trend_text(trend).startswith("1995-07-01..1995-08-31 #1/")
    # default span: the earliest to the latest report date
    default = analyse_windows(store, window_days=200, write=False)
    assert [r.result["run"]["window"] for r in default] == [
        {"from": "1995-08-31", "to": "1995-12-31"}]


def test_window_drops_links_and_people_seen_only_outside(store: Store, tmp_path: Path) -> None:
    def p(i: str, name: str, role: str = "suspect", dob: str = "1980-01-01") -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}
    write_jsonl(tmp_path / "r.jsonl", [
        report("W1", [p("a", "Alan ONE"), p("b", "Bert TWO")],
               [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}], date="2025-01-10"),
        report("W2", [p("b", "Bert TWO"), p("c", "Carl THREE")],
               [{"from": "b", "to": "c", "type": "ASSOCIATE_OF"}], date="2025-06-10"),
        report("W3", [p("v", "Vic FOUR", "victim", "1990-01-01")], date="2025-01-05"),
    ])
    ingest([tmp_path / "r.jsonl"], settings=load_settings(), store=store)
    G = project(store, ProjectionParams(from_date="2025-05-01", to_date="2025-07-01")).graph
    names = {G.nodes[n]["name"] for n in G}
    assert names == {"Bert TWO", "Carl THREE"}
    assert G.number_of_edges() == 1
    G = project(store, ProjectionParams(to_date="2025-02-01")).graph
    assert {G.nodes[n]["name"] for n in G} == {"Alan ONE", "Bert TWO", "Vic FOUR"}
    # the victim's assessment is kept even when outside the window
    G = project(store, ProjectionParams(from_date="2025-01-06", to_date="2025-02-01")).graph
    assert "Vic FOUR" not in {G.nodes[n]["name"] for n in G}


def test_analyse_cli_window_options(caviar_9_11: Store, tmp_path: Path) -> None:
    out = CliRunner().invoke(app, ["analyse", "--window", "62d", "--step", "62d", "--from",
                                   PHASE9[0], "--to", PHASE11[1], "--no-write", "--top", "1",
                                   "--json", str(tmp_path / "w.json")])
    assert out.exit_code == 0, out.output
    text = " ".join(out.output.split())
    assert "window 1995-07-01 to 1995-08-31" in text and "window 1995-11-02 to 1995-12-31" in text
    assert text.index("Pierre Perlini") < text.index("window 1995-09-01")
    saved = json.loads((tmp_path / "w.json").read_text())
    assert [r["run"]["window"]["to"] for r in saved] == ["1995-08-31", "1995-11-01",
                                                         "1995-12-31"]
    one = CliRunner().invoke(app, ["analyse", "--from", PHASE11[0], "--to", PHASE11[1],
                                   "--no-write", "--top", "1"])
    assert one.exit_code == 0 and "Ernesto Morales" in one.output
    bad = CliRunner().invoke(app, ["analyse", "--step", "30d"])
    assert isinstance(bad.exception, ConfigError)
    bad = CliRunner().invoke(app, ["analyse", "--from", "1995-12-01", "--to", "1995-11-01"])
    assert isinstance(bad.exception, ConfigError)


def test_profile_cli_shows_the_rank_over_the_windows(caviar_9_11: Store) -> None:
    out = CliRunner().invoke(app, ["analyse", "--window", "62d", "--step", "62d", "--from",
                                   PHASE9[0], "--to", PHASE11[1], "--top", "1"])
    assert out.exit_code == 0, out.output
    shown = CliRunner().invoke(app, ["profile", "CAVIAR-N3"])
    assert shown.exit_code == 0, shown.output
    line = next(x for x in shown.output.splitlines() if x.startswith("Rank over"))
    assert line.startswith("Rank over the last 3 runs: 1995-07-01..1995-08-31 #1/")
    assert "1995-09-01..1995-11-01 not ranked" in line


def test_analyse_cli_count_curves(caviar_9_11: Store, tmp_path: Path) -> None:
    bad = CliRunner().invoke(app, ["analyse", "--count-curves", "phone_contact=cubic"])
    assert isinstance(bad.exception, ConfigError)
    assert "unknown count curve 'cubic'" in bad.exception.message()
    out = CliRunner().invoke(app, ["analyse", "--no-write", "--count-curves",
                                   "phone_contact=saturating:10", "-o", str(tmp_path / "a.json")])
    assert out.exit_code == 0, out.output
    saved = json.loads((tmp_path / "a.json").read_text())
    assert saved["run"]["params"]["projection"]["count_curves"] == {
        "phone_contact": "saturating:10"}


def test_analyse_cli_score_weights(caviar_9_11: Store, tmp_path: Path) -> None:
    bad = CliRunner().invoke(app, ["analyse", "--score-weights", "contact=lots"])
    assert isinstance(bad.exception, ConfigError)
    assert bad.exception.where == "--score-weights"
    only = {"reach": 0, "network": 0, "control": 0, "brokerage": 0, "contact": 0}
    out = CliRunner().invoke(app, ["analyse", "--no-write", "--score-weights",
                                   ",".join(f"{p}={w}" for p, w in only.items()),
                                   "-o", str(tmp_path / "a.json")])
    assert out.exit_code == 0, out.output
    saved = json.loads((tmp_path / "a.json").read_text())
    assert saved["run"]["params"]["score_weights"] == {p: 0.0 for p in only}
    assert saved["run"]["score_weights"] == {**{p: 0.0 for p in only}, "centrality": 0.1}
    # PageRank alone: the score is the centrality part, and the ranking follows it
    targets = saved["targets"]
    assert all(t["score"] == round(100 * t["components"]["centrality"], 2) for t in targets)
    assert [t["score"] for t in targets] == sorted((t["score"] for t in targets), reverse=True)
    default = CliRunner().invoke(app, ["analyse", "--no-write", "-o", str(tmp_path / "b.json")])
    assert default.exit_code == 0, default.output
    run = json.loads((tmp_path / "b.json").read_text())["run"]
    assert run["params"]["score_weights"] == {}
    assert run["score_weights"] == DEFAULT_WEIGHTS


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0)])
def test_shared_entity_ties_do_not_depend_on_load_order(store: Store, tmp_path: Path,
                                                        order: tuple[int, ...]) -> None:
    """A person who lives at and frequents a place, another who lives there, a third who
    only visits: the tie kinds, references and weights are the same whatever order the
    reports (and so the graph's rows) arrive in."""
    def p(i: str, name: str) -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": "1980-01-01", "role": "suspect"}
    place = {"id": "x", "type": "Location", "address": "1 Mill Lane", "postcode": "BA1 1AA"}
    reports = [
        report("T1", [p("a", "Amy ONE"), place], [{"from": "a", "to": "x", "type": "FREQUENTS"}],
               date="2025-01-10"),
        report("T2", [p("a", "Amy ONE"), p("b", "Ben TWO"), place],
               [{"from": "a", "to": "x", "type": "LIVES_AT"},
                {"from": "b", "to": "x", "type": "LIVES_AT"}], date="2025-02-10"),
        report("T3", [p("c", "Cal THREE"), place], [{"from": "c", "to": "x", "type": "FREQUENTS"}],
               date="2025-03-10"),
    ]
    write_jsonl(tmp_path / "r.jsonl", [reports[i] for i in order])
    ingest([tmp_path / "r.jsonl"], settings=load_settings(), store=store)
    G = project(store, ProjectionParams(as_of="2025-06-30")).graph
    by = {G.nodes[n]["name"]: n for n in G}
    ties = {(G.nodes[u]["name"], G.nodes[v]["name"]) if G.nodes[u]["name"] < G.nodes[v]["name"]
            else (G.nodes[v]["name"], G.nodes[u]["name"]): (sorted(d["kinds"]), sorted(d["refs"]))
            for u, v, d in G.edges(data=True)}
    assert ties == {("Amy ONE", "Ben TWO"): (["shared_address"], ["T1", "T2"]),
                    ("Amy ONE", "Cal THREE"): (["shared_place"], ["T1", "T2", "T3"]),
                    ("Ben TWO", "Cal THREE"): (["shared_place"], ["T2", "T3"])}
    assert len(by) == 3


def test_supplies_say_whether_the_person_owns_or_lives_at_the_premises(
        store: Store, tmp_path: Path) -> None:
    """The organiser owns a flat the host lives in and a car the driver drives; a recruiter
    frequents the flat. Owner and resident both hold the flat, each recorded as such."""
    def p(i: str, name: str) -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": "1980-01-01", "role": "suspect"}
    flat = {"id": "x", "type": "Location", "address": "2 Mill Lane", "postcode": "BA1 1AA"}
    car = {"id": "v", "type": "Vehicle", "vrm": "ab12 cde"}
    people = [p("o", "Oscar ORG"), p("h", "Hal HOST"), p("r", "Rory REC"), p("d", "Dan DRIVER")]
    write_jsonl(tmp_path / "r.jsonl", [report("S1", [*people, flat, car], [
        {"from": "o", "to": "x", "type": "OWNS"}, {"from": "h", "to": "x", "type": "LIVES_AT"},
        {"from": "r", "to": "x", "type": "FREQUENTS"}, {"from": "o", "to": "v", "type": "OWNS"},
        {"from": "d", "to": "v", "type": "DRIVES"}])])
    ingest([tmp_path / "r.jsonl"], settings=load_settings(), store=store)
    G = project(store, ProjectionParams(as_of="2025-06-30")).graph
    by = {G.nodes[n]["name"]: n for n in G}
    held = {name: sorted((s["type"], s["holds"], tuple(G.nodes[u]["name"] for u in s["used_by"]))
                         for s in G.nodes[uid]["supplies"]) for name, uid in by.items()}
    assert held == {
        "Oscar ORG": [("premises", "owner", ("Rory REC",)),
                      ("vehicle", "owner", ("Dan DRIVER",))],
        "Hal HOST": [("premises", "resident", ("Rory REC",))],
        "Rory REC": [], "Dan DRIVER": []}


def test_agenda_shows_each_targets_rank_over_the_windows(caviar_9_11: Store) -> None:
    from graphintel.agenda import build_agenda

    done = analyse_windows(caviar_9_11, window_days=62, step_days=62, from_date=PHASE9[0],
                           to_date=PHASE11[1])
    agenda = build_agenda(caviar_9_11, load_settings(), run_id=done[2].id, since="none")
    lines = [r for n in agenda.networks for t in n.targets for r in t.reasons
             if r.startswith("rank over the last")]
    assert lines, "no target carries its rank trend"
    assert all(r.startswith("rank over the last 3 runs: 1995-07-01..1995-08-31 ") for r in lines)
    assert any(r.endswith("1995-11-02..1995-12-31 #1/" + str(len(done[2].result["targets"])))
               for r in lines)


def test_as_of_analyses_what_was_known_on_that_day(store: Store, tmp_path: Path) -> None:
    """Reports dated after the as-of day are left out: a man named only in a later report is
    not in the graph, a girl assessed as a suspect only later is not a suspect (she stays a
    victim), and a victim assessment made later still protects."""
    def p(i: str, name: str, dob: str, role: str) -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}
    sam = p("s", "Sam STONE", "1980-01-01", "suspect")
    write_jsonl(tmp_path / "r.jsonl", [
        report("T/R1", [sam, p("c", "Chloe CHILD", "2010-05-05", "victim")],
               [{"from": "s", "to": "c", "type": "EXPLOITS"}], date="2024-01-10"),
        report("T/R2", [sam, p("t", "Tom TURNER", "1990-06-30", "suspect")],
               [{"from": "s", "to": "t", "type": "ASSOCIATE_OF"}], date="2024-03-15"),
        report("T/R3", [sam, p("l", "Pete LATE", "1985-01-01", "suspect")],
               [{"from": "l", "to": "s", "type": "ASSOCIATE_OF"}], date="2024-09-01"),
        report("T/R5", [sam, p("c", "Chloe CHILD", "2010-05-05", "suspect")],
               [{"from": "c", "to": "s", "type": "ASSOCIATE_OF"}], date="2024-10-01"),
        report("T/R6", [sam, p("t", "Tom TURNER", "1990-06-30", "victim")],
               [{"from": "s", "to": "t", "type": "EXPLOITS"}], date="2024-11-01"),
    ])
    ingest([tmp_path / "r.jsonl"], settings=load_settings(), store=store)

    def people(as_of: str) -> dict[str, list[str]]:
        G = project(store, ProjectionParams(as_of=as_of)).graph
        return {G.nodes[n]["name"]: G.nodes[n]["roles"] for n in G}

    then = people("2024-06-30")
    assert "Pete LATE" not in then
    assert then["Chloe CHILD"] == ["victim"]
    assert "victim" in then["Tom TURNER"]  # a later victim assessment still protects
    now = people("2024-12-31")
    assert now["Pete LATE"] == ["suspect"]
    assert now["Chloe CHILD"] == ["suspect", "victim"]
    # the same with an explicit window end, and an as-of after it: the earlier day ends it
    G = project(store, ProjectionParams(as_of="2024-12-31", to_date="2024-06-30")).graph
    assert {G.nodes[n]["name"] for n in G} == set(then)
    run = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of="2024-06-30")),
                       write=False)
    assert "Pete LATE" not in {t["name"] for t in run.result["targets"]}


def test_analyse_takes_the_cosighting_hours_apart_from_a_window_series() -> None:
    out = CliRunner().invoke(app, ["analyse", "--help"], terminal_width=200)
    assert "--cosighting-hours" in out.output and "--window" in out.output
