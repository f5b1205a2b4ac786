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

// Issue 18 #12: an option the library refuses fails when the policy is built, with an error and
// no policy, instead of a policy that panics at its first decision.
func TestReconnectPolicyRefusesBadOptionsWhenBuilt(t *testing.T) {
	policy, err := NewReconnectPolicy(WithOverride(4000, Advice(9)))
	if policy != nil || !errors.Is(err, ErrInvalidArgument) || !strings.Contains(err.Error(), "Advice(9)") {
		t.Errorf("WithOverride(4000, Advice(9)): %v, %v", policy, err)
	}
	policy, err = NewReconnectPolicy(WithProfile(Profile{}))
	if policy != nil || !errors.Is(err, ErrInvalidArgument) {
		t.Errorf("WithProfile(Profile{}): %v, %v", policy, err)
	}
	defer func() {
		if recovered := recover(); recovered == nil || !strings.Contains(recovered.(string), "NewReconnectPolicy") {
			t.Errorf("the zero ReconnectPolicy decided: %v", recovered)
		}
	}()
	var zero ReconnectPolicy
	zero.Decide(1000, true, 0, fixed(0))
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
				// The policy's own advice: the profile's, unspecified resolved by retryUnspecified.
				wantAdvice := advice
				if advice == AdviceUnspecified {
					wantAdvice = AdviceStop
					if retryUnspecified {
						wantAdvice = AdviceRetry
					}
				}
				if own := policy.Advice(CloseCode(c), true); own != wantAdvice {
					t.Fatalf("%s, retryUnspecified %v, code %d: Advice %v, want %v", p, retryUnspecified, c, own, wantAdvice)
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

func TestCodesForAndCheckIntentAgreeForEveryCode(t *testing.T) {
	for _, profile := range Profiles() {
		for _, intent := range []Intent{IntentStop, IntentRetry} {
			ranges, err := profile.CodesFor(intent)
			if err != nil {
				t.Fatal(err)
			}
			var member [65536]bool
			for _, r := range ranges {
				for c := int(r.First); c <= int(r.Last); c++ {
					member[c] = true
				}
			}
			var below, above [65536]int
			seen := -1
			for c := 0; c <= 0xffff; c++ {
				below[c] = seen
				if member[c] {
					seen = c
				}
			}
			seen = -1
			for c := 0xffff; c >= 0; c-- {
				above[c] = seen
				if member[c] {
					seen = c
				}
			}
			for c := 0; c <= 0xffff; c++ {
				err := profile.CheckIntent(CloseCode(c), intent)
				if member[c] {
					if err != nil {
						t.Fatalf("%s %s %d: %v", profile, intent, c, err)
					}
					continue
				}
				var miss *IntentMismatchError
				if !errors.As(err, &miss) {
					t.Fatalf("%s %s %d: %v", profile, intent, c, err)
				}
				if miss.Sendable != Info(CloseCode(c)).Sendable {
					t.Fatalf("%s %s %d: sendable %v", profile, intent, c, miss.Sendable)
				}
				if miss.Sendable && miss.Advice != profile.Advice(CloseCode(c)) {
					t.Fatalf("%s %s %d: advice %s", profile, intent, c, miss.Advice)
				}
				gotBelow, gotAbove := -1, -1
				if miss.HasBelow {
					gotBelow = int(miss.Below)
				}
				if miss.HasAbove {
					gotAbove = int(miss.Above)
				}
				if gotBelow != below[c] || gotAbove != above[c] {
					t.Fatalf("%s %s %d: nearest %d %d, want %d %d", profile, intent, c, gotBelow, gotAbove, below[c], above[c])
				}
			}
		}
	}
}

func TestIntentRefusesANumberThatIsNoIntent(t *testing.T) {
	centrifuge, _ := ProfileByName("centrifuge")
	if _, err := centrifuge.CodesFor(Intent(2)); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("CodesFor(Intent(2)): %v", err)
	}
	if err := centrifuge.CheckIntent(4000, Intent(9)); !errors.Is(err, ErrInvalidArgument) {
		t.Fatalf("CheckIntent(4000, Intent(9)): %v", err)
	}
	var miss *IntentMismatchError
	if err := centrifuge.CheckIntent(4401, IntentStop); !errors.As(err, &miss) || miss.Below != 3999 || miss.Above != 4500 {
		t.Fatalf("4401: %v", err)
	}
}
