package dev.wsclose;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * WebSocket close status codes, all 65,536 of them, through libwsclose.
 *
 * <p>Every answer comes from the native library; this class only converts Java types and errors.
 * Codes are {@code int}s in 0–65535 (named ones in {@link CloseCodes}); anything else is an
 * {@link IllegalArgumentException}, a type conversion error. Every rule about codes, lengths and
 * UTF-8 is the core's: a reason {@code String} goes to it as its UTF-16 code units.
 * All methods are thread-safe and allocate no native memory that outlives the call.
 *
 * <pre>{@code
 * WsClose.classify(4000);                      // Category.PRIVATE
 * WsClose.info(1013).reconnect();              // Reconnect.BACKOFF
 * WsClose.parseClosePayload(bytes).code();     // or PayloadException with closeCode()
 * }</pre>
 *
 * <p>The library is loaded from the file named by the system property {@code wsclose.library} or
 * the environment variable {@code WSCLOSE_LIBRARY}, else from the copy bundled in the release jar
 * ({@code native/linux-x86_64/libwsclose.so}), else found by the dynamic loader as
 * {@code libwsclose.so}. Run with {@code --enable-native-access=ALL-UNNAMED}.
 */
public final class WsClose {
    private WsClose() {}

    private static final int OK = 0;

    /** {@code code} as the C {@code uint16_t} it stands for; a type conversion, not a rule. */
    static char checkCode(int code) {
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
        return Category.fromNumber(category & 0xFF);
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
        return Reconnect.fromNumber(advice & 0xFF);
    }

