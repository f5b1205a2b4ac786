//! Bulk facts for arrays: `classify_many(codes)`, `_facts_into(fact, codes, out)` and `facts()`.
//!
//! `codes` is any contiguous buffer of integers (numpy arrays of any integer dtype, Arrow data
//! buffers viewed through numpy, `array.array`, `memoryview`); `out` is any writable contiguous
//! buffer of one-byte items of the same length. Each code is converted to `u16` (type
//! conversion: a value outside 0..=65535 is a `ValueError` naming its index) and the core's
//! `wsclose::facts_many` writes one byte per code. No fact is computed here.
//!
//! Codes are copied in chunks into a stack buffer and the answers copied out of one, so the
//! core's vectorised loop runs on memory no other thread can change, and the GIL is released
//! for large arrays.

use core::mem::MaybeUninit;
use core::sync::atomic::{AtomicU16, AtomicU8, Ordering};

use pyo3::buffer::{ElementType, PyUntypedBuffer};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use wsclose::Fact;

use crate::convert::{code_arg, type_name};

/// Codes per chunk: the codes, their conversion and the answers stay in L1.
const CHUNK: usize = 4096;

/// From this many codes on, the GIL is released while the core works.
const DETACH_THRESHOLD: usize = 1 << 15;

/// The integer layout of a buffer of codes.
#[derive(Clone, Copy, Debug)]
struct IntLayout {
    size: usize,
    signed: bool,
    swapped: bool,
}

/// The layout of `buffer`'s items from its `struct` format, or a `TypeError`.
fn int_layout(buffer: &PyUntypedBuffer, what: &str) -> PyResult<IntLayout> {
    let format = buffer.format().to_bytes();
    let (order, kind) = match format {
        [kind] => (b'@', *kind),
        [order @ (b'@' | b'=' | b'<' | b'>' | b'!'), kind] => (*order, *kind),
        _ => (0, 0),
    };
    let signed = kind.is_ascii_lowercase();
    let size = buffer.item_size();
    let integer = matches!(
        kind,
        b'b' | b'B' | b'h' | b'H' | b'i' | b'I' | b'l' | b'L' | b'q' | b'Q' | b'n' | b'N'
    );
    if !integer || !matches!(size, 1 | 2 | 4 | 8) {
        return Err(PyTypeError::new_err(format!(
            "{what} needs integer codes, not a buffer of format '{}' with {size}-byte items; \
             convert to an integer array first (e.g. numpy's .astype('int64'))",
            String::from_utf8_lossy(format)
        )));
    }
    let swapped = match order {
        b'<' => cfg!(target_endian = "big"),
        b'>' | b'!' => cfg!(target_endian = "little"),
        _ => false,
    };
    Ok(IntLayout {
        size,
        signed,
        swapped: swapped && size > 1,
    })
}

/// A code that is not in 0..=65535: its index and value.
struct OutOfRange {
    index: usize,
    value: i128,
}

/// Converts `count` integers at `src` (layout `layout`) into `codes`.
///
/// # Safety
/// `src` must point to `count * layout.size` readable bytes; `count <= codes.len()`.
unsafe fn load(
    src: *const u8,
    layout: IntLayout,
    count: usize,
    codes: &mut [u16; CHUNK],
) -> Result<(), (usize, i128)> {
    macro_rules! convert {
        ($int:ty) => {{
            let mut raw = [MaybeUninit::<$int>::uninit(); CHUNK];
            // SAFETY: `count * size` bytes are readable (the caller's promise) and `raw` has
            // room for CHUNK >= count items; a byte copy has no alignment requirement.
            unsafe {
                core::ptr::copy_nonoverlapping(src, raw.as_mut_ptr().cast::<u8>(), count * size_of::<$int>());
            }
            for (index, (slot, item)) in codes.iter_mut().zip(&raw[..count]).enumerate() {
                // SAFETY: the first `count` items were initialised by the copy.
                let mut value = unsafe { item.assume_init() };
                if layout.swapped {
                    value = value.swap_bytes();
                }
                match u16::try_from(value) {
                    Ok(code) => *slot = code,
                    Err(_) => return Err((index, value as i128)),
                }
            }
            Ok(())
        }};
    }
    match (layout.size, layout.signed) {
        (2, false) if !layout.swapped => {
            // SAFETY: as above; u16 needs no conversion.
            unsafe { core::ptr::copy_nonoverlapping(src, codes.as_mut_ptr().cast::<u8>(), count * 2) };
            Ok(())
        }
        (1, false) => convert!(u8),
        (1, true) => convert!(i8),
        (2, false) => convert!(u16),
        (2, true) => convert!(i16),
        (4, false) => convert!(u32),
        (4, true) => convert!(i32),
        (8, false) => convert!(u64),
        _ => convert!(i64),
    }
}

