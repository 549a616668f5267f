//! The 31 provincial-level divisions of mainland China, each with its own
//! communications administration (通信管理局, 管局) that reviews filings.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A provincial-level division of mainland China (省、自治区、直辖市).
///
/// Every filing is reviewed by the communications administration of one of
/// them. The identity of a province (its GB/T 2260 code, names and official
/// abbreviations) is fixed by national standards and lives here, so that
/// input can be parsed without a rule set; what a province *requires* is rule
/// data under `rules/provinces/`.
///
/// A province parses from its slug (`zhejiang`), short name (`浙江`), full
/// name (`浙江省`), one-character abbreviation (`浙`, and the alternates `蜀`,
/// `黔`, `滇`, `秦`, `陇`) or GB/T 2260 code (`33` or `330000`). It always
/// serialises as its slug.
///
/// ```
/// use beian::Province;
///
/// let p: Province = "四川".parse()?;
/// assert_eq!(p, Province::Sichuan);
/// assert_eq!(p.slug(), "sichuan");
/// assert_eq!(p.gb_code(), 51);
/// assert_eq!("蜀".parse::<Province>()?, Province::Sichuan);
/// assert_eq!("510000".parse::<Province>()?, Province::Sichuan);
/// # Ok::<(), beian::UnknownProvince>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)] // each variant is named after its province
pub enum Province {
    Beijing,
    Tianjin,
    Hebei,
    Shanxi,
    Neimenggu,
    Liaoning,
    Jilin,
    Heilongjiang,
    Shanghai,
    Jiangsu,
    Zhejiang,
    Anhui,
    Fujian,
    Jiangxi,
    Shandong,
    Henan,
    Hubei,
    Hunan,
    Guangdong,
    Guangxi,
    Hainan,
    Chongqing,
    Sichuan,
    Guizhou,
    Yunnan,
    Xizang,
    Shaanxi,
    Gansu,
    Qinghai,
    Ningxia,
    Xinjiang,
}

struct Identity {
    slug: &'static str,
    gb_code: u8,
    name_zh: &'static str,
    full_name_zh: &'static str,
    name_en: &'static str,
    /// Official one-character abbreviations, the usual one first
    /// (国务院 list of 省级行政区简称).
    abbreviations: &'static [char],
}

const fn id(
    slug: &'static str,
    gb_code: u8,
    name_zh: &'static str,
    full_name_zh: &'static str,
    name_en: &'static str,
    abbreviations: &'static [char],
) -> Identity {
    Identity {
        slug,
        gb_code,
        name_zh,
        full_name_zh,
        name_en,
        abbreviations,
    }
}

// Source: GB/T 2260 (codes, names); the abbreviations are the official ones.
// Order: the order of `Province::ALL`.
const IDENTITIES: [Identity; 31] = [
    id("beijing", 11, "北京", "北京市", "Beijing", &['京']),
    id("tianjin", 12, "天津", "天津市", "Tianjin", &['津']),
    id("hebei", 13, "河北", "河北省", "Hebei", &['冀']),
    id("shanxi", 14, "山西", "山西省", "Shanxi", &['晋']),
    id("neimenggu", 15, "内蒙古", "内蒙古自治区", "Inner Mongolia", &['蒙']),
    id("liaoning", 21, "辽宁", "辽宁省", "Liaoning", &['辽']),
    id("jilin", 22, "吉林", "吉林省", "Jilin", &['吉']),
    id("heilongjiang", 23, "黑龙江", "黑龙江省", "Heilongjiang", &['黑']),
    id("shanghai", 31, "上海", "上海市", "Shanghai", &['沪']),
    id("jiangsu", 32, "江苏", "江苏省", "Jiangsu", &['苏']),
    id("zhejiang", 33, "浙江", "浙江省", "Zhejiang", &['浙']),
    id("anhui", 34, "安徽", "安徽省", "Anhui", &['皖']),
    id("fujian", 35, "福建", "福建省", "Fujian", &['闽']),
    id("jiangxi", 36, "江西", "江西省", "Jiangxi", &['赣']),
    id("shandong", 37, "山东", "山东省", "Shandong", &['鲁']),
    id("henan", 41, "河南", "河南省", "Henan", &['豫']),
    id("hubei", 42, "湖北", "湖北省", "Hubei", &['鄂']),
    id("hunan", 43, "湖南", "湖南省", "Hunan", &['湘']),
    id("guangdong", 44, "广东", "广东省", "Guangdong", &['粤']),
    id("guangxi", 45, "广西", "广西壮族自治区", "Guangxi", &['桂']),
    id("hainan", 46, "海南", "海南省", "Hainan", &['琼']),
    id("chongqing", 50, "重庆", "重庆市", "Chongqing", &['渝']),
    id("sichuan", 51, "四川", "四川省", "Sichuan", &['川', '蜀']),
    id("guizhou", 52, "贵州", "贵州省", "Guizhou", &['贵', '黔']),
    id("yunnan", 53, "云南", "云南省", "Yunnan", &['云', '滇']),
    id("xizang", 54, "西藏", "西藏自治区", "Xizang", &['藏']),
    id("shaanxi", 61, "陕西", "陕西省", "Shaanxi", &['陕', '秦']),
    id("gansu", 62, "甘肃", "甘肃省", "Gansu", &['甘', '陇']),
    id("qinghai", 63, "青海", "青海省", "Qinghai", &['青']),
    id("ningxia", 64, "宁夏", "宁夏回族自治区", "Ningxia", &['宁']),
    id("xinjiang", 65, "新疆", "新疆维吾尔自治区", "Xinjiang", &['新']),
];

