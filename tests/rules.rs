//! Loading rule data from a directory: a copy of the embedded rules loads
//! the same, an operator's changes take effect, and the files that cannot be
//! made by editing text (a FIFO, a device, a file over the size limit) are
//! refused.
//!
//! The malformed rule files, each a `RuleError` naming the file, the line
//! where there is one, and the problem, are data: `tests/rule_errors.toml`,
//! run by `tests/rule_errors.rs`.

mod support;

use std::path::Path;

use beian::RuleSet;
use support::RulesCopy as Copy;

#[test]
fn a_copy_of_the_embedded_rules_loads_the_same() {
    let copy = Copy::new("same");
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    let embedded = RuleSet::embedded();
    assert_eq!(rules.version(), embedded.version());
    assert!(rules.rules().eq(embedded.rules()));
}

#[test]
fn an_operator_can_change_a_rule() {
    let copy = Copy::new("change");
    copy.edit(
        "provinces/zhejiang.toml",
        "max_working_days = 30",
        "max_working_days = 25",
    )
    .edit("ruleset.toml", "2026.12.0", "2026.12.0-operator.1");
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    assert_eq!(rules.version(), "2026.12.0-operator.1");
    let app = beian::Application::from_json(include_str!("../examples/applications/personal.json")).unwrap();
    let report = beian::Validator::new(&rules).validate(&app);
    let review = report.steps.iter().find(|s| &*s.id == "authority_review").unwrap();
    assert_eq!(review.max_working_days, Some(25));
    assert_eq!(report.ruleset, "2026.12.0-operator.1");
}

#[test]
fn a_rule_directory_that_does_not_exist() {
    let err = RuleSet::from_dir("/nonexistent/beian-rules").unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/beian-rules"), "{err}");
}

#[test]
fn an_operator_can_allocate_a_mobile_prefix() {
    let copy = Copy::new("prefix-add");
    copy.edit("contacts.toml", "prefixes = [\"192\"]", "prefixes = [\"192\", \"194\"]");
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    let number: beian::identity::MobileNumber = "19412345678".parse().unwrap();
    assert_eq!(
        rules.mobile_prefixes().lookup(&number).map(|p| p.carrier),
        Some("china_broadnet")
    );
    assert!(RuleSet::embedded().mobile_prefixes().lookup(&number).is_none());
}

#[test]
fn an_operator_can_replace_the_public_suffix_list() {
    let copy = Copy::new("psl");
    let text = std::fs::read_to_string(copy.path("public_suffix_list.dat")).unwrap();
    let text = text.replacen("// ===END ICANN DOMAINS===", "notatld\n// ===END ICANN DOMAINS===", 1);
    std::fs::write(copy.path("public_suffix_list.dat"), text).unwrap();
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    let name = beian::domain::DomainName::parse("www.example.notatld").unwrap();
    let psl = rules.public_suffix_list();
    assert!(psl.public_suffix(&name).is_listed());
    assert!(
        !RuleSet::embedded()
            .public_suffix_list()
            .public_suffix(&name)
            .is_listed()
    );
    assert_eq!(psl.version(), Some("20230209.2326"));
}

#[test]
fn every_province_has_a_file_and_every_rule_a_source() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/provinces");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut expected: Vec<String> = beian::Province::ALL
        .iter()
        .map(|p| format!("{}.toml", p.slug()))
        .collect();
    expected.sort();
    assert_eq!(files, expected, "one file per province, named after its slug");

    let rules = RuleSet::embedded();
    for p in beian::Province::ALL {
        let prefix = format!("provinces.{}.", p.slug());
        let own: Vec<_> = rules.rules().filter(|r| r.id().starts_with(&prefix)).collect();
        // Every province states whom it accepts as a personal filer, with a source.
        for id in ["identity", "people.non_local"] {
            let rule = rules
                .rule(&format!("{prefix}{id}"))
                .unwrap_or_else(|| panic!("{prefix}{id}"));
            assert!(!rule.sources().is_empty());
        }
        for rule in &own {
            assert_eq!(rule.file(), format!("provinces/{}.toml", p.slug()), "{}", rule.id());
            assert!(!rule.sources().is_empty(), "{} has no source", rule.id());
            assert!(
                [4, 7, 10].contains(&rule.source_date().len()),
                "{} has the source date {}",
                rule.id(),
                rule.source_date()
            );
        }
        assert!(own.len() >= 3, "{p}: only {} rules", own.len());
    }
}

#[test]
fn an_operator_can_change_a_province_policy() {
    let copy = Copy::new("operator-policy");
    copy.edit(
        "provinces/zhejiang.toml",
        "[people.non_local]\npolicy = \"residence_permit\"",
        "[people.non_local]\npolicy = \"refused\"",
    );
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    let mut app = beian::Application::from_json(include_str!("../examples/applications/personal.json")).unwrap();
    if let Some(s) = app.subject.as_mut() {
        s.certificate_address = "上海市黄浦区人民大道200号".into();
    }
    let report = beian::Validator::new(&rules).validate(&app);
    assert!(
        report.has(beian::Code::SubjectNonLocalNotAccepted),
        "{:#?}",
        report.findings
    );
    assert!(!report.has(beian::Code::SubjectResidencePermitRequired));
    let embedded = beian::validate(&app);
    assert!(embedded.has(beian::Code::SubjectResidencePermitRequired));
}

