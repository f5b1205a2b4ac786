# wsclose: the verbs of the README. Each part of the project keeps its targets in mk/<part>.mk and
# appends its suites to TEST_TARGETS, BENCH_TARGETS and DIFF_TARGETS; `make help` lists every
# target that has a `## ` description on its rule line.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

# --- Shared variables -------------------------------------------------------------------------
# Defined here, before any fragment, so that the fragments' include order never matters.
ROOT := $(abspath .)
CARGO ?= cargo
TARGET_DIR := $(ROOT)/target
# Python: the project venv (scripts/setup.d/20-python.sh) and the package.
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
PY_DIR := $(ROOT)/py
PY_MATURIN := VIRTUAL_ENV=$(VENV) $(VENV)/bin/maturin
# Other toolchains, overridable from the command line.
NODE ?= node
NPM ?= npm
GO ?= go
# The C library's release build (mk/ffi.mk builds it; mk/dist.mk packages it).
FFI_LIBDIR := $(TARGET_DIR)/release
# The cross-language differential: every writer target puts its answers into DIFF_DIR.
DIFF_DIR := $(ROOT)/build/differential

# Each fragment appends to these.
TEST_TARGETS :=
STACK_TESTS :=
BENCH_TARGETS :=
DIFF_TARGETS :=

