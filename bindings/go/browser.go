package wsclose

import (
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// Cause is a likely cause of a close, as Explain reports it. The constants (CauseIdleTimeout …)
// are generated from the core; the texts come from the library.
type Cause uint8

// ConstName returns the cause's constant name used in every language, e.g. "IDLE_TIMEOUT", or ""
// for a number that is not a cause.
func (c Cause) ConstName() string {
	return orEmpty(nativeCauseConstName(c))
}

// Summary says what happened, in a sentence ("" for a number that is not a cause).
func (c Cause) Summary() string {
	return orEmpty(nativeCauseSummary(c))
}

// Check says what to check to confirm or rule out the cause ("" for a number that is not a
// cause).
func (c Cause) Check() string {
	return orEmpty(nativeCauseCheck(c))
}

// String returns the constant name, or "Cause(N)" for a number that is not a cause.
func (c Cause) String() string {
	if name := c.ConstName(); name != "" {
		return name
	}
	return fmt.Sprintf("Cause(%d)", uint8(c))
}

// Causes returns every cause, in number order.
func Causes() []Cause {
	causes := make([]Cause, causeCount)
	for i := range causes {
		causes[i] = Cause(i)
	}
	return causes
}

// orEmpty is a C string that may be NULL as Go text ("" for NULL).
func orEmpty(text string, _ bool) string {
	return text
}

// WasClean is what the application knows of CloseEvent.wasClean: true, false or unknown.
type WasClean int8

const (
	// WasCleanUnknown: the close's cleanliness is not known.
	WasCleanUnknown WasClean = -1
	// WasCleanFalse: the connection did not close cleanly.
	WasCleanFalse WasClean = 0
	// WasCleanTrue: the connection closed cleanly.
	WasCleanTrue WasClean = 1
)

// WasCleanOf turns a known wasClean into a WasClean.
func WasCleanOf(clean bool) WasClean {
	if clean {
		return WasCleanTrue
	}
	return WasCleanFalse
}

// Explanation lists the likely causes of a close, most likely first.
type Explanation struct {
	Code     CloseCode
	WasClean WasClean
	Causes   []Cause
}

// Explain returns the likely causes of a close with code as the receiving application saw it.
// A WasClean other than WasCleanUnknown, WasCleanFalse and WasCleanTrue gives
// ErrInvalidArgument.
func Explain(code CloseCode, wasClean WasClean) (Explanation, error) {
	var causes [32]Cause
	count := nativeExplain(code, wasClean, causes[:])
	if count == resultInvalidArgument {
		return Explanation{}, fmt.Errorf("%w: WasClean(%d)", ErrInvalidArgument, int8(wasClean))
	}
	if count < 0 {
		panicResult(count, "wsclose_explain")
	}
	if int(count) > len(causes) {
		panic(fmt.Sprintf("wsclose: wsclose_explain reports %d causes", int(count)))
	}
	explanation := Explanation{Code: code, WasClean: wasClean, Causes: make([]Cause, count)}
	for i := range explanation.Causes {
		explanation.Causes[i] = causes[i]
	}
	return explanation, nil
}

// Engine is a browser engine of the browser model. The constants (EngineChromium, EngineFirefox)
// are generated from the core.
type Engine uint8

// Engines returns every engine.
func Engines() []Engine {
	engines := make([]Engine, len(engineNames))
	for i := range engines {
		engines[i] = Engine(i)
	}
	return engines
}

// String returns the engine's name, "chromium" or "firefox".
func (e Engine) String() string {
	if int(e) < len(engineNames) {
		return engineNames[e]
	}
	return fmt.Sprintf("Engine(%d)", uint8(e))
}

// ReplyKind is how the browser answers a server's Close.
type ReplyKind uint8

const (
	// ReplyNone: the browser closed TCP without sending a Close.
	ReplyNone ReplyKind = 0
	// ReplyEmpty: the browser sent an empty Close.
	ReplyEmpty ReplyKind = 1
	// ReplyClose: the browser sent a Close with Reply.Code and Reply.Reason.
	ReplyClose ReplyKind = 2
)

// Reply is the browser's answer to a server's Close.
type Reply struct {
	Kind ReplyKind
	// Code and Reason are set when Kind is ReplyClose.
	Code   CloseCode
	Reason string
}

// CloseEvent is what a page's CloseEvent says (and what the browser replies) after the server
// closed the connection.
type CloseEvent struct {
	Code     CloseCode
	Reason   string
	WasClean bool
	// ErrorFired: an error event fired before close.
	ErrorFired bool
	Reply      Reply
}

// CloseEvent returns what a page sees in engine e when the server sent a Close frame with
// payload (dropped false), or closed the TCP connection (FIN) without one (dropped true; payload
// is ignored). A reset is ResetEvent. An Engine that is not one gives ErrInvalidArgument.
func (e Engine) CloseEvent(payload []byte, dropped bool) (CloseEvent, error) {
	if dropped {
		return e.closeEvent(nil, receivedDropped)
	}
	return e.closeEvent(payload, receivedPayload)
}

// ResetEvent returns what a page sees in engine e when the server reset the TCP connection (RST)
// without a Close frame: 1006, not clean; Firefox fires an error event first, Chromium does not.
// An Engine that is not one gives ErrInvalidArgument.
func (e Engine) ResetEvent() (CloseEvent, error) {
	return e.closeEvent(nil, receivedReset)
}

func (e Engine) closeEvent(payload []byte, received uint32) (CloseEvent, error) {
	raw, result := nativeCloseEvent(e, payload, received)
	if result == resultInvalidArgument {
		return CloseEvent{}, fmt.Errorf("%w: %v", ErrInvalidArgument, e)
	}
	if result != resultOK {
		panicResult(result, "wsclose_browser_close_event")
	}
	event := CloseEvent{
		Code:       raw.code,
		Reason:     raw.reason,
		WasClean:   raw.wasClean,
		ErrorFired: raw.errorFired,
		Reply:      Reply{Kind: raw.replyKind},
	}
	if event.Reply.Kind == ReplyClose {
		event.Reply.Code = raw.replyCode
		event.Reply.Reason = raw.replyReason
	}
	return event, nil
}

// DomException is the exception a page's ws.close(code, reason) throws. The constants
// (DomInvalidAccess, DomSyntax) and names are generated from the core.
type DomException uint8

// Name returns the exception's name as a page reads it: "InvalidAccessError" or "SyntaxError".
func (d DomException) Name() string {
	if int(d) < len(domExceptionNames) {
		return domExceptionNames[d]
	}
	return fmt.Sprintf("DomException(%d)", uint8(d))
}

func (d DomException) Error() string {
	return "wsclose: the page's close() throws " + d.Name()
}

// SentClose is the Close a browser sends for a page's ws.close(code, reason).
type SentClose struct {
	// Code is the code sent; HasCode is false for an empty Close.
	Code    CloseCode
	HasCode bool
	// Reason is the reason sent (UTF-8).
	Reason string
}

// PageClose returns what a page's ws.close(code, reason) sends in engine e, or the
// DomException it throws (use errors.As); ErrInvalidArgument for an Engine that is not one. code is the JavaScript number the page passes (nil:
// undefined; any float64: fractions, NaN and infinities go through the engine's WebIDL
// conversion). reason is the page's string as UTF-16 code units, because a JavaScript string is
// UTF-16 and may hold lone surrogates that no Go string can express; nil is an undefined
// reason, an empty non-nil slice the empty string.
func (e Engine) PageClose(code *float64, reason []uint16) (SentClose, error) {
	var (
		number float64
		out    [MaxReasonLen]byte
	)
	if code != nil {
		number = *code
	}
	sent, hasCode, n, result := nativePageClose(e, code != nil, number, reason != nil, reason, out[:])
	switch result {
	case resultOK:
		return SentClose{Code: sent, HasCode: hasCode, Reason: string(out[:n])}, nil
	case resultInvalidAccess:
		return SentClose{}, DomInvalidAccess
	case resultSyntax:
		return SentClose{}, DomSyntax
	case resultInvalidArgument:
		return SentClose{}, fmt.Errorf("%w: %v", ErrInvalidArgument, e)
	default:
		panicResult(result, "wsclose_browser_close")
		return SentClose{}, nil
	}
}

// ErrNotUTF8 is returned by PageCloseString for a Go string that is not UTF-8: a page's reason
// is a JavaScript string, and invalid bytes have no such string (replacing them with U+FFFD
// would change the input silently). Use PageClose with UTF-16 units instead.
var ErrNotUTF8 = errors.New("wsclose: the reason is not UTF-8, so no JavaScript string holds it")

// PageCloseString is PageClose for a reason held in a Go string (nil: undefined). The string
// must be UTF-8; it becomes UTF-16 code units as a JavaScript string would hold it.
func (e Engine) PageCloseString(code *float64, reason *string) (SentClose, error) {
	if reason == nil {
		return e.PageClose(code, nil)
	}
	units := make([]uint16, 0, len(*reason))
	for i := 0; i < len(*reason); {
		r, size := utf8.DecodeRuneInString((*reason)[i:])
		if r == utf8.RuneError && size == 1 {
			return SentClose{}, ErrNotUTF8
		}
		units = utf16.AppendRune(units, r)
		i += size
	}
	return e.PageClose(code, units)
}
