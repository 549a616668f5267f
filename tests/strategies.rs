//! Property tests with the strategies of `beian::strategy` (feature
//! `proptest`): generated valid applications (with apps) stay valid in
//! every province and filing type, each mutation causes its finding and
//! nothing else,
//! `validate` never panics on JSON-shaped input, and reports are
//! byte-identical across runs and threads.
//!
//! The case counts are kept small so that `cargo test --all-features` stays
//! fast; `PROPTEST_CASES=N` runs N cases in every test (and N / 8 per
//! province and filing type, or per mutation kind, at least 1):
//!
//! ```sh
//! PROPTEST_CASES=2000 cargo test --release --all-features --test strategies
//! ```

#![cfg(feature = "proptest")]

use std::collections::BTreeSet;

use beian::strategy::{
    AS_OF, Mutation, MutationKind, OperationMutation, OperationMutationKind, any_valid_application, any_valid_order,
    mutated_application, mutated_order, operation_mutation, valid_application, valid_order,
};
use beian::{Application, FilingType, Operation, Province, Report, RuleSet, Severity, Stage, Validator};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::Value;

/// The number of cases: `PROPTEST_CASES`, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The number of cases of a test that loops over many targets: an eighth
/// of `PROPTEST_CASES`, else `default`.
fn cases_each(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
        .map_or(default, |n| (n / 8).max(1))
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        // Mutations that do not apply to a draw are rejected: the budget
        // grows with the cases, so that long runs do not abort.
        max_global_rejects: cases.saturating_mul(50).max(1024),
        ..Config::default()
    }
}

fn validator() -> Validator {
    Validator::new(&RuleSet::embedded())
}

/// The findings of a report as (code, path, severity).
fn findings(report: &Report) -> BTreeSet<(String, String, Severity)> {
    report
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.path.clone(), f.severity))
        .collect()
}

fn show(report: &Report) -> String {
    report
        .findings
        .iter()
        .map(|f| format!("\n  {} {} at {}: {}", f.severity, f.code, f.path, f.message))
        .collect()
}

