//! The contract page of the documentation (`src/doc/contract.md`, the
//! `beian::contract` module) against the code: its key tables list exactly
//! the keys of the model, and its report example is what the crate reports.

use serde::Serialize;
use serde_json::Value;

fn page() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/doc/contract.md")).unwrap()
}

/// The keys in the first column of the table under `heading`.
fn table_keys(page: &str, heading: &str) -> Vec<String> {
    let start = page
        .find(&format!("\n{heading}"))
        .unwrap_or_else(|| panic!("no heading {heading}"));
    page[start..]
        .lines()
        .skip_while(|l| !l.starts_with("| key |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| l.split('|').nth(1).unwrap().trim().trim_matches('`').to_owned())
        .collect()
}

/// The keys between braces after `marker`: `{kind, number, valid_until}`.
fn braced_keys(page: &str, marker: &str) -> Vec<String> {
    let at = page.find(marker).unwrap_or_else(|| panic!("no {marker}")) + marker.len();
    let inner = &page[at..at + page[at..].find('}').unwrap()];
    inner
        .split(',')
        .map(|k| k.trim().trim_start_matches('{').trim_matches('"').to_owned())
        .map(|k| k.split(':').next().unwrap().trim_matches('"').to_owned())
        .collect()
}

fn keys<T: Serialize>(value: &T) -> Vec<String> {
    match serde_json::to_value(value).unwrap() {
        Value::Object(map) => map.keys().cloned().collect(),
        other => panic!("not an object: {other}"),
    }
}

fn same(mut listed: Vec<String>, mut model: Vec<String>, what: &str) {
    listed.sort();
    model.sort();
    assert_eq!(listed, model, "{what}: the contract's keys and the model's differ");
}

#[test]
fn the_tables_list_the_keys_of_the_model() {
    let page = page();
    same(
        table_keys(&page, "## Top level"),
        keys(&beian::Application::default()),
        "application",
    );
    same(
        table_keys(&page, "## The subject"),
        keys(&beian::Subject::default()),
        "subject",
    );
    same(
        table_keys(&page, "## A person"),
        keys(&beian::Person::default()),
        "person",
    );
    same(
        table_keys(&page, "## A website"),
        keys(&beian::Website::default()),
        "website",
    );
    same(
        braced_keys(&page, "| `domains` | yes, at least one | `"),
        keys(&beian::Domain::default()),
        "domain",
    );
    same(
        braced_keys(&page, "| `certificate` | yes | `"),
        keys(&beian::Certificate::default()),
        "certificate",
    );
    same(
        braced_keys(&page, "| `residence_permit` | no | personal: `"),
        keys(&beian::ResidencePermit::default()),
        "residence permit",
    );
    same(
        braced_keys(&page, "| `pre_approvals` | no | `"),
        keys(&beian::PreApproval::default()),
        "pre-approval",
    );
    same(table_keys(&page, "## An app"), keys(&beian::App::default()), "app");
    same(
        table_keys(&page, "A platform ("),
        keys(&beian::Platform::default()),
        "platform",
    );
    same(
        table_keys(&page, "## The filing on record"),
        keys(&beian::Existing::default()),
        "existing",
    );
    same(
        table_keys(&page, "A recorded website"),
        keys(&beian::RecordedWebsite::default()),
        "recorded website",
    );
    same(
        braced_keys(&page, "- `{\"kind\": \"cloud_server\", "),
        keys(&beian::CloudServer::default()),
        "cloud server",
    );
    same(
        braced_keys(&page, "- `{\"kind\": \"authorization_code\", "),
        keys(&beian::AuthorizationCode::default()),
        "authorization code",
    );
}

#[test]
fn the_report_example_is_what_the_crate_reports() {
    let page = page();
    let start = page.find("```json\n").unwrap() + "```json\n".len();
    let example: Value = serde_json::from_str(&page[start..start + page[start..].find("```").unwrap()]).unwrap();
    let json = include_str!("../examples/applications/personal.json").replace("xiaoming-notes.cn", "xiaoming-notes.io");
    let report = beian::validate(&beian::Application::from_json(&json).unwrap());
    let actual: Value = serde_json::from_str(&report.to_json()).unwrap();
    for key in ["ok", "as_of", "province", "filing_type", "ruleset", "findings"] {
        assert_eq!(example[key], actual[key], "{key}");
    }
    for key in ["materials", "steps"] {
        for item in example[key].as_array().unwrap() {
            assert!(actual[key].as_array().unwrap().contains(item), "{key}: {item}");
        }
    }
    let mut documented: Vec<&str> = example.as_object().unwrap().keys().map(String::as_str).collect();
    let mut reported: Vec<&str> = actual.as_object().unwrap().keys().map(String::as_str).collect();
    documented.sort_unstable();
    reported.sort_unstable();
    assert_eq!(documented, reported);
}
