"""Workspace sessions against the real server and Neo4j: "Log out" ends the session for good
(a saved cookie is refused, also after a restart), a password change, a removed account or
a changed role ends all of that user's sessions; ``/``, the logo and "Back to the start"
take each role to the first page it may open; error pages speak the workspace's words, not
the command line's."""

from __future__ import annotations

import base64
import contextlib
import json
import stat
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from graphintel.audit import read_audit
from graphintel.config import Settings
from graphintel.errors import Ambiguous, ConfigError, CypherFileError, NotFound
from graphintel.store import Store
from graphintel.web.accounts import add_user, remove_user, set_password
from graphintel.web.common import web_candidate, web_message
from graphintel.web.security import revocations_path
from tests.test_web_helpers import PASSWORDS, load_sample, running, web_settings
from tests.test_web_server import login, token

COOKIE = "graphintel_session"


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    load_sample(session_store, settings)
    web = web_settings(settings, tmp_path_factory.mktemp("webhome"))
    with running(web, session_store) as served:
        yield {"settings": web, "base": served.base, "store": session_store}


def client(base: str, cookie: str | None = None) -> httpx.Client:
    c = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
    if cookie is not None:
        c.cookies.set(COOKIE, cookie)
    return c


def logged_in(world: dict[str, Any], user: str, password: str | None = None) -> httpx.Client:
    c = client(world["base"])
    r = login(c, user, password or PASSWORDS[user])
    assert r.status_code == 303, r.text
    return c


def cookie_of(c: httpx.Client) -> str:
    value = c.cookies.get(COOKIE)
    assert value, "no session cookie"
    return value


def session_of(cookie: str) -> dict[str, Any]:
    """What the signed cookie holds (its payload is base64 JSON before the timestamp)."""
    payload = cookie.split(".")[0]
    return dict(json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4))))


def refused(c: httpx.Client, url: str) -> bool:
    r = c.get(url)
    return r.status_code == 303 and r.headers["location"] == "/login"


def refusals(settings: Settings, user: str) -> list[dict[str, Any]]:
    return [e for e in read_audit(settings) if e["command"] == "web session refused"
            and e["details"]["web_user"] == user]


def test_logout_ends_the_session_and_a_replayed_cookie_is_refused(
        world: dict[str, Any]) -> None:
    web = world["settings"]
    ana = logged_in(world, "ana")
    other = logged_in(world, "ana")  # the same user in another browser
    assert ana.get("/search", params={"q": "Leah"}).status_code == 200
    saved = cookie_of(ana)
    r = ana.post("/logout", data={"csrf": token(ana, "/paths")})
    assert r.status_code == 303 and r.headers["location"] == "/login"
    replay = client(world["base"], saved)
    assert refused(replay, "/search?q=Leah")
    assert replay.get("/api/network").status_code == 401
    # the refusal is audited, and forgets the session: a form of it is no good either
    assert refusals(web, "ana")[-1]["details"]["reason"] == "logged out"
    assert refused(client(world["base"], saved), "/")
    # logging out ends that session only
    assert other.get("/search", params={"q": "Leah"}).status_code == 200
    assert [e for e in read_audit(web) if e["command"] == "web logout"][-1][
        "details"]["web_user"] == "ana"
    # the logged-out ids are kept in a private file, hashed
    path = revocations_path(web)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert session_of(saved)["sid"] not in path.read_text()
    # and they hold after the workspace is restarted
    with running(web, world["store"]) as again:
        assert refused(client(again.base, saved), "/search?q=Leah")
        assert client(again.base, cookie_of(other)).get("/search?q=Leah").status_code == 200


def test_a_new_login_over_a_session_ends_the_earlier_one(world: dict[str, Any]) -> None:
    c = logged_in(world, "ana")
    first = cookie_of(c)
    again = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"],
                                   "csrf": token(c, "/paths")})
    assert again.status_code == 303
    assert c.get("/search", params={"q": "Leah"}).status_code == 200
    assert refused(client(world["base"], first), "/search?q=Leah")


