"""The HTML agenda in headless Chromium: it renders, asks for nothing outside itself, has a
heading for every section, and prints to A4 with the marking at the top and bottom of
every page."""

from __future__ import annotations

import re
import subprocess
import tempfile
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda import model as m
from graphintel.config import Settings
from graphintel.store import Store
from tests.browser import FLAGS, chromium, open_page
from tests.test_agenda_data import base_reports, fixed_key_settings, load


def non_blank_fraction(png: Path) -> float:
    """Share of pixels that differ from the most common colour; the same measure as
    ``tests.browser.non_blank_fraction``, counted with Pillow's colour histogram (that
    helper's ``pixels.count`` per colour takes ~20 s on a 1280x900 screenshot)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    total = img.width * img.height
    colours = img.getcolors(maxcolors=total) or []
    return 1 - max(n for n, _ in colours) / total


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in {"h1", "h2", "h3"}:
            self._open = tag
            self.found.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            tag, text = self.found[-1]
            self.found[-1] = (tag, text + data)


# -- reading the text of each page of a Chromium PDF (no PDF library needed) ---------------

def _objects(pdf: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    out: dict[int, tuple[bytes, bytes | None]] = {}
    for match in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S):
        body, data = match.group(2), None
        start = re.search(rb"stream\r?\n", body)
        if start:
            raw = body[start.end():body.rindex(b"endstream")]
            try:
                data = zlib.decompress(raw)
            except zlib.error:
                data = raw
            body = body[:start.start()]
        out[int(match.group(1))] = (body, data)
    return out


def _cmap(data: bytes) -> dict[int, str]:
    cmap: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            cmap[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(
                rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                cmap[code] = chr(int(dst, 16) + i)
    return cmap


def page_texts(pdf: bytes) -> list[str]:
    """The text drawn on each page, decoded through the fonts' ToUnicode maps."""
    objs = _objects(pdf)

    def ref(body: bytes, key: bytes) -> int | None:
        found = re.search(rb"/" + key + rb"\s+(\d+) 0 R", body)
        return int(found.group(1)) if found else None

    pages = []
    for _, (body, _data) in sorted(objs.items()):
        if not re.search(rb"/Type\s*/Page\b", body):
            continue
        res_ref = ref(body, b"Resources")
        res = objs[res_ref][0] if res_ref else body
        fonts: dict[bytes, dict[int, str]] = {}
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", res, re.S)
        for name, num in re.findall(rb"/(\w+)\s+(\d+) 0 R", font_dict.group(1) if font_dict
                                    else b""):
            tu = ref(objs[int(num)][0], b"ToUnicode")
            fonts[name] = _cmap(objs[tu][1] or b"") if tu else {}
        contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        text: list[str] = []
        for num in re.findall(rb"(\d+) 0 R", contents.group(1) if contents else b""):
            font: dict[int, str] = {}
            for tok in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|"
                                   rb"\[(.*?)\]\s*TJ|\bET\b", objs[int(num)][1] or b"", re.S):
                if tok.group(1):
                    font = fonts.get(tok.group(1), {})
                    continue
                if tok.group(2) is None and tok.group(3) is None:
                    text.append("\n")
                    continue
                hexes = [tok.group(2)] if tok.group(2) is not None else \
                    re.findall(rb"<([0-9A-Fa-f]*)>", tok.group(3))
                for h in hexes:
                    text.append("".join(font.get(int(h[i:i + 4], 16), "?")
                                        for i in range(0, len(h), 4)))
        pages.append("".join(text))
    return pages


@pytest.fixture(scope="module")
def html_file(session_store: Store, settings: Settings,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], int]:
    session_store.wipe()
    folder = tmp_path_factory.mktemp("agenda-html")
    keyed = fixed_key_settings(settings, folder / "home")
    run_id = load(session_store, settings, folder / "data", base_reports())
    path = write_agenda(session_store, keyed, run_id=run_id, profile="partner",
                        formats="html", out_dir=folder / "out", date="2025-04-01")[0]
    agenda = build_agenda(session_store, keyed, run_id=run_id, profile="partner",
                          date="2025-04-01")
    images = len(agenda.pictures()) + len(agenda.timelines())
    return path, [n.label for n in agenda.networks], images


def test_html_renders_self_contained_with_every_section(
        html_file: tuple[Path, list[str], int], tmp_path: Path) -> None:
    path, labels, images = html_file
    page = open_page(path, tmp_path)
    assert page.external_requests == []
    assert non_blank_fraction(page.screenshot) > 0.03
    parser = _Headings()
    parser.feed(page.dom)
    assert "script" not in parser.tags and "link" not in parser.tags
    h1 = [t for tag, t in parser.found if tag == "h1"]
    h2 = [t for tag, t in parser.found if tag == "h2"]
    h3 = [t for tag, t in parser.found if tag == "h3"]
    assert h1 == [m.TITLE]
    assert h2 == [m.DECISIONS, m.SAFEGUARDING, *labels, m.ACTIONS, m.APPENDIX_EVIDENCE,
                  m.APPENDIX_CHILDREN, m.APPENDIX_PLACES, m.APPENDIX_CHANGES, m.APPENDIX_GAPS,
                  m.APPENDIX_PICTURES]
    assert all(label in h3 for label in labels)  # each network again in the appendices
    links = re.findall(r'<nav class="contents">.*?</nav>', page.dom, re.S)[0]
    assert len(re.findall(r'<a href="#', links)) == len(h2)
    assert page.dom.count('<table') >= 3 * len(labels)
    assert images >= len(labels)
    assert len(re.findall(r'<img src="data:image/png;base64,', page.dom)) == images
    source = path.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["'](?!data:|#)""", source)
    assert "@import" not in source and "url(" not in source


def test_html_prints_to_a4_with_the_marking_on_every_page(
        html_file: tuple[Path, list[str], int], tmp_path: Path) -> None:
    path, _, _ = html_file
    pdf = tmp_path / "agenda.pdf"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}",
                        f"--print-to-pdf={pdf}", "--no-pdf-header-footer",
                        path.resolve().as_uri()], capture_output=True, timeout=120, check=True)
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data))
    assert len(boxes) == 1
    width, height = (float(x) for x in boxes.pop().split()[2:])
    assert abs(width - 595.3) < 1 and abs(height - 841.9) < 1  # A4 in points
    pages = page_texts(data)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert text.count("OFFICIAL-SENSITIVE") >= 2, (number, text[:200])
        assert re.search(rf"Page\s*{number}\s*of\s*{len(pages)}", text)
    assert "Changes since the previous run" in "".join(pages)
    # the core ends before the appendices start, on a page of their own
    first = next(i for i, t in enumerate(pages) if "Appendix A: Evidence" in t
                 and "Contents" not in t)
    assert 1 <= first <= 4
