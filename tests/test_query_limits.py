"""Limits on reads: a server-side timeout, Ctrl-C that stops the server's work, search size.

All against the real Neo4j: the slow statement counts to ten billion, which would take the
server minutes, so only the timeout or the interrupt can end it in time.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from graphintel.cli.app import main
from graphintel.config import Settings, load_settings
from graphintel.errors import ConfigError, CypherFileError, QueryTimeout
from graphintel.queries import run_query, search
from graphintel.store import Store
from tests.graph_helpers import report, write_jsonl


def slow_text(marker: str) -> str:
    return (f"UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 /* {marker} */ "
            "RETURN count(*) AS n")


def running(store: Store, marker: str) -> list[str]:
    """Ids of the server transactions whose current query holds ``marker``."""
    rows = store.read_text(
        "SHOW TRANSACTIONS YIELD transactionId, currentQuery "
        "WHERE currentQuery CONTAINS $marker AND NOT currentQuery STARTS WITH 'SHOW' "
        "RETURN transactionId", {"marker": marker})
    return [str(r["transactionId"]) for r in rows]


def slow_query_dir(folder: Path, marker: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "slow_count.cypher").write_text(
        "// name: slow_count\n// description: counts to ten billion, for the tests\n"
        f"// returns: n\n{slow_text(marker)}\n", encoding="utf-8")
    return folder


# -- 1. the query timeout --------------------------------------------------------------------


def test_the_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHINTEL_QUERY_TIMEOUT", raising=False)
    assert load_settings().query_timeout_s == 60
    monkeypatch.setenv("GRAPHINTEL_QUERY_TIMEOUT", "5")
    assert load_settings().query_timeout_s == 5
    for bad in ("0", "soon"):
        monkeypatch.setenv("GRAPHINTEL_QUERY_TIMEOUT", bad)
        with pytest.raises(ConfigError, match="GRAPHINTEL_QUERY_TIMEOUT"):
            load_settings()


def test_the_bulk_read_timeout_setting(monkeypatch: pytest.MonkeyPatch,
                                       settings: Settings) -> None:
    """Whole-graph streaming reads (the analysis projection) have a timeout of their own:
    at a million reports they take minutes, which an officer's query must not."""
    monkeypatch.delenv("GRAPHINTEL_BULK_READ_TIMEOUT", raising=False)
    assert load_settings().bulk_read_timeout_s == 3600
    monkeypatch.setenv("GRAPHINTEL_BULK_READ_TIMEOUT", "7200")
    assert load_settings().bulk_read_timeout_s == 7200
    for bad in ("0", "later"):
        monkeypatch.setenv("GRAPHINTEL_BULK_READ_TIMEOUT", bad)
        with pytest.raises(ConfigError, match="GRAPHINTEL_BULK_READ_TIMEOUT"):
            load_settings()
    with Store.open(replace(settings, query_timeout_s=1, bulk_read_timeout_s=900)) as store:
        assert (store.query_timeout, store.bulk_timeout) == (1, 900)
        # a streaming read runs under the bulk timeout, a plain read under the query one
        assert store.read_each("has_data", lambda r: None) == 1


def test_the_phone_region_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRAPHINTEL_PHONE_REGION", raising=False)
    assert load_settings().phone_region == "GB"
    monkeypatch.setenv("GRAPHINTEL_PHONE_REGION", " us ")
    assert load_settings().phone_region == "US"
    for bad in ("UK", "XX", "001", "Britain"):
        monkeypatch.setenv("GRAPHINTEL_PHONE_REGION", bad)
        with pytest.raises(ConfigError, match="GRAPHINTEL_PHONE_REGION") as info:
            load_settings()
        assert info.value.fix is not None and "GB" in info.value.fix and "IE" in info.value.fix
    monkeypatch.setenv("GRAPHINTEL_PHONE_REGION", "UK")
    with pytest.raises(ConfigError, match="not UK"):
        load_settings()


