package dev.wsclose;

/**
 * What a client should do after a connection closed with a given code. The ordinal of each
 * constant is its number in the C ABI ({@code enum wsclose_reconnect_advice}).
 */
public enum Reconnect {
    /** Retrying would fail the same way, or the peer asked to stop. */
    NEVER,
    /** A passing condition: reconnect after a delay that grows with each attempt. */
    BACKOFF,
    /** A registered or private code: only the application knows. */
    APP_DEFINED;

    private static final Reconnect[] BY_CODE = values();

    /** The number of this advice in the C ABI (equal to its ordinal). */
    public int code() {
        return ordinal();
    }

    /**
     * The advice with C ABI number {@code code}.
     *
     * @throws IllegalArgumentException when no advice has that number
     */
    public static Reconnect fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no reconnect advice has the number " + code);
        }
        return BY_CODE[code];
    }

    /** A short human label from the library: {@code "never"}, {@code "backoff"} or {@code "app-defined"}. */
    public String label() {
        try {
            return Native.string((java.lang.foreign.MemorySegment) Native.RECONNECT_NAME.invokeExact(ordinal()));
        } catch (Throwable t) {
            throw WsClose.rethrow(t);
        }
    }
}
