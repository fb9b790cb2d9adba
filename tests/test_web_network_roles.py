"""The workspace's network view draws a person's role as the chart files do, never by colour
alone (WCAG 1.4.1): a child (by age or safeguarding) or victim is a circle with a heart
inside and "(child/victim)" under the name, even when also recorded as a suspect; a suspect
has an exclamation mark and "(suspect)"; anyone else a plain circle; a leading target
"★<rank>" and a thick ring; the person the chart is about a dashed ring; exploitation links
are far thicker than any other. The key draws each role's mark and says its words. The same
for partners, whose data gains only fixed words."""

from __future__ import annotations

import dataclasses
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import networkx as nx
import pytest
from PIL import Image, ImageChops, ImageOps
from playwright.sync_api import Browser, Page

from graphintel.charts import style
from graphintel.charts.build import Chart
from graphintel.charts.style import OTHER_PERSON, PROTECTED, ROLES, SUSPECT_ROLE
from graphintel.config import Settings
from graphintel.store import Store
from graphintel.web import views_network
from graphintel.web.netdata import vis_data
from tests.browser import playwright_chromium
from tests.test_charts_roles import META, _node, roles_chart
from tests.test_web_helpers import PASSWORDS, running, sample_served, web_settings

TIMEOUT_MS = 60_000
WORDS = {r.key: f"({r.word})" for r in ROLES if r.word}


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {n["id"]: n for n in data["nodes"]}


def _look(n: dict[str, Any]) -> dict[str, Any]:
    return {k: n.get(k) for k in ("group", "shape", "color", "borderWidth", "size")}


# -- the data the page draws -----------------------------------------------------------------


def test_nodes_carry_the_role_look_and_words() -> None:
    chart = roles_chart()
    data = vis_data(chart, internal=True)
    nodes = _by_id(data)
    child, victim, suspect, other = (nodes[k] for k in ("CS", "V", "S", "O"))
    # a child by age recorded only as a suspect is drawn exactly as a victim, never as one
    assert not chart.graph.nodes["CS"]["victim"] and chart.graph.nodes["CS"]["suspect"]
    assert child["group"] == victim["group"] == PROTECTED.key
    assert _look(child) == _look(victim)
    assert child["gi"]["role"] == victim["gi"]["role"] == PROTECTED.key
    assert child["label"] == "Ann Child\n(child/victim)" and "suspect" not in child["label"]
    assert victim["label"] == "Val Victim\n(child/victim)"
    assert suspect["group"] == SUSPECT_ROLE.key and suspect["gi"]["role"] == SUSPECT_ROLE.key
    assert suspect["label"] == "★1 Sid Suspect\n(suspect)"
    assert suspect["borderWidth"] == style.TARGET_RING > other["borderWidth"]
    assert suspect["color"]["border"] == style.TARGET_BORDER
    assert "group" not in other and other["shape"] == "dot" and other["label"] == "Oli Other"
    assert child["shape"] == suspect["shape"] == style.MARKED_SHAPE
    assert child["color"]["background"] != suspect["color"]["background"]
    # selected, a child keeps the child's fill
    assert child["color"]["highlight"]["background"] == PROTECTED.colour
    for k in ("OB", "PH"):
        assert nodes[k]["shape"] not in style.CIRCLES and "group" not in nodes[k]
        assert nodes[k]["gi"]["role"] == ""
    # each marked role's image: the charts' own, inline (no request)
    assert data["groups"] == {r.key: {"shape": style.MARKED_SHAPE, "image": style.mark_uri(r)}
                              for r in (PROTECTED, SUSPECT_ROLE)}
    assert style.mark_uri(PROTECTED).startswith("data:image/svg+xml;base64,")


def test_the_subject_has_a_dashed_ring_and_exploitation_the_thickest_line() -> None:
    chart = roles_chart()
    chart.graph.nodes["CS"]["subject"] = True
    data = vis_data(chart, internal=False)
    child = _by_id(data)["CS"]
    assert child["shapeProperties"] == {"borderDashes": style.SUBJECT_DASHES}
    assert child["color"]["border"] == style.SUBJECT_BORDER
    assert child["borderWidth"] == style.SUBJECT_RING and child["group"] == PROTECTED.key
    assert "shapeProperties" not in _by_id(data)["V"]
    assert data["legend"]["subject"]["count"] == 1
    kinds = {e["id"]: e["gi"]["type"] for e in data["edges"]}
    exploits = [e["width"] for e in data["edges"] if kinds[e["id"]] == "EXPLOITS"]
    rest = [e["width"] for e in data["edges"] if kinds[e["id"]] != "EXPLOITS"]
    assert exploits and rest and min(exploits) > 2 * max(rest)