#[test]
fn valid_applications_are_valid_in_every_province_and_filing_type() {
    let validator = validator();
    for province in Province::ALL {
        for &filing_type in FilingType::ALL {
            let mut runner = TestRunner::new(config(cases_each(4)));
            runner
                .run(&valid_application(province, filing_type), |app| {
                    prop_assert_eq!(app.province, Some(province));
                    prop_assert_eq!(app.filing_type(), Some(filing_type));
                    prop_assert_eq!(app.as_of, Some(AS_OF));
                    let report = validator.validate(&app);
                    // Operating websites of entities get an info finding.
                    let flagged: Vec<_> = report
                        .findings
                        .iter()
                        .filter(|f| f.severity != Severity::Info)
                        .collect();
                    prop_assert!(
                        report.is_ok() && flagged.is_empty(),
                        "{}\n{}",
                        show(&report),
                        serde_json::to_string_pretty(&app).unwrap()
                    );
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{province:?} {filing_type:?}: {e}"));
        }
    }
}

/// The valid applications carry apps: in every province and filing type
/// some have them, and over all of them every kind and platform appears.
#[test]
fn valid_applications_carry_apps_of_every_kind() {
    use beian::{AppKind, PlatformKind};
    use proptest::strategy::ValueTree;
    let mut kinds = BTreeSet::new();
    let mut platforms = BTreeSet::new();
    let mut runner = TestRunner::deterministic();
    for province in Province::ALL {
        for &filing_type in FilingType::ALL {
            let strategy = valid_application(province, filing_type);
            let mut with_apps = 0;
            for _ in 0..12 {
                let app = strategy.new_tree(&mut runner).unwrap().current();
                with_apps += usize::from(!app.apps.is_empty());
                for a in &app.apps {
                    kinds.extend(a.kind.map(|k| k.as_str()));
                    platforms.extend(a.platforms.iter().filter_map(|p| p.platform).map(|p| p.as_str()));
                }
            }
            assert!(with_apps > 0, "{province:?} {filing_type:?}: no application with apps");
        }
    }
    let all_kinds: BTreeSet<&str> = AppKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(kinds, all_kinds);
    let expected: BTreeSet<&str> = [
        PlatformKind::Android,
        PlatformKind::Ios,
        PlatformKind::Harmonyos,
        PlatformKind::QuickApp,
    ]
    .iter()
    .map(|p| p.as_str())
    .collect();
    assert_eq!(platforms, expected);
}

/// Validates a valid application and its mutation, and checks that the
/// mutation added exactly the expected finding.
fn check_mutation(validator: &Validator, app: &Application, mutation: Mutation) -> Result<bool, TestCaseError> {
    let mut broken = app.clone();
    let Some(expected) = mutation.apply(&mut broken) else {
        prop_assert_eq!(&broken, app, "a mutation that does not apply changed the application");
        return Ok(false);
    };
    prop_assert_eq!(expected.code, mutation.code());
    let before = validator.validate(app);
    let after = validator.validate(&broken);
    let old = findings(&before);
    // Info findings break no rule.
    let new: Vec<_> = findings(&after)
        .into_iter()
        .filter(|f| !old.contains(f) && f.2 != Severity::Info)
        .collect();
    let context = || {
        format!(
            "{:?}: expected {} at {}\nbefore:{}\nafter:{}\n{}",
            mutation.kind(),
            expected.code,
            expected.path,
            show(&before),
            show(&after),
            serde_json::to_string_pretty(&broken).unwrap()
        )
    };
    prop_assert!(
        new.len() == 1 && new[0].0 == expected.code.as_str() && new[0].1 == expected.path,
        "{}",
        context()
    );
    prop_assert_eq!(after.is_ok(), new[0].2 != Severity::Error, "{}", context());
    Ok(true)
}

#[test]
fn every_mutation_causes_its_finding_and_no_other() {
    let validator = validator();
    for &kind in MutationKind::ALL {
        let strategy = (any_valid_application(), any::<u64>()).prop_filter("the mutation applies", move |(app, c)| {
            Mutation::new(kind, *c).apply(&mut app.clone()).is_some()
        });
        // Some kinds apply to few applications (a province rule, an
        // authorization code): many are rejected.
        let mut runner = TestRunner::new(Config {
            max_global_rejects: u32::MAX,
            max_local_rejects: u32::MAX,
            ..config(cases_each(4))
        });
        runner
            .run(&strategy, |(app, choice)| {
                let applied = check_mutation(&validator, &app, Mutation::new(kind, choice))?;
                prop_assert!(applied);
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
    }
}

proptest! {
    #![proptest_config(config(cases(32)))]

    /// A mutation either applies and causes its finding, or leaves the
    /// application alone.
    #[test]
    fn random_mutations_cause_their_finding(app in any_valid_application(), mutation in beian::strategy::mutation()) {
        check_mutation(&validator(), &app, mutation)?;
    }

    #[test]
    fn mutated_applications_have_the_expected_finding((app, expected) in mutated_application()) {
        let report = beian::validate(&app);
        prop_assert!(
            report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path),
            "{:?} is missing:{}", expected, show(&report)
        );
    }
}

// ---------------------------------------------------------------------------
// Robustness: JSON-shaped input.

/// The keys of the application model, so that random documents reach deep.
const KEYS: &[&str] = &[
    "province",
    "as_of",
    "subject",
    "websites",
    "hosting",
    "kind",
    "name",
    "certificate",
    "number",
    "valid_until",
    "certificate_address",
    "mailing_address",
    "mobile",
    "emergency_phone",
    "email",
    "mobile_province",
    "residence_permit",
    "legal_representative",
    "principal",
    "domains",
    "holder",
    "real_name_verified",
    "registrar_in_mainland",
    "expires_on",
    "homepage",
    "content",
    "pre_approvals",
    "category",
    "authority",
    "commercial",
    "languages",
    "manager",
    "remarks",
    "icp_number",
    "apps",
    "platforms",
    "platform",
    "package_name",
    "bundle_id",
    "bundle_name",
    "public_key",
    "signature_md5",
    "signature_sha1",
    "signature_sha256",
    "mini_program_id",
    "icon_bytes",
    "third_party_sdks",
    "provider",
    "region",
    "billing",
    "purchased_months",
    "code",
    "issuer_account",
    "used",
];

/// Strings a document of the model contains, and some that break it.
const WORDS: &[&str] = &[
    "",
    " ",
    "zhejiang",
    "浙",
    "33",
    "personal",
    "enterprise",
    "government",
    "resident_id_card",
    "business_license",
    "passport",
    "long_term",
    "2026-11-27",
    "2026-02-30",
    "1999-01-01",
    "330106199001010034",
    "91440300MA5FXK3L2W",
    "13812345678",
    "+86 138 1234 5678",
    "0571-87654321",
    "a@b.cn",
    "xiaoming-notes.cn",
    "www.例子.中国",
    "https://www.a.cn/",
    "xn--",
    "blog",
    "news",
    "other",
    "cloud_server",
    "authorization_code",
    "prepaid",
    "postpaid",
    "ap-shanghai",
    "tencent",
    "zh-Hans",
    "京ICP备11018762号-1",
    "辽ICP备2023009191号-2A",
    "app",
    "mini_program",
    "quick_app",
    "android",
    "ios",
    "harmonyos",
    "com.tencent.mm",
    "wx4f28b4b2dcaafca1",
    "gh_4f28b4b2dcaa",
    "88:74:26:2E:0F:32:20:66:ED:52:8E:1F:B8:04:EA:70",
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQ",
    "小明的技术笔记",
    "\u{0}",
    "\u{feff}",
    "𝒳",
    "～～～",
    "..",
    "-",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(str::to_owned),
        1 => "\\PC{0,30}",
        1 => proptest::sample::select(WORDS).prop_map(|w| w.repeat(40)),
    ]
}

/// Any JSON value, with the keys and strings of the model favoured.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        word().prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 96, 8, |inner| {
        let key = prop_oneof![
            4 => proptest::sample::select(KEYS).prop_map(str::to_owned),
            1 => word(),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..8)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Parses and validates a document; what does not parse is fine.
fn parse_and_validate(validator: &Validator, text: &str) {
    if let Ok(app) = Application::from_json(text) {
        let report = validator.validate(&app);
        assert_eq!(
            report.is_ok(),
            !report.findings.iter().any(|f| f.severity == Severity::Error)
        );
        let _ = report.to_json();
    }
}

/// A change to one place of a document.
#[derive(Clone, Debug)]
enum Damage {
    /// Any value instead, most often of another type.
    Replace(Value),
    /// A string instead (the same type where the place holds a string).
    Text(String),
    /// A number instead.
    Number(i64),
    Null,
    /// Removes a key of an object or an element of an array.
    Remove,
    /// Repeats an element of an array.
    Repeat,
    /// Adds a key to an object.
    Key(String),
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        1 => json().prop_map(Damage::Replace),
        3 => word().prop_map(Damage::Text),
        1 => prop_oneof![any::<i64>(), -2i64..40].prop_map(Damage::Number),
        1 => Just(Damage::Null),
        2 => Just(Damage::Remove),
        1 => Just(Damage::Repeat),
        1 => word().prop_map(Damage::Key),
    ]
}

/// Applies a damage at the place `path` leads to, walking down from the
/// root and choosing a child at each step (container changes stop at the
/// last container).
fn apply(node: &mut Value, path: &[Index], damage: &Damage) {
    let on_container = matches!(damage, Damage::Remove | Damage::Repeat | Damage::Key(_));
    let step = path.first();
    let descend = match (step, &*node) {
        (Some(step), Value::Object(map)) if !map.is_empty() => map
            .values()
            .nth(step.index(map.len()))
            .is_some_and(|child| !on_container || child.is_object() || child.is_array()),
        (Some(step), Value::Array(items)) if !items.is_empty() => items
            .get(step.index(items.len()))
            .is_some_and(|child| !on_container || child.is_object() || child.is_array()),
        _ => false,
    };
    if let (true, Some(step)) = (descend, step) {
        let child = match node {
            Value::Object(map) => {
                let i = step.index(map.len());
                map.values_mut().nth(i)
            }
            Value::Array(items) => {
                let i = step.index(items.len());
                items.get_mut(i)
            }
            _ => None,
        };
        if let Some(child) = child {
            return apply(child, &path[1..], damage);
        }
    }
    let pick = path.last().map_or(0, |i| i.index(1 << 16));
    match (damage, node) {
        (Damage::Remove, Value::Object(map)) if !map.is_empty() => {
            let key = map.keys().nth(pick % map.len()).cloned().unwrap_or_default();
            map.remove(&key);
        }
        (Damage::Remove, Value::Array(items)) if !items.is_empty() => {
            items.remove(pick % items.len());
        }
        (Damage::Repeat, Value::Array(items)) if !items.is_empty() => {
            let item = items[pick % items.len()].clone();
            items.push(item);
        }
        (Damage::Key(key), Value::Object(map)) => {
            map.insert(key.clone(), Value::Null);
        }
        (Damage::Remove | Damage::Repeat | Damage::Key(_), _) => {}
        (Damage::Replace(value), node) => *node = value.clone(),
        (Damage::Text(text), node) => *node = Value::from(text.as_str()),
        (Damage::Number(n), node) => *node = Value::from(*n),
        (Damage::Null, node) => *node = Value::Null,
    }
}

proptest! {
    #![proptest_config(config(cases(64)))]

    #[test]
    fn validate_never_panics_on_arbitrary_json(doc in json()) {
        parse_and_validate(&validator(), &doc.to_string());
    }

    #[test]
    fn validate_never_panics_on_an_object_with_random_fields(
        fields in proptest::collection::vec((proptest::sample::select(&KEYS[..5]), json()), 0..6),
    ) {
        let doc = Value::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect());
        parse_and_validate(&validator(), &doc.to_string());
    }

    /// Structure-aware: a valid application with a few places changed
    /// (most changes keep the shape, so the checks see odd but typed input).
    #[test]
    fn validate_never_panics_on_damaged_applications(
        app in any_valid_application(),
        damages in proptest::collection::vec(
            (proptest::collection::vec(any::<Index>(), 1..7), damage()),
            1..5,
        ),
    ) {
        let mut doc = serde_json::to_value(&app).unwrap();
        for (path, damage) in &damages {
            apply(&mut doc, path, damage);
        }
        parse_and_validate(&validator(), &doc.to_string());
    }
}

