#!/usr/bin/env bash
# The main job on the bundled sample data: Neo4j up, schema, ingest, analyse, agenda, chart.
# Runs against its own graphintel home (.graphintel-demo) so it never touches your graph;
# it ends by printing the line that points your next commands at the demo's graph.
set -euo pipefail
out="${1:-out/demo}"
gi="$(pwd)/.venv/bin/graphintel"
export GRAPHINTEL_HOME="${DEMO_HOME:-$(pwd)/.graphintel-demo}"
# The sample's "today" (sample/ground_truth.json): ages and recency are measured on it.
as_of=2025-06-30
mkdir -p "$out"
if [ -z "${NEO4J_URI:-}" ]; then
  "$gi" neo4j start >/dev/null
else
  echo "NEO4J_URI is set: the sample data goes into that Neo4j ($NEO4J_URI)"
fi
"$gi" schema apply
"$gi" doctor
echo
echo "== ingest the bundled sample (sample/: canonical reports and five tabular extracts)"
"$gi" ingest sample/ -o "$out/ingest-summary.json"
echo
echo "== analyse"
"$gi" analyse --as-of "$as_of" --top 10 -o "$out/analysis.json"
echo
echo "== agenda for the network meeting (internal and partner versions)"
"$gi" agenda --profile internal --format md,html,docx --out "$out/agenda" > "$out/.agenda-internal"
"$gi" agenda --profile partner --format md,html,docx --out "$out/agenda" > "$out/.agenda-partner"
echo
echo "== link chart of the top network (interactive HTML, and i2 ANX)"
"$gi" chart --network top --format html,anx --out "$out/charts" > "$out/.chart"
echo
echo "== outputs"
echo "ingest summary: $out/ingest-summary.json"
echo "analysis:       $out/analysis.json"
grep -E '\.(md|html|docx)$' "$out/.agenda-internal" "$out/.agenda-partner" | cut -d: -f2- \
  | sed 's/^/agenda:         /'
sed 's/^/chart:          /' "$out/.chart"
rm -f "$out/.agenda-internal" "$out/.agenda-partner" "$out/.chart"
echo
echo "== next: run graphintel on the demo's graph (see README, 'First steps'):"
echo "export GRAPHINTEL_HOME=$GRAPHINTEL_HOME"
