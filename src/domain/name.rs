//! [`DomainName`]: a host name normalised with IDNA (UTS #46).

use std::fmt;
use std::str::FromStr;

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

/// The longest input [`DomainName::parse`] processes, in bytes. No valid name
/// is longer than 253 octets in its ASCII form, and a label of 63 octets
/// decodes to at most 63 characters of at most 4 bytes each, so only runs
/// of ignorable code points (which UTS #46 deletes) could make a longer input
/// valid; such input is rejected as too long without being processed.
const MAX_INPUT_BYTES: usize = 1024;

/// The longest name, in octets of its ASCII form without the trailing dot.
pub const MAX_NAME_OCTETS: usize = 253;

/// The longest label, in octets of its ASCII form.
pub const MAX_LABEL_OCTETS: usize = 63;

/// A domain name, normalised: trimmed, one trailing dot removed, case-folded
/// and mapped with IDNA (UTS #46, non-transitional), so that every spelling
/// of a name is the same value.
///
/// Unicode and punycode are the same domain: `例子.中国`, `例子。中国`
/// (ideographic full stop), `XN--FSQU00A.XN--FIQS8S.` and
/// `xn--fsqu00a.xn--fiqs8s` all parse to one name. [`Display`](fmt::Display)
/// shows the Unicode form, as users write it; [`as_ascii`](Self::as_ascii)
/// gives the ASCII (punycode) form that DNS and the public suffix list use.
///
/// Beyond UTS #46, a name must be a host name: labels of letters, digits and
/// hyphens (in the ASCII form), no empty label, no label that starts or ends
/// with a hyphen or has hyphens in its third and fourth positions (other
/// than an `xn--` label), labels of at most 63 octets and a name of at most
/// 253 octets. A single label (`cn`) is a valid name.
///
/// ```
/// use beian::domain::{DomainName, DomainNameError};
///
/// let name = DomainName::parse(" 例子。中国. ")?;
/// assert_eq!(name.to_string(), "例子.中国");
/// assert_eq!(name.as_ascii(), "xn--fsqu00a.xn--fiqs8s");
/// assert_eq!(name, "XN--FSQU00A.xn--fiqs8s".parse()?);
/// assert!(name.is_under(&"中国".parse()?));
///
/// assert_eq!(DomainName::parse("a..cn"), Err(DomainNameError::EmptyLabel));
/// assert_eq!(DomainName::parse("a_b.cn"), Err(DomainNameError::InvalidCharacter('_')));
/// # Ok::<(), DomainNameError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DomainName {
    /// The ASCII (punycode) form.
    ascii: Box<str>,
    /// The Unicode form, when it differs from the ASCII form.
    unicode: Option<Box<str>>,
}

/// Why a string is not a [`DomainName`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DomainNameError {
    /// Nothing but white space (and perhaps a trailing dot).
    #[error("the name is empty")]
    Empty,
    /// Two dots in a row, a leading dot, or more than one trailing dot.
    #[error("the name has an empty label")]
    EmptyLabel,
    /// A character that a host name cannot contain (after IDNA mapping), such
    /// as `_`, `/`, `:`, `@` or a space.
    #[error("`{0}` is not allowed in a domain name")]
    InvalidCharacter(char),
    /// A label that starts or ends with a hyphen, or has hyphens in its third
    /// and fourth positions without being an `xn--` label.
    #[error("the label `{0}` starts or ends with a hyphen, or has hyphens in its third and fourth positions")]
    MisplacedHyphen(String),
    /// A label longer than 63 octets in its ASCII form.
    #[error("a label is {octets} octets long in its ASCII form; at most 63 are allowed")]
    LabelTooLong {
        /// The length of the ASCII form of the label.
        octets: usize,
    },
    /// A name longer than 253 octets in its ASCII form.
    #[error("the name is {octets} octets long in its ASCII form; at most 253 are allowed")]
    NameTooLong {
        /// The length of the ASCII form of the name (or of the input, when
        /// it is too long to be processed).
        octets: usize,
    },
    /// UTS #46 processing failed: a code point that is not allowed, invalid
    /// punycode, or a bidirectional or joiner rule broken.
    #[error("the name is not a valid internationalized domain name (UTS #46)")]
    Idna,
}

