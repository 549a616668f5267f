//! Website names (网站名称): length, characters, script, domains, people's
//! names, word lists and duplicates (`rules/names.toml`, and the
//! `[websites.names]` section of the province files).
//!
//! # How a name is read
//!
//! The name is trimmed and folded ([`fold_key`]): full-width letters, digits
//! and punctuation become ASCII (`（Ａ）` → `(a)`), Latin letters lower case,
//! runs of white space one space. Then each character is one of:
//!
//! - a **Han character** (汉字), a **Latin letter** (`a`–`z`) or a
//!   **digit** (`0`–`9`): counts one towards the minimum length;
//! - an allowed **separator** (`characters.separators` in the rule data:
//!   the space, `(`, `)`, `-` and the middle dot `·`): allowed, counts
//!   nothing;
//! - the dots of a domain-looking string, which are reported as a domain
//!   rather than as special characters;
//! - anything else: a special character (`website.name_special_characters`).
//!
//! So `小明的Go笔记` has 7 characters and `(小明) 笔记` has 4.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::rules::words::{ListEntry, WordList};
use crate::rules::{Condition, File, Registry, Rule, RuleError, rule_entry};
use crate::text::{fold_key, is_han};

rule_entry! {
    /// The minimum length of a name, in counted characters.
    pub(crate) struct LengthEntry {
        min: usize,
    }
}

rule_entry! {
    /// The separators a name may contain without counting them.
    pub(crate) struct CharactersEntry {
        separators: Vec<char>,
    }
}

rule_entry! {
    /// A name rule without parameters (`chinese`, `domain`, `duplicate`).
    pub(crate) struct PlainEntry {}
}

rule_entry! {
    /// The rule that a name is not a person's name, and to whom it applies.
    pub(crate) struct PersonNameEntry {
        #[serde(default)]
        when: Condition,
    }
}

/// The name rules of `rules/names.toml`, or a province's
/// `[websites.names]` section: every table is optional in a province.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamesSection {
    pub(crate) length: Option<Spanned<LengthEntry>>,
    pub(crate) characters: Option<Spanned<CharactersEntry>>,
    pub(crate) chinese: Option<PlainEntry>,
    pub(crate) domain: Option<PlainEntry>,
    pub(crate) person_name: Option<PersonNameEntry>,
    pub(crate) duplicate: Option<PlainEntry>,
    #[serde(default)]
    pub(crate) lists: BTreeMap<String, Spanned<ListEntry>>,
}

/// Compiled name rules: the national ones (every rule set) or a province's
/// (only what it sets; the rest falls back to the national rules).
#[derive(Debug)]
pub(crate) struct NameRules {
    pub(crate) min_length: Option<(usize, Rule)>,
    pub(crate) separators: Option<(Vec<char>, Rule)>,
    pub(crate) chinese: Option<Rule>,
    pub(crate) domain: Option<Rule>,
    pub(crate) person_name: Option<(Condition, Rule)>,
    pub(crate) duplicate: Option<Rule>,
    pub(crate) lists: Vec<WordList>,
    /// The domain-looking strings of a folded name (national rules only).
    pub(crate) domain_like: Option<Regex>,
}

/// Label(.label)+ whose last label is alphabetic (a TLD) or punycode, on a
/// folded (lower-case) name, not inside a longer run of letters or digits.
const DOMAIN_LIKE: &str =
    r"(?-u:\b)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:xn--[a-z0-9-]{1,59}|[a-z]{2,63})(?-u:\b)";

impl NameRules {
    /// Loads the national rules: every table is required.
    pub(crate) fn load_national(file: &File<'_>, registry: &mut Registry) -> Result<NameRules, RuleError> {
        let section: NamesSection = file.parse()?;
        for (present, table) in [
            (section.length.is_some(), "length"),
            (section.characters.is_some(), "characters"),
            (section.chinese.is_some(), "chinese"),
            (section.domain.is_some(), "domain"),
            (section.person_name.is_some(), "person_name"),
            (section.duplicate.is_some(), "duplicate"),
        ] {
            if !present {
                return Err(file.error(format!("the national name rules need a `[{table}]` table")));
            }
        }
        let mut rules = NameRules::load("names", section, file, registry)?;
        let domain_like = Regex::new(DOMAIN_LIKE).map_err(|e| file.error(e.to_string()))?;
        rules.domain_like = Some(domain_like);
        Ok(rules)
    }

