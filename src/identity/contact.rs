//! Contact data: mainland mobile numbers, landline numbers and e-mail
//! addresses, and the table of allocated mobile prefixes a rule set carries.

/// Why a string is not a phone number of the expected kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PhoneError {
    /// A mainland mobile number is 11 digits, `1` then `3`–`9`, after an
    /// optional `+86`, `0086` or `86`.
    #[error("a mainland mobile number is 11 digits starting with 13 to 19")]
    Mobile,
    /// A landline number is an area code (`010`, `02x`, or `0` and three
    /// digits) and a local number of 7 or 8 digits not starting with 0 or 1.
    #[error("a landline number is an area code and a local number of 7 or 8 digits")]
    Landline,
}

/// The digits of a phone number, kept on the stack: no phone number has
/// more than [`Digits::MAX`].
struct Digits {
    buf: [u8; Digits::MAX],
    start: usize,
    end: usize,
}

impl Digits {
    const MAX: usize = 24;

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[self.start..self.end]).unwrap_or_default()
    }

    fn strip_prefix(&mut self, prefix: &str) -> bool {
        let stripped = self.as_str().starts_with(prefix);
        if stripped {
            self.start += prefix.len();
        }
        stripped
    }
}

/// The digits of a phone number with spaces, hyphens and parentheses
/// dropped and a leading `+86`, `0086` or `(86)` removed; `None` if anything
/// else is left that is not a digit.
fn digits(s: &str) -> Option<(Digits, bool)> {
    let mut out = Digits {
        buf: [0; Digits::MAX],
        start: 0,
        end: 0,
    };
    let mut plus = false;
    let trimmed = s.trim();
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => {
                *out.buf.get_mut(out.end)? = c as u8;
                out.end += 1;
            }
            ' ' | '-' | '(' | ')' => {}
            '+' if i == 0 || (i == 1 && trimmed.starts_with('(')) => plus = true,
            _ => return None,
        }
    }
    let international = if plus {
        out.strip_prefix("86")
    } else {
        out.strip_prefix("0086")
    };
    match (international, plus) {
        (true, _) => Some((out, true)),
        (false, true) => None,
        (false, false) => Some((out, false)),
    }
}

/// A mainland China mobile number (手机号码): 11 digits, `1` and then `3`–`9`.
///
/// Parsing tolerates a country code (`+86`, `0086`, or `86` before 11
/// digits), spaces, hyphens and parentheses, and checks the shape only.
/// Whether the prefix is allocated to a carrier is rule data: see
/// [`MobilePrefixes`].
///
/// ```
/// use beian::identity::MobileNumber;
///
/// let m: MobileNumber = "+86 138-1234-5678".parse()?;
/// assert_eq!(m.to_string(), "13812345678");
/// assert_eq!(m.prefix(), "138");
/// assert!("1381234567".parse::<MobileNumber>().is_err());
/// assert!("12812345678".parse::<MobileNumber>().is_err());
/// # Ok::<(), beian::identity::PhoneError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MobileNumber([u8; 11]);

impl MobileNumber {
    /// Parses a mobile number.
    ///
    /// # Errors
    ///
    /// [`PhoneError::Mobile`].
    pub fn parse(s: &str) -> Result<MobileNumber, PhoneError> {
        let (mut number, international) = digits(s).ok_or(PhoneError::Mobile)?;
        if !international && number.as_str().len() == 13 && number.as_str().starts_with("861") {
            number.strip_prefix("86");
        }
        let bytes = number.as_str().as_bytes();
        if bytes.len() != 11 || bytes[0] != b'1' || !(b'3'..=b'9').contains(&bytes[1]) {
            return Err(PhoneError::Mobile);
        }
        let mut out = [0u8; 11];
        out.copy_from_slice(bytes);
        Ok(MobileNumber(out))
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The first three digits, e.g. `138`.
    pub fn prefix(&self) -> &str {
        self.as_str().get(..3).unwrap_or_default()
    }
}

crate::privacy::identifier!(MobileNumber: PhoneError, display as_str, debug phone);

/// A mainland landline number (固定电话): a long-distance area code (`010`,
/// `020`–`029`, or `0` and three digits) and a local number of 7 or 8 digits
/// that does not start with `0` or `1` (8 digits after a three-digit area
/// code). A country code (`+86`, `0086`) is tolerated, and the area code
/// then needs no leading `0`. The area code itself is not looked up.
///
/// ```
/// use beian::identity::LandlineNumber;
///
/// let n: LandlineNumber = "(0571) 8765 4321".parse()?;
/// assert_eq!(n.to_string(), "0571-87654321");
/// assert_eq!((n.area_code(), n.local_number()), ("0571", "87654321"));
/// assert_eq!("+86 10 6552 9988".parse::<LandlineNumber>()?.area_code(), "010");
/// assert!("87654321".parse::<LandlineNumber>().is_err()); // no area code
/// # Ok::<(), beian::identity::PhoneError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct LandlineNumber {
    digits: String,
    area: usize,
}

