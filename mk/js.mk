# JavaScript (bindings/js): the npm package `wsclose`, TypeScript over the WebAssembly module of
# `make wasm-build` (mk/wasm.mk). tsc --strict compiles src/ into dist/ (with the .d.ts) and the
# module is copied next to it. npm packages: scripts/setup.d/50-js.sh.
#
#   make test-js     tsc --strict build, then node --test (vectors, all 65,536 codes, types,
#                    errors, loader, size, types, README, profiles, browser model, esbuild, ws,
#                    the reconnecting client against a ws server on loopback)
#   make demo-js     classify a few codes from Node.js
#   make bench-js    ns per classify through the package vs an inline JS switch; the reconnecting
#                    client's bundle size (vs partysocket) and ns per decision; updates docs/benchmarks.md
#   make diff-node   the differential's answers under Node.js into build/differential/node.txt
.PHONY: js-build test-js demo-js bench-js diff-node

JS_DIR := $(ROOT)/bindings/js

js-build: wasm-build ## tsc --strict build of bindings/js (dist/ with the .d.ts and the module)
	cd $(JS_DIR) && rm -rf dist && ./node_modules/.bin/tsc -p tsconfig.json
	cp $(WASM_OUT) $(JS_DIR)/dist/wsclose.wasm

test-js: js-build ## the JavaScript package's suite (node --test)
	@echo "== JavaScript (bindings/js) =="
	cd $(JS_DIR) && $(NODE) --test test/*.test.mjs

demo-js: js-build ## classify a few codes from Node.js
	@echo "== JavaScript (Node.js) =="
	@$(NODE) $(JS_DIR)/demo.mjs 1000 1006 1014 3000 4999 5000

bench-js: js-build ## ns per classify; the reconnecting client's size vs partysocket and ns per decision -> docs/benchmarks.md
	cd $(JS_DIR) && $(NODE) bench/classify.mjs --report $(ROOT)/docs/benchmarks.md
	cd $(JS_DIR) && $(NODE) bench/reconnect.mjs --report $(ROOT)/docs/benchmarks.md

diff-node: js-build ## the differential's Node.js answers -> build/differential/node.txt
	mkdir -p $(DIFF_DIR)
	cd $(JS_DIR) && $(NODE) test/differential.mjs $(ROOT)/tests/differential $(DIFF_DIR)/node.txt

TEST_TARGETS += test-js
BENCH_TARGETS += bench-js
DIFF_TARGETS += diff-node
