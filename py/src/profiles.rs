//! Protocol profiles: `Profile`, `ProfileCode`, `ProfileRange` and the facts of `Advice`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyInt, PyList, PyString, PyTuple};
use wsclose::{Advice, CloseCode, Intent, IntentMismatch, IntentRange, Profile, ProfileCode, ProfileRange};

use crate::convert::{code_arg, py_repr, type_name};
use crate::registry::{advice_object, model_types};

/// A member of one of the core's small enums (or its int value): TypeError for another type,
/// ValueError for a number with no member.
fn member_arg<T>(
    obj: &Bound<'_, PyAny>,
    what: &str,
    name: &str,
    from_u8: fn(u8) -> Option<T>,
) -> PyResult<T> {
    let value = obj
        .cast::<PyInt>()
        .map_err(|_| {
            PyTypeError::new_err(format!("{what} must be an {name} member, not {}", type_name(obj)))
        })?
        .extract::<u8>()
        .ok();
    value.and_then(from_u8).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{} is not an {name} value",
            obj.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })
}

/// An `Advice` argument: an `Advice` member (or its int value).
pub(crate) fn advice_arg(obj: &Bound<'_, PyAny>) -> PyResult<Advice> {
    member_arg(obj, "an advice", "Advice", Advice::from_u8)
}

/// An `Intent` argument: an `Intent` member (or its int value).
fn intent_arg(obj: &Bound<'_, PyAny>) -> PyResult<Intent> {
    member_arg(obj, "an intent", "Intent", Intent::from_u8)
}

/// The `wsclose.Intent` member for `intent`.
fn intent_object<'py>(py: Python<'py>, intent: Intent) -> PyResult<Bound<'py, PyAny>> {
    py.import("wsclose._constants")?
        .getattr("Intent")?
        .call1((u8::from(intent),))
}

/// `(value, const_name, label)` for each intent.
#[pyfunction]
fn intents(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Intent::ALL
        .iter()
        .map(|&intent| (u8::from(intent), intent.const_name(), intent.label()));
    PyList::new(py, rows)
}

/// `(value, const_name, label, reconnects)` for each advice.
#[pyfunction]
fn advices(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Advice::ALL.iter().map(|&advice| {
        (
            advice as u8,
            advice.const_name(),
            advice.label(),
            advice.reconnects(),
        )
    });
    PyList::new(py, rows)
}

/// One application protocol's close codes. See `wsclose.Profile` in the stubs.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "Profile")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PyProfile(pub(crate) Profile);

#[pymethods]
impl PyProfile {
    /// Every profile, in name order.
    #[classattr]
    #[pyo3(name = "ALL")]
    fn all(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        let profiles = Profile::ALL
            .iter()
            .map(|&profile| Py::new(py, PyProfile(profile)))
            .collect::<PyResult<Vec<_>>>()?;
        Ok(PyTuple::new(py, profiles)?.unbind())
    }

    /// `None` for a name that is no profile's, including one that is not valid Unicode (a lone
    /// surrogate): no profile has such a name (as in every binding).
    #[staticmethod]
    fn by_name(name: &Bound<'_, PyString>) -> Option<PyProfile> {
        name.to_str().ok().and_then(Profile::by_name).map(PyProfile)
    }

    /// `None` for a token no profile negotiates, including one that is not valid Unicode.
    #[staticmethod]
    fn by_subprotocol(token: &Bound<'_, PyString>) -> Option<PyProfile> {
        token
            .to_str()
            .ok()
            .and_then(Profile::by_subprotocol)
            .map(PyProfile)
    }

    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }

    #[getter]
    fn title(&self) -> &'static str {
        self.0.title()
    }

    #[getter]
    fn subprotocols<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        PyTuple::new(py, self.0.subprotocols())
    }

    #[getter]
    fn source(&self) -> &'static str {
        self.0.source()
    }

    #[getter]
    fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rows = self
            .0
            .codes()
            .iter()
            .map(|row| Py::new(py, PyProfileCode(row)))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, rows)
    }

    #[getter]
    fn ranges<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let rows = self
            .0
            .ranges()
            .iter()
            .map(|rule| Py::new(py, PyProfileRange(rule)))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, rows)
    }

    #[pyo3(signature = (code, /))]
    fn lookup(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<PyProfileCode>> {
        let code = CloseCode::new(code_arg(code)?);
        Ok(self.0.lookup(code).map(PyProfileCode))
    }

    #[pyo3(signature = (code, /))]
    fn range_of(&self, code: &Bound<'_, PyAny>) -> PyResult<Option<PyProfileRange>> {
        let code = CloseCode::new(code_arg(code)?);
        Ok(self.0.range_of(code).map(PyProfileRange))
    }

    #[pyo3(signature = (code, /))]
    fn advice<'py>(&self, py: Python<'py>, code: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let code = CloseCode::new(code_arg(code)?);
        Ok(advice_object(py, model_types(py)?, self.0.advice(code)))
    }

    /// The codes a server can send that make this profile's clients do what `intent` wants.
    #[pyo3(signature = (intent, /))]
    fn codes_for<'py>(&self, py: Python<'py>, intent: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyTuple>> {
        let ranges = self
            .0
            .codes_for(intent_arg(intent)?)
            .map(|range| Py::new(py, PyIntentRange(range)))
            .collect::<PyResult<Vec<_>>>()?;
        PyTuple::new(py, ranges)
    }

    /// `None` when `code` does what `intent` wants, else the mismatch.
    #[pyo3(signature = (code, intent, /))]
    fn check_intent(
        &self,
        code: &Bound<'_, PyAny>,
        intent: &Bound<'_, PyAny>,
    ) -> PyResult<Option<PyIntentMismatch>> {
        let code = CloseCode::new(code_arg(code)?);
        let intent = intent_arg(intent)?;
        Ok(self.0.check_intent(code, intent).err().map(PyIntentMismatch))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!("Profile({})", py_repr(py, self.0.name())?))
    }

    fn __str__(&self) -> &'static str {
        self.0.name()
    }

    /// Pickled as the call `Profile.by_name(name)`.
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (&'static str,))> {
        Ok((py.get_type::<PyProfile>().getattr("by_name")?, (self.0.name(),)))
    }
}

