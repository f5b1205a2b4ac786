package wsclose

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
)

// Advice is what a profile says a client should do after a close with a code. The numbers are
// those of the C enum wsclose_advice; the constants (AdviceStop …) are generated.
type Advice uint8

// String returns the advice's label, e.g. "resume", or "Advice(N)" for a number that is not an
// advice.
func (a Advice) String() string {
	if int(a) < len(adviceLabels) {
		return adviceLabels[a]
	}
	return fmt.Sprintf("Advice(%d)", uint8(a))
}

// ConstName returns the advice's constant name used in every language, e.g. "UNSPECIFIED", or
// "" for a number that is not an advice.
func (a Advice) ConstName() string {
	if int(a) < len(adviceConstNames) {
		return adviceConstNames[a]
	}
	return ""
}

// Intent is what a server wants a profile's clients to do after it closes the connection. The
// numbers are those of the C enum wsclose_intent; the constants (IntentStop, IntentRetry) are
// generated.
type Intent uint8

// String returns the intent's label, e.g. "stop", or "Intent(N)" for a number that is not an
// intent.
func (i Intent) String() string {
	if int(i) < len(intentLabels) {
		return intentLabels[i]
	}
	return fmt.Sprintf("Intent(%d)", uint8(i))
}

// ConstName returns the intent's constant name used in every language, e.g. "RETRY", or "" for a
// number that is not an intent.
func (i Intent) ConstName() string {
	if int(i) < len(intentConstNames) {
		return intentConstNames[i]
	}
	return ""
}

// IntentRange is a run of codes First..Last (inclusive) that a server can send and that do what
// an intent wants, all with the profile's advice Advice.
type IntentRange struct {
	First, Last CloseCode
	Advice      Advice
}

// IntentMismatchError is what Profile.CheckIntent returns for a code that does not do what was
// intended: what the clients do instead (Advice, when Sendable) and the nearest codes below and
// above that would (Below when HasBelow, Above when HasAbove).
type IntentMismatchError struct {
	Profile  Profile
	Code     CloseCode
	Intent   Intent
	Sendable bool
	// Advice is the profile's advice for Code; meaningful only when Sendable.
	Advice   Advice
	Below    CloseCode
	HasBelow bool
	Above    CloseCode
	HasAbove bool
}

func (e *IntentMismatchError) Error() string {
	var head string
	if !e.Sendable {
		head = fmt.Sprintf("wsclose: %d cannot be sent", uint16(e.Code))
	} else {
		head = fmt.Sprintf("wsclose: %s clients follow advice %s after %d, not %s", e.Profile, e.Advice,
			uint16(e.Code), e.Intent)
	}
	switch {
	case e.HasBelow && e.HasAbove:
		return fmt.Sprintf("%s; nearest codes that do: %d and %d", head, uint16(e.Below), uint16(e.Above))
	case e.HasBelow:
		return fmt.Sprintf("%s; nearest code that does: %d", head, uint16(e.Below))
	case e.HasAbove:
		return fmt.Sprintf("%s; nearest code that does: %d", head, uint16(e.Above))
	}
	return head + "; no code does"
}

// CodesFor returns the codes a server can send that make the profile's clients do what intent
// wants (IntentStop: AdviceStop; IntentRetry: AdviceRetry or AdviceResume), as maximal ranges of
// consecutive codes with one advice, in code order. An Intent that is not one gives
// ErrInvalidArgument.
func (p Profile) CodesFor(intent Intent) ([]IntentRange, error) {
	p.mustBeValid()
	count := nativeProfileIntentRangeCount(p.index, intent)
	if count < 0 {
		return nil, intentError(count, intent)
	}
	ranges := make([]IntentRange, count)
	for i := range ranges {
		r, result := nativeProfileIntentRange(p.index, intent, uint32(i))
		if result != resultOK {
			return nil, intentError(result, intent)
		}
		ranges[i] = r
	}
	return ranges, nil
}

// CheckIntent returns nil when sending code makes the profile's clients do what intent wants;
// otherwise an *IntentMismatchError (use errors.As), or ErrInvalidArgument for an Intent that is
// not one.
func (p Profile) CheckIntent(code CloseCode, intent Intent) error {
	p.mustBeValid()
	result, advice, below, above := nativeProfileCheckIntent(p.index, code, intent)
	switch result {
	case resultOK:
		return nil
	case resultIntentNotMet, resultIntentNotSendable:
		return &IntentMismatchError{
			Profile:  p,
			Code:     code,
			Intent:   intent,
			Sendable: result == resultIntentNotMet,
			Advice:   Advice(max(advice, 0)),
			Below:    CloseCode(max(below, 0)),
			HasBelow: below >= 0,
			Above:    CloseCode(max(above, 0)),
			HasAbove: above >= 0,
		}
	}
	return intentError(result, intent)
}

func intentError(result int32, intent Intent) error {
	if result == resultInvalidArgument {
		return fmt.Errorf("%w: %v", ErrInvalidArgument, intent)
	}
	panicResult(result, "intent")
	return nil
}

