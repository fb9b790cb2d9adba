"""Accessibility of the workspace (WCAG 2.2 AA) in headless Chromium, against the real
server and the real Neo4j with the bundled sample: Enter in a note or reason records
nothing; every control has a name that says what it acts on (as Chromium's accessibility
tree computes it); errors and status messages are announced and focused; the pages reflow
at 320 px; the network view has its entities and links as a table that a keyboard can use;
refusals are pages with a language, a title and a way back."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page

from graphintel.agenda.decisions import decisions_for
from graphintel.audit import read_audit
from graphintel.config import Settings
from graphintel.store import Store
from tests.browser import playwright_chromium
from tests.test_web_browser import log_in, wait_chart, wait_until
from tests.test_web_helpers import PASSWORDS, sample_served
from tests.test_web_server import children

TIMEOUT_MS = 60_000
#: Roles of the controls a person operates; each must have an accessible name.
CONTROLS = {"textbox", "searchbox", "combobox", "button", "slider", "checkbox", "spinbutton",
            "radio", "listbox", "Date", "DateTime", "InputTime"}


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as b:
        yield b


def _window(browser: Browser, width: int, height: int) -> Iterator[Page]:
    """A page in a window of this size, closed after the test; a script error fails it."""
    context = browser.new_context(viewport={"width": width, "height": height})
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert errors == [], f"script errors: {errors}"


@pytest.fixture()
def page(browser: Browser, world: dict[str, Any]) -> Iterator[Page]:
    yield from _window(browser, 1400, 1000)


@pytest.fixture()
def narrow(browser: Browser, world: dict[str, Any]) -> Iterator[Page]:
    """A window 320 CSS pixels wide (WCAG 1.4.10: as 1280 px at 400 % zoom)."""
    yield from _window(browser, 320, 640)


def controls(page: Page) -> list[dict[str, str]]:
    """Every control Chromium's accessibility tree exposes on the page: role and name."""
    cdp = page.context.new_cdp_session(page)
    tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
    out = []
    for node in tree:
        role = (node.get("role") or {}).get("value", "")
        if node.get("ignored") or role not in CONTROLS:
            continue
        out.append({"role": role, "name": str((node.get("name") or {}).get("value", ""))})
    return out


def unnamed(page: Page) -> list[dict[str, str]]:
    return [c for c in controls(page) if not c["name"].strip()]


def test_enter_in_a_note_or_a_reason_records_nothing(page: Page,
                                                    world: dict[str, Any]) -> None:
    log_in(page, world, "ana")
    posted: list[str] = []
    page.on("request", lambda r: posted.append(r.url) if r.method == "POST" else None)
    run_id = world["result"]["run"]["id"]
    before = decisions_for(world["settings"], run_id)
    page.goto(world["base"] + "/meeting")
    note = page.locator("tr.target").first.locator("input[name=note]")
    note.fill("just typing")
    note.press("Enter")
    wording = page.locator("tr.proposal input[name=text]").first
    wording.fill("typed wording")
    wording.press("Enter")
    page.wait_for_timeout(1500)
    assert posted == [] and page.url == world["base"] + "/meeting"
    assert decisions_for(world["settings"], run_id) == before
    assert note.input_value() == "just typing"  # nothing reloaded the page
    # the buttons still decide
    page.locator("tr.target").first.locator("button.accept").click()
    page.wait_for_selector("#saved")
    assert len(decisions_for(world["settings"], run_id)) == len(before) + 1

    page.goto(world["base"] + "/resolve")
    rows = page.locator("tr.candidate").count()
    assert rows > 0
    posted.clear()
    reason = page.locator("tr.candidate").first.locator("input[name=reason]")
    reason.fill("same date of birth")
    reason.press("Enter")
    page.wait_for_timeout(1500)
    assert posted == [] and "done=" not in page.url
    assert page.locator("tr.candidate").count() == rows
    assert not [e for e in read_audit(world["settings"])
                if e["command"].startswith("web resolve ") and "candidates" not in
                e["command"]]


