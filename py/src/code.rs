//! One close code: `classify`, `info` (a `CodeInfo`) and the facts of the categories and the
//! reconnect advice; `close_parts`, the edge where the close objects of the Python WebSocket
//! stacks (websockets, aiohttp) become a code, a reason and `was_clean`.

use pyo3::basic::CompareOp;
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyInt, PyList, PyString};
use wsclose::{Category, CloseCode, Reconnect};

use crate::convert::{code_arg, type_name};
use crate::registry::registry;

/// Everything wsclose knows about one code, as returned by `info()`. Immutable; equal (and
/// hashed) by its code, since every other field follows from the code.
#[pyclass(frozen, module = "wsclose", name = "CodeInfo")]
pub(crate) struct CodeInfo {
    value: u16,
    /// The `CloseCode` member for a named code, else a plain `int`.
    #[pyo3(get)]
    code: Py<PyAny>,
    #[pyo3(get)]
    category: Py<PyAny>,
    /// The standard or IANA name, e.g. `"Going Away"`, else `None`.
    #[pyo3(get)]
    name: Option<Py<PyString>>,
    /// The constant name, e.g. `"GOING_AWAY"`, else `None`.
    #[pyo3(get)]
    const_name: Option<Py<PyString>>,
    /// What the code means; for a code without a name, the description of its range.
    #[pyo3(get)]
    description: Py<PyString>,
    #[pyo3(get)]
    sendable: bool,
    #[pyo3(get)]
    local_only: bool,
    #[pyo3(get)]
    browser_closeable: bool,
    #[pyo3(get)]
    ok: bool,
    #[pyo3(get)]
    reconnect: Py<PyAny>,
}

impl CodeInfo {
    /// The facts of `code`, from the core. `code_obj` is what the `code` field holds.
    pub(crate) fn new(
        py: Python<'_>,
        categories: &[Py<PyAny>],
        category_descriptions: &[Py<PyString>],
        reconnects: &[Py<PyAny>],
        code: CloseCode,
        code_obj: Bound<'_, PyAny>,
    ) -> CodeInfo {
        let facts = code.info();
        let category = facts.category as usize;
        // The description of a code without its own is its range's: share that `str`.
        let description = if core::ptr::eq(facts.description, facts.category.description()) {
            category_descriptions[category].clone_ref(py)
        } else {
            PyString::new(py, facts.description).unbind()
        };
        CodeInfo {
            value: code.as_u16(),
            code: code_obj.unbind(),
            category: categories[category].clone_ref(py),
            name: facts.name.map(|name| PyString::new(py, name).unbind()),
            const_name: code.const_name().map(|name| PyString::new(py, name).unbind()),
            description,
            sendable: facts.sendable,
            local_only: facts.local_only,
            browser_closeable: facts.browser_closeable,
            ok: facts.ok,
            reconnect: reconnects[facts.reconnect as usize].clone_ref(py),
        }
    }
}

#[pymethods]
impl CodeInfo {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // The description is left out: it is long, and follows from the code.
        let member = |obj: &Py<PyAny>| -> PyResult<String> {
            let obj = obj.bind(py);
            Ok(format!("{}.{}", type_name(obj), obj.getattr("name")?))
        };
        let name = match &self.name {
            Some(name) => name.bind(py).repr()?.to_string(),
            None => "None".to_owned(),
        };
        let py_bool = |flag: bool| if flag { "True" } else { "False" };
        Ok(format!(
            "CodeInfo(code={}, category={}, name={name}, sendable={}, local_only={}, \
             browser_closeable={}, ok={}, reconnect={})",
            self.value,
            member(&self.category)?,
            py_bool(self.sendable),
            py_bool(self.local_only),
            py_bool(self.browser_closeable),
            py_bool(self.ok),
            member(&self.reconnect)?,
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> PyResult<Py<PyAny>> {
        let py = other.py();
        let equal = match other.cast::<CodeInfo>() {
            Ok(other) => self.value == other.get().value,
            Err(_) => return Ok(py.NotImplemented()),
        };
        let answer = match op {
            CompareOp::Eq => equal,
            CompareOp::Ne => !equal,
            _ => return Ok(py.NotImplemented()),
        };
        Ok(answer.into_pyobject(py)?.to_owned().into_any().unbind())
    }

    fn __hash__(&self) -> u64 {
        u64::from(self.value)
    }

    /// Pickled as the call `info(code)`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (u16,))> {
        Ok((py.import("wsclose")?.getattr("info")?, (self.value,)))
    }
}

/// The category of one code, as a cached `Category` member.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn classify<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = code_arg(code)?;
    let reg = registry(py)?;
    Ok(reg.categories[wsclose::classify(code) as usize].bind(py).clone())
}

