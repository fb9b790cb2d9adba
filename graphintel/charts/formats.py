"""The chart and export format names, in a module with no imports.

The command line shows them in ``--help`` without loading the chart code; a test checks
that :data:`FORMATS` and the writers in :mod:`graphintel.charts` name the same formats.
"""

FORMATS: tuple[str, ...] = ("html", "graphml", "graphml-yed", "gexf", "cyjs", "csv", "anx")