def test_every_control_is_named_for_what_it_acts_on(page: Page,
                                                    world: dict[str, Any]) -> None:
    log_in(page, world, "ana")
    for url in ("/", "/search?q=tucker", "/resolve", "/paths", "/meeting"):
        page.goto(world["base"] + url)
        assert unnamed(page) == [], url
    page.goto(world["base"] + "/search?q=tucker")
    assert page.locator("h1").count() == 1 and "tucker" in page.inner_text("h1")
    assert page.get_by_role("textbox", name="Search again for").count() == 1

    page.goto(world["base"] + "/meeting")
    named = controls(page)
    notes = [c["name"] for c in named if c["name"].startswith("Note on ")]
    accepts = [c["name"] for c in named if c["name"].startswith("Accept: ")]
    targets = page.locator("tr.target").count()
    assert len(notes) == len(accepts) >= targets > 1
    assert len(set(notes)) == len(notes) and len(set(accepts)) == len(accepts)
    top = min(world["result"]["targets"], key=lambda t: t["rank"])
    assert f"Note on {top['name']} (rank 1)" in notes
    assert f"Accept: {top['name']} (rank 1)" in accepts
    assert f"Reject: {top['name']} (rank 1)" in [c["name"] for c in named]
    assert any(re.fullmatch(r"Agreed wording for action A-[0-9a-f]{8}: .+", c["name"])
               for c in named)
    assert not [c for c in named if c["name"] in ("note", "Accept", "Reject", "Update")]
    if page.locator("#carried form").count():
        assert any(c["name"].startswith("Owner of action ") for c in named)

    page.goto(world["base"] + "/resolve")
    named = controls(page)
    assert any(c["name"].startswith("Reason for the decision on ") for c in named)
    assert not [c for c in named if c["name"] in ("Merge, keep B", "reason (needed to merge)")]

    page.goto(world["base"] + "/network")
    wait_chart(page)
    assert unnamed(page) == []
    names = {c["name"] for c in controls(page)}
    assert {"Reported from", "Reported up to", "Export what is on screen as"} <= names
    assert "from" not in names and "to" not in names


def test_login_error_is_announced_and_tied_to_the_fields(page: Page,
                                                         world: dict[str, Any]) -> None:
    page.goto(world["base"] + "/login")
    assert page.get_attribute("#username", "aria-invalid") is None
    page.fill("#username", "ana")
    page.fill("#password", "not-the-password-1")
    page.click("#login-button")
    page.wait_for_selector("#login-error")
    assert page.get_attribute("#login-error", "role") == "alert"
    for field in ("#username", "#password"):
        assert page.get_attribute(field, "aria-invalid") == "true"
        assert page.get_attribute(field, "aria-describedby") == "login-error"
    assert page.evaluate("document.activeElement.id") == "username"
    assert "not logged in" in page.title().lower()


def test_a_decision_is_announced_where_the_focus_goes(page: Page,
                                                      world: dict[str, Any]) -> None:
    log_in(page, world, "chris")
    row = page.locator("tr.target").nth(1)
    row.locator("button.reject").click()
    page.wait_for_selector("#saved")
    assert page.get_attribute("#saved", "role") == "status"
    assert page.evaluate("document.activeElement.id") == "saved"
    said = page.inner_text("#saved")
    assert said.startswith("Decision recorded: rejected, ") and "(rank " in said
    box = page.locator("#saved").bounding_box()
    assert box is not None and 0 <= box["y"] < 1000  # in view


def test_find_says_what_it_found_and_enter_finds(page: Page, world: dict[str, Any]) -> None:
    log_in(page, world, "ana")
    page.goto(world["base"] + "/network")
    wait_chart(page)
    assert page.get_attribute("#find-status", "role") == "status"
    page.fill("#find", "zzqx no such name")
    page.press("#find", "Enter")
    assert page.inner_text("#find-status") == "Nothing on the chart matches “zzqx no such name”."
    assert page.evaluate("document.getElementById('chart').dataset.found") == "0"
    name = page.evaluate("window.graphintelView.nodes.get({filter: n => "
                         "n.gi.type === 'Person'})[0].gi.name")
    page.fill("#find", name)
    page.press("#find", "Enter")  # Enter alone: no click on Find
    assert int(page.evaluate("document.getElementById('chart').dataset.found")) >= 1
    assert page.inner_text("#find-status").startswith("Found ")
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "node"


def test_the_network_view_as_a_table_works_from_the_keyboard(page: Page,
                                                             world: dict[str, Any]) -> None:
    log_in(page, world, "ana")
    page.goto(world["base"] + "/network")
    data = wait_chart(page)
    title = page.inner_text("#chart-title")
    assert title in page.title() and "Network view" in page.title()
    label = page.get_attribute("#chart", "aria-label") or ""
    assert title in label and "Entities and links as a table" in label
    assert page.evaluate("Array.from(document.querySelectorAll('#chart *'))"
                         ".filter(e => e.tabIndex >= 0).length") == 0  # no silent tab stop
    assert page.locator("#entities-table tbody tr").count() == 0  # filled once opened
    page.focus("#as-table summary")
    page.keyboard.press("Enter")
    wait_until(page, "document.getElementById('as-table').dataset.entities !== undefined")
    assert page.locator("#entities-table tbody tr").count() == int(data["nodes"])
    assert page.locator("#links-table tbody tr").count() == int(data["edges"])
    assert page.locator("#entities-table a.ref").count() >= 1  # reports, by keyboard too
    first = page.locator("#entities-table tbody tr").first
    name = first.locator("th").inner_text()
    first.locator("button.show-details").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "node"
    assert page.inner_text("#panel h2") == name
    assert page.evaluate("document.activeElement.id") == "panel"
    link = page.locator("#links-table tbody tr").first
    link.locator("button.show-details").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "edge"
    # what the chart hides, the table leaves out
    page.uncheck(".type-toggle[value='Phone']")
    shown = int(page.evaluate("document.getElementById('chart').dataset.nodes"))
    assert page.locator("#entities-table tbody tr").count() == shown
    assert "Phone" not in page.locator("#entities-table tbody td:nth-child(2)").all_inner_texts()


