"""The meeting view after the analysis is run again before the meeting: it says that its
agenda replaces the one already written for today, and how many actions that withdraws."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import httpx

from graphintel.agenda import write_agenda
from graphintel.config import Settings
from graphintel.store import Store
from tests.graph_helpers import analyse
from tests.test_agenda_data import wait_next_second
from tests.test_web_helpers import PASSWORDS, load_sample, running, web_settings
from tests.test_web_server import login


def test_meeting_view_says_a_newer_run_replaces_todays_agenda(
        session_store: Store, settings: Settings, tmp_path: Path) -> None:
    load_sample(session_store, settings)
    web = web_settings(settings, tmp_path / "webhome")
    today = datetime.now(UTC).date().isoformat()
    write_agenda(session_store, web, formats="md", out_dir=tmp_path / "out", date=today)
    first = [r for r in session_store.read("actions_list", statuses=[])
             if r["meeting_date"] == today]
    assert first
    wait_next_second()
    analyse(session_store)  # new intelligence or not, a newer run before the meeting
    with running(web, session_store) as served, httpx.Client(
            base_url=served.base, follow_redirects=False, timeout=120) as c:
        assert login(c, "chris", PASSWORDS["chris"]).status_code == 303
        page = c.get("/meeting")
        assert page.status_code == 200
        note = re.search(r'<p id="superseded"[^>]*>([^<]*)</p>', page.text)
        assert note, page.text[:2000]
        assert f"{len(first)} actions it proposed that nobody had changed are withdrawn" \
            in note[1]
        # the view only shows it: nothing is withdrawn until the agenda is written
        assert all(r["status"] == "open" for r in session_store.read(
            "actions_list", statuses=[]) if r["meeting_date"] == today)
