"""The file exports of a chart, one module each (kept importable from here):

- :mod:`.graphml`: plain GraphML (``graphml``) and yEd GraphML (``graphml-yed``);
- :mod:`.gexf`: GEXF 1.3 for Gephi (``gexf``);
- :mod:`.cytoscape`: Cytoscape JSON with a style block (``cyjs``);
- :mod:`.csv_i2`: CSV for i2's import wizard and spreadsheets (``csv``);
- :mod:`.anx`: i2 Analyst's Notebook exchange XML (``anx``).

Every format carries the same node and link attributes (:data:`~.build.NODE_FIELDS`,
:data:`~.build.LINK_FIELDS`; lists joined with ``"; "``), the same report refs and the link
id (``L00001``). Output is deterministic: nodes and links in id order, no timestamps except
GEXF's ``lastmodifieddate``, which is the analysis run's date. docs/exports.md says what
each reader gets.
"""

from __future__ import annotations

from graphintel.charts.csv_i2 import csv_rows, safe_cell, write_csv
from graphintel.charts.cytoscape import cytoscape, write_cyjs
from graphintel.charts.gexf import write_gexf
from graphintel.charts.graphml import write_graphml, write_graphml_yed

__all__ = ["csv_rows", "cytoscape", "safe_cell", "write_csv", "write_cyjs", "write_gexf",
           "write_graphml", "write_graphml_yed"]
