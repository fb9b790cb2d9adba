"""Page load times of the workspace (``graphintel serve``), against a real Neo4j.

    python bench/web.py                       # the bundled sample (169 reports)
    python bench/web.py --reports 10000       # a synthetic set of 10,000 reports
    python bench/web.py --reports 10000 --browser   # also time the network view in Chromium

Loads the data into the graph of ``GRAPHINTEL_HOME`` (default ``/tmp/graphintel-bench-home``;
the graph is wiped first), analyses it, starts the workspace in this process on a free
local port and times each page as a logged-in analyst, chair or partner would load it:
``cold`` is the first request of each page once the start-up warm-up (the top network's
chart, the people graph and today's agenda, made in the background) has finished, or with
``--no-warm`` the first request with nothing made in advance; ``warm`` is the median of
``--repeat`` further requests. Prints a Markdown table; ``--json`` writes the figures.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("GRAPHINTEL_HOME", "/tmp/graphintel-bench-home")
for _name in ("NEO4J_URI", "NEO4J_PASSWORD"):
    os.environ.pop(_name, None)

import httpx  # noqa: E402

from graphintel.analysis.projection import ProjectionParams  # noqa: E402
from graphintel.analysis.run import AnalysisParams, run_analysis  # noqa: E402
from graphintel.config import Settings, load_settings  # noqa: E402
from graphintel.ingest import ingest  # noqa: E402
from graphintel.schema import apply_schema  # noqa: E402
from graphintel.store import Store  # noqa: E402
from graphintel.web.accounts import add_user  # noqa: E402
from graphintel.web.app import create_app  # noqa: E402
from graphintel.web.server import in_background  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE = ["reports.jsonl", "intel_log.csv", "missing_episodes.csv", "call_data.csv",
          "anpr.csv", "associations.csv"]
PASSWORD = "bench-password-123"


def load(store: Store, settings: Settings, reports: int) -> dict[str, Any]:
    """Wipe, ingest the data set, analyse as of its last report; the analysis result."""
    store.wipe()
    if reports:
        from bench.ingest_bench import dataset
        paths = [dataset(reports) / "reports.jsonl"]
    else:
        paths = [REPO / "sample" / n for n in SAMPLE]
    start = time.perf_counter()
    ingest(paths, settings=settings, store=store)
    loaded = time.perf_counter() - start
    last = store.read("analysis_report_dates")[0]["last"]
    start = time.perf_counter()
    run = run_analysis(store, AnalysisParams(projection=ProjectionParams(
        as_of=str(last)[:10])))
    print(f"loaded in {loaded:.1f} s, analysed in {time.perf_counter() - start:.1f} s",
          flush=True)
    return dict(run.result)


def session(base: str, user: str) -> httpx.Client:
    c = httpx.Client(base_url=base, timeout=300)
    token = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
    assert token
    r = c.post("/login", data={"username": user, "password": PASSWORD,
                               "csrf": token.group(1)})
    assert r.status_code == 303, r.text
    return c


def pages(result: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(role, name, URL) of every page timed."""
    targets = sorted(result["targets"], key=lambda t: t["rank"])
    top = targets[0]
    other = targets[min(3, len(targets) - 1)]
    sixth = targets[min(5, len(targets) - 1)]
    uid = quote(top["uid"], safe="")
    word = str(top["name"]).split()[-1]
    return [
        ("anyone", "login page", "/login"),
        ("analyst", "search page", "/"),
        ("analyst", f"search '{word}'", f"/search?q={quote(word)}"),
        ("analyst", "profile of the sixth-ranked target",
         f"/person/{quote(sixth['uid'], safe='')}"),
        ("analyst", "network view (page)", "/network"),
        ("analyst", "network data: top network", "/api/network"),
        ("analyst", "network data: around the top target, 1 link",
         f"/api/network?around={uid}&hops=1"),
        ("analyst", "network data: expand a node",
         f"/api/network?around={uid}&hops=1&expanded={quote(other['uid'], safe='')}"),
        ("analyst", "network data: 2025 only",
         "/api/network?since=2025-01-01&until=2025-12-31"),
        ("analyst", "paths between the top two targets",
         f"/paths?a={uid}&b={quote(other['uid'], safe='')}"),
        ("chair", "meeting view", "/meeting"),
        ("chair", "written agenda (internal HTML)", "/meeting/agenda"),
        ("partner", "partner home", "/partner"),
        ("partner", "partner network data", "/partner/api/network?network="
         + str(top.get("community") or 1)),
        ("partner", "partner agenda", "/partner/agenda"),
    ]


def timed(c: httpx.Client, url: str) -> tuple[float, int, int]:
    start = time.perf_counter()
    r = c.get(url)
    return time.perf_counter() - start, r.status_code, len(r.content)


