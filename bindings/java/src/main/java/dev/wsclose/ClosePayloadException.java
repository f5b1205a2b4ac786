package dev.wsclose;

/**
 * A Close payload that breaks the protocol ({@link WsClose#parseClosePayload}) or one that cannot
 * be built ({@link WsClose#encodeClosePayload}).
 *
 * <p>Unchecked, like {@link NumberFormatException}: a parser of untrusted bytes fails as a matter of
 * course, and code that speaks the protocol catches this to answer the peer with
 * {@link #closeCode()}.
 */
public final class ClosePayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final PayloadErrorKind kind;
    private final int closeCode;

    ClosePayloadException(PayloadErrorKind kind, int closeCode, String message) {
        super(message);
        this.kind = kind;
        this.closeCode = closeCode;
    }

    /** Which rule was broken. */
    public PayloadErrorKind kind() {
        return kind;
    }

    /**
     * The code to close the connection with: 1007 for a reason that is not UTF-8, 1002 for every
     * other parse error. 0 when the exception comes from encoding, where there is no peer to answer.
     */
    public int closeCode() {
        return closeCode;
    }
}
