//! Profiles, the reconnect policy, `explain` and the browser model, for `wsclose._wsclose`.
//!
//! As in the rest of the module, nothing here decides anything: every answer is the core's
//! (`wsclose::Profile`, `ReconnectPolicy`, `explain`, `Engine`). This file converts Python
//! arguments (ints, strs, bytes, callables) to the core's types and the core's answers to
//! Python objects. The enums `Advice`, `Cause` and `Engine` are generated into
//! `python/wsclose/_constants.py`; `DomException` and its subclasses are defined in
//! `python/wsclose/__init__.py`, which hands all of them to [`_register_model`] once at import.

use crate::check_members;
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyInt, PyString, PyTuple, PyType};
use wsclose::{
    Advice, Cause, CloseCode, Decision, DomException, Engine, Profile, ProfileCode, ProfileRange, Received,
    ReconnectPolicy, Reply, MAX_CLOSE_PAYLOAD,
};

use super::{buffer_bytes, code_arg, code_object, registry, type_name};

/// The Python enum members and exception classes the answers are made of.
struct Model {
    /// `Advice` members, indexed by discriminant.
    advices: Vec<Py<PyAny>>,
    /// `Cause` members, in `Cause::ALL` order (= discriminant order).
    causes: Vec<Py<PyAny>>,
    /// `Engine` members, in `Engine::ALL` order.
    engines: Vec<Py<PyAny>>,
    /// `DomException`, `InvalidAccessError`, `DomSyntaxError`.
    dom_exception: Py<PyAny>,
    invalid_access: Py<PyAny>,
    syntax: Py<PyAny>,
}

static MODEL: PyOnceLock<Model> = PyOnceLock::new();

fn model(py: Python<'_>) -> PyResult<&Model> {
    MODEL.get(py).ok_or_else(|| {
        PyRuntimeError::new_err("wsclose._wsclose is private: import the wsclose package instead")
    })
}

fn advice_object<'py>(py: Python<'py>, model: &Model, advice: Advice) -> Bound<'py, PyAny> {
    model.advices[advice as usize].bind(py).clone()
}

fn cause_object<'py>(py: Python<'py>, model: &Model, cause: Cause) -> PyResult<Bound<'py, PyAny>> {
    Cause::ALL
        .iter()
        .position(|&c| c == cause)
        .map(|index| model.causes[index].bind(py).clone())
        .ok_or_else(|| PyRuntimeError::new_err("wsclose: a cause the Python package does not know"))
}

fn engine_object<'py>(py: Python<'py>, model: &Model, engine: Engine) -> PyResult<Bound<'py, PyAny>> {
    Engine::ALL
        .iter()
        .position(|&e| e == engine)
        .map(|index| model.engines[index].bind(py).clone())
        .ok_or_else(|| PyRuntimeError::new_err("wsclose: an engine the Python package does not know"))
}

/// `repr(text)` as Python writes it.
fn py_repr(py: Python<'_>, text: &str) -> PyResult<String> {
    Ok(PyString::new(py, text).repr()?.to_string())
}

