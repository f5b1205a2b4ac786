//! `explain`: the likely causes of a close, as an `Explanation`, and the facts of `Cause`.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use wsclose::{Cause, CloseCode};

use crate::convert::{code_arg, code_object};
use crate::registry::{cause_object, model_types, registry};

/// `(value, const_name, summary, check)` for each cause.
#[pyfunction]
fn causes(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    let rows = Cause::ALL
        .iter()
        .map(|&cause| (cause as u8, cause.const_name(), cause.summary(), cause.check()));
    PyList::new(py, rows)
}

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
    let model = model_types(py)?;
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

/// Adds this file's classes and functions to the module.
pub(crate) fn add(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<PyExplanation>()?;
    module.add_function(wrap_pyfunction!(explain, module)?)?;
    module.add_function(wrap_pyfunction!(causes, module)?)?;
    Ok(())
}
