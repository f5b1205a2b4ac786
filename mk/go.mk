# Go binding (bindings/go): two routes, one API. With cgo (the default where a C toolchain is)
# it calls libwsclose, found with pkg-config in the local install prefix that
# `ffi-install-local` fills (build/prefix); with CGO_ENABLED=0 it runs the same C ABI compiled to
# WebAssembly (internal/wasmmod/wsclose.wasm, committed, embedded with go:embed) under wazero.
#
#   make test-go          gofmt check, the embedded module against a fresh `make wasm-build`, then
#                         go vet and go test (vectors, exhaustive, gorilla/websocket, README) with
#                         cgo and again with CGO_ENABLED=0
#   make go-wasm-update   copy a fresh `make wasm-build` into bindings/go/internal/wasmmod (commit it)
#   make bench-go         BenchmarkClassify through cgo and through wazero next to an inline switch;
#                         prints ns/call, updates docs/benchmarks.md
#   make demo-go          classify a few codes from Go
#   make diff-go          the differential's Go answers (docs/differential.md): build/differential/go.txt
#   make diff-go-wasm     the same program with CGO_ENABLED=0: build/differential/go-wasm.txt
.PHONY: demo-go test-go bench-go diff-go diff-go-wasm go-wasm-check go-wasm-update

GO_DIR := $(ROOT)/bindings/go
GO_PREFIX := $(ROOT)/build/prefix
GO_BUILD := $(ROOT)/build/go
# The module the Go package embeds, and the fresh build it must equal (mk/wasm.mk).
GO_WASM := $(GO_DIR)/internal/wasmmod/wsclose.wasm
GO_WASM_FRESH := $(ROOT)/bindings/wasm/wsclose.wasm
# -count=1 in the tests: the Go test cache does not see changes to libwsclose.so.
GO_ENV := CGO_ENABLED=1 PKG_CONFIG_PATH=$(GO_PREFIX)/lib/pkgconfig \
          LD_LIBRARY_PATH=$(GO_PREFIX)/lib$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}
# The WebAssembly route: no cgo, and nothing that could find libwsclose.
GO_ENV_WASM := CGO_ENABLED=0

go-wasm-check: wasm-build
	@cmp -s $(GO_WASM_FRESH) $(GO_WASM) || { echo "go: bindings/go/internal/wasmmod/wsclose.wasm differs from a" \
	  "fresh \`make wasm-build\` (bindings/wasm/wsclose.wasm); run \`make go-wasm-update\` and commit it" >&2; exit 1; }
	@echo "go: the embedded wsclose.wasm equals a fresh make wasm-build ($$(stat -c %s $(GO_WASM)) bytes)"

go-wasm-update: wasm-build ## copy a fresh wasm-build into bindings/go (commit it)
	cp $(GO_WASM_FRESH) $(GO_WASM)

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
