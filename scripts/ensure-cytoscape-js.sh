#!/usr/bin/env bash
# cytoscape.js (npm registry, version pinned in tests/cytoscape/package-lock.json) for the
# test that loads the Cytoscape JSON export as cytoscape.js does. Installed once into
# tests/cytoscape/node_modules.
set -euo pipefail
DIR="$(cd "$(dirname "$0")/../tests/cytoscape" && pwd)"
if [ -f "$DIR/node_modules/cytoscape/package.json" ]; then exit 0; fi
command -v npm >/dev/null 2>&1 || { echo "npm is needed to install cytoscape.js for the tests" >&2; exit 1; }
echo "installing cytoscape.js (npm) for the export tests..." >&2
(cd "$DIR" && npm ci --no-audit --no-fund --silent)
test -f "$DIR/node_modules/cytoscape/package.json"
