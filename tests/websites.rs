//! Website names, content and pre-approvals through the public API: the
//! approval-number vectors of `tests/fixtures/pre_approval_numbers.toml`,
//! properties the declarative cases cannot express, and the rule-data
//! errors of `names.toml`, `content.toml` and the `[websites]` sections.

mod support;

use std::path::Path;

use beian::{Application, Code, PreApproval, PreApprovalCategory, RuleSet, validate};
use support::{RulesCopy as Copy, line_of};

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

#[test]
fn an_example_number_that_matches_no_format() {
    Copy::new("example")
        .edit("content.toml", "\"1109364\"", "\"110936\"")
        .fails_at("content.toml", Some("\"1109364\""), "the example `110936` matches none");
}

#[test]
fn a_number_format_that_is_not_anchored() {
    Copy::new("anchor")
        .edit("content.toml", r"'^\d{7}$'", r"'\d{7}'")
        .fails_at("content.toml", Some(r"'^\d{7}$'"), "must match the whole number");
}

#[test]
fn an_invalid_number_format() {
    Copy::new("regex")
        .edit("content.toml", r"'^\d{7}$'", r"'^\d{7$'")
        .fails_at("content.toml", Some(r"'^\d{7}$'"), "invalid number format");
}

#[test]
fn a_content_id_without_its_entry() {
    Copy::new("content")
        .edit("content.toml", "[content.search]", "[content.searches]")
        .fails_at("content.toml", Some("[content.search]"), "unknown variant `searches`");
    Copy::new("content-missing")
        .edit(
            "content.toml",
            "[content.search]\nopen_to_personal = true\nsource = [\"WX\", \"TX-SITE\"]\nsource_date = \"2022\"\n",
            "",
        )
        .fails_at(
            "content.toml",
            None,
            "the content id `search` has no `[content.search]` entry",
        );
}

#[test]
fn pre_approval_content_open_to_persons() {
    Copy::new("open")
        .edit(
            "content.toml",
            "pre_approval = \"news\"\nopen_to_personal = false",
            "pre_approval = \"news\"\nopen_to_personal = true",
        )
        .fails_at(
            "content.toml",
            Some("[content.news]"),
            "cannot be open to personal filings",
        );
}

#[test]
fn a_keyword_without_its_category() {
    Copy::new("category")
        .edit("names.toml", "category = \"religion\"\n", "")
        // The error is at the `[[lists.pre_approval_keywords.words]]` header of the group.
        .fails(
            "names.toml",
            Some(line_of("names.toml", "words = [\"宗教\"]") - 1),
            "need their `category`",
        );
}

#[test]
fn an_unknown_category() {
    Copy::new("category-unknown")
        .edit("names.toml", "category = \"religion\"", "category = \"religions\"")
        .fails_at(
            "names.toml",
            Some("category = \"religion\""),
            "unknown variant `religions`",
        );
}

#[test]
fn an_exception_that_contains_no_word() {
    Copy::new("except")
        .edit("names.toml", "except = [\"基金会\"]", "except = [\"协会\"]")
        .fails(
            "names.toml",
            Some(line_of("names.toml", "words = [\"交易所\"") - 1),
            "the exception `协会` contains no word",
        );
}

#[test]
fn a_word_listed_twice() {
    Copy::new("twice")
        .edit(
            "names.toml",
            "words = [\"平台\", \"网址\", \"资讯\"]",
            "words = [\"平台\", \"网址\", \"商城\"]",
        )
        .fails_at("names.toml", None, "rule `names.lists.personal.商城` is defined twice");
}

#[test]
fn a_word_spelt_twice() {
    Copy::new("spelling")
        .edit("names.toml", "\"股权众筹\"", "\"p2p\"")
        .fails(
            "names.toml",
            Some(line_of("names.toml", "words = [\"交易所\"") - 1),
            "`p2p` is another spelling of a word of the list `pre_approval_keywords`",
        );
}

#[test]
fn an_unknown_list_kind() {
    Copy::new("kind")
        .edit("names.toml", "kind = \"sensitive\"", "kind = \"sensitiv\"")
        .fails_at("names.toml", Some("kind = \"sensitive\""), "unknown variant `sensitiv`");
}

#[test]
fn a_national_table_missing() {
    Copy::new("national")
        .edit("names.toml", "[duplicate]", "[duplicates]")
        .fails_at("names.toml", Some("[duplicate]"), "unknown field `duplicates`");
}

#[test]
fn a_province_that_sets_the_characters() {
    Copy::new("characters")
        .edit(
            "provinces/shanghai.toml",
            "[websites.names.chinese]",
            "[websites.names.characters]\nseparators = [\"-\"]\nsource = \"TX-PROV\"\nsource_date = \"2022\"\n\n[websites.names.chinese]",
        )
        .fails_at("provinces/shanghai.toml", Some("[websites.names.chinese]"), "a province cannot set `characters`");
}

#[test]
fn a_restriction_with_both_refused_and_only() {
    Copy::new("restriction")
        .edit(
            "provinces/heilongjiang.toml",
            "only = [\"blog\"]",
            "only = [\"blog\"]\nrefused = [\"news\"]",
        )
        .fails_at(
            "provinces/heilongjiang.toml",
            Some("[websites.content.personal]"),
            "either `refused` or `only`",
        );
}

#[test]
fn a_misspelt_key_in_a_websites_section() {
    Copy::new("section")
        .edit("provinces/zhejiang.toml", "refused = [\"blog\"]", "refuse = [\"blog\"]")
        .fails_at(
            "provinces/zhejiang.toml",
            Some("refused = [\"blog\"]"),
            "unknown field `refuse`",
        );
}
