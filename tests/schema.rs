//! The JSON Schema of `Application` (feature `schemars`): the bundled
//! samples validate against it, and documents with an invalid value do not.
#![cfg(feature = "schemars")]

use serde_json::{Value, json};

fn validator() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(beian::Application)).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn sample(name: &str) -> Value {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_samples_validate() {
    let validator = validator();
    for name in ["personal.json", "entity.json", "mistakes.json"] {
        let doc = sample(name);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}

#[test]
fn what_is_invalid_does_not_validate() {
    let validator = validator();
    let mut bad = Vec::new();
    for (pointer, value) in [
        ("/subject/kind", json!("persona")),
        ("/province", json!("hongkong")),
        ("/websites/0/commercial", json!("no")),
        ("/websites/0/content", json!(["blogs"])),
        ("/hosting/kind", json!("vps")),
        ("/hosting/expires_on", json!("2027-1-1")),
        ("/subject/certificate/valid_until", json!("forever")),
    ] {
        let mut doc = sample("personal.json");
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        let app = beian::Application::from_json(&doc.to_string()).unwrap();
        assert!(
            app.invalid_fields
                .iter()
                .any(|f| f.path == pointer || f.path.starts_with(&format!("{pointer}/"))),
            "{pointer} = {value} is not invalid"
        );
        if validator.is_valid(&doc) {
            bad.push(format!("{pointer} = {value}"));
        }
    }
    assert!(bad.is_empty(), "valid against the schema but invalid: {bad:?}");
}

#[test]
fn hosting_is_one_of_its_two_kinds() {
    let validator = validator();
    let mut doc = sample("personal.json");
    doc["hosting"] = json!({ "kind": "authorization_code", "code": "abc", "used": false });
    assert!(validator.is_valid(&doc));
}

fn report_validator() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(beian::Report)).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn reports_validate_against_the_report_schema() {
    let validator = report_validator();
    for name in ["personal.json", "entity.json", "mistakes.json"] {
        let json =
            std::fs::read_to_string(format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let report = beian::validate(&beian::Application::from_json(&json).unwrap());
        let doc: Value = serde_json::from_str(&report.to_json()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        if name == "mistakes.json" {
            assert!(doc["findings"].as_array().unwrap().len() > 10);
        }
    }
    let empty = serde_json::to_value(beian::Report::new(beian::Date::constant(2026, 11, 27), "x")).unwrap();
    assert!(validator.is_valid(&empty));
}

#[test]
fn what_is_not_a_report_does_not_validate() {
    let validator = report_validator();
    let json = std::fs::read_to_string(format!(
        "{}/examples/applications/mistakes.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let report = beian::validate(&beian::Application::from_json(&json).unwrap());
    let good: Value = serde_json::from_str(&report.to_json()).unwrap();
    for (pointer, value) in [
        ("/ok", json!("no")),
        ("/as_of", json!("27.11.2026")),
        ("/findings/0/code", json!("domain.nonsense")),
        ("/findings/0/severity", json!("fatal")),
        ("/findings/0/params", json!([])),
        ("/materials/0/for", json!(3)),
        ("/steps/0/name", json!(3)),
    ] {
        let mut doc = good.clone();
        *doc.pointer_mut(pointer).unwrap() = value.clone();
        assert!(!validator.is_valid(&doc), "{pointer} = {value} validates");
    }
    let mut doc = good;
    doc.as_object_mut().unwrap().remove("findings");
    assert!(!validator.is_valid(&doc), "a report without findings validates");
}

/// Descriptions are for JSON users: plain text without the doc comments'
/// Markdown (backticks, links) or their line breaks.
#[test]
fn descriptions_are_plain_text() {
    fn walk(value: &Value, at: &str, bad: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    let here = format!("{at}/{key}");
                    match value {
                        Value::String(text) if key == "description" => {
                            if text.contains(['`', '[', ']', '\n']) {
                                bad.push(format!("{here}: {text}"));
                            }
                        }
                        _ => walk(value, &here, bad),
                    }
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, &format!("{at}/{i}"), bad);
                }
            }
            _ => {}
        }
    }
    for schema in [
        serde_json::to_value(schemars::schema_for!(beian::Application)).unwrap(),
        serde_json::to_value(schemars::schema_for!(beian::Report)).unwrap(),
    ] {
        let mut bad = Vec::new();
        walk(&schema, "", &mut bad);
        assert!(bad.is_empty(), "{bad:#?}");
    }
}
