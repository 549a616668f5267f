//! Loading rule data from a directory: a copy of the embedded rules loads,
//! and every kind of malformed file is a `RuleError` naming the file, the
//! line where there is one, and the problem.

mod support;

use std::path::Path;

use beian::RuleSet;
use support::{RulesCopy as Copy, line_of, lines};

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
    .edit("ruleset.toml", "2026.11.0", "2026.11.0-operator.1");
    let rules = RuleSet::from_dir(&copy.dir).unwrap();
    assert_eq!(rules.version(), "2026.11.0-operator.1");
    let app = beian::Application::from_json(include_str!("../examples/applications/personal.json")).unwrap();
    let report = beian::Validator::new(&rules).validate(&app);
    let review = report.steps.iter().find(|s| &*s.id == "authority_review").unwrap();
    assert_eq!(review.max_working_days, Some(25));
    assert_eq!(report.ruleset, "2026.11.0-operator.1");
}

#[test]
fn invalid_toml() {
    Copy::new("syntax").append("process.toml", "\n[[steps]\n").fails(
        "process.toml",
        Some(lines("process.toml") + 2),
        "",
    );
}

#[test]
fn a_misspelt_key() {
    let line = line_of("provinces/zhejiang.toml", "max_working_days");
    Copy::new("key")
        .edit("provinces/zhejiang.toml", "max_working_days", "max_workingdays")
        .fails("provinces/zhejiang.toml", Some(line), "unknown field `max_workingdays`");
}

#[test]
fn a_value_of_the_wrong_type() {
    let line = line_of("provinces/zhejiang.toml", "max_working_days");
    Copy::new("type")
        .edit(
            "provinces/zhejiang.toml",
            "max_working_days = 30",
            "max_working_days = \"thirty\"",
        )
        .fails("provinces/zhejiang.toml", Some(line), "invalid type");
}

#[test]
fn an_unknown_source() {
    let line = line_of("input.toml", "source = \"BEIAN-CONTRACT\"");
    Copy::new("source")
        .edit(
            "input.toml",
            "source = \"BEIAN-CONTRACT\"",
            "source = \"BEIAN-CONTRCAT\"",
        )
        .fails("input.toml", Some(line), "unknown source `BEIAN-CONTRCAT`");
}

#[test]
fn a_rule_without_a_source() {
    Copy::new("nosource")
        .edit("process.toml", "source = \"TX-AUDIT\"\n", "")
        .fails(
            "process.toml",
            Some(line_of("process.toml", "[[steps]]")),
            "missing field `source`",
        );
}

#[test]
fn an_invalid_source_date() {
    let line = line_of("process.toml", "source_date = \"2022\"");
    Copy::new("date")
        .edit("process.toml", "source_date = \"2022\"", "source_date = \"2022-13\"")
        .fails("process.toml", Some(line), "invalid source date `2022-13`");
}

#[test]
fn a_misspelt_condition() {
    let line = line_of("materials.toml", "when = { filing_type = \"entity\" }");
    Copy::new("condition")
        .edit(
            "materials.toml",
            "when = { filing_type = \"entity\" }",
            "when = { filing_typ = \"entity\" }",
        )
        .fails("materials.toml", Some(line), "unknown field `filing_typ`");
}

#[test]
fn a_condition_with_an_unknown_value() {
    let line = line_of("materials.toml", "when = { filing_type = \"entity\" }");
    Copy::new("condition-value")
        .edit(
            "materials.toml",
            "when = { filing_type = \"entity\" }",
            "when = { filing_type = \"company\" }",
        )
        .fails("materials.toml", Some(line), "unknown variant `company`");
}

#[test]
fn an_unknown_material() {
    let line = line_of("materials.toml", "material = \"principal_certificate\"");
    Copy::new("material")
        .edit(
            "materials.toml",
            "material = \"principal_certificate\"",
            "material = \"principal_certificat\"",
        )
        .fails("materials.toml", Some(line), "unknown material `principal_certificat`");
}

#[test]
fn an_unknown_step_in_a_province() {
    Copy::new("step")
        .edit(
            "provinces/zhejiang.toml",
            "[process.authority_review]",
            "[process.authority_reveiw]",
        )
        .fails(
            "provinces/zhejiang.toml",
            Some(line_of("provinces/zhejiang.toml", "[process.authority_review]")),
            "`authority_reveiw` is not a step",
        );
}

