// Command wsclose-classify prints what libwsclose knows about the close codes given as
// arguments, through the Go binding.
package main

import (
	"fmt"
	"os"
	"strconv"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: wsclose-classify CODE...")
		os.Exit(2)
	}
	for _, arg := range os.Args[1:] {
		code, err := strconv.ParseUint(arg, 10, 16)
		if err != nil {
			fmt.Fprintf(os.Stderr, "wsclose-classify: %q is not a code from 0 to 65535\n", arg)
			os.Exit(2)
		}
		info := wsclose.Info(wsclose.CloseCode(code))
		name := info.Name
		if name == "" {
			name = "-"
		}
		fmt.Printf("%5d  %-12s  %-26s  sendable=%-5v  reconnect=%v\n", code, info.Category, name, info.Sendable, info.Reconnect)
	}
}
