#!/usr/bin/env bash
# Writes the output of the Beast benchmark (bench_beast.cpp) into docs/benchmarks.md between
# <!-- bench:beast --> and <!-- /bench:beast --> (appended at the end when absent), with machine,
# compiler, command and date.
# Usage: bench-report.sh BENCH_OUTPUT --report docs/benchmarks.md
set -euo pipefail
usage="usage: bench-report.sh BENCH_OUTPUT --report FILE"
results=${1:?$usage}
[[ ${2:-} == --report && -n ${3:-} && $# -eq 3 ]] || { echo "$usage" >&2; exit 2; }
doc=$3
[[ -s $results ]] || { echo "bench-report: $results is empty" >&2; exit 1; }
[[ -f $doc ]] || { echo "bench-report: no $doc" >&2; exit 1; }
if ! grep -qx '<!-- bench:beast -->' "$doc"; then
  printf '\n<!-- bench:beast -->\n<!-- /bench:beast -->\n' >>"$doc"
fi
machine=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1)
beast=$(sed -n 's/^#define BOOST_LIB_VERSION "\(.*\)"/\1/p' /usr/include/boost/version.hpp | tr _ .)
section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo '<!-- bench:beast -->'
  echo '### C++: wsclose beside Boost.Beast'"'"'s own close handling'
  echo
  echo "Machine: $machine, $(nproc) cores available; $(g++ --version | head -1), \`-O2\`;"
  echo "Boost $beast (Debian libboost-dev). Command: \`make bench-beast\`"
  echo "(tests/cpp/stacks/beast/bench_beast.cpp). Date: $(date -u +%Y-%m-%d)."
  echo
  echo 'Server side, in memory (`beast::test::stream` pairs): each connection is opened by a real'
  echo 'handshake (not timed) and the peer'"'"'s masked Close waits in its input. "Beast" times'
  echo '`ws.read()` on that Close: Beast parses and checks the payload, writes its reply and tears'
  echo 'the stream down. "Beast + wsclose" adds the decision of examples/cpp-beast'
  echo '(`parse_close_reason(ws.reason())` or `reply_code_of(ec)`, then the reply built by'
  echo '`to_close_reason`, both from `wsclose/beast.hpp`); "wsclose alone" is that decision on'
  echo 'what the reads produced. Codes: a seeded mix, half that wsclose accepts, half that it refuses.'
  echo 'The ratio is wsclose'"'"'s cost over Beast'"'"'s, both measured in the same run.'
  echo
  echo '```text'
  cat "$results"
  echo '```'
  echo '<!-- /bench:beast -->'
} >"$section"
python3 - "$doc" "$section" <<'PY'
import sys
doc, section = sys.argv[1], sys.argv[2]
text = open(doc, encoding="utf-8").read()
start, end = "<!-- bench:beast -->", "<!-- /bench:beast -->"
i, j = text.index(start), text.index(end) + len(end)
text = text[:i] + open(section, encoding="utf-8").read().rstrip("\n") + text[j:]
open(doc, "w", encoding="utf-8").write(text)
PY
echo "bench-report: wrote the Beast section of $doc"
