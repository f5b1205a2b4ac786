//! The C ABI of application-protocol profiles and the reconnect policy
//! (`core/src/profile.rs`, `core/src/policy.rs`, docs/profiles.md). As everywhere in this crate,
//! no rule lives here: profiles cross as their index in `Profile::ALL`, advice as its number,
//! and the policy as a plain struct the caller owns, rebuilt into the core's policy per call.

use std::ffi::c_char;
#[cfg(test)]
use std::ffi::CStr;
use std::ptr;

use wsclose_core::{Advice, CloseCode, Decision, Intent, Profile, ReconnectPolicy};

use crate::wsclose_result::{self, *};
use crate::{advice_label, c_ptr, guard, input, profile_code, profile_name};

/// Reconnect advice of a profile (the core's `Advice`).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_advice {
    /// Fatal: do not reconnect.
    WSCLOSE_ADVICE_STOP = 0,
    /// Reconnect after a backoff delay and start afresh.
    WSCLOSE_ADVICE_RETRY = 1,
    /// Reconnect after a backoff delay and resume the previous session.
    WSCLOSE_ADVICE_RESUME = 2,
    /// Neither the profile nor the standard says (a 3000–4999 code the profile leaves open).
    WSCLOSE_ADVICE_UNSPECIFIED = 3,
}

impl From<Advice> for wsclose_advice {
    fn from(advice: Advice) -> Self {
        match advice {
            Advice::Stop => wsclose_advice::WSCLOSE_ADVICE_STOP,
            Advice::Retry => wsclose_advice::WSCLOSE_ADVICE_RETRY,
            Advice::Resume => wsclose_advice::WSCLOSE_ADVICE_RESUME,
            Advice::Unspecified => wsclose_advice::WSCLOSE_ADVICE_UNSPECIFIED,
        }
    }
}

fn profile_at(index: u32) -> Option<Profile> {
    usize::try_from(index)
        .ok()
        .and_then(|i| Profile::ALL.get(i).copied())
}

fn index_of(profile: Option<Profile>) -> i32 {
    profile
        .and_then(|p| Profile::ALL.iter().position(|q| *q == p))
        .map_or(WSCLOSE_ERR_UNKNOWN_PROFILE as i32, |i| i as i32)
}

/// The number of profiles; their indexes are 0 .. count-1, in name order.
#[no_mangle]
pub extern "C" fn wsclose_profile_count() -> u32 {
    guard(0, || Profile::ALL.len() as u32)
}

/// The name of profile `profile` (e.g. `"discord-gateway"`: static, NUL-terminated), or NULL
/// for an index that no profile has.
#[no_mangle]
pub extern "C" fn wsclose_profile_name(profile: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(profile_name(profile)))
}

/// The profile called `name` (`len` bytes, no NUL needed), as an index, or
/// `WSCLOSE_ERR_UNKNOWN_PROFILE`.
///
/// # Safety
/// `name` must point to `len` readable bytes (or be NULL with `len == 0`).
#[no_mangle]
pub unsafe extern "C" fn wsclose_profile_by_name(name: *const c_char, len: usize) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        // SAFETY: per the contract.
        match unsafe { input(name.cast::<u8>(), len) } {
            Ok(bytes) => index_of(std::str::from_utf8(bytes).ok().and_then(Profile::by_name)),
            Err(err) => err as i32,
        }
    })
}

/// The profile negotiated by the `Sec-WebSocket-Protocol` token `token` (`len` bytes; exact,
/// case-sensitive), as an index, or `WSCLOSE_ERR_UNKNOWN_PROFILE`.
///
/// # Safety
/// `token` must point to `len` readable bytes (or be NULL with `len == 0`).
#[no_mangle]
pub unsafe extern "C" fn wsclose_profile_by_subprotocol(token: *const c_char, len: usize) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        // SAFETY: per the contract.
        match unsafe { input(token.cast::<u8>(), len) } {
            Ok(bytes) => index_of(std::str::from_utf8(bytes).ok().and_then(Profile::by_subprotocol)),
            Err(err) => err as i32,
        }
    })
}

/// The advice of profile `profile` for `code` (a `wsclose_advice` number), or
/// `WSCLOSE_ERR_UNKNOWN_PROFILE`.
#[no_mangle]
pub extern "C" fn wsclose_profile_advice(profile: u32, code: u16) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || match profile_at(profile) {
        Some(p) => wsclose_advice::from(p.advice(CloseCode::new(code))) as i32,
        None => WSCLOSE_ERR_UNKNOWN_PROFILE as i32,
    })
}

/// The name profile `profile` gives `code` (static, NUL-terminated), or NULL when it names none.
#[no_mangle]
pub extern "C" fn wsclose_profile_code_name(profile: u32, code: u16) -> *const c_char {
    guard(ptr::null(), || {
        c_ptr(profile_code(profile, code).map(|row| row.0))
    })
}

