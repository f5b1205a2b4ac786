#!/usr/bin/env bash
# Compiles and runs the C example of README.md's C section exactly as written, and compares its
# output with the ```text block that follows it in the README.
# Usage: readme-example.sh README.md BUILD_DIR
set -euo pipefail
readme=${1:?usage: readme-example.sh README.md BUILD_DIR}
build=${2:?usage: readme-example.sh README.md BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$build"

section=$(sed -n '/^<!-- section:c -->$/,/^<!-- \/section:c -->$/p' "$readme")
# First ```c block, and the first ```text block, of the section.
code=$(awk '/^```c$/ && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
expected=$(awk '/^```text$/ && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
[[ -n $code ]] || { echo "readme: no \`\`\`c block in the C section of $readme" >&2; exit 1; }
[[ -n $expected ]] || { echo "readme: no \`\`\`text block (expected output) in $readme" >&2; exit 1; }

printf '%s\n' "$code" >"$build/readme_example.c"
gcc -std=c99 -Wall -Wextra -Wpedantic -Werror -I"$root/include" "$build/readme_example.c" \
  -o "$build/readme_example" -L"$root/target/release" -lwsclose -Wl,-rpath,"$root/target/release"
actual=$("$build/readme_example")
if [[ $actual != "$expected" ]]; then
  echo "readme: the example printed" >&2; echo "  $actual" >&2
  echo "but the README says" >&2; echo "  $expected" >&2
  exit 1
fi
echo "readme: the $(wc -l <<<"$code")-line C example compiles with -Werror and prints what the README says"
