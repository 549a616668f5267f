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

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use crate::identity::Regions;
use crate::province::Province;
use crate::rules::words::{ListEntry, WordList};
use crate::rules::{Condition, File, Load, Registry, Rule, RuleError, rule_entry};
use crate::text::{fold_key, is_han};

/// What the minimum length of a name counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Counted {
    /// Han characters, Latin letters and digits (see [`counts`]).
    #[default]
    Characters,
    /// Han characters (汉字) only.
    Han,
}

rule_entry! {
    /// The minimum length of a name, in counted characters.
    pub(crate) struct LengthEntry {
        min: usize,
        /// What is counted: `characters` (the default) or `han`.
        #[serde(default)]
        count: Counted,
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

rule_entry! {
    /// The rule that an entity's website name is related to its name: it
    /// shares something with the subject's short name. `forms` (national
    /// only) are the organisational forms a registered name ends with.
    pub(crate) struct UnrelatedEntry {
        #[serde(default)]
        when: Condition,
        #[serde(default)]
        forms: Option<Spanned<Vec<String>>>,
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
    pub(crate) unrelated_to_subject: Option<Spanned<UnrelatedEntry>>,
    #[serde(default)]
    pub(crate) lists: BTreeMap<String, Spanned<ListEntry>>,
}

/// Compiled name rules: the national ones (every rule set) or a province's
/// (only what it sets; the rest falls back to the national rules).
#[derive(Debug)]
pub(crate) struct NameRules {
    pub(crate) min_length: Option<(usize, Counted, Rule)>,
    pub(crate) separators: Option<(Vec<char>, Rule)>,
    pub(crate) chinese: Option<Rule>,
    pub(crate) domain: Option<Rule>,
    pub(crate) person_name: Option<(Condition, Rule)>,
    pub(crate) duplicate: Option<Rule>,
    /// The rule that an entity's website name is related to its name.
    pub(crate) unrelated_to_subject: Option<(Condition, Rule)>,
    pub(crate) lists: Vec<WordList>,
    /// The domain-looking strings of a folded name (national rules only).
    pub(crate) domain_like: Option<Regex>,
    /// How a subject's short name is read (national rules only).
    pub(crate) short_names: Option<ShortNames>,
}

/// How the short name (简称) of a unit is read from its registered name:
/// without the organisational forms it ends with (有限公司, 集团 …, from
/// the rule data) and without the division names it starts with (the
/// provinces' full and short names, the names of the divisions in use of
/// the region table, and the prefectures' names without their 市, 州 or
/// 地区), as long as two counted characters stay.
#[derive(Debug)]
pub(crate) struct ShortNames {
    /// Folded, longest first.
    forms: Vec<String>,
    /// Anchored, leftmost-longest.
    divisions: AhoCorasick,
}

impl ShortNames {
    fn load(regions: &Regions, forms: &[String], file: &File<'_>) -> Result<ShortNames, RuleError> {
        let mut forms: Vec<String> = forms.iter().map(|f| fold_key(f.trim()).into_owned()).collect();
        forms.sort_by_key(|f| std::cmp::Reverse(f.chars().count()));
        forms.dedup();
        let mut names: Vec<String> = vec!["中华人民共和国".into(), "中国".into()];
        for p in Province::ALL {
            names.push(p.full_name_zh().to_owned());
            names.push(p.name_zh().to_owned());
        }
        for d in regions.iter().filter(|d| d.last_year.is_none()) {
            let name = d.name;
            if name.chars().count() < 2 || name.contains("辖") || name.ends_with("县") && name.chars().count() < 3 {
                continue;
            }
            names.push(name.to_owned());
            let prefecture = d.code.get().is_multiple_of(100) && !d.code.is_province_level();
            if prefecture
                && let Some(short) = ["地区", "市", "州", "盟"].iter().find_map(|s| name.strip_suffix(s))
                && short.chars().count() >= 2
            {
                names.push(short.to_owned());
            }
        }
        names.sort();
        names.dedup();
        let divisions = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&names)
            .map_err(|e| file.error(format!("the division names cannot be compiled: {e}")))?;
        Ok(ShortNames { forms, divisions })
    }

    /// The short name of a registered name (folded), or `None` when fewer
    /// than two counted characters are left of it.
    pub(crate) fn short_name(&self, registered: &str) -> Option<String> {
        let counted = |s: &str| s.chars().filter(|c| counts(*c)).count();
        let folded = fold_key(registered.trim());
        let mut name: &str = &folded;
        // The organisational forms at the end, as long as something is left.
        'forms: loop {
            for form in &self.forms {
                if let Some(rest) = name.strip_suffix(form.as_str()).map(str::trim_end)
                    && counted(rest) >= 2
                {
                    name = rest;
                    continue 'forms;
                }
            }
            break;
        }
        // The division names at the start.
        loop {
            let input = Input::new(name).anchored(Anchored::Yes);
            let Some(found) = self.divisions.find(input) else { break };
            let rest = name[found.end()..].trim_start();
            if counted(rest) < 2 {
                break;
            }
            name = rest;
        }
        (counted(name) >= 2).then(|| name.to_owned())
    }

    /// Whether a website name is related to a unit's registered name: it
    /// contains two consecutive Han characters of the short name, or one of
    /// its runs of two or more Latin letters or digits. `None` when the
    /// short name cannot be read.
    pub(crate) fn related(&self, website: &str, registered: &str) -> Option<(bool, String)> {
        let short = self.short_name(registered)?;
        let website = fold_key(website.trim());
        let chars: Vec<char> = short.chars().collect();
        let mut tokens: Vec<String> = chars
            .windows(2)
            .filter(|w| w.iter().all(|c| is_han(*c)))
            .map(|w| w.iter().collect())
            .collect();
        tokens.extend(
            short
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|run| run.len() >= 2)
                .map(str::to_owned),
        );
        // A short name with neither (one Han character and a letter) is
        // compared whole.
        let related = if tokens.is_empty() {
            website.contains(short.as_str())
        } else {
            tokens.iter().any(|t| website.contains(t.as_str()))
        };
        Some((related, short))
    }
}

