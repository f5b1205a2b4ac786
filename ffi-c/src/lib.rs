//! The C ABI of wsclose: `libwsclose.so` (soname `libwsclose.so.0`) and `libwsclose.a`, described
//! by the generated header `include/wsclose.h`.
//!
//! This crate holds no knowledge of its own about close codes: every function converts its C
//! arguments, calls the `wsclose` core crate and converts the answer back.
//!
//! # Rules of the ABI
//!
//! - Every exported symbol and type starts with `wsclose_` / `WSCLOSE_`; the shared library
//!   exports nothing else (rustc exports only `#[no_mangle]` items; `tests/c/check-exports.sh`).
//! - Enumerations come back from Rust as the generated `enum`s, but every argument C passes in is
//!   a plain integer (`uint16_t` codes, `uint32_t` categories, `int32_t` results), so C can never
//!   hand Rust an invalid enum value.
//! - No allocation: strings are static and NUL-terminated, payloads are written into buffers the
//!   caller owns, and parsed reasons point into the caller's payload.
//! - NULL pointers, impossible lengths and unknown numbers give an error value or a documented
//!   default, never undefined behaviour on the Rust side.
//! - Everything is pure and reentrant; any function may be called from any thread at any time.
//!
//! # Panic policy: `catch_unwind` on every function
//!
//! No code path here is known to panic, but a panic must never unwind into C. There are two
//! ways to guarantee that. `panic = "abort"` would be simplest, but Cargo only accepts `panic`
//! in a workspace-wide profile (`[profile.release.package.<name>]` overrides may not set it), so
//! it would also change the core crate's tests and benchmarks and every other binding built from
//! this workspace, and it would turn a bug into the death of the host process. Every exported
//! function is therefore wrapped in [`std::panic::catch_unwind`]: a panic becomes
//! `WSCLOSE_ERR_PANIC` for functions that return a result, and a documented safe default (for
//! example `WSCLOSE_CATEGORY_OUT_OF_RANGE`, `false`, a NULL or a static string) for the others.
//! The wrapper costs nothing on the normal path: where the body cannot panic the optimiser
//! removes it entirely. As a last line of defence Rust aborts the process if a panic ever
//! reached an `extern "C"` boundary anyway.
#![allow(non_camel_case_types)] // The exported types carry their C names.

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::slice;

use wsclose_core::{
    classify, classify_many, parse_close_payload, Category, CloseCode, PayloadError, PayloadErrorKind,
    Reconnect,
};

mod browser;
mod consts;
mod explain;
mod layout_generated;
mod profile;
pub use browser::*;
pub use consts::*;
pub use explain::*;
pub use profile::*;

const _: () = assert!(WSCLOSE_MAX_CLOSE_PAYLOAD == wsclose_core::MAX_CLOSE_PAYLOAD);
const _: () = assert!(WSCLOSE_MAX_REASON_LEN == wsclose_core::MAX_REASON_LEN);

/// The range a close code belongs to. The numbers are those of the core's `Category`.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_category {
    /// 0–999: never assigned.
    WSCLOSE_CATEGORY_UNUSED = 0,
    /// 1000–1015: defined by the WebSocket protocol.
    WSCLOSE_CATEGORY_STANDARD = 1,
    /// 1016–2999: held back for future protocol revisions and extensions.
    WSCLOSE_CATEGORY_RESERVED = 2,
    /// 3000–3999: registered with IANA by libraries, frameworks and applications.
    WSCLOSE_CATEGORY_REGISTERED = 3,
    /// 4000–4999: private agreements between applications.
    WSCLOSE_CATEGORY_PRIVATE = 4,
    /// 5000–65535: outside every range.
    WSCLOSE_CATEGORY_OUT_OF_RANGE = 5,
}

impl From<Category> for wsclose_category {
    #[inline]
    fn from(category: Category) -> Self {
        match category {
            Category::Unused => wsclose_category::WSCLOSE_CATEGORY_UNUSED,
            Category::Standard => wsclose_category::WSCLOSE_CATEGORY_STANDARD,
            Category::Reserved => wsclose_category::WSCLOSE_CATEGORY_RESERVED,
            Category::Registered => wsclose_category::WSCLOSE_CATEGORY_REGISTERED,
            Category::Private => wsclose_category::WSCLOSE_CATEGORY_PRIVATE,
            Category::OutOfRange => wsclose_category::WSCLOSE_CATEGORY_OUT_OF_RANGE,
        }
    }
}

/// What a client should do after a close with a given code. The numbers are those of the
/// core's `Reconnect`.
#[repr(u8)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_reconnect_advice {
    /// Do not reconnect: it would fail the same way, or the peer asked to stop.
    WSCLOSE_RECONNECT_NEVER = 0,
    /// A passing condition: reconnect after a growing delay.
    WSCLOSE_RECONNECT_BACKOFF = 1,
    /// A registered or private code: the application decides.
    WSCLOSE_RECONNECT_APP_DEFINED = 2,
}

