//! Rule sets: the embedded one, or one loaded from a directory.

use std::path::PathBuf;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use crate::{errors, input, report};

/// A compiled rule set. Immutable and shared: one rule set may serve any
/// number of threads at once.
#[pyclass(frozen, module = "beian_rs", name = "RuleSet")]
pub struct RuleSet {
    /// Reference-counted inside: cloning shares the compiled data.
    pub inner: beian::RuleSet,
}

/// Parses and validates an application with a rule set, with the GIL released.
pub fn validate_with(
    py: Python<'_>,
    rules: &beian::RuleSet,
    application: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    lang: &str,
    stage: &str,
) -> PyResult<report::Report> {
    let lang = input::language(lang)?;
    let stage = input::stage(stage)?;
    let as_of = input::as_of(py, as_of)?;
    let text = input::application_text(py, application)?;
    let mut validator = beian::Validator::new(rules).stage(stage);
    if let Some(date) = as_of {
        validator = validator.as_of(date);
    }
    let outcome = py.detach(move || beian::Application::from_json(&text).map(|app| validator.validate(&app)));
    match outcome {
        Ok(inner) => Ok(report::Report {
            inner,
            rules: rules.clone(),
            lang,
        }),
        Err(e) => Err(errors::parse_error(py, &e)),
    }
}

#[pymethods]
impl RuleSet {
    /// The rule set embedded in the library (compiled once per process).
    #[staticmethod]
    fn embedded(py: Python<'_>) -> RuleSet {
        RuleSet {
            inner: py.detach(beian::RuleSet::embedded),
        }
    }

    /// Loads a rule set from a directory laid out like the library's
    /// `rules/` (every file present). Raises `RuleError`, which names the
    /// file, line and column of the problem.
    #[staticmethod]
    fn from_dir(py: Python<'_>, path: PathBuf) -> PyResult<RuleSet> {
        match py.detach(move || beian::RuleSet::from_dir(&path)) {
            Ok(inner) => Ok(RuleSet { inner }),
            Err(e) => Err(errors::rule_error(py, &e)),
        }
    }

    /// The files of the embedded rule data, as (path relative to the rules
    /// directory, text) pairs. Write them out to get a
    /// directory to edit and load with `from_dir`.
    #[staticmethod]
    fn embedded_files() -> Vec<(&'static str, &'static str)> {
        beian::RuleSet::embedded_files().collect()
    }

    /// The version of the rule data, e.g. `2026.11.0`; reports carry it.
    #[getter]
    fn version(&self) -> &str {
        self.inner.version()
    }

    /// The rule with this id, as a finding's `rule` names it, or None.
    fn rule(&self, py: Python<'_>, id: &str) -> PyResult<Option<RuleInfo>> {
        self.inner.rule(id).map(|r| RuleInfo::new(py, r)).transpose()
    }

    /// Every rule, ordered by id.
    fn rules(&self, py: Python<'_>) -> PyResult<Vec<RuleInfo>> {
        self.inner.rules().map(|r| RuleInfo::new(py, r)).collect()
    }

    /// The abbreviations the province's ICP filing numbers start with, e.g.
    /// `["川", "蜀"]` for `"sichuan"` (any of the province's names is accepted).
    fn icp_abbreviations(&self, province: &str) -> PyResult<Vec<String>> {
        let province: beian::Province = province
            .parse()
            .map_err(|e: beian::UnknownProvince| PyValueError::new_err(e.to_string()))?;
        Ok(self
            .inner
            .icp_abbreviations(province)
            .iter()
            .map(char::to_string)
            .collect())
    }

    /// Validates an application with this rule set; the arguments are those
    /// of `beian_rs.validate`.
    #[pyo3(signature = (application, *, as_of = None, lang = "zh", stage = "complete"))]
    fn validate(
        &self,
        py: Python<'_>,
        application: &Bound<'_, PyAny>,
        as_of: Option<&Bound<'_, PyAny>>,
        lang: &str,
        stage: &str,
    ) -> PyResult<report::Report> {
        validate_with(py, &self.inner, application, as_of, lang, stage)
    }

    fn __repr__(&self) -> String {
        format!("<RuleSet {}>", self.inner.version())
    }
}

/// Where a rule comes from: its id, file, sources and the date of the sources.
#[pyclass(frozen, module = "beian_rs", name = "RuleInfo")]
pub struct RuleInfo {
    /// The rule id, e.g. `tlds.approved`.
    #[pyo3(get)]
    id: String,
    /// The rule file, relative to the rules directory.
    #[pyo3(get)]
    file: String,
    /// The sources of the rule.
    #[pyo3(get)]
    sources: Vec<Py<Source>>,
    /// The date of the sources, as the rule data writes it.
    #[pyo3(get)]
    source_date: String,
}

impl RuleInfo {
    fn new(py: Python<'_>, rule: &beian::RuleInfo) -> PyResult<RuleInfo> {
        let sources = rule
            .sources()
            .iter()
            .map(|s| {
                Py::new(
                    py,
                    Source {
                        tag: s.tag().to_owned(),
                        title: s.title().to_owned(),
                        url: s.url().map(str::to_owned),
                    },
                )
            })
            .collect::<PyResult<_>>()?;
        Ok(RuleInfo {
            id: rule.id().to_owned(),
            file: rule.file().to_owned(),
            sources,
            source_date: rule.source_date().to_owned(),
        })
    }
}

#[pymethods]
impl RuleInfo {
    fn __repr__(&self) -> String {
        format!("<RuleInfo {} ({})>", self.id, self.file)
    }
}

/// A source of rules: a document or page, by its tag.
#[pyclass(frozen, module = "beian_rs", name = "Source")]
pub struct Source {
    /// The short tag rule entries cite, e.g. `TX-AUDIT`.
    #[pyo3(get)]
    tag: String,
    /// The title of the document.
    #[pyo3(get)]
    title: String,
    /// Its address, where it has one.
    #[pyo3(get)]
    url: Option<String>,
}

#[pymethods]
impl Source {
    fn __repr__(&self) -> String {
        format!("<Source {}>", self.tag)
    }
}
