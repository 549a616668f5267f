//! Organisation identifiers: the unified social credit code (统一社会信用代码,
//! GB 32100-2015) and the organisation code (组织机构代码, GB 11714-1997)
//! it replaced.

use std::fmt;

use super::region::RegionCode;
use crate::province::Province;
/// The 31 characters of a credit code (digits and capitals without I, O, Z,
/// S and V), in the order of their values.
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|v| v as u32)
}

/// The check character of the first 17 characters of a credit code
/// (weights 3^i mod 31), `None` if one is outside the alphabet.
fn uscc_check_character(chars: &[u8]) -> Option<char> {
    let mut sum = 0;
    let mut weight = 1;
    for &c in chars.get(..17)? {
        sum += value(c)? * weight;
        weight = weight * 3 % 31;
    }
    Some(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]))
}

/// The registration authority (登记管理部门) of a credit code: its first
/// character (GB 32100-2015, table 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RegistrationAuthority {
    /// `1` 机构编制: government organs, public institutions, some mass organisations.
    Establishment,
    /// `2` 外交: foreign news agencies.
    ForeignAffairs,
    /// `3` 司法行政: law firms, notaries, judicial appraisal, arbitration.
    Justice,
    /// `4` 文化: foreign cultural centres.
    Culture,
    /// `5` 民政: social organisations, private non-enterprise units, foundations.
    CivilAffairs,
    /// `6` 旅游: representative offices of foreign tourism authorities.
    Tourism,
    /// `7` 宗教: religious venues and colleges.
    Religion,
    /// `8` 工会: trade unions.
    TradeUnion,
    /// `9` 工商 (now 市场监管): enterprises, individual businesses, cooperatives.
    MarketRegulation,
    /// `A` 中央军委改革和编制办公室: military public institutions.
    Military,
    /// `N` 农业: rural collective economic organisations.
    Agriculture,
    /// `Y` 其他: other registration authorities.
    Other,
}

impl RegistrationAuthority {
    const ALL: [(u8, RegistrationAuthority, &'static str, &'static str); 12] = [
        (
            b'1',
            RegistrationAuthority::Establishment,
            "机构编制",
            "establishment office",
        ),
        (b'2', RegistrationAuthority::ForeignAffairs, "外交", "foreign affairs"),
        (
            b'3',
            RegistrationAuthority::Justice,
            "司法行政",
            "justice administration",
        ),
        (b'4', RegistrationAuthority::Culture, "文化", "culture"),
        (b'5', RegistrationAuthority::CivilAffairs, "民政", "civil affairs"),
        (b'6', RegistrationAuthority::Tourism, "旅游", "tourism"),
        (b'7', RegistrationAuthority::Religion, "宗教", "religious affairs"),
        (b'8', RegistrationAuthority::TradeUnion, "工会", "trade unions"),
        (
            b'9',
            RegistrationAuthority::MarketRegulation,
            "工商",
            "market regulation",
        ),
        (
            b'A',
            RegistrationAuthority::Military,
            "中央军委改革和编制办公室",
            "military establishment office",
        ),
        (b'N', RegistrationAuthority::Agriculture, "农业", "agriculture"),
        (b'Y', RegistrationAuthority::Other, "其他", "other"),
    ];

    fn from_char(c: u8) -> Option<RegistrationAuthority> {
        Self::ALL.iter().find(|a| a.0 == c).map(|a| a.1)
    }

    fn row(self) -> &'static (u8, RegistrationAuthority, &'static str, &'static str) {
        &Self::ALL[self as usize]
    }

    /// The code character, e.g. `9`.
    pub fn code(self) -> char {
        char::from(self.row().0)
    }

    /// The Chinese name, e.g. `工商`.
    pub fn name_zh(self) -> &'static str {
        self.row().2
    }

    /// An English name, e.g. `market regulation`.
    pub fn name_en(self) -> &'static str {
        self.row().3
    }
}

/// The organisation type (机构类别) of a credit code: its first two
/// characters, registration authority and type (GB 32100-2015, table 1),
/// e.g. `91` enterprise, `92` individual business, `12` public institution.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OrganisationType(usize);

