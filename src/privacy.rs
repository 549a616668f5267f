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
}
