//! Signing-certificate fingerprints (签名MD5值, SHA-1, SHA-256).

use std::fmt;

/// The digest a [`Fingerprint`] was computed with, told by its length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DigestAlgorithm {
    /// MD5: 16 bytes, 32 hexadecimal digits (Android's 签名MD5值).
    Md5,
    /// SHA-1: 20 bytes, 40 hexadecimal digits (iOS).
    Sha1,
    /// SHA-256: 32 bytes, 64 hexadecimal digits.
    Sha256,
}

impl DigestAlgorithm {
    /// Every algorithm, shortest digest first.
    pub const ALL: [DigestAlgorithm; 3] = [DigestAlgorithm::Md5, DigestAlgorithm::Sha1, DigestAlgorithm::Sha256];

    /// The length of the digest in bytes: 16, 20 or 32.
    pub fn byte_len(self) -> usize {
        match self {
            DigestAlgorithm::Md5 => 16,
            DigestAlgorithm::Sha1 => 20,
            DigestAlgorithm::Sha256 => 32,
        }
    }

    /// The stable identifier: `md5`, `sha1` or `sha256`.
    pub fn as_str(self) -> &'static str {
        match self {
            DigestAlgorithm::Md5 => "md5",
            DigestAlgorithm::Sha1 => "sha1",
            DigestAlgorithm::Sha256 => "sha256",
        }
    }

    fn from_digits(digits: usize) -> Option<DigestAlgorithm> {
        DigestAlgorithm::ALL.into_iter().find(|a| a.byte_len() * 2 == digits)
    }

    /// The algorithm a label names (`MD5`, `SHA1`, `SHA-1`, `sha256` …).
    fn from_label(label: &str) -> Option<DigestAlgorithm> {
        let label: String = label
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match label.as_str() {
            "md5" => Some(DigestAlgorithm::Md5),
            "sha1" => Some(DigestAlgorithm::Sha1),
            "sha256" => Some(DigestAlgorithm::Sha256),
            _ => None,
        }
    }
}

impl fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DigestAlgorithm::Md5 => "MD5",
            DigestAlgorithm::Sha1 => "SHA-1",
            DigestAlgorithm::Sha256 => "SHA-256",
        })
    }
}

/// Why a string is not a [`Fingerprint`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FingerprintError {
    /// Nothing but white space.
    #[error("the fingerprint is empty")]
    Empty,
    /// A character that is neither a hexadecimal digit nor a separator
    /// (`:`, white space).
    #[error("`{found}` is not a hexadecimal digit")]
    NotHex {
        /// The first such character.
        found: char,
    },
    /// A number of digits that is no digest's: 32 (MD5), 40 (SHA-1) and 64
    /// (SHA-256) are.
    #[error("{digits} hexadecimal digits: an MD5 fingerprint has 32, SHA-1 40 and SHA-256 64")]
    Length {
        /// The hexadecimal digits found.
        digits: usize,
    },
    /// The digest is not of the algorithm expected (by
    /// [`Fingerprint::parse_as`], or by a label such as `SHA1:` in the text).
    #[error("a {found} fingerprint, where {expected} is expected")]
    Algorithm {
        /// The algorithm expected.
        expected: DigestAlgorithm,
        /// The algorithm the digits are of.
        found: DigestAlgorithm,
    },
}

impl FingerprintError {
    /// A short, stable description of the problem, for messages and rule data.
    pub fn reason(&self) -> &'static str {
        match self {
            FingerprintError::Empty => "empty fingerprint",
            FingerprintError::NotHex { .. } => "not hexadecimal",
            FingerprintError::Length { .. } => "wrong number of digits",
            FingerprintError::Algorithm { .. } => "wrong algorithm",
        }
    }
}

