//! Filing numbers: the ICP filing number (ICP备案号), the ICP licence number
//! (增值电信业务经营许可证编号) and the public-security filing number
//! (公安联网备案号) that a site shows in its footer.
//!
//! ```
//! use beian::Province;
//! use beian::number::{FilingNumber, IcpNumber, NumberKind, ServiceKind};
//!
//! let n = IcpNumber::parse("粤ICP备08130115号-14")?;
//! assert_eq!(n.province(), Province::Guangdong);
//! assert_eq!(n.year(), 2008);
//! assert_eq!(n.subject_serial(), "08130115");
//! assert_eq!(n.site_serial(), Some(14));
//! assert_eq!(n.service(), Some(ServiceKind::Website));
//! assert_eq!(n.to_string(), "粤ICP备08130115号-14");
//!
//! // An app's, a mini program's and a quick app's numbers carry a letter.
//! for (text, kind) in [
//!     ("辽ICP备2023009191号-2A", ServiceKind::App),
//!     ("鄂ICP备2026013201号-3X", ServiceKind::MiniProgram),
//!     ("粤ICP备2024266252号-4K", ServiceKind::QuickApp),
//! ] {
//!     assert_eq!(IcpNumber::parse(text)?.service(), Some(kind));
//! }
//! assert_eq!(IcpNumber::parse("鄂ICP备2026013201号")?.service(), None); // the subject's
//!
//! let any = FilingNumber::parse("京公网安备11010502030143号")?;
//! assert_eq!(any.kind(), NumberKind::PublicSecurityFiling);
//! assert_eq!(any.province(), Some(Province::Beijing));
//! # Ok::<(), beian::number::NumberError>(())
//! ```
//!
//! # The numbers
//!
//! - [`IcpNumber`], the ICP filing number a site gets when its filing is
//!   approved: a province abbreviation, `ICP备`, the subject serial
//!   (主体序列号) and `号`, e.g. `京ICP备11018762号`; that is the number of
//!   the subject (主体备案号). A website's number (网站备案号) adds its site
//!   serial (网站序列号): `粤ICP备08130115号-14`. The subject serial has 8
//!   digits, the first two of them the year of the first approval
//!   (`16059763` → 2016), or, on newer numbers (seen from 2021), 10
//!   digits: the year and 6 digits (`2021029425`). Websites, apps, mini
//!   programs and quick apps of one subject share its serial, and the site
//!   serial of a service that is not a website ends in the letter of its
//!   kind ([`ServiceKind`], [`IcpNumber::service`]): `A` for an app
//!   (`辽ICP备2023009191号-2A`), `X` for a mini program
//!   (`苏ICP备2026036865号-1X`), `K` for a quick app (快应用,
//!   `粤ICP备2024266252号-4K`).
//! - [`IcpLicenseNumber`], the number of a value-added telecommunications
//!   licence that an operating (经营性) service needs: the old style
//!   `京ICP证030173号` (6 or 7 digits), the current style `粤B2-20090059`
//!   (a province, the licence categories, a year and 4 digits), and
//!   cross-regional licences issued by MIIT, which have no province:
//!   `A2.B1.B2-20202637`. A licence holder's sites and apps carry the
//!   licence number with a site serial, like filing numbers
//!   (`粤B2-20090059-1626X`, `京ICP证030173号-1`).
//! - [`PublicSecurityNumber`], the number of the public-security filing
//!   every site makes within 30 days of going live: a province
//!   abbreviation, `公网安备`, 14 digits and `号`, e.g.
//!   `京公网安备11010502030143号`. The first six digits are the
//!   administrative division code of the public-security office that took
//!   the filing, and must be in the abbreviation's province.
//!
//! [`FilingNumber`] is any of the three, for text whose kind is not known.
//!
//! # Strict and lenient parsing
//!
//! `parse` (and [`FromStr`](std::str::FromStr)) reads the canonical text
//! only, and refuses anything else with a [`NumberError`] that says why.
//! `parse_lenient` also reads what people write in footers and forms and
//! returns, with the number, the [`Normalizations`] it needed: full-width
//! forms (`１２３`, `ＩＣＰ`, `－`), lower-case letters, other dashes (`–`,
//! `—`), white space anywhere, brackets around the whole number, a missing
//! final `号`, and a `号` written after the site serial (`沪ICP备2021527689-3号`
//! for `沪ICP备2021527689号-3`). A text that only the lenient parser reads
//! fails strict parsing with [`NumberError::NotCanonical`], which names its
//! canonical form.
//!
//! ```
//! use beian::number::{IcpNumber, Normalization, NumberError};
//!
//! let lenient = IcpNumber::parse_lenient("滇ICP备09010050-5号")?;
//! assert_eq!(lenient.number.to_string(), "滇ICP备09010050号-5");
//! assert!(lenient.normalizations.contains(Normalization::MisplacedHao));
//!
//! let strict = IcpNumber::parse("滇ICP备09010050-5号").unwrap_err();
//! assert!(matches!(strict, NumberError::NotCanonical { .. }));
//! # Ok::<(), NumberError>(())
//! ```
//!
//! # Finding numbers in text
//!
//! [`find`] returns every number in a text (a page footer, say) with its
//! byte range; [`find_lenient`] also finds the variants the lenient parser
//! reads (white space is then allowed only before the serial, so that the
//! text after a number is never taken for part of it).
//!
//! ```
//! let footer = "©2026 腾讯 粤B2-20090059 粤公网安备44030502008569号 京ICP备11018762号";
//! let found: Vec<String> = beian::number::find(footer).map(|m| m.number().to_string()).collect();
//! assert_eq!(found, ["粤B2-20090059", "粤公网安备44030502008569号", "京ICP备11018762号"]);
//! ```
//!
//! # Province abbreviations
//!
//! The parsers accept every official one-character abbreviation of a
//! province ([`Province::abbreviations`](crate::Province::abbreviations),
//! including the alternates `蜀` and `川` for Sichuan, `陇` and `甘` for
//! Gansu, `黔` and `贵` for Guizhou, `滇` and `云` for Yunnan, `秦` and `陕`
//! for Shaanxi) and report the province; they need no rule set. Which of
//! them the numbers of a province actually use is rule data (the
//! `[identity]` of `rules/provinces/<slug>.toml`, read with
//! [`RuleSet::icp_abbreviations`](crate::RuleSet::icp_abbreviations) and
//! [`RuleSet::public_security_abbreviations`](crate::RuleSet::public_security_abbreviations)):
//! `黔ICP备` is in use, `贵ICP备` is not. The validator warns about a
//! number with an abbreviation that the rule data does not list
//! (`website.icp_number_abbreviation`); a caller can make the same check:
//!
//! ```
//! use beian::RuleSet;
//! use beian::number::IcpNumber;
//!
//! let rules = RuleSet::embedded();
//! let usual = |n: &IcpNumber| rules.icp_abbreviations(n.province()).contains(&n.abbreviation());
//! assert!(usual(&IcpNumber::parse("黔ICP备2021008357号")?));
//! assert!(!usual(&IcpNumber::parse("贵ICP备2021008357号")?));
//! # Ok::<(), beian::number::NumberError>(())
//! ```

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod error;
mod find;
mod grammar;
mod icp;
mod license;
mod public_security;

