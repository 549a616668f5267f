//! Citizen identity numbers (公民身份号码, GB 11643-1999) and the permits
//! that share their form: residence permits for Hong Kong, Macao and Taiwan
//! residents and the 2023 foreign permanent resident ID card.

use jiff::civil::Date;

use super::region::{Division, RegionCode, RegionError, Regions};
use crate::province::Province;
/// What an 18-character GB 11643 number identifies, from its first digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResidentIdKind {
    /// A mainland citizen (居民身份证): the first six digits are the region
    /// code of the place where the number was assigned.
    Citizen,
    /// A residence permit for Hong Kong (`810000…`) or Macao (`820000…`)
    /// residents (港澳居民居住证).
    HkMacaoResidencePermit,
    /// A residence permit for Taiwan residents (`830000…`, 台湾居民居住证).
    TaiwanResidencePermit,
    /// A foreign permanent resident ID card of the 2023 form (外国人永久居留身份证,
    /// `9` + province + nationality + birth date + order + check).
    ForeignPermanentResident,
}

/// The sex recorded by an identity number (odd order code: male).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    /// 男.
    Male,
    /// 女.
    Female,
}

/// Why a string is not a valid 18-character identity number.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResidentIdError {
    /// A 15-digit first-generation number (一代身份证), without a check digit;
    /// it has been replaced by the 18-character number.
    #[error("a 15-digit first-generation ID number: the 18-character number replaced it")]
    Legacy,
    /// Not 18 characters.
    #[error("an ID number has 18 characters, not {0}")]
    Length(usize),
    /// Not 17 digits and a check character (a digit or `X`).
    #[error("an ID number is 17 digits and a check character (a digit or X)")]
    Format,
    /// The check character does not match (ISO 7064 MOD 11-2).
    #[error("the check character is `{found}`, but the number's digits give `{expected}`")]
    Checksum {
        /// The check character the digits give.
        expected: char,
        /// The check character written.
        found: char,
    },
    /// The birth date (digits 7–14) is not a day of the calendar, or is
    /// before 1800.
    #[error("the birth date `{0}` does not exist")]
    BirthDate(String),
}

/// An 18-character identity number of the GB 11643-1999 form: a mainland
/// citizen's ID number, a Hong Kong/Macao or Taiwan residence permit, or a
/// 2023 foreign permanent resident ID.
///
/// Parsing checks the length, the characters, the ISO 7064 MOD 11-2 check
/// character (a lower-case `x` is accepted and shown as `X`) and that the
/// birth date exists. It needs no rule data, so it does **not** check the
/// region code: whether a code exists, and existed for someone born in that
/// year, is in the rule set's table ([`ResidentId::birth_place`]). Nor does
/// it compare the birth date with today: use
/// [`birth_date`](ResidentId::birth_date) or [`age_on`](ResidentId::age_on).
///
/// ```
/// use beian::identity::{ResidentId, ResidentIdKind, Sex};
/// use beian::Province;
/// use jiff::civil::date;
///
/// let id: ResidentId = "11010519491231002x".parse()?; // the GB 11643 example
/// assert_eq!(id.to_string(), "11010519491231002X");
/// assert_eq!(id.kind(), ResidentIdKind::Citizen);
/// assert_eq!(id.birth_date(), date(1949, 12, 31));
/// assert_eq!(id.sex(), Sex::Female);
/// assert_eq!(id.age_on(date(2026, 11, 27)), 76);
/// assert_eq!(id.province(), Some(Province::Beijing));
///
/// let rules = beian::RuleSet::embedded();
/// assert_eq!(id.birth_place(rules.regions())?.map(|d| d.name), Some("朝阳区"));
///
/// assert!("11010519491231002".parse::<ResidentId>().is_err()); // 17 characters
/// assert!("110105194912310021".parse::<ResidentId>().is_err()); // check character
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResidentId {
    /// ASCII: 17 digits and `0`–`9` or `X`.
    chars: [u8; 18],
    birth_date: Date,
}

/// The ISO 7064 MOD 11-2 weights of GB 11643.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

/// The check character of 17 ASCII digits (GB 11643, ISO 7064 MOD 11-2).
pub(crate) fn check_character(digits: &[u8]) -> char {
    let sum: u32 = digits
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d.wrapping_sub(b'0')) * w)
        .sum();
    char::from(CHECK[(sum % 11) as usize])
}