impl DomainNameError {
    /// A short English phrase for the reason, e.g. `empty label`; findings
    /// carry it as their `reason` parameter.
    pub fn reason(&self) -> &'static str {
        match self {
            DomainNameError::Empty => "empty name",
            DomainNameError::EmptyLabel => "empty label",
            DomainNameError::InvalidCharacter(_) => "invalid character",
            DomainNameError::MisplacedHyphen(_) => "misplaced hyphen",
            DomainNameError::LabelTooLong { .. } => "label too long",
            DomainNameError::NameTooLong { .. } => "name too long",
            DomainNameError::Idna => "invalid internationalized name",
        }
    }
}

impl DomainName {
    /// Parses and normalises a domain name (see the type's documentation).
    ///
    /// # Errors
    ///
    /// A [`DomainNameError`] saying why the string is not a valid host name.
    pub fn parse(input: &str) -> Result<DomainName, DomainNameError> {
        let trimmed = input.trim();
        let trimmed = trimmed.strip_suffix(['.', '。', '．', '｡']).unwrap_or(trimmed);
        if trimmed.is_empty() {
            return Err(DomainNameError::Empty);
        }
        if trimmed.len() > MAX_INPUT_BYTES {
            return Err(DomainNameError::NameTooLong { octets: trimmed.len() });
        }
        let uts46 = Uts46::new();
        let ascii = match uts46.to_ascii(
            trimmed.as_bytes(),
            AsciiDenyList::EMPTY,
            Hyphens::Allow,
            DnsLength::Ignore,
        ) {
            Ok(ascii) => ascii,
            // Say which character is wrong when it is a plain ASCII one.
            Err(_) => return Err(invalid_ascii(trimmed).unwrap_or(DomainNameError::Idna)),
        };
        check_host_name(&ascii)?;
        let unicode = if ascii.split('.').any(|label| label.starts_with("xn--")) {
            let (unicode, result) = uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::EMPTY, Hyphens::Allow);
            if result.is_err() {
                return Err(DomainNameError::Idna);
            }
            Some(Box::from(unicode.as_ref()))
        } else {
            None
        };
        Ok(DomainName {
            ascii: Box::from(ascii.as_ref()),
            unicode,
        })
    }

    /// The ASCII form, with punycode (`xn--`) labels: `xn--fsqu00a.xn--fiqs8s`.
    pub fn as_ascii(&self) -> &str {
        &self.ascii
    }

    /// The Unicode form: `例子.中国` (the same as the ASCII form for a name
    /// without internationalized labels).
    pub fn as_unicode(&self) -> &str {
        self.unicode.as_deref().unwrap_or(&self.ascii)
    }

    /// Whether the name has internationalized (non-ASCII) labels.
    pub fn is_idn(&self) -> bool {
        self.unicode.is_some()
    }

    /// The labels, from the left, in their Unicode form.
    pub fn labels(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.as_unicode().split('.')
    }

    /// The number of labels (`www.example.cn` has 3).
    pub fn label_count(&self) -> usize {
        self.ascii.bytes().filter(|b| *b == b'.').count() + 1
    }

    /// Whether this name is `other` or a name below it: `www.example.cn` is
    /// under `example.cn` and under `cn`, but not under `ample.cn`.
    pub fn is_under(&self, other: &DomainName) -> bool {
        is_under(&self.ascii, &other.ascii)
    }

    /// The name made of the last `count` labels (`example.cn` for 2 of
    /// `www.example.cn`), or `None` when the name has fewer labels or
    /// `count` is 0.
    pub fn suffix(&self, count: usize) -> Option<DomainName> {
        let ascii = last_labels(&self.ascii, count)?;
        let unicode = match &self.unicode {
            Some(u) => last_labels(u, count).filter(|u| *u != ascii).map(Box::from),
            None => None,
        };
        Some(DomainName {
            ascii: Box::from(ascii),
            unicode,
        })
    }
}

