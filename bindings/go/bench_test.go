package wsclose_test

import (
	"math/rand"
	"testing"

	wsclose "github.com/wsclose/wsclose/bindings/go"
)

// benchCodes is a fixed-seed random mix: 1<<16 codes, half drawn uniformly from 0..65535 (mostly
// out of range), a quarter from the standard codes 1000..1015 and a quarter from 3000..4999.
var benchCodes = func() []wsclose.CloseCode {
	rng := rand.New(rand.NewSource(0x5eed))
	codes := make([]wsclose.CloseCode, 1<<16)
	for i := range codes {
		switch r := rng.Intn(4); {
		case r < 2:
			codes[i] = wsclose.CloseCode(rng.Intn(0x10000))
		case r == 2:
			codes[i] = wsclose.CloseCode(1000 + rng.Intn(16))
		default:
			codes[i] = wsclose.CloseCode(3000 + rng.Intn(2000))
		}
	}
	return codes
}()

// inlineClassify is what a Go program would write by hand: the range rules as a switch.
func inlineClassify(code wsclose.CloseCode) wsclose.Category {
	switch {
	case code < 1000:
		return wsclose.CategoryUnused
	case code < 1016:
		return wsclose.CategoryStandard
	case code < 3000:
		return wsclose.CategoryReserved
	case code < 4000:
		return wsclose.CategoryRegistered
	case code < 5000:
		return wsclose.CategoryPrivate
	default:
		return wsclose.CategoryOutOfRange
	}
}

var benchSink wsclose.Category

// BenchmarkClassify reports ns per classified code: through the library (one call per code:
// sub-benchmark "cgo" or "wasm", named by Backend()), the inline Go switch, and ClassifyMany
// ("many-cgo" or "many-wasm": one bulk call per 65,536 codes; ns/op is per code). `make
// bench-go` runs it once with cgo and once with CGO_ENABLED=0.
func BenchmarkClassify(b *testing.B) {
	mask := len(benchCodes) - 1
	b.Run(wsclose.Backend(), func(b *testing.B) {
		var acc wsclose.Category
		for i := 0; i < b.N; i++ {
			acc += wsclose.Classify(benchCodes[i&mask])
		}
		benchSink = acc
	})
	b.Run("switch", func(b *testing.B) {
		var acc wsclose.Category
		for i := 0; i < b.N; i++ {
			acc += inlineClassify(benchCodes[i&mask])
		}
		benchSink = acc
	})
	b.Run("many-"+wsclose.Backend(), func(b *testing.B) {
		var acc wsclose.Category
		for done := 0; done < b.N; done += len(benchCodes) {
			n := min(len(benchCodes), b.N-done)
			acc += wsclose.ClassifyMany(benchCodes[:n])[n-1]
		}
		benchSink = acc
	})
}

// BenchmarkClassifyParallel is Classify called from GOMAXPROCS goroutines at once (ns/op is
// per code, over all goroutines).
func BenchmarkClassifyParallel(b *testing.B) {
	mask := len(benchCodes) - 1
	b.RunParallel(func(pb *testing.PB) {
		var acc wsclose.Category
		for i := 0; pb.Next(); i++ {
			acc += wsclose.Classify(benchCodes[i&mask])
		}
		benchSink = acc
	})
}

func TestInlineSwitchMatchesLibrary(t *testing.T) {
	// The benchmark's reference must itself be right, or the comparison means nothing.
	for c := 0; c <= 0xffff; c++ {
		if got, want := inlineClassify(wsclose.CloseCode(c)), wsclose.Classify(wsclose.CloseCode(c)); got != want {
			t.Fatalf("inlineClassify(%d) = %v, library says %v", c, got, want)
		}
	}
}
