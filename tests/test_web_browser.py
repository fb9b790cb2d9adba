"""The workspace in headless Chromium (Playwright driving the system Chromium), against the
real server and the real Neo4j with the bundled sample: each role logs in and does its
work; every request stays on the workspace itself."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from playwright.sync_api import Browser, Page

from graphintel.agenda.decisions import decisions_for
from graphintel.audit import read_audit
from graphintel.config import Settings
from graphintel.store import Store
from tests.browser import playwright_chromium
from tests.test_web_helpers import PASSWORDS, sample_served
from tests.test_web_server import children

TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Browser, world: dict[str, Any]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                  accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(TIMEOUT_MS)
    outside: list[str] = []

    def only_local(route: Any) -> None:
        if route.request.url.startswith(world["base"]):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", only_local)
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert outside == [], f"the page asked for something outside the workspace: {outside}"
    assert errors == [], f"script errors: {errors}"


def log_in(page: Page, world: dict[str, Any], user: str) -> None:
    page.goto(world["base"] + "/login")
    page.fill("#username", user)
    page.fill("#password", PASSWORDS[user])
    page.click("#login-button")
    page.wait_for_selector("#who")


def wait_until(page: Page, expression: str, timeout_s: float = TIMEOUT_MS / 1000) -> None:
    """Poll ``expression`` in the page until it is true (the page's Content-Security-Policy
    forbids the string evaluation that Playwright's own wait_for_function uses)."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


def wait_chart(page: Page) -> dict[str, str]:
    wait_until(page, "document.getElementById('chart').dataset.state !== 'loading' && "
                     "document.getElementById('chart').dataset.stable === 'true'")
    data = page.evaluate("Object.assign({}, document.getElementById('chart').dataset)")
    assert data["state"] == "ready", page.inner_text("#chart-about")
    return data  # type: ignore[no-any-return]


def click_at(page: Page, js_point: str) -> None:
    """Click the canvas at a point computed in the page (vis canvas coordinates)."""
    x, y = page.evaluate("(() => { const v = window.graphintelView; const p = " + js_point
                         + "; const d = v.network.canvasToDOM(p); const r = document"
                         ".getElementById('chart').getBoundingClientRect(); "
                         "return [r.left + d.x, r.top + d.y]; })()")
    page.mouse.click(x, y)


def click_node(page: Page, node: str, attempts: int = 5) -> None:
    """Click a node of the chart until its panel opens: the layout is stopped and the node
    brought to the middle first, and the click is repeated while another node or a moving
    layout took it (a click lands where the node was drawn)."""
    for _ in range(attempts):
        page.evaluate("(() => { const v = window.graphintelView; v.network.stopSimulation(); "
                      f"v.network.focus({node!r}, {{scale: 1.5, animation: false}}); }})()")
        click_at(page, f"v.network.getPosition({node!r})")
        try:
            wait_until(page, "document.getElementById('panel').dataset.kind === 'node'",
                       timeout_s=5)
            return
        except AssertionError:
            continue
    raise AssertionError(f"the panel of node {node} did not open after {attempts} clicks")


def test_analyst_searches_profiles_and_works_the_network(page: Page,
                                                         world: dict[str, Any],
                                                         tmp_path: Path) -> None:
    log_in(page, world, "ana")
    assert page.url == world["base"] + "/"
    page.fill("#q", "Tracey Campbell")
    page.click("#search-button")
    page.click("#people a.person >> text=Tracey CAMPBELL")
    page.wait_for_selector("#person-name")
    assert page.inner_text("#person-name") == "Tracey CAMPBELL"
    assert page.inner_text("#dob") == "2004-08-17"
    assert "Leah EVANS" in page.inner_text("#children")
    assert page.inner_text("#analysis-status")

    page.click("#network-around")
    first = wait_chart(page)
    total = int(first["total"])
    assert total > 1 and int(first["nodes"]) == total
    assert "Tracey CAMPBELL" in page.inner_text("#chart-title")

    # find a person on the chart, then expand another person by clicking them
    page.fill("#find", "Leah")
    page.click("#find-button")
    assert int(page.evaluate("document.getElementById('chart').dataset.found")) >= 1
    # numbers, plates and postcodes as typed find the stored forms
    typed = page.evaluate("""(() => { const m = window.graphintelFindMatch; return [
        m('+447700900499', '07700 900499'), m('+447700900499', '(07700) 900-499'),
        m('CU51BOE blue Ford', 'cu51 boe'), m('Flat 4, BS4 7BY', 'bs47by'),
        m('+447700900499', '07700 900500'), m('Leah EVANS', 'evans'),
        m('AY10KGV', 'ay10 kgx')]; })()""")
    assert typed == [True, True, True, True, False, True, False]
    target = page.evaluate("""(() => { const v = window.graphintelView;
        const n = v.nodes.get({filter: n => n.gi.type === 'Person' && !n.gi.subject});
        return n.length ? n[0].id : null; })()""")
    assert target
    click_node(page, target)
    page.wait_for_selector("#expand-node")
    page.click("#expand-node")
    wait_until(page, "document.getElementById('chart-about').textContent"
                     ".includes('expanded: 1')")
    expanded = wait_chart(page)
    assert int(expanded["total"]) >= total
    assert "(expanded)" in page.inner_text("#chart-title")

    # click a link: its reports and their narratives
    edges = page.evaluate("window.graphintelView.edges.getIds()")
    for edge in edges[:25]:
        click_at(page, f"""(() => {{ const e = v.edges.get({edge!r});
            const a = v.network.getPosition(e.from), b = v.network.getPosition(e.to);
            return {{x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}}; }})()""")
        if page.evaluate("document.getElementById('panel').dataset.kind") == "edge":
            break
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "edge"
    wait_until(page, "Number(document.getElementById('panel').dataset.narratives) > 0")
    assert page.locator("#panel .narrative").count() >= 1

    # type toggles: hide phones
    phones = page.evaluate("window.graphintelView.nodes.get({filter: n => "
                           "n.gi.type === 'Phone'}).length")
    page.uncheck(".type-toggle[value='Phone']")
    shown = int(page.evaluate("document.getElementById('chart').dataset.nodes"))
    assert shown == int(expanded["total"]) - phones

    # date range: only intelligence reported in 2025
    page.fill("#since", "2025-01-01")
    page.fill("#until", "2025-12-31")
    page.click("#apply-dates")
    dated = wait_chart(page)
    assert "reported 2025-01-01 to 2025-12-31" in page.inner_text("#chart-about")
    assert int(dated["total"]) < int(expanded["total"])
    dates = page.evaluate("Object.values(window.graphintelView.edges.get()).map(e => e.gi.first)")
    assert dates and all(d >= "2025-01-01" for d in dates if d)

    # export what is on screen (phones hidden, 2025 only) as GraphML
    with page.expect_download() as info:
        page.select_option("#export-format", "graphml")
        page.click("#export-button")
    saved = tmp_path / "export.graphml"
    info.value.save_as(saved)
    exported = nx.read_graphml(saved)
    on_screen = int(page.evaluate("document.getElementById('chart').dataset.nodes"))
    assert exported.number_of_nodes() == on_screen
    kinds = {d.get("type") for _, d in exported.nodes(data=True)}
    assert "Person" in kinds and "Phone" not in kinds
    exports = [e for e in read_audit(world["settings"]) if e["command"] == "web export"]
    assert exports and exports[-1]["details"]["web_user"] == "ana"
    assert exports[-1]["params"]["format"] == "graphml"


def test_analyst_finds_paths_with_evidence(page: Page, world: dict[str, Any]) -> None:
    log_in(page, world, "ana")
    page.goto(world["base"] + "/paths")
    page.fill("#path-a", "Tracey Campbell")
    page.fill("#path-b", "Leah Evans")
    page.click("#path-button")
    page.wait_for_selector("section.path")
    assert page.locator("section.path li.hop .evidence a.ref").count() >= 1
    page.click("#chart-paths")
    data = wait_chart(page)
    assert int(data["total"]) >= 2


def test_chair_reviews_the_meeting_and_decides(page: Page, world: dict[str, Any]) -> None:
    log_in(page, world, "chris")
    assert page.url == world["base"] + "/meeting"
    first = page.locator("tr.target").first
    name = first.locator("td").nth(1).inner_text()
    first.locator("input[name=note]").fill("plan by next meeting")
    first.locator("button.accept").click()
    page.wait_for_selector("#saved")
    assert "accepted by chris" in page.locator("tr.target").first.inner_text()
    # a proposed action that is not a target's plan (those share the target's decision)
    proposal = page.locator("tr.proposal:not(.declined)").filter(
        has_not_text="Agree a disruption plan").first
    action = proposal.locator("td").nth(1).inner_text()
    proposal.locator("button.reject").click()
    page.wait_for_selector("#saved")
    declined = page.locator("tr.proposal.declined").first
    assert action in declined.inner_text() and "rejected by chris" in declined.inner_text()
    decided = decisions_for(world["settings"], world["result"]["run"]["id"])
    target = next(v for k, v in decided.items() if k.startswith("target|"))
    assert target["decision"] == "accepted" and name in target["label"]
    assert target["note"] == "plan by next meeting"
    page.click("#written-agenda")
    written = page.content()
    assert "OFFICIAL-SENSITIVE" in written
    # the decisions are carried into the written agenda
    assert "Agreed by the chair" in written and "plan by next meeting" in written
    assert "Not taken forward: " in written and action in written
    assert "Not taken forward by the chair (chris, " in written
    response = page.goto(world["base"] + "/search?q=kebab")
    assert response is not None and response.status == 403


def test_partner_sees_only_partner_views(page: Page, world: dict[str, Any]) -> None:
    log_in(page, world, "pat")
    assert page.url == world["base"] + "/partner"
    page.click("a.partner-network >> nth=0")
    data = wait_chart(page)
    assert int(data["total"]) >= 1
    page.wait_for_selector("#chart-withheld:not([hidden])")
    person = page.evaluate("""(() => { const v = window.graphintelView;
        const n = v.nodes.get({filter: n => n.gi.child});
        return n.length ? n[0].id : null; })()""")
    seen = [page.content(), page.inner_text("body")]
    if person:
        click_node(page, person)
        panel = page.inner_text("#panel")
        assert "Date of birth" not in panel and page.locator("#expand-node").count() == 0
        seen.append(panel)
    seen.append(page.evaluate("JSON.stringify(window.graphintelView.nodes.get())"))
    page.goto(world["base"] + "/partner/agenda")
    seen.append(page.content())
    text = "\n".join(seen).lower()
    for kid in children(world["result"]):
        assert kid["name"].lower() not in text
        assert not kid.get("dob") or kid["dob"] not in text
    for url in ("/search?q=leah", "/network", "/meeting", "/paths",
                "/person/Person:nd:leah evans|2010-10-21"):
        response = page.goto(world["base"] + url)
        assert response is not None and response.status == 403, url
        assert "Leah EVANS" not in page.content()
    page.goto(world["base"] + "/")  # the start page is the partner's own
    assert page.url == world["base"] + "/partner"


def test_a_revised_report_says_so_beside_its_narrative(page: Page, world: dict[str, Any],
                                                       session_store: Store,
                                                       tmp_path: Path) -> None:
    """Runs last: it adds two versions of a report to the sample."""
    from graphintel.ingest import ingest
    from tests.graph_helpers import report, write_jsonl

    people = [{"id": "a", "type": "Person", "name": "Tracey CAMPBELL", "dob": "2004-08-17",
               "role": "suspect"},
              {"id": "b", "type": "Person", "name": "Webrev PERSON", "dob": "1980-01-01",
               "role": "associate"}]
    link = [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}]
    for i, text in enumerate(("Seen together twice.", "Corrected: seen together once.")):
        ingest([write_jsonl(tmp_path / f"v{i}.jsonl", [report(
            "IR/2025/WEB003", people, link, date="2025-06-03", narrative=text)])],
            settings=world["settings"], store=session_store)
    log_in(page, world, "ana")
    page.goto(world["base"] + "/network?hops=1&around=Person:nd:tracey campbell|2004-08-17")
    wait_chart(page)
    edge = page.evaluate("""(() => { const v = window.graphintelView;
        const ids = v.nodes.get({filter: n => n.gi.name === 'Webrev PERSON'}).map(n => n.id);
        const e = v.edges.get({filter: e => ids.includes(e.from) || ids.includes(e.to)});
        return e.length ? e[0].id : null; })()""")
    assert edge
    # move the new person clear above the others (as an analyst drags a node), show the
    # whole chart, then click the link half way up
    page.evaluate(f"""(() => {{ const v = window.graphintelView; const e = v.edges.get({edge!r});
        const top = Math.min(...v.nodes.getIds().map(id => v.network.getBoundingBox(id).top));
        const leaf = e.from.startsWith('Person:nd:webrev') ? e.from : e.to;
        const hub = v.network.getPosition(leaf === e.from ? e.to : e.from);
        v.network.moveNode(leaf, hub.x, top - 400);
        v.network.fit({{animation: false}}); }})()""")
    click_at(page, f"""(() => {{ const e = v.edges.get({edge!r});
        const a = v.network.getPosition(e.from), b = v.network.getPosition(e.to);
        const top = Math.min(a.y, b.y);
        return {{x: a.x, y: top + 200}}; }})()""")
    assert page.evaluate("document.getElementById('panel').dataset.kind") == "edge", (
        page.inner_text("#panel")[:300])
    wait_until(page, "Number(document.getElementById('panel').dataset.narratives) > 0")
    item = page.locator('#panel li[data-ref="IR/2025/WEB003"]')
    assert "Corrected: seen together once." in item.inner_text()
    assert item.locator(".revised").inner_text().startswith("Revised: 1 earlier version ")
