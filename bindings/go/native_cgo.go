//go:build cgo

package wsclose

// The cgo route: every native* function is one call into libwsclose (found with
// `pkg-config wsclose`). The seam (native_cgo.go / native_wazero.go) converts Go values to C
// arguments and C results to Go values and nothing else; every rule is the library's.

/*
#cgo pkg-config: wsclose
#include <stdlib.h>
#include <wsclose.h>
*/
import "C"

import (
	"runtime"
	"unsafe"
)

const backendName = "cgo"

// The C ABI numbers the generated abi_generated.go holds must be the header's, and a policyBlob
// must be exactly a struct wsclose_policy: each line below fails to compile (constant index out
// of range) when one differs.
func _() {
	var x [1]struct{}
	_ = x[resultOK-C.WSCLOSE_OK]
	_ = x[resultInvalidArgument-C.WSCLOSE_ERR_INVALID_ARGUMENT]
	_ = x[resultUnknownProfile-C.WSCLOSE_ERR_UNKNOWN_PROFILE]
	_ = x[resultTooManyOverrides-C.WSCLOSE_ERR_TOO_MANY_OVERRIDES]
	_ = x[resultInvalidAccess-C.WSCLOSE_ERR_INVALID_ACCESS]
	_ = x[resultSyntax-C.WSCLOSE_ERR_SYNTAX]
	_ = x[int(unsafe.Sizeof(policyBlob{}))-C.sizeof_wsclose_policy]
	_ = x[int(unsafe.Alignof(policyBlob{}))-int(unsafe.Alignof(C.wsclose_policy{}))]
	_ = x[policyMaxOverrides-C.WSCLOSE_POLICY_MAX_OVERRIDES]
	_ = x[MaxClosePayload-C.WSCLOSE_MAX_CLOSE_PAYLOAD]
	_ = x[MaxReasonLen-C.WSCLOSE_MAX_REASON_LEN]
}

// cString is a C string as Go text; ok is false for NULL.
func cString(text *C.char) (string, bool) {
	if text == nil {
		return "", false
	}
	return C.GoString(text), true
}

func bytesPtr(b []byte) *C.uint8_t {
	if len(b) == 0 {
		return nil
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0]))
}

func nativeClassify(code CloseCode) Category {
	return Category(C.wsclose_classify(C.uint16_t(code)))
}

func nativeClassifyMany(codes []CloseCode, out []Category) int32 {
	result := C.wsclose_classify_many((*C.uint16_t)(unsafe.Pointer(&codes[0])),
		(*C.uint8_t)(unsafe.Pointer(&out[0])), C.size_t(len(codes)))
	return int32(result)
}

func nativeInfo(code CloseCode) (rawInfo, int32) {
	var raw C.wsclose_code_info
	result := C.wsclose_info(C.uint16_t(code), &raw)
	info := rawInfo{
		code:             CloseCode(raw.code),
		category:         Category(raw.category),
		reconnect:        Reconnect(raw.reconnect),
		sendable:         raw.sendable != 0,
		localOnly:        raw.local_only != 0,
		browserCloseable: raw.browser_closeable != 0,
		ok:               raw.ok != 0,
	}
	info.name, info.hasName = cString(raw.name)
	info.description, _ = cString(raw.description)
	return info, int32(result)
}

func nativeConstName(code CloseCode) (string, bool) {
	return cString(C.wsclose_const_name(C.uint16_t(code)))
}

func nativeVersion() string {
	version, _ := cString(C.wsclose_version())
	return version
}

func nativeResultMessage(result int32) string {
	message, _ := cString(C.wsclose_result_message(C.int32_t(result)))
	return message
}

func nativeParse(payload []byte) (result int32, code CloseCode, reason string) {
	var (
		codeOut   C.uint16_t
		reasonOut *C.uint8_t
		reasonLen C.size_t
	)
	r := C.wsclose_parse_close_payload(bytesPtr(payload), C.size_t(len(payload)), &codeOut, &reasonOut, &reasonLen)
	if r == C.WSCLOSE_OK && reasonLen > 0 {
		// The reason points into payload; copy it out while payload is alive.
		reason = C.GoStringN((*C.char)(unsafe.Pointer(reasonOut)), C.int(reasonLen))
	}
	runtime.KeepAlive(payload)
	return int32(r), CloseCode(codeOut), reason
}