impl From<Reconnect> for wsclose_reconnect_advice {
    #[inline]
    fn from(reconnect: Reconnect) -> Self {
        match reconnect {
            Reconnect::Never => wsclose_reconnect_advice::WSCLOSE_RECONNECT_NEVER,
            Reconnect::Backoff => wsclose_reconnect_advice::WSCLOSE_RECONNECT_BACKOFF,
            Reconnect::AppDefined => wsclose_reconnect_advice::WSCLOSE_RECONNECT_APP_DEFINED,
        }
    }
}

/// The outcome of a call: `WSCLOSE_OK` (0) or a negative error. The numbers are stable: each is
/// assigned once and never moves or gets reused (docs/c-abi.md). They come in reserved blocks:
/// -101…-199 payload errors (the core's `PayloadErrorKind::result_number`), -301…-399 the
/// exceptions the browser model says a page's call throws, -201…-299 errors in
/// the arguments of a call, -401…-499 why a code does not do what a server intended,
/// -901…-999 internal errors. A payload error kind added later takes the
/// next free number of its block. Functions that take a result accept any `int32_t`.
#[repr(i32)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum wsclose_result {
    /// Success.
    WSCLOSE_OK = 0,
    /// The payload is exactly one byte long (answer with 1002).
    WSCLOSE_ERR_ONE_BYTE = -101,
    /// The payload is longer than 125 bytes (answer with 1002).
    WSCLOSE_ERR_TOO_LONG = -102,
    /// The code may not appear on the wire (answer with 1002 when parsing).
    WSCLOSE_ERR_INVALID_CODE = -103,
    /// The reason is not valid UTF-8 (answer with 1007 when parsing).
    WSCLOSE_ERR_INVALID_UTF8 = -104,
    /// Encoding: the reason is longer than 123 bytes.
    WSCLOSE_ERR_REASON_TOO_LONG = -105,
    /// Encoding: the output buffer is smaller than the payload.
    WSCLOSE_ERR_BUFFER_TOO_SMALL = -106,
    /// A required pointer was NULL.
    WSCLOSE_ERR_NULL_ARGUMENT = -201,
    /// A length or number is impossible (for example a length above `PTRDIFF_MAX`).
    WSCLOSE_ERR_INVALID_ARGUMENT = -202,
    /// No profile has that name, subprotocol or index.
    WSCLOSE_ERR_UNKNOWN_PROFILE = -203,
    /// A reconnect policy already overrides `WSCLOSE_POLICY_MAX_OVERRIDES` other codes.
    WSCLOSE_ERR_TOO_MANY_OVERRIDES = -204,
    /// The browser model: the page's `close()` throws `InvalidAccessError` (a code that is
    /// neither 1000 nor 3000–4999).
    WSCLOSE_ERR_INVALID_ACCESS = -301,
    /// The browser model: the page's `close()` throws `SyntaxError` (a reason over 123 bytes).
    WSCLOSE_ERR_SYNTAX = -302,
    /// A profile's clients do not do what the server intended after this code: they follow
    /// another advice (`wsclose_profile_check_intent`).
    WSCLOSE_ERR_INTENT_NOT_MET = -401,
    /// The code cannot be sent on the wire, so no client ever receives it
    /// (`wsclose_profile_check_intent`).
    WSCLOSE_ERR_INTENT_NOT_SENDABLE = -402,
    /// An internal panic was caught; this is a bug in wsclose.
    WSCLOSE_ERR_PANIC = -901,
}

use wsclose_result::*;

impl From<PayloadErrorKind> for wsclose_result {
    #[inline]
    fn from(kind: PayloadErrorKind) -> Self {
        match kind {
            PayloadErrorKind::OneByte => WSCLOSE_ERR_ONE_BYTE,
            PayloadErrorKind::TooLong => WSCLOSE_ERR_TOO_LONG,
            PayloadErrorKind::InvalidCode => WSCLOSE_ERR_INVALID_CODE,
            PayloadErrorKind::InvalidUtf8 => WSCLOSE_ERR_INVALID_UTF8,
            PayloadErrorKind::ReasonTooLong => WSCLOSE_ERR_REASON_TOO_LONG,
            PayloadErrorKind::BufferTooSmall => WSCLOSE_ERR_BUFFER_TOO_SMALL,
            // A kind added to the core later: a C caller cannot know it yet.
            _ => WSCLOSE_ERR_INVALID_ARGUMENT,
        }
    }
}

/// Everything wsclose knows about one code, filled in by `wsclose_info`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct wsclose_code_info {
    /// The code itself.
    pub code: u16,
    /// Its range.
    pub category: wsclose_category,
    /// Whether a client should reconnect.
    pub reconnect: wsclose_reconnect_advice,
    /// May appear in a Close frame on the wire. 1 or 0.
    pub sendable: u8,
    /// Only ever reported locally, never sent (1005, 1006, 1015). 1 or 0.
    pub local_only: u8,
    /// Accepted by a browser's `WebSocket.close(code)` (1000, 3000–4999). 1 or 0.
    pub browser_closeable: u8,
    /// Means a clean close (1000, 1001, 1005). 1 or 0.
    pub ok: u8,
    /// The standard name (static, NUL-terminated), or NULL when the code has none.
    pub name: *const c_char,
    /// What the code means (static, NUL-terminated); never NULL.
    pub description: *const c_char,
}

