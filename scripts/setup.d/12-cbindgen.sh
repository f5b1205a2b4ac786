#!/usr/bin/env bash
# `make setup-cbindgen`: the pinned cbindgen that generates include/wsclose.h (`make ffi-header`,
# `make ffi-header-check`, `make check`). The pin is ffi-c/gen-header.sh's CBINDGEN_VERSION.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=$(sed -n 's/^CBINDGEN_VERSION=\([0-9.]*\).*/\1/p' "$root/ffi-c/gen-header.sh")
[[ -n $version ]] || { echo "setup (cbindgen): no CBINDGEN_VERSION in ffi-c/gen-header.sh" >&2; exit 1; }
if ! { command -v cbindgen >/dev/null && [[ $(cbindgen --version) == "cbindgen $version" ]]; }; then
  echo "setup (cbindgen): installing cbindgen $version"
  # A debug build: it compiles in less than half the time of a release build on a new machine,
  # and writes the same header (it runs for well under a second either way).
  cargo install --locked --debug cbindgen --version "$version"
fi
