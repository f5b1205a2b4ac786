#!/usr/bin/env bash
# WebAssembly binding (bindings/wasm): the wasm32-unknown-unknown Rust target, Node.js >= 18 for
# the tests, and from the npm registry (pinned in package-lock.json) binaryen for wasm-opt and
# typescript, which type-checks wsclose.d.ts.
# Quick no-op when everything is installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

command -v rustup >/dev/null || { echo "setup (wasm): rustup is missing; it installs the wasm32-unknown-unknown target" >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

command -v node >/dev/null || { echo "setup (wasm): the node command is missing; install Node.js >= 18" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup (wasm): the npm command is missing" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
if (( major < 18 )); then
  echo "setup (wasm): Node.js $(node --version) is too old; the tests need >= 18" >&2
  exit 1
fi

cd "$root/bindings/wasm"
# `npm ls` fails when a locked package is missing or differs; only then reinstall.
if ! npm ls --all >/dev/null 2>&1 || [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund
fi
