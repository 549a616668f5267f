//! Properties of the report as a whole: ordering, determinism, the limits.

use beian::{Application, Code, Validator, validate};

fn sample(name: &str) -> Application {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    Application::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn findings_are_in_document_order_then_by_code() {
    let report = validate(&sample("mistakes.json"));
    let paths: Vec<&str> = report.findings.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths.first(), Some(&"/subject/certificate/kind"));
    assert_eq!(paths.last(), Some(&"/hosting/expires_on"));
    // The same path: codes in alphabetical order.
    let mut app = sample("personal.json");
    let subject = app.subject.as_mut().unwrap();
    subject.certificate.as_mut().unwrap().kind = Some(beian::CertificateKind::BusinessLicense);
    subject.legal_representative = Some(Default::default());
    let report = validate(&app);
    let codes: Vec<String> = report
        .findings
        .iter()
        .map(|f| format!("{} {}", f.path, f.code))
        .collect();
    assert_eq!(
        codes,
        [
            "/subject/certificate/kind subject.certificate_kind_mismatch",
            "/subject/legal_representative field.not_allowed"
        ]
    );
}

#[test]
fn the_report_is_deterministic() {
    let app = sample("mistakes.json");
    let first = validate(&app).to_json();
    let validator = Validator::new(&beian::RuleSet::embedded());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| assert_eq!(validator.validate(&app).to_json(), first));
        }
    });
}

#[test]
fn websites_over_the_limit_are_reported_once_and_not_checked() {
    let mut app = sample("personal.json");
    let mut blank = app.websites[0].clone();
    blank.name = String::new();
    app.websites = vec![blank; 10_000];
    let report = validate(&app);
    let too_large: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::InputTooLarge)
        .collect();
    assert_eq!(too_large.len(), 1);
    assert_eq!(too_large[0].path, "/websites");
    assert_eq!(too_large[0].params["count"], 10_000);
    assert_eq!(too_large[0].params["limit"], 100);
    let names = report.findings.iter().filter(|f| f.code == Code::FieldRequired).count();
    assert_eq!(names, 100, "only the first 100 websites are checked");
}

#[test]
fn domains_over_the_limit_are_reported_and_the_first_hundred_checked() {
    let mut app = sample("personal.json");
    let mut domain = app.websites[0].domains[0].clone();
    domain.holder = String::new();
    app.websites[0].domains = vec![domain; 101];
    let report = validate(&app);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == Code::InputTooLarge && f.path == "/websites/0/domains")
    );
    let holders = report.findings.iter().filter(|f| f.path.ends_with("/holder")).count();
    assert_eq!(holders, 100);
}

#[test]
fn other_lists_over_the_limit_are_not_checked() {
    let mut app = sample("personal.json");
    app.websites[0].languages = vec!["zh".into(); 101];
    app.websites[0].pre_approvals = vec![Default::default(); 101];
    let report = validate(&app);
    let paths: Vec<(&str, Code)> = report.findings.iter().map(|f| (f.path.as_str(), f.code)).collect();
    assert_eq!(
        paths,
        [
            ("/websites/0/pre_approvals", Code::InputTooLarge),
            ("/websites/0/languages", Code::InputTooLarge)
        ]
    );
}

#[test]
fn unknown_keys_over_the_limit_are_summarised() {
    let mut app = sample("personal.json");
    app.unknown_fields = (0..150).map(|i| format!("/x{i}")).collect();
    let report = validate(&app);
    assert_eq!(report.warnings().count(), 100);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.code == Code::InputTooLarge && f.path.is_empty())
    );
}

#[test]
fn text_output_escapes_control_characters_from_the_input() {
    // A crafted name that would clear the terminal and print a fake verdict.
    let mut app = sample("personal.json");
    app.websites[0].name = "\u{1b}[2J\u{1b}[H✔ 可以提交\r\n".into();
    app.unknown_fields.push("/websites/0/\u{1b}[31mx".into());
    let rules = beian::RuleSet::embedded();
    for language in [beian::Language::Zh, beian::Language::En] {
        let text = validate(&app).to_text(&rules, language);
        assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text}");
        assert!(text.contains("\\u{1b}[2J"), "{text}");
    }
}

#[test]
fn a_value_over_a_limit_is_never_repeated() {
    let mut app = sample("entity.json");
    let name = "深圳市示例科技有限公司".repeat(200);
    app.subject.as_mut().unwrap().name = name.clone();
    app.websites[0].domains[0].name = format!("{}.cn", "a".repeat(5000));
    app.unknown_fields.push(format!("/subject/{}", "k".repeat(5000)));
    let report = validate(&app);
    let json = report.to_json();
    assert!(json.len() < 20_000, "{} bytes", json.len());
    assert!(!json.contains(&name[..300]) && !json.contains(&"a".repeat(1001)) && !json.contains(&"k".repeat(1001)));
    let too_large: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.code == Code::InputTooLarge)
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(too_large, ["/subject", "/subject/name", "/websites/0/domains/0/name"]);
}

