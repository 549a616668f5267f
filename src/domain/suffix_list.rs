//! [`PublicSuffixList`]: the registrable domain (一级域名) of a name.

use std::fmt;

use publicsuffix::{IcannList, List, Psl};

use super::name::{DomainName, last_labels};

/// Which sections of the public suffix list a [`PublicSuffixList`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Sections {
    /// Only the ICANN section: the suffixes under which registries sell
    /// names. The rule set uses this one: a name under a private-section
    /// suffix such as `github.io` is registered, and filed, under its ICANN
    /// suffix (`github.io` itself is the registrable domain of
    /// `someone.github.io`).
    Icann,
    /// The ICANN and the private sections, as browsers use the list (and as
    /// the list's own test file expects).
    IcannAndPrivate,
}

/// A public suffix list (<https://publicsuffix.org>), parsed once, that tells
/// the public suffix and the registrable domain (一级域名) of a name.
///
/// The rule set loads one from `rules/public_suffix_list.dat` (ICANN section
/// only) and exposes it as [`RuleSet::public_suffix_list`](crate::RuleSet::public_suffix_list).
/// A name's public suffix is the longest matching rule, with wildcards and
/// exceptions as the list defines them; a name whose last label matches no
/// rule gets the implicit `*` rule (its last label is the suffix) and is
/// reported as not [listed](PublicSuffix::is_listed).
///
/// ```
/// use beian::domain::DomainName;
///
/// let rules = beian::RuleSet::embedded();
/// let psl = rules.public_suffix_list();
/// let name = DomainName::parse("www.食狮.公司.cn")?;
/// assert_eq!(psl.public_suffix(&name).to_string(), "公司.cn");
/// assert_eq!(psl.registrable_domain(&name).unwrap().to_string(), "食狮.公司.cn");
/// assert_eq!(psl.registrable_domain(&DomainName::parse("com.cn")?), None);
/// assert!(!psl.public_suffix(&DomainName::parse("example.example")?).is_listed());
/// # Ok::<(), beian::domain::DomainNameError>(())
/// ```
#[derive(Clone)]
pub struct PublicSuffixList {
    list: Inner,
    version: Option<String>,
}

#[derive(Clone)]
enum Inner {
    Icann(IcannList),
    All(List),
}

/// The error returned when a public suffix list cannot be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid public suffix list: {}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct PublicSuffixListError {
    line: Option<usize>,
    message: String,
}

impl PublicSuffixListError {
    /// The 1-based line of the malformed rule, when the error is about one.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What is wrong, without the line.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// The markers of the list's ICANN section.
const ICANN_BEGIN: &str = "// ===BEGIN ICANN DOMAINS===";
const ICANN_END: &str = "// ===END ICANN DOMAINS===";

/// Checks each rule of the list's text, so that a malformed one is named
/// with its line (the parser underneath would take `*.*.cn` or `!` as they
/// come), and that the ICANN section is marked.
fn check_rules(text: &str) -> Result<(), PublicSuffixListError> {
    let at = |line: usize, message: String| PublicSuffixListError {
        line: Some(line),
        message,
    };
    for (i, line) in text.lines().enumerate() {
        let rule = line.split_whitespace().next().unwrap_or("");
        if rule.is_empty() || rule.starts_with("//") {
            continue;
        }
        let (exception, name) = match rule.strip_prefix('!') {
            Some(name) => (true, name),
            None => (false, rule),
        };
        let labels: Vec<&str> = name.split('.').collect();
        if labels.iter().any(|l| l.is_empty()) {
            return Err(at(i + 1, format!("`{rule}` has an empty label")));
        }
        if labels.iter().skip(1).any(|l| l.contains('*')) || labels[0].contains('*') && labels[0] != "*" {
            return Err(at(
                i + 1,
                format!("`{rule}`: a wildcard is only a whole leftmost label"),
            ));
        }
        if exception && (labels.len() < 2 || labels[0] == "*") {
            return Err(at(
                i + 1,
                format!("`{rule}`: an exception names a domain under a wildcard rule"),
            ));
        }
    }
    if !text.lines().any(|l| l.trim() == ICANN_BEGIN) || !text.lines().any(|l| l.trim() == ICANN_END) {
        return Err(PublicSuffixListError {
            line: None,
            message: format!("the ICANN section is not marked (`{ICANN_BEGIN}` … `{ICANN_END}`)"),
        });
    }
    Ok(())
}

/// The public suffix of a name: the part under which names are registered
/// (`com.cn` for `www.example.com.cn`), borrowed from the name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PublicSuffix<'a> {
    ascii: &'a str,
    unicode: &'a str,
    labels: usize,
    listed: bool,
}

impl PublicSuffix<'_> {
    /// The ASCII (punycode) form: `xn--55qx5d.cn`.
    pub fn as_ascii(&self) -> &str {
        self.ascii
    }

    /// The Unicode form: `公司.cn`.
    pub fn as_unicode(&self) -> &str {
        self.unicode
    }

    /// The number of labels.
    pub fn label_count(&self) -> usize {
        self.labels
    }

    /// Whether a rule of the list matched; `false` when only the implicit
    /// `*` rule applies, i.e. the top-level domain is not in the list.
    pub fn is_listed(&self) -> bool {
        self.listed
    }
}

impl fmt::Display for PublicSuffix<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.unicode)
    }
}