def test_the_partner_table_names_no_child(page: Page, world: dict[str, Any]) -> None:
    log_in(page, world, "pat")
    page.click("a.partner-network >> nth=0")
    data = wait_chart(page)
    page.click("#as-table summary")
    wait_until(page, "document.getElementById('as-table').dataset.entities !== undefined")
    assert page.locator("#entities-table tbody tr").count() == int(data["nodes"])
    assert page.locator("#as-table a").count() == 0  # no report pages for partners
    text = page.inner_text("#as-table").lower()
    for kid in children(world["result"]):
        assert kid["name"].lower() not in text


def test_the_network_view_reflows_at_320_pixels(narrow: Page, world: dict[str, Any]) -> None:
    log_in(narrow, world, "ana")
    narrow.goto(world["base"] + "/network")
    wait_chart(narrow)
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 322
    chart = narrow.locator("#chart").bounding_box()
    canvas = narrow.locator("#chart canvas").bounding_box()
    assert chart is not None and canvas is not None
    assert chart["width"] >= 250 and canvas["width"] >= 250 and canvas["height"] >= 250
    panel = narrow.locator("#panel").bounding_box()
    assert panel is not None and panel["y"] >= chart["y"] + chart["height"] - 1  # under it
    # the header wraps: every link and button on its dark background, inside the window
    header = narrow.locator("header.top").bounding_box()
    assert header is not None
    for item in narrow.locator("header.top a, header.top button, #who").all():
        box = item.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 321, item.inner_text()
        assert header["y"] <= box["y"] and box["y"] + box["height"] <= \
            header["y"] + header["height"] + 0.5, item.inner_text()
    narrow.click("#as-table summary")
    assert narrow.evaluate("document.documentElement.scrollWidth") <= 322


def test_refusals_are_pages_with_a_title_and_a_way_back(world: dict[str, Any]) -> None:
    base = world["base"]
    with httpx.Client(base_url=base, follow_redirects=False, timeout=120) as c:
        refused = c.post("/login", data={"username": "ana", "password": "x"})
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("text/html")
        assert '<html lang="en-GB">' in refused.text
        assert "<title>Not allowed · " in refused.text
        assert "security token" in refused.text and 'id="back-to-start"' in refused.text
        first = c.post("/meeting/decide", data={})
        assert first.status_code in (401, 403)
        assert first.headers["content-type"].startswith("text/html")
        api = c.get("/api/network")
        assert api.status_code == 401 and api.json()["error"] == "Log in first."
    with httpx.Client(base_url=base, follow_redirects=False, timeout=120) as c:
        page = c.get("/login").text
        csrf = re.search(r'name="csrf" value="([^"]+)"', page)
        assert csrf
        # a form sent after its session ended (the token is right, nobody is logged in)
        later = c.post("/meeting/action", data={"csrf": csrf.group(1), "id": "A-1"})
        assert later.status_code == 401
        assert later.headers["content-type"].startswith("text/html")
        assert "<title>Not saved: sign in again · " in later.text
        assert 'role="alert"' in later.text and "it was NOT saved" in later.text
        assert 'action="/login"' in later.text
        analyst = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
        token = re.search(r'name="csrf" value="([^"]+)"', analyst.get("/login").text)
        assert token
        analyst.post("/login", data={"username": "pat", "password": PASSWORDS["pat"],
                                     "csrf": token.group(1)})
        forbidden = analyst.get("/network")
        assert forbidden.status_code == 403 and "<title>Not allowed · " in forbidden.text
        analyst.close()


def test_page_titles_name_what_they_show(world: dict[str, Any], page: Page) -> None:
    log_in(page, world, "ana")
    network = min(world["result"]["targets"], key=lambda t: t["rank"])["community"]
    page.goto(world["base"] + f"/network?network={network}")
    assert page.title().startswith(f"Network {network}")
    wait_chart(page)
    deadline = time.monotonic() + 10
    while page.inner_text("#chart-title") not in page.title() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert page.inner_text("#chart-title") in page.title()
