"""The meeting pack of the bundled sample as a chair prints it: the Word agenda converted to
PDF by LibreOffice (headless) has a core of at most 4 pages before the appendices and at
most 20 pages in all, with the marking and "Page N of M" on every page; the PDF pages and
the HTML in headless Chromium show pictures that read (spread out, not a blob) and a
timeline with its three rows. ``scripts/ensure-libreoffice.sh`` installs LibreOffice and
poppler-utils (``make test`` runs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from graphintel.agenda import build_agenda, write_agenda
from graphintel.agenda.model import Agenda, Limits
from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from tests.browser import open_page
from tests.graph_helpers import analyse
from tests.test_agenda_data import fixed_key_settings
from tests.test_agenda_html import non_blank_fraction

REPO = Path(__file__).resolve().parent.parent
SAMPLE = ["reports.jsonl", "intel_log.csv", "missing_episodes.csv", "call_data.csv",
          "anpr.csv", "associations.csv"]
MAX_CORE, MAX_PAGES = 4, 20


@dataclass
class Pack:
    agenda: Agenda
    docx: Path
    html: Path
    pdf: Path
    pages: list[str]
    folder: Path


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed: run scripts/ensure-libreoffice.sh")
    return found


def to_pdf(docx: Path, out: Path) -> Path:
    """LibreOffice headless, with a profile of its own (so runs never share one)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([_tool("soffice"), f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--convert-to", "pdf", "--outdir", str(out), str(docx)],
                       capture_output=True, timeout=300, check=True)
    return out / f"{docx.stem}.pdf"


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=120, check=True).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def first_line(page: str) -> str:
    """The first line of a page below the protective marking of its header."""
    rows = [r.strip() for r in page.splitlines() if r.strip()]
    return next((r for r in rows if r != "OFFICIAL-SENSITIVE"), "")


def load_sample(store: Store, settings: Settings) -> None:
    """The bundled sample's files (:data:`SAMPLE`) loaded into an emptied graph."""
    store.wipe()
    ingest([REPO / "sample" / name for name in SAMPLE], settings=settings, store=store)


@pytest.fixture(scope="module")
def pack(session_store: Store, settings: Settings,
         tmp_path_factory: pytest.TempPathFactory) -> Pack:
    folder = tmp_path_factory.mktemp("sample-pack")
    load_sample(session_store, settings)
    run = analyse(session_store)
    keyed = fixed_key_settings(settings, folder / "home")
    paths = write_agenda(session_store, keyed, run_id=run.id, formats="html,docx",
                         out_dir=folder / "out", date="2025-07-01")
    html, docx = paths[0], paths[1]
    agenda = build_agenda(session_store, keyed, run_id=run.id, date="2025-07-01")
    pdf = to_pdf(docx, folder / "pdf")
    return Pack(agenda, docx, html, pdf, pdf_pages(pdf), folder)


def test_word_core_is_short_and_the_whole_pack_prints_within_budget(pack: Pack) -> None:
    pages = pack.pages
    appendix = [i for i, p in enumerate(pages) if first_line(p).startswith("Appendix A:")]
    assert appendix, [first_line(p) for p in pages]
    core = appendix[0]
    assert 2 <= core <= MAX_CORE, [first_line(p) for p in pages]
    assert len(pages) <= MAX_PAGES, "\n".join(first_line(p)[:60] for p in pages)
    assert "For decision today" in pages[0] and "People at risk" in pages[0]
    assert "Contents" in pages[0] and "Appendix F" in pages[0]
    assert any("Safeguarding first" in p for p in pages[:2])
    core_text = "".join(pages[:core])
    for net in pack.agenda.networks[: Limits().core_networks]:
        assert net.label.split(" — ")[0] in core_text
    assert "Actions" in core_text and "Action id" in core_text
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") >= 2, number
        assert re.search(rf"Page {number} of {len(pages)}\b", page), number
    # wide tables are on landscape pages; page 1 is portrait
    sizes = subprocess.run([_tool("pdfinfo"), "-f", "1", "-l", str(len(pages)), str(pack.pdf)],
                           capture_output=True, text=True, check=True).stdout
    boxes = re.findall(r"Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)", sizes)
    assert float(boxes[0][1]) < float(boxes[0][2])
    assert all(float(w) > float(h) for _, w, h in boxes[1:])


