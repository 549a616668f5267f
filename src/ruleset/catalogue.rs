//! The catalogue of finding codes as a rule set documents them: each code
//! with its default severity, meaning, parameters and message templates.
//! `rules/CODES.md`, which the documentation of [`Code`] includes, is
//! generated from it; `BEIAN_BLESS=1 cargo test --lib ruleset::catalogue`
//! rewrites it.

use serde::Serialize;

use super::RuleSet;
use crate::code::{Code, Param};
use crate::vocabulary::Severity;

/// One finding code of the catalogue ([`RuleSet::catalogue`]): what a
/// provider needs to write its own messages, in its own words or another
/// language.
///
/// Serialises to an object with the keys `code`, `family`, `severity`,
/// `description`, `params` (each `{name, meaning, optional}`), `message`
/// and `message_zh`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CatalogueEntry<'a> {
    /// The code.
    pub code: Code,
    /// Its family, the part before the dot (`domain`).
    pub family: &'static str,
    /// Its default severity ([`Code::default_severity`]); the rule data may
    /// give a rule another one.
    pub severity: Severity,
    /// What it means, as plain text.
    pub description: String,
    /// The parameters its findings carry ([`Code::params`]).
    pub params: &'static [Param],
    /// The English message template of the rule set: `{name}` inserts the
    /// parameter `name`.
    pub message: &'a str,
    /// The Chinese message template: `{name:zh}` inserts the Chinese label
    /// of the parameter's value.
    pub message_zh: &'a str,
}

impl RuleSet {
    /// The catalogue of finding codes: every code in [`Code::ALL`] order,
    /// with its default severity, meaning, parameters and the message
    /// templates of this rule set.
    ///
    /// ```
    /// use beian::{Code, RuleSet, Severity};
    ///
    /// let rules = RuleSet::embedded();
    /// let entry = rules.catalogue().find(|e| e.code == Code::DomainTldNotApproved).unwrap();
    /// assert_eq!(entry.severity, Severity::Error);
    /// assert!(entry.message.contains("{suffix}"));
    /// let json = serde_json::to_value(&entry)?;
    /// assert_eq!(json["code"], "domain.tld_not_approved");
    /// assert_eq!(json["params"][1]["name"], "suffix");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn catalogue(&self) -> impl ExactSizeIterator<Item = CatalogueEntry<'_>> {
        Code::ALL.iter().map(move |&code| self.catalogue_entry(code))
    }

    /// The catalogue entry of one code.
    pub fn catalogue_entry(&self, code: Code) -> CatalogueEntry<'_> {
        let (message, message_zh) = self.message_templates(code);
        CatalogueEntry {
            code,
            family: code.family(),
            severity: code.default_severity(),
            description: crate::text::plain(code.description()),
            params: code.params(),
            message,
            message_zh,
        }
    }

    /// The English and Chinese message templates of a code in this rule set
    /// (`rules/messages.toml`).
    ///
    /// ```
    /// let rules = beian::RuleSet::embedded();
    /// let (en, zh) = rules.message_templates(beian::Code::FieldRequired);
    /// assert_eq!(en, "`{field}` is required");
    /// assert_eq!(zh, "缺少必填项：{field:zh}");
    /// ```
    pub fn message_templates(&self, code: Code) -> (&str, &str) {
        self.data.messages.templates(code)
    }
}

/// The catalogue as Markdown, one table per family.
#[cfg(test)]
fn markdown(rules: &RuleSet) -> String {
    use std::fmt::Write as _;

    /// A code span holding `text`, whatever backticks it contains.
    fn code(text: &str) -> String {
        let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = if text.starts_with('`') || text.ends_with('`') {
            " "
        } else {
            ""
        };
        format!("{fence}{pad}{}{pad}{fence}", text.replace('|', "\\|"))
    }

    let mut out = String::from(
        "# Code catalogue\n\n\
         Every finding code: its id, its default severity (a rule of the rule data may give\n\
         another), what it means, the parameters its findings carry in `params` (masked where\n\
         they are certificate or phone numbers; *optional* ones are left out by some findings)\n\
         and the English and Chinese message templates of the embedded rule data\n\
         (`rules/messages.toml`). In a template, `{name}` inserts the parameter `name` and\n\
         `{name:zh}` the Chinese label of its value; a list is joined with `, ` or `、`.\n\
         This page is generated from the code and the rule data: do not edit it, run\n\
         `BEIAN_BLESS=1 cargo test --lib ruleset::catalogue` after changing them.\n",
    );
    let mut family = "";
    for entry in rules.catalogue() {
        if entry.family != family {
            family = entry.family;
            let _ = write!(
                out,
                "\n## `{family}.*`\n\n| code | severity | meaning and parameters | messages |\n|---|---|---|---|\n"
            );
        }
        let mut meaning = entry.code.description().replace('|', "\\|");
        for param in entry.params {
            let optional = if param.optional { " (optional)" } else { "" };
            let _ = write!(
                meaning,
                "<br>• `{}`{optional}: {}",
                param.name,
                param.meaning.replace('|', "\\|")
            );
        }
        let _ = writeln!(
            out,
            "| `{}` | {} | {meaning} | en: {}<br>zh: {} |",
            entry.code,
            entry.severity,
            code(entry.message),
            code(entry.message_zh)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_catalogue_is_up_to_date() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/CODES.md");
        let generated = markdown(&RuleSet::embedded());
        if std::env::var_os("BEIAN_BLESS").is_some() {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "rules/CODES.md is out of date: run `BEIAN_BLESS=1 cargo test --lib ruleset::catalogue` and commit the result"
        );
    }

    /// The placeholders of every template, in both languages, are parameters
    /// the code documents; every code has a description.
    #[test]
    fn templates_use_documented_params() {
        let rules = RuleSet::embedded();
        for entry in rules.catalogue() {
            assert!(
                entry.description.ends_with('.'),
                "{}: {:?}",
                entry.code,
                entry.description
            );
            for template in [entry.message, entry.message_zh] {
                let mut rest = template;
                while let Some(open) = rest.find('{') {
                    let close = rest[open..].find('}').unwrap() + open;
                    let name = rest[open + 1..close].trim_end_matches(":zh");
                    assert!(
                        entry.params.iter().any(|p| p.name == name),
                        "{}: `{{{name}}}` in {template:?} is not in Code::params",
                        entry.code
                    );
                    rest = &rest[close + 1..];
                }
            }
            let mut names: Vec<&str> = entry.params.iter().map(|p| p.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), entry.params.len(), "{}: a parameter twice", entry.code);
        }
    }

    #[test]
    fn descriptions_are_plain_text() {
        for entry in RuleSet::embedded().catalogue() {
            assert!(
                !entry.description.contains(['`', '[', ']']),
                "{}: {}",
                entry.code,
                entry.description
            );
        }
    }
}
