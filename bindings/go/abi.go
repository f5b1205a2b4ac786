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

// policyFields is struct wsclose_policy.
type policyFields struct {
	profile          int32
	baseMs, capMs    uint64
	maxAttempts      uint32
	hasMaxAttempts   bool
	retryUnspecified bool
	overrideCount    uint32
	overrideCodes    [policyMaxOverrides]CloseCode
	overrideAdvice   [policyMaxOverrides]Advice
}
