#!/usr/bin/env bash
# Autobahn|Testsuite run of the C/C++ examples (tests/autobahn, examples/): Debian's wslay, Boost,
# libwebsockets and websocketpp, the
# `ws` package of examples/node-ws (package-lock.json), and
# wstest from PyPI's autobahntestsuite in a Python 2.7 virtualenv (build/autobahn/venv27) made
# from pyenv's 2.7.18, with every package pinned in tests/autobahn/requirements-py27.txt.
# Idempotent; a quick no-op when the venv already matches the pins.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
reqs="$root/tests/autobahn/requirements-py27.txt"
venv="$root/build/autobahn/venv27"
stamp="$venv/.wsclose-requirements"
VIRTUALENV_VERSION=20.15.1   # the last virtualenv that runs on (and creates) Python 2.7

# The C/C++ stacks of the examples and interop headers (Debian 12): wslay (examples/c-wslay),
# Boost.Beast (libboost-dev, examples/cpp-beast, include/wsclose/beast.hpp), libwebsockets
# (examples/c-libwebsockets, include/wsclose/lws.h) and websocketpp (include/wsclose/websocketpp.hpp).
declare -A stack_headers=(
  [libwslay-dev]=/usr/include/wslay/wslay.h
  [libboost-dev]=/usr/include/boost/beast/websocket.hpp
  [libwebsockets-dev]=/usr/include/libwebsockets.h
  [libwebsocketpp-dev]=/usr/include/websocketpp/version.hpp
)
missing=()
for pkg in "${!stack_headers[@]}"; do
  [[ -e ${stack_headers[$pkg]} ]] || missing+=("$pkg")
done
apt_install autobahn "${missing[@]}"

# examples/node-ws: its locked `ws` (npm ls fails when a locked package is missing or differs).
if command -v npm >/dev/null && ! (cd "$root/examples/node-ws" && npm ls --all >/dev/null 2>&1); then
  (cd "$root/examples/node-ws" && npm ci --ignore-scripts --no-audit --no-fund)
fi

want=$(sha256sum "$reqs" | cut -d' ' -f1)
if [[ -x "$venv/bin/wstest" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi

# wstest runs on Python 2 only. pyenv keeps 2.7.18 at $PYENV_ROOT/versions/2.7.18.
py27="${PYENV_ROOT:-$HOME/.pyenv}/versions/2.7.18/bin/python"
if [[ ! -x $py27 ]]; then
  echo "setup (autobahn): $py27 is missing: Autobahn|Testsuite needs Python 2.7." >&2
  echo "  Install it with 'pyenv install 2.7.18' (PYENV_ROOT=${PYENV_ROOT:-$HOME/.pyenv})." >&2
  exit 1
fi
if ! "$py27" -c 'import virtualenv, sys; sys.exit(virtualenv.__version__ != "'"$VIRTUALENV_VERSION"'")' 2>/dev/null; then
  echo "setup (autobahn): installing virtualenv $VIRTUALENV_VERSION into $py27"
  "$py27" -m pip install -q --disable-pip-version-check --no-warn-script-location \
    "virtualenv==$VIRTUALENV_VERSION" 2> >(grep -v DEPRECATION >&2)
fi

echo "setup (autobahn): creating $venv with autobahntestsuite (a few minutes: some wheels build)"
start=$(date +%s)
rm -rf "$venv"
"$py27" -m virtualenv -q "$venv"
export PYTHONWARNINGS=ignore
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs" 2> >(grep -v DEPRECATION >&2)
"$venv/bin/python" -m pip check 2> >(grep -v DEPRECATION >&2)
"$venv/bin/wstest" --autobahnversion
echo "$want" > "$stamp"
echo "setup (autobahn): wstest installed in $venv in $(( $(date +%s) - start )) s"
