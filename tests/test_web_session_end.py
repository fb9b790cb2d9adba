"""The end of a workspace session, against the real server and Neo4j with the bundled
sample, with the workspace's clock set to a session's last minutes or past its end: every
signed-in page says until when the session runs; its last minutes show a banner without
JavaScript; a form sent after the end writes nothing, says it was NOT saved and shows what
it held (stored nowhere), and can be sent again after signing in again."""

from __future__ import annotations

import html
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from markupsafe import escape

from graphintel.agenda.decisions import decisions_for
from graphintel.audit import read_audit
from graphintel.config import Settings
from graphintel.store import Store
from graphintel.web.expiry import KEPT, SessionTime, kept, resend, stage, utc_text
from graphintel.web.security import COOKIE_SECONDS, SESSION_SECONDS
from tests.test_web_helpers import PASSWORDS, sample_served
from tests.test_web_server import login, token
from tests.test_web_sessions import cookie_of, session_of

#: A note that names a child, as a real one may: it must never reach a URL, a log or a file.
NOTE = "Strategy meeting for Leah EVANS <b>tomorrow</b> & \"urgent\""


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world


@pytest.fixture()
def clock(world: dict[str, Any]) -> Iterator[dict[str, float]]:
    """Set ``["at"]`` to the epoch second the workspace should take for now (else it runs
    on the real clock); put back after the test."""
    state = world["app"].state
    setting: dict[str, float] = {}
    state.clock = lambda: setting.get("at", time.time())
    yield setting
    state.clock = time.time


def signed_in(world: dict[str, Any], user: str) -> tuple[httpx.Client, int]:
    """A client logged in as ``user``, and when its session began (epoch seconds)."""
    c = httpx.Client(base_url=world["base"], follow_redirects=False, timeout=120)
    assert login(c, user, PASSWORDS[user]).status_code == 303
    return c, int(session_of(cookie_of(c))["at"])


