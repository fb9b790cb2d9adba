"""The examples in the analysis functions' docstrings are run, so they stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graphintel.analysis as analysis

MODULES = sorted(m.name for m in pkgutil.iter_modules(analysis.__path__, "graphintel.analysis."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name),
                             optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_ranking_modules_have_examples() -> None:
    for name in ("disruption", "supply", "offenders", "weights"):
        module = importlib.import_module(f"graphintel.analysis.{name}")
        assert doctest.testmod(module).attempted > 0, name
