#!/usr/bin/env bash
# `make setup-ffi`: the C/C++ tools of the C ABI's tests (tests/c, tests/cpp, tests/consumer):
# compilers (gcc and clang: the C++ layer is built with both), CMake, pkg-config, valgrind,
# GoogleTest and the sanitizer runtimes. (The pinned
# cbindgen is 12-cbindgen.sh's; the nightly Rust of the sanitizer build is 35-nightly.sh's.)
# Idempotent; quick when all is present.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"

# Debian packages: command or file that proves each is installed.
declare -A need=(
  [gcc]="command -v gcc"
  [g++]="command -v g++"
  [clang]="command -v clang++"
  [make]="command -v make"
  [cmake]="command -v cmake"
  [pkgconf]="command -v pkg-config"
  [valgrind]="command -v valgrind"
  [binutils]="command -v nm"
  [libgtest-dev]='test -e /usr/include/gtest/gtest.h && test -n "$(gcc -print-file-name=libgtest.a | grep /)"'
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
apt_install ffi "${missing[@]}"
