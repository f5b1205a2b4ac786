#!/usr/bin/env bash
# Compiles the C++ example of README.md's C section exactly as written, as C++17 and C++20 with
# g++ and clang++ (-Werror), runs each and compares the output with the ```text block that
# follows the example in the README.
# Usage: readme-example.sh README.md BUILD_DIR
set -euo pipefail
readme=${1:?usage: readme-example.sh README.md BUILD_DIR}
build=${2:?usage: readme-example.sh README.md BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$build"

section=$(sed -n '/^<!-- section:c -->$/,/^<!-- \/section:c -->$/p' "$readme")
# The first ```cpp block of the section, and the first ```text block after it.
code=$(awk '/^```cpp$/ && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
expected=$(awk '/^```cpp$/ {seen=1} /^```text$/ && seen && !done {on=1; next} /^```$/ && on {on=0; done=1} on' <<<"$section")
[[ -n $code ]] || { echo "readme: no \`\`\`cpp block in the C section of $readme" >&2; exit 1; }
[[ -n $expected ]] || { echo "readme: no \`\`\`text block after the C++ example in $readme" >&2; exit 1; }

printf '%s\n' "$code" >"$build/readme_example.cpp"
for cxx in g++ clang++; do
  for std in c++17 c++20; do
    exe=$build/readme_example_cpp-$cxx-$std
    "$cxx" -std="$std" -Wall -Wextra -Wpedantic -Werror -I"$root/include" "$build/readme_example.cpp" \
      -o "$exe" -L"$root/target/release" -lwsclose -Wl,-rpath,"$root/target/release"
    actual=$("$exe")
    if [[ $actual != "$expected" ]]; then
      echo "readme ($cxx $std): the C++ example printed" >&2; echo "$actual" >&2
      echo "but the README says" >&2; echo "$expected" >&2
      exit 1
    fi
  done
done
echo "readme: the $(wc -l <<<"$code")-line C++ example compiles with -Werror (g++, clang++; C++17, C++20) and prints what the README says"