include!(concat!(env!("OUT_DIR"), "/strings.rs"));

/// A text of the ABI as a C pointer, NULL for none.
pub(crate) fn c_ptr(text: Option<&'static CStr>) -> *const c_char {
    text.map_or(ptr::null(), CStr::as_ptr)
}

/// `CloseCode::description` as a C string: the code's own text, else its category's.
fn code_description(code: u16) -> &'static CStr {
    code_own_description(code)
        .or_else(|| category_description(u8::from(classify(code)).into()))
        .unwrap_or(c"")
}

/// Runs `body`, turning a panic into `on_panic` so that it never crosses into C.
///
/// Every exported function goes through here. `catch_unwind` rather than `panic = "abort"`:
/// Cargo only takes `panic` from the workspace-wide profile, which would impose it on every
/// crate in the workspace, and aborting would kill the host process over a bug in a lookup
/// (see the crate documentation).
#[inline(always)]
fn guard<R>(on_panic: R, body: impl FnOnce() -> R) -> R {
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

/// The largest length a Rust slice may have; a longer length cannot describe a real buffer.
const MAX_SLICE_LEN: usize = isize::MAX as usize;

/// `ptr[..len]` as a slice, `Ok(&[])` for `len == 0` (whatever `ptr` is), or the error to return.
///
/// # Safety
/// A non-NULL `ptr` with `len > 0` must point to `len` readable elements that outlive `'a`.
unsafe fn input<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], wsclose_result> {
    if len == 0 {
        Ok(&[])
    } else if ptr.is_null() {
        Err(WSCLOSE_ERR_NULL_ARGUMENT)
    } else if len > MAX_SLICE_LEN / std::mem::size_of::<T>().max(1) {
        Err(WSCLOSE_ERR_INVALID_ARGUMENT)
    } else {
        // SAFETY: non-NULL, length checked above, validity promised by the caller.
        Ok(unsafe { slice::from_raw_parts(ptr, len) })
    }
}

/// `ptr[..len]` as a mutable slice, with the same rules as [`input`].
///
/// # Safety
/// A non-NULL `ptr` with `len > 0` must point to `len` writable elements that outlive `'a` and
/// that no other live reference covers.
unsafe fn output<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T], wsclose_result> {
    if len == 0 {
        Ok(&mut [])
    } else if ptr.is_null() {
        Err(WSCLOSE_ERR_NULL_ARGUMENT)
    } else if len > MAX_SLICE_LEN / std::mem::size_of::<T>().max(1) {
        Err(WSCLOSE_ERR_INVALID_ARGUMENT)
    } else {
        // SAFETY: non-NULL, length checked above, validity and exclusivity promised by the caller.
        Ok(unsafe { slice::from_raw_parts_mut(ptr, len) })
    }
}

/// Classifies any 16-bit value into its range. Total: every `uint16_t` has a category.
#[no_mangle]
pub extern "C" fn wsclose_classify(code: u16) -> wsclose_category {
    guard(wsclose_category::WSCLOSE_CATEGORY_OUT_OF_RANGE, || {
        classify(code).into()
    })
}

/// True when the code may appear in a Close frame on the wire: 1000–1003, 1007–1014 and
/// 3000–4999. Receiving any other code is a protocol error.
#[no_mangle]
pub extern "C" fn wsclose_is_sendable(code: u16) -> bool {
    guard(false, || CloseCode::new(code).is_sendable())
}

/// True for the codes that are only ever reported locally and never sent: 1005, 1006, 1015.
#[no_mangle]
pub extern "C" fn wsclose_is_local_only(code: u16) -> bool {
    guard(false, || CloseCode::new(code).is_local_only())
}

/// True when a browser's `WebSocket.close(code)` accepts the code: 1000 and 3000–4999.
#[no_mangle]
pub extern "C" fn wsclose_is_browser_closeable(code: u16) -> bool {
    guard(false, || CloseCode::new(code).is_browser_closeable())
}

/// True when the code means the connection ended cleanly: 1000, 1001, 1005.
#[no_mangle]
pub extern "C" fn wsclose_is_ok(code: u16) -> bool {
    guard(false, || CloseCode::new(code).is_ok())
}

/// Whether a client should reconnect after a close with this code.
#[no_mangle]
pub extern "C" fn wsclose_reconnect(code: u16) -> wsclose_reconnect_advice {
    guard(wsclose_reconnect_advice::WSCLOSE_RECONNECT_NEVER, || {
        CloseCode::new(code).reconnect().into()
    })
}

