//! Administrative division codes (行政区划代码, GB/T 2260) and the table of
//! them that a rule set carries.

use std::fmt;
use std::str::FromStr;

use crate::province::Province;
/// A six-digit administrative division code (GB/T 2260), e.g. `330106` for
/// Hangzhou's Xihu district.
///
/// Parsing checks the form only (six ASCII digits). Whether a code exists,
/// and in which years, is rule data: see [`Regions`].
///
/// ```
/// use beian::identity::RegionCode;
/// use beian::Province;
///
/// let code: RegionCode = "330106".parse()?;
/// assert_eq!(code.province(), Some(Province::Zhejiang));
/// assert_eq!(code.prefecture().to_string(), "330100");
/// assert!(!code.is_province_level());
/// # Ok::<(), beian::identity::InvalidRegionCode>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode(u32);

/// The error returned when a string is not six digits.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("a region code has six digits")]
pub struct InvalidRegionCode;

impl RegionCode {
    /// The code of six ASCII digits, if `digits` is that.
    pub(crate) fn from_digits(digits: &[u8]) -> Option<RegionCode> {
        if digits.len() != 6 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(RegionCode::from_ascii_digits(digits))
    }

    /// The code of ASCII digits already checked to be six.
    pub(crate) fn from_ascii_digits(digits: &[u8]) -> RegionCode {
        RegionCode(digits.iter().fold(0u32, |n, d| {
            n.wrapping_mul(10).wrapping_add(u32::from(d.wrapping_sub(b'0')))
        }))
    }

    /// The code as a number, e.g. `330106`.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The province of the code (its first two digits), when they are one
    /// of the 31 mainland provinces.
    pub fn province(self) -> Option<Province> {
        u8::try_from(self.0 / 10_000).ok().and_then(Province::from_gb_code)
    }

    /// The prefecture-level code that contains this one (`330106` → `330100`).
    pub fn prefecture(self) -> RegionCode {
        RegionCode(self.0 / 100 * 100)
    }

    /// Whether this is a province-level code (`NN0000`).
    pub fn is_province_level(self) -> bool {
        self.0.is_multiple_of(10_000)
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:06}", self.0)
    }
}

impl FromStr for RegionCode {
    type Err = InvalidRegionCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegionCode::from_digits(s.trim().as_bytes()).ok_or(InvalidRegionCode)
    }
}

/// One name a region code has had, and the years it had it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Division<'a> {
    /// The code.
    pub code: RegionCode,
    /// The name in those years, e.g. `西湖区`.
    pub name: &'a str,
    /// The first year of use, when the data knows it (`None`: in use since
    /// before the data starts, 1980).
    pub first_year: Option<i16>,
    /// The last year of use (`None`: still in use).
    pub last_year: Option<i16>,
}

impl Division<'_> {
    /// Whether the code had this name in `year`.
    pub fn in_use(&self, year: i16) -> bool {
        self.first_year.is_none_or(|y| y <= year) && self.last_year.is_none_or(|y| year <= y)
    }
}

/// Why a birth-place code does not check out against the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RegionError {
    /// The code never was an administrative division.
    #[error("`{0}` is not an administrative division code")]
    Unknown(RegionCode),
    /// The code was abolished before the year of birth, so no number issued
    /// to someone born then can carry it.
    #[error("the region code `{code}` was abolished in {last_year}, before the year of birth {birth_year}")]
    AbolishedBeforeBirth {
        /// The code.
        code: RegionCode,
        /// The last year the code was in use.
        last_year: i16,
        /// The year of birth.
        birth_year: i16,
    },
}

#[derive(Clone, Debug)]
struct Entry {
    code: u32,
    first: Option<i16>,
    last: Option<i16>,
    name: (u32, u32),
}

/// The table of GB/T 2260 administrative division codes, past and present,
/// from the rule data (`rules/regions.tsv`); see
/// [`RuleSet::regions`](crate::RuleSet::regions).
///
/// A resident ID keeps the code of the place where its number was first
/// assigned, even after that county is renamed or abolished, so the table
/// keeps every code with the years it was in use.
///
/// ```
/// use beian::identity::RegionCode;
///
/// let rules = beian::RuleSet::embedded();
/// let regions = rules.regions();
/// let code: RegionCode = "120110".parse()?;
/// assert_eq!(regions.name_in(code, 1985), Some("东郊区"));
/// assert_eq!(regions.name_in(code, 2000), Some("东丽区"));
/// assert!(regions.divisions(code).count() == 2);
/// # Ok::<(), beian::identity::InvalidRegionCode>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Regions {
    /// Sorted by code, then first year.
    entries: Vec<Entry>,
    names: String,
}

