//! The C ABI of `explain` (`core/src/explain.rs`): causes cross as numbers, texts as static
//! NUL-terminated strings.

use std::ffi::c_char;
use std::ptr;

use wsclose_core::{explain, CloseCode};

use crate::wsclose_result::*;
use crate::{c_ptr, cause_check, cause_const_name, cause_summary, guard, output};

/// Writes the likely causes of a close with `code` (as the receiving application saw it) into
/// `causes_out` as cause numbers (`wsclose_cause_const_name` names them), most likely first,
/// and returns how many there are. `was_clean` is 1 or 0 (`CloseEvent.wasClean`), or -1 when not
/// known. When `cap` is smaller than the count, only `cap` are written (the return value still
/// says how many there are). Errors: `WSCLOSE_ERR_NULL_ARGUMENT` (NULL with `cap > 0`),
/// `WSCLOSE_ERR_INVALID_ARGUMENT` (`was_clean` not -1, 0 or 1).
///
/// # Safety
/// `causes_out` must point to `cap` writable bytes (or be NULL with `cap == 0`).
#[no_mangle]
pub unsafe extern "C" fn wsclose_explain(code: u16, was_clean: i32, causes_out: *mut u8, cap: usize) -> i32 {
    guard(WSCLOSE_ERR_PANIC as i32, || {
        let was_clean = match was_clean {
            -1 => None,
            0 => Some(false),
            1 => Some(true),
            _ => return WSCLOSE_ERR_INVALID_ARGUMENT as i32,
        };
        // SAFETY: per the contract.
        let out = match unsafe { output(causes_out, cap) } {
            Ok(out) => out,
            Err(err) => return err as i32,
        };
        let causes = explain(CloseCode::new(code), was_clean).causes();
        for (slot, cause) in out.iter_mut().zip(causes) {
            *slot = *cause as u8;
        }
        causes.len() as i32
    })
}

/// The constant name of cause `cause` (e.g. `"IDLE_TIMEOUT"`), or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn wsclose_cause_const_name(cause_number: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(cause_const_name(cause_number)))
}

/// What cause `cause` means, in a sentence, or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn wsclose_cause_summary(cause_number: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(cause_summary(cause_number)))
}

/// What to check for cause `cause`, or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn wsclose_cause_check(cause_number: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(cause_check(cause_number)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explain_matches_the_core() {
        let mut out = [0xffu8; 8];
        for code in [1000u16, 1005, 1006, 1015, 4000, 5000] {
            for (clean, number) in [(None, -1), (Some(false), 0), (Some(true), 1)] {
                let want = explain(CloseCode::new(code), clean).causes();
                // SAFETY: a writable buffer.
                let n = unsafe { wsclose_explain(code, number, out.as_mut_ptr(), out.len()) };
                assert_eq!(n as usize, want.len());
                let got: Vec<u8> = out[..want.len()].to_vec();
                assert_eq!(got, want.iter().map(|c| *c as u8).collect::<Vec<_>>());
            }
        }
        // SAFETY: NULL with cap 0 is allowed; the count is still returned.
        assert_eq!(unsafe { wsclose_explain(1006, 0, ptr::null_mut(), 0) }, 5);
        // SAFETY: a writable buffer.
        assert_eq!(
            unsafe { wsclose_explain(1006, 2, out.as_mut_ptr(), 8) },
            WSCLOSE_ERR_INVALID_ARGUMENT as i32
        );
        for cause in wsclose_core::Cause::ALL {
            assert!(!wsclose_cause_summary(cause as u32).is_null());
            assert!(!wsclose_cause_check(cause as u32).is_null());
            assert!(!wsclose_cause_const_name(cause as u32).is_null());
        }
        assert!(wsclose_cause_summary(wsclose_core::Cause::ALL.len() as u32).is_null());
    }
}
