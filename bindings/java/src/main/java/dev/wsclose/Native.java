package dev.wsclose;

import com.sun.jna.Memory;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Path;

/**
 * The one seam between the public classes and libwsclose: static methods over plain Java types
 * ({@code char} for a C {@code uint16_t}, {@code int}, arrays; out-arrays for the fields of a
 * struct, indexed by {@link Abi}). This is the JDK 17-21 route, through JNA direct mapping; the
 * multi-release jar replaces this class on JDK 22 and newer with one of exactly the same methods
 * over the Foreign Function &amp; Memory API ({@code src/main/java22}). Neither holds any rule:
 * they convert types and copy bytes.
 *
 * <p>JNA types: a C {@code uint16_t} argument goes as an {@code int} holding 0..65535 (a Java
 * {@code short} would arrive sign-extended; JNA's {@code char} is a 4-byte {@code wchar_t}), a
 * {@code uint16_t} array as {@code short[]}; {@code bool} and {@code uint8_t} results come back
 * as {@code byte} (JNA reads a {@code boolean} result as a 4-byte int); {@code size_t} is
 * {@code long} (LP64).
 */
final class Native {
    private Native() {}

    /**
     * Which route this class is: {@code "jna"} here, {@code "ffm"} in the versions/22 class. A method, not a
     * constant: javac would copy a constant into every caller, compiled against the base class.
     */
    static String route() {
        return "jna";
    }

    /** The direct-mapped functions, registered against the library that {@link dev.wsclose.NativeLibrary} picks. */
    private static final class C {
        private C() {}

        static {
            Path file = dev.wsclose.NativeLibrary.file();
            NativeLibrary library;
            if (file != null) {
                library = NativeLibrary.getInstance(file.toAbsolutePath().toString());
            } else {
                try {
                    library = NativeLibrary.getInstance("wsclose");
                } catch (UnsatisfiedLinkError e) {
                    throw dev.wsclose.NativeLibrary.notFound(e);
                }
            }
            try {
                com.sun.jna.Native.register(C.class, library);
            } catch (UnsatisfiedLinkError e) {
                // JNA: "Error looking up function 'NAME': ..."; the FFM route's message names NAME too.
                java.util.regex.Matcher name = java.util.regex.Pattern.compile("function '(\\w+)'")
                        .matcher(String.valueOf(e.getMessage()));
                UnsatisfiedLinkError error = name.find()
                        ? dev.wsclose.NativeLibrary.noSymbol(name.group(1))
                        : new UnsatisfiedLinkError("wsclose: " + e.getMessage());
                error.initCause(e);
                throw error;
            }
        }

        static native byte wsclose_classify(int code);
        static native byte wsclose_is_sendable(int code);
        static native byte wsclose_is_local_only(int code);
        static native byte wsclose_is_browser_closeable(int code);
        static native byte wsclose_is_ok(int code);
        static native byte wsclose_reconnect(int code);
        static native Pointer wsclose_name(int code);
        static native Pointer wsclose_const_name(int code);
        static native Pointer wsclose_description(int code);
        static native Pointer wsclose_category_label(int category);
        static native Pointer wsclose_reconnect_label(int advice);
        static native short wsclose_result_close_code(int result);
        static native Pointer wsclose_result_message(int result);
        static native Pointer wsclose_version();
        static native int wsclose_info(int code, Pointer out);
        static native int wsclose_parse_close_payload(Pointer payload, long length, short[] codeOut,
                long[] reasonOut, long[] reasonLenOut);
        static native int wsclose_encode_close_payload(int code, byte[] reason, long length, byte[] out, long cap,
                long[] outLen);
        static native int wsclose_encode_close_payload_utf16(int code, short[] reason, long length, byte[] out,
                long cap, long[] outLen);
        static native int wsclose_classify_many(short[] codes, byte[] out, long count);
        static native int wsclose_profile_count();
        static native Pointer wsclose_profile_name(int profile);
        static native int wsclose_profile_by_name(byte[] name, long length);
        static native int wsclose_profile_by_subprotocol(byte[] token, long length);
        static native int wsclose_profile_advice(int profile, int code);
        static native Pointer wsclose_profile_code_name(int profile, int code);
        static native Pointer wsclose_profile_code_description(int profile, int code);
        static native int wsclose_policy_default(Pointer out);
        static native int wsclose_policy_decide(Pointer policy, int code, boolean wasClean, int attempt, long random,
                long[] delayOut);
        static native int wsclose_explain(int code, int wasClean, byte[] out, long cap);
        static native Pointer wsclose_cause_const_name(int cause);
        static native Pointer wsclose_cause_summary(int cause);
        static native Pointer wsclose_cause_check(int cause);
        static native int wsclose_browser_close_event(int engine, Pointer payload, long length, boolean dropped,
                Pointer out);
        static native int wsclose_browser_close(int engine, boolean hasCode, double code, boolean hasReason,
                short[] reason, long length, short[] codeOut, byte[] hasCodeOut, byte[] reasonOut, long cap,
                long[] reasonLenOut);
    }

