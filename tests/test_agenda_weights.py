"""A run ranked on weights other than the defaults says so: in the agenda's header, in every
format, so that the meeting knows how the targets were ordered; in the list of runs; and in
the profile of a person it ranked."""

from __future__ import annotations

from pathlib import Path

import docx

from graphintel.agenda import write_agenda
from graphintel.analysis.projection import ProjectionParams
from graphintel.analysis.run import AnalysisParams, list_runs, run_analysis
from graphintel.analysis.stored import load_run
from graphintel.config import Settings
from graphintel.profile import profile
from graphintel.store import Store
from graphintel.web.common import make_templates
from tests.graph_helpers import latest_report_date
from tests.test_agenda_data import base_reports, fixed_key_settings, load, wait_next_second

LINE = ("disruption score weighted otherwise than by default: "
        "brokerage 0 (default 0.15), contact 0.45 (default 0.15)")


def test_the_header_names_the_weights_that_differ(store: Store, settings: Settings,
                                                  tmp_path: Path) -> None:
    default_run = load(store, settings, tmp_path / "data", base_reports())
    keyed = fixed_key_settings(settings, tmp_path / "home")
    wait_next_second()  # runs are ordered by their time, to the second
    weighted = run_analysis(store, AnalysisParams(
        projection=ProjectionParams(as_of=latest_report_date(store)),
        score_weights={"contact": 0.45, "brokerage": 0.0})).id
    paths = {p.suffix: p for p in write_agenda(
        store, keyed, run_id=weighted, formats="md,html,docx", out_dir=tmp_path / "weighted",
        date="2025-04-01")}
    md, html, word = paths[".md"], paths[".html"], paths[".docx"]
    assert f"- **Ranking:** {LINE}" in md.read_text(encoding="utf-8")
    assert LINE in html.read_text(encoding="utf-8")
    text = "\n".join(p.text for p in docx.Document(str(word)).paragraphs)
    assert f"Ranking: {LINE}" in text
    plain = [p for p in write_agenda(store, keyed, run_id=default_run, formats="md",
                                     out_dir=tmp_path / "default", date="2025-04-01")
             if p.suffix == ".md"]
    assert "Ranking:" not in plain[0].read_text(encoding="utf-8")
    listed = {r["id"]: r["weights"] for r in list_runs(store)}
    assert listed == {weighted: "brokerage 0, contact 0.45", default_run: None}
    # a target's profile says the latest run was ranked on other weights
    target = load_run(store, weighted, parts=["targets"])["targets"][0]["uid"]
    shown = profile(store, target)
    assert shown["analysis"]["weights_changed"] == "brokerage 0, contact 0.45"
    page = make_templates().get_template("profile.html").render(
        p=shown, trend="", timeline=[], user=None, csrf="", path="/person")
    assert ('<p id="weights" class="muted">Ranked with the score weighted otherwise than by '
            'default: brokerage 0, contact 0.45</p>') in page
