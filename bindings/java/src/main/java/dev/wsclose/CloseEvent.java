package dev.wsclose;

import java.util.OptionalInt;

/**
 * What a page's {@code CloseEvent} says (and what the browser replies) after the server closed
 * the connection, from {@link WsClose#closeEvent(Engine, byte[])}.
 *
 * @param code {@code CloseEvent.code}
 * @param reason {@code CloseEvent.reason}
 * @param wasClean {@code CloseEvent.wasClean}
 * @param errorFired whether an {@code error} event fired before {@code close}
 * @param reply the browser's answer to the server
 */
public record CloseEvent(int code, String reason, boolean wasClean, boolean errorFired, Reply reply) {
    /** How the browser answers the server's Close. */
    public enum ReplyKind {
        /** TCP closed without a Close. */
        NONE,
        /** An empty Close. */
        EMPTY,
        /** A Close with {@link Reply#code()} and {@link Reply#reason()}. */
        CLOSE
    }

    /**
     * The browser's answer to the server's Close.
     *
     * @param kind none, an empty Close, or a Close with a code and reason
     * @param code the code when {@code kind} is {@link ReplyKind#CLOSE}
     * @param reason the reason when {@code kind} is {@link ReplyKind#CLOSE}, else ""
     */
    public record Reply(ReplyKind kind, OptionalInt code, String reason) {}
}