func nativeEncode(code CloseCode, reason []byte, out []byte) (int, int32) {
	var outLen C.size_t
	result := C.wsclose_encode_close_payload(C.uint16_t(code), bytesPtr(reason), C.size_t(len(reason)),
		bytesPtr(out), C.size_t(len(out)), &outLen)
	runtime.KeepAlive(reason)
	return int(outLen), int32(result)
}

func nativeCauseConstName(cause Cause) (string, bool) {
	return cString(C.wsclose_cause_const_name(C.uint32_t(cause)))
}

func nativeCauseSummary(cause Cause) (string, bool) {
	return cString(C.wsclose_cause_summary(C.uint32_t(cause)))
}

func nativeCauseCheck(cause Cause) (string, bool) {
	return cString(C.wsclose_cause_check(C.uint32_t(cause)))
}

func nativeExplain(code CloseCode, wasClean WasClean, out []Cause) int32 {
	count := C.wsclose_explain(C.uint16_t(code), C.int32_t(wasClean), (*C.uint8_t)(unsafe.Pointer(&out[0])),
		C.size_t(len(out)))
	return int32(count)
}

func nativeCloseEvent(engine Engine, payload []byte, received uint32) (rawCloseEvent, int32) {
	var raw C.wsclose_close_event
	result := C.wsclose_browser_close_event(C.uint32_t(engine), bytesPtr(payload), C.size_t(len(payload)),
		C.uint32_t(received), &raw)
	if result != C.WSCLOSE_OK {
		return rawCloseEvent{}, int32(result)
	}
	// The reasons point into payload; copy them out while payload is alive.
	event := rawCloseEvent{
		code:        CloseCode(raw.code),
		reason:      C.GoStringN((*C.char)(unsafe.Pointer(raw.reason)), C.int(raw.reason_len)),
		wasClean:    raw.was_clean != 0,
		errorFired:  raw.error_fired != 0,
		replyKind:   ReplyKind(raw.reply_kind),
		replyCode:   CloseCode(raw.reply_code),
		replyReason: C.GoStringN((*C.char)(unsafe.Pointer(raw.reply_reason)), C.int(raw.reply_reason_len)),
	}
	runtime.KeepAlive(payload)
	return event, int32(result)
}

func nativePageClose(engine Engine, hasCode bool, number float64, hasReason bool, units []uint16,
	out []byte) (code CloseCode, sentCode bool, outLen int, result int32) {
	var (
		unitsPtr *C.uint16_t
		codeOut  C.uint16_t
		hasOut   C.uint8_t
		lenOut   C.size_t
	)
	if len(units) > 0 {
		unitsPtr = (*C.uint16_t)(unsafe.Pointer(&units[0]))
	}
	r := C.wsclose_browser_close(C.uint32_t(engine), C.int32_t(boolArg(hasCode)), C.double(number),
		C.int32_t(boolArg(hasReason)),
		unitsPtr, C.size_t(len(units)), &codeOut, &hasOut, bytesPtr(out), C.size_t(len(out)), &lenOut)
	runtime.KeepAlive(units)
	return CloseCode(codeOut), hasOut != 0, int(lenOut), int32(r)
}

func nativeProfileCount() uint32 {
	return uint32(C.wsclose_profile_count())
}

func stringPtr(s string) *C.char {
	if len(s) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(unsafe.StringData(s)))
}

func nativeProfileByName(name string) int32 {
	index := C.wsclose_profile_by_name(stringPtr(name), C.size_t(len(name)))
	runtime.KeepAlive(name)
	return int32(index)
}

func nativeProfileBySubprotocol(token string) int32 {
	index := C.wsclose_profile_by_subprotocol(stringPtr(token), C.size_t(len(token)))
	runtime.KeepAlive(token)
	return int32(index)
}

