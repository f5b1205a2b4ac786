//! The C ABI of the browser model (`core/src/browser.rs`, docs/browser.md): what a page's
//! `CloseEvent` says for what a server sent, and what a page's `WebSocket.close(code, reason)`
//! puts on the wire or throws, per engine. Engines cross as numbers; reasons point into the
//! caller's payload or go into the caller's buffer.

use wsclose_core::{DomException, Engine, Received, Reply};

use crate::profile::flag;
use crate::wsclose_result::{self, *};
use crate::{guard, input, output};

/// A browser engine, as modelled (measured on Chromium 156 and Firefox 153 ESR).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_engine {
    /// Chromium (Chrome, Edge, Opera, ...).
    WSCLOSE_ENGINE_CHROMIUM = 0,
    /// Firefox.
    WSCLOSE_ENGINE_FIREFOX = 1,
}

/// What a page's `CloseEvent` says, filled in by `wsclose_browser_close_event`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct wsclose_close_event {
    /// `CloseEvent.code`.
    pub code: u16,
    /// `CloseEvent.wasClean`: 1 or 0.
    pub was_clean: u8,
    /// Whether an `error` event fired before `close`: 1 or 0.
    pub error_fired: u8,
    /// `CloseEvent.reason` (UTF-8, not NUL-terminated, pointing into the payload; never NULL).
    pub reason: *const u8,
    /// Its length in bytes.
    pub reason_len: usize,
    /// The browser's reply: 0 none (TCP closed without a Close), 1 an empty Close, 2 a Close
    /// with `reply_code` and `reply_reason`.
    pub reply_kind: u8,
    /// The reply's code when `reply_kind` is 2, else 0.
    pub reply_code: u16,
    /// The reply's reason when `reply_kind` is 2 (UTF-8, not NUL-terminated; never NULL).
    pub reply_reason: *const u8,
    /// Its length in bytes.
    pub reply_reason_len: usize,
}

/// What the page's connection received from the server (`wsclose_browser_close_event`).
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_received {
    /// A Close frame with a payload (possibly empty).
    WSCLOSE_RECEIVED_PAYLOAD = 0,
    /// No Close frame: the server closed the TCP connection (FIN).
    WSCLOSE_RECEIVED_DROPPED = 1,
    /// No Close frame: the server reset the TCP connection (RST).
    WSCLOSE_RECEIVED_RESET = 2,
}

fn engine_of(engine: u32) -> Option<Engine> {
    match engine {
        0 => Some(Engine::Chromium),
        1 => Some(Engine::Firefox),
        _ => None,
    }
}

/// What the page's `CloseEvent` says, in engine `engine`, when the server sent a Close frame
/// with `payload` (`received` is `WSCLOSE_RECEIVED_PAYLOAD`), closed the TCP connection
/// (`WSCLOSE_RECEIVED_DROPPED`) or reset it (`WSCLOSE_RECEIVED_RESET`); without a Close frame
/// `payload` and `len` are ignored, and not checked. Errors:
/// `WSCLOSE_ERR_NULL_ARGUMENT`, `WSCLOSE_ERR_INVALID_ARGUMENT` (an engine or `received` number
/// that has no meaning, or an impossible length).
///
/// # Safety
/// With `WSCLOSE_RECEIVED_PAYLOAD`, `payload` must point to `len` readable bytes (or be NULL with
/// `len == 0`) and outlive the reason pointers written to `*out`; `out` must point to a writable
/// `wsclose_close_event`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_browser_close_event(
    engine: u32,
    payload: *const u8,
    len: usize,
    received: u32,
    out: *mut wsclose_close_event,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let Some(engine) = engine_of(engine) else {
            return WSCLOSE_ERR_INVALID_ARGUMENT;
        };
        let received = match received {
            0 => {
                // SAFETY: per the contract.
                match unsafe { input(payload, len) } {
                    Ok(bytes) => Received::Payload(bytes),
                    Err(err) => return err,
                }
            }
            1 => Received::Dropped,
            2 => Received::Reset,
            _ => return WSCLOSE_ERR_INVALID_ARGUMENT,
        };
        let event = engine.close_event(received);
        let (reply_kind, reply_code, reply_reason) = match event.reply {
            None => (0, 0, ""),
            Some(Reply::Empty) => (1, 0, ""),
            Some(Reply::Close { code, reason }) => (2, code, reason),
        };
        let value = wsclose_close_event {
            code: event.code,
            was_clean: u8::from(event.was_clean),
            error_fired: u8::from(event.error_fired),
            reason: event.reason.as_ptr(),
            reason_len: event.reason.len(),
            reply_kind,
            reply_code,
            reply_reason: reply_reason.as_ptr(),
            reply_reason_len: reply_reason.len(),
        };
        // SAFETY: non-NULL and writable per the contract.
        unsafe { out.write(value) };
        WSCLOSE_OK
    })
}