// Profile is the close-code vocabulary of one application protocol (discord-gateway,
// graphql-transport-ws, …): what its codes mean and whether a client should reconnect. The
// zero value is not a profile; get profiles from Profiles, ProfileByName or
// ProfileBySubprotocol.
type Profile struct {
	index uint32
	valid bool
}

// Profiles returns every profile, in name order.
func Profiles() []Profile {
	count := nativeProfileCount()
	profiles := make([]Profile, count)
	for i := range profiles {
		profiles[i] = Profile{index: uint32(i), valid: true}
	}
	return profiles
}

// ProfileByName returns the profile called name (e.g. "discord-gateway"). A name that is not
// valid UTF-8 (such as the WTF-8 bytes of a lone surrogate) finds none, as in every binding.
func ProfileByName(name string) (Profile, bool) {
	return profileAt(nativeProfileByName(name))
}

// ProfileBySubprotocol returns the profile negotiated by a Sec-WebSocket-Protocol token
// (exact and case-sensitive, e.g. "graphql-transport-ws").
func ProfileBySubprotocol(token string) (Profile, bool) {
	return profileAt(nativeProfileBySubprotocol(token))
}

func profileAt(index int32) (Profile, bool) {
	if index < 0 {
		if index != resultUnknownProfile {
			panicResult(index, "profile lookup")
		}
		return Profile{}, false
	}
	return Profile{index: uint32(index), valid: true}, true
}

func (p Profile) mustBeValid() {
	if !p.valid {
		panic("wsclose: the zero Profile is not a profile; use Profiles, ProfileByName or ProfileBySubprotocol")
	}
}

// Name returns the profile's name, e.g. "discord-gateway".
func (p Profile) Name() string {
	p.mustBeValid()
	return orEmpty(nativeProfileName(p.index))
}

// String returns the profile's name.
func (p Profile) String() string {
	if !p.valid {
		return "Profile(none)"
	}
	return p.Name()
}

// Advice returns what the profile says a client should do after a close with code.
func (p Profile) Advice(code CloseCode) Advice {
	p.mustBeValid()
	advice := nativeProfileAdvice(p.index, code)
	if advice < 0 {
		panicResult(advice, "wsclose_profile_advice")
	}
	return Advice(advice)
}

// ProfileCode is a code the profile names.
type ProfileCode struct {
	Code CloseCode
	// Name is the profile's name for the code, e.g. "Authentication failed".
	Name string
	// Description says what the code means in the profile.
	Description string
	// Advice is the profile's advice for the code.
	Advice Advice
}

// Lookup returns what the profile says about code, when it names the code.
func (p Profile) Lookup(code CloseCode) (ProfileCode, bool) {
	p.mustBeValid()
	name, ok := nativeProfileCodeName(p.index, code)
	if !ok {
		return ProfileCode{}, false
	}
	description, _ := nativeProfileCodeDescription(p.index, code)
	return ProfileCode{
		Code:        code,
		Name:        name,
		Description: description,
		Advice:      p.Advice(code),
	}, true
}

// Decision is what a ReconnectPolicy decides: stop, or retry after DelayMs milliseconds.
type Decision struct {
	// Retry is false for a decision to stop.
	Retry bool
	// DelayMs is the delay before the next attempt in milliseconds (0 when stopping).
	DelayMs uint64
}

// String returns "stop" or "retry after N ms".
func (d Decision) String() string {
	if !d.Retry {
		return "stop"
	}
	return fmt.Sprintf("retry after %d ms", d.DelayMs)
}

// MaxPolicyOverrides is how many codes a ReconnectPolicy can override (the C ABI's
// WSCLOSE_POLICY_MAX_OVERRIDES).
const MaxPolicyOverrides = policyMaxOverrides

// ErrOverridesFull is returned by NewReconnectPolicy when a WithOverride names a code after
// MaxPolicyOverrides other codes already have one.
var ErrOverridesFull = errors.New("wsclose: a reconnect policy holds at most " +
	fmt.Sprint(MaxPolicyOverrides) + " overrides")

// ErrInvalidArgument is returned (wrapped, with the argument named) for a value the library
// refuses: an advice, engine, WasClean or attempt limit that has no meaning.
var ErrInvalidArgument = errors.New("wsclose: invalid argument")

// ReconnectPolicy decides whether and when to reconnect: exponential backoff with full jitter
// that stops on the fatal codes of a profile. Build one with NewReconnectPolicy and the
// options; the zero value is not a policy. The library builds the policy (wsclose_policy_init
// and the wsclose_policy_set_* calls, which hold the rules: a code overridden twice keeps the
// later advice, at most MaxPolicyOverrides codes) and decides (wsclose_policy_decide).
type ReconnectPolicy struct {
	c policyBlob
}

// PolicyOption configures a ReconnectPolicy.
type PolicyOption func(*ReconnectPolicy) error

