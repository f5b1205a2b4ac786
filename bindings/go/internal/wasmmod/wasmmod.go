// Package wasmmod holds wsclose.wasm, the C ABI crate (ffi-c) compiled to WebAssembly by
// `make wasm-build`, for the package's pure-Go route (CGO_ENABLED=0). The module is committed
// here because a Go user fetches only the module zip; `make test-go` fails when it differs from
// a fresh build, and `make go-wasm-update` copies a fresh build in.
package wasmmod

import _ "embed"

// Wasm is the bytes of wsclose.wasm.
//
//go:embed wsclose.wasm
var Wasm []byte
