//! `wsclose._wsclose`: the private extension module behind the `wsclose` Python package.
//!
//! It holds no table and no rule of its own: every fact comes from the `wsclose` crate. What it
//! does is conversion (Python ints and buffers in, Python objects out) and errors. The Python
//! types users see (`Category`, `Reconnect`, `CloseCode`, `CodeInfo`, `Close`, the exceptions)
//! are defined in `python/wsclose/__init__.py`, which hands them to [`register`] once at import.
//! From then on a call returns cached members of those types, so `classify` builds nothing.

use core::sync::atomic::{AtomicU16, AtomicU8, Ordering};

use pyo3::buffer::{ElementType, PyUntypedBuffer};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyInt, PyList, PyString, PyTuple, PyType};
use wsclose::{Category, Close, CloseCode, PayloadError, PayloadErrorKind, Reconnect};

/// The Python types and enum members that results are made of, registered by `__init__.py`.
struct Registry {
    /// `Category` members, indexed by discriminant.
    categories: Vec<Py<PyAny>>,
    /// `Reconnect` members, indexed by discriminant.
    reconnects: Vec<Py<PyAny>>,
    /// `CloseCode` members for 1000..=1015, indexed by `code - 1000`.
    standard: Vec<Py<PyAny>>,
    /// `PayloadErrorKind` members, indexed by `discriminant - 1`.
    kinds: Vec<Py<PyAny>>,
    /// The `CodeInfo` class.
    code_info: Py<PyAny>,
    /// The `Close` named tuple class.
    close: Py<PyType>,
    /// The `tp_alloc` slot of `Close`, with which a `Close` is built the way `tuple.__new__`
    /// builds instances of tuple subclasses, without running Python code.
    close_alloc: ffi::allocfunc,
    /// `ClosePayloadError(message, kind, close_code)`.
    payload_error: Py<PyAny>,
    /// `CloseEncodeError(message, kind)`.
    encode_error: Py<PyAny>,
    /// `Close(code, "")` for each standard code, indexed by `code - 1000`: tuples are immutable,
    /// so the common reason-less Close of a standard code is shared, as small ints are.
    bare_closes: Vec<Py<PyAny>>,
}

static REGISTRY: PyOnceLock<Registry> = PyOnceLock::new();

/// Number of standard codes, 1000..=1015.
const STANDARD_COUNT: usize = CloseCode::STANDARD.len();

/// From this many codes on, `classify_many` releases the GIL while it works.
const DETACH_THRESHOLD: usize = 1 << 15;

fn registry(py: Python<'_>) -> PyResult<&Registry> {
    REGISTRY.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("wsclose._wsclose is private: import the wsclose package instead")
    })
}

/// The name of `obj`'s type, for error messages.
fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A close code argument: an `int` (including `bool` and `IntEnum` members) or an object with
/// `__index__` (such as a numpy integer), in 0..=65535.
fn code_arg(obj: &Bound<'_, PyAny>) -> PyResult<u16> {
    if let Ok(int) = obj.cast::<PyInt>() {
        return int_to_code(int);
    }
    if obj.get_type().hasattr(pyo3::intern!(obj.py(), "__index__"))? {
        let index = obj.call_method0(pyo3::intern!(obj.py(), "__index__"))?;
        if let Ok(int) = index.cast::<PyInt>() {
            return int_to_code(int);
        }
    }
    Err(PyTypeError::new_err(format!(
        "a close code must be an int, not {}",
        type_name(obj)
    )))
}

fn int_to_code(int: &Bound<'_, PyInt>) -> PyResult<u16> {
    match int.extract::<i64>() {
        Ok(value) if (0..=i64::from(u16::MAX)).contains(&value) => Ok(value as u16),
        _ => Err(PyValueError::new_err(format!(
            "close code {} is out of range: close codes are 0 to 65535",
            int.str()
                .map(|text| text.to_string())
                .unwrap_or_else(|_| "with more digits than Python prints".to_owned())
        ))),
    }
}

/// `code - 1000` for the standard codes 1000..=1015.
fn standard_index(code: CloseCode) -> Option<usize> {
    code.as_u16()
        .checked_sub(1000)
        .map(usize::from)
        .filter(|&offset| offset < STANDARD_COUNT)
}

/// `code` as the `CloseCode` member for 1000..=1015, else as a plain `int`.
fn code_object<'py>(py: Python<'py>, reg: &Registry, code: CloseCode) -> Bound<'py, PyAny> {
    match standard_index(code) {
        Some(offset) => reg.standard[offset].bind(py).clone(),
        None => PyInt::new(py, code.as_u16()).into_any(),
    }
}

