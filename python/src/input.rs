//! What Python passes in: the application (dict, str or bytes), the
//! evaluation date and the language.

use std::fmt::Write as _;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

/// Deeper than this, a dict is not converted (the JSON parser's own limit
/// is lower, so such a document would not parse as text either).
const MAX_DEPTH: usize = 256;

/// The application as JSON text, owned, so that it can be parsed with the
/// GIL released.
pub fn application_text(py: Python<'_>, application: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = application.cast::<PyString>() {
        let text: String = s.extract()?;
        return Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        });
    }
    let bytes: Option<Vec<u8>> = if let Ok(b) = application.cast::<PyBytes>() {
        Some(b.as_bytes().to_vec())
    } else if let Ok(b) = application.cast::<PyByteArray>() {
        Some(b.to_vec())
    } else {
        None
    };
    if let Some(bytes) = bytes {
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").map(<[u8]>::to_vec).unwrap_or(bytes);
        return String::from_utf8(bytes).map_err(|e| crate::errors::not_utf8(py, &e.utf8_error()));
    }
    if application.cast::<PyDict>().is_ok() {
        let mut out = String::new();
        let mut path = Vec::new();
        write_json(application, &mut out, &mut path)?;
        return Ok(out);
    }
    Err(PyTypeError::new_err(format!(
        "an application is a dict, or JSON text as str or bytes, not {}",
        type_name(application)
    )))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_owned())
}

/// The JSON Pointer of `path`, for error messages.
fn pointer(path: &[String]) -> String {
    path.iter()
        .map(|t| format!("/{}", t.replace('~', "~0").replace('/', "~1")))
        .collect()
}

/// Writes a Python value made of dicts, lists, tuples, str, int, float,
/// bool and None as JSON text, keeping the order of dict keys.
fn write_json(value: &Bound<'_, PyAny>, out: &mut String, path: &mut Vec<String>) -> PyResult<()> {
    if path.len() > MAX_DEPTH {
        return Err(PyValueError::new_err(format!(
            "the application is nested more than {MAX_DEPTH} levels deep at {}",
            pointer(path)
        )));
    }
    if value.is_none() {
        out.push_str("null");
    } else if let Ok(b) = value.cast::<PyBool>() {
        out.push_str(if b.is_true() { "true" } else { "false" });
    } else if value.cast::<PyInt>().is_ok() {
        match value.extract::<i128>() {
            Ok(i) => {
                let _ = write!(out, "{i}");
            }
            Err(_) => {
                return Err(PyValueError::new_err(format!(
                    "the integer at {} is too large",
                    pointer(path)
                )));
            }
        }
    } else if let Ok(f) = value.cast::<PyFloat>() {
        let number = serde_json::Number::from_f64(f.value()).ok_or_else(|| {
            PyValueError::new_err(format!(
                "the number at {} is not finite, which JSON cannot hold",
                pointer(path)
            ))
        })?;
        let _ = write!(out, "{number}");
    } else if let Ok(s) = value.cast::<PyString>() {
        let text: std::borrow::Cow<'_, str> = s.to_cow()?;
        out.push_str(&serde_json::to_string(&*text).expect("a string serialises"));
    } else if let Ok(d) = value.cast::<PyDict>() {
        out.push('{');
        for (i, (key, item)) in d.iter().enumerate() {
            let key = key.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "the keys of an application are str, not {} (in the object at {})",
                    type_name(&key),
                    if path.is_empty() { "/".to_owned() } else { pointer(path) }
                ))
            })?;
            let key: String = key.extract()?;
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(&key).expect("a string serialises"));
            out.push(':');
            path.push(key);
            write_json(&item, out, path)?;
            path.pop();
        }
        out.push('}');
    } else if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        out.push('[');
        for (i, item) in value.try_iter()?.enumerate() {
            if i > 0 {
                out.push(',');
            }
            path.push(i.to_string());
            write_json(&item?, out, path)?;
            path.pop();
        }
        out.push(']');
    } else {
        return Err(PyTypeError::new_err(format!(
            "the value at {} is a {}, which is not a JSON value (dict, list, str, int, float, bool or None)",
            pointer(path),
            type_name(value)
        )));
    }
    Ok(())
}

/// The evaluation date: a `datetime.date` (not a `datetime.datetime`) or
/// a `YYYY-MM-DD` string.
pub fn as_of(py: Python<'_>, value: Option<&Bound<'_, PyAny>>) -> PyResult<Option<beian::Date>> {
    static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    static DATETIME: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = value.cast::<PyString>() {
        return parse_date(&s.to_cow()?).map(Some);
    }
    if value.is_instance(DATETIME.import(py, "datetime", "datetime")?)? {
        return Err(PyTypeError::new_err(
            "as_of is a calendar date: pass a datetime.date (e.g. dt.date()), not a datetime.datetime",
        ));
    }
    if value.is_instance(DATE.import(py, "datetime", "date")?)? {
        let year: i16 = value.getattr("year")?.extract()?;
        let month: i8 = value.getattr("month")?.extract()?;
        let day: i8 = value.getattr("day")?.extract()?;
        return beian::Date::new(year, month, day)
            .map(Some)
            .map_err(|e| PyValueError::new_err(format!("as_of: {e}")));
    }
    Err(PyTypeError::new_err(format!(
        "as_of is a datetime.date or a YYYY-MM-DD string, not {}",
        type_name(value)
    )))
}

/// A `YYYY-MM-DD` date, as the application's dates are written.
pub fn parse_date(text: &str) -> PyResult<beian::Date> {
    let b = text.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let invalid = || PyValueError::new_err(format!("as_of `{text}` is not a date of the form YYYY-MM-DD"));
    if !shape {
        return Err(invalid());
    }
    let year: i16 = text[..4].parse().map_err(|_| invalid())?;
    let month: i8 = text[5..7].parse().map_err(|_| invalid())?;
    let day: i8 = text[8..].parse().map_err(|_| invalid())?;
    beian::Date::new(year, month, day).map_err(|_| invalid())
}

/// The language of text output: `zh` or `en`.
pub fn language(lang: &str) -> PyResult<beian::Language> {
    lang.parse()
        .map_err(|_| PyValueError::new_err(format!("lang is \"zh\" or \"en\", not {lang:?}")))
}

/// The stage of a form: `prerequisites`, `subject`, `services` or `complete`.
pub fn stage(stage: &str) -> PyResult<beian::Stage> {
    stage.parse().map_err(|_| {
        PyValueError::new_err(format!(
            "stage is \"prerequisites\", \"subject\", \"services\" or \"complete\", not {stage:?}"
        ))
    })
}

/// A `datetime.date` of a date.
pub fn py_date<'py>(py: Python<'py>, date: beian::Date) -> PyResult<Bound<'py, PyAny>> {
    static DATE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    DATE.import(py, "datetime", "date")?
        .call1((date.year(), date.month(), date.day()))
}
