// THE ONE PLACE where this package spells facts of the C ABI that no generated file carries yet:
// the wasm32 layouts of `struct wsclose_policy` and `struct wsclose_close_event`, and the C ABI's
// own result numbers (`enum wsclose_result`, the block the core does not number). Every other
// file imports them from here. test/abi.test.mjs checks each result number against
// `wsclose_result_message` and each layout against the module's own answers.
//
// TODO(abi): replace with ./abi.generated.ts (xtask emits it from ffi-c) once the ABI builds the
// policy by calls and generates its wasm32 layouts and result numbers.

/** `struct wsclose_policy` in wasm32 (repr(C): u64 fields 8-aligned, size_t and pointers 4 bytes). */
export const POLICY = Object.freeze({
  size: 64,
  align: 8,
  offsets: Object.freeze({
    profile: 0, //          int32_t
    base_ms: 8, //          uint64_t
    cap_ms: 16, //          uint64_t
    max_attempts: 24, //    uint32_t
    has_max_attempts: 28, // bool
    retry_unspecified: 29, // bool
    override_count: 32, //  uint32_t
    override_codes: 36, //  uint16_t[POLICY_MAX_OVERRIDES]
    override_advice: 52, // uint8_t[POLICY_MAX_OVERRIDES]
  }),
});

/** `struct wsclose_close_event` in wasm32. */
export const CLOSE_EVENT = Object.freeze({
  size: 24,
  align: 4,
  offsets: Object.freeze({
    code: 0, //              uint16_t
    was_clean: 2, //         bool
    error_fired: 3, //       bool
    reason: 4, //            const uint8_t *
    reason_len: 8, //        size_t
    reply_kind: 12, //       uint8_t
    reply_code: 14, //       uint16_t
    reply_reason: 16, //     const uint8_t *
    reply_reason_len: 20, // size_t
  }),
});

/** The C ABI's own results (`enum wsclose_result`): a stable block the core does not number. */
export const RESULT = Object.freeze({
  WSCLOSE_ERR_NULL_ARGUMENT: -201,
  WSCLOSE_ERR_INVALID_ARGUMENT: -202,
  WSCLOSE_ERR_UNKNOWN_PROFILE: -203,
  WSCLOSE_ERR_INVALID_ACCESS: -301,
  WSCLOSE_ERR_SYNTAX: -302,
});
