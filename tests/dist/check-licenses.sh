#!/usr/bin/env bash
# Every artefact in dist/ carries the licence texts of the repository (LICENSE-MIT,
# LICENSE-APACHE), byte for byte; the .debs carry them as Debian asks: a DEP-5 copyright file
# with the MIT text and a pointer to /usr/share/common-licenses/Apache-2.0 (lintian checks the
# format). Prints each place it checked. Usage: check-licenses.sh DIST_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(cd "${1:?usage: check-licenses.sh DIST_DIR}" && pwd)
version=$("$root/ffi-c/version.sh")
bad=0 checked=0
same() {  # place file-in-repo content-command...
  local place=$1 name=$2; shift 2
  if "$@" 2>/dev/null | cmp -s - "$root/$name"; then printf '  %-58s %s\n' "$place" "$name"; checked=$((checked + 1))
  else printf '  %-58s %s  <- missing or different\n' "$place" "$name" >&2; bad=1; fi
}
tarball=$(ls "$dist"/wsclose-"$version"-linux-*.tar.gz | head -1)
wheel=$(ls "$dist"/wsclose-"$version"-*-abi3-*.whl | head -1)
gozip=$dist/goproxy/github.com/wsclose/wsclose/bindings/go/@v/v$version.zip
echo "licences in dist/:"
for name in LICENSE-MIT LICENSE-APACHE; do
  same "wsclose-$version.crate" "$name" tar -xzOf "$dist/wsclose-$version.crate" "wsclose-$version/$name"
  same "$(basename "$wheel")" "$name" unzip -p "$wheel" "wsclose-$version.dist-info/licenses/$name"
  same "wsclose-$version.tar.gz (sdist)" "$name" tar -xzOf "$dist/wsclose-$version.tar.gz" "wsclose-$version/$name"
  same "wsclose-$version.tgz (npm)" "$name" tar -xzOf "$dist/wsclose-$version.tgz" "package/$name"
  same "Go module v$version.zip" "$name" unzip -p "$gozip" "github.com/wsclose/wsclose/bindings/go@v$version/$name"
  same "$(basename "$tarball")" "$name" tar -xzOf "$tarball" "$(basename "$tarball" .tar.gz)/$name"
  same "wsclose-$version.jar" "$name" unzip -p "$dist/wsclose-$version.jar" "META-INF/$name"
done
for deb in "$dist"/libwsclose0_*.deb "$dist"/libwsclose-dev_*.deb; do
  pkg=$(dpkg-deb -f "$deb" Package)
  copyright=$(dpkg-deb --fsys-tarfile "$deb" | tar -xO "./usr/share/doc/$pkg/copyright")
  mit=$(sed -n '/^Permission is hereby granted/,$p' "$root/LICENSE-MIT" | sed -e 's/^$/./' -e 's/^/ /')
  if [[ $copyright == *"$mit"* && $copyright == *"/usr/share/common-licenses/Apache-2.0"* ]]; then
    printf '  %-58s %s\n' "$(basename "$deb") copyright" "MIT text, Apache-2.0 pointer"; checked=$((checked + 1))
  else printf '  %-58s %s\n' "$(basename "$deb") copyright" "<- lacks the MIT text or the Apache-2.0 pointer" >&2; bad=1; fi
done
(( bad == 0 )) || { echo "dist: licence texts missing (see above)" >&2; exit 1; }
echo "dist: licence texts in all $checked places"
