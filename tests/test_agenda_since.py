"""Changes since the previous run: load, analyse (run A), load one new link and one new
missing episode, analyse (run B); the agenda of B shows exactly those."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.config import Settings
from graphintel.errors import ConfigError, NotFound
from graphintel.store import Store
from tests.test_agenda_data import (
    base_reports,
    fixed_key_settings,
    later_reports,
    load,
    wait_next_second,
)


def section(markdown: str, title: str) -> str:
    start = markdown.index(f"\n## {title}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start:end]


def test_changes_since_the_previous_run(store: Store, settings: Settings,
                                        tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    wait_next_second()
    run_b = load(store, settings, tmp_path / "data", later_reports())

    agenda = build_agenda(store, keyed, run_id=run_b)  # --since defaults to run A
    c = agenda.changes
    assert c.since_run == run_a and agenda.header.since_run == run_a
    assert c.new_people == []
    assert [(x.link, x.first_seen, x.refs) for x in c.new_links] == [
        ("Kyle Brown — exploits — Beth Yarrow", "2025-03-08 12:00", "IR/2025/0201 (2BP)")]
    assert [(x.child, x.episode.start, x.episode.end, x.episode.found_at)
            for x in c.new_episodes] == [
        ("Beth Yarrow", "2025-03-10 21:00", "2025-03-11 03:15", "Central Park, BA2 3BB")]
    s = agenda.summary
    assert (s.new_people, s.new_links, s.new_episodes) == (0, 1, 1)

    md = write_agenda(store, keyed, run_id=run_b, formats="md", out_dir=tmp_path / "out",
                      date="2025-04-01")[0].read_text(encoding="utf-8")
    changes = section(md, m.APPENDIX_CHANGES)
    assert f"Compared with analysis run {run_a} " in changes
    assert "| Kyle Brown — exploits — Beth Yarrow | 2025-03-08 12:00 | IR/2025/0201 (2BP) |" \
        in changes
    assert "| Beth Yarrow | 2025-03-10 21:00 | 2025-03-11 03:15 | Central Park, BA2 3BB | — |" \
        in changes
    rows = [line for line in changes.splitlines()
            if line.startswith("| ") and not line.startswith(("| ---", "| Link |",
                                                               "| Child |", "| Target |"))]
    moves = [r for r in rows if " | rose | " in r or " | fell | " in r
             or " | new target | " in r or " | no longer a target | " in r]
    assert len(rows) - len(moves) == 2  # exactly the new link and the new episode
    assert "### New people\n\nNone." in changes
    page_one = section(md, m.DECISIONS)
    assert "1 link newly evidenced" in page_one
    assert "Every change in full: Appendix D." in page_one

    # the partner version shows the same change with the child's pseudonym
    partner = build_agenda(store, keyed, run_id=run_b, profile="partner").changes
    assert len(partner.new_links) == len(partner.new_episodes) == 1
    assert partner.new_links[0].link.startswith("Kyle Brown — exploits — Child-")
    assert "Beth" not in partner.new_links[0].link + partner.new_episodes[0].child

    # run A has nothing before it; asking to compare A with B, or with nothing, works
    assert build_agenda(store, keyed, run_id=run_a).changes.since_run is None
    assert build_agenda(store, keyed, run_id=run_b, since="none").changes.since_run is None
    try:
        build_agenda(store, keyed, run_id=run_a, since=run_b)
    except ConfigError as exc:
        assert "not earlier" in str(exc)
    else:
        raise AssertionError("comparing with a later run must be refused")


def test_a_run_of_the_same_second_is_not_compared_with(store: Store, settings: Settings,
                                                      tmp_path: Path) -> None:
    """Run times have one-second resolution: two analyses that end in the same second (the
    demo and a reader's first 'analyse') are neither before nor after each other, so the
    agenda of one compares with the run before both, not with the other (which it would
    refuse as 'not earlier')."""
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run_a = load(store, settings, tmp_path / "data", base_reports())
    wait_next_second()
    run_b = load(store, settings, tmp_path / "data", later_reports())
    created = store.read_text("MATCH (r:AnalysisRun {id: $id}) RETURN r.created_at AS at",
                              {"id": run_b})[0]["at"]
    # a twin of run B from the same second, listed just after it (newest first, then id)
    twin = "run-00000000T000000-00000000-0000"
    store.write("create_analysis_run", run={"id": twin, "created_at": created})
    store.write_tx(lambda tx: tx.run("complete_analysis_run", run_id=twin, scores=0))
    listed = [r["id"] for r in store.read("analysis_runs", all=False)]
    assert listed.index(twin) == listed.index(run_b) + 1

    assert build_agenda(store, keyed, run_id=run_b).changes.since_run == run_a


def test_since_names_a_run_and_says_so_when_given_a_date(store: Store, settings: Settings,
                                                         tmp_path: Path) -> None:
    keyed = fixed_key_settings(settings, tmp_path / "home")
    run = load(store, settings, tmp_path / "data", base_reports())
    for given, hint in (("2025-05-01", True), ("run-nope", False)):
        with pytest.raises(NotFound) as caught:
            build_agenda(store, keyed, run_id=run, since=given)
        assert (caught.value.what, caught.value.where) == (f"no analysis run {given!r}",
                                                           "--since")
        assert ("--since takes a run, not a date" in str(caught.value.fix)) is hint
        assert "'graphintel runs'" in str(caught.value.fix)
    assert build_agenda(store, keyed, run_id=run, since="none").changes.since_run is None
