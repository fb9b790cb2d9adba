"""A small cache of the workspace's slow pages (charts, the agenda), valid while the graph
is unchanged.

Each entry is kept with the *data version* it was made from: node and relationship totals,
the latest analysis run, the meeting actions' last change and the latest new version of a
report (one cheap read, ``web_data_version``). A page asks with its key; when the version
has moved on it is made again. An entry older than :data:`MAX_AGE_S` (of a version that
has not moved on) is still served once while a fresh one is made in the background, so
that no officer waits for a page only because time passed. Nothing here is written to disk.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from graphintel.store import Store

log = logging.getLogger(__name__)

MAX_ENTRIES = 64
MAX_AGE_S = 600.0


def data_version(store: Store) -> tuple[Any, ...]:
    """What cached pages depend on (see the module docstring)."""
    row = store.read("web_data_version")[0]
    return (row["nodes"], row["relationships"], str(row["run"]), row["actions"],
            str(row["action_updated"]), str(row["versioned"]))


class PageCache:
    """Least-recently-used pages by key, each valid for one data version."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_age_s: float = MAX_AGE_S) -> None:
        self.max_entries = max_entries
        self.max_age_s = max_age_s
        self._items: OrderedDict[Hashable, tuple[tuple[Any, ...], float, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}
        self._refreshing: set[Hashable] = set()
        self.hits = 0
        self.misses = 0

    def _fresh(self, key: Hashable, version: tuple[Any, ...], now: float) -> tuple[bool, Any]:
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == version and now - found[1] < self.max_age_s:
                self._items.move_to_end(key)
                return True, found[2]
        return False, None

    def _stale(self, key: Hashable, version: tuple[Any, ...]) -> tuple[bool, Any]:
        """An aged entry of this same version, when one is kept."""
        with self._lock:
            found = self._items.get(key)
            if found is not None and found[0] == version:
                return True, found[2]
        return False, None

    def _refresh(self, store: Store, key: Hashable, make: Callable[[], Any]) -> None:
        """Make ``key`` again in the background (once at a time per key)."""
        with self._lock:
            if key in self._refreshing:
                return
            self._refreshing.add(key)

        def work() -> None:
            try:
                version = data_version(store)
                value = make()
                with self._lock:
                    self._items[key] = (version, time.monotonic(), value)
                    self._items.move_to_end(key)
            except Exception:
                # the next request makes it in the open and shows what went wrong
                log.exception("refreshing a cached page failed")
                with self._lock:
                    self._items.pop(key, None)
            finally:
                with self._lock:
                    self._refreshing.discard(key)

        threading.Thread(target=work, name="graphintel-page-refresh", daemon=True).start()

    def get[T](self, store: Store, key: Hashable, make: Callable[[], T]) -> T:
        """The cached value of ``key`` for the graph as it is now, made when needed (once:
        a second request for the same key waits for the first to make it)."""
        version = data_version(store)
        now = time.monotonic()
        hit, value = self._fresh(key, version, now)
        if hit:
            self.hits += 1
            return value
        stale, value = self._stale(key, version)
        if stale:
            self.hits += 1
            self._refresh(store, key, make)
            return value
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            hit, value = self._fresh(key, version, now)
            if hit:
                self.hits += 1
                return value
            self.misses += 1
            value = make()
            with self._lock:
                self._items[key] = (version, now, value)
                self._items.move_to_end(key)
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
                self._making.pop(key, None)
        return value

    def peek(self, key: Hashable) -> tuple[tuple[Any, ...], Any] | None:
        """The data version and value kept for ``key``, if any (nothing is made)."""
        with self._lock:
            found = self._items.get(key)
        return None if found is None else (found[0], found[2])

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


__all__ = ["PageCache", "data_version"]
