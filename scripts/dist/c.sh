#!/usr/bin/env bash
# The C/C++ artefacts of `make dist` (mk/dist.mk), all from one `ffi-c/install.sh` staging prefix:
#   wsclose-V-linux-ARCH.tar.gz   relocatable prefix: lib/ (.so.V, .so.0, .so, .a), include/
#                                 (wsclose.h, wsclose.hpp, wsclose_constants.hpp, wsclose/*), lib/pkgconfig
#                                 (prefix=${pcfiledir}/../..), lib/cmake/wsclose
#   libwsclose0_V_DEBARCH.deb     the runtime: /usr/lib/MULTIARCH/libwsclose.so.V + soname link
#   libwsclose-dev_V_DEBARCH.deb  headers, the .so link, the .a, wsclose.pc, the CMake package
# Usage: scripts/dist/c.sh DIST_DIR LIB_DIR WORK_DIR     (LIB_DIR holds libwsclose.so and .a)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=$(mkdir -p "${1:?usage: c.sh DIST_DIR LIB_DIR WORK_DIR}" && cd "$1" && pwd); libdir=${2:?}; work=${3:?}
version=$("$root/ffi-c/version.sh")
arch=$(uname -m)
debarch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
soversion=0
rm -rf "$work" && mkdir -p "$work" "$dist"
rm -f "$dist"/wsclose-*-linux-*.tar.gz "$dist"/libwsclose0_*.deb "$dist"/libwsclose-dev_*.deb

# 1. One staging install, exactly what `make install` does.
stage=$work/stage
"$root/ffi-c/install.sh" "$stage" "$libdir" >/dev/null
readelf -d "$stage/lib/libwsclose.so.$version" | grep "SONAME.*\[libwsclose.so.$soversion\]" >/dev/null \
  || { echo "dist (c): libwsclose.so has no soname libwsclose.so.$soversion" >&2; exit 1; }

# 2. The tarball: the staged prefix made relocatable (the CMake files already are).
name=wsclose-$version-linux-$arch
tree=$work/tar/$name
mkdir -p "$tree"
cp -a "$stage/." "$tree/"
sed -i "s|^prefix=.*|prefix=\${pcfiledir}/../..|" "$tree/lib/pkgconfig/wsclose.pc"
cp "$root/README.md" "$root/CHANGELOG.md" "$root/LICENSE-MIT" "$root/LICENSE-APACHE" "$tree/"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$work/tar" -czf "$dist/$name.tar.gz" "$name"

# 3. The Debian packages: the same files moved to /usr and the multiarch library directory.
maintainer="wsclose developers <wsclose@users.noreply.github.com>"
# The packaging date is the commit's, so the same commit gives the same packages.
packaged=$(git -C "$root" log -1 --format=%cD 2>/dev/null || date -R)
debroot() {  # package: an empty tree with its doc dir (copyright and changelogs, as policy asks)
  local pkg=$1 d=$work/deb/$1
  install -d "$d/DEBIAN" "$d/usr/share/doc/$pkg"
  {  # machine-readable copyright (DEP-5); Apache-2.0 points at Debian's common-licenses copy
    echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
    echo "Upstream-Name: wsclose"
    echo "Upstream-Contact: $maintainer"
    echo "Source: https://github.com/wsclose/wsclose"
    echo
    echo "Files: *"
    echo "Copyright: $(sed -n 's/^Copyright (c) //p' "$root/LICENSE-MIT")"
    echo "License: MIT or Apache-2.0"
    echo
    echo "License: MIT"
    sed -n '/^Permission is hereby granted/,$p' "$root/LICENSE-MIT" | sed -e 's/^$/./' -e 's/^/ /'
    echo
    echo "License: Apache-2.0"
    echo " On Debian systems, the full text of the Apache License, Version 2.0 can be found"
    echo " in /usr/share/common-licenses/Apache-2.0."
  } >"$d/usr/share/doc/$pkg/copyright"
  gzip -9n <"$root/CHANGELOG.md" >"$d/usr/share/doc/$pkg/changelog.gz"
  printf '%s\n' "wsclose ($version-1) unstable; urgency=medium" "" \
    "  * Upstream release $version; the upstream changes are in changelog.gz." "" \
    " -- $maintainer  $packaged" | gzip -9n >"$d/usr/share/doc/$pkg/changelog.Debian.gz"
  echo "$d"
}
# Reviewed lintian findings that do not apply, shipped as the package's overrides (with why).
overrides() {  # dir package lines...
  local d=$1 pkg=$2; shift 2
  install -d "$d/usr/share/lintian/overrides"
  printf '%s\n' "$@" \
    "# Built upstream, not uploaded to the Debian archive: there is no ITP bug for the changelog to close." \
    "$pkg: initial-upload-closes-no-bugs [usr/share/doc/$pkg/changelog.Debian.gz:1]" \
    >"$d/usr/share/lintian/overrides/$pkg"
}
control() {  # dir package section depends description...
  local d=$1 pkg=$2 section=$3 depends=$4; shift 4
  find "$d" -path "$d/DEBIAN" -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z \
    | (cd "$d" && xargs -0 md5sum) >"$d/DEBIAN/md5sums"
  {
    echo "Package: $pkg"
    echo "Source: wsclose"
    echo "Version: $version-1"
    echo "Architecture: $debarch"
    echo "Multi-Arch: same"
    echo "Maintainer: $maintainer"
    echo "Installed-Size: $(du -sk --exclude=DEBIAN "$d" | cut -f1)"
    echo "Depends: $depends"
    echo "Section: $section"
    echo "Priority: optional"
    echo "Homepage: https://github.com/wsclose/wsclose"
    printf 'Description: %s\n' "$1"; shift
    for line in "$@"; do printf ' %s\n' "$line"; done
  } >"$d/DEBIAN/control"
  chmod 0644 "$d/DEBIAN/"*
  find "$d" -type d -exec chmod 0755 {} +
  dpkg-deb --root-owner-group -Zxz --build "$d" "$dist/${pkg}_${version}-1_${debarch}.deb" >/dev/null
}
libc=$(objdump -T "$stage/lib/libwsclose.so.$version" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -Vu | tail -1)
common=("WebSocket close status codes for C and C++ (libwsclose)"
        "libwsclose classifies every WebSocket close status code (RFC 6455, the IANA"
        "registry, WHATWG) and parses and builds Close frame payloads. It never"
        "allocates, returns only static strings, and every function is thread-safe.")

