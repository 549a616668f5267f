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

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::WebsiteRules;
use super::words::{ListEntry, ListKind, Word, WordList};
use crate::application::Website;
use crate::code::Code;
use crate::rules::{Condition, File, Registry, Rule, RuleError, RuleSet, rule_entry};
use crate::text::{fold_key, is_han};
use crate::validator::{Context, MAX_CHARS, MAX_LIST, params};
use crate::vocabulary::{FilingType, PreApprovalCategory};

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
    length: Option<Spanned<LengthEntry>>,
    characters: Option<Spanned<CharactersEntry>>,
    chinese: Option<PlainEntry>,
    domain: Option<PlainEntry>,
    person_name: Option<PersonNameEntry>,
    duplicate: Option<PlainEntry>,
    #[serde(default)]
    lists: BTreeMap<String, Spanned<ListEntry>>,
}

/// Compiled name rules: the national ones (every rule set) or a province's
/// (only what it sets; the rest falls back to the national rules).
#[derive(Debug)]
pub(crate) struct NameRules {
    min_length: Option<(usize, Rule)>,
    separators: Option<(Vec<char>, Rule)>,
    chinese: Option<Rule>,
    domain: Option<Rule>,
    person_name: Option<(Condition, Rule)>,
    duplicate: Option<Rule>,
    pub(crate) lists: Vec<WordList>,
    /// The domain-looking strings of a folded name (national rules only).
    domain_like: Option<Regex>,
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
            .map(|(id, entry)| WordList::load(&format!("{prefix}.lists"), &id, entry, file, registry))
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
    pub(crate) fn list(&self, kind: ListKind) -> Option<&WordList> {
        self.lists.iter().find(|l| l.kind == kind)
    }

    fn separators(&self) -> &[char] {
        self.separators.as_ref().map(|(s, _)| s.as_slice()).unwrap_or_default()
    }
}

impl RuleSet {
    /// The length of a website name as the rule `names.length` counts it.
    ///
    /// After folding full-width forms to ASCII, a Han character, a Latin
    /// letter or a digit counts one; the allowed separators (the space, `(`,
    /// `)`, `-` and `·` in the embedded rules) and any other character count
    /// nothing. A name needs at least 3 (`website.name_too_short`).
    ///
    /// ```
    /// let rules = beian::RuleSet::embedded();
    /// assert_eq!(rules.website_name_length("小明的技术笔记"), 7);
    /// assert_eq!(rules.website_name_length("小明的Go笔记"), 7);
    /// assert_eq!(rules.website_name_length("（小明）- 笔记"), 4);
    /// assert_eq!(rules.website_name_length("ＰＨＰ开发"), 5);
    /// ```
    pub fn website_name_length(&self, name: &str) -> usize {
        fold_key(name.trim()).chars().filter(|c| counts(*c)).count()
    }
}

/// Whether two names are the same after folding, ignoring separators (and
/// not both empty).
fn same_name(a: &str, b: &str, separators: &[char]) -> bool {
    let (a, b) = (fold_key(a.trim()), fold_key(b.trim()));
    let kept = |c: &char| !separators.contains(c);
    a.chars().any(|c| kept(&c)) && a.chars().filter(kept).eq(b.chars().filter(kept))
}

/// Whether a character of a folded name counts towards its length.
fn counts(c: char) -> bool {
    is_han(c) || c.is_ascii_alphanumeric()
}

/// The rules in force in one validation: the province's where it sets one,
/// else the national one.
struct InForce<'r> {
    national: &'r NameRules,
    province: Option<&'r NameRules>,
}

impl<'r> InForce<'r> {
    fn pick<T>(&self, rule: impl Fn(&'r NameRules) -> Option<&'r T>) -> Option<&'r T> {
        self.province.and_then(&rule).or_else(|| rule(self.national))
    }
}

