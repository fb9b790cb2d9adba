"""An agenda composed from what was read once is the agenda read afresh.

The workspace reads an agenda's facts once per graph state (``read_source``) and composes
from them for each profile and after each of the chair's decisions. What it shows must be
exactly what ``graphintel agenda`` writes from a fresh read, composing must never change
the facts read (the next composition starts from them), and the partner version cannot be
composed from facts read without the partner profile's."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from graphintel.agenda import read_source, write_agenda
from graphintel.agenda.build import build_agenda
from graphintel.agenda.decisions import decide, proposals
from graphintel.agenda.facts import gather
from graphintel.config import Settings
from graphintel.store import Store
from tests.test_agenda_data import base_reports, fixed_key_settings, load

DATE = "2025-04-01"
STAMP = "2025-04-01T09:00:00Z"


def _markdown(store: Store, settings: Settings, out: Path, profile: str, **kw: object) -> str:
    paths = write_agenda(store, settings, profile=profile, formats="md", out_dir=out,
                         generated_at=STAMP, record=False, **kw)  # type: ignore[arg-type]
    return paths[0].read_text(encoding="utf-8")


def test_composed_agenda_equals_a_fresh_one_and_leaves_the_source_unchanged(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports())
    source = read_source(store, run_id=run, date=DATE)
    before = copy.deepcopy(source)

    for profile in ("internal", "partner", "internal"):
        fresh = _markdown(store, keyed, tmp_path / f"fresh-{profile}", profile,
                          run_id=run, date=DATE)
        composed = _markdown(store, keyed, tmp_path / f"composed-{profile}", profile,
                             source=source)
        assert composed == fresh
        assert source.doc == before.doc and source.prev == before.prev
        assert source.facts == before.facts
        assert source.protected == before.protected and source.shareable == before.shareable
    # the partner version really differs (the facts it withholds were in the source)
    assert _markdown(store, keyed, tmp_path / "p", "partner", source=source) != \
        _markdown(store, keyed, tmp_path / "i", "internal", source=source)

    # a decision recorded after the read reaches the agenda composed from the same read
    _, items = proposals(store, keyed, run_id=run, date=DATE)
    target = next(r for r in items if r["kind"] == "target")
    decide(store, keyed, target["key"], "rejected", note="already charged", run_id=run,
           date=DATE)
    decided = build_agenda(store, keyed, source=source, generated_at=STAMP)
    shown = {t.key: t for n in decided.networks for t in n.targets}
    assert shown[target["key"]].decision.startswith("Not taken forward by the chair (")
    assert _markdown(store, keyed, tmp_path / "after", "internal", source=source) == \
        _markdown(store, keyed, tmp_path / "after-fresh", "internal", run_id=run, date=DATE)


def test_a_source_read_for_one_profile_is_not_used_for_another(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    run = load(store, settings, tmp_path / "data", base_reports())
    internal_only = read_source(store, run_id=run, date=DATE, partner=False)
    assert not internal_only.partner_ready
    with pytest.raises(ValueError, match="partner"):
        build_agenda(store, settings, profile="partner", source=internal_only)
    with pytest.raises(ValueError, match="from the source"):
        build_agenda(store, settings, source=internal_only, run_id=run)


def test_pictures_drawn_once_are_reused_byte_for_byte(
        store: Store, settings: Settings, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from graphintel.agenda import picture

    run = load(store, settings, tmp_path / "data", base_reports())
    source = read_source(store, run_id=run, date=DATE)
    calls: list[str] = []
    real = picture.draw

    def counted(image: picture.Picture) -> bytes:
        calls.append(image.file_name)
        return real(image)

    monkeypatch.setattr(picture, "draw", counted)
    first = write_agenda(store, settings, formats="html", out_dir=tmp_path / "a",
                         source=source, record=False, drawn=source.pictures,
                         generated_at=STAMP)
    assert calls and len(source.pictures) >= len(calls)
    drawn = len(calls)
    again = write_agenda(store, settings, formats="html", out_dir=tmp_path / "b",
                         source=source, record=False, drawn=source.pictures,
                         generated_at=STAMP)
    assert len(calls) == drawn  # nothing drawn again
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in again]
    # and what was reused is what a fresh drawing gives
    fresh = write_agenda(store, settings, formats="html", out_dir=tmp_path / "c",
                         source=source, record=False, generated_at=STAMP)
    assert [p.read_bytes() for p in fresh] == [p.read_bytes() for p in first]


def test_an_agenda_built_once_is_written_as_write_agenda_writes_it(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.agenda import write_built

    run = load(store, settings, tmp_path / "data", base_reports())
    source = read_source(store, run_id=run, date=DATE)
    for profile in ("internal", "partner"):
        agenda = build_agenda(store, settings, profile=profile, source=source,
                              generated_at=STAMP)
        built = write_built(agenda, formats="md,html", out_dir=tmp_path / f"b-{profile}")
        whole = write_agenda(store, settings, profile=profile, formats="md,html",
                             out_dir=tmp_path / f"w-{profile}", source=source,
                             generated_at=STAMP, record=False)
        assert [p.name for p in built] == [p.name for p in whole]
        assert [p.read_bytes() for p in built] == [p.read_bytes() for p in whole]


def test_the_facts_hold_the_missing_episodes_of_the_people_asked_for_only(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    # every missing episode is read (early, beside the run's document); the facts keep
    # those of the people the agenda may name
    load(store, settings, tmp_path / "data", base_reports())
    every = store.read("agenda_episodes")
    children = sorted({e["child"] for e in every})
    assert len(children) >= 2
    asked = children[:1]
    facts = gather(store, asked, [], None, partner=False)
    assert list(facts.episodes) == asked
    assert facts.episodes[asked[0]] == [e for e in every if e["child"] == asked[0]]


def test_an_agenda_of_a_run_as_of_a_past_day_shows_only_what_was_known_that_day(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.analysis.projection import ProjectionParams
    from graphintel.analysis.run import AnalysisParams, run_analysis

    load(store, settings, tmp_path / "data", base_reports())

    def refs_shown(as_of: str) -> dict[str, str]:
        run = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of=as_of)))
        facts = read_source(store, run_id=run.id, date=DATE).facts
        shown = {ref for rows in (*facts.ties.values(), *facts.reads.values(),
                                  *facts.calls.values(), facts.links, facts.new_links)
                 for row in rows for ref in row["refs"]}
        for rows in facts.episodes.values():
            for e in rows:
                assert str(e["start"])[:10] <= as_of
                shown.update(e["refs"])
                shown.update(r for part in ("found_at", "missing_from", "found_with")
                             for x in e[part] for r in x["refs"])
        dates = {r["ref"]: str(r["date"])[:10]
                 for r in store.read("agenda_reports", refs=sorted(shown))}
        assert set(facts.reports) >= shown
        return dates

    later = refs_shown("2025-06-30")
    assert any(d > "2025-02-10" for d in later.values())
    then = refs_shown("2025-02-10")
    assert then and all(d <= "2025-02-10" for d in then.values())
    assert set(then) < set(later)


def test_an_agenda_compared_with_a_run_as_of_a_later_day_says_so(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.analysis.projection import ProjectionParams
    from graphintel.analysis.run import AnalysisParams, run_analysis
    from tests.test_agenda_data import wait_next_second

    load(store, settings, tmp_path / "data", base_reports())
    wait_next_second()
    run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of="2025-06-30")))
    wait_next_second()
    early = run_analysis(store, AnalysisParams(projection=ProjectionParams(as_of="2025-02-10")))
    text = _markdown(store, settings, tmp_path / "md", "internal", run_id=early.id, date=DATE)
    assert "(as of 2025-06-30, later than this run's 2025-02-10: the changes read backwards " \
           "in time)" in " ".join(text.split())


def test_the_changes_say_which_records_were_merged_since(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    from graphintel.analysis.projection import ProjectionParams
    from graphintel.analysis.run import AnalysisParams, run_analysis
    from graphintel.resolve import merge
    from tests.graph_helpers import report as make_report
    from tests.graph_helpers import write_jsonl
    from tests.test_agenda_data import wait_next_second

    def p(i: str, name: str, role: str, dob: str = "1990-02-11") -> dict[str, str]:
        return {"id": i, "type": "Person", "name": name, "dob": dob, "role": role}
    kid = p("k", "Kim CHILD", "victim", "2011-01-01")
    write_jsonl(tmp_path / "r.jsonl", [
        make_report("Q1", [p("a", "Jordan QUINN", "suspect"), kid],
                    [{"from": "a", "to": "k", "type": "EXPLOITS"}], date="2025-03-01"),
        make_report("Q2", [p("a", "Jordan QUNIN", "suspect"), kid],
                    [{"from": "a", "to": "k", "type": "EXPLOITS"}], date="2025-03-02"),
    ])
    from graphintel.ingest import ingest
    assert ingest([tmp_path / "r.jsonl"], settings=settings, store=store).ok
    params = AnalysisParams(projection=ProjectionParams(as_of="2025-06-30"))
    run_analysis(store, params)
    merge(store, "Person:nd:jordan qunin|1990-02-11", "Person:nd:jordan quinn|1990-02-11",
          reason="misspelt surname", user="analyst1")
    wait_next_second()
    after = run_analysis(store, params)
    text = " ".join(_markdown(store, settings, tmp_path / "md", "internal", run_id=after.id,
                              date=DATE).split())
    assert "Records merged since (one person recorded twice): Jordan QUNIN merged into " \
           "Jordan QUINN by analyst1 on " in text
    assert "misspelt surname" in text and "unnamed person" not in text
