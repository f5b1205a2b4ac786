#!/usr/bin/env bash
# The documentation site (`make site`, `make test-site`): the pinned mdBook from the crate
# registry (built without its `serve`/`watch` features: only `mdbook build` is used), and the npm
# packages of tests/site/package-lock.json (puppeteer-core, which drives Debian's chromium and
# firefox-esr and never downloads a browser, and axe-core). Quick no-op when installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
MDBOOK_VERSION=0.4.52

if ! { command -v mdbook >/dev/null && [[ $(mdbook --version) == "mdbook v$MDBOOK_VERSION" ]]; }; then
  echo "setup (site): installing mdbook $MDBOOK_VERSION"
  # A debug build: about half the compile time of a release build on a new machine; building
  # this book takes about a second with it.
  cargo install --locked --debug mdbook --version "$MDBOOK_VERSION" --no-default-features --features search
fi

cd "$root/tests/site"
if ! npm ls --all >/dev/null 2>&1; then
  PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
echo "setup (site): $(mdbook --version); puppeteer-core $(node -p 'require("puppeteer-core/package.json").version')"
