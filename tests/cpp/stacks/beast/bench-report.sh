#!/usr/bin/env bash
# Writes the output of the Beast benchmark (bench_beast.cpp) into docs/benchmarks.md between
# <!-- bench:beast --> and <!-- /bench:beast --> (appended at the end when absent), with machine,
# compiler, command and date.
# Usage: bench-report.sh BENCH_OUTPUT DOC
set -euo pipefail
(( $# == 2 )) || { echo "usage: bench-report.sh BENCH_OUTPUT DOC" >&2; exit 2; }
results=$1 doc=$2
[[ -s $results && -f $doc ]] || { echo "bench-report: $results is empty or $doc is missing" >&2; exit 1; }
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
# The new section in place of the old one (everything else as it was).
awk -v section="$section" '
  $0 == "<!-- bench:beast -->" { while ((getline line < section) > 0) print line; skip = 1; next }
  $0 == "<!-- /bench:beast -->" { skip = 0; next }
  !skip' "$doc" >"$doc.tmp"
mv "$doc.tmp" "$doc"
echo "bench-report: wrote the Beast section of $doc"
