//! External test vectors: the identifier cases of other projects' test
//! suites, the national standards' examples and public records, kept in our
//! own fixture files under `tests/vectors/` (each line cites its source).

use std::path::Path;

use beian::RuleSet;
use beian::identity::{
    ForeignPermanentResidentId, HkMacaoTravelPermit, LandlineNumber, MobileNumber, Passport, ResidentId,
    ResidentIdError, ResidentIdKind, TaiwanTravelPermit, Uscc, UsccError,
};

/// The non-comment lines of a fixture, split at tabs, with their line numbers.
fn fixture(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::to_owned).collect()))
        .collect()
}

/// What beian makes of a resident ID number: its kind, or its first problem.
fn resident_id_outcome(rules: &RuleSet, number: &str) -> &'static str {
    match ResidentId::parse(number) {
        Err(ResidentIdError::Legacy) => "legacy",
        Err(ResidentIdError::Length(_)) => "length",
        Err(ResidentIdError::Format) => "format",
        Err(ResidentIdError::Checksum { .. }) => "checksum",
        Err(ResidentIdError::BirthDate(_)) => "birth_date",
        Err(e) => panic!("unexpected error {e}"),
        Ok(id) => match (id.birth_place(rules.regions()), id.kind()) {
            (Err(_), _) => "region",
            (Ok(_), ResidentIdKind::Citizen) => "citizen",
            (Ok(_), ResidentIdKind::HkMacaoResidencePermit) => "hk_macao_residence_permit",
            (Ok(_), ResidentIdKind::TaiwanResidencePermit) => "taiwan_residence_permit",
            (Ok(_), ResidentIdKind::ForeignPermanentResident) => "foreign_permanent_resident",
        },
    }
}

#[test]
fn resident_ids() {
    let rules = RuleSet::embedded();
    let cases = fixture("resident_ids.txt");
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for (line, fields) in &cases {
        let [number, expected, source] = &fields[..] else {
            panic!("resident_ids.txt:{line}: three fields expected")
        };
        let got = resident_id_outcome(&rules, number);
        if got != expected {
            failures.push(format!(
                "resident_ids.txt:{line} {number} ({source}): {got}, expected {expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn legacy_ids_upgrade_to_valid_numbers() {
    // hutool IdcardUtilTest: 150102880730303 → 150102198807303035, 330102200403064 → 33010219200403064X.
    for (old, new) in [
        ("150102880730303", "150102198807303035"),
        ("330102200403064", "33010219200403064X"),
    ] {
        let upgraded = beian::identity::LegacyResidentId::parse(old).unwrap().upgrade();
        assert_eq!(upgraded.as_str(), new);
        assert_eq!(ResidentId::parse(new).unwrap(), upgraded);
    }
}

#[test]
fn credit_codes() {
    let cases = fixture("credit_codes.txt");
    assert!(cases.len() >= 40);
    let mut failures = Vec::new();
    for (line, fields) in &cases {
        let [code, expected, source] = &fields[..] else {
            panic!("credit_codes.txt:{line}: three fields expected")
        };
        let got = match Uscc::parse(code) {
            Ok(c) => c.organisation_type().code().to_owned(),
            Err(UsccError::Length(_)) => "length".into(),
            Err(UsccError::Format) => "format".into(),
            Err(UsccError::Category(_)) => "category".into(),
            Err(UsccError::Checksum { .. }) => "checksum".into(),
            Err(e) => panic!("unexpected error {e}"),
        };
        if got != *expected {
            failures.push(format!(
                "credit_codes.txt:{line} {code} ({source}): {got}, expected {expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pilot_codes_are_on_the_allow_list() {
    // Each code that id-rule documents as a legitimate pilot code fails the
    // check, and the embedded rules turn it into a warning.
    let rules = RuleSet::embedded();
    let rule = rules
        .rule("certificates.uscc.pilot_codes")
        .expect("the pilot-code rule");
    assert_eq!(rule.sources()[0].tag(), "ID-RULE");
    for code in ["91350100M0001TGQXM", "91350211M0000XUF46", "91350203M0001FUE2P"] {
        assert!(matches!(Uscc::parse(code), Err(UsccError::Checksum { .. })), "{code}");
    }
}

#[test]
fn documents_and_contacts() {
    let mut failures = Vec::new();
    for (line, fields) in fixture("documents.txt") {
        let [kind, value, expected, source] = &fields[..] else {
            panic!("documents.txt:{line}: four fields expected")
        };
        let ok = match kind.as_str() {
            "hk_macao_travel_permit" => HkMacaoTravelPermit::parse(value).is_ok(),
            "taiwan_travel_permit" => TaiwanTravelPermit::parse(value).is_ok(),
            "passport" => Passport::parse(value).is_ok(),
            "foreign_permanent_resident_id" => ForeignPermanentResidentId::parse(value).is_ok(),
            "mobile" => MobileNumber::parse(value).is_ok(),
            "landline" => LandlineNumber::parse(value).is_ok(),
            other => panic!("documents.txt:{line}: unknown type {other}"),
        };
        if ok != (expected == "ok") {
            failures.push(format!(
                "documents.txt:{line} {kind} {value} ({source}): expected {expected}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
