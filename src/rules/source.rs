//! Where each rule comes from: the `source`, `source_date` and `note` every
//! rule entry carries, the sources catalogue of `rules/sources.toml`, and the
//! registry of rule ids that findings name.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::{File, RuleError};
use crate::vocabulary::Severity;

/// Declares a rule entry of the rule data: a struct with the given fields
/// plus the metadata every rule carries (`source`, `source_date`, and the
/// optional `severity` and `note`), rejecting unknown keys.
macro_rules! rule_entry {
    (
        $(#[$meta:meta])*
        pub(crate) struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $name {
            $( $(#[$fmeta])* pub(crate) $field: $ty, )*
            /// Where the rule comes from: tags of `rules/sources.toml` or URLs.
            pub(crate) source: $crate::rules::SourceRef,
            /// The date of the source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
            pub(crate) source_date: $crate::rules::SourceDate,
            /// A severity that replaces the finding code's default.
            #[serde(default)]
            pub(crate) severity: Option<$crate::vocabulary::Severity>,
            /// Why the rule is as it is (conflicts between sources, inferences).
            #[serde(default)]
            pub(crate) note: Option<String>,
        }

        impl $crate::rules::Sourced for $name {
            fn meta(&self) -> $crate::rules::Meta<'_> {
                $crate::rules::Meta {
                    source: &self.source,
                    source_date: &self.source_date,
                    severity: self.severity,
                    note: self.note.as_deref(),
                }
            }
        }
    };
}
pub(crate) use rule_entry;

/// The metadata of a rule entry.
pub(crate) struct Meta<'a> {
    pub(crate) source: &'a SourceRef,
    pub(crate) source_date: &'a SourceDate,
    pub(crate) severity: Option<Severity>,
    pub(crate) note: Option<&'a str>,
}

/// Implemented by every rule entry (see `rule_entry!`).
pub(crate) trait Sourced {
    fn meta(&self) -> Meta<'_>;
}

/// The `source` of a rule: one tag or URL, or a list of them.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct SourceRef(Spanned<OneOrMany>);

#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl SourceRef {
    fn tags(&self) -> &[String] {
        match self.0.get_ref() {
            OneOrMany::One(s) => std::slice::from_ref(s),
            OneOrMany::Many(v) => v,
        }
    }
}

/// The date of a source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Clone, Debug)]
pub(crate) struct SourceDate(String);

impl<'de> Deserialize<'de> for SourceDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        let ok = match s.len() {
            4 => s.bytes().all(|b| b.is_ascii_digit()),
            7 => crate::application::parse_date(&format!("{s}-01")).is_ok(),
            10 => crate::application::parse_date(&s).is_ok(),
            _ => false,
        };
        if ok {
            Ok(SourceDate(s))
        } else {
            Err(serde::de::Error::custom(format!(
                "invalid source date `{s}`: expected YYYY, YYYY-MM or YYYY-MM-DD"
            )))
        }
    }
}

/// A source of rules: a document, a web page, a law.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    tag: String,
    title: String,
    url: Option<String>,
    publisher: Option<String>,
    date: Option<String>,
}

impl Source {
    /// The short tag rules use to cite it, e.g. `TX-PROV`, or the URL itself
    /// for a source cited by URL.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// What the source is.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where to read it, when it is on the web.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Who published it, when the catalogue says.
    pub fn publisher(&self) -> Option<&str> {
        self.publisher.as_deref()
    }

    /// The date of its text as read (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`),
    /// when the catalogue says.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
}

/// A rule of the rule set: its id and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    id: String,
    file: String,
    sources: Vec<Source>,
    source_date: String,
    severity: Option<Severity>,
    note: Option<String>,
}

impl RuleInfo {
    /// The rule id, as findings name it, e.g. `provinces.zhejiang.process.authority_review`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The rule file it is written in, relative to the rules directory.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The sources it comes from.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The date of the sources: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn source_date(&self) -> &str {
        &self.source_date
    }

    /// The severity the rule data gives the rule's findings, when it
    /// replaces the finding code's default.
    ///
    /// ```
    /// let rules = beian::RuleSet::embedded();
    /// assert_eq!(rules.rule("domains.per_website").unwrap().severity(), Some(beian::Severity::Warning));
    /// ```
    pub fn severity(&self) -> Option<Severity> {
        self.severity
    }

    /// Why the rule is as it is, when the rule data says: conflicts between
    /// sources and how they were decided, inferences.
    pub fn note(&self) -> Option<&str> {
        self.note.as_deref()
    }
}

/// The sources catalogue and every rule registered while loading.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    sources: BTreeMap<String, Source>,
    rules: BTreeMap<String, RuleInfo>,
}

impl Registry {
    /// Reads `sources.toml`.
    pub(crate) fn load(file: &File<'_>) -> Result<Registry, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Entry {
            title: String,
            #[serde(default)]
            url: Option<String>,
            #[serde(default)]
            publisher: Option<String>,
            #[serde(default)]
            date: Option<SourceDate>,
            #[serde(default)]
            #[allow(dead_code)]
            note: Option<String>,
        }
        let entries: BTreeMap<String, Entry> = file.parse()?;
        let sources = entries
            .into_iter()
            .map(|(tag, e)| {
                let source = Source {
                    tag: tag.clone(),
                    title: e.title,
                    url: e.url,
                    publisher: e.publisher,
                    date: e.date.map(|d| d.0),
                };
                (tag, source)
            })
            .collect();
        Ok(Registry {
            sources,
            rules: BTreeMap::new(),
        })
    }

    /// Registers a rule under `id`, checking that its sources are known.
    pub(crate) fn register(&mut self, id: String, rule: &dyn Sourced, file: &File<'_>) -> Result<Rule, RuleError> {
        let meta = rule.meta();
        let mut sources = Vec::new();
        for tag in meta.source.tags() {
            let source = if tag.starts_with("https://") || tag.starts_with("http://") {
                Source {
                    tag: tag.clone(),
                    title: tag.clone(),
                    url: Some(tag.clone()),
                    publisher: None,
                    date: None,
                }
            } else {
                match self.sources.get(tag) {
                    Some(s) => s.clone(),
                    None => {
                        return Err(file.error_at(
                            meta.source.0.span(),
                            format!("unknown source `{tag}`: add it to sources.toml or cite a URL"),
                        ));
                    }
                }
            };
            sources.push(source);
        }
        if sources.is_empty() {
            return Err(file.error_at(meta.source.0.span(), "a rule needs at least one source"));
        }
        if self.rules.contains_key(&id) {
            return Err(file.error(format!("rule `{id}` is defined twice")));
        }
        self.rules.insert(
            id.clone(),
            RuleInfo {
                id: id.clone(),
                file: file.name.to_owned(),
                sources,
                source_date: meta.source_date.0.clone(),
                severity: meta.severity,
                note: meta.note.map(str::to_owned),
            },
        );
        Ok(Rule {
            id,
            severity: meta.severity,
        })
    }

    pub(crate) fn get(&self, id: &str) -> Option<&RuleInfo> {
        self.rules.get(id)
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &RuleInfo> {
        self.rules.values()
    }
}

/// A registered rule, as the checks hold it: its id and the severity the
/// data gives it, if any.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) id: String,
    pub(crate) severity: Option<Severity>,
}
