//! The public key of an app's signing certificate (公钥).

use std::fmt;

/// How a [`PublicKey`] was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PublicKeyEncoding {
    /// PEM: Base64 between `-----BEGIN PUBLIC KEY-----` and
    /// `-----END PUBLIC KEY-----` (or `RSA PUBLIC KEY`).
    Pem,
    /// Base64 without the PEM lines, e.g. `MIIBIjANBgkq…`.
    Base64,
    /// Hexadecimal: the DER bytes (`30820122…`) or an RSA modulus, as
    /// `openssl … -modulus` prints it.
    Hex,
}

impl PublicKeyEncoding {
    /// The stable identifier: `pem`, `base64` or `hex`.
    pub fn as_str(self) -> &'static str {
        match self {
            PublicKeyEncoding::Pem => "pem",
            PublicKeyEncoding::Base64 => "base64",
            PublicKeyEncoding::Hex => "hex",
        }
    }
}

/// Why a string is not a [`PublicKey`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PublicKeyError {
    /// Nothing but white space.
    #[error("the public key is empty")]
    Empty,
    /// A PEM block of a certificate or a private key, not of a public key.
    #[error("a PEM `{label}` block is not a public key")]
    PemLabel {
        /// The label of the block, e.g. `CERTIFICATE`.
        label: String,
    },
    /// A PEM block without its `-----END …-----` line.
    #[error("the PEM block has no END line")]
    PemEnd,
    /// Neither hexadecimal nor Base64.
    #[error("`{found}` is neither a hexadecimal nor a Base64 character")]
    Character {
        /// The first character that fits neither.
        found: char,
    },
    /// Base64 of a wrong length or with misplaced padding.
    #[error("the Base64 text is cut short or has misplaced padding")]
    Base64,
    /// Hexadecimal with an odd number of digits.
    #[error("an odd number of hexadecimal digits")]
    OddDigits,
    /// The length of a certificate fingerprint (16, 20 or 32 bytes): the
    /// fingerprint was given where the key belongs.
    #[error("{bytes} bytes is the length of a certificate fingerprint, not of a public key")]
    Fingerprint {
        /// The bytes decoded.
        bytes: usize,
    },
    /// Fewer bytes than the smallest key in use (64: a 512-bit modulus).
    #[error("{bytes} bytes is too short for a public key (at least 64)")]
    TooShort {
        /// The bytes decoded.
        bytes: usize,
    },
    /// The bytes start as a DER structure (`0x30`, a SEQUENCE) whose
    /// length does not match.
    #[error("the DER structure is malformed: its length does not match")]
    Der,
}

impl PublicKeyError {
    /// A short, stable description of the problem, for messages and rule data.
    pub fn reason(&self) -> &'static str {
        match self {
            PublicKeyError::Empty => "empty key",
            PublicKeyError::PemLabel { .. } => "not a public key block",
            PublicKeyError::PemEnd => "unterminated pem block",
            PublicKeyError::Character { .. } => "invalid character",
            PublicKeyError::Base64 => "invalid base64",
            PublicKeyError::OddDigits => "odd number of digits",
            PublicKeyError::Fingerprint { .. } => "a fingerprint",
            PublicKeyError::TooShort { .. } => "too short",
            PublicKeyError::Der => "malformed der",
        }
    }
}

/// The public key of an app's signing certificate, as filing forms take it
/// (公钥): PEM, Base64 of the DER `SubjectPublicKeyInfo`, or hexadecimal
/// (the DER bytes, or the RSA modulus).
///
/// Providers differ in the form they ask for (the key without its PEM
/// lines, or its modulus in hexadecimal), so all three are read. What is
/// checked: the text decodes; it is at least 64 bytes (a 512-bit modulus,
/// smaller than any signing key in use) and not the 16, 20 or 32 bytes of a
/// fingerprint pasted into the wrong field; bytes that start as a DER
/// SEQUENCE have the length they announce. The key itself is not verified.
///
/// ```
/// use beian::app::{PublicKey, PublicKeyEncoding, PublicKeyError};
///
/// let key: PublicKey = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCOWndMxB5RJ0CHXQLcLjGSATqbhMBs+DqwDlfC2kXFMrdaE9PHJTNV6ByhLwWjvDet9MoKl8skm7ZJrPAq6zS9v8Rb3RTM0nmkMnuj5ZY9SsDmLDAZ979ngrhH2u4wiFnCqLbkWdYq0BqN+LC5CxiK+DsrKtQwX3/2DpebHQ49BQIDAQAB".parse()?;
/// assert_eq!(key.encoding(), PublicKeyEncoding::Base64);
/// assert!(key.is_der());
/// assert_eq!(key.as_bytes().len(), 162);
///
/// assert_eq!(
///     PublicKey::parse("8874262E0F322066ED528E1FB804EA70"),
///     Err(PublicKeyError::Fingerprint { bytes: 16 })
/// );
/// # Ok::<(), PublicKeyError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    bytes: Box<[u8]>,
    encoding: PublicKeyEncoding,
}

