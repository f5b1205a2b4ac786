//! The Python types and enum members the answers are made of. `python/wsclose/__init__.py`
//! hands them over once at import ([`_register`], [`_register_model`]); each registration checks
//! the Python enums against the core.

use pyo3::exceptions::PyRuntimeError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyString, PyTuple, PyType};
use wsclose::{Advice, Category, Cause, CloseCode, DomException, Engine, PayloadErrorKind, Reconnect};

use crate::code::CodeInfo;
use crate::payload::new_close;

/// A code the core names (a `CloseCode` member), with the objects made for it once.
pub(crate) struct Named {
    pub(crate) value: u16,
    /// The `CloseCode` member.
    pub(crate) member: Py<PyAny>,
    /// `info(member)`, shared: a `CodeInfo` is immutable.
    pub(crate) info: Py<CodeInfo>,
    /// `Close(member, "")`, shared: tuples are immutable, so the common reason-less Close of a
    /// named code is shared, as small ints are.
    pub(crate) bare_close: Py<PyAny>,
}

/// The Python types and enum members that results are made of, registered by `__init__.py`.
pub(crate) struct Registry {
    /// `Category` members, indexed by discriminant.
    pub(crate) categories: Vec<Py<PyAny>>,
    /// Each category's description as a `str`, indexed by discriminant.
    pub(crate) category_descriptions: Vec<Py<PyString>>,
    /// `Reconnect` members, indexed by discriminant.
    pub(crate) reconnects: Vec<Py<PyAny>>,
    /// The named codes in numeric order.
    pub(crate) named: Vec<Named>,
    /// `PayloadErrorKind` members, indexed by `discriminant - 1`.
    pub(crate) kinds: Vec<Py<PyAny>>,
    /// The `Close` named tuple class.
    pub(crate) close: Py<PyType>,
    /// The `tp_alloc` slot of `Close`, with which a `Close` is built the way `tuple.__new__`
    /// builds instances of tuple subclasses, without running Python code.
    pub(crate) close_alloc: ffi::allocfunc,
    /// `tuple.__new__`, for the safe way of building a `Close` (measured against the above).
    pub(crate) tuple_new: Py<PyAny>,
    /// `PayloadError(message, kind, close_code, code)`.
    pub(crate) payload_error: Py<PyAny>,
}

impl Registry {
    pub(crate) fn named(&self, code: CloseCode) -> Option<&Named> {
        self.named
            .binary_search_by_key(&code.as_u16(), |named| named.value)
            .ok()
            .map(|index| &self.named[index])
    }
}

static REGISTRY: PyOnceLock<Registry> = PyOnceLock::new();

pub(crate) fn registry(py: Python<'_>) -> PyResult<&Registry> {
    REGISTRY.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("wsclose._wsclose is private: import the wsclose package instead")
    })
}

/// Checks that Python enum `members` are exactly `expected` (name, value as `str()`), in order;
/// the error names `what`. Used by every registration that checks enums against the core.
pub(crate) fn check_members(
    members: &[Bound<'_, PyAny>],
    expected: impl IntoIterator<Item = (String, String)>,
    what: &str,
) -> PyResult<()> {
    let found = members
        .iter()
        .map(|m| {
            Ok((
                m.getattr("name")?.extract()?,
                m.getattr("value")?.str()?.to_string(),
            ))
        })
        .collect::<PyResult<Vec<(String, String)>>>()?;
    if found == expected.into_iter().collect::<Vec<_>>() {
        Ok(())
    } else {
        Err(PyRuntimeError::new_err(format!(
            "wsclose: the Python {what} do not match the core"
        )))
    }
}

/// Registers the Python types results are built from. Called once by `wsclose/__init__.py`;
/// checks that the Python enums carry the numbers and names of the core.
#[pyfunction]
fn _register(
    py: Python<'_>,
    categories: Vec<Bound<'_, PyAny>>,
    reconnects: Vec<Bound<'_, PyAny>>,
    close_codes: Vec<Bound<'_, PyAny>>,
    kinds: Vec<Bound<'_, PyAny>>,
    close: Bound<'_, PyAny>,
    payload_error: Bound<'_, PyAny>,
) -> PyResult<()> {
    if REGISTRY.get(py).is_some() {
        return Err(PyRuntimeError::new_err("wsclose: types are already registered"));
    }
    let mismatch =
        |what: &str| PyRuntimeError::new_err(format!("wsclose: the Python {what} do not match the core"));
    check_members(
        &categories,
        Category::ALL
            .iter()
            .map(|&c| (c.const_name().to_owned(), (c as u8).to_string())),
        "Category members",
    )?;
    check_members(
        &reconnects,
        Reconnect::ALL
            .iter()
            .map(|&r| (r.const_name().to_owned(), (r as u8).to_string())),
        "Reconnect members",
    )?;
    let named_codes: Vec<(CloseCode, &str)> = (0..=u16::MAX)
        .map(CloseCode::new)
        .filter_map(|code| Some((code, code.const_name()?)))
        .collect();
    check_members(
        &close_codes,
        named_codes
            .iter()
            .map(|(code, konst)| ((*konst).to_owned(), code.as_u16().to_string())),
        "CloseCode members",
    )?;
    check_members(
        &kinds,
        PayloadErrorKind::ALL
            .iter()
            .map(|k| (k.const_name().to_owned(), k.const_name().to_owned())),
        "PayloadErrorKind members",
    )?;
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
    let categories: Vec<Py<PyAny>> = unbind(categories);
    let reconnects: Vec<Py<PyAny>> = unbind(reconnects);
    let category_descriptions: Vec<Py<PyString>> = Category::ALL
        .iter()
        .map(|c| PyString::new(py, c.description()).unbind())
        .collect();
    let mut registry = Registry {
        named: Vec::new(),
        kinds: unbind(kinds),
        close: close.unbind(),
        close_alloc,
        tuple_new: py.get_type::<PyTuple>().getattr("__new__")?.unbind(),
        payload_error: payload_error.unbind(),
        categories,
        category_descriptions,
        reconnects,
    };
    let empty = PyString::new(py, "");
    for ((code, _), member) in named_codes.iter().zip(close_codes) {
        let info = CodeInfo::new(
            py,
            &registry.categories,
            &registry.category_descriptions,
            &registry.reconnects,
            *code,
            member.clone(),
        );
        let bare_close = new_close(py, &registry, member.clone(), empty.clone().into_any())?;
        registry.named.push(Named {
            value: code.as_u16(),
            member: member.unbind(),
            info: Py::new(py, info)?,
            bare_close: bare_close.unbind(),
        });
    }
    REGISTRY
        .set(py, registry)
        .map_err(|_| PyRuntimeError::new_err("wsclose: types are already registered"))
}

/// The Python enum members and exception classes the answers are made of.
pub(crate) struct ModelTypes {
    /// `Advice` members, indexed by discriminant.
    pub(crate) advices: Vec<Py<PyAny>>,
    /// `Cause` members, in `Cause::ALL` order (= discriminant order).
    pub(crate) causes: Vec<Py<PyAny>>,
    /// `Engine` members, in `Engine::ALL` order.
    pub(crate) engines: Vec<Py<PyAny>>,
    /// `DomException`, `InvalidAccessError`, `DomSyntaxError`.
    pub(crate) dom_exception: Py<PyAny>,
    pub(crate) invalid_access: Py<PyAny>,
    pub(crate) syntax: Py<PyAny>,
}

static MODEL_TYPES: PyOnceLock<ModelTypes> = PyOnceLock::new();

pub(crate) fn model_types(py: Python<'_>) -> PyResult<&ModelTypes> {
    MODEL_TYPES.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("wsclose._wsclose is private: import the wsclose package instead")
    })
}

