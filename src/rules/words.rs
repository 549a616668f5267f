//! Word lists (词表) matched against website names: national prefixes,
//! words a filing type may not use, sensitive words, and the keywords that
//! imply a pre-approval category.
//!
//! Each list is compiled once, when the rule set loads, into one
//! Aho–Corasick automaton over the folded forms of its words
//! ([`fold_key`]: full-width letters and digits as ASCII, Latin letters in
//! lower case), so a name is scanned once per list whatever the number of
//! words. Matching is leftmost-longest: of two words that start at the same
//! place, the longer one is the match, which is how an exception such as
//! `基金会` (a foundation) masks the keyword `基金` (a fund).

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use toml::Spanned;

use crate::province::Province;
use crate::rules::{Condition, Load, Rule, RuleError, rule_entry};
use crate::text::fold_key;
use crate::vocabulary::{PreApprovalCategory, SubjectKind};

/// What the words of a list mean, and so which finding a hit gives.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ListKind {
    /// Words only state organs may start a name with (`website.name_national_prefix`).
    National,
    /// Words the filing type may not use (`website.name_forbidden_word`).
    Forbidden,
    /// Sensitive words (`website.name_sensitive_word`).
    Sensitive,
    /// Words that imply a pre-approval category (`website.name_pre_approval_keyword`).
    PreApproval,
    /// App names only: generic words and placeholders that do not identify
    /// an app (`app.name_generic`).
    Generic,
    /// App names only: price and marketing words (`app.name_marketing_word`).
    Marketing,
}

/// Where in the name a word counts.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Position {
    /// Anywhere in the name.
    #[default]
    Anywhere,
    /// Only at the start of the name (字头).
    Start,
    /// Only as the whole name (without its separators).
    Whole,
}

rule_entry! {
    /// A word list: what its words mean, where they count, and to whom the
    /// list applies. Its words come in groups, each with its own source.
    pub(crate) struct ListEntry {
        kind: ListKind,
        #[serde(default)]
        position: Position,
        #[serde(default)]
        when: Condition,
        #[serde(default)]
        exempt_subject_kinds: Vec<SubjectKind>,
        /// An entity whose registered name contains the word may use it.
        #[serde(default)]
        registered_name_exempt: bool,
        /// Adds the short names of the 31 provinces (`浙江`, GB/T 2260) as
        /// words, under the list's own source.
        #[serde(default)]
        province_names: bool,
        #[serde(default)]
        words: Vec<Spanned<WordsEntry>>,
    }
}

rule_entry! {
    /// A group of words of a list that share a source (and, for pre-approval
    /// keywords, a category). `except` lists longer words that contain one
    /// of them and are not hits (`基金会` for `基金`).
    pub(crate) struct WordsEntry {
        words: Vec<String>,
        #[serde(default)]
        category: Option<PreApprovalCategory>,
        #[serde(default)]
        except: Vec<String>,
    }
}

/// A word of a list, as the checks report it.
#[derive(Debug)]
pub(crate) struct Word {
    /// The word as the rule data writes it.
    pub(crate) text: String,
    /// Its folded form (what is matched).
    pub(crate) key: String,
    pub(crate) rule: Rule,
    /// The pre-approval category a keyword implies.
    pub(crate) category: Option<PreApprovalCategory>,
}

/// A compiled word list.
#[derive(Debug)]
pub(crate) struct WordList {
    /// The list's id in its file (`personal`, `generic`).
    pub(crate) id: String,
    pub(crate) kind: ListKind,
    pub(crate) position: Position,
    pub(crate) when: Condition,
    pub(crate) exempt_subject_kinds: Vec<SubjectKind>,
    /// An entity whose registered name contains the word may use it.
    pub(crate) registered_name_exempt: bool,
    pub(crate) automaton: AhoCorasick,
    /// By pattern id: the word, or `None` for an exception.
    pub(crate) patterns: Vec<Option<Word>>,
}