/// One named code of a profile.
#[pyclass(frozen, module = "wsclose", name = "ProfileCode")]
struct PyProfileCode(&'static ProfileCode);

#[pymethods]
impl PyProfileCode {
    #[getter]
    fn code(&self) -> u16 {
        self.0.code().as_u16()
    }
    #[getter]
    fn const_name(&self) -> &'static str {
        self.0.const_name()
    }
    #[getter]
    fn name(&self) -> &'static str {
        self.0.name()
    }
    #[getter]
    fn description(&self) -> &'static str {
        self.0.description()
    }
    #[getter]
    fn advice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(advice_object(py, model_types(py)?, self.0.advice()))
    }
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source()
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "ProfileCode(code={}, const_name={}, name={}, advice=Advice.{})",
            self.0.code().as_u16(),
            py_repr(py, self.0.const_name())?,
            py_repr(py, self.0.name())?,
            self.0.advice().const_name()
        ))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyProfileCode>()
            .is_ok_and(|other| core::ptr::eq(self.0, other.get().0))
    }
    fn __hash__(&self) -> u64 {
        u64::from(self.0.code().as_u16())
    }
}

/// A profile's rule for a range of codes.
#[pyclass(frozen, module = "wsclose", name = "ProfileRange")]
struct PyProfileRange(&'static ProfileRange);

#[pymethods]
impl PyProfileRange {
    #[getter]
    fn first(&self) -> u16 {
        self.0.first().as_u16()
    }
    #[getter]
    fn last(&self) -> u16 {
        self.0.last().as_u16()
    }
    #[getter]
    fn advice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(advice_object(py, model_types(py)?, self.0.advice()))
    }
    #[getter]
    fn description(&self) -> &'static str {
        self.0.description()
    }
    #[getter]
    fn source(&self) -> &'static str {
        self.0.source()
    }
    fn __contains__(&self, code: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.contains(CloseCode::new(code_arg(code)?)))
    }
    fn __repr__(&self) -> String {
        format!(
            "ProfileRange(first={}, last={}, advice=Advice.{})",
            self.0.first().as_u16(),
            self.0.last().as_u16(),
            self.0.advice().const_name()
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyProfileRange>()
            .is_ok_and(|other| core::ptr::eq(self.0, other.get().0))
    }
    fn __hash__(&self) -> u64 {
        u64::from(self.0.first().as_u16())
    }
}

/// Codes `first..=last` that do what an intent wants, with their advice.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "IntentRange")]
#[derive(PartialEq, Eq, Hash)]
struct PyIntentRange(IntentRange);

#[pymethods]
impl PyIntentRange {
    #[getter]
    fn first(&self) -> u16 {
        self.0.first().as_u16()
    }
    #[getter]
    fn last(&self) -> u16 {
        self.0.last().as_u16()
    }
    #[getter]
    fn advice<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(advice_object(py, model_types(py)?, self.0.advice()))
    }
    fn __contains__(&self, code: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.contains(CloseCode::new(code_arg(code)?)))
    }
    fn __repr__(&self) -> String {
        format!(
            "IntentRange(first={}, last={}, advice=Advice.{})",
            self.0.first().as_u16(),
            self.0.last().as_u16(),
            self.0.advice().const_name()
        )
    }
}

/// A code that does not do what was intended: what the clients do instead, and the nearest
/// codes that would.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "IntentMismatch")]
#[derive(PartialEq, Eq, Hash)]
struct PyIntentMismatch(IntentMismatch);

#[pymethods]
impl PyIntentMismatch {
    #[getter]
    fn code(&self) -> u16 {
        self.0.code().as_u16()
    }
    #[getter]
    fn intent<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        intent_object(py, self.0.intent())
    }
    #[getter]
    fn advice<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let model = model_types(py)?;
        Ok(self.0.advice().map(|advice| advice_object(py, model, advice)))
    }
    #[getter]
    fn sendable(&self) -> bool {
        self.0.is_sendable()
    }
    #[getter]
    fn below(&self) -> Option<u16> {
        self.0.below().map(CloseCode::as_u16)
    }
    #[getter]
    fn above(&self) -> Option<u16> {
        self.0.above().map(CloseCode::as_u16)
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        let or_none = |c: Option<CloseCode>| c.map_or_else(|| "None".to_owned(), |c| c.as_u16().to_string());
        format!(
            "IntentMismatch(code={}, intent=Intent.{}, advice={}, below={}, above={})",
            self.0.code().as_u16(),
            self.0.intent().const_name(),
            self.0
                .advice()
                .map_or_else(|| "None".to_owned(), |a| format!("Advice.{}", a.const_name())),
            or_none(self.0.below()),
            or_none(self.0.above())
        )
    }
}

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyProfile>()?;
    module.add_class::<PyProfileCode>()?;
    module.add_class::<PyProfileRange>()?;
    module.add_class::<PyIntentRange>()?;
    module.add_class::<PyIntentMismatch>()?;
    module.add_function(wrap_pyfunction!(advices, module)?)?;
    module.add_function(wrap_pyfunction!(intents, module)?)?;
    Ok(())
}
