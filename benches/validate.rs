//! Benchmarks of the validation path: loading the embedded rule set (cold
//! start) and validating the bundled sample applications.

use std::hint::black_box;

use beian::{Application, RuleSet, Validator};
use criterion::{Criterion, criterion_group, criterion_main};

fn sample(name: &str) -> Application {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    Application::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn validate(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let mut group = c.benchmark_group("validate");
    for name in ["personal.json", "entity.json", "mistakes.json"] {
        let app = sample(name);
        group.bench_function(name.trim_end_matches(".json"), |b| {
            b.iter(|| validator.validate(black_box(&app)))
        });
    }
    group.finish();
}

fn load_rules(c: &mut Criterion) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
    c.bench_function("rules/from_dir", |b| {
        b.iter(|| RuleSet::from_dir(black_box(dir)).unwrap())
    });
}

criterion_group!(benches, validate, load_rules);
criterion_main!(benches);