pub use error::NumberError;
pub use find::{Match, Matches, find, find_lenient};
pub use icp::IcpNumber;
pub use license::{IcpLicenseNumber, LicenseCategory};
pub use public_security::PublicSecurityNumber;

use crate::province::Province;
use grammar::Mode;

/// Implements the parsers, `FromStr`, `Debug` and serde of one kind of number.
macro_rules! number_type {
    ($ty:ident, $variant:ident, $kind:expr) => {
        impl $ty {
            /// Parses the canonical text of a number of this kind.
            ///
            /// # Errors
            ///
            /// A [`NumberError`] saying why the text is not one:
            /// [`NumberError::NotCanonical`] when only
            /// [`parse_lenient`](Self::parse_lenient) reads it,
            /// [`NumberError::WrongKind`] when it is a number of another kind.
            pub fn parse(text: &str) -> Result<$ty, NumberError> {
                let (number, _) = grammar::parse(text, Mode::Strict, Some($kind))?;
                Self::from_filing_number(number)
            }

            /// Parses a number of this kind as people write it (see the
            /// [module documentation](crate::number#strict-and-lenient-parsing)),
            /// returning it with what had to be normalised.
            ///
            /// # Errors
            ///
            /// A [`NumberError`] saying why the text is not one, even leniently.
            pub fn parse_lenient(text: &str) -> Result<Normalized<$ty>, NumberError> {
                let (number, normalizations) = grammar::parse(text, Mode::Lenient, Some($kind))?;
                Ok(Normalized {
                    number: Self::from_filing_number(number)?,
                    normalizations,
                })
            }

            fn from_filing_number(number: FilingNumber) -> Result<$ty, NumberError> {
                match number {
                    FilingNumber::$variant(n) => Ok(n),
                    other => Err(NumberError::WrongKind {
                        expected: $kind,
                        found: other.kind(),
                    }),
                }
            }
        }

        $crate::privacy::identifier!($ty: NumberError, debug plain);

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                $ty::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

number_type!(IcpNumber, Icp, NumberKind::IcpFiling);
number_type!(IcpLicenseNumber, License, NumberKind::IcpLicense);
number_type!(PublicSecurityNumber, PublicSecurity, NumberKind::PublicSecurityFiling);

/// Any of the three numbers a site shows in its footer.
///
/// ```
/// use beian::Province;
/// use beian::number::{FilingNumber, NumberKind};
///
/// for (text, kind, province) in [
///     ("京ICP备11018762号", NumberKind::IcpFiling, Some(Province::Beijing)),
///     ("京ICP证030173号", NumberKind::IcpLicense, Some(Province::Beijing)),
///     ("A2.B1.B2-20202637", NumberKind::IcpLicense, None),
///     ("川公网安备51010702001250号", NumberKind::PublicSecurityFiling, Some(Province::Sichuan)),
/// ] {
///     let n: FilingNumber = text.parse()?;
///     assert_eq!((n.kind(), n.province()), (kind, province));
///     assert_eq!(n.to_string(), text);
/// }
/// # Ok::<(), beian::number::NumberError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FilingNumber {
    /// An ICP filing number (ICP备案号).
    Icp(IcpNumber),
    /// An ICP licence number (经营许可证编号).
    License(IcpLicenseNumber),
    /// A public-security filing number (公安联网备案号).
    PublicSecurity(PublicSecurityNumber),
}

impl FilingNumber {
    /// Parses the canonical text of a number of any of the three kinds.
    ///
    /// # Errors
    ///
    /// A [`NumberError`] saying why the text is not a number;
    /// [`NumberError::NotCanonical`] when only
    /// [`parse_lenient`](Self::parse_lenient) reads it.
    pub fn parse(text: &str) -> Result<FilingNumber, NumberError> {
        grammar::parse(text, Mode::Strict, None).map(|(n, _)| n)
    }

    /// Parses a number of any kind as people write it (see the
    /// [module documentation](crate::number#strict-and-lenient-parsing)),
    /// returning it with what had to be normalised.
    ///
    /// ```
    /// use beian::number::{FilingNumber, Normalization};
    ///
    /// let n = FilingNumber::parse_lenient("浙公网安备 33010602011771")?;
    /// assert_eq!(n.number.to_string(), "浙公网安备33010602011771号");
    /// let found: Vec<Normalization> = n.normalizations.iter().collect();
    /// assert_eq!(found, [Normalization::Whitespace, Normalization::MissingHao]);
    /// # Ok::<(), beian::number::NumberError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`NumberError`] saying why the text is not a number, even leniently.
    pub fn parse_lenient(text: &str) -> Result<Normalized<FilingNumber>, NumberError> {
        grammar::parse(text, Mode::Lenient, None).map(|(number, normalizations)| Normalized { number, normalizations })
    }

    /// The kind of number.
    pub fn kind(&self) -> NumberKind {
        match self {
            FilingNumber::Icp(_) => NumberKind::IcpFiling,
            FilingNumber::License(_) => NumberKind::IcpLicense,
            FilingNumber::PublicSecurity(_) => NumberKind::PublicSecurityFiling,
        }
    }

    /// The province that issued the number; `None` for a cross-regional
    /// licence issued by MIIT.
    pub fn province(&self) -> Option<Province> {
        match self {
            FilingNumber::Icp(n) => Some(n.province()),
            FilingNumber::License(n) => n.province(),
            FilingNumber::PublicSecurity(n) => Some(n.province()),
        }
    }

    /// The province abbreviation the number starts with, as written; `None`
    /// for a cross-regional licence issued by MIIT.
    pub fn abbreviation(&self) -> Option<char> {
        match self {
            FilingNumber::Icp(n) => Some(n.abbreviation()),
            FilingNumber::License(n) => n.abbreviation(),
            FilingNumber::PublicSecurity(n) => Some(n.abbreviation()),
        }
    }
}

impl fmt::Display for FilingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilingNumber::Icp(n) => n.fmt(f),
            FilingNumber::License(n) => n.fmt(f),
            FilingNumber::PublicSecurity(n) => n.fmt(f),
        }
    }
}