/// (code, Chinese name, English name).
const TYPES: [(&str, &str, &str); 36] = [
    ("11", "机关", "government organ"),
    ("12", "事业单位", "public institution"),
    ("13", "中央编办直接管理机构编制的群众团体", "mass organisation"),
    ("19", "其他（机构编制）", "other establishment"),
    ("21", "外国常驻新闻机构", "foreign news agency"),
    ("29", "其他（外交）", "other foreign-affairs registration"),
    ("31", "律师执业机构", "law firm"),
    ("32", "公证处", "notary office"),
    ("33", "基层法律服务所", "legal service office"),
    ("34", "司法鉴定机构", "judicial appraisal institution"),
    ("35", "仲裁委员会", "arbitration commission"),
    ("39", "其他（司法行政）", "other justice registration"),
    ("41", "外国在华文化中心", "foreign cultural centre"),
    ("49", "其他（文化）", "other culture registration"),
    ("51", "社会团体", "social organisation"),
    ("52", "民办非企业单位", "private non-enterprise unit"),
    ("53", "基金会", "foundation"),
    ("59", "其他（民政）", "other civil-affairs registration"),
    ("61", "外国旅游部门常驻代表机构", "foreign tourism office"),
    (
        "62",
        "港澳台地区旅游部门常驻内地（大陆）代表机构",
        "Hong Kong, Macao or Taiwan tourism office",
    ),
    ("69", "其他（旅游）", "other tourism registration"),
    ("71", "宗教活动场所", "religious venue"),
    ("72", "宗教院校", "religious college"),
    ("79", "其他（宗教）", "other religious registration"),
    ("81", "基层工会", "trade union"),
    ("89", "其他（工会）", "other trade-union registration"),
    ("91", "企业", "enterprise"),
    ("92", "个体工商户", "individual business"),
    ("93", "农民专业合作社", "farmers' cooperative"),
    ("A1", "军队事业单位", "military public institution"),
    ("A9", "其他（军队）", "other military registration"),
    ("N1", "组级集体经济组织", "group-level collective economic organisation"),
    (
        "N2",
        "村级集体经济组织",
        "village-level collective economic organisation",
    ),
    (
        "N3",
        "乡镇级集体经济组织",
        "township-level collective economic organisation",
    ),
    ("N9", "其他（农业）", "other agricultural registration"),
    ("Y1", "其他", "other registration"),
];

impl OrganisationType {
    fn from_code(code: &[u8]) -> Option<OrganisationType> {
        TYPES.iter().position(|t| t.0.as_bytes() == code).map(OrganisationType)
    }

    /// Every organisation type of the standard, in code order.
    pub fn all() -> impl Iterator<Item = OrganisationType> {
        (0..TYPES.len()).map(OrganisationType)
    }

    /// The organisation type of a two-character code such as `91`.
    pub fn from_code_str(code: &str) -> Option<OrganisationType> {
        OrganisationType::from_code(code.as_bytes())
    }

    /// The two-character code, e.g. `91`.
    pub fn code(self) -> &'static str {
        TYPES[self.0].0
    }

    /// The Chinese name, e.g. `企业`.
    pub fn name_zh(self) -> &'static str {
        TYPES[self.0].1
    }

    /// An English name, e.g. `enterprise`.
    pub fn name_en(self) -> &'static str {
        TYPES[self.0].2
    }

    /// The registration authority (the first character).
    pub fn registration_authority(self) -> RegistrationAuthority {
        let c = self.code().as_bytes()[0];
        RegistrationAuthority::from_char(c).unwrap_or(RegistrationAuthority::Other)
    }
}

impl fmt::Display for OrganisationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a string is not a valid unified social credit code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsccError {
    /// Not 18 characters.
    #[error("a credit code has 18 characters, not {0}")]
    Length(usize),
    /// A character outside the credit-code alphabet (digits and capitals
    /// without I, O, Z, S, V), or a region code (characters 3–8) that is
    /// not six digits.
    #[error("a credit code has digits and capital letters other than I, O, Z, S and V, and six digits of region code")]
    Format,
    /// The first two characters are not an organisation type of GB 32100.
    #[error("`{0}` is not a registration authority and organisation type of GB 32100")]
    Category(String),
    /// The check character does not match.
    #[error("the check character is `{found}`, but the code's characters give `{expected}`")]
    Checksum {
        /// The check character the other characters give.
        expected: char,
        /// The check character written.
        found: char,
    },
}

