// Package wsclose classifies WebSocket close status codes (all 65,536 of them) and parses and
// builds Close frame payloads, by calling libwsclose through its C ABI.
//
// The package is a thin cgo layer: every answer comes from the C library, found with
// pkg-config (`pkg-config wsclose`). Point PKG_CONFIG_PATH at the library's install prefix
// (lib/pkgconfig) when it is not installed system-wide, and make the shared library visible at
// run time (LD_LIBRARY_PATH, ldconfig, or an rpath in CGO_LDFLAGS).
//
//	cat := wsclose.Classify(4000) // wsclose.Private
//	c, err := wsclose.ParseClosePayload(frame)
//	var perr *wsclose.PayloadError
//	if errors.As(err, &perr) {
//		// close the connection with perr.CloseCode(): 1002, or 1007 for bad UTF-8
//	}
package wsclose

/*
#cgo pkg-config: wsclose
#include <stdlib.h>
#include <wsclose.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"unsafe"
)

// MaxClosePayload is the most bytes a Close frame payload may have.
const MaxClosePayload = C.WSCLOSE_MAX_CLOSE_PAYLOAD

// MaxReasonLen is the most bytes of reason that fit next to the code.
const MaxReasonLen = C.WSCLOSE_MAX_REASON_LEN

// Category is the range a close code belongs to. The numbers are those of the C enum
// wsclose_category.
type Category uint8

// The six categories.
const (
	Unused     Category = C.WSCLOSE_CATEGORY_UNUSED       // 0–999
	Standard   Category = C.WSCLOSE_CATEGORY_STANDARD     // 1000–1015
	Reserved   Category = C.WSCLOSE_CATEGORY_RESERVED     // 1016–2999
	Registered Category = C.WSCLOSE_CATEGORY_REGISTERED   // 3000–3999
	Private    Category = C.WSCLOSE_CATEGORY_PRIVATE      // 4000–4999
	OutOfRange Category = C.WSCLOSE_CATEGORY_OUT_OF_RANGE // 5000–65535
)

// String returns the library's label for the category, e.g. "private use", or "Category(N)"
// for a number that is not a category.
func (c Category) String() string {
	if name := C.wsclose_category_name(C.uint32_t(c)); name != nil {
		return C.GoString(name)
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// Reconnect is what a client should do after the connection closed with a given code. The
// numbers are those of the C enum wsclose_reconnect_advice.
type Reconnect uint8

// The three pieces of reconnect advice.
const (
	// Never: retrying would fail the same way, or the peer asked to stop.
	Never Reconnect = C.WSCLOSE_RECONNECT_NEVER
	// Backoff: a passing condition; reconnect after a growing delay.
	Backoff Reconnect = C.WSCLOSE_RECONNECT_BACKOFF
	// AppDefined: a registered or private code whose meaning only the application knows.
	AppDefined Reconnect = C.WSCLOSE_RECONNECT_APP_DEFINED
)

// String returns the library's label for the advice ("never", "backoff" or "app-defined"), or
// "Reconnect(N)" for a number that is not an advice.
func (r Reconnect) String() string {
	if name := C.wsclose_reconnect_name(C.uint32_t(r)); name != nil {
		return C.GoString(name)
	}
	return fmt.Sprintf("Reconnect(%d)", uint8(r))
}

// CodeInfo is everything the library knows about one code.
type CodeInfo struct {
	Code      uint16
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
	// Name is the standard name ("Normal Closure"), or "" when the code has none.
	Name        string
	Description string
}

// Classify returns the category of code.
func Classify(code uint16) Category {
	return Category(C.wsclose_classify(C.uint16_t(code)))
}

// ClassifyMany returns the categories of codes, computed in one call into the library.
func ClassifyMany(codes []uint16) []Category {
	out := make([]Category, len(codes))
	if len(codes) == 0 {
		return out
	}
	result := C.wsclose_classify_many((*C.uint16_t)(unsafe.Pointer(&codes[0])),
		(*C.uint8_t)(unsafe.Pointer(&out[0])), C.size_t(len(codes)))
	mustSucceed(result, "wsclose_classify_many")
	return out
}

// Info returns everything the library knows about code.
func Info(code uint16) CodeInfo {
	var raw C.wsclose_code_info
	mustSucceed(C.wsclose_info(C.uint16_t(code), &raw), "wsclose_info")
	info := CodeInfo{
		Code:             uint16(raw.code),
		Category:         Category(raw.category),
		Reconnect:        Reconnect(raw.reconnect),
		Sendable:         bool(raw.sendable),
		LocalOnly:        bool(raw.local_only),
		BrowserCloseable: bool(raw.browser_closeable),
		OK:               bool(raw.ok),
		Description:      C.GoString(raw.description),
	}
	if raw.name != nil {
		info.Name = C.GoString(raw.name)
	}
	return info
}

// Version returns the version of the C library, e.g. "0.1.0".
func Version() string {
	return C.GoString(C.wsclose_version())
}

// Close is a parsed Close frame payload.
type Close struct {
	Code   uint16
	Reason string
}

// PayloadErrorKind says which rule a Close payload broke. The numbers are those of the C
// result codes, negated.
type PayloadErrorKind int

// The kinds of payload error.
const (
	KindOneByte        PayloadErrorKind = -C.WSCLOSE_ERR_ONE_BYTE
	KindTooLong        PayloadErrorKind = -C.WSCLOSE_ERR_TOO_LONG
	KindInvalidCode    PayloadErrorKind = -C.WSCLOSE_ERR_INVALID_CODE
	KindInvalidUTF8    PayloadErrorKind = -C.WSCLOSE_ERR_INVALID_UTF8
	KindReasonTooLong  PayloadErrorKind = -C.WSCLOSE_ERR_REASON_TOO_LONG
	KindBufferTooSmall PayloadErrorKind = -C.WSCLOSE_ERR_BUFFER_TOO_SMALL
)

// String returns the kind's identifier as used in the golden vectors, e.g. "INVALID_UTF8".
func (k PayloadErrorKind) String() string {
	switch k {
	case KindOneByte:
		return "ONE_BYTE"
	case KindTooLong:
		return "TOO_LONG"
	case KindInvalidCode:
		return "INVALID_CODE"
	case KindInvalidUTF8:
		return "INVALID_UTF8"
	case KindReasonTooLong:
		return "REASON_TOO_LONG"
	case KindBufferTooSmall:
		return "BUFFER_TOO_SMALL"
	}
	return fmt.Sprintf("PayloadErrorKind(%d)", int(k))
}

// PayloadError is a Close payload that breaks the protocol, or a code and reason that cannot
// be encoded. Use errors.As to get at it.
type PayloadError struct {
	Kind PayloadErrorKind
	// Code is the offending close code for KindInvalidCode, otherwise 0.
	Code      uint16
	closeCode uint16
}

// CloseCode is the code to close the connection with: 1007 (Invalid Frame Payload Data) for a
// reason that is not UTF-8, 1002 (Protocol Error) for the other protocol errors, and 0 for the
// errors only encoding can meet (KindReasonTooLong, KindBufferTooSmall).
func (e *PayloadError) CloseCode() uint16 {
	return e.closeCode
}

func (e *PayloadError) Error() string {
	message := C.GoString(C.wsclose_result_message(C.int32_t(-int32(e.Kind))))
	if e.Kind == KindInvalidCode {
		return fmt.Sprintf("wsclose: %s (code %d)", message, e.Code)
	}
	return "wsclose: " + message
}

func newPayloadError(result C.wsclose_result, code uint16, closeCode uint16) error {
	kind := PayloadErrorKind(-result)
	if kind < KindOneByte || kind > KindBufferTooSmall {
		panic(fmt.Sprintf("wsclose: unexpected result %d from the C library: %s", int32(result),
			C.GoString(C.wsclose_result_message(C.int32_t(result)))))
	}
	err := &PayloadError{Kind: kind, closeCode: closeCode}
	if kind == KindInvalidCode {
		err.Code = code
	}
	return err
}

// ParseClosePayload parses the payload of a received Close frame (the bytes after the frame
// header). An empty payload gives code 1005 (No Status Received) and an empty reason. On a
// protocol error it returns a *PayloadError whose CloseCode is the code to answer with.
func ParseClosePayload(payload []byte) (Close, error) {
	var (
		ptr       *C.uint8_t
		codeOut   C.uint16_t
		reasonOut *C.uint8_t
		reasonLen C.size_t
	)
	if len(payload) > 0 {
		ptr = (*C.uint8_t)(unsafe.Pointer(&payload[0]))
	}
	result := C.wsclose_parse_close_payload(ptr, C.size_t(len(payload)), &codeOut, &reasonOut, &reasonLen)
	if result != C.WSCLOSE_OK {
		offending := uint16(0)
		if len(payload) >= 2 {
			offending = uint16(payload[0])<<8 | uint16(payload[1])
		}
		return Close{}, newPayloadError(result, offending, uint16(codeOut))
	}
	parsed := Close{Code: uint16(codeOut)}
	if reasonLen > 0 {
		// The reason points into payload; copy it out while payload is alive.
		parsed.Reason = C.GoStringN((*C.char)(unsafe.Pointer(reasonOut)), C.int(reasonLen))
	}
	runtime.KeepAlive(payload)
	return parsed, nil
}

// EncodeClosePayload builds a Close frame payload: code in network byte order, then reason.
// It returns a *PayloadError for a code that may not be sent (KindInvalidCode), a reason over
// MaxReasonLen bytes (KindReasonTooLong) or a reason that is not UTF-8 (KindInvalidUTF8).
func EncodeClosePayload(code uint16, reason string) ([]byte, error) {
	var reasonPtr *C.uint8_t
	if len(reason) > 0 {
		reasonPtr = (*C.uint8_t)(unsafe.Pointer(unsafe.StringData(reason)))
	}
	var (
		out    [MaxClosePayload]byte
		outLen C.size_t
	)
	result := C.wsclose_encode_close_payload(C.uint16_t(code), reasonPtr, C.size_t(len(reason)),
		(*C.uint8_t)(unsafe.Pointer(&out[0])), C.size_t(len(out)), &outLen)
	runtime.KeepAlive(reason)
	if result != C.WSCLOSE_OK {
		return nil, newPayloadError(result, code, uint16(C.wsclose_result_close_code(C.int32_t(result))))
	}
	return append([]byte(nil), out[:outLen]...), nil
}

func mustSucceed(result C.wsclose_result, what string) {
	if result != C.WSCLOSE_OK {
		panic(fmt.Sprintf("wsclose: %s failed: %s", what, C.GoString(C.wsclose_result_message(C.int32_t(result)))))
	}
}