/// An `Advice` argument: an `Advice` member (or its int value).
fn advice_arg(obj: &Bound<'_, PyAny>) -> PyResult<Advice> {
    let value = obj
        .cast::<PyInt>()
        .map_err(|_| {
            PyTypeError::new_err(format!(
                "an advice must be an Advice member, not {}",
                type_name(obj)
            ))
        })?
        .extract::<u8>()
        .ok();
    value.and_then(Advice::from_u8).ok_or_else(|| {
        PyValueError::new_err(format!(
            "{} is not an Advice value",
            obj.repr().map(|r| r.to_string()).unwrap_or_default()
        ))
    })
}

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
    MODEL
        .set(
            py,
            Model {
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

/// `(value, const_name, label, reconnects)` for each advice.
#[pyfunction]
fn advices(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyList>> {
    let rows = Advice::ALL.iter().map(|&advice| {
        (
            advice as u8,
            advice.const_name(),
            advice.label(),
            advice.reconnects(),
        )
    });
    pyo3::types::PyList::new(py, rows)
}

/// `(value, const_name, summary, check)` for each cause.
#[pyfunction]
fn causes(py: Python<'_>) -> PyResult<Bound<'_, pyo3::types::PyList>> {
    let rows = Cause::ALL
        .iter()
        .map(|&cause| (cause as u8, cause.const_name(), cause.summary(), cause.check()));
    pyo3::types::PyList::new(py, rows)
}

// ---------------------------------------------------------------------------------------------
// Profiles

/// One application protocol's close codes. See `wsclose.Profile` in the stubs.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "Profile")]
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct PyProfile(Profile);

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

    #[staticmethod]
    fn by_name(name: &str) -> Option<PyProfile> {
        Profile::by_name(name).map(PyProfile)
    }

    #[staticmethod]
    fn by_subprotocol(token: &str) -> Option<PyProfile> {
        Profile::by_subprotocol(token).map(PyProfile)
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
        Ok(advice_object(py, model(py)?, self.0.advice(code)))
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
        Ok(advice_object(py, model(py)?, self.0.advice()))
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
        Ok(advice_object(py, model(py)?, self.0.advice()))
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

// ---------------------------------------------------------------------------------------------
// The reconnect policy

/// What to do after a close: stop, or retry after `retry_after_ms` milliseconds.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "Decision")]
#[derive(PartialEq, Eq, Hash)]
struct PyDecision(Decision);

#[pymethods]
impl PyDecision {
    /// `Decision(None)` is stop, `Decision(250)` retry after 250 ms.
    #[new]
    #[pyo3(signature = (retry_after_ms, /))]
    fn new(retry_after_ms: Option<u64>) -> PyDecision {
        PyDecision(match retry_after_ms {
            None => Decision::Stop,
            Some(ms) => Decision::RetryAfter(ms),
        })
    }
    #[getter]
    fn stop(&self) -> bool {
        matches!(self.0, Decision::Stop)
    }
    #[getter]
    fn retry_after_ms(&self) -> Option<u64> {
        self.0.delay_ms()
    }
    fn __repr__(&self) -> String {
        match self.0.delay_ms() {
            None => "Decision(None)".to_owned(),
            Some(ms) => format!("Decision({ms})"),
        }
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, (Option<u64>,))> {
        Ok((py.get_type::<PyDecision>().into_any(), (self.0.delay_ms(),)))
    }
}

/// The function behind `random=None`: `secrets.randbits`.
static RANDBITS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// One value of the random source: `random()`, or `secrets.randbits(64)`, as a `u64`.
fn random_u64(py: Python<'_>, random: Option<&Bound<'_, PyAny>>) -> PyResult<u64> {
    let value = match random {
        Some(random) => random.call0()?,
        None => RANDBITS
            .get_or_try_init(py, || -> PyResult<Py<PyAny>> {
                Ok(py.import("secrets")?.getattr("randbits")?.unbind())
            })?
            .bind(py)
            .call1((64,))?,
    };
    let int = value.cast::<PyInt>().map_err(|_| {
        PyTypeError::new_err(format!(
            "the random source must return an int in [0, 2**64), not {}",
            type_name(&value)
        ))
    })?;
    int.extract::<u64>().map_err(|_| {
        PyValueError::new_err(format!(
            "the random source returned {}, not an int in [0, 2**64)",
            int.str().map(|s| s.to_string()).unwrap_or_default()
        ))
    })
}

/// Whether and when a client reconnects after a close. See `wsclose.ReconnectPolicy`.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "ReconnectPolicy")]
#[derive(PartialEq, Eq, Hash)]
struct PyReconnectPolicy {
    policy: ReconnectPolicy,
    /// The core has no getter for it; kept for the attribute and the repr.
    retry_unspecified: bool,
}

#[pymethods]
impl PyReconnectPolicy {
    #[classattr]
    const MAX_OVERRIDES: usize = ReconnectPolicy::MAX_OVERRIDES;
    #[classattr]
    const DEFAULT_BASE_MS: u64 = ReconnectPolicy::DEFAULT_BASE_MS;
    #[classattr]
    const DEFAULT_CAP_MS: u64 = ReconnectPolicy::DEFAULT_CAP_MS;

    #[new]
    #[pyo3(signature = (
        *,
        profile = None,
        base_ms = ReconnectPolicy::DEFAULT_BASE_MS,
        cap_ms = ReconnectPolicy::DEFAULT_CAP_MS,
        max_attempts = None,
        retry_unspecified = true,
        overrides = None,
    ))]
    fn new(
        profile: Option<PyRef<'_, PyProfile>>,
        base_ms: u64,
        cap_ms: u64,
        max_attempts: Option<u32>,
        retry_unspecified: bool,
        overrides: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReconnectPolicy> {
        let mut policy = ReconnectPolicy::new()
            .with_base_ms(base_ms)
            .with_cap_ms(cap_ms)
            .with_max_attempts(max_attempts)
            .with_retry_unspecified(retry_unspecified);
        if let Some(profile) = profile {
            policy = policy.with_profile(profile.0);
        }
        if let Some(overrides) = overrides {
            let items = overrides.call_method0("items").map_err(|_| {
                PyTypeError::new_err(format!(
                    "overrides must be a mapping of close codes to Advice, not {}",
                    type_name(overrides)
                ))
            })?;
            for item in items.try_iter()? {
                let (code, advice): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
                let code = CloseCode::new(code_arg(&code)?);
                policy
                    .try_override(code, advice_arg(&advice)?)
                    .map_err(|full| PyValueError::new_err(full.to_string()))?;
            }
        }
        Ok(PyReconnectPolicy {
            policy,
            retry_unspecified,
        })
    }

    #[getter]
    fn profile(&self) -> Option<PyProfile> {
        self.policy.profile().map(PyProfile)
    }
    #[getter]
    fn base_ms(&self) -> u64 {
        self.policy.base_ms()
    }
    #[getter]
    fn cap_ms(&self) -> u64 {
        self.policy.cap_ms()
    }
    #[getter]
    fn max_attempts(&self) -> Option<u32> {
        self.policy.max_attempts()
    }
    #[getter]
    fn retry_unspecified(&self) -> bool {
        self.retry_unspecified
    }
    /// The overrides as a new dict `{code: Advice}`, in the order they were set.
    #[getter]
    fn overrides<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let model = model(py)?;
        let dict = PyDict::new(py);
        for &(code, advice) in self.policy.overrides() {
            dict.set_item(code.as_u16(), advice_object(py, model, advice))?;
        }
        Ok(dict)
    }

    /// Stop or retry after a close; calls `random` (default `secrets.randbits(64)`) once when
    /// the answer is a retry.
    #[pyo3(signature = (code, was_clean, attempt, random = None))]
    fn decide(
        &self,
        py: Python<'_>,
        code: &Bound<'_, PyAny>,
        was_clean: bool,
        attempt: u32,
        random: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDecision> {
        let code = CloseCode::new(code_arg(code)?);
        let mut failure = None;
        let decision = self.policy.decide(code, was_clean, attempt, || {
            random_u64(py, random).unwrap_or_else(|err| {
                failure = Some(err);
                0
            })
        });
        match failure {
            Some(err) => Err(err),
            None => Ok(PyDecision(decision)),
        }
    }

    /// The advice after a close (never `Advice.UNSPECIFIED`); ignores the attempt limit.
    #[pyo3(signature = (code, was_clean))]
    fn advice<'py>(
        &self,
        py: Python<'py>,
        code: &Bound<'py, PyAny>,
        was_clean: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let code = CloseCode::new(code_arg(code)?);
        Ok(advice_object(py, model(py)?, self.policy.advice(code, was_clean)))
    }

    /// The largest delay of attempt `attempt`, in milliseconds.
    #[pyo3(signature = (attempt, /))]
    fn ceiling_ms(&self, attempt: u32) -> u64 {
        self.policy.ceiling_ms(attempt)
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let profile = match self.policy.profile() {
            Some(profile) => format!("Profile({})", py_repr(py, profile.name())?),
            None => "None".to_owned(),
        };
        let max = match self.policy.max_attempts() {
            Some(max) => max.to_string(),
            None => "None".to_owned(),
        };
        let overrides: Vec<String> = self
            .policy
            .overrides()
            .iter()
            .map(|(code, advice)| format!("{}: Advice.{}", code.as_u16(), advice.const_name()))
            .collect();
        Ok(format!(
            "ReconnectPolicy(profile={profile}, base_ms={}, cap_ms={}, max_attempts={max}, \
             retry_unspecified={}, overrides={{{}}})",
            self.policy.base_ms(),
            self.policy.cap_ms(),
            if self.retry_unspecified { "True" } else { "False" },
            overrides.join(", ")
        ))
    }
}

// ---------------------------------------------------------------------------------------------
// explain

/// The likely causes of a close. See `wsclose.Explanation`.
#[pyclass(frozen, module = "wsclose", name = "Explanation")]
struct PyExplanation {
    explanation: wsclose::Explanation,
    #[pyo3(get)]
    code: Py<PyAny>,
    #[pyo3(get)]
    causes: Py<PyTuple>,
}

#[pymethods]
impl PyExplanation {
    #[getter]
    fn was_clean(&self) -> Option<bool> {
        self.explanation.was_clean()
    }
    fn __str__(&self) -> String {
        self.explanation.to_string()
    }
    fn __repr__(&self) -> String {
        let causes: Vec<String> = self
            .explanation
            .causes()
            .iter()
            .map(|cause| format!("Cause.{}", cause.const_name()))
            .collect();
        let was_clean = match self.explanation.was_clean() {
            None => "None",
            Some(true) => "True",
            Some(false) => "False",
        };
        format!(
            "Explanation(code={}, was_clean={was_clean}, causes=({}{}))",
            self.explanation.code().as_u16(),
            causes.join(", "),
            if causes.len() == 1 { "," } else { "" }
        )
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyExplanation>()
            .is_ok_and(|other| self.explanation == other.get().explanation)
    }
    fn __hash__(&self) -> u64 {
        u64::from(self.explanation.code().as_u16())
    }
}

/// The likely causes of a close with `code`, as the receiving application reported it.
#[pyfunction]
#[pyo3(signature = (code, was_clean = None))]
fn explain<'py>(
    py: Python<'py>,
    code: &Bound<'py, PyAny>,
    was_clean: Option<bool>,
) -> PyResult<PyExplanation> {
    let code = CloseCode::new(code_arg(code)?);
    let model = model(py)?;
    let explanation = wsclose::explain(code, was_clean);
    let causes = explanation
        .causes()
        .iter()
        .map(|&cause| cause_object(py, model, cause))
        .collect::<PyResult<Vec<_>>>()?;
    Ok(PyExplanation {
        explanation,
        code: code_object(py, registry(py)?, code).unbind(),
        causes: PyTuple::new(py, causes)?.unbind(),
    })
}

// ---------------------------------------------------------------------------------------------
// The browser model

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
/// payload as received (any bytes), or `None` for a connection dropped without a Close frame.
#[pyfunction]
#[pyo3(signature = (engine, payload, /))]
fn close_event<'py>(
    py: Python<'py>,
    engine: &Bound<'py, PyAny>,
    payload: Option<&Bound<'py, PyAny>>,
) -> PyResult<PyCloseEvent> {
    let engine = engine_arg(engine)?;
    let model = model(py)?;
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
    let model = model(py)?;
    let number = match code {
        None => None,
        Some(obj) if obj.is_instance_of::<PyString>() => {
            return Err(PyTypeError::new_err(
                "page_close() needs a number as code, not str",
            ))
        }
        Some(obj) => Some(obj.extract::<f64>().map_err(|err| {
            if err.is_instance_of::<PyTypeError>(py) {
                PyTypeError::new_err(format!(
                    "page_close() needs a number as code, not {}",
                    type_name(obj)
                ))
            } else {
                err
            }
        })?),
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
    module.add_class::<PyProfile>()?;
    module.add_class::<PyProfileCode>()?;
    module.add_class::<PyProfileRange>()?;
    module.add_class::<PyDecision>()?;
    module.add_class::<PyReconnectPolicy>()?;
    module.add_class::<PyExplanation>()?;
    module.add_class::<PyReply>()?;
    module.add_class::<PyCloseEvent>()?;
    module.add_class::<PySentClose>()?;
    module.add_function(wrap_pyfunction!(_register_model, module)?)?;
    module.add_function(wrap_pyfunction!(advices, module)?)?;
    module.add_function(wrap_pyfunction!(causes, module)?)?;
    module.add_function(wrap_pyfunction!(explain, module)?)?;
    module.add_function(wrap_pyfunction!(close_event, module)?)?;
    module.add_function(wrap_pyfunction!(page_close, module)?)?;
    Ok(())
}