/// The date of `YYYYMMDD` ASCII digits, if it exists and is not before 1800.
fn date_of(digits: &[u8]) -> Option<Date> {
    let n = |r: std::ops::Range<usize>| {
        digits
            .get(r)
            .map(|d| d.iter().fold(0i16, |n, d| n * 10 + i16::from(d.wrapping_sub(b'0'))))
    };
    let (year, month, day) = (n(0..4)?, n(4..6)?, n(6..8)?);
    if year < 1800 {
        return None;
    }
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

impl ResidentId {
    /// Parses an identity number. Surrounding white space is ignored.
    ///
    /// # Errors
    ///
    /// [`ResidentIdError::Legacy`] for a 15-digit number, otherwise the first
    /// problem of: the length, the characters, the check character, the
    /// birth date.
    pub fn parse(s: &str) -> Result<ResidentId, ResidentIdError> {
        let s = s.trim();
        let bytes = s.as_bytes();
        if bytes.len() == 15 && bytes.iter().all(u8::is_ascii_digit) {
            return Err(ResidentIdError::Legacy);
        }
        if bytes.len() != 18 {
            return Err(ResidentIdError::Length(s.chars().count()));
        }
        let mut chars = [0u8; 18];
        chars.copy_from_slice(bytes);
        chars[17] = chars[17].to_ascii_uppercase();
        if !chars[..17].iter().all(u8::is_ascii_digit) || !(chars[17].is_ascii_digit() || chars[17] == b'X') {
            return Err(ResidentIdError::Format);
        }
        let expected = check_character(&chars[..17]);
        if char::from(chars[17]) != expected {
            return Err(ResidentIdError::Checksum {
                expected,
                found: char::from(chars[17]),
            });
        }
        let birth_date = date_of(&chars[6..14])
            .ok_or_else(|| ResidentIdError::BirthDate(String::from_utf8_lossy(&chars[6..14]).into_owned()))?;
        Ok(ResidentId { chars, birth_date })
    }

    /// The number as text, with an upper-case `X`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.chars).unwrap_or_default()
    }

    /// What the number identifies.
    pub fn kind(&self) -> ResidentIdKind {
        match &self.chars[..6] {
            b"810000" | b"820000" => ResidentIdKind::HkMacaoResidencePermit,
            b"830000" => ResidentIdKind::TaiwanResidencePermit,
            [b'9', ..] => ResidentIdKind::ForeignPermanentResident,
            _ => ResidentIdKind::Citizen,
        }
    }

    /// The first six digits: for a citizen, the region code of the place
    /// where the number was assigned; `810000`, `820000` or `830000` for a
    /// residence permit. `None` for a foreign permanent resident ID, whose
    /// first six digits are not a region code.
    pub fn region(&self) -> Option<RegionCode> {
        match self.kind() {
            ResidentIdKind::ForeignPermanentResident => None,
            _ => RegionCode::from_digits(&self.chars[..6]),
        }
    }

    /// The province of the number: for a citizen, the province of its region
    /// code; for a foreign permanent resident ID, the province of the office
    /// that accepted the application (digits 2–3). `None` for residence
    /// permits and for codes outside the 31 provinces.
    pub fn province(&self) -> Option<Province> {
        let two = |i: usize| (self.chars[i] - b'0') * 10 + (self.chars[i + 1] - b'0');
        match self.kind() {
            ResidentIdKind::Citizen => Province::from_gb_code(two(0)),
            ResidentIdKind::ForeignPermanentResident => Province::from_gb_code(two(1)),
            _ => None,
        }
    }

    /// For a foreign permanent resident ID, the holder's nationality as the
    /// three-digit numeric code of digits 4–6 (e.g. `682`).
    pub fn nationality_code(&self) -> Option<&str> {
        match self.kind() {
            ResidentIdKind::ForeignPermanentResident => self.as_str().get(3..6),
            _ => None,
        }
    }

    /// The birth date (digits 7–14).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// The sex: the order code (digits 15–17) is odd for men, even for women.
    pub fn sex(&self) -> Sex {
        if (self.chars[16] - b'0') % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The age in whole years on `date` (0 before the first birthday, and on
    /// any date before the birth date). A person born on 29 February comes of
    /// age on 1 March in common years.
    pub fn age_on(&self, date: Date) -> u16 {
        let born = self.birth_date;
        let years = i32::from(date.year()) - i32::from(born.year());
        let before_birthday = (date.month(), date.day()) < (born.month(), born.day());
        u16::try_from(years - i32::from(before_birthday)).unwrap_or(0)
    }

    /// The check character (`0`–`9` or `X`).
    pub fn check_character(&self) -> char {
        char::from(self.chars[17])
    }

    /// Checks the region code against a table of administrative divisions
    /// (a rule set's: [`RuleSet::regions`](crate::RuleSet::regions)) and
    /// returns the division as it was in the year of birth (or the first
    /// one after). See [`Regions::birth_place`] for what is accepted.
    /// Residence permits and foreign permanent resident IDs carry no region
    /// code and always pass, with the division of their prefix when the
    /// table has one.
    ///
    /// # Errors
    ///
    /// The [`RegionError`] when the code is not in the table, or was
    /// abolished before the year of birth.
    pub fn birth_place<'r>(&self, regions: &'r Regions) -> Result<Option<Division<'r>>, RegionError> {
        match (self.kind(), self.region()) {
            (ResidentIdKind::Citizen, Some(code)) => regions.birth_place(code, self.birth_date.year()).map(Some),
            (_, Some(code)) => Ok(regions.divisions(code).last()),
            (_, None) => Ok(None),
        }
    }
}

