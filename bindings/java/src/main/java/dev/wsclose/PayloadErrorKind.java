package dev.wsclose;

/**
 * Which rule a Close payload broke. {@code ordinal() + 1} is the error number of the C ABI
 * (which returns it negated).
 */
public enum PayloadErrorKind {
    /** Exactly one byte: too short for a code, yet not empty. */
    ONE_BYTE,
    /** Longer than the 125 bytes a control frame may carry. */
    TOO_LONG,
    /** The code may not appear on the wire. */
    INVALID_CODE,
    /** The reason is not valid UTF-8. */
    INVALID_UTF8,
    /** Encoding only: the reason is longer than 123 bytes. */
    REASON_TOO_LONG,
    /** Encoding only: the output buffer is too small (never raised by this binding). */
    BUFFER_TOO_SMALL;

    private static final PayloadErrorKind[] BY_NUMBER = values();

    /** The kind for a negative C ABI result, or null when the result is not a payload error. */
    static PayloadErrorKind fromResult(int result) {
        int index = -result - 1;
        return index >= 0 && index < BY_NUMBER.length ? BY_NUMBER[index] : null;
    }
}
