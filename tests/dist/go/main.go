// A Go user's program: `go get github.com/wsclose/wsclose/bindings/go@vVERSION` from a module
// proxy, built with cgo against libwsclose from the Debian packages, and with CGO_ENABLED=0
// (the embedded WebAssembly module under wazero) where no libwsclose exists (tests/dist/go.sh).
package main

import (
	"errors"
	"fmt"
	"os"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

func main() {
	bad := 0
	check := func(ok bool, what string) {
		if !ok {
			fmt.Fprintln(os.Stderr, "wrong:", what)
			bad++
		}
	}
	check(fmt.Sprint(wsclose.Classify(4000)) == "private use", "Classify(4000)")
	check(wsclose.Info(1013).Name == "Try Again Later", "Info(1013).Name")
	check(wsclose.Version() == os.Getenv("WSCLOSE_DIST_VERSION"), "Version()")
	payload, err := wsclose.EncodeClosePayload(1001, "bye")
	check(err == nil && string(payload) == "\x03\xe9bye", "EncodeClosePayload")
	_, err = wsclose.ParseClosePayload([]byte{0x03, 0xe8, 0xff})
	var perr *wsclose.PayloadError
	check(errors.As(err, &perr) && fmt.Sprint(perr.CloseCode) == "1007", "PayloadError.CloseCode")
	if bad > 0 {
		os.Exit(1)
	}
	fmt.Println("go: wsclose", wsclose.Version(), "ok, backend", wsclose.Backend())
}