/// Whether the ASCII name `name` is `parent` or below it.
pub(crate) fn is_under(name: &str, parent: &str) -> bool {
    name == parent || name.strip_suffix(parent).is_some_and(|rest| rest.ends_with('.'))
}

/// The last `count` labels of a dotted name, or `None` when it has fewer or
/// `count` is 0.
pub(crate) fn last_labels(name: &str, count: usize) -> Option<&str> {
    if count == 0 {
        return None;
    }
    let mut seen = 0;
    for (i, b) in name.bytes().enumerate().rev() {
        if b == b'.' {
            seen += 1;
            if seen == count {
                return name.get(i + 1..);
            }
        }
    }
    (seen + 1 == count).then_some(name)
}

/// The first ASCII character of `input` that a host name cannot contain,
/// as an error.
fn invalid_ascii(input: &str) -> Option<DomainNameError> {
    input
        .chars()
        .find(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
        .map(DomainNameError::InvalidCharacter)
}

/// Checks the ASCII form of a name against the host name rules.
fn check_host_name(ascii: &str) -> Result<(), DomainNameError> {
    for label in ascii.split('.') {
        if label.is_empty() {
            return Err(DomainNameError::EmptyLabel);
        }
        if let Some(c) = label
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(DomainNameError::InvalidCharacter(c));
        }
        let reserved = label.get(2..4) == Some("--") && !label.starts_with("xn--");
        if label.starts_with('-') || label.ends_with('-') || reserved {
            return Err(DomainNameError::MisplacedHyphen(label.to_owned()));
        }
        if label.len() > MAX_LABEL_OCTETS {
            return Err(DomainNameError::LabelTooLong { octets: label.len() });
        }
    }
    if ascii.len() > MAX_NAME_OCTETS {
        return Err(DomainNameError::NameTooLong { octets: ascii.len() });
    }
    Ok(())
}

impl FromStr for DomainName {
    type Err = DomainNameError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DomainName::parse(s)
    }
}

impl TryFrom<&str> for DomainName {
    type Error = DomainNameError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        DomainName::parse(s)
    }
}

impl fmt::Display for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_unicode())
    }
}

impl fmt::Debug for DomainName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.unicode {
            Some(unicode) => write!(f, "DomainName({unicode:?} = {:?})", self.ascii),
            None => write!(f, "DomainName({:?})", self.ascii),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<DomainName, DomainNameError> {
        DomainName::parse(s)
    }

    #[test]
    fn unicode_and_punycode_are_one_domain() {
        let unicode = parse("例子.中国").unwrap();
        let punycode = parse("xn--fsqu00a.xn--fiqs8s").unwrap();
        assert_eq!(unicode, punycode);
        assert_eq!(punycode.to_string(), "例子.中国");
        assert_eq!(unicode.as_ascii(), "xn--fsqu00a.xn--fiqs8s");
        assert!(unicode.is_idn());
        assert_eq!(parse("例子。中国").unwrap(), unicode);
        assert_eq!(parse("XN--FSQU00A.XN--FIQS8S").unwrap(), unicode);
    }

    #[test]
    fn case_trailing_dot_and_white_space_do_not_matter() {
        let name = parse("Example.COM").unwrap();
        assert_eq!(name.as_ascii(), "example.com");
        assert!(!name.is_idn());
        assert_eq!(parse(" example.com. ").unwrap(), name);
        assert_eq!(parse("\u{3000}ＥＸＡＭＰＬＥ．ｃｏｍ").unwrap(), name);
        assert_eq!(parse("example.com.."), Err(DomainNameError::EmptyLabel));
    }

