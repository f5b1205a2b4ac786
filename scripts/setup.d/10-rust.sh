#!/usr/bin/env bash
# `make setup-rust`: the Rust toolchain's rustfmt and clippy (`make lint`, `make check`).
set -euo pipefail
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust with rustup first" >&2; exit 1; }
if command -v rustup >/dev/null; then
  installed=$(rustup component list --installed 2>/dev/null || true)
  for component in rustfmt clippy; do
    grep -q "^$component" <<<"$installed" || rustup component add "$component"
  done
fi
