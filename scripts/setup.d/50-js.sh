#!/usr/bin/env bash
# JavaScript (bindings/js, the npm package `wsclose`) and the WebAssembly module it runs: the
# wasm32-unknown-unknown Rust target, Node.js >= 20 with npm, and the packages of
# bindings/js/package-lock.json from the npm registry (typescript, binaryen for wasm-opt, esbuild
# for the bundler test, ws and @types/node for the tests). Quick no-op when installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

command -v rustup >/dev/null || { echo "setup (js): rustup is missing; it installs the wasm32-unknown-unknown target" >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

command -v node >/dev/null || { echo "setup (js): the node command is missing; install Node.js >= 20" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup (js): the npm command is missing" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
if (( major < 20 )); then
  echo "setup (js): Node.js $(node --version) is too old; the package needs >= 20" >&2
  exit 1
fi

cd "$root/bindings/js"
# `npm ls` fails when a locked package is missing or differs; only then reinstall.
if ! npm ls --all >/dev/null 2>&1 || [ ! -x node_modules/.bin/wasm-opt ]; then
  npm ci --no-audit --no-fund
fi