/// A unified social credit code (统一社会信用代码, GB 32100-2015): the
/// 18-character identifier of every organisation registered in mainland
/// China since 2015 (on business licences and the other registration
/// certificates).
///
/// Layout: registration authority (1) and organisation type (1), the region
/// code of the registering office (6), the organisation's identifier (9, the
/// old organisation code for organisations that had one) and a check
/// character (weights 3^i mod 31). Parsing tolerates lower case, spaces and
/// hyphens, and checks the alphabet, the category and the check character.
///
/// Some early pilot codes issued in Fujian fail the check but are
/// legitimate; parsing rejects them ([`UsccError::Checksum`]) and the
/// validator accepts the ones on the rule data's allow-list with a warning.
///
/// ```
/// use beian::identity::{RegistrationAuthority, Uscc};
/// use beian::Province;
///
/// let code: Uscc = "91350100M000100Y43".parse()?; // the GB 32100 example
/// assert_eq!(code.registration_authority(), RegistrationAuthority::MarketRegulation);
/// assert_eq!(code.organisation_type().name_zh(), "企业");
/// assert_eq!(code.region().to_string(), "350100");
/// assert_eq!(code.province(), Some(Province::Fujian));
/// assert_eq!(code.organisation_identifier(), "M000100Y4");
/// assert!("91350100M000100Y4A".parse::<Uscc>().is_err());
/// # Ok::<(), beian::identity::UsccError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uscc([u8; 18]);

impl Uscc {
    /// Parses a credit code. Spaces and hyphens are dropped and letters
    /// upper-cased first.
    ///
    /// # Errors
    ///
    /// The first problem of: the length, the characters, the category, the
    /// check character.
    pub fn parse(s: &str) -> Result<Uscc, UsccError> {
        let chars = Uscc::compact(s)?;
        let expected = uscc_check_character(&chars).ok_or(UsccError::Format)?;
        if chars[17] != expected as u8 {
            return Err(UsccError::Checksum {
                expected,
                found: char::from(chars[17]),
            });
        }
        Ok(Uscc(chars))
    }

    /// The 18 characters after dropping separators, upper-cased, in the
    /// alphabet, with a known category (everything but the check character).
    pub(crate) fn compact(s: &str) -> Result<[u8; 18], UsccError> {
        let mut chars = [0u8; 18];
        let mut n = 0;
        for c in s.chars().filter(|c| !matches!(c, ' ' | '-')) {
            if n < 18 && c.is_ascii() {
                chars[n] = (c as u8).to_ascii_uppercase();
            } else if n < 18 {
                chars[n] = 0;
            }
            n += 1;
        }
        if n != 18 {
            return Err(UsccError::Length(n));
        }
        if chars.iter().any(|&c| value(c).is_none()) || !chars[2..8].iter().all(u8::is_ascii_digit) {
            return Err(UsccError::Format);
        }
        if OrganisationType::from_code(&chars[..2]).is_none() {
            return Err(UsccError::Category(String::from_utf8_lossy(&chars[..2]).into_owned()));
        }
        Ok(chars)
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The registration authority (first character).
    pub fn registration_authority(&self) -> RegistrationAuthority {
        self.organisation_type().registration_authority()
    }

    /// The organisation type (first two characters).
    pub fn organisation_type(&self) -> OrganisationType {
        OrganisationType::from_code(&self.0[..2]).unwrap_or(OrganisationType(0))
    }

    /// The region code of the registering office (characters 3–8). Offices
    /// of development zones use codes outside GB/T 2260, and national
    /// registrations use `100000`.
    pub fn region(&self) -> RegionCode {
        RegionCode::from_ascii_digits(&self.0[2..8])
    }

    /// The province of the registering office, when the region code is in
    /// one (`None` for national registrations, `10…`).
    pub fn province(&self) -> Option<Province> {
        self.region().province()
    }

    /// The organisation's identifier (主体标识码, characters 9–17).
    pub fn organisation_identifier(&self) -> &str {
        self.as_str().get(8..17).unwrap_or_default()
    }

    /// The check character.
    pub fn check_character(&self) -> char {
        char::from(self.0[17])
    }
}

crate::privacy::identifier!(Uscc: UsccError, display as_str, debug plain);

/// Why a string is not a valid organisation code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OrganizationCodeError {
    /// Not eight digits or capitals and a check character, optionally with a
    /// hyphen before the check character.
    #[error("an organisation code is eight digits or capital letters and a check character (a digit or X)")]
    Format,
    /// The check character does not match.
    #[error("the check character is `{found}`, but the code's characters give `{expected}`")]
    Checksum {
        /// The check character the other characters give.
        expected: char,
        /// The check character written.
        found: char,
    },
}

