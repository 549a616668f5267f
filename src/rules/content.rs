//! Service content (网站服务内容), pre-approvals (前置审批) and operating
//! services (经营性) (`rules/content.toml`, and the
//! `[websites.content]` section of the province files).
//!
//! Every content id of the application model has an entry: the
//! pre-approval category it needs, if any; whether its pre-approval was
//! abolished (the content is still restricted); and whether personal
//! filings may declare it. Every pre-approval category has an entry: the
//! authority, the document, and the known formats of its numbers, as
//! regular expressions compiled when the rule set loads and checked there
//! against the real numbers the data gives as examples.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::province::Province;
use crate::rules::{Condition, File, Load, Registry, Rule, RuleError, rule_entry};
use crate::text;
use crate::vocabulary::{Content, PreApprovalCategory, SubjectKind};

rule_entry! {
    /// What a content id needs and who may declare it.
    pub(crate) struct ContentEntry {
        #[serde(default)]
        pre_approval: Option<PreApprovalCategory>,
        #[serde(default)]
        abolished: bool,
        open_to_personal: bool,
    }
}

rule_entry! {
    /// A pre-approval category: who issues it, the document, and the known
    /// formats of its numbers with real examples.
    pub(crate) struct CategoryEntry {
        authority: String,
        document: String,
        #[serde(default)]
        number_formats: Vec<Spanned<String>>,
        #[serde(default)]
        examples: Vec<Spanned<String>>,
    }
}

rule_entry! {
    /// A rule about operating (经营性) services.
    pub(crate) struct CommercialEntry {}
}

rule_entry! {
    /// A province's restriction of content: the ids it refuses, or the
    /// only ids it accepts, for the applications its condition selects.
    pub(crate) struct RestrictionEntry {
        #[serde(default)]
        when: Condition,
        #[serde(default)]
        exempt_subject_kinds: Vec<SubjectKind>,
        #[serde(default)]
        refused: Vec<Content>,
        #[serde(default)]
        only: Vec<Content>,
    }
}

/// A content id, compiled.
#[derive(Debug)]
pub(crate) struct ContentRule {
    pub(crate) pre_approval: Option<PreApprovalCategory>,
    /// The pre-approval was abolished and the content stays restricted
    /// (read by the strategies, which declare no restricted content).
    #[cfg_attr(not(feature = "proptest"), allow(dead_code))]
    pub(crate) abolished: bool,
    pub(crate) open_to_personal: bool,
    pub(crate) rule: Rule,
}

/// A pre-approval category, compiled.
#[derive(Debug)]
pub(crate) struct Category {
    /// The issuing authority, in Chinese.
    pub(crate) authority: String,
    /// The document's name, in Chinese.
    pub(crate) document: String,
    pub(crate) formats: NumberFormats,
    pub(crate) example: Option<String>,
    pub(crate) rule: Rule,
}

/// The national content rules of `rules/content.toml`.
#[derive(Debug)]
pub(crate) struct ContentRules {
    /// Indexed by `Content as usize`.
    pub(crate) content: Vec<ContentRule>,
    /// Indexed by `PreApprovalCategory as usize`.
    pub(crate) categories: Vec<Category>,
    pub(crate) commercial_personal: Rule,
    pub(crate) commercial_license: Rule,
}

/// A province's content restriction, compiled.
#[derive(Debug)]
pub(crate) struct Restriction {
    pub(crate) when: Condition,
    pub(crate) exempt_subject_kinds: Vec<SubjectKind>,
    pub(crate) refused: Vec<Content>,
    pub(crate) only: Vec<Content>,
    pub(crate) rule: Rule,
}

