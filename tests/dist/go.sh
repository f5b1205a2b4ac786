#!/usr/bin/env bash
# Consumer test of the Go module in dist/goproxy as a Go user fetches it: a fresh module in a
# temporary directory with a fresh GOPATH and module cache runs `go get` against
# GOPROXY=file://dist/goproxy only (GONOSUMDB: no checksum database knows this build), and builds
# with cgo against libwsclose from the .debs unpacked into a temporary root (pkg-config with
# PKG_CONFIG_SYSROOT_DIR). Then, with that root deleted and no libwsclose anywhere, builds the
# same program with CGO_ENABLED=0 (the embedded WebAssembly module under wazero, from the zip),
# checks that the binary is static and that it runs and reports the wasm backend
# (docs/release.md). Usage: tests/dist/go.sh DIST_DIR VERSION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "${1:?usage: go.sh DIST_DIR VERSION}" && pwd)
version=${2:?usage: go.sh DIST_DIR VERSION}
module=github.com/wsclose/wsclose/bindings/go
debarch=$(dpkg --print-architecture)
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
fail() { echo "dist (go): $*" >&2; exit 1; }
zip=$dist/goproxy/$module/@v/v$version.zip
[[ -f $zip ]] || fail "no v$version.zip in $dist/goproxy"
# The pure-Go route needs the committed module in the zip (a Go user fetches nothing else).
python3 - "$zip" "$module@v$version/internal/wasmmod/wsclose.wasm" <<'PY' || fail "v$version.zip does not carry internal/wasmmod/wsclose.wasm: CGO_ENABLED=0 builds cannot work (is it committed? goproxy.py packs git ls-files)"
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as archive:
    data = archive.read(sys.argv[2]) if sys.argv[2] in archive.namelist() else b""
sys.exit(0 if data[:4] == b"\0asm" else 1)
PY

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
LD_LIBRARY_PATH=$lib ./consumer | tee "$work/cgo.out"
grep -q "backend cgo" "$work/cgo.out" || fail "the cgo build does not report the cgo backend"
LD_LIBRARY_PATH=$lib ldd consumer >"$work/ldd.txt"; grep -q "libwsclose.so.0 => $lib/" "$work/ldd.txt" || { cat "$work/ldd.txt" >&2; fail "did not load libwsclose from the unpacked .deb"; }
echo "dist (go): go get $module@v$version from file:// GOPROXY, cgo build against the .debs: ok"

# CGO_ENABLED=0: no libwsclose anywhere (the unpacked root is gone, none in the ldconfig cache,
# no pkg-config or loader path), the same program from the same module zip.
rm -rf "$sysroot"
unset PKG_CONFIG_SYSROOT_DIR PKG_CONFIG_LIBDIR PKG_CONFIG_PATH LD_LIBRARY_PATH
if ldconfig -p | grep -q libwsclose; then fail "a libwsclose is in the ldconfig cache; the CGO_ENABLED=0 check needs none"; fi
CGO_ENABLED=0 go build -o nocgo . 2>"$work/nocgo.log" || { cat "$work/nocgo.log" >&2; fail "CGO_ENABLED=0 build failed"; }
if ldd nocgo >"$work/ldd-nocgo.txt" 2>&1 || ! grep -q "not a dynamic executable" "$work/ldd-nocgo.txt"; then
  cat "$work/ldd-nocgo.txt" >&2; fail "the CGO_ENABLED=0 binary is not static"
fi
if command -v file >/dev/null; then
  file nocgo | grep -q "statically linked" || { file nocgo >&2; fail "file does not call the CGO_ENABLED=0 binary statically linked"; }
fi
./nocgo | tee "$work/nocgo.out"
grep -q "backend wasm" "$work/nocgo.out" || fail "the CGO_ENABLED=0 build does not report the wasm backend"
echo "dist (go): CGO_ENABLED=0 build from the same zip, static, no libwsclose anywhere, wasm backend: ok"
