package dev.wsclose;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_CHAR;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The one seam between the public classes and libwsclose, JDK 22 and newer: the same static
 * methods as the JDK 17 class of {@code src/main/java} (JNA), over the Foreign Function &amp;
 * Memory API. The multi-release jar carries this class under {@code META-INF/versions/22}.
 * Neither class holds any rule: they convert types and copy bytes.
 *
 * <p>C {@code uint16_t} travels as {@code JAVA_CHAR}, the one unsigned 16-bit carrier, so codes
 * above 32767 arrive zero-extended as the callee expects; {@code uint8_t} comes back as
 * {@code JAVA_BYTE} and is masked, the {@code bool} results of the predicates as
 * {@code JAVA_BOOLEAN}, the {@code int32_t} flags (0 or 1) as {@code JAVA_INT}, {@code size_t} as
 * {@code JAVA_LONG}. Struct fields are read at the offsets of the generated {@link Abi}.
 *
 * <p>Loading a library, linking downcalls and reading its C strings are restricted methods: this
 * class is the one place that uses them, hence the suppressed lint.
 */
@SuppressWarnings("restricted")
final class Native {
    private Native() {}

    /**
     * Which route this class is: {@code "ffm"} here, {@code "jna"} in the base class. A method, not a
     * constant: javac would copy a constant into every caller, compiled against the base class.
     */
    static String route() {
        return "ffm";
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBRARY = openLibrary();

    // Scalar queries are tiny, never block and never call back: "critical" downcalls skip the
    // thread state transition, which is most of the cost of a call this small.
    private static final MethodHandle CLASSIFY = critical("wsclose_classify", FunctionDescriptor.of(JAVA_BYTE, JAVA_CHAR));
    private static final MethodHandle IS_SENDABLE = critical("wsclose_is_sendable", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    private static final MethodHandle IS_LOCAL_ONLY = critical("wsclose_is_local_only", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    private static final MethodHandle IS_BROWSER_CLOSEABLE =
            critical("wsclose_is_browser_closeable", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    private static final MethodHandle IS_OK = critical("wsclose_is_ok", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    private static final MethodHandle RECONNECT = critical("wsclose_reconnect", FunctionDescriptor.of(JAVA_BYTE, JAVA_CHAR));
    private static final MethodHandle NAME = critical("wsclose_name", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    private static final MethodHandle CONST_NAME = critical("wsclose_const_name", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    private static final MethodHandle DESCRIPTION = critical("wsclose_description", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    private static final MethodHandle CATEGORY_LABEL = critical("wsclose_category_label", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle RECONNECT_LABEL = critical("wsclose_reconnect_label", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle RESULT_CLOSE_CODE =
            critical("wsclose_result_close_code", FunctionDescriptor.of(JAVA_CHAR, JAVA_INT));
    private static final MethodHandle RESULT_MESSAGE = critical("wsclose_result_message", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle VERSION = critical("wsclose_version", FunctionDescriptor.of(ADDRESS));

    private static final MethodHandle INFO = downcall("wsclose_info", FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS));
    private static final MethodHandle PARSE_CLOSE_PAYLOAD = downcall("wsclose_parse_close_payload",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle ENCODE_CLOSE_PAYLOAD = downcall("wsclose_encode_close_payload",
            FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle ENCODE_CLOSE_PAYLOAD_UTF16 = downcall("wsclose_encode_close_payload_utf16",
            FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    private static final MethodHandle CLASSIFY_MANY =
            downcall("wsclose_classify_many", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));

    // Profiles, the reconnect policy, explain and the browser model.
    private static final MethodHandle PROFILE_COUNT = critical("wsclose_profile_count", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PROFILE_NAME = critical("wsclose_profile_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle PROFILE_BY_NAME =
            downcall("wsclose_profile_by_name", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle PROFILE_BY_SUBPROTOCOL =
            downcall("wsclose_profile_by_subprotocol", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle PROFILE_ADVICE =
            critical("wsclose_profile_advice", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_CHAR));
    private static final MethodHandle PROFILE_INTENT_RANGE_COUNT =
            critical("wsclose_profile_intent_range_count", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle PROFILE_INTENT_RANGE = downcall("wsclose_profile_intent_range",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle PROFILE_CHECK_INTENT = downcall("wsclose_profile_check_intent",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_CHAR, JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle PROFILE_CODE_NAME =
            critical("wsclose_profile_code_name", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_CHAR));
    private static final MethodHandle PROFILE_CODE_DESCRIPTION =
            critical("wsclose_profile_code_description", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_CHAR));
    private static final MethodHandle POLICY_INIT = downcall("wsclose_policy_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle POLICY_SET_PROFILE =
            downcall("wsclose_policy_set_profile", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLICY_SET_BASE_MS =
            downcall("wsclose_policy_set_base_ms", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLICY_SET_CAP_MS =
            downcall("wsclose_policy_set_cap_ms", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLICY_SET_MAX_ATTEMPTS =
            downcall("wsclose_policy_set_max_attempts", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle POLICY_SET_RETRY_UNSPECIFIED =
            downcall("wsclose_policy_set_retry_unspecified", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle POLICY_SET_OVERRIDE =
            downcall("wsclose_policy_set_override", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_CHAR, JAVA_INT));
    private static final MethodHandle POLICY_ADVICE =
            downcall("wsclose_policy_advice", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_CHAR, JAVA_INT));
    private static final MethodHandle POLICY_DECIDE = downcall("wsclose_policy_decide",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_CHAR, JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle EXPLAIN =
            downcall("wsclose_explain", FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle CAUSE_CONST_NAME =
            critical("wsclose_cause_const_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle CAUSE_SUMMARY = critical("wsclose_cause_summary", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle CAUSE_CHECK = critical("wsclose_cause_check", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle BROWSER_CLOSE_EVENT = downcall("wsclose_browser_close_event",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle BROWSER_CLOSE = downcall("wsclose_browser_close", FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_INT, JAVA_DOUBLE, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG,
            ADDRESS));

    private static SymbolLookup openLibrary() {
        Path file = NativeLibrary.file();
        if (file != null) {
            return SymbolLookup.libraryLookup(file, Arena.global());
        }
        try {
            // The dynamic loader's own search: LD_LIBRARY_PATH, the ld.so cache, /usr/lib ...
            return SymbolLookup.libraryLookup(NativeLibrary.systemName(), Arena.global());
        } catch (IllegalArgumentException e) {
            throw NativeLibrary.notFound(e);
        }
    }

    private static MemorySegment symbol(String name) {
        return LIBRARY.find(name).orElseThrow(() -> NativeLibrary.noSymbol(name));
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MethodHandle critical(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.critical(false));
    }

    /** Unwraps what {@code invokeExact} may throw; downcalls themselves throw nothing checked. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("wsclose: unexpected exception from a downcall", t);
    }

    /** A static NUL-terminated UTF-8 string of the library, or null for a NULL pointer. */
    private static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        // The library's strings are static and NUL-terminated; the length is found by getString.
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** {@code length} bytes at {@code pointer} (memory the library or this call owns). */
    private static byte[] bytes(MemorySegment pointer, long length) {
        return length == 0 ? new byte[0] : pointer.reinterpret(length).toArray(JAVA_BYTE);
    }

    /** A copy of {@code bytes} in {@code arena}, or NULL for none. */
    private static MemorySegment copy(Arena arena, byte[] bytes) {
        return bytes.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_BYTE, bytes);
    }

    /** A copy of UTF-16 code units in {@code arena}, or NULL for none. */
    private static MemorySegment copy(Arena arena, char[] units) {
        return units.length == 0 ? MemorySegment.NULL : arena.allocateFrom(JAVA_CHAR, units);
    }

    static int classify(char code) {
        try {
            return (byte) CLASSIFY.invokeExact(code) & 0xFF;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean isSendable(char code) {
        try {
            return (boolean) IS_SENDABLE.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean isLocalOnly(char code) {
        try {
            return (boolean) IS_LOCAL_ONLY.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean isBrowserCloseable(char code) {
        try {
            return (boolean) IS_BROWSER_CLOSEABLE.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static boolean isOk(char code) {
        try {
            return (boolean) IS_OK.invokeExact(code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int reconnect(char code) {
        try {
            return (byte) RECONNECT.invokeExact(code) & 0xFF;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** One of the functions {@code const char *f(uint16_t)}. */
    private static String stringOf(MethodHandle handle, char code) {
        try {
            return string((MemorySegment) handle.invokeExact(code));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** One of the functions {@code const char *f(uint32_t)}. */
    private static String stringOf(MethodHandle handle, int number) {
        try {
            return string((MemorySegment) handle.invokeExact(number));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String name(char code) {
        return stringOf(NAME, code);
    }

    static String constName(char code) {
        return stringOf(CONST_NAME, code);
    }

    static String description(char code) {
        return stringOf(DESCRIPTION, code);
    }

    static String categoryLabel(int category) {
        return stringOf(CATEGORY_LABEL, category);
    }

    static String reconnectLabel(int advice) {
        return stringOf(RECONNECT_LABEL, advice);
    }

    /** The library's text for any result number. */
    static String resultMessage(int result) {
        return stringOf(RESULT_MESSAGE, result);
    }

    /** The close code to answer a peer with after the error {@code result} (1002 or 1007), 0 for none. */
    static int resultCloseCode(int result) {
        try {
            return (char) RESULT_CLOSE_CODE.invokeExact(result);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String version() {
        try {
            return string((MemorySegment) VERSION.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_info}: the scalar fields into {@code fields} ({@code Fields.I_*}), name and description into {@code texts}. */
    static int info(char code, int[] fields, String[] texts) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(Abi.CODE_INFO_SIZE, Abi.CODE_INFO_ALIGN);
            int result = (int) INFO.invokeExact(code, out);
            fields[Fields.I_CODE] = out.get(JAVA_CHAR, Abi.CODE_INFO_CODE);
            fields[Fields.I_CATEGORY] = out.get(JAVA_BYTE, Abi.CODE_INFO_CATEGORY) & 0xFF;
            fields[Fields.I_RECONNECT] = out.get(JAVA_BYTE, Abi.CODE_INFO_RECONNECT) & 0xFF;
            fields[Fields.I_SENDABLE] = out.get(JAVA_BYTE, Abi.CODE_INFO_SENDABLE);
            fields[Fields.I_LOCAL_ONLY] = out.get(JAVA_BYTE, Abi.CODE_INFO_LOCAL_ONLY);
            fields[Fields.I_BROWSER_CLOSEABLE] = out.get(JAVA_BYTE, Abi.CODE_INFO_BROWSER_CLOSEABLE);
            fields[Fields.I_OK] = out.get(JAVA_BYTE, Abi.CODE_INFO_OK);
            texts[0] = string(out.get(ADDRESS, Abi.CODE_INFO_NAME));
            texts[1] = string(out.get(ADDRESS, Abi.CODE_INFO_DESCRIPTION));
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_parse_close_payload}: the code into {@code code[0]}, the reason's bytes into {@code reason[0]}. */
    static int parseClosePayload(byte[] payload, int[] code, byte[][] reason) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, payload);
            MemorySegment codeOut = arena.allocate(JAVA_CHAR);
            MemorySegment reasonOut = arena.allocate(ADDRESS);
            MemorySegment reasonLenOut = arena.allocate(JAVA_LONG);
            int result = (int) PARSE_CLOSE_PAYLOAD.invokeExact(in, (long) payload.length, codeOut, reasonOut,
                    reasonLenOut);
            code[0] = codeOut.get(JAVA_CHAR, 0);
            reason[0] = result == Abi.OK ? bytes(reasonOut.get(ADDRESS, 0), reasonLenOut.get(JAVA_LONG, 0)) : new byte[0];
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int encodeClosePayload(char code, byte[] reason, byte[] out, long[] outLen) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, reason);
            MemorySegment buffer = arena.allocate(out.length);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int result = (int) ENCODE_CLOSE_PAYLOAD.invokeExact(code, in, (long) reason.length, buffer,
                    (long) out.length, length);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, out, 0, out.length);
            outLen[0] = length.get(JAVA_LONG, 0);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int encodeClosePayloadUtf16(char code, char[] reason, byte[] out, long[] outLen) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, reason);
            MemorySegment buffer = arena.allocate(out.length);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int result = (int) ENCODE_CLOSE_PAYLOAD_UTF16.invokeExact(code, in, (long) reason.length, buffer,
                    (long) out.length, length);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, out, 0, out.length);
            outLen[0] = length.get(JAVA_LONG, 0);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int classifyMany(char[] codes, byte[] categories) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, codes);
            MemorySegment out = codes.length == 0 ? MemorySegment.NULL : arena.allocate(codes.length);
            int result = (int) CLASSIFY_MANY.invokeExact(in, out, (long) codes.length);
            if (codes.length > 0) {
                MemorySegment.copy(out, JAVA_BYTE, 0, categories, 0, codes.length);
            }
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int profileCount() {
        try {
            return (int) PROFILE_COUNT.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String profileName(int profile) {
        return stringOf(PROFILE_NAME, profile);
    }

    /** One of the lookups {@code int32_t f(const char *, size_t)}. */
    private static int lookup(MethodHandle handle, byte[] text) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) handle.invokeExact(copy(arena, text), (long) text.length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int profileByName(byte[] name) {
        return lookup(PROFILE_BY_NAME, name);
    }

    static int profileBySubprotocol(byte[] token) {
        return lookup(PROFILE_BY_SUBPROTOCOL, token);
    }

    static int profileAdvice(int profile, char code) {
        try {
            return (int) PROFILE_ADVICE.invokeExact(profile, code);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** One of the functions {@code const char *f(uint32_t profile, uint16_t code)}. */
    private static String stringOf(MethodHandle handle, int profile, char code) {
        try {
            return string((MemorySegment) handle.invokeExact(profile, code));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String profileCodeName(int profile, char code) {
        return stringOf(PROFILE_CODE_NAME, profile, code);
    }

    static String profileCodeDescription(int profile, char code) {
        return stringOf(PROFILE_CODE_DESCRIPTION, profile, code);
    }

    /** A copy of the policy's bytes in native memory, aligned as the C struct. */
    private static MemorySegment policySegment(Arena arena, byte[] policy) {
        MemorySegment p = arena.allocate(Abi.POLICY_SIZE, Abi.POLICY_ALIGN);
        MemorySegment.copy(policy, 0, p, JAVA_BYTE, 0, Abi.POLICY_SIZE);
        return p;
    }

    /**
     * The {@code wsclose_policy_*} call {@code op} ({@code Fields.POLICY_*}) on the policy whose
     * bytes {@code policy} holds, with the arguments {@code a} and {@code b}; the bytes are copied
     * back, so {@code policy} holds the result.
     */
    static int policySet(byte[] policy, int op, long a, long b) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = policySegment(arena, policy);
            int result = switch (op) {
                case Fields.POLICY_INIT -> (int) POLICY_INIT.invokeExact(p);
                case Fields.POLICY_SET_PROFILE -> (int) POLICY_SET_PROFILE.invokeExact(p, (int) a);
                case Fields.POLICY_SET_BASE_MS -> (int) POLICY_SET_BASE_MS.invokeExact(p, a);
                case Fields.POLICY_SET_CAP_MS -> (int) POLICY_SET_CAP_MS.invokeExact(p, a);
                case Fields.POLICY_SET_MAX_ATTEMPTS -> (int) POLICY_SET_MAX_ATTEMPTS.invokeExact(p, a);
                case Fields.POLICY_SET_RETRY_UNSPECIFIED -> (int) POLICY_SET_RETRY_UNSPECIFIED.invokeExact(p, (int) a);
                case Fields.POLICY_SET_OVERRIDE -> (int) POLICY_SET_OVERRIDE.invokeExact(p, (char) a, (int) b);
                default -> throw new IllegalArgumentException("policy operation " + op);
            };
            MemorySegment.copy(p, JAVA_BYTE, 0, policy, 0, Abi.POLICY_SIZE);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static int profileIntentRangeCount(int profile, int intent) {
        try {
            return (int) PROFILE_INTENT_RANGE_COUNT.invokeExact(profile, intent);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_profile_intent_range}: first, last and advice into {@code out[0..2]}. */
    static int profileIntentRange(int profile, int intent, int index, int[] out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment first = arena.allocate(JAVA_CHAR);
            MemorySegment last = arena.allocate(JAVA_CHAR);
            MemorySegment advice = arena.allocate(JAVA_INT);
            int result = (int) PROFILE_INTENT_RANGE.invokeExact(profile, intent, index, first, last, advice);
            out[0] = first.get(JAVA_CHAR, 0);
            out[1] = last.get(JAVA_CHAR, 0);
            out[2] = advice.get(JAVA_INT, 0);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_profile_check_intent}: advice, below and above into {@code out[0..2]}. */
    static int profileCheckIntent(int profile, char code, int intent, int[] out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = arena.allocate(JAVA_INT, 3);
            int result = (int) PROFILE_CHECK_INTENT.invokeExact(profile, code, intent, values,
                    values.asSlice(4), values.asSlice(8));
            for (int i = 0; i < 3; i++) {
                out[i] = values.getAtIndex(JAVA_INT, i);
            }
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_policy_advice} over the policy whose bytes {@code policy} holds: the advice number or an error. */
    static int policyAdvice(byte[] policy, char code, boolean wasClean) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = policySegment(arena, policy);
            return (int) POLICY_ADVICE.invokeExact(p, code, wasClean ? 1 : 0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_policy_decide} over the policy whose bytes {@code policy} holds; the delay into {@code delay[0]}. */
    static int policyDecide(byte[] policy, char code, boolean wasClean, int attempt, long random, long[] delay) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment p = policySegment(arena, policy);
            MemorySegment delayOut = arena.allocate(JAVA_LONG);
            int result = (int) POLICY_DECIDE.invokeExact(p, code, wasClean ? 1 : 0, attempt, random, delayOut);
            delay[0] = delayOut.get(JAVA_LONG, 0);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_explain} into {@code causes} (its length is the capacity); the count or an error. */
    static int explain(char code, int wasClean, byte[] causes) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(causes.length);
            int count = (int) EXPLAIN.invokeExact(code, wasClean, out, (long) causes.length);
            MemorySegment.copy(out, JAVA_BYTE, 0, causes, 0, causes.length);
            return count;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    static String causeConstName(int cause) {
        return stringOf(CAUSE_CONST_NAME, cause);
    }

    static String causeSummary(int cause) {
        return stringOf(CAUSE_SUMMARY, cause);
    }

    static String causeCheck(int cause) {
        return stringOf(CAUSE_CHECK, cause);
    }

    /** {@code wsclose_browser_close_event}: scalar fields into {@code fields} ({@code Fields.E_*}), reason and reply reason bytes into {@code texts}. */
    static int browserCloseEvent(int engine, byte[] payload, int received, int[] fields, byte[][] texts) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, payload);
            MemorySegment out = arena.allocate(Abi.CLOSE_EVENT_SIZE, Abi.CLOSE_EVENT_ALIGN);
            int result = (int) BROWSER_CLOSE_EVENT.invokeExact(engine, in, (long) payload.length,
                    received, out);
            fields[Fields.E_CODE] = out.get(JAVA_CHAR, Abi.CLOSE_EVENT_CODE);
            fields[Fields.E_WAS_CLEAN] = out.get(JAVA_BYTE, Abi.CLOSE_EVENT_WAS_CLEAN);
            fields[Fields.E_ERROR_FIRED] = out.get(JAVA_BYTE, Abi.CLOSE_EVENT_ERROR_FIRED);
            fields[Fields.E_REPLY_KIND] = out.get(JAVA_BYTE, Abi.CLOSE_EVENT_REPLY_KIND) & 0xFF;
            fields[Fields.E_REPLY_CODE] = out.get(JAVA_CHAR, Abi.CLOSE_EVENT_REPLY_CODE);
            if (result == Abi.OK) {
                texts[0] = bytes(out.get(ADDRESS, Abi.CLOSE_EVENT_REASON), out.get(JAVA_LONG, Abi.CLOSE_EVENT_REASON_LEN));
                texts[1] = bytes(out.get(ADDRESS, Abi.CLOSE_EVENT_REPLY_REASON), out.get(JAVA_LONG, Abi.CLOSE_EVENT_REPLY_REASON_LEN));
            }
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code wsclose_browser_close}: {@code code[0]} the code sent, {@code code[1]} 1 when one is sent; the reason into {@code reasonOut}, its length into {@code reasonLen[0]}. */
    static int browserClose(int engine, boolean hasCode, double code, boolean hasReason, char[] reason, int[] codeOut,
            byte[] reasonOut, long[] reasonLen) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment in = copy(arena, reason);
            MemorySegment sentCode = arena.allocate(JAVA_CHAR);
            MemorySegment sentHasCode = arena.allocate(JAVA_BYTE);
            MemorySegment buffer = arena.allocate(reasonOut.length);
            MemorySegment length = arena.allocate(JAVA_LONG);
            int result = (int) BROWSER_CLOSE.invokeExact(engine, hasCode ? 1 : 0, code, hasReason ? 1 : 0, in,
                    (long) reason.length,
                    sentCode, sentHasCode, buffer, (long) reasonOut.length, length);
            codeOut[0] = sentCode.get(JAVA_CHAR, 0);
            codeOut[1] = sentHasCode.get(JAVA_BYTE, 0);
            MemorySegment.copy(buffer, JAVA_BYTE, 0, reasonOut, 0, reasonOut.length);
            reasonLen[0] = length.get(JAVA_LONG, 0);
            return result;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }
}
