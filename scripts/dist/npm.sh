#!/usr/bin/env bash
# The npm package `wsclose` of `make dist`: bindings/js as `make js-build` leaves it (tsc's
# dist/*.js and *.d.ts, and dist/wsclose.wasm) with its own package.json, for Node.js >= 20,
# Deno, bundlers and browsers. ESM is dist/*.js as tsc wrote them (top-level await loads the
# module); the CommonJS entry dist/index.cjs is the same code bundled by esbuild, with the one
# await replaced by a synchronous instantiation from the file next to it (require() cannot wait).
# Types for `require`: .d.cts copies of the .d.ts files. The published package.json is
# bindings/js/package.json with the release version, the `require` condition, and without what
# only the repository uses (private, scripts, devDependencies).
# Usage: npm.sh DIST_DIR WORK_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(mkdir -p "${1:?usage: npm.sh DIST_DIR WORK_DIR VERSION}" && cd "$1" && pwd); work=${2:?}; version=${3:?}
js=$root/bindings/js
esbuild=$root/build/dist-cache/node-tools/node_modules/.bin/esbuild
[[ -x $esbuild ]] || { echo "dist (npm): esbuild missing; run scripts/setup.d/90-dist.sh" >&2; exit 1; }
[[ -f $js/dist/index.js && -f $js/dist/wsclose.wasm ]] || { echo "dist (npm): bindings/js/dist is incomplete; run make js-build" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work/package/dist" "$work/cjs-src"
pkg=$work/package
cp "$js"/dist/*.js "$js"/dist/*.d.ts "$js/dist/wsclose.wasm" "$pkg/dist/"
cp "$js/README.md" "$root/CHANGELOG.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$pkg/"
WSCLOSE_VERSION=$version node -e '
  const fs = require("node:fs");
  const [from, to] = process.argv.slice(1);
  const pkg = JSON.parse(fs.readFileSync(from, "utf8"));
  pkg.version = process.env.WSCLOSE_VERSION;
  delete pkg.private; delete pkg.scripts; delete pkg.devDependencies;
  pkg.main = "./dist/index.cjs";
  pkg.module = "./dist/index.js";
  pkg.exports["."] = {
    import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
    require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
  };
  pkg.files = ["dist/", "README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"];
  fs.writeFileSync(to, JSON.stringify(pkg, null, 2) + "\n");
' "$js/package.json" "$pkg/package.json"

# CommonJS: the one top-level await becomes a synchronous compile (Node.js compiles any size
# synchronously; only browsers limit that, and browsers get the ESM entry).
load='export const wasm = await loadWasm();'
[[ $(grep -cxF "$load" "$js/dist/module.js") == 1 ]] \
  || { echo "dist (npm): dist/module.js no longer has the line '$load'; update scripts/dist/npm.sh" >&2; exit 1; }
cp "$js"/dist/*.js "$work/cjs-src/"
sed "s|^$load\$|export const wasm = new WebAssembly.Instance(new WebAssembly.Module(require('node:fs').readFileSync(require('node:path').join(__dirname, 'wsclose.wasm'))), {}).exports;|" \
  "$js/dist/module.js" >"$work/cjs-src/module.js"
"$esbuild" "$work/cjs-src/index.js" --bundle --format=cjs --platform=node --target=node20 --log-level=warning \
  --define:import.meta.url=__wsclose_url \
  --banner:js="const __wsclose_url = require('node:url').pathToFileURL(__filename).href;" \
  --outfile="$pkg/dist/index.cjs"
for dts in "$js"/dist/*.d.ts; do
  sed -E "s#(from '\./[a-z.]+)\.js'#\1.cjs'#g" "$dts" >"$pkg/dist/$(basename "$dts" .d.ts).d.cts"
done
grep -q "generated.cjs" "$pkg/dist/index.d.cts" || { echo "dist (npm): dist/index.d.ts no longer imports ./generated.js" >&2; exit 1; }

rm -f "$dist"/wsclose-*.tgz
(cd "$pkg" && npm pack --silent --pack-destination "$dist" >/dev/null)
[[ -f $dist/wsclose-$version.tgz ]] || { echo "dist (npm): npm pack wrote no wsclose-$version.tgz" >&2; exit 1; }
echo "dist (npm): wsclose-$version.tgz ($(tar -tzf "$dist/wsclose-$version.tgz" | wc -l) files, ESM + CommonJS + types + wsclose.wasm)"