/// The standard name of 1000–1015 (for example "Going Away"), or NULL for every other code.
/// The string is static; never free it.
#[no_mangle]
pub extern "C" fn wsclose_name(code: u16) -> *const c_char {
    guard(ptr::null(), || c_ptr(code_name(code)))
}

/// The constant name of a named code (e.g. `"NORMAL_CLOSURE"`, `"UNAUTHORIZED"`: static,
/// NUL-terminated, the suffix of the `WSCLOSE_…` macro for standard codes), or NULL when the code
/// has no name.
#[no_mangle]
pub extern "C" fn wsclose_const_name(code: u16) -> *const c_char {
    guard(ptr::null(), || c_ptr(code_const_name(code)))
}

/// A sentence or two on what the code means; codes without a standard name get the text of
/// their range. Never NULL; the string is static.
#[no_mangle]
pub extern "C" fn wsclose_description(code: u16) -> *const c_char {
    guard(c"".as_ptr(), || code_description(code).as_ptr())
}

/// A short label for a category number ("unused", "standard", "reserved", "registered",
/// "private use", "out of range"), or NULL when `category` is greater than 5.
#[no_mangle]
pub extern "C" fn wsclose_category_label(category: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(category_label(category)))
}

/// A short label for a reconnect advice number ("never", "backoff", "app-defined"), or NULL
/// when `advice` is greater than 2. The string is static; never free it.
#[no_mangle]
pub extern "C" fn wsclose_reconnect_label(advice: u32) -> *const c_char {
    guard(ptr::null(), || c_ptr(reconnect_label(advice)))
}

/// Fills `*out` with everything known about `code`. Returns `WSCLOSE_ERR_NULL_ARGUMENT` when
/// `out` is NULL, else `WSCLOSE_OK`.
///
/// # Safety
/// `out` must be NULL or point to writable memory for one `wsclose_code_info`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_info(code: u16, out: *mut wsclose_code_info) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        // Field by field rather than `CloseCode::info`, whose `&str` texts would link the
        // core's text tables beside the C strings of `build.rs`.
        let number = code;
        let code = CloseCode::new(number);
        let value = wsclose_code_info {
            code: number,
            category: code.category().into(),
            reconnect: code.reconnect().into(),
            sendable: u8::from(code.is_sendable()),
            local_only: u8::from(code.is_local_only()),
            browser_closeable: u8::from(code.is_browser_closeable()),
            ok: u8::from(code.is_ok()),
            name: c_ptr(code_name(number)),
            description: code_description(number).as_ptr(),
        };
        // SAFETY: non-NULL and writable per the contract; `write` never reads the old value.
        unsafe { out.write(value) };
        WSCLOSE_OK
    })
}

/// Parses a Close frame payload with every rule of RFC 6455.
///
/// `payload` may be NULL only when `len` is 0. On success returns `WSCLOSE_OK` and writes the
/// code (1005 for an empty payload) to `*code_out`, and the reason to `*reason_out` /
/// `*reason_len_out`: a pointer INTO `payload` (not NUL-terminated, valid UTF-8, possibly
/// empty) and its length. For an empty payload `*reason_out` is `payload`, or a static empty
/// string when `payload` is NULL; it is never NULL on success.
///
/// On a protocol error returns the error (`WSCLOSE_ERR_ONE_BYTE`, `WSCLOSE_ERR_TOO_LONG`,
/// `WSCLOSE_ERR_INVALID_CODE`, `WSCLOSE_ERR_INVALID_UTF8`), writes the status code the payload
/// carried to `*code_out` (0 when parsing stopped before the code: a 1-byte or over-long
/// payload), NULL to `*reason_out` and 0 to `*reason_len_out`. The code to close the
/// connection with (1002, or 1007 for bad UTF-8) is `wsclose_result_close_code(result)`.
///
/// Any NULL out-pointer gives `WSCLOSE_ERR_NULL_ARGUMENT` and nothing is written; a `len` above
/// `PTRDIFF_MAX` gives `WSCLOSE_ERR_INVALID_ARGUMENT`.
///
/// # Safety
/// `payload` must point to `len` readable bytes (or be NULL with `len == 0`); each out-pointer
/// must be NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn wsclose_parse_close_payload(
    payload: *const u8,
    len: usize,
    code_out: *mut u16,
    reason_out: *mut *const u8,
    reason_len_out: *mut usize,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if code_out.is_null() || reason_out.is_null() || reason_len_out.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        // SAFETY: the caller promises `len` readable bytes at a non-NULL `payload`.
        let bytes = match unsafe { input(payload, len) } {
            Ok(bytes) => bytes,
            Err(err) => return err,
        };
        let (result, code, reason, reason_len) = match parse_close_payload(bytes) {
            Ok(close) => {
                let reason = match (close.reason().is_empty(), payload.is_null()) {
                    // Keep the pointer inside the caller's buffer (or at least non-NULL).
                    (true, false) if bytes.is_empty() => payload,
                    (true, true) => c"".as_ptr().cast(),
                    _ => close.reason().as_ptr(),
                };
                (WSCLOSE_OK, close.code(), reason, close.reason().len())
            }
            // The carried code (0 when parsing stopped before it); the answer code is
            // `wsclose_result_close_code(result)`.
            Err(err) => (
                err.kind().into(),
                err.code().unwrap_or(CloseCode::new(0)),
                ptr::null(),
                0,
            ),
        };
        // SAFETY: all three were checked non-NULL and are writable per the contract.
        unsafe {
            code_out.write(code.as_u16());
            reason_out.write(reason);
            reason_len_out.write(reason_len);
        }
        result
    })
}

