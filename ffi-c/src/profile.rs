//! The C ABI of application-protocol profiles and the reconnect policy
//! (`core/src/profile.rs`, `core/src/policy.rs`, docs/profiles.md). As everywhere in this crate,
//! no rule lives here: profiles cross as their index in `Profile::ALL`, advice as its number,
//! and the policy as a plain struct the caller owns, rebuilt into the core's policy per call.

use std::ffi::c_char;
#[cfg(test)]
use std::ffi::CStr;
use std::ptr;

use wsclose_core::{Advice, CloseCode, Decision, Profile, ReconnectPolicy};

use crate::wsclose_result::{self, *};
use crate::{guard, input};

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

/// How many codes a `wsclose_policy` can override.
pub const WSCLOSE_POLICY_MAX_OVERRIDES: usize = ReconnectPolicy::MAX_OVERRIDES;

/// A reconnect policy: exponential backoff with full jitter that follows a profile's fatal set.
/// Fill it with `wsclose_policy_default`, then change fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct wsclose_policy {
    /// A profile index (`wsclose_profile_by_name`), or -1 for none.
    pub profile: i32,
    /// Backoff base in milliseconds: attempt `n` waits a random time in 0 ..= min(cap, base·2^n).
    pub base_ms: u64,
    /// Backoff cap in milliseconds.
    pub cap_ms: u64,
    /// Stop once this many attempts were made, if `has_max_attempts`.
    pub max_attempts: u32,
    /// Whether `max_attempts` applies.
    pub has_max_attempts: bool,
    /// Retry (true) or stop (false) on codes whose advice is unspecified.
    pub retry_unspecified: bool,
    /// How many entries of `override_codes` / `override_advice` are used (at most 8).
    pub override_count: u32,
    /// Codes whose advice the caller overrides.
    pub override_codes: [u16; WSCLOSE_POLICY_MAX_OVERRIDES],
    /// The advice (`wsclose_advice` numbers) for `override_codes`.
    pub override_advice: [u8; WSCLOSE_POLICY_MAX_OVERRIDES],
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
    guard(ptr::null(), || {
        profile_at(profile).map_or(ptr::null(), |p| p.name_c().as_ptr())
    })
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
        profile_at(profile)
            .and_then(|p| p.lookup(CloseCode::new(code)))
            .map_or(ptr::null(), |row| row.name_c().as_ptr())
    })
}

/// What `code` means in profile `profile` (static, NUL-terminated), or NULL when it names none.
#[no_mangle]
pub extern "C" fn wsclose_profile_code_description(profile: u32, code: u16) -> *const c_char {
    guard(ptr::null(), || {
        profile_at(profile)
            .and_then(|p| p.lookup(CloseCode::new(code)))
            .map_or(ptr::null(), |row| row.description_c().as_ptr())
    })
}

/// A short label for advice number `advice` (e.g. `"stop"`), or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn wsclose_advice_label(advice: u32) -> *const c_char {
    guard(ptr::null(), || {
        u8::try_from(advice)
            .ok()
            .and_then(Advice::from_u8)
            .map_or(ptr::null(), |a| a.label_c().as_ptr())
    })
}

/// Fills `*out` with the default policy: no profile, base 1 s, cap 30 s, unlimited attempts,
/// unspecified codes retried, no overrides.
///
/// # Safety
/// `out` must be NULL or point to a writable `wsclose_policy`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_default(out: *mut wsclose_policy) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let policy = ReconnectPolicy::new();
        let value = wsclose_policy {
            profile: -1,
            base_ms: policy.base_ms(),
            cap_ms: policy.cap_ms(),
            max_attempts: 0,
            has_max_attempts: false,
            retry_unspecified: true,
            override_count: 0,
            override_codes: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
            override_advice: [0; WSCLOSE_POLICY_MAX_OVERRIDES],
        };
        // SAFETY: non-NULL and writable per the contract.
        unsafe { out.write(value) };
        WSCLOSE_OK
    })
}

