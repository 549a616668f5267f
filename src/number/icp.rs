//! The ICP filing number (ICP备案号).

use std::fmt;

use super::ServiceKind;
use super::grammar::{Digits, Site};
use crate::province::Province;
/// An ICP filing number (ICP备案号): `京ICP备11018762号`, `粤ICP备08130115号-14`,
/// `辽ICP备2023009191号-2A`.
///
/// A province abbreviation (any official one, as written), `ICP备`, the
/// subject serial (主体序列号: 8 digits starting with the two-digit year,
/// or 10 digits starting with the four-digit year) and `号`; a website's,
/// app's or mini program's number adds `-` and its site serial (网站序列号,
/// 1 to 9999), with `A` for an app, `X` for a mini program, `K` for a quick
/// app. See the [module documentation](crate::number) for the sources and
/// for strict and lenient parsing.
///
/// ```
/// use beian::Province;
/// use beian::number::{IcpNumber, ServiceKind};
///
/// let n: IcpNumber = "蜀ICP备2026007879号-1".parse()?;
/// assert_eq!(n.province(), Province::Sichuan);
/// assert_eq!(n.abbreviation(), '蜀');
/// assert_eq!(n.year(), 2026);
/// assert_eq!(n.subject_serial(), "2026007879");
/// assert_eq!((n.site_serial(), n.service()), (Some(1), Some(ServiceKind::Website)));
/// assert_eq!(n.subject_number().to_string(), "蜀ICP备2026007879号");
///
/// let app: IcpNumber = "粤ICP备2026057758号-2A".parse()?;
/// assert_eq!(app.service(), Some(ServiceKind::App));
/// # Ok::<(), beian::number::NumberError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct IcpNumber {
    pub(crate) abbreviation: char,
    pub(crate) province: Province,
    pub(crate) subject: Digits,
    pub(crate) site: Option<Site>,
}

impl IcpNumber {
    /// The province whose communications administration issued the number.
    pub fn province(&self) -> Province {
        self.province
    }

    /// The province abbreviation as written, e.g. `蜀` or `川` for Sichuan.
    pub fn abbreviation(&self) -> char {
        self.abbreviation
    }

    /// The subject serial (主体序列号) as written, e.g. `11018762`.
    pub fn subject_serial(&self) -> &str {
        self.subject.as_str()
    }

    /// The year the subject was first approved, from its serial: the first
    /// four digits of a 10-digit serial, or 2000 plus the first two digits
    /// of an 8-digit one (`16059763` → 2016: a convention reported by third
    /// parties, which the real numbers in this crate's tests agree with).
    pub fn year(&self) -> u16 {
        if self.subject_serial().len() == 10 {
            self.subject.value_of_first(4) as u16
        } else {
            2000 + self.subject.value_of_first(2) as u16
        }
    }

    /// The site serial (网站序列号), when this is the number of a website,
    /// app or mini program rather than of the subject.
    pub fn site_serial(&self) -> Option<u16> {
        self.site.map(|s| s.serial)
    }

    /// What the number was issued for, from the letter after the site
    /// serial; `None` for the number of the subject (no site serial).
    pub fn service(&self) -> Option<ServiceKind> {
        self.site.map(|s| s.service)
    }

    /// The number of the subject (主体备案号): this number without its site serial.
    pub fn subject_number(&self) -> IcpNumber {
        IcpNumber { site: None, ..*self }
    }
}

