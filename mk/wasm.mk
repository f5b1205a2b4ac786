# WebAssembly: the C ABI crate (ffi-c, the same wsclose_* functions as libwsclose) compiled to
# wasm32-unknown-unknown and shrunk by wasm-opt (binaryen, pinned in bindings/js/package-lock.json,
# installed by scripts/setup.d/50-js.sh). The npm package `wsclose` (bindings/js, mk/js.mk) and
# the Go binding's wazero route (mk/go.mk) run this module.
#
#   make wasm-build   target/wasm32-unknown-unknown/release/wsclose.wasm (ffi-c), shrunk by
#                     wasm-opt into build/wasm/wsclose.wasm
.PHONY: wasm-build

WASM_RAW := $(TARGET_DIR)/wasm32-unknown-unknown/release/wsclose.wasm
WASM_OUT := $(ROOT)/build/wasm/wsclose.wasm
WASM_OPT := $(ROOT)/bindings/js/node_modules/.bin/wasm-opt
# Size first: opt-level "s" (the workspace's release profile already has lto and one codegen
# unit) and no symbol names. The wasm target aborts on panic by default, so ffi-c's
# catch_unwind guards cost nothing there.
WASM_CARGO_FLAGS := --release --locked -p wsclose-ffi --target wasm32-unknown-unknown \
  --config 'profile.release.opt-level="s"' --config 'profile.release.strip=true'
# The features rustc enables by default for this target; the stripped module no longer lists them.
WASM_OPT_FEATURES := --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong \
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int \
  --enable-reference-types --enable-sign-ext

wasm-build: ## ffi-c compiled to wasm32 and shrunk by wasm-opt -> build/wasm/wsclose.wasm
	$(CARGO) build -q $(WASM_CARGO_FLAGS)
	@mkdir -p $(dir $(WASM_OUT))
	$(WASM_OPT) -Oz $(WASM_OPT_FEATURES) $(WASM_RAW) -o $(WASM_OUT)
	@echo "wasm: $$(stat -c %s $(WASM_RAW)) bytes from cargo, $$(stat -c %s $(WASM_OUT)) bytes after wasm-opt -Oz"