/// What a page's `ws.close(code, reason)` does in engine `engine`. `has_code` 0 is `close()`
/// with `code` undefined (`code` is then ignored); with `has_code` 1, `code` is the JavaScript
/// number as given (any double: fractions, NaN, infinities; the engine's WebIDL conversion
/// applies). `has_reason` 0 is an undefined reason (`reason` and `reason_units` are then
/// ignored, and not checked); with 1, `reason` holds `reason_units` UTF-16 code units (lone
/// surrogates become U+FFFD, as `USVString` says).
///
/// On success returns `WSCLOSE_OK` and writes the Close the browser sends: `*code_out` (0 and
/// `*has_code_out` 0 for an empty Close, else 1) and the reason's UTF-8 into `reason_out` (at
/// most 123 bytes; `*reason_len_out` is its length). When the page's call throws, returns
/// `WSCLOSE_ERR_INVALID_ACCESS` (`InvalidAccessError`) or `WSCLOSE_ERR_SYNTAX` (`SyntaxError`).
/// Other errors: `WSCLOSE_ERR_NULL_ARGUMENT`, `WSCLOSE_ERR_INVALID_ARGUMENT` (unknown engine, a
/// `has_code` or `has_reason` other than 0 or 1), `WSCLOSE_ERR_BUFFER_TOO_SMALL` (`reason_cap`
/// below the reason's length; `*reason_len_out` says how many bytes it needs).
///
/// # Safety
/// With `has_reason` 1, `reason` must point to `reason_units` readable units (or be NULL with
/// 0); `reason_out` must point to `reason_cap` writable bytes (or be NULL with 0); the other
/// out-pointers must be writable.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn wsclose_browser_close(
    engine: u32,
    has_code: i32,
    code: f64,
    has_reason: i32,
    reason: *const u16,
    reason_units: usize,
    code_out: *mut u16,
    has_code_out: *mut u8,
    reason_out: *mut u8,
    reason_cap: usize,
    reason_len_out: *mut usize,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if code_out.is_null() || has_code_out.is_null() || reason_len_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        let Some(engine) = engine_of(engine) else {
            return WSCLOSE_ERR_INVALID_ARGUMENT;
        };
        let (Some(has_code), Some(has_reason)) = (flag(has_code), flag(has_reason)) else {
            return WSCLOSE_ERR_INVALID_ARGUMENT;
        };
        let units = if has_reason {
            // SAFETY: per the contract.
            match unsafe { input(reason, reason_units) } {
                Ok(units) => Some(units),
                Err(err) => return err,
            }
        } else {
            None
        };
        // SAFETY: per the contract.
        let out = match unsafe { output(reason_out, reason_cap) } {
            Ok(out) => out,
            Err(err) => return err,
        };
        let sent = match engine.close(has_code.then_some(code), units) {
            Ok(sent) => sent,
            Err(DomException::InvalidAccess) => return WSCLOSE_ERR_INVALID_ACCESS,
            Err(DomException::Syntax) => return WSCLOSE_ERR_SYNTAX,
            // An exception the model adds later: a C caller cannot know it yet.
            Err(_) => return WSCLOSE_ERR_INVALID_ARGUMENT,
        };
        let text = sent.reason().as_bytes();
        // SAFETY: non-NULL and writable per the contract.
        unsafe { reason_len_out.write(text.len()) };
        let Some(slot) = out.get_mut(..text.len()) else {
            return WSCLOSE_ERR_BUFFER_TOO_SMALL;
        };
        slot.copy_from_slice(text);
        // SAFETY: non-NULL and writable per the contract.
        unsafe {
            code_out.write(sent.code().map_or(0, |c| c.as_u16()));
            has_code_out.write(u8::from(sent.code().is_some()));
        }
        WSCLOSE_OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    #[test]
    fn close_event_follows_the_core() {
        let payload = b"\x03\xe8bye";
        for (number, engine) in [(0, Engine::Chromium), (1, Engine::Firefox)] {
            let mut out = std::mem::MaybeUninit::<wsclose_close_event>::uninit();
            // SAFETY: valid pointers.
            let r = unsafe {
                wsclose_browser_close_event(number, payload.as_ptr(), payload.len(), 0, out.as_mut_ptr())
            };
            assert_eq!(r, WSCLOSE_OK);
            // SAFETY: written above.
            let event = unsafe { out.assume_init() };
            let want = engine.close_event(Received::Payload(payload));
            assert_eq!(
                (event.code, event.was_clean, event.error_fired),
                (want.code, u8::from(want.was_clean), u8::from(want.error_fired))
            );
            // SAFETY: points into `payload`.
            let reason = unsafe { std::slice::from_raw_parts(event.reason, event.reason_len) };
            assert_eq!(reason, b"bye");
            assert_eq!((event.reply_kind, event.reply_code), (2, 1000));
        }
        let mut out = std::mem::MaybeUninit::<wsclose_close_event>::uninit();
        // SAFETY: valid pointers; a dropped connection ignores the payload.
        let r = unsafe { wsclose_browser_close_event(0, ptr::null(), 4, 1, out.as_mut_ptr()) };
        assert_eq!(r, WSCLOSE_OK);
        // SAFETY: written above.
        let event = unsafe { out.assume_init() };
        assert_eq!((event.code, event.was_clean, event.reply_kind), (1006, 0, 0));
        for (number, engine) in [(0, Engine::Chromium), (1, Engine::Firefox)] {
            // SAFETY: valid out-pointer; a reset connection ignores the payload.
            let r = unsafe { wsclose_browser_close_event(number, ptr::null(), 4, 2, out.as_mut_ptr()) };
            assert_eq!(r, WSCLOSE_OK);
            // SAFETY: written above.
            let event = unsafe { out.assume_init() };
            let want = engine.close_event(Received::Reset);
            assert_eq!(
                (event.code, event.was_clean, event.error_fired, event.reply_kind),
                (1006, 0, u8::from(want.error_fired), 0)
            );
        }
        // SAFETY: an engine number no engine has.
        assert_eq!(
            unsafe { wsclose_browser_close_event(2, ptr::null(), 0, 1, out.as_mut_ptr()) },
            WSCLOSE_ERR_INVALID_ARGUMENT
        );
    }

    #[test]
    fn ignored_arguments_are_not_checked_and_flags_are_0_or_1() {
        let mut out = std::mem::MaybeUninit::<wsclose_close_event>::uninit();
        // SAFETY: a dropped close ignores the payload; nothing is read from it.
        unsafe {
            assert_eq!(
                wsclose_browser_close_event(1, ptr::null(), usize::MAX, 1, out.as_mut_ptr()),
                WSCLOSE_OK
            );
            assert_eq!(
                wsclose_browser_close_event(1, ptr::null(), 4, 0, out.as_mut_ptr()),
                WSCLOSE_ERR_NULL_ARGUMENT
            );
            assert_eq!(
                wsclose_browser_close_event(1, ptr::null(), usize::MAX, 2, out.as_mut_ptr()),
                WSCLOSE_OK
            );
            assert_eq!(
                wsclose_browser_close_event(1, ptr::null(), 0, 3, out.as_mut_ptr()),
                WSCLOSE_ERR_INVALID_ARGUMENT
            );
        }
        let (mut code, mut has_code, mut len) = (0u16, 7u8, 0usize);
        let mut buf = [0u8; 8];
        // SAFETY: valid out-pointers; an undefined reason ignores `reason` and its length.
        unsafe {
            let r = wsclose_browser_close(
                0,
                1,
                4000.0,
                0,
                ptr::null(),
                3,
                &mut code,
                &mut has_code,
                buf.as_mut_ptr(),
                8,
                &mut len,
            );
            assert_eq!((r, code, has_code, len), (WSCLOSE_OK, 4000, 1, 0));
            for (has_code_in, has_reason_in) in [(2, 0), (0, 2), (-1, 0), (0, i32::MIN)] {
                let r = wsclose_browser_close(
                    0,
                    has_code_in,
                    4000.0,
                    has_reason_in,
                    ptr::null(),
                    0,
                    &mut code,
                    &mut has_code,
                    buf.as_mut_ptr(),
                    8,
                    &mut len,
                );
                assert_eq!(r, WSCLOSE_ERR_INVALID_ARGUMENT);
            }
        }
    }

    #[test]
    fn close_follows_the_core() {
        let (mut code, mut has_code, mut len) = (0u16, 0u8, 0usize);
        let mut buf = [0u8; 123];
        let reason = [0x62, 0xd800];
        // SAFETY: valid pointers.
        let r = unsafe {
            wsclose_browser_close(
                1,
                1,
                999.6,
                1,
                reason.as_ptr(),
                2,
                &mut code,
                &mut has_code,
                buf.as_mut_ptr(),
                123,
                &mut len,
            )
        };
        assert_eq!(r, WSCLOSE_OK);
        assert_eq!((code, has_code, &buf[..len]), (1000, 1, "b\u{fffd}".as_bytes()));
        // SAFETY: valid pointers.
        let r = unsafe {
            wsclose_browser_close(
                0,
                1,
                999.6,
                0,
                ptr::null(),
                0,
                &mut code,
                &mut has_code,
                buf.as_mut_ptr(),
                123,
                &mut len,
            )
        };
        assert_eq!(r, WSCLOSE_ERR_INVALID_ACCESS);
        let long = [0x61u16; 124];
        // SAFETY: valid pointers.
        let r = unsafe {
            wsclose_browser_close(
                0,
                1,
                4000.0,
                1,
                long.as_ptr(),
                124,
                &mut code,
                &mut has_code,
                buf.as_mut_ptr(),
                123,
                &mut len,
            )
        };
        assert_eq!(r, WSCLOSE_ERR_SYNTAX);
        // SAFETY: valid pointers; a buffer too small for "bye".
        let r = unsafe {
            wsclose_browser_close(
                0,
                1,
                4000.0,
                1,
                [0x62u16, 0x79, 0x65].as_ptr(),
                3,
                &mut code,
                &mut has_code,
                buf.as_mut_ptr(),
                2,
                &mut len,
            )
        };
        assert_eq!((r, len), (WSCLOSE_ERR_BUFFER_TOO_SMALL, 3));
    }
}