impl PublicKey {
    /// Parses a public key.
    ///
    /// # Errors
    ///
    /// A [`PublicKeyError`] saying why the text is not one.
    pub fn parse(s: &str) -> Result<PublicKey, PublicKeyError> {
        let text = s.trim();
        if text.is_empty() {
            return Err(PublicKeyError::Empty);
        }
        let (body, pem) = match text.strip_prefix("-----BEGIN ") {
            Some(rest) => {
                let (label, rest) = rest.split_once("-----").ok_or(PublicKeyError::PemEnd)?;
                if label != "PUBLIC KEY" && label != "RSA PUBLIC KEY" {
                    return Err(PublicKeyError::PemLabel {
                        label: label.to_owned(),
                    });
                }
                let end = format!("-----END {label}-----");
                let body = rest
                    .trim_end()
                    .strip_suffix(end.as_str())
                    .ok_or(PublicKeyError::PemEnd)?;
                (body, true)
            }
            None => (text, false),
        };
        // Written as one run of characters (the usual case), the body is
        // decoded in place; else without its white space and colons.
        let spaced = body.bytes().any(|b| b.is_ascii_whitespace() || b == b':') || !body.is_ascii();
        let compact: std::borrow::Cow<'_, str> = if spaced {
            body.chars()
                .filter(|c| !c.is_whitespace() && *c != ':')
                .collect::<String>()
                .into()
        } else {
            body.into()
        };
        if compact.is_empty() {
            return Err(PublicKeyError::Empty);
        }
        let (bytes, encoding) = if !pem && compact.bytes().all(|b| b.is_ascii_hexdigit()) {
            (hex(&compact)?, PublicKeyEncoding::Hex)
        } else {
            let encoding = if pem {
                PublicKeyEncoding::Pem
            } else {
                PublicKeyEncoding::Base64
            };
            (base64(&compact)?, encoding)
        };
        match bytes.len() {
            16 | 20 | 32 => return Err(PublicKeyError::Fingerprint { bytes: bytes.len() }),
            n if n < 64 => return Err(PublicKeyError::TooShort { bytes: n }),
            _ => {}
        }
        if bytes.first() == Some(&0x30) && !der_length_matches(&bytes) {
            return Err(PublicKeyError::Der);
        }
        Ok(PublicKey {
            bytes: bytes.into(),
            encoding,
        })
    }

    /// How the key was written.
    pub fn encoding(&self) -> PublicKeyEncoding {
        self.encoding
    }

    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether the bytes are a DER structure (a `SubjectPublicKeyInfo`),
    /// rather than a bare modulus.
    pub fn is_der(&self) -> bool {
        self.bytes.first() == Some(&0x30)
    }
}

fn hex(digits: &str) -> Result<Vec<u8>, PublicKeyError> {
    if !digits.len().is_multiple_of(2) {
        return Err(PublicKeyError::OddDigits);
    }
    let value = |b: u8| char::from(b).to_digit(16).unwrap_or(0) as u8;
    Ok(digits
        .as_bytes()
        .chunks(2)
        .map(|pair| (value(pair[0]) << 4) | value(pair[1]))
        .collect())
}

