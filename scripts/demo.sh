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
  # every run starts from the demo's graph empty, so a second run shows what the first did
  # (the meeting's proposed actions, not the same ones carried over from the run before)
  "$gi" reset --yes >/dev/null
else
  echo "NEO4J_URI is set: the sample data goes into that Neo4j ($NEO4J_URI)"
fi
# this run's agendas and charts only (their names carry the run id)
rm -f "$out"/agenda/agenda-run-* "$out"/charts/chart-*
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
echo "== the workspace in the browser (graphintel serve, this machine only)"
web="$GRAPHINTEL_HOME/web"
pwfile="$web/demo-password"
port="${DEMO_PORT:-8765}"
if [ -f "$web/serve.pid" ] && kill -0 "$(cat "$web/serve.pid")" 2>/dev/null; then
  kill "$(cat "$web/serve.pid")" 2>/dev/null || true
  sleep 1
fi
if ! "$gi" users list 2>/dev/null | grep -q '^demo[[:space:]]'; then
  mkdir -p "$web"
  # a random password, only ever in a 0600 file: never printed or logged
  (umask 077; "$(pwd)/.venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(12))' \
    > "$pwfile")
  GRAPHINTEL_WEB_PASSWORD="$(cat "$pwfile")" "$gi" users add demo --role analyst >/dev/null
fi
# another program (another checkout's demo) on the port: a free one instead, so the URL
# printed below is this demo's workspace and nobody else's
port="$("$(pwd)/.venv/bin/python" -c "import socket, sys
s = socket.socket()
try: s.bind(('127.0.0.1', int(sys.argv[1]))); print(sys.argv[1])
except OSError: s.close(); s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])
finally: s.close()" "$port")"
nohup "$gi" serve --port "$port" > "$out/workspace.log" 2>&1 &
serve_pid=$!
echo "$serve_pid" > "$web/serve.pid"
url="http://127.0.0.1:$port/"
for _ in $(seq 1 60); do
  kill -0 "$serve_pid" 2>/dev/null || break
  if "$(pwd)/.venv/bin/python" -c "import sys, urllib.request
try: urllib.request.urlopen(sys.argv[1], timeout=2)
except Exception as e: sys.exit(0 if getattr(e, 'code', None) else 1)" "$url" 2>/dev/null; then
    break
  fi
  sleep 1
done
if kill -0 "$serve_pid" 2>/dev/null; then
  workspace="$url (user demo, password in $pwfile; stop: kill \$(cat $web/serve.pid))"
else
  rm -f "$web/serve.pid"
  workspace="not started: see $out/workspace.log (the other outputs are complete)"
fi
echo
echo "== outputs"
echo "ingest summary: $out/ingest-summary.json"
echo "analysis:       $out/analysis.json"
grep -E '\.(md|html|docx)$' "$out/.agenda-internal" "$out/.agenda-partner" | cut -d: -f2- \
  | sed 's/^/agenda:         /'
sed 's/^/chart:          /' "$out/.chart"
echo "workspace:      $workspace"
rm -f "$out/.agenda-internal" "$out/.agenda-partner" "$out/.chart"
echo
echo "== next: run graphintel on the demo's graph (see README, 'First steps'):"
echo "export GRAPHINTEL_HOME=$GRAPHINTEL_HOME"