impl LandlineNumber {
    /// Parses a landline number.
    ///
    /// # Errors
    ///
    /// [`PhoneError::Landline`].
    pub fn parse(s: &str) -> Result<LandlineNumber, PhoneError> {
        let (digits, international) = digits(s).ok_or(PhoneError::Landline)?;
        let mut number = String::with_capacity(digits.as_str().len() + 1);
        if international {
            number.push('0');
        }
        number.push_str(digits.as_str());
        let b = number.as_bytes();
        let area = match b {
            [b'0', b'1', b'0', ..] | [b'0', b'2', _, ..] => 3,
            [b'0', b'3'..=b'9', _, _, ..] => 4,
            _ => return Err(PhoneError::Landline),
        };
        let local = &b[area..];
        let ok = match area {
            3 => local.len() == 8,
            _ => matches!(local.len(), 7 | 8),
        } && matches!(local.first(), Some(b'2'..=b'9'));
        if !ok {
            return Err(PhoneError::Landline);
        }
        Ok(LandlineNumber { digits: number, area })
    }

    /// The area code with its leading `0`, e.g. `0571`.
    pub fn area_code(&self) -> &str {
        self.digits.get(..self.area).unwrap_or_default()
    }

    /// The local number, e.g. `87654321`.
    pub fn local_number(&self) -> &str {
        self.digits.get(self.area..).unwrap_or_default()
    }

    /// All the digits, area code first.
    pub fn digits(&self) -> &str {
        &self.digits
    }
}

crate::privacy::identifier!(
    LandlineNumber: PhoneError,
    display(|n, f| write!(f, "{}-{}", n.area_code(), n.local_number())),
    debug phone,
);

/// Why a string is not an e-mail address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EmailError {
    /// Not one `@` between a local part and a domain.
    #[error("an e-mail address is a local part, `@` and a domain")]
    Shape,
    /// The local part is empty, longer than 64 characters, has a character
    /// outside the RFC 5322 atom characters, or a misplaced dot.
    #[error("the part before `@` is not a valid mailbox name")]
    LocalPart,
    /// The domain is not at least two dot-separated labels of letters,
    /// digits and hyphens.
    #[error("the part after `@` is not a domain name")]
    Domain,
}

/// An e-mail address (电子邮箱): an RFC 5322 dot-atom local part (ASCII, at
/// most 64 characters; quoted local parts are not accepted) and a domain of
/// at least two labels, which may be internationalised (`例子.中国`). The
/// domain is lower-cased; the address is not looked up.
///
/// ```
/// use beian::identity::EmailAddress;
///
/// let e: EmailAddress = "XiaoMing@Example.COM".parse()?;
/// assert_eq!(e.to_string(), "XiaoMing@example.com");
/// assert_eq!(e.domain(), "example.com");
/// assert!("xiaoming.example.com".parse::<EmailAddress>().is_err());
/// assert!("xiaoming@localhost".parse::<EmailAddress>().is_err());
/// # Ok::<(), beian::identity::EmailError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EmailAddress {
    address: String,
    at: usize,
}

