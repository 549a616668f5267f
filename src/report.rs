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
use crate::vocabulary::{FilingType, Language, Severity};

pub use crate::code::Params;

/// The outcome of validating an application.
///
/// Serialises to exactly the JSON documented on its fields. A report depends only on the
/// application, the rule set and the evaluation date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// True exactly when no finding has severity `error`.
    pub ok: bool,
    /// The evaluation date used.
    #[serde(with = "date")]
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
            report.ruleset,
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
                out.push_str(&format!("  {}  [{}]\n", printable(path), f.code));
                let message = if zh { &f.message_zh } else { &f.message };
                out.push_str(&format!("    {}\n", printable(message)));
                if let Some(rule) = rules.rule(&f.rule) {
                    let sources: Vec<&str> = rule.sources().iter().map(|s| s.tag()).collect();
                    out.push_str(&format!(
                        "    {}: {} ({}, {})\n",
                        t("依据", "rule"),
                        rule.id(),
                        sources.join(", "),
                        rule.source_date()
                    ));
                }
            }
        }

        if !report.materials.is_empty() {
            out.push_str(&format!("\n{}\n", t("需准备的材料", "Materials to prepare")));
            for m in &report.materials {
                out.push_str(&format!(
                    "  - {}  ({})\n",
                    if zh { &m.name_zh } else { &m.name },
                    m.concerns
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
                let name = if zh { &s.name_zh } else { &s.name };
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The id of the rule that produced the finding; see [`RuleSet::rule`](crate::RuleSet::rule)
    /// for its source.
    pub rule: String,
    /// The values the message talks about.
    pub params: Params,
}

/// A document to prepare (备案材料).
///
/// The id and names come from the rule set and are shared with it
/// (`Arc<str>`), so that a report does not copy them; compare them as
/// `&*material.id == "subject_certificate"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

/// Text from the input made safe for a terminal: control characters (escape
/// sequences, carriage returns, line breaks …) are shown escaped, as `\u{1b}`,
/// so that an application cannot clear the screen or print a fake verdict.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The place of a JSON Pointer in document order, as a key to sort by: an
/// object's keys in the order of the model (unknown keys after the known
/// ones, alphabetically), array elements by index, a parent before its
/// children. Computed once per finding, not once per comparison; only an
/// unknown key carries its text.
pub(crate) fn document_key(path: &str) -> Vec<(u8, usize, Option<Box<str>>)> {
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
            vec!["subject_number", "subject", "websites"],
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
