#!/usr/bin/env bash
# The websocketpp interop header's tests (make test-stack-websocketpp): built as a user builds
# them, against the installed wsclose found by pkg-config (PKG_CONFIG_PATH) and Debian's
# websocketpp 0.8.2 with Boost.Asio, -Wall -Wextra -Wpedantic -Werror:
#   g++ -std=c++17, clang++ -std=c++20, and g++ -std=c++17 under ASan+UBSan (proven linked),
#   the last linked with ASAN_LIB, a libwsclose.a whose Rust code is instrumented too;
#   the g++ build again under valgrind.
# g++ cannot build websocketpp 0.8.2 itself as C++20 (its logger and endpoint declare
# constructors and destructors as template-ids, `basic<concurrency,names>(...)`, which C++20
# forbids), so the C++20 build is clang++'s. The docs' example (docs/cpp-stacks.md) must equal example.cpp.
# Usage: run.sh DOCS_MD BUILD_DIR ASAN_LIB
set -euo pipefail
usage="usage: run.sh DOCS_MD BUILD_DIR ASAN_LIB"
docs=${1:?$usage}
build=${2:?$usage}
asan_lib=${3:?$usage}
here=$(cd "$(dirname "$0")" && pwd)
start=$(date +%s)
mkdir -p "$build"
fail() { echo "test-stack-websocketpp: $*" >&2; exit 1; }

# The example in the docs' websocketpp section is example.cpp from its first #include on.
shown=$(awk '/^## websocketpp$/ {in_section=1; next} /^## / {in_section=0}
             in_section && /^```cpp$/ && !done {on=1; next} on && /^```$/ {on=0; done=1} on' "$docs")
[[ -n $shown ]] || fail "no \`\`\`cpp block in the websocketpp section of $docs"
if ! diff -u <(sed -n '/^#include <wsclose\/websocketpp.hpp>$/,$p' "$here/example.cpp") \
     <(printf '%s\n' "$shown"); then
  fail "the example in $docs differs from $here/example.cpp"
fi

pkg-config --exists wsclose || fail "pkg-config cannot find wsclose: set PKG_CONFIG_PATH"
read -r -a wsclose_cflags <<<"$(pkg-config --cflags wsclose)"
read -r -a wsclose_libs <<<"$(pkg-config --libs wsclose)"
libdir=$(pkg-config --variable=libdir wsclose)
warn=(-Wall -Wextra -Wpedantic -Werror)
sources=("$here/test_rules.cpp" "$here/test_loopback.cpp" "$here/example.cpp")
# The static library's own dependencies (Libs.private), for the ASan build.
read -r -a private_libs <<<"$(pkg-config --static --libs-only-l wsclose | sed 's/-lwsclose//')"
[[ -f $asan_lib ]] || fail "no instrumented library at $asan_lib"
gtest=(-lgtest -lgtest_main -pthread)

# build NAME CXX LIBS FLAGS...: each source to an object, then the program $build/NAME linked
# with LIBS ("shared": the installed libwsclose.so; "asan": ASAN_LIB).
build() {
  local name=$1 cxx=$2 libs=$3; shift 3
  local link
  if [[ $libs == shared ]]; then
    link=("${wsclose_libs[@]}" -Wl,-rpath,"$libdir" "${gtest[@]}")
  else
    link=("$asan_lib" "${private_libs[@]}" "${gtest[@]}")
  fi
  local objects=() src obj
  for src in "${sources[@]}"; do
    obj=$build/$name-$(basename "$src" .cpp).o
    "$cxx" "$@" "${warn[@]}" -O1 -g "${wsclose_cflags[@]}" -pthread -c "$src" -o "$obj"
    objects+=("$obj")
  done
  "$cxx" "$@" "${objects[@]}" -o "$build/$name" "${link[@]}"
}

sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
build gcc-cxx17 g++ shared -std=c++17 & gcc=$!
build clang-cxx20 clang++ shared -std=c++20 & clang=$!
build gcc-cxx17-asan g++ asan -std=c++17 "${sanitize[@]}" & asan=$!
wait "$gcc" || fail "the g++ C++17 build failed"
wait "$clang" || fail "the clang++ C++20 build failed"
wait "$asan" || fail "the ASan+UBSan build failed"

"$here/../../../c/check-sanitized.sh" "$build/gcc-cxx17-asan" wsclose_encode_close_payload \
  || fail "the ASan+UBSan build is not what it claims"

for name in gcc-cxx17 clang-cxx20; do
  echo "test-stack-websocketpp: $name"
  "$build/$name" --gtest_brief=1
done
echo "test-stack-websocketpp: gcc-cxx17-asan (ASan+UBSan)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  "$build/gcc-cxx17-asan" --gtest_brief=1
echo "test-stack-websocketpp: gcc-cxx17 under valgrind"
valgrind --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect --quiet \
  "$build/gcc-cxx17" --gtest_brief=1
echo "test-stack-websocketpp: passed in $(($(date +%s) - start)) s"