/// Registers the Python types results are built from. Called once by `wsclose/__init__.py`;
/// checks that the Python enums carry the numbers and names of the core.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn _register(
    py: Python<'_>,
    categories: Vec<Bound<'_, PyAny>>,
    reconnects: Vec<Bound<'_, PyAny>>,
    close_codes: Vec<Bound<'_, PyAny>>,
    kinds: Vec<Bound<'_, PyAny>>,
    code_info: Bound<'_, PyAny>,
    close: Bound<'_, PyAny>,
    payload_error: Bound<'_, PyAny>,
    encode_error: Bound<'_, PyAny>,
) -> PyResult<()> {
    let mismatch =
        |what: &str| PyRuntimeError::new_err(format!("wsclose: the Python {what} do not match the core"));
    let ints = |members: &[Bound<'_, PyAny>]| -> PyResult<Vec<i64>> {
        members.iter().map(|m| m.extract::<i64>()).collect()
    };
    let expected: Vec<i64> = Category::ALL.iter().map(|&c| i64::from(c as u8)).collect();
    if ints(&categories)? != expected {
        return Err(mismatch("Category members"));
    }
    let expected: Vec<i64> = Reconnect::ALL.iter().map(|&r| i64::from(r as u8)).collect();
    if ints(&reconnects)? != expected {
        return Err(mismatch("Reconnect members"));
    }
    let expected: Vec<i64> = CloseCode::STANDARD
        .iter()
        .map(|c| i64::from(c.as_u16()))
        .collect();
    if ints(&close_codes)? != expected {
        return Err(mismatch("CloseCode members"));
    }
    let kind_values: Vec<String> = kinds
        .iter()
        .map(|k| k.extract::<String>())
        .collect::<PyResult<_>>()?;
    let expected: Vec<&str> = PayloadErrorKind::ALL.iter().map(|k| k.const_name()).collect();
    if kind_values != expected {
        return Err(mismatch("PayloadErrorKind members"));
    }
    let close = close
        .cast_into::<PyType>()
        .ok()
        .filter(|close| close.is_subclass_of::<PyTuple>().unwrap_or(false))
        .ok_or_else(|| mismatch("Close type (it must be a NamedTuple)"))?;
    // SAFETY: `close` is a heap type (a class statement made it), whose slots `PyType_GetSlot`
    // reads; a tuple subclass always has `tp_alloc`.
    let slot = unsafe { ffi::PyType_GetSlot(close.as_ptr().cast(), ffi::Py_tp_alloc) };
    if slot.is_null() {
        return Err(mismatch("Close type (it has no tp_alloc)"));
    }
    // SAFETY: the `Py_tp_alloc` slot holds an `allocfunc`.
    let close_alloc = unsafe { core::mem::transmute::<*mut core::ffi::c_void, ffi::allocfunc>(slot) };
    let unbind = |members: Vec<Bound<'_, PyAny>>| members.into_iter().map(Bound::unbind).collect();
    let registry = Registry {
        categories: unbind(categories),
        reconnects: unbind(reconnects),
        standard: unbind(close_codes),
        kinds: unbind(kinds),
        code_info: code_info.unbind(),
        close: close.unbind(),
        close_alloc,
        bare_closes: Vec::new(),
        payload_error: payload_error.unbind(),
        encode_error: encode_error.unbind(),
    };
    let bare_closes = CloseCode::STANDARD
        .iter()
        .map(|&code| {
            let code = code_object(py, &registry, code);
            new_close(py, &registry, code, PyString::new(py, "").into_any()).map(Bound::unbind)
        })
        .collect::<PyResult<Vec<_>>>()?;
    let registry = Registry {
        bare_closes,
        ..registry
    };
    REGISTRY
        .set(py, registry)
        .map_err(|_| PyRuntimeError::new_err("wsclose: types are already registered"))
}

/// The category of one code, as a cached `Category` member.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn classify<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = code_arg(code)?;
    let reg = registry(py)?;
    Ok(reg.categories[wsclose::classify(code) as usize].bind(py).clone())
}

/// Everything about one code, as a `CodeInfo`.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn info<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = CloseCode::new(code_arg(code)?);
    let reg = registry(py)?;
    let facts = code.info();
    let args = (
        code_object(py, reg, code),
        reg.categories[facts.category as usize].bind(py),
        facts.name,
        facts.description,
        facts.sendable,
        facts.local_only,
        facts.browser_closeable,
        facts.ok,
        reg.reconnects[facts.reconnect as usize].bind(py),
    );
    reg.code_info.bind(py).call1(args)
}

