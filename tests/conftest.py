"""Test fixtures: a real Neo4j of the test suite's own, never the user's graph.

The suite runs its own local Neo4j under ``GRAPHINTEL_HOME`` (``make test`` points it at
``.graphintel-test``), starts it when needed and stops it at the end if it started it.
``GRAPHINTEL_TEST_NEO4J_URI`` (with ``GRAPHINTEL_TEST_NEO4J_PASSWORD``) points the suite at
another throwaway server instead; ``NEO4J_URI`` is ignored so a user's graph is never wiped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel import local_neo4j
from graphintel.config import Settings, load_settings
from graphintel.schema import apply_schema
from graphintel.store import Store

REPO = Path(__file__).resolve().parent.parent


def _test_settings() -> Settings:
    home = os.environ.get("GRAPHINTEL_HOME", "")
    if not home or Path(home).resolve() == (REPO / ".graphintel").resolve():
        os.environ["GRAPHINTEL_HOME"] = str(REPO / ".graphintel-test")
    for name in ("NEO4J_URI", "NEO4J_PASSWORD", "NEO4J_USER", "NEO4J_DATABASE"):
        os.environ.pop(name, None)
    os.environ["GRAPHINTEL_ENV_FILE"] = str(REPO / "tests" / "no-such.env")
    os.environ.setdefault("GRAPHINTEL_NEO4J_HEAP", "1g")
    os.environ.setdefault("GRAPHINTEL_NEO4J_PAGECACHE_MB", "256")
    settings = load_settings()
    uri = os.environ.get("GRAPHINTEL_TEST_NEO4J_URI")
    if uri:
        os.environ["NEO4J_URI"] = uri
        os.environ["NEO4J_PASSWORD"] = os.environ.get("GRAPHINTEL_TEST_NEO4J_PASSWORD", "")
        settings = load_settings()
    return settings


@pytest.fixture(scope="session")
def settings() -> Iterator[Settings]:
    """Settings of the test suite's own Neo4j, started for the session if needed."""
    s = _test_settings()
    started_here = False
    if s.uses_local_neo4j and not local_neo4j.status(s).running:
        local_neo4j.start(s)
        started_here = True
    yield s
    if started_here:
        local_neo4j.stop(s)


@pytest.fixture(scope="session")
def session_store(settings: Settings) -> Iterator[Store]:
    with Store.open(settings) as store:
        apply_schema(store)
        yield store


@pytest.fixture()
def store(session_store: Store) -> Store:
    """The test Neo4j, emptied of data (schema kept) before the test."""
    session_store.wipe()
    return session_store


@pytest.fixture()
def home(settings: Settings, tmp_path: Path) -> Settings:
    """Settings whose audit/quarantine files go to a fresh folder, same Neo4j."""
    return replace(settings)
