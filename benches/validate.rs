//! Benchmarks of the validation path, each document measured in the same run
//! as its baselines (see BENCHMARKS.md for the figures and the machine):
//!
//! - `<document>/beian`: `Validator::validate` on a parsed application;
//! - `<document>/serde_json`: deserialising the JSON text into `Application`;
//! - `<document>/jsonschema`: the `jsonschema` crate checking the same JSON
//!   (already parsed into a `serde_json::Value`) against a schema of the
//!   structural subset of the rules (required fields, enums, patterns for
//!   the ID, mobile, e-mail and domain fields: `benches/data/structural.schema.json`);
//! - `scale/…`: one website against 100, and a 10,000-website application
//!   rejected as `input.too_large`;
//! - `rules/…`: compiling the rule set from the crate's `rules/` directory
//!   (the cold start of a `Validator`).

use std::hint::black_box;

use beian::{Application, RuleSet, Validator};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::Value;

fn text(name: &str) -> String {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

/// The entity sample with `n` websites, each with its own name and domain.
pub fn entity_with_websites(n: usize) -> String {
    let mut doc: Value = serde_json::from_str(&text("entity.json")).unwrap();
    let site = doc["websites"][0].clone();
    let sites: Vec<Value> = (0..n)
        .map(|i| {
            let mut site = site.clone();
            site["name"] = Value::from(format!("示例科技官网{i}"));
            site["domains"][0]["name"] = Value::from(format!("example-tech-{i}.cn"));
            site["homepage"] = Value::from(format!("https://www.example-tech-{i}.cn/"));
            site
        })
        .collect();
    doc["websites"] = Value::from(sites);
    doc.to_string()
}

/// An `add_access` order of the entity sample's subject: `n` of its `record`
/// filed websites moved to this provider, each equal to the record.
pub fn add_access(n: usize, record: usize) -> String {
    let mut doc: Value = serde_json::from_str(&entity_with_websites(record)).unwrap();
    let number = |i: usize| format!("粤ICP备2024000002号-{}", i + 1);
    let recorded: Vec<Value> = doc["websites"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, w)| {
            serde_json::json!({
                "name": w["name"], "domains": [{ "name": w["domains"][0]["name"] }],
                "manager": w["manager"], "icp_number": number(i), "access_providers": ["aliyun"],
            })
        })
        .collect();
    doc["operation"] = Value::from("add_access");
    doc["existing"] = serde_json::json!({
        "subject_number": "粤ICP备2024000002号", "subject": doc["subject"], "websites": recorded,
    });
    let mut sites = doc["websites"].as_array().unwrap().clone();
    sites.truncate(n);
    for (i, site) in sites.iter_mut().enumerate() {
        site["icp_number"] = Value::from(number(i));
    }
    doc["websites"] = Value::from(sites);
    doc.to_string()
}

fn operations(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let mut group = c.benchmark_group("operations");
    let first = Application::from_json(&entity_with_websites(10)).unwrap();
    let access = Application::from_json(&add_access(10, 20)).unwrap();
    assert!(
        validator.validate(&access).is_ok(),
        "{:?}",
        validator.validate(&access).findings
    );
    group.bench_function("first_filing_10_websites", |b| {
        b.iter(|| validator.validate(black_box(&first)))
    });
    group.bench_function("add_access_10_of_20", |b| {
        b.iter(|| validator.validate(black_box(&access)))
    });
    group.finish();
}

fn documents(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let schema: Value = serde_json::from_str(include_str!("data/structural.schema.json")).unwrap();
    let structural = jsonschema::validator_for(&schema).unwrap();
    let documents = [
        ("personal", text("personal.json")),
        ("entity", text("entity.json")),
        ("mistakes", text("mistakes.json")),
        ("entity_100_websites", entity_with_websites(100)),
    ];
    for (name, json) in &documents {
        let app = Application::from_json(json).unwrap();
        let value: Value = serde_json::from_str(json).unwrap();
        let mut group = c.benchmark_group(*name);
        group.bench_function("beian", |b| b.iter(|| validator.validate(black_box(&app))));
        group.bench_function("serde_json", |b| {
            b.iter(|| serde_json::from_str::<Application>(black_box(json)).unwrap())
        });
        group.bench_function("jsonschema", |b| b.iter(|| structural.is_valid(black_box(&value))));
        group.finish();
    }
}

fn scale(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let mut group = c.benchmark_group("scale");
    for n in [1, 100, 10_000] {
        let app = Application::from_json(&entity_with_websites(n)).unwrap();
        group.bench_function(format!("websites_{n}"), |b| {
            b.iter(|| validator.validate(black_box(&app)))
        });
    }
    group.finish();
}

fn rules(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    let mut group = c.benchmark_group("rules");
    group.sample_size(20);
    group.bench_function("compile", |b| b.iter(|| RuleSet::from_dir(black_box(dir)).unwrap()));
    group.finish();
}

criterion_group!(benches, documents, scale, operations, rules);
criterion_main!(benches);