/// What `code` means in profile `profile` (static, NUL-terminated), or NULL when it names none.
#[no_mangle]
pub extern "C" fn wsclose_profile_code_description(profile: u32, code: u16) -> *const c_char {
    guard(ptr::null(), || {
        c_ptr(profile_code(profile, code).map(|row| row.1))
    })
}

/// A short label for advice number `advice` (e.g. `"stop"`), or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn wsclose_advice_label(advice: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(advice_label(advice)))
}

/// What a server wants a profile's clients to do after it closes (the core's `Intent`).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_intent {
    /// The clients stop reconnecting (advice `WSCLOSE_ADVICE_STOP`).
    WSCLOSE_INTENT_STOP = 0,
    /// The clients reconnect (advice `WSCLOSE_ADVICE_RETRY` or `WSCLOSE_ADVICE_RESUME`).
    WSCLOSE_INTENT_RETRY = 1,
}

const _: () = {
    assert!(wsclose_intent::WSCLOSE_INTENT_STOP as u8 == Intent::Stop as u8);
    assert!(wsclose_intent::WSCLOSE_INTENT_RETRY as u8 == Intent::Retry as u8);
};

fn intent_of(intent: u32) -> Option<Intent> {
    u8::try_from(intent).ok().and_then(Intent::from_u8)
}

/// The profile and intent of a call, or the result to return.
fn profile_and_intent(profile: u32, intent: u32) -> Result<(Profile, Intent), wsclose_result> {
    let profile = profile_at(profile).ok_or(WSCLOSE_ERR_UNKNOWN_PROFILE)?;
    let intent = intent_of(intent).ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)?;
    Ok((profile, intent))
}

/// How many ranges of codes make the clients of profile `profile` do what `intent` (a
/// `wsclose_intent` number) wants (`Profile::codes_for`); read each with
/// `wsclose_profile_intent_range`. Errors: `WSCLOSE_ERR_UNKNOWN_PROFILE`,
/// `WSCLOSE_ERR_INVALID_ARGUMENT` for an unknown intent number.
#[no_mangle]
pub extern "C" fn wsclose_profile_intent_range_count(profile: u32, intent: u32) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        match profile_and_intent(profile, intent) {
            Ok((profile, intent)) => profile.codes_for(intent).count() as i32,
            Err(err) => err as i32,
        }
    })
}

/// Range `index` (0 .. count-1, in code order) of `wsclose_profile_intent_range_count`: writes
/// its first and last code (inclusive) and the profile's advice for them (a `wsclose_advice`
/// number). Errors as for `wsclose_profile_intent_range_count`, `WSCLOSE_ERR_NULL_ARGUMENT`, and
/// `WSCLOSE_ERR_INVALID_ARGUMENT` for an index past the last range (nothing is written then).
///
/// # Safety
/// Each out-pointer must be NULL or point to a writable value of its type.
#[no_mangle]
pub unsafe extern "C" fn wsclose_profile_intent_range(
    profile: u32,
    intent: u32,
    index: u32,
    first_out: *mut u16,
    last_out: *mut u16,
    advice_out: *mut u32,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if first_out.is_null() || last_out.is_null() || advice_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let range = profile_and_intent(profile, intent).and_then(|(profile, intent)| {
            let index = usize::try_from(index).map_err(|_| WSCLOSE_ERR_INVALID_ARGUMENT)?;
            profile
                .codes_for(intent)
                .nth(index)
                .ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)
        });
        match range {
            Ok(range) => {
                // SAFETY: non-NULL and writable per the contract.
                unsafe {
                    first_out.write(range.first().as_u16());
                    last_out.write(range.last().as_u16());
                    advice_out.write(wsclose_advice::from(range.advice()) as u32);
                }
                WSCLOSE_OK
            }
            Err(err) => err,
        }
    })
}