impl PublicSuffixList {
    /// Parses the text of a list in the format of `public_suffix_list.dat`,
    /// keeping the given sections. Rules in Unicode also match their punycode
    /// form.
    ///
    /// # Errors
    ///
    /// A [`PublicSuffixListError`] when a rule is malformed (an empty label,
    /// a wildcard that is not a whole leftmost label, an exception without a
    /// domain), the ICANN section is not marked, or the text holds no rule.
    pub fn parse(text: &str, sections: Sections) -> Result<PublicSuffixList, PublicSuffixListError> {
        check_rules(text)?;
        let list: List = text.parse().map_err(|e: publicsuffix::Error| PublicSuffixListError {
            line: None,
            message: e.to_string(),
        })?;
        let list = match sections {
            Sections::Icann => Inner::Icann(IcannList::from(list)),
            Sections::IcannAndPrivate => Inner::All(list),
        };
        Ok(PublicSuffixList { list, version: None })
    }

    /// The same list, labelled with its version (e.g. the date of the list,
    /// `20230209.2326`).
    pub fn with_version(mut self, version: impl Into<String>) -> PublicSuffixList {
        self.version = Some(version.into());
        self
    }

    /// The version of the list, when it was given one (the rule set's list
    /// has the version recorded in `rules/domains.toml`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The sections of the list in use.
    pub fn sections(&self) -> Sections {
        match self.list {
            Inner::Icann(_) => Sections::Icann,
            Inner::All(_) => Sections::IcannAndPrivate,
        }
    }

    /// The public suffix of a name (at most the whole name).
    pub fn public_suffix<'a>(&self, name: &'a DomainName) -> PublicSuffix<'a> {
        let (labels, listed) = self.find(name.as_ascii());
        let labels = labels.min(name.label_count());
        PublicSuffix {
            ascii: last_labels(name.as_ascii(), labels).unwrap_or(name.as_ascii()),
            unicode: last_labels(name.as_unicode(), labels).unwrap_or(name.as_unicode()),
            labels,
            listed,
        }
    }

    /// The registrable domain (一级域名) of a name: its public suffix and one
    /// more label. `None` when the name is itself a public suffix, or a
    /// single label that is no listed suffix.
    ///
    /// The result follows the list's algorithm, so a name under an unlisted
    /// top-level domain has one (`example.example`); check
    /// [`public_suffix`](Self::public_suffix)`.is_listed()` to tell.
    pub fn registrable_domain(&self, name: &DomainName) -> Option<DomainName> {
        let suffix = self.public_suffix(name);
        name.suffix(suffix.labels + 1)
    }

    /// The number of labels of the public suffix of an ASCII name, and
    /// whether a rule matched.
    pub(crate) fn find(&self, ascii: &str) -> (usize, bool) {
        let suffix = match &self.list {
            Inner::Icann(list) => list.suffix(ascii.as_bytes()),
            Inner::All(list) => list.suffix(ascii.as_bytes()),
        };
        match suffix {
            Some(s) => {
                let labels = s.as_bytes().iter().filter(|b| **b == b'.').count() + 1;
                (labels, s.is_known())
            }
            None => (1, false),
        }
    }
}

impl fmt::Debug for PublicSuffixList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicSuffixList")
            .field("sections", &self.sections())
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "// ===BEGIN ICANN DOMAINS===\ncn\ncom.cn\n公司.cn\n*.mm\n!www.mm\n// ===END ICANN DOMAINS===\n// ===BEGIN PRIVATE DOMAINS===\nblog.com.cn\n// ===END PRIVATE DOMAINS===\n";

    fn name(s: &str) -> DomainName {
        DomainName::parse(s).unwrap()
    }

    fn registrable(list: &PublicSuffixList, s: &str) -> Option<String> {
        list.registrable_domain(&name(s)).map(|d| d.to_string())
    }

    #[test]
    fn sections_decide_private_suffixes() {
        let icann = PublicSuffixList::parse(LIST, Sections::Icann).unwrap();
        let all = PublicSuffixList::parse(LIST, Sections::IcannAndPrivate).unwrap();
        assert_eq!(icann.sections(), Sections::Icann);
        assert_eq!(registrable(&icann, "me.blog.com.cn").as_deref(), Some("blog.com.cn"));
        assert_eq!(registrable(&all, "me.blog.com.cn").as_deref(), Some("me.blog.com.cn"));
        assert_eq!(registrable(&all, "blog.com.cn"), None);
    }

    #[test]
    fn unicode_rules_match_punycode_names() {
        let list = PublicSuffixList::parse(LIST, Sections::Icann).unwrap();
        let n = name("www.xn--85x722f.xn--55qx5d.cn");
        let suffix = list.public_suffix(&n);
        assert_eq!((suffix.as_unicode(), suffix.as_ascii()), ("公司.cn", "xn--55qx5d.cn"));
        assert_eq!((suffix.label_count(), suffix.is_listed()), (2, true));
        assert_eq!(registrable(&list, "www.食狮.公司.cn").as_deref(), Some("食狮.公司.cn"));
        assert_eq!(registrable(&list, "公司.cn"), None);
    }

    #[test]
    fn wildcards_exceptions_and_unlisted_names() {
        let list = PublicSuffixList::parse(LIST, Sections::Icann).unwrap();
        assert_eq!(registrable(&list, "c.mm"), None);
        assert_eq!(registrable(&list, "a.b.c.mm").as_deref(), Some("b.c.mm"));
        assert_eq!(registrable(&list, "www.www.mm").as_deref(), Some("www.mm"));
        let unlisted = name("a.b.example");
        assert!(!list.public_suffix(&unlisted).is_listed());
        assert_eq!(registrable(&list, "a.b.example").as_deref(), Some("b.example"));
        assert_eq!(registrable(&list, "example"), None);
    }

    #[test]
    fn malformed_lists_are_errors() {
        assert!(PublicSuffixList::parse("", Sections::Icann).is_err());
        let err = PublicSuffixList::parse("// ===BEGIN ICANN DOMAINS===\na..cn\n", Sections::Icann).unwrap_err();
        assert!(err.to_string().starts_with("invalid public suffix list"), "{err}");
    }
}