/// The opcode of a Close frame (RFC 6455 §5.5.1), which is also the value of aiohttp's
/// `WSMsgType.CLOSE`.
const CLOSE_OPCODE: u16 = 0x8;

/// The start of the TypeError for an object that is no close.
pub(crate) const CLOSE_EXPECTED: &str = "a close code must be an int or a close object (a websockets \
    ConnectionClosed or Close, an aiohttp CLOSE WSMessage, an object with an int .code)";

/// What a close object says: the code, the reason (`None` when the object carries none) and
/// whether the closing handshake completed (`None` when the object does not say).
type CloseParts<'py> = (u16, Option<Bound<'py, PyString>>, Option<bool>);

/// The close described by `obj`, duck-typed on attribute names (so that this module imports
/// neither library), tried in this order:
///
/// 1. an `int`, or an object with `__index__`: the code itself;
/// 2. an object with `rcvd`, `sent` and `rcvd_then_sent` (websockets' `ConnectionClosed`, read
///    before `code`, which websockets deprecated on it in 13.1): the
///    code and reason of the Close frame received (`rcvd`), or 1006 when none was received;
///    clean when Close frames went both ways;
/// 3. an object with `type`, `data` and `extra` (aiohttp's `WSMessage`): only a message of type
///    8 (`WSMsgType.CLOSE`), whose `data` is the code and `extra` the reason;
/// 4. an object with `code` (websockets' `frames.Close`, a `CloseEvent`-like object): `code`,
///    and `reason` when it is a `str`, `was_clean` or `wasClean` when it is a `bool`.
///
/// Anything else, or a `code` that is not an int, is a `TypeError` naming what was found.
pub(crate) fn close_parts<'py>(obj: &Bound<'py, PyAny>) -> PyResult<CloseParts<'py>> {
    let py = obj.py();
    if obj.cast::<PyInt>().is_ok() || obj.get_type().hasattr(intern!(py, "__index__"))? {
        return Ok((code_arg(obj)?, None, None));
    }
    if let (Some(rcvd), Some(sent), true) = (
        obj.getattr_opt(intern!(py, "rcvd"))?,
        obj.getattr_opt(intern!(py, "sent"))?,
        obj.hasattr(intern!(py, "rcvd_then_sent"))?,
    ) {
        if rcvd.is_none() {
            return Ok((CloseCode::ABNORMAL_CLOSURE.as_u16(), None, Some(false)));
        }
        let code = attr_code(&rcvd, obj, "rcvd.code")?;
        return Ok((
            code,
            str_attr(&rcvd, intern!(py, "reason"))?,
            Some(!sent.is_none()),
        ));
    }
    if let (Some(kind), Some(data), Some(extra)) = (
        obj.getattr_opt(intern!(py, "type"))?,
        obj.getattr_opt(intern!(py, "data"))?,
        obj.getattr_opt(intern!(py, "extra"))?,
    ) {
        let is_close = crate::convert::index_int(&kind)?
            .is_some_and(|int| int.extract::<u16>().is_ok_and(|value| value == CLOSE_OPCODE));
        if !is_close {
            return Err(PyTypeError::new_err(format!(
                "a {} of type {} carries no close code: only a CLOSE message (type 8) does \
                 (for a socket that has closed, pass its close_code)",
                type_name(obj),
                kind.repr().map(|r| r.to_string()).unwrap_or_default()
            )));
        }
        let code = code_or_type_error(&data, obj, "data")?;
        let reason = extra.cast_into::<PyString>().ok();
        return Ok((code, reason, None));
    }
    if obj.hasattr(intern!(py, "code"))? {
        let code = attr_code(obj, obj, "code")?;
        let reason = str_attr(obj, intern!(py, "reason"))?;
        let mut was_clean = None;
        for name in [intern!(py, "was_clean"), intern!(py, "wasClean")] {
            if let Some(flag) = obj.getattr_opt(name)? {
                if let Ok(flag) = flag.cast::<PyBool>() {
                    was_clean = Some(flag.is_true());
                    break;
                }
            }
        }
        return Ok((code, reason, was_clean));
    }
    Err(PyTypeError::new_err(format!(
        "{CLOSE_EXPECTED}, not {}",
        type_name(obj)
    )))
}