crate::privacy::identifier!(FilingNumber: NumberError);

impl From<IcpNumber> for FilingNumber {
    fn from(n: IcpNumber) -> Self {
        FilingNumber::Icp(n)
    }
}

impl From<IcpLicenseNumber> for FilingNumber {
    fn from(n: IcpLicenseNumber) -> Self {
        FilingNumber::License(n)
    }
}

impl From<PublicSecurityNumber> for FilingNumber {
    fn from(n: PublicSecurityNumber) -> Self {
        FilingNumber::PublicSecurity(n)
    }
}

impl Serialize for FilingNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for FilingNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        FilingNumber::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// The kind of a [`FilingNumber`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum NumberKind {
    /// An ICP filing number (ICP备案号), `icp_filing`.
    IcpFiling,
    /// An ICP licence number (增值电信业务经营许可证编号), `icp_license`.
    IcpLicense,
    /// A public-security filing number (公安联网备案号), `public_security_filing`.
    PublicSecurityFiling,
}

impl NumberKind {
    /// The stable identifier: `icp_filing`, `icp_license` or `public_security_filing`.
    pub fn as_str(self) -> &'static str {
        match self {
            NumberKind::IcpFiling => "icp_filing",
            NumberKind::IcpLicense => "icp_license",
            NumberKind::PublicSecurityFiling => "public_security_filing",
        }
    }

    /// The Chinese name, e.g. `ICP备案号`.
    pub fn name_zh(self) -> &'static str {
        match self {
            NumberKind::IcpFiling => "ICP备案号",
            NumberKind::IcpLicense => "增值电信业务经营许可证编号",
            NumberKind::PublicSecurityFiling => "公安联网备案号",
        }
    }

    fn description(self) -> &'static str {
        match self {
            NumberKind::IcpFiling => "an ICP filing number",
            NumberKind::IcpLicense => "an ICP licence number",
            NumberKind::PublicSecurityFiling => "a public-security filing number",
        }
    }
}

