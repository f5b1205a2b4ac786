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
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The downcall handles into libwsclose (the frozen C ABI of {@code include/wsclose.h}).
 *
 * <p>C {@code uint16_t} travels as {@code JAVA_CHAR}, the one unsigned 16-bit carrier, so codes
 * above 32767 arrive zero-extended as the callee expects; {@code uint8_t} comes back as
 * {@code JAVA_BYTE} and is masked, {@code bool} as {@code JAVA_BOOLEAN}, {@code size_t} as
 * {@code JAVA_LONG}.
 *
 * <p>Loading a library, linking downcalls and reading its C strings are restricted methods: this
 * class is the one place that uses them, hence the suppressed lint.
 */
@SuppressWarnings("restricted")
final class Native {
    private Native() {}

    /** System property naming the library file. */
    static final String LIBRARY_PROPERTY = "wsclose.library";
    /** Environment variable naming the library file, read when the property is unset. */
    static final String LIBRARY_ENV = "WSCLOSE_LIBRARY";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBRARY = openLibrary();

    /** {@code struct wsclose_code_info}. */
    static final StructLayout CODE_INFO = MemoryLayout.structLayout(
            JAVA_CHAR.withName("code"),
            JAVA_BYTE.withName("category"),
            JAVA_BYTE.withName("reconnect"),
            JAVA_BOOLEAN.withName("sendable"),
            JAVA_BOOLEAN.withName("local_only"),
            JAVA_BOOLEAN.withName("browser_closeable"),
            JAVA_BOOLEAN.withName("ok"),
            ADDRESS.withName("name"),
            ADDRESS.withName("description"));

    static final long INFO_CODE = offset("code");
    static final long INFO_CATEGORY = offset("category");
    static final long INFO_RECONNECT = offset("reconnect");
    static final long INFO_SENDABLE = offset("sendable");
    static final long INFO_LOCAL_ONLY = offset("local_only");
    static final long INFO_BROWSER_CLOSEABLE = offset("browser_closeable");
    static final long INFO_OK = offset("ok");
    static final long INFO_NAME = offset("name");
    static final long INFO_DESCRIPTION = offset("description");