/// The `ClosePayloadError` for a payload that breaks the protocol.
fn payload_error(py: Python<'_>, reg: &Registry, err: PayloadError) -> PyErr {
    let kind = reg.kinds[err.kind() as usize - 1].bind(py);
    let answer = code_object(py, reg, err.close_code());
    match reg.payload_error.bind(py).call1((err.to_string(), kind, answer)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(failure) => failure,
    }
}

/// The `CloseEncodeError` for a Close that cannot be built.
fn encode_error(py: Python<'_>, reg: &Registry, kind: PayloadErrorKind, message: String) -> PyErr {
    let kind = reg.kinds[kind as usize - 1].bind(py);
    match reg.encode_error.bind(py).call1((message, kind)) {
        Ok(exc) => PyErr::from_value(exc),
        Err(failure) => failure,
    }
}

/// Parses a Close frame payload (any bytes-like object) into a `Close(code, reason)`.
#[pyfunction]
#[pyo3(signature = (data, /))]
fn parse_close_payload<'py>(py: Python<'py>, data: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let reg = registry(py)?;
    if let Ok(bytes) = data.cast::<PyBytes>() {
        return close_result(py, reg, bytes.as_bytes());
    }
    let not_bytes = || {
        PyTypeError::new_err(format!(
            "parse_close_payload() needs a bytes-like object, not {}",
            type_name(data)
        ))
    };
    if data.is_instance_of::<PyString>() {
        return Err(not_bytes());
    }
    let buffer = PyUntypedBuffer::get(data).map_err(|_| not_bytes())?;
    if !buffer.is_c_contiguous() {
        return Err(PyValueError::new_err(
            "parse_close_payload() needs a contiguous buffer",
        ));
    }
    let len = buffer.len_bytes();
    let src = buffer.buf_ptr().cast::<u8>().cast_const();
    if len > wsclose::MAX_CLOSE_PAYLOAD {
        // SAFETY: the export keeps `len` bytes at `src` alive and sized while `buffer` lives, and
        // the parser rejects a payload this long from its length alone, without reading a byte.
        let payload = unsafe { core::slice::from_raw_parts(src, len) };
        return close_result(py, reg, payload);
    }
    // Copy the (at most 125) bytes first, so that the parser reads memory nobody else can change.
    let mut copy = [0u8; wsclose::MAX_CLOSE_PAYLOAD];
    for (i, slot) in copy[..len].iter_mut().enumerate() {
        // SAFETY: `i < len` bytes are readable while `buffer` lives; an atomic load makes a
        // concurrent writer in another thread harmless.
        *slot = unsafe { AtomicU8::from_ptr(src.add(i).cast_mut()) }.load(Ordering::Relaxed);
    }
    close_result(py, reg, &copy[..len])
}

fn close_result<'py>(py: Python<'py>, reg: &Registry, payload: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    if payload.len() <= 2 || payload.len() > wsclose::MAX_CLOSE_PAYLOAD {
        // Empty, one byte, code only, or too long: the core answers without a reason to decode.
        return match wsclose::parse_close_payload(payload) {
            Ok(close) => match standard_index(close.code()).and_then(|i| reg.bare_closes.get(i)) {
                Some(bare) => Ok(bare.bind(py).clone()),
                None => new_close(
                    py,
                    reg,
                    code_object(py, reg, close.code()),
                    PyString::new(py, "").into_any(),
                ),
            },
            Err(err) => Err(payload_error(py, reg, err)),
        };
    }
    // A code and a reason. The core checks the code before the reason, so parsing the first two
    // bytes alone gives its verdict on the code.
    let code = match wsclose::parse_close_payload(&payload[..2]) {
        Ok(head) => head.code(),
        Err(err) => return Err(payload_error(py, reg, err)),
    };
    // The reason must be well-formed UTF-8 (RFC 3629). CPython's strict UTF-8 decoder checks
    // exactly that while it builds the str, in one pass and faster than validating twice; when
    // it refuses, the core's parse of the whole payload gives the error with its offset.
    let reason = &payload[2..];
    // SAFETY: `reason` is a live slice of at most 123 bytes; the errors name is a C string; the
    // result is a new reference or NULL with an exception set.
    let decoded = unsafe {
        Bound::from_owned_ptr_or_err(
            py,
            ffi::PyUnicode_DecodeUTF8(
                reason.as_ptr().cast(),
                reason.len() as ffi::Py_ssize_t,
                c"strict".as_ptr(),
            ),
        )
    };
    match decoded {
        Ok(text) => new_close(py, reg, code_object(py, reg, code), text),
        Err(decode_error) => match wsclose::parse_close_payload(payload) {
            Err(err) => Err(payload_error(py, reg, err)),
            // Both follow RFC 3629, so they cannot disagree; if they ever did, say so.
            Ok(_) => Err(decode_error),
        },
    }
}

