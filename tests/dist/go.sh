#!/usr/bin/env bash
# Consumer test of the Go module in dist/goproxy as a Go user fetches it: a fresh module in a
# temporary directory with a fresh GOPATH and module cache runs `go get` against
# GOPROXY=file://dist/goproxy only (GONOSUMDB: no checksum database knows this build), and builds
# with cgo against libwsclose from the .debs unpacked into a temporary root (pkg-config with
# PKG_CONFIG_SYSROOT_DIR). Also checks that CGO_ENABLED=0 is refused with a clear error: the
# binding is cgo (docs/release.md). Usage: tests/dist/go.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "${1:?usage: go.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: go.sh DIST_DIR VERSION}
module=github.com/wsclose/wsclose/bindings/go
debarch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
fail() { echo "dist (go): $*" >&2; exit 1; }
[[ -f $dist/goproxy/$module/@v/v$version.zip ]] || fail "no v$version.zip in $dist/goproxy"

work=$(mktemp -d /tmp/wsclose-dist-go.XXXXXX)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
sysroot=$work/root
dpkg-deb -x "$dist/libwsclose0_${version}-1_${debarch}.deb" "$sysroot"
dpkg-deb -x "$dist/libwsclose-dev_${version}-1_${debarch}.deb" "$sysroot"
lib=$sysroot/usr/lib/$multiarch

export GOPATH=$work/gopath GOMODCACHE=$work/gopath/pkg/mod GOCACHE=${WSCLOSE_DIST_GOCACHE:-$work/gocache}
export GOPROXY=file://$dist/goproxy GONOSUMDB='*' GONOSUMCHECK=1 GOFLAGS=-mod=mod GOTOOLCHAIN=local GOWORK=off
export PKG_CONFIG_SYSROOT_DIR=$sysroot PKG_CONFIG_LIBDIR=$lib/pkgconfig PKG_CONFIG_PATH=
export WSCLOSE_DIST_VERSION=$version
unset WSCLOSE_LIBRARY
mkdir -p "$work/app" && cd "$work/app"
go mod init example.com/consumer >/dev/null 2>&1
go get "$module@v$version" 2>"$work/get.log" || { cat "$work/get.log" >&2; fail "go get failed"; }
grep -q "$module v$version" go.mod || fail "go.mod does not require $module v$version"
cp "$here/go/main.go" .
CGO_ENABLED=1 go build -o consumer . || fail "cgo build failed"
LD_LIBRARY_PATH=$lib ./consumer
LD_LIBRARY_PATH=$lib ldd consumer >"$work/ldd.txt"; grep -q "libwsclose.so.0 => $lib/" "$work/ldd.txt" || { cat "$work/ldd.txt" >&2; fail "did not load libwsclose from the unpacked .deb"; }
if CGO_ENABLED=0 go build -o nocgo . 2>"$work/nocgo.log"; then
  fail "CGO_ENABLED=0 built: update docs/release.md (the binding is cgo)"
fi
echo "dist (go): CGO_ENABLED=0 fails as documented: $(grep -v "^#" "$work/nocgo.log" | head -1)"
echo "dist (go): go get $module@v$version from file:// GOPROXY, cgo build against the .debs: ok"