    /** The name of {@code code}, e.g. "Going Away"; empty for a code without one. */
    public static Optional<String> name(int code) {
        char c = checkCode(code);
        try {
            return Optional.ofNullable(Native.string((MemorySegment) Native.NAME.invokeExact(c)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The constant name of {@code code}, e.g. "NORMAL_CLOSURE" (the name of its constant in
     * {@link CloseCodes} for a standard code); empty for a code without a name.
     */
    public static Optional<String> constName(int code) {
        char c = checkCode(code);
        try {
            return Optional.ofNullable(Native.string((MemorySegment) Native.CONST_NAME.invokeExact(c)));
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
                    Category.fromNumber(out.get(JAVA_BYTE, Native.INFO_CATEGORY) & 0xFF),
                    Optional.ofNullable(Native.string(out.get(ADDRESS, Native.INFO_NAME))),
                    Native.string(out.get(ADDRESS, Native.INFO_DESCRIPTION)),
                    out.get(JAVA_BOOLEAN, Native.INFO_SENDABLE),
                    out.get(JAVA_BOOLEAN, Native.INFO_LOCAL_ONLY),
                    out.get(JAVA_BOOLEAN, Native.INFO_BROWSER_CLOSEABLE),
                    out.get(JAVA_BOOLEAN, Native.INFO_OK),
                    Reconnect.fromNumber(out.get(JAVA_BYTE, Native.INFO_RECONNECT) & 0xFF));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Decodes a Close frame payload under the rules of RFC 6455: an empty payload gives code 1005
     * (No Status Received) and an empty reason.
     *
     * @throws PayloadException when the core rejects the payload: {@code kind()}, the code to
     *     answer with ({@code closeCode()}), the code it carried ({@code code()}) and the core's
     *     message
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
                PayloadErrorKind kind = payloadErrorKind("wsclose_parse_close_payload", result);
                // The ABI writes the carried code; whether this kind carries one is a fact
                // generated from the core (PayloadErrorKind.carriesCode).
                throw payloadException(kind, result, kind.carriesCode() ? OptionalInt.of(code) : OptionalInt.empty());
            }
            long reasonLen = reasonLenOut.get(JAVA_LONG, 0);
            if (reasonLen == 0) {
                return new Close(code, "");
            }
            // The reason points into our copy of the payload; the core has checked its UTF-8.
            long offset = reasonOut.get(ADDRESS, 0).address() - bytes.address();
            return new Close(code, new String(payload, Math.toIntExact(offset), Math.toIntExact(reasonLen),
                    StandardCharsets.UTF_8));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Builds a Close frame payload from a code and a reason. The reason goes to the core as its
     * UTF-16 code units ({@code wsclose_encode_close_payload_utf16}) and comes out as UTF-8; an
     * unpaired surrogate is an error, never replaced.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     * @throws PayloadException when the core rejects the code or the reason ({@code INVALID_CODE},
     *     {@code REASON_TOO_LONG}, {@code INVALID_UTF8}), with {@code code()} the given code
     */
    public static byte[] encodeClosePayload(int code, String reason) {
        char c = checkCode(code);
        try (Arena arena = Arena.ofConfined()) {
            char[] units = reason.toCharArray();
            MemorySegment in = units.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_CHAR, units);
            return encode("wsclose_encode_close_payload_utf16", Native.ENCODE_CLOSE_PAYLOAD_UTF16, arena, c, in,
                    units.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Builds a Close frame payload from a code and the bytes of a reason, which the core checks
     * are UTF-8 ({@code wsclose_encode_close_payload}).
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     * @throws PayloadException when the core rejects the code or the reason, with {@code code()}
     *     the given code
     */
    public static byte[] encodeClosePayload(int code, byte[] reason) {
        char c = checkCode(code);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = reason.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_BYTE, reason);
            return encode("wsclose_encode_close_payload", Native.ENCODE_CLOSE_PAYLOAD, arena, c, in,
                    reason.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** One of the two encode downcalls, which share their signature; {@code length} counts units. */
    private static byte[] encode(String function, MethodHandle handle, Arena arena, char code, MemorySegment reason,
            long length) throws Throwable {
        MemorySegment out = arena.allocate(CloseCodes.MAX_CLOSE_PAYLOAD);
        MemorySegment outLen = arena.allocate(JAVA_LONG);
        int result = (int) handle.invokeExact(code, reason, length, out, (long) CloseCodes.MAX_CLOSE_PAYLOAD, outLen);
        if (result != OK) {
            throw payloadException(payloadErrorKind(function, result), result, OptionalInt.of(code));
        }
        return out.asSlice(0, outLen.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    }

    /** The kind of a payload error result; any other failure is a bug, not a payload error. */
    private static PayloadErrorKind payloadErrorKind(String function, int result) {
        return PayloadErrorKind.fromResultNumber(result).orElseThrow(
                () -> new IllegalStateException(function + ": " + Native.resultMessage(result)));
    }

    /** The exception for a payload error result: answer code and message from the library. */
    private static PayloadException payloadException(PayloadErrorKind kind, int result, OptionalInt code) {
        return new PayloadException(kind, Native.resultCloseCode(result), code, Native.resultMessage(result));
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
                categories[i] = Category.fromNumber(out.get(JAVA_BYTE, i) & 0xFF);
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

    /** The summary of cause number {@code number}, from the library. */
    static String causeSummary(int number) {
        try {
            return Native.string((MemorySegment) Native.CAUSE_SUMMARY.invokeExact(number));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** What to check for cause number {@code number}, from the library. */
    static String causeCheck(int number) {
        try {
            return Native.string((MemorySegment) Native.CAUSE_CHECK.invokeExact(number));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The constant name of cause number {@code number} in the library, or null for none. */
    static String causeConstName(int number) {
        try {
            return Native.string((MemorySegment) Native.CAUSE_CONST_NAME.invokeExact(number));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * The likely causes of a close with {@code code} as the receiving application saw it, most
     * likely first. {@code wasClean} is {@code CloseEvent.wasClean}, or null when not known.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public static Explanation explain(int code, Boolean wasClean) {
        char c = checkCode(code);
        int clean = wasClean == null ? -1 : wasClean ? 1 : 0;
        try (Arena arena = Arena.ofConfined()) {
            int cap = 32;
            MemorySegment out = arena.allocate(cap);
            int count = (int) Native.EXPLAIN.invokeExact(c, clean, out, (long) cap);
            if (count < 0 || count > cap) {
                throw new IllegalStateException("wsclose_explain: " + Native.resultMessage(count));
            }
            List<Cause> causes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                causes.add(Cause.fromNumber(out.get(JAVA_BYTE, i) & 0xFF));
            }
            return new Explanation(code, Optional.ofNullable(wasClean), causes);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@link #explain(int, Boolean)} when {@code wasClean} is not known. */
    public static Explanation explain(int code) {
        return explain(code, null);
    }

    /**
     * What a page sees in {@code engine} when the server sent a Close frame with {@code payload},
     * or dropped the TCP connection when {@code payload} is null.
     */
    public static CloseEvent closeEvent(Engine engine, byte[] payload) {
        boolean dropped = payload == null;
        int length = dropped ? 0 : payload.length;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_BYTE, payload);
            MemorySegment out = arena.allocate(Native.CLOSE_EVENT);
            int result = (int) Native.BROWSER_CLOSE_EVENT.invokeExact(engine.number(), in, (long) length, dropped, out);
            if (result != OK) {
                throw new IllegalStateException("wsclose_browser_close_event: " + Native.resultMessage(result));
            }
            String reason = text(in, out.get(ADDRESS, EVENT_REASON), out.get(JAVA_LONG, EVENT_REASON_LEN));
            int kind = out.get(JAVA_BYTE, EVENT_REPLY_KIND) & 0xFF;
            CloseEvent.ReplyKind replyKind = CloseEvent.ReplyKind.values()[kind];
            CloseEvent.Reply reply = replyKind == CloseEvent.ReplyKind.CLOSE
                    ? new CloseEvent.Reply(replyKind, OptionalInt.of(out.get(JAVA_CHAR, EVENT_REPLY_CODE)),
                            text(in, out.get(ADDRESS, EVENT_REPLY_REASON), out.get(JAVA_LONG, EVENT_REPLY_REASON_LEN)))
                    : new CloseEvent.Reply(replyKind, OptionalInt.empty(), "");
            return new CloseEvent(out.get(JAVA_CHAR, EVENT_CODE), reason, out.get(JAVA_BOOLEAN, EVENT_WAS_CLEAN),
                    out.get(JAVA_BOOLEAN, EVENT_ERROR_FIRED), reply);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static final long EVENT_CODE = Native.field(Native.CLOSE_EVENT, "code");
    private static final long EVENT_WAS_CLEAN = Native.field(Native.CLOSE_EVENT, "was_clean");
    private static final long EVENT_ERROR_FIRED = Native.field(Native.CLOSE_EVENT, "error_fired");
    private static final long EVENT_REASON = Native.field(Native.CLOSE_EVENT, "reason");
    private static final long EVENT_REASON_LEN = Native.field(Native.CLOSE_EVENT, "reason_len");
    private static final long EVENT_REPLY_KIND = Native.field(Native.CLOSE_EVENT, "reply_kind");
    private static final long EVENT_REPLY_CODE = Native.field(Native.CLOSE_EVENT, "reply_code");
    private static final long EVENT_REPLY_REASON = Native.field(Native.CLOSE_EVENT, "reply_reason");
    private static final long EVENT_REPLY_REASON_LEN = Native.field(Native.CLOSE_EVENT, "reply_reason_len");

    /**
     * The UTF-8 text at {@code pointer} ({@code length} bytes): inside {@code payload}, or a static
     * string of the library (never NULL).
     */
    private static String text(MemorySegment payload, MemorySegment pointer, long length) {
        if (length == 0) {
            return "";
        }
        long offset = pointer.address() - payload.address();
        MemorySegment bytes = offset >= 0 && offset + length <= payload.byteSize()
                ? payload.asSlice(offset, length)
                : Native.bytes(pointer, length);
        return new String(bytes.toArray(JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /**
     * What a page's {@code ws.close(code, reason)} sends in {@code engine}. {@code code} is the
     * JavaScript number the page passes (null: undefined; fractions, NaN and infinities go through
     * the engine's WebIDL conversion); {@code reason} is the page's string (null: undefined), which
     * goes to the core as its UTF-16 code units (lone surrogates become U+FFFD, as USVString says).
     *
     * @throws DomException when the page's call throws ({@code InvalidAccessError}, {@code SyntaxError})
     */
    public static SentClose pageClose(Engine engine, Double code, String reason) throws DomException {
        try (Arena arena = Arena.ofConfined()) {
            char[] units = reason == null ? new char[0] : reason.toCharArray();
            MemorySegment in = units.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_CHAR, units);
            MemorySegment codeOut = arena.allocate(JAVA_CHAR);
            MemorySegment hasCodeOut = arena.allocate(JAVA_BOOLEAN);
            MemorySegment reasonOut = arena.allocate(CloseCodes.MAX_REASON_LEN);
            MemorySegment reasonLenOut = arena.allocate(JAVA_LONG);
            int result = (int) Native.BROWSER_CLOSE.invokeExact(engine.number(), code != null,
                    code == null ? 0.0 : code.doubleValue(), reason != null, in, (long) units.length, codeOut,
                    hasCodeOut, reasonOut, (long) CloseCodes.MAX_REASON_LEN, reasonLenOut);
            if (result == Native.ERR_INVALID_ACCESS) {
                throw new DomException(DomExceptionKind.INVALID_ACCESS, Native.resultMessage(result));
            }
            if (result == Native.ERR_SYNTAX) {
                throw new DomException(DomExceptionKind.SYNTAX, Native.resultMessage(result));
            }
            if (result != OK) {
                throw new IllegalStateException("wsclose_browser_close: " + Native.resultMessage(result));
            }
            byte[] sent = reasonOut.asSlice(0, reasonLenOut.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
            OptionalInt sentCode = hasCodeOut.get(JAVA_BOOLEAN, 0)
                    ? OptionalInt.of(codeOut.get(JAVA_CHAR, 0))
                    : OptionalInt.empty();
            return new SentClose(sentCode, new String(sent, StandardCharsets.UTF_8));
        } catch (Throwable t) {
            if (t instanceof DomException e) {
                throw e;
            }
            throw rethrow(t);
        }
    }
}
