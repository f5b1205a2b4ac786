//go:build !cgo

package wsclose

// The pure-Go route (CGO_ENABLED=0): the native* functions call the same C ABI compiled to
// WebAssembly (internal/wasmmod/wsclose.wasm, built from ffi-c by `make wasm-build`), run by
// wazero. Like native_cgo.go this file converts Go values to C arguments and C results to Go
// values and holds no rule of its own.
//
// The module is compiled once, on first use. Each call borrows an instance (its own linear
// memory, function handles and call stack), because a wazero function may not be called from
// two goroutines at once: the primary instance when it is free, else one from a sync.Pool (an
// instance the pool drops is closed by a cleanup).
// Pointer arguments point into a scratch area of the instance's memory: pages grown for it with
// memory.grow, which nothing in the module uses (ffi-c never allocates). Layout of the area
// (byte offsets; wasm32: size_t and pointers are 4 bytes; the struct layouts are generated into
// abi_generated.go from include/wsclose.h):

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"runtime"
	"sync"
	"unsafe"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/wsclose/wsclose/bindings/go/internal/wasmmod"
)

const backendName = "wasm"

const (
	offCodeOut      = 0                               // uint16_t        code_out
	offReasonOut    = 4                               // const uint8_t * reason_out (parse)
	offReasonLenOut = 8                               // size_t          reason_len_out
	offOutLen       = 12                              // size_t          out_len (encode)
	offOut          = 16                              // uint8_t[MaxClosePayload] the encoded payload; reason_out (page close)
	offHasCodeOut   = 144                             // uint8_t         has_code_out (page close)
	offDelayOut     = 152                             // uint64_t        delay_ms_out (policy)
	offPolicy       = 160                             // struct wsclose_policy (sizes and offsets: abi_generated.go)
	offEvent        = offPolicy + wasm32PolicySize    // struct wsclose_close_event
	offInfo         = offEvent + wasm32CloseEventSize // struct wsclose_code_info
	offInput        = offInfo + wasm32CodeInfoSize    // the payload, reason, name, codes passed in; the causes or categories written out

	wasmPage = 65536
	// manyChunk is how many codes one wsclose_classify_many call takes (3 bytes each in the
	// scratch area: the code and its category).
	manyChunk = 1 << 16
)

// The exported functions an instance calls, by index.
const (
	fnClassify = iota
	fnClassifyMany
	fnInfo
	fnConstName
	fnVersion
	fnResultMessage
	fnParse
	fnEncode
	fnCauseConstName
	fnCauseSummary
	fnCauseCheck
	fnExplain
	fnCloseEvent
	fnPageClose
	fnProfileCount
	fnProfileByName
	fnProfileBySubprotocol
	fnProfileName
	fnProfileAdvice
	fnProfileCodeName
	fnProfileCodeDescription
	fnPolicyInit
	fnPolicySetProfile
	fnPolicySetBaseMs
	fnPolicySetCapMs
	fnPolicySetMaxAttempts
	fnPolicySetRetryUnspecified
	fnPolicySetOverride
	fnPolicyDecide
	fnPolicyAdvice
	fnProfileIntentRangeCount
	fnProfileIntentRange
	fnProfileCheckIntent
	fnCount
)

var exportNames = [fnCount]string{
	fnClassify:                  "wsclose_classify",
	fnClassifyMany:              "wsclose_classify_many",
	fnInfo:                      "wsclose_info",
	fnConstName:                 "wsclose_const_name",
	fnVersion:                   "wsclose_version",
	fnResultMessage:             "wsclose_result_message",
	fnParse:                     "wsclose_parse_close_payload",
	fnEncode:                    "wsclose_encode_close_payload",
	fnCauseConstName:            "wsclose_cause_const_name",
	fnCauseSummary:              "wsclose_cause_summary",
	fnCauseCheck:                "wsclose_cause_check",
	fnExplain:                   "wsclose_explain",
	fnCloseEvent:                "wsclose_browser_close_event",
	fnPageClose:                 "wsclose_browser_close",
	fnProfileCount:              "wsclose_profile_count",
	fnProfileByName:             "wsclose_profile_by_name",
	fnProfileBySubprotocol:      "wsclose_profile_by_subprotocol",
	fnProfileName:               "wsclose_profile_name",
	fnProfileAdvice:             "wsclose_profile_advice",
	fnProfileCodeName:           "wsclose_profile_code_name",
	fnProfileCodeDescription:    "wsclose_profile_code_description",
	fnPolicyInit:                "wsclose_policy_init",
	fnPolicySetProfile:          "wsclose_policy_set_profile",
	fnPolicySetBaseMs:           "wsclose_policy_set_base_ms",
	fnPolicySetCapMs:            "wsclose_policy_set_cap_ms",
	fnPolicySetMaxAttempts:      "wsclose_policy_set_max_attempts",
	fnPolicySetRetryUnspecified: "wsclose_policy_set_retry_unspecified",
	fnPolicySetOverride:         "wsclose_policy_set_override",
	fnPolicyDecide:              "wsclose_policy_decide",
	fnPolicyAdvice:              "wsclose_policy_advice",
	fnProfileIntentRangeCount:   "wsclose_profile_intent_range_count",
	fnProfileIntentRange:        "wsclose_profile_intent_range",
	fnProfileCheckIntent:        "wsclose_profile_check_intent",
}

