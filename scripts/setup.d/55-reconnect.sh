#!/usr/bin/env bash
# The reconnect tests (tests/reconnect, `make test-reconnect`): the npm packages of
# tests/reconnect/package-lock.json — ws (the scenario server), the clients compared with wsclose's
# ReconnectingWebSocket (partysocket, reconnecting-websocket, sockette), @sinonjs/fake-timers and
# puppeteer-core. puppeteer-core drives Debian's chromium and firefox-esr (make setup-browsers)
# and never downloads a browser; PUPPETEER_SKIP_DOWNLOAD says so to any package that would.
# Quick no-op when installed; an install takes what npm's cache already holds first.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

command -v node >/dev/null || { echo "setup (reconnect): the node command is missing; install Node.js >= 20" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup (reconnect): the npm command is missing" >&2; exit 1; }

cd "$root/tests/reconnect"
# `npm ls` fails when a locked package is missing or differs; only then reinstall.
if ! npm ls --all >/dev/null 2>&1; then
  PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_DOWNLOAD=1 PUPPETEER_SKIP_CHROME_HEADLESS_SHELL_DOWNLOAD=1 \
    npm ci --no-audit --no-fund --prefer-offline
fi
