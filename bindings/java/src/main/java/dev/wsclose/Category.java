package dev.wsclose;

/**
 * The range a close code belongs to. The ordinal of each constant is its number in the C ABI
 * ({@code enum wsclose_category}) and in every other binding.
 */
public enum Category {
    /** 0–999: never assigned. */
    UNUSED,
    /** 1000–1015: fixed by the WebSocket protocol. */
    STANDARD,
    /** 1016–2999: kept for later protocol revisions and extensions. */
    RESERVED,
    /** 3000–3999: registered with IANA by libraries, frameworks and applications. */
    REGISTERED,
    /** 4000–4999: private agreements between applications. */
    PRIVATE,
    /** 5000–65535: above every defined range. */
    OUT_OF_RANGE;

    private static final Category[] BY_CODE = values();

    /** The number of this category in the C ABI (equal to its ordinal). */
    public int code() {
        return ordinal();
    }

    /**
     * The category with C ABI number {@code code}.
     *
     * @throws IllegalArgumentException when no category has that number
     */
    public static Category fromCode(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("no close code category has the number " + code);
        }
        return BY_CODE[code];
    }

    /** A short human label from the library, e.g. {@code "private use"}. */
    public String label() {
        try {
            return Native.string((java.lang.foreign.MemorySegment) Native.CATEGORY_NAME.invokeExact(ordinal()));
        } catch (Throwable t) {
            throw WsClose.rethrow(t);
        }
    }
}
