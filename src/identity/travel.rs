//! Travel documents: passports and the mainland travel permits of Hong
//! Kong, Macao and Taiwan residents. None of them has a published check
//! algorithm, so only their shape is checked.

/// Why a string is not a travel document number of the expected shape.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TravelDocumentError {
    /// A mainland travel permit for Hong Kong and Macao residents is `H` or
    /// `M` and 8 digits (or 10 digits in the older booklets).
    #[error("a travel permit for Hong Kong and Macao residents is H or M and 8 digits (10 in older permits)")]
    HkMacaoTravelPermit,
    /// A mainland travel permit for Taiwan residents is 8 digits (the card
    /// since 2015), or 10 letters and digits (older and one-time permits).
    #[error("a travel permit for Taiwan residents is 8 digits (10 letters and digits in older permits)")]
    TaiwanTravelPermit,
    /// A passport number is 5 to 17 letters and digits, at least one of them
    /// a digit.
    #[error("a passport number is 5 to 17 letters and digits, with at least one digit")]
    Passport,
}

/// Upper-cases ASCII letters, drops surrounding white space; `None` if a
/// character is not an ASCII letter or digit.
fn alphanumeric(s: &str) -> Option<String> {
    let s = s.trim();
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric())
        .then(|| s.to_ascii_uppercase())
}

/// A mainland travel permit for Hong Kong and Macao residents (港澳居民来往
/// 内地通行证, 回乡证): `H` (Hong Kong) or `M` (Macao) and 8 digits on the
/// card issued since 2013, or 10 digits in the older booklets (the last two
/// counted the renewals).
///
/// ```
/// use beian::identity::HkMacaoTravelPermit;
///
/// let permit: HkMacaoTravelPermit = "h32031177".parse()?;
/// assert_eq!(permit.to_string(), "H32031177");
/// assert!(permit.is_hong_kong());
/// assert!("H13070119931030228X".parse::<HkMacaoTravelPermit>().is_err());
/// # Ok::<(), beian::identity::TravelDocumentError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct HkMacaoTravelPermit(String);

impl HkMacaoTravelPermit {
    /// Parses a permit number; a lower-case letter is accepted.
    ///
    /// # Errors
    ///
    /// [`TravelDocumentError::HkMacaoTravelPermit`].
    pub fn parse(s: &str) -> Result<HkMacaoTravelPermit, TravelDocumentError> {
        let number = alphanumeric(s).ok_or(TravelDocumentError::HkMacaoTravelPermit)?;
        let (letter, digits) = number.split_at(number.len().min(1));
        if matches!(letter, "H" | "M") && matches!(digits.len(), 8 | 10) && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(HkMacaoTravelPermit(number))
        } else {
            Err(TravelDocumentError::HkMacaoTravelPermit)
        }
    }

    /// Whether the holder is a Hong Kong resident (`H`); else Macao (`M`).
    pub fn is_hong_kong(&self) -> bool {
        self.0.starts_with('H')
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mainland travel permit for Taiwan residents (台湾居民来往大陆通行证,
/// 台胞证): 8 digits on the card issued since 2015; the older booklets and
/// the one-time permits have 10 letters and digits, which are accepted
/// with no further check.
///
/// ```
/// use beian::identity::TaiwanTravelPermit;
///
/// assert!("07257456".parse::<TaiwanTravelPermit>().is_ok());
/// assert!("F290299977".parse::<TaiwanTravelPermit>().is_ok());
/// assert!("1234567".parse::<TaiwanTravelPermit>().is_err());
/// # Ok::<(), beian::identity::TravelDocumentError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct TaiwanTravelPermit(String);

impl TaiwanTravelPermit {
    /// Parses a permit number.
    ///
    /// # Errors
    ///
    /// [`TravelDocumentError::TaiwanTravelPermit`].
    pub fn parse(s: &str) -> Result<TaiwanTravelPermit, TravelDocumentError> {
        let number = alphanumeric(s).ok_or(TravelDocumentError::TaiwanTravelPermit)?;
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        let ok = match number.len() {
            8 => digits == 8,
            10 => digits >= 8,
            _ => false,
        };
        if ok {
            Ok(TaiwanTravelPermit(number))
        } else {
            Err(TravelDocumentError::TaiwanTravelPermit)
        }
    }

    /// Whether this is the 8-digit card issued since 2015.
    pub fn is_card(&self) -> bool {
        self.0.len() == 8
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A passport number of any country: 5 to 17 letters and digits with at
/// least one digit (ICAO 9303 gives 9 characters to the document number and
/// lets longer numbers continue in the optional data; Chinese ordinary
/// passports are `E` and 8 characters). Spaces are not part of a number.
///
/// ```
/// use beian::identity::Passport;
///
/// assert_eq!("e12345678".parse::<Passport>()?.to_string(), "E12345678");
/// assert!("ABCDEFG".parse::<Passport>().is_err());
/// # Ok::<(), beian::identity::TravelDocumentError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Passport(String);

impl Passport {
    /// Parses a passport number.
    ///
    /// # Errors
    ///
    /// [`TravelDocumentError::Passport`].
    pub fn parse(s: &str) -> Result<Passport, TravelDocumentError> {
        let number = alphanumeric(s).ok_or(TravelDocumentError::Passport)?;
        if (5..=17).contains(&number.len()) && number.bytes().any(|b| b.is_ascii_digit()) {
            Ok(Passport(number))
        } else {
            Err(TravelDocumentError::Passport)
        }
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::privacy::identifier!(HkMacaoTravelPermit: TravelDocumentError, display as_str, debug certificate);
crate::privacy::identifier!(TaiwanTravelPermit: TravelDocumentError, display as_str, debug certificate);
crate::privacy::identifier!(Passport: TravelDocumentError, display as_str, debug certificate);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hk_macao_permits() {
        for ok in ["H32031177", "M12345678", "H1234567801", " h32031177 "] {
            assert!(HkMacaoTravelPermit::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "H3203117",
            "H123456789",
            "K32031177",
            "H3203117A",
            "32031177",
            "",
            "Ｈ32031177",
        ] {
            assert!(HkMacaoTravelPermit::parse(bad).is_err(), "{bad}");
        }
        assert!(!HkMacaoTravelPermit::parse("M12345678").unwrap().is_hong_kong());
    }

    #[test]
    fn taiwan_permits() {
        assert!(TaiwanTravelPermit::parse("12345678").unwrap().is_card());
        assert!(TaiwanTravelPermit::parse("1234567890").is_ok());
        for bad in ["1234567A", "ABCDEFGHIJ", "123456789", "12345678901"] {
            assert!(TaiwanTravelPermit::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passports() {
        for ok in ["E12345678", "EA1234567", "G12345678", "123456789", "C01X00T47"] {
            assert!(Passport::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["E123", "E 12345678", "护照12345", "ABCDEFGHI", "123456789012345678"] {
            assert!(Passport::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            format!("{:?}", Passport::parse("E12345678").unwrap()),
            "Passport(E1*****78)"
        );
    }
}
