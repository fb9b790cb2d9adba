"""Open a local HTML file in headless Chromium as a person would, with the network cut off.

``open_page`` returns the DOM after scripts ran, a screenshot, and every URL the page
asked for (from Chromium's net log), so tests can assert that a self-contained file makes
no request beyond itself.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--hide-scrollbars",
    # Any request that tries to leave the machine goes to a closed port and fails.
    "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
    "--virtual-time-budget=8000",
]


# Chromium's own background traffic (updates, sign-in, clock checks), not the page's.
BROWSER_OWN = ("http://clients2.google.com/", "https://clients2.google.com/",
               "http://update.googleapis.com/", "https://update.googleapis.com/",
               "https://accounts.google.com/", "https://clientservices.googleapis.com/",
               "https://optimizationguide-pa.googleapis.com/", "https://www.google.com/async/",
               "https://safebrowsing.googleapis.com/", "https://content-autofill.googleapis.com/")


@dataclass
class Page:
    dom: str
    screenshot: Path
    requested: list[str]

    @property
    def external_requests(self) -> list[str]:
        return [u for u in self.requested
                if not u.startswith(("file:", "data:", "blob:", "about:", "chrome"))
                and not u.startswith(BROWSER_OWN)]


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        raise RuntimeError("chromium is not installed: run scripts/ensure-chromium.sh")
    return found


def _urls(netlog: Path) -> list[str]:
    try:
        data = json.loads(netlog.read_text(errors="replace"))
    except (OSError, json.JSONDecodeError):
        text = netlog.read_text(errors="replace").rstrip().rstrip(",") + "]}"
        data = json.loads(text)
    urls = []
    for event in data.get("events", []):
        params = event.get("params") or {}
        url = params.get("url")
        if isinstance(url, str):
            urls.append(url)
    return sorted(set(urls))


def open_page(html: Path, out_dir: Path, *, width: int = 1280, height: int = 900) -> Page:
    """Render ``html``: DOM after scripts, a PNG screenshot, the URLs requested."""
    out_dir.mkdir(parents=True, exist_ok=True)
    shot = out_dir / f"{html.stem}.png"
    netlog = out_dir / f"{html.stem}.netlog.json"
    url = html.resolve().as_uri()
    with tempfile.TemporaryDirectory() as profile:
        base = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        dom = subprocess.run([*base, f"--log-net-log={netlog}", "--dump-dom", url],
                             capture_output=True, text=True, timeout=120, check=True).stdout
    with tempfile.TemporaryDirectory() as profile:
        base = [chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"]
        subprocess.run([*base, f"--screenshot={shot}", url], capture_output=True,
                       timeout=120, check=True)
    return Page(dom=dom, screenshot=shot, requested=_urls(netlog))


def non_blank_fraction(png: Path) -> float:
    """Share of pixels that are not the background colour (0 for a blank page)."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    colours = img.getcolors(maxcolors=img.width * img.height) or []
    background = max(colours)[0]
    return 1 - background / (img.width * img.height)


@contextmanager
def playwright_chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (a ``Browser``), for tests that click, type
    and read the accessibility tree; closed at the end."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(),
                                    args=["--no-sandbox", "--disable-gpu"])
        try:
            yield browser
        finally:
            browser.close()