/// Checks the names of the websites.
pub(crate) fn check(cx: &mut Context<'_>) {
    let rules: &WebsiteRules = &{ cx.rules }.websites;
    let in_force = InForce {
        national: &rules.names,
        province: cx.province().map(|p| &p.websites.names),
    };
    let mut seen: Vec<(usize, Cow<'_, str>)> = Vec::new();
    for (i, website) in cx.websites() {
        let name = website.name.trim();
        // A blank name is `field.required`; a name over the limit `input.too_large`.
        if name.is_empty() || name.chars().nth(MAX_CHARS).is_some() {
            continue;
        }
        let key = fold_key(name);
        let mut checker = NameCheck {
            cx,
            rules,
            in_force: &in_force,
            index: i,
            website,
            name,
            key: &key,
        };
        checker.run();
        if let Some((first, _)) = seen.iter().find(|(_, k)| *k == key)
            && let Some(rule) = in_force.pick(|r| r.duplicate.as_ref())
        {
            let other = format!("/websites/{first}/name");
            let params = params! { "name" => name, "other" => other };
            cx.flag(Code::WebsiteNameDuplicate, format!("/websites/{i}/name"), rule, params);
        } else {
            seen.push((i, key));
        }
    }
}

/// The checks of one name.
struct NameCheck<'c, 'a, 'r> {
    cx: &'c mut Context<'a>,
    rules: &'r WebsiteRules,
    in_force: &'r InForce<'r>,
    index: usize,
    website: &'a Website,
    name: &'a str,
    key: &'c str,
}

