//! What several integration tests share: the example binaries and copies of
//! the rule directory. Each test binary uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use beian::RuleSet;

/// The binary of an example. `cargo test` builds the examples next to the
/// tests; when only one test was asked for, build the example here.
pub fn example(name: &str) -> PathBuf {
    static BUILDING: Mutex<()> = Mutex::new(());
    let deps = std::env::current_exe().unwrap();
    let profile = deps.parent().unwrap().parent().unwrap();
    let exe = profile
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let _guard = BUILDING.lock().unwrap_or_else(|e| e.into_inner());
    if !exe.exists() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo).args(["build", "--example", name]).status().unwrap();
        assert!(status.success(), "cannot build the example `{name}`");
    }
    assert!(exe.exists(), "{} was not built", exe.display());
    exe
}

/// The path of a file of the crate's `rules/`.
pub fn rules_file(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("rules").join(file)
}

/// The 1-based number of the first line of `file` in `rules/` that contains `text`.
pub fn line_of(file: &str, text: &str) -> usize {
    let content = std::fs::read_to_string(rules_file(file)).unwrap();
    content.lines().position(|l| l.contains(text)).expect("text in file") + 1
}

/// The number of lines of a file in `rules/`.
pub fn lines(file: &str) -> usize {
    std::fs::read_to_string(rules_file(file)).unwrap().lines().count()
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of `rules/` in a fresh temporary directory, removed on drop.
pub struct RulesCopy {
    pub dir: PathBuf,
}

impl RulesCopy {
    /// A copy named after the test binary and `name`, so that tests running
    /// at once never share one.
    pub fn new(name: &str) -> RulesCopy {
        let binary = std::env::current_exe().unwrap();
        let binary = binary.file_stem().unwrap().to_string_lossy();
        let dir = std::env::temp_dir().join(format!("beian-{binary}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"), &dir);
        RulesCopy { dir }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dir.join(file)
    }

    /// Replaces the first occurrence of `from` in a file.
    pub fn edit(&self, file: &str, from: &str, to: &str) -> &RulesCopy {
        let path = self.path(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} does not contain {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn append(&self, file: &str, text: &str) -> &RulesCopy {
        let path = self.path(file);
        let mut old = std::fs::read_to_string(&path).unwrap();
        old.push_str(text);
        std::fs::write(&path, old).unwrap();
        self
    }

    /// Loads the copy, expecting an error in `file` at `line` whose message
    /// contains `message`.
    pub fn fails(&self, file: &str, line: Option<usize>, message: &str) {
        let err = RuleSet::from_dir(&self.dir).expect_err("the rule set should not load");
        assert!(
            err.file().ends_with(file),
            "error in {}, expected {file}: {err}",
            err.file()
        );
        assert_eq!(err.line(), line, "{err}");
        assert!(
            err.message().contains(message),
            "`{}` does not contain `{message}`",
            err.message()
        );
        let shown = err.to_string();
        assert!(shown.contains(file), "{shown}");
        if let Some(line) = line {
            assert!(shown.contains(&format!(":{line}:")), "{shown}");
        }
    }
}

impl RulesCopy {
    /// Like [`RulesCopy::fails`], at the line of the embedded `file` that
    /// contains `at` (or at no line).
    pub fn fails_at(&self, file: &str, at: Option<&str>, message: &str) {
        self.fails(file, at.map(|text| line_of(file, text)), message);
    }
}

impl Drop for RulesCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