/// Checks whether sending `code` makes the clients of profile `profile` do what `intent` wants
/// (`Profile::check_intent`). Returns `WSCLOSE_OK` when it does; `WSCLOSE_ERR_INTENT_NOT_MET`
/// when they follow another advice, written to `*advice_out` (a `wsclose_advice` number);
/// `WSCLOSE_ERR_INTENT_NOT_SENDABLE` when the code cannot be sent (`*advice_out` = -1). With
/// either of these two, `*below_out` and `*above_out` receive the nearest codes below and above
/// that would do what was intended, or -1 where there is none; on `WSCLOSE_OK` all three are -1.
/// Errors (nothing written): `WSCLOSE_ERR_NULL_ARGUMENT`, `WSCLOSE_ERR_UNKNOWN_PROFILE`,
/// `WSCLOSE_ERR_INVALID_ARGUMENT` for an unknown intent number.
///
/// # Safety
/// Each out-pointer must be NULL or point to a writable `int32_t`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_profile_check_intent(
    profile: u32,
    code: u16,
    intent: u32,
    advice_out: *mut i32,
    below_out: *mut i32,
    above_out: *mut i32,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if advice_out.is_null() || below_out.is_null() || above_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let (profile, intent) = match profile_and_intent(profile, intent) {
            Ok(pair) => pair,
            Err(err) => return err,
        };
        let near = |code: Option<CloseCode>| code.map_or(-1, |c| i32::from(c.as_u16()));
        let (result, advice, below, above) = match profile.check_intent(CloseCode::new(code), intent) {
            Ok(()) => (WSCLOSE_OK, -1, -1, -1),
            Err(miss) => match miss.advice() {
                Some(advice) => (
                    WSCLOSE_ERR_INTENT_NOT_MET,
                    wsclose_advice::from(advice) as i32,
                    near(miss.below()),
                    near(miss.above()),
                ),
                None => (
                    WSCLOSE_ERR_INTENT_NOT_SENDABLE,
                    -1,
                    near(miss.below()),
                    near(miss.above()),
                ),
            },
        };
        // SAFETY: non-NULL and writable per the contract.
        unsafe {
            advice_out.write(advice);
            below_out.write(below);
            above_out.write(above);
        }
        result
    })
}

/// How many codes a `wsclose_policy` can override.
pub const WSCLOSE_POLICY_MAX_OVERRIDES: usize = 8;
const _: () = assert!(WSCLOSE_POLICY_MAX_OVERRIDES == ReconnectPolicy::MAX_OVERRIDES);

/// The tag `wsclose_policy_init` writes into `_init`: a policy without it was never initialised.
const POLICY_INIT_TAG: u32 = 0x5753_4350; // "WSCP"

/// A reconnect policy: exponential backoff with full jitter that follows a profile's fatal set.
///
/// A value the caller owns (on the stack, in a struct, in wasm memory; wsclose never allocates),
/// whose fields are PRIVATE: do not read or write them. Initialise it with `wsclose_policy_init`,
/// change it with the `wsclose_policy_set_*` functions and use it with `wsclose_policy_decide`.
/// Every function checks the whole struct first, so a policy that `wsclose_policy_init` never
/// filled (for example `{0}`) or that was overwritten gives `WSCLOSE_ERR_INVALID_ARGUMENT`.
/// Copying the bytes of an initialised policy gives an equal policy.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct wsclose_policy {
    /// Private: the tag written by `wsclose_policy_init`.
    pub _init: u32,
    /// Private: a profile index, or -1 for none.
    pub _profile: i32,
    /// Private: the backoff base in milliseconds.
    pub _base_ms: u64,
    /// Private: the backoff cap in milliseconds.
    pub _cap_ms: u64,
    /// Private: the attempt limit (0 ..= UINT32_MAX), or -1 for none.
    pub _max_attempts: i64,
    /// Private: 1 to retry codes whose advice is unspecified, 0 to stop.
    pub _retry_unspecified: u8,
    /// Private: how many overrides are used (0 ..= 8).
    pub _override_count: u8,
    /// Private: the advice numbers of the overrides (unused entries are 0).
    pub _override_advice: [u8; WSCLOSE_POLICY_MAX_OVERRIDES],
    /// Private: the codes of the overrides (unused entries are 0).
    pub _override_codes: [u16; WSCLOSE_POLICY_MAX_OVERRIDES],
}

/// The core's policy for a C policy, or `WSCLOSE_ERR_INVALID_ARGUMENT` when any field is not
/// one that the `wsclose_policy_*` functions write.
fn core_policy(c: &wsclose_policy) -> Result<ReconnectPolicy, wsclose_result> {
    let invalid = WSCLOSE_ERR_INVALID_ARGUMENT;
    if c._init != POLICY_INIT_TAG {
        return Err(invalid);
    }
    let max_attempts = match c._max_attempts {
        -1 => None,
        n => Some(u32::try_from(n).map_err(|_| invalid)?),
    };
    let mut policy = ReconnectPolicy::new()
        .with_base_ms(c._base_ms)
        .with_cap_ms(c._cap_ms)
        .with_max_attempts(max_attempts)
        .with_retry_unspecified(flag(i32::from(c._retry_unspecified)).ok_or(invalid)?);
    if c._profile != -1 {
        let profile = u32::try_from(c._profile).ok().and_then(profile_at);
        policy = policy.with_profile(profile.ok_or(invalid)?);
    }
    let count = usize::from(c._override_count);
    if count > WSCLOSE_POLICY_MAX_OVERRIDES {
        return Err(invalid);
    }
    let used = c._override_codes.iter().zip(c._override_advice);
    for (i, (code, advice)) in used.enumerate() {
        if i >= count {
            if (*code, advice) != (0, 0) {
                return Err(invalid);
            }
            continue;
        }
        let advice = Advice::from_u8(advice).ok_or(invalid)?;
        policy
            .try_override(CloseCode::new(*code), advice)
            .map_err(|_| invalid)?;
    }
    if policy.overrides().len() != count {
        return Err(invalid); // a code listed twice: never written by wsclose_policy_set_override
    }
    Ok(policy)
}

