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
