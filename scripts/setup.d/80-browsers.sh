#!/usr/bin/env bash
# Browsers for the end-to-end tests (tests/e2e, `make test-e2e`): Debian's `chromium` and
# `firefox-esr` packages, driven headless. Test tools never download browsers of their own.
# Quick no-op when both are installed; `apt-get update` runs only when a package is missing and
# apt does not know it yet.
set -euo pipefail

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v firefox-esr >/dev/null || missing+=(firefox-esr)

if (( ${#missing[@]} )); then
  command -v apt-get >/dev/null \
    || { echo "setup (browsers): apt-get not found; install ${missing[*]} by hand" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  sudo=()
  (( EUID == 0 )) || sudo=(sudo)
  known=1
  for pkg in "${missing[@]}"; do
    apt-cache show "$pkg" >/dev/null 2>&1 || known=0
  done
  (( known )) || "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

echo "setup (browsers): $(chromium --version 2>/dev/null | head -n1); $(firefox-esr --version 2>/dev/null | head -n1)"