fn base64(text: &str) -> Result<Vec<u8>, PublicKeyError> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' | b'-' => Some(62),
            b'/' | b'_' => Some(63),
            _ => None,
        }
    }
    if let Some(c) = text
        .chars()
        .find(|c| *c != '=' && !u8::try_from(*c).is_ok_and(|b| value(b).is_some()))
    {
        return Err(PublicKeyError::Character { found: c });
    }
    let data = text.trim_end_matches('=');
    let padding = text.len() - data.len();
    if padding > 2 || (padding > 0 && !text.len().is_multiple_of(4)) || data.len() % 4 == 1 {
        return Err(PublicKeyError::Base64);
    }
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in data.chars() {
        let v = u8::try_from(c)
            .ok()
            .and_then(value)
            .ok_or(PublicKeyError::Character { found: c })?;
        buffer = (buffer << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

/// Whether a DER SEQUENCE's announced length is the rest of the bytes.
fn der_length_matches(bytes: &[u8]) -> bool {
    let Some(&first) = bytes.get(1) else { return false };
    let (length, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 || bytes.len() < 2 + n {
            return false;
        }
        let length = bytes[2..2 + n]
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (length, 2 + n)
    };
    header + length == bytes.len()
}

impl fmt::Display for PublicKey {
    /// The key in its encoding, without white space or PEM lines
    /// (hexadecimal in upper case).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.encoding {
            PublicKeyEncoding::Hex => self.bytes.iter().try_for_each(|b| write!(f, "{b:02X}")),
            PublicKeyEncoding::Pem | PublicKeyEncoding::Base64 => {
                const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                for chunk in self.bytes.chunks(3) {
                    let n = chunk.iter().fold(0u32, |acc, b| (acc << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
                    for i in 0..4 {
                        if i <= chunk.len() {
                            let index = ((n >> (18 - 6 * i)) & 63) as usize;
                            write!(f, "{}", char::from(ALPHABET[index]))?;
                        } else {
                            f.write_str("=")?;
                        }
                    }
                }
                Ok(())
            }
        }
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({}, {} bytes)", self.encoding.as_str(), self.bytes.len())
    }
}

crate::privacy::identifier!(PublicKey: PublicKeyError);

#[cfg(test)]
mod tests {
    use super::*;

    /// A real 1024-bit RSA `SubjectPublicKeyInfo`, published as a merchant
    /// key in a public SDK's constants.
    const SPKI: &str = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCOWndMxB5RJ0CHXQLcLjGSATqbhMBs+DqwDlfC2kXFMrdaE9PHJTNV6ByhLwWjvDet9MoKl8skm7ZJrPAq6zS9v8Rb3RTM0nmkMnuj5ZY9SsDmLDAZ979ngrhH2u4wiFnCqLbkWdYq0BqN+LC5CxiK+DsrKtQwX3/2DpebHQ49BQIDAQAB";

    #[test]
    fn the_three_encodings_of_one_key() {
        let base64 = PublicKey::parse(SPKI).unwrap();
        assert_eq!(base64.to_string(), SPKI);
        let wrapped: String = SPKI
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n");
        let pem = PublicKey::parse(&format!(
            "-----BEGIN PUBLIC KEY-----\n{wrapped}\n-----END PUBLIC KEY-----\n"
        ))
        .unwrap();
        assert_eq!(pem.encoding(), PublicKeyEncoding::Pem);
        assert_eq!(pem.as_bytes(), base64.as_bytes());
        let hex: String = base64.as_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert!(hex.starts_with("30819f300d06092a864886f70d010101"));
        let from_hex = PublicKey::parse(&hex).unwrap();
        assert_eq!(from_hex.encoding(), PublicKeyEncoding::Hex);
        assert_eq!(from_hex.as_bytes(), base64.as_bytes());
        assert_eq!(from_hex.to_string(), hex.to_uppercase());
    }

    #[test]
    fn a_modulus_in_hexadecimal() {
        // The modulus inside the key above: 129 bytes with its sign byte.
        let key = PublicKey::parse(SPKI).unwrap();
        let modulus: String = key.as_bytes()[28..157].iter().map(|b| format!("{b:02X}")).collect();
        let parsed = PublicKey::parse(&modulus).unwrap();
        assert!(!parsed.is_der());
        assert_eq!(parsed.as_bytes().len(), 129);
    }

    #[test]
    fn mistakes() {
        let err = |s: &str| PublicKey::parse(s).unwrap_err();
        assert_eq!(err("  "), PublicKeyError::Empty);
        assert_eq!(
            err("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
            PublicKeyError::PemLabel {
                label: "CERTIFICATE".into()
            }
        );
        assert_eq!(
            err(&format!("-----BEGIN PUBLIC KEY-----\n{SPKI}")),
            PublicKeyError::PemEnd
        );
        assert_eq!(err("MIIB…"), PublicKeyError::Character { found: '…' });
        assert_eq!(err(&SPKI[..SPKI.len() - 1]), PublicKeyError::Der);
        assert_eq!(err(&format!("{SPKI}=")), PublicKeyError::Base64);
        assert_eq!(err("abc"), PublicKeyError::OddDigits);
        assert_eq!(
            err("1EDE35DDF8D8D5CBD34FEB79B69EDF0321095332"),
            PublicKeyError::Fingerprint { bytes: 20 }
        );
        assert_eq!(err(&"AB".repeat(40)), PublicKeyError::TooShort { bytes: 40 });
        // A DER SEQUENCE whose length is wrong.
        assert_eq!(err(&format!("3081{}", "00".repeat(70))), PublicKeyError::Der);
    }
}