// The most parameters of any function called (wsclose_browser_close).
const maxParams = 11

var wasmCtx = context.Background()

// engine is the wazero runtime and the compiled module, made once on first use.
var engine struct {
	once     sync.Once
	runtime  wazero.Runtime
	compiled wazero.CompiledModule
	err      error
}

func compiledModule() (wazero.Runtime, wazero.CompiledModule) {
	engine.once.Do(func() {
		engine.runtime, engine.compiled, engine.err = compileWasm(wasmmod.Wasm)
	})
	if engine.err != nil {
		panic(engine.err)
	}
	return engine.runtime, engine.compiled
}

// compileWasm compiles module with a new runtime: wazero's compiler where it has one (amd64,
// arm64), else its interpreter.
func compileWasm(module []byte) (wazero.Runtime, wazero.CompiledModule, error) {
	rt := wazero.NewRuntime(wasmCtx)
	compiled, err := rt.CompileModule(wasmCtx, module)
	if err != nil {
		_ = rt.Close(wasmCtx)
		return nil, nil, fmt.Errorf("wsclose: wazero cannot compile the embedded WebAssembly module "+
			"(internal/wasmmod/wsclose.wasm, %d bytes): %w", len(module), err)
	}
	return rt, compiled, nil
}

// instance is one instantiation of the module; one goroutine uses it at a time.
type instance struct {
	mem   api.Memory
	fn    [fnCount]api.Function
	stack [maxParams]uint64
	base  uint32 // the scratch area's address
	size  uint32 // and its size in bytes
	// primary: the instance behind primary.mu, else one of the pool's.
	primary bool
}

// The instances: one primary instance behind a mutex, taken with TryLock (one atomic operation,
// the cheapest way in), and a sync.Pool of others for the calls that find it taken, so
// goroutines on several cores do not queue behind one instance.
var (
	primary struct {
		mu sync.Mutex
		in *instance
	}
	instances = sync.Pool{New: func() any { return newInstance() }}
)

func newInstance() *instance {
	rt, compiled := compiledModule()
	mod, err := rt.InstantiateModule(wasmCtx, compiled, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		panic(fmt.Sprintf("wsclose: wazero cannot instantiate the embedded WebAssembly module: %v", err))
	}
	in := &instance{mem: mod.Memory()}
	if in.mem == nil {
		panic("wsclose: the embedded WebAssembly module exports no memory")
	}
	for i, name := range exportNames {
		if in.fn[i] = mod.ExportedFunction(name); in.fn[i] == nil {
			panic("wsclose: the embedded WebAssembly module has no function " + name)
		}
	}
	in.base = in.mem.Size()
	in.reserve(0)
	runtime.AddCleanup(in, func(mod api.Module) { _ = mod.Close(wasmCtx) }, mod)
	return in
}

func acquire() *instance {
	if primary.mu.TryLock() {
		if primary.in == nil {
			primary.in = newInstance()
			primary.in.primary = true
		}
		return primary.in
	}
	return instances.Get().(*instance)
}

// release gives the instance back. A call that panics (a trap, an argument too large for the
// memory) does not release its instance: the pool drops it, or the primary stays locked and
// every later call uses the pool.
func (in *instance) release() {
	if in.primary {
		primary.mu.Unlock()
	} else {
		instances.Put(in)
	}
}

