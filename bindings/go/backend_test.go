package wsclose_test

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// TestBackend checks that the route that runs is the one asked for: `make test-go` runs the
// suite twice, with cgo and with CGO_ENABLED=0, and sets WSCLOSE_GO_BACKEND to "cgo" and "wasm",
// so that neither run can silently be the other.
func TestBackend(t *testing.T) {
	got := wsclose.Backend()
	if got != "cgo" && got != "wasm" {
		t.Fatalf("Backend() = %q", got)
	}
	want := os.Getenv("WSCLOSE_GO_BACKEND")
	if want == "" {
		t.Logf("Backend() = %q (WSCLOSE_GO_BACKEND is not set, so which one is not checked)", got)
		return
	}
	if got != want {
		t.Fatalf("Backend() = %q, WSCLOSE_GO_BACKEND says %q", got, want)
	}
}

// TestClassifyManyLongSlices: ClassifyMany over more codes than one bulk call takes in the
// WebAssembly route (65,536 per call), and lengths around it, agrees with Classify.
func TestClassifyManyLongSlices(t *testing.T) {
	for _, n := range []int{1, 65535, 65536, 65537, 3*65536 + 17} {
		codes := make([]wsclose.CloseCode, n)
		for i := range codes {
			codes[i] = wsclose.CloseCode(i * 7919)
		}
		got := wsclose.ClassifyMany(codes)
		if len(got) != n {
			t.Fatalf("ClassifyMany of %d codes gave %d", n, len(got))
		}
		for i, code := range codes {
			if want := wsclose.Classify(code); got[i] != want {
				t.Fatalf("n=%d: ClassifyMany[%d] (code %d) = %v, Classify says %v", n, i, code, got[i], want)
			}
		}
	}
}

// TestLongInputs: inputs longer than the WebAssembly route's first scratch page reach the core
// whole (the core, not the binding, refuses them).
func TestLongInputs(t *testing.T) {
	payload := append([]byte{0x03, 0xe8}, bytes.Repeat([]byte("a"), 200_000)...)
	_, err := wsclose.ParseClosePayload(payload)
	if perr := asPayloadError(t, err); perr.Kind != wsclose.KindTooLong {
		t.Fatalf("ParseClosePayload of %d bytes: %v", len(payload), err)
	}
	_, err = wsclose.EncodeClosePayload(1000, string(payload[2:]))
	if perr := asPayloadError(t, err); perr.Kind != wsclose.KindReasonTooLong {
		t.Fatalf("EncodeClosePayload with a %d-byte reason: %v", len(payload)-2, err)
	}
	if _, ok := wsclose.ProfileByName(string(payload)); ok {
		t.Fatal("ProfileByName found a 200 kB name")
	}
	units := make([]uint16, 100_000)
	for i := range units {
		units[i] = 'a'
	}
	if _, err := wsclose.EngineFirefox.PageClose(nil, units); err != wsclose.DomSyntax {
		t.Fatalf("PageClose with a 100,000-unit reason: %v", err)
	}
	// The same short calls still work after the scratch area grew.
	if c, err := wsclose.ParseClosePayload([]byte{0x03, 0xe8, 'o', 'k'}); err != nil || c.Code != 1000 || c.Reason != "ok" {
		t.Fatalf("ParseClosePayload after long inputs: %+v, %v", c, err)
	}
}

func asPayloadError(t *testing.T, err error) *wsclose.PayloadError {
	t.Helper()
	perr, ok := err.(*wsclose.PayloadError)
	if !ok {
		t.Fatalf("not a *PayloadError: %v", err)
	}
	return perr
}

// TestConcurrentCalls: many goroutines calling at once get the answers one goroutine gets (the
// WebAssembly route gives each call an instance of its own).
func TestConcurrentCalls(t *testing.T) {
	profile, ok := wsclose.ProfileByName("discord-gateway")
	if !ok {
		t.Fatal("no discord-gateway profile")
	}
	policy, err := wsclose.NewReconnectPolicy(wsclose.WithProfile(profile), wsclose.WithMaxAttempts(5))
	if err != nil {
		t.Fatal(err)
	}
	type answer struct {
		category wsclose.Category
		info     wsclose.CodeInfo
		advice   wsclose.Advice
		decision wsclose.Decision
		payload  string
		parsed   wsclose.Close
		causes   int
	}
	ask := func(code wsclose.CloseCode) answer {
		a := answer{
			category: wsclose.Classify(code),
			info:     wsclose.Info(code),
			advice:   profile.Advice(code),
			decision: policy.Decide(code, false, 2, func() uint64 { return uint64(code) * 0x9e3779b97f4a7c15 }),
		}
		if explanation, err := wsclose.Explain(code, wsclose.WasCleanFalse); err == nil {
			a.causes = len(explanation.Causes)
		}
		if payload, err := wsclose.EncodeClosePayload(code, "reason"); err == nil {
			a.payload = string(payload)
			a.parsed, _ = wsclose.ParseClosePayload(payload)
		}
		return a
	}
	const codes = 6000
	want := make([]answer, codes)
	for c := range want {
		want[c] = ask(wsclose.CloseCode(c))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 16)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < codes; i++ {
				c := (i + g*397) % codes
				if got := ask(wsclose.CloseCode(c)); got.category != want[c].category || got.info != want[c].info ||
					got.advice != want[c].advice || got.decision != want[c].decision || got.payload != want[c].payload ||
					got.parsed != want[c].parsed || got.causes != want[c].causes {
					errs <- fmt.Sprintf("goroutine %d: the answers for code %d differ from one goroutine's", g, c)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}
