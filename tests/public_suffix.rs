//! The public suffix list's own test cases, run through the registrable
//! domain function: `tests/fixtures/public_suffix_tests.toml` is the
//! conformance test; when the Debian package `publicsuffix` is installed,
//! a second test checks that the fixture holds exactly the cases of its
//! `test_psl.txt`.

use std::path::Path;

use beian::RuleSet;
use beian::domain::{DomainName, PublicSuffixList, Sections};
use serde::Deserialize;

const DEBIAN_TEST_FILE: &str = "/usr/share/doc/publicsuffix/examples/test_psl.txt";

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Case {
    input: Option<String>,
    registrable: Option<String>,
    icann_registrable: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    #[serde(rename = "case")]
    cases: Vec<Case>,
}

fn fixture() -> Vec<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/public_suffix_tests.toml");
    let text = std::fs::read_to_string(path).unwrap();
    toml::from_str::<Fixture>(&text).unwrap().cases
}

/// The registrable domain of `input` as the test file writes it: none for a
/// missing input or an invalid name, else in the input's form (ASCII for an
/// ASCII input, Unicode otherwise).
fn registrable(list: &PublicSuffixList, input: Option<&str>) -> Option<String> {
    let name = DomainName::parse(input?).ok()?;
    let domain = list.registrable_domain(&name)?;
    Some(if input?.is_ascii() {
        domain.as_ascii().to_owned()
    } else {
        domain.to_string()
    })
}

#[test]
fn every_case_of_the_public_suffix_list_tests_passes() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/public_suffix_list.dat")).unwrap();
    let whole = PublicSuffixList::parse(&text, Sections::IcannAndPrivate).unwrap();
    let rules = RuleSet::embedded();
    let icann = rules.public_suffix_list();
    assert_eq!(icann.sections(), Sections::Icann);
    let cases = fixture();
    assert!(cases.len() >= 78, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let input = case.input.as_deref();
        let got = registrable(&whole, input);
        if got != case.registrable {
            failures.push(format!("{input:?}: {got:?}, expected {:?}", case.registrable));
        }
        let expected = case.icann_registrable.clone().or_else(|| case.registrable.clone());
        let got = registrable(icann, input);
        if got != expected {
            failures.push(format!("{input:?} (ICANN only): {got:?}, expected {expected:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    eprintln!("{} public suffix list cases passed", cases.len());
}

/// Parses one argument of a `checkPublicSuffix` call: `null` or `'text'`.
fn argument(s: &str) -> Option<String> {
    let s = s.trim();
    if s == "null" {
        return None;
    }
    let inner = s.strip_prefix('\'').and_then(|s| s.strip_suffix('\''));
    Some(inner.unwrap_or_else(|| panic!("unexpected argument {s:?}")).to_owned())
}

#[test]
fn the_fixture_holds_exactly_the_cases_of_the_debian_test_file() {
    let Ok(text) = std::fs::read_to_string(DEBIAN_TEST_FILE) else {
        eprintln!(
            "skipped: {DEBIAN_TEST_FILE} is not installed (apt-get install publicsuffix); the fixture test is the conformance test"
        );
        return;
    };
    let mut cases = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let args = line
            .strip_prefix("checkPublicSuffix(")
            .and_then(|l| l.strip_suffix(");"))
            .unwrap_or_else(|| panic!("unexpected line {line:?}"));
        let (input, expected) = args
            .split_once(", ")
            .unwrap_or_else(|| panic!("unexpected line {line:?}"));
        cases.push((argument(input), argument(expected)));
    }
    let ours: Vec<(Option<String>, Option<String>)> = fixture().into_iter().map(|c| (c.input, c.registrable)).collect();
    assert_eq!(ours, cases);
    eprintln!("the fixture holds the {} cases of {DEBIAN_TEST_FILE}", cases.len());
}
