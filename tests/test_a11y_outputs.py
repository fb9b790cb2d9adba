"""Accessibility of the written outputs (WCAG 2.2 AA): the HTML agenda (one main landmark,
contents links large enough to hit, row headers, each picture described once), the Word
agenda (pictures with alternative text, British English) and the HTML link chart (its
entities and links as a table, exactly as redacted as the picture; reflow at 320 px), read
back from the files and, for layout, in headless Chromium."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from html import unescape
from typing import Any

import docx
import pytest
from playwright.sync_api import Browser

from graphintel.agenda import build_agenda, write_agenda
from graphintel.charts import SelectionSpec, make_chart, write_files
from graphintel.config import Settings
from graphintel.store import Store
from tests.browser import playwright_chromium
from tests.test_agenda_data import base_reports, fixed_key_settings, load
from tests.test_charts_partner import _name_patterns
from tests.test_charts_world import EVIL, load_world


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as b:
        yield b


@pytest.fixture(scope="module")
def agenda_files(session_store: Store, settings: Settings,
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("a11y-agenda")
    keyed = fixed_key_settings(settings, folder / "home")
    run_id = load(session_store, settings, folder / "data", base_reports())
    paths = write_agenda(session_store, keyed, run_id=run_id, profile="internal",
                         formats="html,docx", out_dir=folder / "out", date="2025-04-01")
    agenda = build_agenda(session_store, keyed, run_id=run_id, profile="internal",
                          date="2025-04-01")
    return {"html": next(p for p in paths if p.suffix == ".html"),
            "docx": next(p for p in paths if p.suffix == ".docx"),
            "alts": [p.alt for p in agenda.pictures()] + [t.alt for t in agenda.timelines()]}


def figures(html: str) -> list[tuple[str, str]]:
    """Each figure's img alt and caption text (tags removed), in order."""
    return [(unescape(alt), unescape(re.sub(r"<[^>]+>", "", caption)))
            for alt, caption in re.findall(
                r'<figure><img [^>]*alt="([^"]*)">(<figcaption[^>]*>.*?</figcaption>)'
                r"</figure>", html, re.S)]


def test_agenda_html_is_one_main_landmark_with_row_headers(
        agenda_files: dict[str, Any]) -> None:
    html = agenda_files["html"].read_text(encoding="utf-8")
    body = html.split("<body>", 1)[1].split("</body>", 1)[0].strip()
    assert body.startswith("<main>") and body.endswith("</main>")
    assert html.count("<main>") == 1
    summary = re.search(r'<table class="summary">.*?</table>', html, re.S)
    assert summary
    rows = re.findall(r"<tr>(.*?)</tr>", summary.group(0).split("<tbody>")[1], re.S)
    assert rows and all(r.startswith('<th scope="row">') for r in rows)
    assert '<th scope="row">Suspects</th>' in summary.group(0)


def test_agenda_pictures_are_described_once(agenda_files: dict[str, Any]) -> None:
    html = agenda_files["html"].read_text(encoding="utf-8")
    found = figures(html)
    alts = agenda_files["alts"]
    assert len(found) == len(alts) >= 2
    # the whole description once, in the caption; the alt only names the picture
    assert sorted(caption for _, caption in found) == sorted(alts)
    for alt, caption in found:
        assert alt and alt != caption and caption.startswith(alt + ": ")
        assert re.fullmatch(r"(Picture|Timeline) of network \d+", alt)


def test_agenda_contents_links_are_24_pixels_tall(agenda_files: dict[str, Any],
                                                  browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(agenda_files["html"].resolve().as_uri())
    heights = page.evaluate("Array.from(document.querySelectorAll('nav.contents a'))"
                            ".map(a => a.getBoundingClientRect().height)")
    assert heights and min(heights) >= 24
    assert page.evaluate("document.querySelectorAll('main').length") == 1
    page.close()


def test_word_agenda_pictures_have_alt_text_and_british_english(
        agenda_files: dict[str, Any]) -> None:
    html = agenda_files["html"].read_text(encoding="utf-8")
    d = docx.Document(str(agenda_files["docx"]))
    described = [(p.get("title"), p.get("descr"))
                 for p in d.element.body.xpath("//wp:docPr")]
    assert len(described) == len(d.inline_shapes) == len(agenda_files["alts"])
    # the same words, in the same order, as the HTML agenda's alt text
    assert [descr for _, descr in described] == [alt for alt, _ in figures(html)]
    assert all(title == descr and descr for title, descr in described)
    langs = d.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    assert langs == ["en-GB"]
    assert d.core_properties.language == "en-GB"
    with zipfile.ZipFile(agenda_files["docx"]) as z:
        assert b'w:val="en-US"' not in z.read("word/styles.xml")
        assert b"en-GB" in z.read("word/settings.xml")


@pytest.fixture(scope="module")
def charts(session_store: Store, settings: Settings,
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("a11y-charts")
    load_world(session_store, settings, folder)
    out: dict[str, Any] = {}
    for profile in ("internal", "partner"):
        chart = make_chart(session_store, settings,
                           SelectionSpec.around(["Marcus Vane"], hops=2), profile=profile)
        out[profile] = (chart, write_files(chart, ["html"], folder / profile)[0])
    return out


def table_of(html: str) -> str:
    found = re.search(r'<details id="as-table">.*?</details>', html, re.S)
    assert found, "no 'Entities and links as a table'"
    return found.group(0)


@pytest.mark.parametrize("profile", ["internal", "partner"])
def test_chart_lists_its_entities_and_links_as_redacted_as_its_picture(
        charts: dict[str, Any], profile: str) -> None:
    chart, path = charts[profile]
    html = path.read_text(encoding="utf-8")
    table = table_of(html)
    g = chart.graph
    rows = re.findall(r'<th scope="row">(.*?)</th>', table)
    assert sorted(unescape(r) for r in rows) == sorted(d["label"] for _, d in g.nodes(data=True))
    links = table.split('id="links-table"')[1]
    assert links.count("<tr><td>") == g.number_of_edges() > 0
    refs = {r for _, d in g.nodes(data=True) for r in d["refs"].split("; ") if r}
    assert refs and all(r in table for r in refs)
    assert "<script>" not in table and "&lt;script&gt;" in table
    assert EVIL["name"] not in table
    if profile == "partner":
        text = unescape(re.sub(r"<[^>]+>", " ", table)).lower()
        for pattern in _name_patterns():
            assert not pattern.search(text), pattern.pattern
    label = re.search(r'<div id="chart" role="img" aria-label="([^"]+)"', html)
    assert label and "Entities and links as a table" in unescape(label.group(1))


def test_chart_reflows_at_320_pixels(charts: dict[str, Any], browser: Browser) -> None:
    _, path = charts["internal"]
    page = browser.new_page(viewport={"width": 320, "height": 640})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.resolve().as_uri())
    page.wait_for_selector("#chart canvas")
    assert page.evaluate("document.documentElement.scrollWidth") <= 322
    canvas = page.locator("#chart canvas").bounding_box()
    legend = page.locator("#legend").bounding_box()
    assert canvas is not None and legend is not None
    assert canvas["width"] >= 250 and canvas["height"] >= 250
    assert legend["y"] >= canvas["y"] + canvas["height"] - 1  # the legend under the chart
    page.click("#as-table summary")  # the table opens by keyboard or click, and scrolls
    assert page.locator("#entities-table tbody tr").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 322
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("Array.from(document.querySelectorAll('#chart *'))"
                         ".filter(e => e.tabIndex >= 0).length") == 0
    assert errors == []
    page.close()
