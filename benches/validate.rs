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
//! - `apps/…`: the personal sample (one website) against the personal
//!   sample of apps (an app on Android and iOS, a mini program, a quick app)
//!   and the entity's website with 10 apps, in one run;
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

/// The entity sample with apps, its 3 apps repeated to `n`, each with a
/// name, identifiers and domains of its own.
pub fn entity_with_apps(n: usize) -> String {
    let mut doc: Value = serde_json::from_str(&text("entity-apps.json")).unwrap();
    let samples = doc["apps"].as_array().unwrap().clone();
    let apps: Vec<Value> = (0..n)
        .map(|i| {
            let mut app = samples[i % samples.len()].clone();
            let name = format!("{}{i}", app["name"].as_str().unwrap());
            app["name"] = Value::from(name);
            if let Some(platforms) = app["platforms"].as_array_mut() {
                for p in platforms {
                    for key in ["package_name", "bundle_id", "bundle_name"] {
                        if let Some(id) = p[key].as_str() {
                            p[key] = Value::from(format!("{id}.v{i}"));
                        }
                    }
                    p.as_object_mut().unwrap().remove("name");
                }
            }
            if let Some(domains) = app["domains"].as_array_mut() {
                for d in domains {
                    let host = format!("a{i}.{}", d["name"].as_str().unwrap());
                    d["name"] = Value::from(host);
                }
            }
            app
        })
        .collect();
    doc["apps"] = Value::from(apps);
    doc.to_string()
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

fn apps(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let mut group = c.benchmark_group("apps");
    for (name, json) in [
        ("personal", text("personal.json")),
        ("personal_apps", text("personal-apps.json")),
        ("entity_10_apps", entity_with_apps(10)),
    ] {
        let app = Application::from_json(&json).unwrap();
        let report = validator.validate(&app);
        assert!(
            report.is_ok() && report.findings.is_empty(),
            "{name}: {:#?}",
            report.findings
        );
        group.bench_function(format!("{name}/beian"), |b| {
            b.iter(|| validator.validate(black_box(&app)))
        });
        group.bench_function(format!("{name}/serde_json"), |b| {
            b.iter(|| serde_json::from_str::<Application>(black_box(&json)).unwrap())
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

criterion_group!(benches, documents, scale, apps, rules);
criterion_main!(benches);