crate::privacy::identifier!(ResidentId: ResidentIdError, display as_str, debug certificate);

/// A 15-digit first-generation identity number (一代身份证, 1984–2004): six
/// digits of region, `YYMMDD` birth date in the 1900s, three of order, and
/// no check digit. It is no longer valid for filings; [`upgrade`](LegacyResidentId::upgrade)
/// gives the 18-character number it became.
///
/// ```
/// use beian::identity::LegacyResidentId;
///
/// let old: LegacyResidentId = "150102880730303".parse()?;
/// assert_eq!(old.upgrade().to_string(), "150102198807303035");
/// # Ok::<(), beian::identity::ResidentIdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LegacyResidentId {
    digits: [u8; 15],
    birth_date: Date,
}

impl LegacyResidentId {
    /// Parses a 15-digit number whose birth date (in the 1900s) exists.
    ///
    /// # Errors
    ///
    /// [`ResidentIdError::Length`], [`ResidentIdError::Format`] or
    /// [`ResidentIdError::BirthDate`].
    pub fn parse(s: &str) -> Result<LegacyResidentId, ResidentIdError> {
        let s = s.trim();
        let bytes = s.as_bytes();
        if bytes.len() != 15 {
            return Err(ResidentIdError::Length(s.chars().count()));
        }
        if !bytes.iter().all(u8::is_ascii_digit) {
            return Err(ResidentIdError::Format);
        }
        let mut date = *b"19000000";
        date[2..].copy_from_slice(&bytes[6..12]);
        let birth_date =
            date_of(&date).ok_or_else(|| ResidentIdError::BirthDate(String::from_utf8_lossy(&date).into_owned()))?;
        let mut digits = [0u8; 15];
        digits.copy_from_slice(bytes);
        Ok(LegacyResidentId { digits, birth_date })
    }

    /// The birth date (assumed to be in the 1900s).
    pub fn birth_date(&self) -> Date {
        self.birth_date
    }

    /// The 18-character number: the century inserted into the birth date and
    /// the check character appended.
    pub fn upgrade(&self) -> ResidentId {
        let mut chars = [0u8; 18];
        chars[..6].copy_from_slice(&self.digits[..6]);
        chars[6..8].copy_from_slice(b"19");
        chars[8..17].copy_from_slice(&self.digits[6..]);
        chars[17] = check_character(&chars[..17]) as u8;
        ResidentId {
            chars,
            birth_date: self.birth_date,
        }
    }
}

crate::privacy::identifier!(
    LegacyResidentId: ResidentIdError,
    display(|n, f| f.write_str(std::str::from_utf8(&n.digits).unwrap_or_default())),
    debug certificate,
);

/// A foreign permanent resident ID card number (外国人永久居留身份证), of
/// either form:
///
/// - the 2023 form: 18 characters of the GB 11643 form starting with `9`
///   (province of the accepting office, three-digit nationality code, birth
///   date, order, check character), checked like a [`ResidentId`];
/// - the 2004 form: a three-letter nationality code and 12 digits (15
///   characters). No check algorithm of this form is published, so only the
///   shape is checked.
///
/// ```
/// use beian::identity::ForeignPermanentResidentId;
///
/// let new: ForeignPermanentResidentId = "932682198501010017".parse()?;
/// assert_eq!(new.nationality(), "682");
/// assert!(new.birth_date().is_some());
/// let old: ForeignPermanentResidentId = "usa330612345678".parse()?;
/// assert_eq!((old.nationality(), old.to_string().as_str()), ("USA", "USA330612345678"));
/// # Ok::<(), beian::identity::ResidentIdError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ForeignPermanentResidentId(Form);

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Form {
    Current(ResidentId),
    Old([u8; 15]),
}

