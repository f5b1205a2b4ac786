package wsclose

import (
	"errors"
	"math"
	"sort"
	"strings"
	"testing"
)

func TestProfilesByNameRoundTrip(t *testing.T) {
	profiles := Profiles()
	if len(profiles) == 0 {
		t.Fatal("no profiles")
	}
	names := make([]string, len(profiles))
	for i, p := range profiles {
		names[i] = p.Name()
		found, ok := ProfileByName(p.Name())
		if !ok || found != p {
			t.Errorf("ProfileByName(%q) = %v, %v", p.Name(), found, ok)
		}
		if _, ok := ProfileByName(strings.ToUpper(p.Name())); ok {
			t.Errorf("ProfileByName is not case-sensitive for %q", p.Name())
		}
		if p.String() != p.Name() {
			t.Errorf("String() = %q", p.String())
		}
	}
	if !sort.StringsAreSorted(names) {
		t.Errorf("profiles not in name order: %v", names)
	}
	for _, name := range []string{"", "nope", names[0] + " "} {
		if p, ok := ProfileByName(name); ok {
			t.Errorf("ProfileByName(%q) = %v", name, p)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("the zero Profile did not panic")
		}
	}()
	_ = Profile{}.Name()
}

func TestProfileBySubprotocol(t *testing.T) {
	// docs/profiles.md: the graphql-transport-ws profile is negotiated by its own token.
	p, ok := ProfileBySubprotocol("graphql-transport-ws")
	if !ok || p.Name() != "graphql-transport-ws" {
		t.Fatalf("ProfileBySubprotocol = %v, %v", p, ok)
	}
	for _, token := range []string{"", "GRAPHQL-TRANSPORT-WS", "graphql-transport-ws "} {
		if _, ok := ProfileBySubprotocol(token); ok {
			t.Errorf("ProfileBySubprotocol(%q) found a profile", token)
		}
	}
}

func TestProfileAdviceAndLookupAllCodes(t *testing.T) {
	for _, p := range Profiles() {
		named := 0
		for c := 0; c <= 0xffff; c++ {
			code := CloseCode(c)
			advice := p.Advice(code)
			if advice.ConstName() == "" {
				t.Fatalf("%s: Advice(%d) = %d is no advice", p, c, advice)
			}
			entry, ok := p.Lookup(code)
			if !ok {
				continue
			}
			named++
			if entry.Code != code || entry.Name == "" || entry.Description == "" || entry.Advice != advice {
				t.Errorf("%s: Lookup(%d) = %+v, Advice = %v", p, c, entry, advice)
			}
		}
		if named == 0 {
			t.Errorf("%s names no code", p)
		}
	}
}

func TestAdviceNames(t *testing.T) {
	all := []Advice{AdviceStop, AdviceRetry, AdviceResume, AdviceUnspecified}
	for i, a := range all {
		if int(a) != i || a.ConstName() == "" || a.String() == "" || a.String() == a.ConstName() {
			t.Errorf("advice %d: %q %q", a, a.ConstName(), a.String())
		}
	}
	beyond := Advice(len(all))
	if beyond.ConstName() != "" || beyond.String() != "Advice(4)" {
		t.Errorf("Advice(4): %q %q", beyond.ConstName(), beyond.String())
	}
}

func fixed(value uint64) func() uint64 {
	return func() uint64 { return value }
}

func mustPolicy(t *testing.T, options ...PolicyOption) *ReconnectPolicy {
	t.Helper()
	policy, err := NewReconnectPolicy(options...)
	if err != nil {
		t.Fatal(err)
	}
	return policy
}

func TestReconnectPolicyBackoff(t *testing.T) {
	policy := mustPolicy(t, WithBaseMs(100), WithCapMs(1000), WithOverride(4000, AdviceRetry))
	for attempt, ceiling := range []uint64{100, 200, 400, 800, 1000, 1000} {
		got := policy.Decide(4000, true, uint32(attempt), fixed(math.MaxUint64))
		if !got.Retry || got.DelayMs != ceiling {
			t.Errorf("attempt %d, random max: %v, want the ceiling %d", attempt, got, ceiling)
		}
		if got := policy.Decide(4000, true, uint32(attempt), fixed(0)); !got.Retry || got.DelayMs != 0 {
			t.Errorf("attempt %d, random 0: %v", attempt, got)
		}
		for i := 0; i < 20; i++ {
			got := policy.Decide(4000, false, uint32(attempt), nil)
			if !got.Retry || got.DelayMs > ceiling {
				t.Errorf("attempt %d, crypto/rand: %v above %d", attempt, got, ceiling)
			}
		}
	}
	calls := 0
	policy.Decide(4000, true, 0, func() uint64 { calls++; return 0 })
	if calls != 1 {
		t.Errorf("random called %d times", calls)
	}
	limited := mustPolicy(t, WithOverride(4000, AdviceRetry), WithMaxAttempts(2))
	if got := limited.Decide(4000, true, 1, fixed(0)); !got.Retry {
		t.Errorf("attempt 1 of 2: %v", got)
	}
	if got := limited.Decide(4000, true, 2, fixed(0)); got.Retry || got.String() != "stop" {
		t.Errorf("attempt 2 of 2: %v", got)
	}
	unlimited := mustPolicy(t, WithOverride(4000, AdviceRetry), WithMaxAttempts(2), WithUnlimitedAttempts())
	if got := unlimited.Decide(4000, true, 2, fixed(0)); !got.Retry {
		t.Errorf("unlimited: %v", got)
	}
}

