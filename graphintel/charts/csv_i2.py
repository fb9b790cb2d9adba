"""CSV for i2 Analyst's Notebook's import wizard and for spreadsheets.

``<stem>-nodes.csv`` (one row per entity), ``<stem>-links.csv`` (one row per link, with both
ends), UTF-8 with a byte-order mark, and ``<stem>-about.txt``. Numbers stay numbers: only
text that a spreadsheet would run as a formula is guarded (:func:`safe_cell`), so a negative
longitude or score imports as a number.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Any

from graphintel.charts import style
from graphintel.charts.build import LINK_FIELDS, NODE_FIELDS, Chart
from graphintel.secure_files import open_private, write_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A plain decimal number (optionally negative, with a fraction or exponent): a spreadsheet
# reads it as that number, never as a formula. A leading "+" is not included: "+44..." is
# a phone number, kept as text.
NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def safe_cell(value: Any) -> Any:
    """A cell a spreadsheet will not run: text starting ``= + - @`` (or a tab or carriage
    return) gets a leading apostrophe unless it is a plain number; booleans become
    ``true``/``false``; numbers are left alone.

    >>> safe_cell("=HYPERLINK(1)"), safe_cell("+447700900123"), safe_cell("-2.4213")
    ("'=HYPERLINK(1)", "'+447700900123", '-2.4213')
    >>> safe_cell(-2.5), safe_cell(True), safe_cell("-1+2")
    (-2.5, 'true', "'-1+2")
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START) \
            and not NUMBER.fullmatch(value):
        return "'" + value
    return value


NODE_COLUMNS = ["id", *NODE_FIELDS]
LINK_COLUMNS = ["id", "from_id", "from_type", "from_label", "to_id", "to_type", "to_label",
                "direction", *LINK_FIELDS]


def csv_rows(chart: Chart) -> tuple[list[list[Any]], list[list[Any]]]:
    """(node rows, link rows), each headed by its column names; not yet made safe."""
    g = chart.graph
    nodes: list[list[Any]] = [NODE_COLUMNS]
    for node, d in g.nodes(data=True):
        nodes.append([node, *(d[k] for k in NODE_FIELDS)])
    links: list[list[Any]] = [LINK_COLUMNS]
    for a, b, key, d in g.edges(keys=True, data=True):
        na, nb = g.nodes[a], g.nodes[b]
        links.append([key, a, na["i2_type"], na["label"], b, nb["i2_type"], nb["label"],
                      "none" if d["link_type"] == style.SAME_AS else "forward",
                      *(d[k] for k in LINK_FIELDS)])
    return nodes, links


def write_csv(chart: Chart, folder: Path) -> list[Path]:
    """``<stem>-nodes.csv``, ``<stem>-links.csv`` (UTF-8 with BOM, for i2 and Excel) and a
    short ``<stem>-about.txt`` with the chart's title, profile and what was withheld."""
    nodes, links = csv_rows(chart)
    paths = []
    for suffix, rows in (("nodes", nodes), ("links", links)):
        path = folder / f"{chart.stem}-{suffix}.csv"
        with open_private(path, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerows([safe_cell(v) for v in row] for row in rows)
        paths.append(path)
    about = folder / f"{chart.stem}-about.txt"
    lines = [f"{k}: {v}" for k, v in chart.meta.items() if v]
    lines += ["", "Import into i2 Analyst's Notebook: see docs/i2-import.md "
              "(nodes file first, then links)."]
    write_text(about, "\n".join(lines) + "\n")
    paths.append(about)
    return paths