// ---------------------------------------------------------------------------
// Determinism.

/// The JSON report of an application, from `threads` threads sharing one
/// validator, from a fresh validator, and twice in a row: all identical.
fn same_everywhere(shared: &Validator, app: &Application, threads: usize) -> Result<(), TestCaseError> {
    let first = shared.validate(app).to_json();
    prop_assert_eq!(&shared.validate(app).to_json(), &first, "two runs differ");
    prop_assert_eq!(
        &validator().validate(app).to_json(),
        &first,
        "another validator differs"
    );
    let reports: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| shared.validate(app).to_json()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for report in reports {
        prop_assert_eq!(&report, &first, "a thread's report differs");
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(cases(16)))]

    #[test]
    fn reports_are_byte_identical_across_runs_and_threads(
        (app, _) in mutated_application(),
        valid in any_valid_application(),
    ) {
        let shared = validator();
        same_everywhere(&shared, &app, 4)?;
        same_everywhere(&shared, &valid, 4)?;
    }
}

/// Reports of one validator shared by threads that validate different
/// applications at the same time are those of a lone run.
#[test]
fn concurrent_validations_do_not_interfere() {
    let mut runner = TestRunner::new(config(cases(8)));
    let apps = proptest::collection::vec(mutated_application().prop_map(|(a, _)| a), 6);
    runner
        .run(&apps, |apps| {
            let shared = validator();
            let alone: Vec<String> = apps.iter().map(|a| shared.validate(a).to_json()).collect();
            let together: Vec<String> = std::thread::scope(|scope| {
                let handles: Vec<_> = apps
                    .iter()
                    .map(|a| {
                        let shared = &shared;
                        scope.spawn(move || (0..3).map(|_| shared.validate(a).to_json()).collect::<Vec<_>>())
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        let runs = h.join().unwrap();
                        assert!(runs.windows(2).all(|w| w[0] == w[1]));
                        runs.into_iter().next().unwrap_or_default()
                    })
                    .collect()
            });
            prop_assert_eq!(alone, together);
            Ok(())
        })
        .unwrap();
}

