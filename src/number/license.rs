//! The ICP licence number (增值电信业务经营许可证编号).

use std::fmt;

use super::ServiceKind;
use super::grammar::{Digits, Site};
use crate::province::Province;
/// The number of a value-added telecommunications business licence
/// (增值电信业务经营许可证, "ICP证"), which an operating (经营性) service needs.
///
/// Three styles are read:
///
/// - the old style of the provinces: an abbreviation, `ICP证`, 6 or 7
///   digits and `号`: `京ICP证030173号`;
/// - the current style of the provinces: an abbreviation, the licence
///   categories, `-`, and 8 digits starting with the year: `粤B2-20090059`;
/// - cross-regional licences issued by MIIT, in the current style without
///   an abbreviation: `A2.B1.B2-20202637`.
///
/// A licence holder's websites, apps and mini programs carry the licence
/// number with a site serial, as filing numbers do: `粤B2-20090059-1626X`,
/// `京ICP证030173号-1`.
///
/// ```
/// use beian::Province;
/// use beian::number::{IcpLicenseNumber, LicenseCategory, ServiceKind};
///
/// let n: IcpLicenseNumber = "粤B2-20090059-1626X".parse()?;
/// assert_eq!(n.province(), Some(Province::Guangdong));
/// assert_eq!(n.categories().collect::<Vec<_>>(), [LicenseCategory::B2]);
/// assert_eq!((n.serial(), n.year()), ("20090059", Some(2009)));
/// assert_eq!((n.site_serial(), n.service()), (Some(1626), Some(ServiceKind::MiniProgram)));
///
/// let miit: IcpLicenseNumber = "A2.B1.B2-20202637".parse()?;
/// assert!(miit.is_cross_regional());
/// assert_eq!(miit.province(), None);
/// assert_eq!(miit.categories().count(), 3);
///
/// let old: IcpLicenseNumber = "京ICP证030173号".parse()?;
/// assert!(old.is_legacy());
/// assert_eq!((old.serial(), old.year()), ("030173", None));
/// # Ok::<(), beian::number::NumberError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IcpLicenseNumber {
    /// The abbreviation and province; `None` for MIIT.
    pub(crate) issuer: Option<(char, Province)>,
    /// The categories, as bits of [`LicenseCategory::bit`]; 0 for the old style.
    pub(crate) categories: u8,
    pub(crate) serial: Digits,
    pub(crate) site: Option<Site>,
}

impl IcpLicenseNumber {
    /// The province whose communications administration issued the
    /// licence; `None` for a cross-regional licence issued by MIIT.
    pub fn province(&self) -> Option<Province> {
        self.issuer.map(|(_, p)| p)
    }

    /// The province abbreviation as written; `None` for a cross-regional licence.
    pub fn abbreviation(&self) -> Option<char> {
        self.issuer.map(|(c, _)| c)
    }

    /// Whether MIIT issued the licence (跨地区增值电信业务经营许可证): the
    /// number has no province abbreviation.
    pub fn is_cross_regional(&self) -> bool {
        self.issuer.is_none()
    }

    /// Whether the number is in the old style, `京ICP证030173号`.
    pub fn is_legacy(&self) -> bool {
        self.categories == 0
    }

    /// The licence categories of a current-style number, in order
    /// (`A2.B1.B2` → A2, B1, B2); none for the old style.
    pub fn categories(&self) -> impl Iterator<Item = LicenseCategory> + use<> {
        let bits = self.categories;
        LicenseCategory::ALL.into_iter().filter(move |c| bits & c.bit() != 0)
    }

    /// The serial as written: 8 digits in the current style, 6 or 7 in the old.
    pub fn serial(&self) -> &str {
        self.serial.as_str()
    }

    /// The year the licence was issued, from the first four digits of a
    /// current-style serial (`20090059` → 2009); `None` for the old style,
    /// whose serial encodes no year that a source confirms.
    pub fn year(&self) -> Option<u16> {
        (!self.is_legacy()).then(|| self.serial.value_of_first(4) as u16)
    }

    /// The site serial, when this is the number of a website, app or mini
    /// program of the licence holder.
    pub fn site_serial(&self) -> Option<u16> {
        self.site.map(|s| s.serial)
    }

    /// What the number was issued for, from the letter after the site
    /// serial; `None` for the licence itself.
    pub fn service(&self) -> Option<ServiceKind> {
        self.site.map(|s| s.service)
    }
}

impl fmt::Display for IcpLicenseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some((c, _)) = self.issuer {
            write!(f, "{c}")?;
        }
        if self.is_legacy() {
            write!(f, "ICP证{}号", self.serial.as_str())?;
        } else {
            for (i, category) in self.categories().enumerate() {
                if i > 0 {
                    f.write_str(".")?;
                }
                f.write_str(category.as_str())?;
            }
            write!(f, "-{}", self.serial.as_str())?;
        }
        match &self.site {
            Some(site) => site.fmt(f),
            None => Ok(()),
        }
    }
}

