# wsclose: the verbs of the README. Each part of the project adds its targets in mk/<part>.mk by
# appending to DEMO_TARGETS, TEST_TARGETS and BENCH_TARGETS, so parts never edit this file.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

ROOT := $(abspath .)
CARGO ?= cargo
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
TARGET_DIR := $(ROOT)/target

DEMO_TARGETS :=
TEST_TARGETS :=
BENCH_TARGETS :=

PARTS := core ffi py go js java wasm profiles e2e autobahn analytics dist differential
include $(wildcard $(addprefix mk/,$(addsuffix .mk,$(PARTS))))

.PHONY: help deps demo test lint bench
help:
	@echo "make demo   build everything and classify codes from Rust, C and Python"
	@echo "make test   install what is missing, then run every test in every language"
	@echo "make bench  run the benchmarks (results: docs/benchmarks.md)"

# Installs toolchains and packages the build needs; each step is idempotent and quick when done.
deps:
	@for step in scripts/setup.d/*.sh; do \
	  start=$$(date +%s); bash "$$step"; \
	  echo "[time] deps $$(basename $$step): $$(( $$(date +%s) - start )) s"; done

demo: deps $(DEMO_TARGETS)

lint: deps
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

# Each suite runs in turn and reports how long it took, so a slow stage is easy to see.
test: lint
	@total=$$(date +%s); for target in $(TEST_TARGETS); do \
	  start=$$(date +%s); $(MAKE) $$target || { echo "make test: $$target FAILED" >&2; exit 1; }; \
	  echo "[time] $$target: $$(( $$(date +%s) - start )) s"; done; \
	  echo "[time] make test suites: $$(( $$(date +%s) - total )) s"
	@echo "make test: all suites passed ($(TEST_TARGETS))"

bench: deps $(BENCH_TARGETS)
