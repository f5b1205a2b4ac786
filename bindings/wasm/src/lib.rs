//! wsclose for WebAssembly: the core compiled to `wasm32-unknown-unknown` with plain integer
//! exports, so any host that can instantiate a module (browsers, Node.js, Deno, wasmtime) can
//! classify close codes without a native library and without wasm-bindgen.
//!
//! Conventions of the exported functions:
//!
//! - Codes travel as `u32` (a wasm `i32`). A value above 65535 is not a close code: `classify`
//!   and `reconnect` answer [`INVALID`] (255), the predicates answer 0.
//! - Booleans are `0`/`1`.
//! - Strings are static UTF-8 in linear memory, returned as a pointer and a length by a pair of
//!   functions (`…_ptr`, `…_len`); a missing string (no standard name) has pointer 0 and
//!   length 0. Nothing is ever allocated or freed.
//! - Close payloads go through two fixed buffers in linear memory: the caller writes the payload
//!   (or a reason to encode) at [`wsclose_buffer`] and reads encoded payloads at
//!   [`wsclose_output`]. Results follow the C ABI: `0` (or a length) on success, the negative
//!   [`PayloadErrorKind`] number on failure.
//!
//! No `unsafe` blocks: the buffers are arrays of `AtomicU8`, which have the layout of bytes, so the host
//! writes them through the memory view and Rust reads them with plain loads.
#![cfg_attr(all(target_arch = "wasm32", not(test)), no_std)]

use core::sync::atomic::{AtomicU32, AtomicU8, AtomicUsize, Ordering::Relaxed};

use wsclose::{
    classify, encode_close_payload, parse_close_payload, Category, CloseCode, PayloadErrorKind,
    MAX_CLOSE_PAYLOAD, MAX_REASON_LEN,
};

/// Returned by [`wsclose_classify`], [`wsclose_reconnect`] and the other numeric queries when
/// the argument is not a 16-bit close code.
pub const INVALID: u32 = 255;

/// Size of the input buffer: one byte more than the largest Close payload, so that "too long" is
/// still decided by the core (the caller writes at most this many bytes and passes at most this
/// length; anything longer is equally too long).
pub const BUFFER_CAPACITY: usize = MAX_CLOSE_PAYLOAD + 1;

/// The negative result for an argument that is not a close code (as in the C ABI).
pub const ERR_INVALID_ARGUMENT: i32 = -8;

static INPUT: [AtomicU8; BUFFER_CAPACITY] = [const { AtomicU8::new(0) }; BUFFER_CAPACITY];
static OUTPUT: [AtomicU8; MAX_CLOSE_PAYLOAD] = [const { AtomicU8::new(0) }; MAX_CLOSE_PAYLOAD];
static LAST_CODE: AtomicU32 = AtomicU32::new(0);
static LAST_REASON_PTR: AtomicUsize = AtomicUsize::new(0);
static LAST_REASON_LEN: AtomicUsize = AtomicUsize::new(0);

/// A reason one byte longer than any Close frame can carry, handed to the core when the caller's
/// reason does not even fit in the buffer, so that the core still decides which error applies.
const TOO_LONG_REASON: &str = match core::str::from_utf8(&[b' '; MAX_REASON_LEN + 1]) {
    Ok(text) => text,
    Err(_) => panic!("spaces are UTF-8"),
};

fn code_of(code: u32) -> Option<CloseCode> {
    u16::try_from(code).ok().map(CloseCode::new)
}

fn flag(code: u32, predicate: fn(CloseCode) -> bool) -> u32 {
    code_of(code).map_or(0, |code| u32::from(predicate(code)))
}

fn str_ptr(text: Option<&'static str>) -> usize {
    text.map_or(0, |text| text.as_ptr() as usize)
}

fn str_len(text: Option<&'static str>) -> usize {
    text.map_or(0, str::len)
}

fn category_of(category: u32) -> Option<Category> {
    u8::try_from(category).ok().and_then(Category::from_u8)
}

/// The ABI number of a payload error kind (1 = `ONE_BYTE` … 6 = `BUFFER_TOO_SMALL`).
fn kind_number(kind: PayloadErrorKind) -> i32 {
    // `ALL` lists the kinds in discriminant order, starting at 1.
    PayloadErrorKind::ALL
        .iter()
        .position(|&k| k == kind)
        .map_or(0, |index| index as i32 + 1)
}

fn kind_of(kind: u32) -> Option<PayloadErrorKind> {
    let index = usize::try_from(kind).ok()?.checked_sub(1)?;
    PayloadErrorKind::ALL.get(index).copied()
}

