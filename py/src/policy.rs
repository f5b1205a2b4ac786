//! The reconnect policy: `ReconnectPolicy` and its `Decision`.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyDict;
use wsclose::{CloseCode, Decision, ReconnectPolicy};

use crate::convert::{code_arg, index_int, py_repr, type_name, u32_param, u64_param};
use crate::profiles::{advice_arg, PyProfile};
use crate::registry::{advice_object, model_types};

/// What to do after a close: stop, or retry after `retry_after_ms` milliseconds.
#[pyclass(frozen, eq, hash, module = "wsclose", name = "Decision")]
#[derive(PartialEq, Eq, Hash)]
struct PyDecision(Decision);

#[pymethods]
impl PyDecision {
    /// `Decision(None)` is stop, `Decision(250)` retry after 250 ms.
    #[new]
    #[pyo3(signature = (retry_after_ms, /))]
    fn new(retry_after_ms: Option<&Bound<'_, PyAny>>) -> PyResult<PyDecision> {
        Ok(PyDecision(match retry_after_ms {
            None => Decision::Stop,
            Some(ms) => Decision::RetryAfter(u64_param(ms, "retry_after_ms")?),
        }))
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
    // Any int, or an object with `__index__` (a numpy.uint64), in [0, 2**64).
    let Some(int) = index_int(&value)? else {
        return Err(PyTypeError::new_err(format!(
            "the random source must return an int in [0, 2**64), not {}",
            type_name(&value)
        )));
    };
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
        base_ms = None,
        cap_ms = None,
        max_attempts = None,
        retry_unspecified = true,
        overrides = None,
    ))]
    fn new(
        profile: Option<PyRef<'_, PyProfile>>,
        base_ms: Option<&Bound<'_, PyAny>>,
        cap_ms: Option<&Bound<'_, PyAny>>,
        max_attempts: Option<&Bound<'_, PyAny>>,
        retry_unspecified: bool,
        overrides: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyReconnectPolicy> {
        // Converted here (not by pyo3) so that an int out of range is a ValueError naming the
        // parameter; left out, the core's default.
        let base_ms = base_ms.map_or(Ok(ReconnectPolicy::DEFAULT_BASE_MS), |ms| {
            u64_param(ms, "base_ms")
        })?;
        let cap_ms = cap_ms.map_or(Ok(ReconnectPolicy::DEFAULT_CAP_MS), |ms| u64_param(ms, "cap_ms"))?;
        let max_attempts = max_attempts
            .map(|max| u32_param(max, "max_attempts"))
            .transpose()?;
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
        let model = model_types(py)?;
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
        attempt: &Bound<'_, PyAny>,
        random: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyDecision> {
        let code = CloseCode::new(code_arg(code)?);
        let attempt = u32_param(attempt, "attempt")?;
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
        Ok(advice_object(
            py,
            model_types(py)?,
            self.policy.advice(code, was_clean),
        ))
    }

    /// The largest delay of attempt `attempt`, in milliseconds.
    #[pyo3(signature = (attempt, /))]
    fn ceiling_ms(&self, attempt: &Bound<'_, PyAny>) -> PyResult<u64> {
        Ok(self.policy.ceiling_ms(u32_param(attempt, "attempt")?))
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

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyDecision>()?;
    module.add_class::<PyReconnectPolicy>()?;
    Ok(())
}
