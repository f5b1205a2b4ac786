#!/usr/bin/env bash
# Node.js binding (bindings/node): Node >= 20 with npm, and the packages of package-lock.json
# (koffi, typescript, ws, @types/node) from the npm registry. Quick no-op when installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

command -v node >/dev/null || { echo "setup (node): the node command is missing; install Node.js >= 20" >&2; exit 1; }
command -v npm >/dev/null || { echo "setup (node): the npm command is missing" >&2; exit 1; }
major="$(node -p 'process.versions.node.split(".")[0]')"
if (( major < 20 )); then
  echo "setup (node): Node.js $(node --version) is too old; the binding needs >= 20" >&2
  exit 1
fi

cd "$root/bindings/node"
# `npm ls` fails when a locked package is missing or differs; only then reinstall.
# --ignore-scripts: koffi's prebuilt binary comes in its per-platform npm package, nothing to build.
if ! npm ls --all >/dev/null 2>&1; then
  npm ci --ignore-scripts --no-audit --no-fund
fi