def test_the_key_draws_each_roles_mark_and_says_its_words() -> None:
    legend = vis_data(roles_chart(), internal=True)["legend"]
    people = {p["key"]: p for p in legend["people"]}
    assert list(people) == [r.key for r in ROLES]
    assert {k: p["count"] for k, p in people.items()} == {
        PROTECTED.key: 2, SUSPECT_ROLE.key: 1, OTHER_PERSON.key: 1}
    for role in ROLES:
        item = people[role.key]
        assert item["icon"] == style.legend_uri(role)  # the drawing, not a colour swatch
        assert (item["label"], item["word"], item["mark"]) == (role.label, role.word,
                                                               role.mark_name)
    assert legend["target"]["count"] == 1 and "★" in legend["target"]["label"]
    assert "dashed" in legend["subject"]["label"]
    assert legend["links"][0]["width"] == style.EXPLOITS_WIDTH > 2 * max(
        x["width"] for x in legend["links"][1:])
    assert {t["label"] for t in legend["types"]} >= {"Person", "Phone"}


# -- over HTTP, with the bundled sample --------------------------------------------------------


@pytest.fixture(scope="module")
def world(session_store: Store, settings: Settings,
          tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    with sample_served(session_store, settings, tmp_path_factory.mktemp("webhome")) as world:
        yield world


def _client(base: str, user: str) -> httpx.Client:
    c = httpx.Client(base_url=base, follow_redirects=False, timeout=120)
    found = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
    assert found
    r = c.post("/login", data={"username": user, "password": PASSWORDS[user],
                               "csrf": found.group(1)})
    assert r.status_code == 303, r.text
    return c


def _check_people(data: dict[str, Any]) -> dict[str, int]:
    """Every person drawn in the role their flags give, the words under a name fixed text
    only; how many of each role."""
    seen = {r.key: 0 for r in ROLES}
    for n in data["nodes"]:
        g = n["gi"]
        if g["type"] != "Person":
            assert "group" not in n and n["shape"] not in style.CIRCLES and not g["role"]
            continue
        role = style.person_role(victim=g["victim"], suspect=g["suspect"], child=g["child"])
        seen[role.key] += 1
        assert g["role"] == role.key and n.get("group") == (role.key if role.mark else None)
        assert n["shape"] == (style.MARKED_SHAPE if role.mark else "dot")
        if g["child"] or g["victim"]:
            assert role is PROTECTED and "(suspect)" not in n["label"]
        # the label: the name (cut at 40), "★rank" first for a leading target, the word
        label = n["label"]
        if role.word:
            assert label.endswith("\n" + WORDS[role.key])
            label = label.removesuffix("\n" + WORDS[role.key])
        if g["rank"] and label.startswith(f"★{g['rank']} "):
            label = label.removeprefix(f"★{g['rank']} ")
        assert label == g["name"] or (label.endswith("…") and g["name"].startswith(label[:-1]))
    assert {p["key"]: p["count"] for p in data["legend"]["people"]} == seen
    return seen


def test_the_api_draws_roles_for_analysts_and_partners(world: dict[str, Any]) -> None:
    analyst, partner = _client(world["base"], "ana"), _client(world["base"], "pat")
    networks = [int(c["id"]) for c in world["result"]["communities"]][:4]
    totals = {r.key: 0 for r in ROLES}
    age_only = 0
    for n in networks:
        mine = analyst.get(f"/api/network?network={n}")
        theirs = partner.get(f"/partner/api/network?network={n}")
        assert mine.status_code == theirs.status_code == 200
        for data in (mine.json(), theirs.json()):
            for k, v in _check_people(data).items():
                totals[k] += v
            # the marks and the key are the charts' own, whatever the profile
            assert data["groups"] == {r.key: {"shape": style.MARKED_SHAPE,
                                              "image": style.mark_uri(r)}
                                      for r in ROLES if r.mark}
            assert [p["icon"] for p in data["legend"]["people"]] == [
                style.legend_uri(r) for r in ROLES]
            age_only += sum(1 for x in data["nodes"] if x["gi"]["child"]
                            and not x["gi"]["victim"])
        # the partner's key says nothing but what the analyst's does
        a, p = mine.json()["legend"], theirs.json()["legend"]
        assert [(x["label"], x["word"], x["mark"]) for x in a["people"]] == \
            [(x["label"], x["word"], x["mark"]) for x in p["people"]]
        assert a["target"]["label"] == p["target"]["label"]
        assert a["subject"]["label"] == p["subject"]["label"]
    assert totals[PROTECTED.key] and totals[SUSPECT_ROLE.key] and totals[OTHER_PERSON.key]
    assert age_only  # the sample's children not recorded as victims were among them


def test_the_page_allows_its_inline_marks(world: dict[str, Any]) -> None:
    """The marks are data: URIs; the page's policy allows images from data: (and nothing
    more was opened up for them)."""
    page = _client(world["base"], "ana").get("/network")
    csp = page.headers["content-security-policy"]
    img = next(d for d in csp.split(";") if d.strip().startswith("img-src")).split()
    assert img == ["img-src", "'self'", "data:"]
    assert "default-src 'none'" in csp and "script-src 'self';" in csp
    assert 'id="legend"' in page.text and 'value="protected"' in page.text


# -- in a browser: the key, and the circles in greyscale ---------------------------------------


@pytest.fixture(scope="module")
def served(session_store: Store, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(web_settings(settings, tmp_path_factory.mktemp("rolehome")),
                 session_store) as s:
        yield s.base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as b:
        yield b


@contextmanager
def _open_view(browser: Browser, base: str, chart: Chart,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    """The analyst's network view of ``chart`` (served by the workspace in this process)."""
    monkeypatch.setattr(views_network, "chart_for", lambda *a, **k: chart)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/login")
    page.fill("#username", "ana")
    page.fill("#password", PASSWORDS["ana"])
    page.click("#login-button")
    page.wait_for_selector("#who")
    page.goto(base + "/network")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not page.evaluate("document.getElementById('chart').dataset.stable === 'true'"):
        assert time.monotonic() < deadline, "the chart did not settle"
        time.sleep(0.1)
    assert page.evaluate("document.getElementById('chart').dataset.state") == "ready"
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture()
def roles_view(browser: Browser, served: str,
               monkeypatch: pytest.MonkeyPatch) -> Iterator[Page]:
    chart = roles_chart()
    chart.graph.nodes["O"]["subject"] = True  # the chart is about Oli
    with _open_view(browser, served, chart, monkeypatch) as page:
        yield page


def test_the_key_and_the_chart_show_marks_and_words(roles_view: Page) -> None:
    page = roles_view
    assert page.is_visible("#legend")
    items = page.evaluate("""Array.from(document.querySelectorAll('#legend-people li.role'))
        .map(li => ({key: li.dataset.role, src: li.querySelector('img').getAttribute('src'),
                     loaded: li.querySelector('img').naturalWidth > 0,
                     text: li.textContent.replace(/\\s+/g, ' ')}))""")
    assert [i["key"] for i in items] == [r.key for r in ROLES]
    for item, role in zip(items, ROLES, strict=True):
        assert item["src"] == style.legend_uri(role) and item["loaded"], item
        assert role.label in item["text"]
        if role.word:
            assert f"{role.mark_name} in the circle; ({role.word}) under the name" in item["text"]
    assert "★" in page.inner_text("#legend li.target")
    assert page.locator("#legend li.subject .ring.dashed").count() == 1
    widths = [int(w) for w in page.evaluate(
        "Array.from(document.querySelectorAll('#legend li.link')).map(li => li.dataset.width)")]
    assert widths[0] == style.EXPLOITS_WIDTH > 2 * max(widths[1:])
    # vis-network drew the child's and the suspect's marks (their images loaded)
    drawn = page.evaluate("""(() => { const b = window.graphintelView.network.body.nodes;
        return Object.fromEntries(['CS', 'V', 'S', 'O'].map(id => [id,
          {shape: b[id].options.shape, image: b[id].options.image || '',
           loaded: !!(b[id].shape.imageObj && b[id].shape.imageObj.width > 0)}])); })()""")
    assert drawn["CS"] == drawn["V"] == {"shape": style.MARKED_SHAPE,
                                         "image": style.mark_uri(PROTECTED), "loaded": True}
    assert drawn["S"] == {"shape": style.MARKED_SHAPE, "image": style.mark_uri(SUSPECT_ROLE),
                          "loaded": True}
    assert drawn["O"]["shape"] == "dot"
    # the role toggles hide by the role drawn: the child recorded as a suspect goes with
    # the children, not with the suspects
    page.uncheck(".role-toggle[value='suspect']")
    hidden = page.evaluate("window.graphintelView.nodes.get({filter: n => n.hidden})"
                           ".map(n => n.id)")
    assert hidden == ["S"]


#: Greyscale crops are compared at this size (each circle's inner square, resized).
SIDE = 64
ONE_FILL = (40, 160, 200)


def _four_people() -> Chart:
    """A child by age recorded only as a suspect, a victim, a suspect and someone else: the
    same score (the same size), no links, no target."""
    g = nx.MultiDiGraph()
    people: list[tuple[str, dict[str, Any]]] = [
        ("CS", {"child": True, "suspect": True}), ("V", {"victim": True}),
        ("S", {"suspect": True}), ("O", {})]
    for key, role in people:
        g.add_node(key, **_node("Alex Smith", score=100.0, **role))
    return Chart(g, "four", "internal", {**META, "nodes": "4", "links": "0"})


def _circle(page: Page, node: str, out: Path) -> Image.Image:
    """The greyscale square inside ``node``'s circle, as drawn on the page."""
    box = page.evaluate(f"""(() => {{ const v = window.graphintelView;
        const p = v.network.canvasToDOM(v.network.getPosition({node!r}));
        const r = document.getElementById('chart').getBoundingClientRect();
        const radius = v.network.body.nodes[{node!r}].options.size * v.network.getScale();
        return [r.left + p.x, r.top + p.y, radius]; }})()""")
    x, y, radius = (round(v) for v in box)
    half = round(radius * 0.62)  # inside the ring
    assert half > 12, f"{node} is drawn too small to compare ({radius:.1f} px)"
    shot = out / f"{node}.png"
    page.screenshot(path=str(shot), clip={"x": x - half, "y": y - half, "width": 2 * half,
                                          "height": 2 * half})
    return ImageOps.grayscale(Image.open(shot).convert("RGB")).resize((SIDE, SIDE))


def _apart(a: Image.Image, b: Image.Image) -> float:
    """Share of the pixels that differ by more than a quarter of the scale, at the best
    alignment within 2 pixels."""
    inner = (2, 2, SIDE - 2, SIDE - 2)
    shares = []
    for dx in range(-2, 3):
        for dy in range(-2, 3):
            moved = ImageChops.offset(b, dx, dy).crop(inner)
            diff = ImageChops.difference(a.crop(inner), moved).point(lambda v: 255 * (v > 64))
            shares.append(diff.histogram()[255] / (diff.width * diff.height))
    return min(shares)


def test_roles_are_told_apart_in_greyscale_even_when_they_share_one_colour(
        browser: Browser, served: str, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    """With every role given the same fill and border, the child, the suspect and the other
    person still draw differently in the view (what is inside the circle), and a child
    recorded only as a suspect draws exactly as a victim."""
    grey = "#{:02x}{:02x}{:02x}".format(*ONE_FILL)
    for name in ("PROTECTED", "SUSPECT_ROLE", "OTHER_PERSON"):
        monkeypatch.setattr(style, name, dataclasses.replace(getattr(style, name), colour=grey,
                                                             border="#404040"))
    with _open_view(browser, served, _four_people(), monkeypatch) as page:
        fills = page.evaluate("window.graphintelView.nodes.get().map(n => n.color.background)")
        assert set(fills) == {grey}  # told apart by nothing but the drawing
        child, victim, suspect, other = (_circle(page, k, tmp_path) for k in ("CS", "V", "S", "O"))
    # the same drawing (up to where a pixel edge falls), and three different ones
    assert _apart(child, victim) < 0.03
    for a, b in ((child, suspect), (child, other), (suspect, other)):
        assert _apart(a, b) > 0.15