def test_a_read_longer_than_the_timeout_is_stopped_by_the_server(
        settings: Settings, session_store: Store) -> None:
    marker = f"slow-{uuid.uuid4().hex}"
    with Store.open(replace(settings, query_timeout_s=1)) as store:
        assert store.query_timeout == 1
        started = time.monotonic()
        with pytest.raises(QueryTimeout) as info:
            store.read_text(slow_text(marker), {}, what="slow")
        assert time.monotonic() - started < 10
        message = info.value.message()
        assert "\n" not in message
        assert message == ("query 'slow' did not finish within 1 s and Neo4j stopped it; at "
                           "GRAPHINTEL_QUERY_TIMEOUT; narrow it (fewer links, a smaller "
                           "limit, a more specific subject) or raise GRAPHINTEL_QUERY_TIMEOUT")
        assert running(session_store, marker) == []
        assert store.read_text("RETURN 1 AS one", {}) == [{"one": 1}]  # still usable
        with pytest.raises(QueryTimeout, match="the query did not finish within 1 s"):
            store.read_text(slow_text(marker), {})


def test_an_officer_query_times_out_with_one_line(
        settings: Settings, session_store: Store, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    marker = f"slow-{uuid.uuid4().hex}"
    folder = slow_query_dir(tmp_path / "q", marker)
    mine = replace(settings, query_dir=folder, query_timeout_s=1)
    with Store.open(mine) as store, pytest.raises(QueryTimeout, match="query 'slow_count'"):
        run_query(store, mine, "slow_count", {})
    monkeypatch.setenv("GRAPHINTEL_QUERY_DIR", str(folder))
    monkeypatch.setenv("GRAPHINTEL_QUERY_TIMEOUT", "1")
    capsys.readouterr()
    assert main(["query", "run", "slow_count"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: query 'slow_count' did not finish within 1 s"), err
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert running(session_store, marker) == []


# -- 2. Ctrl-C -------------------------------------------------------------------------------


def test_ctrl_c_stops_the_query_on_the_server(settings: Settings, session_store: Store,
                                              tmp_path: Path) -> None:
    marker = f"slow-{uuid.uuid4().hex}"
    env = {**os.environ, "GRAPHINTEL_QUERY_DIR": str(slow_query_dir(tmp_path / "q", marker)),
           "GRAPHINTEL_QUERY_TIMEOUT": "600"}
    # Ctrl-C as at a terminal: a process started in the background by a shell without job
    # control inherits SIGINT ignored, so the command is given Python's default handler
    proc = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys; "
         "signal.signal(signal.SIGINT, signal.default_int_handler); "
         "from graphintel.cli.app import main; "
         "sys.exit(main(['query', 'run', 'slow_count']))"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not running(session_store, marker):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "the slow query never started"
            time.sleep(0.1)
        time.sleep(0.5)  # well inside the query
        interrupted = time.monotonic()
        proc.send_signal(signal.SIGINT)
        while running(session_store, marker):
            assert time.monotonic() - interrupted < 2.0, "the server still runs the query"
            time.sleep(0.05)
        _, err = proc.communicate(timeout=10)
        assert time.monotonic() - interrupted < 5.0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        for tx in running(session_store, marker):  # never leave it running for later tests
            session_store.read_text("TERMINATE TRANSACTIONS $ids", {"ids": [tx]})
    assert proc.returncode == 130, err  # the conventional exit code after Ctrl-C
    assert "Traceback" not in err, err


def test_an_interrupted_store_is_closed_and_the_query_is_gone(
        settings: Settings, session_store: Store) -> None:
    marker = f"slow-{uuid.uuid4().hex}"
    store = Store.open(settings)
    main_thread = threading.main_thread().ident
    assert main_thread is not None
    timer = None
    # Ctrl-C as at a terminal, even when the tests run where SIGINT is ignored
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        def interrupt_when_running() -> None:
            deadline = time.monotonic() + 30
            while not running(session_store, marker) and time.monotonic() < deadline:
                time.sleep(0.05)
            signal.pthread_kill(main_thread, signal.SIGINT)  # Ctrl-C, to the waiting thread

        timer = threading.Thread(target=interrupt_when_running, daemon=True)
        timer.start()
        started = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            store.read_text(slow_text(marker), {})
        assert time.monotonic() - started < 30
        assert store.closed
        deadline = time.monotonic() + 2.0
        while running(session_store, marker):
            assert time.monotonic() < deadline, "the server still runs the query"
            time.sleep(0.05)
    finally:
        signal.signal(signal.SIGINT, previous)
        if timer is not None:
            timer.join(timeout=30)
        store.close()


# -- 3. search input limits ------------------------------------------------------------------


@pytest.fixture()
def searchable(store: Store, settings: Settings, tmp_path: Path) -> Store:
    from graphintel.ingest import ingest

    src = write_jsonl(tmp_path / "r.jsonl", [report(
        "IR/S1", [{"id": "p", "type": "Person", "name": "Jordan Smith", "role": "suspect"}],
        narrative="Seen at the Kebab House with a c++ (programmer) 50% [discount] a/b")])
    assert ingest([src], settings=settings, store=store).ok
    return store


def test_search_text_over_the_limits_is_refused_with_one_line(searchable: Store) -> None:
    words = " ".join(f"word{i}" for i in range(3000))
    with pytest.raises(CypherFileError) as info:
        search(searchable, words)
    assert info.value.message() == (
        "the search text has 3,000 words, more than the 200 allowed; at TEXT; search for a "
        "few distinctive words (the limit is GRAPHINTEL_SEARCH_MAX_TERMS)")
    with pytest.raises(CypherFileError) as info:
        search(searchable, "a" * 100_000)
    assert info.value.message().startswith(
        "the search text is 100,000 characters long, more than the 1,000 allowed")
    assert "GRAPHINTEL_SEARCH_MAX_CHARS" in info.value.message()
    # at the limits it runs (no Lucene error), and the limits can be changed
    assert search(searchable, " ".join(["kebab"] + ["ab"] * 199))[0]["id"] == "IR/S1"
    assert search(searchable, "x" * 1000) == []
    search(searchable, "a+" * 500)  # escaped: no Lucene error
    with pytest.raises(CypherFileError, match="3 words, more than the 2 allowed"):
        search(searchable, "jordan kebab house", max_terms=2)
    with pytest.raises(CypherFileError, match="more than the 5 allowed"):
        search(searchable, "jordan", max_chars=5)


def test_search_escapes_every_lucene_special_character(searchable: Store) -> None:
    specials = '+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /'
    for text in [f"kebab {specials}", f"kebab{specials.replace(' ', '')}", "c++ (programmer)",
                 "50% [discount]", "a/b", "name:jordan~2 AND NOT smith^4", "*:* OR kebab"]:
        search(searchable, text)  # no Lucene parse error
    assert [h["id"] for h in search(searchable, "(programmer)")] == ["IR/S1"]
    assert {h["kind"] for h in search(searchable, "jordan^4 kebab~")} == {"person", "report"}


def test_the_search_command_refuses_long_text_in_one_line(
        searchable: Store, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["search", " ".join(["jordan"] * 3000)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Error: the search text has 3,000 words"), err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    monkeypatch.setenv("GRAPHINTEL_SEARCH_MAX_CHARS", "10")
    assert main(["search", "jordan smith kebab"]) == 1
    assert "more than the 10 allowed" in capsys.readouterr().err
    monkeypatch.delenv("GRAPHINTEL_SEARCH_MAX_CHARS")
    assert main(["search", "jordan", "-f", "json"]) == 0
    assert "Jordan Smith" in capsys.readouterr().out
