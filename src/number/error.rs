//! Why a text is not a filing number.

use super::{LicenseCategory, Normalizations, NumberKind};
use crate::province::Province;
/// The error returned when a text is not a filing number (of the kind asked
/// for), saying why.
///
/// ```
/// use beian::number::{IcpNumber, NumberError};
///
/// let err = IcpNumber::parse("京ICP备1101876号").unwrap_err();
/// assert!(matches!(err, NumberError::SubjectSerialLength { digits: 7, .. }));
/// assert_eq!(
///     err.to_string(),
///     "the subject serial `1101876` has 7 digits, not 8 (older numbers) or 10 (a four-digit year and 6 digits)"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumberError {
    /// The text is empty (or blank).
    #[error("the text is empty")]
    Empty,
    /// The text does not start with a province abbreviation (or, for a
    /// licence issued by MIIT, a licence category such as `B2`).
    #[error("`{found}` is not the one-character abbreviation of a province")]
    UnknownAbbreviation {
        /// The first character.
        found: char,
    },
    /// No kind of number follows the province abbreviation.
    #[error("expected `ICP备`, `ICP证`, `公网安备` or a licence category such as `B2` after `{abbreviation}`")]
    UnknownKind {
        /// The abbreviation read.
        abbreviation: char,
    },
    /// A part of the number is missing or something else is in its place.
    #[error("expected {expected}, found {}", found.map_or("the end of the text".to_owned(), |c| format!("`{c}`")))]
    Expected {
        /// What the grammar expected there.
        expected: &'static str,
        /// What it found, if anything.
        found: Option<char>,
    },
    /// A number of another kind than the one asked for.
    #[error("this is {}, not {}", found.description(), expected.description())]
    WrongKind {
        /// The kind asked for.
        expected: NumberKind,
        /// The kind of number the text is.
        found: NumberKind,
    },
    /// The subject serial of an ICP filing number has neither 8 nor 10 digits.
    #[error(
        "the subject serial `{serial}` has {digits} digits, not 8 (older numbers) or 10 (a four-digit year and 6 digits)"
    )]
    SubjectSerialLength {
        /// The serial as written.
        serial: String,
        /// How many digits it has.
        digits: usize,
    },
    /// A serial that starts with a four-digit year does not start with `20`.
    #[error("the serial `{serial}` does not start with a year from 2000 to 2099")]
    SerialYear {
        /// The serial as written.
        serial: String,
    },
    /// The `号` that ends the serial is missing.
    #[error("`号` is missing after the serial")]
    MissingHao,
    /// The `号` is written after the site serial (`沪ICP备2021527689-3号`)
    /// instead of right after the subject serial.
    #[error("`号` belongs right after the subject serial, before the site serial")]
    MisplacedHao,
    /// The site serial is not a number from 1 to 9999 written without
    /// leading zeros.
    #[error("the site serial `{serial}` is not a number from 1 to 9999 without leading zeros")]
    SiteSerial {
        /// The site serial as written.
        serial: String,
    },
    /// A letter after the site serial that is not a service suffix.
    #[error("`{found}` is not a service suffix (`A` marks an app, `X` a mini program and `K` a quick app)")]
    ServiceSuffix {
        /// The letter.
        found: char,
    },
    /// A licence serial of the wrong length.
    #[error("the licence serial `{serial}` has {digits} digits, not {expected}")]
    LicenseSerialLength {
        /// The serial as written.
        serial: String,
        /// How many digits it has.
        digits: usize,
        /// How many digits this style of licence number has.
        expected: &'static str,
    },
    /// The categories of a licence number are not a list of `A1`, `A2`,
    /// `B1`, `B2` in that order, separated by dots.
    #[error("`{found}` is not a list of licence categories such as `B2` or `A2.B1.B2`")]
    LicenseCategories {
        /// The text where the categories should be.
        found: String,
    },
    /// A licence number of a province with a basic telecommunications
    /// category, which only MIIT licenses.
    #[error("a province licenses value-added services only (`B1`, `B2`), not `{category}`")]
    ProvincialBasicService {
        /// The basic category.
        category: LicenseCategory,
    },
    /// A public-security filing number without exactly 14 digits.
    #[error("the public-security serial `{serial}` has {digits} digits, not 14")]
    PublicSecuritySerialLength {
        /// The digits as written.
        serial: String,
        /// How many digits it has.
        digits: usize,
    },
    /// The first two digits of a public-security number are not the code of
    /// a province.
    #[error("the region code `{code}` is not in a province")]
    UnknownRegion {
        /// The six-digit administrative division code.
        code: String,
    },
    /// The region code of a public-security number is in another province
    /// than its abbreviation.
    #[error("the region code `{code}` is in {region}, but `{abbreviation}` is the abbreviation of {province}")]
    RegionMismatch {
        /// The abbreviation.
        abbreviation: char,
        /// The province of the abbreviation.
        province: Province,
        /// The six-digit administrative division code.
        code: String,
        /// The province of the code.
        region: Province,
    },
    /// Text after a complete number.
    #[error("unexpected `{text}` after the number")]
    TrailingText {
        /// The text that follows (at most 20 characters of it).
        text: String,
    },
    /// Strict parsing: the text reads as a number only after normalisation.
    #[error("not in canonical form ({normalizations}): the canonical form is `{canonical}`")]
    NotCanonical {
        /// The number in canonical form.
        canonical: String,
        /// What the text needed.
        normalizations: Normalizations,
    },
}

impl NumberError {
    /// A stable identifier of the kind of error, for finding parameters.
    pub(crate) fn id(&self) -> &'static str {
        match self {
            NumberError::Empty => "number_empty",
            NumberError::UnknownAbbreviation { .. } => "number_unknown_abbreviation",
            NumberError::UnknownKind { .. } => "number_unknown_kind",
            NumberError::Expected { .. } => "number_expected",
            NumberError::WrongKind { .. } => "number_wrong_kind",
            NumberError::SubjectSerialLength { .. } => "number_subject_serial_length",
            NumberError::SerialYear { .. } => "number_serial_year",
            NumberError::MissingHao => "number_missing_hao",
            NumberError::MisplacedHao => "number_misplaced_hao",
            NumberError::SiteSerial { .. } => "number_site_serial",
            NumberError::ServiceSuffix { .. } => "number_service_suffix",
            NumberError::LicenseSerialLength { .. } => "number_license_serial_length",
            NumberError::LicenseCategories { .. } => "number_license_categories",
            NumberError::ProvincialBasicService { .. } => "number_provincial_basic_service",
            NumberError::PublicSecuritySerialLength { .. } => "number_public_security_serial_length",
            NumberError::UnknownRegion { .. } => "number_unknown_region",
            NumberError::RegionMismatch { .. } => "number_region_mismatch",
            NumberError::TrailingText { .. } => "number_trailing_text",
            NumberError::NotCanonical { .. } => "number_not_canonical",
        }
    }
}