def test_a_password_change_ends_every_session_of_that_user(
        world: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    from graphintel.cli.users_cmd import users_app

    web = world["settings"]
    pat, pat_too, chris = logged_in(world, "pat"), logged_in(world, "pat"), \
        logged_in(world, "chris")
    assert pat.get("/partner").status_code == 200
    saved = cookie_of(pat)
    monkeypatch.setenv("GRAPHINTEL_HOME", str(web.home))
    monkeypatch.setenv("GRAPHINTEL_WEB_PASSWORD", "pat-new-password-9")
    out = CliRunner().invoke(users_app, ["passwd", "pat"])
    assert out.exit_code == 0, out.output
    try:
        for c in (pat, pat_too, client(world["base"], saved)):
            assert refused(c, "/partner")
        assert out.output == "password changed for pat; their workspace sessions have ended\n"
        reasons = {e["details"]["reason"] for e in refusals(web, "pat")}
        assert "password changed or account made again" in reasons
        entry = [e for e in read_audit(web) if e["command"] == "users passwd"][-1]
        assert entry["details"]["web_sessions"] == "ended"
        assert chris.get("/meeting").status_code == 200  # other users stay logged in
        assert login(client(world["base"]), "pat", PASSWORDS["pat"]).status_code == 401
        assert logged_in(world, "pat", "pat-new-password-9").get("/partner").status_code == 200
    finally:
        set_password(web, "pat", PASSWORDS["pat"])
    assert refused(client(world["base"], saved), "/partner")


def test_a_removed_account_or_a_changed_role_ends_its_sessions(world: dict[str, Any]) -> None:
    web = world["settings"]
    add_user(web, "dana", "analyst", "dana-password-1")
    try:
        dana = logged_in(world, "dana", "dana-password-1")
        assert dana.get("/paths").status_code == 200
        as_analyst = cookie_of(dana)
        remove_user(web, "dana")
        assert refused(dana, "/paths")
        assert refusals(web, "dana")[-1]["details"]["reason"] == "account removed"
        # made again as a chair: the analyst's session is over
        add_user(web, "dana", "chair", "dana-password-2")
        assert refused(client(world["base"], as_analyst), "/paths")
        assert refusals(web, "dana")[-1]["details"]["reason"] == "role changed"
        # and made again with the same role: a session of the earlier account is over too
        chair = logged_in(world, "dana", "dana-password-2")
        assert chair.get("/meeting").status_code == 200
        as_chair = cookie_of(chair)
        remove_user(web, "dana")
        add_user(web, "dana", "chair", "dana-password-3")
        assert refused(client(world["base"], as_chair), "/meeting")
    finally:
        with contextlib.suppress(NotFound):
            remove_user(web, "dana")


def test_a_session_older_than_its_lifetime_is_refused(world: dict[str, Any],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from graphintel.web import common

    c = logged_in(world, "chris")
    assert c.get("/meeting").status_code == 200
    monkeypatch.setattr(common, "SESSION_SECONDS", -1)
    assert refused(c, "/meeting")
    assert refusals(world["settings"], "chris")[-1]["details"]["reason"] == "timed out"


def test_each_role_starts_on_a_page_it_may_open(world: dict[str, Any]) -> None:
    web = world["settings"]
    assert refused(client(world["base"]), "/")
    ana, chris, pat = logged_in(world, "ana"), logged_in(world, "chris"), logged_in(world, "pat")
    home = ana.get("/")
    assert home.status_code == 200 and 'class="brand" href="/"' in home.text
    before = len([e for e in read_audit(web) if e["command"] == "web refused"])
    for c, start in ((chris, "/meeting"), (pat, "/partner")):
        r = c.get("/")
        assert r.status_code == 303 and r.headers["location"] == start
        page = c.get(start)
        assert page.status_code == 200 and f'class="brand" href="{start}"' in page.text
        # a page the role may not open: the way back leads to its own first page
        nope = c.get("/search?q=Leah")
        assert nope.status_code == 403
        assert f'id="back-to-start" href="{start}"' in nope.text
        assert f'class="brand" href="{start}"' in nope.text
    refused_now = [e for e in read_audit(web) if e["command"] == "web refused"][before:]
    assert [e["query"] for e in refused_now] == ["/search", "/search"]  # not "/"


def test_error_pages_speak_the_workspaces_words(world: dict[str, Any]) -> None:
    ana = logged_in(world, "ana")
    r = ana.get("/person/Person:ref:NOPE")
    assert r.status_code == 404 and "no person with uid" in r.text
    assert "graphintel search" not in r.text
    assert "find the person with Search" in r.text
    data = ana.get("/api/network", params={"since": "2024-06-01", "until": "2024-01-01"})
    assert data.status_code == 400
    assert data.json()["error"] == "the 'to' date is before the 'from' date"
    page = ana.get("/network", params={"since": "2024-06-01", "until": "2024-01-01"})
    assert "--until" not in page.text and "--since" not in page.text
    long = ana.get("/search", params={"q": "x" * 1200})
    assert long.status_code == 400 and "more than the 1,000 allowed" in long.text
    assert "GRAPHINTEL_SEARCH_MAX_CHARS" not in long.text and "at TEXT" not in long.text
    assert "search for a few distinctive words" in long.text


def test_web_message_leaves_the_command_line_out() -> None:
    cases = [
        (NotFound("no person with uid 'X'",
                  fix="look the person up with 'graphintel search TEXT'"), "chair",
         "no person with uid 'X'; check the spelling, or go back and choose the person "
         "from the meeting page"),
        (ConfigError("--until is before --since", "--until"), "analyst",
         "the 'to' date is before the 'from' date"),
        (ConfigError("'2025-13-01' is not a date", "--since", "write it as YYYY-MM-DD"),
         "analyst", "'2025-13-01' is not a date; check the 'from' date; write it as "
                    "YYYY-MM-DD"),
        (CypherFileError("the search text is too long", "TEXT", "search for a few "
                         "distinctive words (the limit is GRAPHINTEL_SEARCH_MAX_CHARS)"),
         "analyst", "the search text is too long; search for a few distinctive words"),
        (NotFound("no analysis run in the graph yet", fix="run 'graphintel analyse'"),
         "partner", "no analysis run in the graph yet; the graph has no usable analysis "
                    "yet: ask whoever runs the workspace to run one, then reload the page"),
    ]
    for exc, role, shown in cases:
        assert web_message(exc, role) == shown
        assert exc.message() != shown  # the command line's wording is unchanged
    more = Ambiguous("'Lee' matches more than 20 people by name",
                     ["... and others: narrow the name, or use 'graphintel search'"]).candidates
    assert web_candidate(more[0], "analyst") == "... and others: narrow the name, or use Search"
    assert web_candidate(more[0], "partner") == "... and others: narrow the name"
