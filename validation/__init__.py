"""Validation of graphintel on criminal-network data written and published by others.

``validation/data/`` holds the published data sets (with their provenance and licences);
``validation/published.py`` converts them into graphintel's canonical JSON Lines
(FORMATS.md section 1) plus a ground-truth JSON, so they load through the normal ingest.
"""