/// Copies the first `len` bytes of the input buffer out of their atomic cells.
fn read_input(len: usize) -> ([u8; BUFFER_CAPACITY], usize) {
    let mut bytes = [0u8; BUFFER_CAPACITY];
    for (byte, cell) in bytes.iter_mut().zip(INPUT.iter()) {
        *byte = cell.load(Relaxed);
    }
    (bytes, len.min(BUFFER_CAPACITY))
}

/// The category number (0 Unused … 5 OutOfRange) of `code`, or [`INVALID`] above 65535.
#[no_mangle]
pub extern "C" fn wsclose_classify(code: u32) -> u32 {
    u16::try_from(code).map_or(INVALID, |code| u32::from(u8::from(classify(code))))
}

/// 1 when `code` may appear in a Close frame on the wire.
#[no_mangle]
pub extern "C" fn wsclose_is_sendable(code: u32) -> u32 {
    flag(code, CloseCode::is_sendable)
}

/// 1 when `code` is only ever reported locally (1005, 1006, 1015).
#[no_mangle]
pub extern "C" fn wsclose_is_local_only(code: u32) -> u32 {
    flag(code, CloseCode::is_local_only)
}

/// 1 when a browser's `WebSocket.close(code)` accepts `code`.
#[no_mangle]
pub extern "C" fn wsclose_is_browser_closeable(code: u32) -> u32 {
    flag(code, CloseCode::is_browser_closeable)
}

/// 1 when `code` means the connection ended normally.
#[no_mangle]
pub extern "C" fn wsclose_is_ok(code: u32) -> u32 {
    flag(code, CloseCode::is_ok)
}

/// The reconnect advice (0 Never, 1 Backoff, 2 AppDefined), or [`INVALID`] above 65535.
#[no_mangle]
pub extern "C" fn wsclose_reconnect(code: u32) -> u32 {
    code_of(code).map_or(INVALID, |code| u32::from(u8::from(code.reconnect())))
}

/// Address of the standard name of `code` (1000–1015), or 0 when it has none.
#[no_mangle]
pub extern "C" fn wsclose_name_ptr(code: u32) -> usize {
    str_ptr(code_of(code).and_then(CloseCode::name))
}

/// Length in bytes of the standard name of `code`, or 0 when it has none.
#[no_mangle]
pub extern "C" fn wsclose_name_len(code: u32) -> usize {
    str_len(code_of(code).and_then(CloseCode::name))
}

/// Address of the constant name of `code` (e.g. `GOING_AWAY`), or 0 when it has none.
#[no_mangle]
pub extern "C" fn wsclose_const_name_ptr(code: u32) -> usize {
    str_ptr(code_of(code).and_then(CloseCode::const_name))
}

/// Length in bytes of the constant name of `code`, or 0 when it has none.
#[no_mangle]
pub extern "C" fn wsclose_const_name_len(code: u32) -> usize {
    str_len(code_of(code).and_then(CloseCode::const_name))
}

/// Address of the description of `code`, or 0 above 65535.
#[no_mangle]
pub extern "C" fn wsclose_description_ptr(code: u32) -> usize {
    str_ptr(code_of(code).map(CloseCode::description))
}

/// Length in bytes of the description of `code`, or 0 above 65535.
#[no_mangle]
pub extern "C" fn wsclose_description_len(code: u32) -> usize {
    str_len(code_of(code).map(CloseCode::description))
}

/// Address of the label of a category number (e.g. `private use`), or 0 when `category > 5`.
#[no_mangle]
pub extern "C" fn wsclose_category_label_ptr(category: u32) -> usize {
    str_ptr(category_of(category).map(Category::label))
}

/// Length in bytes of the label of a category number, or 0 when `category > 5`.
#[no_mangle]
pub extern "C" fn wsclose_category_label_len(category: u32) -> usize {
    str_len(category_of(category).map(Category::label))
}

/// Address of the constant name of a category number (e.g. `OUT_OF_RANGE`), or 0 when
/// `category > 5`.
#[no_mangle]
pub extern "C" fn wsclose_category_const_name_ptr(category: u32) -> usize {
    str_ptr(category_of(category).map(Category::const_name))
}

/// Length in bytes of the constant name of a category number, or 0 when `category > 5`.
#[no_mangle]
pub extern "C" fn wsclose_category_const_name_len(category: u32) -> usize {
    str_len(category_of(category).map(Category::const_name))
}

/// Address of the constant name of a payload error kind (1 `ONE_BYTE` … 6 `BUFFER_TOO_SMALL`),
/// or 0 for any other number.
#[no_mangle]
pub extern "C" fn wsclose_error_kind_name_ptr(kind: u32) -> usize {
    str_ptr(kind_of(kind).map(PayloadErrorKind::const_name))
}