impl WordList {
    /// Compiles the list `id` of a part of a file; rules are registered as
    /// `{prefix}.{id}` (the list) and `{prefix}.{id}.{word}` (each word).
    pub(crate) fn load(id: &str, entry: Spanned<ListEntry>, load: &mut Load<'_>) -> Result<WordList, RuleError> {
        let file = load.file;
        let span = entry.span();
        let entry = entry.into_inner();
        let list_id = load.id(id);
        let list_rule = load.register_id(list_id.clone(), &entry)?;
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Option<Word>> = Vec::new();
        let mut add = |text: &str, rule: Rule, category, span: std::ops::Range<usize>| {
            let key = fold_key(text).into_owned();
            if key.is_empty() {
                return Err(file.error_at(span, format!("a blank word in the list `{id}`")));
            }
            if keys.contains(&key) {
                let message = format!("`{text}` is another spelling of a word of the list `{id}`");
                return Err(file.error_at(span, message));
            }
            keys.push(key.clone());
            patterns.push(Some(Word {
                text: text.to_owned(),
                key,
                rule,
                category,
            }));
            Ok(())
        };
        if entry.province_names {
            for p in Province::ALL {
                let rule = load.register_id(format!("{list_id}.{}", p.name_zh()), &entry)?;
                add(p.name_zh(), rule, None, span.clone())?;
            }
        }
        let mut exceptions: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        for group in &entry.words {
            let span = group.span();
            let group = group.get_ref();
            match (entry.kind, group.category) {
                (ListKind::PreApproval, None) => {
                    return Err(file.error_at(span, "pre-approval keywords need their `category`"));
                }
                (kind, Some(_)) if kind != ListKind::PreApproval => {
                    return Err(file.error_at(span, "only pre-approval keywords have a `category`"));
                }
                _ => {}
            }
            if group.words.is_empty() {
                return Err(file.error_at(span, "a group of words needs at least one word"));
            }
            for word in &group.words {
                let mut rule = load.register_id(format!("{list_id}.{word}"), group)?;
                rule.severity = rule.severity.or(list_rule.severity);
                add(word, rule, group.category, span.clone())?;
            }
            exceptions.extend(group.except.iter().map(|e| (e.clone(), span.clone())));
        }
        for (exception, span) in exceptions {
            let key = fold_key(&exception).into_owned();
            if !keys.iter().any(|k| key.contains(k.as_str()) && *k != key) {
                let message = format!("the exception `{exception}` contains no word of the list `{id}`");
                return Err(file.error_at(span, message));
            }
            keys.push(key);
            patterns.push(None);
        }
        if keys.is_empty() {
            return Err(file.error_at(span, format!("the list `{id}` has no words")));
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .map_err(|e| file.error_at(span, format!("the list `{id}` cannot be compiled: {e}")))?;
        Ok(WordList {
            id: id.to_owned(),
            kind: entry.kind,
            position: entry.position,
            when: entry.when,
            exempt_subject_kinds: entry.exempt_subject_kinds,
            registered_name_exempt: entry.registered_name_exempt,
            automaton,
            patterns,
        })
    }

    /// The words of the list in a folded name (see [`fold_key`]), in order.
    pub(crate) fn hits<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Word> + 'a {
        let start_only = self.position != Position::Anywhere;
        let whole = self.position == Position::Whole;
        self.automaton
            .find_iter(key)
            .take_while(move |m| !start_only || m.start() == 0)
            .filter(move |m| !whole || m.end() == key.len())
            .filter_map(|m| self.patterns.get(m.pattern().as_usize()).and_then(Option::as_ref))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::facts::Facts;
    use crate::ruleset::RuleSet;

    fn words<'a>(list: &'a WordList, name: &'a str) -> Vec<&'a str> {
        list.hits(name).map(|w| w.text.as_str()).collect()
    }

    /// Whether a list applies to an application whose subject is of this kind.
    fn applies(list: &WordList, kind: Option<SubjectKind>) -> bool {
        let rules = RuleSet::embedded();
        let data = rules.data();
        let app = crate::application::Application {
            subject: Some(crate::application::Subject {
                kind,
                ..crate::application::Subject::default()
            }),
            ..crate::application::Application::default()
        };
        list.applies(&Facts::new(
            &app,
            &data.subject,
            &data.domains,
            &data.websites.names,
            None,
        ))
    }

    #[test]
    fn matches_folded_words_and_skips_exceptions() {
        let rules = RuleSet::embedded();
        let keywords = rules.data().websites.names.list(ListKind::PreApproval).unwrap();
        assert_eq!(words(keywords, "p2p理财与基金"), ["P2P", "理财", "基金"]);
        assert_eq!(words(keywords, &fold_key("Ｐ２Ｐ小站")), ["P2P"]);
        assert!(words(keywords, "某某基金会官网").is_empty());
        assert_eq!(words(keywords, "基金会与基金"), ["基金"]);
        let word = keywords.hits("理财").next().unwrap();
        assert_eq!(word.rule.id, "names.lists.pre_approval_keywords.理财");
        assert_eq!(word.category, Some(PreApprovalCategory::InternetFinance));
        assert!(applies(keywords, None));
    }

    #[test]
    fn start_lists_match_only_at_the_start() {
        let rules = RuleSet::embedded();
        let national = rules.data().websites.names.list(ListKind::National).unwrap();
        assert_eq!(words(national, "中国美食"), ["中国"]);
        assert!(words(national, "美食中国").is_empty());
        assert!(applies(national, Some(SubjectKind::Enterprise)));
        assert!(applies(national, Some(SubjectKind::Personal)));
        assert!(!applies(national, Some(SubjectKind::Government)));
        assert!(!applies(national, None));
    }

    #[test]
    fn province_names_are_words() {
        let rules = RuleSet::embedded();
        let hainan = &rules.data().province(Province::Hainan).websites.names;
        let places = hainan.lists.iter().find(|l| l.hits("浙江").next().is_some()).unwrap();
        let hit = places.hits("海南美食").next().unwrap();
        assert_eq!(hit.text, "海南");
        assert!(hit.rule.id.starts_with("provinces.hainan.websites.names.lists."));
        assert_eq!(hit.rule.severity, Some(crate::vocabulary::Severity::Warning));
        assert_eq!(places.hits("三亚的广西朋友").count(), 2);
    }
}
