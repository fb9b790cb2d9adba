"""Pausing Python's cycle collector around work that allocates a lot and frees it at once.

A collection of the oldest generation walks every live object. While a large read is held
in memory (an agenda's facts, a batch's rows), each one triggered by the allocations of
the work in hand walks all of it again and finds nothing: the work's temporaries are
freed by reference counting as soon as they are done with. Pausing the collector for the
length of such work, and starting it again whatever happens, saves those walks.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the ``with`` block (nested use is safe: only the
    outermost pause starts it again, and only if it was running).

    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


__all__ = ["collector_paused"]
