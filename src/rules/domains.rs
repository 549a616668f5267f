//! The domain rules: `rules/domains.toml`, `rules/public_suffix_list.dat`
//! and the `[domains]` section of the province files.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use toml::Spanned;

use crate::domain::{DomainName, PublicSuffixList, Sections, last_labels};
use crate::rules::{Condition, File, Load, Registry, Rule, RuleError, Tiers, rule_entry};
use crate::vocabulary::SubjectKind;

rule_entry! {
    /// The public suffix list shipped beside the rule files.
    pub(crate) struct PublicSuffixListEntry {
        /// The list's version, e.g. `20230209.2326`.
        version: String,
    }
}

rule_entry! {
    /// A rule without parameters.
    pub(crate) struct PlainEntry {}
}

rule_entry! {
    /// Suffixes MIIT approves for filing, or explicitly not.
    pub(crate) struct SuffixEntry {
        approved: bool,
        /// The suffixes of the entry; the entry's key when absent.
        #[serde(default)]
        suffixes: Option<Vec<Spanned<String>>>,
    }
}

rule_entry! {
    /// Suffixes that only some kinds of subject may use.
    pub(crate) struct ReservedEntry {
        suffixes: Vec<Spanned<String>>,
        subject_kinds: Vec<SubjectKind>,
    }
}

rule_entry! {
    /// Kinds of subject that must use one of some suffixes.
    pub(crate) struct RequiredEntry {
        subject_kinds: Vec<SubjectKind>,
        suffixes: Vec<Spanned<String>>,
    }
}

rule_entry! {
    /// Who may hold a domain of an entity.
    pub(crate) struct HolderEntry {
        /// Whether the legal representative may hold it instead of the unit.
        legal_representative_allowed: bool,
    }
}

rule_entry! {
    /// The least remaining registration.
    pub(crate) struct RemainingEntry {
        /// Days from the evaluation date to the expiry date, at least.
        min_days: u32,
    }
}

rule_entry! {
    /// The most domains of one website.
    pub(crate) struct PerWebsiteEntry {
        limit: u32,
        #[serde(default)]
        when: Condition,
    }
}

rule_entry! {
    /// A province's list of the only suffixes it accepts.
    pub(crate) struct AllowedEntry {
        suffixes: Vec<Spanned<String>>,
    }
}

rule_entry! {
    /// Suffixes a province does not accept, when a condition holds.
    pub(crate) struct ExcludedEntry {
        suffixes: Vec<Spanned<String>>,
        #[serde(default)]
        when: Condition,
    }
}

/// A set of suffixes, by ASCII form. A suffix covers itself and every
/// suffix below it: `cn` covers `com.cn` and `政务.cn`.
#[derive(Debug, Default)]
pub(crate) struct SuffixSet(HashSet<Box<str>>);

impl SuffixSet {
    fn load(file: &File<'_>, suffixes: &[Spanned<String>]) -> Result<SuffixSet, RuleError> {
        let mut set = HashSet::new();
        for s in suffixes {
            let name = parse_suffix(file, s)?;
            if !set.insert(Box::from(name.as_ascii())) {
                return Err(file.error_at(s.span(), format!("the suffix `{}` is listed twice", s.get_ref())));
            }
        }
        Ok(SuffixSet(set))
    }

    /// The suffixes in Unicode, sorted (for the province matrix).
    #[cfg(test)]
    pub(crate) fn shown(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .0
            .iter()
            .map(|s| DomainName::parse(s).map_or_else(|_| s.to_string(), |n| n.as_unicode().to_owned()))
            .collect();
        out.sort();
        out
    }

    /// Whether one of the set's suffixes is `suffix` (ASCII) or above it.
    pub(crate) fn covers(&self, suffix: &str) -> bool {
        let mut rest = suffix;
        loop {
            if self.0.contains(rest) {
                return true;
            }
            match rest.split_once('.') {
                Some((_, parent)) => rest = parent,
                None => return false,
            }
        }
    }
}

fn parse_suffix(file: &File<'_>, s: &Spanned<String>) -> Result<DomainName, RuleError> {
    let text = s.get_ref().trim_start_matches('.');
    DomainName::parse(text)
        .map_err(|e| file.error_at(s.span(), format!("`{}` is not a domain suffix: {e}", s.get_ref())))
}

/// A national suffix entry, compiled.
#[derive(Debug)]
pub(crate) struct SuffixRule {
    pub(crate) approved: bool,
    pub(crate) rule: Rule,
}