/// Mutations of a value of a stage whose finding compares it with a value of
/// a later stage, and so cannot be found at that stage.
const DECIDED_LATER: &[(Stage, MutationKind)] = &[
    // The domain's holder must be the subject's name, typed at the subject stage.
    (Stage::Prerequisites, MutationKind::HolderMismatch),
    (Stage::Prerequisites, MutationKind::AppDomainHolderMismatch),
];

/// The application as a form has it at `stage`: every value the stage does
/// not cover taken out, objects and lists kept (so that indices stay).
fn cut_to_stage(app: &Application, stage: Stage) -> Application {
    fn cut(node: &mut Value, path: &str, stage: Stage) {
        match node {
            Value::Object(map) => {
                map.retain(|key, child| {
                    let path = format!("{path}/{}", key.replace('~', "~0").replace('/', "~1"));
                    if stage.covers(&path) {
                        return true;
                    }
                    cut(child, &path, stage);
                    child.is_object() || child.is_array()
                });
            }
            Value::Array(items) => {
                for (i, item) in items.iter_mut().enumerate() {
                    cut(item, &format!("{path}/{i}"), stage);
                }
            }
            _ => {}
        }
    }
    let mut doc = serde_json::to_value(app).unwrap();
    cut(&mut doc, "", stage);
    let mut cut = Application::from_json(&doc.to_string()).unwrap();
    assert!(cut.invalid_fields.is_empty(), "{:?}", cut.invalid_fields);
    // What the reader recorded is not serialised: carried over.
    cut.unknown_fields = app.unknown_fields.iter().filter(|p| stage.covers(p)).cloned().collect();
    cut
}

