//! The exceptions raised to Python. The classes live in `beian_rs._errors`
//! (Python), imported once.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

fn class<'py>(py: Python<'py>, cell: &'static PyOnceLock<Py<PyType>>, name: &str) -> PyResult<&'py Bound<'py, PyType>> {
    cell.import(py, "beian_rs._errors", name)
}

/// A `beian_rs.ParseError`: the document is not JSON of the application's shape.
pub fn parse_error(py: Python<'_>, error: &beian::ParseError) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let made = class(py, &CLASS, "ParseError").and_then(|c| {
        c.call1((
            error.to_string(),
            error.message(),
            error.path(),
            error.line(),
            error.column(),
        ))
    });
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

/// A `beian_rs.ParseError` for input that is not text (invalid UTF-8).
pub fn not_utf8(py: Python<'_>, error: &std::str::Utf8Error) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let message = format!("the document is not UTF-8: {error}");
    let made = class(py, &CLASS, "ParseError").and_then(|c| c.call1((message.clone(), message, "", 1, 0)));
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

/// A `beian_rs.RuleError`: a rule directory that cannot be loaded.
pub fn rule_error(py: Python<'_>, error: &beian::RuleError) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let made = class(py, &CLASS, "RuleError").and_then(|c| {
        c.call1((
            error.to_string(),
            error.message(),
            error.file(),
            error.line(),
            error.column(),
        ))
    });
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}

/// A `beian_rs.NumberError`: a text that is not a filing number.
pub fn number_error(py: Python<'_>, error: &beian::number::NumberError) -> PyErr {
    static CLASS: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let canonical = match error {
        beian::number::NumberError::NotCanonical { canonical, .. } => Some(canonical.as_str()),
        _ => None,
    };
    let made = class(py, &CLASS, "NumberError").and_then(|c| c.call1((error.to_string(), canonical)));
    match made {
        Ok(value) => PyErr::from_value(value),
        Err(e) => e,
    }
}
