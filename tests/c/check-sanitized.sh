#!/usr/bin/env bash
# Proves a test program is built with the sanitizers it claims: ASan (__asan_init) and UBSan
# (__ubsan_handle_*), and, when a symbol is given, that it links libwsclose statically (the
# instrumented libwsclose.a defines that function in the program itself: ` T SYMBOL`).
# Usage: check-sanitized.sh PROGRAM [WSCLOSE_SYMBOL]
set -euo pipefail
program=${1:?usage: check-sanitized.sh PROGRAM [WSCLOSE_SYMBOL]}
symbol=${2:-}
name=$(basename "$program")
symbols=$(nm "$program")
grep -q '__asan_init' <<<"$symbols" || { echo "$name is not instrumented (no __asan_init)" >&2; exit 1; }
grep -q '__ubsan_handle' <<<"$symbols" || { echo "$name has no UBSan handlers" >&2; exit 1; }
if [[ -n $symbol ]] && ! grep -q " T $symbol\$" <<<"$symbols"; then
  echo "$name did not link libwsclose.a statically (no $symbol in it)" >&2; exit 1
fi
echo "sanitizers linked: $name (ASan, UBSan${symbol:+, libwsclose.a})"