pub(crate) fn advice_object<'py>(py: Python<'py>, model: &ModelTypes, advice: Advice) -> Bound<'py, PyAny> {
    model.advices[advice as usize].bind(py).clone()
}

pub(crate) fn cause_object<'py>(
    py: Python<'py>,
    model: &ModelTypes,
    cause: Cause,
) -> PyResult<Bound<'py, PyAny>> {
    Cause::ALL
        .iter()
        .position(|&c| c == cause)
        .map(|index| model.causes[index].bind(py).clone())
        .ok_or_else(|| PyRuntimeError::new_err("wsclose: a cause the Python package does not know"))
}

pub(crate) fn engine_object<'py>(
    py: Python<'py>,
    model: &ModelTypes,
    engine: Engine,
) -> PyResult<Bound<'py, PyAny>> {
    Engine::ALL
        .iter()
        .position(|&e| e == engine)
        .map(|index| model.engines[index].bind(py).clone())
        .ok_or_else(|| PyRuntimeError::new_err("wsclose: an engine the Python package does not know"))
}

/// Registers the Python enums and exception classes; checks the enums against the core.
#[pyfunction]
fn _register_model(
    py: Python<'_>,
    advices: Vec<Bound<'_, PyAny>>,
    causes: Vec<Bound<'_, PyAny>>,
    engines: Vec<Bound<'_, PyAny>>,
    dom_exception: Bound<'_, PyAny>,
    invalid_access: Bound<'_, PyAny>,
    syntax: Bound<'_, PyAny>,
) -> PyResult<()> {
    let mismatch =
        |what: &str| PyRuntimeError::new_err(format!("wsclose: the Python {what} do not match the core"));
    check_members(
        &advices,
        Advice::ALL
            .iter()
            .map(|&a| (a.const_name().to_owned(), (a as u8).to_string())),
        "Advice members",
    )?;
    check_members(
        &causes,
        Cause::ALL
            .iter()
            .map(|&c| (c.const_name().to_owned(), (c as u8).to_string())),
        "Cause members",
    )?;
    check_members(
        &engines,
        Engine::ALL
            .iter()
            .map(|&e| (e.name().to_uppercase(), e.name().to_owned())),
        "Engine members",
    )?;
    for class in [&invalid_access, &syntax] {
        let subclass = class
            .cast::<PyType>()
            .ok()
            .zip(dom_exception.cast::<PyType>().ok())
            .is_some_and(|(class, base)| class.is_subclass(base).unwrap_or(false));
        if !subclass {
            return Err(mismatch("DomException classes"));
        }
    }
    // The subclasses carry the names of the core's DOM exceptions: a page reads them as `name`.
    invalid_access.setattr("name", DomException::InvalidAccess.name())?;
    syntax.setattr("name", DomException::Syntax.name())?;
    let unbind = |members: Vec<Bound<'_, PyAny>>| members.into_iter().map(Bound::unbind).collect();
    MODEL_TYPES
        .set(
            py,
            ModelTypes {
                advices: unbind(advices),
                causes: unbind(causes),
                engines: unbind(engines),
                dom_exception: dom_exception.unbind(),
                invalid_access: invalid_access.unbind(),
                syntax: syntax.unbind(),
            },
        )
        .map_err(|_| PyRuntimeError::new_err("wsclose: types are already registered"))
}

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(_register, module)?)?;
    module.add_function(wrap_pyfunction!(_register_model, module)?)?;
    Ok(())
}
