#!/usr/bin/env bash
# `make setup-msrv`: the MSRV toolchain. The workspace declares `rust-version` in Cargo.toml, and
# `make test-msrv` builds the published crates with exactly that compiler. Debian bookworm ships
# Rust 1.85 as `rustc-web`/`cargo-web` (the toolchain it keeps for Firefox and Chromium), so no
# rustup channel is needed: its packages are unpacked, not installed, into build/msrv-toolchain,
# and the system and rustup's toolchains stay as they are. Quick no-op when done.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest="$root/build/msrv-toolchain"
msrv=$(sed -n 's/^rust-version = "\(.*\)"/\1/p' "$root/Cargo.toml")
[[ -n $msrv ]] || { echo "setup (msrv): no rust-version in Cargo.toml" >&2; exit 1; }
stamp="$dest/.stamp"
if [[ -f $stamp && $(cut -d' ' -f1 "$stamp") == "$msrv" && -x $dest/usr/bin/cargo ]]; then
  exit 0
fi

# Debian's newest package of the declared MSRV, and the libraries its binaries link that a machine may lack (LLVM 19 for rustc; PCRE and
# http-parser for cargo).
deb_of() { apt-cache madison rustc-web 2>/dev/null | awk -v v="$msrv" '$3 ~ "^"v"[.]" {print $3; exit}'; }
deb_version=$(deb_of)
if [[ -z $deb_version ]]; then apt-get update -qq; deb_version=$(deb_of); fi
[[ -n $deb_version ]] || {
  echo "setup (msrv): Debian offers no rustc-web $msrv.x here (apt-cache madison rustc-web); make test-msrv" \
    "needs exactly the declared rust-version" >&2; exit 1; }
packages=("rustc-web=$deb_version" "cargo-web=$deb_version" "libstd-rust-web-dev=$deb_version"
  "libstd-rust-web-$msrv=$deb_version" "libllvm19" "libpcre3" "libhttp-parser2.9")
work=$(mktemp -d /tmp/wsclose-msrv.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "setup (msrv): fetching Rust $deb_version from Debian into $dest" >&2
# apt-get download writes into the current directory; as root it warns that _apt cannot write there.
(cd "$work" && chmod 755 . && apt-get download -qq "${packages[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
debs=("$work"/*.deb)
(( ${#debs[@]} == ${#packages[@]} )) || { echo "setup (msrv): expected ${#packages[@]} packages, got ${#debs[@]}" >&2; exit 1; }
rm -rf "$dest" && mkdir -p "$dest"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$dest"; done
echo "$msrv $deb_version" >"$stamp"
