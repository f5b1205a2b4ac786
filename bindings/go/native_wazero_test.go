//go:build !cgo

package wsclose

import (
	"strings"
	"testing"
)

// TestCompileFailureIsAnError: a module wazero cannot compile gives an error that names the
// embedded module, which the first call panics with (there is no fallback).
func TestCompileFailureIsAnError(t *testing.T) {
	_, _, err := compileWasm([]byte("\x00asm\x01\x00\x00\x00broken"))
	if err == nil || !strings.Contains(err.Error(), "wazero cannot compile the embedded WebAssembly module") {
		t.Fatalf("compileWasm of a broken module: %v", err)
	}
}
