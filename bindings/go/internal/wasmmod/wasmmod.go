// Package wasmmod holds wsclose.wasm, the C ABI crate (ffi-c) compiled to WebAssembly by
// `make wasm-build`, for the package's pure-Go route (CGO_ENABLED=0). The module is committed
// here because a Go user fetches only the module zip. It is checked by its behaviour (the Go
// tests and the differential run it on the wazero route), not compared with a build by whatever
// compiler is installed; `make go-wasm-update` copies a fresh build in at release or after an ABI
// change and records what built it in BUILD.txt (docs/release.md).
package wasmmod

import _ "embed"

// Wasm is the bytes of wsclose.wasm.
//
//go:embed wsclose.wasm
var Wasm []byte
