#!/usr/bin/env bash
# Consumer test of the C/C++ artefacts in dist/:
#  - the .debs: checked (fields, soname, root-owned files), unpacked with dpkg-deb -x into a
#    temporary root (a system install would change what other suites on this machine link), then
#    the C and C++ consumers are built through pkg-config (PKG_CONFIG_SYSROOT_DIR/LIBDIR into the
#    root) and CMake find_package (CMAKE_PREFIX_PATH=<root>/usr), and run with LD_LIBRARY_PATH
#    into the root; each binary must have resolved libwsclose.so.0 from the root;
#  - the tarball: unpacked anywhere, the same builds through its relocatable .pc and CMake files.
# The consumers are tests/consumer/{main.c,main.cpp,cmake/} copied out; no header, library or
# search path of the checkout is used. Usage: tests/dist/c.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: c.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: c.sh DIST_DIR VERSION}
debarch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
fail() { echo "dist (c): $*" >&2; exit 1; }
run=$(dpkg-deb -f "$dist/libwsclose0_${version}-1_${debarch}.deb" Package 2>/dev/null) || fail "no libwsclose0 .deb"
[[ $run == libwsclose0 ]] || fail "odd runtime package name $run"
dev=$dist/libwsclose-dev_${version}-1_${debarch}.deb
rt=$dist/libwsclose0_${version}-1_${debarch}.deb

