package dev.wsclose;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * WebSocket close status codes, all 65,536 of them, through libwsclose.
 *
 * <p>Every answer comes from the native library; this class only checks arguments and converts
 * values. Codes are {@code int}s in 0–65535; anything else is an {@link IllegalArgumentException}.
 * All methods are thread-safe and allocate no native memory that outlives the call.
 *
 * <pre>{@code
 * WsClose.classify(4000);                      // Category.PRIVATE
 * WsClose.info(1013).reconnect();              // Reconnect.BACKOFF
 * WsClose.parseClosePayload(bytes).code();     // or ClosePayloadException with closeCode()
 * }</pre>
 *
 * <p>The library is loaded from the file named by the system property {@code wsclose.library} or
 * the environment variable {@code WSCLOSE_LIBRARY}, else found by the dynamic loader as
 * {@code libwsclose.so}. Run with {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class WsClose {
    private WsClose() {}

    /** The largest Close payload in bytes (a control frame carries at most 125). */
    public static final int MAX_CLOSE_PAYLOAD = 125;

    /** The longest reason in bytes that fits beside the two-byte code. */
    public static final int MAX_REASON_LEN = 123;

    private static final int OK = 0;

    /** Returns {@code code} when it is a 16-bit close code, else throws. */
    private static char checkCode(int code) {
        if ((code & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("close code " + code + " is outside 0..65535");
        }
        return (char) code;
    }

    /** Unwraps what {@code invokeExact} may throw; downcalls themselves throw nothing checked. */
    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("wsclose: unexpected exception from a downcall", t);
    }

    /**
     * The category of a close code.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public static Category classify(int code) {
        char c = checkCode(code);
        byte category;
        try {
            category = (byte) Native.CLASSIFY.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return Category.fromCode(category & 0xFF);
    }

    /** May {@code code} appear in a Close frame on the wire? */
    public static boolean isSendable(int code) {
        char c = checkCode(code);
        try {
            return (boolean) Native.IS_SENDABLE.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Is {@code code} only ever reported locally, never sent (1005, 1006, 1015)? */
    public static boolean isLocalOnly(int code) {
        char c = checkCode(code);
        try {
            return (boolean) Native.IS_LOCAL_ONLY.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Does a browser's {@code WebSocket.close(code)} accept {@code code}? */
    public static boolean isBrowserCloseable(int code) {
        char c = checkCode(code);
        try {
            return (boolean) Native.IS_BROWSER_CLOSEABLE.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Does {@code code} mean the connection ended normally? */
    public static boolean isOk(int code) {
        char c = checkCode(code);
        try {
            return (boolean) Native.IS_OK.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** What a client should do after a close with {@code code}. */
    public static Reconnect reconnect(int code) {
        char c = checkCode(code);
        byte advice;
        try {
            advice = (byte) Native.RECONNECT.invokeExact(c);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return Reconnect.fromCode(advice & 0xFF);
    }

    /** The standard name of {@code code} (1000–1015), e.g. "Going Away"; empty for other codes. */
    public static Optional<String> name(int code) {
        char c = checkCode(code);
        try {
            return Optional.ofNullable(Native.string((MemorySegment) Native.NAME.invokeExact(c)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** What {@code code} means, in a sentence or two. */
    public static String description(int code) {
        char c = checkCode(code);
        try {
            return Native.string((MemorySegment) Native.DESCRIPTION.invokeExact(c));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Everything the library knows about {@code code}, from one call to {@code wsclose_info}.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public static CodeInfo info(int code) {
        char c = checkCode(code);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Native.CODE_INFO);
            int result = (int) Native.INFO.invokeExact(c, out);
            if (result != OK) {
                throw new IllegalStateException("wsclose_info(" + code + "): " + Native.resultMessage(result));
            }
            return new CodeInfo(
                    out.get(JAVA_CHAR, Native.INFO_CODE),
                    Category.fromCode(out.get(JAVA_BYTE, Native.INFO_CATEGORY) & 0xFF),
                    Optional.ofNullable(Native.string(out.get(ADDRESS, Native.INFO_NAME))),
                    Native.string(out.get(ADDRESS, Native.INFO_DESCRIPTION)),
                    out.get(JAVA_BOOLEAN, Native.INFO_SENDABLE),
                    out.get(JAVA_BOOLEAN, Native.INFO_LOCAL_ONLY),
                    out.get(JAVA_BOOLEAN, Native.INFO_BROWSER_CLOSEABLE),
                    out.get(JAVA_BOOLEAN, Native.INFO_OK),
                    Reconnect.fromCode(out.get(JAVA_BYTE, Native.INFO_RECONNECT) & 0xFF));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Decodes a Close frame payload under the rules of RFC 6455: an empty payload gives code 1005
     * and an empty reason.
     *
     * @throws ClosePayloadException for 1 byte, more than 125 bytes, a code that may not be sent
     *     ({@code closeCode()} 1002) or a reason that is not UTF-8 (1007)
     */
    public static Close parseClosePayload(byte[] payload) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bytes = payload.length == 0 ? MemorySegment.NULL : arena.allocate(payload.length);
            MemorySegment.copy(payload, 0, bytes, JAVA_BYTE, 0, payload.length);
            MemorySegment codeOut = arena.allocate(JAVA_CHAR);
            MemorySegment reasonOut = arena.allocate(ADDRESS);
            MemorySegment reasonLenOut = arena.allocate(JAVA_LONG);
            int result = (int) Native.PARSE_CLOSE_PAYLOAD.invokeExact(
                    bytes, (long) payload.length, codeOut, reasonOut, reasonLenOut);
            int code = codeOut.get(JAVA_CHAR, 0);
            if (result != OK) {
                PayloadErrorKind kind = PayloadErrorKind.fromResult(result);
                if (kind == null) {
                    throw new IllegalStateException("wsclose_parse_close_payload: " + Native.resultMessage(result));
                }
                throw new ClosePayloadException(kind, code, Native.resultMessage(result));
            }
            long reasonLen = reasonLenOut.get(JAVA_LONG, 0);
            if (reasonLen == 0) {
                return new Close(code, "");
            }
            // The reason points into our copy of the payload; the library has checked its UTF-8.
            long offset = reasonOut.get(ADDRESS, 0).address() - bytes.address();
            return new Close(code, new String(payload, Math.toIntExact(offset), Math.toIntExact(reasonLen),
                    StandardCharsets.UTF_8));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Builds a Close frame payload from a code and a reason (encoded as UTF-8).
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     * @throws ClosePayloadException when the code may not be sent ({@code INVALID_CODE}), the
     *     reason is over 123 bytes ({@code REASON_TOO_LONG}) or holds an unpaired surrogate, which
     *     has no UTF-8 form ({@code INVALID_UTF8}); {@code closeCode()} is 0
     */
    public static byte[] encodeClosePayload(int code, String reason) {
        byte[] bytes;
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(reason));
            bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
        } catch (CharacterCodingException e) {
            // No UTF-8 form: hand the library a byte that is not UTF-8 either, so that it still
            // decides (and orders) the errors, e.g. INVALID_CODE for a code that may not be sent.
            bytes = new byte[] {(byte) 0xFF};
        }
        return encodeClosePayload(code, bytes);
    }

    /**
     * Builds a Close frame payload from a code and the UTF-8 bytes of a reason.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     * @throws ClosePayloadException when the code may not be sent, the reason is over 123 bytes or
     *     is not UTF-8; {@code closeCode()} is 0
     */
    public static byte[] encodeClosePayload(int code, byte[] reasonUtf8) {
        char c = checkCode(code);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment reason = reasonUtf8.length == 0 ? MemorySegment.NULL : arena.allocate(reasonUtf8.length);
            MemorySegment.copy(reasonUtf8, 0, reason, JAVA_BYTE, 0, reasonUtf8.length);
            MemorySegment out = arena.allocate(MAX_CLOSE_PAYLOAD);
            MemorySegment outLen = arena.allocate(JAVA_LONG);
            int result = (int) Native.ENCODE_CLOSE_PAYLOAD.invokeExact(
                    c, reason, (long) reasonUtf8.length, out, (long) MAX_CLOSE_PAYLOAD, outLen);
            if (result != OK) {
                PayloadErrorKind kind = PayloadErrorKind.fromResult(result);
                if (kind == null) {
                    throw new IllegalStateException("wsclose_encode_close_payload: " + Native.resultMessage(result));
                }
                throw new ClosePayloadException(kind, 0, Native.resultMessage(result));
            }
            return out.asSlice(0, outLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The category of each code, in one call to {@code wsclose_classify_many}.
     *
     * @throws IllegalArgumentException when any code is not in 0..65535
     */
    public static Category[] classifyMany(int[] codes) {
        try (Arena arena = Arena.ofConfined()) {
            long count = codes.length;
            MemorySegment in = count == 0 ? MemorySegment.NULL : arena.allocate(JAVA_CHAR, count);
            for (int i = 0; i < codes.length; i++) {
                in.setAtIndex(JAVA_CHAR, i, checkCode(codes[i]));
            }
            MemorySegment out = count == 0 ? MemorySegment.NULL : arena.allocate(count);
            int result = (int) Native.CLASSIFY_MANY.invokeExact(in, out, count);
            if (result != OK) {
                throw new IllegalStateException("wsclose_classify_many: " + Native.resultMessage(result));
            }
            Category[] categories = new Category[codes.length];
            for (int i = 0; i < codes.length; i++) {
                categories[i] = Category.fromCode(out.get(JAVA_BYTE, i) & 0xFF);
            }
            return categories;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The version of the loaded library, e.g. "0.1.0". */
    public static String version() {
        try {
            return Native.string((MemorySegment) Native.VERSION.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