/// `holder.code` as a code; `path` names it in the error, whose subject is `obj`.
fn attr_code(holder: &Bound<'_, PyAny>, obj: &Bound<'_, PyAny>, path: &str) -> PyResult<u16> {
    let code = holder.getattr(intern!(holder.py(), "code"))?;
    code_or_type_error(&code, obj, path)
}

/// `value` as a code: a ValueError out of range (from `code_arg`), a TypeError naming `obj`'s
/// type and the attribute `path` for anything but an int.
fn code_or_type_error(value: &Bound<'_, PyAny>, obj: &Bound<'_, PyAny>, path: &str) -> PyResult<u16> {
    if value.cast::<PyInt>().is_err() && !value.get_type().hasattr(intern!(value.py(), "__index__"))? {
        return Err(PyTypeError::new_err(format!(
            "{}.{path} must be an int close code, not {}",
            type_name(obj),
            type_name(value)
        )));
    }
    code_arg(value)
}

/// `obj.<name>` when it is a `str`, else `None`.
fn str_attr<'py>(
    obj: &Bound<'py, PyAny>,
    name: &Bound<'py, PyString>,
) -> PyResult<Option<Bound<'py, PyString>>> {
    Ok(obj
        .getattr_opt(name)?
        .and_then(|value| value.cast_into::<PyString>().ok()))
}

/// `(code, reason, was_clean)` of any close `info` accepts; for `wsclose.websockets`.
#[pyfunction]
#[pyo3(signature = (close, /))]
fn _close_parts<'py>(close: &Bound<'py, PyAny>) -> PyResult<CloseParts<'py>> {
    close_parts(close)
}

/// Everything about one code, as a `CodeInfo`: cached for the codes the core names, built
/// from the core's facts (a few cached objects and an int) for the others. `code` is any close
/// `close_parts` reads.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn info<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = match code.cast::<PyInt>() {
        Ok(_) => code_arg(code)?,
        Err(_) => close_parts(code)?.0,
    };
    let code = CloseCode::new(code);
    let reg = registry(py)?;
    if let Some(named) = reg.named(code) {
        return Ok(named.info.bind(py).clone().into_any());
    }
    let info = CodeInfo::new(
        py,
        &reg.categories,
        &reg.category_descriptions,
        &reg.reconnects,
        code,
        PyInt::new(py, code.as_u16()).into_any(),
    );
    Ok(Bound::new(py, info)?.into_any())
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

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<CodeInfo>()?;
    module.add_function(wrap_pyfunction!(classify, module)?)?;
    module.add_function(wrap_pyfunction!(info, module)?)?;
    module.add_function(wrap_pyfunction!(_close_parts, module)?)?;
    module.add_function(wrap_pyfunction!(categories, module)?)?;
    module.add_function(wrap_pyfunction!(reconnects, module)?)?;
    Ok(())
}