// reserve makes the scratch area hold n bytes at offInput and returns the area's address.
func (in *instance) reserve(n int) uint32 {
	need := uint64(offInput) + uint64(n)
	if need > uint64(in.size) {
		pages := (need - uint64(in.size) + wasmPage - 1) / wasmPage
		if in.base+in.size != in.mem.Size() || uint64(in.base)+need > math.MaxUint32 {
			panic(fmt.Sprintf("wsclose: the WebAssembly memory cannot hold a %d-byte argument", n))
		}
		if _, ok := in.mem.Grow(uint32(pages)); !ok {
			panic(fmt.Sprintf("wsclose: the WebAssembly memory cannot grow by %d pages for a %d-byte argument", pages, n))
		}
		in.size += uint32(pages) * wasmPage
	}
	return in.base
}

// call calls an export with the parameters already in in.stack and returns the first result.
func (in *instance) call(fn int) uint64 {
	if err := in.fn[fn].CallWithStack(wasmCtx, in.stack[:]); err != nil {
		panic(fmt.Sprintf("wsclose: %s failed in the WebAssembly module: %v", exportNames[fn], err))
	}
	return in.stack[0]
}

func result32(v uint64) int32 { return int32(uint32(v)) }

// view is n bytes of memory at ptr (valid until the memory grows).
func (in *instance) view(ptr, n uint32) []byte {
	b, ok := in.mem.Read(ptr, n)
	if !ok {
		panic(fmt.Sprintf("wsclose: the WebAssembly module pointed outside its memory (%d bytes at %d)", n, ptr))
	}
	return b
}

func (in *instance) u8(ptr uint32) uint8 { return in.view(ptr, 1)[0] }

func (in *instance) u16(ptr uint32) uint16 { return binary.LittleEndian.Uint16(in.view(ptr, 2)) }

func (in *instance) u32(ptr uint32) uint32 { return binary.LittleEndian.Uint32(in.view(ptr, 4)) }

func (in *instance) u64(ptr uint32) uint64 { return binary.LittleEndian.Uint64(in.view(ptr, 8)) }

// text is len bytes at ptr as a Go string.
func (in *instance) text(ptr, length uint32) string {
	if length == 0 {
		return ""
	}
	return string(in.view(ptr, length))
}

// cString is the NUL-terminated string at ptr; ok is false for NULL.
func (in *instance) cString(ptr uint32) (string, bool) {
	if ptr == 0 {
		return "", false
	}
	rest := in.view(ptr, in.mem.Size()-ptr)
	end := bytes.IndexByte(rest, 0)
	if end < 0 {
		panic("wsclose: the WebAssembly module returned an unterminated string")
	}
	return string(rest[:end]), true
}

// input copies b to the scratch input area and returns its address, 0 (NULL) when b is empty.
func (in *instance) input(b []byte) uint32 {
	if len(b) == 0 {
		return 0
	}
	base := in.reserve(len(b))
	copy(in.view(base+offInput, uint32(len(b))), b)
	return base + offInput
}

// callString calls a function of uint32 arguments that returns a static string or NULL.
func callString(fn int, args ...uint32) (string, bool) {
	in := acquire()
	for i, arg := range args {
		in.stack[i] = uint64(arg)
	}
	text, ok := in.cString(uint32(in.call(fn)))
	in.release()
	return text, ok
}

var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

func nativeClassify(code CloseCode) Category {
	in := acquire()
	in.stack[0] = uint64(code)
	category := Category(in.call(fnClassify))
	in.release()
	return category
}

func nativeClassifyMany(codes []CloseCode, out []Category) int32 {
	in := acquire()
	for done := 0; done < len(codes); done += manyChunk {
		n := min(manyChunk, len(codes)-done)
		base := in.reserve(3 * n)
		codesPtr := base + offInput
		outPtr := codesPtr + uint32(2*n)
		dst := in.view(codesPtr, uint32(2*n))
		if littleEndian {
			copy(dst, unsafe.Slice((*byte)(unsafe.Pointer(&codes[done])), 2*n))
		} else {
			for i, code := range codes[done : done+n] {
				binary.LittleEndian.PutUint16(dst[2*i:], uint16(code))
			}
		}
		in.stack[0], in.stack[1], in.stack[2] = uint64(codesPtr), uint64(outPtr), uint64(n)
		if result := result32(in.call(fnClassifyMany)); result != resultOK {
			in.release()
			return result
		}
		copy(unsafe.Slice((*byte)(unsafe.Pointer(&out[done])), n), in.view(outPtr, uint32(n)))
	}
	in.release()
	return resultOK
}

