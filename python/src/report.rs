//! The report and its parts, as Python objects over the library's values.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList};

use crate::input;

/// A JSON value as the Python value `json.loads` gives.
pub fn to_py<'py>(py: Python<'py>, value: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_py(py, v)?)?;
            }
            dict.into_any()
        }
    })
}

fn json_loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS.import(py, "json", "loads")?.call1((text,))
}

/// The outcome of validating an application: the verdict, the findings,
/// the materials to prepare and the steps that follow.
#[pyclass(frozen, module = "beian_rs", name = "Report")]
pub struct Report {
    pub inner: beian::Report,
    pub rules: beian::RuleSet,
    pub lang: beian::Language,
}

#[pymethods]
impl Report {
    /// True exactly when no finding has severity `error`.
    #[getter]
    fn ok(&self) -> bool {
        self.inner.ok
    }

    /// The evaluation date used.
    #[getter]
    fn as_of<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        input::py_date(py, self.inner.as_of)
    }

    /// The filing province (its slug), when the application names one.
    #[getter]
    fn province(&self) -> Option<&'static str> {
        self.inner.province.map(|p| p.slug())
    }

    /// The filing type (`personal` or `entity`), when the subject kind is known.
    #[getter]
    fn filing_type(&self) -> Option<&'static str> {
        self.inner.filing_type.map(|f| f.as_str())
    }

    /// The version of the rule set used.
    #[getter]
    fn ruleset(&self) -> &str {
        &self.inner.ruleset
    }

    /// The findings, ordered by path in document order, then by code.
    #[getter]
    fn findings(&self) -> Vec<Finding> {
        self.inner
            .findings
            .iter()
            .cloned()
            .map(|inner| Finding { inner })
            .collect()
    }

    /// The findings of severity `error`.
    #[getter]
    fn errors(&self) -> Vec<Finding> {
        self.inner.errors().cloned().map(|inner| Finding { inner }).collect()
    }

    /// The findings of severity `warning`.
    #[getter]
    fn warnings(&self) -> Vec<Finding> {
        self.inner.warnings().cloned().map(|inner| Finding { inner }).collect()
    }

    /// The findings of severity `info`.
    #[getter]
    fn infos(&self) -> Vec<Finding> {
        self.inner.infos().cloned().map(|inner| Finding { inner }).collect()
    }

    /// The documents to prepare.
    #[getter]
    fn materials(&self) -> Vec<Material> {
        self.inner
            .materials
            .iter()
            .cloned()
            .map(|inner| Material { inner })
            .collect()
    }

    /// The process that follows, with its time limits.
    #[getter]
    fn steps(&self) -> Vec<Step> {
        self.inner.steps.iter().cloned().map(|inner| Step { inner }).collect()
    }

    /// Whether some finding has this code (e.g. `"domain.tld_not_approved"`).
    fn has(&self, code: &str) -> PyResult<bool> {
        let code: beian::Code = code
            .parse()
            .map_err(|e: beian::UnknownId| PyValueError::new_err(e.to_string()))?;
        Ok(self.inner.has(code))
    }

    /// The report as JSON text, exactly as the Rust library writes it.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The report as a dict: `json.loads(report.to_json())`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &self.inner.to_json())
    }

    /// The report as text for a person, in Chinese (`"zh"`) or English
    /// (`"en"`); by default in the language given to `validate`.
    #[pyo3(signature = (lang = None))]
    fn to_text(&self, lang: Option<&str>) -> PyResult<String> {
        let lang = match lang {
            Some(l) => input::language(l)?,
            None => self.lang,
        };
        Ok(self.inner.to_text(&self.rules, lang))
    }

    fn __str__(&self) -> String {
        self.inner.to_text(&self.rules, self.lang)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Report ok={} findings={} province={} as_of={}>",
            if self.inner.ok { "True" } else { "False" },
            self.inner.findings.len(),
            self.inner
                .province
                .map_or("None".to_owned(), |p| format!("'{}'", p.slug())),
            self.inner.as_of
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Report>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// One problem found in an application.
#[pyclass(frozen, module = "beian_rs", name = "Finding")]
pub struct Finding {
    inner: beian::Finding,
}

#[pymethods]
impl Finding {
    /// The stable finding code, e.g. `domain.tld_not_approved`.
    #[getter]
    fn code(&self) -> &'static str {
        self.inner.code.as_str()
    }

    /// `error`, `warning` or `info`.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// RFC 6901 JSON Pointer into the input, e.g. `/websites/0/domains/0/name`.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }

    /// The English message.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// The Chinese message.
    #[getter]
    fn message_zh(&self) -> &str {
        &self.inner.message_zh
    }

    /// The id of the rule that produced the finding (see `RuleSet.rule`).
    #[getter]
    fn rule(&self) -> &str {
        &self.inner.rule
    }

    /// The values the message talks about (a new dict at each access).
    #[getter]
    fn params<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (k, v) in &self.inner.params {
            dict.set_item(k, to_py(py, v)?)?;
        }
        Ok(dict)
    }

    /// The finding as the dict of the report's JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let value = serde_json::to_string(&self.inner).expect("a finding serialises");
        json_loads(py, &value)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Finding {} {} at {:?}: {}>",
            self.inner.severity, self.inner.code, self.inner.path, self.inner.message
        )
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Finding>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A document to prepare (备案材料).
#[pyclass(frozen, module = "beian_rs", name = "Material")]
pub struct Material {
    inner: beian::Material,
}

#[pymethods]
impl Material {
    /// The material id, e.g. `subject_certificate`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// JSON Pointer of whom or what it concerns (the `for` of the JSON).
    #[getter]
    fn concerns(&self) -> &str {
        &self.inner.concerns
    }

    /// The English name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The Chinese name.
    #[getter]
    fn name_zh(&self) -> &str {
        &self.inner.name_zh
    }

    /// The material as the dict of the report's JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &serde_json::to_string(&self.inner).expect("a material serialises"))
    }

    fn __repr__(&self) -> String {
        format!("<Material {} for {:?}>", self.inner.id, self.inner.concerns)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Material>().is_ok_and(|o| o.get().inner == self.inner)
    }
}

/// A step of the filing process and its time limits.
#[pyclass(frozen, module = "beian_rs", name = "Step")]
pub struct Step {
    inner: beian::Step,
}

#[pymethods]
impl Step {
    /// The step id, e.g. `authority_review`.
    #[getter]
    fn id(&self) -> &str {
        &self.inner.id
    }

    /// The English name.
    #[getter]
    fn name(&self) -> &str {
        &self.inner.name
    }

    /// The Chinese name.
    #[getter]
    fn name_zh(&self) -> &str {
        &self.inner.name_zh
    }

    /// The usual duration in working days.
    #[getter]
    fn working_days(&self) -> Option<u32> {
        self.inner.working_days
    }

    /// The longest the step may take, in working days.
    #[getter]
    fn max_working_days(&self) -> Option<u32> {
        self.inner.max_working_days
    }

    /// The longest the step may take, in hours.
    #[getter]
    fn max_hours(&self) -> Option<u32> {
        self.inner.max_hours
    }

    /// The longest the step may take, in calendar days.
    #[getter]
    fn max_days(&self) -> Option<u32> {
        self.inner.max_days
    }

    /// The step as the dict of the report's JSON.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_loads(py, &serde_json::to_string(&self.inner).expect("a step serialises"))
    }

    fn __repr__(&self) -> String {
        format!("<Step {}>", self.inner.id)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<Step>().is_ok_and(|o| o.get().inner == self.inner)
    }
}