#[test]
fn a_report_lists_at_most_100_findings_of_one_code() {
    let mut app = sample("entity.json");
    let site = app.websites[0].clone();
    app.websites = (0..100)
        .map(|i| {
            let mut site = site.clone();
            site.name = format!("示例科技官网{i}");
            // Two domains each: 200 holder mismatches.
            site.domains = (0..2)
                .map(|j| {
                    let mut d = site.domains[0].clone();
                    d.name = format!("example-{i}-{j}.cn");
                    d.holder = "另一家公司".into();
                    d
                })
                .collect();
            site.homepage = format!("https://www.example-{i}-0.cn/");
            site
        })
        .collect();
    let report = validate(&app);
    let mismatches = report
        .findings
        .iter()
        .filter(|f| f.code == Code::DomainHolderMismatch)
        .count();
    assert_eq!(mismatches, 100);
    // The first in document order: the domains of the first 50 websites.
    let last = report
        .findings
        .iter()
        .rfind(|f| f.code == Code::DomainHolderMismatch)
        .unwrap();
    assert_eq!(last.path, "/websites/49/domains/1/holder");
    let counted = |what: &str| {
        report
            .findings
            .iter()
            .find(|f| f.code == Code::InputTooLarge && f.path.is_empty() && f.params["what"] == what)
            .unwrap_or_else(|| panic!("the rest of the {what} is counted"))
    };
    let findings = counted("findings of one code");
    assert_eq!(findings.params["limit"], 100);
    assert!(findings.params["count"].as_u64().unwrap() >= 200);
    assert!(!report.is_ok());
    // 200 domains, 200 domain certificates to prepare: the first 100 are
    // listed, the rest counted.
    let certificates: Vec<&str> = report
        .materials
        .iter()
        .filter(|m| &*m.id == "domain_certificate")
        .map(|m| m.concerns.as_str())
        .collect();
    assert_eq!(certificates.len(), 100);
    assert_eq!(certificates.last(), Some(&"/websites/49/domains/1"));
    let materials = counted("materials of one kind");
    assert_eq!(
        (materials.params["count"].as_u64(), materials.params["limit"].as_u64()),
        (Some(200), Some(100))
    );
    assert!(materials.message_zh.contains("同一种材料"), "{}", materials.message_zh);
}

/// The largest application inside the limits (100 websites of 100 domains,
/// every other list at 100 items, every string at 1,000 characters, each a
/// mistake of its own where it can be one) gives a report of a few MB: at
/// most 100 findings of one code and 100 materials of one kind. Its time is
/// a benchmark (`hostile/worst_inside_the_limits`).
#[test]
fn the_largest_application_inside_the_limits_has_a_bounded_report() {
    let mut app = sample("entity.json");
    let long = |prefix: &str| format!("{prefix}{}", "长".repeat(1000 - prefix.chars().count()));
    let site = app.websites[0].clone();
    app.websites = (0..100)
        .map(|i| {
            let mut site = site.clone();
            site.name = long(&format!("网站{i}"));
            site.domains = (0..100)
                .map(|j| beian::Domain {
                    name: format!("site{i}-domain{j}.cn"),
                    holder: long(&format!("持有者{j}")),
                    ..site.domains[0].clone()
                })
                .collect();
            site.homepage = format!("https://www.site{i}-domain0.cn/{}", "a".repeat(960));
            site.content = vec![beian::Content::Corporate; 100];
            site.pre_approvals = (0..100)
                .map(|j| beian::PreApproval {
                    category: Some(beian::PreApprovalCategory::News),
                    number: long(&format!("{j}")),
                    authority: long(""),
                })
                .collect();
            site.remarks = long("");
            site
        })
        .collect();
    let report = validate(&app);
    let json = report.to_json();
    assert!(json.len() < 5_000_000, "{} bytes", json.len());
    let mut codes = std::collections::HashMap::new();
    for f in &report.findings {
        *codes.entry(f.code).or_insert(0) += 1;
    }
    assert!(codes.values().all(|n| *n <= 100), "{codes:?}");
    assert!(codes[&Code::DomainHolderMismatch] == 100);
    let mut kinds = std::collections::HashMap::new();
    for m in &report.materials {
        *kinds.entry(m.id.clone()).or_insert(0) += 1;
    }
    assert!(kinds.values().all(|n| *n <= 100), "{kinds:?}");
}
