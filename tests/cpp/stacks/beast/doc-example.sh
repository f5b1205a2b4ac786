#!/usr/bin/env bash
# The C++ example of docs/cpp-stacks.md's "## Boost.Beast" section is the code that
# test_beast.cpp runs (test BeastDocs.CppStacksExample): its lines after the #include and the
# namespace alias equal the lines between the "// doc:begin" and "// doc:end" markers of the test,
# indentation aside. Usage: doc-example.sh docs/cpp-stacks.md tests/cpp/stacks/beast/test_beast.cpp
set -euo pipefail
doc=${1:?usage: doc-example.sh DOC TEST}
test=${2:?usage: doc-example.sh DOC TEST}
shown=$(sed -n '/^## Boost.Beast$/,/^## /p' "$doc" \
  | awk '/^```cpp$/ && !done {on=1; next} /^```$/ && on {on=0; done=1} on' \
  | grep -v -e '^#include' -e '^namespace ' -e '^$' | sed 's/^ *//')
run=$(awk '/\/\/ doc:end/ {on=0} on; /\/\/ doc:begin/ {on=1}' "$test" | grep -v '^$' | sed 's/^ *//')
[[ -n $shown ]] || { echo "doc-example: no \`\`\`cpp block in the Boost.Beast section of $doc" >&2; exit 1; }
if [[ $shown != "$run" ]]; then
  echo "doc-example: the example in $doc differs from the code $test runs:" >&2
  diff <(echo "$shown") <(echo "$run") >&2 || true
  exit 1
fi
echo "doc-example: the $(wc -l <<<"$shown")-line example of $doc is the code $test runs"
