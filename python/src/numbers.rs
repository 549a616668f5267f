//! Filing numbers: parsing and finding them in text (`beian::number`).

use beian::number::{self as n, NumberKind};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyDict;

use crate::errors;

/// A filing number: an ICP filing number (`icp_filing`), an ICP licence
/// number (`icp_license`) or a public-security filing number
/// (`public_security_filing`). Attributes that do not apply to the kind are
/// None.
#[pyclass(frozen, module = "beian_rs", name = "FilingNumber")]
pub struct FilingNumber {
    number: n::FilingNumber,
    normalizations: n::Normalizations,
}

fn kind_of(kind: &str) -> PyResult<NumberKind> {
    match kind {
        "icp_filing" => Ok(NumberKind::IcpFiling),
        "icp_license" => Ok(NumberKind::IcpLicense),
        "public_security_filing" => Ok(NumberKind::PublicSecurityFiling),
        other => Err(PyValueError::new_err(format!(
            "kind is \"icp_filing\", \"icp_license\" or \"public_security_filing\", not {other:?}"
        ))),
    }
}

/// Parses a filing number. Strict by default: only the canonical text is a
/// number; with `lenient=True`, also what people write in footers and forms
/// (full-width forms, white space, other dashes, …), and `normalizations`
/// says what had to be normalised. `kind` requires a number of that kind.
/// Raises `NumberError`, which says why the text is not one.
#[pyfunction]
#[pyo3(signature = (text, *, kind = None, lenient = false))]
pub fn parse(py: Python<'_>, text: &str, kind: Option<&str>, lenient: bool) -> PyResult<FilingNumber> {
    let kind = kind.map(kind_of).transpose()?;
    let parsed = if lenient {
        n::FilingNumber::parse_lenient(text).map(|r| (r.number, r.normalizations))
    } else {
        n::FilingNumber::parse(text).map(|number| (number, n::Normalizations::EMPTY))
    };
    let (number, normalizations) = parsed.map_err(|e| errors::number_error(py, &e))?;
    if let Some(expected) = kind
        && number.kind() != expected
    {
        // The library's own typed parsers give the error of a wrong kind.
        let err = match expected {
            NumberKind::IcpFiling => n::IcpNumber::parse(&number.to_string()).err(),
            NumberKind::IcpLicense => n::IcpLicenseNumber::parse(&number.to_string()).err(),
            NumberKind::PublicSecurityFiling => n::PublicSecurityNumber::parse(&number.to_string()).err(),
            // A kind added later: the generic error below.
            _ => None,
        };
        let err = err.unwrap_or(n::NumberError::WrongKind {
            expected,
            found: number.kind(),
        });
        return Err(errors::number_error(py, &err));
    }
    Ok(FilingNumber { number, normalizations })
}

/// Every filing number in a text (a page footer, say), in order. With
/// `lenient=True`, also the variants the lenient parser reads. Positions
/// are indexes into the str (`text[m.start:m.end]` is the number as written).
#[pyfunction]
#[pyo3(signature = (text, *, lenient = false))]
pub fn find(text: &str, lenient: bool) -> Vec<Match> {
    let matches = if lenient { n::find_lenient(text) } else { n::find(text) };
    // Byte offsets to character offsets, counting as we go.
    let mut chars = 0;
    let mut byte = 0;
    let mut at = |offset: usize| {
        chars += text[byte..offset].chars().count();
        byte = offset;
        chars
    };
    matches
        .map(|m| {
            let start = at(m.start());
            let end = at(m.end());
            Match {
                start,
                end,
                text: m.as_str().to_owned(),
                number: FilingNumber {
                    number: *m.number(),
                    normalizations: m.normalizations(),
                },
            }
        })
        .collect()
}

/// A filing number found in a text.
#[pyclass(frozen, module = "beian_rs", name = "Match")]
pub struct Match {
    /// Where the number starts in the text (an index into the str).
    #[pyo3(get)]
    start: usize,
    /// Where it ends.
    #[pyo3(get)]
    end: usize,
    /// The number as written in the text.
    #[pyo3(get)]
    text: String,
    number: FilingNumber,
}

#[pymethods]
impl Match {
    /// The number.
    #[getter]
    fn number(&self) -> FilingNumber {
        FilingNumber {
            number: self.number.number,
            normalizations: self.number.normalizations,
        }
    }

    /// What had to be normalised to read it (always empty without `lenient`).
    #[getter]
    fn normalizations(&self) -> Vec<&'static str> {
        self.number.normalizations()
    }

    fn __repr__(&self) -> String {
        format!("<Match {:?} at {}..{}>", self.text, self.start, self.end)
    }
}

