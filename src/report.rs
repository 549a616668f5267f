//! The report: the verdict, the findings, the materials checklist and the
//! process steps.

use std::sync::{Arc, LazyLock};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::application::date;
use crate::code::Code;
use crate::province::Province;
pub use crate::rules::process::Step;
use crate::ruleset::RuleSet;
use crate::text::visible;
use crate::vocabulary::{FilingType, Language, Severity};

pub use crate::code::Params;

/// The outcome of validating an application.
///
/// Serialises to exactly the JSON documented on its fields. A report depends only on the
/// application, the rule set and the evaluation date.
///
/// Later versions may add fields (hence `#[non_exhaustive]`): a report is
/// made by [`Validator::validate`](crate::Validator::validate), or read back
/// from its JSON; [`Report::new`] and [`Report::add`] build one by hand,
/// e.g. to add a provider's own findings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
#[non_exhaustive]
pub struct Report {
    /// True exactly when no finding has severity `error`.
    pub ok: bool,
    /// The evaluation date used.
    #[serde(with = "date")]
    #[cfg_attr(feature = "schemars", schemars(schema_with = "date_schema"))]
    pub as_of: Date,
    /// The filing province, when the application names one.
    pub province: Option<Province>,
    /// The filing type, when the subject kind is known.
    pub filing_type: Option<FilingType>,
    /// The version of the rule set used.
    pub ruleset: String,
    /// The findings, ordered by path in document order, then by code.
    pub findings: Vec<Finding>,
    /// The documents to prepare.
    pub materials: Vec<Material>,
    /// The process that follows, with its time limits.
    pub steps: Vec<Step>,
}

impl Report {
    /// An empty report, which passes: no province, no filing type, no
    /// findings, materials or steps.
    ///
    /// ```
    /// use beian::{Code, Finding, Report};
    ///
    /// let mut report = Report::new(beian::Date::constant(2026, 11, 27), "2026.11.0");
    /// assert!(report.is_ok());
    /// report.add(Finding::new(
    ///     Code::DomainExpired,
    ///     "/websites/0/domains/0/expires_on",
    ///     "the domain registration expired on 2026-11-01",
    ///     "域名已于 2026-11-01 过期",
    ///     "my_checks.domain_expired",
    /// ));
    /// assert!(!report.is_ok());
    /// ```
    pub fn new(as_of: Date, ruleset: impl Into<String>) -> Report {
        Report {
            ok: true,
            as_of,
            province: None,
            filing_type: None,
            ruleset: ruleset.into(),
            findings: Vec::new(),
            materials: Vec::new(),
            steps: Vec::new(),
        }
    }

    /// Adds a finding in its place (findings are ordered by path in
    /// document order, then by code) and updates [`ok`](Report::ok).
    pub fn add(&mut self, finding: Finding) {
        let key = |f: &Finding| (document_key(&f.path), f.code.as_str());
        let new = key(&finding);
        let at = self.findings.partition_point(|f| key(f) <= new);
        if finding.severity == Severity::Error {
            self.ok = false;
        }
        self.findings.insert(at, finding);
    }

    /// Whether the application passes: no finding is an error.
    pub fn is_ok(&self) -> bool {
        self.ok
    }