/// Length in bytes of the constant name of a payload error kind, or 0 for any other number.
#[no_mangle]
pub extern "C" fn wsclose_error_kind_name_len(kind: u32) -> usize {
    str_len(kind_of(kind).map(PayloadErrorKind::const_name))
}

/// Address of the version string of the crate (e.g. `0.1.0`).
#[no_mangle]
pub extern "C" fn wsclose_version_ptr() -> usize {
    env!("CARGO_PKG_VERSION").as_ptr() as usize
}

/// Length in bytes of the version string.
#[no_mangle]
pub extern "C" fn wsclose_version_len() -> usize {
    env!("CARGO_PKG_VERSION").len()
}

/// Address of the input buffer ([`BUFFER_CAPACITY`] bytes): the payload to parse or the reason
/// to encode goes here.
#[no_mangle]
pub extern "C" fn wsclose_buffer() -> usize {
    INPUT.as_ptr() as usize
}

/// Size of the input buffer in bytes.
#[no_mangle]
pub extern "C" fn wsclose_buffer_capacity() -> usize {
    BUFFER_CAPACITY
}

/// Address of the output buffer (125 bytes), where [`wsclose_encode_close_payload`] writes.
#[no_mangle]
pub extern "C" fn wsclose_output() -> usize {
    OUTPUT.as_ptr() as usize
}

/// Parses the Close payload in the first `len` bytes of the input buffer (a `len` above the
/// capacity counts as too long). Returns 0 or the negative error kind. Afterwards
/// [`wsclose_last_code`] is the parsed code (1005 for an empty payload) or, on a protocol error,
/// the code to answer with (1002, or 1007 for bad UTF-8); on success the reason lies at
/// [`wsclose_last_reason_ptr`] (inside the input buffer) for [`wsclose_last_reason_len`] bytes.
#[no_mangle]
pub extern "C" fn wsclose_parse_close_payload(len: usize) -> i32 {
    let (bytes, len) = read_input(len);
    let outcome = match parse_close_payload(bytes.get(..len).unwrap_or_default()) {
        Ok(close) => {
            let reason = close.reason();
            // A non-empty reason borrows from `bytes`; the empty one (empty payload) may not.
            let offset = if reason.is_empty() {
                0
            } else {
                reason.as_ptr() as usize - bytes.as_ptr() as usize
            };
            LAST_REASON_PTR.store(wsclose_buffer() + offset, Relaxed);
            LAST_REASON_LEN.store(reason.len(), Relaxed);
            LAST_CODE.store(u32::from(close.code().as_u16()), Relaxed);
            return 0;
        }
        Err(err) => err,
    };
    LAST_REASON_PTR.store(0, Relaxed);
    LAST_REASON_LEN.store(0, Relaxed);
    LAST_CODE.store(u32::from(outcome.close_code().as_u16()), Relaxed);
    -kind_number(outcome.kind())
}

/// The code from the last [`wsclose_parse_close_payload`] (see there).
#[no_mangle]
pub extern "C" fn wsclose_last_code() -> u32 {
    LAST_CODE.load(Relaxed)
}

/// Address of the reason from the last successful parse (inside the input buffer).
#[no_mangle]
pub extern "C" fn wsclose_last_reason_ptr() -> usize {
    LAST_REASON_PTR.load(Relaxed)
}

/// Length in bytes of the reason from the last successful parse.
#[no_mangle]
pub extern "C" fn wsclose_last_reason_len() -> usize {
    LAST_REASON_LEN.load(Relaxed)
}

/// Encodes `code` and the reason in the first `reason_len` bytes of the input buffer into the
/// output buffer. Returns the payload length, the negative error kind (`INVALID_CODE`,
/// `INVALID_UTF8`, `REASON_TOO_LONG`), or [`ERR_INVALID_ARGUMENT`] above 65535. A `reason_len`
/// above the capacity of the input buffer is too long, whatever the bytes.
#[no_mangle]
pub extern "C" fn wsclose_encode_close_payload(code: u32, reason_len: usize) -> i32 {
    let Some(code) = code_of(code) else {
        return ERR_INVALID_ARGUMENT;
    };
    let (bytes, len) = read_input(reason_len);
    let reason = if reason_len > BUFFER_CAPACITY {
        TOO_LONG_REASON
    } else {
        match core::str::from_utf8(bytes.get(..len).unwrap_or_default()) {
            Ok(reason) => reason,
            // The core checks the code before the reason; keep that order for bytes too.
            Err(_) if !code.is_sendable() => "",
            Err(_) => return -kind_number(PayloadErrorKind::InvalidUtf8),
        }
    };
    let mut payload = [0u8; MAX_CLOSE_PAYLOAD];
    match encode_close_payload(code, reason, &mut payload) {
        Ok(written) => {
            for (cell, &byte) in OUTPUT.iter().zip(payload.iter().take(written)) {
                cell.store(byte, Relaxed);
            }
            written as i32
        }
        Err(err) => -kind_number(err.kind()),
    }
}

