#!/usr/bin/env bash
# Prints the path of a CPython X.Y interpreter: $WSCLOSE_PYTHON_X_Y, else pyenv's newest X.Y.*,
# else pythonX.Y on PATH. Usage: find-python.sh 3.12
set -euo pipefail
want=${1:?usage: find-python.sh X.Y}
var=WSCLOSE_PYTHON_${want//./_}
if [[ -n ${!var:-} ]]; then echo "${!var}"; exit 0; fi
root=${PYENV_ROOT:-$HOME/.pyenv}
best=$(ls -d "$root/versions/$want".* 2>/dev/null | sort -V | tail -1 || true)
if [[ -n $best && -x $best/bin/python$want ]]; then echo "$best/bin/python$want"; exit 0; fi
command -v "python$want" && exit 0
echo "find-python: no Python $want (install it with pyenv, or set $var)" >&2
exit 1