    /// The findings of severity `error`.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Error)
    }

    /// The findings of severity `warning`.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Warning)
    }

    /// The findings of severity `info`.
    pub fn infos(&self) -> impl Iterator<Item = &Finding> {
        self.with_severity(Severity::Info)
    }

    fn with_severity(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity == severity)
    }

    /// Whether some finding has this code.
    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The report as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }

    /// The report as text for a person, in Chinese or English: the verdict,
    /// the findings grouped by severity with their paths and the rule (id,
    /// sources, date) behind each, the materials to prepare and the steps.
    /// The rule set is the one that produced the report; it supplies the
    /// sources.
    ///
    /// Control characters and bidirectional formatting characters of the
    /// input (in a key, a name, an address …) are shown as `\u{…}`
    /// escapes, so that the text is safe to print on a terminal.
    ///
    /// ```
    /// use beian::{Language, RuleSet};
    ///
    /// let app = beian::Application::from_json(include_str!("../examples/applications/personal.json"))?;
    /// let report = beian::validate(&app);
    /// let text = report.to_text(&RuleSet::embedded(), Language::En);
    /// assert!(text.starts_with("✔ ready to submit"));
    /// # Ok::<(), beian::ParseError>(())
    /// ```
    pub fn to_text(&self, rules: &RuleSet, language: Language) -> String {
        let zh = language == Language::Zh;
        let report = self;
        let t = |zh_text: &'static str, en_text: &'static str| if zh { zh_text } else { en_text };
        let mut out = String::new();
        let errors = report.errors().count();
        let warnings = report.warnings().count();
        let verdict = match (report.is_ok(), zh) {
            (true, true) => "✔ 可以提交".to_owned(),
            (true, false) => "✔ ready to submit".to_owned(),
            (false, true) => format!("✘ 会被驳回：{errors} 个错误"),
            (false, false) => format!(
                "✘ would be rejected: {errors} error{}",
                if errors == 1 { "" } else { "s" }
            ),
        };
        out.push_str(&verdict);
        if warnings > 0 {
            out.push_str(&if zh {
                format!("，{warnings} 个警告")
            } else {
                format!(", {warnings} warning{}", if warnings == 1 { "" } else { "s" })
            });
        }
        out.push('\n');
        let province = report.province.map_or("-", |p| p.slug());
        let filing_type = report.filing_type.map_or("-", |f| f.as_str());
        out.push_str(&format!(
            "{}: {province} · {}: {filing_type} · {}: {} · {}: {}\n",
            t("省份", "province"),
            t("备案类型", "filing type"),
            t("评估日期", "as of"),
            report.as_of,
            t("规则版本", "rules"),
            visible(&report.ruleset),
        ));

        for (severity, title) in [
            (Severity::Error, t("错误", "Errors")),
            (Severity::Warning, t("警告", "Warnings")),
            (Severity::Info, t("提示", "Notes")),
        ] {
            let findings: Vec<_> = report.findings.iter().filter(|f| f.severity == severity).collect();
            if findings.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{title}\n"));
            for f in findings {
                let path = if f.path.is_empty() { "/" } else { &f.path };
                out.push_str(&format!("  {}  [{}]\n", visible(path), f.code));
                out.push_str(&format!(
                    "    {}\n",
                    visible(if zh { &f.message_zh } else { &f.message })
                ));
                if let Some(rule) = rules.rule(&f.rule) {
                    let sources: Vec<&str> = rule.sources().iter().map(|s| s.tag()).collect();
                    out.push_str(&format!(
                        "    {}: {} ({}, {})\n",
                        t("依据", "rule"),
                        visible(rule.id()),
                        visible(&sources.join(", ")),
                        visible(rule.source_date())
                    ));
                }
            }
        }

        if !report.materials.is_empty() {
            out.push_str(&format!("\n{}\n", t("需准备的材料", "Materials to prepare")));
            for m in &report.materials {
                out.push_str(&format!(
                    "  - {}  ({})\n",
                    visible(if zh { &m.name_zh } else { &m.name }),
                    visible(&m.concerns)
                ));
            }
        }

        if !report.steps.is_empty() {
            out.push_str(&format!("\n{}\n", t("后续流程", "Steps")));
            for (i, s) in report.steps.iter().enumerate() {
                let mut limits = Vec::new();
                if let Some(d) = s.working_days {
                    limits.push(if zh {
                        format!("约 {d} 个工作日")
                    } else {
                        format!("about {d} working day{}", if d == 1 { "" } else { "s" })
                    });
                }
                if let Some(d) = s.max_working_days {
                    limits.push(if zh {
                        format!("最长 {d} 个工作日")
                    } else {
                        format!("at most {d} working days")
                    });
                }
                if let Some(h) = s.max_hours {
                    limits.push(if zh {
                        format!("{h} 小时内")
                    } else {
                        format!("within {h} hours")
                    });
                }
                if let Some(d) = s.max_days {
                    limits.push(if zh {
                        format!("{d} 天内")
                    } else {
                        format!("within {d} days")
                    });
                }
                let name = visible(if zh { &s.name_zh } else { &s.name });
                out.push_str(&format!("  {}. {name}", i + 1));
                if !limits.is_empty() {
                    out.push_str(&format!(" — {}", limits.join(", ")));
                }
                if !s.recipients.is_empty() {
                    out.push_str(&format!(" ({}{})", t("接收人：", "to "), s.recipients.join(", ")));
                }
                out.push('\n');
            }
        }
        out
    }
}

/// One problem found in an application.
///
/// Later versions may add fields (hence `#[non_exhaustive]`); build one with
/// [`Finding::new`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
#[non_exhaustive]
pub struct Finding {
    /// The stable finding code.
    pub code: Code,
    /// How serious it is.
    pub severity: Severity,
    /// RFC 6901 JSON Pointer into the input, e.g. `/websites/0/domains/0/name`.
    pub path: String,
    /// English message: lowercase, one sentence, no final period.
    pub message: String,
    /// Chinese message.
    pub message_zh: String,
    /// The id of the rule that produced the finding, which names its sources.
    ///
    /// [`RuleSet::rule`](crate::RuleSet::rule) tells the sources.
    pub rule: String,
    /// The values the message talks about, by name; the code catalogue lists
    /// each code's.
    ///
    /// The catalogue is [`Code::params`](crate::Code::params).
    pub params: Params,
}

