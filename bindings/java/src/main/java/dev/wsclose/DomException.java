package dev.wsclose;

/**
 * The exception a page's {@code ws.close(code, reason)} throws in the browser model
 * ({@link WsClose#pageClose(Engine, Double, String)}); {@link #name()} is its DOM name.
 *
 * <p>Checked: it is the answer to the question the call asks, not a failure of the binding.
 */
public final class DomException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DomExceptionKind kind;

    DomException(DomExceptionKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** Which exception this is. */
    public DomExceptionKind kind() {
        return kind;
    }

    /** The exception's {@code name} as a page reads it: "InvalidAccessError" or "SyntaxError". */
    public String name() {
        return kind.domName();
    }
}