#[test]
fn a_province_file_for_another_province() {
    let copy = Copy::new("identity");
    std::fs::copy(
        copy.path("provinces/jiangsu.toml"),
        copy.path("provinces/zhejiang.toml"),
    )
    .unwrap();
    copy.fails(
        "provinces/zhejiang.toml",
        Some(line_of("provinces/zhejiang.toml", "[identity]")),
        "this file is for 浙江省 (33)",
    );
}

#[test]
fn an_abbreviation_that_is_not_the_provinces() {
    Copy::new("abbreviation")
        .edit(
            "provinces/sichuan.toml",
            "icp_abbreviations = [\"川\", \"蜀\"]",
            "icp_abbreviations = [\"川\", \"渝\"]",
        )
        .fails(
            "provinces/sichuan.toml",
            Some(line_of("provinces/sichuan.toml", "[identity]")),
            "`渝` is not an official abbreviation of sichuan",
        );
}

#[test]
fn a_finding_code_without_a_message() {
    Copy::new("message")
        .edit(
            "messages.toml",
            "[codes.\"domain.expired\"]",
            "[codes.\"domain.expird\"]",
        )
        .fails(
            "messages.toml",
            None,
            "no message for the finding code `domain.expired`",
        );
}

#[test]
fn a_message_for_no_code() {
    Copy::new("message-extra")
        .append("messages.toml", "\n[codes.\"domain.expird\"]\nen = \"x\"\nzh = \"x\"\n")
        .fails(
            "messages.toml",
            Some(lines("messages.toml") + 2),
            "`domain.expird` is not a finding code",
        );
}

#[test]
fn a_broken_message_template() {
    let line = line_of(
        "messages.toml",
        "en = \"the domain `{domain}` expired on {expires_on}\"",
    );
    Copy::new("template")
        .edit("messages.toml", "expired on {expires_on}\"", "expired on {expires_on\"")
        .fails("messages.toml", Some(line), "unclosed `{`");
}

#[test]
fn a_certificate_kind_missing() {
    Copy::new("kind")
        .edit("certificates.toml", "[kinds.notary_license]", "[kinds.notary_licence]")
        .fails(
            "certificates.toml",
            Some(line_of("certificates.toml", "[kinds.notary_license]")),
            "unknown variant `notary_licence`",
        );
}

#[test]
fn a_missing_file() {
    let copy = Copy::new("missing");
    std::fs::remove_file(copy.path("provinces/xizang.toml")).unwrap();
    copy.fails("provinces/xizang.toml", None, "cannot read the file");
}

#[test]
fn a_file_the_rule_set_does_not_read() {
    let copy = Copy::new("extra");
    std::fs::write(copy.path("provinces/hongkong.toml"), "").unwrap();
    copy.fails("provinces/hongkong.toml", None, "not a rule file of this rule set");
}

#[test]
fn a_rule_directory_that_does_not_exist() {
    let err = RuleSet::from_dir("/nonexistent/beian-rules").unwrap_err();
    assert!(err.to_string().starts_with("/nonexistent/beian-rules"), "{err}");
}

#[test]
fn a_misspelt_number_rule() {
    Copy::new("numbers")
        .edit("numbers.toml", "[icp_number.province]", "[icp_number.provinces]")
        .fails(
            "numbers.toml",
            Some(line_of("numbers.toml", "[icp_number.province]")),
            "unknown field `provinces`",
        );
}

#[test]
fn a_malformed_region_line() {
    let line = line_of("regions.tsv", "110101\t");
    Copy::new("region-line")
        .edit("regions.tsv", "110101\t\t\t东城区", "110101\t\t\t")
        .fails("regions.tsv", Some(line), "the name is empty");
}

#[test]
fn a_region_table_with_a_bad_year() {
    let line = line_of("regions.tsv", "110103\t");
    Copy::new("region-year")
        .edit("regions.tsv", "110103\t\t2010\t", "110103\t\t20100\t")
        .fails("regions.tsv", Some(line), "a year is not YYYY");
}

#[test]
fn a_mobile_prefix_listed_twice() {
    let line = line_of("contacts.toml", "prefixes = [\"130\"");
    Copy::new("prefix-twice")
        .edit(
            "contacts.toml",
            "prefixes = [\"130\", ",
            "prefixes = [\"130\", \"135\", ",
        )
        .fails("contacts.toml", Some(line), "the prefix `135` is listed twice");
}

#[test]
fn an_unknown_credit_code_category() {
    let line = line_of("certificates.toml", "categories = {");
    Copy::new("uscc-category")
        .edit(
            "certificates.toml",
            "\"11\" = [\"government\"",
            "\"14\" = [\"government\"",
        )
        .fails(
            "certificates.toml",
            Some(line),
            "`14` is not an organisation type of GB 32100",
        );
}