// NewReconnectPolicy returns the default policy (no profile, base 1 s, cap 30 s, unlimited
// attempts, unspecified codes retried, no overrides; the defaults come from the library) with
// the options applied in order. An option the library refuses gives an error and no policy:
// ErrOverridesFull, or ErrInvalidArgument (e.g. an Advice that is not one).
func NewReconnectPolicy(options ...PolicyOption) (*ReconnectPolicy, error) {
	policy := &ReconnectPolicy{}
	mustSucceed(nativePolicyInit(&policy.c), "wsclose_policy_init")
	for _, option := range options {
		if err := option(policy); err != nil {
			return nil, err
		}
	}
	return policy, nil
}

// policyError is the error for the result of a wsclose_policy_set_* call.
func policyError(result int32, what string) error {
	switch result {
	case resultOK:
		return nil
	case resultTooManyOverrides:
		return ErrOverridesFull
	case resultInvalidArgument:
		return fmt.Errorf("%w: %s", ErrInvalidArgument, what)
	default:
		return fmt.Errorf("wsclose: %s: %s", what, nativeResultMessage(result))
	}
}

// WithProfile follows the profile's advice (its fatal codes stop).
func WithProfile(profile Profile) PolicyOption {
	return func(p *ReconnectPolicy) error {
		if !profile.valid {
			return fmt.Errorf("%w: the zero Profile is not a profile", ErrInvalidArgument)
		}
		return policyError(nativePolicySetProfile(&p.c, int32(profile.index)), "profile "+profile.String())
	}
}

// WithBaseMs sets the backoff base: attempt n waits a random time in 0 ..= min(cap, base·2^n).
func WithBaseMs(ms uint64) PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetBaseMs(&p.c, ms), "base_ms")
	}
}

// WithCapMs sets the backoff cap in milliseconds.
func WithCapMs(ms uint64) PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetCapMs(&p.c, ms), "cap_ms")
	}
}

// WithMaxAttempts stops once this many attempts were made.
func WithMaxAttempts(attempts uint32) PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetMaxAttempts(&p.c, int64(attempts)), "max_attempts")
	}
}

// WithUnlimitedAttempts removes a limit set by WithMaxAttempts (the default).
func WithUnlimitedAttempts() PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetMaxAttempts(&p.c, -1), "max_attempts")
	}
}

// WithRetryUnspecified retries (true) or stops (false) on codes whose advice is unspecified.
func WithRetryUnspecified(retry bool) PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetRetryUnspecified(&p.c, retry), "retry_unspecified")
	}
}

// WithOverride gives code the advice, whatever the profile says. A code overridden twice keeps
// the later advice; ErrOverridesFull when the policy already overrides MaxPolicyOverrides other
// codes, ErrInvalidArgument for an Advice that is not one.
func WithOverride(code CloseCode, advice Advice) PolicyOption {
	return func(p *ReconnectPolicy) error {
		return policyError(nativePolicySetOverride(&p.c, code, advice), "override "+fmt.Sprint(uint16(code))+": "+advice.String())
	}
}

// Advice is the advice the policy's decisions follow after a close with code (wasClean as the
// stack reported it): AdviceStop, AdviceRetry or AdviceResume (resume the session, where the
// protocol can), never AdviceUnspecified; the attempt limit is not applied
// (wsclose_policy_advice). It panics only for a ReconnectPolicy that NewReconnectPolicy did not
// return (the zero value).
func (p *ReconnectPolicy) Advice(code CloseCode, wasClean bool) Advice {
	answer := nativePolicyAdvice(&p.c, code, wasClean)
	switch {
	case answer >= 0:
		return Advice(answer)
	case answer == resultInvalidArgument:
		panic("wsclose: this ReconnectPolicy was not made by NewReconnectPolicy (the zero value is not a policy)")
	default:
		panicResult(answer, "wsclose_policy_advice")
		return AdviceUnspecified
	}
}

// Decide decides after a close with code (wasClean as the stack reported it) when attempt
// reconnect attempts were already made. random returns 64 uniformly random bits for the jitter
// and is called once per decision; nil uses crypto/rand. It panics only for a ReconnectPolicy
// that NewReconnectPolicy did not return (the zero value).
func (p *ReconnectPolicy) Decide(code CloseCode, wasClean bool, attempt uint32, random func() uint64) Decision {
	if random == nil {
		random = secureRandom
	}
	answer, delay := nativePolicyDecide(&p.c, code, wasClean, attempt, random())
	switch {
	case answer == 1:
		return Decision{Retry: true, DelayMs: delay}
	case answer == 0:
		return Decision{}
	case answer == resultInvalidArgument:
		panic("wsclose: this ReconnectPolicy was not made by NewReconnectPolicy (the zero value is not a policy)")
	default:
		panicResult(answer, "wsclose_policy_decide")
		return Decision{}
	}
}

func secureRandom() uint64 {
	var buf [8]byte
	if _, err := rand.Read(buf[:]); err != nil {
		panic("wsclose: crypto/rand: " + err.Error())
	}
	return binary.LittleEndian.Uint64(buf[:])
}

func panicResult(result int32, what string) {
	panic(fmt.Sprintf("wsclose: %s failed: %s", what, nativeResultMessage(result)))
}
