#!/usr/bin/env bash
# Compiles the C or C++ example of README.md's C section exactly as written, runs it and compares
# its output with the ```text block that follows the example in the README.
#   c:    the first ```c block, gcc -std=c99
#   cpp:  the first ```cpp block, g++ and clang++, C++17 and C++20
# Every build uses -Wall -Wextra -Wpedantic -Werror.
# Usage: readme-example.sh c|cpp README.md BUILD_DIR
set -euo pipefail
usage="usage: readme-example.sh c|cpp README.md BUILD_DIR"
lang=${1:?$usage}
readme=${2:?$usage}
build=${3:?$usage}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$build"
case $lang in
  c) name=C; builds=("gcc -std=c99") ;;
  cpp) name=C++; builds=("g++ -std=c++17" "g++ -std=c++20" "clang++ -std=c++17" "clang++ -std=c++20") ;;
  *) echo "$usage" >&2; exit 2 ;;
esac

section=$(sed -n '/^<!-- section:c -->$/,/^<!-- \/section:c -->$/p' "$readme")
# The section's first ```LANG block, and the first ```text block after it.
code=$(awk -v fence="\`\`\`$lang" '$0 == fence && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
expected=$(awk -v fence="\`\`\`$lang" '$0 == fence {seen=1} /^```text$/ && seen && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
[[ -n $code ]] || { echo "readme: no \`\`\`$lang block in the C section of $readme" >&2; exit 1; }
[[ -n $expected ]] || { echo "readme: no \`\`\`text block after the $name example in $readme" >&2; exit 1; }

src=$build/readme_example.$lang
printf '%s\n' "$code" >"$src"
for b in "${builds[@]}"; do
  read -r cc std <<<"$b"
  exe=$build/readme_example-$lang-$cc${std#-std=}
  "$cc" "$std" -Wall -Wextra -Wpedantic -Werror -I"$root/include" "$src" \
    -o "$exe" -L"$root/target/release" -lwsclose -Wl,-rpath,"$root/target/release"
  actual=$("$exe")
  if [[ $actual != "$expected" ]]; then
    echo "readme ($cc $std): the $name example printed" >&2; echo "$actual" >&2
    echo "but the README says" >&2; echo "$expected" >&2
    exit 1
  fi
done
echo "readme: the $(wc -l <<<"$code")-line $name example compiles with -Werror (${builds[*]}) and prints what the README says"