/// The fingerprint of a signing certificate: an MD5, SHA-1 or SHA-256
/// digest, normalised.
///
/// Filing forms ask for it in hexadecimal (Android: the MD5 of the signing
/// certificate, iOS: its SHA-1), and tools print it in many ways: keytool
/// with colons (`88:74:26:…`), openssl with a label
/// (`md5 Fingerprint=55:9F:…`), Windows with spaces, in either case.
/// Parsing accepts all of them: colons and white space between the digits,
/// upper or lower case, and a leading label (`MD5:`, `SHA1`, `SHA-256:`,
/// `sha1 Fingerprint=`) that must then agree with the length. The algorithm
/// is told by the number of digits.
///
/// [`Display`](fmt::Display) writes the digits in upper case without
/// separators, as filing forms take them; the alternate form (`{:#}`)
/// writes them in pairs with colons, as keytool does.
///
/// ```
/// use beian::app::{DigestAlgorithm, Fingerprint, FingerprintError};
///
/// let sha1: Fingerprint = "SHA1: 1E:DE:35:DD:F8:D8:D5:CB:D3:4F:EB:79:B6:9E:DF:03:21:09:53:32".parse()?;
/// assert_eq!(sha1.algorithm(), DigestAlgorithm::Sha1);
/// assert_eq!(sha1.to_string(), "1EDE35DDF8D8D5CBD34FEB79B69EDF0321095332");
/// assert_eq!(sha1.as_bytes()[0], 0x1e);
///
/// // The same digest, written otherwise, is the same value.
/// assert_eq!(sha1, "1ede35ddf8d8d5cbd34feb79b69edf0321095332".parse()?);
///
/// assert_eq!(
///     Fingerprint::parse_as("1EDE35DDF8D8D5CBD34FEB79B69EDF0321095332", DigestAlgorithm::Md5),
///     Err(FingerprintError::Algorithm { expected: DigestAlgorithm::Md5, found: DigestAlgorithm::Sha1 })
/// );
/// assert_eq!("ABCD".parse::<Fingerprint>(), Err(FingerprintError::Length { digits: 4 }));
/// # Ok::<(), FingerprintError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint {
    algorithm: DigestAlgorithm,
    bytes: [u8; 32],
}

impl Fingerprint {
    /// Parses a fingerprint of any of the three algorithms (see the type's
    /// documentation for what is tolerated).
    ///
    /// # Errors
    ///
    /// A [`FingerprintError`] saying why the text is not a fingerprint.
    pub fn parse(s: &str) -> Result<Fingerprint, FingerprintError> {
        let text = s.trim();
        let (label, digits) = split_label(text);
        let fingerprint = Fingerprint::parse_digits(digits)?;
        if let Some(expected) = label
            && expected != fingerprint.algorithm
        {
            return Err(FingerprintError::Algorithm {
                expected,
                found: fingerprint.algorithm,
            });
        }
        Ok(fingerprint)
    }

    /// Parses a fingerprint that must be of `algorithm`.
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse), and [`FingerprintError::Algorithm`] for a
    /// digest of another algorithm.
    pub fn parse_as(s: &str, algorithm: DigestAlgorithm) -> Result<Fingerprint, FingerprintError> {
        let fingerprint = Fingerprint::parse(s)?;
        if fingerprint.algorithm == algorithm {
            Ok(fingerprint)
        } else {
            Err(FingerprintError::Algorithm {
                expected: algorithm,
                found: fingerprint.algorithm,
            })
        }
    }

    fn parse_digits(text: &str) -> Result<Fingerprint, FingerprintError> {
        let mut bytes = [0u8; 32];
        let mut digits = 0usize;
        for c in text.chars() {
            match c {
                ':' => {}
                c if c.is_whitespace() => {}
                // A hexadecimal digit of ASCII only: `to_digit` is.
                c => match c.to_digit(16) {
                    Some(d) => {
                        if let Some(byte) = bytes.get_mut(digits / 2) {
                            *byte |= (d as u8) << if digits.is_multiple_of(2) { 4 } else { 0 };
                        }
                        digits += 1;
                    }
                    None => return Err(FingerprintError::NotHex { found: c }),
                },
            }
        }
        if digits == 0 {
            return Err(FingerprintError::Empty);
        }
        let algorithm = DigestAlgorithm::from_digits(digits).ok_or(FingerprintError::Length { digits })?;
        Ok(Fingerprint { algorithm, bytes })
    }

    /// The digest algorithm, told by the length.
    pub fn algorithm(&self) -> DigestAlgorithm {
        self.algorithm
    }

    /// The digest's bytes (16, 20 or 32 of them).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.algorithm.byte_len()]
    }
}