impl EmailAddress {
    /// Parses an e-mail address; surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// The [`EmailError`] saying which part is wrong.
    pub fn parse(s: &str) -> Result<EmailAddress, EmailError> {
        let s = s.trim();
        let (local, domain) = s.split_once('@').ok_or(EmailError::Shape)?;
        if domain.contains('@') {
            return Err(EmailError::Shape);
        }
        let atom = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c);
        if local.is_empty()
            || local.len() > 64
            || local.starts_with('.')
            || local.ends_with('.')
            || local.contains("..")
            || !local.chars().all(|c| c == '.' || atom(c))
        {
            return Err(EmailError::LocalPart);
        }
        let domain: std::borrow::Cow<'_, str> = if domain.chars().any(char::is_uppercase) {
            domain.to_lowercase().into()
        } else {
            domain.into()
        };
        let label_ok = |l: &str| {
            !l.is_empty()
                && l.chars().count() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c == '-' || c.is_alphanumeric())
        };
        let tld_ok = domain
            .rsplit('.')
            .next()
            .is_some_and(|t| !t.chars().all(|c| c.is_ascii_digit()));
        if !domain.contains('.') || domain.len() > 253 || !domain.split('.').all(label_ok) || !tld_ok {
            return Err(EmailError::Domain);
        }
        let mut address = String::with_capacity(local.len() + 1 + domain.len());
        address.push_str(local);
        address.push('@');
        address.push_str(&domain);
        Ok(EmailAddress {
            address,
            at: local.len(),
        })
    }

    /// The address as text (domain lower-cased).
    pub fn as_str(&self) -> &str {
        &self.address
    }

    /// The part before `@`.
    pub fn local_part(&self) -> &str {
        self.address.get(..self.at).unwrap_or_default()
    }

    /// The domain, lower-cased.
    pub fn domain(&self) -> &str {
        self.address.get(self.at + 1..).unwrap_or_default()
    }
}

crate::privacy::identifier!(EmailAddress: EmailError, display as_str);

/// A block of mobile numbers: a prefix of 3 to 5 digits and what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MobilePrefix<'a> {
    /// The prefix, e.g. `138` or `1349`.
    pub prefix: &'a str,
    /// The carrier or group of carriers the rule data lists it under, e.g.
    /// `china_mobile`, `mvno`.
    pub carrier: &'a str,
    /// Whether the block is for data-only or IoT service, without voice,
    /// so that it cannot be a person's contact number.
    pub data_only: bool,
}

/// The mobile prefixes allocated in mainland China, from the rule data
/// (`rules/contacts.toml`); see [`RuleSet::mobile_prefixes`](crate::RuleSet::mobile_prefixes).
///
/// ```
/// use beian::identity::MobileNumber;
///
/// let rules = beian::RuleSet::embedded();
/// let prefixes = rules.mobile_prefixes();
/// let m: MobileNumber = "19212345678".parse()?;
/// assert_eq!(prefixes.lookup(&m).map(|p| p.carrier), Some("china_broadnet"));
/// let unallocated: MobileNumber = "19412345678".parse()?;
/// assert!(prefixes.lookup(&unallocated).is_none());
/// # Ok::<(), beian::identity::PhoneError>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct MobilePrefixes {
    /// (prefix, carrier, data only), sorted by prefix.
    blocks: Vec<(String, String, bool)>,
    /// The blocks' prefixes as numbers keyed by length (`key`), sorted, with
    /// the index of their block: what `lookup` searches.
    keys: Vec<(u32, usize)>,
}

/// A prefix of `n` digits as one number, distinct for every (length, digits).
fn key(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(digits.len() as u32, |k, d| k * 10 + u32::from(d - b'0'))
}

