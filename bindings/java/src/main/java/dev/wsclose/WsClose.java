package dev.wsclose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
 * {@code libwsclose.so}. The jar is multi-release: on JDK 22 and newer the calls go through the
 * Foreign Function &amp; Memory API (run with {@code --enable-native-access=ALL-UNNAMED} to
 * silence the JDK's warning about restricted methods), on JDK 17 to 21 through JNA.
 */
public final class WsClose {
    private WsClose() {}

    private static final int OK = Abi.OK;

    /** {@code code} as the C {@code uint16_t} it stands for; a type conversion, not a rule. */
    static char checkCode(int code) {
        if ((code & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("close code " + code + " is outside 0..65535");
        }
        return (char) code;
    }

    /**
     * The category of a close code.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public static Category classify(int code) {
        return Category.fromNumber(Native.classify(checkCode(code)));
    }

    /** May {@code code} appear in a Close frame on the wire? */
    public static boolean isSendable(int code) {
        return Native.isSendable(checkCode(code));
    }

    /** Is {@code code} only ever reported locally, never sent (1005, 1006, 1015)? */
    public static boolean isLocalOnly(int code) {
        return Native.isLocalOnly(checkCode(code));
    }

    /** Does a browser's {@code WebSocket.close(code)} accept {@code code}? */
    public static boolean isBrowserCloseable(int code) {
        return Native.isBrowserCloseable(checkCode(code));
    }

    /** Does {@code code} mean the connection ended normally? */
    public static boolean isOk(int code) {
        return Native.isOk(checkCode(code));
    }

    /** What a client should do after a close with {@code code}. */
    public static Reconnect reconnect(int code) {
        return Reconnect.fromNumber(Native.reconnect(checkCode(code)));
    }

    /** The name of {@code code}, e.g. "Going Away"; empty for a code without one. */
    public static Optional<String> name(int code) {
        return Optional.ofNullable(Native.name(checkCode(code)));
    }

    /**
     * The constant name of {@code code}, e.g. "NORMAL_CLOSURE" (the name of its constant in
     * {@link CloseCodes} for a standard code); empty for a code without a name.
     */
    public static Optional<String> constName(int code) {
        return Optional.ofNullable(Native.constName(checkCode(code)));
    }

    /** What {@code code} means, in a sentence or two. */
    public static String description(int code) {
        return Native.description(checkCode(code));
    }

    /**
     * Everything the library knows about {@code code}, from one call to {@code wsclose_info}.
     *
     * @throws IllegalArgumentException when {@code code} is not in 0..65535
     */
    public static CodeInfo info(int code) {
        int[] fields = new int[Fields.I_FIELDS];
        String[] texts = new String[2];
        int result = Native.info(checkCode(code), fields, texts);
        if (result != OK) {
            throw new IllegalStateException("wsclose_info(" + code + "): " + Native.resultMessage(result));
        }
        return new CodeInfo(
                fields[Fields.I_CODE],
                Category.fromNumber(fields[Fields.I_CATEGORY]),
                Optional.ofNullable(texts[0]),
                texts[1],
                fields[Fields.I_SENDABLE] != 0,
                fields[Fields.I_LOCAL_ONLY] != 0,
                fields[Fields.I_BROWSER_CLOSEABLE] != 0,
                fields[Fields.I_OK] != 0,
                Reconnect.fromNumber(fields[Fields.I_RECONNECT]));
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
        int[] code = new int[1];
        byte[][] reason = new byte[1][];
        int result = Native.parseClosePayload(payload, code, reason);
        if (result != OK) {
            PayloadErrorKind kind = payloadErrorKind("wsclose_parse_close_payload", result);
            // The ABI writes the carried code; whether this kind carries one is a fact
            // generated from the core (PayloadErrorKind.carriesCode).
            throw payloadException(kind, result, kind.carriesCode() ? OptionalInt.of(code[0]) : OptionalInt.empty());
        }
        // The core has checked the reason's UTF-8.
        return new Close(code[0], new String(reason[0], StandardCharsets.UTF_8));
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
        byte[] out = new byte[CloseCodes.MAX_CLOSE_PAYLOAD];
        long[] outLen = new long[1];
        int result = Native.encodeClosePayloadUtf16(c, reason.toCharArray(), out, outLen);
        return encoded("wsclose_encode_close_payload_utf16", result, c, out, outLen[0]);
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
        byte[] out = new byte[CloseCodes.MAX_CLOSE_PAYLOAD];
        long[] outLen = new long[1];
        int result = Native.encodeClosePayload(c, reason, out, outLen);
        return encoded("wsclose_encode_close_payload", result, c, out, outLen[0]);
    }

    /** The answer of one of the two encode calls: the payload, or its error. */
    private static byte[] encoded(String function, int result, char code, byte[] out, long length) {
        if (result != OK) {
            throw payloadException(payloadErrorKind(function, result), result, OptionalInt.of(code));
        }
        return Arrays.copyOf(out, Math.toIntExact(length));
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
        char[] in = new char[codes.length];
        for (int i = 0; i < codes.length; i++) {
            in[i] = checkCode(codes[i]);
        }
        byte[] out = new byte[codes.length];
        int result = Native.classifyMany(in, out);
        if (result != OK) {
            throw new IllegalStateException("wsclose_classify_many: " + Native.resultMessage(result));
        }
        Category[] categories = new Category[codes.length];
        for (int i = 0; i < codes.length; i++) {
            categories[i] = Category.fromNumber(out[i] & 0xFF);
        }
        return categories;
    }

    /** The version of the loaded library, e.g. "0.1.0". */
    public static String version() {
        return Native.version();
    }

    /** The summary of cause number {@code number}, from the library. */
    static String causeSummary(int number) {
        return Native.causeSummary(number);
    }

    /** What to check for cause number {@code number}, from the library. */
    static String causeCheck(int number) {
        return Native.causeCheck(number);
    }

    /** The constant name of cause number {@code number} in the library, or null for none. */
    static String causeConstName(int number) {
        return Native.causeConstName(number);
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
        byte[] out = new byte[32];
        int count = Native.explain(c, clean, out);
        if (count < 0 || count > out.length) {
            throw new IllegalStateException("wsclose_explain: " + Native.resultMessage(count));
        }
        List<Cause> causes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            causes.add(Cause.fromNumber(out[i] & 0xFF));
        }
        return new Explanation(code, Optional.ofNullable(wasClean), causes);
    }

    /** {@link #explain(int, Boolean)} when {@code wasClean} is not known. */
    public static Explanation explain(int code) {
        return explain(code, null);
    }

    /**
     * What a page sees in {@code engine} when the server sent a Close frame with {@code payload},
     * or closed the TCP connection (FIN) without one when {@code payload} is null. A reset is
     * {@link #resetEvent(Engine)}.
     */
    public static CloseEvent closeEvent(Engine engine, byte[] payload) {
        return payload == null ? event(engine, new byte[0], Abi.RECEIVED_DROPPED) : event(engine, payload, Abi.RECEIVED_PAYLOAD);
    }

    /**
     * What a page sees in {@code engine} when the server reset the TCP connection (RST) without a
     * Close frame: 1006, not clean; Firefox fires {@code error} first, Chromium does not.
     */
    public static CloseEvent resetEvent(Engine engine) {
        return event(engine, new byte[0], Abi.RECEIVED_RESET);
    }

    private static CloseEvent event(Engine engine, byte[] payload, int received) {
        Objects.requireNonNull(engine, "engine");
        int[] fields = new int[Fields.E_FIELDS];
        byte[][] texts = new byte[2][];
        int result = Native.browserCloseEvent(engine.number(), payload, received, fields, texts);
        if (result != OK) {
            throw new IllegalStateException("wsclose_browser_close_event: " + Native.resultMessage(result));
        }
        String reason = new String(texts[0], StandardCharsets.UTF_8);
        CloseEvent.ReplyKind replyKind = CloseEvent.ReplyKind.values()[fields[Fields.E_REPLY_KIND]];
        CloseEvent.Reply reply = replyKind == CloseEvent.ReplyKind.CLOSE
                ? new CloseEvent.Reply(replyKind, OptionalInt.of(fields[Fields.E_REPLY_CODE]),
                        new String(texts[1], StandardCharsets.UTF_8))
                : new CloseEvent.Reply(replyKind, OptionalInt.empty(), "");
        return new CloseEvent(fields[Fields.E_CODE], reason, fields[Fields.E_WAS_CLEAN] != 0, fields[Fields.E_ERROR_FIRED] != 0,
                reply);
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
        char[] units = reason == null ? new char[0] : reason.toCharArray();
        int[] sentCode = new int[2];
        byte[] sent = new byte[CloseCodes.MAX_REASON_LEN];
        long[] sentLen = new long[1];
        int result = Native.browserClose(engine.number(), code != null, code == null ? 0.0 : code.doubleValue(),
                reason != null, units, sentCode, sent, sentLen);
        if (result == Abi.ERR_INVALID_ACCESS) {
            throw new DomException(DomExceptionKind.INVALID_ACCESS, Native.resultMessage(result));
        }
        if (result == Abi.ERR_SYNTAX) {
            throw new DomException(DomExceptionKind.SYNTAX, Native.resultMessage(result));
        }
        if (result != OK) {
            throw new IllegalStateException("wsclose_browser_close: " + Native.resultMessage(result));
        }
        return new SentClose(sentCode[1] != 0 ? OptionalInt.of(sentCode[0]) : OptionalInt.empty(),
                new String(sent, 0, Math.toIntExact(sentLen[0]), StandardCharsets.UTF_8));
    }
}