func TestReconnectPolicyOverrides(t *testing.T) {
	later := mustPolicy(t, WithOverride(4000, AdviceRetry), WithOverride(4000, AdviceStop))
	if got := later.Decide(4000, true, 0, fixed(0)); got.Retry {
		t.Errorf("the later override did not win: %v", got)
	}
	var options []PolicyOption
	for c := CloseCode(4000); c < 4000+MaxPolicyOverrides; c++ {
		options = append(options, WithOverride(c, AdviceStop))
	}
	full := mustPolicy(t, append(options, WithOverride(4000, AdviceRetry))...)
	if got := full.Decide(4000, true, 0, fixed(0)); !got.Retry {
		t.Errorf("re-overriding in a full policy: %v", got)
	}
	if _, err := NewReconnectPolicy(append(options, WithOverride(4999, AdviceStop))...); !errors.Is(err, ErrOverridesFull) {
		t.Errorf("one override too many: %v", err)
	}
}

func TestReconnectPolicyFollowsProfile(t *testing.T) {
	for _, p := range Profiles() {
		stops := 0
		for _, retryUnspecified := range []bool{false, true} {
			policy := mustPolicy(t, WithProfile(p), WithRetryUnspecified(retryUnspecified))
			for c := 0; c <= 0xffff; c++ {
				advice := p.Advice(CloseCode(c))
				got := policy.Decide(CloseCode(c), true, 0, fixed(0))
				want := advice == AdviceRetry || advice == AdviceResume ||
					(advice == AdviceUnspecified && retryUnspecified)
				if got.Retry != want {
					t.Fatalf("%s, retryUnspecified %v, code %d (%v): %v", p, retryUnspecified, c, advice, got)
				}
				if advice == AdviceStop {
					stops++
				}
			}
		}
		if stops == 0 {
			t.Errorf("%s stops on no code", p)
		}
	}
}

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
			e := Explain(CloseCode(c), clean)
			if e.Code != CloseCode(c) || e.WasClean != clean {
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
}

func TestCloseEvent(t *testing.T) {
	if len(Engines()) != 2 || EngineChromium.String() != "chromium" || EngineFirefox.String() != "firefox" {
		t.Fatalf("engines: %v", Engines())
	}
	for _, engine := range Engines() {
		dropped := engine.CloseEvent([]byte{0x03, 0xe8}, true)
		if dropped.Code != AbnormalClosure || dropped.WasClean || dropped.Reason != "" || dropped.Reply.Kind != ReplyNone {
			t.Errorf("%s dropped: %+v", engine, dropped)
		}
		bye := engine.CloseEvent([]byte{0x03, 0xe8, 'b', 'y', 'e'}, false)
		if bye.Code != NormalClosure || bye.Reason != "bye" || !bye.WasClean || bye.ErrorFired {
			t.Errorf("%s 1000 bye: %+v", engine, bye)
		}
		empty := engine.CloseEvent(nil, false)
		if empty.Code != NoStatusReceived || !empty.WasClean {
			t.Errorf("%s empty: %+v", engine, empty)
		}
		// Every payload the core accepts reaches the page as a clean close with its code and
		// reason (docs/browser.md); refused ones differ by engine (the differential checks them).
		for c := 0; c <= 0xffff; c++ {
			payload := []byte{byte(c >> 8), byte(c), 'x'}
			event := engine.CloseEvent(payload, false)
			parsed, err := ParseClosePayload(payload)
			if err == nil && (event.Code != parsed.Code || event.Reason != parsed.Reason || !event.WasClean) {
				t.Fatalf("%s %d: %+v vs %+v", engine, c, event, parsed)
			}
		}
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
