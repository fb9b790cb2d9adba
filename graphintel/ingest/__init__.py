"""Ingest: sources (canonical JSON Lines, mapped CSV/XLSX) into the graph, nothing lost."""

from graphintel.ingest.engine import IngestSummary, ingest

__all__ = ["IngestSummary", "ingest"]
