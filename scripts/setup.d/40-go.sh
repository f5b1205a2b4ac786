#!/usr/bin/env bash
# Go binding (bindings/go): the Go toolchain (>= 1.25, what wazero needs), a C compiler and
# pkg-config for cgo, and the Go modules of go.mod (wazero for the CGO_ENABLED=0 route,
# gorilla/websocket for the differential test) from the module proxy.
# Quick no-op when everything is there.
set -euo pipefail
source "$(dirname "$0")/lib/apt.sh"
root="$(cd "$(dirname "$0")/../.." && pwd)"

command -v go >/dev/null || { echo "setup (go): the go command is missing; install Go >= 1.25" >&2; exit 1; }
command -v gcc >/dev/null || command -v cc >/dev/null || { echo "setup (go): no C compiler for cgo" >&2; exit 1; }

command -v pkg-config >/dev/null || apt_install go pkgconf

# Downloads only what the module cache lacks (verified against the committed go.sum).
(cd "$root/bindings/go" && go mod download)