impl Regions {
    /// Parses the table: `code TAB first year TAB last year TAB name` lines
    /// (years may be empty), `#` comments and blank lines. An error names the
    /// 1-based line.
    pub(crate) fn parse(text: &str) -> Result<Regions, (usize, String)> {
        let mut regions = Regions::default();
        let mut seen = std::collections::HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |what: &str| (i + 1, format!("{what} in `{line}`"));
            let mut fields = line.split('\t');
            let (Some(code), Some(first), Some(last), Some(name), None) = (
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ) else {
                return Err(bad(
                    "expected four tab-separated fields (code, first year, last year, name)",
                ));
            };
            let code = RegionCode::from_digits(code.as_bytes()).ok_or_else(|| bad("the code is not six digits"))?;
            let year = |s: &str| -> Result<Option<i16>, (usize, String)> {
                if s.is_empty() {
                    return Ok(None);
                }
                match s.parse::<i16>() {
                    Ok(y) if (1900..=2999).contains(&y) && s.len() == 4 => Ok(Some(y)),
                    _ => Err(bad("a year is not YYYY")),
                }
            };
            let (first, last) = (year(first)?, year(last)?);
            if let (Some(f), Some(l)) = (first, last)
                && f > l
            {
                return Err(bad("the first year is after the last"));
            }
            if name.trim().is_empty() {
                return Err(bad("the name is empty"));
            }
            if !seen.insert((code.0, first, last)) {
                return Err(bad("the same code and years are given twice"));
            }
            let start = u32::try_from(regions.names.len()).map_err(|_| bad("the table is too large"))?;
            regions.names.push_str(name);
            let end = u32::try_from(regions.names.len()).map_err(|_| bad("the table is too large"))?;
            regions.entries.push(Entry {
                code: code.0,
                first,
                last,
                name: (start, end),
            });
        }
        regions
            .entries
            .sort_by_key(|e| (e.code, e.first.unwrap_or(i16::MIN), e.last.unwrap_or(i16::MAX)));
        Ok(regions)
    }

    /// The number of (code, name) records.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn division(&self, e: &Entry) -> Division<'_> {
        let (start, end) = (e.name.0 as usize, e.name.1 as usize);
        Division {
            code: RegionCode(e.code),
            name: self.names.get(start..end).unwrap_or_default(),
            first_year: e.first,
            last_year: e.last,
        }
    }

    /// Every name `code` has had, oldest first; none if it never was a code.
    pub fn divisions(&self, code: RegionCode) -> impl Iterator<Item = Division<'_>> {
        let start = self.entries.partition_point(|e| e.code < code.0);
        self.entries[start..]
            .iter()
            .take_while(move |e| e.code == code.0)
            .map(|e| self.division(e))
    }

    /// Every division, ordered by code then by first year.
    pub fn iter(&self) -> impl Iterator<Item = Division<'_>> {
        self.entries.iter().map(|e| self.division(e))
    }

    /// Whether `code` is or was an administrative division.
    pub fn contains(&self, code: RegionCode) -> bool {
        self.divisions(code).next().is_some()
    }

    /// The name of `code` in `year`, if it was in use then.
    pub fn name_in(&self, code: RegionCode, year: i16) -> Option<&str> {
        self.divisions(code).find(|d| d.in_use(year)).map(|d| d.name)
    }

    /// Checks the birth-place code of an identity number: it must be a code
    /// that was still in use in the year of birth or later. A code created
    /// after the year of birth is accepted (numbers are assigned at
    /// registration, which can come years after birth); a code abolished
    /// before it is not. Returns the division as it was in the year of
    /// birth, or else the first one after it.
    pub fn birth_place(&self, code: RegionCode, birth_year: i16) -> Result<Division<'_>, RegionError> {
        let mut last_year = None;
        let mut later = None;
        for d in self.divisions(code) {
            if d.in_use(birth_year) {
                return Ok(d);
            }
            match d.last_year {
                Some(y) if y < birth_year => last_year = last_year.max(Some(y)),
                _ => later = later.or(Some(d)),
            }
        }
        match (later, last_year) {
            (Some(d), _) => Ok(d),
            (None, Some(last_year)) => Err(RegionError::AbolishedBeforeBirth {
                code,
                last_year,
                birth_year,
            }),
            (None, None) => Err(RegionError::Unknown(code)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> RegionCode {
        s.parse().unwrap()
    }

    #[test]
    fn parses_the_table_format() {
        let table = Regions::parse(
            "# c\n110000\t\t\t北京市\n110103\t\t2010\t崇文区\n120110\t1992\t\t东丽区\n120110\t\t1991\t东郊区\n",
        )
        .unwrap();
        assert_eq!(table.len(), 4);
        let names: Vec<_> = table.divisions(code("120110")).map(|d| d.name).collect();
        assert_eq!(names, ["东郊区", "东丽区"]);
        assert_eq!(table.name_in(code("110103"), 2011), None);
        assert!(table.contains(code("110000")));
        assert!(!table.contains(code("110001")));
    }

    #[test]
    fn rejects_malformed_lines() {
        for (text, line) in [
            ("11000\t\t\tx\n", 1),
            ("# c\n110000\t\t\n", 2),
            ("110000\t19x0\t\tx\n", 1),
            ("110000\t2000\t1999\tx\n", 1),
            ("110000\t\t\t \n", 1),
            ("110000\t\t\tx\ty\n", 1),
        ] {
            assert_eq!(Regions::parse(text).unwrap_err().0, line, "{text:?}");
        }
    }

    #[test]
    fn birth_place_accepts_codes_created_later_but_not_abolished_earlier() {
        let table = Regions::parse("110110\t\t1986\t燕山区\n110111\t1986\t\t房山区\n110201\t\t1982\t昌平县\n").unwrap();
        assert_eq!(table.birth_place(code("110111"), 1980).unwrap().name, "房山区");
        assert_eq!(table.birth_place(code("110110"), 1980).unwrap().name, "燕山区");
        assert_eq!(
            table.birth_place(code("110201"), 1993),
            Err(RegionError::AbolishedBeforeBirth {
                code: code("110201"),
                last_year: 1982,
                birth_year: 1993
            })
        );
        assert_eq!(
            table.birth_place(code("990426"), 1993),
            Err(RegionError::Unknown(code("990426")))
        );
    }

    #[test]
    fn codes_know_their_province() {
        assert_eq!(code("110101").province(), Some(Province::Beijing));
        assert_eq!(code("810000").province(), None);
        assert!(code("330000").is_province_level());
        assert_eq!(code("000123").to_string(), "000123");
        assert!("33010".parse::<RegionCode>().is_err());
        assert!("33010a".parse::<RegionCode>().is_err());
    }
}