include $(sort $(wildcard mk/*.mk))

.PHONY: help deps demo test check lint bench
.PHONY: setup-rust setup-cbindgen setup-msrv setup-maturin setup-python setup-ffi setup-nightly \
        setup-go setup-js setup-java setup-site setup-sql setup-browsers setup-autobahn setup-dist

# One line per target: the `## ` text of every rule line in this Makefile and mk/*.mk.
help: ## this list
	@echo "wsclose: make demo (the story, quick), make check (the contributor's gate), make test (everything)"
	@awk -F':.*## ' '/^[a-zA-Z0-9_.-]+:.*## / { printf "  make %-22s %s\n", $$1, $$2 }' Makefile $(sort $(wildcard mk/*.mk))

# --- Setup ------------------------------------------------------------------------------------
# One target per step of scripts/setup.d; every target below depends on the steps it uses, and
# only on those. Each step is idempotent and a quick no-op when done; a step that did work prints
# its time.
define setup-step
@start=$$(date +%s); $(2) bash scripts/setup.d/$(1).sh; took=$$(( $$(date +%s) - start )); \
  if (( took > 1 )); then echo "[time] setup $(1): $$took s"; fi
endef

setup-rust: ## rustfmt and clippy
	$(call setup-step,10-rust)
setup-cbindgen: ## the pinned cbindgen (include/wsclose.h)
	$(call setup-step,12-cbindgen)
setup-msrv: ## the Rust of the declared rust-version, from Debian, into build/msrv-toolchain
	$(call setup-step,15-msrv)
setup-maturin: ## .venv with the pinned maturin only (what py-develop and the demo use)
	$(call setup-step,20-python,WSCLOSE_PY_TOOLS=build)
setup-python: ## .venv with every pinned Python dev tool (py/requirements-dev.txt)
	$(call setup-step,20-python)
setup-ffi: ## gcc, g++, CMake, pkg-config, valgrind, GoogleTest (C/C++ tests)
	$(call setup-step,30-ffi)
setup-nightly: ## nightly Rust (the ASan build of libwsclose, cargo-fuzz)
	$(call setup-step,35-nightly)
setup-go: ## checks for go and a C compiler, pkg-config; the Go modules of bindings/go
	$(call setup-step,40-go)
setup-js: ## Node.js >= 20, the npm packages of bindings/js (typescript, binaryen's wasm-opt, ws), the wasm32 target
	$(call setup-step,50-js)
setup-java: ## Maven, a JDK 21 runtime, the Maven artifacts of bindings/java (needs a JDK >= 22)
	$(call setup-step,60-java)
setup-site: ## the pinned mdBook and tests/site's npm packages (puppeteer-core, axe-core)
	$(call setup-step,70-site)
setup-sql: ## Debian's postgresql and sqlite3 (the SQL tests), a JDK for Spark
	$(call setup-step,75-sql)
setup-browsers: ## Debian's chromium and firefox-esr (end-to-end tests)
	$(call setup-step,80-browsers)
setup-autobahn: ## libwslay-dev, Boost, libwebsockets, websocketpp, wstest in a Python 2.7 venv, examples/node-ws's ws
	$(call setup-step,85-autobahn)
setup-dist: ## packaging tools (zig, twine, auditwheel, esbuild, lintian) and the wheelhouse
	$(call setup-step,90-dist)

deps: ## every setup step (all that make test needs)
deps: setup-rust setup-cbindgen setup-msrv setup-python setup-ffi setup-nightly setup-go setup-js \
      setup-java setup-site setup-sql setup-browsers setup-autobahn setup-dist

# Which steps each target uses (recipes live in mk/<part>.mk).
lint check-rust: setup-rust
ffi-header ffi-header-check: setup-cbindgen
test-msrv: setup-msrv
py-develop py-wheel-check: setup-maturin
py-typecheck test-py bench-py analytics-deps test-examples: setup-python
test-ffi ffi-test-c ffi-test-cpp ffi-test-asan ffi-test-valgrind ffi-test-consumer ffi-test-readme \
  bench-ffi diff-c diff-cpp test-dist-c test-autobahn: setup-ffi
ffi-asan-lib ffi-test-asan fuzz-core fuzz-stats: setup-nightly
test-go bench-go diff-go diff-go-wasm demo-go test-dist-go: setup-go
wasm-build js-build: setup-js
test-java check-java java-compile bench-java diff-java diff-java-jna demo-java dist-java test-dist-java: setup-java
test-e2e test-dist-node test-site: setup-browsers
site test-site: setup-site
test-autobahn test-examples test-stacks $(STACK_TESTS): setup-autobahn
dist dist-python dist-node test-dist-python test-dist-c test-dist-node: setup-dist
test-sql: setup-sql sql-deps
bench-sql: setup-sql sql-deps py-develop

# --- The README's two commands ----------------------------------------------------------------
# The demo builds only what it runs: the demo program and libwsclose (debug builds: a handful of
# calls), the Python extension (maturin, `make py-develop`), and a C program; no other toolchain.
DEMO_BUILD := $(ROOT)/build/demo
demo: setup-maturin ## two browsers on one close, explain 1006, Discord's reconnect policy, Rust = C = Python
	@start=$$(date +%s); \
	  $(CARGO) build -q --locked -p wsclose-demo -p wsclose-ffi; \
	  ln -sfn libwsclose.so $(TARGET_DIR)/debug/libwsclose.so.0; \
	  mkdir -p $(DEMO_BUILD); \
	  $(FFI_CC) $(FFI_CFLAGS) examples/demo/demo.c -o $(DEMO_BUILD)/demo_c \
	    -L$(TARGET_DIR)/debug -lwsclose -Wl,-rpath,$(TARGET_DIR)/debug; \
	  $(MAKE) py-develop PY_PROFILE=$(DEMO_PY_PROFILE) >$(DEMO_BUILD)/py-develop.log 2>&1 \
	    || { cat $(DEMO_BUILD)/py-develop.log >&2; exit 1; }; \
	  echo "[time] demo build: $$(( $$(date +%s) - start )) s"; echo
	@examples/demo/run.sh $(TARGET_DIR)/debug/wsclose-demo $(DEMO_BUILD)/demo_c $(PY)
DEMO_PY_PROFILE ?= dev

# Each suite runs in turn and reports how long it took, so a slow stage is easy to see.
test: lint ## every suite in every language (installs what each one uses); what CI runs
	@total=$$(date +%s); for target in $(TEST_TARGETS); do \
	  start=$$(date +%s); $(MAKE) $$target || { echo "make test: $$target FAILED" >&2; exit 1; }; \
	  echo "[time] $$target: $$(( $$(date +%s) - start )) s"; done; \
	  echo "[time] make test suites: $$(( $$(date +%s) - total )) s"
	@echo "make test: all suites passed ($(TEST_TARGETS))"

lint: ## cargo fmt --check, clippy -D warnings (needs Rust only)
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	$(CARGO) clippy -p wsclose --all-targets --locked --features tungstenite -- -D warnings

# --- The contributor's gate -------------------------------------------------------------------
# `make check`: the Rust checks, then the quick suites of the languages named in LANGS. Needs
# Rust plus those languages, and installs nothing else.
CHECK_LANGS := py c go java js
LANGS ?=
ifneq ($(filter-out $(CHECK_LANGS),$(LANGS)),)
$(error LANGS="$(LANGS)": unknown language "$(firstword $(filter-out $(CHECK_LANGS),$(LANGS)))"; the known ones are: $(CHECK_LANGS))
endif
.PHONY: check-rust $(addprefix check-,$(CHECK_LANGS))

check: ## fmt, clippy, core tests, drift checks; LANGS="py c go java js" adds those languages' tests
	@total=$$(date +%s); for target in check-rust $(addprefix check-,$(LANGS)); do \
	  start=$$(date +%s); $(MAKE) $$target || { echo "make check: $$target FAILED" >&2; exit 1; }; \
	  echo "[time] $$target: $$(( $$(date +%s) - start )) s"; done; \
	  echo "[time] make check: $$(( $$(date +%s) - total )) s"
	@echo "make check: passed (rust$(if $(LANGS), $(LANGS)))"

check-rust: lint test-core ffi-header-check ## lint, core tests and docs, generated files and header drift
check-py: py-typecheck ## mypy --strict, stubtest, pytest (no fresh-venv wheel check: make test-py)
	cd $(PY_DIR) && $(PY) -m pytest -q
check-c: ffi-test-c ffi-test-cpp ffi-test-cpp-compile-fail ## the C and C++ test programs, the compile-fail test
check-go: test-go ## the Go binding's tests
# failsafe's verify goal wants the summaries of all three JDKs, so the one summary is read here.
JAVA_CHECK_SUMMARY = $(JAVA_DIR)/target/failsafe-reports/jdk25/failsafe-summary.xml
check-java: ffi-install-local ## the Java tests on JDK 25 only (FFM); make test-java adds 17 and 21 (JNA)
	$(JAVA_ENV); jdk25=$$(bash $(JAVA_DIR)/find-jdk.sh 25) || exit 1; WSCLOSE_LIBRARY=$(JAVA_LIB) $(JAVA_MVN) \
	  -Dwsclose.jdk25=$$jdk25 clean package failsafe:integration-test@jdk25-ffm
	@grep -q '<errors>0</errors>' $(JAVA_CHECK_SUMMARY) && grep -q '<failures>0</failures>' $(JAVA_CHECK_SUMMARY) \
	  && grep -q '<completed>[1-9][0-9]*</completed>' $(JAVA_CHECK_SUMMARY) \
	  || { cat $(JAVA_CHECK_SUMMARY) >&2; echo "check-java: the JDK 25 run failed or ran no test" >&2; exit 1; }
	@echo "check-java: $$(sed -n 's:.*<completed>\([0-9]*\)</completed>.*:\1:p' $(JAVA_CHECK_SUMMARY)) tests passed on JDK 25"
check-js: test-js ## the JavaScript package's tests

# --- Benchmarks -------------------------------------------------------------------------------
bench: ## every benchmark; each rewrites its section of docs/benchmarks.md
	@for target in $(BENCH_TARGETS); do $(MAKE) $$target || { echo "make bench: $$target FAILED" >&2; exit 1; }; done