func nativeInfo(code CloseCode) (rawInfo, int32) {
	in := acquire()
	at := in.base + offInfo
	in.stack[0], in.stack[1] = uint64(code), uint64(at)
	result := result32(in.call(fnInfo))
	info := rawInfo{
		code:             CloseCode(in.u16(at + wasm32CodeInfoCode)),
		category:         Category(in.u8(at + wasm32CodeInfoCategory)),
		reconnect:        Reconnect(in.u8(at + wasm32CodeInfoReconnect)),
		sendable:         in.u8(at+wasm32CodeInfoSendable) != 0,
		localOnly:        in.u8(at+wasm32CodeInfoLocalOnly) != 0,
		browserCloseable: in.u8(at+wasm32CodeInfoBrowserCloseable) != 0,
		ok:               in.u8(at+wasm32CodeInfoOk) != 0,
	}
	info.name, info.hasName = in.cString(in.u32(at + wasm32CodeInfoName))
	info.description, _ = in.cString(in.u32(at + wasm32CodeInfoDescription))
	in.release()
	return info, result
}

func nativeConstName(code CloseCode) (string, bool) {
	return callString(fnConstName, uint32(code))
}

func nativeVersion() string {
	version, _ := callString(fnVersion)
	return version
}

func nativeResultMessage(result int32) string {
	message, _ := callString(fnResultMessage, uint32(result))
	return message
}

func nativeParse(payload []byte) (result int32, code CloseCode, reason string) {
	in := acquire()
	ptr := in.input(payload)
	base := in.base
	in.stack[0], in.stack[1] = uint64(ptr), uint64(len(payload))
	in.stack[2], in.stack[3], in.stack[4] = uint64(base+offCodeOut), uint64(base+offReasonOut), uint64(base+offReasonLenOut)
	result = result32(in.call(fnParse))
	code = CloseCode(in.u16(base + offCodeOut))
	if result == resultOK {
		reason = in.text(in.u32(base+offReasonOut), in.u32(base+offReasonLenOut))
	}
	in.release()
	return result, code, reason
}

func nativeEncode(code CloseCode, reason []byte, out []byte) (int, int32) {
	if len(out) > MaxClosePayload {
		panic("wsclose: nativeEncode: the scratch area holds MaxClosePayload bytes")
	}
	in := acquire()
	ptr := in.input(reason)
	base := in.base
	in.stack[0], in.stack[1], in.stack[2] = uint64(code), uint64(ptr), uint64(len(reason))
	in.stack[3], in.stack[4], in.stack[5] = uint64(base+offOut), uint64(len(out)), uint64(base+offOutLen)
	result := result32(in.call(fnEncode))
	n := 0
	if result == resultOK {
		n = copy(out, in.view(base+offOut, in.u32(base+offOutLen)))
	}
	in.release()
	return n, result
}

func nativeCauseConstName(cause Cause) (string, bool) {
	return callString(fnCauseConstName, uint32(cause))
}

func nativeCauseSummary(cause Cause) (string, bool) {
	return callString(fnCauseSummary, uint32(cause))
}

func nativeCauseCheck(cause Cause) (string, bool) {
	return callString(fnCauseCheck, uint32(cause))
}

func nativeExplain(code CloseCode, wasClean WasClean, out []Cause) int32 {
	in := acquire()
	at := in.reserve(len(out)) + offInput
	in.stack[0], in.stack[1], in.stack[2], in.stack[3] = uint64(code), uint64(uint32(int32(wasClean))), uint64(at), uint64(len(out))
	count := result32(in.call(fnExplain))
	if count > 0 {
		for i, cause := range in.view(at, uint32(min(int(count), len(out)))) {
			out[i] = Cause(cause)
		}
	}
	in.release()
	return count
}

