#!/usr/bin/env bash
# Browsers for the end-to-end tests (tests/e2e, `make test-e2e`): Debian's `chromium` and
# `firefox-esr` packages, driven headless. Test tools never download browsers of their own.
# Quick no-op when both are installed; `apt-get update` runs only when a package is missing and
# apt does not know it yet.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)

apt_install browsers "${missing[@]}"

echo "setup (browsers): $(chromium --version 2>/dev/null | head -n1); $(firefox-esr --version 2>/dev/null | head -n1)"
