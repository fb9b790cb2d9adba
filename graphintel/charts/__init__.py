"""Link charts and exports: pipeline step 4.

:func:`write_chart` selects a chart (a network, the people around subjects, the paths
between two subjects, or everything linked to a victim), reads its entity graph from
Neo4j with the latest analysis run's scores and targets, applies the filters and the
profile once (:mod:`.build`), and writes any of: a self-contained interactive HTML chart,
GraphML (plain, and styled for yEd), GEXF 1.3, Cytoscape JSON, CSV for i2 Analyst's
Notebook and i2 ANX XML (docs/exports.md, docs/i2-import.md). Files are
named ``chart-<selection>-<profile>.<ext>``; in the partner profile no file name or
content holds a child's name or date of birth.

The package loads nothing heavy until one of its functions is used: the names below are
forwarded to :mod:`.api` on first use, and ``FORMATS`` comes from :mod:`.formats`, which
has no imports, so the command line's ``--help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphintel.charts.formats import FORMATS

if TYPE_CHECKING:
    from graphintel.charts.api import (
        WRITERS,
        Chart,
        Filters,
        SelectionSpec,
        make_chart,
        parse_formats,
        write_chart,
        write_files,
    )

__all__ = ["FORMATS", "WRITERS", "Chart", "Filters", "SelectionSpec", "make_chart",
           "parse_formats", "write_chart", "write_files"]
_FORWARDED = frozenset(__all__) - {"FORMATS"}


def __getattr__(name: str) -> Any:
    if name in _FORWARDED:
        from graphintel.charts import api

        return getattr(api, name)
    raise AttributeError(f"module 'graphintel.charts' has no attribute {name!r}")
