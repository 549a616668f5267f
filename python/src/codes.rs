//! The catalogue of finding codes.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A finding code of the catalogue: its stable id, family and default
/// severity (a rule set may change a province rule's severity, never its code).
#[pyclass(frozen, eq, hash, module = "beian_rs", name = "Code")]
#[derive(PartialEq, Eq, Hash)]
pub struct Code {
    inner: beian::Code,
}

#[pymethods]
impl Code {
    /// The stable id, e.g. `domain.tld_not_approved`.
    #[getter]
    fn id(&self) -> &'static str {
        self.inner.as_str()
    }

    /// The family, the part before the dot (`domain`).
    #[getter]
    fn family(&self) -> &'static str {
        self.inner.family()
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn default_severity(&self) -> &'static str {
        self.inner.default_severity().as_str()
    }

    fn __str__(&self) -> &'static str {
        self.inner.as_str()
    }

    fn __repr__(&self) -> String {
        format!("<Code {} ({})>", self.inner, self.inner.default_severity())
    }
}

/// Every finding code, in catalogue order.
#[pyfunction]
pub fn codes() -> Vec<Code> {
    beian::Code::ALL.iter().map(|&inner| Code { inner }).collect()
}

/// The code with this id; raises ValueError for an unknown id.
#[pyfunction]
pub fn code(id: &str) -> PyResult<Code> {
    id.parse()
        .map(|inner| Code { inner })
        .map_err(|e: beian::UnknownId| PyValueError::new_err(e.to_string()))
}
