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
        static native int wsclose_profile_intent_range_count(int profile, int intent);
        static native int wsclose_profile_intent_range(int profile, int intent, int index, short[] firstOut,
                short[] lastOut, int[] adviceOut);
        static native int wsclose_profile_check_intent(int profile, int code, int intent, int[] adviceOut,
                int[] belowOut, int[] aboveOut);
        static native Pointer wsclose_profile_code_name(int profile, int code);
        static native Pointer wsclose_profile_code_description(int profile, int code);
        static native int wsclose_policy_init(Pointer out);
        static native int wsclose_policy_set_profile(Pointer policy, int profile);
        static native int wsclose_policy_set_base_ms(Pointer policy, long ms);
        static native int wsclose_policy_set_cap_ms(Pointer policy, long ms);
        static native int wsclose_policy_set_max_attempts(Pointer policy, long maxAttempts);
        static native int wsclose_policy_set_retry_unspecified(Pointer policy, int retry);
        static native int wsclose_policy_set_override(Pointer policy, int code, int advice);
        static native int wsclose_policy_decide(Pointer policy, int code, int wasClean, int attempt, long random,
                long[] delayOut);
        static native int wsclose_policy_advice(Pointer policy, int code, int wasClean);
        static native int wsclose_explain(int code, int wasClean, byte[] out, long cap);
        static native Pointer wsclose_cause_const_name(int cause);
        static native Pointer wsclose_cause_summary(int cause);
        static native Pointer wsclose_cause_check(int cause);
        static native int wsclose_browser_close_event(int engine, Pointer payload, long length, int received,
                Pointer out);
        static native int wsclose_browser_close(int engine, int hasCode, double code, int hasReason,
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

    /** {@code wsclose_info}: the scalar fields into {@code fields} ({@code Fields.I_*}), name and description into {@code texts}. */
    static int info(char code, int[] fields, String[] texts) {
        try (Memory out = new Memory(Abi.CODE_INFO_SIZE)) {
            int result = C.wsclose_info(code, out);
            fields[Fields.I_CODE] = out.getShort(Abi.CODE_INFO_CODE) & 0xFFFF;
            fields[Fields.I_CATEGORY] = out.getByte(Abi.CODE_INFO_CATEGORY) & 0xFF;
            fields[Fields.I_RECONNECT] = out.getByte(Abi.CODE_INFO_RECONNECT) & 0xFF;
            fields[Fields.I_SENDABLE] = out.getByte(Abi.CODE_INFO_SENDABLE);
            fields[Fields.I_LOCAL_ONLY] = out.getByte(Abi.CODE_INFO_LOCAL_ONLY);
            fields[Fields.I_BROWSER_CLOSEABLE] = out.getByte(Abi.CODE_INFO_BROWSER_CLOSEABLE);
            fields[Fields.I_OK] = out.getByte(Abi.CODE_INFO_OK);
            texts[0] = string(out.getPointer(Abi.CODE_INFO_NAME));
            texts[1] = string(out.getPointer(Abi.CODE_INFO_DESCRIPTION));
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

    static int profileIntentRangeCount(int profile, int intent) {
        return C.wsclose_profile_intent_range_count(profile, intent);
    }

    /** {@code wsclose_profile_intent_range}: first, last and advice into {@code out[0..2]}. */
    static int profileIntentRange(int profile, int intent, int index, int[] out) {
        short[] first = new short[1];
        short[] last = new short[1];
        int[] advice = new int[1];
        int result = C.wsclose_profile_intent_range(profile, intent, index, first, last, advice);
        out[0] = Short.toUnsignedInt(first[0]);
        out[1] = Short.toUnsignedInt(last[0]);
        out[2] = advice[0];
        return result;
    }

    /** {@code wsclose_profile_check_intent}: advice, below and above into {@code out[0..2]}. */
    static int profileCheckIntent(int profile, char code, int intent, int[] out) {
        int[] advice = new int[1];
        int[] below = new int[1];
        int[] above = new int[1];
        int result = C.wsclose_profile_check_intent(profile, code, intent, advice, below, above);
        out[0] = advice[0];
        out[1] = below[0];
        out[2] = above[0];
        return result;
    }

    static String profileCodeName(int profile, char code) {
        return string(C.wsclose_profile_code_name(profile, code));
    }

    static String profileCodeDescription(int profile, char code) {
        return string(C.wsclose_profile_code_description(profile, code));
    }

    /** A copy of the policy's bytes in native memory (8-aligned, as {@code malloc} gives). */
    private static Memory policyMemory(byte[] policy) {
        Memory p = new Memory(Abi.POLICY_SIZE);
        p.write(0, policy, 0, Abi.POLICY_SIZE);
        return p;
    }

    /**
     * The {@code wsclose_policy_*} call {@code op} ({@code Fields.POLICY_*}) on the policy whose
     * bytes {@code policy} holds, with the arguments {@code a} and {@code b}; the bytes are copied
     * back, so {@code policy} holds the result.
     */
    static int policySet(byte[] policy, int op, long a, long b) {
        try (Memory p = policyMemory(policy)) {
            int result = switch (op) {
                case Fields.POLICY_INIT -> C.wsclose_policy_init(p);
                case Fields.POLICY_SET_PROFILE -> C.wsclose_policy_set_profile(p, (int) a);
                case Fields.POLICY_SET_BASE_MS -> C.wsclose_policy_set_base_ms(p, a);
                case Fields.POLICY_SET_CAP_MS -> C.wsclose_policy_set_cap_ms(p, a);
                case Fields.POLICY_SET_MAX_ATTEMPTS -> C.wsclose_policy_set_max_attempts(p, a);
                case Fields.POLICY_SET_RETRY_UNSPECIFIED -> C.wsclose_policy_set_retry_unspecified(p, (int) a);
                case Fields.POLICY_SET_OVERRIDE -> C.wsclose_policy_set_override(p, (int) a, (int) b);
                default -> throw new IllegalArgumentException("policy operation " + op);
            };
            p.read(0, policy, 0, Abi.POLICY_SIZE);
            return result;
        }
    }

    /** {@code wsclose_policy_advice} over the policy whose bytes {@code policy} holds: the advice number or an error. */
    static int policyAdvice(byte[] policy, char code, boolean wasClean) {
        try (Memory p = policyMemory(policy)) {
            return C.wsclose_policy_advice(p, code, wasClean ? 1 : 0);
        }
    }

    /** {@code wsclose_policy_decide} over the policy whose bytes {@code policy} holds; the delay into {@code delay[0]}. */
    static int policyDecide(byte[] policy, char code, boolean wasClean, int attempt, long random, long[] delay) {
        try (Memory p = policyMemory(policy)) {
            return C.wsclose_policy_decide(p, code, wasClean ? 1 : 0, attempt, random, delay);
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

    /** {@code wsclose_browser_close_event}: scalar fields into {@code fields} ({@code Fields.E_*}), reason and reply reason bytes into {@code texts}. */
    static int browserCloseEvent(int engine, byte[] payload, int received, int[] fields, byte[][] texts) {
        Memory in = copy(payload);
        try (Memory out = new Memory(Abi.CLOSE_EVENT_SIZE)) {
            out.clear();
            int result = C.wsclose_browser_close_event(engine, in, payload.length,
                    received, out);
            fields[Fields.E_CODE] = out.getShort(Abi.CLOSE_EVENT_CODE) & 0xFFFF;
            fields[Fields.E_WAS_CLEAN] = out.getByte(Abi.CLOSE_EVENT_WAS_CLEAN);
            fields[Fields.E_ERROR_FIRED] = out.getByte(Abi.CLOSE_EVENT_ERROR_FIRED);
            fields[Fields.E_REPLY_KIND] = out.getByte(Abi.CLOSE_EVENT_REPLY_KIND) & 0xFF;
            fields[Fields.E_REPLY_CODE] = out.getShort(Abi.CLOSE_EVENT_REPLY_CODE) & 0xFFFF;
            if (result == Abi.OK) {
                texts[0] = bytes(out.getLong(Abi.CLOSE_EVENT_REASON), out.getLong(Abi.CLOSE_EVENT_REASON_LEN));
                texts[1] = bytes(out.getLong(Abi.CLOSE_EVENT_REPLY_REASON), out.getLong(Abi.CLOSE_EVENT_REPLY_REASON_LEN));
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
        int result = C.wsclose_browser_close(engine, hasCode ? 1 : 0, code, hasReason ? 1 : 0, units(reason),
                reason.length, sentCode,
                sentHasCode, reasonOut, reasonOut.length, reasonLen);
        codeOut[0] = sentCode[0] & 0xFFFF;
        codeOut[1] = sentHasCode[0];
        return result;
    }
}
