package wsclose_test

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// Every code from 0 to 65535: the functions agree with each other (that the answers are the
// core's is the differential's job: make diff-go).
func TestExhaustiveInfo(t *testing.T) {
	failures := 0
	fail := func(format string, args ...any) {
		if failures++; failures <= 20 {
			t.Errorf(format, args...)
		}
	}
	for c := 0; c <= 0xffff; c++ {
		code := wsclose.CloseCode(c)
		category := wsclose.Classify(code)
		info := wsclose.Info(code)
		if info.Code != code || info.Category != category || category.ConstName() == "" {
			fail("Info(%d) = %+v, Classify = %v", c, info, category)
		}
		if info.Sendable && info.LocalOnly {
			fail("Info(%d) is sendable and local-only", c)
		}
		if info.Reconnect.ConstName() == "" {
			fail("Info(%d).Reconnect = %v", c, info.Reconnect)
		}
		if (info.Name == "") != (info.ConstName == "") {
			fail("Info(%d): name %q, const name %q", c, info.Name, info.ConstName)
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
	codes := make([]wsclose.CloseCode, 0x10000)
	for i := range codes {
		codes[i] = wsclose.CloseCode(0xffff - i) // descending, so the order of the output matters
	}
	got := wsclose.ClassifyMany(codes)
	if len(got) != len(codes) {
		t.Fatalf("ClassifyMany returned %d results for %d codes", len(got), len(codes))
	}
	for i, code := range codes {
		if want := wsclose.Classify(code); got[i] != want {
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
		code := wsclose.CloseCode(c)
		payload := []byte{byte(c >> 8), byte(c)}
		parsed, err := wsclose.ParseClosePayload(payload)
		encoded, encErr := wsclose.EncodeClosePayload(code, "x")
		if wsclose.Info(code).Sendable {
			if err != nil || parsed.Code != code || parsed.Reason != "" {
				t.Fatalf("ParseClosePayload(%x) = %+v, %v", payload, parsed, err)
			}
			if encErr != nil || string(encoded) != string(payload)+"x" {
				t.Fatalf("EncodeClosePayload(%d, x) = %x, %v", c, encoded, encErr)
			}
			continue
		}
		var perr *wsclose.PayloadError
		if !errors.As(err, &perr) || perr.Kind != wsclose.KindInvalidCode || perr.CloseCode != wsclose.ProtocolError ||
			!perr.HasCode || perr.Code != code {
			t.Fatalf("ParseClosePayload(%x): %v, want INVALID_CODE carrying %d answered with 1002", payload, err, c)
		}
		if !errors.As(encErr, &perr) || perr.Kind != wsclose.KindInvalidCode || encoded != nil || perr.Code != code {
			t.Fatalf("EncodeClosePayload(%d): %x, %v, want INVALID_CODE", c, encoded, encErr)
		}
	}
}

func TestLabelsAndConstNames(t *testing.T) {
	categories := []wsclose.Category{wsclose.CategoryUnused, wsclose.CategoryStandard, wsclose.CategoryReserved,
		wsclose.CategoryRegistered, wsclose.CategoryPrivate, wsclose.CategoryOutOfRange}
	seen := map[string]bool{}
	for _, c := range categories {
		if c.String() == "" || c.ConstName() == "" || seen[c.String()] {
			t.Errorf("Category(%d): label %q, const name %q", uint8(c), c.String(), c.ConstName())
		}
		seen[c.String()] = true
	}
	last := categories[len(categories)-1]
	if got := (last + 1).String(); got != fmt.Sprintf("Category(%d)", uint8(last+1)) || (last+1).ConstName() != "" {
		t.Errorf("Category(%d).String() = %q", uint8(last+1), got)
	}
	if got, want := fmt.Sprint(wsclose.Classify(4000)), wsclose.CategoryPrivate.String(); got != want {
		t.Errorf("fmt.Sprint(Classify(4000)) = %q, want %q", got, want)
	}
	advice := []wsclose.Reconnect{wsclose.ReconnectNever, wsclose.ReconnectBackoff, wsclose.ReconnectAppDefined}
	for _, r := range advice {
		if r.String() == "" || r.ConstName() == "" || seen[r.String()] {
			t.Errorf("Reconnect(%d): label %q, const name %q", uint8(r), r.String(), r.ConstName())
		}
		seen[r.String()] = true
	}
	for _, r := range []wsclose.Reconnect{3, 255} {
		if got := r.String(); got != fmt.Sprintf("Reconnect(%d)", uint8(r)) || r.ConstName() != "" {
			t.Errorf("Reconnect(%d).String() = %q", uint8(r), got)
		}
	}
	if got := wsclose.PayloadErrorKind(-1).String(); got != "PayloadErrorKind(-1)" {
		t.Errorf("PayloadErrorKind(-1).String() = %q", got)
	}
}

func TestPayloadErrors(t *testing.T) {
	cases := []struct {
		name      string
		payload   []byte
		kind      wsclose.PayloadErrorKind
		closeCode wsclose.CloseCode
		hasCode   bool
		code      wsclose.CloseCode
	}{
		{"one byte", []byte{0x03}, wsclose.KindOneByte, wsclose.ProtocolError, false, 0},
		{"126 bytes", append([]byte{0x03, 0xe8}, make([]byte, 124)...), wsclose.KindTooLong, wsclose.ProtocolError, false, 0},
		{"code 1005 on the wire", []byte{0x03, 0xed}, wsclose.KindInvalidCode, wsclose.ProtocolError, true, wsclose.NoStatusReceived},
		{"code 0", []byte{0x00, 0x00}, wsclose.KindInvalidCode, wsclose.ProtocolError, true, 0},
		{"bad UTF-8", []byte{0x03, 0xe8, 'o', 0xc3}, wsclose.KindInvalidUTF8, wsclose.InvalidPayloadData, true, wsclose.NormalClosure},
	}
	for _, tc := range cases {
		_, err := wsclose.ParseClosePayload(tc.payload)
		wrapped := fmt.Errorf("reading frame: %w", err)
		var perr *wsclose.PayloadError
		if !errors.As(wrapped, &perr) {
			t.Errorf("%s: %v is not a *PayloadError", tc.name, err)
			continue
		}
		if perr.Kind != tc.kind || perr.CloseCode != tc.closeCode || perr.HasCode != tc.hasCode || perr.Code != tc.code {
			t.Errorf("%s: %+v, want %v answer %d carried %v/%d", tc.name, perr, tc.kind, tc.closeCode, tc.hasCode, tc.code)
		}
		if !strings.HasPrefix(perr.Error(), "wsclose: "+perr.Message()) || perr.Message() == "" {
			t.Errorf("%s: message %q", tc.name, perr.Error())
		}
	}

	// The largest payloads that fit, and one byte more.
	reason := strings.Repeat("é", 61) + "x" // 123 bytes
	payload, err := wsclose.EncodeClosePayload(wsclose.NormalClosure, reason)
	if err != nil || len(payload) != wsclose.MaxClosePayload {
		t.Fatalf("EncodeClosePayload with a %d-byte reason: %d bytes, %v", len(reason), len(payload), err)
	}
	parsed, err := wsclose.ParseClosePayload(payload)
	if err != nil || parsed.Code != wsclose.NormalClosure || parsed.Reason != reason {
		t.Fatalf("round trip: %+v, %v", parsed, err)
	}
	_, err = wsclose.EncodeClosePayload(wsclose.NormalClosure, reason+"y")
	var perr *wsclose.PayloadError
	if !errors.As(err, &perr) || perr.Kind != wsclose.KindReasonTooLong || perr.CloseCode != 0 || !perr.HasCode || perr.Code != wsclose.NormalClosure {
		t.Fatalf("EncodeClosePayload with a 124-byte reason: %v", err)
	}
	// The length is checked before the code, and Go strings are bytes: a lone surrogate spelt in
	// UTF-8 is not UTF-8.
	_, err = wsclose.EncodeClosePayload(wsclose.AbnormalClosure, reason+"y")
	if !errors.As(err, &perr) || perr.Kind != wsclose.KindReasonTooLong {
		t.Fatalf("EncodeClosePayload(1006, 124 bytes): %v", err)
	}
	_, err = wsclose.EncodeClosePayloadBytes(wsclose.NormalClosure, []byte{0xed, 0xa0, 0x80})
	if !errors.As(err, &perr) || perr.Kind != wsclose.KindInvalidUTF8 || perr.CloseCode != wsclose.InvalidPayloadData {
		t.Fatalf("EncodeClosePayloadBytes(surrogate): %v", err)
	}
	if empty, err := wsclose.ParseClosePayload(nil); err != nil || empty.Code != wsclose.NoStatusReceived || empty.Reason != "" {
		t.Fatalf("ParseClosePayload(nil) = %+v, %v", empty, err)
	}
	if empty, err := wsclose.EncodeClosePayloadBytes(wsclose.GoingAway, nil); err != nil || len(empty) != 2 {
		t.Fatalf("EncodeClosePayloadBytes(1001, nil) = %x, %v", empty, err)
	}
	if !regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+`).MatchString(wsclose.Version()) {
		t.Errorf("Version() = %q", wsclose.Version())
	}
}