/// Encodes `code` and `reason` (`reason_len` bytes of UTF-8, at most 123) as a Close frame
/// payload into `out[0..out_cap]` and writes its length to `*out_len`.
///
/// `reason` may be NULL when `reason_len` is 0, and `out` may be NULL when `out_cap` is 0.
/// Errors, checked in this order: `WSCLOSE_ERR_NULL_ARGUMENT` (NULL `out_len`, or a NULL
/// buffer with a non-zero length), `WSCLOSE_ERR_INVALID_ARGUMENT` (`reason_len` above
/// `PTRDIFF_MAX`), then the core's order: `WSCLOSE_ERR_REASON_TOO_LONG` (more than 123 bytes),
/// `WSCLOSE_ERR_INVALID_CODE` (the code may not be sent), `WSCLOSE_ERR_INVALID_UTF8`,
/// `WSCLOSE_ERR_BUFFER_TOO_SMALL`. The answer code of an error is
/// `wsclose_result_close_code(result)` (0 for the two kinds only encoding reports).
/// On `WSCLOSE_ERR_BUFFER_TOO_SMALL` `*out_len` receives the size needed (2 + `reason_len`);
/// on the other errors it receives 0 (when `out_len` is not NULL). `out` is untouched on error.
/// At most `WSCLOSE_MAX_CLOSE_PAYLOAD` bytes are ever written, so a larger `out_cap` is fine.
///
/// # Safety
/// `reason` must point to `reason_len` readable bytes and `out` to `out_cap` writable bytes
/// (either may be NULL when its length is 0); `out` must not overlap `reason`; `out_len` must be
/// NULL or writable.
#[no_mangle]
pub unsafe extern "C" fn wsclose_encode_close_payload(
    code: u16,
    reason: *const u8,
    reason_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> wsclose_result {
    // SAFETY: per the contract, which is that of `encode`.
    unsafe {
        encode(
            code,
            reason,
            reason_len,
            out,
            out_cap,
            out_len,
            wsclose_core::encode_close_payload,
        )
    }
}

/// Encodes a Close payload whose reason is given as UTF-16 code units (a JavaScript, Java, C#
/// or Windows string) into `out`, as UTF-8. Strict: a lone surrogate gives
/// `WSCLOSE_ERR_INVALID_UTF8`, never U+FFFD. Lengths count the bytes of the reason's UTF-8 form,
/// in which a lone surrogate takes 3 bytes. The checks, their order and the outputs are those of
/// `wsclose_encode_close_payload`.
///
/// # Safety
/// `reason` must point to `reason_units` readable code units (it may be NULL when
/// `reason_units` is 0), `out` to `out_cap` writable bytes, `out_len` to a writable `size_t`.
#[no_mangle]
pub unsafe extern "C" fn wsclose_encode_close_payload_utf16(
    code: u16,
    reason: *const u16,
    reason_units: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> wsclose_result {
    // SAFETY: per the contract, which is that of `encode`.
    unsafe {
        encode(
            code,
            reason,
            reason_units,
            out,
            out_cap,
            out_len,
            wsclose_core::encode_close_payload_utf16,
        )
    }
}

/// The core's encoder for reasons made of `T` (UTF-8 bytes or UTF-16 units).
type EncodeReason<T> = fn(CloseCode, &[T], &mut [u8]) -> Result<usize, PayloadError>;

/// The one body of `wsclose_encode_close_payload` and `wsclose_encode_close_payload_utf16`:
/// checks the pointers, then lets the core's `encode_reason` write the payload.
///
/// # Safety
/// `reason` must point to `reason_len` readable elements and `out` to `out_cap` writable bytes
/// (either may be NULL when its length is 0); `out` must not overlap `reason`; `out_len` must be
/// NULL or writable.
unsafe fn encode<T>(
    code: u16,
    reason: *const T,
    reason_len: usize,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    encode_reason: EncodeReason<T>,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        if out_len.is_null() {
            return WSCLOSE_ERR_NULL_ARGUMENT;
        }
        // SAFETY: `out_len` is non-NULL and writable per the contract.
        unsafe { out_len.write(0) };
        // SAFETY: the caller promises `reason_len` readable elements at a non-NULL `reason`.
        let reason = match unsafe { input(reason, reason_len) } {
            Ok(reason) => reason,
            Err(err) => return err,
        };
        // Nothing beyond the largest payload is ever written, so the slice stops there.
        let cap = out_cap.min(WSCLOSE_MAX_CLOSE_PAYLOAD);
        // SAFETY: the caller promises `out_cap` (>= `cap`) writable bytes at a non-NULL `out`.
        let out = match unsafe { output(out, cap) } {
            Ok(out) => out,
            Err(err) => return err,
        };
        match encode_reason(CloseCode::new(code), reason, out) {
            Ok(len) => {
                // SAFETY: as above.
                unsafe { out_len.write(len) };
                WSCLOSE_OK
            }
            Err(err) => buffer_error(err, out_len),
        }
    })
}

