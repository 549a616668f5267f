//! Benchmarks of the website-name checks (length, characters, domains,
//! people's names and the word-list automata), through `validate`: the
//! personal sample with a short name that hits nothing, and with a long name
//! (980 characters) full of words of every list. The difference from
//! `validate/personal` is the cost of the name.

use std::hint::black_box;

use beian::{Application, RuleSet, Validator};
use criterion::{Criterion, criterion_group, criterion_main};

fn sample(name: &str) -> Application {
    let path = format!("{}/examples/applications/{name}", env!("CARGO_MANIFEST_DIR"));
    Application::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn names(c: &mut Criterion) {
    let validator = Validator::new(&RuleSet::embedded());
    let with_name = |name: String| {
        let mut app = sample("personal.json");
        app.websites[0].name = name;
        app
    };
    let cases = [
        ("no_hits", with_name("柠檬草的味道".into())),
        ("long_no_hits", with_name("柠檬草的味道与我的摄影小空间".repeat(70))),
        (
            "long_with_hits",
            with_name("中国新闻论坛游戏理财P2P平台反腐 example.com 王小明的官网@".repeat(26)),
        ),
    ];
    let mut group = c.benchmark_group("names");
    for (id, app) in &cases {
        assert!(app.websites[0].name.chars().count() <= 1000);
        group.bench_function(*id, |b| b.iter(|| validator.validate(black_box(app))));
    }
    group.finish();
}

criterion_group!(benches, names);
criterion_main!(benches);
