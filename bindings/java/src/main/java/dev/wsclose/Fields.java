package dev.wsclose;

/**
 * How the two routes of {@link Native} hand struct fields and policy operations to the public
 * classes: positions in the {@code int[]} carriers, and the operation numbers of
 * {@link Native#policySet}. These are this binding's own conventions, not facts of the C ABI
 * (those are in the generated {@link Abi}).
 */
final class Fields {
    private Fields() {}

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

    /** The {@code wsclose_policy_*} call {@link Native#policySet} makes. */
    static final int POLICY_INIT = 0;
    static final int POLICY_SET_PROFILE = 1;
    static final int POLICY_SET_BASE_MS = 2;
    static final int POLICY_SET_CAP_MS = 3;
    static final int POLICY_SET_MAX_ATTEMPTS = 4;
    static final int POLICY_SET_RETRY_UNSPECIFIED = 5;
    static final int POLICY_SET_OVERRIDE = 6;
}
