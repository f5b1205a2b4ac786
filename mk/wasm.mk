# WebAssembly (bindings/wasm): the C ABI crate (ffi-c, the same wsclose_* functions as libwsclose)
# compiled to wasm32-unknown-unknown, and an ES module wrapper (wsclose.mjs + wsclose.d.ts) for
# browsers and Node.js. One ABI for C and WebAssembly callers: bindings/wasm/README.md says why.
#
#   make wasm-build   target/wasm32-unknown-unknown/release/wsclose.wasm (ffi-c), shrunk by wasm-opt
#                     (binaryen from npm) into bindings/wasm/wsclose.wasm
#   make test-wasm    `node --test` (vectors, exhaustive, errors, size, loader, types, README)
#   make diff-wasm    the differential's answers (code, parse, encode, encode16) into build/differential/wasm.txt
#   make bench-wasm   ns per classify through the module vs an inline JS switch
.PHONY: wasm-build test-wasm demo-wasm bench-wasm diff-wasm

WASM_DIR := $(ROOT)/bindings/wasm
WASM_RAW := $(TARGET_DIR)/wasm32-unknown-unknown/release/wsclose.wasm
WASM_OUT := $(WASM_DIR)/wsclose.wasm
# Size first: opt-level "s" (the workspace's release profile already has lto and one codegen
# unit) and no symbol names. The wasm target aborts on panic by default, so ffi-c's
# catch_unwind guards cost nothing there.
WASM_CARGO_FLAGS := --release --locked -p wsclose-ffi --target wasm32-unknown-unknown \
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
	cd $(WASM_DIR) && node --test test/*.test.mjs

demo-wasm: wasm-build
	@echo "== WebAssembly (Node.js) =="
	@node $(WASM_DIR)/demo.mjs 1000 1006 1014 3000 4999 5000

bench-wasm: wasm-build
	cd $(WASM_DIR) && node bench/classify.mjs --report $(ROOT)/docs/benchmarks.md

# $(DIFF_DIR) comes from mk/differential.mk, included last: use it in recipes only.
diff-wasm: wasm-build
	mkdir -p $(DIFF_DIR)
	cd $(WASM_DIR) && node test/differential.mjs $(ROOT)/tests/differential $(DIFF_DIR)/wasm.txt

DEMO_TARGETS += demo-wasm
TEST_TARGETS += test-wasm
BENCH_TARGETS += bench-wasm
DIFF_TARGETS += diff-wasm
