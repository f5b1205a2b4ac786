module github.com/wsclose/wsclose/bindings/go

go 1.25.0

require (
	github.com/gorilla/websocket v1.5.3
	github.com/tetratelabs/wazero v1.12.0
)

require golang.org/x/sys v0.44.0 // indirect