impl ForeignPermanentResidentId {
    /// Parses either form.
    ///
    /// # Errors
    ///
    /// For 18 characters, the errors of [`ResidentId::parse`], and
    /// [`ResidentIdError::Format`] when it does not start with `9`; for
    /// other lengths, [`ResidentIdError::Length`] or [`ResidentIdError::Format`].
    pub fn parse(s: &str) -> Result<ForeignPermanentResidentId, ResidentIdError> {
        let s = s.trim();
        let bytes = s.as_bytes();
        if bytes.len() == 15 && bytes[..3].iter().all(u8::is_ascii_alphabetic) {
            if !bytes[3..].iter().all(u8::is_ascii_digit) {
                return Err(ResidentIdError::Format);
            }
            let mut chars = [0u8; 15];
            chars.copy_from_slice(bytes);
            chars[..3].make_ascii_uppercase();
            return Ok(ForeignPermanentResidentId(Form::Old(chars)));
        }
        if bytes.len() != 18 {
            return Err(ResidentIdError::Length(s.chars().count()));
        }
        let id = ResidentId::parse(s)?;
        if id.kind() != ResidentIdKind::ForeignPermanentResident {
            return Err(ResidentIdError::Format);
        }
        Ok(ForeignPermanentResidentId(Form::Current(id)))
    }

    /// The number as text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Form::Current(id) => id.as_str(),
            Form::Old(chars) => std::str::from_utf8(chars).unwrap_or_default(),
        }
    }

    /// The nationality: three digits in the 2023 form, three letters in the
    /// 2004 form.
    pub fn nationality(&self) -> &str {
        self.as_str()
            .get(if self.is_2023_form() { 3..6 } else { 0..3 })
            .unwrap_or_default()
    }

    /// Whether the number has the 2023 (18-character) form.
    pub fn is_2023_form(&self) -> bool {
        matches!(self.0, Form::Current(_))
    }

    /// The number as a GB 11643 number, for the 2023 form.
    pub fn as_resident_id(&self) -> Option<&ResidentId> {
        match &self.0 {
            Form::Current(id) => Some(id),
            Form::Old(_) => None,
        }
    }

    /// The birth date, which only the 2023 form records.
    pub fn birth_date(&self) -> Option<Date> {
        self.as_resident_id().map(ResidentId::birth_date)
    }
}

crate::privacy::identifier!(ForeignPermanentResidentId: ResidentIdError, display as_str, debug certificate);

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_standard_examples() {
        let id = ResidentId::parse("11010519491231002X").unwrap();
        assert_eq!((id.birth_date(), id.sex()), (date(1949, 12, 31), Sex::Female));
        let id = ResidentId::parse("440524188001010014").unwrap();
        assert_eq!((id.birth_date(), id.sex()), (date(1880, 1, 1), Sex::Male));
    }

    #[test]
    fn errors_name_the_problem() {
        assert_eq!(ResidentId::parse("610104620927690"), Err(ResidentIdError::Legacy));
        assert_eq!(ResidentId::parse("4403081999011"), Err(ResidentIdError::Length(13)));
        assert_eq!(ResidentId::parse("T60426199101010078"), Err(ResidentIdError::Format));
        assert_eq!(ResidentId::parse("3301022011022000D6"), Err(ResidentIdError::Format));
        assert_eq!(
            ResidentId::parse("440308199901101513"),
            Err(ResidentIdError::Checksum {
                expected: '2',
                found: '3'
            })
        );
        assert_eq!(
            ResidentId::parse("440308199902301516").unwrap_err().to_string(),
            "the birth date `19990230` does not exist"
        );
    }

    #[test]
    fn age_counts_whole_years() {
        let id = ResidentId::parse("110105200002290013").unwrap();
        assert_eq!(id.age_on(date(2018, 2, 28)), 17);
        assert_eq!(id.age_on(date(2018, 3, 1)), 18);
        assert_eq!(id.age_on(date(1999, 1, 1)), 0);
    }

    #[test]
    fn kinds_from_the_prefix() {
        let kind = |s: &str| ResidentId::parse(s).unwrap().kind();
        assert_eq!(kind("810000199408230021"), ResidentIdKind::HkMacaoResidencePermit);
        assert_eq!(kind("820000200009100032"), ResidentIdKind::HkMacaoResidencePermit);
        assert_eq!(kind("830000199201300022"), ResidentIdKind::TaiwanResidencePermit);
        let fpr = ResidentId::parse("932682198501010017").unwrap();
        assert_eq!(fpr.kind(), ResidentIdKind::ForeignPermanentResident);
        assert_eq!(fpr.province(), Some(Province::Jiangsu));
        assert_eq!(fpr.region(), None);
        assert_eq!(fpr.nationality_code(), Some("682"));
    }

    #[test]
    fn legacy_numbers_upgrade() {
        let old = LegacyResidentId::parse("330102200403064").unwrap();
        assert_eq!(old.upgrade().as_str(), "33010219200403064X");
        assert!(LegacyResidentId::parse("610104620932690").is_err());
    }

    #[test]
    fn debug_is_masked() {
        let id = ResidentId::parse("11010519491231002X").unwrap();
        assert_eq!(format!("{id:?}"), "ResidentId(1101**********002X)");
    }
}