#[test]
fn a_pilot_code_that_passes_the_check() {
    let line = line_of("certificates.toml", "codes = [\"91350100M0001TGQXM\"");
    Copy::new("pilot")
        .edit("certificates.toml", "\"91350100M0001TGQXM\"", "\"91350100M000100Y43\"")
        .fails("certificates.toml", Some(line), "passes the check");
}

#[test]
fn a_certificate_kind_with_an_unknown_number_format() {
    let line = line_of("certificates.toml", "number = \"uscc\"");
    Copy::new("number-format")
        .edit("certificates.toml", "number = \"uscc\"", "number = \"usc\"")
        .fails("certificates.toml", Some(line), "unknown variant `usc`");
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
fn a_malformed_public_suffix_list() {
    let copy = Copy::new("psl-bad");
    std::fs::write(
        copy.path("public_suffix_list.dat"),
        "// ===BEGIN ICANN DOMAINS===\na..cn\n",
    )
    .unwrap();
    copy.fails("public_suffix_list.dat", Some(2), "`a..cn` has an empty label");
    std::fs::remove_file(copy.path("public_suffix_list.dat")).unwrap();
    copy.fails("public_suffix_list.dat", None, "cannot read the file");
}

#[test]
fn a_suffix_that_is_not_a_domain_suffix() {
    let line = line_of("domains.toml", "[suffixes.io]");
    Copy::new("suffix")
        .edit(
            "domains.toml",
            "[suffixes.io]\napproved = false",
            "[suffixes.io]\napproved = false\nsuffixes = [\"i_o\"]",
        )
        .fails("domains.toml", Some(line + 2), "`i_o` is not a domain suffix");
}

#[test]
fn a_suffix_listed_twice() {
    let line = line_of("domains.toml", "[suffixes.io]");
    Copy::new("suffix-twice")
        .edit(
            "domains.toml",
            "[suffixes.io]\napproved = false",
            "[suffixes.io]\napproved = false\nsuffixes = [\"COM\"]",
        )
        .fails("domains.toml", Some(line + 2), "the suffix `COM` is listed twice");
}

#[test]
fn a_misspelt_key_in_a_provinces_domains() {
    let line = line_of("provinces/shanghai.toml", "min_days = 180");
    Copy::new("province-domains")
        .edit("provinces/shanghai.toml", "min_days = 180", "min_day = 180")
        .fails("provinces/shanghai.toml", Some(line), "unknown field `min_day`");
}

#[test]
fn a_review_step_that_does_not_exist() {
    let line = line_of("hosting.toml", "steps = [\"provider_review\", \"authority_review\"]");
    Copy::new("review-step")
        .edit("hosting.toml", "\"authority_review\"]", "\"authority_reveiw\"]")
        .fails(
            "hosting.toml",
            Some(line),
            "`authority_reveiw` is not a step of process.toml",
        );
}

#[test]
fn an_invalid_authorization_code_pattern() {
    let line = line_of("hosting.toml", "pattern = '^[0-9A-Za-z][0-9A-Za-z-]{4,62}[0-9A-Za-z]$'");
    Copy::new("pattern")
        .edit("hosting.toml", "{4,62}[0-9A-Za-z]$'", "{4,62}[0-9A-Za-z$'")
        .fails("hosting.toml", Some(line), "invalid pattern");
}

// Province files (issue 6): the sections `[people]`, `[certificates]`,
// `[submission]`, `[[materials]]`, and tiers of `[domains]`.

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
fn a_province_without_its_non_local_rule() {
    let file = "provinces/qinghai.toml";
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(file)).unwrap();
    let start = text.find("[people.non_local]").unwrap();
    let end = start + text[start..].find("\n\n").unwrap();
    Copy::new("no-non-local")
        .edit(file, &text[start..end], "")
        // Reported at the `[people]` table, whose first header now follows.
        .fails(
            file,
            Some(line_of(file, "[people.certificates_without_address]") - 3),
            "missing field `non_local`",
        );
}

#[test]
fn an_unknown_residence_policy() {
    let file = "provinces/zhejiang.toml";
    Copy::new("policy")
        .edit(file, "policy = \"residence_permit\"", "policy = \"residence_permits\"")
        .fails(
            file,
            Some(line_of(file, "policy = \"residence_permit\"")),
            "unknown variant `residence_permits`",
        );
}

#[test]
fn a_permit_validity_without_the_permit_policy() {
    let file = "provinces/henan.toml";
    Copy::new("permit-days")
        .edit(
            file,
            "[people.non_local]\npolicy = \"refused\"",
            "[people.non_local]\npolicy = \"refused\"\nmin_permit_days = 30",
        )
        .fails(
            file,
            Some(line_of(file, "[people.non_local]")),
            "`min_permit_days` needs",
        );
}