def test_pdf_pages_and_pictures_read(pack: Pack) -> None:
    pictures = [i + 1 for i, p in enumerate(pack.pages) if "Picture of network" in p]
    assert len(pictures) == len([n for n in pack.agenda.networks[: Limits().core_networks]
                                 if n.picture])
    shots = pack.folder / "shots"
    shots.mkdir()
    for number in (1, pictures[0]):
        subprocess.run([_tool("pdftoppm"), "-r", "50", "-png", "-f", str(number), "-l",
                        str(number), str(pack.pdf), str(shots / f"page-{number}")],
                       check=True, timeout=120)
    pngs = sorted(shots.glob("*.png"))
    assert len(pngs) == 2 and all(non_blank_fraction(p) > 0.03 for p in pngs)
    top = pack.agenda.networks[0]
    assert top.picture is not None and top.timeline is not None
    # only targets and children carry labels; nothing in the picture stands alone
    labelled = [n for n in top.picture.nodes if n.kind in {"target", "child"}]
    assert 0 < len(labelled) < len(top.picture.nodes)
    linked = {i for edge in top.picture.edges for i in edge}
    assert linked == set(range(len(top.picture.nodes)))
    # the drawing fills its frame instead of sitting as a blob in the middle
    drawn = Image.open(pack.html.parent / top.picture.file_name).convert("L")
    plot = drawn.crop((0, 0, int(drawn.width * 0.8), drawn.height))
    box = plot.point(lambda v: 255 if v < 200 else 0).getbbox()
    assert box is not None
    assert (box[2] - box[0]) / plot.width > 0.6 and (box[3] - box[1]) / plot.height > 0.6
    # the timeline draws its three rows: reports, missing episodes, sightings
    timeline = Image.open(pack.html.parent / top.timeline.file_name).convert("RGB")
    colours = {c for _, c in timeline.getcolors(timeline.width * timeline.height) or []}

    def near(rgb: tuple[int, int, int]) -> bool:
        return any(sum(abs(a - b) for a, b in zip(c, rgb, strict=True)) < 60 for c in colours)

    assert near((0x45, 0x5A, 0x64)) and near((0x1E, 0x88, 0xE5)) and near((0x2E, 0x7D, 0x32))


def test_html_pack_in_a_browser(pack: Pack, tmp_path: Path) -> None:
    page = open_page(pack.html, tmp_path)
    assert page.external_requests == []
    assert non_blank_fraction(page.screenshot) > 0.03
    images = len(re.findall(r'<img src="data:image/png;base64,', page.dom))
    core = pack.agenda.networks[: Limits().core_networks]
    assert images == sum((n.picture is not None) + (n.timeline is not None) for n in core)
    assert len(re.findall(r"<h2 ", page.dom)) == len(re.findall(r'<li><a href="#', page.dom))


def _named(people: str) -> tuple[list[str], bool]:
    """The people a place or asset row names, and whether it counts more ('and 2 others')."""
    more = bool(re.search(r"; and \d+ others?$", people))
    text = re.sub(r"; and \d+ others?$", "", people)
    return [re.sub(r" \([^()]*\)$", "", part) for part in text.split("; ")], more


def test_no_phone_or_vehicle_of_a_child_alone_is_put_to_the_meeting(pack: Pack) -> None:
    """A child exploited into offending (in the sample, two girls assessed as victims and
    suspects) is safeguarded: their own phone is not listed for a communications data
    request, nor counted as a suspect's."""
    at_risk = {c.name for c in pack.agenda.children_rows}
    exploited = {s.name for s in pack.agenda.safeguarding}
    assert exploited and exploited <= at_risk
    assets = [a for n in pack.agenda.networks for a in n.assets]
    assert any(a.kind == "Phone" for a in assets)
    for asset in assets:
        named, more = _named(asset.people)
        assert more or not set(named) <= at_risk, (asset.key, asset.people)
    for place in (p for n in pack.agenda.networks for p in n.places):
        suspects = re.search(r"(\d+) suspects? linked", place.why)
        named, more = _named(place.people)
        if suspects and not more:
            assert len([x for x in named if x not in at_risk]) >= int(suspects[1]), place