    // Scalar queries are tiny, never block and never call back: "critical" downcalls skip the
    // thread state transition, which is most of the cost of a call this small.
    static final MethodHandle CLASSIFY = critical("wsclose_classify", FunctionDescriptor.of(JAVA_BYTE, JAVA_CHAR));
    static final MethodHandle IS_SENDABLE = critical("wsclose_is_sendable", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    static final MethodHandle IS_LOCAL_ONLY = critical("wsclose_is_local_only", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    static final MethodHandle IS_BROWSER_CLOSEABLE =
            critical("wsclose_is_browser_closeable", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    static final MethodHandle IS_OK = critical("wsclose_is_ok", FunctionDescriptor.of(JAVA_BOOLEAN, JAVA_CHAR));
    static final MethodHandle RECONNECT = critical("wsclose_reconnect", FunctionDescriptor.of(JAVA_BYTE, JAVA_CHAR));
    static final MethodHandle NAME = critical("wsclose_name", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    static final MethodHandle CONST_NAME = critical("wsclose_const_name", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    static final MethodHandle DESCRIPTION = critical("wsclose_description", FunctionDescriptor.of(ADDRESS, JAVA_CHAR));
    static final MethodHandle CATEGORY_LABEL = critical("wsclose_category_label", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle RECONNECT_LABEL = critical("wsclose_reconnect_label", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle RESULT_CLOSE_CODE =
            critical("wsclose_result_close_code", FunctionDescriptor.of(JAVA_CHAR, JAVA_INT));
    static final MethodHandle RESULT_MESSAGE = critical("wsclose_result_message", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle VERSION = critical("wsclose_version", FunctionDescriptor.of(ADDRESS));

    static final MethodHandle INFO = downcall("wsclose_info", FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS));
    static final MethodHandle PARSE_CLOSE_PAYLOAD = downcall("wsclose_parse_close_payload",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS));
    static final MethodHandle ENCODE_CLOSE_PAYLOAD = downcall("wsclose_encode_close_payload",
            FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle ENCODE_CLOSE_PAYLOAD_UTF16 = downcall("wsclose_encode_close_payload_utf16",
            FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS));
    static final MethodHandle CLASSIFY_MANY =
            downcall("wsclose_classify_many", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));

    // Profiles, the reconnect policy, explain and the browser model.
    static final MethodHandle PROFILE_COUNT = critical("wsclose_profile_count", FunctionDescriptor.of(JAVA_INT));
    static final MethodHandle PROFILE_NAME = critical("wsclose_profile_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle PROFILE_BY_NAME =
            downcall("wsclose_profile_by_name", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle PROFILE_BY_SUBPROTOCOL =
            downcall("wsclose_profile_by_subprotocol", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle PROFILE_ADVICE =
            critical("wsclose_profile_advice", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_CHAR));
    static final MethodHandle PROFILE_CODE_NAME =
            critical("wsclose_profile_code_name", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_CHAR));
    static final MethodHandle PROFILE_CODE_DESCRIPTION =
            critical("wsclose_profile_code_description", FunctionDescriptor.of(ADDRESS, JAVA_INT, JAVA_CHAR));
    static final MethodHandle POLICY_DEFAULT = downcall("wsclose_policy_default", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    static final MethodHandle POLICY_DECIDE = downcall("wsclose_policy_decide",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_CHAR, JAVA_BOOLEAN, JAVA_INT, JAVA_LONG, ADDRESS));
    static final MethodHandle EXPLAIN =
            downcall("wsclose_explain", FunctionDescriptor.of(JAVA_INT, JAVA_CHAR, JAVA_INT, ADDRESS, JAVA_LONG));
    static final MethodHandle CAUSE_CONST_NAME =
            critical("wsclose_cause_const_name", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle CAUSE_SUMMARY = critical("wsclose_cause_summary", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle CAUSE_CHECK = critical("wsclose_cause_check", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    static final MethodHandle BROWSER_CLOSE_EVENT = downcall("wsclose_browser_close_event",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_BOOLEAN, ADDRESS));
    static final MethodHandle BROWSER_CLOSE = downcall("wsclose_browser_close", FunctionDescriptor.of(JAVA_INT,
            JAVA_INT, JAVA_BOOLEAN, JAVA_DOUBLE, JAVA_BOOLEAN, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG,
            ADDRESS));

    /** {@code WSCLOSE_ERR_UNKNOWN_PROFILE}, {@code WSCLOSE_ERR_INVALID_ACCESS}, {@code WSCLOSE_ERR_SYNTAX}. */
    static final int ERR_UNKNOWN_PROFILE = -203;
    static final int ERR_INVALID_ACCESS = -301;
    static final int ERR_SYNTAX = -302;
    /** {@code WSCLOSE_POLICY_MAX_OVERRIDES}: the arrays of {@code struct wsclose_policy}. */
    static final int POLICY_MAX_OVERRIDES = 8;

    /** {@code struct wsclose_policy}. */
    static final StructLayout POLICY = MemoryLayout.structLayout(
            JAVA_INT.withName("profile"),
            MemoryLayout.paddingLayout(4),
            JAVA_LONG.withName("base_ms"),
            JAVA_LONG.withName("cap_ms"),
            JAVA_INT.withName("max_attempts"),
            JAVA_BOOLEAN.withName("has_max_attempts"),
            JAVA_BOOLEAN.withName("retry_unspecified"),
            MemoryLayout.paddingLayout(2),
            JAVA_INT.withName("override_count"),
            MemoryLayout.sequenceLayout(POLICY_MAX_OVERRIDES, JAVA_CHAR).withName("override_codes"),
            MemoryLayout.sequenceLayout(POLICY_MAX_OVERRIDES, JAVA_BYTE).withName("override_advice"),
            MemoryLayout.paddingLayout(4));

    /** {@code struct wsclose_close_event}. */
    static final StructLayout CLOSE_EVENT = MemoryLayout.structLayout(
            JAVA_CHAR.withName("code"),
            JAVA_BOOLEAN.withName("was_clean"),
            JAVA_BOOLEAN.withName("error_fired"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("reason"),
            JAVA_LONG.withName("reason_len"),
            JAVA_BYTE.withName("reply_kind"),
            MemoryLayout.paddingLayout(1),
            JAVA_CHAR.withName("reply_code"),
            MemoryLayout.paddingLayout(4),
            ADDRESS.withName("reply_reason"),
            JAVA_LONG.withName("reply_reason_len"));

    static long field(StructLayout layout, String name) {
        return layout.byteOffset(MemoryLayout.PathElement.groupElement(name));
    }

    private static long offset(String field) {
        return CODE_INFO.byteOffset(MemoryLayout.PathElement.groupElement(field));
    }

    private static SymbolLookup openLibrary() {
        String path = System.getProperty(LIBRARY_PROPERTY);
        String from = "-D" + LIBRARY_PROPERTY;
        if (path == null || path.isEmpty()) {
            path = System.getenv(LIBRARY_ENV);
            from = "$" + LIBRARY_ENV;
        }
        if (path != null && !path.isEmpty()) {
            Path file = Path.of(path);
            if (!Files.isRegularFile(file)) {
                throw new UnsatisfiedLinkError("wsclose: " + from + " names " + file + ", which does not exist");
            }
            return SymbolLookup.libraryLookup(file, Arena.global());
        }
        String name = System.mapLibraryName("wsclose");
        Path bundled = bundledLibrary(name);
        if (bundled != null) {
            return SymbolLookup.libraryLookup(bundled, Arena.global());
        }
        try {
            // The dynamic loader's own search: LD_LIBRARY_PATH, the ld.so cache, /usr/lib ...
            return SymbolLookup.libraryLookup(name, Arena.global());
        } catch (IllegalArgumentException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("wsclose: cannot load " + name
                    + "; install libwsclose or point -D" + LIBRARY_PROPERTY + " or $" + LIBRARY_ENV + " at the file");
            error.initCause(e);
            throw error;
        }
    }

    /**
     * The copy of the library inside the jar ({@code native/<os>-<arch>/libwsclose.so}, put there
     * by {@code make dist}), written to a temporary file that the loader can open; null when the
     * jar has none for this platform (a development build), so the loader's search runs.
     */
    private static Path bundledLibrary(String name) {
        String os = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "");
        String arch = System.getProperty("os.arch").replace("amd64", "x86_64");
        String resource = "/native/" + os + "-" + arch + "/" + name;
        try (java.io.InputStream in = Native.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Path file = Files.createTempFile("wsclose-", "-" + name);
            file.toFile().deleteOnExit();
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (java.io.IOException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("wsclose: cannot extract " + resource);
            error.initCause(e);
            throw error;
        }
    }

    private static MemorySegment symbol(String name) {
        return LIBRARY.find(name).orElseThrow(
                () -> new UnsatisfiedLinkError("wsclose: the library has no symbol " + name));
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor);
    }

    private static MethodHandle critical(String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(symbol(name), descriptor, Linker.Option.critical(false));
    }

    /** A static NUL-terminated UTF-8 string of the library, or null for a NULL pointer. */
    static String string(MemorySegment pointer) {
        if (pointer.equals(MemorySegment.NULL)) {
            return null;
        }
        // The library's strings are static and NUL-terminated; the length is found by getString.
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /** {@code length} bytes of the library's memory at {@code pointer}. */
    static MemorySegment bytes(MemorySegment pointer, long length) {
        return pointer.reinterpret(length);
    }

    /** The library's text for any result number. */
    static String resultMessage(int result) {
        try {
            return string((MemorySegment) RESULT_MESSAGE.invokeExact(result));
        } catch (Throwable t) {
            throw WsClose.rethrow(t);
        }
    }

    /** The close code to answer a peer with after the error {@code result} (1002 or 1007), 0 for none. */
    static int resultCloseCode(int result) {
        try {
            return (char) RESULT_CLOSE_CODE.invokeExact(result);
        } catch (Throwable t) {
            throw WsClose.rethrow(t);
        }
    }
}
