package wsclose

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestCauses(t *testing.T) {
	causes := Causes()
	if len(causes) == 0 {
		t.Fatal("no causes")
	}
	for _, c := range causes {
		if c.ConstName() == "" || c.Summary() == "" || c.Check() == "" || c.String() != c.ConstName() {
			t.Errorf("cause %d: %q %q %q", c, c.ConstName(), c.Summary(), c.Check())
		}
	}
	beyond := Cause(len(causes))
	if beyond.ConstName() != "" || beyond.Summary() != "" || beyond.Check() != "" {
		t.Errorf("the library knows a cause the generated constants lack: %d %q", beyond, beyond.ConstName())
	}
	if CauseTLSHandshake.ConstName() != "TLS_HANDSHAKE" {
		t.Errorf("generated constant and library disagree: %q", CauseTLSHandshake.ConstName())
	}
}

func TestExplainAllCodes(t *testing.T) {
	seen := map[Cause]bool{}
	for c := 0; c <= 0xffff; c++ {
		for _, clean := range []WasClean{WasCleanUnknown, WasCleanFalse, WasCleanTrue} {
			e, err := Explain(CloseCode(c), clean)
			if err != nil || e.Code != CloseCode(c) || e.WasClean != clean {
				t.Fatalf("Explain(%d, %d) = %+v", c, clean, e)
			}
			for _, cause := range e.Causes {
				if cause.ConstName() == "" {
					t.Fatalf("Explain(%d, %d): unknown cause %d", c, clean, cause)
				}
				seen[cause] = true
			}
		}
	}
	if len(seen) != len(Causes()) {
		t.Errorf("explain reports %d of %d causes", len(seen), len(Causes()))
	}
	if WasCleanOf(true) != WasCleanTrue || WasCleanOf(false) != WasCleanFalse {
		t.Error("WasCleanOf")
	}
	// Issue 18 #12: a WasClean that is none of the three is an error, not a panic.
	for _, bad := range []WasClean{7, -2} {
		if _, err := Explain(1006, bad); !errors.Is(err, ErrInvalidArgument) {
			t.Errorf("Explain(1006, WasClean(%d)): %v", bad, err)
		}
	}
}

func TestCloseEvent(t *testing.T) {
	if len(Engines()) != 2 || EngineChromium.String() != "chromium" || EngineFirefox.String() != "firefox" {
		t.Fatalf("engines: %v", Engines())
	}
	for _, engine := range Engines() {
		dropped, err := engine.CloseEvent([]byte{0x03, 0xe8}, true)
		if err != nil || dropped.Code != AbnormalClosure || dropped.WasClean || dropped.ErrorFired || dropped.Reason != "" || dropped.Reply.Kind != ReplyNone {
			t.Errorf("%s dropped: %+v", engine, dropped)
		}
		// Measured: Firefox fires error before close for an RST, Chromium does not.
		reset, err := engine.ResetEvent()
		if err != nil || reset.Code != AbnormalClosure || reset.WasClean || reset.ErrorFired != (engine == EngineFirefox) || reset.Reason != "" || reset.Reply.Kind != ReplyNone {
			t.Errorf("%s reset: %+v", engine, reset)
		}
		bye, err := engine.CloseEvent([]byte{0x03, 0xe8, 'b', 'y', 'e'}, false)
		if err != nil || bye.Code != NormalClosure || bye.Reason != "bye" || !bye.WasClean || bye.ErrorFired {
			t.Errorf("%s 1000 bye: %+v", engine, bye)
		}
		empty, err := engine.CloseEvent(nil, false)
		if err != nil || empty.Code != NoStatusReceived || !empty.WasClean {
			t.Errorf("%s empty: %+v", engine, empty)
		}
		// Every payload the core accepts reaches the page as a clean close with its code and
		// reason (docs/browser.md); refused ones differ by engine (the differential checks them).
		for c := 0; c <= 0xffff; c++ {
			payload := []byte{byte(c >> 8), byte(c), 'x'}
			event, eventErr := engine.CloseEvent(payload, false)
			if eventErr != nil {
				t.Fatalf("%s %d: %v", engine, c, eventErr)
			}
			parsed, err := ParseClosePayload(payload)
			if err == nil && (event.Code != parsed.Code || event.Reason != parsed.Reason || !event.WasClean) {
				t.Fatalf("%s %d: %+v vs %+v", engine, c, event, parsed)
			}
		}
	}
}

// Issue 18 #12: an Engine that is not one is an error, not a panic.
func TestUnknownEngineIsAnError(t *testing.T) {
	if _, err := Engine(7).CloseEvent(nil, true); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Engine(7).CloseEvent: %v", err)
	}
	if _, err := Engine(7).ResetEvent(); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Engine(7).ResetEvent: %v", err)
	}
	if _, err := Engine(7).PageClose(nil, nil); !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("Engine(7).PageClose: %v", err)
	}
}

func float(v float64) *float64 { return &v }

func TestPageClose(t *testing.T) {
	for _, engine := range Engines() {
		sent, err := engine.PageClose(nil, nil)
		if err != nil || sent.HasCode || sent.Reason != "" {
			t.Errorf("%s close(): %+v %v", engine, sent, err)
		}
		sent, err = engine.PageCloseString(float(1000), ptr("bye"))
		if err != nil || !sent.HasCode || sent.Code != NormalClosure || sent.Reason != "bye" {
			t.Errorf("%s close(1000, 'bye'): %+v %v", engine, sent, err)
		}
		sent, err = engine.PageClose(float(4000), []uint16{})
		if err != nil || sent.Code != 4000 || !sent.HasCode || sent.Reason != "" {
			t.Errorf("%s close(4000, ''): %+v %v", engine, sent, err)
		}
		// A lone surrogate becomes U+FFFD, as USVString says.
		sent, err = engine.PageClose(float(1000), []uint16{'a', 0xd800})
		if err != nil || sent.Reason != "a\uFFFD" {
			t.Errorf("%s lone surrogate: %+v %v", engine, sent, err)
		}
		var dom DomException
		if _, err = engine.PageClose(float(999), nil); !errors.As(err, &dom) || dom != DomInvalidAccess ||
			dom.Name() != "InvalidAccessError" {
			t.Errorf("%s close(999): %v", engine, err)
		}
		long := strings.Repeat("a", MaxReasonLen+1)
		if _, err = engine.PageCloseString(float(1000), &long); !errors.As(err, &dom) || dom != DomSyntax ||
			dom.Name() != "SyntaxError" || !strings.Contains(err.Error(), "SyntaxError") {
			t.Errorf("%s close(1000, 124 bytes): %v", engine, err)
		}
		if _, err = engine.PageCloseString(float(1000), ptr("a\xffb")); !errors.Is(err, ErrNotUTF8) {
			t.Errorf("%s invalid UTF-8: %v", engine, err)
		}
		if _, err = engine.PageClose(float(math.NaN()), nil); !errors.As(err, &dom) {
			t.Errorf("%s close(NaN): %v", engine, err)
		}
		// A code the browser accepts is sent as is, for every integer code.
		for c := 0; c <= 0xffff; c++ {
			sent, err := engine.PageClose(float(float64(c)), nil)
			if (err == nil) != Info(CloseCode(c)).BrowserCloseable {
				t.Fatalf("%s close(%d): %+v %v", engine, c, sent, err)
			}
			if err == nil && (sent.Code != CloseCode(c) || !sent.HasCode) {
				t.Fatalf("%s close(%d): %+v", engine, c, sent)
			}
		}
	}
}

func ptr(s string) *string { return &s }
