#!/usr/bin/env bash
# C ABI (ffi-c/, tests/c, tests/cpp, tests/consumer): the pinned cbindgen that generates
# include/wsclose.h, and the C/C++ tools the tests use. Idempotent; quick when all is present.
set -euo pipefail
CBINDGEN_VERSION=0.29.4   # keep in sync with ffi-c/gen-header.sh

# Debian packages: command or file that proves each is installed.
declare -A need=(
  [gcc]="command -v gcc"
  [g++]="command -v g++"
  [make]="command -v make"
  [cmake]="command -v cmake"
  [pkgconf]="command -v pkg-config"
  [valgrind]="command -v valgrind"
  [binutils]="command -v nm"
  [libgtest-dev]='test -e /usr/include/gtest/gtest.h && test -n "$(find /usr/lib -name libgtest.a -print -quit)"'
)
missing=()
for pkg in "${!need[@]}"; do
  eval "${need[$pkg]}" >/dev/null 2>&1 || missing+=("$pkg")
done
# The sanitizer runtimes ship with gcc's libasan/libubsan packages.
if command -v gcc >/dev/null; then
  for lib in libasan.so libubsan.so; do
    [[ $(gcc -print-file-name="$lib") == /* ]] || missing+=(gcc)
  done
fi
if ((${#missing[@]})); then
  echo "setup (ffi): installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! { command -v cbindgen >/dev/null && [[ $(cbindgen --version) == "cbindgen $CBINDGEN_VERSION" ]]; }; then
  echo "setup (ffi): installing cbindgen $CBINDGEN_VERSION"
  cargo install --locked cbindgen --version "$CBINDGEN_VERSION"
fi

# The ASan run of tests/c links a copy of the library built with nightly -Zsanitizer=address
# (see mk/ffi.mk); without nightly that suite must fail, not be skipped, so install it here.
if command -v rustup >/dev/null && ! rustup toolchain list | grep -q '^nightly'; then
  echo "setup (ffi): installing the nightly Rust toolchain for the sanitizer build"
  rustup toolchain install nightly --profile minimal
fi
