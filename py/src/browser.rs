//! The browser model: what a page sees when a server closes (`close_event`, `CloseEvent`,
//! `Reply`) and what a page's `ws.close(code, reason)` sends or throws (`page_close`, `SentClose`).

use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyInt, PyString};
use wsclose::{DomException, Engine, Received, Reply, MAX_CLOSE_PAYLOAD};

use crate::convert::{buffer_bytes, code_object, py_repr, type_name};
use crate::registry::{engine_object, model_types, registry};

/// An `Engine` argument: an `Engine` member, or its value (`"chromium"`, `"firefox"`).
fn engine_arg(obj: &Bound<'_, PyAny>) -> PyResult<Engine> {
    let text = obj.cast::<PyString>().map_err(|_| {
        PyTypeError::new_err(format!(
            "an engine must be an Engine member, not {}",
            type_name(obj)
        ))
    })?;
    let name = text.to_cow()?;
    Engine::ALL
        .into_iter()
        .find(|engine| engine.name() == name)
        .ok_or_else(|| match text.repr() {
            Ok(repr) => PyValueError::new_err(format!("{repr} is not an engine")),
            Err(err) => err,
        })
}

/// The Close frame a browser sends back. See `wsclose.Reply`.
#[pyclass(frozen, module = "wsclose", name = "Reply")]
struct PyReply {
    /// `None` for an empty Close frame.
    #[pyo3(get)]
    code: Option<u16>,
    #[pyo3(get)]
    reason: Py<PyString>,
    #[pyo3(get)]
    payload: Py<PyBytes>,
}

#[pymethods]
impl PyReply {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match self.code {
            None => "Reply(code=None, reason='')".to_owned(),
            Some(code) => format!("Reply(code={code}, reason={})", self.reason.bind(py).repr()?),
        })
    }
    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyReply>()
            .is_ok_and(|other| self.payload.bind(py).as_bytes() == other.get().payload.bind(py).as_bytes())
    }
    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.payload.bind(py).hash()
    }
}

/// What a page observes when the server ends the connection. See `wsclose.CloseEvent`.
#[pyclass(frozen, module = "wsclose", name = "CloseEvent")]
struct PyCloseEvent {
    #[pyo3(get)]
    engine: Py<PyAny>,
    #[pyo3(get)]
    code: Py<PyAny>,
    #[pyo3(get)]
    reason: Py<PyString>,
    #[pyo3(get)]
    was_clean: bool,
    #[pyo3(get)]
    error_fired: bool,
    #[pyo3(get)]
    reply: Option<Py<PyReply>>,
}

#[pymethods]
impl PyCloseEvent {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let py_bool = |flag: bool| if flag { "True" } else { "False" };
        let reply = match &self.reply {
            Some(reply) => reply.bind(py).repr()?.to_string(),
            None => "None".to_owned(),
        };
        Ok(format!(
            "CloseEvent(engine={}, code={}, reason={}, was_clean={}, error_fired={}, reply={reply})",
            self.engine.bind(py).repr()?,
            self.code.bind(py).str()?,
            self.reason.bind(py).repr()?,
            py_bool(self.was_clean),
            py_bool(self.error_fired),
        ))
    }
}

/// What the page sees when the server ends the connection: `payload` is the Close frame's
/// payload as received (any bytes), or `None` for a TCP connection closed (FIN) without a Close
/// frame. A reset (RST) is `reset_event`.
#[pyfunction]
#[pyo3(signature = (engine, payload, /))]
fn close_event<'py>(
    py: Python<'py>,
    engine: &Bound<'py, PyAny>,
    payload: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyCloseEvent> {
    let engine = engine_arg(engine)?;
    let copy;
    let received = match payload {
        None => Received::Dropped,
        Some(obj) => {
            copy = match obj.cast::<PyBytes>() {
                Ok(bytes) => bytes.clone(),
                Err(_) => buffer_bytes(obj)?.ok_or_else(|| {
                    PyTypeError::new_err(format!(
                        "close_event() needs a bytes-like payload or None, not {}",
                        type_name(obj)
                    ))
                })?,
            };
            Received::Payload(copy.as_bytes())
        }
    };
    event_object(py, engine, received)
}

/// What the page sees when the server resets the TCP connection (RST) without a Close frame.
#[pyfunction]
#[pyo3(signature = (engine, /))]
fn reset_event(py: Python<'_>, engine: &Bound<'_, PyAny>) -> PyResult<PyCloseEvent> {
    let engine = engine_arg(engine)?;
    event_object(py, engine, Received::Reset)
}

fn event_object(py: Python<'_>, engine: Engine, received: Received<'_>) -> PyResult<PyCloseEvent> {
    let model = model_types(py)?;
    let event = engine.close_event(received);
    let reply = match event.reply {
        None => None,
        Some(reply) => {
            let mut out = [0u8; MAX_CLOSE_PAYLOAD];
            let len = reply.write(&mut out);
            let (code, reason) = match reply {
                Reply::Close { code, reason } => (Some(code), reason),
                _ => (None, ""),
            };
            Some(Py::new(
                py,
                PyReply {
                    code,
                    reason: PyString::new(py, reason).unbind(),
                    payload: PyBytes::new(py, &out[..len]).unbind(),
                },
            )?)
        }
    };
    Ok(PyCloseEvent {
        engine: engine_object(py, model, engine)?.unbind(),
        code: code_object(py, registry(py)?, event.close_code()).unbind(),
        reason: PyString::new(py, event.reason).unbind(),
        was_clean: event.was_clean,
        error_fired: event.error_fired,
        reply,
    })
}

