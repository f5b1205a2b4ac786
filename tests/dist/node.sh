#!/usr/bin/env bash
# Consumer test of dist/wsclose-VERSION.tgz as an npm user installs it: a fresh project
# (`npm init -y`, `npm install <tarball>`), no WSCLOSE_LIBRARY and no libwsclose anywhere the
# package could look, then a CommonJS script, an ES module script, the same under Deno,
# `tsc --strict` over ESM and CommonJS type usage (module nodenext), and a browser bundle built by
# esbuild and run in headless Chromium.
# Usage: tests/dist/node.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: node.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: node.sh DIST_DIR VERSION}
tools=$root/build/dist-cache/node-tools/node_modules/.bin
fail() { echo "dist (node): $*" >&2; exit 1; }
tgz=$dist/wsclose-$version.tgz
[[ -f $tgz ]] || fail "$tgz is missing"

work=$(mktemp -d /tmp/wsclose-dist-node.XXXXXX)
trap 'rm -rf "$work"' EXIT
app=$work/app
mkdir -p "$app" && cd "$app"
unset WSCLOSE_LIBRARY LD_LIBRARY_PATH
export WSCLOSE_DIST_VERSION=$version npm_config_cache=$work/npm-cache
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tgz"
[[ $(node -p "require('wsclose/package.json').version") == "$version" ]] || fail "installed version is not $version"
if find node_modules -name '*.node' -o -name 'libwsclose*' | grep . >/dev/null; then fail "the package holds a native library"; fi
cp "$here/node/app/"* .

node cjs.cjs
node esm.mjs
# Deno (from npm, pinned in tests/dist/node/tools/package.json): the same ES modules under
# another runtime's loader; it may read files (the module) and env (the expected version).
"$tools/deno" run --no-prompt --allow-read --allow-env=WSCLOSE_DIST_VERSION deno.mjs
"$tools/tsc" -p tsconfig.json || fail "tsc --strict failed"
echo "tsc --strict: ESM (.mts) and CommonJS (.cts) usage type-check"

# Browser: the bundle inlines the package's JavaScript; the .wasm travels next to it.
mkdir -p out
"$tools/esbuild" browser.mjs --bundle --format=esm --platform=browser --target=es2022 --log-level=warning \
  --outfile=out/app.mjs
cp node_modules/wsclose/dist/wsclose.wasm out/
grep -q "wsclose.wasm" out/app.mjs || fail "the bundle does not refer to wsclose.wasm"
if grep -q 'import("node:' out/app.mjs; then fail "the browser bundle still imports a node: module"; fi
cp index.html out/
# A real browser loads the page: headless Chromium (installed for tests/e2e) prints the DOM.
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n $browser ]] || fail "no Chromium to load the bundle in (`make setup-browsers` installs it)"
node serve.mjs out 120 >port.txt &
server=$!
for _ in $(seq 50); do [[ -s port.txt ]] && break; sleep 0.1; done
dom=$(timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$work/chromium" \
  --virtual-time-budget=10000 --dump-dom "http://127.0.0.1:$(cat port.txt)/index.html" 2>/dev/null || true)
kill "$server" 2>/dev/null || true
grep -q '<body>ok' <<<"$dom" || fail "Chromium did not run the bundle: $dom"
echo "browser: esbuild bundle + wsclose.wasm ran in headless Chromium"
echo "dist (node): wsclose-$version.tgz: CommonJS, ESM, Deno, tsc --strict and an esbuild browser bundle work with no native library"