#[test]
fn an_operator_can_require_a_material_of_the_legal_representative() {
    let copy = Copy::new("operator-material");
    copy.append(
        "materials.toml",
        "\n[[requirements]]\nmaterial = \"principal_authorization_letter\"\nfor = \"legal_representative\"\n\
         when = { is_principal = false }\nsource = \"TX-SUBJ\"\nsource_date = \"2022\"\n",
    );
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    let entity = include_str!("../examples/applications/entity.json");
    let mut app = beian::Application::from_json(entity).unwrap();
    let listed = |app: &beian::Application| {
        let report = beian::Validator::new(&rules).validate(app);
        report
            .materials
            .iter()
            .any(|m| &*m.id == "principal_authorization_letter" && m.concerns == "/subject/legal_representative")
    };
    // The sample's principal is its legal representative.
    assert!(!listed(&app));
    if let Some(principal) = app.subject.as_mut().and_then(|s| s.principal.as_mut()) {
        principal.name = "王五".into();
        principal.certificate = app.websites[0].manager.as_ref().and_then(|m| m.certificate.clone());
    }
    assert!(listed(&app));
}

/// A rule file that is not a regular file is refused before it is opened:
/// a FIFO would block the load for ever, a device read without end.
#[cfg(unix)]
#[test]
fn a_rule_file_that_is_not_a_regular_file() {
    let copy = Copy::new("fifo");
    let fifo = copy.path("process.toml");
    std::fs::remove_file(&fifo).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        copy.fails("process.toml", None, "not a regular file");
    }
    let copy = Copy::new("device");
    let zero = copy.path("public_suffix_list.dat");
    std::fs::remove_file(&zero).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    copy.fails("public_suffix_list.dat", None, "not a regular file");
}

#[test]
fn a_rule_file_over_the_size_limit() {
    let copy = Copy::new("huge");
    let list = copy.path("public_suffix_list.dat");
    let mut text = std::fs::read_to_string(&list).unwrap();
    while text.len() <= 4 << 20 {
        text.push_str("// padding\n");
    }
    std::fs::write(&list, text).unwrap();
    copy.fails("public_suffix_list.dat", None, "larger than the limit of 4194304 bytes");
}

/// Found by the `rules` fuzz target: a file that is not UTF-8 is located
/// at the line where its valid text ends.
#[test]
fn a_rule_file_that_is_not_utf8() {
    let copy = Copy::new("latin1");
    let file = copy.path("process.toml");
    let mut bytes = std::fs::read(&file).unwrap();
    let third_line = bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').nth(1).unwrap().0 + 1;
    bytes.insert(third_line, 0xE9); // é in Latin-1
    std::fs::write(&file, bytes).unwrap();
    copy.fails("process.toml", Some(3), "not UTF-8 text");
}

// rules/apps.toml

#[test]
fn an_app_kind_refused_by_a_provider_hosting_toml_does_not_know() {
    Copy::new("apps-provider")
        .edit("apps.toml", "[kinds.providers.huawei]", "[kinds.providers.huawai]")
        .fails_at(
            "apps.toml",
            Some("[kinds.providers.huawei]"),
            "`huawai` is not a provider of hosting.toml",
        );
}

#[test]
fn an_app_name_rule_naming_a_list_names_toml_does_not_have() {
    Copy::new("apps-list")
        .edit("apps.toml", "[names.lists.sensitive]", "[names.lists.sensitiv]")
        .fails_at(
            "apps.toml",
            Some("[names.lists.sensitive]"),
            "`sensitiv` is not a list of names.toml",
        );
}

#[test]
fn an_app_name_list_of_a_website_kind() {
    Copy::new("apps-list-kind")
        .edit("apps.toml", "kind = \"marketing\"", "kind = \"sensitive\"")
        .fails_at(
            "apps.toml",
            Some("[lists.marketing]"),
            "of kind `generic` or `marketing`",
        );
}

#[test]
fn an_app_list_kind_in_names_toml() {
    Copy::new("names-app-kind")
        .edit(
            "names.toml",
            "kind = \"sensitive\"\nsource = \"TX-REJ\"",
            "kind = \"generic\"\nsource = \"TX-REJ\"",
        )
        .fails_at("names.toml", Some("[lists.sensitive]"), "are for app names");
}

#[test]
fn a_platform_without_fingerprints() {
    Copy::new("apps-fingerprints")
        .edit(
            "apps.toml",
            "format = \"ios\"\nfingerprints = [\"sha1\"]",
            "format = \"ios\"\nfingerprints = []",
        )
        .fails_at("apps.toml", Some("[platforms.ios]"), "at least one fingerprint");
}
