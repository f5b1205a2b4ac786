# Core crate: tests, vectors, docs, benchmarks.
.PHONY: test-core test-msrv check-generated generate bench-core fuzz-core fuzz-stats

test-core: check-generated ## the core's tests and doc tests, the std build, rustdoc -D warnings
	$(CARGO) test -p wsclose --locked
	$(CARGO) check -q -p wsclose --locked --features std
	$(CARGO) test -q -p wsclose --locked --features tungstenite --test tungstenite_interop
	$(CARGO) test -q -p wsclose --locked --features tungstenite --doc interop
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p wsclose --no-deps --locked -q --features tungstenite

# Golden vectors and docs/codes.md are generated from the core; CI fails when they drift.
generate: ## rewrite every generated file (xtask write) after changing the core
	$(CARGO) run -q -p xtask --locked -- write

check-generated: ## every generated file equals a fresh xtask run
	$(CARGO) run -q -p xtask --locked -- check

bench-core: ## criterion, the core against tungstenite -> docs/benchmarks.md
	$(CARGO) bench -p wsclose --locked --bench classify
	python3 scripts/bench_report.py --report $(ROOT)/docs/benchmarks.md

# The declared MSRV is a claim a build proves: the crates users build (wsclose, wsclose-ffi,
# wsclose-py) compile with exactly the `rust-version` of Cargo.toml (Debian's rustc-web,
# make setup-msrv), from the committed Cargo.lock. Dev-dependencies (proptest,
# criterion) need newer compilers, so tests and benches are not part of the claim.
MSRV_ROOT := $(ROOT)/build/msrv-toolchain
MSRV_ENV := LD_LIBRARY_PATH=$(MSRV_ROOT)/usr/lib/x86_64-linux-gnu:$(MSRV_ROOT)/lib/x86_64-linux-gnu \
  RUSTC=$(MSRV_ROOT)/usr/bin/rustc RUSTDOC=$(MSRV_ROOT)/usr/bin/rustdoc CARGO_TARGET_DIR=$(ROOT)/build/msrv-target
test-msrv: ## build the published crates with exactly the declared rust-version
	@declared=$$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml); \
	  actual=$$($(MSRV_ENV) $(MSRV_ROOT)/usr/bin/rustc -V | cut -d' ' -f2); \
	  [[ -n $$declared && $$actual == $$declared.* ]] || { echo "test-msrv: the workspace declares rust-version '$$declared' but the MSRV toolchain is $$actual" >&2; exit 1; }; \
	  if grep -rn --include=Cargo.toml '^rust-version = ' core ffi-c py | grep -v workspace; then echo "test-msrv: a crate declares its own rust-version (use rust-version.workspace = true)" >&2; exit 1; fi; \
	  echo "test-msrv: building with rustc $$actual (declared MSRV $$declared)"
	$(MSRV_ENV) $(MSRV_ROOT)/usr/bin/cargo build --locked -q -p wsclose -p wsclose-ffi -p wsclose-py
	$(MSRV_ENV) $(MSRV_ROOT)/usr/bin/cargo build --locked -q -p wsclose --features std
	$(MSRV_ENV) $(MSRV_ROOT)/usr/bin/cargo build --locked -q -p wsclose --features tungstenite
	$(MSRV_ENV) $(MSRV_ROOT)/usr/bin/cargo build --locked -q --release -p wsclose-ffi

TEST_TARGETS += test-core test-msrv
BENCH_TARGETS += bench-core

# Coverage-guided fuzzing of the payload parser and of the stats log parser (needs the nightly toolchain; not part of `make test`,
# where the proptest suite covers the same properties on stable). FUZZ_SECONDS=60 by default.
FUZZ_SECONDS ?= 60
fuzz-core: ## cargo-fuzz on the payload parser for FUZZ_SECONDS (nightly)
	command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz --version 0.13.2
	cd core/fuzz && $(CARGO) +nightly fuzz run parse_close_payload -- -max_total_time=$(FUZZ_SECONDS) -max_len=300

fuzz-stats: ## cargo-fuzz on the stats log parser for FUZZ_SECONDS (nightly)
	command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz --version 0.13.2
	cd core/fuzz && $(CARGO) +nightly fuzz run stats_parser -- -max_total_time=$(FUZZ_SECONDS) -max_len=4096