/// `fact` of `count` codes at `src`, written to `dst`.
///
/// # Safety
/// `src` must point to `count * layout.size` readable bytes and `dst` to `count` writable bytes
/// for the duration of the call.
unsafe fn facts_raw(
    fact: Fact,
    src: usize,
    layout: IntLayout,
    dst: usize,
    count: usize,
) -> Result<(), OutOfRange> {
    let mut codes = [0u16; CHUNK];
    let mut answers = [0u8; CHUNK];
    let mut done = 0;
    while done < count {
        let n = CHUNK.min(count - done);
        // SAFETY: within the caller's `count` items.
        let at = unsafe { (src as *const u8).add(done * layout.size) };
        if let Err((index, value)) = unsafe { load(at, layout, n, &mut codes) } {
            return Err(OutOfRange {
                index: done + index,
                value,
            });
        }
        // Lengths are equal by construction.
        let _ = wsclose::facts_many(fact, &codes[..n], &mut answers[..n]);
        // SAFETY: `dst` has `count` writable bytes (the caller's promise).
        unsafe { core::ptr::copy_nonoverlapping(answers.as_ptr(), (dst as *mut u8).add(done), n) };
        done += n;
    }
    Ok(())
}

/// Writes `fact` (a `Fact` number, see `facts()`) of every code in `codes` into `out`, one byte
/// per code: the category or reconnect number, or 0/1 for a predicate.
#[pyfunction]
#[pyo3(signature = (fact, codes, out, /))]
fn _facts_into(py: Python<'_>, fact: u8, codes: &Bound<'_, PyAny>, out: &Bound<'_, PyAny>) -> PyResult<()> {
    let fact = Fact::from_u8(fact).ok_or_else(|| PyValueError::new_err(format!("no fact number {fact}")))?;
    let what = "wsclose.arrays";
    let src = PyUntypedBuffer::get(codes).map_err(|_| {
        PyTypeError::new_err(format!(
            "{what} needs an array of integer codes (the buffer protocol)"
        ))
    })?;
    let dst = PyUntypedBuffer::get(out)
        .map_err(|_| PyTypeError::new_err(format!("{what}: out= must be a writable array of bytes")))?;
    if !src.is_c_contiguous() || !dst.is_c_contiguous() {
        return Err(PyValueError::new_err(format!("{what} needs contiguous arrays")));
    }
    if dst.readonly() || dst.item_size() != 1 {
        return Err(PyTypeError::new_err(format!(
            "{what}: out= must be a writable array of 1-byte items (uint8, int8 or bool), not format '{}' with {}-byte items",
            String::from_utf8_lossy(dst.format().to_bytes()),
            dst.item_size()
        )));
    }
    let layout = int_layout(&src, what)?;
    let count = src.len_bytes() / layout.size;
    if dst.len_bytes() != count {
        return Err(PyValueError::new_err(format!(
            "{what}: {count} codes but out= has room for {}; the lengths must match",
            dst.len_bytes()
        )));
    }
    let (src_ptr, dst_ptr) = (src.buf_ptr() as usize, dst.buf_ptr() as usize);
    // SAFETY: both buffers stay exported (alive, same size) until they are dropped below.
    let result = if count >= DETACH_THRESHOLD {
        py.detach(|| unsafe { facts_raw(fact, src_ptr, layout, dst_ptr, count) })
    } else {
        unsafe { facts_raw(fact, src_ptr, layout, dst_ptr, count) }
    };
    drop(src);
    drop(dst);
    result.map_err(|OutOfRange { index, value }| {
        PyValueError::new_err(format!(
            "close code {value} at index {index} is out of range: close codes are 0 to 65535"
        ))
    })
}

/// `(number, const_name)` of each fact `_facts_into` computes, e.g. `(1, "SENDABLE")`.
#[pyfunction]
fn facts(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    PyList::new(py, Fact::ALL.iter().map(|&fact| (fact as u8, fact.const_name())))
}

/// How the 16-bit items of a buffer are laid out.
#[derive(Clone, Copy)]
enum Layout {
    Native,
    Swapped,
}

/// The layout of a buffer of 16-bit codes, from its `struct` format and item size.
fn buffer_layout(buffer: &PyUntypedBuffer) -> PyResult<Layout> {
    let format = buffer.format().to_bytes();
    let item_size = buffer.item_size();
    if item_size == 1
        && matches!(
            format,
            b"B" | b"@B" | b"=B" | b"<B" | b">B" | b"!B" | b"b" | b"@b" | b"c"
        )
    {
        // Raw bytes: pairs in native byte order, like memoryview(data).cast("H").
        if buffer.len_bytes() % 2 != 0 {
            return Err(PyValueError::new_err(format!(
                "classify_many() got a byte buffer of {} bytes, which is not a whole number of \
                 16-bit codes (2 bytes each, native byte order)",
                buffer.len_bytes()
            )));
        }
        return Ok(Layout::Native);
    }
    let unsigned16 = item_size == 2
        && ElementType::from_format(buffer.format()) == ElementType::UnsignedInteger { bytes: 2 };
    if unsigned16 {
        let swapped = match format.first() {
            Some(b'<') => cfg!(target_endian = "big"),
            Some(b'>' | b'!') => cfg!(target_endian = "little"),
            _ => false,
        };
        return Ok(if swapped { Layout::Swapped } else { Layout::Native });
    }
    Err(PyTypeError::new_err(format!(
        "classify_many() needs unsigned 16-bit codes (buffer format 'H'), not a buffer of format \
         '{}' with {item_size}-byte items; convert with array.array('H', ...) or numpy's .astype('uint16')",
        String::from_utf8_lossy(format)
    )))
}

