package wsclose

// The seam between the public API and the library: native_cgo.go (cgo, libwsclose) and
// native_wazero.go (no cgo: the same C ABI compiled to WebAssembly, run by wazero) define the same
// unexported native* functions over the plain Go types below. They convert arguments and results
// and hold no rule of their own; the files of the public API call nothing else.

// rawInfo is struct wsclose_code_info with its strings copied out.
type rawInfo struct {
	code                                  CloseCode
	category                              Category
	reconnect                             Reconnect
	sendable, localOnly, browserCloseable bool
	ok                                    bool
	name                                  string
	hasName                               bool // name was not NULL
	description                           string
}

// rawCloseEvent is struct wsclose_close_event with its reasons copied out.
type rawCloseEvent struct {
	code                 CloseCode
	reason               string
	wasClean, errorFired bool
	replyKind            ReplyKind
	replyCode            CloseCode
	replyReason          string
}

// policyBlob holds a struct wsclose_policy: bytes that only the library reads and writes
// (wsclose_policy_init, the wsclose_policy_set_* calls, wsclose_policy_decide). Its size is the
// header's (abi_generated.go; native_cgo.go checks it against the C struct).
type policyBlob [wasm32PolicySize / 8]uint64

// boolArg is a Go bool as the ABI's integer flag: exactly 0 or 1.
func boolArg(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
