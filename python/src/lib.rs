//! The Python extension module `beian_rs._native`: the `beian` library's
//! validation, rule sets, filing numbers and finding codes, for Python.
//!
//! The package `beian_rs` (in `python/beian_rs/`) re-exports everything
//! here; the exception classes are defined in Python (`beian_rs._errors`),
//! so that they can derive from both `BeianError` and `ValueError`.

#![forbid(unsafe_code)]

use pyo3::prelude::*;

mod codes;
mod errors;
mod input;
mod numbers;
mod report;
mod rules;

/// The extension module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::parse, m)?)?;
    m.add_function(wrap_pyfunction!(numbers::find, m)?)?;
    m.add_function(wrap_pyfunction!(codes::codes, m)?)?;
    m.add_function(wrap_pyfunction!(codes::code, m)?)?;
    m.add_class::<report::Report>()?;
    m.add_class::<report::Finding>()?;
    m.add_class::<report::Material>()?;
    m.add_class::<report::Step>()?;
    m.add_class::<rules::RuleSet>()?;
    m.add_class::<rules::RuleInfo>()?;
    m.add_class::<rules::Source>()?;
    m.add_class::<numbers::FilingNumber>()?;
    m.add_class::<numbers::Match>()?;
    m.add_class::<codes::Code>()?;
    Ok(())
}

/// Validates an application with a rule set (the embedded one by default).
///
/// `application` is a dict (as `json.loads` gives), or JSON text as str or
/// UTF-8 bytes. `as_of` fixes the evaluation date (a `datetime.date` or a
/// `YYYY-MM-DD` string), overriding the application's own `as_of`; `lang`
/// (`"zh"` or `"en"`) is the language of `Report.to_text()` and `str(report)`;
/// `stage` (`"prerequisites"`, `"subject"`, `"services"` or `"complete"`)
/// validates a form filled so far: what a later stage asks for is neither
/// required nor reported.
/// The GIL is released while the application is parsed and validated.
#[pyfunction]
#[pyo3(signature = (application, *, as_of = None, rules = None, lang = "zh", stage = "complete"))]
fn validate(
    py: Python<'_>,
    application: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    rules: Option<&rules::RuleSet>,
    lang: &str,
    stage: &str,
) -> PyResult<report::Report> {
    let rules = match rules {
        Some(r) => r.inner.clone(),
        None => beian::RuleSet::embedded(),
    };
    rules::validate_with(py, &rules, application, as_of, lang, stage)
}