proptest! {
    #![proptest_config(config(cases(32)))]

    /// Every valid application, cut down to a stage, is valid at that
    /// stage; and every mutation of a value of that stage still gives its
    /// finding there.
    #[test]
    fn each_stage_of_a_valid_application_is_valid_and_its_mutations_are_found(
        app in any_valid_application(),
        choice in any::<u64>(),
    ) {
        for &stage in Stage::ALL {
            let validator = validator().stage(stage);
            let cut = cut_to_stage(&app, stage);
            let report = validator.validate(&cut);
            let flagged: Vec<_> = report.findings.iter().filter(|f| f.severity != Severity::Info).collect();
            prop_assert!(
                report.is_ok() && flagged.is_empty(),
                "{stage}:{}\n{}", show(&report), serde_json::to_string_pretty(&cut).unwrap()
            );
            for &kind in MutationKind::ALL {
                let mut broken = app.clone();
                let Some(expected) = Mutation::new(kind, choice).apply(&mut broken) else { continue };
                if !stage.covers(&expected.path) {
                    continue;
                }
                let found = |report: &Report| {
                    report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path)
                };
                // The stage does not hide a finding it covers...
                let whole = validator.validate(&broken);
                prop_assert!(found(&whole), "{stage} {kind:?}: {} at {} is missing:{}", expected.code, expected.path, show(&whole));
                // ...and finds it from that stage's values alone, unless the
                // rule compares them with a later stage's.
                if !DECIDED_LATER.contains(&(stage, kind)) {
                    let report = validator.validate(&cut_to_stage(&broken, stage));
                    prop_assert!(
                        found(&report),
                        "{stage} {kind:?}: {} at {} is missing from the cut form:{}", expected.code, expected.path, show(&report)
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Operations: orders against the filing on record.

/// The warnings a valid order may carry: Guizhou takes a website's
/// cancellation by fax or mail (`[operations.cancel_website_offline]`), and
/// Qinghai takes a change only as `change_filing`
/// (`[operations.change_filing_required]`).
fn province_warning(order: &Application, f: &beian::Finding) -> bool {
    let warning = f.code == beian::Code::OperationNotAllowedInProvince && f.severity == Severity::Warning;
    let fax = order.province == Some(Province::Guizhou)
        && order.operation == Some(Operation::CancelWebsite)
        && f.path == "/websites";
    let whole = order.province == Some(Province::Qinghai)
        && matches!(
            order.operation,
            Some(Operation::ChangeSubject | Operation::ChangeWebsite)
        )
        && f.path == "/operation";
    warning && (fax || whole)
}

#[test]
fn valid_orders_are_valid_in_every_province_for_every_operation() {
    let validator = validator();
    for province in Province::ALL {
        for &operation in Operation::ALL {
            let mut runner = TestRunner::new(config(cases_each(3)));
            runner
                .run(&valid_order(province, operation), |order| {
                    prop_assert_eq!(order.province, Some(province));
                    prop_assert_eq!(order.operation(), operation);
                    prop_assert_eq!(order.as_of, Some(AS_OF));
                    prop_assert_eq!(order.existing.is_some(), operation != Operation::FirstFiling);
                    let report = validator.validate(&order);
                    let flagged: Vec<_> = report
                        .findings
                        .iter()
                        .filter(|f| f.severity != Severity::Info && !province_warning(&order, f))
                        .collect();
                    prop_assert!(
                        report.is_ok() && flagged.is_empty(),
                        "{}\n{}",
                        show(&report),
                        serde_json::to_string_pretty(&order).unwrap()
                    );
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{province:?} {operation:?}: {e}"));
        }
    }
}

/// The valid orders record apps and name them: an access, change or
/// cancellation order of some draw names a recorded app by its number.
#[test]
fn valid_orders_name_recorded_apps() {
    let mut runner = TestRunner::deterministic();
    for operation in [
        Operation::AddAccess,
        Operation::ChangeWebsite,
        Operation::ChangeFiling,
        Operation::CancelWebsite,
        Operation::CancelAccess,
    ] {
        let named = (0..200).any(|_| {
            let order = orders_of(operation).new_tree(&mut runner).unwrap().current();
            let recorded = order.existing.as_ref().map_or(&[][..], |e| &e.apps[..]);
            order
                .apps
                .iter()
                .any(|a| recorded.iter().any(|r| r.icp_number == a.icp_number))
        });
        assert!(named, "{operation:?}: no order names a recorded app");
    }
}

/// Validates a valid order and its mutation, and checks that the mutation
/// added exactly the expected finding.
fn check_order_mutation(
    validator: &Validator,
    order: &Application,
    mutation: OperationMutation,
) -> Result<bool, TestCaseError> {
    let mut broken = order.clone();
    let Some(expected) = mutation.apply(&mut broken) else {
        prop_assert_eq!(&broken, order, "a mutation that does not apply changed the order");
        return Ok(false);
    };
    prop_assert_eq!(expected.code, mutation.code());
    prop_assert_ne!(&broken, order, "a mutation that applies left the order as it was");
    let before = validator.validate(order);
    let after = validator.validate(&broken);
    let old = findings(&before);
    let new: Vec<_> = findings(&after)
        .into_iter()
        .filter(|f| !old.contains(f) && f.2 != Severity::Info)
        .collect();
    let context = || {
        format!(
            "{:?} on {:?}: expected {} at {}\nbefore:{}\nafter:{}\n{}",
            mutation.kind(),
            order.operation(),
            expected.code,
            expected.path,
            show(&before),
            show(&after),
            serde_json::to_string_pretty(&broken).unwrap()
        )
    };
    prop_assert!(
        new.len() == 1 && new[0].0 == expected.code.as_str() && new[0].1 == expected.path,
        "{}",
        context()
    );
    prop_assert_eq!(after.is_ok(), new[0].2 != Severity::Error, "{}", context());
    Ok(true)
}

/// The operations each kind of order mutation applies to (in some
/// province, for some order).
const APPLIES: &[(OperationMutationKind, &[Operation])] = {
    use Operation::*;
    use OperationMutationKind as K;
    const ALL_BUT_FIRST: &[Operation] = &[
        AddWebsite,
        AddAccess,
        ChangeSubject,
        ChangeWebsite,
        ChangeFiling,
        CancelSubject,
        CancelWebsite,
        CancelAccess,
    ];
    &[
        (K::RecordMismatch, &[AddWebsite, AddAccess]),
        (
            K::ImmutableField,
            &[
                AddWebsite,
                AddAccess,
                ChangeSubject,
                ChangeWebsite,
                ChangeFiling,
                CancelSubject,
            ],
        ),
        (K::UnknownNumber, ALL_BUT_FIRST),
        (K::NotAllowedInProvince, &[AddWebsite, ChangeSubject]),
        (K::NotAllowedForSubject, &[ChangeSubject]),
        (K::Combined, &[AddWebsite, AddAccess, ChangeWebsite, ChangeFiling]),
        (K::LeavesEmptySubject, &[CancelWebsite, CancelAccess]),
        (K::NothingChanged, &[ChangeSubject, ChangeWebsite, ChangeFiling]),
        (K::SectionRequired, ALL_BUT_FIRST),
        (
            K::SectionNotAllowed,
            &[
                FirstFiling,
                ChangeSubject,
                ChangeWebsite,
                ChangeFiling,
                CancelSubject,
                CancelWebsite,
                CancelAccess,
            ],
        ),
        (K::WebsiteNameOnRecord, &[AddWebsite]),
        (
            K::UnknownAppNumber,
            &[
                AddAccess,
                ChangeSubject,
                ChangeWebsite,
                ChangeFiling,
                CancelSubject,
                CancelWebsite,
                CancelAccess,
            ],
        ),
        (K::EmptyServiceOnRecord, &[AddWebsite, AddAccess]),
    ]
};

/// Valid orders of one operation, in any province.
fn orders_of(operation: Operation) -> impl Strategy<Value = Application> {
    proptest::sample::select(Province::ALL.to_vec()).prop_flat_map(move |p| valid_order(p, operation))
}

#[test]
fn every_operation_mutation_causes_its_finding_and_no_other() {
    let validator = validator();
    for &(kind, operations) in APPLIES {
        for &operation in operations {
            let strategy = (orders_of(operation), any::<u64>()).prop_filter("the mutation applies", move |(o, c)| {
                OperationMutation::new(kind, *c).apply(&mut o.clone()).is_some()
            });
            // Some kinds apply in one province only: many are rejected.
            let mut runner = TestRunner::new(Config {
                max_global_rejects: 20_000,
                max_local_rejects: 20_000,
                ..config(cases_each(3))
            });
            runner
                .run(&strategy, |(order, choice)| {
                    let applied = check_order_mutation(&validator, &order, OperationMutation::new(kind, choice))?;
                    prop_assert!(applied);
                    Ok(())
                })
                .unwrap_or_else(|e| panic!("{kind:?} on {operation:?}: {e}"));
        }
    }
}

/// A kind of order mutation applies to the operations [`APPLIES`] lists
/// for it and to no other, and the list names every kind.
#[test]
fn operation_mutations_apply_where_they_say() {
    let kinds: Vec<OperationMutationKind> = APPLIES.iter().map(|(k, _)| *k).collect();
    assert_eq!(kinds, OperationMutationKind::ALL);
    let mut runner = TestRunner::deterministic();
    for &operation in Operation::ALL {
        for _ in 0..40 {
            let order = orders_of(operation).new_tree(&mut runner).unwrap().current();
            for choice in 0..6u64 {
                for &(kind, operations) in APPLIES {
                    if !operations.contains(&operation) {
                        let mut broken = order.clone();
                        let applied = OperationMutation::new(kind, choice).apply(&mut broken);
                        assert!(applied.is_none(), "{kind:?} applies to {operation:?}");
                        assert_eq!(broken, order);
                    }
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(config(cases(32)))]

    /// An order mutation either applies and causes its finding, or leaves
    /// the order alone.
    #[test]
    fn random_operation_mutations_cause_their_finding(order in any_valid_order(), mutation in operation_mutation()) {
        check_order_mutation(&validator(), &order, mutation)?;
    }

    #[test]
    fn mutated_orders_have_the_expected_finding((order, expected) in mutated_order()) {
        let report = beian::validate(&order);
        prop_assert!(
            report.findings.iter().any(|f| f.code == expected.code && f.path == expected.path),
            "{:?} is missing:{}", expected, show(&report)
        );
    }
}

proptest! {
    #![proptest_config(config(cases(16)))]

    /// Orders and their mutations have byte-identical reports across runs,
    /// validators and threads.
    #[test]
    fn order_reports_are_byte_identical_across_runs_and_threads(
        (broken, _) in mutated_order(),
        valid in any_valid_order(),
    ) {
        let shared = validator();
        same_everywhere(&shared, &broken, 4)?;
        same_everywhere(&shared, &valid, 4)?;
    }
}
