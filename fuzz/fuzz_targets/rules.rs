//! A mutated rule directory → `RuleSet::from_dir`: loading never panics, a
//! rule set that loads validates the samples, and an error names a file of
//! the directory.
//!
//! An input is one rule file replaced: its first line names the file as
//! the rules directory does (`provinces/zhejiang.toml`), the rest is the
//! new text (`fuzz/seed_rules.sh` writes one input per file). The other
//! files are the embedded ones, written once per process.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use beian::{Application, RuleSet, Validator};
use libfuzzer_sys::fuzz_target;

/// The directory holding an unmodified copy of the embedded rules.
fn dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("beian-fuzz-rules-{}", std::process::id()));
        for (name, text) in RuleSet::embedded_files() {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    })
}

fn samples() -> &'static [Application] {
    static SAMPLES: OnceLock<Vec<Application>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        [
            include_str!("../../examples/applications/personal.json"),
            include_str!("../../examples/applications/mistakes.json"),
            include_str!("../../examples/applications/entity-apps.json"),
        ]
        .iter()
        .map(|json| Application::from_json(json).unwrap())
        .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some(newline) = data.iter().position(|&b| b == b'\n') else { return };
    let (name, text) = (&data[..newline], &data[newline + 1..]);
    let files: Vec<_> = RuleSet::embedded_files().collect();
    let Some(&(name, original)) = files.iter().find(|(n, _)| n.as_bytes() == name) else { return };
    let path = dir().join(name);
    std::fs::write(&path, text).unwrap();
    let loaded = RuleSet::from_dir(dir());
    std::fs::write(&path, original).unwrap();
    match loaded {
        Ok(rules) => {
            let validator = Validator::new(&rules);
            for app in samples() {
                let report = validator.validate(app);
                assert_eq!(report.is_ok(), report.errors().next().is_none());
            }
        }
        Err(error) => {
            let shown = error.to_string();
            assert!(
                files.iter().any(|(name, _)| shown.contains(name)),
                "the error names no rule file: {shown}"
            );
        }
    }
});
