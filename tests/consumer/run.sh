#!/usr/bin/env bash
# Consumer test: `make install` into a fresh temporary prefix, then build small programs from
# that prefix only (pkg-config dynamic and static, CMake find_package with wsclose::wsclose and
# wsclose::static; the C++ program as C++17 and C++20 with g++ and clang++) and run them. Checks
# that each binary links the library the way it claims.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix

make -C "$root" --no-print-directory install PREFIX="$prefix" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log" >&2; exit 1; }
version=$("$root/ffi-c/version.sh")
fail() { echo "consumer: $*" >&2; exit 1; }

# Only the temporary prefix may be visible to pkg-config.
export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig
[[ $(pkg-config --modversion wsclose) == "$version" ]] || fail "pkg-config reports the wrong version"
cd "$work"
cp "$here/main.c" "$here/main.cpp" .
cxx_compilers=(g++ clang++)
for cxx in "${cxx_compilers[@]}"; do
  command -v "$cxx" >/dev/null || fail "$cxx is missing (scripts/setup.d/30-ffi.sh installs it)"
done

# Dynamic: exactly the flags pkg-config gives, plus an rpath to run from the prefix.
# shellcheck disable=SC2046
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror main.c -o dynamic \
  $(pkg-config --cflags --libs wsclose) -Wl,-rpath,"$(pkg-config --variable=libdir wsclose)"
readelf -d dynamic | grep 'NEEDED.*\[libwsclose\.so\.0\]' >/dev/null || fail "dynamic: no NEEDED libwsclose.so.0"
./dynamic

# Static: `pkg-config --static` adds what the Rust standard library needs; the archive is chosen
# over the .so with GNU ld's -l:libwsclose.a (see docs/c-abi.md).
static_flags=$(pkg-config --static --cflags --libs wsclose)
[[ $static_flags == *-lpthread* ]] || fail "pkg-config --static lacks Libs.private"
# shellcheck disable=SC2086
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror main.c -o static ${static_flags/-lwsclose/-l:libwsclose.a}
if readelf -d static | grep 'libwsclose' >/dev/null; then fail "static: still needs libwsclose.so"; fi
nm static | grep ' T wsclose_classify$' >/dev/null || fail "static: wsclose_classify not linked in"
./static

# C++ through pkg-config: C++17 and C++20, g++ and clang++, warnings as errors.
for cxx in "${cxx_compilers[@]}"; do
  for std in c++17 c++20; do
    # shellcheck disable=SC2046
    "$cxx" -std="$std" -Wall -Wextra -Wpedantic -Werror main.cpp -o "cpp-$cxx-$std" \
      $(pkg-config --cflags --libs wsclose) -Wl,-rpath,"$(pkg-config --variable=libdir wsclose)"
    [[ $("./cpp-$cxx-$std") == "consumer c++${std#c++} ok" ]] || fail "pkg-config $cxx $std: wrong answer"
  done
done

# CMake: find_package from the prefix only; once per C++ compiler (consumer_cpp is C++17,
# consumer_cpp20 C++20).
for cxx in "${cxx_compilers[@]}"; do
  build=cmake-build-$cxx
  cmake -S "$here/cmake" -B "$build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
    -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release >"$build.log" 2>&1 \
    || { cat "$build.log" >&2; fail "cmake configure failed ($cxx)"; }
  grep -q "found wsclose $version in $prefix/lib/cmake/wsclose" "$build.log" || { cat "$build.log" >&2; fail "cmake found another wsclose"; }
  cmake --build "$build" -j 2 >>"$build.log" 2>&1 || { cat "$build.log" >&2; fail "cmake build failed ($cxx)"; }
  grep -q "CMAKE_CXX_COMPILER:.*$cxx" "$build/CMakeCache.txt" || fail "cmake did not use $cxx"
  readelf -d "$build/consumer_shared" | grep 'NEEDED.*\[libwsclose\.so\.0\]' >/dev/null || fail "cmake shared: not dynamic"
  if readelf -d "$build/consumer_static" | grep libwsclose >/dev/null; then fail "cmake static: needs the .so"; fi
  "$build/consumer_shared"
  "$build/consumer_static"
  [[ $("$build/consumer_cpp") == "consumer c++17 ok" ]] || fail "cmake $cxx consumer_cpp (C++17) failed"
  [[ $("$build/consumer_cpp20") == "consumer c++20 ok" ]] || fail "cmake $cxx consumer_cpp20 (C++20) failed"
done

# A version the install cannot satisfy must be refused.
mkdir -p too-new
sed 's/find_package(wsclose 0.1 CONFIG REQUIRED)/find_package(wsclose 9.0 CONFIG REQUIRED)/' \
  "$here/cmake/CMakeLists.txt" >too-new/CMakeLists.txt
sed -i "s#\.\./main\.c#$here/main.c#; s#\.\./main\.cpp#$here/main.cpp#" too-new/CMakeLists.txt
if cmake -S too-new -B too-new/build -DCMAKE_PREFIX_PATH="$prefix" >/dev/null 2>&1; then
  fail "find_package(wsclose 9.0) accepted version $version"
fi
echo "consumer: pkg-config (dynamic, static; C++17/C++20 with g++ and clang++) and CMake (wsclose::wsclose, wsclose::static, C++17/C++20, with g++ and clang++) all built from $prefix and ran"
