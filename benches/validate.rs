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
//!   (the cold start of a `Validator`);
//! - `hostile/…`: the personal sample against the same sample with one
//!   50 MB value of each kind (it must cost no more than twice as much),
//!   and the largest application inside the limits (under 50 ms).

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

/// The personal sample with `value` at `pointer` (a key of an object).
fn with(pointer: &str, value: Value) -> Application {
    let mut doc: Value = serde_json::from_str(&text("personal.json")).unwrap();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    doc.pointer_mut(parent).unwrap()[key] = value;
    Application::from_json(&doc.to_string()).unwrap()
}

/// The largest application inside the limits: 100 websites of 100 distinct
/// domains each, every other list at 100 items, every string at 1,000
/// characters (each a mistake of its own where a string can be one).
pub fn worst_inside_the_limits() -> Application {
    let mut doc: Value = serde_json::from_str(&text("entity.json")).unwrap();
    let long = |prefix: &str| format!("{prefix}{}", "长".repeat(1000 - prefix.chars().count()));
    let site = doc["websites"][0].clone();
    let sites: Vec<Value> = (0..100)
        .map(|i| {
            let mut site = site.clone();
            site["name"] = Value::from(long(&format!("网站{i}")));
            site["domains"] = (0..100)
                .map(|j| {
                    let mut domain = site["domains"][0].clone();
                    domain["name"] = Value::from(format!("site{i}-domain{j}.cn"));
                    domain["holder"] = Value::from(long(&format!("持有者{j}")));
                    domain
                })
                .collect();
            site["homepage"] = Value::from(format!("https://www.site{i}-domain0.cn/{}", "a".repeat(960)));
            site["content"] = Value::from(vec!["corporate"; 100]);
            site["languages"] = Value::from(vec!["zh-Hans"; 100]);
            site["pre_approvals"] = (0..100)
                .map(|j| serde_json::json!({ "category": "news", "number": long(&format!("{j}")), "authority": long("") }))
                .collect();
            site["remarks"] = Value::from(long(""));
            site
        })
        .collect();
    doc["websites"] = Value::from(sites);
    doc["subject"]["mailing_address"] = Value::from(long("广东省深圳市"));
    Application::from_json(&doc.to_string()).unwrap()
}

fn hostile(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let mut group = c.benchmark_group("hostile");
    let personal = Application::from_json(&text("personal.json")).unwrap();
    group.bench_function("personal", |b| b.iter(|| validator.validate(black_box(&personal))));
    let huge = |unit: &str| Value::from(unit.repeat(50_000_000 / unit.len()));
    for (name, pointer, unit) in [
        ("certificate_number", "/subject/certificate/number", "3"),
        ("subject_name", "/subject/name", "王"),
        ("mobile", "/subject/mobile", "1"),
        ("domain", "/websites/0/domains/0/name", "a"),
        ("homepage", "/websites/0/homepage", "a"),
        ("icp_number", "/websites/0/icp_number", "浙"),
    ] {
        let app = with(pointer, huge(unit));
        group.bench_function(format!("50mb_{name}"), |b| {
            b.iter(|| validator.validate(black_box(&app)))
        });
    }
    group.sample_size(10);
    let worst = worst_inside_the_limits();
    group.bench_function("worst_inside_the_limits", |b| {
        b.iter(|| validator.validate(black_box(&worst)))
    });
    group.finish();
}

criterion_group!(benches, documents, scale, operations, rules, hostile);
criterion_main!(benches);