#[test]
fn non_local_with_permit_needs_the_permit_policy() {
    let file = "provinces/jiangxi.toml";
    Copy::new("with-permit")
        .edit(
            file,
            "[people.non_local]\npolicy = \"residence_permit\"",
            "[people.non_local]\npolicy = \"refused\"",
        )
        .fails(
            file,
            Some(line_of(file, "[people.non_local_with_permit]")),
            "`non_local_with_permit` needs",
        );
}

#[test]
fn a_misspelt_role() {
    let file = "provinces/chongqing.toml";
    let line = line_of(file, "roles = [\"filer\"]");
    Copy::new("role")
        .edit(file, "roles = [\"filer\"]", "roles = [\"filers\"]")
        .fails(file, Some(line), "unknown variant `filers`");
}

#[test]
fn a_misspelt_key_in_a_tier() {
    let file = "provinces/shandong.toml";
    let line = line_of(file, "min_age = 18");
    Copy::new("tier")
        .edit(file, "min_age = 18", "minage = 18")
        .fails(file, Some(line), "unknown field `minage`");
}

#[test]
fn a_misspelt_condition_in_a_province_requirement() {
    let file = "provinces/zhejiang.toml";
    let line = line_of(file, "when = { non_local = true }");
    Copy::new("requirement-condition")
        .edit(file, "when = { non_local = true }", "when = { non_locl = true }")
        .fails(file, Some(line), "unknown field `non_locl`");
}

#[test]
fn a_condition_with_an_empty_range() {
    let file = "provinces/jiangsu.toml";
    let line = line_of(file, "age = { min = 16, max = 17 }");
    Copy::new("range")
        .edit(file, "age = { min = 16, max = 17 }", "age = { min = 17, max = 16 }")
        .fails(file, Some(line), "empty range");
}

#[test]
fn a_condition_about_a_person_for_another_target() {
    let file = "provinces/shanghai.toml";
    let line = line_of(file, "when = { filing_type = \"personal\", age = { max = 17 } }");
    Copy::new("scope")
        .edit(
            file,
            "material = \"guardian_consent\"\nfor = \"people\"",
            "material = \"guardian_consent\"\nfor = \"websites\"",
        )
        .fails(
            file,
            Some(line),
            "about one person, which a requirement `for = \"websites\"` does not have",
        );
}

#[test]
fn a_condition_about_a_person_outside_a_requirement() {
    let file = "provinces/henan.toml";
    let line = line_of(file, "limit = 3") + 1;
    Copy::new("targeted")
        .edit(
            file,
            "limit = 3\nwhen = { filing_type = \"personal\" }",
            "limit = 3\nwhen = { age = { max = 17 } }",
        )
        .fails(file, Some(line), "`age` is about one person");
}

#[test]
fn an_unknown_target() {
    let file = "provinces/xizang.toml";
    let line = line_of(file, "for = \"websites\"");
    Copy::new("target")
        .edit(file, "for = \"websites\"", "for = \"website\"")
        .fails(file, Some(line), "unknown variant `website`");
}

#[test]
fn an_unknown_material_in_a_province() {
    let file = "provinces/xinjiang.toml";
    let line = line_of(file, "material = \"party_building_confirmation\"");
    Copy::new("province-material")
        .edit(
            file,
            "material = \"party_building_confirmation\"",
            "material = \"party_building_confirmaton\"",
        )
        .fails(file, Some(line), "unknown material `party_building_confirmaton`");
}

#[test]
fn a_certificate_kind_given_two_minimum_validities() {
    let file = "provinces/shanghai.toml";
    Copy::new("validity-twice")
        .edit(
            file,
            "kinds = [\"business_license\"]",
            "kinds = [\"business_license\", \"resident_id_card\"]",
        )
        // Reported at the entry read last (entries are read in key order).
        .fails(
            file,
            Some(line_of(file, "[certificates.remaining.resident_id_card]")),
            "`resident_id_card` has two minimum validities",
        );
}

#[test]
fn a_minimum_validity_for_a_certificate_that_does_not_expire() {
    let file = "provinces/shanghai.toml";
    Copy::new("validity-kind")
        .edit(file, "kinds = [\"business_license\"]", "kinds = [\"military_code\"]")
        .fails(
            file,
            Some(line_of(file, "[certificates.remaining.business_license]")),
            "`military_code` certificates do not expire",
        );
}

