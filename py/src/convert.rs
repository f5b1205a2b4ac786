//! Conversions shared by the whole module: Python arguments to the core's types, the core's
//! answers to Python objects. Type conversion only: whether a value may be used is the core's
//! business.

use pyo3::buffer::PyUntypedBuffer;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyString};
use wsclose::CloseCode;

use crate::registry::Registry;

/// The name of `obj`'s type, for error messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|name| name.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// A close code argument: an `int` (including `bool` and `IntEnum` members) or an object with
/// `__index__` (such as a numpy integer), in 0..=65535. Type conversion only: whether the code
/// may be used for anything is the core's business.
pub(crate) fn code_arg(obj: &Bound<'_, PyAny>) -> PyResult<u16> {
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

/// `obj` as a Python `int`: an `int` itself (including `bool`), or what its `__index__` returns
/// (a numpy integer); `None` for anything else.
pub(crate) fn index_int<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyInt>>> {
    if let Ok(int) = obj.cast::<PyInt>() {
        return Ok(Some(int.clone()));
    }
    if obj.get_type().hasattr(pyo3::intern!(obj.py(), "__index__"))? {
        let index = obj.call_method0(pyo3::intern!(obj.py(), "__index__"))?;
        if let Ok(int) = index.cast_into::<PyInt>() {
            return Ok(Some(int));
        }
    }
    Ok(None)
}

/// An integer parameter (an `int` or an object with `__index__`) in `0..=max`: TypeError for
/// another type, ValueError naming the parameter and its range for an int outside it.
pub(crate) fn uint_param(obj: &Bound<'_, PyAny>, name: &str, max: u64, range: &str) -> PyResult<u64> {
    let Some(int) = index_int(obj)? else {
        return Err(PyTypeError::new_err(format!(
            "{name} must be an int, not {}",
            type_name(obj)
        )));
    };
    match int.extract::<u64>() {
        Ok(value) if value <= max => Ok(value),
        _ => Err(PyValueError::new_err(format!(
            "{name} must be an int in {range}, not {}",
            int.str()
                .map(|text| text.to_string())
                .unwrap_or_else(|_| "one with more digits than Python prints".to_owned())
        ))),
    }
}

/// A `u32` parameter (`0 <= value < 2**32`), see [`uint_param`].
pub(crate) fn u32_param(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u32> {
    let value = uint_param(obj, name, u64::from(u32::MAX), "[0, 2**32)")?;
    Ok(u32::try_from(value).unwrap_or(u32::MAX))
}

/// A `u64` parameter (`0 <= value < 2**64`), see [`uint_param`].
pub(crate) fn u64_param(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<u64> {
    uint_param(obj, name, u64::MAX, "[0, 2**64)")
}

fn int_to_code(int: &Bound<'_, PyInt>) -> PyResult<u16> {
    int.extract::<u16>().map_err(|_| {
        PyValueError::new_err(format!(
            "close code {} is out of range: close codes are 0 to 65535",
            int.str()
                .map(|text| text.to_string())
                .unwrap_or_else(|_| "with more digits than Python prints".to_owned())
        ))
    })
}

/// `code` as its `CloseCode` member when the core names it, else as a plain `int`.
pub(crate) fn code_object<'py>(py: Python<'py>, reg: &Registry, code: CloseCode) -> Bound<'py, PyAny> {
    match reg.named(code) {
        Some(named) => named.member.bind(py).clone(),
        None => PyInt::new(py, code.as_u16()).into_any(),
    }
}

/// A copy of the bytes of any object with the buffer protocol (`bytes(obj)`), or `None` for
/// `str` and for objects without it.
pub(crate) fn buffer_bytes<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyBytes>>> {
    if obj.is_instance_of::<PyString>() || PyUntypedBuffer::get(obj).is_err() {
        return Ok(None);
    }
    let copy = obj.py().get_type::<PyBytes>().call1((obj,))?;
    Ok(Some(copy.cast_into::<PyBytes>()?))
}

/// `repr(text)` as Python writes it.
pub(crate) fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}
