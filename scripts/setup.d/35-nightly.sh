#!/usr/bin/env bash
# `make setup-nightly`: the nightly Rust toolchain. The ASan run of tests/c (`make ffi-test-asan`,
# part of `make test-ffi`) links a copy of libwsclose built with -Zsanitizer=address, and
# `make fuzz-core` runs cargo-fuzz; without nightly those fail rather than skip, so it is installed
# here. Quick no-op when present.
set -euo pipefail
command -v rustup >/dev/null || { echo "setup (nightly): rustup is missing; it installs the nightly toolchain" >&2; exit 1; }
if ! rustup toolchain list | grep -q '^nightly'; then
  echo "setup (nightly): installing the nightly Rust toolchain (minimal profile)"
  rustup toolchain install nightly --profile minimal
fi
