package dev.wsclose;

/**
 * Numbers of the C ABI ({@code include/wsclose.h}) that both routes of {@link Native} use: result
 * numbers the binding tells apart, and the byte offsets and sizes of the structs it fills or reads
 * (x86-64 / AArch64 LP64 layout, as {@code ffi-c/abi/wsclose.abi} lists them; {@code AbiTest}
 * checks every number here against that file).
 */
final class Abi {
    private Abi() {}

    /** {@code WSCLOSE_OK}, {@code WSCLOSE_ERR_UNKNOWN_PROFILE}, {@code WSCLOSE_ERR_INVALID_ACCESS}, {@code WSCLOSE_ERR_SYNTAX}. */
    static final int OK = 0;
    static final int ERR_UNKNOWN_PROFILE = -203;
    static final int ERR_INVALID_ACCESS = -301;
    static final int ERR_SYNTAX = -302;
    /** {@code WSCLOSE_POLICY_MAX_OVERRIDES}: the arrays of {@code struct wsclose_policy}. */
    static final int POLICY_MAX_OVERRIDES = 8;

    /** {@code struct wsclose_code_info}. */
    static final int INFO_CODE = 0;
    static final int INFO_CATEGORY = 2;
    static final int INFO_RECONNECT = 3;
    static final int INFO_SENDABLE = 4;
    static final int INFO_LOCAL_ONLY = 5;
    static final int INFO_BROWSER_CLOSEABLE = 6;
    static final int INFO_OK = 7;
    static final int INFO_NAME = 8;
    static final int INFO_DESCRIPTION = 16;
    static final int INFO_SIZE = 24;

    /** {@code struct wsclose_policy}. */
    static final int POLICY_PROFILE = 0;
    static final int POLICY_BASE_MS = 8;
    static final int POLICY_CAP_MS = 16;
    static final int POLICY_MAX_ATTEMPTS = 24;
    static final int POLICY_HAS_MAX_ATTEMPTS = 28;
    static final int POLICY_RETRY_UNSPECIFIED = 29;
    static final int POLICY_OVERRIDE_COUNT = 32;
    static final int POLICY_OVERRIDE_CODES = 36;
    static final int POLICY_OVERRIDE_ADVICE = 52;
    static final int POLICY_SIZE = 64;

    /** {@code struct wsclose_close_event}. */
    static final int EVENT_CODE = 0;
    static final int EVENT_WAS_CLEAN = 2;
    static final int EVENT_ERROR_FIRED = 3;
    static final int EVENT_REASON = 8;
    static final int EVENT_REASON_LEN = 16;
    static final int EVENT_REPLY_KIND = 24;
    static final int EVENT_REPLY_CODE = 26;
    static final int EVENT_REPLY_REASON = 32;
    static final int EVENT_REPLY_REASON_LEN = 40;
    static final int EVENT_SIZE = 48;

    /** The alignment of the three structs (they hold pointers or 64-bit integers). */
    static final int STRUCT_ALIGN = 8;

    /** Indices into the {@code long[]} that carries the scalar fields of a policy through {@link Native}. */
    static final int P_PROFILE = 0;
    static final int P_BASE_MS = 1;
    static final int P_CAP_MS = 2;
    static final int P_MAX_ATTEMPTS = 3;
    static final int P_HAS_MAX_ATTEMPTS = 4;
    static final int P_RETRY_UNSPECIFIED = 5;
    static final int P_OVERRIDE_COUNT = 6;
    static final int P_FIELDS = 7;

    /** Indices into the {@code int[]} that carries the scalar fields of a code info. */
    static final int I_CODE = 0;
    static final int I_CATEGORY = 1;
    static final int I_RECONNECT = 2;
    static final int I_SENDABLE = 3;
    static final int I_LOCAL_ONLY = 4;
    static final int I_BROWSER_CLOSEABLE = 5;
    static final int I_OK = 6;
    static final int I_FIELDS = 7;

    /** Indices into the {@code int[]} that carries the scalar fields of a close event. */
    static final int E_CODE = 0;
    static final int E_WAS_CLEAN = 1;
    static final int E_ERROR_FIRED = 2;
    static final int E_REPLY_KIND = 3;
    static final int E_REPLY_CODE = 4;
    static final int E_FIELDS = 5;
}
