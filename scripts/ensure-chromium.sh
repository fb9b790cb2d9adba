#!/usr/bin/env bash
# Headless Chromium for the tests that open the HTML agenda and chart as a person would.
# Installed from Debian's packages when missing (needs root or sudo, as on CI).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing chromium (Debian package) for the browser tests..."
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