work=$(mktemp -d /tmp/wsclose-dist-c.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cp "$root/tests/consumer/main.c" "$root/tests/consumer/main.cpp" "$work/src/"
cp -r "$root/tests/consumer/cmake" "$work/src/cmake"

# --- the packages themselves ---
[[ $(dpkg-deb -f "$dev" Depends) == "libwsclose0 (= $version-1)" ]] || fail "libwsclose-dev Depends is wrong"
for deb in "$rt" "$dev"; do
  [[ $(dpkg-deb -f "$deb" Multi-Arch) == same ]] || fail "$deb: not Multi-Arch: same"
  [[ $(dpkg-deb -f "$deb" Version) == "$version-1" ]] || fail "$deb: version is not $version-1"
  if dpkg-deb -c "$deb" | awk '{print $2}' | grep -v '^root/root$' | grep . >/dev/null; then fail "$deb: files not owned by root"; fi
done
dpkg-deb -c "$rt" | grep "usr/lib/$multiarch/libwsclose.so.0 -> libwsclose.so.$version" >/dev/null || fail "runtime lacks the soname link"
if dpkg-deb -c "$rt" | grep -E 'include/|\.a$|pkgconfig' >/dev/null; then fail "runtime package holds development files"; fi
dpkg-deb --ctrl-tarfile "$rt" | tar -xO ./shlibs | grep -x "libwsclose 0 libwsclose0 (>= $version)" >/dev/null || fail "no shlibs"
# lintian at its strictest: any error, warning, info or pedantic finding fails. The findings that
# do not apply are overridden inside the packages, each with its reason (scripts/dist/c.sh).
command -v lintian >/dev/null || fail "lintian is missing (scripts/setup.d/90-dist.sh installs it)"
if ! lintian --tag-display-limit 0 --pedantic -I -E --fail-on error,warning,info,pedantic "$rt" "$dev" >"$work/lintian.log" 2>&1; then
  grep -v '^running with root privileges' "$work/lintian.log" >&2; fail "lintian reported the findings above"
fi
echo "dist (c): lintian --pedantic: no findings"

sysroot=$work/root
dpkg-deb -x "$rt" "$sysroot"
dpkg-deb -x "$dev" "$sysroot"
lib=$sysroot/usr/lib/$multiarch
readelf -d "$lib/libwsclose.so.0" | grep 'SONAME.*\[libwsclose.so.0\]' >/dev/null || fail "the installed library has no soname libwsclose.so.0"
# The interop headers (include/wsclose/: beast.hpp, lws.h, ...) are in the -dev package, byte for
# byte (make test-stacks tests them against each stack).
interop=("$root"/include/wsclose/*)
[[ -f ${interop[0]} ]] || fail "no interop headers in $root/include/wsclose"
for h in "${interop[@]}"; do
  cmp -s "$h" "$sysroot/usr/include/wsclose/${h##*/}" || fail "libwsclose-dev lacks or changed include/wsclose/${h##*/}"
done
echo "dist (c): libwsclose-dev holds the ${#interop[@]} interop headers of include/wsclose/"
# The symbols file lists exactly the functions the installed header declares.
diff <(grep -oE '\bwsclose_[a-z0-9_]+\(' "$sysroot/usr/include/wsclose.h" | tr -d '(' | sort -u) \
  <(dpkg-deb --ctrl-tarfile "$rt" | tar -xO ./symbols | sed -n 's/^ \(wsclose_[a-z0-9_]*\)@Base .*/\1/p' | sort) >&2 \
  || fail "DEBIAN/symbols and wsclose.h differ (< header, > symbols)"

# Builds the consumers with pkg-config and CMake against one installed tree and runs them.
consume() {  # label libdir pkg-config-env... -- cmake-prefix
  local label=$1 libdir=$2 prefix=$3; shift 3
  local out=$work/build-$label
  mkdir -p "$out"
  local cflags libs
  cflags=$(env "$@" pkg-config --cflags wsclose); libs=$(env "$@" pkg-config --libs wsclose)
  [[ $(env "$@" pkg-config --modversion wsclose) == "$version" ]] || fail "$label: pkg-config version"
  [[ $cflags == *"$prefix"* ]] || fail "$label: pkg-config --cflags '$cflags' does not point into $prefix"
  # shellcheck disable=SC2086
  gcc -std=c99 -Wall -Wextra -Wpedantic -Werror "$work/src/main.c" -o "$out/c" $cflags $libs
  # shellcheck disable=SC2086
  g++ -std=c++17 -Wall -Wextra -Wpedantic -Werror "$work/src/main.cpp" -o "$out/cpp" $cflags $libs
  # The C++ layer as C++17 and C++20 with g++ and clang++.
  local cxx std
  for cxx in g++ clang++; do
    for std in c++17 c++20; do
      # shellcheck disable=SC2086
      "$cxx" -std="$std" -Wall -Wextra -Wpedantic -Werror "$work/src/main.cpp" -o "$out/cpp-$cxx-$std" $cflags $libs \
        || fail "$label: $cxx -std=$std"
      [[ $(LD_LIBRARY_PATH=$libdir "$out/cpp-$cxx-$std") == "consumer c++${std#c++} ok" ]] || fail "$label: $cxx $std consumer"
    done
  done
  cmake -S "$work/src/cmake" -B "$out/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF -DCMAKE_BUILD_TYPE=Release >"$out/cmake.log" 2>&1 \
    || { cat "$out/cmake.log" >&2; fail "$label: cmake configure"; }
  grep -q "found wsclose $version in $prefix" "$out/cmake.log" || { cat "$out/cmake.log" >&2; fail "$label: cmake found another wsclose"; }
  cmake --build "$out/cmake" -j 2 >>"$out/cmake.log" 2>&1 || { cat "$out/cmake.log" >&2; fail "$label: cmake build"; }
  for exe in "$out/c" "$out/cpp" "$out/cmake/consumer_shared" "$out/cmake/consumer_cpp" "$out/cmake/consumer_cpp20" \
    "$out/cmake/consumer_static"; do
    LD_LIBRARY_PATH=$libdir "$exe" >/dev/null || fail "$label: $(basename "$exe") failed"
  done
  LD_LIBRARY_PATH=$libdir ldd "$out/c" | grep "libwsclose.so.0 => $libdir/libwsclose.so.0" >/dev/null \
    || fail "$label: the C consumer did not load libwsclose.so.0 from $libdir"
  echo "dist (c): $label: C and C++ (C++17/C++20, g++/clang++) via pkg-config, CMake wsclose::wsclose / wsclose::static / C++17 / C++20: built and ran"
}
consume deb "$lib" "$sysroot/usr" PKG_CONFIG_SYSROOT_DIR="$sysroot" PKG_CONFIG_LIBDIR="$lib/pkgconfig" PKG_CONFIG_PATH=

mkdir -p "$work/tarball"
tar -xzf "$dist/wsclose-$version-linux-$(uname -m).tar.gz" -C "$work/tarball"
tprefix=$work/tarball/wsclose-$version-linux-$(uname -m)
consume tarball "$tprefix/lib" "$tprefix" PKG_CONFIG_LIBDIR="$tprefix/lib/pkgconfig" PKG_CONFIG_PATH=