/// An organisation code (组织机构代码, GB 11714-1997): eight digits or capital
/// letters and a check character (MOD 11, weights 3 7 9 10 5 8 4 2; `X` for
/// 10), usually written `12345678-9`. It identified organisations before
/// the credit code, which embeds it as characters 9–17.
///
/// ```
/// use beian::identity::OrganizationCode;
///
/// let code: OrganizationCode = "60003734-1".parse()?;
/// assert_eq!(code.to_string(), "60003734-1");
/// assert!("60003734-2".parse::<OrganizationCode>().is_err());
/// # Ok::<(), beian::identity::OrganizationCodeError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrganizationCode([u8; 9]);

/// The GB 11714 check character of eight characters, `None` if one is not a
/// digit or capital letter.
pub(crate) fn organization_check_character(chars: &[u8]) -> Option<char> {
    const WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let mut sum = 0;
    for (&c, w) in chars.get(..8)?.iter().zip(WEIGHTS) {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        n => char::from(b'0' + n as u8),
    })
}

impl OrganizationCode {
    /// Parses an organisation code, with or without the hyphen; letters are
    /// upper-cased.
    ///
    /// # Errors
    ///
    /// [`OrganizationCodeError::Format`] or [`OrganizationCodeError::Checksum`].
    pub fn parse(s: &str) -> Result<OrganizationCode, OrganizationCodeError> {
        let s = s.trim();
        let bytes = s.as_bytes();
        let body: Vec<u8> = match bytes.len() {
            9 => bytes.to_vec(),
            10 if bytes[8] == b'-' => [&bytes[..8], &bytes[9..]].concat(),
            _ => return Err(OrganizationCodeError::Format),
        };
        let mut chars = [0u8; 9];
        for (out, c) in chars.iter_mut().zip(&body) {
            *out = c.to_ascii_uppercase();
        }
        if !chars.iter().all(u8::is_ascii_alphanumeric) {
            return Err(OrganizationCodeError::Format);
        }
        let expected = organization_check_character(&chars).ok_or(OrganizationCodeError::Format)?;
        if chars[8] != expected as u8 {
            return Err(OrganizationCodeError::Checksum {
                expected,
                found: char::from(chars[8]),
            });
        }
        Ok(OrganizationCode(chars))
    }

    /// The check character.
    pub fn check_character(&self) -> char {
        char::from(self.0[8])
    }
}

crate::privacy::identifier!(
    OrganizationCode: OrganizationCodeError,
    display(|n, f| {
        let text = std::str::from_utf8(&n.0).unwrap_or_default();
        write!(f, "{}-{}", text.get(..8).unwrap_or_default(), text.get(8..).unwrap_or_default())
    }),
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_three() {
        let mut w = 1;
        let weights: Vec<u32> = (0..17)
            .map(|_| {
                let x = w;
                w = w * 3 % 31;
                x
            })
            .collect();
        assert_eq!(
            weights,
            [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
        );
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(Uscc::parse("12345"), Err(UsccError::Length(5)));
        assert_eq!(Uscc::parse("9111000060003IOZSV"), Err(UsccError::Format));
        assert_eq!(
            Uscc::parse("0111000060003734 1L"),
            Err(UsccError::Category("01".into()))
        );
        assert_eq!(
            Uscc::parse("91110000600037341N"),
            Err(UsccError::Checksum {
                expected: 'L',
                found: 'N'
            })
        );
        assert_eq!(
            Uscc::parse("91 110000 600037341l").unwrap().as_str(),
            "91110000600037341L"
        );
        assert_eq!(Uscc::parse("9111000060003734１L"), Err(UsccError::Format));
    }

    #[test]
    fn every_type_belongs_to_an_authority() {
        for t in OrganisationType::all() {
            assert_eq!(t.registration_authority().code(), t.code().chars().next().unwrap());
            assert_eq!(OrganisationType::from_code_str(t.code()), Some(t));
        }
    }

    #[test]
    fn organisation_codes() {
        assert_eq!(OrganizationCode::parse("600037341").unwrap().to_string(), "60003734-1");
        assert!(matches!(
            OrganizationCode::parse("60003734-2"),
            Err(OrganizationCodeError::Checksum { .. })
        ));
        assert_eq!(
            OrganizationCode::parse("6000-37341"),
            Err(OrganizationCodeError::Format)
        );
        assert_eq!(OrganizationCode::parse("60003734"), Err(OrganizationCodeError::Format));
    }
}
