"""The cycle collector is paused for the block only, and always started again."""

from __future__ import annotations

import doctest
import gc

import pytest

from graphintel import memory
from graphintel.memory import collector_paused


def test_paused_inside_running_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not start it early
    assert gc.isenabled()
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_docstring_examples() -> None:
    assert doctest.testmod(memory).failed == 0
