//! Benchmarks of the domain path: normalising a name (IDNA), finding its
//! registrable domain in the public suffix list, and looking up its public
//! suffix, for ASCII and internationalized names.

use std::hint::black_box;

use beian::RuleSet;
use beian::domain::DomainName;
use criterion::{Criterion, criterion_group, criterion_main};

const NAMES: [(&str, &str); 4] = [
    ("ascii", "www.example-tech.com.cn"),
    ("ascii_mixed_case", "WWW.Example-Tech.COM.CN."),
    ("idn_unicode", "www.食狮.公司.cn"),
    ("idn_punycode", "www.xn--85x722f.xn--55qx5d.cn"),
];

fn domain(c: &mut Criterion) {
    let rules = RuleSet::embedded();
    let psl = rules.public_suffix_list();
    let mut group = c.benchmark_group("domain");
    for (id, input) in NAMES {
        group.bench_function(format!("parse/{id}"), |b| {
            b.iter(|| DomainName::parse(black_box(input)))
        });
        let name = DomainName::parse(input).unwrap();
        group.bench_function(format!("registrable/{id}"), |b| {
            b.iter(|| psl.registrable_domain(black_box(&name)))
        });
        group.bench_function(format!("suffix/{id}"), |b| {
            b.iter(|| psl.public_suffix(black_box(&name)).is_listed())
        });
        group.bench_function(format!("all/{id}"), |b| {
            b.iter(|| {
                let name = DomainName::parse(black_box(input)).unwrap();
                let suffix = psl.public_suffix(&name).is_listed();
                (psl.registrable_domain(&name), suffix)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, domain);
criterion_main!(benches);