/// `Close(code, reason)`, built as `tuple.__new__(Close, (code, reason))` builds it (allocate
/// the subclass instance, then fill its two slots) but without the argument tuples and the
/// Python-level `__new__` frame, which cost more than the parsing itself.
fn new_close<'py>(
    py: Python<'py>,
    reg: &Registry,
    code: Bound<'py, PyAny>,
    reason: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `close_alloc` is the `tp_alloc` of `Close`, a tuple subclass (checked in
    // `_register`); it returns a new reference (refcount 1, so `PyTuple_SetItem` accepts it) or
    // NULL with an exception set. `PyTuple_SetItem` steals the item references; on failure it
    // has already released the item, and the half-built tuple is released by `made`'s drop.
    unsafe {
        let made = Bound::from_owned_ptr_or_err(py, (reg.close_alloc)(reg.close.as_ptr().cast(), 2))?;
        for (index, item) in [code, reason].into_iter().enumerate() {
            if ffi::PyTuple_SetItem(made.as_ptr(), index as ffi::Py_ssize_t, item.into_ptr()) != 0 {
                return Err(PyErr::fetch(py));
            }
        }
        Ok(made)
    }
}

/// Builds the payload of a Close frame from a sendable code and a reason of at most 123 UTF-8
/// bytes. `reason=None` is the same as an empty reason.
#[pyfunction]
#[pyo3(signature = (code, reason = None))]
fn build_close_payload<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    reason: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let code = CloseCode::new(code_arg(code)?);
    let reg = registry(py)?;
    let reason: &str = match reason {
        None => "",
        Some(obj) => {
            let text = obj.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!("a close reason must be a str, not {}", type_name(obj)))
            })?;
            match text.to_str() {
                Ok(text) => text,
                Err(_) if !code.is_sendable() => "",
                Err(_) => {
                    return Err(encode_error(
                        py,
                        reg,
                        PayloadErrorKind::InvalidUtf8,
                        "close reason cannot be encoded as UTF-8: it contains a lone surrogate".to_owned(),
                    ))
                }
            }
        }
    };
    match Close::new(code, reason) {
        Ok(close) => Ok(PyBytes::new(py, &close.encode())),
        Err(err) => Err(encode_error(py, reg, err.kind(), err.to_string())),
    }
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
    const CHUNK: usize = 4096;
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

/// `(value, const_name, name)` for each of the sixteen standard codes.
#[pyfunction]
fn standard_codes(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = CloseCode::STANDARD.iter().map(|code| {
        (
            code.as_u16(),
            code.const_name().unwrap_or_default(),
            code.name().unwrap_or_default(),
        )
    });
    PyList::new(py, rows)
}

/// `(value, const_name, label, description, first, last)` for each category.
#[pyfunction]
fn categories(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Category::ALL.iter().map(|&category| {
        let range = category.range();
        (
            category as u8,
            category.const_name(),
            category.label(),
            category.description(),
            *range.start(),
            *range.end(),
        )
    });
    PyList::new(py, rows)
}

/// `(value, const_name, label)` for each reconnect advice.
#[pyfunction]
fn reconnects(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Reconnect::ALL
        .iter()
        .map(|&advice| (advice as u8, advice.const_name(), advice.label()));
    PyList::new(py, rows)
}

/// `(value, const_name)` for each payload error kind.
#[pyfunction]
fn payload_error_kinds(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = PayloadErrorKind::ALL
        .iter()
        .map(|&kind| (kind as u8, kind.const_name()));
    PyList::new(py, rows)
}

#[pymodule]
fn _wsclose(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("MAX_CLOSE_PAYLOAD", wsclose::MAX_CLOSE_PAYLOAD)?;
    module.add("MAX_REASON_LEN", wsclose::MAX_REASON_LEN)?;
    module.add_function(wrap_pyfunction!(_register, module)?)?;
    module.add_function(wrap_pyfunction!(classify, module)?)?;
    module.add_function(wrap_pyfunction!(info, module)?)?;
    module.add_function(wrap_pyfunction!(parse_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(build_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(classify_many, module)?)?;
    module.add_function(wrap_pyfunction!(standard_codes, module)?)?;
    module.add_function(wrap_pyfunction!(categories, module)?)?;
    module.add_function(wrap_pyfunction!(reconnects, module)?)?;
    module.add_function(wrap_pyfunction!(payload_error_kinds, module)?)?;
    Ok(())
}