    #[test]
    fn label_and_name_lengths_are_limited() {
        let label63 = "a".repeat(63);
        let label64 = "a".repeat(64);
        assert!(parse(&format!("{label63}.cn")).is_ok());
        assert_eq!(
            parse(&format!("{label64}.cn")),
            Err(DomainNameError::LabelTooLong { octets: 64 })
        );
        // 4 labels of 62 and 3 dots make 251 octets; then 253 and 254.
        let base = ["a".repeat(62), "b".repeat(62), "c".repeat(62), "d".repeat(62)].join(".");
        let name253 = format!("{base}.c");
        assert_eq!(name253.len(), 253);
        assert!(parse(&name253).is_ok());
        assert!(parse(&format!("{name253}.")).is_ok(), "the trailing dot does not count");
        let name254 = format!("{base}.cn");
        assert_eq!(parse(&name254), Err(DomainNameError::NameTooLong { octets: 254 }));
        assert!(matches!(
            parse(&"a".repeat(5000)),
            Err(DomainNameError::NameTooLong { .. })
        ));
        // A Unicode label counts by the length of its punycode: 18 distinct
        // characters make 59 octets, 20 make 66.
        let text = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往";
        let short: String = text.chars().take(18).collect();
        assert!(parse(&format!("{short}.cn")).is_ok());
        assert_eq!(
            parse(&format!("{text}.cn")),
            Err(DomainNameError::LabelTooLong { octets: 66 })
        );
    }

    #[test]
    fn host_name_rules() {
        for (input, error) in [
            ("", DomainNameError::Empty),
            ("  .", DomainNameError::Empty),
            (".example.com", DomainNameError::EmptyLabel),
            ("a..b", DomainNameError::EmptyLabel),
            ("a b.cn", DomainNameError::InvalidCharacter(' ')),
            ("http://a.cn", DomainNameError::InvalidCharacter(':')),
            ("a.cn/x", DomainNameError::InvalidCharacter('/')),
            ("-a.cn", DomainNameError::MisplacedHyphen("-a".into())),
            ("a-.cn", DomainNameError::MisplacedHyphen("a-".into())),
            ("ab--c.cn", DomainNameError::MisplacedHyphen("ab--c".into())),
            ("xn--zz.cn", DomainNameError::Idna),
        ] {
            assert_eq!(parse(input), Err(error), "{input:?}");
        }
        assert!(parse("a-b.cn").is_ok());
        assert!(parse("1.2.3.4").is_ok(), "digits are host name characters");
        assert!(parse("cn").is_ok());
    }

    #[test]
    fn suffixes_and_containment() {
        let name = parse("www.例子.中国").unwrap();
        assert_eq!(name.label_count(), 3);
        assert_eq!(name.labels().collect::<Vec<_>>(), ["www", "例子", "中国"]);
        let parent = name.suffix(2).unwrap();
        assert_eq!(parent.to_string(), "例子.中国");
        assert_eq!(parent, parse("例子.中国").unwrap());
        assert_eq!(name.suffix(3).unwrap(), name);
        assert_eq!(name.suffix(0), None);
        assert_eq!(name.suffix(4), None);
        assert_eq!(name.suffix(1).unwrap().as_unicode(), "中国");
        assert!(name.is_under(&parent));
        assert!(name.is_under(&name));
        assert!(!parent.is_under(&name));
        assert!(!parse("ample.cn").unwrap().is_under(&parse("example.cn").unwrap()));
        assert!(!parse("example.cn").unwrap().is_under(&parse("ample.cn").unwrap()));
        assert_eq!(last_labels("a.b.c", 2), Some("b.c"));
        assert_eq!(last_labels("a.b.c", 3), Some("a.b.c"));
        assert_eq!(last_labels("a.b.c", 4), None);
    }

    #[test]
    fn reasons_are_distinct() {
        let reasons = [
            DomainNameError::Empty,
            DomainNameError::EmptyLabel,
            DomainNameError::InvalidCharacter('_'),
            DomainNameError::MisplacedHyphen(String::new()),
            DomainNameError::LabelTooLong { octets: 64 },
            DomainNameError::NameTooLong { octets: 254 },
            DomainNameError::Idna,
        ]
        .map(|e| e.reason());
        let mut sorted = reasons.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), reasons.len());
    }
}