/// An integer flag that must be exactly 0 or 1 (the rule for every `int32_t` flag of the ABI).
pub(crate) fn flag(value: i32) -> Option<bool> {
    match value {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    }
}

/// Checks `*policy`, lets `change` modify a copy, and stores the copy only when `change`
/// succeeds: a failed call leaves the policy as it was.
///
/// # Safety
/// `policy` must be NULL or point to a readable and writable `wsclose_policy`.
unsafe fn update(
    policy: *mut wsclose_policy,
    change: impl FnOnce(&mut wsclose_policy, ReconnectPolicy) -> Result<(), wsclose_result>,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if policy.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        // SAFETY: non-NULL and readable per the contract; every bit pattern is a valid value.
        let mut c = unsafe { policy.read() };
        let result = core_policy(&c).and_then(|core| change(&mut c, core));
        if result.is_ok() {
            // SAFETY: non-NULL and writable per the contract.
            unsafe { policy.write(c) };
        }
        result.err().unwrap_or(WSCLOSE_OK)
    })
}

/// Initialises `*out` to the default policy: no profile, base 1 s, cap 30 s, unlimited
/// attempts, unspecified codes retried, no overrides. Whatever `*out` held is overwritten.
///
/// # Safety
/// `out` must be NULL or point to a writable `wsclose_policy`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_init(out: *mut wsclose_policy) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let policy = ReconnectPolicy::new();
        let value = wsclose_policy {
            _init: POLICY_INIT_TAG,
            _profile: -1,
            _base_ms: policy.base_ms(),
            _cap_ms: policy.cap_ms(),
            _max_attempts: -1,
            _retry_unspecified: 1,
            _override_count: 0,
            _override_advice: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
            _override_codes: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
        };
        // SAFETY: non-NULL and writable per the contract.
        unsafe { out.write(value) };
        WSCLOSE_OK
    })
}

/// Follows profile `profile` (an index, `wsclose_profile_by_name`), or no profile for -1.
/// Errors: `WSCLOSE_ERR_NULL_ARGUMENT`, `WSCLOSE_ERR_INVALID_ARGUMENT` (a policy not
/// initialised by `wsclose_policy_init`), `WSCLOSE_ERR_UNKNOWN_PROFILE`. A failed call leaves the
/// policy unchanged; so do all `wsclose_policy_set_*` functions.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_profile(
    policy: *mut wsclose_policy,
    profile: i32,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, _| {
            if profile != -1 && u32::try_from(profile).ok().and_then(profile_at).is_none() {
                return Err(WSCLOSE_ERR_UNKNOWN_PROFILE);
            }
            c._profile = profile;
            Ok(())
        })
    }
}

/// Sets the backoff base in milliseconds: attempt `n` waits a random time in
/// 0 ..= min(cap, base·2^n). Errors as for `wsclose_policy_set_profile`.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_base_ms(
    policy: *mut wsclose_policy,
    base_ms: u64,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, _| {
            c._base_ms = base_ms;
            Ok(())
        })
    }
}

/// Sets the backoff cap in milliseconds: no delay is longer. Errors as for
/// `wsclose_policy_set_profile`.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_cap_ms(
    policy: *mut wsclose_policy,
    cap_ms: u64,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, _| {
            c._cap_ms = cap_ms;
            Ok(())
        })
    }
}

/// Stops once `max_attempts` reconnect attempts were made (0 ..= UINT32_MAX), or never for that
/// reason (-1). Errors as for `wsclose_policy_set_profile`; any other value gives
/// `WSCLOSE_ERR_INVALID_ARGUMENT`.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_max_attempts(
    policy: *mut wsclose_policy,
    max_attempts: i64,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, _| {
            if max_attempts != -1 && u32::try_from(max_attempts).is_err() {
                return Err(WSCLOSE_ERR_INVALID_ARGUMENT);
            }
            c._max_attempts = max_attempts;
            Ok(())
        })
    }
}

/// Retries (1, the default) or stops (0) on codes whose advice is unspecified. Errors as for
/// `wsclose_policy_set_profile`; a value other than 0 or 1 gives `WSCLOSE_ERR_INVALID_ARGUMENT`.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_retry_unspecified(
    policy: *mut wsclose_policy,
    retry: i32,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, _| {
            let retry = flag(retry).ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)?;
            c._retry_unspecified = u8::from(retry);
            Ok(())
        })
    }
}

