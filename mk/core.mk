# Core crate: tests, vectors, docs, demo, benchmarks.
.PHONY: demo-core test-core check-generated generate bench-core fuzz-core

demo-core:
	@echo "== Rust =="
	$(CARGO) run -q --release --example classify -p wsclose -- 1000 1006 1014 3000 4999 5000

test-core: check-generated
	$(CARGO) test -p wsclose --locked
	$(CARGO) check -q -p wsclose --locked --features std
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc -p wsclose --no-deps --locked -q

# Golden vectors and docs/codes.md are generated from the core; CI fails when they drift.
generate:
	$(CARGO) run -q -p xtask --locked -- write

check-generated:
	$(CARGO) run -q -p xtask --locked -- check

bench-core:
	$(CARGO) bench -p wsclose --locked --bench classify
	python3 scripts/bench_report.py $(ROOT)

DEMO_TARGETS += demo-core
TEST_TARGETS += test-core
BENCH_TARGETS += bench-core

# Coverage-guided fuzzing of the payload parser (needs the nightly toolchain; not part of `make test`,
# where the proptest suite covers the same properties on stable). FUZZ_SECONDS=60 by default.
FUZZ_SECONDS ?= 60
fuzz-core:
	command -v cargo-fuzz >/dev/null || $(CARGO) install --locked cargo-fuzz --version 0.13.2
	cd core/fuzz && $(CARGO) +nightly fuzz run parse_close_payload -- -max_total_time=$(FUZZ_SECONDS) -max_len=300