/// A subject-kind restriction, compiled.
#[derive(Debug)]
pub(crate) struct KindRule {
    pub(crate) suffixes: SuffixSet,
    pub(crate) subject_kinds: Vec<SubjectKind>,
    pub(crate) rule: Rule,
}

/// The national domain rules, compiled.
#[derive(Debug)]
pub(crate) struct DomainRules {
    pub(crate) public_suffix_list: PublicSuffixList,
    pub(crate) public_suffix_list_rule: Rule,
    pub(crate) name: Rule,
    /// Every suffix of the national entries (ASCII) to its entry.
    pub(crate) suffixes: HashMap<Box<str>, usize>,
    pub(crate) suffix_rules: Vec<SuffixRule>,
    pub(crate) unlisted: Rule,
    pub(crate) reserved: Vec<KindRule>,
    pub(crate) required: Vec<KindRule>,
    pub(crate) real_name: Rule,
    pub(crate) holder: (bool, Rule),
    pub(crate) registrar: Rule,
    pub(crate) expired: Rule,
    pub(crate) remaining: (u32, Rule),
    pub(crate) duplicate: Rule,
    pub(crate) per_website: (u32, Rule),
    /// The most domains of one website where its condition holds (a new
    /// website's), whatever the province's own limits.
    pub(crate) per_new_website: (u32, Condition, Rule),
    /// Domains of one website with different names (`aaa.com`, `bbb.com`).
    pub(crate) different_names: Rule,
    pub(crate) homepage: Rule,
}

/// How a name splits into its public suffix and the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Split {
    /// The labels of the public suffix (at most the whole name).
    pub(crate) suffix_labels: usize,
    /// Whether the suffix is known: listed in the public suffix list or in
    /// the national suffix data.
    pub(crate) known: bool,
}

impl DomainRules {
    /// Reads `domains.toml` and the public suffix list (`psl`, not TOML).
    pub(crate) fn load(file: &File<'_>, psl: &File<'_>, registry: &mut Registry) -> Result<DomainRules, RuleError> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Doc {
            public_suffix_list: PublicSuffixListEntry,
            name: PlainEntry,
            suffixes: BTreeMap<String, Spanned<SuffixEntry>>,
            unlisted: PlainEntry,
            #[serde(default)]
            reserved: BTreeMap<String, ReservedEntry>,
            #[serde(default)]
            required: BTreeMap<String, RequiredEntry>,
            real_name: PlainEntry,
            holder: HolderEntry,
            registrar: PlainEntry,
            expired: PlainEntry,
            remaining: RemainingEntry,
            duplicate: PlainEntry,
            per_website: PlainPerWebsite,
            per_new_website: PerWebsiteEntry,
            different_names: PlainEntry,
            homepage: PlainEntry,
        }
        rule_entry! {
            /// The national limit of domains per website (no condition).
            pub(crate) struct PlainPerWebsite {
                limit: u32,
            }
        }

        let doc: Doc = file.parse()?;
        let mut load = Load::new(file, registry, "domains".into());
        let public_suffix_list_rule = load.register("public_suffix_list", &doc.public_suffix_list)?;
        let public_suffix_list = PublicSuffixList::parse(psl.text(), Sections::Icann)
            .map_err(|e| match e.line() {
                Some(line) => psl.error_at_line(line, e.message()),
                None => psl.error(e.message()),
            })?
            .with_version(doc.public_suffix_list.version.clone());
        let name = load.register("name", &doc.name)?;