impl MobilePrefixes {
    /// Adds a block; an error says why the prefix cannot be one.
    pub(crate) fn add(&mut self, prefix: &str, carrier: &str, data_only: bool) -> Result<(), String> {
        let b = prefix.as_bytes();
        if !(3..=5).contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) || b[0] != b'1' {
            return Err(format!(
                "`{prefix}` is not a mobile prefix of 3 to 5 digits starting with 1"
            ));
        }
        match self.blocks.binary_search_by(|(p, _, _)| p.as_str().cmp(prefix)) {
            Ok(_) => Err(format!("the prefix `{prefix}` is listed twice")),
            Err(i) => {
                self.blocks
                    .insert(i, (prefix.to_owned(), carrier.to_owned(), data_only));
                self.keys = self
                    .blocks
                    .iter()
                    .enumerate()
                    .map(|(i, (p, _, _))| (key(p.as_bytes()), i))
                    .collect();
                self.keys.sort_unstable();
                Ok(())
            }
        }
    }

    /// The longest listed prefix of the number, if any.
    pub fn lookup(&self, number: &MobileNumber) -> Option<MobilePrefix<'_>> {
        let digits = number.as_str().as_bytes();
        (3..=5).rev().find_map(|n| {
            let wanted = key(digits.get(..n)?);
            let found = self.keys.binary_search_by_key(&wanted, |(k, _)| *k).ok()?;
            let (prefix, carrier, data_only) = self.blocks.get(self.keys.get(found)?.1)?;
            Some(MobilePrefix {
                prefix,
                carrier,
                data_only: *data_only,
            })
        })
    }

    /// Every block, ordered by prefix.
    pub fn iter(&self) -> impl Iterator<Item = MobilePrefix<'_>> {
        self.blocks.iter().map(|(prefix, carrier, data_only)| MobilePrefix {
            prefix,
            carrier,
            data_only: *data_only,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobile_numbers_tolerate_country_code_and_separators() {
        for ok in [
            "13812345678",
            "+8613812345678",
            "+86 138 1234 5678",
            "8613812345678",
            "008613812345678",
            "138-1234-5678",
            "(+86) 138 1234 5678",
        ] {
            assert_eq!(
                MobileNumber::parse(ok).map(|m| m.to_string()),
                Ok("13812345678".into()),
                "{ok}"
            );
        }
        for bad in [
            "1381234567",
            "138123456789",
            "23812345678",
            "12812345678",
            "+85213812345678",
            "138l2345678",
            "",
            "+",
        ] {
            assert!(MobileNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn landlines() {
        for (s, shown) in [
            ("0571-87654321", "0571-87654321"),
            ("010-65529988", "010-65529988"),
            ("0755 8600 1234", "0755-86001234"),
            ("0930-8234567", "0930-8234567"),
            ("+86-571-87654321", "0571-87654321"),
            ("0086 20 83331234", "020-83331234"),
        ] {
            assert_eq!(LandlineNumber::parse(s).map(|n| n.to_string()), Ok(shown.into()), "{s}");
        }
        for bad in [
            "87654321",
            "010-1234567",
            "0571-07654321",
            "0571-876543210",
            "13812345678",
            "400-800-8888",
            "0571-8765432x",
        ] {
            assert!(LandlineNumber::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_addresses() {
        for ok in [
            "a@b.cn",
            "first.last+tag@mail.example.com.cn",
            "x@例子.中国",
            "o'brien@example.ie",
        ] {
            assert!(EmailAddress::parse(ok).is_ok(), "{ok}");
        }
        for (bad, err) in [
            ("no-at.example.com", EmailError::Shape),
            ("a@b@c.cn", EmailError::Shape),
            ("@example.com", EmailError::LocalPart),
            (".a@example.com", EmailError::LocalPart),
            ("a..b@example.com", EmailError::LocalPart),
            ("王@example.com", EmailError::LocalPart),
            ("a b@example.com", EmailError::LocalPart),
            ("a@example", EmailError::Domain),
            ("a@-example.com", EmailError::Domain),
            ("a@example..com", EmailError::Domain),
            ("a@127.0.0.1", EmailError::Domain),
            ("a@exa_mple.com", EmailError::Domain),
        ] {
            assert_eq!(EmailAddress::parse(bad), Err(err), "{bad}");
        }
    }

    #[test]
    fn prefixes_match_the_longest() {
        let mut p = MobilePrefixes::default();
        p.add("134", "china_mobile", false).unwrap();
        p.add("1349", "china_telecom", false).unwrap();
        p.add("145", "china_unicom", true).unwrap();
        assert!(p.add("134", "x", false).is_err());
        assert!(p.add("13", "x", false).is_err());
        assert!(p.add("234", "x", false).is_err());
        let carrier = |s: &str| p.lookup(&MobileNumber::parse(s).unwrap()).map(|b| b.carrier);
        assert_eq!(carrier("13412345678"), Some("china_mobile"));
        assert_eq!(carrier("13492345678"), Some("china_telecom"));
        assert_eq!(carrier("13512345678"), None);
        assert!(
            p.lookup(&MobileNumber::parse("14512345678").unwrap())
                .unwrap()
                .data_only
        );
    }
}