/// Classifies `out.len()` codes read from `src`, through a stack buffer so the core's
/// vectorised loop runs on memory no other thread can change.
///
/// # Safety
/// `src` must point to `2 * out.len()` readable bytes for the duration of the call.
unsafe fn classify_raw(src: usize, layout: Layout, out: &mut [u8]) {
    let mut codes = [0u16; CHUNK];
    let src = src as *mut u8;
    let aligned = src.align_offset(2) == 0;
    for (chunk, out) in out.chunks_mut(CHUNK).enumerate() {
        let codes = &mut codes[..out.len()];
        let base = chunk * CHUNK;
        if aligned {
            for (i, code) in codes.iter_mut().enumerate() {
                // SAFETY: in bounds and 2-aligned (checked above); atomic loads keep a
                // concurrent writer from making this a data race.
                *code =
                    unsafe { AtomicU16::from_ptr(src.add(2 * (base + i)).cast()) }.load(Ordering::Relaxed);
            }
        } else {
            for (i, code) in codes.iter_mut().enumerate() {
                let at = 2 * (base + i);
                // SAFETY: both bytes are in bounds; `AtomicU8` has no alignment requirement.
                let bytes = unsafe {
                    [
                        AtomicU8::from_ptr(src.add(at)).load(Ordering::Relaxed),
                        AtomicU8::from_ptr(src.add(at + 1)).load(Ordering::Relaxed),
                    ]
                };
                *code = u16::from_ne_bytes(bytes);
            }
        }
        if let Layout::Swapped = layout {
            for code in codes.iter_mut() {
                *code = code.swap_bytes();
            }
        }
        // Lengths are equal by construction.
        let _ = wsclose::classify_many(codes, out);
    }
}

/// One category byte per code. `codes` is a buffer of unsigned 16-bit integers (read in place,
/// without a copy), raw bytes holding such integers in native order, or an iterable of ints.
#[pyfunction]
#[pyo3(signature = (codes, /))]
fn classify_many<'py>(py: Python<'py>, codes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    if codes.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "classify_many() needs a buffer of uint16 or an iterable of ints, not str",
        ));
    }
    match PyUntypedBuffer::get(codes) {
        Ok(buffer) => {
            if !buffer.is_c_contiguous() {
                return Err(PyValueError::new_err(
                    "classify_many() needs a contiguous buffer; pass a contiguous copy \
                     (for numpy, numpy.ascontiguousarray(codes))",
                ));
            }
            let layout = buffer_layout(&buffer)?;
            let count = buffer.len_bytes() / 2;
            let src = buffer.buf_ptr() as usize;
            let result = PyBytes::new_with(py, count, |out| {
                if count >= DETACH_THRESHOLD {
                    // SAFETY: `buffer` stays alive (and its memory exported) until after this.
                    py.detach(|| unsafe { classify_raw(src, layout, out) });
                } else {
                    // SAFETY: as above.
                    unsafe { classify_raw(src, layout, out) };
                }
                Ok(())
            });
            drop(buffer);
            result
        }
        Err(err) if err.is_instance_of::<PyTypeError>(py) => classify_iterable(py, codes),
        Err(err) => Err(err),
    }
}

fn classify_iterable<'py>(py: Python<'py>, codes: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let iter = codes.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "classify_many() needs a buffer of uint16 or an iterable of ints, not {}",
            type_name(codes)
        ))
    })?;
    let mut out = Vec::with_capacity(codes.len().unwrap_or(0));
    for (index, item) in iter.enumerate() {
        let code = code_arg(&item?).map_err(|err| {
            let message = format!("classify_many() item {index}: {}", err.value(py));
            if err.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(message)
            } else {
                PyValueError::new_err(message)
            }
        })?;
        out.push(wsclose::classify(code) as u8);
    }
    Ok(PyBytes::new(py, &out))
}

/// Adds the bulk functions to the extension module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_facts_into, module)?)?;
    module.add_function(wrap_pyfunction!(facts, module)?)?;
    module.add_function(wrap_pyfunction!(classify_many, module)?)?;
    Ok(())
}
