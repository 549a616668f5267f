//! The filing-number parsers against real numbers (tests/fixtures/filing_numbers.toml,
//! each with where it was seen) and property tests: canonical text round-trips,
//! the lenient parsers read the variants of it, `find` finds it, and no input
//! makes a parser panic.

use std::collections::BTreeMap;

use beian::Province;
use beian::number::{
    FilingNumber, IcpLicenseNumber, IcpNumber, Normalization, NumberError, NumberKind, PublicSecurityNumber, find,
    find_lenient,
};
use proptest::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixtures {
    number: Vec<Number>,
    variant: Vec<Variant>,
    refused: Vec<Refused>,
    abbreviations: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Number {
    text: String,
    kind: String,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    year: Option<u16>,
    #[serde(default)]
    site_serial: Option<u16>,
    #[serde(default)]
    service: Option<String>,
    #[serde(default)]
    division_code: Option<String>,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Variant {
    text: String,
    canonical: String,
    kind: String,
    province: String,
    normalizations: Vec<String>,
    strict_error: String,
    #[allow(dead_code)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Refused {
    text: String,
    error: String,
    #[allow(dead_code)]
    source: String,
}

fn fixtures() -> Fixtures {
    let text = include_str!("fixtures/filing_numbers.toml");
    toml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

fn slug(p: Option<Province>) -> Option<String> {
    p.map(|p| p.slug().to_owned())
}

#[test]
fn every_real_number_parses_to_its_kind_and_province() {
    let fixtures = fixtures();
    assert!(fixtures.number.len() >= 30);
    for n in &fixtures.number {
        let parsed = FilingNumber::parse(&n.text).unwrap_or_else(|e| panic!("{}: {e}", n.text));
        assert_eq!(parsed.kind().as_str(), n.kind, "{}", n.text);
        assert_eq!(slug(parsed.province()), n.province, "{}", n.text);
        assert_eq!(parsed.to_string(), n.text);
        let lenient = FilingNumber::parse_lenient(&n.text).unwrap();
        assert_eq!((lenient.number, lenient.is_canonical()), (parsed, true));
        match parsed {
            FilingNumber::Icp(icp) => {
                assert_eq!(IcpNumber::parse(&n.text), Ok(icp));
                assert_eq!(Some(icp.year()), n.year, "{}", n.text);
                assert_eq!(icp.site_serial(), n.site_serial, "{}", n.text);
                let service = icp.service().filter(|_| n.service.is_some()).map(|s| s.to_string());
                assert_eq!(service, n.service, "{}", n.text);
                assert!(n.text.starts_with(icp.abbreviation()));
            }
            FilingNumber::License(license) => {
                assert_eq!(IcpLicenseNumber::parse(&n.text), Ok(license));
                assert_eq!(license.year(), n.year, "{}", n.text);
                assert_eq!(license.site_serial(), n.site_serial, "{}", n.text);
                assert_eq!(license.service().map(|s| s.to_string()), n.service, "{}", n.text);
                assert_eq!(license.is_cross_regional(), n.province.is_none());
            }
            FilingNumber::PublicSecurity(ps) => {
                assert_eq!(PublicSecurityNumber::parse(&n.text), Ok(ps));
                assert_eq!(Some(ps.division_code().to_owned()), n.division_code, "{}", n.text);
            }
        }
    }
}

#[test]
fn malformed_real_variants_are_refused_strictly_and_read_leniently() {
    for v in fixtures().variant {
        let err = FilingNumber::parse(&v.text).unwrap_err();
        let NumberError::NotCanonical { canonical, .. } = &err else {
            panic!("{}: {err:?}", v.text)
        };
        assert_eq!(*canonical, v.canonical);
        assert!(err.to_string().contains(&v.strict_error), "{}: {err}", v.text);
        let read = FilingNumber::parse_lenient(&v.text).unwrap();
        assert_eq!(read.number.to_string(), v.canonical);
        assert_eq!(read.number.kind().as_str(), v.kind);
        assert_eq!(slug(read.number.province()).as_deref(), Some(v.province.as_str()));
        let norms: Vec<&str> = read.normalizations.iter().map(Normalization::as_str).collect();
        assert_eq!(norms, v.normalizations, "{}", v.text);
        // Found in running text too, leniently only.
        let text = format!("备案号：{}　版权所有", v.text);
        assert_eq!(find(&text).count(), 0, "{}", v.text);
        let found: Vec<_> = find_lenient(&text).collect();
        assert_eq!(found.len(), 1, "{}", v.text);
        assert_eq!(found[0].as_str(), v.text);
        assert_eq!(found[0].number().to_string(), v.canonical);
    }
}

#[test]
fn refused_texts_say_why() {
    for r in fixtures().refused {
        for err in [
            FilingNumber::parse(&r.text).unwrap_err(),
            FilingNumber::parse_lenient(&r.text).unwrap_err(),
        ] {
            assert!(err.to_string().contains(&r.error), "{}: {err}", r.text);
        }
    }
}

#[test]
fn every_province_abbreviation() {
    let table = fixtures().abbreviations;
    assert_eq!(table.len(), 36);
    let mut seen = std::collections::BTreeSet::new();
    for (abbreviation, slug) in &table {
        let c = abbreviation.chars().next().unwrap();
        let province: Province = slug.parse().unwrap();
        seen.insert(province);
        assert!(province.abbreviations().contains(&c), "{c}");
        let icp = IcpNumber::parse(&format!("{c}ICP备2021004680号-1")).unwrap();
        assert_eq!((icp.province(), icp.abbreviation()), (province, c));
        let license = IcpLicenseNumber::parse(&format!("{c}B2-20090059")).unwrap();
        assert_eq!(license.province(), Some(province));
        let old = IcpLicenseNumber::parse(&format!("{c}ICP证030173号")).unwrap();
        assert_eq!(old.province(), Some(province));
        let ps = format!("{c}公网安备{:02}010502030143号", province.gb_code());
        let ps = PublicSecurityNumber::parse(&ps).unwrap();
        assert_eq!((ps.province(), ps.abbreviation()), (province, c));
        // The record code of every other province is refused.
        for other in Province::ALL.into_iter().filter(|p| *p != province) {
            let text = format!("{c}公网安备{:02}010502030143号", other.gb_code());
            let err = PublicSecurityNumber::parse(&text).unwrap_err();
            assert!(
                matches!(err, NumberError::RegionMismatch { region, .. } if region == other),
                "{text}: {err}"
            );
        }
    }
    assert_eq!(seen.len(), 31, "every province has an abbreviation in the table");
    let total: usize = Province::ALL.iter().map(|p| p.abbreviations().len()).sum();
    assert_eq!(total, table.len(), "the crate knows no abbreviation the table lacks");
}

#[test]
fn the_rule_data_says_which_abbreviations_are_in_use() {
    let rules = beian::RuleSet::embedded();
    let in_use = |text: &str| {
        let n = FilingNumber::parse(text).unwrap();
        let p = n.province().unwrap();
        let c = n.abbreviation().unwrap();
        match n.kind() {
            NumberKind::PublicSecurityFiling => rules.public_security_abbreviations(p).contains(&c),
            _ => rules.icp_abbreviations(p).contains(&c),
        }
    };
    for text in [
        "蜀ICP备12014244号-2",
        "川ICP备10200063号-1",
        "陇ICP备15000343号-1",
        "黔ICP备2021008357号",
    ] {
        assert!(in_use(text), "{text}");
    }
    for text in ["贵ICP备2021008357号", "云ICP备2023001289号-1", "秦ICP备16000646号"] {
        assert!(!in_use(text), "{text}");
    }
    assert!(in_use("贵公网安备52010202000001号"));
    assert!(in_use("黔公网安备52010202000001号"));
}

#[test]
fn a_footer_with_every_kind() {
    let footer = "<p>©1998-2026 Tencent. All Rights Reserved. 腾讯公司 版权所有 \
                  <a href=\"https://beian.miit.gov.cn\">粤B2-20090059</a> \
                  <a href=\"http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44030502008569\">粤公网安备44030502008569号</a> \
                  京ICP证150476号 | 京ICP备11018762号</p>";
    let found: Vec<(String, String)> = find(footer)
        .map(|m| (m.number().kind().to_string(), m.as_str().to_owned()))
        .collect();
    assert_eq!(
        found,
        [
            ("icp_license".to_owned(), "粤B2-20090059".to_owned()),
            (
                "public_security_filing".to_owned(),
                "粤公网安备44030502008569号".to_owned()
            ),
            ("icp_license".to_owned(), "京ICP证150476号".to_owned()),
            ("icp_filing".to_owned(), "京ICP备11018762号".to_owned()),
        ]
    );
    for m in find(footer) {
        assert_eq!(&footer[m.range()], m.as_str());
    }
}

// Property tests.

/// Every official abbreviation with its province.
fn abbreviation() -> impl Strategy<Value = (char, Province)> {
    let all: Vec<(char, Province)> = Province::ALL
        .iter()
        .flat_map(|p| p.abbreviations().iter().map(move |c| (*c, *p)))
        .collect();
    proptest::sample::select(all)
}

/// An optional site serial with an optional service letter.
fn site() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        (1u16..=9999, prop_oneof![Just(""), Just("A"), Just("X"), Just("K")]).prop_map(|(n, s)| format!("-{n}{s}")),
    ]
}

/// The canonical text of an ICP filing number.
fn icp_text() -> impl Strategy<Value = String> {
    let serial = prop_oneof!["[0-9]{8}", "20[0-9]{8}"];
    (abbreviation(), serial, site()).prop_map(|((c, _), serial, site)| format!("{c}ICP备{serial}号{site}"))
}

/// The canonical text of an ICP licence number, in any of the three styles.
fn license_text() -> impl Strategy<Value = String> {
    let legacy = (abbreviation(), "[0-9]{6,7}", site()).prop_map(|((c, _), s, site)| format!("{c}ICP证{s}号{site}"));
    let provincial = (abbreviation(), 1u8..=3, "20[0-9]{6}", site()).prop_map(|((c, _), bits, s, site)| {
        let categories: Vec<&str> = [(1, "B1"), (2, "B2")]
            .into_iter()
            .filter(|(b, _)| bits & b != 0)
            .map(|(_, c)| c)
            .collect();
        format!("{c}{}-{s}{site}", categories.join("."))
    });
    let miit = (1u8..=15, "20[0-9]{6}", site()).prop_map(|(bits, s, site)| {
        let categories: Vec<&str> = [(1, "A1"), (2, "A2"), (4, "B1"), (8, "B2")]
            .into_iter()
            .filter(|(b, _)| bits & b != 0)
            .map(|(_, c)| c)
            .collect();
        format!("{}-{s}{site}", categories.join("."))
    });
    prop_oneof![legacy, provincial, miit]
}

/// The canonical text of a public-security filing number.
fn public_security_text() -> impl Strategy<Value = String> {
    (abbreviation(), "[0-9]{12}").prop_map(|((c, p), rest)| format!("{c}公网安备{:02}{rest}号", p.gb_code()))
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![icp_text(), license_text(), public_security_text()]
}

/// Full-width forms of the ASCII characters.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect()
}