impl Province {
    /// All 31 provinces in GB/T 2260 code order.
    pub const ALL: [Province; 31] = [
        Province::Beijing,
        Province::Tianjin,
        Province::Hebei,
        Province::Shanxi,
        Province::Neimenggu,
        Province::Liaoning,
        Province::Jilin,
        Province::Heilongjiang,
        Province::Shanghai,
        Province::Jiangsu,
        Province::Zhejiang,
        Province::Anhui,
        Province::Fujian,
        Province::Jiangxi,
        Province::Shandong,
        Province::Henan,
        Province::Hubei,
        Province::Hunan,
        Province::Guangdong,
        Province::Guangxi,
        Province::Hainan,
        Province::Chongqing,
        Province::Sichuan,
        Province::Guizhou,
        Province::Yunnan,
        Province::Xizang,
        Province::Shaanxi,
        Province::Gansu,
        Province::Qinghai,
        Province::Ningxia,
        Province::Xinjiang,
    ];

    fn identity(self) -> &'static Identity {
        &IDENTITIES[self as usize]
    }

    /// The lower-case pinyin slug used in JSON and in rule file names, e.g. `neimenggu`.
    pub fn slug(self) -> &'static str {
        self.identity().slug
    }

    /// The two-digit GB/T 2260 code, e.g. `33` for Zhejiang.
    pub fn gb_code(self) -> u8 {
        self.identity().gb_code
    }

    /// The short Chinese name, e.g. `浙江`.
    pub fn name_zh(self) -> &'static str {
        self.identity().name_zh
    }

    /// The full Chinese name, e.g. `浙江省`, `广西壮族自治区`.
    pub fn full_name_zh(self) -> &'static str {
        self.identity().full_name_zh
    }

    /// The English name, e.g. `Inner Mongolia`.
    pub fn name_en(self) -> &'static str {
        self.identity().name_en
    }

    /// The usual one-character abbreviation, e.g. `浙`, `川`.
    pub fn abbreviation(self) -> char {
        self.identity().abbreviations[0]
    }

    /// Every official one-character abbreviation, the usual one first
    /// (`['川', '蜀']` for Sichuan).
    pub fn abbreviations(self) -> &'static [char] {
        self.identity().abbreviations
    }

    /// The province whose two-digit GB/T 2260 code is `code`.
    pub fn from_gb_code(code: u8) -> Option<Province> {
        Province::ALL.into_iter().find(|p| p.gb_code() == code)
    }

    /// The province one of whose official abbreviations is `c`.
    pub fn from_abbreviation(c: char) -> Option<Province> {
        Province::ALL.into_iter().find(|p| p.abbreviations().contains(&c))
    }

    /// The province of a six-digit administrative division code such as
    /// `330106` (its first two digits).
    pub fn from_division_code(code: &str) -> Option<Province> {
        let digits = code.as_bytes();
        if digits.len() != 6 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Province::from_gb_code((digits[0] - b'0') * 10 + (digits[1] - b'0'))
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// The error returned when a string names no province.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown province `{input}`: expected a slug such as `zhejiang`, a Chinese name, a one-character abbreviation or a GB/T 2260 code"
)]
pub struct UnknownProvince {
    input: String,
}

impl FromStr for Province {
    type Err = UnknownProvince;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let mut chars = t.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => Province::from_abbreviation(c),
            _ => None,
        };
        let code = match t.len() {
            2 => t.parse::<u8>().ok().and_then(Province::from_gb_code),
            6 if t.ends_with("0000") => Province::from_division_code(t),
            _ => None,
        };
        single
            .or(code)
            .or_else(|| {
                Province::ALL
                    .into_iter()
                    .find(|p| p.slug().eq_ignore_ascii_case(t) || p.name_zh() == t || p.full_name_zh() == t)
            })
            .ok_or_else(|| UnknownProvince { input: s.to_owned() })
    }
}

#[cfg(feature = "schemars")]
impl schemars::JsonSchema for Province {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Province".into()
    }

    /// The slugs: the canonical form. Parsing also accepts the Chinese
    /// names, abbreviations and GB/T 2260 codes, which a form need not offer.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let slugs: Vec<&str> = Province::ALL.iter().map(|p| p.slug()).collect();
        schemars::json_schema!({ "type": "string", "enum": slugs, "description": "a province slug" })
    }
}

impl Serialize for Province {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.slug())
    }
}

impl<'de> Deserialize<'de> for Province {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identities_are_in_variant_order() {
        for (i, p) in Province::ALL.into_iter().enumerate() {
            assert_eq!(p as usize, i);
            assert_eq!(p.slug().parse::<Province>().unwrap(), p);
        }
        let codes: Vec<u8> = Province::ALL.iter().map(|p| p.gb_code()).collect();
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted by code");
    }

    #[test]
    fn every_spelling_parses() {
        for p in Province::ALL {
            assert_eq!(p.name_zh().parse::<Province>(), Ok(p));
            assert_eq!(p.full_name_zh().parse::<Province>(), Ok(p));
            assert_eq!(p.gb_code().to_string().parse::<Province>(), Ok(p));
            assert_eq!(format!("{}0000", p.gb_code()).parse::<Province>(), Ok(p));
            for &c in p.abbreviations() {
                assert_eq!(c.to_string().parse::<Province>(), Ok(p));
            }
            assert_eq!(p.slug().to_uppercase().parse::<Province>(), Ok(p));
        }
    }

    #[test]
    fn abbreviations_are_unique() {
        let mut all: Vec<char> = Province::ALL
            .iter()
            .flat_map(|p| p.abbreviations().iter().copied())
            .collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }

    #[test]
    fn rejects_non_provinces() {
        for s in ["", "zhejian", "香港", "71", "810000", "99", "330100", "浙江浙江"] {
            assert!(s.parse::<Province>().is_err(), "{s}");
        }
    }
}
