#!/usr/bin/env bash
# make demo: the stories of examples/demo/src/main.rs, then one line of answers each from Rust, C
# and Python for the same codes, which must agree byte for byte.
# Usage: run.sh RUST_DEMO C_DEMO PYTHON   (built by `make demo`; PYTHON has wsclose installed)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
rust=${1:?usage: run.sh RUST_DEMO C_DEMO PYTHON}
c=${2:?usage: run.sh RUST_DEMO C_DEMO PYTHON}
python=${3:?usage: run.sh RUST_DEMO C_DEMO PYTHON}
codes=(1000 1006 1013 4000 4004 5000)

"$rust" story

echo "4. One rule book, three languages: category/reconnect/discord-gateway advice for ${codes[*]}"
declare -A line
line[rust]=$("$rust" line "${codes[@]}")
line[c]=$("$c" "${codes[@]}")
line[python]=$("$python" "$here/demo.py" "${codes[@]}")
for lang in rust c python; do printf '   %-7s %s\n' "$lang" "${line[$lang]}"; done
if [[ ${line[rust]} != "${line[c]}" || ${line[rust]} != "${line[python]}" ]]; then
  echo "demo: Rust, C and Python disagree (see above)" >&2
  exit 1
fi
echo "   Rust, C and Python agree on all ${#codes[@]} codes."
