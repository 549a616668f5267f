//! Website names, content and pre-approvals through the public API: the
//! approval-number vectors of `tests/fixtures/pre_approval_numbers.toml`,
//! properties the declarative cases cannot express. The rule-data errors
//! of `names.toml`, `content.toml` and the `[websites]` sections are in
//! `tests/rule_errors.toml`.

use std::path::Path;

use beian::{Application, Code, PreApproval, PreApprovalCategory, RuleSet, validate};

fn sample(name: &str) -> Application {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    Application::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Vectors {
    number: Vec<Vector>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Vector {
    category: PreApprovalCategory,
    number: String,
    valid: bool,
    #[allow(dead_code)]
    source: String,
}

#[test]
fn approval_numbers_of_the_reference() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pre_approval_numbers.toml");
    let vectors: Vectors = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut categories: Vec<PreApprovalCategory> = Vec::new();
    for v in &vectors.number {
        let mut app = sample("entity.json");
        let website = &mut app.websites[0];
        website.content = vec![v.category.as_str().parse().unwrap()];
        website.pre_approvals = vec![PreApproval {
            category: Some(v.category),
            number: v.number.clone(),
            authority: String::new(),
        }];
        let report = validate(&app);
        let flagged: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.code == Code::WebsitePreApprovalNumberFormat)
            .collect();
        assert_eq!(
            flagged.is_empty(),
            v.valid,
            "{} `{}`: {:?}",
            v.category,
            v.number,
            report.findings
        );
        assert_eq!(report.findings.len(), flagged.len(), "{:?}", report.findings);
        if let Some(f) = flagged.first() {
            assert_eq!(f.path, "/websites/0/pre_approvals/0/number");
            assert_eq!(f.rule, format!("pre_approvals.{}", v.category));
        }
        if !categories.contains(&v.category) {
            categories.push(v.category);
        }
    }
    // The five categories whose formats the reference gives.
    assert_eq!(categories.len(), 5);
}

#[test]
fn each_word_is_its_own_finding() {
    let mut app = sample("personal.json");
    app.websites[0].name = "小明的导航商城".into();
    let report = validate(&app);
    let words: Vec<(&str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.params["word"].as_str().unwrap(), f.rule.as_str()))
        .collect();
    assert_eq!(
        words,
        [
            ("导航", "names.lists.personal.导航"),
            ("商城", "names.lists.personal.商城")
        ]
    );
    // The same word twice is one finding.
    app.websites[0].name = "商城小明商城".into();
    assert_eq!(validate(&app).findings.len(), 1);
}

#[test]
fn a_personal_filing_cannot_pass_with_pre_approval_content_or_a_commercial_flag() {
    for content in PreApprovalCategory::ALL {
        let mut app = sample("personal.json");
        app.websites[0].content = vec![content.as_str().parse().unwrap()];
        app.websites[0].pre_approvals = vec![PreApproval {
            category: Some(*content),
            number: "11120180001".into(),
            authority: String::new(),
        }];
        assert!(!validate(&app).is_ok(), "{content}");
    }
    let mut app = sample("personal.json");
    app.websites[0].commercial = true;
    assert!(!validate(&app).is_ok());
}

#[test]
fn every_finding_names_a_rule_with_a_source() {
    let rules = RuleSet::embedded();
    let mut app = sample("entity.json");
    app.websites[0].name = "中国新闻@example.com".into();
    app.websites[0].commercial = true;
    app.websites[0].content = vec![beian::Content::News];
    let report = validate(&app);
    assert!(report.findings.len() >= 5, "{:?}", report.findings);
    for f in &report.findings {
        let rule = rules.rule(&f.rule).unwrap_or_else(|| panic!("no rule {}", f.rule));
        assert!(!rule.sources().is_empty());
    }
}

#[test]
fn a_long_name_is_checked_in_one_pass_and_every_hit_reported() {
    let mut app = sample("personal.json");
    app.websites[0].name = "小明的技术笔记".repeat(140); // 980 characters
    assert!(validate(&app).findings.is_empty());
    app.websites[0].name.push_str("游戏论坛");
    let report = validate(&app);
    let codes: Vec<Code> = report.findings.iter().map(|f| f.code).collect();
    assert_eq!(
        codes,
        [Code::WebsiteNameForbiddenWord, Code::WebsiteNamePreApprovalKeyword]
    );
}
