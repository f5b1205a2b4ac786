#!/usr/bin/env bash
# Consumer test of the Python artefacts in dist/, installed the way users install them:
#  1. wheel: for each CPython 3.11, 3.12, 3.13 (pyenv), a brand-new venv under `env -i` with a
#     PATH that has no Rust toolchain, `pip install --no-index --find-links dist wsclose==VERSION`
#     (pip must pick the manylinux abi3 wheel; it cannot build the sdist without cargo), then the
#     package's own test suite (py/tests, copied with the vectors and README to a temporary tree
#     outside the checkout) against the installed copy, plus a guard that it IS the installed copy.
#  2. sdist: another fresh venv, this time with cargo on PATH, builds and installs the sdist alone
#     (--no-binary wsclose) and runs the same suite.
# Usage: tests/dist/python.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: python.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: python.sh DIST_DIR VERSION}
house=$root/build/dist-cache/wheelhouse
fail() { echo "dist (python): $*" >&2; exit 1; }

shopt -s nullglob
wheels=("$dist"/wsclose-"$version"-cp311-abi3-manylinux*_x86_64.whl)
(( ${#wheels[@]} == 1 )) || fail "expected one manylinux abi3 wheel for $version in $dist, found ${#wheels[@]}"
[[ -f $dist/wsclose-$version.tar.gz ]] || fail "no sdist wsclose-$version.tar.gz in $dist"
[[ -d $house ]] || fail "no wheelhouse at $house (run scripts/setup.d/90-dist.sh)"
test_reqs=$(grep -v '^#' "$root/py/requirements-dev.txt" | grep -v '^\s*$' | grep -v '^maturin')

work=$(mktemp -d /tmp/wsclose-dist-py.XXXXXX)
trap 'rm -rf "$work"' EXIT
# The test tree: py/tests at the same depth as in the checkout, so _support.ROOT finds the
# copied tests/vectors and README.md; no py/python, no pyproject, nothing importable as wsclose.
mkdir -p "$work/src/py" "$work/src/tests"
cp -r "$root/py/tests" "$work/src/py/tests"
cp -r "$root/tests/vectors" "$work/src/tests/vectors"
cp "$root/README.md" "$work/src/README.md"
cp "$here/python/test_installed_copy.py" "$work/src/py/tests/"
rm -rf "$work/src/py/tests/__pycache__"
# The package's own pytest options (they leave out the tests that need the optional extras).
addopts=$(python3 -c 'import sys, tomllib
print(" ".join(tomllib.load(open(sys.argv[1], "rb"))["tool"]["pytest"]["ini_options"]["addopts"]))' \
  "$root/py/pyproject.toml")
printf '[pytest]\naddopts = %s -p no:cacheprovider\n' "$addopts" >"$work/src/py/pytest.ini"

clean_path=/usr/local/bin:/usr/bin:/bin
# Runs a command with nothing of this shell's environment: no cargo, no VIRTUAL_ENV, no PYTHONPATH.
clean() { local path=$1; shift; env -i HOME="$work/home" PATH="$path" LANG=C.UTF-8 WSCLOSE_DIST_VERSION="$version" "$@"; }
mkdir -p "$work/home"

suite() {  # venv label [test paths]
  local venv=$1 label=$2 start=$SECONDS
  shift 2
  local paths=("${@:-tests}")
  clean "$venv/bin:$clean_path" "$venv/bin/python" -m pip install -q --no-compile --disable-pip-version-check \
    --no-index --find-links "$house" $test_reqs
  (cd "$work/src/py" && clean "$venv/bin:$clean_path" "$venv/bin/python" -m pytest -q "${paths[@]}") \
    >"$work/pytest-$label.log" 2>&1 || { cat "$work/pytest-$label.log" >&2; fail "$label: test suite failed"; }
  echo "dist (python): $label: $(tail -1 "$work/pytest-$label.log") [$((SECONDS - start)) s]"
}

if PATH=$clean_path command -v cargo >/dev/null; then fail "cargo is on $clean_path: cannot test without Rust"; fi
wheel_venv() {  # X.Y: venv, install from dist/ only, then the suite
  local py=$1 python venv got
  python=$("$here/find-python.sh" "$py")
  venv=$work/venv-$py
  clean "$clean_path" "$python" -m venv "$venv"
  clean "$venv/bin:$clean_path" "$venv/bin/python" -m pip install -q --no-compile --disable-pip-version-check \
    --no-index --find-links "$dist" "wsclose==$version"
  got=$(clean "$venv/bin:$clean_path" "$venv/bin/python" -m pip show -f wsclose | grep -c '_wsclose.abi3.so' || true)
  [[ $got == 1 ]] || fail "$py: the installed wsclose has no _wsclose.abi3.so"
  suite "$venv" "wheel, CPython $py"
}
# The three interpreters run side by side (each log is printed when its suite ends).
pids=()
for py in 3.11 3.12 3.13; do wheel_venv "$py" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid" || fail "a wheel venv failed (see above)"; done

# The sdist with Rust on PATH (a warm target directory outside the checkout keeps it quick).
python=$("$here/find-python.sh" 3.12)
venv=$work/venv-sdist
cargo_bin=$(dirname "$(command -v cargo)")
clean "$clean_path" "$python" -m venv "$venv"
start=$SECONDS
clean "$venv/bin:$cargo_bin:$clean_path" env CARGO_TARGET_DIR="$root/build/dist-cache/sdist-target" \
  CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" \
  "$venv/bin/python" -m pip install -q --no-compile --disable-pip-version-check --no-index --find-links "$house" \
  --no-binary wsclose "$dist/wsclose-$version.tar.gz" >"$work/sdist.log" 2>&1 \
  || { cat "$work/sdist.log" >&2; fail "the sdist did not build and install"; }
echo "dist (python): sdist built and installed with cargo [$((SECONDS - start)) s]"
# The code is the wheel's; this proves the build, so the quick part of the suite is enough.
suite "$venv" "sdist, CPython 3.12" tests/test_installed_copy.py tests/test_api.py tests/test_vectors.py
echo "dist (python): wheel $(basename "${wheels[0]}") passed on CPython 3.11, 3.12, 3.13 without Rust; the sdist builds"
