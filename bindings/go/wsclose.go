// Package wsclose classifies WebSocket close status codes (all 65,536 of them) and parses and
// builds Close frame payloads, by calling libwsclose through its C ABI.
//
// The package is a thin layer: every answer comes from the library, reached by one of two
// routes with the same API and the same answers (Backend names the one in use):
//
//   - With cgo (the default where a C compiler is found) it calls libwsclose, found with
//     pkg-config (`pkg-config wsclose`). Point PKG_CONFIG_PATH at the library's install prefix
//     (lib/pkgconfig) when it is not installed system-wide, and make the shared library visible
//     at run time (LD_LIBRARY_PATH, ldconfig, or an rpath in CGO_LDFLAGS).
//   - With CGO_ENABLED=0 it runs the same C ABI compiled to WebAssembly, embedded in the package,
//     with wazero (github.com/tetratelabs/wazero): pure Go, no C library, static binaries. The
//     module is compiled on the first call (a failure panics with the reason); each call is
//     slower than through cgo (docs/benchmarks.md in the repository).
//
// Either way:
//
//	cat := wsclose.Classify(4000) // wsclose.CategoryPrivate
//	c, err := wsclose.ParseClosePayload(frame)
//	var perr *wsclose.PayloadError
//	if errors.As(err, &perr) {
//		// close the connection with perr.CloseCode: 1002, or 1007 for bad UTF-8
//	}
package wsclose

import (
	"fmt"
	"unsafe"
)

// The codes (NormalClosure …), the limits (MaxClosePayload, MaxReasonLen), the Category*,
// Reconnect* and Kind* constants and their labels, constant names and messages are generated
// from the core into constants_generated.go (`make generate`).

// CloseCode is a WebSocket close status code; every value 0–65535 is a valid CloseCode.
type CloseCode uint16

// Category is the range a close code belongs to. The numbers are those of the C enum
// wsclose_category.
type Category uint8