func nativeCloseEvent(engine Engine, payload []byte, received uint32) (rawCloseEvent, int32) {
	in := acquire()
	ptr := in.input(payload)
	at := in.base + offEvent
	in.stack[0], in.stack[1], in.stack[2] = uint64(engine), uint64(ptr), uint64(len(payload))
	in.stack[3], in.stack[4] = uint64(received), uint64(at)
	result := result32(in.call(fnCloseEvent))
	if result != resultOK {
		in.release()
		return rawCloseEvent{}, result
	}
	event := rawCloseEvent{
		code:        CloseCode(in.u16(at + wasm32CloseEventCode)),
		reason:      in.text(in.u32(at+wasm32CloseEventReason), in.u32(at+wasm32CloseEventReasonLen)),
		wasClean:    in.u8(at+wasm32CloseEventWasClean) != 0,
		errorFired:  in.u8(at+wasm32CloseEventErrorFired) != 0,
		replyKind:   ReplyKind(in.u8(at + wasm32CloseEventReplyKind)),
		replyCode:   CloseCode(in.u16(at + wasm32CloseEventReplyCode)),
		replyReason: in.text(in.u32(at+wasm32CloseEventReplyReason), in.u32(at+wasm32CloseEventReplyReasonLen)),
	}
	in.release()
	return event, result
}

func nativePageClose(engine Engine, hasCode bool, number float64, hasReason bool, units []uint16,
	out []byte) (code CloseCode, sentCode bool, outLen int, result int32) {
	if len(out) > MaxClosePayload {
		panic("wsclose: nativePageClose: the scratch area holds MaxClosePayload bytes")
	}
	in := acquire()
	var ptr uint32
	if len(units) > 0 {
		base := in.reserve(2 * len(units))
		ptr = base + offInput
		dst := in.view(ptr, uint32(2*len(units)))
		for i, unit := range units {
			binary.LittleEndian.PutUint16(dst[2*i:], unit)
		}
	}
	base := in.base
	in.stack[0], in.stack[1], in.stack[2], in.stack[3] = uint64(engine), boolArg(hasCode), api.EncodeF64(number), boolArg(hasReason)
	in.stack[4], in.stack[5] = uint64(ptr), uint64(len(units))
	in.stack[6], in.stack[7] = uint64(base+offCodeOut), uint64(base+offHasCodeOut)
	in.stack[8], in.stack[9], in.stack[10] = uint64(base+offOut), uint64(len(out)), uint64(base+offReasonLenOut)
	result = result32(in.call(fnPageClose))
	if result == resultOK {
		code = CloseCode(in.u16(base + offCodeOut))
		sentCode = in.u8(base+offHasCodeOut) != 0
		outLen = copy(out, in.view(base+offOut, in.u32(base+offReasonLenOut)))
	}
	in.release()
	return code, sentCode, outLen, result
}

func nativeProfileCount() uint32 {
	in := acquire()
	count := uint32(in.call(fnProfileCount))
	in.release()
	return count
}

func profileLookup(fn int, text string) int32 {
	in := acquire()
	// The library only reads the text, so the string's bytes are copied without a conversion.
	ptr := in.input(unsafe.Slice(unsafe.StringData(text), len(text)))
	in.stack[0], in.stack[1] = uint64(ptr), uint64(len(text))
	index := result32(in.call(fn))
	in.release()
	return index
}

func nativeProfileByName(name string) int32 {
	return profileLookup(fnProfileByName, name)
}

func nativeProfileBySubprotocol(token string) int32 {
	return profileLookup(fnProfileBySubprotocol, token)
}

func nativeProfileName(index uint32) (string, bool) {
	return callString(fnProfileName, index)
}

func nativeProfileAdvice(index uint32, code CloseCode) int32 {
	in := acquire()
	in.stack[0], in.stack[1] = uint64(index), uint64(code)
	advice := result32(in.call(fnProfileAdvice))
	in.release()
	return advice
}

func nativeProfileCodeName(index uint32, code CloseCode) (string, bool) {
	return callString(fnProfileCodeName, index, uint32(code))
}

func nativeProfileCodeDescription(index uint32, code CloseCode) (string, bool) {
	return callString(fnProfileCodeDescription, index, uint32(code))
}

func nativeProfileIntentRangeCount(index uint32, intent Intent) int32 {
	in := acquire()
	in.stack[0], in.stack[1] = uint64(index), uint64(intent)
	count := result32(in.call(fnProfileIntentRangeCount))
	in.release()
	return count
}

// The three 32-bit outs of the intent calls: a range's first, last and advice; a check's
// advice, below and above.
const (
	offIntentA = offCodeOut
	offIntentB = offReasonOut
	offIntentC = offReasonLenOut
)

