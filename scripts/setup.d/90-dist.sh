#!/usr/bin/env bash
# Release artefacts (`make dist`, `make test-dist`, mk/dist.mk): the pinned packaging tools of
# tests/dist/requirements-dist.txt in .venv (ziglang, twine, auditwheel), and a wheelhouse of the
# Python test suite's dependencies for each CPython the consumer test uses (pyenv 3.11, 3.12, 3.13),
# so the consumer venvs install everything with --no-index. Quick no-op when all is in place.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.venv"
reqs="$root/tests/dist/requirements-dist.txt"
stamp="$venv/.wsclose-dist-requirements"

bash "$root/scripts/setup.d/20-python.sh"
want=$(sha256sum "$reqs" | cut -d' ' -f1)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$reqs"
  echo "$want" >"$stamp"
  echo "setup (dist): packaging tools installed in $venv"
fi

# The wheelhouse: py/requirements-dev.txt without the build-only tools, plus maturin for the
# sdist build (its build backend). Per Python version, since numpy's wheels are.
house="$root/build/dist-cache/wheelhouse"
test_reqs=$(grep -v '^#' "$root/py/requirements-dev.txt" | grep -v '^\s*$')
want=$(sha256sum <<<"$test_reqs" | cut -d' ' -f1)
for version in ${WSCLOSE_DIST_PYTHONS:-3.11 3.12 3.13}; do
  python=$("$root/tests/dist/find-python.sh" "$version")
  stamp="$house/.stamp-$version"
  [[ -f $stamp && $(cat "$stamp") == "$want" ]] && continue
  mkdir -p "$house"
  "$python" -m pip download -q --disable-pip-version-check --only-binary=:all: -d "$house" $test_reqs
  echo "$want" >"$stamp"
  echo "setup (dist): wheelhouse for Python $version in $house"
done

# npm tools: esbuild (the CommonJS build of the npm package, and the consumer's browser bundle)
# and typescript (the consumer's tsc --strict), pinned in tests/dist/node/tools/package.json.
tools="$root/build/dist-cache/node-tools"
want=$(sha256sum "$root/tests/dist/node/tools/package.json" | cut -d' ' -f1)
if [[ ! -f $tools/.stamp || $(cat "$tools/.stamp") != "$want" ]]; then
  mkdir -p "$tools"
  cp "$root/tests/dist/node/tools/package.json" "$tools/"
  (cd "$tools" && npm install --no-audit --no-fund --silent)
  echo "$want" >"$tools/.stamp"
  echo "setup (dist): esbuild and typescript in $tools"
fi

# lintian: `make test-dist` checks the .debs with it and fails on any finding (tests/dist/c.sh).
command -v lintian >/dev/null || apt_install dist lintian