/// Splits a leading algorithm label off a fingerprint: `MD5: …`,
/// `SHA-256 …`, `sha1 Fingerprint=…` (openssl) give the algorithm and the
/// rest; anything else is all digits.
fn split_label(text: &str) -> (Option<DigestAlgorithm>, &str) {
    let (head, rest) = match text.split_once('=') {
        Some((head, rest)) => (head.trim(), rest),
        None => {
            // `MD5:` or `SHA1 ` before the digits: a word of letters,
            // digits and `-`, ending with `:` or white space.
            let end = text.find(|c: char| c == ':' || c.is_whitespace()).unwrap_or(text.len());
            (&text[..end], text.get(end + 1..).unwrap_or_default())
        }
    };
    let word = head
        .strip_suffix("Fingerprint")
        .or_else(|| head.strip_suffix("fingerprint"))
        .unwrap_or(head)
        .trim();
    match DigestAlgorithm::from_label(word) {
        Some(a) => (Some(a), rest),
        None => (None, text),
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.as_bytes().iter().enumerate() {
            if f.alternate() && i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{b:02X}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({} {self})", self.algorithm)
    }
}

crate::privacy::identifier!(Fingerprint: FingerprintError);

#[cfg(test)]
mod tests {
    use super::*;

    /// The three fingerprints of one certificate, as keytool printed them in
    /// a public blog post (haomeiwen.com/subject/dwbqgqtx.html).
    const MD5: &str = "88:74:26:2E:0F:32:20:66:ED:52:8E:1F:B8:04:EA:70";
    const SHA1: &str = "1E:DE:35:DD:F8:D8:D5:CB:D3:4F:EB:79:B6:9E:DF:03:21:09:53:32";
    const SHA256: &str =
        "51:AC:CC:7B:5B:66:02:59:C5:50:41:7A:CA:CE:CD:EA:F9:93:CE:AC:55:4A:9A:F1:E0:30:D4:67:21:64:CC:69";

    #[test]
    fn real_keytool_fingerprints() {
        for (text, algorithm) in [
            (MD5, DigestAlgorithm::Md5),
            (SHA1, DigestAlgorithm::Sha1),
            (SHA256, DigestAlgorithm::Sha256),
        ] {
            let f = Fingerprint::parse(text).unwrap();
            assert_eq!(f.algorithm(), algorithm);
            assert_eq!(format!("{f:#}"), text);
            assert_eq!(f.to_string(), text.replace(':', ""));
            assert_eq!(f.as_bytes().len(), algorithm.byte_len());
        }
        // WeChat's open platform takes the MD5 without colons, in lower case.
        assert_eq!(
            Fingerprint::parse("8874262e0f322066ed528e1fb804ea70").unwrap(),
            Fingerprint::parse(MD5).unwrap()
        );
        // An iOS app's SHA-1, as its public filing notes give it.
        let ios = Fingerprint::parse("40B1CD46D7594201055BF282459090CE45B36B80").unwrap();
        assert_eq!(ios.algorithm(), DigestAlgorithm::Sha1);
    }

    #[test]
    fn labels_must_agree() {
        assert!(Fingerprint::parse(&format!("MD5: {MD5}")).is_ok());
        assert!(Fingerprint::parse(&format!("SHA-256: {SHA256}")).is_ok());
        assert!(Fingerprint::parse(&format!("sha1 Fingerprint={SHA1}")).is_ok());
        assert!(Fingerprint::parse(&format!("SHA1 {SHA1}")).is_ok());
        assert_eq!(
            Fingerprint::parse(&format!("SHA1: {MD5}")),
            Err(FingerprintError::Algorithm {
                expected: DigestAlgorithm::Sha1,
                found: DigestAlgorithm::Md5
            })
        );
    }

    #[test]
    fn malformed() {
        let err = |s: &str| Fingerprint::parse(s).unwrap_err();
        assert_eq!(err(""), FingerprintError::Empty);
        assert_eq!(err(" :: "), FingerprintError::Empty);
        assert_eq!(err("88:74:26:2G"), FingerprintError::NotHex { found: 'G' });
        assert_eq!(err("88-74"), FingerprintError::NotHex { found: '-' });
        assert_eq!(err(&MD5[3..]), FingerprintError::Length { digits: 30 });
        assert_eq!(err(&"A".repeat(200)), FingerprintError::Length { digits: 200 });
        assert_eq!(err("８８"), FingerprintError::NotHex { found: '８' });
        assert_eq!(
            err("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A"),
            FingerprintError::NotHex { found: 'M' }
        );
    }
}