/// Label(.label)+ whose last label is alphabetic (a TLD) or punycode, on a
/// folded (lower-case) name, not inside a longer run of letters or digits.
const DOMAIN_LIKE: &str =
    r"(?-u:\b)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:xn--[a-z0-9-]{1,59}|[a-z]{2,63})(?-u:\b)";

impl NameRules {
    /// Loads the national rules: every table is required.
    pub(crate) fn load_national(
        file: &File<'_>,
        registry: &mut Registry,
        regions: &Regions,
    ) -> Result<NameRules, RuleError> {
        let section: NamesSection = file.parse()?;
        for (present, table) in [
            (section.length.is_some(), "length"),
            (section.characters.is_some(), "characters"),
            (section.chinese.is_some(), "chinese"),
            (section.domain.is_some(), "domain"),
            (section.person_name.is_some(), "person_name"),
            (section.duplicate.is_some(), "duplicate"),
            (section.unrelated_to_subject.is_some(), "unrelated_to_subject"),
        ] {
            if !present {
                return Err(file.error(format!("the national name rules need a `[{table}]` table")));
            }
        }
        let forms = match section
            .unrelated_to_subject
            .as_ref()
            .map(|e| (e.span(), &e.get_ref().forms))
        {
            Some((_, Some(forms))) if !forms.get_ref().is_empty() => forms.get_ref().clone(),
            Some((span, _)) => {
                return Err(file.error_at(span, "`unrelated_to_subject` needs its organisational `forms`"));
            }
            None => Vec::new(),
        };
        let short_names = ShortNames::load(regions, &forms, file)?;
        let mut rules = NameRules::load(section, Load::new(file, registry, "names".into()))?;
        rules.short_names = Some(short_names);
        let domain_like = Regex::new(DOMAIN_LIKE).map_err(|e| file.error(e.to_string()))?;
        rules.domain_like = Some(domain_like);
        Ok(rules)
    }

