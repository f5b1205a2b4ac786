#!/usr/bin/env bash
# Writes the output of the C benchmark into docs/benchmarks.md between <!-- bench:c --> and
# <!-- /bench:c --> (appending the markers when they are absent), with machine, command and date.
# Usage: bench-report.sh BENCH_OUTPUT --report docs/benchmarks.md
set -euo pipefail
usage="usage: bench-report.sh BENCH_OUTPUT --report FILE"
results=${1:?$usage}
[[ ${2:-} == --report && -n ${3:-} && $# -eq 3 ]] || { echo "$usage" >&2; exit 2; }
doc=$3
[[ -s $results ]] || { echo "bench-report: $results is empty" >&2; exit 1; }
[[ -f $doc ]] || printf '# Benchmarks\n' >"$doc"
if ! grep -qx '<!-- bench:c -->' "$doc"; then
  printf '\n<!-- bench:c -->\n<!-- /bench:c -->\n' >>"$doc"
fi

machine=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo '<!-- bench:c -->'
  echo '### C ABI (`libwsclose.so`)'
  echo
  echo "Machine: $machine, $(nproc) cores available; $(gcc --version | head -1), \`-O2\`."
  echo "Command: \`make bench-ffi\` (tests/c/bench.c). Date: $(date -u +%Y-%m-%d)."
  echo
  echo 'Per call: `wsclose_classify` called through the shared library (PLT, no inlining) next to'
  echo 'an inline C if-chain over the same ranges, on the same random mix; an inline branchless'
  echo 'version (which gcc vectorises) shows the floor. Bulk: `wsclose_classify_many` over the'
  echo 'whole array. All variants are checked to give identical categories.'
  echo
  echo '```text'
  cat "$results"
  echo '```'
  echo '<!-- /bench:c -->'
} >"$section"
python3 - "$doc" "$section" <<'PY'
import sys
doc, section = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
start, end = "<!-- bench:c -->", "<!-- /bench:c -->"
i, j = text.index(start), text.index(end) + len(end)
text = text[:i] + open(section, encoding="utf-8").read().rstrip("\n") + text[j:]
open(doc, "w", encoding="utf-8").write(text)
PY
echo "bench-report: wrote the C section of $doc"