impl fmt::Display for NumberKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for NumberKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// What a filing number with a site serial was issued for, from the letter
/// after the serial.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ServiceKind {
    /// A website: no letter (`京ICP备11018762号-1`).
    Website,
    /// An app (APP), `A`: `辽ICP备2023009191号-2A`.
    App,
    /// A mini program (小程序), `X`: `苏ICP备2026036865号-1X`.
    MiniProgram,
    /// A quick app (快应用), `K`: `粤ICP备2024266252号-4K` (Huawei Cloud's
    /// knowledge base gives the letter; this number is shown in a quick
    /// app's about page).
    QuickApp,
}

impl ServiceKind {
    /// The letter after the site serial, if any: `A`, `X` or `K`.
    pub fn suffix(self) -> Option<char> {
        match self {
            ServiceKind::Website => None,
            ServiceKind::App => Some('A'),
            ServiceKind::MiniProgram => Some('X'),
            ServiceKind::QuickApp => Some('K'),
        }
    }

    /// The stable identifier: `website`, `app`, `mini_program` or `quick_app`.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Website => "website",
            ServiceKind::App => "app",
            ServiceKind::MiniProgram => "mini_program",
            ServiceKind::QuickApp => "quick_app",
        }
    }

    fn from_suffix(c: char) -> Option<ServiceKind> {
        match c {
            'A' => Some(ServiceKind::App),
            'X' => Some(ServiceKind::MiniProgram),
            'K' => Some(ServiceKind::QuickApp),
            _ => None,
        }
    }
}

