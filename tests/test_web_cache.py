"""The workspace keeps its slow pages ready: an entry that is only old is served once while
a fresh one is made in the background, and a change to the graph (a new report) has the
agenda and charts made again without anyone asking for them. Against the real Neo4j
with the bundled sample."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from graphintel.config import Settings
from graphintel.ingest import ingest
from graphintel.store import Store
from graphintel.web.app import create_app, keep_warm
from graphintel.web.cache import PageCache, data_version
from graphintel.web.views_meeting import agenda_for
from tests.graph_helpers import report, write_jsonl
from tests.test_web_helpers import load_sample, web_settings


def _until(check: Callable[[], bool], seconds: float = 180.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return False


def test_an_old_entry_is_served_while_a_fresh_one_is_made(session_store: Store) -> None:
    cache = PageCache(max_age_s=0.0)  # every entry is old as soon as it is made
    made: list[int] = []
    release = threading.Event()

    def make() -> int:
        if made:  # the refresh: held until the test has seen the old value served
            release.wait(30)
        made.append(len(made) + 1)
        return made[-1]

    assert cache.get(session_store, "k", make) == 1
    # old: served at once (the refresh is still held), while the refresh runs
    assert cache.get(session_store, "k", make) == 1
    assert cache.get(session_store, "k", make) == 1  # one refresh at a time
    release.set()
    assert _until(lambda: (cache.peek("k") or ((), 0))[1] == 2, 30)
    assert made == [1, 2]
    assert cache.get(session_store, "k", make) == 2


def test_a_changed_graph_is_warmed_again_without_a_request(
        session_store: Store, settings: Settings, tmp_path: Path) -> None:
    load_sample(session_store, settings)
    web = web_settings(settings, tmp_path / "web")
    app = create_app(web, store=session_store, warm=False)
    cache = app.state.cache
    today = datetime.now(UTC).date().isoformat()
    stop = threading.Event()
    watcher = threading.Thread(target=keep_warm, args=(app, stop, 0.2), daemon=True)
    watcher.start()
    try:
        assert app.state.warmed.wait(300)
        first = cache.peek(("agenda-source", today))
        assert first is not None and first[0] == data_version(session_store)
        new = report("IR/2025/WARM01", [
            {"id": "a", "type": "Person", "name": "Ruby Brennan", "nominal_ref": "N0926774",
             "role": "suspect"},
            {"id": "b", "type": "Person", "name": "Warmtest NEWPERSON", "dob": "1990-01-01",
             "role": "associate"}], [{"from": "a", "to": "b", "type": "ASSOCIATE_OF"}],
            date="2025-06-01", narrative="Ruby Brennan met Warmtest NEWPERSON.")
        ingest([write_jsonl(tmp_path / "new.jsonl", [new])], settings=web,
               store=session_store)
        changed = data_version(session_store)
        assert changed != first[0]
        # the watcher makes the agenda's facts, today's agenda and both written agendas
        # again for the new graph, with nobody asking (a load is several transactions, so
        # the watcher may warm up more than once on the way: wait for all of them)
        def made_for_new_graph() -> bool:
            agendas = [v for k, v in _entries(cache)
                       if k[0] in ("agenda-source", "agenda", "agenda-html")]
            return len(agendas) == 4 and all(v[0] == changed for v in agendas)

        assert _until(made_for_new_graph)
        misses = cache.misses
        agenda = agenda_for(cache, session_store, web)
        assert cache.misses == misses  # served from what the watcher made
        assert agenda.header.run_id == first[1].doc["run"]["id"]
    finally:
        stop.set()
        watcher.join(60)
    assert not watcher.is_alive()


def _entries(cache: PageCache) -> list[tuple[tuple[object, ...], tuple[object, ...]]]:
    with cache._lock:
        keys = list(cache._items)
    out = []
    for key in keys:
        found = cache.peek(key)
        if found is not None and isinstance(key, tuple):
            out.append((key, found))
    return out
