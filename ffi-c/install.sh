#!/usr/bin/env bash
# Installs the built C library into a prefix: the shared library with its soname links, the
# static library, the headers, wsclose.pc and the CMake package files (versions substituted).
# Usage: ffi-c/install.sh PREFIX BUILD_DIR       (BUILD_DIR holds libwsclose.so and .a)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
prefix=${1:?usage: install.sh PREFIX BUILD_DIR}
build=${2:?usage: install.sh PREFIX BUILD_DIR}
[[ $prefix == /* ]] || prefix=$(pwd)/$prefix
version=$("$here/version.sh")
IFS=. read -r major minor _ <<<"$version"
soversion=0   # the soname is libwsclose.so.0 (set in ffi-c/build.rs)
# What the Rust standard library inside libwsclose.a needs; rustc prints it with
# `--print native-static-libs` (see docs/c-abi.md).
static_libs="-lgcc_s -lutil -lrt -lpthread -lm -ldl -lc"
static_libs_cmake=$(sed 's/-l//g; s/ /;/g' <<<"$static_libs")

for f in "$build/libwsclose.so" "$build/libwsclose.a" "$root/include/wsclose.h" "$root/include/wsclose.hpp" \
         "$root/include/wsclose_constants.hpp"; do
  [[ -f $f ]] || { echo "install.sh: $f is missing (run make ffi-lib)" >&2; exit 1; }
done

lib=$prefix/lib
install -d "$lib/pkgconfig" "$lib/cmake/wsclose" "$prefix/include"
install -m 0755 "$build/libwsclose.so" "$lib/libwsclose.so.$version"
ln -sfn "libwsclose.so.$version" "$lib/libwsclose.so.$soversion"
ln -sfn "libwsclose.so.$soversion" "$lib/libwsclose.so"
install -m 0644 "$build/libwsclose.a" "$lib/libwsclose.a"
install -m 0644 "$root/include/wsclose.h" "$root/include/wsclose.hpp" \
  "$root/include/wsclose_constants.hpp" "$prefix/include/"
# The optional header-only interop headers, one per stack (include/wsclose/: beast.hpp, lws.h, ...).
shopt -s nullglob
interop=("$root"/include/wsclose/*.h "$root"/include/wsclose/*.hpp)
shopt -u nullglob
if [[ ${#interop[@]} -gt 0 ]]; then
  install -d "$prefix/include/wsclose"
  install -m 0644 "${interop[@]}" "$prefix/include/wsclose/"
fi

subst() {
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@VERSION@|$version|g" -e "s|@VERSION_MAJOR@|$major|g" \
      -e "s|@VERSION_MINOR@|$minor|g" -e "s|@SOVERSION@|$soversion|g" \
      -e "s|@STATIC_LIBS@|$static_libs|g" -e "s|@STATIC_LIBS_CMAKE@|$static_libs_cmake|g" "$1" >"$2"
  chmod 0644 "$2"
}
subst "$here/pkg/wsclose.pc.in" "$lib/pkgconfig/wsclose.pc"
subst "$here/pkg/wsclose-config.cmake.in" "$lib/cmake/wsclose/wsclose-config.cmake"
subst "$here/pkg/wsclose-config-version.cmake.in" "$lib/cmake/wsclose/wsclose-config-version.cmake"
echo "installed wsclose $version into $prefix"
