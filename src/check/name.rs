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
use std::ops::Range;

use crate::application::Website;
use crate::check::facts::Facts;
use crate::check::{Context, MAX_CHARS, MAX_LIST, params};
use crate::code::Code;
use crate::rules::names::{Counted, NameRules, counts};
use crate::rules::websites::WebsiteRules;
use crate::rules::words::{ListKind, Word, WordList};
use crate::text::{fold_key, is_han};
use crate::vocabulary::{FilingType, PreApprovalCategory};

/// Whether two names are the same after folding, ignoring separators (and
/// not both empty).
fn same_name(a: &str, b: &str, separators: &[char]) -> bool {
    let (a, b) = (fold_key(a.trim()), fold_key(b.trim()));
    let kept = |c: &char| !separators.contains(c);
    a.chars().any(|c| kept(&c)) && a.chars().filter(kept).eq(b.chars().filter(kept))
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
        self.unrelated_to_subject();
        self.words();
    }

    /// An entity's website name that shares nothing with the subject's
    /// short name (the rule's condition decides to whom it applies).
    fn unrelated_to_subject(&mut self) {
        let Some((when, rule)) = self.in_force.pick(|r| r.unrelated_to_subject.as_ref()) else {
            return;
        };
        if !when.holds(&self.cx.facts) {
            return;
        }
        let Some((true, short)) = self.cx.facts.name_unrelated(self.website) else {
            return;
        };
        let subject = self.cx.app.subject.as_ref().map_or("", |s| s.name.trim());
        let params = params! { "name" => self.name, "subject" => subject, "short_name" => short };
        self.cx
            .flag(Code::WebsiteNameUnrelatedToSubject, self.path(), rule, params);
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
        let chinese = self.in_force.pick(|r| r.chinese.as_ref());
        if let Some((min, counted, rule)) = self.in_force.pick(|r| r.min_length.as_ref()) {
            let (length, counted) = match counted {
                Counted::Characters => (length, None),
                Counted::Han => (han, Some("Han")),
            };
            // A name without Han characters is `website.name_no_chinese`
            // where that rule applies, not also too short in Han.
            let no_han_reported = counted.is_some() && han == 0 && chinese.is_some();
            if length < *min && !no_han_reported {
                let mut params = params! { "name" => self.name, "length" => length, "min_length" => *min };
                if let Some(counted) = counted {
                    params.insert("counted".into(), counted.into());
                }
                self.cx.flag(Code::WebsiteNameTooShort, self.path(), rule, params);
            }
        }
        if han == 0
            && let Some(rule) = chinese
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

impl WordList {
    /// Whether the list applies to this application: its condition holds
    /// and the subject is not of an exempt kind (an unknown kind is not
    /// known to be exempt, so a list with exemptions does not apply).
    pub(crate) fn applies(&self, facts: &Facts) -> bool {
        self.when.holds(facts)
            && (self.exempt_subject_kinds.is_empty()
                || facts
                    .subject_kind
                    .is_some_and(|k| !self.exempt_subject_kinds.contains(&k)))
    }
}
