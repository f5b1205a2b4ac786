# Go binding (bindings/go): a cgo package over libwsclose, found with pkg-config in the local
# install prefix that `ffi-install-local` fills (build/prefix).
#
#   make test-go    gofmt check, go vet, go test (vectors, exhaustive, gorilla/websocket, README)
#   make bench-go   BenchmarkClassify; prints ns/call next to an inline switch, updates docs/benchmarks.md
#   make demo-go    classify a few codes from Go
#   make diff-go    the differential's Go answers (docs/differential.md): build/differential/go.txt
.PHONY: demo-go test-go bench-go diff-go

GO ?= go
GO_DIR := $(ROOT)/bindings/go
GO_PREFIX := $(ROOT)/build/prefix
GO_BUILD := $(ROOT)/build/go
# -count=1 in the tests: the Go test cache does not see changes to libwsclose.so.
GO_ENV := CGO_ENABLED=1 PKG_CONFIG_PATH=$(GO_PREFIX)/lib/pkgconfig \
          LD_LIBRARY_PATH=$(GO_PREFIX)/lib$${LD_LIBRARY_PATH:+:$$LD_LIBRARY_PATH}

demo-go: ffi-install-local
	@echo "== Go =="
	@cd $(GO_DIR) && $(GO_ENV) $(GO) run ./cmd/wsclose-classify 1000 1006 1014 3000 4999 5000

test-go: ffi-install-local
	@echo "== Go binding (bindings/go) =="
	@cd $(GO_DIR) && unformatted=$$(gofmt -l .) && if [[ -n $$unformatted ]]; then \
	  echo "gofmt: these files need formatting: $$unformatted" >&2; exit 1; fi
	cd $(GO_DIR) && $(GO_ENV) $(GO) vet ./...
	cd $(GO_DIR) && $(GO_ENV) $(GO) test -count=1 -v ./...

bench-go: ffi-install-local
	@mkdir -p $(GO_BUILD)
	cd $(GO_DIR) && $(GO_ENV) $(GO) test -run '^$$' -bench '^BenchmarkClassify$$' -benchtime 2s -count 1 . \
	  | tee $(GO_BUILD)/bench.txt
	@cd $(GO_DIR) && $(GO_ENV) $(GO) run ./internal/benchdoc -doc $(ROOT)/docs/benchmarks.md \
	  -cmd "make bench-go" < $(GO_BUILD)/bench.txt

diff-go: ffi-install-local
	@mkdir -p $(DIFF_DIR)
	cd $(GO_DIR) && $(GO_ENV) $(GO) run ./internal/differential $(ROOT)/tests/differential $(DIFF_DIR)/go.txt

DIFF_TARGETS += diff-go
DEMO_TARGETS += demo-go
TEST_TARGETS += test-go
BENCH_TARGETS += bench-go
