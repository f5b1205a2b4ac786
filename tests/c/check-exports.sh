#!/usr/bin/env bash
# Checks the shared library's dynamic symbol table: every defined symbol is a wsclose_* function
# of the C API (the list comes from include/wsclose.h), every API function is exported, and the
# soname is libwsclose.so.0.
set -euo pipefail
lib=${1:?usage: check-exports.sh path/to/libwsclose.so}
header=$(cd "$(dirname "$0")/../.." && pwd)/include/wsclose.h

exported=$(nm -D --defined-only "$lib" | awk '{print $NF}' | sort)
declared=$(grep -oE '\bwsclose_[a-z0-9_]+\(' "$header" | tr -d '(' | sort -u)
[[ -n $exported && -n $declared ]] || { echo "exports: nothing found in $lib or $header" >&2; exit 1; }

status=0
stray=$(grep -v '^wsclose_' <<<"$exported" || true)
if [[ -n $stray ]]; then
  echo "exports: symbols outside the wsclose_ namespace:" >&2; echo "$stray" >&2; status=1
fi
if ! diff <(echo "$declared") <(echo "$exported") >/dev/null; then
  echo "exports: header declarations and exported symbols differ (< header, > library):" >&2
  diff <(echo "$declared") <(echo "$exported") >&2 || true
  status=1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
if [[ $soname != libwsclose.so.0 ]]; then
  echo "exports: soname is '$soname', expected libwsclose.so.0" >&2; status=1
fi
((status == 0)) && echo "exports: $(wc -l <<<"$exported") symbols, all wsclose_*, all declared; soname $soname"
exit $status
