"""Helpers for the workspace tests (no tests here): load the bundled sample into the test
Neo4j, make accounts, run the real server in a thread on a free port."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from starlette.applications import Starlette

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from graphintel.web.accounts import add_user
from graphintel.web.app import create_app
from graphintel.web.server import in_background
from tests.graph_helpers import analyse

REPO = Path(__file__).resolve().parent.parent
SAMPLE = [REPO / "sample" / n for n in ("reports.jsonl", "intel_log.csv",
                                        "missing_episodes.csv", "call_data.csv", "anpr.csv",
                                        "associations.csv")]
PASSWORDS = {"ana": "analyst-pass-123", "chris": "chair-pass-1234",
             "pat": "partner-pass-123"}
ROLES = {"ana": "analyst", "chris": "chair", "pat": "partner"}


def load_sample(store: Store, settings: Settings) -> dict[str, Any]:
    """Wipe, ingest the bundled sample, analyse as of its last report; the result."""
    store.wipe()
    summary = ingest(SAMPLE, settings=settings, store=store)
    assert summary.files, summary.as_dict()
    return dict(analyse(store).result)


def web_settings(settings: Settings, home: Path) -> Settings:
    """The test Neo4j's settings with a fresh home for accounts, keys and the audit log."""
    home.mkdir(parents=True, exist_ok=True)
    web = replace(settings, home=home)
    for name, role in ROLES.items():
        add_user(web, name, role, PASSWORDS[name])
    return web


@dataclass
class Served:
    base: str
    app: Starlette


@contextmanager
def sample_served(store: Store, settings: Settings, home: Path) -> Iterator[dict[str, Any]]:
    """The bundled sample loaded and analysed, served with the test accounts in ``home``:
    ``result`` (the analysis), ``settings``, ``base`` (the URL) and ``app``."""
    result = load_sample(store, settings)
    web = web_settings(settings, home)
    with running(web, store) as served:
        yield {"result": result, "settings": web, "base": served.base, "app": served.app}


@contextmanager
def running(settings: Settings, store: Store) -> Iterator[Served]:
    """The workspace served on 127.0.0.1 from a thread of the test process."""
    app = create_app(settings, store=store, warm=False)
    with in_background(app) as base:
        yield Served(base, app)


def test_the_session_cookie_is_secure_only_when_served_to_other_machines(
        settings: Settings, session_store: Store, tmp_path: Path) -> None:
    import urllib.request

    web = web_settings(settings, tmp_path / "home")
    for secure in (False, True):
        app = create_app(web, store=session_store, warm=False, secure_cookie=secure)
        with in_background(app) as base:
            with urllib.request.urlopen(f"{base}/login", timeout=10) as page:
                cookie = page.headers.get("set-cookie") or ""
        assert "graphintel_session=" in cookie
        assert ("secure" in cookie.lower()) == secure
