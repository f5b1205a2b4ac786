package dev.wsclose;

import java.util.OptionalInt;

/**
 * A Close payload that breaks the protocol ({@link WsClose#parseClosePayload}) or one that cannot
 * be built ({@link WsClose#encodeClosePayload}): one type for both, as in every wsclose binding.
 *
 * <p>Unchecked, like {@link NumberFormatException}: a parser of untrusted bytes fails as a matter of
 * course, and code that speaks the protocol catches this to answer the peer with
 * {@link #closeCode()}. {@link #getMessage()} is the core's fixed message for the {@link #kind()}.
 *
 * <p>The two codes are {@link OptionalInt}s rather than nullable {@code Integer}s, so that "no code"
 * cannot be mistaken for code 0 (which a payload can carry) and cannot throw on unboxing.
 */
public final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final PayloadErrorKind kind;
    private final int closeCode;
    private final int code;
    private final boolean hasCode;

    PayloadException(PayloadErrorKind kind, int closeCode, OptionalInt code, String message) {
        super(message);
        this.kind = kind;
        this.closeCode = closeCode;
        this.code = code.orElse(0);
        this.hasCode = code.isPresent();
    }

    /** Which rule was broken. */
    public PayloadErrorKind kind() {
        return kind;
    }

    /**
     * The code to close the connection with after this error: 1002 (Protocol Error) or 1007
     * (Invalid Frame Payload Data); empty for the kinds only encoding reports
     * ({@code REASON_TOO_LONG}, {@code BUFFER_TOO_SMALL}).
     */
    public OptionalInt closeCode() {
        return closeCode == 0 ? OptionalInt.empty() : OptionalInt.of(closeCode);
    }

    /**
     * The status code the payload carried (parsing) or was to carry (encoding); empty when parsing
     * stopped before reading it ({@code ONE_BYTE}, {@code TOO_LONG}).
     */
    public OptionalInt code() {
        return hasCode ? OptionalInt.of(code) : OptionalInt.empty();
    }
}