impl fmt::Display for IcpNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}ICP备{}号", self.abbreviation, self.subject.as_str())?;
        match &self.site {
            Some(site) => site.fmt(f),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::{Normalization, NumberError, NumberKind};
    fn err(s: &str) -> NumberError {
        IcpNumber::parse(s).unwrap_err()
    }

    #[test]
    fn parses_subject_and_site_numbers() {
        let n = IcpNumber::parse("京ICP备16059763号-1").unwrap();
        assert_eq!(n.province(), Province::Beijing);
        assert_eq!(n.year(), 2016);
        assert_eq!(n.site_serial(), Some(1));
        assert_eq!(n.subject_number().to_string(), "京ICP备16059763号");
        assert_eq!(n.subject_number().service(), None);
        let n = IcpNumber::parse("藏ICP备05000064号").unwrap();
        assert_eq!((n.year(), n.subject_serial()), (2005, "05000064"));
        let n = IcpNumber::parse("苏ICP备2026036865号-1X").unwrap();
        assert_eq!(n.service(), Some(ServiceKind::MiniProgram));
        let n = IcpNumber::parse("京ICP备2026059598号-9999K").unwrap();
        assert_eq!(
            (n.site_serial(), n.service()),
            (Some(9999), Some(ServiceKind::QuickApp))
        );
    }

    #[test]
    fn refuses_malformed_numbers_with_a_reason() {
        assert_eq!(err(""), NumberError::Empty);
        assert_eq!(
            err("港ICP备11018762号"),
            NumberError::UnknownAbbreviation { found: '港' }
        );
        assert_eq!(
            err("京ICX备11018762号"),
            NumberError::Expected {
                expected: "`ICP备` or `ICP证`",
                found: Some('X'),
            }
        );
        assert_eq!(err("京网备11018762号"), NumberError::UnknownKind { abbreviation: '京' });
        assert_eq!(
            err("京ICP备号"),
            NumberError::Expected {
                expected: "the subject serial after `ICP备`",
                found: Some('号'),
            }
        );
        assert!(matches!(
            err("京ICP备110187621号"),
            NumberError::SubjectSerialLength { digits: 9, .. }
        ));
        assert!(matches!(err("京ICP备1921029425号"), NumberError::SerialYear { .. }));
        assert!(matches!(err("京ICP备11018762号-0"), NumberError::SiteSerial { .. }));
        assert!(matches!(err("京ICP备11018762号-01"), NumberError::SiteSerial { .. }));
        assert!(matches!(err("京ICP备11018762号-12345"), NumberError::SiteSerial { .. }));
        assert_eq!(err("京ICP备11018762号-1B"), NumberError::ServiceSuffix { found: 'B' });
        assert_eq!(
            err("京ICP备11018762号-1AB"),
            NumberError::TrailingText { text: "AB".into() }
        );
        assert_eq!(
            err("京ICP备11018762号-"),
            NumberError::TrailingText { text: "-".into() }
        );
        assert_eq!(
            err("京ICP备11018762号 京"),
            NumberError::TrailingText { text: "京".into() }
        );
        assert_eq!(
            err("京ICP证030173号"),
            NumberError::WrongKind {
                expected: NumberKind::IcpFiling,
                found: NumberKind::IcpLicense,
            }
        );
    }

    #[test]
    fn strict_parsing_names_the_canonical_form() {
        let NumberError::NotCanonical {
            canonical,
            normalizations,
        } = err("沪ICP备2021527689-3号")
        else {
            panic!()
        };
        assert_eq!(canonical, "沪ICP备2021527689号-3");
        assert_eq!(normalizations.iter().collect::<Vec<_>>(), [Normalization::MisplacedHao]);
        let NumberError::NotCanonical { normalizations, .. } = err("京ICP备11018762-1") else {
            panic!()
        };
        assert!(normalizations.contains(Normalization::MissingHao));
        assert_eq!(
            err("沪ICP备2021527689-3号").to_string(),
            "not in canonical form (`号` after the site serial): the canonical form is `沪ICP备2021527689号-3`"
        );
    }

    #[test]
    fn lenient_parsing_reads_what_people_write() {
        let cases: &[(&str, &str, &[Normalization])] = &[
            ("京ICP备11018762号", "京ICP备11018762号", &[]),
            (
                "  京ICP备11018762号 ",
                "京ICP备11018762号",
                &[Normalization::Whitespace],
            ),
            (
                "京ICP备１１０１８７６２号－１",
                "京ICP备11018762号-1",
                &[Normalization::FullWidth],
            ),
            ("京ＩＣＰ备11018762号", "京ICP备11018762号", &[Normalization::FullWidth]),
            (
                "京icp备11018762号-2a",
                "京ICP备11018762号-2A",
                &[Normalization::LowerCase],
            ),
            ("京ICP备11018762号–1", "京ICP备11018762号-1", &[Normalization::Dash]),
            ("（京ICP备11018762号）", "京ICP备11018762号", &[Normalization::Brackets]),
            ("【京ICP备11018762号】", "京ICP备11018762号", &[Normalization::Brackets]),
            ("京ICP备11018762", "京ICP备11018762号", &[Normalization::MissingHao]),
            ("京ICP备11018762-1", "京ICP备11018762号-1", &[Normalization::MissingHao]),
            (
                "滇ICP备09010050-5号",
                "滇ICP备09010050号-5",
                &[Normalization::MisplacedHao],
            ),
            (
                "京 ICP 备 11018762 号 - 1",
                "京ICP备11018762号-1",
                &[Normalization::Whitespace],
            ),
        ];
        for (text, canonical, norms) in cases {
            let n = IcpNumber::parse_lenient(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(n.number.to_string(), *canonical, "{text}");
            assert_eq!(n.normalizations.iter().collect::<Vec<_>>(), *norms, "{text}");
            assert_eq!(n.is_canonical(), norms.is_empty());
        }
        for bad in [
            "京ICP备1101876号",
            "京ICP备11018762号-1B",
            "京ICP备11018762号号",
            "ICP备11018762号",
        ] {
            assert!(IcpNumber::parse_lenient(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn serde_uses_the_canonical_text() {
        let n: IcpNumber = serde_json::from_str("\"粤ICP备08130115号-14\"").unwrap();
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"粤ICP备08130115号-14\"");
        assert!(serde_json::from_str::<IcpNumber>("\"粤ICP备08130115-14号\"").is_err());
        assert_eq!(format!("{n:?}"), "IcpNumber(粤ICP备08130115号-14)");
    }
}
