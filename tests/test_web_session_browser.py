"""The end of a session in headless Chromium (Playwright driving the system Chromium),
against the real server and Neo4j with the bundled sample, the workspace's clock set near
the session's end: the header says the end in the reader's local time; the banner warns,
then says the session has ended before anything is sent; a decision sent then is kept
back on the page, with its note, and goes through once the chair has signed in again in
another tab."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from graphintel.agenda.decisions import decisions_for
from graphintel.config import Settings
from graphintel.store import Store
from graphintel.web.security import SESSION_SECONDS
from tests.browser import playwright_chromium
from tests.test_web_browser import log_in, wait_until
from tests.test_web_helpers import PASSWORDS, sample_served
from tests.test_web_sessions import COOKIE, session_of

TIMEOUT_MS = 60_000
#: The reader's time zone: half an hour off any whole-hour one, so UTC cannot pass for it.
ZONE, OFFSET = "Asia/Kolkata", timezone(timedelta(hours=5, minutes=30))
NOTE = "Strategy meeting for Leah EVANS tomorrow"


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world
        world["app"].state.clock = time.time


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as b:
        yield b


@pytest.fixture()
def context(browser: Browser, world: dict[str, Any]) -> Iterator[BrowserContext]:
    """A window in India's time zone, in British English; a script error fails the test."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-GB",
                              timezone_id=ZONE)
    ctx.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    ctx.on("weberror", lambda e: errors.append(str(e.error)))
    yield ctx
    ctx.close()
    world["app"].state.clock = time.time
    assert errors == [], f"script errors: {errors}"


def stand_at(world: dict[str, Any], moment: float) -> None:
    """From now on the workspace's clock says ``moment``, and runs on from there."""
    shift = moment - time.time()
    world["app"].state.clock = lambda: time.time() + shift


def banner(page: Page) -> str:
    return page.inner_text("#session-banner").strip()


def test_the_banner_warns_then_keeps_a_late_decision_until_signed_in_again(
        context: BrowserContext, world: dict[str, Any]) -> None:
    page = context.new_page()
    log_in(page, world, "chris")
    at = int(session_of(next(c["value"] for c in context.cookies()
                             if c["name"] == COOKIE))["at"])
    ends = datetime.fromtimestamp(at + SESSION_SECONDS, OFFSET)
    # the header: the end in the reader's time, not the server's UTC fallback
    wait_until(page, "!document.querySelector('header time.session-ends')"
                     ".textContent.includes('UTC')")
    assert page.inner_text("header time.session-ends").startswith(ends.strftime("%H:%M"))
    assert page.inner_text(".signed-in").startswith("Signed in as chris (chair) until ")
    assert banner(page) == ""

    # fourteen minutes left: the banner says so, with the end, and a way to sign in again
    stand_at(world, at + SESSION_SECONDS - 14 * 60)
    page.goto(world["base"] + "/meeting")
    wait_until(page, "document.getElementById('session-banner').dataset.stage === 'warn-15'")
    said = banner(page)
    assert said.startswith("Your session ends soon, at " + ends.strftime("%H:%M")), said
    assert "(in 15 minutes or less)" in said and "UTC" not in said
    assert page.get_attribute("#session-banner", "role") == "status"
    assert page.get_attribute("#session-banner", "aria-live") == "polite"
    again = page.locator("#session-banner a")
    assert again.inner_text() == "sign in again in a new tab"
    assert (again.get_attribute("href"), again.get_attribute("target")) == (
        "/login?again=1", "_blank")

    # four seconds left, then none: the banner says it has ended before anything is sent
    stand_at(world, at + SESSION_SECONDS - 4)
    page.goto(world["base"] + "/meeting")
    wait_until(page, "document.getElementById('session-banner').dataset.stage === 'ended'",
               timeout_s=20)
    assert banner(page).startswith("Your session has ended (at " + ends.strftime("%H:%M"))
    assert "NOT saved" in banner(page)

    # a decision sent now is kept back, note and all, and the alert says so
    row = page.locator("tr.target").first
    key = row.locator("input[name=key]").get_attribute("value")
    run_id = row.locator("input[name=run_id]").get_attribute("value")
    assert key and run_id
    row.locator("input[name=note]").fill(NOTE)
    row.locator("button.accept").click()
    wait_until(page, "document.getElementById('session-alert').textContent"
                     ".includes('Not sent')")
    assert page.get_attribute("#session-alert", "role") == "alert"
    assert page.url == world["base"] + "/meeting"
    assert row.locator("input[name=note]").input_value() == NOTE
    assert key not in decisions_for(world["settings"], run_id)

    # signed in again in another tab, the same page sends it (with the new session's token)
    other = context.new_page()
    other.goto(world["base"] + "/login")
    assert "Your session ended at " in other.inner_text("#session-notice")
    other.fill("#username", "chris")
    other.fill("#password", PASSWORDS["chris"])
    other.click("#login-button")
    other.wait_for_selector("#who")
    page.bring_to_front()
    row.locator("button.accept").click()
    page.wait_for_selector("#saved")
    recorded = decisions_for(world["settings"], run_id)[key]
    assert (recorded["decision"], recorded["note"]) == ("accepted", NOTE)
    assert banner(page) == "" and page.inner_text("#session-alert") == ""