    /// Loads a province's `[websites.names]` section; rule ids start with `prefix`.
    pub(crate) fn load_province(
        prefix: &str,
        section: NamesSection,
        file: &File<'_>,
        registry: &mut Registry,
    ) -> Result<NameRules, RuleError> {
        if let Some(characters) = &section.characters {
            let message = "the characters of names are national: a province cannot set `characters`";
            return Err(file.error_at(characters.span(), message));
        }
        NameRules::load(prefix, section, file, registry)
    }

    fn load(
        prefix: &str,
        section: NamesSection,
        file: &File<'_>,
        registry: &mut Registry,
    ) -> Result<NameRules, RuleError> {
        let mut register =
            |name: &str, entry: &dyn crate::rules::Sourced| file.register(registry, format!("{prefix}.{name}"), entry);
        let min_length = match section.length {
            Some(entry) => {
                if entry.get_ref().min == 0 {
                    return Err(file.error_at(entry.span(), "the minimum length must be at least 1"));
                }
                Some((entry.get_ref().min, register("length", entry.get_ref())?))
            }
            None => None,
        };
        let separators = match section.characters {
            Some(entry) => {
                let entry = entry.into_inner();
                let bad = entry
                    .separators
                    .iter()
                    .find(|c| is_han(**c) || c.is_ascii_alphanumeric());
                if let Some(c) = bad {
                    return Err(file.error(format!("`{c}` cannot be a separator: it is a counted character")));
                }
                let folded = entry
                    .separators
                    .iter()
                    .map(|c| fold_key(&c.to_string()).chars().next().unwrap_or(*c))
                    .collect();
                Some((folded, register("characters", &entry)?))
            }
            None => None,
        };
        let chinese = section.chinese.map(|e| register("chinese", &e)).transpose()?;
        let domain = section.domain.map(|e| register("domain", &e)).transpose()?;
        let person_name = match section.person_name {
            Some(e) => Some((e.when.clone(), register("person_name", &e)?)),
            None => None,
        };
        let duplicate = section.duplicate.map(|e| register("duplicate", &e)).transpose()?;
        let lists = section
            .lists
            .into_iter()
            .map(|(id, entry)| {
                use crate::rules::words::ListKind;
                if matches!(entry.get_ref().kind, ListKind::Generic | ListKind::Marketing) {
                    let message = "the list kinds `generic` and `marketing` are for app names (rules/apps.toml)";
                    return Err(file.error_at(entry.span(), message));
                }
                WordList::load(&format!("{prefix}.lists"), &id, entry, file, registry)
            })
            .collect::<Result<_, _>>()?;
        Ok(NameRules {
            min_length,
            separators,
            chinese,
            domain,
            person_name,
            duplicate,
            lists,
            domain_like: None,
        })
    }

    /// The first list of this kind, if any.
    #[cfg(test)]
    pub(crate) fn list(&self, kind: crate::rules::words::ListKind) -> Option<&WordList> {
        self.lists.iter().find(|l| l.kind == kind)
    }

    pub(crate) fn separators(&self) -> &[char] {
        self.separators.as_ref().map(|(s, _)| s.as_slice()).unwrap_or_default()
    }
}

/// Whether a character of a folded name counts towards its length.
pub(crate) fn counts(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric()
}

/// The length of a website name as the rule `names.length` counts it: after
/// folding, the characters that [`counts`] counts.
pub(crate) fn name_length(name: &str) -> usize {
    fold_key(name.trim()).chars().filter(|c| counts(*c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;

    #[test]
    fn the_domain_recogniser() {
        let regex = Regex::new(DOMAIN_LIKE).unwrap();
        let find = |s: &str| regex.find(s).map(|m| m.as_str().to_owned());
        assert_eq!(find("小明example.com的博客").as_deref(), Some("example.com"));
        assert_eq!(find("www.example.com.cn").as_deref(), Some("www.example.com.cn"));
        assert_eq!(find("xn--fiqs8s.xn--fiqz9s").as_deref(), Some("xn--fiqs8s.xn--fiqz9s"));
        assert_eq!(find("my-notes.cn").as_deref(), Some("my-notes.cn"));
        for not in ["v1.2.3", "a.b", "示例.中国", "3.14", "-.com", "小明笔记"] {
            assert_eq!(find(not), None, "{not}");
        }
    }

    #[test]
    fn counting() {
        let rules = RuleSet::embedded();
        for (name, length) in [
            ("小明的技术笔记", 7),
            ("abc", 3),
            ("１２３", 3),
            ("买买提·艾力的摄影", 8),
            ("小明 (的) 笔-记", 5),
            ("小明!!", 2),
            ("", 0),
        ] {
            assert_eq!(rules.website_name_length(name), length, "{name}");
        }
    }
}
