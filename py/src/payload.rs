//! Close frame payloads: `parse_close_payload` into a `Close`, `encode_close_payload`, and the
//! `PayloadError` of the core's payload errors.

use pyo3::exceptions::PyTypeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyList, PyString};
use wsclose::{CloseCode, PayloadError, PayloadErrorKind, MAX_CLOSE_PAYLOAD};

use crate::convert::{buffer_bytes, code_arg, code_object, type_name};
use crate::registry::{registry, Registry};

/// The `PayloadError` for a payload that breaks the protocol or cannot be encoded: the core's
/// text, its kind, the code to answer with and the code carried.
fn payload_error(py: Python<'_>, reg: &Registry, err: PayloadError) -> PyErr {
    let kind = reg.kinds[err.kind() as usize - 1].bind(py);
    let answer = err.close_code().map(|code| code_object(py, reg, code));
    let carried = err.code().map(|code| code_object(py, reg, code));
    match reg
        .payload_error
        .bind(py)
        .call1((err.to_string(), kind, answer, carried))
    {
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
        return close_result(py, reg, bytes.as_bytes(), new_close);
    }
    // Another bytes-like object: parse a copy, which nobody else can change meanwhile.
    match buffer_bytes(data)? {
        Some(copy) => close_result(py, reg, copy.as_bytes(), new_close),
        None => Err(PyTypeError::new_err(format!(
            "parse_close_payload() needs a bytes-like object, not {}",
            type_name(data)
        ))),
    }
}

/// `parse_close_payload` for `bytes`, with `Close` built through pyo3's safe API
/// (`tuple.__new__(Close, (code, reason))`): the benchmark's reference for [`new_close`].
#[pyfunction]
#[pyo3(signature = (data, /))]
fn _parse_close_payload_safe<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
) -> PyResult<Bound<'py, PyAny>> {
    close_result(py, registry(py)?, data.as_bytes(), new_close_safe)
}

type CloseBuilder =
    for<'py> fn(Python<'py>, &Registry, Bound<'py, PyAny>, Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>>;

fn close_result<'py>(
    py: Python<'py>,
    reg: &Registry,
    payload: &[u8],
    build: CloseBuilder,
) -> PyResult<Bound<'py, PyAny>> {
    match wsclose::parse_close_payload(payload) {
        Ok(close) => {
            let reason = close.reason();
            match reg.named(close.code()) {
                Some(named) if reason.is_empty() => Ok(named.bare_close.bind(py).clone()),
                Some(named) => build(
                    py,
                    reg,
                    named.member.bind(py).clone(),
                    PyString::new(py, reason).into_any(),
                ),
                None => build(
                    py,
                    reg,
                    PyInt::new(py, close.code().as_u16()).into_any(),
                    PyString::new(py, reason).into_any(),
                ),
            }
        }
        Err(err) => Err(payload_error(py, reg, err)),
    }
}

/// `Close(code, reason)`, built as `tuple.__new__(Close, (code, reason))` builds it (allocate
/// the subclass instance, then fill its two slots) but without the argument tuples and the
/// call of `tuple.__new__`, which cost more than the parsing itself.
///
/// Kept because it pays: `make bench-py` times `parse_close_payload` with this and with
/// [`new_close_safe`] (pyo3's safe API) in one run and writes the ratio of the two to
/// docs/benchmarks.md, for payloads with and without reasons (most reason-less payloads return
/// the shared reason-less `Close` of a named code, the rest build one).
pub(crate) fn new_close<'py>(
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

/// `Close(code, reason)` through pyo3's safe API: `tuple.__new__(Close, (code, reason))`.
fn new_close_safe<'py>(
    py: Python<'py>,
    reg: &Registry,
    code: Bound<'py, PyAny>,
    reason: Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    reg.tuple_new.bind(py).call1((reg.close.bind(py), (code, reason)))
}

/// Encodes a Close payload: the core's `encode_close_payload` on the reason's bytes. A `str`
/// reason is converted losslessly (`reason.encode("utf-8", "surrogatepass")`), so a lone
/// surrogate reaches the core as its 3-byte form and fails there as `INVALID_UTF8`; a
/// bytes-like reason is passed as it is. `reason=None` is the empty reason.
#[pyfunction]
#[pyo3(signature = (code, reason = None))]
fn encode_close_payload<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    reason: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let code = CloseCode::new(code_arg(code)?);
    let reg = registry(py)?;
    let mut out = [0u8; MAX_CLOSE_PAYLOAD];
    let mut encode = |reason: &[u8]| wsclose::encode_close_payload(code, reason, &mut out);
    let result = match reason {
        None => encode(b""),
        Some(obj) => {
            if let Ok(text) = obj.cast::<PyString>() {
                match text.to_str() {
                    Ok(text) => encode(text.as_bytes()),
                    Err(_) => {
                        // Only a str with a lone surrogate has no UTF-8 form.
                        let wtf8 = text.call_method1(
                            pyo3::intern!(py, "encode"),
                            (pyo3::intern!(py, "utf-8"), pyo3::intern!(py, "surrogatepass")),
                        )?;
                        encode(wtf8.cast::<PyBytes>()?.as_bytes())
                    }
                }
            } else if let Ok(bytes) = obj.cast::<PyBytes>() {
                encode(bytes.as_bytes())
            } else {
                match buffer_bytes(obj)? {
                    Some(copy) => encode(copy.as_bytes()),
                    None => {
                        return Err(PyTypeError::new_err(format!(
                            "a close reason must be a str or a bytes-like object, not {}",
                            type_name(obj)
                        )))
                    }
                }
            }
        }
    };
    match result {
        Ok(len) => Ok(PyBytes::new(py, &out[..len])),
        Err(err) => Err(payload_error(py, reg, err)),
    }
}

/// `(const_name, message, result_number, answer code or None)` for each payload error kind.
#[pyfunction]
fn payload_error_kinds(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = PayloadErrorKind::ALL.iter().map(|&kind| {
        (
            kind.const_name(),
            kind.message(),
            kind.result_number(),
            kind.close_code().map(CloseCode::as_u16),
        )
    });
    PyList::new(py, rows)
}

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(parse_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(_parse_close_payload_safe, module)?)?;
    module.add_function(wrap_pyfunction!(encode_close_payload, module)?)?;
    module.add_function(wrap_pyfunction!(payload_error_kinds, module)?)?;
    Ok(())
}
