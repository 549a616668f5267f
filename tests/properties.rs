//! Property tests of the identifier types: generated valid numbers always
//! parse, every single-character change that the check algorithm is built
//! to catch is caught, and no input makes a parser panic.

use beian::identity::{
    EmailAddress, ForeignPermanentResidentId, HkMacaoTravelPermit, LandlineNumber, LegacyResidentId, MobileNumber,
    OrganizationCode, Passport, RegionCode, ResidentId, ResidentIdError, TaiwanTravelPermit, Uscc,
};
use proptest::prelude::*;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A GB 11643 check character, computed independently of the crate.
fn check(body: &str) -> char {
    let sum: u32 = body.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

fn uscc_check(body: &[u8]) -> u8 {
    let mut weight = 1;
    let mut sum = 0;
    for &c in body {
        sum += ALPHABET.iter().position(|&a| a == c).unwrap() as u32 * weight;
        weight = weight * 3 % 31;
    }
    ALPHABET[((31 - sum % 31) % 31) as usize]
}

/// A valid citizen ID: a region code in use at the birth (from the embedded
/// table), a birth date between 1900 and 2025, an order code.
fn resident_id() -> impl Strategy<Value = String> {
    let rules = beian::RuleSet::embedded();
    let codes: Vec<(u32, i16, i16)> = rules
        .regions()
        .iter()
        .filter(|d| d.code.get() / 100_000 != 9)
        .map(|d| (d.code.get(), d.first_year.unwrap_or(1900), d.last_year.unwrap_or(2025)))
        .collect();
    (0..codes.len(), 0u32..=u32::MAX, 1u32..=28, 1u32..=12, 0u32..1000).prop_map(move |(i, y, day, month, order)| {
        let (code, first, last) = codes[i];
        let first = first.max(1900);
        let year = i32::from(first) + (y % (u32::try_from(last - first).unwrap_or(0) + 1)) as i32;
        let body = format!("{code:06}{year:04}{month:02}{day:02}{order:03}");
        format!("{body}{}", check(&body))
    })
}

fn uscc() -> impl Strategy<Value = String> {
    let categories = [
        "11", "12", "13", "31", "51", "52", "53", "91", "92", "93", "A1", "N2", "Y1",
    ];
    (
        proptest::sample::select(categories.to_vec()),
        proptest::collection::vec(0u32..10, 6),
        proptest::collection::vec(proptest::sample::select(ALPHABET.to_vec()), 9),
    )
        .prop_map(|(category, region, id)| {
            let mut body: Vec<u8> = category.bytes().collect();
            body.extend(region.iter().map(|d| b'0' + *d as u8));
            body.extend(id);
            let c = uscc_check(&body);
            body.push(c);
            String::from_utf8(body).unwrap()
        })
}

proptest! {
    // A few tests reject the draws that change nothing (about one in ten):
    // the reject budget grows with the cases, so that long runs
    // (`PROPTEST_CASES=20000`) do not abort.
    #![proptest_config(ProptestConfig {
        cases: 512,
        max_global_rejects: 20 * std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(512u32),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_resident_ids_parse_and_check_out(id in resident_id()) {
        let parsed = ResidentId::parse(&id).unwrap();
        prop_assert_eq!(parsed.as_str(), id.as_str());
        let rules = beian::RuleSet::embedded();
        prop_assert!(parsed.birth_place(rules.regions()).is_ok());
        prop_assert_eq!(ResidentId::parse(&id.to_lowercase()).unwrap(), parsed);
    }

    /// ISO 7064 MOD 11-2 catches every single substitution.
    #[test]
    fn every_single_character_change_of_an_id_is_caught(id in resident_id(), at in 0usize..18, to in 0u8..11) {
        let mut chars: Vec<u8> = id.bytes().collect();
        let new = if to == 10 { b'X' } else { b'0' + to };
        prop_assume!(chars[at] != new && (at == 17 || new != b'X'));
        chars[at] = new;
        let changed = String::from_utf8(chars).unwrap();
        prop_assert!(
            matches!(ResidentId::parse(&changed), Err(ResidentIdError::Checksum { .. })),
            "{} was accepted",
            changed
        );
    }

    #[test]
    fn generated_credit_codes_parse(code in uscc()) {
        let parsed = Uscc::parse(&code).unwrap();
        prop_assert_eq!(parsed.as_str(), code.as_str());
        prop_assert_eq!(parsed.organisation_type().code(), &code[..2]);
        prop_assert_eq!(parsed.region().to_string(), &code[2..8]);
    }

    /// The weights 3^i mod 31 are all non-zero modulo the prime 31, so every
    /// substitution of one character of the alphabet by another is caught.
    #[test]
    fn every_single_character_change_of_a_credit_code_is_caught(code in uscc(), at in 0usize..18, to in 0usize..31) {
        let mut chars: Vec<u8> = code.bytes().collect();
        prop_assume!(chars[at] != ALPHABET[to] && (!(2..8).contains(&at) || ALPHABET[to].is_ascii_digit()));
        chars[at] = ALPHABET[to];
        let changed = String::from_utf8(chars).unwrap();
        prop_assert!(Uscc::parse(&changed).is_err(), "{} was accepted", changed);
    }

    /// GB 11714 (MOD 11) catches every change of one digit to another.
    #[test]
    fn every_digit_change_of_an_organisation_code_is_caught(body in "[0-9]{8}", at in 0usize..8, to in 0u8..10) {
        let weights = [3u32, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = body.bytes().zip(weights).map(|(d, w)| u32::from(d - b'0') * w).sum();
        let check = match 11 - sum % 11 { 10 => 'X', 11 => '0', n => char::from(b'0' + n as u8) };
        let code = format!("{body}-{check}");
        prop_assert!(OrganizationCode::parse(&code).is_ok());
        let mut chars: Vec<u8> = code.bytes().collect();
        prop_assume!(chars[at] != b'0' + to);
        chars[at] = b'0' + to;
        prop_assert!(OrganizationCode::parse(std::str::from_utf8(&chars).unwrap()).is_err());
    }

    #[test]
    fn mobile_numbers_survive_their_spellings(rest in "[3-9][0-9]{9}", style in 0usize..5) {
        let number = format!("1{rest}");
        let written = match style {
            0 => number.clone(),
            1 => format!("+86{number}"),
            2 => format!("+86 {} {} {}", &number[..3], &number[3..7], &number[7..]),
            3 => format!("86{number}"),
            _ => format!("{}-{}-{}", &number[..3], &number[3..7], &number[7..]),
        };
        prop_assert_eq!(MobileNumber::parse(&written).unwrap().to_string(), number);
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,40}") {
        let _ = ResidentId::parse(&s);
        let _ = LegacyResidentId::parse(&s);
        let _ = ForeignPermanentResidentId::parse(&s);
        let _ = Uscc::parse(&s);
        let _ = OrganizationCode::parse(&s);
        let _ = HkMacaoTravelPermit::parse(&s);
        let _ = TaiwanTravelPermit::parse(&s);
        let _ = Passport::parse(&s);
        let _ = MobileNumber::parse(&s);
        let _ = LandlineNumber::parse(&s);
        let _ = EmailAddress::parse(&s);
        let _ = s.parse::<RegionCode>();
    }

    #[test]
    fn near_misses_never_panic(s in "[0-9Xx+ ()-]{0,20}") {
        let _ = ResidentId::parse(&s);
        let _ = LegacyResidentId::parse(&s);
        let _ = MobileNumber::parse(&s);
        let _ = LandlineNumber::parse(&s);
        let _ = Uscc::parse(&s);
    }
}