#[pymethods]
impl FilingNumber {
    /// `icp_filing`, `icp_license` or `public_security_filing`.
    #[getter]
    fn kind(&self) -> &'static str {
        self.number.kind().as_str()
    }

    /// The Chinese name of the kind, e.g. `ICP备案号`.
    #[getter]
    fn kind_zh(&self) -> &'static str {
        self.number.kind().name_zh()
    }

    /// The province that issued it (slug); None for a cross-regional licence.
    #[getter]
    fn province(&self) -> Option<&'static str> {
        self.number.province().map(|p| p.slug())
    }

    /// The province abbreviation it starts with, as written.
    #[getter]
    fn abbreviation(&self) -> Option<String> {
        self.number.abbreviation().map(String::from)
    }

    /// The canonical text, e.g. `粤ICP备08130115号-14`.
    #[getter]
    fn text(&self) -> String {
        self.number.to_string()
    }

    /// What the text needed to read as the number (lenient parsing), e.g.
    /// `["full_width", "whitespace"]`; empty for canonical text.
    #[getter]
    fn normalizations(&self) -> Vec<&'static str> {
        self.normalizations.iter().map(|x| x.as_str()).collect()
    }

    /// What a number with a site serial was issued for: `website`, `app`,
    /// `mini_program` or `quick_app`; None for a subject number.
    #[getter]
    fn service_kind(&self) -> Option<&'static str> {
        match &self.number {
            n::FilingNumber::Icp(i) => i.service(),
            n::FilingNumber::License(l) => l.service(),
            n::FilingNumber::PublicSecurity(_) => None,
        }
        .map(|s| s.as_str())
    }

    /// The site serial (网站序列号), e.g. 14 in `粤ICP备08130115号-14`.
    #[getter]
    fn site_serial(&self) -> Option<u16> {
        match &self.number {
            n::FilingNumber::Icp(i) => i.site_serial(),
            n::FilingNumber::License(l) => l.site_serial(),
            n::FilingNumber::PublicSecurity(_) => None,
        }
    }

    /// The year of first approval (ICP filing) or of the licence.
    #[getter]
    fn year(&self) -> Option<u16> {
        match &self.number {
            n::FilingNumber::Icp(i) => Some(i.year()),
            n::FilingNumber::License(l) => l.year(),
            n::FilingNumber::PublicSecurity(_) => None,
        }
    }

    /// ICP filing number: the subject serial (主体序列号).
    #[getter]
    fn subject_serial(&self) -> Option<String> {
        match &self.number {
            n::FilingNumber::Icp(i) => Some(i.subject_serial().to_owned()),
            _ => None,
        }
    }

    /// ICP filing number: the number of the subject, without the site serial.
    #[getter]
    fn subject_number(&self) -> Option<String> {
        match &self.number {
            n::FilingNumber::Icp(i) => Some(i.subject_number().to_string()),
            _ => None,
        }
    }

    /// ICP licence number: the serial.
    #[getter]
    fn serial(&self) -> Option<String> {
        match &self.number {
            n::FilingNumber::License(l) => Some(l.serial().to_owned()),
            _ => None,
        }
    }

    /// ICP licence number: the licence categories, e.g. `["B2"]`.
    #[getter]
    fn categories(&self) -> Option<Vec<&'static str>> {
        match &self.number {
            n::FilingNumber::License(l) => Some(l.categories().map(|c| c.as_str()).collect()),
            _ => None,
        }
    }

    /// ICP licence number: issued by MIIT across regions (no province).
    #[getter]
    fn is_cross_regional(&self) -> Option<bool> {
        match &self.number {
            n::FilingNumber::License(l) => Some(l.is_cross_regional()),
            _ => None,
        }
    }

    /// ICP licence number: the old style (`京ICP证030173号`).
    #[getter]
    fn is_legacy(&self) -> Option<bool> {
        match &self.number {
            n::FilingNumber::License(l) => Some(l.is_legacy()),
            _ => None,
        }
    }

    /// Public-security filing number: its 14 digits.
    #[getter]
    fn record_code(&self) -> Option<String> {
        match &self.number {
            n::FilingNumber::PublicSecurity(p) => Some(p.record_code().to_owned()),
            _ => None,
        }
    }

    /// Public-security filing number: the division code of the office that
    /// took the filing, e.g. `110105`.
    #[getter]
    fn division_code(&self) -> Option<String> {
        match &self.number {
            n::FilingNumber::PublicSecurity(p) => Some(p.division_code().to_owned()),
            _ => None,
        }
    }

    /// The attributes as a dict (those that apply to the kind).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("text", self.text())?;
        d.set_item("kind", self.kind())?;
        d.set_item("province", self.province())?;
        d.set_item("abbreviation", self.abbreviation())?;
        d.set_item("service_kind", self.service_kind())?;
        d.set_item("site_serial", self.site_serial())?;
        d.set_item("year", self.year())?;
        match &self.number {
            n::FilingNumber::Icp(_) => {
                d.set_item("subject_serial", self.subject_serial())?;
                d.set_item("subject_number", self.subject_number())?;
            }
            n::FilingNumber::License(_) => {
                d.set_item("serial", self.serial())?;
                d.set_item("categories", self.categories())?;
                d.set_item("is_cross_regional", self.is_cross_regional())?;
                d.set_item("is_legacy", self.is_legacy())?;
            }
            n::FilingNumber::PublicSecurity(_) => {
                d.set_item("record_code", self.record_code())?;
                d.set_item("division_code", self.division_code())?;
            }
        }
        d.set_item("normalizations", self.normalizations())?;
        Ok(d)
    }

    fn __str__(&self) -> String {
        self.number.to_string()
    }

    fn __repr__(&self) -> String {
        format!("<FilingNumber {} {:?}>", self.number.kind(), self.number.to_string())
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<FilingNumber>()
            .is_ok_and(|o| o.get().number == self.number)
    }

    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.number.hash(&mut h);
        h.finish()
    }
}