/// The result for an encoding error; reports the size needed when the buffer was too small.
fn buffer_error(err: PayloadError, out_len: *mut usize) -> wsclose_result {
    if let Some(needed) = err.needed_len() {
        // SAFETY: `out_len` was checked non-NULL by the caller of this helper.
        unsafe { out_len.write(needed) };
    }
    err.kind().into()
}

impl wsclose_result {
    /// Every result, from `WSCLOSE_OK` down to `WSCLOSE_ERR_PANIC`.
    const ALL: [wsclose_result; 16] = [
        WSCLOSE_OK,
        WSCLOSE_ERR_ONE_BYTE,
        WSCLOSE_ERR_TOO_LONG,
        WSCLOSE_ERR_INVALID_CODE,
        WSCLOSE_ERR_INVALID_UTF8,
        WSCLOSE_ERR_REASON_TOO_LONG,
        WSCLOSE_ERR_BUFFER_TOO_SMALL,
        WSCLOSE_ERR_NULL_ARGUMENT,
        WSCLOSE_ERR_INVALID_ARGUMENT,
        WSCLOSE_ERR_UNKNOWN_PROFILE,
        WSCLOSE_ERR_TOO_MANY_OVERRIDES,
        WSCLOSE_ERR_INVALID_ACCESS,
        WSCLOSE_ERR_SYNTAX,
        WSCLOSE_ERR_INTENT_NOT_MET,
        WSCLOSE_ERR_INTENT_NOT_SENDABLE,
        WSCLOSE_ERR_PANIC,
    ];

    /// The result with this number, if there is one. C passes results as plain `int32_t`.
    fn from_i32(value: i32) -> Option<wsclose_result> {
        wsclose_result::ALL
            .into_iter()
            .find(|result| *result as i32 == value)
    }
}

/// The close code to answer a peer with after a parse error: 1002 (Protocol Error) for
/// `WSCLOSE_ERR_ONE_BYTE`, `WSCLOSE_ERR_TOO_LONG` and `WSCLOSE_ERR_INVALID_CODE`, 1007 (Invalid
/// Frame Payload Data) for `WSCLOSE_ERR_INVALID_UTF8`, and 0 for any other value.
#[no_mangle]
pub extern "C" fn wsclose_result_close_code(result: i32) -> u16 {
    guard(0, || {
        PayloadErrorKind::from_result_number(result)
            .and_then(PayloadErrorKind::close_code)
            .map_or(0, CloseCode::as_u16)
    })
}

/// A short static English text for any result value; never NULL (unknown values get a text
/// saying so).
#[no_mangle]
pub extern "C" fn wsclose_result_message(result: i32) -> *const c_char {
    guard(c"wsclose: unknown result".as_ptr(), || {
        if let Some(message) = payload_error_message(result) {
            return message.as_ptr();
        }
        let text: &'static CStr = match wsclose_result::from_i32(result) {
            Some(WSCLOSE_OK) => c"success",
            Some(WSCLOSE_ERR_NULL_ARGUMENT) => c"a required pointer argument was NULL",
            Some(WSCLOSE_ERR_INVALID_ARGUMENT) => c"an argument is out of range",
            Some(WSCLOSE_ERR_UNKNOWN_PROFILE) => c"no profile has that name, subprotocol or index",
            Some(WSCLOSE_ERR_TOO_MANY_OVERRIDES) => c"a reconnect policy overrides at most 8 codes",
            Some(WSCLOSE_ERR_INVALID_ACCESS) => c"InvalidAccessError: the browser refuses this close code",
            Some(WSCLOSE_ERR_SYNTAX) => c"SyntaxError: the close reason is longer than 123 bytes",
            Some(WSCLOSE_ERR_INTENT_NOT_MET) => c"the profile's clients do something else after this code",
            Some(WSCLOSE_ERR_INTENT_NOT_SENDABLE) => c"this code cannot be sent in a Close frame",
            Some(WSCLOSE_ERR_PANIC) => c"internal error: a panic was caught inside wsclose",
            _ => c"unknown wsclose result",
        };
        text.as_ptr()
    })
}