/// The Close frame a page's `ws.close(code, reason)` sends. See `wsclose.SentClose`.
#[pyclass(frozen, module = "wsclose", name = "SentClose")]
struct PySentClose {
    sent: wsclose::SentClose,
    /// `None` for an empty Close frame.
    #[pyo3(get)]
    code: Option<Py<PyAny>>,
}

#[pymethods]
impl PySentClose {
    #[getter]
    fn reason(&self) -> &str {
        self.sent.reason()
    }
    /// The Close frame's payload: empty when no code is sent.
    #[getter]
    fn payload<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        match self.sent.close() {
            Some(close) => PyBytes::new(py, &close.encode()),
            None => PyBytes::new(py, b""),
        }
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(match self.sent.code() {
            Some(code) => format!(
                "SentClose(code={}, reason={})",
                code.as_u16(),
                py_repr(py, self.sent.reason())?
            ),
            None => "SentClose(code=None, reason='')".to_owned(),
        })
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PySentClose>()
            .is_ok_and(|other| self.sent == other.get().sent)
    }
    fn __hash__(&self) -> u64 {
        self.sent.code().map_or(0, |code| u64::from(code.as_u16()) + 1)
    }
}

/// The UTF-16 code units of a `str`, lone surrogates included.
fn utf16_units(text: &Bound<'_, PyString>) -> PyResult<Vec<u16>> {
    if let Ok(text) = text.to_str() {
        return Ok(text.encode_utf16().collect());
    }
    // Only a str with a lone surrogate has no UTF-8 form: `surrogatepass` keeps it.
    let py = text.py();
    let encoded = text.call_method1(
        pyo3::intern!(py, "encode"),
        (pyo3::intern!(py, "utf-16-le"), pyo3::intern!(py, "surrogatepass")),
    )?;
    Ok(encoded
        .cast::<PyBytes>()?
        .as_bytes()
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect())
}

/// What `ws.close(code, reason)` does in a page: the Close frame it sends, or the DOM exception
/// it throws. `code` is the JavaScript number (`None` = omitted/undefined), `reason` the string
/// (`None` = omitted/undefined); its lone surrogates reach the core as code units.
#[pyfunction]
#[pyo3(signature = (engine, code = None, reason = None))]
fn page_close(
    py: Python<'_>,
    engine: &Bound<'_, PyAny>,
    code: Option<&Bound<'_, PyAny>>,
    reason: Option<&Bound<'_, PyAny>>,
) -> PyResult<PySentClose> {
    let engine = engine_arg(engine)?;
    let model = model_types(py)?;
    let number = match code {
        None => None,
        Some(obj) if obj.is_instance_of::<PyString>() => {
            return Err(PyTypeError::new_err(
                "page_close() needs a number as code, not str",
            ))
        }
        Some(obj) => Some(match obj.extract::<f64>() {
            Ok(number) => number,
            // An int beyond the largest float is the JavaScript number it would become
            // (`Number(10n ** 400n)`): an infinity of its sign, which the model clamps.
            Err(err) if err.is_instance_of::<PyOverflowError>(py) && obj.is_instance_of::<PyInt>() => {
                if obj.lt(0)? {
                    f64::NEG_INFINITY
                } else {
                    f64::INFINITY
                }
            }
            Err(err) if err.is_instance_of::<PyTypeError>(py) => {
                return Err(PyTypeError::new_err(format!(
                    "page_close() needs a number as code, not {}",
                    type_name(obj)
                )))
            }
            Err(err) => return Err(err),
        }),
    };
    let units = match reason {
        None => None,
        Some(obj) => Some(utf16_units(obj.cast::<PyString>().map_err(|_| {
            PyTypeError::new_err(format!(
                "page_close() needs a str as reason, not {}",
                type_name(obj)
            ))
        })?)?),
    };
    match engine.close(number, units.as_deref()) {
        Ok(sent) => Ok(PySentClose {
            code: sent
                .code()
                .map(|code| registry(py).map(|reg| code_object(py, reg, code).unbind()))
                .transpose()?,
            sent,
        }),
        Err(exception) => {
            let class = match exception {
                DomException::InvalidAccess => &model.invalid_access,
                DomException::Syntax => &model.syntax,
                _ => &model.dom_exception,
            };
            match class.bind(py).call1((exception.name(),)) {
                Ok(exc) => Err(PyErr::from_value(exc)),
                Err(failure) => Err(failure),
            }
        }
    }
}

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyReply>()?;
    module.add_class::<PyCloseEvent>()?;
    module.add_class::<PySentClose>()?;
    module.add_function(wrap_pyfunction!(close_event, module)?)?;
    module.add_function(wrap_pyfunction!(reset_event, module)?)?;
    module.add_function(wrap_pyfunction!(page_close, module)?)?;
    Ok(())
}
