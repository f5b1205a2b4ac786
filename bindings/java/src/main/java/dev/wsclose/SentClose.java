package dev.wsclose;

import java.util.OptionalInt;

/**
 * The Close a browser sends for a page's {@code ws.close(code, reason)}, from
 * {@link WsClose#pageClose(Engine, Double, String)}.
 *
 * @param code the code sent; empty for an empty Close
 * @param reason the reason sent
 */
public record SentClose(OptionalInt code, String reason) {}
