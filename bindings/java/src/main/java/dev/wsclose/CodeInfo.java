package dev.wsclose;

import java.util.Optional;

/**
 * Everything the library knows about one close code, as returned by {@link WsClose#info(int)}.
 *
 * @param code the code, 0–65535
 * @param category its range
 * @param name the name of the code (e.g. "Going Away"), empty for a code without one
 * @param description what the code means, in a sentence or two
 * @param sendable whether it may appear in a Close frame on the wire
 * @param localOnly whether it is only ever reported locally (1005, 1006, 1015)
 * @param browserCloseable whether a browser's {@code WebSocket.close(code)} accepts it
 * @param ok whether it means the connection ended normally
 * @param reconnect what a client should do next
 */
public record CodeInfo(
        int code,
        Category category,
        Optional<String> name,
        String description,
        boolean sendable,
        boolean localOnly,
        boolean browserCloseable,
        boolean ok,
        Reconnect reconnect) {}
