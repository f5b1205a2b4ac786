#!/usr/bin/env bash
# Consumer test of dist/wsclose-VERSION.crate: a new crate in a temporary directory depends on
# `wsclose = "=VERSION"` exactly as a crates.io user writes it. Cargo resolves it from a directory
# source that replaces crates.io and holds only the unpacked .crate (with the checksum of the
# .crate file, as `cargo vendor` writes it), with a fresh CARGO_HOME and --offline: nothing from
# the workspace or the checkout is visible. Usage: tests/dist/rust.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "${1:?usage: rust.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: rust.sh DIST_DIR VERSION}
crate=$dist/wsclose-$version.crate
[[ -f $crate ]] || { echo "dist (rust): $crate is missing" >&2; exit 1; }

work=$(mktemp -d /tmp/wsclose-dist-rust.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/vendor" "$work/cargo-home" "$work/consumer"
tar -xzf "$crate" -C "$work/vendor"
printf '{"files":{},"package":"%s"}\n' "$(sha256sum "$crate" | cut -d' ' -f1)" \
  >"$work/vendor/wsclose-$version/.cargo-checksum.json"
cat >"$work/cargo-home/config.toml" <<TOML
[source.crates-io]
replace-with = "dist"
[source.dist]
directory = "$work/vendor"
TOML
cp -r "$here/rust/src" "$work/consumer/src"
sed "s/@VERSION@/$version/" "$here/rust/Cargo.toml.in" >"$work/consumer/Cargo.toml"
cd "$work/consumer"
# The warm cache keeps the compiled crate between runs; it sits outside the consumer tree.
CARGO_HOME=$work/cargo-home CARGO_TARGET_DIR=${WSCLOSE_DIST_CARGO_TARGET:-$work/target} \
  RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} WSCLOSE_CONSUMER_VERSION=$version \
  cargo run -q --offline --release
grep -q 'name = "wsclose"' Cargo.lock && grep -q "version = \"$version\"" Cargo.lock \
  || { echo "dist (rust): Cargo.lock does not pin wsclose $version" >&2; exit 1; }
echo "dist (rust): a new crate built and ran against wsclose-$version.crate (offline, directory source)"