    /// Loads a province's `[websites.names]` section.
    pub(crate) fn load_province(section: NamesSection, load: Load<'_>) -> Result<NameRules, RuleError> {
        let file = load.file;
        if let Some(characters) = &section.characters {
            let message = "the characters of names are national: a province cannot set `characters`";
            return Err(file.error_at(characters.span(), message));
        }
        if let Some(forms) = section
            .unrelated_to_subject
            .as_ref()
            .and_then(|e| e.get_ref().forms.as_ref())
        {
            let message = "the organisational forms of names are national: a province cannot set `forms`";
            return Err(file.error_at(forms.span(), message));
        }
        NameRules::load(section, load)
    }

    fn load(section: NamesSection, mut load: Load<'_>) -> Result<NameRules, RuleError> {
        let file = load.file;
        let mut register = |name: &str, entry: &dyn crate::rules::Sourced| load.register(name, entry);
        let min_length = match section.length {
            Some(entry) => {
                if entry.get_ref().min == 0 {
                    return Err(file.error_at(entry.span(), "the minimum length must be at least 1"));
                }
                let e = entry.get_ref();
                Some((e.min, e.count, register("length", e)?))
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
        let unrelated_to_subject = match section.unrelated_to_subject {
            Some(e) => {
                let e = e.into_inner();
                Some((e.when.clone(), register("unrelated_to_subject", &e)?))
            }
            None => None,
        };
        let lists = section
            .lists
            .into_iter()
            .map(|(id, entry)| {
                use crate::rules::words::ListKind;
                if matches!(entry.get_ref().kind, ListKind::Generic | ListKind::Marketing) {
                    let message = "the list kinds `generic` and `marketing` are for app names (rules/apps.toml)";
                    return Err(file.error_at(entry.span(), message));
                }
                WordList::load(&id, entry, &mut load.part("lists"))
            })
            .collect::<Result<_, _>>()?;
        Ok(NameRules {
            min_length,
            separators,
            chinese,
            domain,
            person_name,
            duplicate,
            unrelated_to_subject,
            lists,
            domain_like: None,
            short_names: None,
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
    fn short_names_and_relatedness() {
        let rules = RuleSet::embedded();
        let short = rules.data().websites.names.short_names.as_ref().unwrap();
        for (registered, expected) in [
            ("深圳市示例科技有限公司", Some("示例科技")),
            ("哈尔滨冰城科技有限公司", Some("冰城科技")),
            ("北京京东世纪贸易有限公司", Some("京东世纪贸易")),
            ("哈尔滨市人民政府", Some("人民政府")),
            ("黑龙江省哈尔滨市道里区某某股份有限公司", Some("某某")),
            ("中国移动通信集团有限公司", Some("移动通信")),
            // Nothing would be left: the division name stays.
            ("杭州市有限公司", Some("杭州市")),
            // Forms stay where under two characters would be left.
            ("某公司", Some("某公司")),
            ("某", None),
        ] {
            assert_eq!(short.short_name(registered).as_deref(), expected, "{registered}");
        }
        let related = |website: &str, registered: &str| short.related(website, registered).map(|(r, _)| r);
        assert_eq!(related("京东商城", "北京京东世纪贸易有限公司"), Some(true));
        assert_eq!(related("冰城科技官网", "哈尔滨冰城科技有限公司"), Some(true));
        assert_eq!(related("东北美食大全", "哈尔滨冰城科技有限公司"), Some(false));
        assert_eq!(related("哈尔滨美食", "哈尔滨冰城科技有限公司"), Some(false));
        assert_eq!(related("TCL官网", "TCL科技集团股份有限公司"), Some(true));
        assert_eq!(related("快乐旅途", "某公司"), Some(false));
        assert_eq!(related("快乐旅途", "某"), None);
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
