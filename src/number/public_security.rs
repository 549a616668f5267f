//! The public-security filing number (公安联网备案号).

use std::fmt;

use super::grammar::Digits;
use crate::province::Province;
/// A public-security filing number (公安联网备案号): `京公网安备11010502030143号`.
///
/// A province abbreviation (both `贵` and `黔` occur for Guizhou), `公网安备`,
/// the 14-digit record code and `号`. The record code starts with the
/// six-digit administrative division code of the public-security office
/// that took the filing, which must be in the abbreviation's province
/// (`川公网安备44…` is refused); whether the county-level code exists is
/// not checked. The record code is also what the links of
/// beian.mps.gov.cn carry (`recordcode=…`).
///
/// ```
/// use beian::Province;
/// use beian::number::{NumberError, PublicSecurityNumber};
///
/// let n: PublicSecurityNumber = "粤公网安备44030502008569号".parse()?;
/// assert_eq!(n.province(), Province::Guangdong);
/// assert_eq!(n.division_code(), "440305");
/// assert_eq!(n.record_code(), "44030502008569");
///
/// let err = PublicSecurityNumber::parse("川公网安备44030502008569号").unwrap_err();
/// assert!(matches!(err, NumberError::RegionMismatch { region: Province::Guangdong, .. }));
/// # Ok::<(), NumberError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicSecurityNumber {
    pub(crate) abbreviation: char,
    pub(crate) province: Province,
    pub(crate) record_code: Digits,
}

impl PublicSecurityNumber {
    /// The province of the abbreviation and of the record code.
    pub fn province(&self) -> Province {
        self.province
    }

    /// The province abbreviation as written, e.g. `贵` or `黔` for Guizhou.
    pub fn abbreviation(&self) -> char {
        self.abbreviation
    }

    /// The 14 digits, e.g. `11010502030143`.
    pub fn record_code(&self) -> &str {
        self.record_code.as_str()
    }

    /// The first six digits: the administrative division code of the
    /// public-security office that took the filing, e.g. `110105`.
    pub fn division_code(&self) -> &str {
        self.record_code().get(..6).unwrap_or_default()
    }
}

impl fmt::Display for PublicSecurityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}公网安备{}号", self.abbreviation, self.record_code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{Normalization, NumberError};
    fn err(s: &str) -> NumberError {
        PublicSecurityNumber::parse(s).unwrap_err()
    }

    #[test]
    fn both_abbreviations_of_guizhou() {
        for s in ["贵公网安备52010202000001号", "黔公网安备52010202000001号"] {
            let n = PublicSecurityNumber::parse(s).unwrap();
            assert_eq!(n.province(), Province::Guizhou);
            assert_eq!(n.to_string(), s);
        }
    }

    #[test]
    fn refuses_malformed_numbers() {
        assert!(matches!(
            err("京公网安备1101050203014号"),
            NumberError::PublicSecuritySerialLength { digits: 13, .. }
        ));
        assert_eq!(
            err("京公网安备99010502030143号"),
            NumberError::UnknownRegion { code: "990105".into() }
        );
        assert_eq!(
            err("京公网安备31010702009578号"),
            NumberError::RegionMismatch {
                abbreviation: '京',
                province: Province::Beijing,
                code: "310107".into(),
                region: Province::Shanghai,
            }
        );
        assert_eq!(
            err("京公安备11010502030143号"),
            NumberError::Expected {
                expected: "`公网安备`",
                found: Some('安'),
            }
        );
        let NumberError::NotCanonical {
            canonical,
            normalizations,
        } = err("浙公网安备33010602011771")
        else {
            panic!()
        };
        assert_eq!(canonical, "浙公网安备33010602011771号");
        assert!(normalizations.contains(Normalization::MissingHao));
    }
}
