#!/usr/bin/env bash
# Installs a built wheel into a brand-new virtualenv (no index, no other packages) and checks
# that the package imports, works, is typed, has no runtime dependencies and that its console
# script runs. Usage: check-wheel.sh WHEEL_DIR
set -euo pipefail
wheel_dir=$1
shopt -s nullglob
wheels=("$wheel_dir"/wsclose-*-abi3-*.whl)
(( ${#wheels[@]} == 1 )) || { echo "check-wheel: expected one abi3 wheel in $wheel_dir, found ${#wheels[@]}" >&2; exit 1; }
wheel=${wheels[0]}
python=${PYTHON:-python3}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$python" -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --disable-pip-version-check --no-index --no-deps "$wheel"
cd "$tmp"   # away from the source tree, so only the installed wheel can be imported
"$tmp/venv/bin/python" - "$wheel" <<'PY'
import importlib.metadata as metadata
import pathlib
import sys
import zipfile

import wsclose

where = pathlib.Path(wsclose.__file__).resolve()
assert "venv" in where.parts, f"imported from {where}, not from the clean venv"
assert wsclose.classify(4000) is wsclose.Category.PRIVATE
assert wsclose.parse_close_payload(b"\x03\xe9bye") == (1001, "bye")
assert wsclose.encode_close_payload(1000) == b"\x03\xe8"
assert wsclose.classify_many(bytes(4)) == b"\x00\x00"
names = zipfile.ZipFile(sys.argv[1]).namelist()
for required in ("wsclose/py.typed", "wsclose/_wsclose.pyi", "wsclose/__init__.py", "wsclose/cli.py"):
    assert required in names, f"{required} missing from the wheel"
assert any(name.startswith("wsclose/_wsclose.abi3.") for name in names), names
# Only the optional extras (wsclose[arrow], [polars], ...) may require anything.
required = [spec for spec in metadata.requires("wsclose") or [] if "extra ==" not in spec]
assert not required, f"runtime dependencies: {required}"
assert metadata.metadata("wsclose")["Requires-Python"] == ">=3.11"
assert "numpy" not in sys.modules, "importing wsclose imported numpy"
print(f"check-wheel: {pathlib.Path(sys.argv[1]).name} installs and works in a clean venv")
PY
"$tmp/venv/bin/wsclose" --json 1014 >/dev/null
"$tmp/venv/bin/python" -m wsclose 1000 >/dev/null
# `wsclose stats` and wsclose.arrays on plain buffers need none of the extras.
printf '1000\n4000\n' | "$tmp/venv/bin/wsclose" stats --output csv - | grep -q '^1000,1,STANDARD,'
"$tmp/venv/bin/python" -c 'import array, wsclose.arrays as a; assert a.sendable(array.array("H", [1000, 1006])).tolist() == [True, False]'
