# WebAssembly (bindings/wasm): the core compiled to wasm32-unknown-unknown with plain integer
# exports, an ES module wrapper (wsclose.mjs + wsclose.d.ts) for browsers and Node.js.
#
#   make wasm-build   target/wasm32-unknown-unknown/release/wsclose_wasm.wasm, shrunk by wasm-opt
#                     (binaryen from npm) into bindings/wasm/wsclose.wasm
#   make test-wasm    host unit tests of the crate, then `node --test` (vectors, exhaustive, size)
#   make bench-wasm   ns per classify through the module vs an inline JS switch
.PHONY: wasm-build test-wasm demo-wasm bench-wasm

WASM_DIR := $(ROOT)/bindings/wasm
WASM_RAW := $(TARGET_DIR)/wasm32-unknown-unknown/release/wsclose_wasm.wasm
WASM_OUT := $(WASM_DIR)/wsclose.wasm
# Size first: opt-level "s" (the workspace's release profile already has lto and one codegen
# unit) and no symbol names. The wasm target aborts on panic by default.
WASM_CARGO_FLAGS := --release --locked -p wsclose-wasm --target wasm32-unknown-unknown \
  --config 'profile.release.opt-level="s"' --config 'profile.release.strip=true'
# The features rustc enables by default for this target; the stripped module no longer lists them.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong \
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext

wasm-build:
	$(CARGO) build -q $(WASM_CARGO_FLAGS)
	@test -x $(WASM_DIR)/node_modules/.bin/wasm-opt \
	  || { echo "wasm: wasm-opt missing; run scripts/setup.d/70-wasm.sh (make deps)" >&2; exit 1; }
	$(WASM_DIR)/node_modules/.bin/wasm-opt -Oz $(WASM_OPT_FEATURES) $(WASM_RAW) -o $(WASM_OUT)
	@echo "wasm: $$(stat -c %s $(WASM_RAW)) bytes from cargo, $$(stat -c %s $(WASM_OUT)) bytes after wasm-opt -Oz"

test-wasm: wasm-build
	$(CARGO) test -q --locked -p wsclose-wasm
	cd $(WASM_DIR) && node --test test/*.test.mjs

demo-wasm: wasm-build
	@echo "== WebAssembly (Node.js) =="
	@node $(WASM_DIR)/demo.mjs 1000 1006 1014 3000 4999 5000

bench-wasm: wasm-build
	cd $(WASM_DIR) && node bench/classify.mjs --report $(ROOT)/docs/benchmarks.md

DEMO_TARGETS += demo-wasm
TEST_TARGETS += test-wasm
BENCH_TARGETS += bench-wasm