impl fmt::Display for ServiceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number read by a lenient parser, with what had to be normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Normalized<T> {
    /// The number.
    pub number: T,
    /// What the text needed to read as the number; empty when it was the
    /// canonical text.
    pub normalizations: Normalizations,
}

impl<T> Normalized<T> {
    /// Whether the text was the number's canonical text.
    pub fn is_canonical(&self) -> bool {
        self.normalizations.is_empty()
    }
}

/// One thing a lenient parser normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Normalization {
    /// Full-width forms read as ASCII: `１２３`, `ＩＣＰ`, `－`.
    FullWidth,
    /// White space removed (spaces, tabs, the ideographic space `　`).
    Whitespace,
    /// Lower-case letters read as upper case: `icp`, `b2`, `-1a`.
    LowerCase,
    /// Another dash read as `-`: `‐`, `‒`, `–`, `—`, `―`, `−`.
    Dash,
    /// Brackets around the whole number removed: `（京ICP备11018762号）`.
    Brackets,
    /// The `号` after the serial was missing and is added.
    MissingHao,
    /// The `号` was written after the site serial and is moved after the
    /// subject serial: `沪ICP备2021527689-3号` → `沪ICP备2021527689号-3`.
    MisplacedHao,
}

impl Normalization {
    /// Every normalisation, in the order [`Normalizations`] lists them.
    pub const ALL: [Normalization; 7] = [
        Normalization::FullWidth,
        Normalization::Whitespace,
        Normalization::LowerCase,
        Normalization::Dash,
        Normalization::Brackets,
        Normalization::MissingHao,
        Normalization::MisplacedHao,
    ];

    /// The stable identifier, e.g. `full_width`, `missing_hao`.
    pub fn as_str(self) -> &'static str {
        match self {
            Normalization::FullWidth => "full_width",
            Normalization::Whitespace => "whitespace",
            Normalization::LowerCase => "lower_case",
            Normalization::Dash => "dash",
            Normalization::Brackets => "brackets",
            Normalization::MissingHao => "missing_hao",
            Normalization::MisplacedHao => "misplaced_hao",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Normalization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Normalization::FullWidth => "full-width characters",
            Normalization::Whitespace => "white space",
            Normalization::LowerCase => "lower-case letters",
            Normalization::Dash => "a dash other than `-`",
            Normalization::Brackets => "brackets around the number",
            Normalization::MissingHao => "a missing `号`",
            Normalization::MisplacedHao => "`号` after the site serial",
        })
    }
}

/// A set of [`Normalization`]s.
///
/// ```
/// use beian::number::{IcpNumber, Normalization};
///
/// let n = IcpNumber::parse_lenient("川ICP备 ０９００３０７８号")?;
/// assert_eq!(n.normalizations.len(), 2);
/// assert!(n.normalizations.contains(Normalization::FullWidth));
/// assert_eq!(n.normalizations.to_string(), "full-width characters, white space");
/// # Ok::<(), beian::number::NumberError>(())
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Normalizations(u8);

impl Normalizations {
    /// The empty set.
    pub const EMPTY: Normalizations = Normalizations(0);

    /// Whether nothing was normalised.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many kinds of normalisation there were.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether `n` is in the set.
    pub fn contains(self, n: Normalization) -> bool {
        self.0 & n.bit() != 0
    }

    /// The normalisations, in the order of [`Normalization::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Normalization> {
        Normalization::ALL.into_iter().filter(move |n| self.contains(*n))
    }

    pub(crate) fn insert(&mut self, n: Normalization) {
        self.0 |= n.bit();
    }

    pub(crate) fn union(self, other: Normalizations) -> Normalizations {
        Normalizations(self.0 | other.0)
    }
}

impl FromIterator<Normalization> for Normalizations {
    fn from_iter<I: IntoIterator<Item = Normalization>>(iter: I) -> Self {
        let mut set = Normalizations::EMPTY;
        for n in iter {
            set.insert(n);
        }
        set
    }
}

impl fmt::Debug for Normalizations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl fmt::Display for Normalizations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, n) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            n.fmt(f)?;
        }
        Ok(())
    }
}
