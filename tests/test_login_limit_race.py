"""The login limit holds for guesses sent in parallel: each attempt is reserved before its
password check, so no more than the limit's number of checks run for one user name or one
address in a window, on the limiter and on the real server."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from graphintel.config import Settings
from graphintel.store import Store
from graphintel.web.security import ADDRESS_MAX_FAILURES, MAX_FAILURES, LoginLimiter
from tests.test_web_helpers import PASSWORDS, running, web_settings

GUESSES = 60


def parallel_checks(limiter: LoginLimiter, name: str, addresses: list[str],
                    outcome: str = "fail") -> int:
    """Send one guess per address at once, as the login does (blocked, a slow password
    check, then failed or succeeded); how many password checks ran."""
    start = threading.Barrier(len(addresses))
    lock = threading.Lock()
    checks = 0

    def guess(address: str) -> None:
        nonlocal checks
        start.wait()
        if limiter.blocked(name, address):
            return
        with lock:
            checks += 1
        time.sleep(0.05)  # the Argon2 check
        if outcome == "fail":
            limiter.failed(name, address)
        elif outcome == "ok":
            limiter.succeeded(name)

    with ThreadPoolExecutor(len(addresses)) as pool:
        list(pool.map(guess, addresses))
    return checks


@pytest.mark.parametrize(("addresses", "limit"), [
    (["10.0.0.1"] * GUESSES, MAX_FAILURES),                     # one address, one user
    ([f"10.0.{i // 250}.{i % 250}" for i in range(GUESSES)], MAX_FAILURES),  # many addresses
    (["10.0.0.1"] * GUESSES, 1),
])
def test_parallel_guesses_get_no_more_checks_than_the_limit(addresses: list[str],
                                                            limit: int) -> None:
    limiter = LoginLimiter(max_failures=limit)
    assert parallel_checks(limiter, "ana", addresses) == limit
    assert limiter.blocked("ana", "192.0.2.1")  # the user name is blocked from anywhere
    assert parallel_checks(limiter, "ana", addresses) == 0


def test_attempts_in_progress_count_until_they_settle() -> None:
    limiter = LoginLimiter(max_failures=2, address_max_failures=2)
    assert not limiter.blocked("ana", "1.1.1.1") and not limiter.blocked("ana", "1.1.1.1")
    assert limiter.blocked("ana", "1.1.1.1")  # two checks running: a third waits
    limiter.succeeded("ana")                  # one was right: its reservation is released
    assert not limiter.blocked("ana", "1.1.1.1")
    limiter.failed("ana", "1.1.1.1")
    limiter.failed("ana", "1.1.1.1")
    assert limiter.blocked("ana", "1.1.1.1") and limiter.blocked("ana", "2.2.2.2")
    assert limiter.blocked("bob", "1.1.1.1") and not limiter.blocked("bob", "3.3.3.3")


def test_one_persons_typos_do_not_lock_out_the_others_at_the_same_address() -> None:
    """Analysts behind one address: Ana's five wrong passwords block Ana, not Bob; only
    the address's own, higher limit blocks everyone there."""
    limiter = LoginLimiter()
    for _ in range(MAX_FAILURES):
        assert not limiter.blocked("ana", "10.0.0.1")
        limiter.failed("ana", "10.0.0.1")
    assert limiter.blocked("ana", "10.0.0.1") and not limiter.blocked("bob", "10.0.0.1")
    limiter.succeeded("bob")
    for i in range(ADDRESS_MAX_FAILURES - MAX_FAILURES):
        assert not limiter.blocked(f"guess{i}", "10.0.0.1")
        limiter.failed(f"guess{i}", "10.0.0.1")
    assert limiter.blocked("bob", "10.0.0.1") and not limiter.blocked("bob", "10.0.0.2")


def test_good_logins_in_parallel_do_not_lock_the_user_out() -> None:
    limiter = LoginLimiter()
    for _ in range(3):
        assert parallel_checks(limiter, "ana", ["10.0.0.1"] * 4, outcome="ok") == 4
    assert not limiter.blocked("ana", "10.0.0.1")


def test_a_reservation_never_settled_expires_with_the_window() -> None:
    limiter = LoginLimiter(max_failures=1, window_s=0.2)
    assert not limiter.blocked("ana", "1.1.1.1")  # the check raised: never settled
    assert limiter.blocked("ana", "1.1.1.1")
    time.sleep(0.3)
    assert not limiter.blocked("ana", "1.1.1.1")


def test_failures_from_calls_without_a_reservation_still_count() -> None:
    limiter = LoginLimiter(max_failures=2)
    limiter.failed("a", "1.1.1.1")
    limiter.failed("a", "2.2.2.2")
    assert limiter.blocked("a", "3.3.3.3") and not limiter.blocked("b", "3.3.3.3")


def test_parallel_logins_to_the_server_get_at_most_the_limit_of_checks(
        store: Store, settings: Settings, tmp_path: Path) -> None:
    web = web_settings(settings, tmp_path / "web")
    with running(web, store) as served:
        clients = [httpx.Client(base_url=served.base, timeout=120) for _ in range(30)]
        tokens = []
        for c in clients:
            found = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
            assert found
            tokens.append(found.group(1))
        start = threading.Barrier(len(clients))

        def guess(i: int) -> int:
            start.wait()
            return clients[i].post("/login", data={"username": "ana", "csrf": tokens[i],
                                                   "password": f"wrong-guess-{i:04d}"}
                                   ).status_code

        with ThreadPoolExecutor(len(clients)) as pool:
            codes = list(pool.map(guess, range(len(clients))))
        for c in clients:
            c.close()
        assert codes.count(401) == MAX_FAILURES  # checked and wrong
        assert codes.count(429) == len(clients) - MAX_FAILURES  # refused unchecked
        with httpx.Client(base_url=served.base, timeout=120) as c:
            found = re.search(r'name="csrf" value="([^"]+)"', c.get("/login").text)
            assert found
            r = c.post("/login", data={"username": "ana", "password": PASSWORDS["ana"],
                                       "csrf": found.group(1)})
            assert r.status_code == 429  # blocked for the window, even with the password