func nativeProfileIntentRange(index uint32, intent Intent, i uint32) (IntentRange, int32) {
	in := acquire()
	base := in.base
	in.stack[0], in.stack[1], in.stack[2] = uint64(index), uint64(intent), uint64(i)
	in.stack[3], in.stack[4], in.stack[5] = uint64(base+offIntentA), uint64(base+offIntentB), uint64(base+offIntentC)
	result := result32(in.call(fnProfileIntentRange))
	r := IntentRange{First: CloseCode(in.u16(base + offIntentA)), Last: CloseCode(in.u16(base + offIntentB)),
		Advice: Advice(in.u32(base + offIntentC))}
	in.release()
	return r, result
}

func nativeProfileCheckIntent(index uint32, code CloseCode, intent Intent) (result, advice, below, above int32) {
	in := acquire()
	base := in.base
	in.stack[0], in.stack[1], in.stack[2] = uint64(index), uint64(code), uint64(intent)
	in.stack[3], in.stack[4], in.stack[5] = uint64(base+offIntentA), uint64(base+offIntentB), uint64(base+offIntentC)
	result = result32(in.call(fnProfileCheckIntent))
	advice, below, above = int32(in.u32(base+offIntentA)), int32(in.u32(base+offIntentB)), int32(in.u32(base+offIntentC))
	in.release()
	return result, advice, below, above
}

// withPolicy copies the policy into the scratch area, runs call with its address and copies
// it back (the set_* calls change it).
func withPolicy(p *policyBlob, call func(in *instance, at uint32)) {
	in := acquire()
	at := in.base + offPolicy
	b := in.view(at, wasm32PolicySize)
	for i, word := range p {
		binary.LittleEndian.PutUint64(b[8*i:], word)
	}
	call(in, at)
	for i := range p {
		p[i] = binary.LittleEndian.Uint64(b[8*i:])
	}
	in.release()
}

func policyCall(p *policyBlob, fn int, args ...uint64) int32 {
	var result int32
	withPolicy(p, func(in *instance, at uint32) {
		in.stack[0] = uint64(at)
		copy(in.stack[1:], args)
		result = result32(in.call(fn))
	})
	return result
}

func nativePolicyInit(p *policyBlob) int32 {
	return policyCall(p, fnPolicyInit)
}

func nativePolicySetProfile(p *policyBlob, profile int32) int32 {
	return policyCall(p, fnPolicySetProfile, uint64(uint32(profile)))
}

func nativePolicySetBaseMs(p *policyBlob, ms uint64) int32 {
	return policyCall(p, fnPolicySetBaseMs, ms)
}

func nativePolicySetCapMs(p *policyBlob, ms uint64) int32 {
	return policyCall(p, fnPolicySetCapMs, ms)
}

func nativePolicySetMaxAttempts(p *policyBlob, maxAttempts int64) int32 {
	return policyCall(p, fnPolicySetMaxAttempts, uint64(maxAttempts))
}

func nativePolicySetRetryUnspecified(p *policyBlob, retry bool) int32 {
	return policyCall(p, fnPolicySetRetryUnspecified, boolArg(retry))
}

func nativePolicySetOverride(p *policyBlob, code CloseCode, advice Advice) int32 {
	return policyCall(p, fnPolicySetOverride, uint64(code), uint64(advice))
}

func nativePolicyAdvice(p *policyBlob, code CloseCode, wasClean bool) int32 {
	var answer int32
	withPolicy(p, func(in *instance, at uint32) {
		in.stack[0], in.stack[1], in.stack[2] = uint64(at), uint64(code), boolArg(wasClean)
		answer = result32(in.call(fnPolicyAdvice))
	})
	return answer
}

func nativePolicyDecide(p *policyBlob, code CloseCode, wasClean bool, attempt uint32, random uint64) (int32, uint64) {
	var answer int32
	var delay uint64
	withPolicy(p, func(in *instance, at uint32) {
		in.stack[0], in.stack[1], in.stack[2], in.stack[3] = uint64(at), uint64(code), boolArg(wasClean), uint64(attempt)
		in.stack[4], in.stack[5] = random, uint64(in.base+offDelayOut)
		answer = result32(in.call(fnPolicyDecide))
		delay = in.u64(in.base + offDelayOut)
	})
	return answer, delay
}
