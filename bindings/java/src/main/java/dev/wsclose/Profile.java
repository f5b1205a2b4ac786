package dev.wsclose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The close-code vocabulary of one application protocol (discord-gateway, graphql-transport-ws,
 * ...): what its codes mean and whether a client should reconnect. Every answer comes from the
 * library; get profiles from {@link #all()}, {@link #byName(String)} or
 * {@link #bySubprotocol(String)}.
 */
public final class Profile {
    private final int index;

    private Profile(int index) {
        this.index = index;
    }

    /** The profile's index in the C ABI. */
    int index() {
        return index;
    }

    /** Every profile, in name order. */
    public static List<Profile> all() {
        int count = Native.profileCount();
        List<Profile> profiles = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            profiles.add(new Profile(i));
        }
        return Collections.unmodifiableList(profiles);
    }

    /**
     * The profile called {@code name}, e.g. {@code "discord-gateway"}; empty when none is,
     * including for a name that is not valid Unicode (a lone surrogate), as in every binding.
     */
    public static Optional<Profile> byName(String name) {
        byte[] bytes = utf8(name);
        return bytes == null ? Optional.empty() : found(Native.profileByName(bytes));
    }

    /**
     * The profile negotiated by a {@code Sec-WebSocket-Protocol} token (exact, case-sensitive);
     * empty when none is, including for a token that is not valid Unicode.
     */
    public static Optional<Profile> bySubprotocol(String token) {
        byte[] bytes = utf8(token);
        return bytes == null ? Optional.empty() : found(Native.profileBySubprotocol(bytes));
    }

    /**
     * The name or token as its UTF-8 bytes, or null when it holds a lone surrogate: such a
     * string is no profile's name (getBytes would replace the surrogate by '?', another name).
     */
    private static byte[] utf8(String text) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            return null;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Profile> found(int index) {
        if (index == Abi.ERR_UNKNOWN_PROFILE) {
            return Optional.empty();
        }
        if (index < 0) {
            throw new IllegalStateException("profile lookup: " + Native.resultMessage(index));
        }
        return Optional.of(new Profile(index));
    }

    /** The profile's name, e.g. {@code "discord-gateway"}. */
    public String name() {
        return Native.profileName(index);
    }

    /**
     * What the profile says a client should do after a close with {@code code}.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public Advice advice(int code) {
        char c = WsClose.checkCode(code);
        int advice = Native.profileAdvice(index, c);
        if (advice < 0) {
            throw new IllegalStateException("wsclose_profile_advice: " + Native.resultMessage(advice));
        }
        return Advice.fromNumber(advice);
    }

    /**
     * What the profile says about {@code code}, when it names the code.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public Optional<ProfileCode> lookup(int code) {
        char c = WsClose.checkCode(code);
        String name = Native.profileCodeName(index, c);
        String description = Native.profileCodeDescription(index, c);
        if (name == null) {
            return Optional.empty();
        }
        return Optional.of(new ProfileCode(code, name, description, advice(code)));
    }

    /**
     * The codes a server can send that make this profile's clients do what {@code intent} wants
     * ({@link Intent#STOP}: advice {@link Advice#STOP}; {@link Intent#RETRY}: {@link Advice#RETRY}
     * or {@link Advice#RESUME}), as maximal ranges of consecutive codes with one advice, in code order.
     *
     * @throws NullPointerException when {@code intent} is null
     */
    public List<IntentRange> codesFor(Intent intent) {
        Objects.requireNonNull(intent, "intent");
        int count = Native.profileIntentRangeCount(index, intent.number());
        if (count < 0) {
            throw new IllegalStateException("wsclose_profile_intent_range_count: " + Native.resultMessage(count));
        }
        List<IntentRange> ranges = new ArrayList<>(count);
        int[] out = new int[3];
        for (int i = 0; i < count; i++) {
            int result = Native.profileIntentRange(index, intent.number(), i, out);
            if (result != Abi.OK) {
                throw new IllegalStateException("wsclose_profile_intent_range: " + Native.resultMessage(result));
            }
            ranges.add(new IntentRange(out[0], out[1], Advice.fromNumber(out[2])));
        }
        return Collections.unmodifiableList(ranges);
    }

    /**
     * Empty when sending {@code code} makes this profile's clients do what {@code intent} wants;
     * otherwise what they do instead and the nearest codes that would.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     * @throws NullPointerException when {@code intent} is null
     */
    public Optional<IntentMismatch> checkIntent(int code, Intent intent) {
        char c = WsClose.checkCode(code);
        Objects.requireNonNull(intent, "intent");
        int[] out = new int[3];
        int result = Native.profileCheckIntent(index, c, intent.number(), out);
        if (result == Abi.OK) {
            return Optional.empty();
        }
        if (result != Abi.ERR_INTENT_NOT_MET && result != Abi.ERR_INTENT_NOT_SENDABLE) {
            throw new IllegalStateException("wsclose_profile_check_intent: " + Native.resultMessage(result));
        }
        Optional<Advice> advice = result == Abi.ERR_INTENT_NOT_MET ? Optional.of(Advice.fromNumber(out[0])) : Optional.empty();
        OptionalInt below = out[1] < 0 ? OptionalInt.empty() : OptionalInt.of(out[1]);
        OptionalInt above = out[2] < 0 ? OptionalInt.empty() : OptionalInt.of(out[2]);
        return Optional.of(new IntentMismatch(code, intent, advice, below, above));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Profile p && p.index == index;
    }

    @Override
    public int hashCode() {
        return index;
    }

    /** The profile's name. */
    @Override
    public String toString() {
        return name();
    }
}