/// The core's policy for a C policy, or the error for an impossible field.
fn core_policy(c: &wsclose_policy) -> Result<ReconnectPolicy, wsclose_result> {
    let mut policy = ReconnectPolicy::new()
        .with_base_ms(c.base_ms)
        .with_cap_ms(c.cap_ms)
        .with_max_attempts(if c.has_max_attempts {
            Some(c.max_attempts)
        } else {
            None
        })
        .with_retry_unspecified(c.retry_unspecified);
    if c.profile != -1 {
        let profile = u32::try_from(c.profile).ok().and_then(profile_at);
        policy = policy.with_profile(profile.ok_or(WSCLOSE_ERR_UNKNOWN_PROFILE)?);
    }
    let count = usize::try_from(c.override_count).map_err(|_| WSCLOSE_ERR_INVALID_ARGUMENT)?;
    if count > WSCLOSE_POLICY_MAX_OVERRIDES {
        return Err(WSCLOSE_ERR_INVALID_ARGUMENT);
    }
    for i in 0..count {
        let advice = Advice::from_u8(c.override_advice[i]).ok_or(WSCLOSE_ERR_INVALID_ARGUMENT)?;
        policy
            .try_override(CloseCode::new(c.override_codes[i]), advice)
            .map_err(|_| WSCLOSE_ERR_INVALID_ARGUMENT)?;
    }
    Ok(policy)
}

/// Decides after a close with `code` (`was_clean` as the stack reported it) when `attempt`
/// reconnect attempts were already made. `random` is a uniformly random 64-bit number (the
/// jitter; pass a fixed value in tests). Returns 1 and writes the delay to `*delay_ms_out` to
/// retry, 0 (and writes 0) to stop, or a negative `wsclose_result`: NULL pointers,
/// `WSCLOSE_ERR_UNKNOWN_PROFILE`, or `WSCLOSE_ERR_INVALID_ARGUMENT` for more than 8 overrides or
/// an unknown advice number.
///
/// # Safety
/// `policy` must point to a readable `wsclose_policy`, `delay_ms_out` to a writable `uint64_t`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_policy_decide(
    policy: *const wsclose_policy,
    code: u16,
    was_clean: bool,
    attempt: u32,
    random: u64,
    delay_ms_out: *mut u64,
) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        if policy.is_null() || delay_ms_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT as i32;
        }
        // SAFETY: non-NULL and readable per the contract.
        let c = unsafe { policy.read() };
        let core = match core_policy(&c) {
            Ok(core) => core,
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(unsafe { wsclose_policy_default(c.as_mut_ptr()) }, WSCLOSE_OK);
        // SAFETY: initialised by the call above.
        let mut c = unsafe { c.assume_init() };
        c.profile = gateway as i32;
        let mut delay = 7;
        // SAFETY: valid pointers.
        assert_eq!(
            unsafe { wsclose_policy_decide(&c, 4004, true, 0, u64::MAX, &mut delay) },
            0
        );
        assert_eq!(delay, 0);
        // SAFETY: valid pointers.
        assert_eq!(
            unsafe { wsclose_policy_decide(&c, 4000, true, 2, u64::MAX, &mut delay) },
            1
        );
        assert_eq!(delay, 4_000);
        c.override_count = 1;
        c.override_codes[0] = 4000;
        c.override_advice[0] = wsclose_advice::WSCLOSE_ADVICE_STOP as u8;
        // SAFETY: valid pointers.
        assert_eq!(
            unsafe { wsclose_policy_decide(&c, 4000, true, 2, u64::MAX, &mut delay) },
            0
        );
        c.override_count = 9;
        // SAFETY: valid pointers.
        let bad = unsafe { wsclose_policy_decide(&c, 4000, true, 2, 0, &mut delay) };
        assert_eq!(bad, WSCLOSE_ERR_INVALID_ARGUMENT as i32);
        c.override_count = 0;
        c.profile = 42;
        // SAFETY: valid pointers.
        let bad = unsafe { wsclose_policy_decide(&c, 4000, true, 2, 0, &mut delay) };
        assert_eq!(bad, WSCLOSE_ERR_UNKNOWN_PROFILE as i32);
    }

    #[test]
    fn every_advice_has_a_label() {
        for advice in Advice::ALL {
            assert!(!wsclose_advice_label(advice as u32).is_null());
        }
        assert!(wsclose_advice_label(4).is_null());
    }
}
