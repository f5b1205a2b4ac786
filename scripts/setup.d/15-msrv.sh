#!/usr/bin/env bash
# The MSRV toolchain: the workspace declares `rust-version = "1.85"`, and `make test-msrv` builds
# the published crates with exactly that compiler. rustup here reaches no older stable, but
# Debian bookworm ships Rust 1.85.0 as `rustc-web`/`cargo-web` (the toolchain it keeps for
# Firefox and Chromium). Its packages are unpacked, not installed, into build/msrv-toolchain, so
# the system and rustup's toolchain stay as they are. Quick no-op when done.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dest="$root/build/msrv-toolchain"
# Debian's package version of the declared MSRV, and the libraries its binaries link that a
# machine may lack (LLVM 19 for rustc; PCRE and http-parser for cargo).
deb_version="1.85.0+dfsg3-1~deb12u3"
packages=("rustc-web=$deb_version" "cargo-web=$deb_version" "libstd-rust-web-dev=$deb_version"
  "libstd-rust-web-1.85=$deb_version" "libllvm19" "libpcre3" "libhttp-parser2.9")
stamp="$dest/.stamp"
want=$(printf '%s\n' "${packages[@]}" | sha256sum | cut -c1-16)
if [[ -f $stamp && $(cat "$stamp") == "$want" && -x $dest/usr/bin/cargo ]]; then
  exit 0
fi

if ! apt-cache show "rustc-web=$deb_version" >/dev/null 2>&1; then
  apt-get update -qq
fi
work=$(mktemp -d /tmp/wsclose-msrv.XXXXXX)
trap 'rm -rf "$work"' EXIT
echo "setup (msrv): fetching Rust $deb_version from Debian into $dest" >&2
# apt-get download writes into the current directory; as root it warns that _apt cannot write there.
(cd "$work" && chmod 755 . && apt-get download -qq "${packages[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
debs=("$work"/*.deb)
(( ${#debs[@]} == ${#packages[@]} )) || { echo "setup (msrv): expected ${#packages[@]} packages, got ${#debs[@]}" >&2; exit 1; }
rm -rf "$dest" && mkdir -p "$dest"
for deb in "${debs[@]}"; do dpkg-deb -x "$deb" "$dest"; done
echo "$want" >"$stamp"