/// Makes `code` answer `advice` (a `wsclose_advice` number), whatever the profile and the
/// standard say. The core's rule applies: setting a code again replaces its advice, and at most
/// `WSCLOSE_POLICY_MAX_OVERRIDES` codes have one. Errors as for `wsclose_policy_set_profile`,
/// and `WSCLOSE_ERR_INVALID_ARGUMENT` for an unknown advice number,
/// `WSCLOSE_ERR_TOO_MANY_OVERRIDES` for a ninth code.
///
/// # Safety
/// `policy` must be NULL or point to a `wsclose_policy` the caller may read and write.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_set_override(
    policy: *mut wsclose_policy,
    code: u16,
    advice: u32,
) -> wsclose_result {
    // SAFETY: per the contract.
    unsafe {
        update(policy, |c, mut core| {
            let advice = u8::try_from(advice)
                .ok()
                .and_then(Advice::from_u8)
                .ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)?;
            core.try_override(CloseCode::new(code), advice)
                .map_err(|_| WSCLOSE_ERR_TOO_MANY_OVERRIDES)?;
            let overrides = core.overrides();
            c._override_count = overrides.len() as u8;
            for (i, (codes, advices)) in c
                ._override_codes
                .iter_mut()
                .zip(&mut c._override_advice)
                .enumerate()
            {
                (*codes, *advices) = overrides
                    .get(i)
                    .map_or((0, 0), |(code, advice)| (code.as_u16(), *advice as u8));
            }
            Ok(())
        })
    }
}

/// The core policy a C `wsclose_policy` holds and a C `was_clean` flag (0 or 1), or the result
/// to return: `WSCLOSE_ERR_NULL_ARGUMENT` for NULL, `WSCLOSE_ERR_INVALID_ARGUMENT` for a struct
/// `wsclose_policy_init` did not make or a flag other than 0 or 1.
///
/// # Safety
/// `policy` is NULL or points to a readable `wsclose_policy`.
unsafe fn read_policy(
    policy: *const wsclose_policy,
    was_clean: i32,
) -> Result<(ReconnectPolicy, bool), wsclose_result> {
    if policy.is_null() {
        return Err(WSCLOSE_ERR_NULL_ARGUMENT);
    }
    // SAFETY: non-NULL and readable per the contract; every bit pattern is a valid value.
    let core = core_policy(&unsafe { policy.read() })?;
    let was_clean = flag(was_clean).ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)?;
    Ok((core, was_clean))
}

/// Decides after a close with `code` (`was_clean`: 1 or 0, as the stack reported it) when
/// `attempt` reconnect attempts were already made. `random` is a uniformly random 64-bit number
/// (the jitter; pass a fixed value in tests). Returns 1 and writes the delay to `*delay_ms_out`
/// to retry, 0 (and writes 0) to stop, or a negative `wsclose_result`:
/// `WSCLOSE_ERR_NULL_ARGUMENT`, or `WSCLOSE_ERR_INVALID_ARGUMENT` for a policy not initialised by
/// `wsclose_policy_init` or a `was_clean` other than 0 or 1 (`*delay_ms_out` is then untouched).
///
/// # Safety
/// `policy` must point to a readable `wsclose_policy`, `delay_ms_out` to a writable `uint64_t`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_decide(
    policy: *const wsclose_policy,
    code: u16,
    was_clean: i32,
    attempt: u32,
    random: u64,
    delay_ms_out: *mut u64,
) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        if delay_ms_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT as i32;
        }
        // SAFETY: forwarded contract: `policy` is NULL or readable.
        let (core, was_clean) = match unsafe { read_policy(policy, was_clean) } {
            Ok(read) => read,
            Err(err) => return err as i32,
        };
        let (answer, delay) = match core.decide(CloseCode::new(code), was_clean, attempt, || random) {
            Decision::Stop => (0, 0),
            Decision::RetryAfter(ms) => (1, ms),
        };
        // SAFETY: non-NULL and writable per the contract.
        unsafe { delay_ms_out.write(delay) };
        answer
    })
}

