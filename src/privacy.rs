//! Masking of personal data, so that no certificate or phone number appears
//! in full in a report.
//!
//! Every finding that talks about a certificate or phone number shows it
//! through these functions. They are public so that callers can display the
//! numbers the same way.

/// Masks a certificate number, keeping a few characters at each end.
///
/// Numbers of 12 characters or more keep four at each end, numbers of 6 to 11
/// keep two, shorter ones keep nothing. Surrounding white space is dropped.
///
/// ```
/// use beian::privacy::mask_certificate;
///
/// assert_eq!(mask_certificate("330106199001010034"), "3301**********0034");
/// assert_eq!(mask_certificate("E12345678"), "E1*****78");
/// assert_eq!(mask_certificate("H1234"), "*****");
/// ```
pub fn mask_certificate(number: &str) -> String {
    let chars: Vec<char> = number.trim().chars().collect();
    let keep = match chars.len() {
        12.. => 4,
        6..=11 => 2,
        _ => 0,
    };
    mask(&chars, keep, keep)
}

/// Masks a phone number: the first three and last four digits of a number
/// of eight digits or more stay, everything else becomes `*`. Separators and
/// other non-digits are dropped first, and so is the country code `86` in
/// front of a mobile number.
///
/// ```
/// use beian::privacy::mask_phone;
///
/// assert_eq!(mask_phone("13812345678"), "138****5678");
/// assert_eq!(mask_phone("+86 138-1234-5678"), "138****5678");
/// assert_eq!(mask_phone("0571-87654321"), "057*****4321");
/// assert_eq!(mask_phone("12345"), "*****");
/// ```
pub fn mask_phone(number: &str) -> String {
    let mut digits: Vec<char> = number.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 13 && digits.starts_with(&['8', '6', '1']) {
        digits.drain(..2);
    }
    if digits.len() >= 8 {
        mask(&digits, 3, 4)
    } else {
        mask(&digits, 0, 0)
    }
}

/// Masks every phone number inside a text shown back to the user, such as
/// an e-mail address whose local part is a mobile number
/// (`13812345678@163.com`, common in China): each run of eight or more
/// digits is masked as [`mask_phone`] masks it.
///
/// ```
/// use beian::privacy::mask_phones_in;
///
/// assert_eq!(mask_phones_in("13812345678@163.com"), "138****5678@163.com");
/// assert_eq!(mask_phones_in("xiaoming2024@example.com"), "xiaoming2024@example.com");
/// ```
pub fn mask_phones_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.len() >= 8 {
            out.push_str(&mask_phone(digits));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

/// Implements the text of an identifier type: `FromStr` (by its `parse`),
/// `Display` and `Debug`, so that how an identifier is shown, and above all
/// that a personal number's `Debug` is masked, is written once.
///
/// ```text
/// identifier! { ResidentId: ResidentIdError, display as_str, debug certificate }
/// ```
///
/// - `display`: `as_str` writes `self.as_str()`; `(|n, f| …)` writes as the
///   closure says; left out, `Display` is written by hand.
/// - `debug`: `certificate` and `phone` write the type's name and its
///   `Display` text masked by [`mask_certificate`] or [`mask_phone`];
///   `plain` writes the name and the text unmasked (organisations' codes,
///   app identifiers, filing numbers: nothing personal); `(|n, f| …)` as the
///   closure says; left out, `Debug` is derived or written by hand.
macro_rules! identifier {
    ($t:ident: $err:ty $(, display $display:tt)? $(, debug $debug:tt)? $(,)?) => {
        impl std::str::FromStr for $t {
            type Err = $err;

            fn from_str(s: &str) -> Result<Self, $err> {
                $t::parse(s)
            }
        }
        $($crate::privacy::identifier!(@display $t $display);)?
        $($crate::privacy::identifier!(@debug $t $debug);)?
    };
    (@display $t:ident as_str) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    (@display $t:ident (|$n:ident, $f:ident| $body:expr)) => {
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let ($n, $f) = (self, f);
                $body
            }
        }
    };
    (@debug $t:ident certificate) => {
        impl std::fmt::Debug for $t {
            /// Masked, like everything this crate shows of a certificate number.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($t), $crate::privacy::mask_certificate(&self.to_string()))
            }
        }
    };
    (@debug $t:ident phone) => {
        impl std::fmt::Debug for $t {
            /// Masked, like everything this crate shows of a phone number.
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({})", stringify!($t), $crate::privacy::mask_phone(&self.to_string()))
            }
        }
    };
    (@debug $t:ident plain) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({self})", stringify!($t))
            }
        }
    };
    (@debug $t:ident (|$n:ident, $f:ident| $body:expr)) => {
        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                let ($n, $f) = (self, f);
                $body
            }
        }
    };
}

pub(crate) use identifier;

fn mask(chars: &[char], head: usize, tail: usize) -> String {
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i < head || i + tail >= n { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_a_number_in_full() {
        for n in [
            "1",
            "12",
            "1234567",
            "12345678901",
            "123456789012345678",
            "  44011320141005001x ",
        ] {
            let m = mask_certificate(n);
            assert_ne!(m, n.trim(), "{n}");
            assert!(m.contains('*') || m.is_empty());
            let p = mask_phone(n);
            assert!(p.contains('*'), "{n} -> {p}");
        }
    }

    #[test]
    fn identifiers_debug_masked() {
        use crate::identity::{HkMacaoTravelPermit, LandlineNumber, LegacyResidentId, MobileNumber, ResidentId, Uscc};
        let id: ResidentId = "330106199001010034".parse().unwrap();
        assert_eq!(format!("{id:?}"), "ResidentId(3301**********0034)");
        let old: LegacyResidentId = "150102880730303".parse().unwrap();
        assert_eq!(format!("{old:?}"), "LegacyResidentId(1501*******0303)");
        let permit: HkMacaoTravelPermit = "H32031177".parse().unwrap();
        assert_eq!(format!("{permit:?}"), "HkMacaoTravelPermit(H3*****77)");
        let mobile: MobileNumber = "13812345678".parse().unwrap();
        assert_eq!(format!("{mobile:?}"), "MobileNumber(138****5678)");
        let landline: LandlineNumber = "0571-87654321".parse().unwrap();
        assert_eq!(format!("{landline:?}"), "LandlineNumber(057*****4321)");
        let uscc: Uscc = "91350100M000100Y43".parse().unwrap();
        assert_eq!(format!("{uscc:?}"), "Uscc(91350100M000100Y43)");
    }
}