    /** A static NUL-terminated UTF-8 string of the library, or null for a NULL pointer. */
    private static String string(Pointer pointer) {
        return pointer == null ? null : pointer.getString(0, "UTF-8");
    }

    /** {@code length} bytes at {@code address} (memory the library or this call owns). */
    private static byte[] bytes(long address, long length) {
        return length == 0 ? new byte[0] : new Pointer(address).getByteArray(0, Math.toIntExact(length));
    }

    /** A copy of {@code bytes} in native memory, or null for none (the C side gets NULL). */
    private static Memory copy(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        Memory memory = new Memory(bytes.length);
        memory.write(0, bytes, 0, bytes.length);
        return memory;
    }

    /** UTF-16 code units as the {@code uint16_t} array JNA passes, or null for none. */
    private static short[] units(char[] chars) {
        if (chars.length == 0) {
            return null;
        }
        short[] units = new short[chars.length];
        for (int i = 0; i < chars.length; i++) {
            units[i] = (short) chars[i];
        }
        return units;
    }

    static int classify(char code) {
        return C.wsclose_classify(code) & 0xFF;
    }

    static boolean isSendable(char code) {
        return C.wsclose_is_sendable(code) != 0;
    }

    static boolean isLocalOnly(char code) {
        return C.wsclose_is_local_only(code) != 0;
    }

    static boolean isBrowserCloseable(char code) {
        return C.wsclose_is_browser_closeable(code) != 0;
    }

    static boolean isOk(char code) {
        return C.wsclose_is_ok(code) != 0;
    }

    static int reconnect(char code) {
        return C.wsclose_reconnect(code) & 0xFF;
    }

    static String name(char code) {
        return string(C.wsclose_name(code));
    }

    static String constName(char code) {
        return string(C.wsclose_const_name(code));
    }

    static String description(char code) {
        return string(C.wsclose_description(code));
    }

    static String categoryLabel(int category) {
        return string(C.wsclose_category_label(category));
    }

    static String reconnectLabel(int advice) {
        return string(C.wsclose_reconnect_label(advice));
    }

    /** The library's text for any result number. */
    static String resultMessage(int result) {
        return string(C.wsclose_result_message(result));
    }

    /** The close code to answer a peer with after the error {@code result} (1002 or 1007), 0 for none. */
    static int resultCloseCode(int result) {
        return C.wsclose_result_close_code(result) & 0xFFFF;
    }

    static String version() {
        return string(C.wsclose_version());
    }

    /** {@code wsclose_info}: the scalar fields into {@code fields} ({@code Abi.I_*}), name and description into {@code texts}. */
    static int info(char code, int[] fields, String[] texts) {
        try (Memory out = new Memory(Abi.INFO_SIZE)) {
            int result = C.wsclose_info(code, out);
            fields[Abi.I_CODE] = out.getShort(Abi.INFO_CODE) & 0xFFFF;
            fields[Abi.I_CATEGORY] = out.getByte(Abi.INFO_CATEGORY) & 0xFF;
            fields[Abi.I_RECONNECT] = out.getByte(Abi.INFO_RECONNECT) & 0xFF;
            fields[Abi.I_SENDABLE] = out.getByte(Abi.INFO_SENDABLE);
            fields[Abi.I_LOCAL_ONLY] = out.getByte(Abi.INFO_LOCAL_ONLY);
            fields[Abi.I_BROWSER_CLOSEABLE] = out.getByte(Abi.INFO_BROWSER_CLOSEABLE);
            fields[Abi.I_OK] = out.getByte(Abi.INFO_OK);
            texts[0] = string(out.getPointer(Abi.INFO_NAME));
            texts[1] = string(out.getPointer(Abi.INFO_DESCRIPTION));
            return result;
        }
    }

