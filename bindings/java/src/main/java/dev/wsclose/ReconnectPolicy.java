package dev.wsclose;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether and when to reconnect: exponential backoff with full jitter that stops on the fatal
 * codes of a {@link Profile}. Immutable; build one with {@link #builder()}. The library builds the
 * policy ({@code wsclose_policy_init} and the {@code wsclose_policy_set_*} calls, which hold its
 * rules: a code overridden twice keeps the later advice, at most {@link #MAX_OVERRIDES} codes)
 * and makes every decision ({@code wsclose_policy_decide}); this class keeps the policy's bytes.
 *
 * <pre>{@code
 * ReconnectPolicy policy = ReconnectPolicy.builder()
 *         .profile(Profile.byName("discord-gateway").orElseThrow())
 *         .maxAttempts(5)
 *         .build();
 * Decision d = policy.decide(code, wasClean, attempt); // SecureRandom jitter
 * }</pre>
 */
public final class ReconnectPolicy {
    /** How many codes a policy can override ({@code WSCLOSE_POLICY_MAX_OVERRIDES}). */
    public static final int MAX_OVERRIDES = Abi.POLICY_MAX_OVERRIDES;

    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private final Profile profile;
    /** The C struct {@code wsclose_policy} as the library wrote it; only the library reads it. */
    private final byte[] policy;

    private ReconnectPolicy(Builder b) {
        this.profile = b.profile;
        this.policy = b.policy.clone();
    }

    /** A builder with the library's defaults: no profile, base 1 s, cap 30 s, unlimited attempts,
     * unspecified codes retried, no overrides. */
    public static Builder builder() {
        return new Builder();
    }

    /** The profile followed, if any. */
    public Optional<Profile> profile() {
        return Optional.ofNullable(profile);
    }

    /**
     * The advice this policy's decisions follow after a close with {@code code} ({@code wasClean}
     * as the stack reported it): {@link Advice#STOP}, {@link Advice#RETRY} or {@link Advice#RESUME}
     * (resume the session, where the protocol can), never {@link Advice#UNSPECIFIED}; the attempt
     * limit is not applied ({@code wsclose_policy_advice}).
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public Advice advice(int code, boolean wasClean) {
        char c = WsClose.checkCode(code);
        int answer = Native.policyAdvice(policy, c, wasClean);
        if (answer < 0) {
            throw new IllegalStateException("wsclose_policy_advice: " + Native.resultMessage(answer));
        }
        return Advice.fromNumber(answer);
    }

    /**
     * Decides after a close with {@code code} when {@code attempt} reconnect attempts were already
     * made, with {@link SecureRandom} jitter.
     */
    public Decision decide(int code, boolean wasClean, long attempt) {
        return decide(code, wasClean, attempt, SECURE_RANDOM::nextLong);
    }

    /**
     * Decides after a close with {@code code} ({@code wasClean} as the stack reported it) when
     * {@code attempt} (0..2^32-1) reconnect attempts were already made. {@code random} returns 64
     * uniformly random bits for the jitter; it is called once per decision.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535 or {@code attempt} not
     *     in 0..4294967295
     */
    public Decision decide(int code, boolean wasClean, long attempt, LongSupplier random) {
        char c = WsClose.checkCode(code);
        if ((attempt & ~0xFFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("attempt " + attempt + " is outside 0..4294967295");
        }
        long bits = random.getAsLong();
        long[] delay = new long[1];
        int answer = Native.policyDecide(policy, c, wasClean, (int) attempt, bits, delay);
        if (answer < 0) {
            throw new IllegalStateException("wsclose_policy_decide: " + Native.resultMessage(answer));
        }
        return answer == 1 ? new Decision(true, delay[0]) : Decision.STOP;
    }

    /**
     * Builds a {@link ReconnectPolicy}; starts from the library's defaults. Each method hands its
     * value to the library at once, so a value the library refuses throws from that method.
     */
    public static final class Builder {
        private Profile profile;
        private final byte[] policy = new byte[Abi.POLICY_SIZE];

        private Builder() {
            call(Fields.POLICY_INIT, 0, 0, "wsclose_policy_init");
        }

        /** Runs a {@code wsclose_policy_*} call; a refused value throws. */
        private Builder call(int op, long a, long b, String what) {
            int result = Native.policySet(policy, op, a, b);
            if (result == Abi.ERR_TOO_MANY_OVERRIDES) {
                throw new IllegalStateException("a reconnect policy holds at most " + MAX_OVERRIDES + " overrides");
            }
            if (result == Abi.ERR_INVALID_ARGUMENT) {
                throw new IllegalArgumentException(what + ": " + Native.resultMessage(result));
            }
            if (result != Abi.OK) {
                throw new IllegalStateException(what + ": " + Native.resultMessage(result));
            }
            return this;
        }

        /** Follow the profile's advice (its fatal codes stop). */
        public Builder profile(Profile profile) {
            Objects.requireNonNull(profile, "profile (use noProfile() for none)");
            call(Fields.POLICY_SET_PROFILE, profile.index(), 0, "profile " + profile);
            this.profile = profile;
            return this;
        }

        /** No profile: the standard advice (the default). */
        public Builder noProfile() {
            call(Fields.POLICY_SET_PROFILE, -1, 0, "no profile");
            this.profile = null;
            return this;
        }

        /** The backoff base in milliseconds, unsigned: attempt n waits 0 ..= min(cap, base·2^n). */
        public Builder baseMs(long ms) {
            return call(Fields.POLICY_SET_BASE_MS, ms, 0, "base_ms");
        }

        /** The backoff cap in milliseconds, unsigned. */
        public Builder capMs(long ms) {
            return call(Fields.POLICY_SET_CAP_MS, ms, 0, "cap_ms");
        }

        /**
         * Stop once this many attempts were made.
         *
         * @throws IllegalArgumentException when {@code attempts} is not in 0..4294967295
         */
        public Builder maxAttempts(long attempts) {
            if (attempts < 0) { // the C ABI's -1 means "unlimited": unlimitedAttempts() says so
                throw new IllegalArgumentException("max attempts " + attempts + " is outside 0..4294967295");
            }
            return call(Fields.POLICY_SET_MAX_ATTEMPTS, attempts, 0, "max attempts " + attempts + " (0..4294967295)");
        }

        /** No attempt limit (the default). */
        public Builder unlimitedAttempts() {
            return call(Fields.POLICY_SET_MAX_ATTEMPTS, -1, 0, "unlimited attempts");
        }

        /** Retry (true) or stop (false) on codes whose advice is unspecified. */
        public Builder retryUnspecified(boolean retry) {
            return call(Fields.POLICY_SET_RETRY_UNSPECIFIED, retry ? 1 : 0, 0, "retry_unspecified");
        }

        /**
         * Give {@code code} this advice whatever the profile says; a code overridden twice keeps the
         * later advice.
         *
         * @throws IllegalArgumentException when {@code code} is not in 0..65535
         * @throws NullPointerException when {@code advice} is null
         * @throws IllegalStateException when {@link #MAX_OVERRIDES} other codes are overridden
         */
        public Builder override(int code, Advice advice) {
            char c = WsClose.checkCode(code);
            Objects.requireNonNull(advice, "advice");
            return call(Fields.POLICY_SET_OVERRIDE, c, advice.number(), "override " + code + ": " + advice);
        }

        /** The policy. */
        public ReconnectPolicy build() {
            return new ReconnectPolicy(this);
        }
    }
}
