# Go binding (bindings/go): two routes, one API. With cgo (the default where a C toolchain is)
# it calls libwsclose, found with pkg-config in the local install prefix that
# `ffi-install-local` fills (build/prefix); with CGO_ENABLED=0 it runs the same C ABI compiled to
# WebAssembly (internal/wasmmod/wsclose.wasm, committed, embedded with go:embed) under wazero.
#
#   make test-go          gofmt check, the committed module's provenance and exports, then go vet and
#                         go test (vectors, exhaustive, gorilla/websocket, README) with cgo and again
#                         with CGO_ENABLED=0 (the wazero route, which runs the COMMITTED module)
#   make go-wasm-update   copy a fresh `make wasm-build` into bindings/go/internal/wasmmod and record
#                         what built it in BUILD.txt (commit both; at release or after an ABI change)
#   make bench-go         BenchmarkClassify through cgo and through wazero next to an inline switch;
#                         prints ns/call, updates docs/benchmarks.md
#   make demo-go          classify a few codes from Go
#   make diff-go          the differential's Go answers (docs/differential.md): build/differential/go.txt
#   make diff-go-wasm     the same program with CGO_ENABLED=0: build/differential/go-wasm.txt
.PHONY: demo-go test-go bench-go diff-go diff-go-wasm go-wasm-check go-wasm-update

GO_DIR := $(ROOT)/bindings/go
GO_PREFIX := $(ROOT)/build/prefix
GO_BUILD := $(ROOT)/build/go
# The module the Go package embeds, its provenance record, and the fresh build go-wasm-update
# copies in (mk/wasm.mk).
GO_WASM := $(GO_DIR)/internal/wasmmod/wsclose.wasm
GO_WASM_BUILD_TXT := $(GO_DIR)/internal/wasmmod/BUILD.txt
GO_WASM_FRESH := $(ROOT)/build/wasm/wsclose.wasm
# -count=1 in the tests: the Go test cache does not see changes to libwsclose.so.
GO_ENV := CGO_ENABLED=1 PKG_CONFIG_PATH=$(GO_PREFIX)/lib/pkgconfig \
          LD_LIBRARY_PATH=$(GO_PREFIX)/lib$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}
# The WebAssembly route: no cgo, and nothing that could find libwsclose.
GO_ENV_WASM := CGO_ENABLED=0

# The committed module is checked by its behaviour, not compared byte for byte with a build by
# whatever rustc is installed (docs/release.md): the wazero route's tests and differential run it.
# This check only makes sure it is the module go-wasm-update recorded (sha256 in BUILD.txt) and
# that it exports exactly the header's functions (an ABI change needs a go-wasm-update).
go-wasm-check:
	@test -f $(GO_WASM_BUILD_TXT) || { echo "go: $(GO_WASM_BUILD_TXT) is missing; run \`make go-wasm-update\`" >&2; exit 1; }
	@want=$$(sed -n 's/^sha256: //p' $(GO_WASM_BUILD_TXT)); have=$$(sha256sum $(GO_WASM) | cut -d' ' -f1); \
	  [[ $$want == "$$have" ]] || { echo "go: $(GO_WASM) is not the module BUILD.txt records" \
	  "(sha256 $$have, recorded $$want); refresh both with \`make go-wasm-update\`" >&2; exit 1; }
	@python3 ffi-c/abi/abi.py wasm-exports include/wsclose.h $(GO_WASM)

go-wasm-update: wasm-build ## copy a fresh wasm-build into bindings/go (commit it)
	cp $(GO_WASM_FRESH) $(GO_WASM)
	@{ echo "# What built wsclose.wasm: written by \`make go-wasm-update\`; do not edit (docs/release.md)."; \
	  echo "rustc: $$(rustc -V)"; \
	  echo "wasm-opt: $$($(WASM_OPT) --version)"; \
	  echo "ffi-c source: $$(git log -1 --format=%H -- ffi-c core Cargo.lock)$$(git status --porcelain -- ffi-c core Cargo.lock | grep -q . && echo ' with uncommitted changes')"; \
	  echo "sha256: $$(sha256sum $(GO_WASM) | cut -d' ' -f1)"; } > $(GO_WASM_BUILD_TXT)
	@cat $(GO_WASM_BUILD_TXT)

demo-go: ffi-install-local
	@echo "== Go =="
	@cd $(GO_DIR) && $(GO_ENV) $(GO) run ./cmd/wsclose-classify 1000 1006 1014 3000 4999 5000

test-go: ffi-install-local go-wasm-check ## gofmt, go vet, go test on both routes (cgo, wazero)
	@echo "== Go binding (bindings/go) =="
	@cd $(GO_DIR) && unformatted=$$(gofmt -l .) && if [[ -n $$unformatted ]]; then \
	  echo "gofmt: these files need formatting: $$unformatted" >&2; exit 1; fi
	cd $(GO_DIR) && $(GO_ENV) $(GO) vet ./...
	cd $(GO_DIR) && $(GO_ENV_WASM) $(GO) vet ./...
	@echo "== Go binding, cgo route (libwsclose) =="
	cd $(GO_DIR) && $(GO_ENV) WSCLOSE_GO_BACKEND=cgo $(GO) test -count=1 -v ./...
	@echo "== Go binding, WebAssembly route (CGO_ENABLED=0, wazero) =="
	cd $(GO_DIR) && $(GO_ENV_WASM) WSCLOSE_GO_BACKEND=wasm $(GO) test -count=1 -v ./...

bench-go: ffi-install-local go-wasm-check ## BenchmarkClassify on both routes -> docs/benchmarks.md
	@mkdir -p $(GO_BUILD)
	cd $(GO_DIR) && $(GO_ENV) $(GO) test -run '^$$' -bench '^BenchmarkClassify$$' -benchtime 2s -count 1 . \
	  | tee $(GO_BUILD)/bench.txt
	cd $(GO_DIR) && $(GO_ENV_WASM) $(GO) test -run '^$$' -bench '^BenchmarkClassify$$' -benchtime 2s -count 1 . \
	  | tee -a $(GO_BUILD)/bench.txt
	@cd $(GO_DIR) && $(GO_ENV) $(GO) run ./internal/benchdoc --report $(ROOT)/docs/benchmarks.md \
	  -cmd "make bench-go" < $(GO_BUILD)/bench.txt

diff-go: ffi-install-local
	@mkdir -p $(DIFF_DIR)
	cd $(GO_DIR) && $(GO_ENV) WSCLOSE_GO_BACKEND=cgo $(GO) run ./internal/differential $(ROOT)/tests/differential $(DIFF_DIR)/go.txt

diff-go-wasm: go-wasm-check
	@mkdir -p $(DIFF_DIR)
	cd $(GO_DIR) && $(GO_ENV_WASM) WSCLOSE_GO_BACKEND=wasm $(GO) run ./internal/differential $(ROOT)/tests/differential \
	  $(DIFF_DIR)/go-wasm.txt

DIFF_TARGETS += diff-go diff-go-wasm
TEST_TARGETS += test-go
BENCH_TARGETS += bench-go