        let mut suffixes = HashMap::new();
        let mut suffix_rules = Vec::new();
        for (key, entry) in doc.suffixes {
            let span = entry.span();
            let entry = entry.into_inner();
            let rule = load.register(&format!("suffixes.{key}"), &entry)?;
            let listed = match &entry.suffixes {
                Some(list) => list.clone(),
                None => vec![Spanned::new(span.clone(), key.clone())],
            };
            if listed.is_empty() {
                return Err(file.error_at(span, format!("`suffixes.{key}` lists no suffix")));
            }
            for s in &listed {
                let suffix = parse_suffix(file, s)?;
                if suffixes
                    .insert(Box::from(suffix.as_ascii()), suffix_rules.len())
                    .is_some()
                {
                    let message = format!("the suffix `{}` is listed twice", s.get_ref());
                    return Err(file.error_at(s.span(), message));
                }
            }
            suffix_rules.push(SuffixRule {
                approved: entry.approved,
                rule,
            });
        }
        let unlisted = load.register("unlisted", &doc.unlisted)?;
        let mut reserved = Vec::new();
        for (key, e) in &doc.reserved {
            reserved.push(KindRule {
                suffixes: SuffixSet::load(file, &e.suffixes)?,
                subject_kinds: e.subject_kinds.clone(),
                rule: load.register(&format!("reserved.{key}"), e)?,
            });
        }
        let mut required = Vec::new();
        for (key, e) in &doc.required {
            required.push(KindRule {
                suffixes: SuffixSet::load(file, &e.suffixes)?,
                subject_kinds: e.subject_kinds.clone(),
                rule: load.register(&format!("required.{key}"), e)?,
            });
        }
        Ok(DomainRules {
            public_suffix_list,
            public_suffix_list_rule,
            name,
            suffixes,
            suffix_rules,
            unlisted,
            reserved,
            required,
            real_name: load.register("real_name", &doc.real_name)?,
            holder: (
                doc.holder.legal_representative_allowed,
                load.register("holder", &doc.holder)?,
            ),
            registrar: load.register("registrar", &doc.registrar)?,
            expired: load.register("expired", &doc.expired)?,
            remaining: (doc.remaining.min_days, load.register("remaining", &doc.remaining)?),
            duplicate: load.register("duplicate", &doc.duplicate)?,
            per_website: (doc.per_website.limit, load.register("per_website", &doc.per_website)?),
            per_new_website: (
                doc.per_new_website.limit,
                doc.per_new_website.when.clone(),
                load.register("per_new_website", &doc.per_new_website)?,
            ),
            different_names: load.register("different_names", &doc.different_names)?,
            homepage: load.register("homepage", &doc.homepage)?,
        })
    }

    /// Splits a name into its public suffix and the rest: the public suffix
    /// list's ICANN suffix, or a longer suffix the national data lists.
    pub(crate) fn split(&self, name: &DomainName) -> Split {
        let ascii = name.as_ascii();
        let labels = name.label_count();
        let (psl_labels, listed) = self.public_suffix_list.find(ascii);
        let lower = if listed { psl_labels + 1 } else { 1 };
        for k in (lower..=labels).rev() {
            if last_labels(ascii, k).is_some_and(|s| self.suffixes.contains_key(s)) {
                return Split {
                    suffix_labels: k,
                    known: true,
                };
            }
        }
        Split {
            suffix_labels: psl_labels.min(labels),
            known: listed,
        }
    }

    /// The longest suffix of `registrable` (ASCII, a public suffix and one
    /// label) that the national data lists: its number of labels and entry.
    pub(crate) fn listed_suffix(&self, registrable: &str, suffix_labels: usize) -> Option<(usize, &SuffixRule)> {
        (1..=suffix_labels).rev().find_map(|k| {
            let suffix = last_labels(registrable, k)?;
            let index = *self.suffixes.get(suffix)?;
            Some((k, self.suffix_rules.get(index)?))
        })
    }
}

/// The `[domains]` section of a province file, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProvinceDomainsDoc {
    #[serde(default)]
    pub(crate) allowed_suffixes: Option<AllowedEntry>,
    #[serde(default)]
    pub(crate) excluded: BTreeMap<String, ExcludedEntry>,
    /// One minimum, or tiers (`[[domains.remaining]]`): a hard one and a
    /// softer one with another severity.
    #[serde(default)]
    pub(crate) remaining: Option<Tiers<RemainingEntry>>,
    /// One limit, or tiers (`[[domains.per_website]]`).
    #[serde(default)]
    pub(crate) per_website: Option<Tiers<PerWebsiteEntry>>,
    #[serde(default)]
    pub(crate) holder: Option<HolderEntry>,
    /// The province's own rule on domains of one website with different
    /// names (its severity replaces the national one).
    #[serde(default)]
    pub(crate) different_names: Option<PlainEntry>,
    /// Kinds of subject that must use one of some suffixes in the province,
    /// beside the national `[required]` entries.
    #[serde(default)]
    pub(crate) required: BTreeMap<String, RequiredEntry>,
}

/// A province's domain rules, compiled. What a province does not set is
/// the national rule of `domains.toml`.
#[derive(Debug, Default)]
pub(crate) struct ProvinceDomainRules {
    /// The only suffixes the province accepts, when it has such a list.
    pub(crate) allowed: Option<(SuffixSet, Rule)>,
    /// Suffixes the province does not accept when the condition holds.
    pub(crate) excluded: Vec<(SuffixSet, Condition, Rule)>,
    /// The least registration left, in tiers; empty: the national rule.
    pub(crate) remaining: Vec<(u32, Rule)>,
    /// The most domains of one website, in tiers; where none holds, the
    /// national rule.
    pub(crate) per_website: Vec<(u32, Condition, Rule)>,
    pub(crate) holder: Option<(bool, Rule)>,
    /// Domains of one website with different names; `None`: the national rule.
    pub(crate) different_names: Option<Rule>,
    /// Suffixes some kinds of subject must use in the province.
    pub(crate) required: Vec<KindRule>,
}