// String returns the category's label, e.g. "private use", or "Category(N)" for a number
// that is not a category.
func (c Category) String() string {
	if int(c) < len(categoryLabels) {
		return categoryLabels[c]
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// ConstName returns the category's constant name used in every language, e.g. "PRIVATE", or
// "" for a number that is not a category.
func (c Category) ConstName() string {
	if int(c) < len(categoryConstNames) {
		return categoryConstNames[c]
	}
	return ""
}

// Reconnect is what a client should do after the connection closed with a given code. The
// numbers are those of the C enum wsclose_reconnect_advice.
type Reconnect uint8

// String returns the advice's label ("never", "backoff" or "app-defined"), or "Reconnect(N)"
// for a number that is not an advice.
func (r Reconnect) String() string {
	if int(r) < len(reconnectLabels) {
		return reconnectLabels[r]
	}
	return fmt.Sprintf("Reconnect(%d)", uint8(r))
}

// ConstName returns the advice's constant name used in every language, e.g. "APP_DEFINED", or
// "" for a number that is not an advice.
func (r Reconnect) ConstName() string {
	if int(r) < len(reconnectConstNames) {
		return reconnectConstNames[r]
	}
	return ""
}

// CodeInfo is everything the library knows about one code.
type CodeInfo struct {
	Code      CloseCode
	Category  Category
	Reconnect Reconnect
	// Sendable: may appear in a Close frame on the wire.
	Sendable bool
	// LocalOnly: only ever reported by an endpoint about itself (1005, 1006, 1015).
	LocalOnly bool
	// BrowserCloseable: a browser script may pass it to WebSocket.close().
	BrowserCloseable bool
	// OK: the connection ended cleanly.
	OK bool
	// Name is the code's name ("Normal Closure", "Unauthorized"), or "" when it has none.
	Name string
	// ConstName is the code's constant name ("NORMAL_CLOSURE"), or "" when it has none.
	ConstName   string
	Description string
}

// Classify returns the category of code.
func Classify(code CloseCode) Category {
	return nativeClassify(code)
}

// ClassifyMany returns the categories of codes, computed in one call into the library.
func ClassifyMany(codes []CloseCode) []Category {
	out := make([]Category, len(codes))
	if len(codes) == 0 {
		return out
	}
	mustSucceed(nativeClassifyMany(codes, out), "wsclose_classify_many")
	return out
}

// Info returns everything the library knows about code.
func Info(code CloseCode) CodeInfo {
	raw, result := nativeInfo(code)
	mustSucceed(result, "wsclose_info")
	info := CodeInfo{
		Code:             raw.code,
		Category:         raw.category,
		Reconnect:        raw.reconnect,
		Sendable:         raw.sendable,
		LocalOnly:        raw.localOnly,
		BrowserCloseable: raw.browserCloseable,
		OK:               raw.ok,
		Description:      raw.description,
	}
	if raw.hasName {
		info.Name = raw.name
	}
	if constName, ok := nativeConstName(code); ok {
		info.ConstName = constName
	}
	return info
}

// Backend names the route the package calls the library by: "cgo" (libwsclose through cgo,
// chosen when cgo is enabled) or "wasm" (CGO_ENABLED=0: the same C ABI compiled to WebAssembly,
// embedded in the package and run by wazero). Every function answers the same either way;
// Backend is for tests and diagnostics.
func Backend() string {
	return backendName
}

// Version returns the version of the C library, e.g. "0.1.0".
func Version() string {
	return nativeVersion()
}

// Close is a parsed Close frame payload.
type Close struct {
	Code   CloseCode
	Reason string
}

// PayloadErrorKind says which rule a Close payload (or a code and reason to encode) broke. The
// values are the stable C result numbers (KindOneByte is -101, …).
type PayloadErrorKind int32

// String returns the kind's constant name used in every language, e.g. "INVALID_UTF8".
func (k PayloadErrorKind) String() string {
	if facts, ok := payloadErrorKinds[k]; ok {
		return facts.constName
	}
	return fmt.Sprintf("PayloadErrorKind(%d)", int32(k))
}

// Message returns the core's fixed one-line message for the kind, the same in every language.
func (k PayloadErrorKind) Message() string {
	return payloadErrorKinds[k].message
}

// PayloadError is a Close payload that breaks the protocol, or a code and reason that cannot
// be encoded. Parsing and encoding return the same type; use errors.As to get at it.
type PayloadError struct {
	// Kind is the rule that was broken.
	Kind PayloadErrorKind
	// CloseCode is the code to close the connection with: 1002 (Protocol Error), or 1007
	// (Invalid Frame Payload Data) for a reason that is not UTF-8. It is 0 for the kinds only
	// encoding reports (KindReasonTooLong, KindBufferTooSmall): 0 is never a code to send, so
	// it cannot be mistaken for one.
	CloseCode CloseCode
	// Code is the status code the payload carried (parsing) or was to carry (encoding). It is
	// only meaningful when HasCode is true: parsing a 1-byte or an over-long payload stops
	// before the code is read. (0 itself can be a carried code: payload 00 00.)
	Code    CloseCode
	HasCode bool
}

// Message returns the core's fixed message for the error's kind.
func (e *PayloadError) Message() string {
	return e.Kind.Message()
}

func (e *PayloadError) Error() string {
	if e.HasCode {
		return fmt.Sprintf("wsclose: %s (code %d)", e.Message(), e.Code)
	}
	return "wsclose: " + e.Message()
}

// newPayloadError builds the error for a C result that is a payload error kind.
func newPayloadError(result int32, code CloseCode, hasCode bool) error {
	kind := PayloadErrorKind(result)
	facts, ok := payloadErrorKinds[kind]
	if !ok {
		panic(fmt.Sprintf("wsclose: unexpected result %d from the C library: %s", result,
			nativeResultMessage(result)))
	}
	return &PayloadError{Kind: kind, CloseCode: facts.answerCode, Code: code, HasCode: hasCode}
}

// ParseClosePayload parses the payload of a received Close frame (the bytes after the frame
// header). An empty payload gives code 1005 (No Status Received) and an empty reason. On a
// protocol error it returns a *PayloadError whose CloseCode is the code to answer with.
func ParseClosePayload(payload []byte) (Close, error) {
	result, code, reason := nativeParse(payload)
	if result != resultOK {
		// The C ABI writes the carried code to code_out; whether this kind carries one is a
		// fact generated from the core (docs/c-abi.md).
		hasCode := payloadErrorKinds[PayloadErrorKind(result)].carriesCode
		return Close{}, newPayloadError(result, code, hasCode)
	}
	return Close{Code: code, Reason: reason}, nil
}

// EncodeClosePayload builds a Close frame payload: code in network byte order, then reason.
// The reason's bytes go to the core as they are; it returns a *PayloadError for a reason over
// MaxReasonLen bytes (KindReasonTooLong), a code that may not be sent (KindInvalidCode) or a
// reason that is not UTF-8 (KindInvalidUTF8), checked in that order.
func EncodeClosePayload(code CloseCode, reason string) ([]byte, error) {
	// The library only reads the reason, so the string's bytes are passed without a copy.
	return encode(code, unsafe.Slice(unsafe.StringData(reason), len(reason)))
}

// EncodeClosePayloadBytes is EncodeClosePayload for a reason held in a byte slice.
func EncodeClosePayloadBytes(code CloseCode, reason []byte) ([]byte, error) {
	return encode(code, reason)
}

func encode(code CloseCode, reason []byte) ([]byte, error) {
	var out [MaxClosePayload]byte
	n, result := nativeEncode(code, reason, out[:])
	if result != resultOK {
		return nil, newPayloadError(result, code, true)
	}
	return append([]byte(nil), out[:n]...), nil
}

func mustSucceed(result int32, what string) {
	if result != resultOK {
		panicResult(result, what)
	}
}