/// The policy's advice after a close with `code` (`was_clean`: 1 or 0, as the stack reported
/// it): the profile's advice with the overrides, the unclean-close rule and `retry_unspecified`
/// applied, so never `WSCLOSE_ADVICE_UNSPECIFIED`; the attempt limit is not applied (that is
/// `wsclose_policy_decide`'s). This is how a client tells RESUME from RETRY before it reconnects.
/// Returns the `wsclose_advice` number (>= 0), or a negative `wsclose_result`:
/// `WSCLOSE_ERR_NULL_ARGUMENT`, or `WSCLOSE_ERR_INVALID_ARGUMENT` for a policy not initialised by
/// `wsclose_policy_init` or a `was_clean` other than 0 or 1.
///
/// # Safety
/// `policy` must point to a readable `wsclose_policy`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_advice(
    policy: *const wsclose_policy,
    code: u16,
    was_clean: i32,
) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        // SAFETY: forwarded contract: `policy` is NULL or readable.
        match unsafe { read_policy(policy, was_clean) } {
            Ok((core, was_clean)) => core.advice(CloseCode::new(code), was_clean) as i32,
            Err(err) => err as i32,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_advice_is_the_core_policy_advice() {
        let mut policy = std::mem::MaybeUninit::<wsclose_policy>::zeroed();
        // SAFETY: a writable struct.
        unsafe {
            assert_eq!(wsclose_policy_init(policy.as_mut_ptr()), WSCLOSE_OK);
        }
        let discord = Profile::ALL
            .iter()
            .position(|p| *p == Profile::DISCORD_GATEWAY)
            .unwrap() as i32;
        // SAFETY: initialised above.
        unsafe {
            assert_eq!(
                wsclose_policy_set_profile(policy.as_mut_ptr(), discord),
                WSCLOSE_OK
            );
        }
        let core = ReconnectPolicy::new().with_profile(Profile::DISCORD_GATEWAY);
        for code in 0..=u16::MAX {
            for clean in [0, 1] {
                // SAFETY: an initialised policy.
                let got = unsafe { wsclose_policy_advice(policy.as_ptr(), code, clean) };
                assert_eq!(
                    got,
                    core.advice(CloseCode::new(code), clean == 1) as i32,
                    "{code} {clean}"
                );
            }
        }
        // SAFETY: NULL and bad flags are refused, never read.
        unsafe {
            assert_eq!(
                wsclose_policy_advice(ptr::null(), 4000, 1),
                WSCLOSE_ERR_NULL_ARGUMENT as i32
            );
            assert_eq!(
                wsclose_policy_advice(policy.as_ptr(), 4000, 2),
                WSCLOSE_ERR_INVALID_ARGUMENT as i32
            );
            let zeroed = std::mem::MaybeUninit::<wsclose_policy>::zeroed();
            assert_eq!(
                wsclose_policy_advice(zeroed.as_ptr(), 4000, 1),
                WSCLOSE_ERR_INVALID_ARGUMENT as i32
            );
        }
    }

    #[test]
    fn profile_indexes_round_trip() {
        assert_eq!(wsclose_profile_count() as usize, Profile::ALL.len());
        for (i, profile) in Profile::ALL.iter().enumerate() {
            // SAFETY: static NUL-terminated string.
            let name = unsafe { CStr::from_ptr(wsclose_profile_name(i as u32)) };
            assert_eq!(name.to_str(), Ok(profile.name()));
            // SAFETY: valid bytes.
            let found =
                unsafe { wsclose_profile_by_name(profile.name().as_ptr().cast(), profile.name().len()) };
            assert_eq!(found, i as i32);
            for token in profile.subprotocols() {
                // SAFETY: valid bytes.
                let by_token = unsafe { wsclose_profile_by_subprotocol(token.as_ptr().cast(), token.len()) };
                assert_eq!(by_token, i as i32);
            }
        }
        assert!(wsclose_profile_name(Profile::ALL.len() as u32).is_null());
        // SAFETY: valid bytes.
        assert_eq!(
            unsafe { wsclose_profile_by_name(c"nope".as_ptr(), 4) },
            WSCLOSE_ERR_UNKNOWN_PROFILE as i32
        );
        // SAFETY: NULL with a length is refused.
        assert_eq!(
            unsafe { wsclose_profile_by_name(ptr::null(), 3) },
            WSCLOSE_ERR_NULL_ARGUMENT as i32
        );
    }

    #[test]
    fn advice_and_policy_follow_the_core() {
        let gateway = Profile::ALL
            .iter()
            .position(|p| *p == Profile::DISCORD_GATEWAY)
            .unwrap();
        for code in 0..=u16::MAX {
            let want = Profile::DISCORD_GATEWAY.advice(CloseCode::new(code)) as i32;
            assert_eq!(wsclose_profile_advice(gateway as u32, code), want);
        }
        assert_eq!(
            wsclose_profile_advice(99, 1000),
            WSCLOSE_ERR_UNKNOWN_PROFILE as i32
        );
        let mut c = std::mem::MaybeUninit::<wsclose_policy>::uninit();
        // SAFETY: writable.
        assert_eq!(unsafe { wsclose_policy_init(c.as_mut_ptr()) }, WSCLOSE_OK);
        // SAFETY: initialised by the call above.
        let mut c = unsafe { c.assume_init() };
        // SAFETY (every call below): valid pointers.
        unsafe {
            assert_eq!(wsclose_policy_set_profile(&mut c, gateway as i32), WSCLOSE_OK);
            let mut delay = 7;
            assert_eq!(wsclose_policy_decide(&c, 4004, 1, 0, u64::MAX, &mut delay), 0);
            assert_eq!(delay, 0);
            assert_eq!(wsclose_policy_decide(&c, 4000, 1, 2, u64::MAX, &mut delay), 1);
            assert_eq!(delay, 4_000);
            assert_eq!(wsclose_policy_set_override(&mut c, 4000, 1), WSCLOSE_OK);
            assert_eq!(wsclose_policy_set_override(&mut c, 4000, 0), WSCLOSE_OK);
            assert_eq!(wsclose_policy_decide(&c, 4000, 1, 2, u64::MAX, &mut delay), 0);
            assert_eq!(c._override_count, 1, "a code set twice keeps one entry");
            for code in 4001..4008 {
                assert_eq!(wsclose_policy_set_override(&mut c, code, 2), WSCLOSE_OK);
            }
            let before = c;
            assert_eq!(
                wsclose_policy_set_override(&mut c, 4100, 2),
                WSCLOSE_ERR_TOO_MANY_OVERRIDES
            );
            assert_eq!(
                wsclose_policy_set_override(&mut c, 4007, 0),
                WSCLOSE_OK,
                "a ninth set of a known code"
            );
            assert_eq!(
                wsclose_policy_set_override(&mut c, 4000, 4),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                wsclose_policy_set_override(&mut c, 4000, 256),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(c._override_codes, before._override_codes);
            assert_eq!(
                wsclose_policy_set_profile(&mut c, 42),
                WSCLOSE_ERR_UNKNOWN_PROFILE
            );
            assert_eq!(
                wsclose_policy_set_profile(&mut c, -2),
                WSCLOSE_ERR_UNKNOWN_PROFILE
            );
            assert_eq!(c._profile, gateway as i32, "a failed call changes nothing");
            assert_eq!(
                wsclose_policy_set_max_attempts(&mut c, -2),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                wsclose_policy_set_max_attempts(&mut c, 1 << 32),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                wsclose_policy_set_max_attempts(&mut c, u32::MAX.into()),
                WSCLOSE_OK
            );
            assert_eq!(wsclose_policy_set_max_attempts(&mut c, 2), WSCLOSE_OK);
            assert_eq!(wsclose_policy_decide(&c, 1001, 1, 2, 0, &mut delay), 0);
            assert_eq!(
                wsclose_policy_set_retry_unspecified(&mut c, 2),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(wsclose_policy_set_retry_unspecified(&mut c, 0), WSCLOSE_OK);
            assert_eq!(wsclose_policy_set_base_ms(&mut c, 10), WSCLOSE_OK);
            assert_eq!(wsclose_policy_set_cap_ms(&mut c, 20), WSCLOSE_OK);
            assert_eq!(wsclose_policy_decide(&c, 1001, 1, 1, u64::MAX, &mut delay), 1);
            assert_eq!(delay, 20);
            assert_eq!(
                wsclose_policy_decide(&c, 1001, 2, 1, 0, &mut delay),
                WSCLOSE_ERR_INVALID_ARGUMENT as i32
            );
            assert_eq!(
                wsclose_policy_decide(&c, 1001, -1, 1, 0, &mut delay),
                WSCLOSE_ERR_INVALID_ARGUMENT as i32
            );
            assert_eq!(
                wsclose_policy_set_profile(ptr::null_mut(), -1),
                WSCLOSE_ERR_NULL_ARGUMENT
            );
            assert_eq!(
                wsclose_policy_decide(&c, 1001, 1, 1, 0, ptr::null_mut()),
                WSCLOSE_ERR_NULL_ARGUMENT as i32
            );
        }
    }

    #[test]
    fn a_policy_not_from_init_is_refused() {
        let zeroed = wsclose_policy {
            _init: 0,
            _profile: 0,
            _base_ms: 0,
            _cap_ms: 0,
            _max_attempts: 0,
            _retry_unspecified: 0,
            _override_count: 0,
            _override_advice: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
            _override_codes: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
        };
        let mut good = zeroed;
        // SAFETY: writable.
        assert_eq!(unsafe { wsclose_policy_init(&mut good) }, WSCLOSE_OK);
        let bad_bool = wsclose_policy {
            _retry_unspecified: 2,
            ..good
        };
        let bad_attempts = wsclose_policy {
            _max_attempts: -2,
            ..good
        };
        let bad_count = wsclose_policy {
            _override_count: 9,
            ..good
        };
        let stray = wsclose_policy {
            _override_codes: [0, 0, 0, 0, 0, 0, 0, 4000],
            ..good
        };
        let twice = wsclose_policy {
            _override_count: 2,
            _override_codes: [4000, 4000, 0, 0, 0, 0, 0, 0],
            ..good
        };
        let bad_advice = wsclose_policy {
            _override_count: 1,
            _override_advice: [4, 0, 0, 0, 0, 0, 0, 0],
            ..good
        };
        let bad_profile = wsclose_policy {
            _profile: 1000,
            ..good
        };
        for mut policy in [
            zeroed,
            bad_bool,
            bad_attempts,
            bad_count,
            stray,
            twice,
            bad_advice,
            bad_profile,
        ] {
            let mut delay = 7;
            // SAFETY (both): valid pointers.
            unsafe {
                assert_eq!(
                    wsclose_policy_decide(&policy, 1000, 1, 0, 0, &mut delay),
                    WSCLOSE_ERR_INVALID_ARGUMENT as i32
                );
                assert_eq!(
                    wsclose_policy_set_base_ms(&mut policy, 1),
                    WSCLOSE_ERR_INVALID_ARGUMENT
                );
                assert_eq!(
                    wsclose_policy_set_cap_ms(&mut policy, 2),
                    WSCLOSE_ERR_INVALID_ARGUMENT
                );
                assert_eq!(
                    wsclose_policy_set_override(&mut policy, 4000, 0),
                    WSCLOSE_ERR_INVALID_ARGUMENT
                );
            }
            assert_eq!(delay, 7);
        }
    }

    #[test]
    fn intent_follows_the_core() {
        for (p, profile) in Profile::ALL.iter().enumerate() {
            let p = p as u32;
            for intent in Intent::ALL {
                let ranges: Vec<_> = profile.codes_for(intent).collect();
                assert_eq!(
                    wsclose_profile_intent_range_count(p, intent as u32),
                    ranges.len() as i32
                );
                for (i, range) in ranges.iter().enumerate() {
                    let (mut first, mut last, mut advice) = (0u16, 0u16, 9u32);
                    // SAFETY: valid pointers.
                    let result = unsafe {
                        wsclose_profile_intent_range(
                            p,
                            intent as u32,
                            i as u32,
                            &mut first,
                            &mut last,
                            &mut advice,
                        )
                    };
                    assert_eq!(result, WSCLOSE_OK);
                    assert_eq!((first, last), (range.first().as_u16(), range.last().as_u16()));
                    assert_eq!(advice, range.advice() as u32);
                }
                let (mut first, mut last, mut advice) = (7u16, 7u16, 7u32);
                // SAFETY: valid pointers.
                let past = unsafe {
                    wsclose_profile_intent_range(
                        p,
                        intent as u32,
                        ranges.len() as u32,
                        &mut first,
                        &mut last,
                        &mut advice,
                    )
                };
                assert_eq!(past, WSCLOSE_ERR_INVALID_ARGUMENT);
                assert_eq!((first, last, advice), (7, 7, 7), "nothing written");
                for code in 0..=u16::MAX {
                    let (mut advice, mut below, mut above) = (5, 5, 5);
                    // SAFETY: valid pointers.
                    let result = unsafe {
                        wsclose_profile_check_intent(
                            p,
                            code,
                            intent as u32,
                            &mut advice,
                            &mut below,
                            &mut above,
                        )
                    };
                    let near = |c: Option<CloseCode>| c.map_or(-1, |c| i32::from(c.as_u16()));
                    match profile.check_intent(CloseCode::new(code), intent) {
                        Ok(()) => assert_eq!((result, advice, below, above), (WSCLOSE_OK, -1, -1, -1)),
                        Err(miss) => {
                            let want = match miss.advice() {
                                Some(a) => (WSCLOSE_ERR_INTENT_NOT_MET, a as i32),
                                None => (WSCLOSE_ERR_INTENT_NOT_SENDABLE, -1),
                            };
                            assert_eq!((result, advice), want);
                            assert_eq!((below, above), (near(miss.below()), near(miss.above())));
                        }
                    }
                }
            }
        }
        let (mut a, mut b, mut c) = (0, 0, 0);
        // SAFETY (all): valid or NULL pointers.
        unsafe {
            assert_eq!(
                wsclose_profile_check_intent(0, 1000, 2, &mut a, &mut b, &mut c),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
            assert_eq!(
                wsclose_profile_check_intent(99, 1000, 0, &mut a, &mut b, &mut c),
                WSCLOSE_ERR_UNKNOWN_PROFILE
            );
            assert_eq!(
                wsclose_profile_check_intent(0, 1000, 0, ptr::null_mut(), &mut b, &mut c),
                WSCLOSE_ERR_NULL_ARGUMENT
            );
        }
        assert_eq!(
            wsclose_profile_intent_range_count(0, 2),
            WSCLOSE_ERR_INVALID_ARGUMENT as i32
        );
        assert_eq!(
            wsclose_profile_intent_range_count(99, 0),
            WSCLOSE_ERR_UNKNOWN_PROFILE as i32
        );
    }

    #[test]
    fn every_advice_has_a_label() {
        for advice in Advice::ALL {
            assert!(!wsclose_advice_label(advice as u32).is_null());
        }
        assert!(wsclose_advice_label(4).is_null());
    }
}
