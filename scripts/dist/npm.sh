#!/usr/bin/env bash
# The npm package `wsclose` of `make dist`: the WebAssembly build (bindings/wasm), which needs no
# native library, for Node.js >= 20 and browsers (docs/release.md says why WebAssembly and not
# koffi). ESM is bindings/wasm/wsclose.mjs as it is (top-level await loads the module); the
# CommonJS entry wsclose.cjs is the same file bundled by esbuild, with the one await replaced by
# a synchronous instantiation from the file next to it (require() cannot wait). Types: the
# module's .d.ts, and .d.cts copies for `require`. Usage: npm.sh DIST_DIR WORK_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(mkdir -p "${1:?usage: npm.sh DIST_DIR WORK_DIR VERSION}" && cd "$1" && pwd); work=${2:?}; version=${3:?}
wasm=$root/bindings/wasm
esbuild=$root/build/dist-cache/node-tools/node_modules/.bin/esbuild
[[ -x $esbuild ]] || { echo "dist (npm): esbuild missing; run scripts/setup.d/90-dist.sh" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/package" "$work/cjs-src"
pkg=$work/package
cp "$wasm/wsclose.mjs" "$wasm/wsclose.d.ts" "$wasm/generated.mjs" "$wasm/generated.d.ts" "$wasm/wsclose.wasm" \
   "$wasm/README.md" "$root/CHANGELOG.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$pkg/"
sed "s/@VERSION@/$version/" "$here/npm/package.json.in" >"$pkg/package.json"

# CommonJS: the one top-level await becomes a synchronous compile (Node.js compiles any size
# synchronously; only browsers limit that, and browsers get the ESM entry).
load='export const wasm = await loadWasm();'
[[ $(grep -cxF "$load" "$wasm/wsclose.mjs") == 1 ]] \
  || { echo "dist (npm): wsclose.mjs no longer has the line '$load'; update scripts/dist/npm.sh" >&2; exit 1; }
cp "$wasm/generated.mjs" "$work/cjs-src/"
sed "s|^$load\$|export const wasm = new WebAssembly.Instance(new WebAssembly.Module(require('node:fs').readFileSync(require('node:path').join(__dirname, 'wsclose.wasm'))), {}).exports;|" \
  "$wasm/wsclose.mjs" >"$work/cjs-src/wsclose.mjs"
"$esbuild" "$work/cjs-src/wsclose.mjs" --bundle --format=cjs --platform=node --target=node20 --log-level=warning \
  --define:import.meta.url=__wsclose_url \
  --banner:js="const __wsclose_url = require('node:url').pathToFileURL(__filename).href;" \
  --outfile="$pkg/wsclose.cjs"
sed "s|'./generated.js'|'./generated.cjs'|g" "$wasm/wsclose.d.ts" >"$pkg/wsclose.d.cts"
cp "$wasm/generated.d.ts" "$pkg/generated.d.cts"
grep -q "generated.cjs" "$pkg/wsclose.d.cts" || { echo "dist (npm): wsclose.d.ts no longer imports ./generated.js" >&2; exit 1; }

rm -f "$dist"/wsclose-*.tgz
(cd "$pkg" && npm pack --silent --pack-destination "$dist" >/dev/null)
[[ -f $dist/wsclose-$version.tgz ]] || { echo "dist (npm): npm pack wrote no wsclose-$version.tgz" >&2; exit 1; }
echo "dist (npm): wsclose-$version.tgz ($(tar -tzf "$dist/wsclose-$version.tgz" | wc -l) files, ESM + CommonJS + types + wsclose.wasm)"