d=$(debroot libwsclose0)
install -d "$d/usr/lib/$multiarch"
install -m 0644 "$stage/lib/libwsclose.so.$version" "$d/usr/lib/$multiarch/"
# Stripped as dh_strip does (the tarball keeps the symbols for debugging).
strip --remove-section=.comment --remove-section=.note --strip-unneeded "$d/usr/lib/$multiarch/libwsclose.so.$version"
ln -s "libwsclose.so.$version" "$d/usr/lib/$multiarch/libwsclose.so.$soversion"
echo "libwsclose $soversion libwsclose0 (>= $version)" >"$d/DEBIAN/shlibs"
# The symbols file (deb-symbols(5)): every exported function, since this version.
{
  echo "libwsclose.so.$soversion libwsclose0 #MINVER#"
  echo "* Build-Depends-Package: libwsclose-dev"
  nm -D --defined-only "$d/usr/lib/$multiarch/libwsclose.so.$version" | awk '{print $NF}' | LC_ALL=C sort \
    | sed "s/\$/@Base $version/; s/^/ /"
} >"$d/DEBIAN/symbols"
overrides "$d" libwsclose0 \
  "# Rust code calls no fortifiable libc functions (memcpy and friends come from Rust's own code)." \
  "libwsclose0: hardening-no-fortify-functions [usr/lib/$multiarch/libwsclose.so.$version]"
echo "activate-noawait ldconfig" >"$d/DEBIAN/triggers"
control "$d" libwsclose0 libs "libc6 (>= $libc), libgcc-s1 (>= 3.0)" "${common[@]}" "." "This package holds the shared library."

d=$(debroot libwsclose-dev)
install -d "$d/usr/lib/$multiarch/pkgconfig" "$d/usr/lib/$multiarch/cmake/wsclose" "$d/usr/include"
ln -s "libwsclose.so.$soversion" "$d/usr/lib/$multiarch/libwsclose.so"
install -m 0644 "$stage/lib/libwsclose.a" "$d/usr/lib/$multiarch/"
strip --strip-debug --remove-section=.comment --remove-section=.note --enable-deterministic-archives \
  "$d/usr/lib/$multiarch/libwsclose.a"
cp -R "$stage/include/." "$d/usr/include/"   # wsclose.h, wsclose.hpp, ... and include/wsclose/
find "$d/usr/include" -type d -exec chmod 0755 {} + && find "$d/usr/include" -type f -exec chmod 0644 {} +
sed -e 's|^prefix=.*|prefix=/usr|' -e "s|^libdir=.*|libdir=\${prefix}/lib/$multiarch|" \
  "$stage/lib/pkgconfig/wsclose.pc" >"$d/usr/lib/$multiarch/pkgconfig/wsclose.pc"
# The CMake files find the prefix relative to themselves: one directory deeper here.
for f in "$stage/lib/cmake/wsclose/"*.cmake; do
  sed -e 's|/\.\./\.\./\.\."|/../../../.."|' -e "s|\${_wsclose_prefix}/lib/|\${_wsclose_prefix}/lib/$multiarch/|g" \
    "$f" >"$d/usr/lib/$multiarch/cmake/wsclose/$(basename "$f")"
done
grep -q '/\.\./\.\./\.\./\.\."' "$d/usr/lib/$multiarch/cmake/wsclose/wsclose-config.cmake" \
  || { echo "dist (c): could not relocate wsclose-config.cmake to /usr/lib/$multiarch" >&2; exit 1; }
chmod 0644 "$d/usr/lib/$multiarch/pkgconfig/wsclose.pc" "$d/usr/lib/$multiarch/cmake/wsclose/"*
overrides "$d" libwsclose-dev
control "$d" libwsclose-dev libdevel "libwsclose0 (= $version-1)" "${common[@]}" "." \
  "This package holds the headers (C and C++17), the static library, wsclose.pc" \
  "and the CMake package (find_package(wsclose))."
echo "dist (c): $name.tar.gz, libwsclose0 and libwsclose-dev $version-1 ($debarch, Multi-Arch: same)"