proptest! {
    // Failing inputs are printed; there is no lib.rs next to this test to
    // store them beside.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parse_of_display_is_identity(text in any_text()) {
        let n = FilingNumber::parse(&text).map_err(|e| TestCaseError::fail(format!("{text}: {e}")))?;
        prop_assert_eq!(n.to_string(), text.clone());
        prop_assert_eq!(FilingNumber::parse(&n.to_string()), Ok(n));
        let lenient = FilingNumber::parse_lenient(&text).unwrap();
        prop_assert_eq!(lenient.number, n);
        prop_assert!(lenient.is_canonical());
        // The typed parsers agree and refuse the other kinds.
        match n {
            FilingNumber::Icp(x) => {
                prop_assert_eq!(IcpNumber::parse(&x.to_string()), Ok(x));
                let is_wrong_kind = matches!(IcpLicenseNumber::parse(&text), Err(NumberError::WrongKind { .. }));
                prop_assert!(is_wrong_kind);
            }
            FilingNumber::License(x) => {
                prop_assert_eq!(IcpLicenseNumber::parse(&x.to_string()), Ok(x));
                let is_wrong_kind = matches!(PublicSecurityNumber::parse(&text), Err(NumberError::WrongKind { .. }));
                prop_assert!(is_wrong_kind);
            }
            FilingNumber::PublicSecurity(x) => {
                prop_assert_eq!(PublicSecurityNumber::parse(&x.to_string()), Ok(x));
                let is_wrong_kind = matches!(IcpNumber::parse(&text), Err(NumberError::WrongKind { .. }));
                prop_assert!(is_wrong_kind);
            }
        }
        // Serde carries the canonical text.
        let json = serde_json::to_string(&n).unwrap();
        prop_assert_eq!(serde_json::from_str::<FilingNumber>(&json).unwrap(), n);
    }

    #[test]
    fn lenient_parsing_reads_the_variants(text in any_text(), spaces in any::<bool>(), lower in any::<bool>()) {
        let n = FilingNumber::parse(&text).unwrap();
        let mut variant = full_width(&text);
        if lower {
            variant = variant.to_lowercase();
        }
        if spaces {
            variant = format!(" {} ", variant.chars().map(String::from).collect::<Vec<_>>().join(" "));
        }
        let read = FilingNumber::parse_lenient(&variant).map_err(|e| TestCaseError::fail(format!("{variant}: {e}")))?;
        prop_assert_eq!(read.number, n);
        prop_assert!(read.normalizations.contains(Normalization::FullWidth));
        prop_assert_eq!(read.normalizations.contains(Normalization::Whitespace), spaces);
        let is_not_canonical = matches!(
            FilingNumber::parse(&variant),
            Err(NumberError::NotCanonical { canonical, .. }) if canonical == text
        );
        prop_assert!(is_not_canonical);
    }

    #[test]
    fn find_reports_each_number_with_its_range(
        numbers in proptest::collection::vec(any_text(), 0..4),
        filler in "[ |©，。:：]{1,3}([a-z]{1,3}[ |©，。:：]{1,3})?",
    ) {
        let mut text = filler.clone();
        let mut ranges = Vec::new();
        for n in &numbers {
            let start = text.len();
            text.push_str(n);
            ranges.push(start..text.len());
            text.push_str(&filler);
        }
        let found: Vec<_> = find(&text).collect();
        prop_assert_eq!(found.iter().map(|m| m.range()).collect::<Vec<_>>(), ranges.clone());
        for (m, n) in found.iter().zip(&numbers) {
            prop_assert_eq!(m.number().to_string(), n.clone());
        }
        let lenient: Vec<_> = find_lenient(&text).map(|m| m.range()).collect();
        prop_assert_eq!(lenient, ranges);
    }

    #[test]
    fn no_input_makes_a_parser_panic(text in any_text(), noise in "\\PC{0,6}", at in any::<prop::sample::Index>()) {
        // Insert noise somewhere in a real-looking number.
        let cut = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect::<Vec<_>>();
        let i = cut[at.index(cut.len())];
        let garbled = format!("{}{noise}{}", &text[..i], &text[i..]);
        for mode in [false, true] {
            let parsed = if mode { FilingNumber::parse_lenient(&garbled).map(|n| n.number) } else { FilingNumber::parse(&garbled) };
            if let Ok(n) = parsed {
                prop_assert_eq!(FilingNumber::parse(&n.to_string()), Ok(n));
            }
        }
        for m in find(&garbled).chain(find_lenient(&garbled)) {
            prop_assert_eq!(&garbled[m.range()], m.as_str());
            prop_assert_eq!(FilingNumber::parse_lenient(m.as_str()).map(|n| n.number), Ok(*m.number()));
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,40}") {
        let _ = FilingNumber::parse(&text);
        let _ = FilingNumber::parse_lenient(&text);
        prop_assert!(find(&text).all(|m| FilingNumber::parse(m.as_str()) == Ok(*m.number())));
        let _ = find_lenient(&text).count();
    }
}
