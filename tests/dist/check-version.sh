#!/usr/bin/env bash
# One version everywhere: the workspace version (Cargo.toml [workspace.package]) must be the one
# in every artefact of dist/ and every manifest that stamps one, and the newest release heading
# of CHANGELOG.md. Prints each place it checked. Usage: check-version.sh DIST_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: check-version.sh DIST_DIR}" && pwd)
want=$("$root/ffi-c/version.sh")
bad=0
check() {  # place found
  if [[ $2 == "$want" ]]; then printf '  %-46s %s\n' "$1" "$2"
  else printf '  %-46s %s  <- expected %s\n' "$1" "${2:-(none)}" "$want" >&2; bad=1; fi
}
echo "version $want (workspace Cargo.toml):"
check "CHANGELOG.md newest release" "$(grep -m1 -oP '^## \[\K[0-9][^]]*' <(grep -v '^## \[Unreleased\]' "$root/CHANGELOG.md"))"
check "include/wsclose.h WSCLOSE_VERSION" "$(grep -oP '^#define WSCLOSE_VERSION "\K[^"]+' "$root/include/wsclose.h")"
check "bindings/java/pom.xml" "$(grep -m1 -oP '^  <version>\K[^<]+' "$root/bindings/java/pom.xml")"
check "bindings/js/package.json" "$(node -p "require('$root/bindings/js/package.json').version")"
crate=$(tar -xzOf "$dist/wsclose-$want.crate" "wsclose-$want/Cargo.toml" 2>/dev/null | grep -m1 -oP '^version = "\K[^"]+' || true)
check "dist: wsclose-$want.crate Cargo.toml" "$crate"
wheel=$(ls "$dist"/wsclose-*-abi3-*.whl 2>/dev/null | head -1)
check "dist: wheel METADATA" "$(unzip -p "$wheel" "wsclose-$want.dist-info/METADATA" 2>/dev/null | grep -m1 -oP '^Version: \K.*' || true)"
check "dist: sdist PKG-INFO" "$(tar -xzOf "$dist/wsclose-$want.tar.gz" "wsclose-$want/PKG-INFO" 2>/dev/null | grep -m1 -oP '^Version: \K.*' || true)"
check "dist: npm wsclose-$want.tgz package.json" "$(tar -xzOf "$dist/wsclose-$want.tgz" package/package.json 2>/dev/null | node -p 'JSON.parse(require("fs").readFileSync(0)).version' || true)"
check "bindings/js: wsclose.wasm version()" "$(cd "$root/bindings/js" && node --input-type=module -e "import {version} from 'wsclose'; console.log(version())")"
check "dist: Go proxy @v/list" "$(sed 's/^v//' "$dist/goproxy/github.com/wsclose/wsclose/bindings/go/@v/list" 2>/dev/null || true)"
check "dist: jar META-INF pom.properties" "$(unzip -p "$dist/wsclose-$want.jar" META-INF/maven/dev.wsclose/wsclose/pom.properties 2>/dev/null | grep -oP '^version=\K.*' || true)"
tarball=$(ls "$dist"/wsclose-"$want"-linux-*.tar.gz 2>/dev/null | head -1)
check "dist: tarball wsclose.pc" "$(tar -xzOf "$tarball" --wildcards '*/lib/pkgconfig/wsclose.pc' 2>/dev/null | grep -oP '^Version: \K.*' || true)"
check "dist: tarball wsclose.h" "$(tar -xzOf "$tarball" --wildcards '*/include/wsclose.h' 2>/dev/null | grep -oP '^#define WSCLOSE_VERSION "\K[^"]+' || true)"
for deb in "$dist"/libwsclose0_*.deb "$dist"/libwsclose-dev_*.deb; do
  check "dist: $(basename "$deb") Version (upstream part)" "$(dpkg-deb -f "$deb" Version | sed 's/-[^-]*$//')"
done
check "dist: libwsclose.so.$want in libwsclose0" "$(dpkg-deb -c "$dist"/libwsclose0_*.deb | grep -oP 'libwsclose\.so\.\K[0-9]+\.[0-9]+\.[0-9]+' | head -1)"
(( bad == 0 )) || { echo "dist: version drift (see above)" >&2; exit 1; }
echo "dist: one version, $want, in every artefact"
