#!/usr/bin/env bash
# Prints the version Cargo gives the wsclose-ffi crate (its CARGO_PKG_VERSION), e.g. 0.1.0.
# The header macros, wsclose.pc, the CMake package files and the .so file name all use it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=$("${CARGO:-cargo}" metadata --no-deps --format-version 1 --manifest-path "$here/Cargo.toml" \
          | grep -o '"name":"wsclose-ffi","version":"[^"]*"' | sed 's/.*"version":"\([^"]*\)"/\1/')
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "version.sh: odd version '$version'" >&2; exit 1; }
echo "$version"
