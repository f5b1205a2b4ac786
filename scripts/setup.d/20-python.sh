#!/usr/bin/env bash
# `make setup-python`: a virtualenv at .venv with the pinned dev and test tools of
# py/requirements-dev.txt (maturin, pytest, mypy, ...). With WSCLOSE_PY_TOOLS=build
# (`make setup-maturin`), only the pinned maturin, which is all `make py-develop` and `make demo`
# use; a later full run adds the rest. Quick no-op when the venv already matches the pins.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.venv"
reqs="$root/py/requirements-dev.txt"
stamp="$venv/.wsclose-dev-requirements"
tools=${WSCLOSE_PY_TOOLS:-all}
[[ $tools == all || $tools == build ]] || { echo "setup (python): WSCLOSE_PY_TOOLS is 'all' or 'build', not '$tools'" >&2; exit 1; }

python=${PYTHON:-python3}
command -v "$python" >/dev/null || { echo "setup: $python not found; install Python 3.11+" >&2; exit 1; }
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "setup: wsclose needs Python >= 3.11 (found $("$python" -V))" >&2; exit 1; }

# Debian's python3 needs python3-venv for ensurepip.
if ! "$python" -c 'import ensurepip, venv' 2>/dev/null; then
  apt_install python python3-venv
fi

want=$(sha256sum "$reqs" | cut -d' ' -f1)
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

if [[ $tools == build ]]; then
  maturin=$(grep -E '^maturin==' "$reqs") || { echo "setup (python): no maturin pin in $reqs" >&2; exit 1; }
  if [[ -x "$venv/bin/maturin" && "$("$venv/bin/maturin" --version)" == "maturin ${maturin#maturin==}" ]]; then
    exit 0
  fi
  [[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "$maturin"
  echo "setup: $maturin installed in $venv"
  exit 0
fi

[[ -x "$venv/bin/python" ]] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs"
echo "$want" > "$stamp"
echo "setup: Python tools installed in $venv"
