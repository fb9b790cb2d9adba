#!/usr/bin/env bash
# The main job on the bundled sample data: Neo4j up, schema, ingest, analyse, agenda, chart.
set -euo pipefail
out="${1:-out/demo}"
gi=".venv/bin/graphintel"
mkdir -p "$out"
if [ -z "${NEO4J_URI:-}" ]; then "$gi" neo4j start; fi
"$gi" schema apply
"$gi" doctor
