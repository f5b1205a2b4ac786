#!/usr/bin/env bash
# Generates the C header for the wsclose C ABI with the pinned cbindgen.
# Usage: ffi-c/gen-header.sh OUTPUT            (OUTPUT is usually include/wsclose.h)
# The version macros are derived from the crate version (CARGO_PKG_VERSION as Cargo reports it)
# and handed to cbindgen as `after_includes` in a temporary copy of ffi-c/cbindgen.toml.
set -euo pipefail
CBINDGEN_VERSION=0.29.4   # keep in sync with scripts/setup.d/30-ffi.sh
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?usage: gen-header.sh OUTPUT}

command -v cbindgen >/dev/null || { echo "gen-header: cbindgen not found (run make setup-cbindgen)" >&2; exit 1; }
have=$(cbindgen --version | awk '{print $2}')
[[ $have == "$CBINDGEN_VERSION" ]] || {
  echo "gen-header: cbindgen $have found, $CBINDGEN_VERSION required (run make setup-cbindgen)" >&2; exit 1; }

version=$("$here/version.sh")
[[ $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]] || { echo "gen-header: odd version '$version'" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  printf 'after_includes = """\n'
  printf '\n/** Version of this header, derived from the crate version; compare with wsclose_version(). */\n'
  printf '#define WSCLOSE_VERSION_MAJOR %s\n' "${BASH_REMATCH[1]}"
  printf '#define WSCLOSE_VERSION_MINOR %s\n' "${BASH_REMATCH[2]}"
  printf '#define WSCLOSE_VERSION_PATCH %s\n' "${BASH_REMATCH[3]}"
  printf '#define WSCLOSE_VERSION "%s"\n' "$version"
  printf '"""\n'
  cat "$here/cbindgen.toml"
} >"$tmp/cbindgen.toml"
cbindgen --quiet --config "$tmp/cbindgen.toml" --crate wsclose-ffi --output "$tmp/wsclose.h" "$here"
mkdir -p "$(dirname "$out")"
mv "$tmp/wsclose.h" "$out"
