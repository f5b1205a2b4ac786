//! One close code: `classify`, `info` (a `CodeInfo`) and the facts of the categories and the
//! reconnect advice.

use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyList, PyString};
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

/// Everything about one code, as a `CodeInfo`: cached for the codes the core names, built
/// from the core's facts (a few cached objects and an int) for the others.
#[pyfunction]
#[pyo3(signature = (code, /))]
fn info<'py>(py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let code = CloseCode::new(code_arg(code)?);
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
    module.add_function(wrap_pyfunction!(categories, module)?)?;
    module.add_function(wrap_pyfunction!(reconnects, module)?)?;
    Ok(())
}