/// Classifies `count` codes: `out[i]` receives the category number of `codes[i]`. `codes` and
/// `out` may be NULL only when `count` is 0 (`WSCLOSE_ERR_NULL_ARGUMENT` otherwise); a `count`
/// above `PTRDIFF_MAX / 2` gives `WSCLOSE_ERR_INVALID_ARGUMENT`. The arrays must not overlap.
///
/// # Safety
/// `codes` must point to `count` readable `uint16_t` and `out` to `count` writable bytes.
#[no_mangle]
pub unsafe extern "C" fn wsclose_classify_many(
    codes: *const u16,
    out: *mut u8,
    count: usize,
) -> wsclose_result {
    guard(WSCLOSE_ERR_PANIC, || {
        // SAFETY: validity of both arrays is promised by the caller.
        let (codes, out) = match unsafe { (input(codes, count), output(out, count)) } {
            (Ok(codes), Ok(out)) => (codes, out),
            (Err(err), _) | (_, Err(err)) => return err,
        };
        match classify_many(codes, out) {
            Ok(()) => WSCLOSE_OK,
            Err(_) => WSCLOSE_ERR_INVALID_ARGUMENT,
        }
    })
}

const VERSION: &CStr = match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
    Ok(version) => version,
    Err(_) => panic!("the package version contains a NUL byte"),
};

