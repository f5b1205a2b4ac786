package dev.wsclose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

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