impl ProvinceDomainRules {
    pub(crate) fn load(doc: ProvinceDomainsDoc, mut load: Load<'_>) -> Result<ProvinceDomainRules, RuleError> {
        let file = load.file;
        let allowed = match doc.allowed_suffixes {
            Some(e) => Some((
                SuffixSet::load(file, &e.suffixes)?,
                load.register("allowed_suffixes", &e)?,
            )),
            None => None,
        };
        let mut excluded = Vec::new();
        for (key, e) in doc.excluded {
            let set = SuffixSet::load(file, &e.suffixes)?;
            let rule = load.part("excluded").register(&key, &e)?;
            excluded.push((set, e.when, rule));
        }
        let mut remaining = Vec::new();
        let tier_id = load.id("remaining");
        for (rule_id, e) in doc.remaining.into_iter().flat_map(|t| t.with_ids(&tier_id)) {
            remaining.push((e.min_days, load.register_id(rule_id, &e)?));
        }
        let mut per_website = Vec::new();
        let tier_id = load.id("per_website");
        for (rule_id, e) in doc.per_website.into_iter().flat_map(|t| t.with_ids(&tier_id)) {
            let rule = load.register_id(rule_id, &e)?;
            per_website.push((e.limit, e.when, rule));
        }
        let holder = match doc.holder {
            Some(e) => Some((e.legal_representative_allowed, load.register("holder", &e)?)),
            None => None,
        };
        let different_names = doc
            .different_names
            .map(|e| load.register("different_names", &e))
            .transpose()?;
        let mut required = Vec::new();
        for (key, e) in &doc.required {
            required.push(KindRule {
                suffixes: SuffixSet::load(file, &e.suffixes)?,
                subject_kinds: e.subject_kinds.clone(),
                rule: load.part("required").register(key, e)?,
            });
        }
        Ok(ProvinceDomainRules {
            allowed,
            excluded,
            remaining,
            per_website,
            holder,
            different_names,
            required,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listed_suffixes_beyond_the_public_suffix_list_are_the_two_known_ones() {
        let rules = crate::ruleset::RuleSet::embedded();
        let domains = &rules.data().domains;
        let mut extra: Vec<String> = domains
            .suffixes
            .keys()
            .filter(|ascii| {
                let labels = ascii.split('.').count();
                domains.public_suffix_list.find(ascii) != (labels, true)
            })
            .map(|ascii| DomainName::parse(ascii).map(|n| n.to_string()).unwrap_or_default())
            .collect();
        extra.sort();
        assert_eq!(extra, ["公益.cn", "政务.cn"]);
    }

    #[test]
    fn split_uses_the_longer_of_the_two_suffixes() {
        let rules = crate::ruleset::RuleSet::embedded();
        let domains = &rules.data().domains;
        let split = |s: &str| domains.split(&DomainName::parse(s).unwrap());
        assert_eq!(
            split("www.example.政务.cn"),
            Split {
                suffix_labels: 2,
                known: true
            }
        );
        assert_eq!(
            split("www.example.com.cn"),
            Split {
                suffix_labels: 2,
                known: true
            }
        );
        assert_eq!(
            split("www.example.cn"),
            Split {
                suffix_labels: 1,
                known: true
            }
        );
        assert_eq!(
            split("example.notatld"),
            Split {
                suffix_labels: 1,
                known: false
            }
        );
        let listed = |s: &str, labels| domains.listed_suffix(s, labels).map(|(k, r)| (k, r.approved));
        assert_eq!(listed("example.org.cn", 2), Some((2, true)));
        assert_eq!(listed("example.hk", 1), Some((1, false)));
        assert_eq!(listed("example.co.uk", 2), None);
    }

    #[test]
    fn a_suffix_set_covers_the_suffixes_below_it() {
        let set = SuffixSet(["cn".into(), "xn--zfr164b".into()].into_iter().collect());
        assert!(set.covers("cn"));
        assert!(set.covers("com.cn"));
        assert!(set.covers("xn--zfr164b.cn"));
        assert!(set.covers("xn--zfr164b"));
        assert!(!set.covers("com"));
        assert!(!set.covers("cn.com"));
    }
}