/// The library version, for example "0.1.0": the same as the `WSCLOSE_VERSION` macro of the
/// header the program was compiled with, when header and library match.
#[no_mangle]
pub extern "C" fn wsclose_version() -> *const c_char {
    guard(c"".as_ptr(), || VERSION.as_ptr())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The C string of every text matches the core's `&str`, over the whole domain of each lookup.
    #[test]
    fn every_c_string_is_the_core_text() {
        let same =
            |c: Option<&'static CStr>, text: Option<&str>| assert_eq!(c.map(CStr::to_str), text.map(Ok));
        for value in 0..=u16::MAX {
            let code = CloseCode::new(value);
            same(code_name(value), code.name());
            same(code_const_name(value), code.const_name());
            same(Some(code_description(value)), Some(code.description()));
            for index in 0..=wsclose_core::Profile::ALL.len() as u32 {
                let row = wsclose_core::Profile::ALL
                    .get(index as usize)
                    .and_then(|p| p.lookup(code));
                same(profile_code(index, value).map(|r| r.0), row.map(|r| r.name()));
                same(
                    profile_code(index, value).map(|r| r.1),
                    row.map(|r| r.description()),
                );
            }
        }
        for number in 0..=u8::MAX {
            let category = Category::from_u8(number);
            same(category_label(number.into()), category.map(Category::label));
            same(
                category_description(number.into()),
                category.map(Category::description),
            );
            same(
                reconnect_label(number.into()),
                Reconnect::from_u8(number).map(Reconnect::label),
            );
            same(
                advice_label(number.into()),
                wsclose_core::Advice::from_u8(number).map(wsclose_core::Advice::label),
            );
            let cause = wsclose_core::Cause::from_u8(number);
            same(
                cause_const_name(number.into()),
                cause.map(wsclose_core::Cause::const_name),
            );
            same(
                cause_summary(number.into()),
                cause.map(wsclose_core::Cause::summary),
            );
            same(cause_check(number.into()), cause.map(wsclose_core::Cause::check));
        }
        for index in 0..=wsclose_core::Profile::ALL.len() as u32 {
            same(
                profile_name(index),
                wsclose_core::Profile::ALL.get(index as usize).map(|p| p.name()),
            );
        }
        for result in -1000..=1000 {
            same(
                payload_error_message(result),
                PayloadErrorKind::from_result_number(result).map(PayloadErrorKind::message),
            );
        }
    }

    /// `wsclose_info` fills in what `CloseCode::info` says.
    #[test]
    fn info_matches_the_core() {
        for value in 0..=u16::MAX {
            let mut out = std::mem::MaybeUninit::<wsclose_code_info>::uninit();
            // SAFETY: `out` is writable.
            assert_eq!(unsafe { wsclose_info(value, out.as_mut_ptr()) }, WSCLOSE_OK);
            // SAFETY: written by `wsclose_info`.
            let out = unsafe { out.assume_init() };
            let info = CloseCode::new(value).info();
            assert_eq!(out.code, value);
            assert_eq!(out.category, info.category.into());
            assert_eq!(out.reconnect, info.reconnect.into());
            assert_eq!(
                [out.sendable, out.local_only, out.browser_closeable, out.ok],
                [info.sendable, info.local_only, info.browser_closeable, info.ok].map(u8::from)
            );
            assert_eq!(c_text(out.name), info.name);
            assert_eq!(c_text(out.description), Some(info.description));
        }
    }

    fn c_text(text: *const c_char) -> Option<&'static str> {
        // SAFETY: NULL or a static NUL-terminated string of the ABI.
        (!text.is_null()).then(|| unsafe { CStr::from_ptr(text) }.to_str().unwrap_or("<not UTF-8>"))
    }

    #[test]
    fn guard_turns_a_panic_into_the_fallback() {
        assert_eq!(
            guard(WSCLOSE_ERR_PANIC, || -> wsclose_result { panic!("test panic") }),
            WSCLOSE_ERR_PANIC
        );
        assert_eq!(guard(WSCLOSE_ERR_PANIC, || WSCLOSE_OK), WSCLOSE_OK);
    }

    #[test]
    fn enum_numbers_match_the_core() {
        for category in Category::ALL {
            assert_eq!(wsclose_category::from(category) as u8, category as u8);
        }
        for reconnect in Reconnect::ALL {
            assert_eq!(wsclose_reconnect_advice::from(reconnect) as u8, reconnect as u8);
        }
        for kind in PayloadErrorKind::ALL {
            assert_eq!(wsclose_result::from(kind) as i32, kind.result_number());
        }
    }

    #[test]
    fn result_close_code_matches_the_core() {
        let cases: [(&[u8], PayloadErrorKind); 4] = [
            (b"\x03", PayloadErrorKind::OneByte),
            (&[b'x'; 126], PayloadErrorKind::TooLong),
            (b"\x03\xed", PayloadErrorKind::InvalidCode),
            (b"\x03\xe8\xff", PayloadErrorKind::InvalidUtf8),
        ];
        for (payload, kind) in cases {
            let err = parse_close_payload(payload).unwrap_err();
            assert_eq!(err.kind(), kind);
            let result = wsclose_result::from(kind) as i32;
            assert_eq!(
                Some(wsclose_result_close_code(result)),
                err.close_code().map(CloseCode::as_u16)
            );
        }
        for result in [0, -1, -4, -105, -106, -201, -202, -901, 1, i32::MIN, i32::MAX] {
            assert_eq!(wsclose_result_close_code(result), 0);
        }
    }

    #[test]
    fn every_result_has_a_message() {
        for result in [i32::MIN, -901, -201, -106, -101, -1, 0, 1, i32::MAX] {
            assert!(!wsclose_result_message(result).is_null());
        }
        // SAFETY: static NUL-terminated strings.
        let unknown = unsafe { CStr::from_ptr(wsclose_result_message(7)) };
        assert_eq!(unknown, c"unknown wsclose result");
    }

    #[test]
    fn version_matches_the_header() {
        // SAFETY: static NUL-terminated string.
        let version = unsafe { CStr::from_ptr(wsclose_version()) };
        assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
        let header = include_str!("../../include/wsclose.h");
        let expected = format!("#define WSCLOSE_VERSION \"{}\"", env!("CARGO_PKG_VERSION"));
        assert!(header.contains(&expected), "include/wsclose.h lacks {expected}");
    }

    #[test]
    fn category_name_rejects_unknown_numbers() {
        assert!(wsclose_category_label(6).is_null());
        assert!(wsclose_category_label(256 + 1).is_null());
        assert!(wsclose_category_label(u32::MAX).is_null());
        // SAFETY: static NUL-terminated string.
        let label = unsafe { CStr::from_ptr(wsclose_category_label(5)) };
        assert_eq!(label, c"out of range");
    }

    #[test]
    fn reconnect_name_matches_the_core() {
        for advice in Reconnect::ALL {
            // SAFETY: static NUL-terminated string.
            let label = unsafe { CStr::from_ptr(wsclose_reconnect_label(u32::from(u8::from(advice)))) };
            assert_eq!(label.to_str(), Ok(advice.label()));
        }
        for advice in [3, 256, 256 + 1, u32::MAX] {
            assert!(wsclose_reconnect_label(advice).is_null());
        }
    }

    #[test]
    fn parse_errors_write_the_carried_code() {
        let cases: [(&[u8], u16); 5] = [
            (b"\x03", 0),
            (&[b'x'; 126], 0),
            (b"\x00\x00", 0),
            (b"\x13\x88", 5000),
            (b"\x03\xe8\xff", 1000),
        ];
        for (payload, carried) in cases {
            let err = parse_close_payload(payload).unwrap_err();
            let (mut code, mut reason, mut len) = (7u16, ptr::null::<u8>(), 9usize);
            // SAFETY: valid buffers and out-pointers.
            let result = unsafe {
                wsclose_parse_close_payload(payload.as_ptr(), payload.len(), &mut code, &mut reason, &mut len)
            };
            assert_eq!(result as i32, err.kind().result_number());
            assert_eq!(code, carried);
            assert_eq!(code, err.code().map_or(0, CloseCode::as_u16));
            assert!(reason.is_null());
            assert_eq!(len, 0);
        }
    }

    #[test]
    fn encode_reports_the_needed_size() {
        let mut out = [0u8; 4];
        let mut len = 99;
        // SAFETY: valid buffers.
        let result =
            unsafe { wsclose_encode_close_payload(1000, b"bye".as_ptr(), 3, out.as_mut_ptr(), 4, &mut len) };
        assert_eq!(result, WSCLOSE_ERR_BUFFER_TOO_SMALL);
        assert_eq!(len, 5);
        assert_eq!(out, [0; 4]);
    }
}