impl ContentRules {
    pub(crate) fn load(file: &File<'_>, registry: &mut Registry) -> Result<ContentRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            content: BTreeMap<Content, Spanned<ContentEntry>>,
            pre_approvals: BTreeMap<PreApprovalCategory, Spanned<CategoryEntry>>,
            commercial: Commercial,
        }
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Commercial {
            personal: CommercialEntry,
            license: CommercialEntry,
        }
        let doc: Doc = file.parse()?;
        let mut content = Vec::with_capacity(Content::ALL.len());
        for id in Content::ALL {
            let entry = doc
                .content
                .get(id)
                .ok_or_else(|| file.error(format!("the content id `{id}` has no `[content.{id}]` entry")))?;
            let span = entry.span();
            let entry = entry.get_ref();
            if entry.pre_approval.is_some() && entry.abolished {
                return Err(file.error_at(span, "a content cannot both need a pre-approval and have it abolished"));
            }
            if (entry.pre_approval.is_some() || entry.abolished) && entry.open_to_personal {
                let message = "content that needs a pre-approval, or whose pre-approval was abolished, is restricted: \
                               it cannot be open to personal filings";
                return Err(file.error_at(span, message));
            }
            content.push(ContentRule {
                pre_approval: entry.pre_approval,
                abolished: entry.abolished,
                open_to_personal: entry.open_to_personal,
                rule: file.register(registry, format!("content.{id}"), entry)?,
            });
        }
        let mut categories = Vec::with_capacity(PreApprovalCategory::ALL.len());
        for id in PreApprovalCategory::ALL {
            let entry = doc.pre_approvals.get(id).ok_or_else(|| {
                file.error(format!(
                    "the pre-approval category `{id}` has no `[pre_approvals.{id}]` entry"
                ))
            })?;
            let span = entry.span();
            let entry = entry.get_ref();
            let formats = NumberFormats::compile(&entry.number_formats, file)?;
            if formats.is_empty() != entry.examples.is_empty() {
                let message = "number formats need real `examples`, and examples need `number_formats`";
                return Err(file.error_at(span, message));
            }
            for example in &entry.examples {
                if !formats.matches(example.get_ref()) {
                    let message = format!("the example `{}` matches none of the number formats", example.get_ref());
                    return Err(file.error_at(example.span(), message));
                }
            }
            categories.push(Category {
                authority: entry.authority.clone(),
                document: entry.document.clone(),
                formats,
                example: entry.examples.first().map(|e| e.get_ref().clone()),
                rule: file.register(registry, format!("pre_approvals.{id}"), entry)?,
            });
        }
        Ok(ContentRules {
            content,
            categories,
            commercial_personal: file.register(registry, "commercial.personal".into(), &doc.commercial.personal)?,
            commercial_license: file.register(registry, "commercial.license".into(), &doc.commercial.license)?,
        })
    }

    /// The rules of a pre-approval category.
    pub(crate) fn category(&self, category: PreApprovalCategory) -> &Category {
        &self.categories[category as usize]
    }

    pub(crate) fn content(&self, content: Content) -> &ContentRule {
        &self.content[content as usize]
    }
}

/// The known formats of a category's numbers, each matching a whole
/// number, and the longest number any of them matches.
#[derive(Debug)]
pub(crate) struct NumberFormats {
    formats: Vec<Regex>,
    /// The longest match of any format in bytes, when every format has one:
    /// a longer number is refused before it is folded in full, so that a
    /// long value costs no more than a short one.
    pub(crate) longest: Option<usize>,
}

impl NumberFormats {
    fn compile(formats: &[Spanned<String>], file: &File<'_>) -> Result<NumberFormats, RuleError> {
        let mut compiled = Vec::with_capacity(formats.len());
        let mut longest = Some(0);
        for format in formats {
            let (regex, max) = compile(format, file)?;
            compiled.push(regex);
            longest = longest.zip(max).map(|(a, b)| a.max(b));
        }
        Ok(NumberFormats {
            formats: compiled,
            longest,
        })
    }

    /// Whether the category has no known format (its numbers are not checked).
    pub(crate) fn is_empty(&self) -> bool {
        self.formats.is_empty()
    }

    /// Whether a number, folded and without white space, matches a format.
    pub(crate) fn matches(&self, number: &str) -> bool {
        let mut folded = String::new();
        for c in text::folded(number).filter(|c| !c.is_whitespace()) {
            folded.push(c);
            if self.longest.is_some_and(|longest| folded.len() > longest) {
                return false;
            }
        }
        self.formats.iter().any(|f| f.is_match(&folded))
    }
}

/// Compiles a number format; `{province}` stands for any official
/// one-character province abbreviation (`京`, `川`, `蜀` …). Gives the
/// longest number in bytes it matches, if it is bounded.
fn compile(format: &Spanned<String>, file: &File<'_>) -> Result<(Regex, Option<usize>), RuleError> {
    let abbreviations: String = Province::ALL.iter().flat_map(|p| p.abbreviations()).collect();
    let pattern = format.get_ref().replace("{province}", &format!("[{abbreviations}]"));
    if !pattern.starts_with('^') || !pattern.ends_with('$') {
        return Err(file.error_at(format.span(), "a number format must match the whole number: `^…$`"));
    }
    let invalid = |e: &dyn std::fmt::Display| file.error_at(format.span(), format!("invalid number format: {e}"));
    let regex = Regex::new(&pattern).map_err(|e| invalid(&e))?;
    let longest = regex_syntax::parse(&pattern)
        .map_err(|e| invalid(&e))?
        .properties()
        .maximum_len();
    Ok((regex, longest))
}

impl Restriction {
    pub(crate) fn load(
        id: &str,
        entry: Spanned<RestrictionEntry>,
        load: &mut Load<'_>,
    ) -> Result<Restriction, RuleError> {
        let file = load.file;
        let span = entry.span();
        let entry = entry.into_inner();
        if entry.refused.is_empty() == entry.only.is_empty() {
            return Err(file.error_at(span, "a content restriction has either `refused` or `only`"));
        }
        let rule = load.register(id, &entry)?;
        Ok(Restriction {
            when: entry.when,
            exempt_subject_kinds: entry.exempt_subject_kinds,
            refused: entry.refused,
            only: entry.only,
            rule,
        })
    }
}