#[test]
fn a_certificate_kind_that_does_not_fit_the_subject_kind() {
    let file = "provinces/jilin.toml";
    Copy::new("kind-fit")
        .edit(file, "only = [\"business_license\"]", "only = [\"law_firm_license\"]")
        .fails(
            file,
            Some(line_of(file, "[certificates.subject_kinds.enterprise]")),
            "`law_firm_license` does not fit a subject of kind `enterprise`",
        );
}

#[test]
fn an_unknown_certificate_kind_in_a_province() {
    let file = "provinces/hebei.toml";
    let line = line_of(file, "exempt_legal_representative_kinds");
    Copy::new("exempt-kind")
        .edit(
            file,
            "exempt_legal_representative_kinds = [\"passport\",",
            "exempt_legal_representative_kinds = [\"pasport\",",
        )
        .fails(file, Some(line), "unknown variant `pasport`");
}

#[test]
fn a_submission_cap_of_zero() {
    let file = "provinces/hubei.toml";
    let line = line_of(file, "[submission.websites]") + 1;
    Copy::new("cap")
        .edit(
            file,
            "[submission.websites]\nlimit = 1",
            "[submission.websites]\nlimit = 0",
        )
        .fails(file, Some(line), "a limit of 0 would refuse every application");
}

#[test]
fn a_misspelt_key_in_the_second_tier_of_a_domain_rule() {
    let file = "provinces/shanghai.toml";
    let line = line_of(file, "min_days = 180");
    Copy::new("domain-tier")
        .edit(file, "min_days = 180", "min_dayz = 180")
        .fails(file, Some(line), "unknown field `min_dayz`");
}

#[test]
fn an_unknown_section_in_a_province() {
    let file = "provinces/anhui.toml";
    Copy::new("section")
        .append(
            file,
            "\n[peopel.email_shared]\nsource = \"TX-PROV\"\nsource_date = \"2022\"\n",
        )
        .fails(file, Some(lines(file) + 2), "unknown field `peopel`");
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

#[test]
fn an_address_marker_that_starts_with_a_numeral() {
    Copy::new("marker")
        .edit("subject.toml", "\"单元\"", "\"一单元\"")
        .fails(
            "subject.toml",
            Some(line_of("subject.toml", "markers = [")),
            "the marker `一单元` starts with a numeral",
        );
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

#[test]
fn an_empty_version() {
    let line = line_of("ruleset.toml", "version =");
    Copy::new("version")
        .edit("ruleset.toml", "\"2026.11.0\"", "\"  \"")
        .fails("ruleset.toml", Some(line), "the version is empty");
}

#[test]
fn a_region_given_twice() {
    let first = std::fs::read_to_string(support::rules_file("regions.tsv"))
        .unwrap()
        .lines()
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .unwrap()
        .to_owned();
    Copy::new("regions-twice")
        .append("regions.tsv", &format!("{first}\n"))
        .fails("regions.tsv", Some(lines("regions.tsv") + 1), "given twice");
}

#[test]
fn malformed_public_suffix_rules_are_named_with_their_line() {
    for (rule, message) in [
        ("*.*.cn", "a wildcard is only a whole leftmost label"),
        ("a*.cn", "a wildcard is only a whole leftmost label"),
        ("!", "an empty label"),
        ("!cn", "an exception names a domain"),
        ("a..cn", "an empty label"),
    ] {
        Copy::new("psl-rule")
            .append("public_suffix_list.dat", &format!("{rule}\n"))
            .fails(
                "public_suffix_list.dat",
                Some(lines("public_suffix_list.dat") + 1),
                message,
            );
    }
}

#[test]
fn a_public_suffix_list_without_its_icann_section() {
    Copy::new("psl-markers")
        .edit(
            "public_suffix_list.dat",
            "// ===BEGIN ICANN DOMAINS===",
            "// ICANN DOMAINS",
        )
        .fails("public_suffix_list.dat", None, "the ICANN section is not marked");
}

#[test]
fn a_step_defined_twice_is_named_at_its_second_definition() {
    let text = std::fs::read_to_string(support::rules_file("process.toml")).unwrap();
    let start = text.find("[[steps]]").unwrap();
    let end = text[start + 1..]
        .find("[[steps]]")
        .map_or(text.len(), |e| e + start + 1);
    let step = text[start..end].to_owned();
    let copy = Copy::new("step-twice");
    copy.append("process.toml", &format!("\n{step}"));
    let id_line = lines("process.toml") + 1 + step.lines().position(|l| l.starts_with("id = ")).unwrap() + 1;
    copy.fails("process.toml", Some(id_line), "defined twice");
}