impl Finding {
    /// A finding with the code's default severity and no parameters.
    pub fn new(
        code: Code,
        path: impl Into<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
        rule: impl Into<String>,
    ) -> Finding {
        Finding {
            code,
            severity: code.default_severity(),
            path: path.into(),
            message: message.into(),
            message_zh: message_zh.into(),
            rule: rule.into(),
            params: Params::new(),
        }
    }

    /// The finding with another severity.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self
    }

    /// The finding with a parameter added.
    ///
    /// ```
    /// use beian::{Code, Finding};
    ///
    /// let finding = Finding::new(Code::DomainTldNotApproved, "/websites/0/domains/0/name", "…", "…", "tlds.approved")
    ///     .with_param("suffix", "io");
    /// assert_eq!(finding.params["suffix"], "io");
    /// ```
    pub fn with_param(mut self, name: impl Into<String>, value: impl Into<serde_json::Value>) -> Finding {
        self.params.insert(name.into(), value.into());
        self
    }
}

/// A document to prepare (备案材料).
///
/// The id and names come from the rule set and are shared with it
/// (`Arc<str>`), so that a report does not copy them; compare them as
/// `&*material.id == "subject_certificate"`. Later versions may add fields
/// (hence `#[non_exhaustive]`); build one with [`Material::new`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schemars", schemars(transform = crate::text::plain_descriptions))]
#[non_exhaustive]
pub struct Material {
    /// The material id, e.g. `subject_certificate`.
    pub id: Arc<str>,
    /// JSON Pointer of whom or what it concerns, e.g. `/subject/principal`.
    #[serde(rename = "for")]
    pub concerns: String,
    /// English name.
    pub name: Arc<str>,
    /// Chinese name.
    pub name_zh: Arc<str>,
}

impl Material {
    /// A material: its id, the JSON Pointer of whom or what it concerns, and
    /// its English and Chinese names.
    ///
    /// ```
    /// let m = beian::Material::new("domain_certificate", "/websites/0/domains/0", "domain certificate", "域名证书");
    /// assert_eq!(&*m.id, "domain_certificate");
    /// ```
    pub fn new(
        id: impl Into<Arc<str>>,
        concerns: impl Into<String>,
        name: impl Into<Arc<str>>,
        name_zh: impl Into<Arc<str>>,
    ) -> Material {
        Material {
            id: id.into(),
            concerns: concerns.into(),
            name: name.into(),
            name_zh: name_zh.into(),
        }
    }
}

/// The schema of a `YYYY-MM-DD` date.
#[cfg(feature = "schemars")]
fn date_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "format": "date",
        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
    })
}

/// The order of keys within every object of the application, as the application model
/// lists them. One list serves all objects because no two keys appear in
/// opposite orders in two objects; a test checks this against the model.
const KEY_ORDER: &[&str] = &[
    "kind",
    "platform",
    "category",
    "province",
    "as_of",
    "operation",
    "subject_number",
    "subject",
    "name",
    "holder",
    "certificate",
    "number",
    "certificate_address",
    "mailing_address",
    "mobile",
    "emergency_phone",
    "email",
    "mobile_province",
    "residence_permit",
    "legal_representative",
    "principal",
    "existing",
    "websites",
    "apps",
    "platforms",
    "package_name",
    "bundle_id",
    "bundle_name",
    "public_key",
    "signature_md5",
    "signature_sha1",
    "signature_sha256",
    "mini_program_id",
    "domains",
    "real_name_verified",
    "registrar_in_mainland",
    "homepage",
    "content",
    "pre_approvals",
    "authority",
    "commercial",
    "languages",
    "manager",
    "remarks",
    "icon_bytes",
    "third_party_sdks",
    "icp_number",
    "access_providers",
    "hosting",
    "provider",
    "region",
    "billing",
    "purchased_months",
    "code",
    "issuer_account",
    "used",
    "valid_until",
    "expires_on",
];

/// A path's position in the document: see [`document_key`].
pub(crate) type DocumentKey = Vec<(u8, usize, Option<Box<str>>)>;

