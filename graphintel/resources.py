"""Find the files that ship with graphintel: ``cypher/``, ``loaders/`` and bundled data.

In a wheel they live inside the package (``graphintel/cypher``); in a source checkout they
sit at the repository root. Both are found through the package location, never the
current folder.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

from graphintel.errors import GraphintelError


@cache
def _resource_dir(name: str) -> Path:
    """The folder ``name`` that ships with graphintel, looked up once per process (the
    package does not move under a running process; a missing folder is looked up again)."""
    packaged = Path(str(resources.files("graphintel"))) / name
    if packaged.is_dir():
        return packaged
    checkout = Path(str(resources.files("graphintel"))).parent / name
    if checkout.is_dir():
        return checkout
    raise GraphintelError(
        f"the {name}/ folder that ships with graphintel is missing",
        str(packaged),
        "reinstall graphintel",
    )


def cypher_dir() -> Path:
    """The folder of ``.cypher`` files (schema and named queries)."""
    return _resource_dir("cypher")


def loaders_dir() -> Path:
    """The folder of loader mappings (``*.yaml``)."""
    return _resource_dir("loaders")


def package_data(name: str) -> Path:
    """A data file inside the ``graphintel`` package itself (e.g. the Neo4j launcher)."""
    return Path(str(resources.files("graphintel"))) / name
