#!/usr/bin/env bash
# Compile-fail test: tests/cpp/compile-fail/raw_integer.cpp must build, link and run without
# WSCLOSE_BAD_LINE, and must fail to compile with it, with every error on the line marked
# `// WSCLOSE_BAD_LINE` (a raw integer where wsclose.hpp wants an enum class), so the test cannot
# pass through a broken setup or an unrelated error.
# Usage: run.sh CXX STD INCLUDE_DIR LIB_DIR WORK_DIR
set -euo pipefail
cxx=$1 std=$2 include=$3 libdir=$4 work=$5
here=$(cd "$(dirname "$0")" && pwd)
src=$here/raw_integer.cpp
flags=(-std="$std" -Wall -Wextra -Wpedantic -Werror -I"$include")
name=$(basename "$cxx")-$std
mkdir -p "$work"
fail() { echo "compile-fail ($name): $*" >&2; exit 1; }

"$cxx" "${flags[@]}" "$src" -o "$work/good-$name" -L"$libdir" -lwsclose -Wl,-rpath,"$libdir" \
  || fail "the file does not build without WSCLOSE_BAD_LINE"
"$work/good-$name" || fail "the good build did not run correctly"

bad_line=$(grep -n '// WSCLOSE_BAD_LINE$' "$src" | cut -d: -f1)
[[ $bad_line =~ ^[0-9]+$ ]] || fail "no single line marked WSCLOSE_BAD_LINE"
if "$cxx" "${flags[@]}" -DWSCLOSE_BAD_LINE -fsyntax-only "$src" 2>"$work/bad-$name.log"; then
  fail "a raw integer was accepted where an enum class is wanted"
fi
errors=$(grep -E '(^|/)raw_integer\.cpp:[0-9]+:[0-9]+: (fatal )?error:' "$work/bad-$name.log" || true)
[[ -n $errors ]] || { cat "$work/bad-$name.log" >&2; fail "the compiler failed without an error in the file"; }
if grep -v -E "raw_integer\.cpp:$bad_line:" <<<"$errors" >/dev/null; then
  cat "$work/bad-$name.log" >&2
  fail "an error on a line other than $bad_line"
fi
grep -q 'wsclose::engine' "$work/bad-$name.log" \
  || { cat "$work/bad-$name.log" >&2; fail "the error does not name wsclose::engine"; }
echo "compile-fail ($name): builds without WSCLOSE_BAD_LINE; refuses line $bad_line (int for wsclose::engine)"
