# Node.js binding (bindings/node): TypeScript over koffi, which loads libwsclose from the local
# install prefix that `ffi-install-local` fills (build/prefix). npm packages: scripts/setup.d/50-node.sh.
#
#   make test-node    tsc --strict build and type tests, node --test (vectors, exhaustive, ws, README)
#   make bench-node   ns/call next to an inline switch; updates docs/benchmarks.md
#   make demo-node    classify a few codes from Node.js
#   make diff-node    the differential answers (tests/js/differential-answers.mjs) into build/differential/node.txt
.PHONY: demo-node test-node bench-node node-build diff-node

NODE ?= node
NODE_DIR := $(ROOT)/bindings/node
NODE_PREFIX := $(ROOT)/build/prefix
NODE_ENV := LD_LIBRARY_PATH=$(NODE_PREFIX)/lib$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}

node-build: ffi-install-local
	@test -x $(NODE_DIR)/node_modules/.bin/tsc \
	  || { echo "node: bindings/node/node_modules is missing; run make deps" >&2; exit 1; }
	cd $(NODE_DIR) && rm -rf dist && ./node_modules/.bin/tsc -p tsconfig.json
	cd $(NODE_DIR) && ./node_modules/.bin/tsc -p tsconfig.types.json

demo-node: node-build
	@echo "== Node.js =="
	@cd $(NODE_DIR) && $(NODE_ENV) $(NODE) examples/classify.js 1000 1006 1014 3000 4999 5000

test-node: node-build
	@echo "== Node.js binding (bindings/node) =="
	cd $(NODE_DIR) && $(NODE_ENV) $(NODE) --test test/*.test.js test/*.test.mjs

bench-node: node-build
	cd $(NODE_DIR) && $(NODE_ENV) $(NODE) bench/bench.js --doc $(ROOT)/docs/benchmarks.md

# $(DIFF_DIR) comes from mk/differential.mk, included last: use it in recipes only.
diff-node: node-build
	mkdir -p $(DIFF_DIR)
	cd $(NODE_DIR) && $(NODE_ENV) $(NODE) test/differential.mjs $(ROOT)/tests/differential $(DIFF_DIR)/node.txt

DEMO_TARGETS += demo-node
TEST_TARGETS += test-node
BENCH_TARGETS += bench-node
DIFF_TARGETS += diff-node
