package wsclose_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// Every code from 0 to 65535 against the rules written out in helpers_test.go.
func TestExhaustiveInfo(t *testing.T) {
	failures := 0
	fail := func(format string, args ...any) {
		if failures++; failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	for c := 0; c <= 0xffff; c++ {
		code := uint16(c)
		want := wsclose.Category(ruleCategory(c))
		if got := wsclose.Classify(code); got != want {
			fail("Classify(%d) = %v, want %v", c, got, want)
		}
		info := wsclose.Info(code)
		if info.Code != code || info.Category != want {
			fail("Info(%d) = %+v, want category %v", c, info, want)
		}
		if info.Sendable != ruleSendable(c) || info.LocalOnly != ruleLocalOnly(c) ||
			info.BrowserCloseable != ruleBrowserCloseable(c) || info.OK != ruleOK(c) {
			fail("Info(%d) flags = %+v", c, info)
		}
		if info.Reconnect != wsclose.Reconnect(ruleReconnect(c)) {
			fail("Info(%d).Reconnect = %v, want %d", c, info.Reconnect, ruleReconnect(c))
		}
		if info.Name != ruleNames[c] {
			fail("Info(%d).Name = %q, want %q", c, info.Name, ruleNames[c])
		}
		if info.Description == "" {
			fail("Info(%d).Description is empty", c)
		}
	}
	if failures > 0 {
		t.Fatalf("%d mismatches over 65,536 codes", failures)
	}
}

func TestExhaustiveClassifyMany(t *testing.T) {
	codes := make([]uint16, 0x10000)
	for i := range codes {
		codes[i] = uint16(0xffff - i) // descending, so the order of the output matters
	}
	got := wsclose.ClassifyMany(codes)
	if len(got) != len(codes) {
		t.Fatalf("ClassifyMany returned %d results for %d codes", len(got), len(codes))
	}
	for i, code := range codes {
		if want := wsclose.Category(ruleCategory(int(code))); got[i] != want {
			t.Fatalf("ClassifyMany: code %d at %d = %v, want %v", code, i, got[i], want)
		}
	}
	if n := len(wsclose.ClassifyMany(nil)); n != 0 {
		t.Fatalf("ClassifyMany(nil) has %d results", n)
	}
}

// A two-byte payload parses exactly when the code may be sent; encoding agrees.
func TestExhaustivePayloadCodes(t *testing.T) {
	for c := 0; c <= 0xffff; c++ {
		payload := []byte{byte(c >> 8), byte(c)}
		parsed, err := wsclose.ParseClosePayload(payload)
		encoded, encErr := wsclose.EncodeClosePayload(uint16(c), "x")
		if ruleSendable(c) {
			if err != nil || parsed.Code != uint16(c) || parsed.Reason != "" {
				t.Fatalf("ParseClosePayload(%x) = %+v, %v", payload, parsed, err)
			}
			if encErr != nil || string(encoded) != string(payload)+"x" {
				t.Fatalf("EncodeClosePayload(%d, x) = %x, %v", c, encoded, encErr)
			}
			continue
		}
		var perr *wsclose.PayloadError
		if !errors.As(err, &perr) || perr.Kind != wsclose.KindInvalidCode || perr.CloseCode() != 1002 || perr.Code != uint16(c) {
			t.Fatalf("ParseClosePayload(%x): %v, want INVALID_CODE answered with 1002", payload, err)
		}
		if !errors.As(encErr, &perr) || perr.Kind != wsclose.KindInvalidCode || encoded != nil {
			t.Fatalf("EncodeClosePayload(%d): %x, %v, want INVALID_CODE", c, encoded, encErr)
		}
	}
}

func TestCategoryString(t *testing.T) {
	want := []string{"unused", "standard", "reserved", "registered", "private use", "out of range"}
	for i, label := range want {
		if got := wsclose.Category(i).String(); got != label {
			t.Errorf("Category(%d).String() = %q, want %q", i, got, label)
		}
	}
	if got := wsclose.Category(6).String(); got != "Category(6)" {
		t.Errorf("Category(6).String() = %q", got)
	}
	if got := fmt.Sprint(wsclose.Classify(4000)); got != "private use" {
		t.Errorf("fmt.Sprint(Classify(4000)) = %q", got)
	}
	for r, label := range map[wsclose.Reconnect]string{wsclose.Never: "never", wsclose.Backoff: "backoff", wsclose.AppDefined: "app-defined", 3: "Reconnect(3)", 255: "Reconnect(255)"} {
		if got := r.String(); got != label {
			t.Errorf("Reconnect(%d).String() = %q, want %q", r, got, label)
		}
	}
}

func TestPayloadErrors(t *testing.T) {
	cases := []struct {
		name      string
		payload   []byte
		kind      wsclose.PayloadErrorKind
		closeCode uint16
	}{
		{"one byte", []byte{0x03}, wsclose.KindOneByte, 1002},
		{"126 bytes", append([]byte{0x03, 0xe8}, make([]byte, 124)...), wsclose.KindTooLong, 1002},
		{"code 1005 on the wire", []byte{0x03, 0xed}, wsclose.KindInvalidCode, 1002},
		{"bad UTF-8", []byte{0x03, 0xe8, 'o', 0xc3}, wsclose.KindInvalidUTF8, 1007},
	}
	for _, tc := range cases {
		_, err := wsclose.ParseClosePayload(tc.payload)
		wrapped := fmt.Errorf("reading frame: %w", err)
		var perr *wsclose.PayloadError
		if !errors.As(wrapped, &perr) {
			t.Errorf("%s: %v is not a *PayloadError", tc.name, err)
			continue
		}
		if perr.Kind != tc.kind || perr.CloseCode() != tc.closeCode {
			t.Errorf("%s: kind %v close code %d, want %v %d", tc.name, perr.Kind, perr.CloseCode(), tc.kind, tc.closeCode)
		}
		if !strings.HasPrefix(perr.Error(), "wsclose: ") || len(perr.Error()) < 15 {
			t.Errorf("%s: message %q", tc.name, perr.Error())
		}
	}

	// The largest payloads that fit, and one byte more.
	reason := strings.Repeat("é", 61) + "x" // 123 bytes
	payload, err := wsclose.EncodeClosePayload(1000, reason)
	if err != nil || len(payload) != wsclose.MaxClosePayload {
		t.Fatalf("EncodeClosePayload with a %d-byte reason: %d bytes, %v", len(reason), len(payload), err)
	}
	parsed, err := wsclose.ParseClosePayload(payload)
	if err != nil || parsed.Code != 1000 || parsed.Reason != reason {
		t.Fatalf("round trip: %+v, %v", parsed, err)
	}
	_, err = wsclose.EncodeClosePayload(1000, reason+"y")
	var perr *wsclose.PayloadError
	if !errors.As(err, &perr) || perr.Kind != wsclose.KindReasonTooLong || perr.CloseCode() != 0 {
		t.Fatalf("EncodeClosePayload with a 124-byte reason: %v", err)
	}
	if empty, err := wsclose.ParseClosePayload(nil); err != nil || empty.Code != 1005 || empty.Reason != "" {
		t.Fatalf("ParseClosePayload(nil) = %+v, %v", empty, err)
	}
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+`).MatchString(wsclose.Version()) {
		t.Errorf("Version() = %q", wsclose.Version())
	}
}