func nativeProfileName(index uint32) (string, bool) {
	return cString(C.wsclose_profile_name(C.uint32_t(index)))
}

func nativeProfileAdvice(index uint32, code CloseCode) int32 {
	return int32(C.wsclose_profile_advice(C.uint32_t(index), C.uint16_t(code)))
}

func nativeProfileCodeName(index uint32, code CloseCode) (string, bool) {
	return cString(C.wsclose_profile_code_name(C.uint32_t(index), C.uint16_t(code)))
}

func nativeProfileCodeDescription(index uint32, code CloseCode) (string, bool) {
	return cString(C.wsclose_profile_code_description(C.uint32_t(index), C.uint16_t(code)))
}

func nativeProfileIntentRangeCount(index uint32, intent Intent) int32 {
	return int32(C.wsclose_profile_intent_range_count(C.uint32_t(index), C.uint32_t(intent)))
}

func nativeProfileIntentRange(index uint32, intent Intent, i uint32) (IntentRange, int32) {
	var first, last C.uint16_t
	var advice C.uint32_t
	result := C.wsclose_profile_intent_range(C.uint32_t(index), C.uint32_t(intent), C.uint32_t(i), &first, &last, &advice)
	return IntentRange{First: CloseCode(first), Last: CloseCode(last), Advice: Advice(advice)}, int32(result)
}

func nativeProfileCheckIntent(index uint32, code CloseCode, intent Intent) (result, advice, below, above int32) {
	var a, b, c C.int32_t
	r := C.wsclose_profile_check_intent(C.uint32_t(index), C.uint16_t(code), C.uint32_t(intent), &a, &b, &c)
	return int32(r), int32(a), int32(b), int32(c)
}

// cPolicy is the policy's bytes as the C struct (policyBlob has its size and alignment).
func cPolicy(p *policyBlob) *C.wsclose_policy {
	return (*C.wsclose_policy)(unsafe.Pointer(p))
}

func nativePolicyInit(p *policyBlob) int32 {
	return int32(C.wsclose_policy_init(cPolicy(p)))
}

func nativePolicySetProfile(p *policyBlob, profile int32) int32 {
	return int32(C.wsclose_policy_set_profile(cPolicy(p), C.int32_t(profile)))
}

func nativePolicySetBaseMs(p *policyBlob, ms uint64) int32 {
	return int32(C.wsclose_policy_set_base_ms(cPolicy(p), C.uint64_t(ms)))
}

func nativePolicySetCapMs(p *policyBlob, ms uint64) int32 {
	return int32(C.wsclose_policy_set_cap_ms(cPolicy(p), C.uint64_t(ms)))
}

func nativePolicySetMaxAttempts(p *policyBlob, maxAttempts int64) int32 {
	return int32(C.wsclose_policy_set_max_attempts(cPolicy(p), C.int64_t(maxAttempts)))
}

func nativePolicySetRetryUnspecified(p *policyBlob, retry bool) int32 {
	return int32(C.wsclose_policy_set_retry_unspecified(cPolicy(p), C.int32_t(boolArg(retry))))
}

func nativePolicySetOverride(p *policyBlob, code CloseCode, advice Advice) int32 {
	return int32(C.wsclose_policy_set_override(cPolicy(p), C.uint16_t(code), C.uint32_t(advice)))
}

func nativePolicyAdvice(p *policyBlob, code CloseCode, wasClean bool) int32 {
	return int32(C.wsclose_policy_advice(cPolicy(p), C.uint16_t(code), C.int32_t(boolArg(wasClean))))
}

func nativePolicyDecide(p *policyBlob, code CloseCode, wasClean bool, attempt uint32, random uint64) (int32, uint64) {
	var delay C.uint64_t
	answer := C.wsclose_policy_decide(cPolicy(p), C.uint16_t(code), C.int32_t(boolArg(wasClean)), C.uint32_t(attempt),
		C.uint64_t(random), &delay)
	return int32(answer), uint64(delay)
}