def after_decision(c: httpx.Client) -> list[dict[str, Any]]:
    """The chair accepts the first proposal on the meeting view; then the meeting view and
    the written agenda, which apply the decision, are timed (first request, then warm)."""
    page = c.get("/meeting").text
    form = re.search(r'<form class="decide".*?</form>', page, re.S)
    assert form, "no proposal to decide on the meeting view"
    fields = dict(re.findall(r'name="(csrf|run_id|key|label)" value="([^"]*)"',
                             form.group(0)))
    fields = {k: html.unescape(v) for k, v in fields.items()}
    r = c.post("/meeting/decide", data={**fields, "decision": "accepted",
                                        "note": "benchmark"})
    assert r.status_code == 303, r.text
    out = []
    for name, url in (("meeting view after a decision", "/meeting"),
                      ("written agenda after a decision", "/meeting/agenda")):
        cold, status, size = timed(c, url)
        warm = [timed(c, url)[0] for _ in range(3)]
        out.append({"role": "chair", "page": name, "status": status, "bytes": size,
                    "cold_s": round(cold, 3), "warm_s": round(statistics.median(warm), 3)})
        print(f"chair    {name:48} {status} cold {cold:6.3f} s  warm "
              f"{statistics.median(warm):6.3f} s", flush=True)
    return out


def browser_seconds(base: str, repeat: int) -> list[float]:
    """Seconds from opening the network view to the chart drawn, in headless Chromium."""
    import shutil

    from playwright.sync_api import sync_playwright

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        return []
    out = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=found, args=["--no-sandbox", "--disable-gpu"])
        page = b.new_page()
        page.goto(base + "/login")
        page.fill("#username", "ana")
        page.fill("#password", PASSWORD)
        page.click("#login-button")
        page.wait_for_selector("#who")
        for _ in range(repeat):
            start = time.perf_counter()
            page.goto(base + "/network")
            while page.evaluate("document.getElementById('chart').dataset.state") == "loading":
                time.sleep(0.02)
            out.append(time.perf_counter() - start)
        b.close()
    return out


def measure(store: Store, settings: Settings, result: dict[str, Any], *, repeat: int = 5,
            warm: bool = True, written: bool = True, browser: bool = False
            ) -> tuple[list[dict[str, Any]], list[float]]:
    """Serve the workspace over the loaded graph and time every page (see the module
    docstring); the rows, and the Chromium times of the network view when ``browser``."""
    with tempfile.TemporaryDirectory() as tmp:
        web = replace(settings, home=Path(tmp))
        for user, role in (("ana", "analyst"), ("chris", "chair"), ("pat", "partner")):
            add_user(web, user, role, PASSWORD)
        rows = []
        app = create_app(web, store=store, warm=warm)
        started = time.perf_counter()
        with in_background(app) as base:
            if warm:
                app.state.warmed.wait()
                print(f"warm-up at start-up took {time.perf_counter() - started:.1f} s",
                      flush=True)
            clients = {"analyst": session(base, "ana"), "chair": session(base, "chris"),
                       "partner": session(base, "pat"),
                       "anyone": httpx.Client(base_url=base, timeout=300)}
            for role, name, url in pages(result):
                if not written and "agenda" in url:
                    continue
                c = clients[role]
                cold, status, size = timed(c, url)
                again = [timed(c, url)[0] for _ in range(repeat)]
                rows.append({"role": role, "page": name, "status": status, "bytes": size,
                             "cold_s": round(cold, 3),
                             "warm_s": round(statistics.median(again), 3)})
                print(f"{role:8} {name:48} {status} cold {cold:6.3f} s  warm "
                      f"{statistics.median(again):6.3f} s", flush=True)
            if written:
                rows.extend(after_decision(clients["chair"]))
            chromium = browser_seconds(base, repeat) if browser else []
    return rows, chromium


def run(store: Store, settings: Settings, reports: int = 10_000, repeat: int = 5
        ) -> list[dict[str, Any]]:
    """For ``make bench``: load ``reports`` synthetic reports, analyse, time every page."""
    result = load(store, settings, reports)
    rows, _ = measure(store, settings, result, repeat=repeat)
    return [{"reports": reports, "role": r["role"], "page": r["page"],
             "status": r["status"], "first_s": r["cold_s"], "warm_s": r["warm_s"]}
            for r in rows]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=0,
                        help="synthetic reports to load (0: the bundled sample)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--browser", action="store_true",
                        help="also time the network view in headless Chromium")
    parser.add_argument("--skip-written", action="store_true",
                        help="leave out the written agendas (minutes at 10,000 reports)")
    parser.add_argument("--no-warm", action="store_true",
                        help="time the first requests without the start-up warm-up")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    settings = load_settings()
    with Store.open(settings) as store:
        apply_schema(store)
        result = load(store, settings, args.reports)
        rows, chromium = measure(store, settings, result, repeat=args.repeat,
                                 warm=not args.no_warm, written=not args.skip_written,
                                 browser=args.browser)
    run = result["run"]
    print(f"\n{args.reports or 'sample: 169'} reports; {run['persons']} people, "
          f"{run['networks']} networks\n")
    print("| role | page | cold (s) | warm (s) |\n| --- | --- | ---: | ---: |")
    for r in rows:
        print(f"| {r['role']} | {r['page']} | {r['cold_s']:.3f} | {r['warm_s']:.3f} |")
    if chromium:
        print(f"\nnetwork view in Chromium, open to drawn: median "
              f"{statistics.median(chromium):.2f} s over {len(chromium)}")
    if args.json:
        args.json.write_text(json.dumps({"reports": args.reports, "rows": rows,
                                         "chromium_network_s": chromium}, indent=2))
    return 0 if all(r["status"] == 200 for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