impl NameCheck<'_, '_, '_> {
    fn path(&self) -> String {
        format!("/websites/{}/name", self.index)
    }

    fn run(&mut self) {
        let domains = self.domains();
        self.characters(&domains);
        if let Some((domain, _)) = domains.first()
            && let Some(rule) = self.in_force.pick(|r| r.domain.as_ref())
        {
            let params = params! { "name" => self.name, "domain" => domain.as_str() };
            self.cx.flag(Code::WebsiteNameIsDomain, self.path(), rule, params);
        }
        self.person_name();
        self.words();
    }

    /// The domain-looking strings of the name and the website's own domains
    /// that it contains, with where they are in the folded name.
    fn domains(&self) -> Vec<(String, Range<usize>)> {
        let mut found = Vec::new();
        if self.key.contains('.')
            && let Some(regex) = &self.in_force.national.domain_like
        {
            found.extend(regex.find_iter(self.key).map(|m| (m.as_str().to_owned(), m.range())));
        }
        for (_, domain) in Context::domains(self.website) {
            let domain = fold_key(domain.name.trim());
            if domain.is_empty() || found.iter().any(|(d, _)| d.contains(domain.as_ref())) {
                continue;
            }
            if let Some(at) = self.key.find(domain.as_ref()) {
                let end = at + domain.len();
                found.push((domain.into_owned(), at..end));
            }
        }
        found.sort_by_key(|(_, range)| range.start);
        found
    }

    /// Length, Chinese characters and special characters, in one pass.
    fn characters(&mut self, domains: &[(String, Range<usize>)]) {
        let separators = self.in_force.national.separators();
        let (mut length, mut han) = (0usize, 0usize);
        let mut special: Vec<String> = Vec::new();
        for (at, c) in self.key.char_indices() {
            if counts(c) {
                length += 1;
                han += usize::from(is_han(c));
            } else if !separators.contains(&c)
                && !domains.iter().any(|(_, r)| r.contains(&at))
                && special.len() < MAX_LIST
                && !special.iter().any(|s| s.starts_with(c))
            {
                special.push(c.to_string());
            }
        }
        if let Some((min, rule)) = self.in_force.pick(|r| r.min_length.as_ref())
            && length < *min
        {
            let params = params! { "name" => self.name, "length" => length, "min_length" => *min };
            self.cx.flag(Code::WebsiteNameTooShort, self.path(), rule, params);
        }
        if han == 0
            && let Some(rule) = self.in_force.pick(|r| r.chinese.as_ref())
        {
            let params = params! { "name" => self.name };
            self.cx.flag(Code::WebsiteNameNoChinese, self.path(), rule, params);
        }
        if !special.is_empty()
            && let Some((_, rule)) = &self.in_force.national.separators
        {
            let params = params! { "name" => self.name, "characters" => special };
            self.cx
                .flag(Code::WebsiteNameSpecialCharacters, self.path(), rule, params);
        }
    }

    /// The name is the name of a person of the filing: the filer, or for an
    /// entity where the province says so, its legal representative,
    /// principal or this website's manager. Equal after folding, ignoring
    /// separators; a name that merely contains a person's name is not one.
    fn person_name(&mut self) {
        let Some((when, rule)) = self.in_force.pick(|r| r.person_name.as_ref()) else {
            return;
        };
        let app = self.cx.app;
        let Some(subject) = &app.subject else { return };
        if !when.holds(&self.cx.facts) {
            return;
        }
        let people: [Option<(&str, &str)>; 3] = match subject.filing_type() {
            Some(FilingType::Personal) => [Some(("subject", &subject.name)), None, None],
            Some(FilingType::Entity) => [
                subject
                    .legal_representative
                    .as_ref()
                    .map(|l| ("legal_representative", l.name.as_str())),
                subject.principal.as_ref().map(|p| ("principal", p.name.as_str())),
                self.website.manager.as_ref().map(|m| ("manager", m.name.as_str())),
            ],
            None => return,
        };
        let separators = self.in_force.national.separators();
        let found = people
            .into_iter()
            .flatten()
            .find(|(_, person)| same_name(self.key, person, separators));
        if let Some((role, _)) = found {
            let params = params! { "name" => self.name, "role" => role };
            self.cx.flag(Code::WebsiteNameIsPersonName, self.path(), rule, params);
        }
    }

    /// The word lists, national then the province's: each word once.
    fn words(&mut self) {
        let app = self.cx.app;
        let facts = &self.cx.facts;
        let filing_type = app.filing_type();
        let subject_key = app
            .subject
            .as_ref()
            .map(|s| fold_key(s.name.trim()))
            .unwrap_or_default();
        let held = |c: PreApprovalCategory| {
            self.website
                .pre_approvals
                .iter()
                .take(MAX_LIST)
                .any(|p| p.category == Some(c))
        };
        let lists = self
            .in_force
            .national
            .lists
            .iter()
            .chain(self.in_force.province.map(|p| p.lists.as_slice()).unwrap_or_default());
        let mut hits: Vec<(ListKind, &Word)> = Vec::new();
        for list in lists {
            if !list.applies(facts) {
                continue;
            }
            for word in list.hits(self.key) {
                if hits.iter().any(|(_, w)| w.key == word.key) {
                    continue;
                }
                // An entity whose registered name carries the word was
                // allowed it when it was registered.
                let own_name = list.registered_name_exempt
                    && filing_type == Some(FilingType::Entity)
                    && subject_key.contains(word.key.as_str());
                let approved = list.kind == ListKind::PreApproval
                    && filing_type != Some(FilingType::Personal)
                    && word.category.is_some_and(held);
                let exempt = own_name || approved;
                if !exempt {
                    hits.push((list.kind, word));
                }
            }
        }
        for (kind, word) in hits {
            let (code, params) = match kind {
                ListKind::National => (
                    Code::WebsiteNameNationalPrefix,
                    params! { "name" => self.name, "word" => word.text.as_str() },
                ),
                ListKind::Forbidden => {
                    let Some(filing_type) = filing_type else { continue };
                    let params = params! { "name" => self.name, "word" => word.text.as_str(), "filing_type" => filing_type.as_str() };
                    (Code::WebsiteNameForbiddenWord, params)
                }
                ListKind::Sensitive => (
                    Code::WebsiteNameSensitiveWord,
                    params! { "name" => self.name, "word" => word.text.as_str() },
                ),
                ListKind::PreApproval => {
                    let Some(category) = word.category else { continue };
                    let approval = self.rules.content.category(category);
                    let params = params! {
                        "name" => self.name,
                        "word" => word.text.as_str(),
                        "category" => category.as_str(),
                        "document" => approval.document.as_str(),
                        "authority" => approval.authority.as_str(),
                    };
                    (Code::WebsiteNamePreApprovalKeyword, params)
                }
            };
            let path = self.path();
            self.cx.flag(code, path, &word.rule, params);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