def banner(page: str) -> str:
    found = re.search(r'<div id="session-banner"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no session banner"
    return found.group(1).strip()


def decide_form(page: str) -> dict[str, str]:
    """The fields of the meeting page's first decision form."""
    form = page.split('action="/meeting/decide">', 1)[1].split("</form>", 1)[0]
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', form))
    return {k: html.unescape(v) for k, v in fields.items()}


def test_the_pages_words_and_steps(world: dict[str, Any]) -> None:
    ends = datetime(2025, 5, 2, 17, 0, tzinfo=UTC).timestamp()
    assert utc_text(ends, ends - 3600) == "17:00 UTC"
    assert utc_text(ends, ends - 20 * 3600) == "17:00 UTC on Fri 2 May"
    assert [stage(s) for s in (15 * 60 + 1, 15 * 60, 9 * 60 + 1, 9 * 60, 61, 60, 1, 0, -5)] \
        == ["ok", "warn-15", "warn-10", "warn-10", "warn-2", "warn-1", "warn-1", "ended",
            "ended"]
    t = SessionTime(ends=ends, now=ends - 12 * 60 - 5)
    assert t.warn and t.minutes_left == 13 and t.iso == "2025-05-02T17:00:00Z"
    # only the fields the page names, filled in; never the token
    form = {"csrf": "secret", "run_id": "r1", "key": "k", "label": "Kyle (rank 1)",
            "decision": "accepted", "note": NOTE, "text": " "}
    assert kept("/meeting/decide", form) == [("Decision on", "Kyle (rank 1)"),
                                             ("Decision", "accepted"), ("Note", NOTE)]
    assert ("csrf", "secret") not in resend("/meeting/decide", form)
    assert resend("/resolve/decide", form) == [] and "/resolve/decide" in KEPT
    # the cookie outlives the session, so a late form still carries its token
    assert COOKIE_SECONDS > SESSION_SECONDS


def test_every_signed_in_page_says_until_when(world: dict[str, Any],
                                              clock: dict[str, float]) -> None:
    for user, page in (("chris", "/meeting"), ("ana", "/paths"), ("pat", "/partner")):
        c, at = signed_in(world, user)
        r = c.get(page)
        assert r.status_code == 200
        ends = SessionTime(ends=at + SESSION_SECONDS, now=at)
        header = r.text.split("</header>", 1)[0]
        assert (f'until <time class="session-ends" datetime="{ends.iso}">{ends.text}</time>'
                in header), header
        assert " UTC" in ends.text
        assert banner(r.text) == ""  # hours left: no banner
        assert '<script src="/static/session.js"></script>' in r.text
    script = c.get("/static/session.js")
    assert script.status_code == 200 and "/api/session" in script.text
    # no page has a script of its own: the policy allows only the workspace's files
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "<script>" not in r.text
    assert "session-banner" not in httpx.get(world["base"] + "/login").text


def test_the_last_minutes_show_a_banner_without_javascript(world: dict[str, Any],
                                                           clock: dict[str, float]) -> None:
    c, at = signed_in(world, "chris")
    clock["at"] = at + SESSION_SECONDS - 12 * 60 - 30
    page = c.get("/meeting")
    assert page.status_code == 200
    said = banner(page.text)
    ends = SessionTime(ends=at + SESSION_SECONDS, now=clock["at"])
    assert "<strong>Your session ends soon</strong>" in said
    assert f">{ends.text}</time> (in 13 minutes)" in said
    assert "a form sent later is NOT saved" in said
    assert '<a href="/login?again=1" target="_blank" rel="noopener">' in said
    assert re.search(r'<div id="session-banner" class="session-banner" role="status" '
                     r'aria-live="polite" aria-atomic="true" data-stage="warn-15"', page.text)
    # signing in again before the end: the login form, not a redirect
    again = c.get("/login?again=1")
    assert again.status_code == 200 and 'id="login-button"' in again.text
    assert f"You are signed in as chris until {ends.text}." in again.text
    assert c.get("/login").status_code == 303
    # a new login ends the old session and starts one of its own, with a new token
    before = token(c, "/meeting")
    r = c.post("/login", data={"username": "chris", "password": PASSWORDS["chris"],
                               "csrf": before})
    assert r.status_code == 303
    after = c.get("/api/session").json()
    assert after["signed_in"] and after["user"] == "chris" and after["csrf"] != before
    assert after["ends"] == int(clock["at"]) + SESSION_SECONDS
    assert banner(c.get("/meeting").text) == ""


def test_the_session_api_says_who_until_when(world: dict[str, Any],
                                             clock: dict[str, float]) -> None:
    c, at = signed_in(world, "ana")
    s = c.get("/api/session").json()
    assert s["signed_in"] and (s["user"], s["role"]) == ("ana", "analyst")
    assert s["ends"] == at + SESSION_SECONDS and s["csrf"] == token(c, "/paths")
    clock["at"] = at + SESSION_SECONDS + 1
    gone = c.get("/api/session").json()
    assert gone == {"signed_in": False, "now": clock["at"], "ended": at + SESSION_SECONDS}
    nobody = httpx.get(world["base"] + "/api/session").json()
    assert nobody["signed_in"] is False and nobody["ended"] is None and "csrf" not in nobody
    # the login page says why
    assert c.get("/paths").headers["location"] == "/login"
    notice = c.get("/login").text
    ended = utc_text(at + SESSION_SECONDS, clock["at"])
    assert f"Your session ended at {ended} (a session lasts 8 hours" in notice


def _files_holding(root: Path, text: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()
            and text.encode() in p.read_bytes()]


def test_a_decision_sent_after_the_end_is_not_saved_and_is_shown_back(
        world: dict[str, Any], clock: dict[str, float]) -> None:
    web: Settings = world["settings"]
    c, at = signed_in(world, "chris")
    fields = decide_form(c.get("/meeting").text)
    run_id, key = fields["run_id"], fields["key"]
    assert key not in decisions_for(web, run_id)
    clock["at"] = at + SESSION_SECONDS + 5 * 60  # the meeting ran on: 17:05
    sent = {**fields, "note": NOTE, "decision": "accepted"}
    r = c.post("/meeting/decide", data=sent)
    # nothing written, and it says so, first, as an alert
    assert r.status_code == 401 and "location" not in r.headers
    assert key not in decisions_for(web, run_id)
    ended = utc_text(at + SESSION_SECONDS, clock["at"])
    assert (f'<p class="error" id="not-saved" role="alert" tabindex="-1" autofocus>Your '
            f"session ended at {ended}, before this form was sent: it was NOT saved.</p>"
            in r.text)
    assert "<title>Not saved: sign in again · " in r.text
    # what was entered, shown back (escaped), from the request only
    shown = r.text.split('<dl class="kept"', 1)[1].split("</dl>", 1)[0]
    assert f"<dt>Note</dt><dd>{escape(NOTE)}</dd>" in shown
    assert "<dt>Decision</dt><dd>accepted</dd>" in shown
    assert escape(fields["label"]) in shown and fields["csrf"] not in shown
    assert NOTE not in r.text  # never unescaped
    refused = [e for e in read_audit(web) if e["command"] == "web session refused"][-1]
    assert (refused["query"], refused["details"]["reason"]) == ("/meeting/decide", "timed out")
    # stored nowhere: not in the audit log, the decisions or any file of the workspace
    assert _files_holding(web.home, "Strategy meeting for Leah") == []
    # signing in again opens a new tab, so this page stays; it can be sent again from here
    assert '<form method="post" action="/login" target="_blank">' in r.text
    again = re.search(r'<form id="resend" method="post" action="/meeting/decide" '
                      r'data-user="chris" hidden>(.*?)</form>', r.text, re.S)
    assert again, r.text
    resent = {k: html.unescape(v) for k, v in
              re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', again[1])}
    assert resent["note"] == NOTE and resent["key"] == key
    assert c.post("/login", data={"username": "chris", "password": PASSWORDS["chris"],
                                  "csrf": resent["csrf"]}).status_code == 303
    # (session.js gives the form the new session's token, which the login made anew)
    assert c.post("/meeting/decide", data=resent).status_code == 403
    resent["csrf"] = c.get("/api/session").json()["csrf"]
    done = c.post("/meeting/decide", data=resent)
    assert done.status_code == 303 and done.headers["location"].startswith("/meeting?saved=")
    recorded = decisions_for(web, run_id)[key]
    assert (recorded["decision"], recorded["note"], recorded["by"]) == ("accepted", NOTE,
                                                                        "chris")
    assert "Leah" not in done.headers["location"]


def test_an_action_update_after_the_end_is_not_saved(world: dict[str, Any],
                                                     clock: dict[str, float]) -> None:
    web: Settings = world["settings"]
    c, at = signed_in(world, "ana")
    csrf = token(c, "/paths")
    clock["at"] = at + SESSION_SECONDS + 1
    before = len([e for e in read_audit(web) if e["command"] == "web action update"])
    r = c.post("/meeting/action", data={"csrf": csrf, "id": "A-7", "status": "done",
                                        "outcome": NOTE})
    assert r.status_code == 401 and "it was NOT saved" in r.text
    assert f"<dt>Outcome</dt><dd>{escape(NOTE)}</dd>" in r.text
    assert "<dt>Action</dt><dd>A-7</dd>" in r.text
    assert len([e for e in read_audit(web) if e["command"] == "web action update"]) == before
    # any other form says nothing was done, and shows nothing back
    export = c.post("/network/export", data={"csrf": csrf, "format": "graphml"})
    assert export.status_code == 401 and "nothing was exported" in export.text
    assert 'class="kept"' not in export.text


def test_a_form_whose_cookie_is_gone_is_refused_and_says_not_saved(
        world: dict[str, Any]) -> None:
    with httpx.Client(base_url=world["base"], follow_redirects=False, timeout=120) as c:
        r = c.post("/meeting/decide", data={"note": NOTE, "decision": "accepted"})
        assert r.status_code == 403 and "so it was NOT saved" in r.text
        # without its token the request may be a forgery: nothing of it is shown back
        assert "Strategy meeting" not in r.text