/// The place of a JSON Pointer in document order, as a key to sort by: an
/// object's keys in the order of the model (unknown keys after the known
/// ones, alphabetically), array elements by index, a parent before its
/// children. Computed once per finding, not once per comparison; only an
/// unknown key carries its text.
pub(crate) fn document_key(path: &str) -> DocumentKey {
    // Ordered by length first: most probes then compare no bytes.
    static RANKS: LazyLock<Vec<(&str, usize)>> = LazyLock::new(|| {
        let mut ranks: Vec<(&str, usize)> = KEY_ORDER.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        ranks.sort_unstable_by_key(|(k, _)| (k.len(), *k));
        ranks
    });
    path.split('/')
        .skip(1)
        .map(|token| {
            if let Ok(i) = token.parse::<usize>() {
                return (0, i, None);
            }
            match RANKS.binary_search_by(|(k, _)| (k.len(), *k).cmp(&(token.len(), token))) {
                Ok(at) => (1, RANKS[at].1, None),
                Err(_) => (2, 0, Some(token.into())),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::*;

    #[test]
    fn document_key_follows_the_model() {
        let mut paths = vec![
            "/hosting/region",
            "/websites/10/name",
            "/websites/2/domains/0/expires_on",
            "/websites/2/domains/0/name",
            "/subject/principal/mobile",
            "/subject/zzz",
            "/subject",
            "/subject/certificate/valid_until",
            "/subject/certificate/number",
            "/province",
            "",
        ];
        paths.sort_by_cached_key(|p| document_key(p));
        assert_eq!(
            paths,
            [
                "",
                "/province",
                "/subject",
                "/subject/certificate/number",
                "/subject/certificate/valid_until",
                "/subject/principal/mobile",
                "/subject/zzz",
                "/websites/2/domains/0/name",
                "/websites/2/domains/0/expires_on",
                "/websites/10/name",
                "/hosting/region",
            ]
        );
    }

    /// Each object's keys, in the model's order, must be ranked in that order.
    #[test]
    fn key_order_matches_every_object() {
        fn keys<T: Serialize>(value: &T) -> Vec<String> {
            match serde_json::to_value(value).unwrap() {
                serde_json::Value::Object(map) => map.keys().cloned().collect(),
                _ => unreachable!(),
            }
        }
        // serde_json's map is a BTreeMap here, so take the order from the
        // struct definitions instead, as the application model orders them.
        let objects: Vec<Vec<&str>> = vec![
            vec![
                "province",
                "as_of",
                "operation",
                "subject",
                "existing",
                "websites",
                "apps",
                "hosting",
            ],
            vec!["subject_number", "subject", "websites", "apps"],
            vec![
                "kind",
                "name",
                "platforms",
                "mini_program_id",
                "domains",
                "content",
                "manager",
                "remarks",
                "icp_number",
                "access_providers",
            ],
            vec![
                "name",
                "domains",
                "homepage",
                "content",
                "manager",
                "remarks",
                "icp_number",
                "access_providers",
            ],
            vec![
                "kind",
                "name",
                "certificate",
                "certificate_address",
                "mailing_address",
                "mobile",
                "emergency_phone",
                "email",
                "mobile_province",
                "residence_permit",
                "legal_representative",
                "principal",
            ],
            vec!["kind", "number", "valid_until"],
            vec![
                "name",
                "certificate",
                "mobile",
                "emergency_phone",
                "email",
                "mobile_province",
            ],
            vec!["province", "number", "valid_until"],
            vec![
                "name",
                "domains",
                "homepage",
                "content",
                "pre_approvals",
                "commercial",
                "languages",
                "manager",
                "remarks",
                "icp_number",
            ],
            vec![
                "kind",
                "name",
                "platforms",
                "mini_program_id",
                "domains",
                "content",
                "pre_approvals",
                "manager",
                "remarks",
                "icon_bytes",
                "third_party_sdks",
                "icp_number",
            ],
            vec![
                "platform",
                "name",
                "package_name",
                "bundle_id",
                "bundle_name",
                "public_key",
                "signature_md5",
                "signature_sha1",
                "signature_sha256",
            ],
            vec![
                "name",
                "holder",
                "real_name_verified",
                "registrar_in_mainland",
                "expires_on",
            ],
            vec!["category", "number", "authority"],
            vec![
                "kind",
                "provider",
                "region",
                "billing",
                "purchased_months",
                "expires_on",
            ],
            vec!["kind", "code", "issuer_account", "used"],
        ];
        for object in &objects {
            let ranks: Vec<usize> = object
                .iter()
                .map(|k| {
                    KEY_ORDER
                        .iter()
                        .position(|o| o == k)
                        .unwrap_or_else(|| panic!("{k} unranked"))
                })
                .collect();
            assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{object:?}");
        }
        // The lists above are the model's keys: compare sets with serde.
        let sets: Vec<Vec<String>> = vec![
            keys(&Subject::default()),
            keys(&Certificate::default()),
            keys(&Person::default()),
            keys(&ResidencePermit::default()),
            keys(&Website::default()),
            keys(&Existing::default()),
            keys(&RecordedWebsite::default()),
            keys(&RecordedApp::default()),
            keys(&App::default()),
            keys(&Platform::default()),
            keys(&Domain::default()),
            keys(&PreApproval::default()),
        ];
        for set in sets {
            let mut set = set;
            set.sort();
            assert!(
                objects.iter().any(|o| {
                    let mut o: Vec<String> = o.iter().map(|s| s.to_string()).collect();
                    o.sort();
                    o == set
                }),
                "{set:?} is not listed"
            );
        }
    }
}