/// A category of telecommunications business in a licence number, from
/// MIIT's catalogue of telecommunications services (电信业务分类目录):
/// `A` basic, `B` value-added services.
///
/// Provinces license value-added services only (the 电信条例 has MIIT
/// license basic services and cross-regional value-added ones), so a
/// number with a province abbreviation and an `A` category is refused.
/// These meanings come from the catalogue and the regulations, not from the
/// reference notes of this crate; the reference confirms the shapes `B2`
/// and `A2.B1.B2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum LicenseCategory {
    /// 第一类基础电信业务 (first class of basic services).
    A1,
    /// 第二类基础电信业务 (second class of basic services).
    A2,
    /// 第一类增值电信业务 (first class of value-added services, e.g. data centres).
    B1,
    /// 第二类增值电信业务 (second class of value-added services, incl. information services, B25).
    B2,
}

impl LicenseCategory {
    /// The four categories, in the order numbers list them.
    pub const ALL: [LicenseCategory; 4] = [
        LicenseCategory::A1,
        LicenseCategory::A2,
        LicenseCategory::B1,
        LicenseCategory::B2,
    ];

    /// The code as numbers write it: `A1`, `A2`, `B1`, `B2`.
    pub fn as_str(self) -> &'static str {
        match self {
            LicenseCategory::A1 => "A1",
            LicenseCategory::A2 => "A2",
            LicenseCategory::B1 => "B1",
            LicenseCategory::B2 => "B2",
        }
    }

    /// Whether the category is a basic telecommunications service (`A`).
    pub fn is_basic(self) -> bool {
        matches!(self, LicenseCategory::A1 | LicenseCategory::A2)
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }

    pub(crate) fn from_code(letter: char, digit: char) -> Option<LicenseCategory> {
        match (letter, digit) {
            ('A', '1') => Some(LicenseCategory::A1),
            ('A', '2') => Some(LicenseCategory::A2),
            ('B', '1') => Some(LicenseCategory::B1),
            ('B', '2') => Some(LicenseCategory::B2),
            _ => None,
        }
    }
}

impl fmt::Display for LicenseCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{Normalization, NumberError};
    fn err(s: &str) -> NumberError {
        IcpLicenseNumber::parse(s).unwrap_err()
    }

    #[test]
    fn parses_the_three_styles() {
        for s in [
            "京ICP证030173号",
            "京ICP证1900075号",
            "京ICP证030173号-1",
            "粤B2-20090059",
            "浙B2-20080224-1",
            "粤B2-20090059-1626X",
            "沪B1.B2-20150041",
            "A2.B1.B2-20202637",
            "B2-20090028",
        ] {
            let n = IcpLicenseNumber::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(n.to_string(), s);
        }
        let n = IcpLicenseNumber::parse("浙B2-20080224-1").unwrap();
        assert_eq!((n.site_serial(), n.service()), (Some(1), Some(ServiceKind::Website)));
    }

    #[test]
    fn refuses_malformed_licence_numbers() {
        assert!(matches!(
            err("京ICP证03017号"),
            NumberError::LicenseSerialLength { digits: 5, .. }
        ));
        assert!(matches!(
            err("粤B2-2009005"),
            NumberError::LicenseSerialLength { digits: 7, .. }
        ));
        assert!(matches!(err("粤B2-19990059"), NumberError::SerialYear { .. }));
        assert_eq!(
            err("粤B3-20090059"),
            NumberError::LicenseCategories { found: "B3".into() }
        );
        assert_eq!(
            err("B2.B1-20202637"),
            NumberError::LicenseCategories { found: "B2.B1".into() }
        );
        assert_eq!(
            err("B2.B2-20202637"),
            NumberError::LicenseCategories { found: "B2.B2".into() }
        );
        assert_eq!(
            err("A2.-20202637"),
            NumberError::LicenseCategories { found: "A2.".into() }
        );
        assert_eq!(
            err("粤A2.B1-20090059"),
            NumberError::ProvincialBasicService {
                category: LicenseCategory::A2
            }
        );
        assert_eq!(
            err("粤B2 20090059"),
            NumberError::Expected {
                expected: "`-` after the licence categories",
                found: Some('2'),
            }
        );
        assert_eq!(err("粤B2-20090059号"), NumberError::TrailingText { text: "号".into() });
        assert!(matches!(err("B2-"), NumberError::Expected { found: None, .. }));
    }

    #[test]
    fn lenient_licence_numbers() {
        let n = IcpLicenseNumber::parse_lenient("粤ｂ２－20090059").unwrap();
        assert_eq!(n.number.to_string(), "粤B2-20090059");
        let norms: Vec<_> = n.normalizations.iter().collect();
        assert_eq!(norms, [Normalization::FullWidth, Normalization::LowerCase]);
        let n = IcpLicenseNumber::parse_lenient("京ICP证030173").unwrap();
        assert!(n.normalizations.contains(Normalization::MissingHao));
        assert!(matches!(err("京ICP证030173"), NumberError::NotCanonical { .. }));
    }
}
