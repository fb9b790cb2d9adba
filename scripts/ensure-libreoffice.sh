#!/usr/bin/env bash
# LibreOffice (headless, no GUI) and poppler-utils for the tests that convert the Word agenda
# to PDF and count or picture its pages. Installed from Debian's packages when missing
# (needs root or sudo, as on CI).
set -euo pipefail
if command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
echo "installing libreoffice-writer-nogui and poppler-utils (Debian packages) for the Word agenda tests..."
$SUDO apt-get update -qq >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  libreoffice-writer-nogui fonts-dejavu-core fonts-liberation poppler-utils >/dev/null
command -v soffice >/dev/null
command -v pdftoppm >/dev/null
