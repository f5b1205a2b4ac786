package dev.wsclose;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;

/**
 * Whether and when to reconnect: exponential backoff with full jitter that stops on the fatal
 * codes of a {@link Profile}. Immutable; build one with {@link #builder()}. Every decision is the
 * core's ({@code wsclose_policy_decide}).
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
    private final long baseMs;
    private final long capMs;
    private final int maxAttempts;
    private final boolean hasMaxAttempts;
    private final boolean retryUnspecified;
    private final char[] overrideCodes;
    private final Advice[] overrideAdvice;

    private ReconnectPolicy(Builder b) {
        this.profile = b.profile;
        this.baseMs = b.baseMs;
        this.capMs = b.capMs;
        this.maxAttempts = b.maxAttempts;
        this.hasMaxAttempts = b.hasMaxAttempts;
        this.retryUnspecified = b.retryUnspecified;
        this.overrideCodes = Arrays.copyOf(b.overrideCodes, b.overrideCount);
        this.overrideAdvice = Arrays.copyOf(b.overrideAdvice, b.overrideCount);
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

    /** The backoff base in milliseconds (unsigned). */
    public long baseMs() {
        return baseMs;
    }

    /** The backoff cap in milliseconds (unsigned). */
    public long capMs() {
        return capMs;
    }

    /** The attempt limit (unsigned 32-bit), if any. */
    public OptionalInt maxAttempts() {
        return hasMaxAttempts ? OptionalInt.of(maxAttempts) : OptionalInt.empty();
    }

    /** Whether codes with unspecified advice are retried. */
    public boolean retryUnspecified() {
        return retryUnspecified;
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
        long[] fields = new long[Abi.P_FIELDS];
        fields[Abi.P_PROFILE] = profile == null ? -1 : profile.index();
        fields[Abi.P_BASE_MS] = baseMs;
        fields[Abi.P_CAP_MS] = capMs;
        fields[Abi.P_MAX_ATTEMPTS] = maxAttempts;
        fields[Abi.P_HAS_MAX_ATTEMPTS] = hasMaxAttempts ? 1 : 0;
        fields[Abi.P_RETRY_UNSPECIFIED] = retryUnspecified ? 1 : 0;
        fields[Abi.P_OVERRIDE_COUNT] = overrideCodes.length;
        char[] codes = Arrays.copyOf(overrideCodes, MAX_OVERRIDES);
        byte[] advice = new byte[MAX_OVERRIDES];
        for (int i = 0; i < overrideAdvice.length; i++) {
            advice[i] = (byte) overrideAdvice[i].number();
        }
        long[] delay = new long[1];
        int answer = Native.policyDecide(fields, codes, advice, c, wasClean, (int) attempt, bits, delay);
        if (answer < 0) {
            throw new IllegalStateException("wsclose_policy_decide: " + Native.resultMessage(answer));
        }
        return answer == 1 ? new Decision(true, delay[0]) : Decision.STOP;
    }

    /** Builds a {@link ReconnectPolicy}; starts from the library's defaults. */
    public static final class Builder {
        private Profile profile;
        private long baseMs;
        private long capMs;
        private int maxAttempts;
        private boolean hasMaxAttempts;
        private boolean retryUnspecified;
        private final char[] overrideCodes = new char[MAX_OVERRIDES];
        private final Advice[] overrideAdvice = new Advice[MAX_OVERRIDES];
        private int overrideCount;

        private Builder() {
            long[] fields = new long[Abi.P_FIELDS];
            int result = Native.policyDefault(fields, new char[MAX_OVERRIDES], new byte[MAX_OVERRIDES]);
            if (result != 0) {
                throw new IllegalStateException("wsclose_policy_default: " + Native.resultMessage(result));
            }
            baseMs = fields[Abi.P_BASE_MS];
            capMs = fields[Abi.P_CAP_MS];
            maxAttempts = (int) fields[Abi.P_MAX_ATTEMPTS];
            hasMaxAttempts = fields[Abi.P_HAS_MAX_ATTEMPTS] != 0;
            retryUnspecified = fields[Abi.P_RETRY_UNSPECIFIED] != 0;
        }

        /** Follow the profile's advice (its fatal codes stop). */
        public Builder profile(Profile profile) {
            this.profile = profile;
            return this;
        }

        /** No profile: the standard advice (the default). */
        public Builder noProfile() {
            this.profile = null;
            return this;
        }

        /** The backoff base in milliseconds, unsigned: attempt n waits 0 ..= min(cap, base·2^n). */
        public Builder baseMs(long ms) {
            this.baseMs = ms;
            return this;
        }

        /** The backoff cap in milliseconds, unsigned. */
        public Builder capMs(long ms) {
            this.capMs = ms;
            return this;
        }

        /**
         * Stop once this many attempts were made.
         *
         * @throws IllegalArgumentException when {@code attempts} is not in 0..4294967295
         */
        public Builder maxAttempts(long attempts) {
            if ((attempts & ~0xFFFF_FFFFL) != 0) {
                throw new IllegalArgumentException("max attempts " + attempts + " is outside 0..4294967295");
            }
            this.maxAttempts = (int) attempts;
            this.hasMaxAttempts = true;
            return this;
        }

        /** No attempt limit (the default). */
        public Builder unlimitedAttempts() {
            this.maxAttempts = 0;
            this.hasMaxAttempts = false;
            return this;
        }

        /** Retry (true) or stop (false) on codes whose advice is unspecified. */
        public Builder retryUnspecified(boolean retry) {
            this.retryUnspecified = retry;
            return this;
        }

        /**
         * Give {@code code} this advice whatever the profile says; a code overridden twice keeps the
         * later advice.
         *
         * @throws IllegalArgumentException when {@code code} is not in 0..65535
         * @throws IllegalStateException when {@link #MAX_OVERRIDES} other codes are overridden
         */
        public Builder override(int code, Advice advice) {
            char c = WsClose.checkCode(code);
            for (int i = 0; i < overrideCount; i++) {
                if (overrideCodes[i] == c) {
                    overrideAdvice[i] = advice;
                    return this;
                }
            }
            if (overrideCount == MAX_OVERRIDES) {
                throw new IllegalStateException("a reconnect policy holds at most " + MAX_OVERRIDES + " overrides");
            }
            overrideCodes[overrideCount] = c;
            overrideAdvice[overrideCount] = advice;
            overrideCount++;
            return this;
        }

        /** The policy. */
        public ReconnectPolicy build() {
            return new ReconnectPolicy(this);
        }
    }
}