    /** {@code wsclose_parse_close_payload}: the code into {@code code[0]}, the reason's bytes into {@code reason[0]}. */
    static int parseClosePayload(byte[] payload, int[] code, byte[][] reason) {
        Memory in = copy(payload);
        try {
            short[] codeOut = new short[1];
            long[] reasonOut = new long[1];
            long[] reasonLenOut = new long[1];
            int result = C.wsclose_parse_close_payload(in, payload.length, codeOut, reasonOut, reasonLenOut);
            code[0] = codeOut[0] & 0xFFFF;
            reason[0] = result == Abi.OK ? bytes(reasonOut[0], reasonLenOut[0]) : new byte[0];
            return result;
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }

    static int encodeClosePayload(char code, byte[] reason, byte[] out, long[] outLen) {
        return C.wsclose_encode_close_payload(code, reason.length == 0 ? null : reason, reason.length, out,
                out.length, outLen);
    }

    static int encodeClosePayloadUtf16(char code, char[] reason, byte[] out, long[] outLen) {
        return C.wsclose_encode_close_payload_utf16(code, units(reason), reason.length, out, out.length, outLen);
    }

    static int classifyMany(char[] codes, byte[] categories) {
        return C.wsclose_classify_many(units(codes), codes.length == 0 ? null : categories, codes.length);
    }

    static int profileCount() {
        return C.wsclose_profile_count();
    }

    static String profileName(int profile) {
        return string(C.wsclose_profile_name(profile));
    }

    static int profileByName(byte[] name) {
        return C.wsclose_profile_by_name(name.length == 0 ? null : name, name.length);
    }

    static int profileBySubprotocol(byte[] token) {
        return C.wsclose_profile_by_subprotocol(token.length == 0 ? null : token, token.length);
    }

    static int profileAdvice(int profile, char code) {
        return C.wsclose_profile_advice(profile, code);
    }

    static String profileCodeName(int profile, char code) {
        return string(C.wsclose_profile_code_name(profile, code));
    }

    static String profileCodeDescription(int profile, char code) {
        return string(C.wsclose_profile_code_description(profile, code));
    }

    /** {@code wsclose_policy_default}: the scalar fields into {@code fields} ({@code Abi.P_*}), the override arrays into {@code codes} and {@code advice}. */
    static int policyDefault(long[] fields, char[] codes, byte[] advice) {
        try (Memory p = new Memory(Abi.POLICY_SIZE)) {
            p.clear();
            int result = C.wsclose_policy_default(p);
            fields[Abi.P_PROFILE] = p.getInt(Abi.POLICY_PROFILE);
            fields[Abi.P_BASE_MS] = p.getLong(Abi.POLICY_BASE_MS);
            fields[Abi.P_CAP_MS] = p.getLong(Abi.POLICY_CAP_MS);
            fields[Abi.P_MAX_ATTEMPTS] = p.getInt(Abi.POLICY_MAX_ATTEMPTS) & 0xFFFF_FFFFL;
            fields[Abi.P_HAS_MAX_ATTEMPTS] = p.getByte(Abi.POLICY_HAS_MAX_ATTEMPTS);
            fields[Abi.P_RETRY_UNSPECIFIED] = p.getByte(Abi.POLICY_RETRY_UNSPECIFIED);
            fields[Abi.P_OVERRIDE_COUNT] = p.getInt(Abi.POLICY_OVERRIDE_COUNT) & 0xFFFF_FFFFL;
            for (int i = 0; i < Abi.POLICY_MAX_OVERRIDES; i++) {
                codes[i] = (char) p.getShort(Abi.POLICY_OVERRIDE_CODES + 2L * i);
                advice[i] = p.getByte(Abi.POLICY_OVERRIDE_ADVICE + i);
            }
            return result;
        }
    }

    /** {@code wsclose_policy_decide} over the policy whose fields are given; the delay into {@code delay[0]}. */
    static int policyDecide(long[] fields, char[] codes, byte[] advice, char code, boolean wasClean, int attempt,
            long random, long[] delay) {
        try (Memory p = new Memory(Abi.POLICY_SIZE)) {
            p.clear();
            p.setInt(Abi.POLICY_PROFILE, (int) fields[Abi.P_PROFILE]);
            p.setLong(Abi.POLICY_BASE_MS, fields[Abi.P_BASE_MS]);
            p.setLong(Abi.POLICY_CAP_MS, fields[Abi.P_CAP_MS]);
            p.setInt(Abi.POLICY_MAX_ATTEMPTS, (int) fields[Abi.P_MAX_ATTEMPTS]);
            p.setByte(Abi.POLICY_HAS_MAX_ATTEMPTS, (byte) fields[Abi.P_HAS_MAX_ATTEMPTS]);
            p.setByte(Abi.POLICY_RETRY_UNSPECIFIED, (byte) fields[Abi.P_RETRY_UNSPECIFIED]);
            p.setInt(Abi.POLICY_OVERRIDE_COUNT, (int) fields[Abi.P_OVERRIDE_COUNT]);
            for (int i = 0; i < Abi.POLICY_MAX_OVERRIDES; i++) {
                p.setShort(Abi.POLICY_OVERRIDE_CODES + 2L * i, (short) codes[i]);
                p.setByte(Abi.POLICY_OVERRIDE_ADVICE + i, advice[i]);
            }
            return C.wsclose_policy_decide(p, code, wasClean, attempt, random, delay);
        }
    }

    /** {@code wsclose_explain} into {@code causes} (its length is the capacity); the count or an error. */
    static int explain(char code, int wasClean, byte[] causes) {
        return C.wsclose_explain(code, wasClean, causes, causes.length);
    }

    static String causeConstName(int cause) {
        return string(C.wsclose_cause_const_name(cause));
    }

    static String causeSummary(int cause) {
        return string(C.wsclose_cause_summary(cause));
    }

    static String causeCheck(int cause) {
        return string(C.wsclose_cause_check(cause));
    }

    /** {@code wsclose_browser_close_event}: scalar fields into {@code fields} ({@code Abi.E_*}), reason and reply reason bytes into {@code texts}. */
    static int browserCloseEvent(int engine, byte[] payload, boolean dropped, int[] fields, byte[][] texts) {
        Memory in = copy(payload);
        try (Memory out = new Memory(Abi.EVENT_SIZE)) {
            out.clear();
            int result = C.wsclose_browser_close_event(engine, in, payload.length, dropped, out);
            fields[Abi.E_CODE] = out.getShort(Abi.EVENT_CODE) & 0xFFFF;
            fields[Abi.E_WAS_CLEAN] = out.getByte(Abi.EVENT_WAS_CLEAN);
            fields[Abi.E_ERROR_FIRED] = out.getByte(Abi.EVENT_ERROR_FIRED);
            fields[Abi.E_REPLY_KIND] = out.getByte(Abi.EVENT_REPLY_KIND) & 0xFF;
            fields[Abi.E_REPLY_CODE] = out.getShort(Abi.EVENT_REPLY_CODE) & 0xFFFF;
            if (result == Abi.OK) {
                texts[0] = bytes(out.getLong(Abi.EVENT_REASON), out.getLong(Abi.EVENT_REASON_LEN));
                texts[1] = bytes(out.getLong(Abi.EVENT_REPLY_REASON), out.getLong(Abi.EVENT_REPLY_REASON_LEN));
            }
            return result;
        } finally {
            if (in != null) {
                in.close();
            }
        }
    }

    /** {@code wsclose_browser_close}: {@code code[0]} the code sent, {@code code[1]} 1 when one is sent; the reason into {@code reasonOut}, its length into {@code reasonLen[0]}. */
    static int browserClose(int engine, boolean hasCode, double code, boolean hasReason, char[] reason, int[] codeOut,
            byte[] reasonOut, long[] reasonLen) {
        short[] sentCode = new short[1];
        byte[] sentHasCode = new byte[1];
        int result = C.wsclose_browser_close(engine, hasCode, code, hasReason, units(reason), reason.length, sentCode,
                sentHasCode, reasonOut, reasonOut.length, reasonLen);
        codeOut[0] = sentCode[0] & 0xFFFF;
        codeOut[1] = sentHasCode[0];
        return result;
    }
}