/// Without the standard library nothing may unwind; the exports never panic, and a trap is the
/// only sensible end if one did.
#[cfg(all(target_arch = "wasm32", not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_input(bytes: &[u8]) {
        for (cell, &byte) in INPUT.iter().zip(bytes) {
            cell.store(byte, Relaxed);
        }
    }

    fn text(ptr: usize, len: usize) -> &'static str {
        // Only for the host tests: the pointers come from `&'static str`s of the core, so
        // compare by looking them up again instead of dereferencing.
        let candidates = (0..=u16::MAX)
            .flat_map(|code| {
                let code = CloseCode::new(code);
                [code.name(), Some(code.description()), code.const_name()]
            })
            .flatten();
        candidates
            .chain(Category::ALL.iter().flat_map(|c| [c.label(), c.const_name()]))
            .find(|s| s.as_ptr() as usize == ptr && s.len() == len)
            .expect("pointer to a static string of the core")
    }

    #[test]
    fn classify_and_out_of_range_input() {
        assert_eq!(wsclose_classify(999), 0);
        assert_eq!(wsclose_classify(1000), 1);
        assert_eq!(wsclose_classify(4999), 4);
        assert_eq!(wsclose_classify(65535), 5);
        assert_eq!(wsclose_classify(65536), INVALID);
        assert_eq!(wsclose_reconnect(65536), INVALID);
        assert_eq!(wsclose_is_sendable(65536 + 1000), 0);
        assert_eq!(wsclose_name_ptr(65536 + 1000), 0);
    }

    #[test]
    fn strings_point_at_the_core() {
        assert_eq!(text(wsclose_name_ptr(1001), wsclose_name_len(1001)), "Going Away");
        assert_eq!(wsclose_name_ptr(4000), 0);
        assert_eq!(
            text(wsclose_category_label_ptr(4), wsclose_category_label_len(4)),
            "private use"
        );
        assert_eq!(wsclose_category_label_ptr(6), 0);
        assert_eq!(kind_of(4), Some(PayloadErrorKind::InvalidUtf8));
        assert_eq!(kind_of(0), None);
        assert_eq!(kind_of(7), None);
    }

    // One test for everything that touches the shared buffers, so parallel tests cannot race.
    #[test]
    fn parse_and_encode_through_the_buffers() {
        write_input(b"\x03\xf5overloaded");
        assert_eq!(wsclose_parse_close_payload(12), 0);
        assert_eq!(wsclose_last_code(), 1013);
        assert_eq!(wsclose_last_reason_ptr(), wsclose_buffer() + 2);
        assert_eq!(wsclose_last_reason_len(), 10);

        assert_eq!(wsclose_parse_close_payload(0), 0);
        assert_eq!(wsclose_last_code(), 1005);
        assert_eq!(wsclose_parse_close_payload(1), -1);
        assert_eq!(wsclose_last_code(), 1002);
        assert_eq!(wsclose_parse_close_payload(100_000), -2);
        write_input(b"\x03\xe8\xff");
        assert_eq!(wsclose_parse_close_payload(3), -4);
        assert_eq!(wsclose_last_code(), 1007);

        write_input(b"bye");
        assert_eq!(wsclose_encode_close_payload(1001, 3), 5);
        let out: Vec<u8> = OUTPUT[..5].iter().map(|c| c.load(Relaxed)).collect();
        assert_eq!(out, b"\x03\xe9bye");
        assert_eq!(wsclose_encode_close_payload(1006, 3), -3);
        assert_eq!(wsclose_encode_close_payload(1000, 124), -5);
        assert_eq!(wsclose_encode_close_payload(1006, 10_000), -3);
        assert_eq!(wsclose_encode_close_payload(1000, 10_000), -5);
        assert_eq!(wsclose_encode_close_payload(70_000, 0), ERR_INVALID_ARGUMENT);
        write_input(b"\xff");
        assert_eq!(wsclose_encode_close_payload(1000, 1), -4);
        assert_eq!(wsclose_encode_close_payload(1004, 1), -3);
    }
}
